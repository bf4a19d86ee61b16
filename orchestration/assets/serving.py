"""Serving: swap a fresh, masked copy of the published tables in for BI readers."""

from pathlib import Path

import dagster as dg

from orchestration.partitions import monthly_partitions
from orchestration.resources import ProjectConfig, Warehouse
from portrait.serving import PUBLISHED_TABLES, publish


def published_asset(upstream: set[dg.AssetKey]) -> dg.AssetsDefinition:
    """The publish asset, depending on those published tables the graph produces."""
    deps = [dg.AssetKey(list(pair)) for pair in PUBLISHED_TABLES]

    @dg.asset(
        key=["serving", "published"],
        group_name="serving",
        deps=[key for key in deps if key in upstream],
        partitions_def=monthly_partitions,
        kinds={"duckdb"},
    )
    def published(
        context: dg.AssetExecutionContext, warehouse: Warehouse, project_config: ProjectConfig
    ) -> dg.MaterializeResult:
        """Atomically replace the BI serving file with the masked published tables."""
        result = publish(Path(warehouse.path), project_config.load().serving)
        context.log.info(f"published {len(result.tables)} tables to {result.path}")
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(result.path)),
                "tables": dg.MetadataValue.json(result.tables),
                "seconds": round(result.seconds, 2),
            }
        )

    return published
