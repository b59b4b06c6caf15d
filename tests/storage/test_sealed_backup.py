"""Copies that leave the data folder are encrypted: no household name and no key can be read in
one, the right passphrase brings back every row and working keys on a new computer, and a wrong
passphrase, a changed byte or a copy cut short is refused with the target left as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tracemalloc
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import sealed_backup
from storage.accounts import VIEWER
from storage.backup import (
    KEEP_NEWEST,
    copy_to_folder,
    list_backups,
    make_backup,
    open_backup_readonly,
    restore_backup,
    thin_backups,
)
from storage.errors import DatabaseDamaged, PermissionDenied, ValidationError
from storage.keystore import read_secret_file, secret_path
from storage.model import Household, HouseholdYear, Member
from storage.sealed_backup import (
    PassphraseMissing,
    PassphraseRequired,
    SealedCopyDamaged,
    WrongPassphrase,
    check_passphrase,
    has_passphrase,
    read_header,
    set_passphrase,
)
from storage.store import Store
from storage.sync import init_from_setup
from tests.files import file_digest, table_contents
from tests.key_traces import key_secrets, traces_in_bytes

PASSPHRASE = "Hoa ban nở trắng núi rừng 2026"
HEADS = ["Nguyễn Văn An", "Lò Thị Pọm", "Giàng A Páo", "Đỗ Thị Ngọc Ánh"]
MEMBER = "Vàng Thị Dính"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    """A city office with households, sync keys, a certificate key and a backup passphrase."""
    store = Store(tmp_path / "office" / "tuquan.sqlite", actor="test")
    city = store.units.add("city", "Thành phố Thử", None, 2020)
    ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
    group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
    for number, head in enumerate(HEADS):
        store.households.add(
            Household(group_id=group.id, head_name=head, address=f"Số {number + 1}",
                      phone="0912 345 678", member_count=2), 2024,
            members=[Member(MEMBER, "Vợ")] if number == 0 else [],
            status=HouseholdYear("", 2024, group.id, poverty="poor"))
    store.sync.keys()
    store.certificates._signing_key()
    set_passphrase(store, PASSPHRASE)
    try:
        yield store
    finally:
        store.close()


def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    return folder


def state_of(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its digest: a refused restore changes none."""
    return {str(path.relative_to(folder)): file_digest(path)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def name_forms(names: list[str]) -> list[bytes]:
    return [form for name in names for form in (
        name.encode("utf-8"), unicodedata.normalize("NFD", name).encode("utf-8"),
        name.encode("utf-16-le"))]


# -- what a copy holds ------------------------------------------------------------------------


def test_an_encrypted_copy_holds_no_name_and_no_key(office: Store, tmp_path: Path) -> None:
    secrets = key_secrets(office)
    copy = copy_to_folder(office, stick(tmp_path))
    assert copy.name.endswith("-extra.tqsaoluu")
    data = copy.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for form in name_forms([*HEADS, MEMBER, "0912 345 678", "Tổ dân phố số 1"]):
        assert form not in data
    assert traces_in_bytes(data, secrets) == []
    # What the header says without the passphrase: no more than the file's name and times.
    header = read_header(copy)
    assert header.source == "tuquan.sqlite"
    assert list_backups(office.path, copy.parent)[0].encrypted


def test_a_plain_backup_in_the_data_folder_holds_no_usable_key(office: Store) -> None:
    secrets = key_secrets(office)
    backup = make_backup(office, "manual")
    assert traces_in_bytes(backup.read_bytes(), secrets) == []
    connection = sqlite3.connect(backup)
    try:
        values = [value for table, in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            for row in connection.execute(f'SELECT * FROM "{table}"') for value in row]
    finally:
        connection.close()
    for value in values:
        if isinstance(value, str):
            assert traces_in_bytes(value.encode(), secrets) == []
        elif isinstance(value, bytes):
            assert traces_in_bytes(value, secrets) == []


def test_the_extra_copy_runs_without_the_passphrase_and_reads_itself_back(
    office: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scrypt_calls = []
    original = sealed_backup._passphrase_key

    def counting(*args: object) -> bytes:
        scrypt_calls.append(args)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sealed_backup, "_passphrase_key", counting)
    copy_to_folder(office, stick(tmp_path))
    assert scrypt_calls == []  # only the public key is used
    # Nothing plain is left behind, neither on the stick nor in the data folder.
    assert [p.name for p in stick(tmp_path).iterdir()][0].endswith(".tqsaoluu")
    assert not [p for p in office.path.parent.rglob("*") if "partial" in p.name
                or "sealing" in p.name]


def test_no_passphrase_no_extra_copy(tmp_path: Path) -> None:
    with Store(tmp_path / "office.sqlite") as store:
        assert not has_passphrase(store)
        with pytest.raises(PassphraseMissing, match="Chưa đặt mật khẩu"):
            copy_to_folder(store, stick(tmp_path))
    assert list(stick(tmp_path).iterdir()) == []


def test_old_unencrypted_copies_on_the_stick_go_once_an_encrypted_one_is_there(
    office: Store, tmp_path: Path
) -> None:
    folder = stick(tmp_path)
    old = folder / "tuquan-20260101-080000-000000-extra.sqlite"
    office.backup(old)
    other_db = folder / "khac-20260101-080000-000000-extra.sqlite"
    other_db.write_bytes(b"not ours")
    kept_in_data_folder = make_backup(office, "manual")
    copy = copy_to_folder(office, folder)
    assert not old.exists()
    assert other_db.exists() and kept_in_data_folder.exists() and copy.exists()


def test_the_passphrase_is_the_administrators_and_not_a_weak_one(office: Store) -> None:
    for weak in ("", "ngắn", "aaaaaaaaaaaaaa", "   12345   "):
        with pytest.raises(ValidationError):
            set_passphrase(office, weak)
    assert check_passphrase(office, PASSPHRASE)
    viewer = office.accounts.add("nguoixem", "Người xem", VIEWER, "mat-khau-thu")
    office.sign_in(viewer)
    with pytest.raises(PermissionDenied):
        set_passphrase(office, "mot mat khau khac hẳn")
    office.sign_out()
    assert check_passphrase(office, PASSPHRASE)
    # Typed in decomposed form or with spaces around: the same passphrase.
    assert check_passphrase(office, "  " + unicodedata.normalize("NFD", PASSPHRASE) + " ")
    assert not check_passphrase(office, PASSPHRASE.lower())


# -- restoring ----------------------------------------------------------------------------------


@pytest.mark.real_kdf
def test_restoring_on_a_new_computer_gives_back_every_row_and_working_keys(
    office: Store, tmp_path: Path
) -> None:
    recognition_qr = office.certificates.qr_text("cert-1", "group-1", 2024, "1/2024/GCN")
    secrets = key_secrets(office)
    copy = copy_to_folder(office, stick(tmp_path), remember=False)
    path = office.path
    office.close()
    expected = table_contents(path)

    new_computer = tmp_path / "new-computer" / "tuquan.sqlite"
    result = restore_backup(new_computer, copy, passphrase=PASSPHRASE)

    assert result.restored_from == copy and result.saved_current is None
    assert table_contents(new_computer) == expected
    assert read_secret_file(secret_path(new_computer)) == secrets["machine_secret"]
    assert not [p.name for p in new_computer.parent.iterdir()
                if p.name not in ("tuquan.sqlite", "tuquan.sqlite.tqkhoa")]
    with Store(new_computer) as restored:
        assert key_secrets(restored) == secrets
        # The certificate key signs as before: the old QR text is the one it makes again.
        assert restored.certificates.qr_text("cert-1", "group-1", 2024,
                                             "1/2024/GCN") == recognition_qr
        keys = restored.sync.keys()
        signature = keys.signing_key().sign(b"goi")
        keys.signing_key().public_key().verify(signature, b"goi")


def test_a_ward_restored_from_its_copy_still_sends_packages_the_city_accepts(
    tmp_path: Path,
) -> None:
    city = Store(tmp_path / "city" / "city.sqlite", actor="city")
    root = city.units.add("city", "Thành phố Thử", None, 2020)
    ward_unit = city.units.add("phuong", "Phường Đoàn Kết", root.id, 2020)
    group = city.units.add("tdp", "Tổ dân phố số 1", ward_unit.id, 2020)
    setup = city.sync.create_setup_package(ward_unit.id, tmp_path / "setup")
    ward_path = tmp_path / "ward" / "ward.sqlite"
    ward_path.parent.mkdir()
    ward = init_from_setup(ward_path, setup.path, setup.passphrase, actor="ward")
    set_passphrase(ward, PASSPHRASE)
    ward.households.add(Household(group_id=group.id, head_name="Lò Văn Gửi"), 2024)
    copy = copy_to_folder(ward, stick(tmp_path))
    ward.close()
    shutil.rmtree(ward_path.parent)  # the ward's computer is gone

    restored_path = tmp_path / "new-ward" / "ward.sqlite"
    restore_backup(restored_path, copy, passphrase=PASSPHRASE)
    with Store(restored_path, actor="ward") as restored:
        upstream = restored.sync.upstream()
        assert upstream is not None
        package = restored.sync.export(upstream.site_id, tmp_path / "out", full=True).path
    plan = city.sync.import_package(package)
    assert plan.rejections == []
    assert city.db.execute("SELECT COUNT(*) FROM households WHERE head_name = 'Lò Văn Gửi'"
                           ).fetchone()[0] == 1
    city.close()


def test_a_copy_restored_where_a_secret_exists_is_resealed_under_it(
    office: Store, tmp_path: Path
) -> None:
    secrets = key_secrets(office)
    copy = copy_to_folder(office, stick(tmp_path))
    # Another machine's folder, with its own database and secret.
    other = tmp_path / "other" / "tuquan.sqlite"
    with Store(other) as store:
        store.sync.keys()
        other_secret = read_secret_file(secret_path(other))
    result = restore_backup(other, copy, passphrase=PASSPHRASE)
    assert read_secret_file(secret_path(other)) == other_secret  # never replaced
    with Store(other) as restored:
        again = key_secrets(restored)
    assert {k: v for k, v in again.items() if k != "machine_secret"} == {
        k: v for k, v in secrets.items() if k != "machine_secret"}
    # What the restore replaced keeps working keys too (sealed under the same secret).
    assert result.saved_current is not None
    shutil.copy(result.saved_current, tmp_path / "saved.sqlite")
    shutil.copy(secret_path(other), secret_path(tmp_path / "saved.sqlite"))
    with Store(tmp_path / "saved.sqlite") as saved:
        saved.sync.keys()


def test_an_encrypted_copy_needs_its_passphrase_to_be_restored(
    office: Store, tmp_path: Path
) -> None:
    copy = copy_to_folder(office, stick(tmp_path))
    target = tmp_path / "target" / "tuquan.sqlite"
    Store(target).close()
    before = state_of(target.parent)
    with pytest.raises(PassphraseRequired, match="được mã hóa"):
        restore_backup(target, copy)
    for wrong in ("", PASSPHRASE.upper(), PASSPHRASE + "!", "Hoa ban nở trắng núi rừng 2025"):
        with pytest.raises(WrongPassphrase, match="Mật khẩu không đúng") as raised:
            restore_backup(target, copy, passphrase=wrong)
        assert "mật khẩu đặt ngày" in str(raised.value)
    assert state_of(target.parent) == before


def test_a_copy_opens_read_only_with_its_passphrase(office: Store, tmp_path: Path) -> None:
    copy = copy_to_folder(office, stick(tmp_path))
    with pytest.raises(PassphraseRequired):
        open_backup_readonly(copy)
    view = open_backup_readonly(copy, passphrase=PASSPHRASE)
    try:
        heads = {row[0] for row in view.store.db.execute("SELECT head_name FROM households")}
        folder = view.folder
    finally:
        view.close()
    assert heads == set(HEADS)
    assert not folder.exists()


# -- damaged copies -----------------------------------------------------------------------------


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    """Chunks of 4 KiB, so a small database makes a copy of many chunks."""
    monkeypatch.setattr(sealed_backup, "CHUNK_SIZE", 4096)
    return 4096


def chunk_offsets(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every chunk record (length field included) of a copy's bytes."""
    offset = len(sealed_backup.MAGIC)
    length = int.from_bytes(data[offset:offset + 4], "big")
    offset += 4 + length
    spans = []
    while offset < len(data):
        size = int.from_bytes(data[offset:offset + 4], "big")
        spans.append((offset, offset + 4 + size))
        offset += 4 + size
    return spans


def damaged_versions(data: bytes) -> dict[str, bytes]:
    spans = chunk_offsets(data)
    assert len(spans) >= 4
    header_end = spans[0][0]

    def flipped(position: int) -> bytes:
        changed = bytearray(data)
        changed[position] ^= 0x01
        return bytes(changed)

    middle = spans[len(spans) // 2]
    second, third = spans[1], spans[2]
    versions = {
        "magic": flipped(3),
        "header length": flipped(len(sealed_backup.MAGIC) + 3),
        "header created_at": data.replace(b'"created_at":"2', b'"created_at":"1', 1),
        "header text": flipped(header_end - 40),
        "first chunk": flipped(spans[0][0] + 10),
        "middle chunk": flipped(middle[0] + 100),
        "chunk length": flipped(middle[0] + 3),
        "last byte": flipped(len(data) - 1),
        "last chunk gone": data[:spans[-1][0]],
        "cut mid-chunk": data[:middle[0] + 50],
        "cut in a length": data[:middle[0] + 2],
        "header only": data[:header_end],
        "chunks swapped": (data[:second[0]] + data[third[0]:third[1]]
                           + data[second[0]:second[1]] + data[third[1]:]),
        "chunk removed": data[:second[0]] + data[second[1]:],
        "chunk repeated": data[:third[1]] + data[second[0]:second[1]] + data[third[1]:],
        "bytes appended": data + b"\x00\x00\x00\x10" + b"x" * 16,
        "empty": b"",
    }
    for name in ("magic", "header length", "header created_at", "header text", "first chunk",
                 "middle chunk", "last byte"):
        assert versions[name] != data, name
    return versions


def test_every_damaged_or_cut_copy_is_refused_and_nothing_changes(
    office: Store, tmp_path: Path, small_chunks: int
) -> None:
    for number in range(300):  # a database of many 4 KiB chunks
        office.households.add(Household(group_id=office.units.find(
            "Tổ dân phố số 1", 2024).id, head_name=f"Người Thứ {number}",
            address="x" * 60))
    copy = copy_to_folder(office, stick(tmp_path))
    data = copy.read_bytes()
    target = tmp_path / "target" / "tuquan.sqlite"
    with Store(target) as store:
        store.units.add("city", "Thành phố Đích", None, 2020)
        store.sync.keys()
    before = state_of(target.parent)
    refused = {}
    for name, damaged in damaged_versions(data).items():
        bad = tmp_path / "bad" / copy.name
        bad.parent.mkdir(exist_ok=True)
        bad.write_bytes(damaged)
        with pytest.raises((SealedCopyDamaged, WrongPassphrase, DatabaseDamaged)) as raised:
            restore_backup(target, bad, passphrase=PASSPHRASE)
        refused[name] = str(raised.value)
        assert state_of(target.parent) == before, name
    for name, text in refused.items():
        assert "Không có gì bị thay đổi" in text or "nothing was changed" in text, (name, text)
    assert "cắt cụt" in refused["last chunk gone"]
    # The sound copy still restores.
    restore_backup(target, copy, passphrase=PASSPHRASE)
    with Store(target) as restored:
        assert restored.units.city().name == "Thành phố Thử"


def test_encrypting_and_decrypting_hold_little_memory(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big" / "tuquan.sqlite"
    with Store(path) as store:
        store.db.execute("CREATE TABLE filler (data BLOB)")
        store.db.conn.executemany("INSERT INTO filler VALUES (?)",
                                  [(os.urandom(64 * 1024),) for _ in range(40 * 16)])
        set_passphrase(store, PASSPHRASE)
        size = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        assert size > 40 * 1024 * 1024
        tracemalloc.start()
        copy = copy_to_folder(store, stick(tmp_path))
        _current, sealing_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    tracemalloc.start()
    restore_backup(tmp_path / "back" / "tuquan.sqlite", copy, passphrase=PASSPHRASE)
    _current, opening_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # A few chunks of 1 MiB at a time, not the 40 MiB file.
    assert sealing_peak < 8 * 1024 * 1024, sealing_peak
    assert opening_peak < 8 * 1024 * 1024, opening_peak


def test_thinning_a_stick_counts_the_encrypted_copies(office: Store, tmp_path: Path) -> None:
    folder = stick(tmp_path)
    copies = [copy_to_folder(office, folder) for _ in range(KEEP_NEWEST + 2)]
    # Each copy thins the stick: the ten newest of today stay.
    assert [info.path for info in list_backups(office.path, folder)] == copies[::-1][:KEEP_NEWEST]
    assert thin_backups(office.path, folder) == []
    assert all(info.opens and info.encrypted for info in list_backups(office.path, folder))
