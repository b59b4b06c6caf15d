"""Benchmark the printed documents on a province-scale database.

    python -m bench.generate /tmp/p.sqlite --households 100000 --groups 1000
    python -m bench.reports /tmp/p.sqlite [--certificates 1000]

Works on a copy of the file (issuing certificates writes the register). Figures, measured with
``time.perf_counter``: issuing the year's certificates (register rows, signatures), rendering
``--certificates`` certificates to one PDF (the issued ones repeated to reach the count), the
city summary's data and PDF, and the Excel file. The output sizes are printed too.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import tempfile
import time
from pathlib import Path

from reports.certificate import render_certificates
from reports.city_summary import city_tables, render_city_summary
from reports.data import certificate_data, city_summary_data
from reports.excel import write_tables
from storage.store import Store

YEAR = 2024


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
            start = time.perf_counter()
            issued = store.certificates.issue(args.year)
            issue_s = time.perf_counter() - start
            settings = store.certificates.settings(args.year)
            start = time.perf_counter()
            data = city_summary_data(store, args.year)
            city_data_s = time.perf_counter() - start
        printed = list(itertools.islice(itertools.cycle(certificate_data(issued)),
                                        args.certificates))
        pdf = work / "certificates.pdf"
        start = time.perf_counter()
        render_certificates(printed, settings, pdf)
        render_s = time.perf_counter() - start
        city_pdf = work / "city.pdf"
        start = time.perf_counter()
        render_city_summary(data, city_pdf)
        city_pdf_s = time.perf_counter() - start
        xlsx = work / "city.xlsx"
        start = time.perf_counter()
        write_tables(city_tables(data), xlsx)
        xlsx_s = time.perf_counter() - start
        print(f"database: {groups} groups in {args.year}, {len(issued)} recognised")
        print(f"issue {len(issued)} certificates (register + signatures): {issue_s:.2f} s")
        print(f"render {len(printed)} certificates: {render_s:.2f} s"
              f" ({render_s / max(len(printed), 1) * 1000:.1f} ms each),"
              f" {pdf.stat().st_size / 1e6:.1f} MB")
        print(f"city summary data: {city_data_s:.2f} s; PDF: {city_pdf_s:.2f} s"
              f" ({city_pdf.stat().st_size / 1e3:.0f} kB); Excel: {xlsx_s:.2f} s")


if __name__ == "__main__":
    main()
