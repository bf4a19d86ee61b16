"""Failing values and sample rows of a failed expectation, masked before anyone sees them."""

from collections import Counter
from typing import Any

import duckdb

from expectations import pii
from expectations.jsonable import jsonable
from expectations.plan import Batch, Plan
from expectations.sql import quote

PARTIAL_UNEXPECTED_COUNT = 20  # GE's SUMMARY default
SAMPLE_ROWS = 5


def unexpected_values(
    con: duckdb.DuckDBPyConnection, batch: Batch, sample_columns: tuple[str, ...], plan: Plan
) -> dict[str, Any]:
    """GE's partial_unexpected_list / _counts and a few sample rows, all masked."""
    extra = [c for c in sample_columns if c in batch.schema and c not in plan.values]
    columns = [*extra, *plan.values]
    select = ", ".join(f"t.{quote(c)}" for c in columns)
    sql = f"select {select} from {batch.table} as t where {plan.unexpected} limit ?"
    rows = con.execute(sql, [PARTIAL_UNEXPECTED_COUNT]).fetchall()
    masked = [
        jsonable(pii.mask_row(dict(zip(columns, row, strict=True)), sensitive=plan.sensitive))
        for row in rows
    ]
    if len(plan.values) == 1:
        values = [row[plan.values[0]] for row in masked]
    else:
        values = [{c: row[c] for c in plan.values} for row in masked]
    counts = Counter(str(v) if isinstance(v, dict | list) else v for v in values)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return {
        "partial_unexpected_list": values,
        "partial_unexpected_counts": [{"value": v, "count": n} for v, n in ranked],
        "unexpected_rows": masked[:SAMPLE_ROWS],
    }
