"""Month-over-month drift of the outputs and one-value-per-entity tags.

Portrait's own expectation types (declared to GE in `expectations.gx_types`):

- `expect_column_value_shares_to_be_stable`: no value of `column` (a segment)
  gains or loses more than `max_point_change` percentage points of the rows
  compared with the latest earlier `period_column` value in `history_table`.
- `expect_column_value_share_growth_to_be_below`: the share of one `value`
  (e.g. churn band `high`) is less than `max_ratio` times its previous share.
- `expect_table_to_have_one_row_per_entity_and_category`: every entity of
  `entity_table` has exactly one row per listed category (single-valued tags).

The first month has no history: the drift types then succeed with a note.
"""

from typing import Any

from expectations.plan import Batch, Judgement, Metrics, Plan, register
from expectations.sql import list_literal, literal, quote, table_ref


def _share_queries(kw: dict[str, Any], batch: Batch) -> dict[str, str]:
    col, period = quote(kw["column"]), quote(kw["period_column"])
    history, as_of = table_ref(kw["history_table"]), literal(kw["as_of_date"])
    current_filter = f"where {period} = {as_of}" if kw["period_column"] in batch.schema else ""
    previous = f"(select max({period}) from {history} where {period} < {as_of})"
    return {
        "current": f"select cast({col} as varchar), count(*) from {batch.table} "
        f"{current_filter} group by 1",
        "previous": f"select cast({col} as varchar), count(*) from {history} "
        f"where {period} = {previous} group by 1",
        "previous_period": f"select {previous}",
    }


def _shares(rows: list[tuple[Any, int]]) -> dict[Any, float]:
    total = sum(n for _, n in rows)
    return {value: n / total * 100 for value, n in rows} if total else {}


def _without_history(kw: dict[str, Any], batch: Batch) -> Plan | None:
    if kw["history_table"].lower() in batch.tables:
        return None
    note = f"{kw['history_table']} does not exist yet: nothing to compare with"
    return Plan(lambda m: (True, {"observed_value": None, "details": {"note": note}}))


@register(
    "expect_column_value_shares_to_be_stable",
    *("column", "history_table", "period_column", "as_of_date", "max_point_change"),
)
def shares_stable(kw: dict[str, Any], batch: Batch) -> Plan:
    def judge(m: Metrics) -> Judgement:
        if m["previous_period"][0][0] is None:
            return True, {"observed_value": None, "details": {"note": "no earlier as-of date"}}
        now, before = _shares(m["current"]), _shares(m["previous"])
        change = {v: now.get(v, 0.0) - before.get(v, 0.0) for v in set(now) | set(before)}
        moved = sorted(v for v, d in change.items() if abs(d) > kw["max_point_change"])
        details = {
            "previous_period": str(m["previous_period"][0][0]),
            "change_in_points": {str(v): round(d, 2) for v, d in sorted(change.items(), key=str)},
        }
        worst = max((abs(d) for d in change.values()), default=0.0)
        result = {"observed_value": round(worst, 2), "details": details}
        result.update(unexpected_count=len(moved), partial_unexpected_list=moved)
        return not moved, result

    return _without_history(kw, batch) or Plan(judge, {}, _share_queries(kw, batch))


@register(
    "expect_column_value_share_growth_to_be_below",
    *("column", "value", "history_table", "period_column", "as_of_date", "max_ratio"),
)
def share_growth(kw: dict[str, Any], batch: Batch) -> Plan:
    value = str(kw["value"])

    def judge(m: Metrics) -> Judgement:
        if m["previous_period"][0][0] is None:
            return True, {"observed_value": None, "details": {"note": "no earlier as-of date"}}
        now, before = _shares(m["current"]).get(value, 0.0), _shares(m["previous"]).get(value, 0.0)
        ratio = now / before if before else (float("inf") if now else 1.0)
        details = {"previous_share": round(before, 2), "current_share": round(now, 2)}
        details["previous_period"] = str(m["previous_period"][0][0])
        observed = round(ratio, 3) if ratio != float("inf") else "inf"
        return ratio < kw["max_ratio"], {"observed_value": observed, "details": details}

    return _without_history(kw, batch) or Plan(judge, {}, _share_queries(kw, batch))


@register(
    "expect_table_to_have_one_row_per_entity_and_category",
    *("entity_column", "category_column", "entity_table"),
)
def one_per_entity(kw: dict[str, Any], batch: Batch) -> Plan:
    """Categories are listed (`categories`) or read (`categories_query`, e.g. from a seed)."""
    entity, category = quote(kw["entity_column"]), quote(kw["category_column"])
    if kw.get("categories_query"):
        members = kw["categories_query"]
    elif kw.get("categories") is None:
        raise ValueError("categories or categories_query is required")
    else:
        members = list_literal(kw["categories"], batch.schema[kw["category_column"]]) or "null"
    counts = (
        f"select {category} as category, {entity} as entity, count(*) as n from {batch.table} "
        f"where {category} in ({members}) group by all"
    )
    ref_column = quote(kw.get("entity_table_column") or kw["entity_column"])
    queries = {
        "per_category": f"select category, count_if(n > 1), count(*) from ({counts}) group by all",
        "entities": f"select count(distinct {ref_column}) from {table_ref(kw['entity_table'])}",
        "categories": f"select * from ({members})" if kw.get("categories_query") else "select 1",
    }

    def judge(m: Metrics) -> Judgement:
        listed = kw.get("categories") or [row[0] for row in m["categories"]]
        return _one_per_entity(listed, m["entities"][0][0], m["per_category"], kw)

    repeated = f"select category, entity from ({counts}) where n > 1"
    predicate = f"({category}, {entity}) in ({repeated})"
    return Plan(judge, {}, queries, predicate, (kw["category_column"], kw["entity_column"]))


def _one_per_entity(categories: list, entities: int, per_category: list, kw: dict) -> Judgement:
    seen = {cat: (dup, covered) for cat, dup, covered in per_category}
    wrong = {}
    for cat in categories:
        dup, covered = seen.get(cat, (0, 0))
        if dup or covered < entities:
            wrong[str(cat)] = {"duplicated": dup, "missing": max(entities - covered, 0)}
    unexpected = sum(w["duplicated"] + w["missing"] for w in wrong.values())
    pairs = entities * len(categories)
    success = pairs == 0 or (pairs - unexpected) / pairs >= kw.get("mostly", 1.0)
    result = {"element_count": pairs, "unexpected_count": unexpected}
    result["unexpected_percent"] = unexpected / pairs * 100 if pairs else None
    result["observed_value"] = {"categories_not_one_per_entity": wrong}
    return success, result
