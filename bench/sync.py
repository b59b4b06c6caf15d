"""Benchmark of sync packages: a ward, the whole city, and a province-scale merge.

    python -m bench.sync [--households 100000] [--keep DIR] [--json FILE]
    python -m bench.sync --demo-db DEMO.sqlite --province-db PROVINCE.sqlite

Every transfer is measured in three steps, with ``time.perf_counter`` in this process: the
sender's ``sync.export`` (reading the rows, JSON, compression, encryption, signature, the file
written and flushed), the receiver's ``sync.preview`` (verification, decryption, the plan of what
is new or changed), and ``sync.apply`` (the automatic backup of the receiving file, then one
transaction; the backup alone is timed too, on a separate copy made just before). "rows" are
the records the package carries, audit entries not included; rows/s is rows over preview + apply.

Scenarios:

- demo (Lai Châu, 12.937 households in 7 wards): a machine is set up for every ward from the
  city's file (set-up package and ``init_from_setup``, timed for the ward of about 2.000
  households). The receiving office is the city's file with the wards' household lists removed
  (households, members, yearly statuses), as if the wards had entered them: each ward sends a
  full package, the office imports it. The ward of about 2.000 households is shown on its own,
  the seven together as the whole city. Then that ward's everyday package: one status of 2025
  set on all its households (one action), exported as changes and imported. Last, the whole
  city sent upward in one full package to an office above it, whose new file holds only the
  unit tree.
- province (``bench.generate``, 100.000 households by default): the province's office sends a
  full package upward to an office above it holding only the same unit tree.

The program sets up ward machines only; the office above is registered with the sending office
here directly in the peers tables, the way a set-up package registers a city with its ward.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.run import (
    fmt_bytes,
    fmt_time,
    load_average,
    machine,
    peak_rss_bytes,
    province_database,
    reset_peak_rss,
)
from storage.demo import build_demo
from storage.keystore import copy_database_file
from storage.store import Store, utc_now
from storage.sync import META_NAME, init_from_setup

YEAR = 2024
WARD_SIZE = 2000  # the ward shown on its own: the one with the nearest number of households


@dataclass
class Transfer:
    """One package from a sender to a receiver, with its figures."""

    name: str
    households: int
    rows: int
    audit_entries: int
    size: int
    export: float
    preview: float
    apply: float
    backup: float
    written: int

    @property
    def rows_per_second(self) -> float:
        """Rows carried over the time the receiver spent (preview and apply)."""
        return self.rows / (self.preview + self.apply)


def transfer(name: str, sender: Store, receiver: Store, folder: Path,
             full: bool = True) -> Transfer:
    """Export a package from ``sender`` to ``receiver``, import it, and time every step."""
    started = time.perf_counter()
    result = sender.sync.export(receiver.site_id, folder, full=full)
    export = time.perf_counter() - started
    started = time.perf_counter()
    plan = receiver.sync.preview(result.path)
    preview = time.perf_counter() - started
    assert receiver.path is not None
    probe = folder / "backup-probe.sqlite"
    started = time.perf_counter()
    receiver.backup(probe)
    backup = time.perf_counter() - started
    probe.unlink()
    started = time.perf_counter()
    receiver.sync.apply(plan)
    apply = time.perf_counter() - started
    if plan.rejections:
        sys.exit(f"{name}: {len(plan.rejections)} records rejected:\n{plan.report()}")
    # The automatic copies before each import would fill the disk over the runs.
    shutil.rmtree(receiver.path.parent / "backups", ignore_errors=True)
    figures = Transfer(name, result.counts.get("households", 0), sum(result.counts.values()),
                       result.audit_entries, result.path.stat().st_size, export, preview, apply,
                       backup, plan.total_writes)
    result.path.unlink()
    print(f"  {name}: {figures.households:,} households, {fmt_bytes(figures.size)},"
          f" export {fmt_time(export)}, preview {fmt_time(preview)}, apply {fmt_time(apply)}",
          file=sys.stderr)
    return figures


def total(name: str, parts: list[Transfer]) -> Transfer:
    """Several transfers added up."""
    return Transfer(name, *(sum(getattr(p, f) for p in parts) for f in (
        "households", "rows", "audit_entries", "size", "export", "preview", "apply", "backup",
        "written")))


def office_above(sender: Store, path: Path) -> Store:
    """A new file for the office above ``sender``'s: the same unit tree, each registered with
    the other (the sender's upstream peer; the sender as its downstream peer)."""
    upper = Store(path, actor="bench")
    columns = [row[1] for row in sender.db.execute("PRAGMA table_info(units)")]
    units = [dict(zip(columns, row, strict=True))
             for row in sender.db.execute(f"SELECT {', '.join(columns)} FROM units")]
    now = utc_now()
    mine, theirs = sender.sync.keys(), upper.sync.keys()
    upper.db.execute("BEGIN IMMEDIATE")
    upper.db.execute("PRAGMA defer_foreign_keys = ON")
    upper.bulk_insert("units", units)
    upper.set_meta(META_NAME, "Văn phòng cấp trên")
    upper.db.execute(
        "INSERT INTO peers (site_id, name, direction, unit_id, signing_public, box_public,"
        " registered_at) VALUES (?, ?, 'downstream', ?, ?, ?, ?)",
        [sender.site_id, sender.sync.site_name(), sender.sync.unit_id(), mine.signing_public,
         mine.box_public, now])
    upper.db.execute("COMMIT")
    sender.db.execute(
        "INSERT INTO peers (site_id, name, direction, unit_id, signing_public, box_public,"
        " registered_at) VALUES (?, ?, 'upstream', ?, ?, ?, ?)",
        [upper.site_id, upper.sync.site_name(), upper.sync.unit_id(), theirs.signing_public,
         theirs.box_public, now])
    return upper


def count(store: Store, sql: str, params: list[Any] | None = None) -> int:
    """The single number a query returns."""
    return int(store.db.execute(sql, params or []).fetchone()[0])


# -- the demo city ---------------------------------------------------------------------------


def demo(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """The demo city's scenarios; see the module's docstring."""
    folder = workdir / "demo"
    folder.mkdir()
    city_path = folder / "city.sqlite"
    results: dict[str, Any] = {}
    if args.demo_db is not None:
        shutil.copy(args.demo_db, city_path)
    else:
        print("  building the demo city", file=sys.stderr)
        with Store(city_path, actor="bench") as city:
            started = time.perf_counter()
            build_demo(city)
            results["build_demo_seconds"] = time.perf_counter() - started

    wards: dict[str, tuple[str, Path, int]] = {}  # name: (unit id, file, households)
    with Store(city_path, actor="bench") as city:
        households = count(city, "SELECT COUNT(*) FROM households")
        sizes = {ward.id: count(city, "SELECT COUNT(*) FROM households WHERE owner_unit_id = ?"
                                " AND deleted_at IS NULL", [ward.id])
                 for ward in city.units.in_year(YEAR, "ward")}
        chosen = min(sizes, key=lambda unit_id: abs(sizes[unit_id] - WARD_SIZE))
        for ward in city.units.in_year(YEAR, "ward"):
            started = time.perf_counter()
            setup = city.sync.create_setup_package(ward.id, folder / "setup")
            made = time.perf_counter() - started
            path = folder / f"ward-{len(wards)}.sqlite"
            started = time.perf_counter()
            init_from_setup(path, setup.path, setup.passphrase, actor="bench").close()
            initialised = time.perf_counter() - started
            wards[ward.name] = (ward.id, path, sizes[ward.id])
            if ward.id == chosen:
                results["setup"] = {"ward": ward.name, "households": sizes[ward.id],
                                    "size": setup.path.stat().st_size, "create": made,
                                    "init": initialised}
    ward_name = next(name for name, (unit_id, _p, _n) in wards.items() if unit_id == chosen)

    # The receiving office: the city before any ward's household list reached it.
    office_path = folder / "office.sqlite"
    copy_database_file(city_path, office_path)  # with its key file
    transfers: list[Transfer] = []
    with Store(office_path, actor="bench") as office:
        office.db.execute("BEGIN IMMEDIATE")
        for table in ("household_members", "household_years", "households"):
            office.db.execute(f"DELETE FROM {table}")
        office.db.execute("COMMIT")
        office.db.execute("VACUUM")
        for name, (_unit_id, path, _n) in wards.items():
            with Store(path, actor="bench") as ward:
                transfers.append(transfer(f"ward → city, full: {name}", ward, office, folder))
        assert count(office, "SELECT COUNT(*) FROM households") == households
        with Store(wards[ward_name][1], actor="bench") as ward:
            ids = [row[0] for row in ward.db.execute(
                "SELECT id FROM households WHERE deleted_at IS NULL")]
            ward.households.set_status_many(ids, YEAR + 1, "cultural_family", True)
            everyday = transfer(f"ward → city, changes: {ward_name}", ward, office, folder,
                                full=False)
    results["ward"] = asdict(next(t for t in transfers if t.name.endswith(ward_name)))
    results["wards"] = [asdict(t) for t in transfers]
    results["city"] = asdict(total("7 wards → city, full", transfers))
    results["everyday"] = asdict(everyday)
    with Store(city_path, actor="bench") as city, \
            office_above(city, folder / "above.sqlite") as above:
        results["city_upward"] = asdict(transfer("city → office above, full", city, above,
                                                 folder))
    return results


# -- the province ----------------------------------------------------------------------------


def province(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """The province's office sending everything to the office above."""
    folder = workdir / "province"
    folder.mkdir()
    source, info = province_database(args, workdir)
    # The peers are written into the sending file: work on a copy.
    sender_path = folder / "province.sqlite"
    copy_database_file(source, sender_path)
    reset_peak_rss()
    with Store(sender_path, actor="bench") as sender, \
            office_above(sender, folder / "above.sqlite") as above:
        figures = transfer("province → office above, full", sender, above, folder)
        assert count(above, "SELECT COUNT(*) FROM households") == count(
            sender, "SELECT COUNT(*) FROM households")
    return {**info, "transfer": asdict(figures), "peak_rss_bytes": peak_rss_bytes()}


# -- printing --------------------------------------------------------------------------------


def lines(results: dict[str, Any]) -> list[str]:
    """The figures as an aligned text table."""
    rows: list[Transfer] = []
    demo_results = results.get("demo") or {}
    for key in ("ward", "everyday", "city", "city_upward"):
        if key in demo_results:
            rows.append(Transfer(**demo_results[key]))
    if results.get("province"):
        rows.append(Transfer(**results["province"]["transfer"]))
    head = (f"{'package':<48}{'households':>11}{'rows':>9}{'size':>10}{'export':>10}"
            f"{'preview':>10}{'apply':>10}{'(backup)':>10}{'rows/s':>9}")
    out = [head, "-" * len(head)]
    for t in rows:
        out.append(f"{t.name[:47]:<48}{t.households:>11,}{t.rows:>9,}{fmt_bytes(t.size):>10}"
                   f"{fmt_time(t.export):>10}{fmt_time(t.preview):>10}{fmt_time(t.apply):>10}"
                   f"{fmt_time(t.backup):>10}{t.rows_per_second:>9,.0f}")
    setup = demo_results.get("setup")
    if setup:
        out.append("")
        out.append(f"Set-up package of {setup['ward']} ({setup['households']:,} households):"
                   f" {fmt_bytes(setup['size'])}, made in {fmt_time(setup['create'])},"
                   f" new machine's file written in {fmt_time(setup['init'])}")
    if demo_results.get("build_demo_seconds"):
        out.append(f"Demo city built in {fmt_time(demo_results['build_demo_seconds'])}")
    if results.get("province"):
        info = results["province"]
        if info.get("generate_seconds"):
            out.append(f"Province generated in {fmt_time(info['generate_seconds'])}")
        out.append(f"Peak RSS in the province phase: {fmt_bytes(info['peak_rss_bytes'])}")
    return out


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=100_000, help="province households")
    parser.add_argument("--groups", type=int, default=1000, help="province groups")
    parser.add_argument("--seed", type=int, default=1, help="province generator seed")
    parser.add_argument("--keep", type=Path, help="keep the generated province file here")
    parser.add_argument("--demo-db", type=Path, help="copy this demo city instead of building")
    parser.add_argument("--province-db", type=Path, help="copy this province file")
    parser.add_argument("--no-demo", action="store_true")
    parser.add_argument("--no-province", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    info = machine()
    print(f"Python {info['python']}, SQLite {info['sqlite']}, os.cpu_count() ="
          f" {info['cpu_count']}, {info['platform']}, load average {info['load_average_at_start']}")
    workdir = Path(tempfile.mkdtemp(prefix="tuquan-bench-sync-"))
    results: dict[str, Any] = {"machine": info}
    try:
        if not args.no_demo:
            results["demo"] = demo(args, workdir)
        if not args.no_province:
            results["province"] = province(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    info["load_average_at_end"] = load_average()
    print("\n".join(lines(results)))
    print(f"Load average at the end: {info['load_average_at_end']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
