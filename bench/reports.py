"""Benchmark the printed documents on a province-scale database.

    python -m bench.generate /tmp/p.sqlite --households 100000 --groups 1000
    python -m bench.reports /tmp/p.sqlite [--certificates 1000]

Works on a copy of the file (issuing certificates writes the register). Figures, wall-clock
(``time.perf_counter``) and, in brackets, CPU time of the process (``time.process_time``, which
depends less on other work on the machine): issuing the year's certificates (register rows,
signatures), rendering ``--certificates`` certificates to one PDF (the issued ones repeated to
reach the count), the city summary's data and PDF, and the Excel file. The output sizes are
printed too.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reports.certificate import render_certificates
from reports.city_summary import city_tables, render_city_summary
from reports.data import certificate_data, city_summary_data
from reports.excel import write_tables
from storage.store import Store

YEAR = 2024
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, str]:
    """Run ``work``; its result and "1.23 s (CPU 1.10 s)"."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, (f"{time.perf_counter() - start:.2f} s"
                    f" (CPU {time.process_time() - cpu:.2f} s)")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--year", type=int, default=YEAR)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "bench.sqlite"
        shutil.copy(args.db, db)
        with Store(db, actor="bench") as store:
            groups = len(store.units.in_year(args.year, "group"))
            issued, issue_s = timed(lambda: store.certificates.issue(args.year))
            settings = store.certificates.settings(args.year)
            data, city_data_s = timed(lambda: city_summary_data(store, args.year))
        printed = list(itertools.islice(itertools.cycle(certificate_data(issued)),
                                        args.certificates))
        pdf = work / "certificates.pdf"
        start = time.perf_counter()
        _, render_s = timed(lambda: render_certificates(printed, settings, pdf))
        each = (time.perf_counter() - start) / max(len(printed), 1) * 1000
        city_pdf = work / "city.pdf"
        _, city_pdf_s = timed(lambda: render_city_summary(data, city_pdf))
        xlsx = work / "city.xlsx"
        _, xlsx_s = timed(lambda: write_tables(city_tables(data), xlsx))
        print(f"database: {groups} groups in {args.year}, {len(issued)} recognised")
        print(f"issue {len(issued)} certificates (register + signatures): {issue_s}")
        print(f"render {len(printed)} certificates: {render_s}, {each:.1f} ms each,"
              f" {pdf.stat().st_size / 1e6:.1f} MB")
        print(f"city summary data: {city_data_s}")
        print(f"city summary PDF: {city_pdf_s}, {_pages(city_pdf)} pages,"
              f" {city_pdf.stat().st_size / 1e3:.0f} kB")
        print(f"city summary Excel: {xlsx_s}")


def _pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


if __name__ == "__main__":
    main()
