"""Fixtures for the code location: a parsed dbt project and a small demo config."""

import pytest

from portrait.runner import prepare_dbt


@pytest.fixture(scope="session")
def dbt_manifest() -> None:
    """dbt's manifest must exist before orchestration.definitions is imported."""
    prepare_dbt()
