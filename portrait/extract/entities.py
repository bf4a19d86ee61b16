"""The raw layer's logical entities and lineage columns (docs/data_contract.md)."""

import duckdb

# entity -> its logical columns, required ones first-class in REQUIRED below.
ENTITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "customers": (
        "customer_id", "name", "gender", "birth_date", "age", "province", "city", "district",
        "occupation", "industry", "phone", "email", "registered_at", "source_channel",
        "customer_level", "manual_tags", "remark", "updated_at",
    ),
    "orders": (
        "order_id", "customer_id", "ordered_at", "status", "payment_method", "coupon_used",
        "discount_amount", "total_amount", "ship_province", "ship_city", "ship_address",
        "channel", "updated_at",
    ),
    "order_lines": (
        "order_line_id", "order_id", "product_id", "product_name", "category", "brand",
        "quantity", "unit_price", "line_amount", "is_new_product",
    ),
    "returns": ("return_id", "order_id", "refund_amount", "reason", "returned_at"),
    "tickets": (
        "ticket_id", "customer_id", "channel", "ticket_type", "satisfaction", "is_resolved",
        "created_at",
    ),
    "sessions": (
        "session_id", "customer_id", "started_at", "duration_seconds", "pages_viewed",
        "product_clicks",
    ),
    "campaigns": (
        "customer_id", "campaign_id", "campaign_name", "campaign_type", "participated_at",
    ),
}  # fmt: skip

IMPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "import_customers": (
        "customer_id", "name", "gender", "age", "phone", "registered_at", "industry",
        "customer_level", "manual_tags", "remark",
    ),
    "import_purchases": (
        "customer_id", "purchased_at", "category", "product_name", "quantity", "unit_price",
        "total_amount", "payment_method",
    ),
}  # fmt: skip

REQUIRED: dict[str, tuple[str, ...]] = {
    "customers": ("customer_id",),
    "orders": ("order_id", "customer_id", "ordered_at", "total_amount"),
    "order_lines": ("order_line_id", "order_id"),
    "returns": ("return_id", "order_id"),
    "tickets": ("ticket_id", "customer_id", "created_at"),
    "sessions": ("session_id", "customer_id", "started_at"),
    "campaigns": ("customer_id", "campaign_id"),
}  # fmt: skip

# The source entities a company configures; import tables are fed by templates only.
ENTITIES: tuple[str, ...] = tuple(ENTITY_COLUMNS)
RAW_TABLES: dict[str, tuple[str, ...]] = {**ENTITY_COLUMNS, **IMPORT_COLUMNS}

LINEAGE_COLUMNS: dict[str, str] = {
    "_source_name": "VARCHAR",
    "_source_object": "VARCHAR",
    "_source_key": "VARCHAR",
    "_loaded_at": "TIMESTAMP",
}  # fmt: skip


def quote(identifier: str) -> str:
    """A DuckDB identifier, quoted (source columns may hold spaces or Chinese)."""
    return '"' + identifier.replace('"', '""') + '"'


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every `raw.<entity>` table that is missing, empty, with the contract's columns.

    Logical columns are VARCHAR: raw keeps values as the source gave them and
    staging casts, so dbt sees the same types whichever source fed a table.
    """
    con.execute("create schema if not exists raw")
    for table, columns in RAW_TABLES.items():
        cols = [f"{quote(c)} VARCHAR" for c in columns]
        cols += [f"{quote(c)} {t}" for c, t in LINEAGE_COLUMNS.items()]
        con.execute(f"create table if not exists raw.{quote(table)} ({', '.join(cols)})")


def table_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    """Column name -> DuckDB type of an existing table, in table order."""
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = current_database() and schema_name = ? and table_name = ? "
        "order by column_index",
        [schema, table],
    ).fetchall()
    return dict(rows)
