"""Tags and profiles benchmark: one monthly refresh at a million customers.

    .venv/bin/python bench/tags.py [--customers 1000000] [--orders 10000000] [--keep DIR]

Synthesizes the core marts (dim_customers, fct_orders, fct_order_lines, fct_tickets,
fct_sessions, fct_campaigns, customer_crosswalk), the two staging views the manual tags read
and empty ML outputs straight into a fresh DuckDB file, then times the real `dbt build` of
the tag issue's seeds and models (tags, RFM, radar, actions, profiles, history, published
tables, purchase-behaviour marts; tests are not what is timed) as of 2025-10-31, and prints
wall time, peak RSS of the dbt process and the slowest models. Target: under 3 minutes.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
DBT_PROJECT = REPO / "dbt_project"
AS_OF = "2025-10-31"
SELECTION = (
    "path:seeds/tags",
    "path:models/marts/profiles",
    "path:models/marts/analysis",
    "path:models/history",
)
MODELS_ONLY = ("--exclude-resource-type", "test", "--exclude-resource-type", "unit_test")

# Order owners are skewed (customer = n * u^2): most customers buy once or never, a few often.
_SYNTHETIC_SQL = """
create schema marts; create schema staging; create schema ml;
create table marts.dim_customers as
select
    'C' || c as customer_id, '张' || (c % 1000) as name,
    '138' || lpad((c % 100000000)::varchar, 8, '0') as phone, null::varchar as email,
    ['M', 'F', 'U'][1 + c % 3] as gender, null::date as birth_date,
    (18 + c % 60)::integer as age, null::varchar as age_band,
    '上海市' as province, ['上海市', '成都市', '洛阳市', '未知'][1 + c % 4] as city,
    ['一线', '新一线', '下沉市场', '未知'][1 + c % 4] as city_tier, false as is_region_inferred,
    ['工程师', '教师', null][1 + c % 3] as occupation, null::varchar as industry,
    ['app', 'website', 'offline_store', 'referral', 'mini_program'][1 + c % 5] as source_channel,
    '普通' as customer_level,
    timestamp '2020-01-01' + to_seconds((hash(c) % 183000000)::bigint) as registered_at,
    cast(registered_at as date) as registered_date, registered_at as updated_at,
    1 as source_record_count
from range($customers) as t(c);
update marts.dim_customers set age_band = case when age <= 25 then '18-25'
    when age <= 35 then '26-35' when age <= 45 then '36-45' else '46+' end;

create table marts.fct_orders as
with drawn as (
    select
        o,
        cast(floor($customers * pow(random(), 2)) as bigint) as owner,
        timestamp '2023-11-01' + to_seconds((random() * 86400 * 731)::bigint) as ordered_at,
        round(20 + random() * random() * 3000, 2)::decimal(18, 2) as amount,
        random() < 0.3 as has_coupon,
        random() < 0.05 as has_return
    from range($orders) as t(o)
)
select
    'O' || o as order_id, 'C' || owner as customer_id, ordered_at,
    cast(ordered_at as date) as order_date, 'completed' as status, 'alipay' as payment_method,
    has_coupon, 0::decimal(18, 2) as discount_amount, amount as gross_amount,
    0::decimal(18, 2) as refund_amount, amount as net_amount, 1 as item_count, has_return,
    'app' as channel, null::varchar as ship_province, null::varchar as ship_city,
    false as is_needs_review
from drawn;

create table marts.fct_order_lines as
select
    order_id || '-' || l as order_line_id, order_id, customer_id, ordered_at,
    'P' || (hash(order_id, l) % 5000) as product_id, 'product' as product_name,
    ['数码', '服装', '食品', '美妆', '家电', '图书', '母婴', '运动'][
        1 + (hash(order_id, l) % 8)::bigint
    ] as category, 'brand' as brand, (1 + hash(order_id) % 3)::integer as quantity,
    net_amount as unit_price, net_amount as line_amount,
    hash(order_id, l) % 10 = 0 as is_new_product
from (
    select *, unnest(range(1 + (hash(order_id) % 2)::bigint)) as l from marts.fct_orders
);

create table marts.fct_tickets as
select 'T' || t as ticket_id, 'C' || (hash(t) % $customers) as customer_id,
    timestamp '2024-01-01' + to_seconds((random() * 86400 * 700)::bigint) as created_at,
    ['phone', 'online_chat', 'email'][1 + t % 3] as channel,
    ['inquiry', 'complaint', 'after_sales', 'delivery', 'customization'][1 + t % 5] as ticket_type,
    5 as satisfaction, true as is_resolved
from range($customers) as r(t);

create table marts.fct_sessions as
select
    'S' || s as session_id,
    'C' || cast(floor($customers * pow(random(), 2)) as bigint) as customer_id,
    timestamp '2025-01-01' + to_seconds((random() * 86400 * 304)::bigint) as started_at,
    60 as duration_seconds, 3 as pages_viewed, 1 as product_clicks
from range($customers * 5) as t(s);

create table marts.fct_campaigns as
select 'C' || (hash(p) % $customers) as customer_id, 'K' || (p % 20) as campaign_id,
    'discount' as campaign_type,
    timestamp '2024-11-01' + to_seconds((random() * 86400 * 360)::bigint) as participated_at
from range($customers) as t(p);

create table marts.customer_crosswalk as
select 'crm' as source_name, customer_id as source_customer_id, customer_id,
    'single_record' as match_rule
from marts.dim_customers;
create table staging.stg_raw__customers as
select 'crm' as source_name, customer_id as source_customer_id,
    case when hash(customer_id) % 7 = 0 then '老客户,团购' end as manual_tags
from marts.dim_customers;
create table staging.stg_raw__import_customers as
select * from staging.stg_raw__customers limit 0;

create table ml.churn_scores (customer_id varchar, as_of_date date, churn_probability double,
    churn_score integer, churn_band varchar, churn_reasons varchar[]);
create table ml.customer_recommendations (customer_id varchar, as_of_date date, rank integer,
    level varchar, item varchar, score double, rule_id varchar);
create table ml.customer_clusters (customer_id varchar, as_of_date date, cluster_id integer,
    cluster_label varchar);
"""


def synthesize(warehouse: Path, customers: int, orders: int) -> dict[str, int]:
    """Write the synthetic core marts; returns row counts per table."""
    sql = _SYNTHETIC_SQL.replace("$customers", str(customers)).replace("$orders", str(orders))
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("select setseed(0.42)")
        con.execute(sql)
        tables = ["dim_customers", "fct_orders", "fct_order_lines", "fct_tickets", "fct_sessions"]
        return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def run_dbt(warehouse: Path, work: Path) -> tuple[float, float, int]:
    """`dbt build` of the tag seeds and models: (wall seconds, CPU seconds, peak RSS in MiB).

    CPU time tells how much of the wall time was waiting for a core on a shared machine.
    """
    command = [
        str(REPO / ".venv" / "bin" / "dbt"), "build", "--select", *SELECTION, *MODELS_ONLY,
        "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
        "--target-path", str(work / "target"), "--log-path", str(work / "logs"),
        "--vars", json.dumps({"as_of_date": AS_OF}),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "PORTRAIT_WAREHOUSE": str(warehouse)})
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def slowest_models(work: Path, count: int = 12) -> list[tuple[str, float]]:
    """The models that took longest, from dbt's run_results.json."""
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    timed = [(r["unique_id"].split(".")[-1], r["execution_time"]) for r in results]
    return sorted(timed, key=lambda item: -item[1])[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--keep", type=Path, help="keep the warehouse in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_tags_"))
    try:
        warehouse = work / "warehouse.duckdb"
        started = time.perf_counter()
        counts = synthesize(warehouse, args.customers, args.orders)
        print(f"synthesized in {time.perf_counter() - started:.1f} s: {counts}")
        seconds, cpu_seconds, peak_mib = run_dbt(warehouse, work)
        print(f"dbt build (tag seeds + models) as of {AS_OF}: {seconds:.1f} s wall "
              f"(target < 180 s), {cpu_seconds:.1f} s CPU, peak RSS of dbt {peak_mib} MiB, "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
        for name, model_seconds in slowest_models(work):
            print(f"  {name:<45} {model_seconds:6.1f} s")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(warehouse, args.keep / "warehouse.duckdb")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
