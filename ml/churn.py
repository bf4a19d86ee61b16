"""The churn model: calibrated logistic regression on point-in-time features.

Counts and amounts are log-scaled (a customer with 40 orders is not 20 times
as loyal as one with 2), missing interval statistics of single-purchase
customers are imputed with the training median while `is_single_purchase`
carries the fact itself, and features are standardized so that
coefficient x value is each feature's contribution to the log-odds (the reasons).
"""

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from ml.features import FEATURES
from ml.params import DEFAULTS, ChurnParams

MODEL_FAMILY = "churn-logreg-v1"
BASELINE = ["recency_days"]
LOG_SCALED = {
    "recency_days",
    "tenure_days",
    "orders_lifetime",
    "orders_365d",
    "spend_365d",
    "avg_order_value",
    "mean_interval_days",
    "overdue_ratio",
    "complaints_180d",
    "tickets_90d",
    "sessions_30d",
}


@dataclass(frozen=True)
class ChurnModel:
    """A fitted logistic pipeline (it explains), its calibration (it predicts), a version."""

    features: tuple[str, ...]
    pipeline: Pipeline
    calibrated: CalibratedClassifierCV
    version: str


def model_matrix(frame: pd.DataFrame, features: tuple[str, ...]) -> np.ndarray:
    """Features in model order, skewed ones as log(1 + max(x, 0))."""
    columns = []
    for name in features:
        values = frame[name].to_numpy(dtype=float, na_value=np.nan)
        columns.append(np.log1p(np.clip(values, 0, None)) if name in LOG_SCALED else values)
    return np.column_stack(columns)


def _pipeline(params: ChurnParams) -> Pipeline:
    return Pipeline(
        [
            ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
            ("scale", StandardScaler()),
            ("logreg", LogisticRegression(C=params.regularization_c, max_iter=1000)),
        ]
    )


def fit_churn_model(
    frame: pd.DataFrame,
    labels: pd.Series,
    params: ChurnParams = DEFAULTS.churn,
    features: tuple[str, ...] = tuple(FEATURES),
) -> ChurnModel:
    """Fit the logistic pipeline on all labelled rows, then calibrate it to the latest month.

    Churn rates drift (seasons, an ageing customer base), so the calibrator is fitted
    on the most recent labelled as-of date: the probability then means what it meant
    last month. With a single labelled date, folds grouped by customer (one
    customer's rows on one side) give the calibrator out-of-sample predictions instead.
    """
    if labels.nunique() < 2 or len(labels) < params.min_training_rows:
        raise ValueError(
            f"churn training needs both outcomes and >= {params.min_training_rows} rows; "
            f"got {len(labels)} rows, {labels.nunique()} outcome(s)"
        )
    matrix, target = model_matrix(frame, features), labels.to_numpy()
    latest = (frame["as_of_date"] == frame["as_of_date"].max()).to_numpy()
    # Matrices of ~20 columns: BLAS threads cost more in hand-offs than they save (7x here).
    with threadpool_limits(1, user_api="blas"):
        pipeline = _pipeline(params).fit(matrix, target)
        if not latest.all() and len(np.unique(target[latest])) == 2:
            calibrated = CalibratedClassifierCV(
                FrozenEstimator(pipeline), method=params.calibration_method
            ).fit(matrix[latest], target[latest])
        else:
            groups = frame["customer_id"].to_numpy()
            folds = min(params.calibration_folds, len(np.unique(groups)))
            splits = list(GroupKFold(n_splits=folds).split(matrix, target, groups))
            calibrated = CalibratedClassifierCV(
                _pipeline(params), method=params.calibration_method, cv=splits, ensemble=False
            ).fit(matrix, target)
    return ChurnModel(tuple(features), pipeline, calibrated, _version(pipeline, features))


def _version(pipeline: Pipeline, features: tuple[str, ...]) -> str:
    """Family plus a digest of the fitted coefficients: equal digests, equal models."""
    logreg = pipeline.named_steps["logreg"]
    payload = ",".join(features) + repr(np.round(logreg.coef_, 6).tolist())
    return f"{MODEL_FAMILY}+{hashlib.sha256(payload.encode()).hexdigest()[:10]}"


def predict_churn(model: ChurnModel, frame: pd.DataFrame) -> np.ndarray:
    """Calibrated churn probability per row."""
    return model.calibrated.predict_proba(model_matrix(frame, model.features))[:, 1]


def standardized_values(model: ChurnModel, frame: pd.DataFrame) -> np.ndarray:
    """Per row and feature: the imputed, scaled value the logistic regression sees."""
    steps = model.pipeline.named_steps
    return steps["scale"].transform(steps["impute"].transform(model_matrix(frame, model.features)))


def coefficients(model: ChurnModel) -> np.ndarray:
    """Logistic coefficients in feature order (log-odds per standard deviation)."""
    return model.pipeline.named_steps["logreg"].coef_[0]


def bands(scores: np.ndarray, params: ChurnParams = DEFAULTS.churn) -> np.ndarray:
    """high / medium / low from the 0-100 score and the configured band floors."""
    return np.select(
        [scores >= params.high_band_min_score, scores >= params.medium_band_min_score],
        ["high", "medium"],
        default="low",
    )


def churn_scores(probabilities: np.ndarray) -> np.ndarray:
    """round(100 x p) as an integer 0-100."""
    return np.rint(100 * np.asarray(probabilities)).astype(int)
