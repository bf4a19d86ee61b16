"""Validation results for BI: one row per expectation per run in `quality.dq_results`.

Published to the serving file with the marts, so every value here is already
masked (the validator masks failing values and samples). A re-run of the same
Dagster run (a retry) replaces its own rows instead of adding duplicates.
"""

import datetime as dt
import json
from typing import Any

import duckdb

from expectations.suite import column_of
from expectations.validate import SuiteRun

TABLE = "quality.dq_results"
DDL = f"""
create schema if not exists quality;
create table if not exists {TABLE} (
    run_id varchar not null,        -- the Dagster run (or any caller's run name)
    as_of_date date,                -- the partition's month end
    month varchar,                  -- 'YYYY-MM' of as_of_date, for BI filters
    asset varchar not null,         -- Dagster asset key, 'marts/customer_profiles'
    suite varchar not null,         -- suite file name without .json
    table_name varchar not null,    -- table validated, 'marts.customer_profiles'
    check_name varchar not null,    -- Dagster asset check name
    expectation_type varchar not null,
    column_name varchar,            -- column(s) the expectation is about, comma separated
    severity varchar,               -- critical (can block publishing) / warning / info
    success boolean not null,
    observed_value varchar,         -- JSON: metric value, or '12.5% unexpected'
    element_count bigint,
    unexpected_count bigint,
    unexpected_percent double,
    partial_unexpected_list varchar,  -- JSON, masked
    kwargs varchar,                 -- JSON, with $PARAMETERs resolved
    notes varchar,                  -- why this expectation and its tolerance
    exception_message varchar,
    result_json varchar,            -- GE's ExpectationValidationResult (masked), for Data Docs
    checked_at timestamp            -- UTC
)
"""


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def record(
    con: duckdb.DuckDBPyConnection,
    runs: list[SuiteRun],
    run_id: str,
    as_of_date: dt.date | None,
    checked_at: dt.datetime | None = None,
) -> int:
    """Append the runs' results (replacing this run's earlier rows for the same tables)."""
    ensure_table(con)
    checked_at = checked_at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        _row(run, result, run_id, as_of_date, checked_at) for run in runs for result in run.results
    ]
    con.execute("begin")
    try:
        for run in runs:
            con.execute(
                f"delete from {TABLE} where run_id = ? and suite = ? and table_name = ?",
                [run_id, run.suite.name, run.table],
            )
        if rows:
            placeholders = ", ".join("?" * len(rows[0]))
            con.executemany(f"insert into {TABLE} values ({placeholders})", rows)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return len(rows)


def _row(run: SuiteRun, result: dict, run_id: str, as_of: dt.date | None, at: dt.datetime):
    config, body = result["expectation_config"], result["result"]
    return (
        run_id,
        as_of,
        as_of.strftime("%Y-%m") if as_of else None,
        "/".join(run.suite.asset_key),
        run.suite.name,
        run.table,
        config["meta"].get("check_name"),
        config["type"],
        column_of(config["kwargs"]),
        config.get("severity", "critical"),
        result["success"],
        observed_text(body),
        body.get("element_count"),
        body.get("unexpected_count"),
        body.get("unexpected_percent"),
        _json(body.get("partial_unexpected_list")),
        _json(config["kwargs"]),
        notes_text(config["meta"].get("notes")),
        result["exception_info"].get("exception_message"),
        _json(result),
        at,
    )


def observed_text(result: dict[str, Any]) -> str | None:
    """What was seen, in one short text: GE's observed value, else the unexpected share."""
    if "observed_value" in result:
        return _json(result["observed_value"])
    if result.get("unexpected_percent") is not None:
        return f"{result['unexpected_percent']:.2f}% unexpected"
    return None


def notes_text(notes: Any) -> str | None:
    """GE notes are a string, a list, or {"format": ..., "content": str | list}."""
    if isinstance(notes, dict):
        notes = notes.get("content")
    if isinstance(notes, list):
        return "\n".join(str(n) for n in notes)
    return notes


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)
