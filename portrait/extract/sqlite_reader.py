"""SQLite sources, read with the standard library into Arrow batches of text.

SQLite types belong to values, not columns: one 'INTEGER' column may hold
'12abc', and Arrow-native readers (connectorx) abort on such a value or on a
leading NULL. SQLite casts every value to TEXT itself (raw keeps text anyway;
staging casts), and the batches become Arrow string arrays without per-row
Python of ours. The cursor's maximum is asked of SQLite in the same read
transaction, so it compares the way SQLite's own `>=` does.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, closing

import pyarrow as pa

BATCH_ROWS = 50_000


def open_sqlite(
    path: str, query: str, cursor: str | None, stack: ExitStack
) -> tuple[pa.RecordBatchReader, object | None]:
    """(reader over the query's rows as text, the cursor's max in the same snapshot)."""
    # The read-ahead thread fetches the rows; only one thread uses the connection at a time.
    sqlite = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    con = stack.enter_context(closing(sqlite))
    con.execute("BEGIN")  # one read snapshot for the max and the rows
    names = [d[0] for d in con.execute(f"SELECT * FROM ({query}) LIMIT 0").description]
    top = None
    if cursor is not None:
        top = con.execute(f"SELECT max({_ident(cursor)}) FROM ({query})").fetchone()[0]
    text = ", ".join(f"CAST({_ident(n)} AS TEXT) AS {_ident(n)}" for n in names)
    rows = con.execute(f"SELECT {text} FROM ({query})")
    schema = pa.schema([(name, pa.string()) for name in names])
    return pa.RecordBatchReader.from_batches(schema, _batches(rows, schema)), top


def _batches(rows: sqlite3.Cursor, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    while chunk := rows.fetchmany(BATCH_ROWS):
        columns = zip(*chunk, strict=True)
        yield pa.RecordBatch.from_arrays([pa.array(c, pa.string()) for c in columns], schema=schema)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
