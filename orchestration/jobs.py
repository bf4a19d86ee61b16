"""Jobs: the monthly refresh of the whole graph."""

import dagster as dg

# The whole graph; its partitions (one per as-of month) come from the assets.
monthly_refresh = dg.define_asset_job(
    name="monthly_refresh",
    selection=dg.AssetSelection.all(),
    description="Extract, clean, tag, score, check and publish as of one month end.",
    # Queued behind any other warehouse writer (see the run queue in dagster.yaml).
    tags={"portrait/warehouse": "write"},
)
