"""The only place resources are built: the warehouse, the project config and dbt."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from portrait.config import DEFAULT_WAREHOUSE, Project, load_project
from portrait.runner import DBT_PROJECT_DIR


class Warehouse(dg.ConfigurableResource):
    """The pipeline's read-write DuckDB file.

    Connections are short-lived on purpose: DuckDB allows one writer process,
    and dbt runs as a separate process between our Python steps.
    """

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the warehouse, yield the connection, always close it."""
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()


class ProjectConfig(dg.ConfigurableResource):
    """The project config file (sources, warehouse, parameter overrides)."""

    path: str

    def load(self) -> Project:
        """Parse the config file; raises ConfigError naming the file and field."""
        return load_project(Path(self.path))


def config_path() -> Path:
    """The project config in use: $PORTRAIT_CONFIG, else ./portrait.yaml, else the demo's."""
    if os.environ.get("PORTRAIT_CONFIG"):
        return Path(os.environ["PORTRAIT_CONFIG"]).resolve()
    local = Path("portrait.yaml")
    return (local if local.exists() else Path("demo_data/portrait.yaml")).resolve()


def build_resources() -> dict[str, Any]:
    """Resources for the code location, pointed at the config file's warehouse.

    Reading the YAML here is cheap and touches no database; a missing config
    (a fresh clone before `make demo`) falls back to the default warehouse path
    so the UI still loads and shows what to do.
    """
    path = config_path()
    warehouse = load_project(path).warehouse if path.exists() else DEFAULT_WAREHOUSE.resolve()
    return {
        "warehouse": Warehouse(path=str(warehouse)),
        "project_config": ProjectConfig(path=str(path)),
        "dbt": DbtCliResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            dbt_executable=str(Path(sys.executable).with_name("dbt")),
        ),
    }
