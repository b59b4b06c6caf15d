"""Run the storage benchmarks and print the figures.

    python -m bench.run [--households 100000] [--groups 1000] [--keep DIR] [--json FILE]
    python -m bench.run --province-db /tmp/p1m.sqlite --no-demo [--profile]

Figures, all measured with ``time.perf_counter`` in this process:

- demo build: ``storage.demo.build_demo`` into a fresh file (median of ``--build-runs``);
- open: ``Store(path)`` then ``close()`` on an existing file (median of ``--repeat``);
- summary: ``store.cycle.summary(2024)`` for the city (median of ``--repeat``), and for each
  ward once (median over the wards, and the sum over all wards);
- tree: ``store.units.tree(2024)`` (median of ``--repeat``);

first on the demo (Lai Châu, 12.937 households), then on a province database of ``--households``
households made by ``bench.generate`` in a child process (or reused from ``--keep DIR`` or
``--province-db PATH``). Then the file sizes and the peak resident memory of this process and of
the generator. ``--profile`` also lists the slowest SQL statements that summary and tree run, each
re-timed on its own, with its ``EXPLAIN QUERY PLAN``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from storage.demo import build_demo
from storage.migrations import migrations as schema_migrations
from storage.store import Store

YEAR = 2024


# -- measuring -------------------------------------------------------------------------------


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    """The wall-clock seconds of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def stats(times: list[float]) -> dict[str, Any]:
    """Median, minimum and maximum of timings in seconds, with the samples."""
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "runs": len(times),
        "samples": times,
    }


def peak_rss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident set size (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux >= 4.0); False if unsupported.

    ru_maxrss is otherwise a high-water mark of the whole process, so the province figures
    would show the demo's peak.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def file_size(path: Path) -> int:
    """Size of a database file with its WAL (empty after ``Store.close``)."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def build_demo_runs(runs: int, keep: Path | None) -> tuple[dict[str, Any], Path, Path]:
    """Build the demo ``runs`` times into fresh files; return timings, the last file, its dir."""
    workdir = Path(tempfile.mkdtemp(prefix="tuquan-bench-demo-"))
    times: list[float] = []
    path = workdir / "demo.sqlite"
    for run in range(runs):
        path = workdir / f"demo-{run}.sqlite"
        store = Store(path)
        try:
            started = time.perf_counter()
            build_demo(store)
            times.append(time.perf_counter() - started)
        finally:
            store.close()
        print(f"  demo build {run + 1}/{runs}: {fmt_time(times[-1])}", file=sys.stderr)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        kept = keep / "demo.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{kept}{suffix}").unlink(missing_ok=True)
        shutil.move(path, kept)
        path = kept
    return stats(times), path, workdir


def measure(path: Path, repeat: int, profile: bool) -> dict[str, Any]:
    """Open, summary and tree timings (and sizes) of one database file."""
    result: dict[str, Any] = {"path": str(path)}

    def open_close() -> None:
        Store(path).close()

    open_close()  # the first open may run migrations or recover a WAL: not what is measured
    result["open"] = stats(timings(open_close, repeat))
    with Store(path) as store:
        city = store.units.city()
        wards = store.units.in_year(YEAR, "ward")
        result["city"] = city.name
        result["wards"] = len(wards)
        result["groups"] = len(store.units.in_year(YEAR, "group"))
        result["households"] = store.households.count(YEAR)
        result["schema"] = schema_fingerprint(store)
        result["migrations"] = [m.name for m in schema_migrations.applied(store.db)]
        result["summary_city"] = stats(timings(lambda: store.cycle.summary(YEAR), repeat))
        per_ward = [
            timings(lambda ward_id=ward.id: store.cycle.summary(YEAR, ward_id), 1)[0]
            for ward in wards
        ]
        result["summary_ward"] = stats(per_ward)
        result["summary_all_wards"] = sum(per_ward)
        result["tree"] = stats(timings(lambda: store.units.tree(YEAR), repeat))
        if profile:
            result["profile"] = {
                "summary": profile_statements(store, lambda: store.cycle.summary(YEAR)),
                "tree": profile_statements(store, lambda: store.units.tree(YEAR)),
            }
    result["file_bytes"] = file_size(path)
    return result


def schema_fingerprint(store: Store) -> str:
    """A short hash of the file's schema (tables, indexes, triggers), to tie figures to it."""
    rows = store.db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()[:12]


def profile_statements(
    store: Store, fn: Callable[[], object], top: int = 4
) -> list[dict[str, Any]]:
    """The slowest distinct SQL statements ``fn`` runs, each re-run and timed on its own."""
    seen: dict[str, int] = {}
    conn = store.db.conn
    conn.set_trace_callback(lambda sql: seen.__setitem__(sql, seen.get(sql, 0) + 1))
    try:
        fn()
    finally:
        conn.set_trace_callback(None)
    rows = []
    for sql, calls in seen.items():
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        seconds = statistics.median(timings(lambda sql=sql: conn.execute(sql).fetchall(), 3))
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        rows.append({"sql": sql, "calls": calls, "seconds": seconds, "plan": plan})
    rows.sort(key=lambda row: row["seconds"] * row["calls"], reverse=True)
    return rows[:top]


def province_database(args: argparse.Namespace, workdir: Path) -> tuple[Path, dict[str, Any]]:
    """The province file to measure: given, kept from an earlier run, or generated now."""
    info: dict[str, Any] = {}
    if args.province_db is not None:
        if not args.province_db.exists():
            sys.exit(f"{args.province_db} does not exist")
        info["source"] = "given"
        return args.province_db, info
    folder = args.keep or workdir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"province-{args.households}-{args.groups}-{args.seed}.sqlite"
    if path.exists():
        info["source"] = "reused"
        return path, info
    command = [
        sys.executable,
        "-m",
        "bench.generate",
        str(path),
        "--households",
        str(args.households),
        "--groups",
        str(args.groups),
        "--seed",
        str(args.seed),
    ]
    print(f"  generating: {' '.join(command[1:])}", file=sys.stderr)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode != 0:
        sys.exit(f"bench.generate failed (exit status {done.returncode})")
    info["source"] = "generated"
    info["generate_seconds"] = time.perf_counter() - started
    info["generate_peak_rss_bytes"] = peak_rss_bytes(resource.RUSAGE_CHILDREN)
    return path, info


# -- printing --------------------------------------------------------------------------------


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(size: int | None) -> str:
    return "—" if size is None else f"{size / 1e6:.1f} MB"


def fmt_count(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


def table(results: dict[str, Any]) -> str:
    """The figures as an aligned text table, one column per database."""
    columns = [(name, results[name]) for name in ("demo", "province") if results.get(name)]

    def median(part: dict[str, Any], key: str) -> float | None:
        return part[key]["median"] if key in part else None

    repeat = results["settings"]["repeat"]
    build_runs = results["settings"]["build_runs"]
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("households (2024)", lambda p: fmt_count(p.get("households"))),
        ("wards / groups", lambda p: f"{p['wards']} / {p['groups']}" if "wards" in p else "—"),
        (f"build: build_demo (median of {build_runs})", lambda p: fmt_time(median(p, "build"))),
        ("build: bench.generate (child process)", lambda p: fmt_time(p.get("generate_seconds"))),
        (f"open: Store(path) + close (median of {repeat})", lambda p: fmt_time(median(p, "open"))),
        (
            f"summary(2024), city (median of {repeat})",
            lambda p: fmt_time(median(p, "summary_city")),
        ),
        ("summary(2024, ward) (median over wards)", lambda p: fmt_time(median(p, "summary_ward"))),
        ("summary(2024, ward), all wards in turn", lambda p: fmt_time(p.get("summary_all_wards"))),
        (f"tree(2024) (median of {repeat})", lambda p: fmt_time(median(p, "tree"))),
        ("file size", lambda p: fmt_bytes(p.get("file_bytes"))),
        (
            "schema: migrations, fingerprint",
            lambda p: f"{len(p['migrations'])}, {p['schema']}" if "schema" in p else "—",
        ),
        ("generator peak RSS", lambda p: fmt_bytes(p.get("generate_peak_rss_bytes"))),
    ]
    headers = ["figure"] + [
        "demo (Lai Châu)" if name == "demo" else f"province ({part.get('source', '')})"
        for name, part in columns
    ]
    body = [[label] + [render(part) for _, part in columns] for label, render in rows]
    body = [row for row in body if any(cell != "—" for cell in row[1:])]
    widths = [max(len(row[i]) for row in [headers, *body]) for i in range(len(headers))]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )
        for row in [headers, ["-" * w for w in widths], *body]
    ]
    loads = [results["machine"].get(f"load_average_at_{when}") for when in ("start", "end")]
    if all(loads):
        lines.append("")
        lines.append(f"load average (1/5/15 min): {loads[0]} at the start, {loads[1]} at the end")
    memory = results["memory"]
    how = "since the reset" if memory["reset"] else "of the whole process so far"
    lines.append("")
    lines.append(f"peak RSS (ru_maxrss, {how}):")
    for phase, label in (("demo", "demo builds and figures"), ("province", "province figures")):
        if phase in memory:
            lines.append(f"  {label}: {fmt_bytes(memory[phase])}")
    return "\n".join(lines)


def profile_text(results: dict[str, Any]) -> str:
    lines = []
    for name in ("demo", "province"):
        part = results.get(name) or {}
        for method, statements in part.get("profile", {}).items():
            lines.append(f"\n{name}: slowest statements of {method}(2024)")
            for row in statements:
                sql = " ".join(row["sql"].split())
                sql = sql if len(sql) <= 160 else sql[:157] + "..."
                lines.append(f"  {fmt_time(row['seconds']):>10} x{row['calls']:<4} {sql}")
                lines += [f"{'':18}plan: {step}" for step in row["plan"]]
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlite_utils": metadata.version("sqlite-utils"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "load_average_at_start": load_average(),
    }


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages (other work on the machine skews the timings)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=100_000, help="province households")
    parser.add_argument("--groups", type=int, default=1000, help="province groups")
    parser.add_argument("--seed", type=int, default=1, help="province generator seed")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the database files here")
    parser.add_argument("--province-db", type=Path, help="measure this existing file instead")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo figures")
    parser.add_argument("--repeat", type=int, default=10, help="runs of open, summary, tree")
    parser.add_argument("--build-runs", type=int, default=3, help="runs of the demo build")
    parser.add_argument("--profile", action="store_true", help="list the slowest statements")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.build_runs < 1 or args.households < 0 or args.groups < 1:
        parser.error("--repeat, --build-runs and --groups must be >= 1, --households >= 0")

    info = machine()
    print(
        f"Tự Quản storage benchmarks — Python {info['python']}, SQLite {info['sqlite']},"
        f" sqlite-utils {info['sqlite_utils']}, os.cpu_count() = {info['cpu_count']},"
        f" {info['platform']}"
    )
    results: dict[str, Any] = {
        "machine": info,
        "settings": {
            "year": YEAR,
            "repeat": args.repeat,
            "build_runs": args.build_runs,
            "households": args.households,
            "groups": args.groups,
            "seed": args.seed,
        },
        "memory": {},
    }
    workdir = Path(tempfile.mkdtemp(prefix="tuquan-bench-"))
    cleanup = [workdir]
    memory = results["memory"]
    try:
        # The province file is made first, while this process is small: a forked child's
        # ru_maxrss starts at its parent's RSS.
        print("province file …", file=sys.stderr)
        path, source = province_database(args, workdir)
        if not args.no_demo:
            print("demo …", file=sys.stderr)
            memory["reset"] = reset_peak_rss()
            build, demo_path, demo_dir = build_demo_runs(args.build_runs, args.keep)
            cleanup.append(demo_dir)
            results["demo"] = {"build": build, **measure(demo_path, args.repeat, args.profile)}
            memory["demo"] = peak_rss_bytes()
        print("province figures …", file=sys.stderr)
        memory["reset"] = reset_peak_rss()
        results["province"] = {**source, **measure(path, args.repeat, args.profile)}
        memory["province"] = peak_rss_bytes()
    finally:
        for folder in cleanup:
            shutil.rmtree(folder, ignore_errors=True)
    results["machine"]["load_average_at_end"] = load_average()
    print()
    print(table(results))
    if args.profile:
        print(profile_text(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
