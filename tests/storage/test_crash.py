"""Crashes: a process killed (SIGKILL) at random points of long writes, many times over, always
leaves a sound database holding each action whole or not at all; the instance lock refuses a
second program and is never left stale by a killed one."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storage.instance_lock import InstanceLock, InstanceLocked, lock_path_for
from storage.store import Store

ROOT = Path(__file__).resolve().parent.parent.parent
KILLS = 20
BATCH = 7  # households per insert action; each writes 2 audit entries (household, status)

# The writer: alternates an action inserting BATCH households (with their 2024 statuses) and
# an action setting one status on every household, for ever, until it is killed. A "zygote"
# imports the program once and forks one writer per line read, printing its pid: a fresh
# interpreter per kill would spend most of the test importing.
ZYGOTE = textwrap.dedent(f"""
    import os, sys
    from storage.model import Household, HouseholdYear
    from storage.store import Store

    def write(path, group_id):
        store = Store(path, actor="crash-test")
        print("ready", flush=True)
        while True:
            row = store.db.execute(
                "SELECT cultural_family FROM household_years LIMIT 1").fetchone()
            flag = bool(row[0]) if row else False
            number = store.change_seq
            with store.action("batch"):
                for index in range({BATCH}):
                    store.households.add(
                        Household(group_id=group_id, head_name=f"Hộ {{number}} {{index}}"),
                        status=HouseholdYear("", 2024, group_id, cultural_family=flag))
            ids = [r[0] for r in store.db.execute("SELECT id FROM households")]
            store.households.set_status_many(ids, 2024, "cultural_family", not flag)

    Store(":memory:").close()  # the store's own lazy imports, once, before any fork
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            write(sys.argv[1], sys.argv[2])
        print(pid, flush=True)
        os.waitpid(pid, 0)
        print("dead", flush=True)
""")


def check_whole_actions(path: Path) -> tuple[int, int]:
    """Assert the file is sound and every action is there whole or not at all; return
    (households, actions)."""
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
    with Store(path) as store:
        db = store.db
        households = db.execute("SELECT COUNT(*) FROM households").fetchone()[0]
        assert households % BATCH == 0
        # Each insert action wrote its BATCH households under one change number.
        sizes = {size for (size,) in db.execute(
            "SELECT COUNT(*) FROM households GROUP BY change_seq")}
        assert sizes <= {BATCH}
        # Every household has its status row; a status action reached all of them or none.
        assert db.execute("SELECT COUNT(*) FROM household_years").fetchone()[0] == households
        assert db.execute(
            "SELECT COUNT(DISTINCT cultural_family) FROM household_years").fetchone()[0] <= 1
        # The audit trail: whole actions, chained, and the change counter matches it.
        for name, count in db.execute(
                "SELECT action, COUNT(*) FROM audit_log GROUP BY change_seq"):
            if name == "batch":
                assert count == 2 * BATCH
        last = db.execute("SELECT MAX(change_seq) FROM audit_log").fetchone()[0] or 0
        assert store.change_seq == last
        assert store.verify_audit_chain() == []
        return households, store.change_seq


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_killed_writers_leave_whole_actions_only(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Thử", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
    rng = random.Random(20240607)
    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(path), group.id], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True)
    assert zygote.stdin is not None and zygote.stdout is not None
    started = time.monotonic()
    progress = []
    try:
        for _ in range(KILLS):
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            lines = {zygote.stdout.readline().strip(), zygote.stdout.readline().strip()}
            assert "ready" in lines, lines
            pid = int((lines - {"ready"}).pop())
            time.sleep(rng.uniform(0.02, 0.4))
            os.kill(pid, signal.SIGKILL)
            assert zygote.stdout.readline().strip() == "dead"
            progress.append(check_whole_actions(path))
    finally:
        zygote.kill()
        zygote.wait()
    elapsed = time.monotonic() - started
    households, actions = progress[-1]
    # The writers did work between the kills (the test is not vacuous) …
    assert households > 5 * BATCH and actions > 10
    assert len({p[1] for p in progress}) > KILLS // 2
    # … and the whole test stays short.
    assert elapsed < 60, f"{elapsed:.1f} s"


# -- the instance lock -----------------------------------------------------------------------


def test_a_second_program_on_the_same_file_is_refused_politely(tmp_path: Path) -> None:
    database = tmp_path / "office.sqlite"
    first = InstanceLock(database)
    first.acquire()
    try:
        second = InstanceLock(database)
        with pytest.raises(InstanceLocked) as refused:
            second.acquire()
        assert str(database) in str(refused.value)
        assert "đang được mở" in str(refused.value)
        assert refused.value.holder.get("pid") == os.getpid()
        assert not second.held
        # Another file is not affected.
        with InstanceLock(tmp_path / "other.sqlite") as other:
            assert other.held
    finally:
        first.release()
    with InstanceLock(database) as again:
        assert again.held
    assert lock_path_for(database).exists()  # the lock file stays; the OS lock is what counts


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_killed_program_leaves_no_stale_lock(tmp_path: Path) -> None:
    database = tmp_path / "office.sqlite"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from storage.instance_lock import InstanceLock\n"
         "lock = InstanceLock(sys.argv[1])\n"
         "lock.acquire()\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n", str(database)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(InstanceLocked):
            InstanceLock(database).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with InstanceLock(database) as lock:
        assert lock.held
