"""Column-map expectations: a yes/no question about every non-null value of a column."""

from typing import Any

from expectations.plan import Batch, Plan, map_plan, register
from expectations.sql import bound, is_numeric, list_literal, quote, text_expr


def _not_null_rows(column: str) -> str:
    return f"{quote(column)} is not null"


@register("expect_column_values_to_not_be_null", "column")
def not_null(kw: dict[str, Any], batch: Batch) -> Plan:
    col = quote(kw["column"])
    return map_plan(kw, f"{col} is null", "true", (kw["column"],), nulls_count=True)


@register("expect_column_values_to_be_between", "column")
def between(kw: dict[str, Any], batch: Batch) -> Plan:
    column = kw["column"]
    col_type = batch.schema[column]
    value, parts, considered = quote(column), [], _not_null_rows(column)
    numeric_bounds = any(isinstance(kw.get(k), int | float) for k in ("min_value", "max_value"))
    if numeric_bounds and not is_numeric(col_type):
        # Raw columns are text (GE cannot compare text with numbers at all): a blank is
        # missing, any other value that is not a number is out of range.
        considered = f"nullif(trim(cast({value} as varchar)), '') is not null"
        value, col_type = f"try_cast({value} as double)", "DOUBLE"
    if kw.get("min_value") is not None:
        op = ">" if kw.get("strict_min") else ">="
        parts.append(f"{value} {op} {bound(kw['min_value'], col_type)}")
    if kw.get("max_value") is not None:
        op = "<" if kw.get("strict_max") else "<="
        parts.append(f"{value} {op} {bound(kw['max_value'], col_type)}")
    if not parts:
        raise ValueError("min_value and max_value are both missing")
    predicate = f"not coalesce({' and '.join(parts)}, false)"
    return map_plan(kw, predicate, considered, (column,))


@register("expect_column_values_to_be_in_set", "column", "value_set")
def in_set(kw: dict[str, Any], batch: Batch) -> Plan:
    members = list_literal(kw["value_set"], batch.schema[kw["column"]])
    predicate = f"not ({quote(kw['column'])} in ({members}))" if members else "true"
    return map_plan(kw, predicate, _not_null_rows(kw["column"]), (kw["column"],))


@register("expect_column_values_to_not_be_in_set", "column", "value_set")
def not_in_set(kw: dict[str, Any], batch: Batch) -> Plan:
    members = list_literal(kw["value_set"], batch.schema[kw["column"]])
    predicate = f"{quote(kw['column'])} in ({members})" if members else "false"
    return map_plan(kw, predicate, _not_null_rows(kw["column"]), (kw["column"],))


@register("expect_column_values_to_match_regex", "column", "regex")
def match_regex(kw: dict[str, Any], batch: Batch) -> Plan:
    text = text_expr(kw["column"], batch.schema)
    predicate = f"not regexp_matches({text}, {bound(kw['regex'], 'VARCHAR')})"
    return map_plan(kw, predicate, _not_null_rows(kw["column"]), (kw["column"],))


@register("expect_column_values_to_not_match_regex", "column", "regex")
def not_match_regex(kw: dict[str, Any], batch: Batch) -> Plan:
    text = text_expr(kw["column"], batch.schema)
    predicate = f"regexp_matches({text}, {bound(kw['regex'], 'VARCHAR')})"
    return map_plan(kw, predicate, _not_null_rows(kw["column"]), (kw["column"],))


@register("expect_column_values_to_be_unique", "column")
def unique(kw: dict[str, Any], batch: Batch) -> Plan:
    return duplicates_plan(kw, batch, [kw["column"]], _not_null_rows(kw["column"]))


def duplicates_plan(kw: dict[str, Any], batch: Batch, columns: list[str], considered: str) -> Plan:
    """Rows whose value (or combination) occurs more than once - every copy counts, as in GE.

    Fast path in the shared pass: if the values' 64-bit hashes are all distinct, so are the
    values, and nothing is unexpected. Only otherwise the exact group-by runs.
    """
    keys = ", ".join(quote(c) for c in columns)
    repeated = (
        f"select {keys} from {batch.table} where {considered} group by all having count(*) > 1"
    )
    count = (
        f"select coalesce(sum(n), 0) from (select count(*) as n from {batch.table} "
        f"where {considered} group by {keys} having count(*) > 1)"
    )
    # `in` treats two nulls as different, so a compound key with a null part joins on `is not
    # distinct from` through a semi join instead.
    matches = " and ".join(f"d.{quote(c)} is not distinct from t.{quote(c)}" for c in columns)
    predicate = f"exists (select 1 from ({repeated}) as d where {matches})"
    plan = map_plan(kw, predicate, considered, tuple(columns), unexpected_query=count)
    distinct = f"count(distinct hash({keys})) filter (where {considered})"

    def judge(m: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
        if "unexpected" not in m:  # every hash distinct: no duplicates
            m = {**m, "unexpected": [(0,)]}
        return plan.judge(m)

    return Plan(
        judge,
        {**plan.aggregates, "distinct_hashes": distinct},
        {},
        plan.unexpected,
        plan.values,
        followups=plan.queries,
        needs_followups=lambda m: m["distinct_hashes"] != m["considered"],
    )
