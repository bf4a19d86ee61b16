"""Extract one configured source into `raw`: incremental by cursor or file checksum.

Re-running never duplicates: a table without a cursor, a first load and a full
refresh replace the object's rows; an incremental load merges on the key.
"""

import datetime as dt
import glob
import hashlib
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from portrait.extract.duck import setting
from portrait.extract.entities import ensure_raw_tables
from portrait.extract.file_reader import ROW, read_file
from portrait.extract.load import LoadOutcome, load_stream
from portrait.extract.projection import Target
from portrait.extract.spec import SourceSpec, TableSpec
from portrait.extract.sql_reader import sql_stream
from portrait.extract.state import (
    clear_state,
    cursor_text,
    ensure_state_table,
    get_state,
    put_state,
)


@dataclass(frozen=True)
class ExtractResult:
    """What one extract did to one raw table."""

    source: str
    entity: str
    object_name: str  # table, query name, or the files' glob
    rows_read: int
    rows_loaded: int
    new_columns: tuple[str, ...]
    cursor_from: str | None
    cursor_to: str | None
    seconds: float
    full_refresh: bool  # the object's rows were replaced (refresh, first load or no cursor)
    absent: bool = False  # a file drop whose glob matched nothing
    files_skipped: int = 0  # unchanged since the last load


def extract(
    spec: SourceSpec,
    con: duckdb.DuckDBPyConnection,
    full_refresh: bool = False,
    entities: Collection[str] | None = None,
) -> list[ExtractResult]:
    """Load one source into its raw tables (only `entities`, when given)."""
    ensure_raw_tables(con)
    ensure_state_table(con)
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    wanted = [e for e in spec.entities if entities is None or e in entities]
    with setting(con, "enable_progress_bar", "false"):  # no bars in run logs
        if spec.files is not None:
            return [_extract_files(spec, con, full_refresh, loaded_at)] if wanted else []
        return [
            _extract_table(spec, table, con, full_refresh, loaded_at)
            for table in spec.tables
            if table.entity in wanted
        ]


def _extract_table(
    spec: SourceSpec, table: TableSpec, con, full_refresh: bool, loaded_at: str
) -> ExtractResult:
    started = time.perf_counter()
    state = None if full_refresh else get_state(con, spec.name, table.entity, table.object_name)
    since = state.cursor if state is not None and table.cursor else None
    incremental = since is not None
    target = Target(table.entity, spec.name, table.object_name, table.primary_key, table.columns)
    with sql_stream(spec, table, since) as (reader, known_max), _transaction(con):
        track = table.cursor if known_max is None else None
        outcome = load_stream(con, reader, target, loaded_at, incremental, track)
        reached = next((v for v in (known_max, outcome.cursor_max, since) if v is not None), None)
        # Counted, not summed: an incremental load re-reads rows at the cursor and replaces them.
        total = con.execute(
            f'select count(*) from raw."{table.entity}" '
            "where _source_name = ? and _source_object = ?",
            [spec.name, table.object_name],
        ).fetchall()[0][0]
        put_state(
            con,
            spec.name,
            table.entity,
            table.object_name,
            cursor_column=table.cursor,
            cursor=reached,
            rows_loaded=total,
        )
    return ExtractResult(
        spec.name,
        table.entity,
        table.object_name,
        outcome.rows_read,
        outcome.rows_loaded,
        tuple(outcome.new_columns),
        cursor_text(since),
        cursor_text(reached),
        time.perf_counter() - started,
        not incremental,
    )


def _extract_files(spec: SourceSpec, con, full_refresh: bool, loaded_at: str) -> ExtractResult:
    started, files = time.perf_counter(), spec.files
    paths = sorted(Path(p) for p in glob.glob(files.glob, recursive=True) if Path(p).is_file())
    outcomes = []
    with _transaction(con):
        if full_refresh:
            con.execute(f'delete from raw."{files.entity}" where _source_name = ?', [spec.name])
            clear_state(con, spec.name, files.entity)
        for path in paths:
            outcomes.append(_load_file(spec, path, con, loaded_at))
    loaded = [o for o in outcomes if o is not None]
    new_columns = dict.fromkeys(c for o in loaded for c in o.new_columns)
    return ExtractResult(
        spec.name, files.entity, _relative(Path(files.glob), spec.base_dir),
        sum(o.rows_read for o in loaded), sum(o.rows_loaded for o in loaded), tuple(new_columns),
        None, None, time.perf_counter() - started, full_refresh, absent=not paths,
        files_skipped=len(outcomes) - len(loaded),
    )  # fmt: skip


def _load_file(spec: SourceSpec, path: Path, con, loaded_at: str) -> LoadOutcome | None:
    """Load one dropped file, unless its content is what was loaded last time (None)."""
    files, object_name = spec.files, _relative(path, spec.base_dir)
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    state = get_state(con, spec.name, files.entity, object_name)
    if state is not None and state.checksum == checksum:
        return None
    table = read_file(path, files)
    target = Target(files.entity, spec.name, object_name, files.primary_key, files.columns,
                    row_column=ROW)  # fmt: skip
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches())
    outcome = load_stream(con, reader, target, loaded_at, bool(files.primary_key))
    put_state(con, spec.name, files.entity, object_name, checksum=checksum,
              rows_loaded=outcome.rows_loaded)  # fmt: skip
    return outcome


class _transaction:
    """BEGIN ... COMMIT, or ROLLBACK on any error: rows and state land together or not at all."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.begin()

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.con.commit()
        else:
            self.con.rollback()


def _relative(path: Path, base: Path) -> str:
    """A path relative to the config folder when it lies inside it (lineage stays portable)."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
