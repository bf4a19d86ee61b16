"""Fixtures for the ML tests: small synthetic facts and a warehouse holding them as marts."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from ml_marts import write_marts

from ml.features import Facts
from ml.synthetic import synthetic_facts

AS_OF = dt.date(2025, 9, 30)


@pytest.fixture(scope="session")
def synthetic() -> dict[str, pd.DataFrame]:
    """3,000 customers over three years (~15k orders): enough signal, seconds to fit."""
    return synthetic_facts(3000, seed=7)


@pytest.fixture(scope="session")
def facts(synthetic) -> Facts:
    return Facts(
        synthetic["orders"], synthetic["tickets"], synthetic["sessions"], synthetic["customers"]
    )


@pytest.fixture()
def project(tmp_path, synthetic) -> Path:
    """A project config file and its warehouse with the synthetic marts; returns the config path."""
    warehouse = tmp_path / "var" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    write_marts(warehouse, synthetic)
    config = tmp_path / "portrait.yaml"
    config.write_text(
        "project: ml-test\nwarehouse: var/warehouse.duckdb\nsources: {}\n"
        "params:\n  ml:\n    association: {min_support: 0.002}\n"
        # Small search spaces: these tests check the wiring; quality is tested elsewhere.
        "    churn: {training_as_of_count: 3}\n    clusters: {k_max: 4, n_init: 2}\n",
        encoding="utf-8",
    )
    return config
