"""Fixtures: one small, dirty frame validated by GE's pandas engine and by our DuckDB SQL."""

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from expectations.suite import Suite, parse_suite
from expectations.validate import SuiteRun, validate

FRAME = pd.DataFrame(
    {
        "id": [1, 2, 3, 4, 5, 5, 7, 8],
        "amount": [10.0, 0.0, -3.5, None, 250.0, 99.99, 100.0, 5.0],
        "status": ["completed", "cancelled", "test", None, "completed", "退款", "completed", "x"],
        "phone": [
            "13812345678",
            "1381234567",
            None,
            "+86 13912345678",
            "15900001111",
            "abc",
            "13700000000",
            "13800000001",
        ],
        "a": [1.0, 2.0, None, 4.0, 5.0, 6.0, None, 8.0],
        "b": [1.0, 3.0, None, None, 5.0, 6.0, 7.0, 8.0],
        "c": ["x", "y", "x", "y", "x", "y", "x", "y"],
        "ordered_at": pd.to_datetime(
            [
                "2024-01-03 10:00",
                "2024-02-01 00:00",
                None,
                "2024-03-31 23:59",
                "2023-12-31 08:00",
                "2024-03-01 12:00",
                "2024-01-15 09:30",
                "2024-02-29 18:00",
            ]
        ),
    }
)
AS_OF = dt.date(2024, 3, 31)


def suite_of(expectations: list[dict], table: str = "raw.t", **meta) -> Suite:
    """An in-memory suite over `table`."""
    data = {
        "name": table,
        "meta": {"asset_key": table.split("."), "table": table, **meta},
        "expectations": expectations,
    }
    return parse_suite(data, Path(f"<test {table}>"))


PARAMS = {"as_of_date": AS_OF}


@pytest.fixture
def make_suite():
    """Build an in-memory suite: make_suite([{"type": ..., "kwargs": ...}], "raw.t", **meta)."""
    return suite_of


@pytest.fixture
def run_one(duck):
    """Our SQL path on raw.t: run_one(type, kwargs) -> that expectation's GE-shaped result."""

    def run(kind: str, kwargs: dict, table: str = "raw.t", con=None) -> dict:
        suite = suite_of([{"type": kind, "kwargs": kwargs}], table)
        result: SuiteRun = validate(con or duck, suite, PARAMS)
        return result.results[0]

    return run


@pytest.fixture
def duck(tmp_path: Path):
    """A real DuckDB file holding FRAME as raw.t."""
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    con.execute("create schema raw")
    con.register("frame", FRAME)
    con.execute("create table raw.t as select * from frame")
    con.unregister("frame")
    yield con
    con.close()


@pytest.fixture(scope="session")
def gx_batch():
    """GE 1.24's pandas engine on FRAME (the reference implementation)."""
    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_pandas("reference")
    asset = source.add_dataframe_asset("frame")
    definition = asset.add_batch_definition_whole_dataframe("whole")
    return definition.get_batch(batch_parameters={"dataframe": FRAME})
