"""A small hand-made warehouse with the core marts of the data contract.

The tag models only read the core marts (plus two staging views for manual tags and the ML
outputs), so the tests build exactly those tables here, with rows chosen to sit on the rule
boundaries, instead of running the whole cleaning pipeline. As-of date of the scenarios:
2025-10-31 (cutoff 2025-11-01 00:00, Shanghai local time).
"""

from pathlib import Path

import duckdb

AS_OF = "2025-10-31"

_SCHEMA_SQL = """
create schema if not exists marts;
create schema if not exists staging;
create schema if not exists ml;
create table marts.dim_customers (
    customer_id varchar, name varchar, phone varchar, email varchar, gender varchar,
    birth_date date, age integer, age_band varchar, province varchar, city varchar,
    city_tier varchar, is_region_inferred boolean, occupation varchar, industry varchar,
    source_channel varchar, customer_level varchar, registered_at timestamp,
    registered_date date, updated_at timestamp, source_record_count integer
);
create table marts.fct_orders (
    order_id varchar, customer_id varchar, ordered_at timestamp, order_date date,
    status varchar, payment_method varchar, has_coupon boolean, discount_amount decimal(18, 2),
    gross_amount decimal(18, 2), refund_amount decimal(18, 2), net_amount decimal(18, 2),
    item_count integer, has_return boolean, channel varchar, ship_province varchar,
    ship_city varchar, is_needs_review boolean
);
create table marts.fct_order_lines (
    order_line_id varchar, order_id varchar, customer_id varchar, ordered_at timestamp,
    product_id varchar, product_name varchar, category varchar, brand varchar,
    quantity integer, unit_price decimal(18, 2), line_amount decimal(18, 2),
    is_new_product boolean
);
create table marts.fct_tickets (
    ticket_id varchar, customer_id varchar, created_at timestamp, channel varchar,
    ticket_type varchar, satisfaction integer, is_resolved boolean
);
create table marts.fct_sessions (
    session_id varchar, customer_id varchar, started_at timestamp, duration_seconds integer,
    pages_viewed integer, product_clicks integer
);
create table marts.fct_campaigns (
    customer_id varchar, campaign_id varchar, campaign_type varchar, participated_at timestamp
);
create table marts.customer_crosswalk (
    source_name varchar, source_customer_id varchar, customer_id varchar, match_rule varchar
);
create table staging.stg_raw__customers (
    source_name varchar, source_customer_id varchar, manual_tags varchar
);
create table staging.stg_raw__import_customers (
    source_name varchar, source_customer_id varchar, manual_tags varchar
);
create table ml.churn_scores (
    customer_id varchar, as_of_date date, churn_probability double, churn_score integer,
    churn_band varchar, churn_reasons varchar[]
);
create table ml.customer_recommendations (
    customer_id varchar, as_of_date date, rank integer, level varchar, item varchar,
    score double, rule_id varchar
);
create table ml.customer_clusters (
    customer_id varchar, as_of_date date, cluster_id integer, cluster_label varchar
);
"""

# (customer_id, name, phone, gender, age, age_band, city, city_tier, occupation, channel,
#  registered_at). The named customers are the boundary cases the tests look at.
CUSTOMERS = [
    (
        "C_EXACT_10000",
        "张三",
        "13812345678",
        "M",
        30,
        "26-35",
        "上海市",
        "一线",
        "工程师",
        "app",
        "2023-01-10 09:00:00",
    ),
    (
        "C_BELOW_10000",
        "李四",
        "13900001111",
        "F",
        41,
        "36-45",
        "成都市",
        "新一线",
        "教师",
        "website",
        "2023-02-11 10:00:00",
    ),
    (
        "C_NO_ORDERS",
        "王五",
        "13700002222",
        "U",
        None,
        "未知",
        "未知",
        "未知",
        None,
        None,
        "2024-03-01 08:00:00",
    ),
    (
        "C_NEW_YESTERDAY",
        "赵六",
        "13600003333",
        "F",
        22,
        "18-25",
        "杭州市",
        "新一线",
        "学生",
        "mini_program",
        "2025-10-30 20:00:00",
    ),
    (
        "C_FUTURE",
        "钱七",
        "13500004444",
        "M",
        50,
        "46+",
        "北京市",
        "一线",
        "经理",
        "app",
        "2025-11-01 09:00:00",
    ),
    (
        "C_EDGE_DAY",
        "孙八",
        "13400005555",
        "M",
        35,
        "26-35",
        "广州市",
        "一线",
        "销售",
        "referral",
        "2024-01-05 09:00:00",
    ),
    (
        "C_CHURNED",
        "周九",
        "13300006666",
        "F",
        60,
        "46+",
        "洛阳市",
        "下沉市场",
        "退休",
        "offline_store",
        "2022-06-01 09:00:00",
    ),
    (
        "C_COMPLAINER",
        "吴十",
        "13200007777",
        "M",
        28,
        "26-35",
        "深圳市",
        "一线",
        "设计师",
        "app",
        "2024-02-02 09:00:00",
    ),
    (
        "C_COUPON",
        "郑一",
        "13100008888",
        "F",
        33,
        "26-35",
        "南京市",
        "新一线",
        "会计",
        "website",
        "2024-04-04 09:00:00",
    ),
]

# One-time buyers with identical histories: they must get identical RFM scores.
TWINS = [f"C_TWIN_{i}" for i in range(1, 7)]

# (order_id, customer_id, ordered_at, net_amount, has_coupon, category, is_new_product)
ORDERS = [
    ("O1", "C_EXACT_10000", "2025-09-10 10:00:00", 6000.00, False, "数码", False),
    ("O2", "C_EXACT_10000", "2025-10-20 21:00:00", 4000.00, False, "数码", True),
    ("O3", "C_BELOW_10000", "2025-08-01 12:00:00", 9999.99, False, "家电", False),
    ("O4", "C_EDGE_DAY", "2025-10-31 23:59:59", 300.00, True, "美妆", True),
    ("O5", "C_EDGE_DAY", "2025-11-01 00:00:00", 50000.00, False, "珠宝", True),
    ("O6", "C_CHURNED", "2025-03-01 09:00:00", 800.00, False, "服装", False),
    ("O7", "C_COMPLAINER", "2025-10-02 15:00:00", 200.00, False, "服装", False),
    ("O8", "C_COUPON", "2025-10-05 20:00:00", 150.00, True, "食品", False),
] + [
    (f"OT{i}", twin, "2025-09-15 11:00:00", 100.00, False, "食品", False)
    for i, twin in enumerate(TWINS, start=1)
]

# (ticket_id, customer_id, created_at, channel, ticket_type)
TICKETS = [
    ("T1", "C_COMPLAINER", "2025-08-01 10:00:00", "online_chat", "complaint"),
    ("T2", "C_COMPLAINER", "2025-10-01 10:00:00", "online_chat", "complaint"),
    ("T3", "C_COMPLAINER", "2025-10-03 10:00:00", "phone", "delivery"),
    ("T4", "C_EXACT_10000", "2025-07-01 10:00:00", "phone", "after_sales"),
]

# (session_id, customer_id, started_at)
SESSIONS = [
    ("S1", "C_EXACT_10000", "2025-10-05 09:00:00"),
    ("S2", "C_EXACT_10000", "2025-10-15 09:00:00"),
    ("S3", "C_EXACT_10000", "2025-10-25 09:00:00"),
    ("S4", "C_COUPON", "2025-10-30 09:00:00"),
    ("S5", "C_EDGE_DAY", "2025-11-01 08:00:00"),
]

# Orders with a return (the "Adding a tag" example tags return-prone customers).
RETURNED_ORDERS = ["O8"]

MANUAL_TAGS = [
    ("crm", "crm-C_EXACT_10000", "老客户,团购"),
    ("crm", "crm-C_COUPON", "价格敏感；爱砍价"),
]


def _customer_rows():
    rows = list(CUSTOMERS)
    for twin in TWINS:
        rows.append((twin, "陈双", "13000009999", "F", 27, "26-35", "武汉市", "新一线", None,
                     "app", "2024-05-05 09:00:00"))  # fmt: skip
    return rows


def _insert_customer(con: duckdb.DuckDBPyConnection, row: tuple) -> None:
    registered_at = row[-1]
    con.execute(
        "insert into marts.dim_customers values (?, ?, ?, null, ?, null, ?, ?, '未知', ?, ?, false,"
        " ?, null, ?, null, ?::timestamp, cast(?::timestamp as date), null, 1)",
        [*row, registered_at],
    )
    con.execute(
        "insert into marts.customer_crosswalk values ('crm', ?, ?, 'single_record')",
        [f"crm-{row[0]}", row[0]],
    )


def _insert_order(con: duckdb.DuckDBPyConnection, order: tuple) -> None:
    """One completed order with a single line."""
    order_id, customer_id, ordered_at, amount, has_coupon, category, is_new = order
    con.execute(
        "insert into marts.fct_orders values (?, ?, ?::timestamp, cast(? as date), 'completed',"
        " 'alipay', ?, 0, ?, 0, ?, 1, false, 'app', null, null, false)",
        [order_id, customer_id, ordered_at, ordered_at[:10], has_coupon, amount, amount],
    )
    con.execute(
        "insert into marts.fct_order_lines values (?, ?, ?, ?::timestamp, 'P', 'product', ?,"
        " 'brand', 1, ?, ?, ?)",
        [f"{order_id}-1", order_id, customer_id, ordered_at, category, amount, amount, is_new],
    )


def build_fixture(path: Path) -> Path:
    """Create the warehouse file at `path` with the core marts filled; returns the path."""
    con = duckdb.connect(str(path))
    try:
        con.execute(_SCHEMA_SQL)
        for row in _customer_rows():
            _insert_customer(con, row)
        for order in ORDERS:
            _insert_order(con, order)
        con.execute(
            "update marts.fct_orders set has_return = true where list_contains(?, order_id)",
            [RETURNED_ORDERS],
        )
        con.executemany(
            "insert into marts.fct_tickets values (?, ?, ?::timestamp, ?, ?, 5, true)", TICKETS
        )
        con.executemany(
            "insert into marts.fct_sessions values (?, ?, ?::timestamp, 60, 3, 1)", SESSIONS
        )
        con.executemany("insert into staging.stg_raw__customers values (?, ?, ?)", MANUAL_TAGS)
    finally:
        con.close()
    return path


def add_order(path: Path, order_id: str, customer_id: str, ordered_at: str, amount: float) -> None:
    """Append one completed order (category 数码, no coupon) to the fixture warehouse."""
    con = duckdb.connect(str(path))
    try:
        _insert_order(con, (order_id, customer_id, ordered_at, amount, False, "数码", False))
    finally:
        con.close()
