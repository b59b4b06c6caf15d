"""Subcommands of backups and integrity: ``backup``, ``restore``, ``check``.

Each checks the file first as the program does at start: a damaged file is set aside (renamed,
never deleted or written to; never while the app has it open) and the message names the
newest good backup and the command that restores it. Another program's database is refused
as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, open_existing, writer_lock
from storage.backup import copy_to_folder, make_backup, restore_backup
from storage.file_identity import refuse_foreign_file
from storage.integrity import SEVERITY_LABELS, full_check, problems_remaining, repair


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database (into its backups folder, or into --to DIR) and print the path."""
    # Reads only (the online backup API): safe while the app has the file open.
    with open_existing(args.db, writes=False) as store:
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
    # Another program's database is neither put in place nor replaced.
    refuse_foreign_file(backup)
    if path.exists():
        refuse_foreign_file(path)
    # The program must not have the file open: it would keep writing to the replaced file.
    with writer_lock(path):
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
    # Only the repair writes: the check alone may run while the app has the file open.
    with open_existing(args.db, writes=args.repair) as store:
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
