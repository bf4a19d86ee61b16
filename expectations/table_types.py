"""Table-level, aggregate and multi-column expectations."""

from typing import Any

from expectations.column_types import duplicates_plan
from expectations.plan import Batch, Judgement, Metrics, Plan, map_plan, metric_plan, register
from expectations.sql import quote, table_ref


@register("expect_table_row_count_to_be_between")
def row_count_between(kw: dict[str, Any], batch: Batch) -> Plan:
    return metric_plan(kw, "count(*)")


@register("expect_table_row_count_to_equal", "value")
def row_count_equal(kw: dict[str, Any], batch: Batch) -> Plan:
    return metric_plan({"min_value": kw["value"], "max_value": kw["value"]}, "count(*)")


@register("expect_table_row_count_to_equal_other_table", "other_table_name")
def row_count_equal_other(kw: dict[str, Any], batch: Batch) -> Plan:
    """Row-count reconciliation between layers (e.g. staging view vs its raw table)."""
    other = f"select count(*) from {table_ref(kw['other_table_name'])}"

    def judge(m: Metrics) -> Judgement:
        mine, theirs = m["value"], m["other"][0][0]
        return mine == theirs, {"observed_value": {"self": mine, "other": theirs}}

    return Plan(judge, {"value": "count(*)"}, {"other": other})


@register("expect_column_to_exist", "column")
def column_exists(kw: dict[str, Any], batch: Batch) -> Plan:
    exists = kw["column"] in batch.schema
    return Plan(lambda m: (exists, {"observed_value": exists}))


@register("expect_table_columns_to_match_set", "column_set")
def columns_match_set(kw: dict[str, Any], batch: Batch) -> Plan:
    actual, expected = set(batch.schema), set(kw["column_set"])
    result: dict[str, Any] = {"observed_value": sorted(actual)}
    mismatched = {}
    if actual - expected:
        mismatched["unexpected"] = sorted(actual - expected)
    if expected - actual:
        mismatched["missing"] = sorted(expected - actual)
    if mismatched:
        result["details"] = {"mismatched": mismatched}
    exact = kw.get("exact_match", True)
    success = not mismatched if exact else "missing" not in mismatched
    return Plan(lambda m: (success, result))


@register("expect_column_values_to_be_of_type", "column", "type_")
def of_type(kw: dict[str, Any], batch: Batch) -> Plan:
    return _type_plan(batch.schema[kw["column"]], [kw["type_"]])


@register("expect_column_values_to_be_in_type_list", "column", "type_list")
def in_type_list(kw: dict[str, Any], batch: Batch) -> Plan:
    return _type_plan(batch.schema[kw["column"]], kw["type_list"])


def _type_plan(actual: str, expected: list[str]) -> Plan:
    """DuckDB type names; `DECIMAL` matches `DECIMAL(18,2)`, case does not matter."""
    base = actual.split("(")[0].upper()
    success = any(t.upper() in (actual.upper(), base) for t in expected)
    return Plan(lambda m: (success, {"observed_value": actual}))


@register("expect_column_max_to_be_between", "column")
def max_between(kw: dict[str, Any], batch: Batch) -> Plan:
    """Freshness: the newest timestamp no older than a `$PARAMETER` such as as_of_date - 35d."""
    return metric_plan(kw, f"max({quote(kw['column'])})")


@register("expect_column_min_to_be_between", "column")
def min_between(kw: dict[str, Any], batch: Batch) -> Plan:
    return metric_plan(kw, f"min({quote(kw['column'])})")


@register("expect_column_mean_to_be_between", "column")
def mean_between(kw: dict[str, Any], batch: Batch) -> Plan:
    return metric_plan(kw, f"avg({quote(kw['column'])})")


@register("expect_column_proportion_of_non_null_values_to_be_between", "column")
def non_null_share(kw: dict[str, Any], batch: Batch) -> Plan:
    col = quote(kw["column"])
    return metric_plan(kw, f"count({col}) / nullif(count(*), 0)")


@register("expect_compound_columns_to_be_unique", "column_list")
def compound_unique(kw: dict[str, Any], batch: Batch) -> Plan:
    columns = kw["column_list"]
    missing = {
        "all_values_are_missing": " and ".join(f"{quote(c)} is null" for c in columns),
        "any_value_is_missing": " or ".join(f"{quote(c)} is null" for c in columns),
        "never": "false",
    }[kw.get("ignore_row_if", "all_values_are_missing")]
    return duplicates_plan(kw, batch, columns, f"not ({missing})")


@register("expect_column_pair_values_to_be_equal", "column_A", "column_B")
def pair_equal(kw: dict[str, Any], batch: Batch) -> Plan:
    a, b = quote(kw["column_A"]), quote(kw["column_B"])
    ignored = {
        "both_values_are_missing": f"{a} is null and {b} is null",
        "either_value_is_missing": f"{a} is null or {b} is null",
        "neither": "false",
    }[kw.get("ignore_row_if", "both_values_are_missing")]
    values = (kw["column_A"], kw["column_B"])
    return map_plan(kw, f"{a} is distinct from {b}", f"not ({ignored})", values)
