import dataclasses

import numpy as np
import pandas as pd

from ml.clusters import CLUSTER_FEATURES, cluster_customers, describe
from ml.params import ClusterParams


def _group(rng, n, **centres):
    base = {
        "orders_365d": 3,
        "avg_order_value": 300,
        "spend_365d": 900,
        "recency_days": 60,
        "coupon_share": 0.2,
        "return_share": 0.05,
        "tickets_90d": 0.3,
        "sessions_30d": 4,
    }
    base.update(centres)
    return pd.DataFrame({k: np.abs(rng.normal(v, 0.05 * v + 0.01, n)) for k, v in base.items()})


def test_planted_groups_are_found_and_described():
    rng = np.random.default_rng(1)
    frame = pd.concat(
        [
            _group(rng, 300, orders_365d=20, avg_order_value=80, spend_365d=1600, coupon_share=0.9),
            _group(rng, 200, recency_days=400, orders_365d=0.5, spend_365d=150, sessions_30d=0.2),
            _group(rng, 100, avg_order_value=5000, spend_365d=15000),
        ],
        ignore_index=True,
    )
    frame.insert(0, "customer_id", [f"c{i}" for i in range(len(frame))])
    result = cluster_customers(frame, ClusterParams(k_min=2, k_max=6))
    assert len(result.clusters) == 3 and max(result.silhouettes, key=result.silhouettes.get) == 3
    assert result.clusters["customers"].tolist() == [300, 200, 100]
    labels = result.clusters["cluster_label"].tolist()
    assert "高频" in labels[0] and "依赖优惠券" in labels[0] and "coupon-driven" in labels[0]
    assert "久未购买" in labels[1] and "lapsed" in labels[1]
    assert "高客单" in labels[2]
    assignments = result.assignments.set_index("customer_id")
    assert (assignments.loc["c0":"c299", "cluster_id"] == 1).all()
    assert assignments["cluster_label"].loc["c599"] == labels[2]


def test_an_unremarkable_centroid_is_average():
    centroid = np.full(len(CLUSTER_FEATURES), 0.1)
    assert describe(centroid, ClusterParams()) == "普通 (average)"
    centroid[0], centroid[1] = 1.5, -0.8
    assert (
        describe(centroid, dataclasses.replace(ClusterParams(), describe_max_words=1))
        == "高频 (frequent)"
    )
