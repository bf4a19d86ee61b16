"""Column types of the `ml` schema tables (dbt reads them as sources; BI reads them)."""

CALIBRATION_BIN = "STRUCT(bin INTEGER, customers BIGINT, mean_predicted DOUBLE, observed DOUBLE)"

TABLES: dict[str, dict[str, str]] = {
    "churn_scores": {
        "customer_id": "VARCHAR",
        "as_of_date": "DATE",
        "churn_probability": "DOUBLE",
        "churn_score": "INTEGER",
        "churn_band": "VARCHAR",
        "churn_reasons": "VARCHAR[]",
        "model_version": "VARCHAR",
    },
    "churn_model_metrics": {
        "as_of_date": "DATE",
        "model": "VARCHAR",
        "model_version": "VARCHAR",
        "horizon_days": "INTEGER",
        "training_from": "DATE",
        "training_to": "DATE",
        "training_rows": "BIGINT",
        "backtest_split": "VARCHAR",
        "train_rows": "BIGINT",
        "test_rows": "BIGINT",
        "roc_auc": "DOUBLE",
        "average_precision": "DOUBLE",
        "brier": "DOUBLE",
        "calibration_error": "DOUBLE",
        "base_rate": "DOUBLE",
        "calibration": f"{CALIBRATION_BIN}[]",
    },
    "association_rules": {
        "as_of_date": "DATE",
        "rule_id": "VARCHAR",
        "level": "VARCHAR",
        "antecedents": "VARCHAR[]",
        "consequents": "VARCHAR[]",
        "antecedent_names": "VARCHAR[]",
        "consequent_names": "VARCHAR[]",
        "antecedent_support": "DOUBLE",
        "consequent_support": "DOUBLE",
        "support": "DOUBLE",
        "confidence": "DOUBLE",
        "lift": "DOUBLE",
        "basket_count": "BIGINT",
        "rule_count": "BIGINT",
        "p_value": "DOUBLE",
        "q_value": "DOUBLE",
        "is_redundant": "BOOLEAN",
    },
    "customer_recommendations": {
        "customer_id": "VARCHAR",
        "as_of_date": "DATE",
        "rank": "INTEGER",
        "level": "VARCHAR",
        "item": "VARCHAR",
        "item_name": "VARCHAR",
        "score": "DOUBLE",
        "rule_id": "VARCHAR",
    },
    "customer_clusters": {
        "customer_id": "VARCHAR",
        "as_of_date": "DATE",
        "cluster_id": "INTEGER",
        "cluster_label": "VARCHAR",
    },
}


def create_table_sql(table: str) -> str:
    """CREATE TABLE IF NOT EXISTS ml.<table> with the columns above."""
    columns = ",\n    ".join(f'"{name}" {kind}' for name, kind in TABLES[table].items())
    return f"create table if not exists ml.{table} (\n    {columns}\n)"
