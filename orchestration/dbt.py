"""dbt models as Dagster assets: one translator, one partitioned @dbt_assets."""

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.partitions import as_of_date, monthly_partitions
from orchestration.resources import DBT_PROJECT_DIR, ProjectConfig, Warehouse

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# `dagster dev` re-parses on load; `portrait prepare` (run by the CLI and the Makefile) does it
# otherwise, so nothing touches dbt when this module is imported by a deployed process.
dbt_project.prepare_if_dev()


class PortraitTranslator(DagsterDbtTranslator):
    """Models are keyed [schema, model] and grouped by their top-level folder (layer)."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "marts"


def dbt_vars(as_of: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The --vars of a run: the as-of date plus any dbt overrides from the project config."""
    return {**(params.get("dbt") or {}), "as_of_date": as_of}


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=PortraitTranslator(),
    partitions_def=monthly_partitions,
    # One as-of month per run: the month end is a single dbt var, so a backfill of
    # several months must run them one by one (dagster-dbt would otherwise batch them).
    backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=1),
)
def dbt_models(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> Iterator[Any]:
    """Build (run + test) the selected dbt models as of the partition's month end."""
    path = Path(warehouse.path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)  # seeds may run before any extract
    os.environ["PORTRAIT_WAREHOUSE"] = str(path)
    # Dagster runs the dbt graph in several steps (ML assets sit between dbt models), so a test
    # must wait until all of its parents are built, not run with the first one ("eager").
    os.environ["DBT_INDIRECT_SELECTION"] = "buildable"
    # dbt unit tests check SQL logic, not data; `make test` runs them, monthly runs need not.
    os.environ["DBT_EXCLUDE_RESOURCE_TYPES"] = "unit_test"
    variables = dbt_vars(as_of_date(context).isoformat(), project_config.load().params)
    # A private target folder per run, removed afterwards: dagster-dbt would otherwise leave
    # one folder per run under dbt_project/target.
    target = Path(tempfile.mkdtemp(prefix="dbt-run-"))
    try:
        invocation = dbt.cli(
            ["build", "--vars", json.dumps(variables)], context=context, target_path=target
        )
        yield from invocation.stream()
    finally:
        shutil.rmtree(target, ignore_errors=True)
