"""Running the graph in-process (no server) and summarizing a run for people."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from portrait.config import Project

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"


LOG_LEVEL = os.environ.get("PORTRAIT_LOG_LEVEL", "WARNING")


class RunFailedError(RuntimeError):
    """The monthly refresh did not succeed; the message lists the failed steps."""


def prepare_dbt() -> None:
    """Write dbt's manifest, which the code location reads to build the dbt assets."""
    dbt = Path(sys.executable).with_name("dbt")
    subprocess.run(
        [
            str(dbt),
            "parse",
            "--quiet",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
        ],
        check=True,
    )


def run_month(month: str, full_refresh: bool = False) -> None:
    """Materialize the whole graph for one as-of month in this process.

    The run is recorded in $DAGSTER_HOME, so it shows up in the UI afterwards.
    """
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.partitions import partition_key_for_month

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    run_config = {
        "ops": {"raw_sources": {"config": {"full_refresh": full_refresh}}},
        # Step-by-step logs go to the run's record (see them in the UI); the terminal gets
        # warnings and the summary. PORTRAIT_LOG_LEVEL=DEBUG shows everything.
        "loggers": {"console": {"config": {"log_level": LOG_LEVEL}}},
    }
    print(f"portrait: refreshing {month} (extract, dbt, ML, checks, publish)...", flush=True)
    result = defs.resolve_job_def("monthly_refresh").execute_in_process(
        partition_key=partition_key_for_month(month),
        instance=instance,
        run_config=run_config,
        raise_on_error=False,
    )
    if not result.success:
        failed = [event.step_key for event in result.all_events if event.is_step_failure]
        raise RunFailedError(f"monthly refresh for {month} failed in steps: {failed}")


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int | None:
    try:
        return con.execute(sql).fetchone()[0]
    except duckdb.Error:
        return None


def summarize(project: Project, month: str) -> str:
    """A short, human summary of the warehouse after a run."""
    con = duckdb.connect(str(project.warehouse), read_only=True)
    try:
        names = con.execute(
            "select table_name from duckdb_tables() "
            "where schema_name = 'raw' and not starts_with(table_name, '_') order by 1"
        ).fetchall()
        # Counted, not duckdb_tables().estimated_size: that still includes rows an
        # incremental merge replaced, so a re-run would seem to add rows.
        raw = [(name, _count(con, f'select count(*) from raw."{name}"')) for (name,) in names]
        golden = _count(con, "select count(*) from marts.customer_profiles")
        segments = con.execute(
            "select rfm_segment, count(*) from marts.customer_profiles group by 1 order by 2 desc"
        ).fetchall()
    finally:
        con.close()
    lines = [f"Portrait: as of the end of {month}", "source rows (raw):"]
    lines += [f"  {name:<20} {rows:>10,}" for name, rows in raw]
    lines.append(f"golden customers: {golden:,}" if golden is not None else "golden customers: -")
    lines.append("RFM segments:")
    lines += [f"  {name or '未知':<22} {count:>8,}" for name, count in segments]
    lines += [
        f"warehouse (pipeline only): {project.warehouse}",
        f"serving file for BI (read-only): {project.serving}",
        f"UI: portrait ui --config {project.path}  ->  http://127.0.0.1:3000",
    ]
    return "\n".join(lines)
