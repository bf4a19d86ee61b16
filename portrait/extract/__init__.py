"""Extract: configured source systems -> DuckDB `raw.<entity>` tables, with lineage.

    specs = parse_sources(project.sources, project.dir)
    for spec in specs.values():
        extract(spec, con, full_refresh=False)   # one ExtractResult per table / file drop
    absent_entities(specs, con)   # names what no source fed; records raw._absent_entities

Every raw table exists after `extract` or `absent_entities(specs, con)` (empty when
absent), so dbt always compiles.
"""

from portrait.extract.absent import absent_entities
from portrait.extract.entities import (
    ENTITIES,
    ENTITY_COLUMNS,
    IMPORT_COLUMNS,
    LINEAGE_COLUMNS,
    RAW_TABLES,
    REQUIRED,
    ensure_raw_tables,
)
from portrait.extract.errors import ExtractError
from portrait.extract.run import ExtractResult, extract
from portrait.extract.sources import parse_sources
from portrait.extract.spec import FileSpec, SourceConfigError, SourceSpec, TableSpec

__all__ = [
    "ENTITIES",
    "ENTITY_COLUMNS",
    "IMPORT_COLUMNS",
    "LINEAGE_COLUMNS",
    "RAW_TABLES",
    "REQUIRED",
    "ExtractError",
    "ExtractResult",
    "FileSpec",
    "SourceConfigError",
    "SourceSpec",
    "TableSpec",
    "absent_entities",
    "ensure_raw_tables",
    "extract",
    "parse_sources",
]
