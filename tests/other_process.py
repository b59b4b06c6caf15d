"""Another program on the same database file, in a process of its own: one that holds the
one-writer lock (the app with the file open), and one that writes and checkpoints without
pause (the app saving while a command reads the file)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_HOLD = """
import sys
from storage.instance_lock import InstanceLock
lock = InstanceLock(sys.argv[1])
lock.acquire()
print("locked" if lock.held else "not locked", flush=True)
sys.stdin.read()  # until the test closes the pipe
"""

_WRITE = """
import random, sqlite3, sys, time
from pathlib import Path
from storage.instance_lock import InstanceLock
path, stop, lock_it = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "lock"
if lock_it:
    InstanceLock(path).acquire()
connection = sqlite3.connect(path, isolation_level=None, timeout=30)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA wal_autocheckpoint = 0")  # the checkpoints below are explicit
connection.execute("CREATE TABLE IF NOT EXISTS churn (id INTEGER PRIMARY KEY, data BLOB)")
rng = random.Random(2)
commits = checkpoints = 0
print("writing", flush=True)
while not stop.exists():
    connection.execute("BEGIN IMMEDIATE")
    for _ in range(rng.randrange(1, 25)):
        connection.execute("INSERT INTO churn (data) VALUES (?)",
                           [rng.randbytes(rng.randrange(100, 30_000))])
    if rng.random() < 0.3:
        connection.execute("DELETE FROM churn WHERE id IN"
                           " (SELECT id FROM churn ORDER BY random() LIMIT 15)")
    connection.execute("COMMIT")
    commits += 1
    mode = rng.choice(("PASSIVE", "PASSIVE", "FULL", "RESTART", "TRUNCATE"))
    try:
        connection.execute(f"PRAGMA wal_checkpoint({mode})")
        checkpoints += 1
    except sqlite3.OperationalError:
        pass  # a reader kept it busy
connection.close()
print(commits, checkpoints, flush=True)
"""


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True)


@contextlib.contextmanager
def app_holding(database: Path) -> Iterator[None]:
    """Inside: another process holds the database's one-writer lock, as the open app does."""
    holder = _start(_HOLD, str(database))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


class Writer:
    """A process writing to the database and checkpointing its WAL without pause."""

    def __init__(self, database: Path, *, lock: bool) -> None:
        self.stop_file = database.with_name(database.name + ".stop-writing")
        self.stop_file.unlink(missing_ok=True)
        self.process = _start(_WRITE, str(database), str(self.stop_file),
                              "lock" if lock else "no-lock")
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "writing"
        self.commits = self.checkpoints = 0

    def stop(self) -> None:
        """Stop writing; ``commits`` and ``checkpoints`` say how much was done."""
        self.stop_file.touch()
        out, _err = self.process.communicate(timeout=60)
        self.stop_file.unlink(missing_ok=True)
        self.commits, self.checkpoints = (int(value) for value in out.split())
