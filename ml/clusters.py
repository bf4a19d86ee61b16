"""Behaviour clusters: K-means on standardized features, k by silhouette, described in words.

Amounts and counts are log-scaled before standardizing so one big spender does
not make a cluster of its own. k is chosen on a sample (the silhouette is
quadratic in rows); the final fit uses every customer.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from ml.params import DEFAULTS, ClusterParams

# feature -> (word when high, word when low), Chinese then English.
CLUSTER_FEATURES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "orders_365d": (("高频", "frequent"), ("低频", "infrequent")),
    "avg_order_value": (("高客单", "big basket"), ("低客单", "low basket")),
    "spend_365d": (("高消费", "high spend"), ("低消费", "low spend")),
    "recency_days": (("久未购买", "lapsed"), ("近期购买", "recent")),
    "coupon_share": (("依赖优惠券", "coupon-driven"), ("不用优惠券", "full-price")),
    "return_share": (("常退货", "returns often"), ("少退货", "rarely returns")),
    "tickets_90d": (("常联系客服", "service-heavy"), ("少联系客服", "self-sufficient")),
    "sessions_30d": (("常登录", "active online"), ("少登录", "rarely online")),
}
LOG_SCALED = {
    "orders_365d",
    "avg_order_value",
    "spend_365d",
    "recency_days",
    "tickets_90d",
    "sessions_30d",
}


@dataclass(frozen=True)
class Clustering:
    """Per-customer assignment plus one row per cluster (size, label, centroid)."""

    assignments: pd.DataFrame
    clusters: pd.DataFrame
    silhouettes: dict[int, float]


def _matrix(features: pd.DataFrame) -> np.ndarray:
    columns = []
    for name in CLUSTER_FEATURES:
        values = features[name].to_numpy(dtype=float, na_value=np.nan)
        values = np.nan_to_num(values, nan=np.nanmedian(values) if np.isfinite(values).any() else 0)
        columns.append(np.log1p(np.clip(values, 0, None)) if name in LOG_SCALED else values)
    return StandardScaler().fit_transform(np.column_stack(columns))


def choose_k(matrix: np.ndarray, params: ClusterParams) -> tuple[int, dict[int, float]]:
    """The k in [k_min, k_max] with the best silhouette on a sample."""
    rng = np.random.default_rng(params.random_seed)
    sample = matrix
    if len(matrix) > params.selection_sample_size:
        sample = matrix[rng.choice(len(matrix), params.selection_sample_size, replace=False)]
    scores = {
        k: _silhouette(sample, k, params)
        for k in range(params.k_min, min(params.k_max, len(sample) - 1) + 1)
    }
    return max(scores, key=scores.get), scores


def _silhouette(sample: np.ndarray, k: int, params: ClusterParams) -> float:
    model = KMeans(k, n_init=params.n_init, random_state=params.random_seed)
    labels = model.fit_predict(sample)
    size = min(params.silhouette_sample_size, len(sample))
    return float(
        silhouette_score(sample, labels, sample_size=size, random_state=params.random_seed)
    )


def describe(centroid: np.ndarray, params: ClusterParams) -> str:
    """Words for the centroid's most distinctive features, strongest first."""
    names = list(CLUSTER_FEATURES)
    words = [
        CLUSTER_FEATURES[names[j]][0 if centroid[j] > 0 else 1]
        for j in np.argsort(-np.abs(centroid), kind="stable")[: params.describe_max_words]
        if abs(centroid[j]) >= params.describe_min_z
    ]
    if not words:
        return "普通 (average)"
    return f"{'、'.join(w[0] for w in words)} ({', '.join(w[1] for w in words)})"


def cluster_customers(
    features: pd.DataFrame, params: ClusterParams = DEFAULTS.clusters
) -> Clustering:
    """Cluster the customers in `features` (one row each, with the behaviour columns)."""
    matrix = _matrix(features)
    # One thread: with ~8 columns, OpenMP/BLAS threads mostly spin-wait for each other
    # (2-10x slower than one thread on a shared 2-core host; at best 2x faster on an idle one).
    with threadpool_limits(1):
        k, silhouettes = choose_k(matrix, params)
        model = KMeans(k, n_init=params.n_init, random_state=params.random_seed).fit(matrix)
    # Number clusters by size so cluster 1 is the largest, stable across identical refits.
    sizes = np.bincount(model.labels_, minlength=k)
    order = np.argsort(-sizes, kind="stable")
    renumber = np.empty(k, dtype=int)
    renumber[order] = np.arange(1, k + 1)
    labels = _unique_labels([describe(model.cluster_centers_[c], params) for c in order])
    clusters = pd.DataFrame(
        {
            "cluster_id": np.arange(1, k + 1),
            "cluster_label": labels,
            "customers": sizes[order],
            **{
                f"z_{name}": model.cluster_centers_[order, j]
                for j, name in enumerate(CLUSTER_FEATURES)
            },
        }
    )
    ids = renumber[model.labels_]
    assignments = pd.DataFrame(
        {"customer_id": features["customer_id"].to_numpy(), "cluster_id": ids,
         "cluster_label": np.asarray(labels, dtype=object)[ids - 1]}
    )  # fmt: skip
    return Clustering(assignments, clusters, silhouettes)


def _unique_labels(labels: list[str]) -> list[str]:
    """Two clusters described alike get their number appended, so labels stay keys."""
    seen = {label: labels.count(label) for label in labels}
    return [f"{label} #{i + 1}" if seen[label] > 1 else label for i, label in enumerate(labels)]
