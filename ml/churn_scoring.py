"""One churn refresh: train on labelled earlier month ends, backtest, score the as-of date."""

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit

from ml.churn import BASELINE, bands, churn_scores, fit_churn_model, predict_churn
from ml.evaluation import evaluate
from ml.features import FEATURES, Facts, build_features
from ml.labels import churn_labels, training_as_of_dates
from ml.params import DEFAULTS, MlParams
from ml.reasons import explain


class NotEnoughHistory(ValueError):
    """No earlier month end has a complete label window (or too few rows to learn from)."""


@dataclass(frozen=True)
class ChurnResult:
    """Scores for the as-of date and the backtest metrics of model and baseline."""

    scores: pd.DataFrame
    metrics: pd.DataFrame
    model_version: str


def feature_frames(facts: Facts, as_of: dt.date, params: MlParams):
    """(features as of `as_of` for everyone, features at the training month ends, those dates).

    Training rows are capped anyway, so at the month ends only a share of customers
    is built at all: 1.5x what the cap needs if every month had today's living base.
    """
    churn = params.churn
    first = facts.first_purchase_at()
    earliest = first.date() if first else as_of
    dates = training_as_of_dates(as_of, churn.horizon_days, churn.training_as_of_count, earliest)
    current = build_features(facts, [as_of], params.features)
    living = int((current["recency_days"] <= churn.learn_max_recency_days).sum())
    share = min(1.0, 1.5 * churn.max_training_rows / max(1, living * len(dates)))
    history = build_features(facts, dates, params.features, share)
    return current, history, dates


def labelled_rows(history: pd.DataFrame, facts: Facts, as_of: dt.date, params: MlParams):
    """The (sampled) training rows of the living base and their churn labels."""
    learnable = history["recency_days"] <= params.churn.learn_max_recency_days
    train = history[learnable].reset_index(drop=True)
    if len(train) > params.churn.max_training_rows:
        train = train.sample(params.churn.max_training_rows, random_state=params.churn.random_seed)
        train = train.reset_index(drop=True)
    labels = churn_labels(
        facts.orders, train, params.churn.horizon_days, params.features.purchase_status
    )
    if len(train) < params.churn.min_training_rows or labels.nunique() < 2:
        raise NotEnoughHistory(
            f"as of {as_of}: {len(train)} labelled rows with {labels.nunique()} outcome(s); "
            f"need >= {params.churn.min_training_rows} and both outcomes"
        )
    return train, labels


def _backtest_split(train: pd.DataFrame, labels: pd.Series, seed: int) -> tuple[np.ndarray, str]:
    """Test on the latest labelled month end if two or more exist, else on held-out customers."""
    dates = sorted(train["as_of_date"].unique())
    if len(dates) >= 2:
        test = (train["as_of_date"] == dates[-1]).to_numpy()
        if labels[test].nunique() == 2 and labels[~test].nunique() == 2:
            return test, f"time: trained on {dates[0]}..{dates[-2]}, tested on {dates[-1]}"
    splitter = GroupShuffleSplit(n_splits=1, test_size=0.3, random_state=seed)
    _, test_index = next(splitter.split(train, labels, train["customer_id"]))
    test = np.zeros(len(train), dtype=bool)
    test[test_index] = True
    return test, "customers: 30% of customers held out (one labelled month end)"


def backtest(train: pd.DataFrame, labels: pd.Series, params: MlParams) -> pd.DataFrame:
    """Model and recency-only baseline fitted and evaluated on the same split."""
    test, split = _backtest_split(train, labels, params.churn.random_seed)
    rows = []
    for name, features in (
        ("logistic_regression", tuple(FEATURES)),
        ("recency_baseline", tuple(BASELINE)),
    ):
        model = fit_churn_model(train[~test], labels[~test], params.churn, features)
        probabilities = predict_churn(model, train[test])
        metrics = evaluate(labels[test].to_numpy(), probabilities, params.churn.calibration_bins)
        rows.append(
            {
                "model": name,
                "backtest_split": split,
                "train_rows": int((~test).sum()),
                "test_rows": int(test.sum()),
                **metrics,
            }
        )
    return pd.DataFrame(rows)


def score_frame(model, current: pd.DataFrame, as_of: dt.date, params: MlParams) -> pd.DataFrame:
    """The ml.churn_scores rows for the customers in `current`."""
    probabilities = predict_churn(model, current)
    scores = churn_scores(probabilities)
    return pd.DataFrame(
        {
            "customer_id": current["customer_id"].to_numpy(),
            "as_of_date": as_of,
            "churn_probability": probabilities,
            "churn_score": scores,
            "churn_band": bands(scores, params.churn),
            "churn_reasons": explain(model, current, params.churn.reason_count),
            "model_version": model.version,
        }
    )


def score_churn(facts: Facts, as_of: dt.date, params: MlParams = DEFAULTS) -> ChurnResult:
    """Train on earlier labelled month ends, backtest against the baseline, score `as_of`."""
    current, history, dates = feature_frames(facts, as_of, params)
    if not dates:
        raise NotEnoughHistory(
            f"as of {as_of}: no month end with a finished "
            f"{params.churn.horizon_days}-day label window"
        )
    train, labels = labelled_rows(history, facts, as_of, params)
    metrics = backtest(train, labels, params)
    model = fit_churn_model(train, labels, params.churn)
    metrics.insert(0, "as_of_date", as_of)
    metrics.insert(2, "model_version", [model.version, f"recency-baseline+{model.version[-10:]}"])
    metrics.insert(3, "horizon_days", params.churn.horizon_days)
    metrics.insert(4, "training_from", min(dates))
    metrics.insert(5, "training_to", max(dates))
    metrics.insert(6, "training_rows", len(train))
    return ChurnResult(score_frame(model, current, as_of, params), metrics, model.version)
