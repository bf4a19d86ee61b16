"""The suite files: valid GE suites, aimed at real assets, every tolerance explained."""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from expectations.parameters import ParameterError, is_parameter, resolve
from expectations.suite import SUITES_DIR, SuiteError, load_suite, load_suites
from ml.outputs import TABLES as ML_TABLES
from portrait.extract.entities import RAW_TABLES

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(SUITES_DIR.glob("*.json"))
DBT_VARS = yaml.safe_load((ROOT / "dbt_project" / "dbt_project.yml").read_text())["vars"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_is_a_great_expectations_suite(path: Path):
    import great_expectations as gx

    import expectations.gx_types  # noqa: F401  (registers Portrait's own types)

    data = json.loads(path.read_text(encoding="utf-8"))
    suite = gx.ExpectationSuite(**data)
    assert suite.name == path.stem == data["name"]
    assert len(suite.expectations) == len(data["expectations"])


def test_every_expectation_says_why():
    for suite in load_suites():
        for exp in suite.expectations:
            assert exp.meta.get("notes"), f"{suite.name}: {exp.check_name} has no meta.notes"


def test_suites_aim_at_assets_that_exist():
    models = {p.stem for p in (ROOT / "dbt_project" / "models").rglob("*.sql")}
    for suite in load_suites():
        layer, name = suite.asset_key
        if layer == "raw":
            assert name in RAW_TABLES, suite.name
        elif layer == "ml":
            assert name in ML_TABLES, suite.name
        elif layer == "serving":
            assert suite.table == "*" and suite.database == "serving"
        else:
            assert name in models, suite.name
            assert suite.table == f"{layer}.{name}"


def test_published_marts_are_protected_by_blocking_pii_checks():
    suites = {s.name: s for s in load_suites()}
    for name in ("marts.customer_profiles", "marts.customer_tags", "marts.segment_summary"):
        kinds = {e.type: e for e in suites[name].expectations}
        pii = kinds["expect_table_to_have_no_unmasked_pii"]
        assert suites[name].blocking and pii.severity == "critical"
    assert suites["serving.published"].expectations[0].type == (
        "expect_table_to_have_no_unmasked_pii"
    )


def test_parameters_resolve_like_great_expectations():
    from great_expectations.core.suite_parameters import parse_suite_parameter

    values = {**DBT_VARS, "as_of_date": "2025-10-31"}
    seen = set()
    for suite in load_suites():
        for exp in suite.expectations:
            for value in exp.kwargs.values():
                if is_parameter(value) and "now()" not in value["$PARAMETER"]:
                    seen.add(value["$PARAMETER"])
    assert seen, "the suites use $PARAMETERs"
    for expression in seen:
        ours, theirs = resolve(expression, values), parse_suite_parameter(expression, values)
        if isinstance(ours, dt.date):
            theirs = dt.datetime.fromisoformat(str(theirs))
            ours = dt.datetime.combine(ours, dt.time()) if type(ours) is dt.date else ours
        assert ours == theirs, expression


def test_now_is_utc_and_unknown_parameters_are_named():
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert resolve("now() - timedelta(days=1)", {}) - before < dt.timedelta(days=-0.99)
    with pytest.raises(ParameterError, match="ghost"):
        resolve("ghost - timedelta(days=1)", {})
    with pytest.raises(ParameterError, match="unsupported"):
        resolve("as_of_date * 2", {"as_of_date": "2025-01-31"})


def test_a_bad_suite_file_is_refused_with_file_and_expectation(tmp_path: Path):
    path = tmp_path / "raw.bad.json"
    path.write_text(
        json.dumps(
            {
                "name": "raw.bad",
                "meta": {"asset_key": ["raw", "bad"], "table": "raw.bad"},
                "expectations": [
                    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}},
                    {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "a"}},
                ],
            }
        )
    )
    with pytest.raises(SuiteError, match=r"raw.bad.json: expectations\[1\].*value_set"):
        load_suite(path)
