"""The command line's output: a closed pipe is no error, messages in both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_reader_that_stops_early_is_no_error(demo_path: Path) -> None:
    # Far more than a pipe holds, so the writer meets the closed pipe.
    command = [sys.executable, "main.py", "audit", "--db", str(demo_path), "--limit", "20000"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # like `| head -1`
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert first.strip()
    assert "Traceback" not in error and "BrokenPipe" not in error


def test_an_unknown_ward_is_explained_in_both_languages(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main.main(["summary", "--db", str(demo_path), "--year", "2024", "--ward", "Tan Fong"])
    error = capsys.readouterr().err
    assert code == 1
    assert "Không tìm thấy đơn vị 'Tan Fong'" in error and "/ No unit named" in error
