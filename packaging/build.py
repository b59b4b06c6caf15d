"""Build the one-folder program with PyInstaller and, with --check, try the result.

    python packaging/build.py            # dist/TuQuan/ (TuQuan.exe on Windows)
    python packaging/build.py --check    # then: --version, --self-check, the window offscreen

Needs the build tools: ``pip install -e ".[build]"``. The checks run the built program, not
this Python: a file the spec forgot or a Qt plugin PyInstaller did not collect fails here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "tuquan.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_DIR = DIST / "TuQuan"
# How long the first window stays open in the check before the program closes it.
GUI_SECONDS = 3
# Generous limits: a stuck program fails the check instead of hanging the build.
TIMEOUT = 300


def executable(console: bool = True) -> Path:
    """The built program; on Windows the console one (TuQuan-cli.exe) for output to read."""
    if sys.platform == "win32":
        return APP_DIR / ("TuQuan-cli.exe" if console else "TuQuan.exe")
    return APP_DIR / "TuQuan"


def build() -> float:
    """Run PyInstaller on the spec; the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)],
        cwd=ROOT, check=True,
    )
    return time.perf_counter() - started


def _run(arguments: Sequence[str], env: dict[str, str], console: bool = True
         ) -> subprocess.CompletedProcess[str]:
    command = [str(executable(console)), *arguments]
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=TIMEOUT)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"check failed: {' '.join(command)} exited with {done.returncode}")
    return done


def check() -> float:
    """Run the built program: --version, --self-check, the demo, a report, the window
    offscreen; the seconds it took."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tuquan-build-check-") as folder:
        # A data folder of its own: the checks never touch the user's data, settings or log.
        env = {**os.environ, "TUQUAN_DATA_DIR": folder, "QT_QPA_PLATFORM": "offscreen",
               "XDG_CONFIG_HOME": str(Path(folder) / "config")}
        version = _run(["--version"], env).stdout
        if "Tự Quản" not in version:
            raise SystemExit(f"check failed: --version printed {version!r}")
        if _run(["--self-check"], env).stdout.strip().splitlines()[-1:] != ["OK"]:
            raise SystemExit("check failed: --self-check did not end with OK")
        # The window on a real city: the demo, built by the packaged program itself.
        database = Path(folder) / "demo.sqlite"
        _run(["demo", str(database)], env)
        # The city report: charts (ReportLab graphics) and Excel (openpyxl) in the build.
        report = Path(folder) / "bao-cao.pdf"
        _run(["report", "city", "--db", str(database), "--year", "2024", "-o", str(report),
              "--xlsx", str(report.with_suffix(".xlsx"))], env)
        _run(["--db", str(database)], {**env, "TUQUAN_QUIT_AFTER_MS": str(GUI_SECONDS * 1000)},
             console=False)
        # The first window (sign-in on the demo's accounts) must have been on screen when the
        # program closed itself: the program logs what it closed.
        log = (Path(folder) / "logs" / "tuquan.log").read_text(encoding="utf-8")
        closed = [line for line in log.splitlines() if "Tự đóng; cửa sổ đang mở: " in line]
        if not closed or closed[0].endswith("không có"):
            raise SystemExit("check failed: no window was on screen (see the log)")
        print("window shown offscreen, then closed:", closed[0].split(": ", 1)[1])
    return time.perf_counter() - started


def _size(folder: Path) -> int:
    # Symbolic links (PyInstaller makes some on Linux) point at files already counted.
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


def main(argv: Sequence[str] | None = None) -> int:
    """Build, then check when asked; print the times and the folder's size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="run the built program's checks")
    parser.add_argument("--no-build", action="store_true", help="check the existing dist/")
    args = parser.parse_args(argv)
    if not args.no_build:
        seconds = build()
        print(f"built {APP_DIR} in {seconds:.0f} s, {_size(APP_DIR) / 1e6:.0f} MB")
    if args.check:
        seconds = check()
        print(f"checks of the built program passed in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
