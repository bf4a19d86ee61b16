"""Extract assets: every configured source system lands in the DuckDB `raw` schema."""

from collections import defaultdict
from collections.abc import Iterator

import dagster as dg

from orchestration.partitions import monthly_partitions
from orchestration.resources import ProjectConfig, Warehouse
from portrait.extract import ENTITIES, absent_entities, extract, parse_sources


class ExtractConfig(dg.Config):
    """Run-time options of an extract."""

    full_refresh: bool = False


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", entity],
            group_name="raw",
            description=f"Raw `{entity}` rows from every source mapped to it, with lineage.",
            kinds={"duckdb"},
            skippable=True,
        )
        for entity in ENTITIES
    ],
    partitions_def=monthly_partitions,
    can_subset=True,
)
def raw_sources(
    context: dg.AssetExecutionContext,
    config: ExtractConfig,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> Iterator[dg.MaterializeResult]:
    """Extract every configured source (incremental by cursor unless full_refresh)."""
    project = project_config.load()
    specs = parse_sources(project.sources, project.dir)
    selected = {key.path[-1] for key in context.selected_asset_keys}
    results = defaultdict(list)
    with warehouse.connect() as con:
        for spec in specs.values():
            for result in extract(spec, con, config.full_refresh, entities=selected):
                results[result.entity].append(result)
        absent = set(absent_entities(specs, con))
        counts = {
            entity: con.execute(f'select count(*) from raw."{entity}"').fetchone()[0]
            for entity in selected
        }
    if absent:
        context.log.warning(f"absent sources, dependent tags will be 未知: {sorted(absent)}")
    for entity in sorted(selected):
        loaded = results.get(entity, [])
        yield dg.MaterializeResult(
            asset_key=["raw", entity],
            metadata={
                "dagster/row_count": counts[entity],
                "rows_loaded_this_run": sum(r.rows_loaded for r in loaded),
                "sources": ", ".join(sorted({r.source for r in loaded})) or "absent",
                "absent": entity in absent,
            },
        )
