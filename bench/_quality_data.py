"""Synthetic warehouse for bench/quality.py: order lines in three layers, profiles, history.

Deterministic (hash of the row number), with the demo's dirt below the suites'
tolerances, so every suite evaluates in full and passes as it would in production.
"""

from pathlib import Path

import duckdb

CATEGORIES = "['手机','电脑','服饰','美妆','食品','家居','图书','运动']"
FAMILY = "['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林']"
GIVEN = "['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明']"
SEGMENTS = (
    "['champions','loyal','potential_loyalist','new','promising','need_attention',"
    "'about_to_sleep','at_risk','cant_lose','hibernating','lost']"
)
TAG_COLUMNS = {
    "age_band": "['18-25','26-35','36-45','46+','未知']",
    "city_tier": "['一线','新一线','二线','下沉市场','未知']",
    "gender": "['M','F','U']",
    "occupation": "['工程师','教师','销售','学生','未知']",
    "source_channel": "['website','offline_store','referral','mini_program','app']",
    "purchase_frequency": "['high','mid','low']",
    "high_frequency": "['yes','no']",
    "aov_band": "['0-500','500-2000','2000+','none']",
    "aov_relative": "['high','mid','low','none']",
    "interaction_preference": "['phone','online_chat','email','none']",
    "activity": "['high','mid','low']",
    "lifecycle": "['new','active','silent','sleeping','churned']",
    "category_preference": CATEGORIES,
    "price_sensitivity": "['sensitive','medium','insensitive','unknown']",
    "new_product_preference": "['yes','no']",
    "service_need": "['after_sales','delivery','customization','none']",
    "customer_value": "['high','potential','normal']",
    "vip": "['yes','no']",
    "growth_potential": "['yes','no']",
    "rfm_segment": SEGMENTS,
    "churn_risk": "['high','medium','low','unknown']",
    "complaint_prone": "['yes','no']",
    "behaviour_cluster": "['价格敏感型','高价值活跃','沉睡用户','新客']",
}


def pick(options: str, i: str, salt: int) -> str:
    """A deterministic choice from a list literal for row `i`."""
    return f"({options})[(1 + hash({i}, {salt}) % len({options}))::bigint]"


def build_warehouse(path: Path, lines: int, customers: int, as_of: str) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("set memory_limit = '4GB'")  # a good neighbour on a shared machine
        for schema in ("raw", "staging", "marts", "history"):
            con.execute(f"create schema {schema}")
        _order_lines(con, lines, customers)
        _customers(con, customers)
        _history(con, customers, as_of)
        con.execute("checkpoint")
    finally:
        con.close()


def _order_lines(con: duckdb.DuckDBPyConnection, lines: int, customers: int) -> None:
    con.execute(f"""
        create table raw.order_lines as
        select
            'L' || lpad(i::varchar, 10, '0') as order_line_id,
            'O' || lpad((i // 3)::varchar, 9, '0') as order_id,
            'P' || (hash(i, 1) % 5000)::varchar as product_id,
            '商品' || (hash(i, 1) % 5000)::varchar as product_name,
            {pick(CATEGORIES, "i", 2)} as category,
            '品牌' || (hash(i, 3) % 300)::varchar as brand,
            case when hash(i, 4) % 500 = 0 then '0' else (1 + hash(i, 4) % 5)::varchar end
                as quantity,
            (10 + hash(i, 5) % 2000)::varchar || '.00' as unit_price,
            ((1 + hash(i, 4) % 5) * (10 + hash(i, 5) % 2000))::varchar || '.00' as line_amount,
            {pick("['true','false','是','否']", "i", 6)} as is_new_product,
            'crm' as _source_name,
            'crm_order_lines' as _source_object,
            i::varchar as _source_key,
            now()::timestamp - interval 1 day as _loaded_at
        from range({lines}) as t(i)
    """)
    con.execute("""
        create table staging.stg_raw__order_lines as
        select
            _source_name as source_name, order_line_id, order_id, product_id, product_name,
            category, brand, try_cast(quantity as integer) as quantity,
            try_cast(unit_price as decimal(18, 2)) as unit_price,
            try_cast(line_amount as decimal(18, 2)) as line_amount,
            is_new_product in ('true', '是') as is_new_product,
            _source_object as source_object, _source_key as source_key, _loaded_at as loaded_at
        from raw.order_lines
    """)
    con.execute(f"""
        create table marts.fct_order_lines as
        select
            order_line_id, order_id,
            'CUS' || lpad((hash(order_id) % {customers})::varchar, 8, '0') as customer_id,
            timestamp '2024-11-01' + to_seconds((hash(order_id) % 31536000)::bigint)
                as ordered_at,
            product_id, product_name, category, brand, quantity, unit_price, line_amount,
            is_new_product, 'orders' as source_entity
        from staging.stg_raw__order_lines
        where quantity > 0
    """)


def _customers(con: duckdb.DuckDBPyConnection, customers: int) -> None:
    given = f"{pick(GIVEN, 'i', 2)} || case when hash(i, 3) % 2 = 0 then {pick(GIVEN, 'i', 4)} else '' end"  # noqa: E501
    con.execute(f"""
        create table marts.dim_customers as
        select
            'CUS' || lpad(i::varchar, 8, '0') as customer_id,
            {pick(FAMILY, "i", 1)} || {given} as name,
            '1' || (3 + hash(i, 5) % 7)::varchar || lpad((hash(i, 6) % 1000000000)::varchar, 9, '0')
                as phone,
            case when hash(i, 7) % 3 = 0 then 'u' || i::varchar || '@example.com' end as email,
            {pick("['M','F','U']", "i", 8)} as gender,
            case when hash(i, 9) % 3 = 0 then null else 18 + hash(i, 9) % 70 end as age,
            {pick("['上海市','广东省','浙江省','未知']", "i", 10)} as province,
            {pick("['上海市','深圳市','杭州市','未知']", "i", 10)} as city,
            {pick("['一线','新一线','二线','下沉市场','未知']", "i", 11)} as city_tier,
            {pick("['website','offline_store','referral','mini_program','app']", "i", 12)}
                as source_channel,
            1 + hash(i, 13) % 3 as source_record_count
        from range({customers}) as t(i)
    """)


def _history(con: duckdb.DuckDBPyConnection, customers: int, as_of: str) -> None:
    months = (f"date '{as_of}' - interval 1 month", f"date '{as_of}'")
    selects = []
    for salt, month in enumerate(months):
        tags = ",\n".join(
            f"{pick(v, 'i', 100 + n)} as {k}" for n, (k, v) in enumerate(TAG_COLUMNS.items())
        )
        selects.append(f"""
            select
                last_day(({month})::date) as as_of_date,
                'CUS' || lpad(i::varchar, 8, '0') as customer_id,
                {pick(FAMILY, "i", 1)} || '*' as name_masked,
                '1' || (3 + hash(i, 5) % 7)::varchar || '5****' || lpad((hash(i, 6) % 10000)::varchar, 4, '0')
                    as phone_masked,
                {pick("['上海市','广东省','浙江省','未知']", "i", 10)} as province,
                {pick("['上海市','深圳市','杭州市','未知']", "i", 10)} as city,
                {pick("['VIP','潜力','普通']", "i", 14)} as customer_level,
                hash(i, {20 + salt}) % 101 as spending_power_score,
                hash(i, {21 + salt}) % 101 as loyalty_score,
                hash(i, {22 + salt}) % 101 as activity_score,
                hash(i, {23 + salt}) % 101 as potential_score,
                1 + hash(i, 24) % 5 as r_score, 1 + hash(i, 25) % 5 as f_score,
                1 + hash(i, 26) % 5 as m_score,
                (hash(i, {27 + salt}) % 1001) / 1000.0 as churn_probability,
                (hash(i, {27 + salt}) % 1001) // 10 as churn_score,
                {pick("['high','medium','low']", "i", 28)} as churn_band,
                ['近90天未购买', '客服联系减少'] as churn_reasons,
                {pick("['重点挽留：3天内电话回访','限时折扣','专属客户经理']", "i", 29)}
                    as next_best_action,
                {tags},
                ['老客户'] as manual_tags
            from range({customers}) as t(i)
        """)  # noqa: E501
    con.execute(f"create table history.customer_profiles_history as {' union all '.join(selects)}")
    con.execute(f"""
        create table marts.customer_profiles as
        select * from history.customer_profiles_history where as_of_date = date '{as_of}'
    """)
