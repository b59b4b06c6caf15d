"""Household table figures at scale: search keystroke, sort, opening the main window, memory.

    QT_QPA_PLATFORM=offscreen python -m bench.households_gui [--households 100000] [--db PATH]

Generates a province-scale database (``bench.generate``) unless --db names one, then drives the
real widgets offscreen and prints the median of several runs for each figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_START = """
import time, sys
start = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from storage.store import Store
from gui.main_window import MainWindow
window = MainWindow(Store(sys.argv[1]))
window.show()
app.processEvents()
print(time.perf_counter() - start)
"""


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--db", help="an existing database (else one is generated)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    if args.db:
        path = Path(args.db)
    else:
        path = Path(tempfile.mkdtemp()) / "province.sqlite"
        subprocess.run([sys.executable, "-m", "bench.generate", str(path), "--households",
                        str(args.households)], check=True)

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    QCoreApplication.setOrganizationName("TuQuanBench")
    from gui.main_window import MainWindow
    from storage.store import Store

    store = Store(path)
    window = MainWindow(store)
    window.show()
    window.select_unit(store.units.city().id)
    app.processEvents()
    page = window.households_page
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU, database {path.name}:"
          f" {page.model.total:,} households listed in the city view".replace(",", "."))

    figures: list[tuple[str, str]] = []
    for text in ("n", "ng", "nguyen", "nguyen van", "thi hoa", "0912"):
        samples = []
        for _ in range(args.runs):
            page.search.setText("")
            page.apply_query()
            started = time.perf_counter()
            page.search.setText(text)  # the keystroke
            page.apply_query()  # what the search pause triggers
            app.processEvents()  # the view redraws
            samples.append(time.perf_counter() - started)
        figures.append((f"search '{text}' → table ({page.model.total} hits)", _median_ms(samples)))
    page.search.setText("")
    page.apply_query()

    keystroke = []
    for _ in range(args.runs):
        started = time.perf_counter()
        page.search.setText("x")  # the keystroke itself: the query waits for the pause
        keystroke.append(time.perf_counter() - started)
        page.search.setText("")
    figures.append(("keystroke handling (query deferred)", _median_ms(keystroke)))

    for column, label in ((0, "head name"), (2, "address"), (3, "members")):
        samples = []
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder) * args.runs:
            started = time.perf_counter()
            page.table.sortByColumn(column, order)
            app.processEvents()
            samples.append(time.perf_counter() - started)
        figures.append((f"sort by {label}", _median_ms(samples)))

    samples = []
    for _ in range(args.runs):
        started = time.perf_counter()
        page.table.scrollToBottom()
        app.processEvents()
        samples.append(time.perf_counter() - started)
        page.table.scrollToTop()
    figures.append(("scroll to the end of the loaded rows (fetches 200 more)", _median_ms(samples)))

    window.close()
    store.close()
    cold = []
    for _ in range(3):
        output = subprocess.run([sys.executable, "-c", COLD_START, str(path)], check=True,
                                capture_output=True, text=True,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
        cold.append(float(output.strip().splitlines()[-1]))
    figures.append(("cold start: first import to shown main window", _median_ms(cold)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures.append(("peak memory of this process", f"{peak:8.0f} MB"))

    width = max(len(name) for name, _ in figures)
    for name, value in figures:
        print(f"  {name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
