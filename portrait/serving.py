"""Atomic publishing of BI-facing tables to a separate, read-only serving file.

DuckDB allows one writer process or many readers of a file, never both. BI tools
therefore never open the pipeline's warehouse: after a refresh we copy the
published (masked) tables into a brand-new DuckDB file and `os.replace` it over
the serving path. The rename is atomic; a BI session that already has the old
file open keeps reading the old, complete snapshot, and new sessions see the new
one. Nothing a reader can open is ever half-written.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from expectations.pii import phone_or_email_sql

# (schema, table) pairs BI may read. An allowlist on purpose: a new mart is private
# until someone decides it is safe to publish.
PUBLISHED_TABLES: tuple[tuple[str, str], ...] = (
    ("marts", "customer_profiles"),
    ("marts", "customer_tags"),
    ("marts", "segment_summary"),
    ("marts", "tag_coverage"),
    ("marts", "tag_dictionary"),
    ("marts", "sales_seasonality"),
    ("marts", "segment_migration"),
    ("marts", "customer_rfm"),
    ("marts", "sales_monthly"),
    ("marts", "sales_peak_hours"),
    ("marts", "category_ranking"),
    ("marts", "customer_activity_monthly"),
    ("marts", "repurchase_intervals"),
    ("marts", "repurchase_rates"),
    ("marts", "customer_trend_6m"),
    ("history", "customer_profiles_history"),
    ("history", "customer_tags_history"),
    ("ml", "churn_scores"),
    ("ml", "churn_model_metrics"),
    ("ml", "association_rules"),
    ("ml", "customer_recommendations"),
    ("ml", "customer_clusters"),
    ("quality", "dq_results"),
)


class UnmaskedDataError(RuntimeError):
    """A table about to be published contains what looks like a raw phone or e-mail."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    tables: dict[str, int]
    seconds: float


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """Tables of the connection's current database."""
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where database_name = current_database()"
    ).fetchall()
    return {(schema, table) for schema, table in rows}


def assert_masked(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> None:
    """Refuse to publish a table with an unmasked phone number or e-mail in any text column.

    The same detector as the quality suites' PII check, so the check fails (and blocks)
    before this last guard ever has to refuse.
    """
    columns = [
        name
        for name, dtype in con.execute(
            "select column_name, data_type from duckdb_columns() "
            "where database_name = current_database() and schema_name = ? and table_name = ?",
            [schema, table],
        ).fetchall()
        if dtype == "VARCHAR" or dtype.startswith("VARCHAR[")
    ]
    for column in columns:
        hits = con.execute(
            f'select count(*) from "{schema}"."{table}" where {phone_or_email_sql(column)}'
        ).fetchone()[0]
        if hits:
            raise UnmaskedDataError(
                f"{schema}.{table}.{column}: {hits} value(s) look like an unmasked phone "
                "or e-mail; not published"
            )


def publish(warehouse: Path, serving: Path) -> PublishResult:
    """Copy the published tables that exist into a new file and swap it in atomically."""
    started = time.perf_counter()
    serving.parent.mkdir(parents=True, exist_ok=True)
    staging_file = serving.with_name(f".{serving.name}.{os.getpid()}.tmp")
    staging_file.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    con = duckdb.connect(str(staging_file))
    try:
        new_db = con.execute("select current_database()").fetchone()[0]
        con.execute(f"attach '{warehouse}' as warehouse (read_only)")
        con.execute("use warehouse")
        present = [pair for pair in PUBLISHED_TABLES if pair in existing_tables(con)]
        for schema, table in present:
            assert_masked(con, schema, table)
        for schema, table in present:
            target = f'"{new_db}"."{schema}"."{table}"'
            con.execute(f'create schema if not exists "{new_db}"."{schema}"')
            con.execute(f'create table {target} as select * from "{schema}"."{table}"')
            (rows,) = con.execute(f"select count(*) from {target}").fetchone()
            counts[f"{schema}.{table}"] = rows
        con.execute(f'use "{new_db}"')
        con.execute("detach warehouse")
    except BaseException:
        con.close()
        staging_file.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(staging_file, serving)
    return PublishResult(serving, counts, time.perf_counter() - started)
