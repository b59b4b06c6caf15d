"""Generate a province-scale database for the benchmarks.

    python -m bench.generate OUT.sqlite --households 100000 [--groups 1000] [--seed 1] [--force]

The file is an ordinary database of the program: it is created by the real ``Store`` (schema,
migrations, sync columns, audit trail) and written through ``store.action`` and
``store.bulk_insert`` like ``storage.demo``. It holds one province-sized "city" (Tỉnh Mẫu), about
``groups / 12`` wards and communes, ``groups`` residential groups, ``households`` households with
one status row each for 2024, the 2024 registrations, decision and recognitions, and the city's
2024 and 2021–2025 targets. Households have no members (the benchmarked figures do not read them).

Households are produced as a stream and written in chunks (one action, hence one transaction,
per chunk), so a million households never sit in memory at once. The same seed gives the same
rows (ids included); only timestamps and the site id differ between runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import random
import resource
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from queue import Empty
from typing import Any

from storage.demo import ETHNIC_MIX, DemoBuilder, _apportion, _Group, _weighted
from storage.households import household_row
from storage.model import Household
from storage.store import Store

YEAR = 2024
CITY_NAME = "Tỉnh Mẫu"
GROUPS_PER_WARD = 12
DEFAULT_CHUNK = 50_000
# Page cache of the generator's connection (KiB): the random-UUID indexes of a million rows do
# not fit in SQLite's default 2 MiB, and re-reading their pages dominates the write time.
CACHE_KIB = 256 * 1024

# Ward and commune names: two words of common Vietnamese place names.
WARD_FIRST = "Tân Đông Tây Nam Bắc Quyết Hòa An Phú Thanh Hưng Vĩnh Bình Minh Trung Kim".split()
WARD_SECOND = "Phong Kết Thắng Tiến Bình Lợi Hải Sơn Lâm Thịnh Hà Xuân Lộc Thành Phát".split()
# Village (bản) names of the northern uplands.
BAN_FIRST = "Nà Phiêng Nậm Huổi Pá Co Sin Tả Hua Lả Khuổi Bó Séo Mường Pắc".split()
BAN_SECOND = "Cuổi Lếch Pẳng Chải Luông Ngoang Hồ Phìn Mo Khum Cang Sài Lao Củm Dạ Bon".split()
PHUONG_SHARE = 0.4  # wards (phường, tổ dân phố) versus communes (xã, bản)
RECOGNISED_SHARE = 0.35
MAINTAINED_SHARE = 0.7  # of the recognised groups, those recognised the year before too
EXTRA_REGISTERED_SHARE = 0.1  # of the other groups, those that registered and fell short
# Status probabilities by group kind.
POOR = {"tdp": 0.012, "ban": 0.06}
NEAR_POOR = {"tdp": 0.02, "ban": 0.08}
CULTURAL = {"tdp": 0.965, "ban": 0.91}


RowPair = tuple[dict[str, Any], dict[str, Any]]  # (households row, household_years row)


class ProvinceBuilder(DemoBuilder):
    """Writes a synthetic province into an empty store, reusing the demo's name helpers."""

    def __init__(
        self,
        store: Store,
        households: int,
        groups: int,
        seed: int = 1,
        chunk: int = DEFAULT_CHUNK,
        worker: bool = True,
    ) -> None:
        super().__init__(store, seed)
        self.seed = seed
        if households < 0 or groups < 1 or chunk < 1:
            raise ValueError("households >= 0, groups >= 1 and chunk >= 1 are required")
        self.households = households
        self.group_count = groups
        self.chunk = chunk
        self.worker = worker
        self.ward_list: list[tuple[str, str]] = []  # (ward id, ward name)
        self.group_list: list[_Group] = []

    def build(self, progress: Callable[[int, str], None] | None = None) -> dict[str, int]:
        """Write the whole province; return the number of rows written per table."""
        report = progress or (lambda percent, text: None)
        if self.store.db.execute("SELECT COUNT(*) FROM units").fetchone()[0]:
            raise ValueError("The database already has units; generate into a new file.")
        with self.store.action(f"Tạo dữ liệu thử tải {CITY_NAME}") as action:
            self.action = action
            self._province_units()
            self._cycle_2024()
            settings = {"seed": self.seed, "households": self.households}
            settings["groups"] = self.group_count
            self.store.set_meta("bench", json.dumps(settings))
            self.store.set_meta("city_name", CITY_NAME)
            action.audit("*", "bench-units", "insert", {"rows": dict(self.counts)})
        report(0, f"{len(self.ward_list)} wards, {len(self.group_list)} groups")
        columns = {row[1] for row in self.store.db.execute("PRAGMA table_info(households)")}
        chunks = self._chunks(first_year="first_year" in columns)
        written = 0
        for rows in chunks:
            size = len(rows)
            with self.store.action(f"Tạo hộ thử tải {written + 1}-{written + size}") as action:
                self.action = action
                stamp = action.stamp
                self.store.bulk_insert("households", [{**h, **stamp} for h, _ in rows])
                self.store.bulk_insert("household_years", [{**y, **stamp} for _, y in rows])
                action.audit("*", "bench-households", "insert", {"rows": size})
            written += size
            self.counts["households"] = self.counts.get("households", 0) + size
            self.counts["household_years"] = self.counts.get("household_years", 0) + size
            report(round(written * 100 / self.households), f"{written} households")
        # Like the demo: data the office already holds, nothing waiting to be sent.
        self.store.set_meta("acknowledged_seq", str(self.store.change_seq))
        return dict(self.counts)

    def __getstate__(self) -> dict[str, Any]:
        # What a worker process needs to produce rows: no store, no open action.
        state = self.__dict__.copy()
        state.pop("store", None)
        state.pop("action", None)
        return state

    def _chunks(self, first_year: bool) -> Iterator[list[RowPair]]:
        """The household rows in chunks, made by a worker process when ``self.worker``.

        Making the rows (names, sort and search keys) costs about as much as writing them,
        so on a machine with two cores a worker makes the next chunk while this process writes
        the current one. The worker runs the very same stream from the same random state, so
        the rows are the same either way.
        """
        if not self.worker:
            stream = self._household_stream(first_year)
            while rows := list(itertools.islice(stream, self.chunk)):
                yield rows
            return
        context = multiprocessing.get_context()
        queue: Any = context.Queue(maxsize=2)
        worker = context.Process(
            target=_produce, args=(self, first_year, queue), name="bench-rows", daemon=True
        )
        worker.start()
        try:
            while True:
                try:
                    item = queue.get(timeout=1.0)
                except Empty:
                    if worker.is_alive():
                        continue
                    raise RuntimeError(
                        f"the row worker died (exit code {worker.exitcode})"
                    ) from None
                if item is None:
                    return
                if isinstance(item, str):
                    raise RuntimeError(f"the row worker failed:\n{item}")
                yield item
        finally:
            if worker.is_alive():
                worker.terminate()
            worker.join()

    # -- parts -----------------------------------------------------------------------------

    def _province_units(self) -> None:
        rng = self.random
        city = self._unit_row("city", CITY_NAME, None, 2004, True)
        city["code"] = "99"
        self.city_id = city["id"]
        self._insert("units", [city], city["id"])
        ward_count = max(1, round(self.group_count / GROUPS_PER_WARD))
        names = _distinct_names(rng, WARD_FIRST, WARD_SECOND, ward_count)
        sizes = _apportion(self.group_count, [rng.uniform(0.7, 1.3) for _ in range(ward_count)])
        for name, size in zip(names, sizes, strict=True):
            kind = "phuong" if rng.random() < PHUONG_SHARE else "xa"
            prefix = "Phường" if kind == "phuong" else "Xã"
            ward = self._unit_row(kind, f"{prefix} {name}", self.city_id, 2004, True)
            self._insert("units", [ward], self.city_id)
            self.ward_list.append((ward["id"], ward["name"]))
            group_rows = []
            if kind == "phuong":
                group_names = [f"Tổ dân phố số {n}" for n in range(1, size + 1)]
            else:
                ban_names = _distinct_names(rng, BAN_FIRST, BAN_SECOND, size)
                group_names = [f"Bản {ban}" for ban in ban_names]
            for group_name in group_names:
                group_kind = "tdp" if kind == "phuong" else "ban"
                row = self._unit_row(group_kind, group_name, ward["id"], 2004, True)
                group_rows.append(row)
                # _Group.ward holds the ward id here (the demo keeps a short name).
                self.group_list.append(_Group(row["id"], ward["id"], group_name, group_kind, 2004))
            self._insert("units", group_rows, ward["id"])

    def _cycle_2024(self) -> None:
        rng = self.random
        recognised = [g for g in self.group_list if rng.random() < RECOGNISED_SHARE]
        recognised_ids = {g.id for g in recognised}
        registered = recognised + [
            g
            for g in self.group_list
            if g.id not in recognised_ids and rng.random() < EXTRA_REGISTERED_SHARE
        ]
        decision_id = self.new_id()
        self._insert(
            "decisions",
            [
                {
                    "id": decision_id,
                    "unit_id": self.city_id,
                    "year": YEAR,
                    "number": f"{rng.randint(10, 99)}/QĐ-UBND",
                    "signed_on": f"{YEAR + 1}-01-{rng.randint(5, 20):02d}",
                    "signer_name": self._name("01", "nam"),
                    "signer_title": "CHỦ TỊCH",
                    "issuing_body": f"ỦY BAN NHÂN DÂN {CITY_NAME.upper()}",
                }
            ],
            self.city_id,
        )
        self._insert(
            "recognitions",
            [
                {
                    "id": self.new_id(),
                    "group_id": g.id,
                    "year": YEAR,
                    "decision_id": decision_id,
                    "kind": "maintained" if rng.random() < MAINTAINED_SHARE else "new",
                }
                for g in recognised
            ],
            self.city_id,
        )
        by_ward: dict[str, list[dict[str, Any]]] = {}
        for g in registered:
            by_ward.setdefault(g.ward, []).append(
                {
                    "id": self.new_id(),
                    "group_id": g.id,
                    "year": YEAR,
                    "registered_on": f"{YEAR}-03-{rng.randint(1, 28):02d}",
                    "note": "",
                }
            )
        for ward_id, rows in by_ward.items():
            self._insert("registrations", rows, ward_id)
        target = round(len(recognised) * 0.95)
        self._insert(
            "targets",
            [
                {
                    "id": self.new_id(),
                    "unit_id": self.city_id,
                    "kind": "year",
                    "year_from": YEAR,
                    "year_to": YEAR,
                    "recognised_groups": target,
                    "note": "Số liệu thử tải",
                },
                {
                    "id": self.new_id(),
                    "unit_id": self.city_id,
                    "kind": "plan",
                    "year_from": 2021,
                    "year_to": 2025,
                    "recognised_groups": round(target * 0.85),
                    "note": "Số liệu thử tải",
                },
            ],
            self.city_id,
        )

    def _household_stream(self, first_year: bool = True) -> Iterator[RowPair]:
        """(households row, household_years row) pairs with owner_unit_id, group by group.

        ``first_year``: whether the households table has that column (the first year with a
        status row, here always 2024).
        """
        rng = self.random
        weights = [
            (1.0 if g.kind == "tdp" else 0.62) * rng.uniform(0.75, 1.25) for g in self.group_list
        ]
        sizes = _apportion(self.households, weights)
        for group, size in zip(self.group_list, sizes, strict=True):
            owner = group.ward
            mix = ETHNIC_MIX[group.kind]
            poor, near_poor = POOR[group.kind], NEAR_POOR[group.kind]
            cultural_share = CULTURAL[group.kind]
            urban_share = 0.96 if group.kind == "tdp" else 0.82
            for _ in range(size):
                ethnicity = _weighted(rng, mix)
                gender = "nam" if rng.random() < 0.78 else "nu"
                household = Household(
                    group_id=group.id,
                    head_name=self._name(ethnicity, gender),
                    head_gender=gender,
                    head_birth_year=rng.randint(1940, 2000),
                    ethnicity_code=ethnicity,
                    address=self._address(group, rng),
                    phone=self._phone(rng),
                    member_count=rng.choices([1, 2, 3, 4, 5, 6, 7], [6, 14, 22, 28, 17, 8, 5])[0],
                    id=self.new_id(),
                )
                row = household_row(household)
                row["owner_unit_id"] = owner
                if first_year:
                    row["first_year"] = YEAR
                draw = rng.random()
                poverty = "poor" if draw < poor else "near_poor" if draw < poor + near_poor else ""
                year = {
                    "household_id": household.id,
                    "year": YEAR,
                    "group_id": group.id,
                    "cultural_family": int(poverty != "poor" and rng.random() < cultural_share),
                    "poverty": poverty,
                    "learning_family": int(rng.random() < 0.7),
                    "clean_house": int(rng.random() < 0.65),
                    "antt_commitment": int(rng.random() < 0.98),
                    "urban_rules_commitment": int(rng.random() < urban_share),
                    "waste_container": int(rng.random() < 0.95),
                    "third_child": int(rng.random() < 0.006),
                    "extra": "{}",
                    "owner_unit_id": owner,
                }
                yield row, year


def _produce(builder: ProvinceBuilder, first_year: bool, queue: Any) -> None:
    """Worker process: put the household rows on ``queue`` in chunks, then None."""
    try:
        stream = builder._household_stream(first_year)
        while rows := list(itertools.islice(stream, builder.chunk)):
            queue.put(rows)
        queue.put(None)
    except BaseException:
        queue.put(traceback.format_exc())
        raise


def _distinct_names(
    rng: random.Random, first: list[str], second: list[str], count: int
) -> list[str]:
    """``count`` distinct two-word names, numbered ("… 2", "… 3") once the pairs run out."""
    pairs = [f"{a} {b}" for a in first for b in second if a != b]
    rng.shuffle(pairs)
    return [
        pairs[i % len(pairs)] + (f" {i // len(pairs) + 1}" if i >= len(pairs) else "")
        for i in range(count)
    ]


def generate(
    out: Path,
    households: int,
    groups: int = 1000,
    seed: int = 1,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int, str], None] | None = None,
    worker: bool = True,
) -> dict[str, int]:
    """Create ``out`` (which must not exist) and fill it; return the rows written per table."""
    with Store(out, actor="bench") as store:
        store.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        builder = ProvinceBuilder(store, households, groups, seed, chunk, worker)
        return builder.build(progress)


def remove_database(path: Path) -> None:
    """Delete a database file and its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (VmHWM on Linux, else ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (peak if sys.platform == "darwin" else peak * 1024) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Generate a province-scale database."
    )
    parser.add_argument("out", type=Path, help="the database file to create")
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=1000, help="groups (about 12 per ward)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=DEFAULT_CHUNK, help="rows per transaction")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument(
        "--no-worker", action="store_true", help="make the rows in this process (one core)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    if out.exists():
        if not args.force:
            print(f"{out} exists; pass --force to overwrite it.", file=sys.stderr)
            return 2
        remove_database(out)
    started = time.perf_counter()

    def progress(percent: int, text: str) -> None:
        elapsed = time.perf_counter() - started
        print(f"[{elapsed:7.1f} s] {percent:3d}%  {text}", file=sys.stderr, flush=True)

    try:
        counts = generate(
            out, args.households, args.groups, args.seed, args.chunk, progress, not args.no_worker
        )
    except BaseException as error:
        remove_database(out)  # a half-written file is of no use
        if isinstance(error, ValueError):
            print(f"error: {error}", file=sys.stderr)
            return 2
        raise
    elapsed = time.perf_counter() - started
    rows = ", ".join(f"{table} {count}" for table, count in counts.items())
    size_mb = out.stat().st_size / 1e6
    print(
        f"Wrote {out} ({size_mb:.1f} MB) in {elapsed:.1f} s, peak RSS {peak_rss_mb():.0f} MB:"
        f" {rows}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
