"""Identity-resolution benchmark: merge quality on the demo, speed at a million records.

    .venv/bin/python bench/identity.py [--records 1000000] [--duplicate-share 0.15]
                                       [--demo-customers 2000] [--demo-months 6] [--skip-demo]

1. Quality: generates a demo, extracts it, runs the core dbt models and prints pairwise
   precision / recall of "same person" against ground_truth/identities.csv, plus recall over
   the pairs the data makes linkable at all (tests/dbt/linkable.py).
2. Speed: writes N synthetic CRM customer records (a share of them re-registrations of an
   earlier person, with reformatted phones, re-cased e-mails or name + birth date only, some
   with nothing but name and home, some sharing a placeholder phone) straight into
   raw.customers, and 1-4 orders per record shipped home into raw.orders, then times
   `dbt run` of the identity chain (staging -> crosswalk) and prints each model's time.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "dbt"))

from dbt_runner import load_demo, pair_quality, parse_dbt, run_dbt  # noqa: E402
from linkable import linkable_recall  # noqa: E402

from portrait.extract.entities import ensure_raw_tables  # noqa: E402

AS_OF = "2025-12-31"
IDENTITY_CHAIN = ("+customer_crosswalk",)
# Seeds and models only: tests are not what is being timed.
MODELS_ONLY = ("--resource-type", "seed", "--resource-type", "model")

# Persons first (one primary record each), then duplicate records pointing at a person.
# kind: 0-59 same phone reformatted, 60-74 same e-mail re-cased, 75-89 name + birth date,
# 90-99 unmatchable (new phone, no e-mail, no birth date); an e-mail or birth-date duplicate
# of a person without one falls back to the phone. Hashes of p || 'salt' (not hash(p, salt),
# whose low bits correlate) pick names, birth dates and kinds.
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = [*"伟芳娜敏静丽强磊军洋勇艳杰娟涛明超华平刚文辉鑫宇浩", "欣怡", "梓涵", "子轩", "雨婷"]
_CITIES = [
    "上海市", "北京市", "深圳市", "广州市", "杭州市", "成都市", "武汉市", "南京市", "西安市",
    "苏州市", "郑州市", "长沙市", "合肥市", "佛山市", "临沂市", "赣州市", "菏泽市", "三亚市",
]  # fmt: skip
_STREETS = [
    "人民路", "中山路", "解放路", "建设路", "文化路", "科技园路", "滨江路", "长江路", "迎宾大道",
]  # fmt: skip
_SECOND = ["", *"子浩宇轩博俊泽然雨婷诗佳美晨阳欣怡梓涵思远嘉睿逸辰铭昊杰鸿峰"]


def _pick(values: list[str], salt: str) -> str:
    """SQL picking one of `values` for person p from a salted hash."""
    items = ", ".join(f"'{value}'" for value in values)
    return f"[{items}][1 + (hash(p || '{salt}') % {len(values)})::bigint]"


# A distinct valid mobile number per index n (7919 is coprime with 10^9, so no repeats; an
# integer literal, as DuckDB computes 10 ** 9 as a DOUBLE and "123.0" is no phone).
_PHONE = (
    "'1' || (3 + {n} % 7)::varchar || lpad((({n} * 7919 + 12345) % 1000000000)::varchar, 9, '0')"
)
_SYNTHETIC_SQL = f"""
create temp table persons as
select
    p as person,
    {_pick(list(_SURNAMES), "s")} || {_pick(_GIVEN, "g")} || {_pick(_SECOND, "h")} as name,
    case when hash(p || 'x') % 250 = 0 then '13800000000' else {_PHONE.format(n="p")} end as phone,
    case when hash(p || 'e') % 10 < 6 then 'u' || p || '@qq.com' end as email,
    case when hash(p || 'b') % 10 < 7
        then date '1950-01-01' + (hash(p || 'd') % 18000)::integer end as birth_date
from range($persons) as t(p);

create temp table duplicates as
select
    d,
    person,
    case
        when drawn < 60 or (drawn < 75 and email is null) or (drawn < 90 and birth_date is null)
            then 0
        when drawn < 75 then 60
        when drawn < 90 then 75
        else 90
    end as kind
from (
    select d, hash(d || 'who') % $persons as person, (hash(d || 'kind') % 100)::integer as drawn
    from range($duplicates) as t(d)
) as drawn_duplicates
inner join persons using (person);

create temp table records as
select 'CUS' || lpad(person::varchar, 10, '0') as customer_id, person, name, phone, email,
    birth_date
from persons
union all
select
    'CUS' || lpad(($persons + d)::varchar, 10, '0'),
    person,
    name,
    case
        when kind = 0
            then '+86 ' || phone[1:3] || '-' || phone[4:7] || '-' || phone[8:]
        else {_PHONE.format(n="($persons + d)")}
    end,
    case when kind = 60 then upper(email) end,
    case when kind = 75 then birth_date end
from duplicates
inner join persons using (person);

insert into raw.customers (customer_id, name, gender, birth_date, phone, email, registered_at,
    source_channel, _source_name, _source_object, _source_key, _loaded_at)
select
    customer_id,
    name,
    ['男', '女', 'F', ''][1 + (hash(customer_id) % 4)::bigint],
    case when hash(customer_id || 'f') % 3 = 0 then strftime(birth_date, '%Y/%-m/%-d')
        else birth_date::varchar end,
    phone,
    email,
    strftime(timestamp '2020-01-01' + to_seconds((hash(customer_id || 'r') % 150000000)::bigint),
             '%Y-%m-%d %H:%M:%S'),
    'website', 'crm', 'crm_customers', customer_id, now()
from records;

-- 1-4 orders per record, shipped to the person's home (one in ten to another person's home, a
-- gift), so rule name_address has real work: every re-registration still ships home.
create temp table homes as
select p as person, {_pick(_CITIES, "c")} as city,
    {_pick(_STREETS, "t")} || (1 + hash(p || 'n') % 999)::varchar || '号'
        || (1 + hash(p || 'b') % 30)::varchar || '栋'
        || (101 + hash(p || 'u') % 2700)::varchar || '室' as address
from (select person as p from persons);

insert into raw.orders (order_id, customer_id, ordered_at, status, total_amount, ship_city,
    ship_address, _source_name, _source_object, _source_key, _loaded_at)
select
    'SO' || lpad(row_number() over ()::varchar, 12, '0') as order_id,
    customer_id,
    strftime(timestamp '2023-01-01'
        + to_seconds((hash(customer_id || n || 'o') % 90000000)::bigint), '%Y-%m-%d %H:%M:%S'),
    'completed',
    ((hash(customer_id || n || 'a') % 50000) / 100)::varchar,
    homes.city,
    homes.address,
    'orders', 'orders', customer_id || '-' || n, now()
from records
cross join range(4) as t(n)
inner join homes
    on homes.person = case when hash(customer_id || n || 'g') % 10 = 0
        then hash(customer_id || n || 'w') % $persons else records.person end
where n < 1 + hash(customer_id || 'k') % 4;
"""


def write_synthetic(warehouse: Path, records: int, duplicate_share: float) -> dict[str, int]:
    """Synthetic raw.customers (and a truth table) with `records` rows."""
    persons = round(records / (1 + duplicate_share))
    sql = _SYNTHETIC_SQL.replace("$persons", str(persons))
    sql = sql.replace("$duplicates", str(records - persons))
    con = duckdb.connect(str(warehouse))
    try:
        ensure_raw_tables(con)
        con.execute(sql)
        con.execute("create schema if not exists bench")
        con.execute("create table bench.truth as select customer_id as source_customer_id, "
                    "'P' || person as person_id from records")  # fmt: skip
        count = con.execute("select count(*) from raw.customers").fetchone()[0]
        orders = con.execute("select count(*) from raw.orders").fetchone()[0]
    finally:
        con.close()
    return {"records": count, "persons": persons, "orders": orders}


def _child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_scale(records: int, duplicate_share: float) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-identity-") as tmp:
        work, warehouse = Path(tmp), Path(tmp) / "warehouse.duckdb"
        started = time.perf_counter()
        sizes = write_synthetic(warehouse, records, duplicate_share)
        print(f"synthetic raw.customers: {sizes['records']:,} records of {sizes['persons']:,} "
              f"persons, {sizes['orders']:,} raw.orders, written in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        # Parsed beforehand, as a deployment does once (dagster-dbt's prepared manifest).
        parse_dbt(warehouse, work, AS_OF)
        started, cpu_before = time.perf_counter(), _child_cpu_seconds()
        results = run_dbt("build", warehouse, work, AS_OF, select=IDENTITY_CHAIN, extra=MODELS_ONLY)
        wall, cpu = time.perf_counter() - started, _child_cpu_seconds() - cpu_before
        for result in results:
            print(f"  {result['unique_id'].split('.')[-1]:<40} {result['execution_time']:6.2f} s")
        models = sum(r["execution_time"] for r in results if ".seed." not in r["unique_id"])
        print(f"identity resolution of {sizes['records']:,} records: {models:.1f} s in models, "
              f"{wall:.1f} s wall for `dbt build` incl. seeds (target < 60 s); "
              f"dbt used {cpu:.1f} CPU s; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores")  # fmt: skip
        con = duckdb.connect(str(warehouse))
        con.execute("copy bench.truth to '" + str(work / "truth.csv") + "' (header)")
        con.close()
        quality = pair_quality(warehouse, work / "truth.csv")
        print(f"synthetic truth: precision {quality.precision:.4f}, recall {quality.recall:.4f} "
              f"({quality.correct_pairs:,} of {quality.true_pairs:,} pairs)")  # fmt: skip


def bench_demo(customers: int, months: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-identity-demo-") as tmp:
        work, demo, warehouse = Path(tmp), Path(tmp) / "demo", Path(tmp) / "warehouse.duckdb"
        subprocess.run([sys.executable, "-m", "portrait.demo", "--out", str(demo), "--customers",
                        str(customers), "--months", str(months)], check=True,
                       capture_output=True)  # fmt: skip
        load_demo(demo, warehouse)
        run_dbt("build", warehouse, work, AS_OF, extra=MODELS_ONLY)
        truth = demo / "ground_truth" / "identities.csv"
        quality = pair_quality(warehouse, truth)
        linkable, merged = linkable_recall(warehouse, truth)
        print(f"demo ({customers:,} persons, {quality.records:,} source records): "
              f"precision {quality.precision:.4f} (target >= 0.995), recall {quality.recall:.4f} "
              f"(target >= 0.97): {quality.correct_pairs} of {quality.true_pairs} same-person "
              f"pairs, {quality.predicted_pairs - quality.correct_pairs} wrong merges")  # fmt: skip
        print(
            f"  recall over linkable pairs: {merged / linkable if linkable else 1:.4f} "
            f"({merged} of {linkable}); the rest share no phone, e-mail or name + birth date"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--duplicate-share", type=float, default=0.15)
    parser.add_argument("--demo-customers", type=int, default=2000)
    parser.add_argument("--demo-months", type=int, default=6)
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()
    if not args.skip_demo:
        bench_demo(args.demo_customers, args.demo_months)
    bench_scale(args.records, args.duplicate_share)


if __name__ == "__main__":
    main()
