"""Portrait's code location: every asset, check, job, schedule and sensor, assembled once."""

import dagster as dg

from orchestration.assets.raw import raw_sources
from orchestration.assets.serving import published_asset
from orchestration.dbt import dbt_models
from orchestration.jobs import monthly_refresh
from orchestration.resources import build_resources
from orchestration.schedules import monthly_refresh_schedule

upstream_assets = [raw_sources, dbt_models]
upstream_keys = {key for asset in upstream_assets for key in asset.keys}

defs = dg.Definitions(
    assets=[*upstream_assets, published_asset(upstream_keys)],
    jobs=[monthly_refresh],
    schedules=[monthly_refresh_schedule],
    resources=build_resources(),
    # One process: DuckDB has a single writer, and dbt runs as a child process between steps.
    executor=dg.in_process_executor,
)
