"""One program at a time on a database file: a lock file beside it, locked by the OS.

Two windows on the same file would each keep their own view of the data, overwrite each
other's edits and make the undo history lie. The lock is an OS-level lock on
``<database>.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows): the OS drops it
when the process ends, however it ends, so a crash or a power cut never leaves a stale lock
that would keep the official out. The file itself stays; it only says who holds it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from storage.errors import StoreError

# Windows locks a byte range; lock one byte far past the holder's note so the note stays
# readable by the process that is refused.
_WINDOWS_LOCK_OFFSET = 1 << 20
# The locks this process holds, by lock file. A second InstanceLock on the same file in this
# process is refused like any other, so code that must know whether the file is "ours" (the
# check at start, which may set a damaged file aside) asks here instead of locking again.
_HELD: dict[str, InstanceLock] = {}


class InstanceLocked(StoreError):
    """Another running program holds the database file."""

    def __init__(self, message: str, database: Path, holder: dict[str, object]) -> None:
        super().__init__(message)
        self.database = database
        self.holder = holder


def lock_path_for(database: Path) -> Path:
    """The lock file of ``database`` (beside it, e.g. ``tuquan.sqlite.lock``)."""
    database = Path(database)
    return database.with_name(database.name + ".lock")


def _key(database: Path) -> str:
    return os.path.normcase(os.path.abspath(lock_path_for(database)))


def held_by_this_process(database: Path) -> bool:
    """Whether this process holds the lock of ``database`` (so no other program has it open)."""
    lock = _HELD.get(_key(database))
    return lock is not None and lock.held


class InstanceLock:
    """The lock of one database file; ``acquire()`` raises InstanceLocked when it is taken."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database)
        self.path = lock_path_for(self.database)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock, or raise InstanceLocked naming the file and who holds it.

        When the lock file cannot be created at all (a read-only folder), nothing is held and
        nothing is raised: opening the database then explains the folder problem better.
        """
        if self._handle is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open
        except OSError:
            return
        if not _try_lock(handle):
            holder = _read_holder(handle)
            handle.close()
            raise InstanceLocked(_locked_message(self.database, holder), self.database, holder)
        self._handle = handle
        _HELD[_key(self.database)] = self
        note = {"pid": os.getpid(), "host": socket.gethostname(),
                "since": dt.datetime.now().isoformat(timespec="seconds")}
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(note))
            handle.flush()
        except OSError:
            pass  # the note is only for the message; the lock is what counts

    def release(self) -> None:
        """Give the lock back (the OS does it too when the process ends)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        if _HELD.get(_key(self.database)) is self:
            del _HELD[_key(self.database)]
        try:
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def alone_with(database: Path) -> Iterator[bool]:
    """Inside: True when no other program can have ``database`` open meanwhile.

    That is when this process holds its lock already, or takes it for the block (and gives it
    back after). False when another program holds it, or when the lock file cannot be made
    (a read-only folder: who else has the file open cannot be known).
    """
    if held_by_this_process(database):
        yield True
        return
    lock = InstanceLock(database)
    try:
        lock.acquire()
    except InstanceLocked:
        yield False
        return
    try:
        yield lock.held
    finally:
        lock.release()


def _try_lock(handle: IO[str]) -> bool:
    if os.name == "nt":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    # flock, not lockf: flock locks belong to the open file, so a second open in the same
    # process is refused too (lockf would let it through silently).
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    try:
        if os.name == "nt":
            import msvcrt

            handle.seek(_WINDOWS_LOCK_OFFSET)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass  # closing the file releases it anyway


def _read_holder(handle: IO[str]) -> dict[str, object]:
    try:
        handle.seek(0)
        data = json.loads(handle.read(4096) or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _where(holder: dict[str, object]) -> str:
    if not (holder.get("host") or holder.get("since")):
        return ""
    since = str(holder.get("since", "")).replace("T", " ")
    return f" (máy {holder.get('host', '?')}, từ {since})"


def _locked_message(database: Path, holder: dict[str, object]) -> str:
    return (
        f"Tệp dữ liệu {database} đang được mở ở một cửa sổ Tự Quản khác{_where(holder)}. Hãy"
        " dùng cửa sổ đó, hoặc đóng nó rồi mở lại. / The database is already open in another"
        " window."
    )


def command_refused_message(database: Path, holder: dict[str, object]) -> str:
    """Why a command that writes did nothing: the program has the file open."""
    return (
        f"Tệp dữ liệu {database} đang được mở trong chương trình Tự Quản{_where(holder)}; lệnh"
        " này ghi vào tệp nên chưa làm gì. Hãy đóng chương trình rồi chạy lại lệnh. / The"
        " database is open in Tự Quản; close it and run the command again."
    )
