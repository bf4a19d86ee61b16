"""Cluster asset: each customer's behaviour cluster with a plain-words description."""

import dagster as dg

from ml.clusters import cluster_customers
from ml.features import build_features, events_since
from orchestration.assets.ml.config import MART_DEPS, ClusterConfig, markdown, resolve_params
from orchestration.assets.ml.warehouse_io import read_facts, replace_rows
from orchestration.partitions import as_of_date, monthly_partitions
from orchestration.resources import ProjectConfig, Warehouse


@dg.asset(
    key=["ml", "customer_clusters"],
    deps=MART_DEPS,
    group_name="ml",
    partitions_def=monthly_partitions,
)
def customer_clusters(
    context: dg.AssetExecutionContext,
    config: ClusterConfig,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> dg.MaterializeResult:
    """Behaviour cluster per customer (K-means, k by silhouette) with a plain description."""
    as_of = as_of_date(context)
    params = resolve_params(project_config, config, "clusters")
    with warehouse.connect(read_only=True) as con:
        facts = read_facts(con, as_of, events_since(as_of, params.features))
    features = build_features(facts, [as_of], params.features)
    clustering = cluster_customers(features, params.clusters)
    with warehouse.connect() as con:
        written = replace_rows(con, "customer_clusters", clustering.assignments, as_of)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": written,
            "k": len(clustering.clusters),
            "silhouette_by_k": dg.MetadataValue.json(
                {str(k): round(v, 4) for k, v in clustering.silhouettes.items()}
            ),
            "clusters": markdown(clustering.clusters.round(2), 20),
        }
    )
