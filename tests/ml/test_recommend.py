import pandas as pd

from ml.recommend import recommend

RULES = pd.DataFrame(
    {
        "rule_id": ["r1", "r2", "r3", "r4", "r5"],
        "antecedents": [["phone"], ["phone"], ["phone", "case"], ["laptop"], ["phone"]],
        "consequents": [["case"], ["charger"], ["film"], ["mouse"], ["earbuds", "watch"]],
        "lift": [5.0, 4.0, 10.0, 3.0, 2.0],
        "confidence": [0.5, 0.4, 0.6, 0.3, 0.1],
    }
)


def _items(pairs):
    return pd.DataFrame(pairs, columns=["customer_id", "item"])


def test_ranked_by_lift_times_confidence_excluding_bought_items():
    bought = _items([("ann", "phone"), ("ann", "case"), ("bob", "phone"), ("bob", "charger")])
    picks = recommend(bought, RULES, "product", per_customer=3)
    ann = picks[picks["customer_id"] == "ann"]
    # ann owns phone + case: film (6.0), charger (1.6), then earbuds (0.2) - case is already hers.
    assert ann["item"].tolist() == ["film", "charger", "earbuds"]
    assert ann["rank"].tolist() == [1, 2, 3]
    assert ann["score"].tolist() == [6.0, 1.6, 0.2]
    assert ann["rule_id"].tolist() == ["r3", "r2", "r5"]
    bob = picks[picks["customer_id"] == "bob"]
    # bob lacks "case", so the two-item antecedent rule r3 does not apply.
    assert bob["item"].tolist() == ["case", "earbuds", "watch"]
    assert (picks["level"] == "product").all()


def test_customers_without_matching_antecedents_get_nothing():
    picks = recommend(_items([("cy", "mouse")]), RULES, "product")
    assert picks.empty


def test_an_item_offered_by_two_rules_keeps_its_best_score():
    rules = pd.DataFrame(
        {
            "rule_id": ["weak", "strong"],
            "antecedents": [["a"], ["b"]],
            "consequents": [["c"], ["c"]],
            "lift": [2.0, 8.0],
            "confidence": [0.2, 0.5],
        }
    )
    picks = recommend(_items([("dan", "a"), ("dan", "b")]), rules, "category")
    assert picks[["item", "score", "rule_id"]].values.tolist() == [["c", 4.0, "strong"]]
