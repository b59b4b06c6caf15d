"""Files mistaken for other files: the program's mark (``PRAGMA application_id``), another
program's SQLite file refused byte for byte as it was, an older file of the program recognised
and marked, and an empty file with backups beside it treated as data lost, not a new file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from storage import migrations as schema
from storage.backup import make_backup
from storage.errors import DatabaseDamaged
from storage.file_identity import (
    APPLICATION_ID,
    FOREIGN,
    NEW,
    OLDER,
    OURS,
    NotOurDatabase,
    identify_file,
    refuse_foreign_file,
)
from storage.integrity import check_at_start, damaged_message
from storage.model import Household
from storage.store import Store
from tests.files import file_digest, table_contents


def application_id(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA application_id").fetchone()[0])
    finally:
        connection.close()


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


# -- the mark --------------------------------------------------------------------------------


def test_the_program_marks_the_files_it_creates_and_its_backups(tmp_path: Path) -> None:
    assert APPLICATION_ID == int.from_bytes(b"TQ01", "big")
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        store.units.add("city", "Thành phố Thử", None, 2020)
        backup = make_backup(store, "manual")
    assert application_id(path) == APPLICATION_ID
    assert application_id(backup) == APPLICATION_ID  # the online backup copies the header
    assert identify_file(path) == OURS and identify_file(backup) == OURS


def test_an_older_file_of_the_program_is_recognised_and_marked_on_open(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
    connection = sqlite3.connect(path)  # as the program wrote files before they were marked
    connection.execute("PRAGMA application_id = 0")
    connection.close()
    before = table_contents(path)
    assert identify_file(path) == OLDER

    with Store(path) as store:
        assert store.units.get(city.id).name == "Thành phố Thử"
    assert application_id(path) == APPLICATION_ID
    assert table_contents(path) == before


def test_a_database_without_any_table_is_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 0")
    connection.execute("VACUUM")  # writes the header: a valid, empty database
    connection.close()
    assert path.stat().st_size > 0 and identify_file(path) == NEW
    with Store(path) as store:
        assert store.schema_version == len(schema.known_names())
    assert application_id(path) == APPLICATION_ID


# -- another program's file ------------------------------------------------------------------


def _notes(path: Path, journal: str = "DELETE", app_id: int = 0) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal}")
    if app_id:
        connection.execute(f"PRAGMA application_id = {app_id}")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.executemany("INSERT INTO notes (body) VALUES (?)",
                           [("Họp tổ dân phố",), ("Mua gạo",)])
    connection.commit()
    connection.close()


def _like_ours(path: Path) -> None:
    # Tables named like the program's, and a migrations table of another set.
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('site_id', 'x')")
    connection.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY,"
                       " migration_set TEXT, name TEXT, applied_at TEXT)")
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name) VALUES"
                       " ('other', '0001_initial')")
    connection.commit()
    connection.close()


FOREIGN_FILES: dict[str, Callable[[Path], None]] = {
    "notes": _notes,
    "notes in WAL mode": lambda path: _notes(path, "WAL"),
    "marked by its program": lambda path: _notes(path, app_id=0x12345678),
    "tables named like ours": _like_ours,
}


@pytest.mark.parametrize("make", FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
def test_another_programs_file_is_refused_before_anything_is_written(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "notes.sqlite"
    make(path)
    digest = file_digest(path)
    assert identify_file(path) == FOREIGN

    with pytest.raises(NotOurDatabase, match="chương trình khác") as refused:
        Store(path)
    assert str(path) in str(refused.value)
    with pytest.raises(NotOurDatabase):
        refuse_foreign_file(path)
    result = check_at_start(path)  # SQLite finds it sound: the store's open refuses it
    assert result.ok

    assert file_digest(path) == digest
    assert beside(path) == []  # no -wal, -shm, -journal or lock file left beside it


def test_another_programs_damaged_file_is_not_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    _notes(path, app_id=0x12345678)
    damaged = bytearray(path.read_bytes())
    damaged[100:4096] = b"\xee" * 3996  # its schema page: SQLite cannot read it any more
    path.write_bytes(bytes(damaged))

    result = check_at_start(path)

    assert result.foreign and not result.ok and result.set_aside is None
    assert "chương trình khác" in damaged_message(result)
    assert path.read_bytes() == bytes(damaged) and beside(path) == []


# -- an empty file ---------------------------------------------------------------------------


@pytest.fixture
def emptied(tmp_path: Path) -> tuple[Path, Path]:
    """A database of the program, backed up, then emptied to 0 bytes (a failed copy, a sync
    tool, a full disk)."""
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        store.households.add(Household(group_id=group.id, head_name="Nguyễn Văn An"))
        backup = make_backup(store, "manual")
    path.write_bytes(b"")
    return path, backup


def test_an_empty_file_with_backups_is_not_replaced_by_a_new_database(
    emptied: tuple[Path, Path],
) -> None:
    path, _backup = emptied
    with pytest.raises(DatabaseDamaged, match="rỗng") as refused:
        Store(path)
    assert "khôi phục" in str(refused.value)
    assert path.stat().st_size == 0 and not Path(f"{path}-wal").exists()


def test_an_empty_file_with_backups_takes_the_damaged_files_path(
    emptied: tuple[Path, Path],
) -> None:
    path, backup = emptied
    result = check_at_start(path)
    assert not result.ok and "rỗng" in str(result.problem)
    assert result.set_aside is not None and result.set_aside.stat().st_size == 0
    assert not path.exists()
    assert result.backup is not None and result.backup.path == backup
    message = damaged_message(result)
    assert str(backup) in message and "python main.py restore" in message


def test_an_empty_file_with_changes_in_its_wal_is_data_lost(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    path.write_bytes(b"")
    Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(4092))
    assert not check_at_start(path).ok


def test_a_new_or_empty_file_without_history_still_becomes_a_new_database(
    tmp_path: Path,
) -> None:
    (tmp_path / "backups").mkdir()
    for name in ("new.sqlite", "empty.sqlite"):
        path = tmp_path / name
        if name == "empty.sqlite":
            path.write_bytes(b"")
        assert check_at_start(path).ok
        with Store(path) as store:
            assert store.units.all() == []
        assert application_id(path) == APPLICATION_ID
