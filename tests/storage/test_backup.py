"""Backups: a restore gives back exactly the data backed up, the current state is kept first,
a damaged backup replaces nothing; listing, thinning, the extra folder, the read-only view."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from storage.backup import (
    EXTRA_FOLDER_KEY,
    BackupInfo,
    backup_name,
    backups_to_remove,
    copy_to_folder,
    extra_folder,
    list_backups,
    make_backup,
    open_backup_readonly,
    parse_backup_name,
    restore_backup,
    thin_backups,
)
from storage.errors import DatabaseDamaged, ReadOnlyStorage, StorageUnavailable, StoreError
from storage.keystore import secret_path
from storage.model import Household, HouseholdYear, Member
from storage.sealed_backup import set_passphrase
from storage.store import Store
from tests.files import file_digest, table_contents
from tests.key_traces import key_secrets, traces_in_file, traces_in_values

PASSPHRASE = "mật khẩu sao lưu thử"


def add_households(store: Store, group_id: str, names: list[str], year: int = 2024) -> list[str]:
    ids = []
    for number, name in enumerate(names):
        household = store.households.add(
            Household(group_id=group_id, head_name=name, address=f"Số {number + 1}, đường Lê Duẩn",
                      phone="0912 345 678", member_count=2),
            members=[Member(f"Lò Thị {number}", "Vợ")],
            status=HouseholdYear("", year, group_id, cultural_family=True))
        ids.append(household.id)
    return ids


# -- restoring -------------------------------------------------------------------------------


def test_a_restore_gives_back_every_row_exactly_and_keeps_the_state_it_replaced(
    store: Store, city: dict[str, str]
) -> None:
    ids = add_households(store, city["group_1"], ["Nguyễn Văn An", "Đỗ Thị Ngọc Ánh"])
    backup = make_backup(store, "manual")
    assert backup.parent == store.path.parent / "backups"
    path = store.path
    store.close()
    backed_up = table_contents(path)
    assert backed_up == table_contents(backup)  # the copy holds every row

    with Store(path, actor="test") as later:
        later.households.delete(ids[0])
        add_households(later, city["group_3"], ["Lò Văn Pọm"], 2023)
        later.households.update(Household(
            group_id=city["group_1"], head_name="Đỗ Thị Ngọc Ánh", address="Số 9",
            member_count=5, id=ids[1]))
    changed = table_contents(path)
    assert changed != backed_up

    result = restore_backup(path, backup)

    assert table_contents(path) == backed_up
    assert result.restored_from == backup
    assert result.saved_current is not None and result.saved_current.exists()
    assert parse_backup_name(result.saved_current, path)[1] == "before-restore"
    assert table_contents(result.saved_current) == changed  # nothing is lost
    with Store(path, actor="test") as restored:
        assert restored.households.get(ids[0]).head_name == "Nguyễn Văn An"
        assert restored.households.get(ids[1]).member_count == 2
        assert restored.verify_audit_chain() == []


def test_a_restore_over_a_crashed_file_keeps_what_only_the_wal_held(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        backup = make_backup(store, "manual")
    # The state a power cut leaves: the last action only in the -wal, the -shm beside it.
    live = Store(path)
    live.units.add("phuong", "Phường Mới Sau Sao Lưu", city.id, 2020)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(f"{path}{suffix}", crashed / f"office.sqlite{suffix}")
    live.close()
    crashed_db = crashed / "office.sqlite"
    assert Path(f"{crashed_db}-wal").stat().st_size > 0
    shutil.copy(backup, crashed / backup.name)

    result = restore_backup(crashed_db, crashed / backup.name)

    assert not Path(f"{crashed_db}-wal").exists() and not Path(f"{crashed_db}-shm").exists()
    assert result.saved_current is not None
    saved = sqlite3.connect(result.saved_current)
    assert saved.execute("SELECT name FROM units WHERE kind = 'phuong'").fetchall() == [
        ("Phường Mới Sau Sao Lưu",)]
    saved.close()
    with Store(crashed_db) as restored:
        assert [unit.name for unit in restored.units.all()] == ["Thành phố Thử"]


def test_a_damaged_backup_replaces_nothing(store: Store, city: dict[str, str]) -> None:
    add_households(store, city["group_1"], ["Nguyễn Văn An"])
    backup = make_backup(store, "manual")
    path = store.path
    store.close()
    data = bytearray(backup.read_bytes())
    page = 4096
    data[page * 2:page * 3] = bytes(range(256)) * 16  # a b-tree page full of garbage
    backup.write_bytes(bytes(data))
    before = file_digest(path)
    backups_before = sorted(p.name for p in backup.parent.iterdir())

    with pytest.raises(DatabaseDamaged, match="bị hỏng"):
        restore_backup(path, backup)

    assert file_digest(path) == before
    assert sorted(p.name for p in backup.parent.iterdir()) == backups_before
    assert not Path(f"{path}.restoring").exists()


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path: Path, store: Store) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseDamaged):
        restore_backup(store.path, bogus)



def test_restore_refuses_another_programs_database(tmp_path: Path, store: Store) -> None:
    import sqlite3

    from storage.file_identity import NotOurDatabase
    from tests.files import file_digest

    foreign = tmp_path / "ghi-chu.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('của chương trình khác')")
    assert store.path is not None
    store.close()
    before = file_digest(store.path)
    with pytest.raises(NotOurDatabase):
        restore_backup(store.path, foreign)
    assert file_digest(store.path) == before

# -- listing and thinning --------------------------------------------------------------------


def test_the_list_reads_time_and_reason_from_the_names_and_sees_damaged_copies(
    store: Store,
) -> None:
    first = make_backup(store, "manual", thin=False)
    second = make_backup(store, "before-import", thin=False)
    damaged = first.with_name(backup_name(store.path, "auto", dt.datetime(2020, 1, 2, 3, 4, 5)))
    damaged.write_bytes(b"\0" * 8192)
    (first.parent / "notes.txt").write_text("not a backup", encoding="utf-8")
    (first.parent / "other-20200101-000000-000000-manual.sqlite").write_bytes(b"x")

    listed = list_backups(store.path)

    assert [info.path for info in listed] == [second, first, damaged]
    assert [info.reason for info in listed] == ["before-import", "manual", "auto"]
    assert [info.opens for info in listed] == [True, True, False]
    assert listed[2].made_at == dt.datetime(2020, 1, 2, 3, 4, 5)
    assert listed[0].size == second.stat().st_size > 0


def info(when: str, reason: str = "auto") -> BackupInfo:
    made_at = dt.datetime.fromisoformat(when)
    return BackupInfo(Path(f"db-{made_at:%Y%m%d-%H%M%S}-000000-{reason}.sqlite"), made_at, reason,
                      1000, True)


def test_thinning_keeps_the_ten_newest_then_one_a_day_a_week_a_month() -> None:
    now = dt.datetime(2024, 6, 30, 12, 0)  # a Sunday
    newest_ten = [info(f"2024-06-30 {hour:02d}:{minute:02d}")
                  for hour in range(7, 12) for minute in (0, 30)]
    backups = [
        *newest_ten,
        info("2024-06-30 06:30"),  # today, older than the ten newest: not today's newest
        info("2024-06-29 17:00"), info("2024-06-29 08:00"),  # yesterday: the later one stays
        info("2024-06-20 18:00"), info("2024-06-20 10:00"),
        info("2024-06-17 09:00"),  # 13 days old: the only one of its day
        # 14 to 61 days old: ISO week 24 (10–16 June) keeps its newest, week 23 its own.
        info("2024-06-10 09:00"), info("2024-06-12 09:00"), info("2024-06-14 16:00"),
        info("2024-06-05 09:00"),
        # 61 days or more: one a month.
        info("2024-04-28 10:00"), info("2024-04-02 10:00"),
        info("2024-03-15 10:00"), info("2024-03-01 10:00"),
        info("2023-01-05 10:00"),
    ]
    removed = {b.made_at.isoformat(sep=" ", timespec="minutes")
               for b in backups_to_remove(backups, now)}
    assert removed == {
        "2024-06-30 06:30", "2024-06-29 08:00", "2024-06-20 10:00",
        "2024-06-10 09:00", "2024-06-12 09:00",
        "2024-04-02 10:00", "2024-03-01 10:00",
    }


def test_thinning_keeps_a_backup_made_before_a_restore_for_a_day() -> None:
    now = dt.datetime(2024, 6, 30, 18, 0)
    later = [info(f"2024-06-30 {hour:02d}:{minute:02d}")
             for hour in range(12, 18) for minute in (0, 30)]
    before_restore = info("2024-06-30 10:00", "before-restore")
    removed = backups_to_remove([*later, before_restore], now)
    assert before_restore not in removed
    # 12 copies after it: the two oldest of them are neither among the ten newest nor the
    # newest of the day.
    assert sorted(b.made_at.strftime("%H:%M") for b in removed) == ["12:00", "12:30"]
    # A day later it is an ordinary copy again (and not the newest of its day).
    removed = backups_to_remove([*later, before_restore], now + dt.timedelta(days=1))
    assert before_restore in removed


def test_thinning_never_removes_the_newest_even_when_it_is_old() -> None:
    old = [info(f"2021-05-{day:02d} 10:00") for day in range(20, 8, -1)]  # newest first
    removed = backups_to_remove(old, dt.datetime(2024, 1, 1))
    assert removed == old[10:]  # the ten newest stay; May 2021's newest is among them
    assert backups_to_remove(old[:1], dt.datetime(2030, 1, 1)) == []


def test_thinning_a_folder_removes_only_the_database_s_own_surplus_copies(
    tmp_path: Path,
) -> None:
    database = tmp_path / "office.sqlite"
    folder = tmp_path / "backups"
    folder.mkdir()
    now = dt.datetime(2024, 6, 30, 12, 0)
    names = [backup_name(database, "auto", now - dt.timedelta(hours=hours))
             for hours in range(0, 30)]  # half a day today, a whole day yesterday
    for name in names:
        (folder / name).write_bytes(b"copy")
    strangers = [folder / "readme.txt", folder / "other-20240101-000000-000000-auto.sqlite"]
    for path in strangers:
        path.write_bytes(b"keep me")
    stale = folder / (backup_name(database, "auto", now) + ".partial")
    stale.write_bytes(b"interrupted")

    removed = thin_backups(database, now=now + dt.timedelta(hours=2))

    kept = sorted(p.name for p in folder.iterdir() if p not in [*strangers, stale])
    # The 10 newest (12:00 back to 03:00 today) and the newest of yesterday (23:00).
    assert kept == sorted([*names[:10], names[13]])
    assert all(path.exists() for path in strangers)
    assert stale.exists()  # a copy in progress is not touched
    os.utime(stale, (0, 0))
    assert stale in thin_backups(database, now=now)
    assert len(removed) == len(names) - 11


# -- the extra folder and the read-only view --------------------------------------------------


def test_an_extra_copy_goes_to_the_chosen_folder_which_is_remembered(
    store: Store, city: dict[str, str], tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    set_passphrase(store, PASSPHRASE)
    seq = store.change_seq
    copy = copy_to_folder(store, stick)
    assert copy.parent == stick and copy.exists() and copy.name.endswith(".tqsaoluu")
    assert extra_folder(store) == stick.resolve()
    assert store.get_meta(EXTRA_FOLDER_KEY) == str(stick.resolve())
    assert store.change_seq == seq  # a local setting, not a change that travels
    with open_backup_readonly(copy, passphrase=PASSPHRASE) as view:
        assert view.store.path is not None
        assert table_contents(view.store.path)["units"] == table_contents(store.path)["units"]
    assert [b.path for b in list_backups(store.path, stick)] == [copy]

    with pytest.raises(StorageUnavailable, match="Không tìm thấy thư mục"):
        copy_to_folder(store, tmp_path / "pulled-out")


def test_a_backup_opens_read_only_on_a_private_copy(store: Store, city: dict[str, str]) -> None:
    add_households(store, city["group_1"], ["Nguyễn Văn An", "Lò Văn Pọm"])
    backup = make_backup(store, "manual")
    before = file_digest(backup)

    view = open_backup_readonly(backup)
    try:
        assert view.store.households.count(2024) == 2
        with pytest.raises(ReadOnlyStorage, match="chỉ đọc"):
            view.store.units.add("phuong", "Phường Không Ghi Được", city["city"], 2020)
        folder = view.folder
    finally:
        view.close()
    assert not folder.exists()
    assert file_digest(backup) == before
    assert store.households.count(2024) == 2


# -- the machine's keys in backups -------------------------------------------------------------


def test_no_backup_in_the_data_folder_holds_a_usable_key(
    store: Store, city: dict[str, str], tmp_path: Path
) -> None:
    add_households(store, city["group_1"], ["Nguyễn Văn An"])
    store.sync.keys()
    store.certificates._signing_key()
    secrets = key_secrets(store)
    backups = [make_backup(store, reason) for reason in ("manual", "auto", "exit")]
    backups.append(store.backup(tmp_path / "by-hand.sqlite"))
    for backup in backups:
        assert traces_in_file(backup, secrets) == []
        assert traces_in_values(backup, secrets) == []
        # Moved to another computer without the key file: the data, not the keys.
        moved = tmp_path / "moved" / backup.name
        moved.parent.mkdir(exist_ok=True)
        shutil.copy(backup, moved)
        assert not secret_path(moved).exists()
        with Store(moved) as opened:
            assert opened.households.count(2024) == 1
            with pytest.raises(StoreError, match="Không mở được khóa của máy này"):
                opened.sync.keys()
    # A restore on the same machine keeps the working keys (the key file stays beside it).
    path = store.path
    store.close()
    restore_backup(path, backups[0])
    with Store(path) as restored:
        assert key_secrets(restored) == secrets


def test_a_restore_keeps_the_folder_chosen_for_extra_copies(tmp_path: Path,
                                                            store: Store) -> None:
    from storage.sealed_backup import set_passphrase

    assert store.path is not None
    before_folder = make_backup(store, "manual")  # made before any folder was chosen
    set_passphrase(store, "mật khẩu sao lưu dài")
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = copy_to_folder(store, stick)
    path = store.path
    store.close()
    # Restoring the copy on the stick, or a backup older than the choice: the folder stays.
    for source, passphrase in ((copy, "mật khẩu sao lưu dài"), (before_folder, None)):
        restore_backup(path, source, passphrase)
        with Store(path) as reopened:
            assert extra_folder(reopened) == stick.resolve(), source.name
