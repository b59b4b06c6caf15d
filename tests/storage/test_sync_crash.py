"""A process killed in the middle of an import leaves the database as it was.

A ward sends the city a package of 10.000 new households with their statuses (about two seconds
to apply). The import runs in a child process, as the command line runs it, and is killed with
SIGKILL at moments spread over the time applying takes (measured first on an import left to
finish). After every kill the database must pass SQLite's integrity check and hold either
nothing of the package, exactly as before, or all of it, with the package recorded as imported;
and the program must still open it and finish the import.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.households import household_row
from storage.keystore import copy_database_file
from storage.model import Household
from storage.store import Store, new_id
from storage.sync import init_from_setup
from tests.files import table_contents

PROJECT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = 10_000
KILLS = 8
# The child announces when it starts applying: everything before (opening, verifying,
# decrypting, planning) only reads.
CHILD = """
import sys
from pathlib import Path
from storage.store import Store
store = Store(sys.argv[1], actor="import")
plan = store.sync.preview(Path(sys.argv[2]))
print("applying", flush=True)
store.sync.apply(plan)
print("done", flush=True)
store.close()
"""


def make_package(folder: Path) -> tuple[Path, Path, str]:
    """A city database, and a ward's package to it with HOUSEHOLDS new households.

    Returns the city database, the package and the package's id.
    """
    with Store(folder / "city.sqlite", actor="city") as city:
        top = city.units.add("city", "Thành phố Thử", None, 2020)
        ward = city.units.add("phuong", "Phường Một", top.id, 2020)
        groups = [city.units.add("tdp", f"Tổ dân phố số {n}", ward.id, 2020).id
                  for n in range(1, 6)]
        setup = city.sync.create_setup_package(ward.id, folder)
    rng = random.Random(6)
    families = ("Nguyễn", "Lò", "Tòng", "Hoàng", "Vàng", "Lý")
    given = ("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "A Sử", "Thị Mai")
    with init_from_setup(folder / "ward.sqlite", setup.path, setup.passphrase) as store:
        # One action, as an import of the ward's household list would make it.
        with store.action("Nhập danh sách hộ") as action, store.households_bulk():
            households, statuses = [], []
            for number in range(HOUSEHOLDS):
                group = groups[number % len(groups)]
                household = Household(group, f"{rng.choice(families)} {rng.choice(given)}",
                                      member_count=rng.randint(1, 7), id=new_id())
                households.append({**household_row(household), "first_year": 2024,
                                   "owner_unit_id": ward.id, **action.stamp})
                statuses.append({"household_id": household.id, "year": 2024, "group_id": group,
                                 "cultural_family": int(rng.random() < 0.9), "poverty": "",
                                 "extra": "{}", "owner_unit_id": ward.id, **action.stamp})
            store.bulk_insert("households", households)
            store.bulk_insert("household_years", statuses)
            action.audit("households", "*", "insert", {"rows": HOUSEHOLDS})
        upstream = store.sync.upstream()
        assert upstream is not None
        package = store.sync.export(upstream.site_id, folder / "packages")
    assert package.counts == {"households": HOUSEHOLDS, "household_years": HOUSEHOLDS}
    return folder / "city.sqlite", package.path, package.package_id




def state(database: Path, package_id: str) -> tuple[str, int, int, int]:
    """(integrity check, households, statuses, records of the package) of ``database``."""
    connection = sqlite3.connect(database)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchall()
        households = connection.execute("SELECT COUNT(*) FROM households").fetchone()[0]
        statuses = connection.execute("SELECT COUNT(*) FROM household_years").fetchone()[0]
        recorded = connection.execute(
            "SELECT COUNT(*) FROM sync_packages WHERE package_id = ? AND direction = 'in'",
            [package_id]).fetchone()[0]
        return "; ".join(row[0] for row in check), households, statuses, recorded
    finally:
        connection.close()


def start_import(database: Path, package: Path) -> tuple[subprocess.Popen[str], float]:
    """Start the import in a child process; return it once it starts applying, and when."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), str(package)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=database.parent,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "applying", child.communicate()[1]
    return child, time.perf_counter()


@pytest.mark.slow
def test_an_import_killed_at_any_moment_leaves_nothing_or_everything(tmp_path: Path) -> None:
    original, package, package_id = make_package(tmp_path)
    pristine = tmp_path / "pristine.sqlite"
    copy_database_file(original, pristine)
    before = table_contents(pristine)
    assert state(pristine, package_id) == ("ok", 0, 0, 0)

    # How long applying takes, on an import left to finish.
    database = tmp_path / "work" / "city.sqlite"
    database.parent.mkdir()
    copy_database_file(pristine, database)
    child, started = start_import(database, package)
    _out, errors = child.communicate(timeout=120)
    duration = time.perf_counter() - started
    assert child.returncode == 0, errors
    assert state(database, package_id) == ("ok", HOUSEHOLDS, HOUSEHOLDS, 1)

    rng = random.Random()
    killed_applying = 0
    outcomes = []
    for attempt in range(KILLS):
        shutil.rmtree(database.parent)
        database.parent.mkdir()
        copy_database_file(pristine, database)
        # One moment in each eighth of the time applying takes.
        delay = duration * (attempt + rng.random()) / KILLS
        child, started = start_import(database, package)
        time.sleep(max(0.0, delay - (time.perf_counter() - started)))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        killed_applying += child.returncode == -signal.SIGKILL
        check, households, statuses, recorded = state(database, package_id)
        moment = f"killed {delay:.2f} s into applying (of {duration:.2f} s)"
        assert check == "ok", moment
        if households == 0:
            # Nothing of the package, and nothing else changed either.
            assert (statuses, recorded) == (0, 0), moment
            assert table_contents(database) == before, moment
            outcomes.append("none")
        else:
            assert (households, statuses, recorded) == (HOUSEHOLDS, HOUSEHOLDS, 1), moment
            outcomes.append("all")
    # Most kills must have hit the import while it was applying, or the test proved nothing.
    assert killed_applying >= KILLS // 2, (killed_applying, outcomes)
    assert "none" in outcomes, outcomes

    # After the last kill the program opens the file and the import goes through.
    with Store(database, actor="test") as store:
        plan = store.sync.import_package(package)
        assert plan.already_imported_at is None or outcomes[-1] == "all"
    assert state(database, package_id) == ("ok", HOUSEHOLDS, HOUSEHOLDS, 1)
