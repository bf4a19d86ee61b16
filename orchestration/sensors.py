"""Sensors: a spreadsheet dropped into the project's imports folder is validated and loaded."""

import hashlib
import json
import time
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.resources import ProjectConfig, Warehouse
from portrait.imports import ImportFileError, default_reports_dir, import_file, template_files
from portrait.imports.cli import customers_first

# A file modified this recently may still be being copied in; look again next tick.
SETTLE_SECONDS = 5
# DuckDB has one writer: while the monthly run holds the warehouse, wait and retry.
LOCK_RETRIES, LOCK_WAIT_SECONDS = 20, 30
WAREHOUSE_TAG = {"portrait/warehouse": "write"}


class ImportFileConfig(dg.Config):
    """Which file to import, and (optionally) which template it is."""

    path: str
    template: str | None = None


@dg.op(tags=WAREHOUSE_TAG, out={})
def import_template_file(
    context: dg.OpExecutionContext,
    config: ImportFileConfig,
    warehouse: Warehouse,
    project_config: ProjectConfig,
):
    """Validate one template file and load its accepted rows into raw.import_*."""
    path = Path(config.path)
    try:
        with warehouse.connect() as con:
            result = import_file(
                path, con, config.template, default_reports_dir(project_config.load())
            )
    except ImportFileError as exc:
        raise dg.Failure(description=str(exc), metadata={"file": str(path)}) from None
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        # The monthly run holds the warehouse: try again in a while, the file waits.
        raise dg.RetryRequested(LOCK_RETRIES, LOCK_WAIT_SECONDS) from exc
    if result.duplicate_of is not None:
        context.log.info(f"{path.name}: same content as {result.duplicate_of[0]}; skipped")
        return
    yield dg.AssetMaterialization(
        asset_key=["raw", f"import_{result.template}"],
        description=f"Rows of {path.name} that passed template validation.",
        metadata={
            "file": path.name,
            "rows_read": result.rows_read,
            "rows_accepted": result.rows_accepted,
            "rows_rejected": result.rows_rejected,
            "reasons": dg.MetadataValue.json(result.reasons),
            "error_report": str(result.report_path or ""),
        },
    )


@dg.job(tags=WAREHOUSE_TAG, description="Import one customer or purchase template file.")
def import_job():
    import_template_file()


@dg.sensor(
    job=import_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING
)
def import_files_sensor(
    context: dg.SensorEvaluationContext, project_config: ProjectConfig
) -> dg.SensorResult:
    """Request one import run per new or changed spreadsheet in the imports folder."""
    folder = project_config.load().imports_dir
    seen: dict[str, list] = json.loads(context.cursor) if context.cursor else {}
    fresh = []
    for path in template_files(folder):
        stat = path.stat()
        if time.time() - stat.st_mtime < SETTLE_SECONDS:
            continue
        stamp = [stat.st_mtime_ns, stat.st_size]
        known = seen.get(path.name)
        if known is not None and known[:2] == stamp:
            continue
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        seen[path.name] = [*stamp, checksum]
        if known is None or known[2] != checksum:
            fresh.append((path, checksum))
    order = {path: i for i, path in enumerate(customers_first([p for p, _ in fresh], None))}
    requests = [
        dg.RunRequest(
            run_key=checksum,  # the same content never runs twice, whatever its name
            run_config={"ops": {"import_template_file": {"config": {"path": str(path)}}}},
            tags={"portrait/import_file": path.name},
        )
        for path, checksum in sorted(fresh, key=lambda item: order[item[0]])
    ]
    skip = None if requests else f"no new spreadsheets in {folder}"
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen), skip_reason=skip)
