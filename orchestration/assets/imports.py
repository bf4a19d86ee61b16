"""Template imports as assets: validated spreadsheet rows land in raw.import_*."""

from collections.abc import Iterator

import dagster as dg

from orchestration.partitions import monthly_partitions
from orchestration.resources import ProjectConfig, Warehouse
from portrait.imports import ImportFileError, default_reports_dir
from portrait.imports.folder import import_folder

TEMPLATE_TABLES = ("import_customers", "import_purchases")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", table],
            group_name="raw",
            description=f"Template rows that passed validation ({table}); rejects are kept "
            "in quality.rejected_rows.",
            kinds={"duckdb"},
        )
        for table in TEMPLATE_TABLES
    ],
    partitions_def=monthly_partitions,
)
def raw_imports(
    context: dg.AssetExecutionContext, warehouse: Warehouse, project_config: ProjectConfig
) -> Iterator[dg.MaterializeResult]:
    """Import every not-yet-imported template in the imports folder (checksum-deduplicated)."""
    project = project_config.load()
    with warehouse.connect() as con:
        outcomes = import_folder(project.imports_dir, con, default_reports_dir(project))
        counts = {
            table: con.execute(f"select count(*) from raw.{table}").fetchone()[0]
            for table in TEMPLATE_TABLES
        }
    files = []
    for outcome in outcomes:
        if isinstance(outcome, ImportFileError):
            context.log.error(str(outcome))
            files.append({"error": str(outcome)})
        elif outcome.duplicate_of is None:
            files.append(
                {
                    "file": outcome.file.name,
                    "read": outcome.rows_read,
                    "accepted": outcome.rows_accepted,
                    "rejected": outcome.rows_rejected,
                }
            )
    for table in TEMPLATE_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", table],
            metadata={
                "dagster/row_count": counts[table],
                "files_imported_this_run": dg.MetadataValue.json(files),
            },
        )
