"""Which logical entities no source feeds (SPEC: minimal sources still work).

dbt always compiles because every raw table exists, empty when absent; the
run says which ones were absent so tags depending on them read 未知.
"""

from collections.abc import Iterable, Mapping

import duckdb

from portrait.extract.entities import ENTITIES, ensure_raw_tables, quote
from portrait.extract.spec import SourceSpec

NOT_CONFIGURED = "no source configured"
NO_ROWS = "configured, but no rows loaded"


def absent_entities(
    specs: Mapping[str, SourceSpec] | Iterable[SourceSpec],
    con: duckdb.DuckDBPyConnection | None = None,
) -> list[str]:
    """Entities without data, in contract order.

    Without `con`: those no source is configured for. With `con`: also those
    whose raw table is still empty after extraction; the list is then written
    to `raw._absent_entities` (entity, reason, recorded_at), replacing the last one.
    """
    values = specs.values() if isinstance(specs, Mapping) else specs
    configured = {entity for spec in values for entity in spec.entities}
    reasons = {e: NOT_CONFIGURED for e in ENTITIES if e not in configured}
    if con is not None:
        ensure_raw_tables(con)
        for entity in ENTITIES:
            if entity in configured and _is_empty(con, entity):
                reasons[entity] = NO_ROWS
        _record(con, reasons)
    return [e for e in ENTITIES if e in reasons]


def _is_empty(con: duckdb.DuckDBPyConnection, entity: str) -> bool:
    return con.execute(f"select count(*) = 0 from raw.{quote(entity)}").fetchall()[0][0]


def _record(con: duckdb.DuckDBPyConnection, reasons: dict[str, str]) -> None:
    con.execute(
        "create table if not exists raw._absent_entities "
        "(entity varchar, reason varchar, recorded_at timestamp)"
    )
    con.execute("delete from raw._absent_entities")
    for entity in ENTITIES:
        if entity in reasons:
            con.execute(
                "insert into raw._absent_entities values (?, ?, now() at time zone 'UTC')",
                [entity, reasons[entity]],
            )
