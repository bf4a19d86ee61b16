"""Extract state in the warehouse (`raw._extract_state`): cursor per table, checksum per file.

The state is written in the same transaction as the rows it describes, so a
failed load leaves both untouched and the next run starts from the same place.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import duckdb

_TABLE = "raw._extract_state"
_PARSERS = {
    "int": int,
    "float": float,
    "decimal": Decimal,
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "str": str,
}


@dataclass(frozen=True)
class State:
    """What the last successful load of one source object reached."""

    cursor: object | None
    checksum: str | None
    rows_loaded: int


def ensure_state_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(
        f"create table if not exists {_TABLE} (source_name varchar, entity varchar, "
        "object_name varchar, cursor_column varchar, cursor_value varchar, "
        "cursor_type varchar, checksum varchar, rows_loaded bigint, updated_at timestamp)"
    )


def get_state(con, source: str, entity: str, object_name: str) -> State | None:
    row = con.execute(
        f"select cursor_value, cursor_type, checksum, rows_loaded from {_TABLE} "
        "where source_name = ? and entity = ? and object_name = ?",
        [source, entity, object_name],
    ).fetchall()  # fetchall, not fetchone: DuckDB 2 keeps an unfinished result busy
    if not row:
        return None
    value, kind, checksum, rows = row[0]
    cursor = _PARSERS[kind](value) if value is not None else None
    return State(cursor, checksum, rows)


def put_state(
    con,
    source: str,
    entity: str,
    object_name: str,
    *,
    cursor_column: str | None = None,
    cursor: object | None = None,
    checksum: str | None = None,
    rows_loaded: int = 0,
) -> None:
    clear_state(con, source, entity, object_name)
    con.execute(
        f"insert into {_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, now() at time zone 'UTC')",
        [
            source,
            entity,
            object_name,
            cursor_column,
            cursor_text(cursor),
            _kind(cursor),
            checksum,
            rows_loaded,
        ],
    )


def clear_state(con, source: str, entity: str, object_name: str | None = None) -> None:
    """Forget one object's state, or (object_name=None) every object of source and entity."""
    sql = f"delete from {_TABLE} where source_name = ? and entity = ?"
    params = [source, entity]
    if object_name is not None:
        sql += " and object_name = ?"
        params.append(object_name)
    con.execute(sql, params)


def cursor_text(value: object | None) -> str | None:
    """A cursor value as text (ISO for dates and times), for state and results."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _kind(value: object | None) -> str:
    # datetime is a date subclass: test the narrower first.
    for kind, types in (("int", int), ("float", float), ("decimal", Decimal),
                        ("datetime", dt.datetime), ("date", dt.date)):  # fmt: skip
        if isinstance(value, types):
            return kind
    return "str"
