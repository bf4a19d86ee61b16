"""The churn model judged against the demo generator's ground truth (small demo, tmp folder)."""

import datetime as dt

import pandas as pd
import pytest
from ml_demo_facts import load_demo_facts
from sklearn.metrics import roc_auc_score

from ml.churn_scoring import score_churn
from ml.evaluation import evaluate
from ml.features import build_features
from ml.labels import churn_labels
from portrait.demo.generator import generate

AS_OF_MONTH = "2025-09"
AS_OF = dt.date(2025, 9, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo_data"
    generate(out, 3000, 18, 3, "2025-12")
    truth = pd.read_csv(out / "ground_truth" / "churn.csv")
    return load_demo_facts(out), truth


def test_labels_equal_the_generators_churn_truth(demo):
    facts, truth = demo
    frame = build_features(facts, [dt.date(2025, 3, 31), dt.date(2025, 6, 30)])
    frame["mine"] = churn_labels(facts.orders, frame, 90, "completed").to_numpy()
    frame["as_of_month"] = frame["as_of_date"].map(lambda d: d.strftime("%Y-%m"))
    joined = frame.merge(
        truth, left_on=["customer_id", "as_of_month"], right_on=["person_id", "as_of_month"]
    )
    # Only the generator's test accounts (not real persons) are missing from the truth.
    assert len(joined) > 1000 and len(frame) - len(joined) < 10
    assert (joined["mine"] == joined["churned_90d"]).all()


def test_model_beats_recency_on_backtest_and_on_the_truth(demo):
    facts, truth = demo
    result = score_churn(facts, AS_OF)
    backtest = result.metrics.set_index("model")["roc_auc"]
    assert backtest["logistic_regression"] > backtest["recency_baseline"] + 0.02
    scored = result.scores.merge(
        truth[truth["as_of_month"] == AS_OF_MONTH], left_on="customer_id", right_on="person_id"
    )
    recency = build_features(facts, [AS_OF]).set_index("customer_id")["recency_days"]
    truth_auc = roc_auc_score(scored["churned_90d"], scored["churn_probability"])
    recency_auc = roc_auc_score(scored["churned_90d"], recency.loc[scored["customer_id"]])
    assert truth_auc > recency_auc + 0.02
    # Loose: 1,500 customers make each of the 10 bins noisy by a few points.
    assert evaluate(scored["churned_90d"], scored["churn_probability"])["calibration_error"] < 0.08
