"""Run one suite for a check: validate, record in quality.dq_results, refresh Data Docs."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import yaml

from expectations.docs import build_data_docs
from expectations.results import notes_text, observed_text, record
from expectations.suite import Expectation, Suite
from expectations.validate import SuiteRun, failed_run, validate
from orchestration.checks.metadata import check_metadata
from orchestration.partitions import last_complete_month, month_end
from orchestration.resources import DBT_PROJECT_DIR, ProjectConfig, Warehouse
from portrait.config import ConfigError, Project

SEVERITY = {"critical": dg.AssetCheckSeverity.ERROR}


@dataclass(frozen=True)
class Outcome:
    """What one expectation's check reports."""

    check_name: str
    passed: bool
    severity: dg.AssetCheckSeverity
    metadata: dict[str, Any]


def partition_as_of(context: dg.AssetCheckExecutionContext) -> dt.date:
    """The run's as-of date: its partition's month end, else the last complete month's."""
    if context.has_partition_key:
        return month_end(context.partition_key)
    return month_end(last_complete_month())


def run_suite(
    context: dg.AssetCheckExecutionContext,
    suite: Suite,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> list[Outcome]:
    """Validate the suite's table(s), store the results and return one outcome per expectation."""
    as_of = partition_as_of(context)
    project = _project(project_config)
    serving, var_dir = _paths(warehouse, project)
    runs = _validate(suite, warehouse, serving, suite_parameters(as_of, project))
    with warehouse.connect() as con:  # the writer lock only as long as the insert takes
        record(con, runs, context.run.run_id, as_of)
    try:
        with warehouse.connect(read_only=True) as con:
            build_data_docs(con, var_dir / "data_docs", suites={suite.name})
    except Exception as exc:  # noqa: BLE001 - docs are a convenience, the check still counts
        context.log.warning(f"Data Docs not refreshed for {suite.name}: {exc}")
    failed = sum(not r["success"] for run in runs for r in run.results)
    context.log.info(f"{suite.name}: {failed} failed expectation result(s), as of {as_of}")
    return [
        _outcome(exp, [(run.table, run.results[i]) for run in runs])
        for i, exp in enumerate(suite.expectations)
    ]


def suite_parameters(as_of: dt.date, project: Project | None) -> dict[str, Any]:
    """`$PARAMETER` values: the dbt vars (defaults, then the config's overrides) and as_of_date.

    Suites reuse the analyst's thresholds (e.g. `age_min_years`) instead of copying them.
    """
    config = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    overrides = (project.params.get("dbt") or {}) if project else {}
    return {**(config.get("vars") or {}), **overrides, "as_of_date": as_of}


def _project(project_config: ProjectConfig) -> Project | None:
    try:
        return project_config.load()
    except ConfigError:  # no config yet (a fresh clone): the warehouse is still usable
        return None


def _paths(warehouse: Warehouse, project: Project | None) -> tuple[Path, Path]:
    """The serving file and the var folder, from the config; beside the warehouse without one."""
    if project is not None:
        return project.serving, project.var_dir
    var_dir = Path(warehouse.path).parent
    return var_dir / "serving" / "portrait.duckdb", var_dir


def _validate(suite: Suite, warehouse: Warehouse, serving: Path, params: dict) -> list[SuiteRun]:
    if suite.database == "serving":
        if not serving.exists():
            return [failed_run(suite, suite.table, FileNotFoundError(f"{serving} not found"))]
        con = duckdb.connect(str(serving), read_only=True)
        try:
            return _validate_tables(con, suite, params)
        finally:
            con.close()
    with warehouse.connect(read_only=True) as con:
        return _validate_tables(con, suite, params)


def _validate_tables(con, suite: Suite, params: dict) -> list[SuiteRun]:
    if suite.table != "*":
        return [validate(con, suite, params)]
    tables = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where database_name = current_database() order by 1"
    ).fetchall()
    return [validate(con, suite, params, table) for (table,) in tables]


def _outcome(exp: Expectation, results: list[tuple[str, dict]]) -> Outcome:
    passed = all(result["success"] for _, result in results)
    metadata = check_metadata(exp, results)
    if len(results) == 1:
        observed = observed_text(results[0][1]["result"])
        if observed is not None:
            metadata["observed_value"] = dg.MetadataValue.text(observed)
    notes = notes_text(exp.meta.get("notes"))
    if notes:
        metadata["notes"] = dg.MetadataValue.md(notes)
    severity = SEVERITY.get(exp.severity, dg.AssetCheckSeverity.WARN)
    return Outcome(exp.check_name, passed, severity, metadata)
