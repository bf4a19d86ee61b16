"""Churn assets: scores with reasons, and the model's backtest metrics beside a baseline."""

from collections.abc import Iterator

import dagster as dg
import pandas as pd

from ml.churn_scoring import ChurnResult, NotEnoughHistory, score_churn
from ml.features import events_since
from ml.labels import training_as_of_dates
from ml.outputs import TABLES
from ml.report import calibration_side_by_side, metrics_side_by_side
from orchestration.assets.ml.config import MART_DEPS, ChurnConfig, markdown, resolve_params
from orchestration.assets.ml.warehouse_io import read_facts, replace_rows
from orchestration.partitions import as_of_date, monthly_partitions
from orchestration.resources import ProjectConfig, Warehouse

# Table -> the ChurnResult field holding its rows.
KEYS = {"churn_scores": "scores", "churn_model_metrics": "metrics"}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["ml", "churn_scores"],
            deps=MART_DEPS,
            description="Churn probability, 0-100 score, band and top reasons per customer.",
        ),
        dg.AssetSpec(
            ["ml", "churn_model_metrics"],
            deps=MART_DEPS,
            description="Backtest metrics of the churn model beside a recency-only baseline.",
        ),
    ],
    name="ml__churn",
    group_name="ml",
    partitions_def=monthly_partitions,
)
def churn(
    context: dg.AssetExecutionContext,
    config: ChurnConfig,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> Iterator[dg.MaterializeResult]:
    """Train on earlier labelled month ends, backtest against recency, score the as-of date."""
    as_of = as_of_date(context)
    params = resolve_params(project_config, config, "churn")
    churn = params.churn
    training = training_as_of_dates(as_of, churn.horizon_days, churn.training_as_of_count)
    with warehouse.connect(read_only=True) as con:
        facts = read_facts(con, as_of, events_since(min(training, default=as_of), params.features))
    try:
        result = score_churn(facts, as_of, params)
    except NotEnoughHistory as exc:
        context.log.warning(f"churn not scored: {exc}")
        result, skipped = None, str(exc)
    with warehouse.connect() as con:
        for table in KEYS:
            rows = (
                getattr(result, KEYS[table]) if result else pd.DataFrame(columns=[*TABLES[table]])
            )
            replace_rows(con, table, rows, as_of)
    if result is None:
        for table in KEYS:
            yield dg.MaterializeResult(
                asset_key=["ml", table], metadata={"status": f"skipped: {skipped}"}
            )
        return
    yield dg.MaterializeResult(asset_key=["ml", "churn_scores"], metadata=_scores_metadata(result))
    yield dg.MaterializeResult(
        asset_key=["ml", "churn_model_metrics"], metadata=_metrics_metadata(result)
    )


def _scores_metadata(result: ChurnResult) -> dict:
    scores = result.scores
    top = scores.nlargest(5, "churn_probability")
    return {
        "dagster/row_count": len(scores),
        "model_version": result.model_version,
        "bands": dg.MetadataValue.json(scores["churn_band"].value_counts().to_dict()),
        "mean_probability": float(scores["churn_probability"].mean()),
        "preview": markdown(top[["customer_id", "churn_score", "churn_band", "churn_reasons"]]),
    }


def _metrics_metadata(result: ChurnResult) -> dict:
    metrics = result.metrics.set_index("model")
    model = metrics.loc["logistic_regression"]
    return {
        "dagster/row_count": len(metrics),
        "model_version": result.model_version,
        "training_window": f"{model['training_from']}..{model['training_to']}",
        "backtest_split": str(model["backtest_split"]),
        "roc_auc": float(model["roc_auc"]),
        "baseline_roc_auc": float(metrics.loc["recency_baseline", "roc_auc"]),
        "brier": float(model["brier"]),
        "calibration_error": float(model["calibration_error"]),
        "model_vs_baseline": markdown(metrics_side_by_side(result.metrics), 10),
        "calibration": markdown(calibration_side_by_side(result.metrics), 20),
    }
