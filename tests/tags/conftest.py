"""Fixtures: the repository's dbt project (parsed once) and warehouses built from the fixture."""

import shutil
from pathlib import Path

import pytest
from dbt_harness import DBT_PROJECT, DbtProject
from fixture_warehouse import AS_OF, build_fixture


@pytest.fixture(scope="session")
def dbt_project(tmp_path_factory) -> DbtProject:
    """The repository's dbt project, run with target and logs in a temporary folder."""
    return DbtProject(DBT_PROJECT, tmp_path_factory.mktemp("dbt_work"))


@pytest.fixture(scope="session")
def october(dbt_project, tmp_path_factory) -> Path:
    """The fixture warehouse after a full `dbt build` (tests included) as of 2025-10-31.

    Read-only for tests: copy it (see `warehouse_copy`) before running dbt again.
    """
    warehouse = build_fixture(tmp_path_factory.mktemp("october") / "warehouse.duckdb")
    dbt_project.build(warehouse, AS_OF)
    return warehouse


@pytest.fixture
def warehouse_copy(october, tmp_path) -> Path:
    """A private copy of the built October warehouse."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(october, copy)
    return copy
