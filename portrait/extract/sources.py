"""The `sources:` section of the project config, validated into typed specs.

Names in `primary_key` and `cursor` are source column names; a logical name
that `columns` maps is translated, so either spelling works.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from portrait.config import expand_env
from portrait.extract.entities import RAW_TABLES
from portrait.extract.spec import (
    FileSpec,
    SourceConfigError,
    SourceSpec,
    TableSpec,
    redact_url,
)

DIALECTS = {
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
}
FILE_FORMATS = ("csv", "xlsx", "jsonl", "parquet")
_SOURCE_KEYS = {
    "sql": {"kind", "url", "tables"},
    "files": {"kind", "entity", "glob", "format", "encoding", "primary_key", "columns", "sheet"},
}
_TABLE_KEYS = {"entity", "table", "query", "name", "primary_key", "cursor", "columns"}


def parse_sources(sources: Mapping[str, Any], base_dir: Path) -> dict[str, SourceSpec]:
    """Validate the `sources:` mapping of a project config into specs, by source name."""
    if not isinstance(sources, Mapping):
        raise SourceConfigError("sources: expected a mapping of source name to settings")
    sources = expand_env(dict(sources), "sources")
    base_dir = Path(base_dir).resolve()
    specs = {}
    for name, raw in sources.items():
        where = f"source {name}"
        if not isinstance(raw, Mapping):
            raise SourceConfigError(f"{where}: expected a mapping of settings")
        kind = raw.get("kind")
        if kind not in _SOURCE_KEYS:
            raise SourceConfigError(f"{where}: kind: expected 'sql' or 'files', got {kind!r}")
        _no_unknown_keys(raw, _SOURCE_KEYS[kind], where)
        parse = _parse_sql if kind == "sql" else _parse_files
        specs[str(name)] = parse(str(name), raw, base_dir)
    return specs


def _parse_sql(name: str, raw: Mapping[str, Any], base_dir: Path) -> SourceSpec:
    where = f"source {name}"
    url, dialect = _normalize_url(_text(raw, "url", where), base_dir, where)
    tables = raw.get("tables")
    if not isinstance(tables, list) or not tables:
        raise SourceConfigError(f"{where}: tables: expected a non-empty list")
    specs = tuple(_parse_table(item, f"{where}: tables[{i}]") for i, item in enumerate(tables))
    seen = [t.object_name for t in specs]
    if len(set(seen)) != len(seen):
        raise SourceConfigError(f"{where}: tables: the same table or query name twice: {seen}")
    return SourceSpec(name, "sql", base_dir, url=url, dialect=dialect, tables=specs)


def _parse_table(raw: Any, where: str) -> TableSpec:
    if not isinstance(raw, Mapping):
        raise SourceConfigError(f"{where}: expected a mapping with entity and table or query")
    _no_unknown_keys(raw, _TABLE_KEYS, where)
    entity = _entity(raw, where)
    table, query = raw.get("table"), raw.get("query")
    if bool(table) == bool(query):
        raise SourceConfigError(f"{where}: give exactly one of 'table' or 'query'")
    columns = _columns(raw, entity, where)
    key = _names(raw.get("primary_key"), columns, f"{where}: primary_key")
    if not key:
        raise SourceConfigError(f"{where}: primary_key: required (re-runs merge on it)")
    cursor = _names(raw.get("cursor"), columns, f"{where}: cursor")
    if len(cursor) > 1:
        raise SourceConfigError(f"{where}: cursor: expected one column, got {list(cursor)}")
    object_name = str(table) if table else str(raw.get("name") or f"{entity}_query")
    return TableSpec(
        entity,
        object_name,
        table and str(table),
        query and str(query),
        key,
        cursor[0] if cursor else None,
        columns,
    )


def _parse_files(name: str, raw: Mapping[str, Any], base_dir: Path) -> SourceSpec:
    where = f"source {name}"
    entity = _entity(raw, where)
    pattern = _text(raw, "glob", where)
    fmt = raw.get("format") or Path(pattern).suffix.lstrip(".").lower()
    if fmt not in FILE_FORMATS:
        raise SourceConfigError(f"{where}: format: expected one of {FILE_FORMATS}, got {fmt!r}")
    encoding = raw.get("encoding")
    if encoding is not None:
        try:
            "".encode(str(encoding))
        except LookupError:
            raise SourceConfigError(f"{where}: encoding: unknown encoding {encoding!r}") from None
    columns = _columns(raw, entity, where)
    key = _names(raw.get("primary_key"), columns, f"{where}: primary_key")
    glob = pattern if Path(pattern).is_absolute() else str(base_dir / pattern)
    sheet = raw.get("sheet")
    files = FileSpec(
        entity, glob, fmt, encoding and str(encoding), key, columns, sheet and str(sheet)
    )
    return SourceSpec(name, "files", base_dir, files=files)


def _normalize_url(url: str, base_dir: Path, where: str) -> tuple[str, str]:
    """SQLAlchemy-style URL -> (driver URL, dialect); sqlite paths made absolute."""
    scheme, sep, rest = url.partition("://")
    dialect = DIALECTS.get(scheme.split("+")[0].lower())
    if not sep or dialect is None:
        raise SourceConfigError(
            f"{where}: url: expected postgresql://, mysql://, mariadb:// or sqlite:///, "
            f"got {redact_url(url)!r}"
        )
    if dialect != "sqlite":
        return f"{'postgresql' if dialect == 'postgresql' else 'mysql'}://{rest}", dialect
    path = Path(rest[1:]) if rest.startswith("/") else Path(rest)
    path = path if path.is_absolute() else base_dir / path
    if not path.is_file():
        raise SourceConfigError(f"{where}: url: SQLite file not found: {path}")
    return f"sqlite://{path.resolve()}", dialect


def _entity(raw: Mapping[str, Any], where: str) -> str:
    entity = raw.get("entity")
    if entity not in RAW_TABLES:
        raise SourceConfigError(
            f"{where}: entity: expected one of {list(RAW_TABLES)}, got {entity!r}"
        )
    return str(entity)


def _columns(raw: Mapping[str, Any], entity: str, where: str) -> dict[str, str]:
    columns = raw.get("columns") or {}
    if not isinstance(columns, Mapping):
        raise SourceConfigError(f"{where}: columns: expected a mapping logical_name: source")
    unknown = sorted(set(columns) - set(RAW_TABLES[entity]))
    if unknown:
        raise SourceConfigError(
            f"{where}: columns: {unknown} are not logical columns of {entity}; "
            f"expected some of {list(RAW_TABLES[entity])}"
        )
    return {str(k): str(v) for k, v in columns.items()}


def _names(value: Any, columns: Mapping[str, str], where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise SourceConfigError(f"{where}: expected a column name or a list of them")
    return tuple(columns.get(n, n) for n in names)


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SourceConfigError(f"{where}: {key}: required, expected text")
    return value.strip()


def _no_unknown_keys(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise SourceConfigError(f"{where}: unknown settings {unknown}; allowed: {sorted(allowed)}")
