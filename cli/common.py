"""What every subcommand shares: the input-error exception and opening an existing database."""

from __future__ import annotations

from pathlib import Path

from storage.store import Store


class CommandError(Exception):
    """A problem with the command's input: printed to stderr, exit code 2."""


def open_existing(db: str, actor: str = "cli") -> Store:
    """Open the database file ``db``, which must exist (a typo must not create a new file)."""
    path = Path(db)
    if not path.exists():
        raise CommandError(
            f"Không tìm thấy tệp dữ liệu {path}. Kiểm tra lại đường dẫn --db. / No such file."
        )
    # A damaged file is never written to: it is set aside and the user told which backup to
    # restore (storage/integrity.py).
    from storage.integrity import check_at_start, damaged_message

    result = check_at_start(path)
    if not result.ok:
        raise CommandError(damaged_message(result))
    return Store(path, actor=actor)
