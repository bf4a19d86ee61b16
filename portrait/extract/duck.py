"""Small DuckDB helpers shared by extract and imports."""

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def setting(con: duckdb.DuckDBPyConnection, name: str, value: str) -> Iterator[None]:
    """SET a DuckDB option for the block, then put the caller's value back."""
    old = con.execute("select current_setting(?)", [name]).fetchall()[0][0]
    con.execute(f"set {name} = {value}")
    try:
        yield
    finally:
        con.execute(f"set {name} = '{old}'")
