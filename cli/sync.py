"""Sync subcommands: set up a ward's machine, create a database from a set-up package, export and
import packages, list and revoke machines."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, open_existing, writer_lock
from storage.file_identity import refuse_foreign_file
from storage.sync import PackageRefused, init_from_setup


def cmd_setup_ward(args: argparse.Namespace) -> int:
    """Register a new machine for a ward and write its set-up package; print the passphrase."""
    with open_existing(args.db) as store:
        ward = store.units.find(args.ward, None, "ward")
        result = store.sync.create_setup_package(ward.id, Path(args.output),
                                                 replace=args.replace)
    print(result.path)
    if result.replaced:
        print(f"Máy cũ của {result.ward_name} đã bị thu hồi.", file=sys.stderr)
    print(f"Mật khẩu của gói (chỉ hiện một lần, hãy ghi lại): {result.passphrase}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Create a new database from the city's set-up package."""
    passphrase = args.passphrase
    if passphrase is None:
        passphrase = getpass.getpass("Mật khẩu của gói thiết lập: ")
    # Another program's database is refused as it is, before a lock file is made beside it;
    # the new file must not be made while the app is creating the same one.
    refuse_foreign_file(Path(args.db))
    with writer_lock(args.db), init_from_setup(Path(args.db), Path(args.from_setup), passphrase,
                                               actor="cli") as store:
        print(f"Đã thiết lập {args.db}: {store.sync.site_name()}, mã máy {store.site_id}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one package for each peer (or the one named) and print their paths."""
    with open_existing(args.db) as store:
        peers = store.sync.peers(include_revoked=False)
        if args.peer:
            from storage.text import fold

            peers = [p for p in peers if fold(args.peer) in fold(p.name)]
        if not peers:
            raise CommandError("Máy này chưa có máy nhận nào (chưa thiết lập, hoặc không khớp"
                               " --peer). / No receiver.")
        for peer in peers:
            result = store.sync.export(peer.site_id, Path(args.to), full=args.full)
            print(result.path)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Verify a package, print the report, and apply it unless --dry-run."""
    with open_existing(args.db) as store:
        try:
            plan = store.sync.preview(Path(args.file))
            if plan.already_imported_at or args.dry_run:
                print(plan.report())
                if args.dry_run and not plan.already_imported_at:
                    print("\n(Chạy thử: chưa ghi gì.)")
                return 0
            store.sync.apply(plan)
        except PackageRefused as error:
            print(f"Từ chối gói: {error}", file=sys.stderr)
            return 1
    print(plan.report())
    return 0


def cmd_machines(args: argparse.Namespace) -> int:
    """List the registered machines with their last packages."""
    with open_existing(args.db, writes=False) as store:
        print(f"Máy này: {store.sync.site_name()} (mã {store.site_id})")
        for status in store.sync.status():
            peer = status.peer
            state = f"THU HỒI {peer.revoked_at[:10]} ({peer.revoked_reason})" \
                if peer.revoked_at else "đang dùng"
            kind = "cấp trên" if peer.direction == "upstream" else "cấp dưới"
            print(f"  {peer.name} [{kind}, {state}] mã {peer.site_id}")
            print(f"    gửi gần nhất: {status.last_sent_at or '–'}; nhận gần nhất:"
                  f" {status.last_received_at or '–'}; thay đổi chưa được xác nhận:"
                  f" {status.pending_actions}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    """Revoke a registered machine (a stolen or broken laptop)."""
    with open_existing(args.db) as store:
        matches = [p for p in store.sync.peers() if p.site_id.startswith(args.site)]
        if len(matches) != 1:
            raise CommandError("Mã máy không khớp đúng một máy (xem lệnh machines)."
                               " / The id must match exactly one machine.")
        peer = store.sync.revoke(matches[0].site_id, args.reason)
    print(f"Đã thu hồi {peer.name} ({peer.site_id}).")
    return 0


def cmd_identity(args: argparse.Namespace) -> int:
    """Write this machine's identity card (public keys only) to a file."""
    with open_existing(args.db) as store:
        card = store.sync.identity_card()
    Path(args.output).write_text(json.dumps(card, ensure_ascii=False, indent=2), encoding="utf-8")
    print(args.output)
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    """Register another office's machine from its identity card."""
    try:
        card = json.loads(Path(args.card).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Không đọc được thẻ định danh {args.card}: {error}.") from error
    with open_existing(args.db) as store:
        peer = store.sync.register_peer(card, "upstream" if args.upstream else "downstream")
    kind = "cấp trên" if peer.direction == "upstream" else "cấp dưới"
    print(f"Đã đăng ký {peer.name} ({kind}), mã {peer.site_id}.")
    return 0


def register(commands: Any) -> None:
    """Add setup-ward, init, export, import, machines, revoke, identity and link."""
    setup = commands.add_parser("setup-ward", help="đăng ký máy mới cho một phường/xã và tạo gói"
                                " thiết lập (in mật khẩu)")
    setup.add_argument("--db", required=True)
    setup.add_argument("--ward", required=True, help="tên phường/xã (không cần dấu)")
    setup.add_argument("-o", "--output", required=True, metavar="FILE|DIR",
                       help="tệp .tqthietlap hoặc thư mục")
    setup.add_argument("--replace", action="store_true",
                       help="thay máy: thu hồi máy cũ của phường/xã")
    setup.set_defaults(handler=cmd_setup_ward)

    init = commands.add_parser("init", help="tạo tệp dữ liệu mới từ gói thiết lập của thành phố")
    init.add_argument("--db", required=True, help="tệp dữ liệu mới")
    init.add_argument("--from-setup", required=True, metavar="FILE")
    init.add_argument("--passphrase", help="mật khẩu của gói (nếu không có sẽ hỏi)")
    init.set_defaults(handler=cmd_init)

    export = commands.add_parser("export", help="xuất gói dữ liệu cho các máy nhận")
    export.add_argument("--db", required=True)
    export.add_argument("--to", required=True, metavar="DIR")
    export.add_argument("--full", action="store_true", help="toàn bộ dữ liệu, không chỉ thay đổi")
    export.add_argument("--peer", help="chỉ xuất cho máy có tên này")
    export.set_defaults(handler=cmd_export)

    imp = commands.add_parser("import", help="nhập một gói dữ liệu (kiểm tra chữ ký trước)")
    imp.add_argument("--db", required=True)
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    imp.set_defaults(handler=cmd_import)

    machines = commands.add_parser("machines", help="danh sách máy đã đăng ký và gói gần nhất")
    machines.add_argument("--db", required=True)
    machines.set_defaults(handler=cmd_machines)

    revoke = commands.add_parser("revoke", help="thu hồi một máy (mất, hỏng)")
    revoke.add_argument("--db", required=True)
    revoke.add_argument("site", metavar="MÃ_MÁY", help="mã máy (đủ vài ký tự đầu)")
    revoke.add_argument("--reason", default="Thu hồi", help="lý do")
    revoke.set_defaults(handler=cmd_revoke)

    identity = commands.add_parser("identity", help="ghi thẻ định danh (khóa công khai) của máy"
                                   " này, để liên kết với cơ quan cấp trên hoặc cấp dưới")
    identity.add_argument("--db", required=True)
    identity.add_argument("-o", "--output", required=True, metavar="FILE.json")
    identity.set_defaults(handler=cmd_identity)

    link = commands.add_parser("link", help="đăng ký máy của cơ quan khác từ thẻ định danh")
    link.add_argument("--db", required=True)
    link.add_argument("--card", required=True, metavar="FILE.json")
    side = link.add_mutually_exclusive_group(required=True)
    side.add_argument("--upstream", action="store_true", help="máy đó là cấp trên")
    side.add_argument("--downstream", action="store_true", help="máy đó là cấp dưới")
    link.set_defaults(handler=cmd_link)
