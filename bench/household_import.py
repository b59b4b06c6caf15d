"""Importing household lists at ward and province scale, side by side with LibreOffice.

    python -m bench.household_import [--sizes 13000 100000] [--db DEMO.sqlite] [--keep DIR]

Writes .xlsx household lists of each size (a title block, the Vietnamese headers, one row per
household spread over the demo city's 72 groups), then times on the demo city:

- read: ``read_file`` (python-calamine, legacy-font detection, header search);
- check + preview: ``guess_mapping``, ``check`` (every row matched, parsed, validated, looked
  up for duplicates) and the preview's counts: what the wizard waits for before it shows them;
- apply: the one store action that writes the households, their statuses and audit entries;
- CSV: reading and checking the same list saved as CSV;
- undo: ``revert_import``;
- LibreOffice: ``soffice --headless --convert-to csv`` of the same file (only converting it,
  nothing checked), when ``soffice`` is installed.

Wall-clock and CPU seconds are printed; on a loaded machine the CPU figures are the steadier.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

HEADER = ["STT", "Phường, xã", "Tổ dân phố, bản", "Họ và tên chủ hộ", "Giới tính", "Năm sinh",
          "Dân tộc", "Địa chỉ", "Số điện thoại", "Số nhân khẩu", "Hộ nghèo", "Hộ cận nghèo",
          "Gia đình văn hóa", "Ký cam kết ANTT", "Ghi chú"]


def write_list(path: Path, rows: int, db: Path, seed: int = 1) -> None:
    """An .xlsx list of ``rows`` households spread over the demo city's groups, and the same
    list as CSV (UTF-8 with BOM, as Excel saves it) beside it.

    Empty cells are left out of the .xlsx, as Excel and LibreOffice leave them out."""
    import csv

    from openpyxl import Workbook

    from storage.demo import ETHNIC_MIX, FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, STREETS
    from storage.ethnicity import ethnic_name
    from storage.store import Store

    with Store(db) as store:
        groups = [(store.units.get(g.parent_id or "").name, g.name, g.kind)
                  for g in store.units.in_year(2024, "group")]
    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    lines: list[list[Any]] = [["UBND THÀNH PHỐ LAI CHÂU"], ["DANH SÁCH HỘ GIA ĐÌNH NĂM 2024"], [],
                              HEADER]
    for number in range(1, rows + 1):
        ward, group, kind = groups[number % len(groups)]
        mix = ETHNIC_MIX[kind]
        code = rng.choices(list(mix), weights=list(mix.values()))[0]
        gender = "nam" if rng.random() < 0.7 else "nu"
        name = " ".join((rng.choice(FAMILY_NAMES.get(code, FAMILY_NAMES["01"])),
                         rng.choice(MIDDLE_NAMES[gender]), rng.choice(GIVEN_NAMES[gender]),
                         rng.choice(GIVEN_NAMES[gender])))
        poor = rng.random() < 0.02
        lines.append([
            number, ward, group, name, "Nam" if gender == "nam" else "Nữ",
            rng.randint(1940, 2000), ethnic_name(code),
            f"Số {rng.randint(1, 400)}, đường {rng.choice(STREETS)}",
            f"09{rng.randint(0, 99_999_999):08d}" if rng.random() < 0.6 else "",
            rng.randint(1, 8), "x" if poor else "", "x" if not poor and rng.random() < 0.03 else "",
            "x" if rng.random() < 0.95 else "", "x" if rng.random() < 0.9 else "", "",
        ])
    for line in lines:
        sheet.append([None if value == "" else value for value in line])
    workbook.save(path)
    with path.with_suffix(".csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(lines)


def timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def libreoffice(path: Path, out: Path) -> tuple[float, float] | None:
    """(wall, CPU) seconds of ``soffice --headless --convert-to csv``; None without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    # UTF-8 (76), comma-separated, quoted: the CSV this program would read.
    out = out / "libreoffice"
    out.mkdir(exist_ok=True)
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
               str(path)]
    # A first run creates the profile: not part of what is measured.
    warm = Path(tempfile.mkdtemp(prefix="lo-warm-"))
    tiny = warm / "tiny.csv"
    tiny.write_text("a,b\n1,2\n", encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(warm), str(tiny)],
                   check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not (out / f"{path.stem}.csv").exists():
        raise RuntimeError("LibreOffice wrote no CSV")
    return wall, cpu


def run(size: int, demo: Path, folder: Path, with_libreoffice: bool) -> dict[str, Any]:
    from storage import household_import as hi
    from storage.store import Store

    path = folder / f"danh_sach_{size}.xlsx"
    if not path.exists() or not path.with_suffix(".csv").exists():
        # Written by another process: the millions of cells it makes would otherwise stay in
        # this one's memory and slow down what is measured here (by a third, seen).
        writer = multiprocessing.get_context("spawn").Process(
            target=write_list, args=(path, size, demo))
        _, wall, _ = timed(lambda: (writer.start(), writer.join()))
        if writer.exitcode != 0:
            raise RuntimeError(f"writing {path.name} failed")
        print(f"  wrote {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {wall:.1f} s",
              file=sys.stderr)
    db = folder / f"demo_{size}.sqlite"
    shutil.copy(demo, db)
    figures: dict[str, Any] = {"rows": size}
    with Store(db, actor="bench") as store:
        imported, wall, cpu = timed(lambda: hi.read_file(path))
        figures["read"] = (wall, cpu)

        def check() -> hi.Preview:
            mapping = hi.guess_mapping(imported, store, 2024)
            preview = hi.check(store, imported, mapping, 2024)
            _ = preview.counts
            return preview

        preview, wall, cpu = timed(check)
        figures["check"] = (wall, cpu)
        figures["counts"] = preview.counts

        def csv_read_and_check() -> hi.Preview:
            from_csv = hi.read_file(path.with_suffix(".csv"))
            mapping = hi.guess_mapping(from_csv, store, 2024)
            checked = hi.check(store, from_csv, mapping, 2024)
            _ = checked.counts
            return checked

        checked, wall, cpu = timed(csv_read_and_check)
        figures["csv"] = (wall, cpu)
        if checked.counts != preview.counts:
            raise RuntimeError(f"the CSV checks differently: {checked.counts} / {preview.counts}")
        del checked
        outcome, wall, cpu = timed(lambda: hi.apply(store, preview))
        figures["apply"] = (wall, cpu)
        figures["written"] = outcome.written
        _, wall, cpu = timed(lambda: hi.revert_import(store, outcome))
        figures["undo"] = (wall, cpu)
    db.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    figures["libreoffice"] = libreoffice(path, folder) if with_libreoffice else None
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[13_000, 100_000])
    parser.add_argument("--db", help="the demo city (else built into the work folder)")
    parser.add_argument("--keep", help="work folder to keep the files in (reused next time)")
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    demo = Path(args.db) if args.db else folder / "demo.sqlite"
    if not demo.exists():
        from storage.demo import build_demo
        from storage.store import Store

        with Store(demo, actor="bench") as store:
            build_demo(store)
    with_libreoffice = not args.no_libreoffice
    if with_libreoffice and shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: its column is left out.")
        with_libreoffice = False
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    results = [run(size, demo, folder, with_libreoffice) for size in args.sizes]

    def cell(value: tuple[float, float] | None) -> str:
        return "–" if value is None else f"{value[0]:6.2f} s ({value[1]:.2f} s CPU)"

    print(f"{'rows':>8} | {'read':>22} | {'check + preview':>22} | {'CSV: read + check':>22} |"
          f" {'apply':>22} | {'undo':>22} | {'LibreOffice → CSV':>22}")
    for figures in results:
        print(f"{figures['rows']:>8} | {cell(figures['read']):>22} |"
              f" {cell(figures['check']):>22} | {cell(figures['csv']):>22} |"
              f" {cell(figures['apply']):>22} | {cell(figures['undo']):>22} |"
              f" {cell(figures['libreoffice']):>22}")
    for figures in results:
        counts = figures["counts"]
        print(f"{figures['rows']:>8} rows: add {counts.add}, duplicates {counts.duplicates},"
              f" rejected {counts.rejected}; written {figures['written']}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
