"""Accounts and the audit trail at a terminal: ``account add|list|passwd|disable|enable`` for
the administrator of the machine, and ``audit`` to read who changed what."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from cli.common import CommandError, open_existing
from storage.accounts import ROLE_LABELS, WARD_OFFICER, Account
from storage.audit import AuditFilter, local_time
from storage.store import Store

ROLE_CHOICES = tuple(ROLE_LABELS)


def _password(args: argparse.Namespace, prompt: str) -> str:
    """The password of --password, else typed twice without echo."""
    if args.password is not None:
        return str(args.password)
    first = getpass.getpass(f"{prompt}: ")
    if getpass.getpass("Nhập lại để xác nhận: ") != first:
        raise CommandError("Hai lần nhập mật khẩu không giống nhau. / Passwords differ.")
    return first


def _account(store: Store, username: str) -> Account:
    account = store.accounts.find(username)
    if account is None:
        raise CommandError(f"Không có tài khoản '{username}'. / No such account.")
    return account


def _unit_name(store: Store, account: Account) -> str:
    return store.units.get(account.unit_id).name if account.unit_id else ""


def cmd_account_add(args: argparse.Namespace) -> int:
    """Add an account (the first one of a machine must be a city administrator)."""
    with open_existing(args.db) as store:
        unit_id = None
        if args.role == WARD_OFFICER:
            if not args.ward:
                raise CommandError("Cán bộ phường, xã cần --ward TÊN. / --ward is required.")
            unit_id = store.units.find(args.ward, None, "ward").id
        if not store.accounts.count() and args.role != "city_admin":
            raise CommandError("Tài khoản đầu tiên phải là quản trị thành phố (--role"
                               " city_admin). / The first account must be an administrator.")
        password = _password(args, f"Mật khẩu cho {args.username}")
        account = store.accounts.add(args.username, args.full_name or args.username, args.role,
                                     password, unit_id)
        unit = _unit_name(store, account)
    print(f"Đã thêm tài khoản {account.username} ({account.role_label}"
          f"{', ' + unit if unit else ''}).")
    return 0


def cmd_account_list(args: argparse.Namespace) -> int:
    """Print the accounts of the machine."""
    with open_existing(args.db, writes=False) as store:
        accounts = store.accounts.all()
        rows = [(a.username, a.full_name, a.role_label, _unit_name(store, a),
                 "đã khóa" if a.disabled else "",
                 local_time(a.last_sign_in_at) if a.last_sign_in_at else "chưa đăng nhập")
                for a in accounts]
    if not rows:
        print("Chưa có tài khoản nào. Thêm quản trị viên: python main.py account --db PATH add"
              " TÊN --role city_admin")
        return 0
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(value.ljust(widths[i]) for i, value in enumerate(row[:5]))
              + "  " + row[5])
    return 0


def cmd_account_passwd(args: argparse.Namespace) -> int:
    """Set a new password for an account (the administrator's reset)."""
    with open_existing(args.db) as store:
        account = _account(store, args.username)
        store.accounts.reset_password(account.id, _password(args, "Mật khẩu mới"))
    print(f"Đã đặt mật khẩu mới cho {account.username}.")
    return 0


def cmd_account_disable(args: argparse.Namespace) -> int:
    """Stop an account from signing in, or (enable) let it sign in again."""
    with open_existing(args.db) as store:
        account = _account(store, args.username)
        if args.action == "disable":
            store.accounts.disable(account.id)
            print(f"Đã khóa tài khoản {account.username}.")
        else:
            store.accounts.enable(account.id)
            print(f"Đã mở khóa tài khoản {account.username}.")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """Print the audit trail, newest first, with each entry's field changes."""
    with open_existing(args.db, writes=False) as store:
        trail = store.audit_trail
        if args.verify:
            problems = store.verify_audit_chain()
            for problem in problems:
                print(problem)
            print("Nhật ký nguyên vẹn." if not problems else
                  f"Nhật ký có {len(problems)} chỗ bị sửa hoặc bị xóa.")
            return 1 if problems else 0
        record_ids = trail.related_ids(args.record) if args.record else ()
        audit_filter = AuditFilter(user=args.user, record_ids=record_ids, text=args.text or "")
        entries = trail.entries(audit_filter, limit=args.limit)
        total = trail.count(audit_filter)
        lines = []
        for entry in entries:
            source = " (nhận từ máy khác)" if entry.received else ""
            lines.append(f"{local_time(entry.at)}  {entry.actor}{source}  {entry.action}")
            lines.append(f"    {entry.operation_label} {trail.record_label(entry)}"
                         f" [{entry.record_id}]")
            lines += [f"    - {line}" for line in trail.describe(entry)]
    if not entries:
        print("Không có mục nhật ký nào khớp.")
        return 0
    print("\n".join(lines))
    if total > len(entries):
        print(f"\n(Hiện {len(entries)} trong {total} mục mới nhất; thêm --limit để xem nhiều"
              " hơn.)", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add the ``account`` and ``audit`` subcommands."""
    account = commands.add_parser("account", help="tài khoản đăng nhập của máy này (quản trị)")
    account.add_argument("--db", required=True)
    actions = account.add_subparsers(dest="account_action", metavar="VIỆC", required=True)

    add = actions.add_parser("add", help="thêm tài khoản")
    add.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    add.add_argument("--role", required=True, choices=ROLE_CHOICES,
                     help="city_admin: quản trị; city_officer: cán bộ thành phố; ward_officer:"
                          " cán bộ phường, xã (cần --ward); viewer: chỉ xem và in")
    add.add_argument("--ward", help="phường/xã của cán bộ phường, xã (không cần dấu)")
    add.add_argument("--full-name", help="họ và tên")
    add.add_argument("--password", help="mật khẩu (mặc định: hỏi, không hiện khi gõ)")
    add.set_defaults(handler=cmd_account_add)

    listing = actions.add_parser("list", help="liệt kê tài khoản")
    listing.set_defaults(handler=cmd_account_list)

    passwd = actions.add_parser("passwd", help="đặt mật khẩu mới cho một tài khoản")
    passwd.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    passwd.add_argument("--password", help="mật khẩu mới (mặc định: hỏi)")
    passwd.set_defaults(handler=cmd_account_passwd)

    for name, text in (("disable", "khóa tài khoản (không đăng nhập được nữa)"),
                       ("enable", "mở khóa tài khoản")):
        toggle = actions.add_parser(name, help=text)
        toggle.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
        toggle.set_defaults(handler=cmd_account_disable, action=name)

    audit = commands.add_parser("audit", help="nhật ký thay đổi: ai sửa gì, khi nào")
    audit.add_argument("--db", required=True)
    audit.add_argument("--record", metavar="ID",
                       help="mã bản ghi (với một hộ: cả thành viên và tình trạng các năm)")
    audit.add_argument("--user", metavar="TÊN", help="chỉ các thay đổi của người này")
    audit.add_argument("--text", help="tìm trong việc và nội dung thay đổi (không cần dấu)")
    audit.add_argument("--limit", type=int, default=50, metavar="N",
                       help="số mục mới nhất in ra (mặc định 50)")
    audit.add_argument("--verify", action="store_true",
                       help="kiểm tra chuỗi băm của nhật ký (mã thoát 1 nếu bị sửa, bị xóa)")
    audit.set_defaults(handler=cmd_audit)
