"""ML benchmark: time and peak memory of each ML step at scale, and churn quality on the demo.

    .venv/bin/python bench/ml.py                       # 1,000,000 customers, ~10M orders
    .venv/bin/python bench/ml.py --customers 100000    # a quicker look
    .venv/bin/python bench/ml.py --demo demo_data      # also: churn model vs baseline on the demo

Synthetic marts (ml/synthetic.py: 600 products in 24 categories with planted
complements, churners who complain and stop logging in) are written to a real
DuckDB warehouse; every step then runs in a fresh process that reads it as the
asset does, so each peak RSS is that step's own. Targets: product-level rules
< 60 s and < 4 GiB, category level < 10 s, the whole ML group < 3 min.
"""

import argparse
import datetime as dt
import multiprocessing
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# This file is named ml.py: drop its own folder from the path so `import ml` finds the package.
sys.path = [str(REPO), str(REPO / "tests" / "ml")] + [
    entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent
]

AS_OF = dt.date(2025, 12, 31)
MARTS = {"fct_orders": "orders", "fct_order_lines": "order_lines", "fct_tickets": "tickets",
         "fct_sessions": "sessions", "dim_customers": "customers"}  # fmt: skip


def build_warehouse(path: Path, customers: int) -> dict:
    import duckdb

    from ml.synthetic import synthetic_facts

    # ~10 orders per customer: 1,000,000 customers -> ~10M orders.
    frames = synthetic_facts(customers, last=str(AS_OF), rate_scale=1.87)
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    for table, name in MARTS.items():
        con.register("frame", frames[name])
        con.execute(f"create table marts.{table} as select * from frame")
        con.unregister("frame")
    con.close()
    return {name: len(frame) for name, frame in frames.items()}


class Clock(dict):
    """Seconds per named phase."""

    def run(self, name: str, function, *args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        self[name] = time.perf_counter() - start
        return result


def _read(warehouse: Path, reader, *args):
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return reader(con, *args)
    finally:
        con.close()


def churn_step(warehouse: Path) -> dict:
    from ml.churn import fit_churn_model
    from ml.churn_scoring import backtest, feature_frames, labelled_rows, score_frame
    from ml.features import events_since
    from ml.labels import training_as_of_dates
    from ml.params import MlParams
    from orchestration.assets.ml.warehouse_io import read_facts

    params, clock = MlParams(), Clock()
    first = training_as_of_dates(AS_OF, 90, params.churn.training_as_of_count)[0]
    facts = clock.run("read facts", _read, warehouse, read_facts, AS_OF, events_since(first))
    current, history, _ = clock.run(
        "features (now + 6 months)", feature_frames, facts, AS_OF, params
    )
    train, labels = clock.run("labels + sample", labelled_rows, history, facts, AS_OF, params)
    metrics = clock.run("backtest (model + baseline)", backtest, train, labels, params)
    model = clock.run("training", fit_churn_model, train, labels, params.churn)
    clock.run("scoring + reasons", score_frame, model, current, AS_OF, params)
    auc = metrics.set_index("model")["roc_auc"]
    note = f"{len(current):,} scored; backtest AUC {auc.iloc[0]:.3f} vs recency {auc.iloc[1]:.3f}"
    return {**clock, "_note": note}


def rules_step(warehouse: Path, level: str) -> dict:
    from ml.params import AssociationParams
    from ml.rules import association_rule_table
    from orchestration.assets.ml.warehouse_io import read_basket_lines

    params, clock = AssociationParams(), Clock()
    lines = clock.run("read baskets", _read, warehouse, read_basket_lines, level, AS_OF, params)
    rules, summary = clock.run("mining", association_rule_table, lines, level, params)
    note = (
        f"{summary['baskets']:,} baskets, {summary['items']} items, "
        f"{summary['rules_mined']} rules mined, {summary['rules_kept']} kept"
    )
    return {**clock, "_note": note}


def recommend_step(warehouse: Path) -> dict:
    from ml.params import AssociationParams
    from ml.recommend import recommend
    from ml.rules import association_rule_table
    from orchestration.assets.ml.warehouse_io import read_basket_lines, read_customer_items

    params, clock, rows = AssociationParams(), Clock(), 0
    for level in ("category", "product"):
        lines = _read(warehouse, read_basket_lines, level, AS_OF, params)
        rules, _ = association_rule_table(lines, level, params)
        del lines
        items = clock.run(
            f"read items ({level})", _read, warehouse, read_customer_items, level, AS_OF
        )
        rows += len(clock.run(f"recommend ({level})", recommend, items, rules, level))
    return {**clock, "_note": f"{rows:,} recommendations (rule mining not counted)"}


def cluster_step(warehouse: Path) -> dict:
    from ml.clusters import cluster_customers
    from ml.features import build_features, events_since
    from orchestration.assets.ml.warehouse_io import read_facts

    clock = Clock()
    facts = clock.run("read facts", _read, warehouse, read_facts, AS_OF, events_since(AS_OF))
    features = clock.run("features (1 as-of date)", build_features, facts, [AS_OF])
    result = clock.run("k-means + silhouette", cluster_customers, features)
    labels = "; ".join(result.clusters["cluster_label"])
    return {**clock, "_note": f"k = {len(result.clusters)}: {labels}"}


def group_step(warehouse: Path) -> dict:
    import dagster as dg

    from orchestration.assets.ml import ml_assets
    from orchestration.resources import ProjectConfig, Warehouse

    config = warehouse.parent / "portrait.yaml"
    config.write_text(f"project: bench\nwarehouse: {warehouse.name}\nsources: {{}}\n")
    clock = Clock()
    resources = {
        "warehouse": Warehouse(path=str(warehouse)),
        "project_config": ProjectConfig(path=str(config)),
    }
    result = clock.run(
        "materialize ml group", dg.materialize, ml_assets,
        resources=resources, partition_key=f"{AS_OF:%Y-%m}-01",
    )  # fmt: skip
    return {**clock, "_note": f"success={result.success}"}


def demo_quality(demo: Path) -> None:
    """Churn model vs recency baseline on the demo: backtest, and against the ground truth."""
    import pandas as pd
    from ml_demo_facts import load_demo_facts
    from sklearn.metrics import roc_auc_score

    from ml.churn_scoring import score_churn
    from ml.evaluation import evaluate
    from ml.features import build_features

    facts = load_demo_facts(demo)
    truth = pd.read_csv(demo / "ground_truth" / "churn.csv")
    month = truth["as_of_month"].max()
    as_of = pd.Period(month, "M").end_time.date()
    result = score_churn(facts, as_of)
    print(f"\nchurn on {demo} as of {as_of} ({result.metrics['backtest_split'].iloc[0]})")
    columns = ["model", "roc_auc", "average_precision", "brier", "calibration_error", "base_rate"]
    print(result.metrics[columns].round(4).to_string(index=False))
    scored = result.scores.merge(truth[truth["as_of_month"] == month], left_on="customer_id",
                                 right_on="person_id")  # fmt: skip
    recency = build_features(facts, [as_of]).set_index("customer_id")["recency_days"]
    truth_metrics = evaluate(scored["churned_90d"], scored["churn_probability"])
    print(
        f"against the ground truth of {month} ({len(scored):,} customers): "
        f"model AUC {truth_metrics['roc_auc']:.4f}, recency AUC "
        f"{roc_auc_score(scored['churned_90d'], recency.loc[scored['customer_id']]):.4f}, "
        f"calibration error {truth_metrics['calibration_error']:.4f}"
    )


def _child(step, args, queue) -> None:
    try:
        result = step(*args)
    except BaseException:
        queue.put({"_error": traceback.format_exc()})
        raise
    result["_peak_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    queue.put(result)


def in_fresh_process(step, *args) -> dict:
    """Run a step in a child process, so its peak RSS is its own."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(step, args, queue))
    process.start()
    result = queue.get()
    process.join()
    if "_error" in result:
        raise RuntimeError(f"{step.__name__} failed:\n{result['_error']}")
    return result


def report(name: str, result: dict) -> None:
    phases = {k: v for k, v in result.items() if not k.startswith("_")}
    total = sum(phases.values())
    peak = result["_peak_gib"]
    print(f"\n{name}: {total:6.1f} s total, peak RSS {peak:.2f} GiB  ({result['_note']})")
    for phase, seconds in phases.items():
        print(f"    {phase:<32} {seconds:7.2f} s")


STEPS = {
    "churn": (churn_step,),
    "rules-category": (rules_step, "category"),
    "rules-product": (rules_step, "product"),
    "recommendations": (recommend_step,),
    "clusters": (cluster_step,),
    "ml-group": (group_step,),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--demo", type=Path, help="a demo_data folder to judge churn quality on")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated subset")
    parser.add_argument("--keep", type=Path, help="reuse/keep the synthetic warehouse here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_ml_") as folder:
        warehouse = (args.keep or Path(folder)) / f"warehouse_{args.customers}.duckdb"
        if not warehouse.exists():
            warehouse.parent.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            sizes = in_fresh_process(build_warehouse, warehouse, args.customers)
            counts = ", ".join(f"{k} {v:,}" for k, v in sizes.items() if not k.startswith("_"))
            print(f"synthetic marts in {time.perf_counter() - start:.0f} s: {counts}")
        for name in args.steps.split(","):
            step, *extra = STEPS[name]
            report(name, in_fresh_process(step, warehouse, *extra))
    if args.demo:
        demo_quality(args.demo)


if __name__ == "__main__":
    main()
