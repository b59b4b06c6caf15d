"""Whose file is this? The program's mark in the SQLite header, and refusing other programs' files.

Every database the program creates carries ``PRAGMA application_id`` = ``APPLICATION_ID`` (the
bytes "TQ01"). A file made before the mark existed is recognised by the migrations table of the
program's schema (sqlite-utils' ``_sqlite_migrations`` with the migration set "tuquan") and is
marked when it is opened. Any other non-empty SQLite file belongs to another program: it is
refused before anything is written to it, so it stays byte for byte as it was. No Qt here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.backup import SIDE_SUFFIXES, list_backups
from storage.errors import StoreError
from storage.migrations import MIGRATION_SET

# "TQ01" as a big-endian 32-bit integer (0x54513031): what SQLite stores at offset 68.
APPLICATION_ID = int.from_bytes(b"TQ01", "big")
MIGRATIONS_TABLE = "_sqlite_migrations"

# How long a reader waits for a writer's lock (readers of a WAL file rarely wait at all).
READ_TIMEOUT_SECONDS = 5.0

# What identify() says about a file.
OURS = "ours"  # carries the program's mark
OLDER = "older"  # the program's schema, written before files were marked
NEW = "new"  # holds nothing yet (empty file, or a database without any table)
FOREIGN = "foreign"  # another program's database


class NotOurDatabase(StoreError):
    """The file is an SQLite database of another program (it was not changed)."""


def foreign_message(path: Path | str | None) -> str:
    """What the user reads about another program's file."""
    return (
        f"Tệp {path} là cơ sở dữ liệu của một chương trình khác, không phải tệp dữ liệu của"
        " Tự Quản. Chương trình không mở và không ghi gì vào tệp này. Hãy chọn đúng tệp dữ"
        " liệu (tệp .sqlite do Tự Quản tạo). / The file is an SQLite database of another"
        " program; it was left unchanged."
    )


def identify(connection: sqlite3.Connection) -> str:
    """OURS, OLDER, NEW or FOREIGN for the database open on ``connection`` (reads only).

    SQLite errors (a damaged or non-SQLite file) are raised as they are.
    """
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return OURS
    if application_id != 0:
        # Another program marked the file as its own, whatever tables it holds.
        return FOREIGN
    if connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None:
        return NEW
    has_migrations = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if has_migrations is not None and connection.execute(
        f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1", [MIGRATION_SET]
    ).fetchone() is not None:
        return OLDER
    return FOREIGN


def require_ours(connection: sqlite3.Connection, path: Path | str | None) -> bool:
    """Raise NotOurDatabase for another program's file; else whether the mark must be set.

    Call it before anything writes to the file (the journal mode too: switching to WAL
    rewrites the header).
    """
    identity = identify(connection)
    if identity == FOREIGN:
        raise NotOurDatabase(foreign_message(path))
    return identity != OURS


def mark(connection: sqlite3.Connection) -> None:
    """Set the program's mark on the database (outside any transaction).

    A file that may not be written now (read-only, or busy for longer than the connection
    waits) stays unmarked: it is still recognised as the program's, and the next open marks it.
    """
    try:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.OperationalError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code not in (5, 6, 8):  # SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY
            raise


def header_application_id(path: Path) -> int | None:
    """The application id written in the file's header, read as bytes; None when the header
    is not a well-formed SQLite header (its id would be noise).

    For a file SQLite cannot read (damaged): an intact header still says whose it is.
    """
    try:
        with Path(path).open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    # The payload fractions are fixed at 64, 32 and 32 in every valid file.
    if page_size < 512 or page_size & (page_size - 1) or header[21:24] != b"\x40\x20\x20":
        return None
    return int.from_bytes(header[68:72], "big")


def identify_file(path: Path) -> str | None:
    """identify() for the file ``path``, read without writing; None when SQLite cannot read it
    (damaged, not SQLite, or not there)."""
    try:
        connection = open_to_read(path)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")
        return identify(connection)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def refuse_foreign_file(path: Path) -> None:
    """Raise NotOurDatabase when ``path`` is another program's database (else do nothing).

    For commands that replace or remove a file without opening it as a Store.
    """
    marked = header_application_id(path)
    if identify_file(path) == FOREIGN or marked not in (None, 0, APPLICATION_ID):
        raise NotOurDatabase(foreign_message(path))


def open_to_read(path: Path) -> sqlite3.Connection:
    """A connection that reads ``path`` (autocommit; BEGIN to read under SQLite's lock) and
    never writes to it, creating no file and leaving none behind.

    Without side files beside it, the file is opened read-write with ``query_only`` on:
    closing then removes the -wal/-shm that reading a WAL file makes (and, that WAL being
    empty, writes nothing to the file). With side files (the program has the file open, or
    crashed) it is opened read-only, so a crash's -wal is read but never checkpointed into it.
    ``mode`` never lets SQLite create the file when it is gone.
    """
    path = Path(path)
    sides = any(Path(f"{path}{suffix}").exists() for suffix in SIDE_SUFFIXES)
    uri = path.resolve().as_uri() + ("?mode=ro" if sides else "?mode=rw")
    connection = sqlite3.connect(uri, uri=True, isolation_level=None,
                                 timeout=READ_TIMEOUT_SECONDS, check_same_thread=False)
    if not sides:
        connection.execute("PRAGMA query_only = ON")
    return connection


def lost_empty_file(path: Path) -> bool:
    """Whether ``path`` is an empty (0-byte) file that once held data: backups of it lie in
    its backups folder, or a -wal beside it holds changes. A new database is never empty
    once opened, so an empty file with a history is data lost, not a place to start over."""
    path = Path(path)
    try:
        if path.stat().st_size != 0:
            return False
    except OSError:
        return False
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size > 0:
            return True
    except OSError:
        pass
    return bool(list_backups(path, check_opens=False))


def lost_empty_file_message(path: Path) -> str:
    """What the user reads about an empty file that had data (see lost_empty_file)."""
    return (
        f"Tệp dữ liệu {path} rỗng (0 byte) dù đã có bản sao lưu hoặc thay đổi của nó: dữ"
        " liệu trong tệp đã mất. Chương trình không tạo tệp trống mới thay cho nó; hãy khôi"
        " phục từ bản sao lưu gần nhất (Tệp → Khôi phục, hoặc lệnh restore). / The database"
        " file is empty but has backups; restore the newest one."
    )
