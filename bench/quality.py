"""Benchmark: every quality suite over a 10M-row order-line table and a 1M-row profile table.

Targets (issue 7): under 30 s and 3 GiB peak RSS, and within 5x the same checks
written by hand as plain DuckDB SQL aggregates, measured in the same run.

Helpers: bench/_quality_data.py (synthesis), bench/_quality_plain.py (the baseline).
Three child processes so each peak RSS is its own: `build` synthesizes the
warehouse (raw, staging and marts order lines at 10M rows; dim_customers,
customer_profiles and two months of history at 1M customers), `suites` runs the
suites through expectations.validate and records the results, `plain` runs the
hand-written SQL. Run: .venv/bin/python bench/quality.py [--lines N] [--customers N]
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from _quality_data import build_warehouse
from _quality_plain import run_plain

SUITES = [
    "raw.order_lines",
    "staging.stg_raw__order_lines",
    "marts.fct_order_lines",
    "marts.dim_customers",
    "marts.customer_profiles",
    "history.customer_profiles_history",
]
AS_OF = "2025-10-31"


def run_suites(path: Path) -> dict:
    """Our path: load the suite files, validate, record in quality.dq_results."""
    import datetime as dt

    from expectations.results import record
    from expectations.suite import SUITES_DIR, load_suite
    from expectations.validate import validate

    params = {"as_of_date": dt.date.fromisoformat(AS_OF), "age_min_years": 18}
    params |= {"age_max_years": 90, "identity_max_records_per_customer": 10}
    started = time.perf_counter()
    per_suite, failed = {}, {}
    with duckdb.connect(str(path), read_only=True) as con:
        runs = []
        for name in SUITES:
            run = validate(con, load_suite(SUITES_DIR / f"{name}.json"), params)
            runs.append(run)
            per_suite[name] = round(run.seconds, 2)
            failed[name] = [
                r["expectation_config"]["meta"]["check_name"]
                for r in run.results
                if not r["success"]
            ]
    validated = time.perf_counter() - started
    with duckdb.connect(str(path)) as con:
        rows = record(con, runs, "bench", dt.date.fromisoformat(AS_OF))
    total = time.perf_counter() - started
    return {"seconds": total, "validate_seconds": validated, "results": rows,
            "per_suite": per_suite, "failed": failed}  # fmt: skip


def child(phase: str, path: Path, lines: int, customers: int) -> dict:
    started = time.perf_counter()
    if phase == "build":
        build_warehouse(path, lines, customers, AS_OF)
        out = {"seconds": time.perf_counter() - started}
    elif phase == "suites":
        out = run_suites(path)
    else:
        with duckdb.connect(str(path), read_only=True) as con:
            out = run_plain(con, AS_OF)
        out["seconds"] = time.perf_counter() - started
    out["peak_rss_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return out


def spawn(phase: str, path: Path, lines: int, customers: int) -> dict:
    args = [sys.executable, __file__, "--phase", phase, "--db", str(path)]
    args += ["--lines", str(lines), "--customers", str(customers)]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"phase {phase} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--phase", choices=["build", "suites", "plain"])
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(child(args.phase, args.db, args.lines, args.customers)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        build = spawn("build", db, args.lines, args.customers)
        size = db.stat().st_size / 2**30
        print(f"synthesized {args.lines:,} order lines x3 layers, {args.customers:,} customers "
              f"in {build['seconds']:.1f} s ({size:.2f} GiB file)")  # fmt: skip
        plain = spawn("plain", db, args.lines, args.customers)
        ours = spawn("suites", db, args.lines, args.customers)
    report(ours, plain)


def report(ours: dict, plain: dict) -> None:
    ratio = ours["seconds"] / plain["seconds"]
    print(f"suites (GE JSON -> DuckDB SQL, {ours['results']} results recorded): "
          f"{ours['seconds']:.2f} s (validation {ours['validate_seconds']:.2f} s), "
          f"peak RSS {ours['peak_rss_gib']:.2f} GiB")  # fmt: skip
    for name, seconds in ours["per_suite"].items():
        print(f"  {name:40s} {seconds:6.2f} s  failed: {ours['failed'][name] or '-'}")
    print(f"plain DuckDB SQL, same checks by hand: {plain['seconds']:.2f} s, "
          f"peak RSS {plain['peak_rss_gib']:.2f} GiB")  # fmt: skip
    print(f"ratio suites / plain: {ratio:.2f}x (target <= 5x)")
    ok = ours["seconds"] < 30 and ours["peak_rss_gib"] < 3 and ratio <= 5
    print(f"targets (< 30 s, < 3 GiB, <= 5x): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
