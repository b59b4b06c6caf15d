"""The demo city on the command line: ``demo PATH [--force]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, writer_lock


def build_demo_file(path: Path, force: bool, quiet: bool = False) -> None:
    """Build the demo city into ``path`` (refusing an existing file unless ``force``)."""
    from storage.demo import build_demo
    from storage.file_identity import refuse_foreign_file
    from storage.store import Store

    if path.exists():
        if not force:
            raise CommandError(
                f"Tệp {path} đã tồn tại; thêm --force để ghi đè. / The file exists; use --force."
            )
        # --force replaces a file of this program, never another program's database.
        refuse_foreign_file(path)

    def progress(percent: int, text: str) -> None:
        if not quiet:
            print(f"\r[{percent:3d}%] {text:<40}", end="", file=sys.stderr, flush=True)

    # The app must not have the file open while it is removed and built again.
    with writer_lock(path):
        if path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        with Store(path, actor="demo") as store:
            build_demo(store, progress)
    if not quiet:
        print(file=sys.stderr)


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the demo city into a new file."""
    path = Path(args.path)
    build_demo_file(path, args.force)
    print(path)
    return 0



def register(commands: Any) -> None:
    """Add the ``demo`` subcommand."""
    demo = commands.add_parser("demo", help="tạo dữ liệu mẫu thành phố Lai Châu vào tệp PATH")
    demo.add_argument("path", metavar="PATH")
    demo.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    demo.set_defaults(handler=cmd_demo)
