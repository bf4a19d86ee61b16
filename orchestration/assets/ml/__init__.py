"""ML assets: churn scores and metrics, association rules, recommendations, clusters.

Thin shells: read the marts with the warehouse resource, call the pure
functions in `ml/`, replace this as-of date's rows in the `ml` schema (so
history accumulates and re-runs are idempotent), return metadata.
"""

from orchestration.assets.ml.baskets import association_rules, customer_recommendations
from orchestration.assets.ml.churn import churn
from orchestration.assets.ml.clusters import customer_clusters

ml_assets = [churn, association_rules, customer_recommendations, customer_clusters]
