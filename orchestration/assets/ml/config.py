"""Run config of the ML assets and how it meets the project file's `params.ml`."""

import dataclasses

import dagster as dg
import pandas as pd
import pydantic

from ml.params import (
    AssociationParams,
    ChurnParams,
    ClusterParams,
    MlParams,
    ml_params,
    with_overrides,
)
from orchestration.resources import ProjectConfig

MART_DEPS = [
    dg.AssetKey(["marts", name])
    for name in ("fct_orders", "fct_order_lines", "fct_tickets", "fct_sessions", "dim_customers")
]


def _config_class(name: str, params: type) -> type[dg.Config]:
    """A run-config class whose fields and defaults are the params dataclass's."""
    fields = {
        f.name: (f.type, pydantic.Field(default=f.default)) for f in dataclasses.fields(params)
    }
    doc = f"Overrides of {params.__name__} (ml/params.py); unset fields keep the project config's."
    return pydantic.create_model(name, __base__=dg.Config, __doc__=doc, **fields)


ChurnConfig = _config_class("ChurnConfig", ChurnParams)
AssociationConfig = _config_class("AssociationConfig", AssociationParams)
ClusterConfig = _config_class("ClusterConfig", ClusterParams)


def resolve_params(project_config: ProjectConfig, config: dg.Config, group: str) -> MlParams:
    """Defaults, then the project file's `params.ml`, then fields set in this run's config.

    Only fields given explicitly in the run config win over the project file.
    """
    params = ml_params(project_config.load().params)
    explicit = {name: getattr(config, name) for name in config.model_fields_set}
    updated = with_overrides(getattr(params, group), explicit, f"run config ({group})")
    return dataclasses.replace(params, **{group: updated})


def markdown(frame: pd.DataFrame, rows: int = 5) -> dg.MetadataValue:
    return dg.MetadataValue.md(frame.head(rows).to_markdown(index=False))
