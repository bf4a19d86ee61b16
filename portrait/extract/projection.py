"""What a stream becomes in `raw.<entity>`: the SELECT list that renames, casts and adds lineage.

Contract columns are cast to VARCHAR (dbt sees the same types whatever the
source); extra source columns keep their type and are added to the table the
first time they appear.
"""

from dataclasses import dataclass, field

import pyarrow as pa

from portrait.extract.entities import (
    LINEAGE_COLUMNS,
    RAW_TABLES,
    REQUIRED,
    quote,
    table_columns,
)
from portrait.extract.errors import ExtractError


@dataclass(frozen=True)
class Target:
    """Where and how a stream lands."""

    entity: str
    source_name: str
    object_name: str
    key: tuple[str, ...]  # source columns forming `_source_key`
    mapping: dict[str, str] = field(default_factory=dict)  # logical -> source column
    row_column: str | None = None  # a reader-added row number, dropped from the output

    def where(self) -> str:
        return f"source {self.source_name}, {self.object_name}"


def projection(schema: pa.Schema, target: Target, loaded_at: str) -> str:
    """The SELECT list: renames, VARCHAR casts of contract columns, lineage."""
    _check_columns(schema, target)
    logical = set(RAW_TABLES[target.entity])
    renamed = {source: name for name, source in target.mapping.items()}
    items = []
    for f in schema:
        if f.name == target.row_column:
            continue
        out = renamed.get(f.name, f.name)
        items.append(f"{_as_text(f) if out in logical else quote(f.name)} as {quote(out)}")
    key_fields = [schema.field(k) for k in target.key] or [schema.field(target.row_column)]
    key = " || '|' || ".join(f"coalesce({_as_text(f)}, '')" for f in key_fields)
    items += [
        f"{_sql_text(target.source_name)} as _source_name",
        f"{_sql_text(target.object_name)} as _source_object",
        f"{key} as _source_key",
        f"timestamp {_sql_text(loaded_at)} as _loaded_at",
    ]
    return ", ".join(items)


def _check_columns(schema: pa.Schema, target: Target) -> None:
    """Every mapped, key and required column is present; nothing collides."""
    names = [n for n in schema.names if n != target.row_column]
    has = f"the source has: {', '.join(names)}"
    missing = [f"{logical} -> {source}" for logical, source in target.mapping.items()
               if source not in names]  # fmt: skip
    if missing:
        raise ExtractError(
            f"{target.where()}: mapped columns not found: {', '.join(missing)}; {has}"
        )
    absent_keys = [k for k in target.key if k not in names]
    if absent_keys:
        raise ExtractError(
            f"{target.where()}: primary key columns not found: {', '.join(absent_keys)}; {has}"
        )
    required = [c for c in REQUIRED.get(target.entity, ()) if target.mapping.get(c, c) not in names]
    if required:
        raise ExtractError(
            f"{target.where()}: required columns of {target.entity} not found: "
            f"{', '.join(required)}; map them under columns: ({has})"
        )
    # A source column named like a logical column that the mapping fills from another one.
    clashes = [n for n in names if target.mapping.get(n, n) != n or n in LINEAGE_COLUMNS]
    if clashes:
        raise ExtractError(
            f"{target.where()}: source columns {', '.join(sorted(clashes))} clash with names the "
            "mapping or the lineage produces; rename or drop them (e.g. with a query:)"
        )


def describe(con, schema: pa.Schema, projection: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) of the SELECT list, from the stream's schema alone."""
    con.register("portrait_empty", schema.empty_table())
    try:
        described = con.execute(f"describe select {projection} from portrait_empty").fetchall()
    finally:
        con.unregister("portrait_empty")
    return [(column, dtype) for column, dtype, *_ in described]


def add_new_columns(con, columns: list[tuple[str, str]], entity: str) -> list[str]:
    """ALTER TABLE for output columns the raw table does not have yet."""
    existing = {c.lower() for c in table_columns(con, "raw", entity)}
    added = []
    for column, dtype in columns:
        if column.lower() not in existing:
            con.execute(f"alter table raw.{quote(entity)} add column {quote(column)} {dtype}")
            added.append(column)
    return added


def _as_text(f: pa.Field) -> str:
    column = quote(f.name)
    if pa.types.is_decimal(f.type) and f.type.scale > 0:
        # connectorx reads every MySQL DECIMAL as (38,10): '1.5000000000' -> '1.5'
        return f"rtrim(rtrim(cast({column} as varchar), '0'), '.')"
    return f"cast({column} as varchar)"


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def plain_field(f: pa.Field) -> pa.Field:
    return f.with_type(f.type.storage_type) if isinstance(f.type, pa.BaseExtensionType) else f


def plain_array(array: pa.Array) -> pa.Array:
    return array.storage if isinstance(array, pa.ExtensionArray) else array
