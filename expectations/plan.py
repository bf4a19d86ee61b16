"""What a compiled expectation is: SQL to run and a judge that reads GE's result from it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from expectations.sql import within

Metrics = dict[str, Any]
Judgement = tuple[bool, dict[str, Any]]


@dataclass(frozen=True)
class Batch:
    """What an expectation is compiled against: a table, its column types, its database."""

    table: str  # quoted, e.g. "raw"."orders"
    schema: dict[str, str]
    tables: frozenset[str] = frozenset()  # every `schema.table` of the database, lower case


@dataclass(frozen=True)
class Plan:
    """How to evaluate one expectation.

    `aggregates` join the shared single pass over the table; `queries` run alone
    and their rows (`fetchall()`) reach `judge` under their name; `unexpected` is a
    predicate selecting the failing rows for samples, `values` the columns whose
    values make up GE's `partial_unexpected_list`, `sensitive` the columns whose
    failing values are personal data and are masked whole. `followups` run before
    the judge only when `needs_followups(metrics)` says the cheap metrics were not
    enough (an exact count after a fast check failed).
    """

    judge: Callable[[Metrics], Judgement]
    aggregates: dict[str, str] = field(default_factory=dict)
    queries: dict[str, str] = field(default_factory=dict)
    unexpected: str | None = None
    values: tuple[str, ...] = ()
    sensitive: frozenset[str] = frozenset()  # columns whose failing values are personal data
    followups: dict[str, str] = field(default_factory=dict)
    needs_followups: Callable[[Metrics], bool] | None = None


Compiler = Callable[[dict[str, Any], Batch], Plan]
COMPILERS: dict[str, Compiler] = {}
REQUIRED: dict[str, tuple[str, ...]] = {}


def register(kind: str, *required: str) -> Callable[[Compiler], Compiler]:
    """Declare the compiler of an expectation type and the kwargs it cannot do without."""

    def decorate(fn: Compiler) -> Compiler:
        COMPILERS[kind] = fn
        REQUIRED[kind] = required
        return fn

    return decorate


def map_result(total: int, nonnull: int | None, unexpected: int) -> dict[str, Any]:
    """GE's SUMMARY result of a map expectation, before the value lists are added."""
    considered = total if nonnull is None else nonnull
    pct = unexpected / considered * 100 if considered else None
    result: dict[str, Any] = {
        "element_count": total,
        "unexpected_count": unexpected,
        "unexpected_percent": pct,
    }
    if nonnull is not None:
        result["missing_count"] = total - nonnull
        result["missing_percent"] = (total - nonnull) / total * 100 if total else None
        result["unexpected_percent_total"] = unexpected / total * 100 if total else None
        result["unexpected_percent_nonmissing"] = pct
    return result


def map_plan(
    kwargs: dict[str, Any],
    predicate: str,
    considered: str,
    values: tuple[str, ...],
    *,
    nulls_count: bool = False,
    unexpected_query: str | None = None,
) -> Plan:
    """A row-wise expectation: `predicate` marks an unexpected row among `considered` rows.

    Counts use `count(*) filter (...)`: DuckDB's count_if is NULL when every input is.
    GE judges `mostly` over the considered rows (non-null ones; every row for
    not_null) and succeeds vacuously when there are none. Uniqueness cannot be
    an aggregate of one row, so it passes its count as `unexpected_query`.
    """
    mostly = kwargs.get("mostly", 1.0)
    aggregates = {"total": "count(*)", "considered": f"count(*) filter (where {considered})"}
    queries = {}
    if unexpected_query is None:
        aggregates["unexpected"] = f"count(*) filter (where ({considered}) and ({predicate}))"
    else:
        queries["unexpected"] = unexpected_query

    def judge(m: Metrics) -> Judgement:
        unexpected = m["unexpected"][0][0] if unexpected_query else m["unexpected"]
        unexpected = int(unexpected or 0)
        total, kept = m["total"], m["considered"]
        success = kept == 0 or (kept - unexpected) / kept >= mostly
        return success, map_result(total, None if nulls_count else kept, unexpected)

    return Plan(judge, aggregates, queries, f"({considered}) and ({predicate})", values)


def metric_plan(
    kwargs: dict[str, Any], aggregate: str, observed: Callable[[Any], Any] | None = None
) -> Plan:
    """An aggregate expectation: one metric compared with min_value / max_value."""

    def judge(m: Metrics) -> Judgement:
        value = observed(m["value"]) if observed else m["value"]
        return within(value, kwargs), {"observed_value": value}

    return Plan(judge, {"value": aggregate})
