"""Small summaries of ML results for people (asset metadata, the benchmark)."""

import pandas as pd

METRICS = ["roc_auc", "average_precision", "brier", "calibration_error", "base_rate"]


def metrics_side_by_side(metrics: pd.DataFrame) -> pd.DataFrame:
    """One row per metric, one column per model (model, baseline)."""
    table = metrics.set_index("model")[METRICS].T.astype(float).round(4)
    return table.rename_axis("metric").reset_index()


def calibration_side_by_side(metrics: pd.DataFrame) -> pd.DataFrame:
    """The 10 calibration bins of model and baseline next to each other."""
    tables = {row.model: pd.DataFrame(list(row.calibration)) for row in metrics.itertuples()}
    model, baseline = tables["logistic_regression"], tables["recency_baseline"]
    return pd.DataFrame(
        {
            "bin": model["bin"],
            "customers": model["customers"],
            "model_predicted": model["mean_predicted"].round(3),
            "model_observed": model["observed"].round(3),
            "baseline_predicted": baseline["mean_predicted"].round(3),
            "baseline_observed": baseline["observed"].round(3),
        }
    )
