"""Tự Quản: the command line. Parses arguments, opens the store, calls one function per
subcommand, and starts the GUI when no subcommand is given. No domain logic lives here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cli import accounts as accounts_commands
from cli import demo as demo_commands
from cli import households_io as households_io_commands
from cli import self_check as self_check_commands
from cli import sync as sync_commands
from cli import trust as trust_commands
from cli import year as year_commands
from cli.common import CommandError
from storage.errors import StoreError
from storage.logs import setup_logging
from storage.paths import default_database, demo_database

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("tuquan")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.1.0"


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the main window (building the demo city first with --demo)."""
    setup_logging(__version__)
    if args.demo:
        path = Path(args.db) if args.db else demo_database()
        if not path.exists():
            print("Đang tạo dữ liệu mẫu thành phố Lai Châu…", file=sys.stderr)
            demo_commands.build_demo_file(path, force=False)
        offer_demo = False
    else:
        path = Path(args.db) if args.db else default_database()
        offer_demo = not path.exists()
    from gui.app import run_gui

    return run_gui(path, offer_demo=offer_demo)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser (tests read it to check the README documents every command)."""
    parser = argparse.ArgumentParser(
        prog="tuquan",
        description="Tự Quản: hồ sơ tổ dân phố, bản tự quản, phát triển toàn diện.",
    )
    parser.add_argument("--version", action="version", version=f"Tự Quản {__version__}")
    parser.add_argument("--db", help="tệp dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument(
        "--demo", action="store_true", help="mở dữ liệu mẫu thành phố Lai Châu (tạo nếu chưa có)"
    )
    parser.set_defaults(handler=cmd_gui)
    self_check_commands.add_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    for area in (demo_commands, year_commands, sync_commands, households_io_commands,
                 trust_commands, accounts_commands):
        area.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader went away (`summary --json | head`): what it wanted was printed. Point
        # stdout at nothing so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except CommandError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
