"""Real dbt runs of the tag models against a throw-away warehouse, in-process.

dbt re-parses the whole project whenever --vars change (every as-of month), which costs
several seconds per run. The harness parses each project directory once and hands the
manifest to later invocations; the as-of date given to each run still reaches the models,
because SQL is compiled at run time. The manifest also fixes the database name, which
dbt-duckdb takes from the file name: every warehouse a project runs on is `warehouse.duckdb`.
"""

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner

REPO = Path(__file__).resolve().parents[2]
DBT_PROJECT = REPO / "dbt_project"

# Everything the tag issue owns: its seeds, the profile and analysis marts and history.
TAG_SELECTION = [
    "path:seeds/tags",
    "path:models/marts/profiles",
    "path:models/marts/analysis",
    "path:models/history",
]
# What a monthly tag refresh needs (the purchase-behaviour marts do not feed it).
PROFILE_SELECTION = [path for path in TAG_SELECTION if path != "path:models/marts/analysis"]


class DbtRunFailed(AssertionError):
    """A dbt invocation failed; the message lists the failing nodes."""


@dataclass
class DbtProject:
    """One dbt project directory, parsed once, run against any warehouse and as-of date."""

    project_dir: Path
    work_dir: Path
    _manifest: object = field(default=None, repr=False)

    @classmethod
    def copy_of_repo_project(cls, work_dir: Path) -> "DbtProject":
        """A private copy of dbt_project/, so a test may edit its seeds."""
        target = work_dir / "dbt_project"
        shutil.copytree(
            DBT_PROJECT, target, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages")
        )
        return cls(target, work_dir)

    def _args(self, command: str, as_of: str) -> list[str]:
        return [
            command,
            "--project-dir", str(self.project_dir),
            "--profiles-dir", str(self.project_dir),
            "--target-path", str(self.work_dir / "target"),
            "--log-path", str(self.work_dir / "logs"),
            "--vars", json.dumps({"as_of_date": as_of}),
            "--quiet",
        ]  # fmt: skip

    def invoke(self, warehouse: Path, as_of: str, command: str, *extra: str):
        """Run one dbt command with PORTRAIT_WAREHOUSE pointing at `warehouse`."""
        previous = os.environ.get("PORTRAIT_WAREHOUSE")
        os.environ["PORTRAIT_WAREHOUSE"] = str(warehouse)
        try:
            if self._manifest is None:
                parsed = dbtRunner().invoke(self._args("parse", as_of))
                if not parsed.success:
                    raise DbtRunFailed(f"dbt parse failed: {parsed.exception}")
                self._manifest = parsed.result
            runner = dbtRunner(manifest=self._manifest)
            result = runner.invoke([*self._args(command, as_of), *extra])
        finally:
            _release_warehouse()
            if previous is None:
                os.environ.pop("PORTRAIT_WAREHOUSE", None)
            else:
                os.environ["PORTRAIT_WAREHOUSE"] = previous
        if not result.success:
            raise DbtRunFailed(_failure_report(command, as_of, result))
        return result

    def build(self, warehouse: Path, as_of: str):
        """Seeds, models, data tests and unit tests of the tag issue."""
        return self.invoke(warehouse, as_of, "build", "--select", *TAG_SELECTION)

    def run_month(self, warehouse: Path, as_of: str):
        """Tag seeds and profile / history models only: a monthly refresh without the tests."""
        return self.invoke(
            warehouse, as_of, "build", "--select", *PROFILE_SELECTION,
            "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test",
        )  # fmt: skip


def _release_warehouse() -> None:
    """Close dbt-duckdb's process-wide connection, which outlives an in-process invocation.

    DuckDB lets one process hold a file either read-write or read-only; the tests read the
    warehouse (read-only) and copy it between runs, so dbt must let go of it first.
    """
    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    if environment is not None:
        environment.close()


def _failure_report(command: str, as_of: str, result) -> str:
    lines = [f"dbt {command} as of {as_of} failed"]
    if result.exception is not None:
        lines.append(str(result.exception))
    for node_result in getattr(result.result, "results", None) or []:
        if str(node_result.status) not in ("success", "pass"):
            node = node_result.node.unique_id
            lines.append(f"{node}: {node_result.status} {node_result.message}")
    return "\n".join(lines)


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a read-only query, the connection closed at once (dbt needs the write lock)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
