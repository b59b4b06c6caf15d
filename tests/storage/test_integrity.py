"""Integrity: the check at start catches damaged files and never writes to them; the full check
finds orphans, impossible values and stale derived data; the repair is one action and a second
run changes nothing; a full disk and a read-only folder give clear errors and intact data."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.backup import make_backup
from storage.errors import (
    DatabaseDamaged,
    DiskFull,
    ReadOnlyStorage,
    StorageIOError,
    storage_error,
)
from storage.household_search import HouseholdQuery, count_households
from storage.integrity import (
    check_at_start,
    damaged_message,
    full_check,
    problems_remaining,
    quick_check_file,
    repair,
)
from storage.model import Household, HouseholdYear, Member
from storage.store import Store
from tests.files import file_digest, table_contents


def add_households(store: Store, group_id: str, count: int) -> list[str]:
    return [
        store.households.add(
            Household(group_id=group_id, head_name=f"Nguyễn Văn Số {number}",
                      address=f"Số {number}, đường Lê Duẩn", phone="0912345678"),
            members=[Member(f"Lò Thị Con {number}", "Con", birth_year=2010)],
            status=HouseholdYear("", 2024, group_id)).id
        for number in range(count)
    ]


# -- the full check and the repair -----------------------------------------------------------


def test_the_demo_city_passes_every_check(demo_store: Store) -> None:
    assert full_check(demo_store) == []


def test_problems_are_found_and_the_repair_fixes_only_the_safe_ones_once(
    store: Store, city: dict[str, str]
) -> None:
    ids = add_households(store, city["group_1"], 6)
    db = store.db
    this_year = dt.date.today().year
    # Derived data gone stale (what an interrupted tool or an old version could leave).
    db.execute("UPDATE households SET head_sort_key = 'zzz' WHERE id = ?", [ids[0]])
    db.execute("UPDATE households SET search_key = 'sai' WHERE id = ?", [ids[1]])
    db.execute("UPDATE units SET sort_key = '' WHERE id = ?", [city["group_3"]])
    db.execute("UPDATE households SET first_year = NULL WHERE id = ?", [ids[2]])
    num = db.execute("SELECT num, search_key FROM households WHERE id = ?", [ids[3]]).fetchone()
    db.execute("INSERT INTO households_fts(households_fts, rowid, search_key)"
               " VALUES ('delete', ?, ?)", num)
    # Data no program of ours writes: orphans and impossible values.
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO household_members (id, household_id, full_name, name_key)"
               " VALUES ('orphan', 'no-such-household', 'Ai Đó', 'ai do')")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("UPDATE households SET group_id = ? WHERE id = ?", [city["ward_a"], ids[4]])
    db.execute("UPDATE household_years SET group_id = ? WHERE household_id = ?",
               [city["group_2"], ids[5]])  # that group ended in 2022
    db.execute("UPDATE household_members SET birth_year = ? WHERE household_id = ?",
               [this_year + 3, ids[0]])
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("UPDATE households SET member_count = 0 WHERE id = ?", [ids[1]])
    db.execute("PRAGMA ignore_check_constraints = OFF")
    db.execute("INSERT INTO evaluations (id, group_id, year, framework_id)"
               " VALUES ('e1', ?, 2024, NULL)", [city["group_1"]])
    hidden = HouseholdQuery(year=2024, text="so 3")
    assert count_households(store, hidden) == 0  # the search misses it

    findings = {f.code: f for f in full_check(store)}

    assert set(findings) == {
        "derived_keys", "first_year", "search_index", "orphan_members",
        "household_not_in_group", "status_group_of_year", "member_birth_year", "member_count",
        "evaluation_framework", "constraint_values",
    }
    assert findings["derived_keys"].count == 3
    assert findings["orphan_members"].examples == ("orphan",)
    assert findings["household_not_in_group"].examples == (ids[4],)
    assert findings["status_group_of_year"].examples == (f"{ids[5]}/2024",)
    assert {code for code, f in findings.items() if f.repairable} == {
        "derived_keys", "first_year", "search_index"}
    assert all(f.message for f in findings.values())

    seq, audits = store.change_seq, db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    repaired = {f.code: f for f in repair(store)}

    assert {code for code, f in repaired.items() if f.repaired} == {
        "derived_keys", "first_year", "search_index"}
    assert store.change_seq == seq + 1  # one action
    entries = db.execute("SELECT DISTINCT change_seq FROM audit_log WHERE seq > ?",
                         [audits]).fetchall()
    assert entries == [(seq + 1,)]
    assert store.verify_audit_chain() == []
    assert count_households(store, hidden) == 1
    assert db.execute("SELECT first_year FROM households WHERE id = ?",
                      [ids[2]]).fetchone() == (2024,)
    backups = list((store.path.parent / "backups").glob("*-before-repair.sqlite"))
    assert len(backups) == 1

    # A second run: the same problems that need a person, nothing written at all.
    state = table_contents(store.path)
    again = repair(store)
    assert not any(f.repaired or f.repairable for f in again)
    assert {f.code for f in again} == {
        "orphan_members", "household_not_in_group", "status_group_of_year",
        "member_birth_year", "member_count", "evaluation_framework", "constraint_values"}
    assert problems_remaining(again) == again
    assert store.change_seq == seq + 1
    assert table_contents(store.path) == state
    assert len(list((store.path.parent / "backups").glob("*-before-repair.sqlite"))) == 1


def test_an_edited_or_removed_audit_entry_is_reported(store: Store, city: dict[str, str]) -> None:
    add_households(store, city["group_1"], 2)
    store.db.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3")
    findings = [f for f in full_check(store) if f.code == "audit_chain"]
    assert len(findings) == 1 and not findings[0].repairable
    assert any("3" in example for example in findings[0].examples)


# -- damaged files at start ------------------------------------------------------------------


@pytest.fixture
def backed_up_file(tmp_path: Path, demo_path: Path) -> tuple[Path, Path]:
    """A copy of the demo city in a folder of its own, with one good backup."""
    path = tmp_path / "office.sqlite"
    shutil.copy(demo_path, path)
    with Store(path) as store:
        backup = make_backup(store, "manual")
    return path, backup


def _damage_and_check(path: Path, damaged: bytes) -> tuple[object, Path]:
    path.write_bytes(damaged)
    result = check_at_start(path, now=dt.datetime(2024, 5, 6, 7, 8, 9))
    assert not result.ok and result.problem
    assert not path.exists()
    assert result.set_aside == path.with_name("office.sqlite.damaged-20240506-070809")
    assert result.set_aside.read_bytes() == damaged  # set aside as it was, never written to
    return result, result.set_aside


def test_a_file_of_random_bytes_is_set_aside_and_the_newest_good_backup_named(
    backed_up_file: tuple[Path, Path],
) -> None:
    path, backup = backed_up_file
    result, _aside = _damage_and_check(path, random.Random(1).randbytes(300_000))
    assert result.backup is not None and result.backup.path == backup
    message = damaged_message(result)
    assert str(backup) in message and "python main.py restore" in message


def test_a_truncated_file_is_detected(backed_up_file: tuple[Path, Path]) -> None:
    path, _backup = backed_up_file
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 4096, len(data) - 100):
        result, aside = _damage_and_check(path, data[:cut])
        assert "cắt cụt" in result.problem or "SQLite" in result.problem
        aside.unlink()


def test_pages_overwritten_in_the_middle_are_detected(backed_up_file: tuple[Path, Path]) -> None:
    path, backup = backed_up_file
    data = path.read_bytes()
    rng = random.Random(8)
    for _ in range(3):
        damaged = bytearray(data)
        start = rng.randrange(len(data) // 4, 3 * len(data) // 4)
        damaged[start:start + 4096] = rng.randbytes(4096)
        result, aside = _damage_and_check(path, bytes(damaged))
        assert result.backup is not None and result.backup.path == backup
        aside.unlink()


def test_a_sound_file_is_left_alone(backed_up_file: tuple[Path, Path], tmp_path: Path) -> None:
    path, _backup = backed_up_file
    before = file_digest(path)
    assert check_at_start(path).ok
    assert file_digest(path) == before
    assert quick_check_file(tmp_path / "new.sqlite") is None  # a new file is not damaged
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert check_at_start(tmp_path / "empty.sqlite").ok


def test_a_damaged_file_without_backups_is_still_only_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    result = check_at_start(path)
    assert not result.ok and result.backup is None and result.set_aside.exists()
    assert "Không tìm thấy bản sao lưu" in damaged_message(result)


# -- the disk refuses ------------------------------------------------------------------------


def test_a_full_disk_is_a_clear_error_and_the_data_stays_intact(
    store: Store, city: dict[str, str]
) -> None:
    add_households(store, city["group_1"], 3)
    before = table_contents(store.path)
    seq = store.change_seq
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is "full" now

    with pytest.raises(DiskFull, match="đã đầy"):
        add_households(store, city["group_1"], 200)

    assert table_contents(store.path) == before
    assert store.change_seq == seq
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store.db.execute(f"PRAGMA max_page_count = {pages * 100}")  # space was freed
    add_households(store, city["group_1"], 1)
    assert store.change_seq == seq + 1


@contextlib.contextmanager
def unprivileged() -> Iterator[None]:
    """Run as a user the folder's permissions apply to (root ignores them)."""
    if os.name != "posix" or os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.skipif(os.name != "posix", reason="folder permissions as on POSIX")
def test_a_read_only_folder_is_a_clear_error_not_a_damaged_file() -> None:
    # A folder others may enter: the test's own tmp_path is private to the user running it.
    folder = Path(tempfile.mkdtemp(prefix="tuquan-ro-"))
    try:
        folder.chmod(0o755)
        path = folder / "office.sqlite"
        with Store(path) as store:
            store.units.add("city", "Thành phố Thử", None, 2020)
        before = table_contents(path)
        path.chmod(0o444)
        folder.chmod(0o555)
        with unprivileged():
            with pytest.raises(ReadOnlyStorage, match="không cho phép ghi"):
                Store(path)
            assert quick_check_file(path) is None or "không đọc" in str(quick_check_file(path))
        folder.chmod(0o755)
        path.chmod(0o644)
        assert table_contents(path) == before
        assert sorted(p.name for p in folder.iterdir()) == ["office.sqlite"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_writing_to_a_store_that_became_read_only_is_refused_cleanly(
    store: Store, city: dict[str, str]
) -> None:
    before = table_contents(store.path)
    store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(ReadOnlyStorage):
        store.units.add("phuong", "Phường Mới", city["city"], 2020)
    store.db.execute("PRAGMA query_only = OFF")
    assert table_contents(store.path) == before
    assert not store.db.conn.in_transaction


def test_drive_errors_and_damage_are_explained() -> None:
    pulled_out = sqlite3.OperationalError("disk I/O error")
    pulled_out.sqlite_errorcode = 10 | (3 << 8)  # SQLITE_IOERR_WRITE
    assert isinstance(storage_error(pulled_out, "E:/tuquan.sqlite"), StorageIOError)
    assert "USB" in str(storage_error(pulled_out, "E:/tuquan.sqlite"))
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    assert isinstance(storage_error(corrupt, "x"), DatabaseDamaged)
    assert storage_error(sqlite3.IntegrityError("CHECK constraint failed"), "x") is None
