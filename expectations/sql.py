"""Small SQL helpers shared by the compilers: quoting, literals, bounds."""

import datetime as dt
from typing import Any

TEMPORAL_PREFIXES = ("DATE", "TIMESTAMP", "TIME")
NUMERIC_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "UTINYINT"}
    | {"USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
)


def quote(identifier: str) -> str:
    """A DuckDB identifier, quoted (columns may hold spaces or Chinese)."""
    return '"' + identifier.replace('"', '""') + '"'


def table_ref(name: str) -> str:
    """`schema.table` -> `"schema"."table"`."""
    return ".".join(quote(part) for part in name.split("."))


def is_numeric(col_type: str) -> bool:
    return col_type in NUMERIC_TYPES or col_type.startswith("DECIMAL")


def is_temporal(col_type: str) -> bool:
    return col_type.startswith(TEMPORAL_PREFIXES)


def literal(value: Any) -> str:
    """A Python value as a DuckDB literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"timestamp '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"date '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def bound(value: Any, col_type: str) -> str:
    """A comparison value for a column: ISO strings compared with a time column are cast."""
    if isinstance(value, str) and is_temporal(col_type):
        return f"cast({literal(value)} as {col_type})"
    return literal(value)


def list_literal(values: list[Any], col_type: str) -> str:
    """Set members for `in (...)`; a text column compares them as text, never casting itself."""
    if col_type == "VARCHAR":
        values = [v if v is None or isinstance(v, str) else _text(v) for v in values]
    return ", ".join(bound(v, col_type) for v in values)


def text_expr(column: str, schema: dict[str, str]) -> str:
    """The column as text (regexes apply to text; GE stringifies too)."""
    col = quote(column)
    return col if schema.get(column) == "VARCHAR" else f"cast({col} as varchar)"


def within(value: Any, kwargs: dict[str, Any]) -> bool:
    """GE's min_value / max_value / strict_* test of an observed metric (None fails)."""
    if value is None:
        return False
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is not None:
        low = _like(value, low)
        if value < low or (kwargs.get("strict_min") and value == low):
            return False
    if high is not None:
        high = _like(value, high)
        if value > high or (kwargs.get("strict_max") and value == high):
            return False
    return True


def _like(observed: Any, value: Any) -> Any:
    """Compare dates with dates: parse an ISO bound, widen a date to a datetime if needed."""
    if isinstance(observed, dt.datetime):
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        return value.replace(tzinfo=None) if observed.tzinfo is None else value
    if isinstance(observed, dt.date):
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return value.date() if isinstance(value, dt.datetime) else value
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
