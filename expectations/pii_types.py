"""`expect_table_to_have_no_unmasked_pii`: nothing a BI user reads identifies a person.

Portrait's own expectation type (declared to GE in `expectations.gx_types`). It
fails when the table has a column that must never be published (e-mail, street
address), when any text column holds a phone number or e-mail, when a name or
phone column holds something other than its masked form, or - given
`known_names` - when any text column holds a real full name from the restricted
layer. `unexpected_count` counts offending values (a row with a phone in two
columns counts twice); `observed_value` breaks them down by column.

Cost: one regex per row over the row's text joined together (not one per
column), one semi join for the known names; the per-column breakdown is only
computed when something was found.
"""

from typing import Any

from expectations import pii
from expectations.plan import Batch, Judgement, Metrics, Plan, register
from expectations.sql import quote, table_ref

MASKED_PHONE_REGEX = r"^[0-9]{0,3}\*+[0-9]{0,4}$"
_SEPARATOR = "' | '"  # not a digit, not part of an address: no match can span two columns


@register("expect_table_to_have_no_unmasked_pii")
def no_unmasked_pii(kw: dict[str, Any], batch: Batch) -> Plan:
    texts = pii.text_columns(batch.schema)
    forbidden = sorted(set(kw.get("forbidden_columns", pii.HIDDEN_COLUMNS)) & set(batch.schema))
    masks = _mask_predicates(kw, texts)
    joined = ", ".join(f"cast({quote(c)} as varchar)" for c in texts)
    pattern = f"{pii.PHONE_REGEX}|{pii.EMAIL_REGEX}"
    row_checks = list(masks.values())
    if texts:
        row_checks.append(f"regexp_matches(concat_ws({_SEPARATOR}, {joined}), '{pattern}')")
    any_row = " or ".join(f"({p})" for p in row_checks) or "false"
    queries, known_sql = _known_names(kw, batch, texts)
    per_column = {c: pii.phone_or_email_sql(c) for c in texts}
    for column, predicate in {**masks, **known_sql}.items():
        per_column[column] += f" or {predicate}"
    cells = len(texts)

    def found(m: Metrics) -> bool:
        return bool(m["rows"] or any(n for _, n in m.get("known", [])))

    def judge(m: Metrics) -> Judgement:
        """The exact offending values per column come from the followup, run only if found."""
        counts = dict(zip(per_column, m["per_column"][0], strict=True)) if found(m) else {}
        unexpected = sum(counts.values())
        total = m["total"]
        result = {
            "element_count": total,
            "unexpected_count": unexpected,
            "unexpected_percent": unexpected / (total * cells) * 100 if total and cells else None,
            "observed_value": {
                "columns_with_pii": {c: n for c, n in counts.items() if n},
                "forbidden_columns": forbidden,
            },
        }
        return not unexpected and not forbidden, result

    sample = " or ".join([any_row, *known_sql.values()])
    counts = ", ".join(f"count(*) filter (where {p})" for p in per_column.values())
    return Plan(
        judge,
        {"total": "count(*)", "rows": f"count(*) filter (where {any_row})"},
        queries,
        sample,
        tuple(texts),
        sensitive=frozenset(texts),
        followups={"per_column": f"select {counts} from {batch.table}"} if per_column else {},
        needs_followups=found,
    )


def _mask_predicates(kw: dict[str, Any], texts: list[str]) -> dict[str, str]:
    """Name and phone columns must hold their masked form (张*, 138****5678) or nothing."""
    predicates = {}
    for column in texts:
        col = quote(column)
        if pii.is_name_column(column) or column in kw.get("name_columns", ()):
            predicates[column] = pii.unmasked_name_sql(column)
        elif pii.is_phone_column(column) or column in kw.get("phone_columns", ()):
            predicates[column] = (
                f"({col} <> '' and not regexp_matches({col}, '{MASKED_PHONE_REGEX}'))"
            )
    return predicates


def _known_names(kw: dict[str, Any], batch: Batch, texts: list[str]) -> tuple[dict, dict]:
    """One semi join of every text value against the real names: the query, and per column
    the predicate used for the breakdown and the samples."""
    known = kw.get("known_names")
    scalar = [c for c in texts if not batch.schema[c].endswith("[]")]
    if not known or known["table"].lower() not in batch.tables or not scalar:
        return {}, {}
    names = (
        f"select distinct {quote(known['column'])} from {table_ref(known['table'])} "
        f"where regexp_matches({quote(known['column'])}, '{pii.FULL_NAME_REGEX}')"
    )
    columns = ", ".join(quote(c) for c in scalar)
    query = (
        f"select col, count(*) from (unpivot (select {columns} from {batch.table}) "
        f"on columns(*) into name col value v) where v in ({names}) group by col"
    )
    refs = table_ref(known["table"])
    return {"known": query}, {c: pii.known_name_sql(c, refs, known["column"]) for c in scalar}
