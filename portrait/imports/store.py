"""What an import writes to the warehouse: raw.import_*, quality.rejected_rows, quality.import_log.

The caller wraps `save` in one transaction: a file's accepted rows, rejected
rows and log entry land together or not at all.
"""

import json
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from portrait.extract.cells import cell_text
from portrait.extract.duck import setting
from portrait.extract.entities import ensure_raw_tables, quote, table_columns

SOURCE_NAME = "import"


@dataclass(frozen=True)
class LogEntry:
    """One row of quality.import_log."""

    import_id: str
    file_name: str
    file_path: str
    checksum: str
    template: str
    sheet: str | None
    encoding: str | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    reasons: dict[str, int]
    report_path: str | None
    imported_at: str  # UTC, ISO
    seconds: float


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    ensure_raw_tables(con)
    con.execute("create schema if not exists quality")
    con.execute(
        "create table if not exists quality.import_log (import_id varchar, file_name varchar, "
        "file_path varchar, checksum varchar, template varchar, sheet varchar, encoding varchar, "
        "rows_read integer, rows_accepted integer, rows_rejected integer, reasons json, "
        "report_path varchar, imported_at timestamp, seconds double)"
    )
    con.execute(
        "create table if not exists quality.rejected_rows (import_id varchar, "
        "source_name varchar, source_object varchar, source_key varchar, template varchar, "
        "row_number integer, problems json, row_data json, rejected_at timestamp)"
    )


def earlier_import(con: duckdb.DuckDBPyConnection, checksum: str) -> tuple[str, str] | None:
    """(file name, time) of an earlier import of the same content, if any."""
    row = con.execute(
        "select file_name, strftime(imported_at, '%Y-%m-%d %H:%M:%S') from quality.import_log "
        "where checksum = ? order by imported_at limit 1",
        [checksum],
    ).fetchall()  # fetchall, not fetchone: DuckDB 2 keeps an unfinished result busy
    return (row[0][0], row[0][1]) if row else None


def known_customers(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """Those of `ids` that some source or earlier import knows as a customer.

    Orders count too: a company without a customer table has its customers
    derived from orders (SPEC issue "minimal sources").
    """
    name = "portrait_import_ids"
    con.register(name, pa.table({"customer_id": pa.array(sorted(set(ids)), pa.string())}))
    try:
        rows = con.execute(
            f"select customer_id from {name} where customer_id in ("
            "select trim(customer_id) from raw.customers union all "
            "select trim(customer_id) from raw.import_customers union all "
            "select trim(customer_id) from raw.orders)"
        ).fetchall()
    finally:
        con.unregister(name)
    return {row[0] for row in rows}


def save_accepted(
    con, table: str, accepted: list[tuple[int, dict[str, str | None]]], entry: LogEntry
) -> list[str]:
    """Append accepted rows to raw.<table> with lineage; returns extra columns added."""
    if not accepted:
        return []
    columns = list(dict.fromkeys(name for _, values in accepted for name in values))
    data = {c: pa.array([values.get(c) for _, values in accepted], pa.string()) for c in columns}
    data["_source_key"] = pa.array([str(number) for number, _ in accepted], pa.string())
    existing = {c.lower() for c in table_columns(con, "raw", table)}
    added = [c for c in columns if c.lower() not in existing]
    for column in added:
        con.execute(f"alter table raw.{quote(table)} add column {quote(column)} varchar")
    name = "portrait_import_rows"
    con.register(name, pa.table(data))
    try:
        con.execute(
            f"insert into raw.{quote(table)} by name select *, '{SOURCE_NAME}' as _source_name, "
            f"? as _source_object, cast(? as timestamp) as _loaded_at from {name}",
            [entry.file_name, entry.imported_at],
        )
    finally:
        con.unregister(name)
    return added


def save_rejected(con, entry: LogEntry, rejected: list[tuple[int, dict, list[dict]]]) -> None:
    """One quality.rejected_rows row per rejected row: all its cells and all its problems."""
    if not rejected:
        return
    table = pa.table(
        {
            "import_id": [entry.import_id] * len(rejected),
            "source_name": [SOURCE_NAME] * len(rejected),
            "source_object": [entry.file_name] * len(rejected),
            "source_key": [str(number) for number, _, _ in rejected],
            "template": [entry.template] * len(rejected),
            "row_number": pa.array([number for number, _, _ in rejected], pa.int32()),
            "problems": [json.dumps(problems, ensure_ascii=False) for _, _, problems in rejected],
            "row_data": [json.dumps(cells, ensure_ascii=False) for _, cells, _ in rejected],
        }
    )
    name = "portrait_rejected_rows"
    con.register(name, table)
    try:
        con.execute(
            f"insert into quality.rejected_rows by name select * replace "
            f"(cast(problems as json) as problems, cast(row_data as json) as row_data), "
            f"timestamp '{entry.imported_at}' as rejected_at from {name}"
        )
    finally:
        con.unregister(name)


def save_log(con, entry: LogEntry) -> None:
    con.execute(
        "insert into quality.import_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            entry.import_id,
            entry.file_name,
            entry.file_path,
            entry.checksum,
            entry.template,
            entry.sheet,
            entry.encoding,
            entry.rows_read,
            entry.rows_accepted,
            entry.rows_rejected,
            json.dumps(entry.reasons, ensure_ascii=False),
            entry.report_path,
            entry.imported_at,
            entry.seconds,
        ],
    )


def save_import(con, table: str, entry: LogEntry, accepted, rejected, headers) -> list[str]:
    """Accepted rows, rejected rows and the log entry, in one transaction; added columns."""
    rejected = [
        (number, _cells_by_header(headers, cells), [_as_dict(p) for p in found])
        for number, cells, found in rejected
    ]
    con.begin()
    try:
        with setting(con, "enable_progress_bar", "false"):
            added = save_accepted(con, table, accepted, entry)
            save_rejected(con, entry, rejected)
            save_log(con, entry)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return added


def _cells_by_header(headers: list[str], cells: list[object]) -> dict[str, str | None]:
    """Every cell of the row under its header; cells past the header as '(column N)'."""
    named = {
        h or f"(column {i + 1})": cell_text(c)
        for i, (h, c) in enumerate(zip(headers, cells, strict=False))
    }
    for i in range(len(headers), len(cells)):
        if cell_text(cells[i]) is not None:
            named[f"(column {i + 1})"] = cell_text(cells[i])
    return named


def _as_dict(p) -> dict[str, object]:
    return {"row": p.row, "field": p.field, "kind": p.kind, "message": p.message, "fix": p.fix}
