"""Subcommands of backups and integrity: ``backup``, ``restore``, ``check``.

Each checks the file first as the program does at start: a damaged file is set aside (renamed,
never deleted or written to; never while the app has it open) and the message names the
newest good backup and the command that restores it. Another program's database is refused
as it is. A copy into another folder (``backup --to``) is encrypted with the backup passphrase,
which ``restore`` asks for (storage/sealed_backup.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, open_existing, writer_lock
from storage.backup import copy_to_folder, make_backup, require_folder, restore_backup
from storage.file_identity import refuse_foreign_file
from storage.integrity import SEVERITY_LABELS, full_check, problems_remaining, repair
from storage.sealed_backup import (
    MIN_PASSPHRASE_LENGTH,
    check_passphrase,
    has_passphrase,
    is_sealed_copy,
    local_time,
    passphrase_problem,
    read_header,
    set_passphrase,
)


def _prompt(text: str) -> str:
    """A passphrase typed at the terminal without echo (tests replace this)."""
    return getpass.getpass(text)


def _interactive() -> bool:
    """Whether someone can type at the terminal (tests replace this)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _new_passphrase() -> str:
    """Ask for the passphrase of the copies that leave the data folder, twice."""
    if not _interactive():
        raise CommandError(
            "Chưa đặt mật khẩu cho bản sao mang ra ngoài thư mục dữ liệu. Hãy chạy lệnh trong"
            " cửa sổ lệnh để gõ mật khẩu, hoặc thêm --passphrase MẬT_KHẨU. / No backup"
            " passphrase is set: type one, or give --passphrase.")
    print("Bản sao mang ra ngoài được mã hóa. Đặt mật khẩu (ít nhất"
          f" {MIN_PASSPHRASE_LENGTH} ký tự; hãy ghi ra giấy và cất nơi an toàn: mất mật khẩu là"
          " không mở được bản sao).", file=sys.stderr)
    for _attempt in range(3):
        first = _prompt("Mật khẩu mới: ")
        problem = passphrase_problem(first)
        if problem is not None:
            print(problem, file=sys.stderr)
            continue
        if _prompt("Gõ lại mật khẩu: ") != first:
            print("Hai lần gõ không giống nhau. / The two entries differ.", file=sys.stderr)
            continue
        return first
    raise CommandError("Chưa đặt được mật khẩu; không có gì được chép. / No passphrase set.")


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database (into its backups folder, or into --to DIR) and print the path.

    A copy into --to DIR leaves the data folder, so it is encrypted: the first time, the
    passphrase is asked for (or given with --passphrase) and set.
    """
    if not args.to:
        # Reads only (the online backup API): safe while the app has the file open.
        with open_existing(args.db, writes=False) as store:
            destination = make_backup(store, "manual")
        print(destination)
        return 0
    folder = Path(args.to)
    require_folder(folder)
    with open_existing(args.db, writes=False) as store:
        ready = has_passphrase(store)
        if ready and args.passphrase is not None and not check_passphrase(store,
                                                                          args.passphrase):
            raise CommandError(
                "--passphrase không phải mật khẩu đã đặt cho bản sao mang ra ngoài; không có gì"
                " được chép (đổi mật khẩu ở Tệp → Sao lưu và khôi phục). / --passphrase is not"
                " the passphrase that was set.")
    if not ready:
        passphrase = args.passphrase if args.passphrase is not None else _new_passphrase()
        # A setting is written: under the one-writer lock, as every command that writes.
        with open_existing(args.db) as store:
            set_passphrase(store, passphrase)
        print("Đã đặt mật khẩu cho bản sao mang ra ngoài. / The backup passphrase is set.",
              file=sys.stderr)
    with open_existing(args.db, writes=False) as store:
        destination = copy_to_folder(store, folder, remember=False)
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
    passphrase = args.passphrase
    if is_sealed_copy(backup) and passphrase is None:
        header = read_header(backup)  # a damaged copy is refused before anything is asked
        if not _interactive():
            raise CommandError(
                f"Bản sao lưu {backup.name} được mã hóa; thêm --passphrase MẬT_KHẨU hoặc chạy"
                " lệnh trong cửa sổ lệnh để gõ mật khẩu. / The copy is encrypted: give"
                " --passphrase.")
        print(f"Bản sao lưu mã hóa, tạo lúc {local_time(header.created_at)}.", file=sys.stderr)
        passphrase = _prompt("Mật khẩu của bản sao lưu: ")
    # The program must not have the file open: it would keep writing to the replaced file.
    with writer_lock(path):
        result = restore_backup(path, backup, passphrase=passphrase)
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
    backup.add_argument("--to", metavar="DIR",
                        help="thư mục nhận bản sao mã hóa (ví dụ USB)")
    backup.add_argument("--passphrase", metavar="MẬT_KHẨU",
                        help="mật khẩu của bản sao mang ra ngoài (cho lệnh chạy tự động;"
                             " không có thì hỏi lần đầu, không hiện chữ)")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore", help="khôi phục tệp dữ liệu từ một bản sao lưu (bản hiện tại được cất lại)")
    restore.add_argument("--db", required=True)
    restore.add_argument("backup", metavar="BACKUP", help="tệp sao lưu (.sqlite, .tqsaoluu)")
    restore.add_argument("--passphrase", metavar="MẬT_KHẨU",
                         help="mật khẩu của bản sao mã hóa (không có thì hỏi, không hiện chữ)")
    restore.set_defaults(handler=cmd_restore)

    check = commands.add_parser(
        "check", help="kiểm tra toàn bộ dữ liệu; --repair sửa những lỗi sửa được an toàn")
    check.add_argument("--db", required=True)
    check.add_argument("--repair", action="store_true", help="sửa những lỗi sửa được an toàn")
    check.set_defaults(handler=cmd_check)
