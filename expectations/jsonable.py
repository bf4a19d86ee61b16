"""Turn DuckDB values into JSON values (dates as ISO text, decimals as floats)."""

import datetime as dt
import decimal
import math
import uuid
from typing import Any


def jsonable(value: Any) -> Any:
    """A JSON-serializable copy of a nested value."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, uuid.UUID | bytes):
        return str(value)
    return value
