"""Run a suite against a DuckDB table and return GE-shaped validation results.

One pass over the table computes every aggregate of every expectation; the few
standalone queries (uniqueness, other tables, drift) follow. A broken
expectation (missing column, bad regex) fails alone with its error in
`exception_info`, the others still run. Failing values and sample rows are
masked before they leave this module: results go to Dagster, `quality.dq_results`
and Data Docs, all of which people read.
"""

import time
from dataclasses import dataclass
from typing import Any

import duckdb

from expectations.compiler import compile_expectation
from expectations.evr import error_result, evaluated_result
from expectations.parameters import resolve_kwargs
from expectations.plan import Batch, Plan
from expectations.samples import unexpected_values
from expectations.sql import literal, quote, table_ref
from expectations.suite import Suite


@dataclass(frozen=True)
class SuiteRun:
    """The results of one suite over one table, in suite order."""

    suite: Suite
    table: str
    parameters: dict[str, Any]
    results: list[dict[str, Any]]
    seconds: float

    @property
    def success(self) -> bool:
        return all(r["success"] for r in self.results)


def table_schema(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column -> DuckDB type of a table or view; KeyError when it does not exist."""
    schema_name, _, name = table.rpartition(".")
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = "
        "current_database() and schema_name = ? and table_name = ? order by column_index",
        [schema_name or "main", name],
    ).fetchall()
    if not rows:
        raise KeyError(f"table {table} not found")
    return dict(rows)


def database_tables(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Every `schema.table` (and view) of the current database, lower case."""
    rows = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where database_name = current_database() union all "
        "select schema_name || '.' || view_name from duckdb_views() "
        "where database_name = current_database() and not internal"
    ).fetchall()
    return frozenset(name.lower() for (name,) in rows)


def validate(
    con: duckdb.DuckDBPyConnection,
    suite: Suite,
    parameters: dict[str, Any],
    table: str | None = None,
) -> SuiteRun:
    """Validate `table` (default: the suite's) and return every expectation's result."""
    started = time.perf_counter()
    table = table or suite.table
    try:
        source = _batch_source(table, suite.batch, parameters)
        batch = Batch(source, table_schema(con, table), database_tables(con))
    except (KeyError, ValueError) as exc:
        results = [error_result(exp, exc) for exp in suite.expectations]
        return SuiteRun(suite, table, parameters, results, time.perf_counter() - started)
    plans: dict[int, Plan] = {}
    errors: dict[int, BaseException] = {}
    for index, exp in enumerate(suite.expectations):
        try:
            kwargs = resolve_kwargs(exp.kwargs, parameters)
            plans[index] = compile_expectation(exp.type, kwargs, batch)
        except Exception as exc:  # noqa: BLE001 - reported as that expectation's failure
            errors[index] = exc
    metrics = _measure(con, batch, plans, errors)
    results = []
    for index, exp in enumerate(suite.expectations):
        if index in errors:
            results.append(error_result(exp, errors[index]))
            continue
        try:
            results.append(_judge(con, batch, suite, exp, plans[index], metrics[index], parameters))
        except duckdb.Error as exc:  # a followup or sample query failed: this one fails alone
            results.append(error_result(exp, exc))
    return SuiteRun(suite, table, parameters, results, time.perf_counter() - started)


def failed_run(suite: Suite, table: str, error: BaseException) -> SuiteRun:
    """Every expectation failed for one reason (e.g. the database file does not exist)."""
    return SuiteRun(suite, table, {}, [error_result(exp, error) for exp in suite.expectations], 0.0)


def _batch_source(table: str, batch: dict | None, parameters: dict[str, Any]) -> str:
    """The table, or only its rows of this batch (e.g. this as-of month of a history table)."""
    if not batch:
        return table_ref(table)
    value = resolve_kwargs({"value": batch["value"]}, parameters)["value"]
    return f"(select * from {table_ref(table)} where {quote(batch['column'])} = {literal(value)})"


def _measure(con, batch: Batch, plans: dict[int, Plan], errors: dict) -> dict[int, dict]:
    """Every plan's metrics: one shared pass for aggregates, then the standalone queries."""
    metrics = {index: {} for index in plans}
    try:
        _aggregate(con, batch, plans, metrics)
    except duckdb.Error:  # isolate the expectation(s) whose SQL fails; the rest still count
        for index, plan in list(plans.items()):
            try:
                _aggregate(con, batch, {index: plan}, metrics)
            except duckdb.Error as exc:
                errors[index] = exc
    for index, plan in plans.items():
        if index in errors:
            continue
        try:
            for name, sql in plan.queries.items():
                metrics[index][name] = con.execute(sql).fetchall()
        except duckdb.Error as exc:
            errors[index] = exc
    return metrics


def _aggregate(con, batch: Batch, plans: dict[int, Plan], metrics: dict[int, dict]) -> None:
    aliases: dict[str, str] = {}
    for plan in plans.values():
        for sql in plan.aggregates.values():
            aliases.setdefault(sql, f"m{len(aliases)}")
    if not aliases:
        return
    select = ", ".join(f"{sql} as {alias}" for sql, alias in aliases.items())
    row = con.execute(f"select {select} from {batch.table} as t").fetchone()
    values = dict(zip(aliases.values(), row, strict=True))
    for index, plan in plans.items():
        metrics[index].update({n: values[aliases[sql]] for n, sql in plan.aggregates.items()})


def _judge(con, batch, suite, exp, plan, metrics, parameters) -> dict[str, Any]:
    if plan.needs_followups and plan.needs_followups(metrics):
        for name, sql in plan.followups.items():
            metrics[name] = con.execute(sql).fetchall()
    success, result = plan.judge(metrics)
    if not success and plan.unexpected and result.get("unexpected_count", 1):
        result.update(unexpected_values(con, batch, suite.sample_columns, plan))
    return evaluated_result(exp, success, result, parameters)
