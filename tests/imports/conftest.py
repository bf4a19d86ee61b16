"""Fixtures for import tests: a real DuckDB warehouse that already knows two CRM customers."""

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from import_corpus import KNOWN_CUSTOMERS

from portrait.extract import ensure_raw_tables


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    ensure_raw_tables(connection)
    for customer_id in KNOWN_CUSTOMERS:
        connection.execute(
            "insert into raw.customers (customer_id, _source_name) values (?, 'crm')",
            [customer_id],
        )
    yield connection
    connection.close()
