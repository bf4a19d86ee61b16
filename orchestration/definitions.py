"""Portrait's code location: every asset, check, job, schedule and sensor, assembled once."""

import dagster as dg

from orchestration.assets.imports import raw_imports
from orchestration.assets.ml import ml_assets
from orchestration.assets.raw import raw_sources
from orchestration.assets.serving import published_asset
from orchestration.checks import build_quality_checks
from orchestration.dbt import dbt_models
from orchestration.jobs import monthly_refresh
from orchestration.resources import build_resources
from orchestration.schedules import monthly_refresh_schedule
from orchestration.sensors import import_files_sensor, import_job

upstream_assets = [raw_sources, raw_imports, dbt_models, *ml_assets]
upstream_keys = {key for asset in upstream_assets for key in asset.keys}

defs = dg.Definitions(
    assets=[*upstream_assets, published_asset(upstream_keys)],
    asset_checks=build_quality_checks(asset_keys=upstream_keys),
    jobs=[monthly_refresh, import_job],
    schedules=[monthly_refresh_schedule],
    sensors=[import_files_sensor],
    resources=build_resources(),
    # One process: DuckDB has a single writer, and dbt runs as a child process between steps.
    executor=dg.in_process_executor,
)
