"""Backtest metrics: ranking (ROC AUC, average precision) and calibration (Brier, bins)."""

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score


def calibration_table(y_true: np.ndarray, y_prob: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Equal-count bins by predicted probability: mean prediction vs observed rate.

    Equal-count (not equal-width) bins, so every bin has enough customers for its
    observed rate to mean something even when predictions bunch up.
    """
    order = np.argsort(y_prob, kind="stable")
    rows = []
    for number, part in enumerate(np.array_split(order, bins), start=1):
        if len(part) == 0:
            continue
        rows.append(
            {
                "bin": number,
                "customers": len(part),
                "mean_predicted": float(np.mean(y_prob[part])),
                "observed": float(np.mean(y_true[part])),
            }
        )
    return pd.DataFrame(rows)


def calibration_error(table: pd.DataFrame) -> float:
    """Mean |predicted - observed| over the bins."""
    return float(np.mean(np.abs(table["mean_predicted"] - table["observed"])))


def evaluate(y_true: np.ndarray, y_prob: np.ndarray, bins: int = 10) -> dict:
    """ROC AUC, average precision, Brier, calibration error and table for one model."""
    y_true = np.asarray(y_true, dtype=int)
    y_prob = np.asarray(y_prob, dtype=float)
    table = calibration_table(y_true, y_prob, bins)
    both = len(np.unique(y_true)) == 2
    return {
        "roc_auc": float(roc_auc_score(y_true, y_prob)) if both else float("nan"),
        "average_precision": float(average_precision_score(y_true, y_prob))
        if both
        else float("nan"),
        "brier": float(brier_score_loss(y_true, y_prob)),
        "calibration_error": calibration_error(table),
        "base_rate": float(np.mean(y_true)),
        "calibration": table.to_dict("records"),
    }
