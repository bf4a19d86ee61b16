"""Writing frames into a real DuckDB warehouse as the marts the ML assets read."""

from pathlib import Path

import duckdb
import pandas as pd


def write_marts(path: Path, frames: dict[str, pd.DataFrame]) -> None:
    """The synthetic frames as the marts the ML assets read (contract column names)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema if not exists marts")
        tables = {
            "fct_orders": "orders",
            "fct_order_lines": "order_lines",
            "fct_tickets": "tickets",
            "fct_sessions": "sessions",
            "dim_customers": "customers",
        }
        for table, name in tables.items():
            con.register("frame", frames[name])
            con.execute(f"create or replace table marts.{table} as select * from frame")
            con.unregister("frame")
    finally:
        con.close()
