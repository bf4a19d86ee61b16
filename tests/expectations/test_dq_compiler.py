"""SQL-only behaviour of the compiler: types, other tables, raw text, drift, one-per-entity."""

import datetime as dt

import pytest

from expectations.validate import validate


@pytest.fixture
def raw_text(duck):
    """Raw-layer style: everything VARCHAR, as the source gave it."""
    duck.execute(
        "create table raw.people as select * from (values "
        "('1', ' 25 ', 'M'), ('2', '200', '3'), ('3', 'abc', 'F'), ('4', null, null), "
        "('5', '', 'M')) as v(id, age, gender)"
    )
    return duck


def test_type_expectations_use_duckdb_type_names(run_one):
    assert run_one("expect_column_values_to_be_of_type", {"column": "amount", "type_": "DOUBLE"})[
        "success"
    ]
    result = run_one("expect_column_values_to_be_of_type", {"column": "id", "type_": "VARCHAR"})
    assert not result["success"] and result["result"]["observed_value"] == "BIGINT"
    in_list = {"column": "ordered_at", "type_list": ["DATE", "timestamp"]}
    assert run_one("expect_column_values_to_be_in_type_list", in_list)["success"]


def test_row_count_reconciles_with_another_table(duck, run_one):
    duck.execute("create table raw.copy as select * from raw.t")
    assert run_one("expect_table_row_count_to_equal_other_table", {"other_table_name": "raw.copy"})[
        "success"
    ]
    duck.execute("delete from raw.copy where id = 5")
    result = run_one(
        "expect_table_row_count_to_equal_other_table", {"other_table_name": "raw.copy"}
    )
    assert not result["success"]
    assert result["result"]["observed_value"] == {"self": 8, "other": 6}


def test_numeric_range_on_raw_text_counts_non_numbers_as_out_of_range(raw_text, run_one):
    """GE cannot compare text with numbers; we cast, count blanks as missing, garbage as out."""
    result = run_one(
        "expect_column_values_to_be_between",
        {"column": "age", "min_value": 0, "max_value": 150},
        table="raw.people",
    )
    assert result["result"]["unexpected_count"] == 2  # '200' and 'abc'; '' is missing
    assert result["result"]["missing_count"] == 2  # null and ''
    assert sorted(result["result"]["partial_unexpected_list"]) == ["200", "abc"]


def test_numeric_set_members_compare_as_text_on_a_text_column(raw_text, run_one):
    kwargs = {"column": "gender", "value_set": ["M", "F", 3]}
    assert run_one("expect_column_values_to_be_in_set", kwargs, table="raw.people")["success"]


def test_freshness_against_a_parameter(run_one):
    fresh = {"column": "ordered_at", "min_value": {"$PARAMETER": "as_of_date - timedelta(days=1)"}}
    assert run_one("expect_column_max_to_be_between", fresh)["success"]  # max = 2024-03-31 23:59
    stale = {"column": "ordered_at", "min_value": {"$PARAMETER": "as_of_date + timedelta(days=1)"}}
    result = run_one("expect_column_max_to_be_between", stale)
    assert not result["success"]
    assert result["expectation_config"]["kwargs"]["min_value"] == "2024-04-01"


def test_a_broken_expectation_fails_alone(duck, make_suite):
    suite = make_suite(
        [
            {
                "type": "expect_column_values_to_match_regex",
                "kwargs": {"column": "c", "regex": "(?=x)"},
            },
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "ghost"}},
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}},
        ]
    )
    lookahead, ghost, fine = validate(duck, suite, {}).results
    assert lookahead["exception_info"]["raised_exception"] and not lookahead["success"]
    assert "ghost" in ghost["exception_info"]["exception_message"] and not ghost["success"]
    assert fine["success"] and not fine["exception_info"]["raised_exception"]


def test_a_missing_table_fails_every_expectation(duck, make_suite):
    suite = make_suite([{"type": "expect_table_row_count_to_be_between", "kwargs": {}}], "raw.nope")
    (result,) = validate(duck, suite, {}).results
    assert not result["success"]
    assert "raw.nope not found" in result["exception_info"]["exception_message"]


@pytest.fixture
def history(duck):
    """Two earlier months and the current one; the current month's churn share doubles."""
    duck.execute("create schema history")
    rows = []
    for month, high, champions in (
        ("2024-01-31", 10, 40),
        ("2024-02-29", 10, 40),
        ("2024-03-31", 20, 52),
    ):
        for i in range(100):
            segment = "champions" if i < champions else "other"
            rows.append(f"(date '{month}', 'C{i}', '{segment}', '{'high' if i < high else 'low'}')")
    duck.execute(
        "create table history.p as select * from (values "
        + ", ".join(rows)
        + ") as v(as_of_date, customer_id, segment, churn)"
    )
    return duck


DRIFT = {"history_table": "history.p", "period_column": "as_of_date"}


def test_a_segment_moving_more_than_the_tolerance_fails(history, run_one):
    kwargs = {"column": "segment", "as_of_date": "2024-03-31", **DRIFT}
    moved = run_one(
        "expect_column_value_shares_to_be_stable", {**kwargs, "max_point_change": 10}, "history.p"
    )
    assert not moved["success"] and moved["result"]["observed_value"] == 12.0
    assert moved["result"]["partial_unexpected_list"] == ["champions", "other"]
    assert moved["result"]["details"]["previous_period"] == "2024-02-29"
    calm = run_one(
        "expect_column_value_shares_to_be_stable", {**kwargs, "max_point_change": 12}, "history.p"
    )
    assert calm["success"]


def test_churn_share_doubling_fails_and_the_first_month_passes(history, run_one):
    kwargs = {"column": "churn", "value": "high", "max_ratio": 2, **DRIFT}
    doubled = run_one(
        "expect_column_value_share_growth_to_be_below",
        {**kwargs, "as_of_date": "2024-03-31"},
        "history.p",
    )
    assert not doubled["success"] and doubled["result"]["observed_value"] == 2.0
    steady = run_one(
        "expect_column_value_share_growth_to_be_below",
        {**kwargs, "as_of_date": "2024-02-29"},
        "history.p",
    )
    assert steady["success"] and steady["result"]["observed_value"] == 1.0
    first = run_one(
        "expect_column_value_share_growth_to_be_below",
        {**kwargs, "as_of_date": "2024-01-31"},
        "history.p",
    )
    assert first["success"] and first["result"]["details"]["note"] == "no earlier as-of date"


def test_drift_without_a_history_table_is_not_an_error(duck, run_one):
    kwargs = {"column": "status", "max_point_change": 5, "as_of_date": dt.date(2024, 3, 31)}
    kwargs |= {"history_table": "history.none", "period_column": "as_of_date"}
    result = run_one("expect_column_value_shares_to_be_stable", kwargs)
    assert result["success"] and "does not exist yet" in result["result"]["details"]["note"]


def test_every_customer_has_exactly_one_value_per_single_valued_tag(duck, run_one):
    duck.execute("create schema marts")
    duck.execute(
        "create table marts.c as select * from (values ('A'), ('B'), ('C')) as v(customer_id)"
    )
    duck.execute(
        "create table marts.tags as select * from (values "
        "('A', 'age_band', '26-35'), ('B', 'age_band', '18-25'), ('B', 'age_band', '46+'), "
        "('A', 'vip', 'no'), ('B', 'vip', 'no'), ('C', 'vip', 'yes'), "
        "('A', 'manual_tag', 'x'), ('A', 'manual_tag', 'y')) as v(customer_id, tag_code, tag_value)"
    )
    duck.execute(
        "create table marts.catalog as select * from (values ('age_band', false), "
        "('vip', false), ('manual_tag', true)) as v(tag_code, is_multi)"
    )
    kwargs = {
        "entity_column": "customer_id",
        "category_column": "tag_code",
        "entity_table": "marts.c",
    }
    query = {**kwargs, "categories_query": "select tag_code from marts.catalog where not is_multi"}
    result = run_one("expect_table_to_have_one_row_per_entity_and_category", query, "marts.tags")
    assert not result["success"]
    assert result["result"]["unexpected_count"] == 2  # B has two age bands, C has none
    assert result["result"]["observed_value"]["categories_not_one_per_entity"] == {
        "age_band": {"duplicated": 1, "missing": 1}
    }
    assert {"tag_code": "age_band", "customer_id": "B"} in result["result"][
        "partial_unexpected_list"
    ]
    listed = {**kwargs, "categories": ["vip"]}
    assert run_one("expect_table_to_have_one_row_per_entity_and_category", listed, "marts.tags")[
        "success"
    ]


def test_a_batch_is_the_as_of_month_of_a_history_table(history, make_suite):
    suite = make_suite(
        [{"type": "expect_table_row_count_to_equal", "kwargs": {"value": 100}}],
        "history.p",
        batch={"column": "as_of_date", "value": {"$PARAMETER": "as_of_date"}},
    )
    (result,) = validate(history, suite, {"as_of_date": dt.date(2024, 2, 29)}).results
    assert result["success"] and result["result"]["observed_value"] == 100
    (missing,) = validate(history, suite, {}).results
    assert not missing["success"] and "as_of_date" in missing["exception_info"]["exception_message"]
