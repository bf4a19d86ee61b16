import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ml.churn import bands, churn_scores, fit_churn_model, predict_churn
from ml.churn_scoring import NotEnoughHistory, score_churn
from ml.features import Facts, build_features
from ml.labels import churn_labels, training_as_of_dates
from ml.params import MlParams
from ml.reasons import explain

AS_OF = dt.date(2025, 9, 30)


def test_training_dates_have_finished_label_windows():
    dates = training_as_of_dates(dt.date(2025, 9, 30), 90, 6)
    assert dates == [
        dt.date(2025, m, d) for m, d in [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30)]
    ]
    assert all(d + dt.timedelta(days=90) <= dt.date(2025, 9, 30) for d in dates)
    # A short history yields fewer dates instead of failing.
    assert training_as_of_dates(dt.date(2025, 9, 30), 90, 6, earliest=dt.date(2025, 4, 15)) == [
        dt.date(2025, 4, 30), dt.date(2025, 5, 31), dt.date(2025, 6, 30)
    ]  # fmt: skip


def test_label_window_is_the_horizon_after_the_as_of_day():
    orders = pd.DataFrame(
        {
            "customer_id": ["in", "edge", "late", "cancel"],
            "ordered_at": pd.to_datetime(
                ["2025-07-01 00:00", "2025-09-28 23:59", "2025-09-29 00:00", "2025-07-15 00:00"]
            ),
            "status": ["completed", "completed", "completed", "cancelled"],
        }
    )
    keys = pd.DataFrame(
        {"customer_id": ["in", "edge", "late", "cancel"], "as_of_date": dt.date(2025, 6, 30)}
    )
    # Window for 2025-06-30 and 90 days: [07-01 00:00, 09-29 00:00).
    assert churn_labels(orders, keys, 90, "completed").tolist() == [0, 0, 1, 1]


@pytest.fixture(scope="module")
def result(facts):
    return score_churn(facts, AS_OF)


def test_model_beats_recency_baseline_and_is_calibrated(result):
    metrics = result.metrics.set_index("model")
    model, baseline = metrics.loc["logistic_regression"], metrics.loc["recency_baseline"]
    assert model["roc_auc"] > baseline["roc_auc"]
    assert model["average_precision"] > baseline["average_precision"]
    assert model["brier"] < baseline["brier"]
    assert model["calibration_error"] <= 0.05
    assert model["test_rows"] == baseline["test_rows"] > 0
    assert metrics["backtest_split"].str.startswith("time:").all()
    assert len(model["calibration"]) == 10


def test_scores_bands_and_reasons(result, facts):
    scores = result.scores
    assert scores["customer_id"].is_unique and (scores["as_of_date"] == AS_OF).all()
    assert (scores["churn_score"] == np.rint(100 * scores["churn_probability"])).all()
    assert scores["churn_score"].between(0, 100).all()
    assert set(scores["churn_band"]) == {"high", "medium", "low"}
    assert (scores.loc[scores["churn_score"] >= 60, "churn_band"] == "high").all()
    assert scores["churn_reasons"].map(len).le(3).all()
    assert scores.loc[scores["churn_band"] == "high", "churn_reasons"].map(len).gt(0).mean() > 0.95
    # Everyone who bought before the as-of date is scored.
    before = facts.orders[
        (facts.orders["ordered_at"] < "2025-10-01") & (facts.orders["status"] == "completed")
    ]
    assert set(scores["customer_id"]) == set(before["customer_id"])


def test_reasons_name_the_customers_own_numbers(facts):
    frame = build_features(facts, [dt.date(2025, 3, 31), dt.date(2025, 4, 30)])
    labels = churn_labels(facts.orders, frame, 90, "completed")
    model = fit_churn_model(frame, labels)
    silent = frame.nlargest(1, "recency_days").reset_index(drop=True)
    sentences = explain(model, silent)[0]
    days = int(round(silent.loc[0, "recency_days"]))
    assert f"已 {days} 天未购买 (no purchase for {days} days)" in sentences


def test_single_purchase_customers_get_sensible_scores(facts):
    frame = build_features(facts, [dt.date(2025, 3, 31), dt.date(2025, 4, 30)])
    labels = churn_labels(facts.orders, frame, 90, "completed")
    model = fit_churn_model(frame, labels)
    single = frame[frame["is_single_purchase"] == 1].head(1)
    recent, old = single.copy(), single.copy()
    recent["recency_days"], old["recency_days"] = 3.0, 300.0
    recent["tenure_days"], old["tenure_days"] = 3.0, 300.0
    p_recent, p_old = predict_churn(model, pd.concat([recent, old]))
    assert 0 < p_recent < p_old <= 1


def test_bands_follow_configured_floors():
    churn = dataclasses.replace(MlParams().churn, high_band_min_score=80, medium_band_min_score=50)
    assert bands(churn_scores(np.array([0.795, 0.8, 0.49, 0.5])), churn).tolist() == [
        "high", "high", "low", "medium"
    ]  # fmt: skip


def test_a_short_history_is_refused_with_a_reason(facts):
    recent = Facts(facts.orders[facts.orders["ordered_at"] >= "2025-08-01"])
    with pytest.raises(NotEnoughHistory, match="label window"):
        score_churn(recent, AS_OF)
