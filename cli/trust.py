"""Subcommands of backups and integrity: ``backup``, ``restore``, ``check``.

Each checks the file first as the program does at start: a damaged file is set aside (renamed,
never deleted or written to) and the message names the newest good backup and the command
that restores it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, open_existing
from storage.backup import copy_to_folder, make_backup, restore_backup
from storage.instance_lock import InstanceLock
from storage.integrity import (
    SEVERITY_LABELS,
    check_at_start,
    damaged_message,
    full_check,
    problems_remaining,
    repair,
)


def _existing(db: str) -> Path:
    path = Path(db)
    if not path.exists():
        raise CommandError(
            f"Không tìm thấy tệp dữ liệu {path}. Kiểm tra lại đường dẫn --db. / No such file."
        )
    return path


def _checked_at_start(path: Path) -> bool:
    """The check at start; False (after explaining on stderr) when the file was damaged."""
    result = check_at_start(path)
    if result.ok:
        return True
    print(damaged_message(result), file=sys.stderr)
    return False


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database (into its backups folder, or into --to DIR) and print the path."""
    path = _existing(args.db)
    if not _checked_at_start(path):
        return 1
    with open_existing(args.db) as store:
        if args.to:
            destination = copy_to_folder(store, Path(args.to), remember=False)
        else:
            destination = make_backup(store, "manual")
    print(destination)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup in place of the database; the current state is backed up first."""
    path = Path(args.db)
    backup = Path(args.backup)
    if not backup.is_file():
        raise CommandError(f"Không tìm thấy bản sao lưu {backup}. / No such backup.")
    # The program must not have the file open: it would keep writing to the replaced file.
    with InstanceLock(path):
        result = restore_backup(path, backup)
    print(f"Đã khôi phục {path} từ {result.restored_from}.")
    if result.saved_current is not None:
        print(f"Dữ liệu trước khi khôi phục đã được cất vào: {result.saved_current}")
    return 0


def _print_findings(findings: list[Any]) -> None:
    if not findings:
        print("Không phát hiện vấn đề nào. / No problems found.")
        return
    for finding in findings:
        state = " [đã sửa]" if finding.repaired else (
            " [sửa được: thêm --repair]" if finding.repairable else "")
        print(f"{SEVERITY_LABELS[finding.severity]}: {finding.text}{state}")


def cmd_check(args: argparse.Namespace) -> int:
    """Check the database fully (and repair what is safe): exit 0 clean, 1 problems remain."""
    path = _existing(args.db)
    if not _checked_at_start(path):
        return 1
    with open_existing(args.db) as store:
        findings = repair(store) if args.repair else full_check(store)
    _print_findings(findings)
    remaining = problems_remaining(findings)
    if remaining:
        print(f"Còn {len(remaining)} vấn đề chưa sửa. / Problems remain.", file=sys.stderr)
        return 1
    return 0


def register(commands: Any) -> None:
    """Add ``backup``, ``restore`` and ``check`` to the parser's subcommands."""
    backup = commands.add_parser(
        "backup", help="sao lưu tệp dữ liệu (vào thư mục backups bên cạnh, hoặc --to THƯ_MỤC)")
    backup.add_argument("--db", required=True)
    backup.add_argument("--to", metavar="DIR", help="thư mục nhận bản sao (ví dụ USB)")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore", help="khôi phục tệp dữ liệu từ một bản sao lưu (bản hiện tại được cất lại)")
    restore.add_argument("--db", required=True)
    restore.add_argument("backup", metavar="BACKUP", help="tệp sao lưu")
    restore.set_defaults(handler=cmd_restore)

    check = commands.add_parser(
        "check", help="kiểm tra toàn bộ dữ liệu; --repair sửa những lỗi sửa được an toàn")
    check.add_argument("--db", required=True)
    check.add_argument("--repair", action="store_true", help="sửa những lỗi sửa được an toàn")
    check.set_defaults(handler=cmd_check)
