"""Copies of the database made with SQLite's online backup API: making, listing, thinning,
an extra copy to another folder (a USB stick), restoring, and opening a copy to look at.

Backups of ``X.sqlite`` live in the ``backups/`` folder beside it, named
``X-YYYYmmdd-HHMMSS-ffffff-REASON.sqlite`` (local time of the copy, then why it was made), so
the list, the thinning and a person looking at the folder all read the same facts from the
name. A copy is a single, complete file (rollback-journal mode, not WAL): it can be opened
read-only anywhere or copied with the file manager. It holds the machine's keys only sealed
under the secret kept beside the database (storage/keystore.py), so it cannot sign anything.

A copy that leaves the data folder (the extra copy to a USB stick, ``backup --to``) is
encrypted instead: ``X-YYYYmmdd-HHMMSS-ffffff-extra.tqsaoluu`` (storage/sealed_backup.py),
restored with the backup passphrase.

No Qt here: the GUI, the command line and the tests call the same functions.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storage.errors import (
    DatabaseDamaged,
    DiskFull,
    ReadOnlyStorage,
    StorageIOError,
    StorageUnavailable,
    StoreError,
    storage_error,
)

_log = logging.getLogger("tuquan.backup")

if TYPE_CHECKING:
    from storage.store import Store

BACKUP_FOLDER = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"
# Why a copy was made. The GUI shows these names in words; other reasons are allowed.
REASONS = (
    "manual",  # "Sao lưu ngay", or the command line
    "auto",  # every 30 minutes while there are changes
    "exit",  # when the program closes
    "extra",  # the extra copy to a chosen folder
    "before-migration",
    "before-import",
    "before-restore",
    "before-repair",
)
# meta key of the folder chosen for extra copies (a local setting: it does not travel).
EXTRA_FOLDER_KEY = "backup_extra_folder"
# Side files SQLite keeps beside a database; they belong to it.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

_STAMP = re.compile(r"^-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.(?:sqlite|tqsaoluu)$")
PLAIN_SUFFIX = ".sqlite"
SEALED_SUFFIX = ".tqsaoluu"  # storage.sealed_backup.SEALED_SUFFIX
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"

# The thinning policy (see backups_to_remove).
KEEP_NEWEST = 10
DAILY_FOR = dt.timedelta(days=14)
WEEKLY_FOR = dt.timedelta(days=61)
PROTECT_BEFORE_RESTORE_FOR = dt.timedelta(days=1)
# A ".partial" file older than this is a copy that was interrupted (power cut, full disk).
STALE_PARTIAL = dt.timedelta(hours=1)


# -- making a copy ---------------------------------------------------------------------------


def backup_path_for(database: Path, reason: str) -> Path:
    """Where a backup of ``database`` made now for ``reason`` goes (a backups/ folder beside it)."""
    return backup_folder(database) / backup_name(database, reason)


def backup_folder(database: Path) -> Path:
    """The folder of the automatic and manual backups of ``database``."""
    return Path(database).parent / BACKUP_FOLDER


def backup_name(database: Path, reason: str, when: dt.datetime | None = None,
                suffix: str = PLAIN_SUFFIX) -> str:
    """The file name of a backup of ``database`` made at ``when`` (default now) for ``reason``
    (``suffix`` ".tqsaoluu" for an encrypted copy)."""
    stamp = (when or dt.datetime.now()).strftime(_STAMP_FORMAT)
    return f"{Path(database).stem}-{stamp}-{reason}{suffix}"


def backup_database(connection: sqlite3.Connection, destination: Path) -> None:
    """Write a consistent copy of the open database to ``destination`` (written then renamed).

    The copy is switched to rollback-journal mode so it is one self-contained file, and it is
    complete on disk before it gets its final name: an interrupted copy never looks like a
    backup. A full disk or an unwritable folder raises a StorageUnavailable that says so.
    """
    destination = Path(destination)
    partial = destination.with_suffix(destination.suffix + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(str(partial))
        try:
            connection.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        _fsync(partial)
        partial.replace(destination)
        _fsync_folder(destination.parent)
    except (sqlite3.Error, OSError) as error:
        _remove_quietly(partial)
        raise _backup_error(error, destination) from error


def make_backup(store: Store, reason: str, thin: bool = True) -> Path:
    """Back up ``store`` into its backups folder for ``reason``, then thin that folder."""
    path = store.backup(reason=reason)
    if thin and store.path is not None:
        thin_backups(store.path)
    return path


def extra_folder(store: Store) -> Path | None:
    """The folder chosen last time for extra copies (None when none was chosen)."""
    value = store.get_meta(EXTRA_FOLDER_KEY)
    return Path(value) if value else None


def copy_to_folder(store: Store, folder: Path, remember: bool = True) -> Path:
    """Put an encrypted extra copy of ``store`` into ``folder`` (a USB stick); return its path.

    The copy leaves the data folder, so it is a ``.tqsaoluu`` file encrypted for the backup
    passphrase (storage/sealed_backup.py); PassphraseMissing is raised when none was set.
    Once it is written and read back, the unencrypted extra copies of this database that
    older versions left in that folder are removed (they hold everyone's data in the clear).
    The folder is remembered (a local setting in the meta table, outside any action: it is
    not data and does not travel) so it is offered again, and the copies there are thinned by
    the same policy as the backups folder, so a stick does not fill up.
    """
    from storage.sealed_backup import write_sealed_copy

    if store.path is None:
        raise StoreError("Cơ sở dữ liệu trong bộ nhớ không sao lưu được. / In-memory store.")
    folder = Path(folder)
    require_folder(folder)
    destination = folder / backup_name(store.path, "extra", suffix=SEALED_SUFFIX)
    if remember:
        # A preference of this machine, not data: whoever is signed in may set it. Set before
        # the copy is made, so a restore of this copy still knows the folder.
        with store.unrestricted(), store.transaction():
            store.set_meta(EXTRA_FOLDER_KEY, str(folder.resolve()))
    write_sealed_copy(store, destination)
    remove_plain_copies(store.path, folder)
    thin_backups(store.path, folder)
    return destination


def require_folder(folder: Path) -> None:
    """Raise StorageUnavailable (saying what to do) when the folder for a copy is not there."""
    if not Path(folder).is_dir():
        raise StorageUnavailable(
            f"Không tìm thấy thư mục {folder}. Hãy cắm lại USB hoặc chọn thư mục khác."
            " / The folder does not exist."
        )


def remove_plain_copies(database: Path, folder: Path) -> list[Path]:
    """Remove the unencrypted extra copies of ``database`` in ``folder`` (never the backups
    folder's own copies); returns what was removed."""
    folder = Path(folder)
    if folder.resolve() == backup_folder(database).resolve() or not folder.is_dir():
        return []
    removed = []
    for info in list_backups(database, folder, check_opens=False):
        if info.reason == "extra" and not info.encrypted:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError:
                pass  # read-only: tried again after the next copy
    return removed


# -- listing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when and why it was made, its size, and whether it opens."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int
    opens: bool

    @property
    def encrypted(self) -> bool:
        """Whether this is an encrypted copy (restored with the backup passphrase)."""
        return self.path.name.endswith(SEALED_SUFFIX)


def parse_backup_name(path: Path, database: Path) -> tuple[dt.datetime, str] | None:
    """(time, reason) read from the name of a backup of ``database``; None for other files."""
    stem = Path(database).stem
    name = Path(path).name
    if not name.startswith(stem):
        return None
    match = _STAMP.match(name[len(stem):])
    if match is None:
        return None
    try:
        made_at = dt.datetime.strptime(match.group(1), _STAMP_FORMAT)
    except ValueError:
        return None
    return made_at, match.group(2)


def list_backups(database: Path, folder: Path | None = None,
                 check_opens: bool = True) -> list[BackupInfo]:
    """The backups of ``database`` in ``folder`` (default its backups folder), newest first.

    ``opens`` says whether the file is an SQLite database holding the program's tables, or
    for an encrypted copy whether its header reads (a quick look, not a full check;
    ``verify_backup`` does that); with ``check_opens=False`` it is not looked at and reads
    False.
    """
    folder = Path(folder) if folder is not None else backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = parse_backup_name(path, database)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue  # removed meanwhile
        found.append(BackupInfo(path, parsed[0], parsed[1], size,
                                backup_opens(path) if check_opens else False))
    found.sort(key=lambda info: (info.made_at, info.path.name), reverse=True)
    return found


def _read_only_uri(path: Path, immutable: bool = True) -> str:
    # immutable: a backup does not change, so SQLite needs no lock and creates no -wal/-shm
    # beside it (the folder may be read-only, e.g. a locked USB stick).
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def open_read_only(path: Path, immutable: bool = True) -> sqlite3.Connection:
    """A read-only connection to the database file ``path`` (nothing is ever written)."""
    return sqlite3.connect(_read_only_uri(path, immutable), uri=True, check_same_thread=False)


def has_sqlite_header(path: Path) -> bool:
    """Whether ``path`` starts like an SQLite database."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def backup_opens(path: Path) -> bool:
    """Whether ``path`` opens as a database of the program (header, schema, meta table), or
    is an encrypted copy whose header reads."""
    if Path(path).name.endswith(SEALED_SUFFIX):
        from storage.sealed_backup import read_header

        try:
            read_header(path)
        except StoreError:
            return False
        return True
    if not has_sqlite_header(path):
        return False
    try:
        connection = open_read_only(path)
        try:
            connection.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


def verify_backup(path: Path, full: bool = False) -> str | None:
    """What is wrong with the backup ``path`` (None when it is sound).

    ``full`` runs ``PRAGMA integrity_check`` (every page and index), otherwise the faster
    ``quick_check``.
    """
    if not has_sqlite_header(path):
        return "không phải tệp cơ sở dữ liệu SQLite"
    try:
        connection = open_read_only(path)
        try:
            pragma = "integrity_check" if full else "quick_check"
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
            connection.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    if rows != [("ok",)]:
        return "; ".join(str(row[0]) for row in rows[:3])
    return None


def newest_good_backup(database: Path, folders: Iterable[Path] = ()) -> BackupInfo | None:
    """The newest backup of ``database`` that passes the quick check (None when none does).

    Looks in the backups folder and in ``folders`` (e.g. the remembered extra folder).
    """
    candidates = list_backups(database, check_opens=False)
    for folder in folders:
        candidates += list_backups(database, folder, check_opens=False)
    candidates.sort(key=lambda info: info.made_at, reverse=True)
    for info in candidates:
        if verify_backup(info.path) is None:
            return BackupInfo(info.path, info.made_at, info.reason, info.size, True)
    return None


# -- thinning --------------------------------------------------------------------------------


def backups_to_remove(backups: Iterable[BackupInfo], now: dt.datetime) -> list[BackupInfo]:
    """The backups the thinning policy removes, given the time ``now`` (local, like the names).

    The policy, exactly. A backup is kept when any of these holds:

    1. it is one of the 10 newest (about five hours of half-hourly automatic copies; the
       newest is never removed);
    2. it was made "before-restore" less than 1 day before ``now`` (a restore can be undone
       for a day, however many copies follow it);
    3. it is less than 14 days old and the newest of its calendar day;
    4. it is 14 to 61 days old and the newest of its ISO week (Monday to Sunday) among the
       backups of that age;
    5. it is 61 days old or more and the newest of its calendar month among the backups of
       that age (monthly copies are kept for ever).

    Every other backup is removed. A time in the future (after a clock change) counts as less
    than 14 days old. As copies age, a day's newest copy hands over to its week's, and a
    week's to its month's, so thinning again later removes what has become redundant.
    """
    ordered = sorted(backups, key=lambda info: (info.made_at, info.path.name), reverse=True)
    keep: set[Path] = {info.path for info in ordered[:KEEP_NEWEST]}
    seen_buckets: set[tuple[object, ...]] = set()
    for info in ordered:  # newest first: the first of a bucket is its newest
        age = now - info.made_at
        if info.reason == "before-restore" and age < PROTECT_BEFORE_RESTORE_FOR:
            keep.add(info.path)
        if age < DAILY_FOR:
            bucket: tuple[object, ...] = ("day", info.made_at.date())
        elif age < WEEKLY_FOR:
            iso = info.made_at.isocalendar()
            bucket = ("week", iso.year, iso.week)
        else:
            bucket = ("month", info.made_at.year, info.made_at.month)
        if bucket not in seen_buckets:
            seen_buckets.add(bucket)
            keep.add(info.path)
    return [info for info in ordered if info.path not in keep]


def thin_backups(database: Path, folder: Path | None = None,
                 now: dt.datetime | None = None) -> list[Path]:
    """Remove the backups of ``database`` in ``folder`` that the policy does not keep.

    Only files named as backups of this database are touched. Interrupted copies
    (``.partial`` files over an hour old) go too. Returns the removed paths.
    """
    now = now or dt.datetime.now()
    folder = Path(folder) if folder is not None else backup_folder(database)
    removed = []
    for info in backups_to_remove(list_backups(database, folder, check_opens=False), now):
        try:
            info.path.unlink()
            removed.append(info.path)
        except OSError:
            pass  # in use or read-only: try again next time, never fail a save over it
    if folder.is_dir():
        for partial in [*folder.glob(f"{Path(database).stem}-*.sqlite.partial"),
                        *folder.glob(f"{Path(database).stem}-*{SEALED_SUFFIX}.partial")]:
            try:
                age = now - dt.datetime.fromtimestamp(partial.stat().st_mtime)
                if age > STALE_PARTIAL:
                    partial.unlink()
                    removed.append(partial)
            except OSError:
                pass
    return removed


# -- restoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the copy restored, and where the state it replaced was put."""

    restored_from: Path
    saved_current: Path | None


def restore_backup(database: Path, backup: Path, passphrase: str | None = None) -> RestoreResult:
    """Replace the database file ``database`` with the backup ``backup``; nothing is lost.

    An encrypted copy (``.tqsaoluu``) needs its ``passphrase`` (PassphraseRequired without
    it, WrongPassphrase when it is wrong): it is decrypted beside the database first
    (storage.sealed_backup.restore_sealed), then restored as below.

    The database must not be open (close the store first; the GUI holds the instance lock so
    no one else has it open). Steps, each safe to be interrupted by a power cut:

    1. the backup is copied with the online backup API to ``<database>.restoring`` beside the
       database and that copy is verified with ``PRAGMA integrity_check``; a damaged backup
       raises DatabaseDamaged and nothing else is touched;
    2. the current state is backed up with reason "before-restore" (through SQLite, so what
       only the -wal file held is included; a file SQLite cannot read is copied byte for byte);
    3. the stale -wal/-shm files are removed, then the verified copy takes the database's
       name with ``os.replace`` (atomic): there is always either the old or the new file.
    """
    database = Path(database)
    backup = Path(backup)
    if not backup.is_file():
        raise StoreError(f"Không tìm thấy bản sao lưu {backup}. / No such backup.")
    if _is_sealed(backup):
        from storage.sealed_backup import restore_sealed

        if passphrase is None:
            raise _passphrase_required(backup)
        result: RestoreResult = restore_sealed(database, backup, passphrase)
        return result
    # Another program's database is never put in place of ours, however sound it is.
    from storage.file_identity import refuse_foreign_file

    refuse_foreign_file(backup)
    problem = verify_backup(backup)
    if problem is not None:
        raise DatabaseDamaged(
            f"Bản sao lưu {backup} bị hỏng ({problem}); không khôi phục từ bản này. Hãy chọn"
            " một bản khác. / The backup is damaged; nothing was changed."
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    staging = database.with_name(database.name + ".restoring")
    _remove_database_files(staging)
    try:
        source = open_read_only(backup)
        try:
            backup_database(source, staging)
        finally:
            source.close()
        problem = verify_backup(staging, full=True)
        if problem is not None:
            raise DatabaseDamaged(
                f"Bản sao lưu {backup} không qua được kiểm tra toàn vẹn ({problem}); không"
                " khôi phục từ bản này. / The backup fails the integrity check."
            )
        if database.exists():
            _keep_machine_settings(database, staging)
        saved = save_current_state(database, "before-restore") if database.exists() else None
        for suffix in SIDE_SUFFIXES:
            # Before the replace: an old -wal beside the new file would be replayed into it.
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(staging, database)
        _fsync_folder(database.parent)
    except OSError as error:
        raise _os_error(error, database) from error
    finally:
        _remove_database_files(staging)
    _log.info("restored %s from %s; the state it replaced is in %s", database, backup, saved)
    return RestoreResult(backup, saved)


# Settings of this machine, not data: a restored older state keeps the ones in force now.
MACHINE_SETTINGS = (EXTRA_FOLDER_KEY,)


def _keep_machine_settings(database: Path, staging: Path) -> None:
    """Copy this machine's settings (the extra-copy folder) from the file being replaced into
    the restored copy where the copy has none (it was made before they were chosen)."""
    try:
        current = sqlite3.connect(_read_only_uri(database, immutable=False), uri=True)
        try:
            values = dict(current.execute(
                "SELECT key, value FROM meta WHERE key IN (SELECT value FROM json_each(?))",
                [json.dumps(MACHINE_SETTINGS)]).fetchall())
        finally:
            current.close()
    except sqlite3.Error:
        return  # the file being replaced is unreadable: nothing to keep
    if not values:
        return
    restored = sqlite3.connect(staging, isolation_level=None)
    try:
        restored.execute("BEGIN IMMEDIATE")
        restored.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                             list(values.items()))
        restored.execute("COMMIT")
    finally:
        restored.close()


def save_current_state(database: Path, reason: str) -> Path:
    """Back up the (closed) database file as it is, for ``reason``; return the copy's path.

    Through SQLite when it can read the file (the -wal's content is included); otherwise the
    file and its side files are copied byte for byte under the same name, so nothing is lost
    even from a damaged file.
    """
    destination = backup_path_for(database, reason)
    try:
        connection = sqlite3.connect(_read_only_uri(database, immutable=False), uri=True)
        try:
            if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise sqlite3.DatabaseError("quick_check failed")
            backup_database(connection, destination)
        finally:
            connection.close()
        return destination
    except (sqlite3.Error, StorageUnavailable):
        pass
    destination.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *SIDE_SUFFIXES):
        source = Path(f"{database}{suffix}")
        if source.exists():
            shutil.copy2(source, f"{destination}{suffix}")
    return destination


# -- looking at a copy -----------------------------------------------------------------------


class ReadOnlyCopy:
    """A backup opened to look at: a private copy in a temporary folder, opened read-only.

    Working on a copy leaves the backup itself untouched (an older backup is even brought to
    the current schema, on the copy only); ``PRAGMA query_only`` makes every write fail with
    a ReadOnlyStorage error. ``close()`` closes the store and removes the copy.
    """

    def __init__(self, backup: Path, actor: str = "viewer",
                 passphrase: str | None = None) -> None:
        from storage.store import Store

        backup = Path(backup)
        if _is_sealed(backup):
            self._open_sealed(backup, actor, passphrase)
            return
        problem = verify_backup(backup)
        if problem is not None:
            raise DatabaseDamaged(
                f"Bản sao lưu {backup} bị hỏng ({problem}); không mở được. / The backup is"
                " damaged."
            )
        self.backup = backup
        self.folder = Path(tempfile.mkdtemp(prefix="tuquan-view-"))
        copy = self.folder / backup.name
        try:
            source = open_read_only(backup)
            try:
                backup_database(source, copy)
            finally:
                source.close()
            self.store = Store(copy, actor=actor)
            self.store.db.execute("PRAGMA query_only = ON")
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def _open_sealed(self, backup: Path, actor: str, passphrase: str | None) -> None:
        # An encrypted copy is decrypted straight into the private folder.
        from storage.sealed_backup import decrypt_to, unlock
        from storage.store import Store

        if passphrase is None:
            raise _passphrase_required(backup)
        unlocked = unlock(backup, passphrase)
        self.backup = backup
        self.folder = Path(tempfile.mkdtemp(prefix="tuquan-view-"))
        copy = self.folder / (backup.stem + PLAIN_SUFFIX)
        try:
            decrypt_to(backup, unlocked, copy)
            problem = verify_backup(copy)
            if problem is not None:
                raise DatabaseDamaged(
                    f"Bản sao lưu {backup} bị hỏng ({problem}); không mở được. / The backup is"
                    " damaged.")
            self.store = Store(copy, actor=actor)
            self.store.db.execute("PRAGMA query_only = ON")
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def close(self) -> None:
        """Close the copy and remove it."""
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ReadOnlyCopy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_backup_readonly(backup: Path, passphrase: str | None = None) -> ReadOnlyCopy:
    """Open ``backup`` to look at (see ReadOnlyCopy); ``.store`` is the read-only store.

    An encrypted copy needs its ``passphrase``."""
    return ReadOnlyCopy(backup, passphrase=passphrase)


# -- helpers ---------------------------------------------------------------------------------


def _is_sealed(path: Path) -> bool:
    from storage.sealed_backup import is_sealed_copy

    return Path(path).name.endswith(SEALED_SUFFIX) or is_sealed_copy(path)


def _passphrase_required(backup: Path) -> StoreError:
    from storage.sealed_backup import PassphraseRequired

    return PassphraseRequired(
        f"Bản sao lưu {Path(backup).name} được mã hóa; cần mật khẩu của bản sao mang ra ngoài"
        " để mở. / The copy is encrypted: the passphrase is needed.", "passphrase")


def _remove_database_files(path: Path) -> None:
    for suffix in ("", *SIDE_SUFFIXES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Path(f"{path}.partial").unlink(missing_ok=True)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # Makes a rename survive a power cut on POSIX; Windows cannot open a folder (and its
    # renames are journaled by NTFS).
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _backup_error(error: Exception, destination: Path) -> StoreError:
    """A failed backup explained: where, why, and that the data in use is not affected."""
    folder = destination.parent
    kind: type[StoreError]
    if isinstance(error, OSError):
        kind = {errno.ENOSPC: DiskFull, errno.EACCES: ReadOnlyStorage, errno.EPERM: ReadOnlyStorage,
                errno.EROFS: ReadOnlyStorage}.get(error.errno or 0, StorageIOError)
    else:
        translated = storage_error(error, destination)
        kind = type(translated) if translated is not None else StorageUnavailable
    if kind is DiskFull:
        return DiskFull(
            f"Ổ đĩa chứa thư mục {folder} đã đầy nên chưa tạo được bản sao lưu; dữ liệu đang"
            " dùng vẫn nguyên vẹn. Hãy giải phóng chỗ trống hoặc chọn nơi khác. / The disk is"
            " full; no backup was made."
        )
    if kind is ReadOnlyStorage:
        return ReadOnlyStorage(
            f"Không ghi được vào thư mục {folder} (thư mục chỉ đọc hoặc USB bị khóa ghi) nên"
            " chưa tạo được bản sao lưu; dữ liệu đang dùng vẫn nguyên vẹn. Hãy chọn thư mục"
            " khác. / The folder is read-only; no backup was made."
        )
    if kind is DatabaseDamaged:
        return DatabaseDamaged(
            f"Không sao lưu được vì dữ liệu đang dùng bị hỏng ({error}). Hãy dùng Tệp → Kiểm"
            " tra dữ liệu, hoặc khôi phục một bản sao lưu cũ hơn. / The database is damaged."
        )
    return StorageIOError(
        f"Không tạo được bản sao lưu trong thư mục {folder} ({error}). Kiểm tra ổ đĩa hoặc USB"
        " rồi làm lại; dữ liệu đang dùng vẫn nguyên vẹn. / The backup could not be written."
    )


def _os_error(error: OSError, path: Path) -> StoreError:
    """A failed file operation of a restore, explained."""
    if error.errno == errno.ENOSPC:
        return DiskFull(
            f"Ổ đĩa đã đầy, không ghi được {path}. Hãy giải phóng chỗ trống rồi làm lại."
            " / The disk is full."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyStorage(
            f"Không có quyền ghi vào {path} (thư mục chỉ đọc hoặc USB bị khóa ghi)."
            " / The folder is read-only."
        )
    return StorageIOError(
        f"Không ghi được {path}: {error.strerror or error}. Kiểm tra ổ đĩa hoặc USB rồi làm lại."
        " / The file could not be written."
    )
