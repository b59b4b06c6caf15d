"""The check at start against another program on the same file: a writer checkpointing its WAL
is never taken for damage and the file is never renamed; a file the app has open is never set
aside, even when it is damaged; genuine damage is still found when the file is not in use."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest

from storage.backup import make_backup
from storage.instance_lock import InstanceLock, held_by_this_process
from storage.integrity import check_at_start, damaged_message, quick_check_file
from storage.model import Household
from storage.store import Store
from tests.other_process import Writer, app_holding

# Enough checks that the old check (the header's page count against the file's size, read
# without a lock) raised false alarms in every run against this writer: 8 to 236 of 600.
CHECKS = 600


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A database of the program with a few households and one backup."""
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        for number in range(20):
            store.households.add(Household(group_id=group.id, head_name=f"Lò Văn {number}"))
        make_backup(store, "manual")
    return path


def _set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


@pytest.mark.parametrize("writer_holds_the_lock", [True, False],
                         ids=["the-app-writing", "a-writer-without-the-lock"])
def test_a_writer_checkpointing_meanwhile_is_never_taken_for_damage(
    office: Path, writer_holds_the_lock: bool
) -> None:
    # Without the lock only SQLite's own check stands between the writer and a false alarm.
    writer = Writer(office, lock=writer_holds_the_lock)
    alarms = []
    sizes = set()
    started = time.monotonic()
    try:
        for _ in range(CHECKS):
            result = check_at_start(office)
            if not result.ok:
                alarms.append(result.problem)
            assert office.exists() and not _set_aside(office)
            sizes.add(office.stat().st_size)
    finally:
        writer.stop()
    elapsed = time.monotonic() - started
    assert alarms == []
    # The race really ran: the writer committed and checkpointed all along, the file grew.
    assert writer.commits > 50 and writer.checkpoints > 50, (writer.commits, writer.checkpoints)
    assert len(sizes) > 10
    assert elapsed < 120, f"{elapsed:.0f} s"
    assert quick_check_file(office) is None


def _damaged_copies(data: bytes) -> dict[str, bytes]:
    rng = random.Random(4)
    middle = bytearray(data)
    start = len(data) // 2 // 4096 * 4096
    middle[start:start + 8192] = rng.randbytes(8192)
    schema = bytearray(data)
    schema[100:4096] = rng.randbytes(3996)
    return {
        "pages overwritten in the middle": bytes(middle),
        "the schema page overwritten": bytes(schema),
        "cut at a page": data[:len(data) - 2 * 4096],
        "cut inside the last page": data[:len(data) - 700],
        "cut to half": data[:len(data) // 2],
        "random bytes": rng.randbytes(len(data)),
    }


def test_genuine_damage_is_found_and_set_aside_when_no_program_has_the_file(
    office: Path,
) -> None:
    data = office.read_bytes()
    for name, damaged in _damaged_copies(data).items():
        office.write_bytes(damaged)
        result = check_at_start(office, now=dt.datetime(2024, 5, 6, 7, 8, 9))
        assert not result.ok and result.problem, name
        assert result.set_aside is not None and not office.exists(), name
        assert result.set_aside.read_bytes() == damaged, name  # never written to
        assert result.backup is not None, name
        result.set_aside.unlink()


def test_a_damaged_file_the_app_has_open_is_reported_but_left_in_place(office: Path) -> None:
    data = office.read_bytes()
    for name, damaged in _damaged_copies(data).items():
        if name == "cut inside the last page":
            continue  # SQLite reads that as sound: only a file nobody has open is measured
        office.write_bytes(damaged)
        with app_holding(office):
            result = check_at_start(office)
            assert not result.ok and result.in_use and result.set_aside is None, name
            assert office.read_bytes() == damaged, name  # not renamed, not written
            assert not _set_aside(office), name
            message = damaged_message(result)
            assert "đang được mở" in message and "restore" in message, name
    office.write_bytes(data)
    with app_holding(office):
        assert check_at_start(office).ok


def test_a_damaged_file_is_set_aside_by_the_program_that_holds_its_lock(office: Path) -> None:
    # The app takes the lock first, then checks: its own lock must not stop it.
    damaged = random.Random(9).randbytes(50_000)
    office.write_bytes(damaged)
    with InstanceLock(office) as lock:
        result = check_at_start(office)
        assert lock.held and held_by_this_process(office)
    assert result.set_aside is not None and result.set_aside.read_bytes() == damaged
    assert not office.exists() and not held_by_this_process(office)
