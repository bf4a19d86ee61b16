"""The ML assets end to end on a real DuckDB warehouse holding synthetic marts."""

import datetime as dt

import dagster as dg
import duckdb
import pytest
from ml_marts import write_marts

from orchestration.assets.ml import ml_assets
from orchestration.resources import ProjectConfig, Warehouse

TABLES = ["churn_scores", "churn_model_metrics", "association_rules", "customer_recommendations",
          "customer_clusters"]  # fmt: skip


def _materialize(project, month, run_config=None, selection=None):
    warehouse = project.parent / "var" / "warehouse.duckdb"
    result = dg.materialize(
        ml_assets,
        selection=selection,
        partition_key=f"{month}-01",
        resources={
            "warehouse": Warehouse(path=str(warehouse)),
            "project_config": ProjectConfig(path=str(project)),
        },
        run_config=run_config,
    )
    assert result.success
    return result, warehouse


def _counts(warehouse) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {
            table: dict(
                con.execute(f"select as_of_date, count(*) from ml.{table} group by all").fetchall()
            )
            for table in TABLES
        }
    finally:
        con.close()


@pytest.mark.slow
def test_ml_assets_write_idempotent_history_with_metadata(project):
    result, warehouse = _materialize(project, "2025-08")
    _materialize(project, "2025-09")
    first = _counts(warehouse)
    _materialize(project, "2025-09")  # a re-run replaces its month, nothing else
    assert _counts(warehouse) == first
    aug, sep = dt.date(2025, 8, 31), dt.date(2025, 9, 30)
    for table in TABLES:
        assert set(first[table]) == {aug, sep} and first[table][sep] > 0, table
    assert first["churn_model_metrics"][sep] == 2
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        reasons_type = con.execute(
            "select data_type from information_schema.columns"
            " where table_schema = 'ml' and table_name = 'churn_scores'"
            " and column_name = 'churn_reasons'"
        ).fetchone()[0]
        assert reasons_type == "VARCHAR[]"
        levels = dict(
            con.execute("select level, count(*) from ml.association_rules group by all").fetchall()
        )
        assert set(levels) == {"category", "product"}
        named = con.execute(
            "select count(*) from ml.association_rules where level = 'product'"
            " and antecedent_names[1] like '商品%'"
        ).fetchone()[0]
        assert named == levels["product"]
        per_customer = con.execute(
            "select max(n) from (select customer_id, as_of_date, level, count(*) as n"
            " from ml.customer_recommendations group by all)"
        ).fetchone()[0]
        assert per_customer <= 3
    finally:
        con.close()
    metadata = result.asset_materializations_for_node("ml__churn")[1].metadata
    assert metadata["roc_auc"].value > metadata["baseline_roc_auc"].value
    assert "logistic_regression" in metadata["model_vs_baseline"].value


@pytest.mark.slow
def test_run_config_overrides_the_project_file(project):
    # The project file sets min_support 0.002; the run config wins where it sets a field.
    rules = [dg.AssetKey(["ml", "association_rules"])]
    _, warehouse = _materialize(project, "2025-09", selection=rules)
    base = _rule_supports(warehouse)
    assert base.min() >= 0.002
    config = {"ops": {"ml__association_rules": {"config": {"min_support": 0.02}}}}
    _materialize(project, "2025-09", config, selection=rules)
    raised = _rule_supports(warehouse)
    assert raised.min() >= 0.02 and 0 < len(raised) < len(base)


def _rule_supports(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select support from ml.association_rules").df()["support"]
    finally:
        con.close()


@pytest.mark.slow
def test_a_short_history_skips_churn_but_not_the_rest(tmp_path, synthetic):
    recent = {name: frame for name, frame in synthetic.items()}
    for name, column in (("orders", "ordered_at"), ("order_lines", "ordered_at")):
        recent[name] = synthetic[name][synthetic[name][column] >= "2025-08-01"]
    warehouse = tmp_path / "var" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    write_marts(warehouse, recent)
    config = tmp_path / "portrait.yaml"
    config.write_text("project: short\nwarehouse: var/warehouse.duckdb\nsources: {}\n")
    result, _ = _materialize(config, "2025-09")
    metadata = result.asset_materializations_for_node("ml__churn")[0].metadata
    assert metadata["status"].value.startswith("skipped: as of 2025-09-30: no month end")
    counts = _counts(warehouse)
    assert counts["churn_scores"] == {} and counts["customer_clusters"][dt.date(2025, 9, 30)] > 0
