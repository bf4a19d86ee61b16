"""Arrow streams out of SQL databases: ADBC for PostgreSQL, connectorx for MySQL/MariaDB.

Both stream record batches (PostgreSQL through COPY, server-side), so a large
table never sits in Python objects or in memory all at once. SQLite has its own
reader (sqlite_reader.py): its values, not its columns, carry types.
"""

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from decimal import Decimal

import adbc_driver_postgresql.dbapi as adbc_pg
import connectorx as cx
import pyarrow as pa

from portrait.extract.errors import ExtractError
from portrait.extract.spec import SourceSpec, TableSpec
from portrait.extract.sqlite_reader import open_sqlite

log = logging.getLogger(__name__)

BATCH_ROWS = 50_000  # connectorx batch size: ~tens of MB per batch for typical order tables


def source_query(spec: SourceSpec, table: TableSpec, since: object | None = None) -> str:
    """SELECT for one table or query, filtered to cursor >= since when incremental."""
    if table.table:
        base = f"SELECT * FROM {_table_name(table.table, spec.dialect)}"
    else:
        base = f"SELECT * FROM ({table.query}) AS portrait_q"
    if since is None or table.cursor is None:
        return base
    # >= rather than >: rows committed later with the same cursor value are not missed;
    # the merge on the primary key makes the overlap harmless.
    return f"{base} WHERE {_ident(table.cursor, spec.dialect)} >= {_literal(since, spec.dialect)}"


@contextmanager
def sql_stream(
    spec: SourceSpec, table: TableSpec, since: object | None = None
) -> Iterator[tuple[pa.RecordBatchReader, object | None]]:
    """Yield (reader over rows with cursor >= since, cursor max when the source knows it).

    A failure while opening or while the caller reads (a server error at row 300,000,
    a dropped connection) becomes an ExtractError naming the source and table.
    """
    with ExitStack() as stack:
        try:
            yield _open(spec, table, since, stack)
        except (ExtractError, KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # connectorx panics are BaseExceptions
            where = f"source {spec.name}, {table.object_name} ({spec.safe_url})"
            raise ExtractError(f"{where}: {_first_line(exc)}") from exc


def _open(
    spec: SourceSpec, table: TableSpec, since: object | None, stack: ExitStack
) -> tuple[pa.RecordBatchReader, object | None]:
    query = source_query(spec, table, since)
    if spec.dialect == "postgresql":
        con = stack.enter_context(closing(adbc_pg.connect(spec.url)))
        cur = stack.enter_context(closing(con.cursor()))
        cur.execute(_pg_as_text(cur, table, query))
        return cur.fetch_record_batch(), None
    if spec.dialect == "sqlite":
        return _sqlite(spec, table, query, stack)
    return cx.read_sql(spec.url, query, return_type="arrow_stream", batch_size=BATCH_ROWS), None


def _sqlite(
    spec: SourceSpec, table: TableSpec, query: str, stack: ExitStack
) -> tuple[pa.RecordBatchReader, object | None]:
    """connectorx when the declared column types hold (fast); else SQLite's own text.

    SQLite is a local file, so the Arrow table is read whole; a value that does
    not fit its column's declared type makes connectorx fail (a Rust panic, a
    BaseException), and the standard-library reader takes over.
    """
    try:
        arrow = cx.read_sql(spec.url, query, return_type="arrow")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        log.info(
            "source %s, %s: reading as text (%s)", spec.name, table.object_name, _first_line(exc)
        )
        return open_sqlite(spec.url.removeprefix("sqlite://"), query, table.cursor, stack)
    return pa.RecordBatchReader.from_batches(arrow.schema, arrow.to_batches()), None


def _pg_as_text(cur, table: TableSpec, query: str) -> str:
    """Have PostgreSQL send numeric (and other non-Arrow types: uuid, json, interval) as text.

    ADBC would hand them over as text anyway (an opaque Arrow type), but converting
    numeric on the client costs twice as long as the server's own ::text.
    """
    cur.execute(f"SELECT * FROM ({query}) AS portrait_probe LIMIT 0")
    schema = cur.fetch_arrow_table().schema
    opaque = {f.name for f in schema if isinstance(f.type, pa.BaseExtensionType)} - {table.cursor}
    if not opaque:
        return query
    cols = [
        f"{_ident(n, 'postgresql')}::text AS {_ident(n, 'postgresql')}"
        if n in opaque
        else _ident(n, "postgresql")
        for n in schema.names
    ]
    return f"SELECT {', '.join(cols)} FROM ({query}) AS portrait_t"


def _table_name(name: str, dialect: str | None) -> str:
    """Quote each part of schema.table, unless the user already quoted it."""
    if any(c in name for c in '"`[ '):
        return name
    return ".".join(_ident(part, dialect) for part in name.split("."))


def _ident(name: str, dialect: str | None) -> str:
    if dialect == "mysql":
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object, dialect: str | None) -> str:
    """A SQL literal for a cursor value (int, decimal, timestamp, date or text)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    else:
        text = str(value)
    if dialect == "mysql":
        text = text.replace("\\", "\\\\")
    return "'" + text.replace("'", "''") + "'"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"
