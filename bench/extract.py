"""Benchmark the extract and import paths; prints numbers, asserts nothing.

1. PostgreSQL -> DuckDB raw: N order lines (generated server-side with
   generate_series), through `portrait.extract` (ADBC, Arrow end to end) and,
   as the baseline, through `pandas.read_sql` (SQLAlchemy + psycopg) into
   DuckDB. Each runs in its own child process so peak RSS is its own.
2. A purchase template of M rows (CSV and XLSX): validate and load.

Targets (issue 3): extract >= 5x the baseline and >= 300,000 rows/s;
a 100,000-row purchase template in < 10 s.

    .venv/bin/python bench/extract.py [--rows 2000000] [--template-rows 100000]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

PG_URL = os.environ.get("PORTRAIT_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")

_GENERATE = """
create unlogged table {table} as
select i as order_line_id,
       'SO' || lpad((i / 3)::text, 10, '0') as order_id,
       'SKU' || (100000 + i % 5000) as product_id,
       '商品' || (i % 5000) as product_name,
       (array['手机', '电脑', '服饰', '食品', '美妆'])[1 + i % 5] as category,
       'brand' || (i % 50) as brand,
       1 + i % 4 as quantity,
       round((i % 100000) / 100.0, 2)::numeric(12, 2) as unit_price,
       round((1 + i % 4) * (i % 100000) / 100.0, 2)::numeric(12, 2) as line_amount,
       (i % 10 = 0) as is_new_product,
       timestamptz '2024-01-01' + (i || ' seconds')::interval as updated_at
from generate_series(1, {rows}) as i
"""


def child(method: str, table: str, warehouse: str) -> dict:
    """Run one method in this (child) process; report time, CPU and peak RSS.

    load-*: PG -> DuckDB raw, the same raw table (VARCHAR contract columns, lineage)
    through the same loader; only the read differs. read-*: the read alone, to show
    where the time goes. Libraries are imported before the clock starts.
    """
    import duckdb
    import pandas  # noqa: F401  (imported before timing)
    import sqlalchemy  # noqa: F401

    import portrait.extract  # noqa: F401

    base_rss, cpu_before, started = _peak_rss_mb(), _cpu_seconds(), time.perf_counter()
    con = duckdb.connect(warehouse)
    rows = METHODS[method](con, table)
    con.close()
    return {
        "rows": rows,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu_seconds() - cpu_before,
        "peak_rss_mb": _peak_rss_mb(),
        "base_mb": base_rss,
    }


def _spec(table: str):
    from portrait.extract import parse_sources

    source = {"kind": "sql", "url": PG_URL, "tables": [
        {"entity": "order_lines", "table": table, "primary_key": "order_line_id"}]}  # fmt: skip
    return parse_sources({"bench": source}, Path("."))["bench"]


def _load_portrait(con, table: str) -> int:
    from portrait.extract import extract

    return extract(_spec(table), con)[0].rows_loaded


def _read_pandas(table: str):
    import pandas as pd
    import sqlalchemy

    engine = sqlalchemy.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"))
    return pd.read_sql(f"select * from {table}", engine)


def _load_pandas(con, table: str) -> int:
    import pyarrow as pa

    from portrait.extract import ensure_raw_tables
    from portrait.extract.load import load_stream
    from portrait.extract.projection import Target

    arrow = pa.Table.from_pandas(_read_pandas(table), preserve_index=False)
    ensure_raw_tables(con)
    con.begin()
    target = Target("order_lines", "bench", table, ("order_line_id",))
    reader = pa.RecordBatchReader.from_batches(arrow.schema, arrow.to_batches())
    rows = load_stream(con, reader, target, "2025-01-01 00:00:00", merge=False).rows_loaded
    con.commit()
    return rows


def _read_adbc(con, table: str) -> int:
    from portrait.extract.sql_reader import sql_stream

    spec = _spec(table)
    with sql_stream(spec, spec.tables[0]) as (reader, _):
        return sum(batch.num_rows for batch in reader)


METHODS = {
    "load-portrait": _load_portrait,
    "load-pandas": _load_pandas,
    "read-adbc": _read_adbc,
    "read-pandas": lambda con, table: len(_read_pandas(table)),
}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_child(method: str, table: str, folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", method, "--table", table,
         "--warehouse", str(folder / f"{method}.duckdb")],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_pg(rows: int, folder: Path) -> None:
    table = f"bench_order_lines_{os.getpid()}"
    with psycopg.connect(PG_URL, autocommit=True) as pg:
        started = time.perf_counter()
        pg.execute(_GENERATE.format(table=table, rows=rows))
        print(f"generated {rows:,} order lines in PostgreSQL in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        try:
            results = {method: run_child(method, table, folder) for method in METHODS}
        finally:
            pg.execute(f"drop table if exists {table}")
    for method, r in results.items():
        print(f"{method:<14} {r['rows']:>10,} rows {r['seconds']:6.2f} s "
              f"{r['rows'] / r['seconds']:>10,.0f} rows/s  client CPU {r['cpu_seconds']:5.1f} s  "
              f"peak RSS {r['peak_rss_mb']:,.0f} MB")  # fmt: skip
    fast, slow = results["load-portrait"], results["load-pandas"]
    speedup, rate = slow["seconds"] / fast["seconds"], fast["rows"] / fast["seconds"]
    read_speedup = results["read-pandas"]["seconds"] / results["read-adbc"]["seconds"]
    print(f"speed-up vs pandas.read_sql, PG -> DuckDB raw: {speedup:.1f}x "
          f"(target >= 5x: {'met' if speedup >= 5 else 'MISSED'}); read alone: "
          f"{read_speedup:.1f}x")  # fmt: skip
    print(f"throughput PG -> DuckDB raw: {rate:,.0f} rows/s (target >= 300,000: "
          f"{'met' if rate >= 300_000 else 'MISSED'})")  # fmt: skip


def bench_template(rows: int, folder: Path) -> None:
    import duckdb
    import xlsxwriter

    from portrait.extract import ensure_raw_tables
    from portrait.imports import import_file

    header = [
        "客户编号*",
        "购买日期*",
        "商品类别*",
        "商品名称*",
        "购买数量*",
        "单价*",
        "总金额*",
        "支付方式",
    ]
    data = [
        [f"C{i % 5000:05d}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "手机",
         f"商品{i % 900}", 1 + i % 4, round(1 + (i % 9000) / 7, 2), None, "微信支付"]
        for i in range(rows)
    ]  # fmt: skip
    for row in data:
        row[6] = round(row[4] * row[5], 2)
    data[7][4] = 0  # a few bad rows, so the report path is exercised too
    data[9][0] = "C99999"
    csv_path = folder / "purchases.csv"
    csv_path.write_text("\n".join(",".join(map(str, r)) for r in [header, *data]) + "\n")
    xlsx_path = folder / "purchases.xlsx"
    with xlsxwriter.Workbook(xlsx_path, {"constant_memory": True}) as book:
        sheet = book.add_worksheet("购买")
        for r, row in enumerate([header, *data]):
            sheet.write_row(r, 0, row)
    for path in (csv_path, xlsx_path):
        con = duckdb.connect(str(folder / f"template_{path.suffix[1:]}.duckdb"))
        ensure_raw_tables(con)
        con.execute("insert into raw.customers (customer_id) select 'C' || lpad(i::varchar, 5, "
                    "'0') from range(5000) t(i)")  # fmt: skip
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        result = import_file(path, con, reports_dir=folder / "reports")
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_before
        con.close()
        verdict = "met" if seconds < 10 else "MISSED"
        print(f"purchase template {path.suffix}: {result.rows_read:,} rows read, "
              f"{result.rows_accepted:,} loaded, {result.rows_rejected} rejected "
              f"in {seconds:.2f} s, CPU {cpu:.1f} s (target < 10 s: {verdict})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--template-rows", type=int, default=100_000)
    parser.add_argument("--child", choices=sorted(METHODS))
    parser.add_argument("--table")
    parser.add_argument("--warehouse")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.table, args.warehouse)))
        return
    with tempfile.TemporaryDirectory(prefix="portrait-bench-") as tmp:
        _machine("start")
        bench_pg(args.rows, Path(tmp))
        bench_template(args.template_rows, Path(tmp))
        _machine("end")


def _machine(when: str) -> None:
    """Wall-clock numbers depend on who else uses the CPUs: say so next to them."""
    one, five, _ = os.getloadavg()
    print(f"[{when}] {os.cpu_count()} CPUs, load average {one:.1f} (1 min) {five:.1f} (5 min)")


if __name__ == "__main__":
    main()
