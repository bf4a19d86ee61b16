"""Small DuckDB helpers shared by extract and imports."""

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def setting(con: duckdb.DuckDBPyConnection, name: str, value: str) -> Iterator[None]:
    """SET a DuckDB option for the block, then put the caller's value back.

    When a statement in the block failed inside a transaction, DuckDB refuses
    every statement until ROLLBACK, SET included; the block's own error is then
    the one that matters, so it is not replaced by that refusal (the option
    stays until the connection's next SET of it or its close).
    """
    old = con.execute("select current_setting(?)", [name]).fetchall()[0][0]
    con.execute(f"set {name} = {value}")
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        try:
            con.execute(f"set {name} = '{old}'")
        except duckdb.TransactionException:
            if not failed:
                raise
