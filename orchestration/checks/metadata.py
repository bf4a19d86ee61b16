"""What the Dagster UI shows for a check: expectation, counts and a masked sample."""

import json
from typing import Any

import dagster as dg

from expectations.suite import Expectation

SAMPLE_ROWS = 5


def check_metadata(exp: Expectation, results: list[tuple[str, dict]]) -> dict[str, Any]:
    """Metadata of one expectation's check over one or more tables (already masked values)."""
    failing = [(table, r) for table, r in results if not r["success"]]
    unexpected = sum(r["result"].get("unexpected_count") or 0 for _, r in results)
    metadata: dict[str, Any] = {
        "expectation": dg.MetadataValue.text(exp.type),
        "failed_expectation": dg.MetadataValue.text(exp.type if failing else "none"),
        "table": dg.MetadataValue.text(", ".join(table for table, _ in results)),
        "unexpected_count": dg.MetadataValue.int(int(unexpected)),
        "kwargs": dg.MetadataValue.json(results[0][1]["expectation_config"]["kwargs"]),
    }
    if exp.column:
        metadata["column"] = dg.MetadataValue.text(exp.column)
    element_count = sum(r["result"].get("element_count") or 0 for _, r in results)
    if element_count:
        metadata["element_count"] = dg.MetadataValue.int(int(element_count))
    if len(results) > 1:
        metadata["tables_failed"] = dg.MetadataValue.json([table for table, _ in failing])
    errors = [r["exception_info"]["exception_message"] for _, r in failing]
    if any(errors):
        metadata["error"] = dg.MetadataValue.text("; ".join(e for e in errors if e))
    sample = [
        {"table": table, **row}
        for table, r in failing
        for row in r["result"].get("unexpected_rows") or []
    ][:SAMPLE_ROWS]
    if sample:
        metadata["sample"] = dg.MetadataValue.md(markdown_table(sample))
    values = [v for _, r in failing for v in r["result"].get("partial_unexpected_list") or []]
    if values:
        metadata["partial_unexpected_list"] = dg.MetadataValue.json(values[:20])
    return metadata


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """A small markdown table of sample rows (values already masked)."""
    columns = list(dict.fromkeys(c for row in rows for c in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = [_cell(row.get(c)) for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
    return str(text).replace("|", "\\|").replace("\n", " ")
