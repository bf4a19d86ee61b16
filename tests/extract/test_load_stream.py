"""The raw loader on a real DuckDB file: large streams keep every row; source errors surface."""

import pyarrow as pa
import pytest

from portrait.extract import ensure_raw_tables
from portrait.extract.load import load_stream
from portrait.extract.projection import Target

ROWS = 300_000  # more than two DuckDB row groups (122,880 rows each)


class SourceBroke(Exception):
    pass


def _batches(rows: int, fail_after: int | None = None):
    for n, start in enumerate(range(0, rows, 50_000)):
        if fail_after is not None and n == fail_after:
            raise SourceBroke("connection reset by peer after batch 2")
        ids = pa.array(range(start, min(start + 50_000, rows)), pa.int64())
        yield pa.record_batch({"order_line_id": ids, "order_id": pa.compute.cast(ids, pa.string())})


def _reader(rows: int, fail_after: int | None = None) -> pa.RecordBatchReader:
    schema = pa.schema({"order_line_id": pa.int64(), "order_id": pa.string()})
    return pa.RecordBatchReader.from_batches(schema, _batches(rows, fail_after))


@pytest.mark.parametrize("merge", [False, True])
def test_a_large_stream_keeps_every_row_and_the_cursor_max(con, merge):
    ensure_raw_tables(con)
    target = Target("order_lines", "shop", "lines", ("order_line_id",))
    con.begin()
    outcome = load_stream(con, _reader(ROWS), target, "2026-01-01 00:00:00", merge,
                          cursor="order_line_id")  # fmt: skip
    con.commit()
    stored = con.execute(
        "select count(*), count(distinct _source_key), max(order_line_id::bigint) "
        "from raw.order_lines"
    ).fetchone()
    assert (outcome.rows_read, outcome.rows_loaded) == (ROWS, ROWS)
    assert stored == (ROWS, ROWS, ROWS - 1)
    assert outcome.cursor_max == ROWS - 1


def test_a_source_failing_mid_stream_raises_its_own_error_and_loads_nothing(con):
    ensure_raw_tables(con)
    target = Target("order_lines", "shop", "lines", ("order_line_id",))
    con.begin()
    with pytest.raises(SourceBroke, match="connection reset by peer"):
        load_stream(con, _reader(ROWS, fail_after=2), target, "2026-01-01 00:00:00", False)
    con.rollback()
    assert con.execute("select count(*) from raw.order_lines").fetchone()[0] == 0
