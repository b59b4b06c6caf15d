"""What every subcommand shares: the input-error exception, opening an existing database, and
the one-writer lock every command that writes takes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from storage.errors import DatabaseDamaged
from storage.file_identity import NotOurDatabase, refuse_foreign_file
from storage.instance_lock import InstanceLock, InstanceLocked, command_refused_message
from storage.store import Store


class CommandError(Exception):
    """A problem with the command's input: printed to stderr, exit code 2."""


@contextmanager
def writer_lock(db: str | Path) -> Iterator[None]:
    """Inside: this command holds the database's one-writer lock, the one the app takes.

    Every command that writes (or creates, replaces or removes the file) runs inside it; while
    the app has the file open it raises InstanceLocked (exit code 1) before anything is done.
    """
    path = Path(db)
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except InstanceLocked as error:
        raise InstanceLocked(command_refused_message(path, error.holder), path,
                             error.holder) from error
    try:
        yield
    finally:
        lock.release()


@contextmanager
def open_existing(db: str | Path, actor: str = "cli", *, writes: bool = True) -> Iterator[Store]:
    """Open the database file ``db``, which must exist (a typo must not create a new file).

    ``writes`` (the default) holds the one-writer lock while the store is open: only commands
    that never write pass False, and may then run while the app has the file open. Another
    program's database is refused before anything, a damaged one is set aside (when no other
    program has it open) and the message names the backup to restore.
    """
    path = Path(db)
    if not path.exists():
        raise CommandError(
            f"Không tìm thấy tệp dữ liệu {path}. Kiểm tra lại đường dẫn --db. / No such file."
        )
    # Before the lock: not even a lock file is made beside another program's database.
    refuse_foreign_file(path)
    from storage.integrity import check_at_start, damaged_message

    with ExitStack() as stack:
        if writes:
            stack.enter_context(writer_lock(path))
        result = check_at_start(path)
        if result.foreign:
            raise NotOurDatabase(damaged_message(result))
        if not result.ok:
            raise DatabaseDamaged(damaged_message(result))
        store = stack.enter_context(Store(path, actor=actor))
        yield store
