"""The adapter: suites become Dagster checks; a failing blocking check stops downstream assets."""

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from expectations.suite import load_suites
from orchestration.checks import build_quality_checks, quality_checks, suite_check
from orchestration.resources import ProjectConfig, Warehouse

PARTITIONS = dg.MonthlyPartitionsDefinition(start_date="2024-01-01")


def test_every_suite_file_becomes_one_multi_check():
    suites = load_suites()
    assert len(quality_checks) == len(suites) > 0
    names = {(s.asset_key, e.check_name) for s in suites for e in s.expectations}
    specs = [spec for checks in quality_checks for spec in checks.check_specs]
    assert len(specs) == len(names)


def test_definitions_load_with_the_checks_on_their_assets(tmp_path: Path):
    keys = {dg.AssetKey(list(s.asset_key)) for s in load_suites()}
    stubs = [dg.AssetSpec(key) for key in keys]
    resources = {
        "warehouse": Warehouse(path=str(tmp_path / "warehouse.duckdb")),
        "project_config": ProjectConfig(path=str(tmp_path / "portrait.yaml")),
    }
    defs = dg.Definitions(assets=stubs, asset_checks=quality_checks, resources=resources)
    graph = defs.resolve_asset_graph()
    assert graph.asset_check_keys == {s.key for c in quality_checks for s in c.check_specs}


def test_only_suites_of_existing_assets_are_built():
    checks = build_quality_checks(asset_keys={dg.AssetKey(["raw", "orders"])})
    assert len(checks) == 1
    assert {s.asset_key for s in checks[0].check_specs} == {dg.AssetKey(["raw", "orders"])}


def test_blocking_only_for_critical_expectations_of_blocking_suites():
    for checks in quality_checks:
        for spec in checks.check_specs:
            suite = next(
                s for s in load_suites() if dg.AssetKey(list(s.asset_key)) == spec.asset_key
            )
            exp = next(e for e in suite.expectations if e.check_name == spec.name)
            assert spec.blocking == (suite.blocking and exp.severity == "critical")


@pytest.fixture
def bad_batch(tmp_path: Path, make_suite):
    """A partitioned raw asset writing a bad phone and a negative amount, its suite, a consumer."""
    warehouse = tmp_path / "var" / "warehouse.duckdb"

    @dg.asset(key=["raw", "t"], partitions_def=PARTITIONS)
    def raw_t(warehouse: Warehouse) -> None:
        with warehouse.connect() as con:
            con.execute("create schema if not exists raw")
            con.execute(
                "create or replace table raw.t as select * from (values "
                "('1', '13812345678', 10.0), ('2', '13912345678', -5.0), ('3', '1381234567', 7.0)"
                ") as v(id, phone, amount)"
            )

    @dg.asset(key=["serving", "published"], deps=[raw_t], partitions_def=PARTITIONS)
    def published() -> None:
        pass

    suite = make_suite(
        [
            {
                "type": "expect_column_values_to_be_between",
                "kwargs": {"column": "amount", "min_value": 0},
            },
            {
                "type": "expect_column_values_to_match_regex",
                "kwargs": {"column": "phone", "regex": r"^1[3-9]\d{9}$"},
                "severity": "warning",
            },
            {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}},
        ],
        blocking=True,
        sample_columns=["id"],
    )
    resources = {
        "warehouse": Warehouse(path=str(warehouse)),
        "project_config": ProjectConfig(path=str(tmp_path / "absent.yaml")),
    }
    return raw_t, published, suite_check(suite), resources, warehouse


def test_a_failing_blocking_check_stops_downstream_and_names_the_failure(bad_batch):
    raw_t, published, check, resources, warehouse = bad_batch
    result = dg.materialize(
        [raw_t, published, check],
        partition_key="2024-03-01",
        resources=resources,
        raise_on_error=False,
    )
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    amount = evaluations["column_values_to_be_between__amount"]
    assert not amount.passed and amount.severity == dg.AssetCheckSeverity.ERROR
    assert amount.metadata["failed_expectation"].value == "expect_column_values_to_be_between"
    assert amount.metadata["unexpected_count"].value == 1
    assert "| 2 | -5.0 |" in amount.metadata["sample"].value
    phone = evaluations["column_values_to_match_regex__phone"]
    assert not phone.passed and phone.severity == dg.AssetCheckSeverity.WARN
    assert phone.metadata["partial_unexpected_list"].value == ["138****4567"]
    assert "1381234567" not in json.dumps({k: str(v.value) for k, v in phone.metadata.items()})
    assert evaluations["table_row_count_to_be_between"].passed
    assert not result.asset_materializations_for_node("published")


def test_results_are_recorded_for_bi_and_data_docs_built(bad_batch):
    raw_t, published, check, resources, warehouse = bad_batch
    dg.materialize(
        [raw_t, published, check],
        partition_key="2024-03-01",
        resources=resources,
        raise_on_error=False,
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select check_name, as_of_date::varchar, month, asset, success, unexpected_count "
            "from quality.dq_results order by check_name"
        ).fetchall()
    assert rows == [
        ("column_values_to_be_between__amount", "2024-03-31", "2024-03", "raw/t", False, 1),
        ("column_values_to_match_regex__phone", "2024-03-31", "2024-03", "raw/t", False, 1),
        ("table_row_count_to_be_between", "2024-03-31", "2024-03", "raw/t", True, None),
    ]
    index = warehouse.parent / "data_docs" / "index.html"
    assert "raw.t" in index.read_text(encoding="utf-8")
    page = (warehouse.parent / "data_docs" / "validations" / "raw.t.html").read_text()
    assert "1381234567" not in page and "138****4567" in page


def test_every_table_of_the_serving_file_is_scanned_for_pii(tmp_path: Path):
    warehouse = tmp_path / "var" / "warehouse.duckdb"
    serving = tmp_path / "var" / "serving" / "portrait.duckdb"  # beside the warehouse by default
    serving.parent.mkdir(parents=True)
    with duckdb.connect(str(serving)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.ok as select '张*' as name_masked, '上海市' as city")
        con.execute(
            "create table marts.leak as select 'C1' as customer_id, '请拨13812345678' as note"
        )

    @dg.asset(key=["serving", "published"])
    def published() -> None:
        pass

    (check,) = build_quality_checks(asset_keys={dg.AssetKey(["serving", "published"])})
    resources = {
        "warehouse": Warehouse(path=str(warehouse)),
        "project_config": ProjectConfig(path=str(tmp_path / "absent.yaml")),
    }
    result = dg.materialize([published, check], resources=resources, raise_on_error=False)
    (evaluation,) = result.get_asset_check_evaluations()
    assert not evaluation.passed
    assert evaluation.metadata["tables_failed"].value == ["marts.leak"]
    assert "138****5678" in evaluation.metadata["sample"].value
    assert "13812345678" not in evaluation.metadata["sample"].value
