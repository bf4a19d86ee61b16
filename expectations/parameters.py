"""Suite parameters: GE's `{"$PARAMETER": ...}` kwargs, resolved at run time without GE.

A suite says `"min_value": {"$PARAMETER": "as_of_date - timedelta(days=35)"}` and
the run supplies `as_of_date`. We accept the subset of GE's expression language
our suites need - a parameter name or `now()`, optionally plus or minus one
`timedelta(...)` with integer keyword arguments - so the JSON stays valid GE and
resolving it does not cost the 4-5 s of importing GE in every check run.
Anything else is an error naming the expression.
"""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

_EXPRESSION = re.compile(
    r"^\s*(?P<base>now\(\)|[A-Za-z_][A-Za-z0-9_$]*)\s*"
    r"(?:(?P<op>[+-])\s*timedelta\((?P<args>[^)]*)\))?\s*$"
)
_TIMEDELTA_ARG = re.compile(r"^\s*(weeks|days|hours|minutes|seconds)\s*=\s*(\d+)\s*$")


class ParameterError(ValueError):
    """A `$PARAMETER` expression that cannot be resolved."""


def now_utc() -> dt.datetime:
    """Naive UTC now: lineage timestamps (`_loaded_at`) are naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def is_parameter(value: Any) -> bool:
    return isinstance(value, dict) and "$PARAMETER" in value


def resolve(expression: str, parameters: Mapping[str, Any]) -> Any:
    """Evaluate one `$PARAMETER` expression against the run's parameters."""
    match = _EXPRESSION.match(expression)
    if not match:
        raise ParameterError(f"unsupported $PARAMETER expression: {expression!r}")
    base_name = match.group("base")
    if base_name == "now()":
        base: Any = now_utc()
    elif base_name in parameters:
        base = _as_temporal(parameters[base_name]) if match.group("op") else parameters[base_name]
    else:
        raise ParameterError(f"no value for $PARAMETER {base_name!r} in {expression!r}")
    if not match.group("op"):
        return base
    delta = _timedelta(match.group("args"), expression)
    return base + delta if match.group("op") == "+" else base - delta


def resolve_kwargs(kwargs: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an expectation's kwargs with every `$PARAMETER` replaced by its value."""
    return {
        key: resolve(value["$PARAMETER"], parameters) if is_parameter(value) else value
        for key, value in kwargs.items()
    }


def _timedelta(args: str, expression: str) -> dt.timedelta:
    values: dict[str, int] = {}
    for part in filter(None, (a.strip() for a in args.split(","))):
        match = _TIMEDELTA_ARG.match(part)
        if not match:
            raise ParameterError(f"unsupported timedelta argument {part!r} in {expression!r}")
        values[match.group(1)] = int(match.group(2))
    return dt.timedelta(**values)


def _as_temporal(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise ParameterError(f"parameter value {value!r} is not a date or time") from exc
