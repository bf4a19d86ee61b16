"""Basket assets: association rules by category and product, and next-item recommendations."""

import dagster as dg
import numpy as np
import pandas as pd

from ml.recommend import recommend
from ml.rules import association_rule_table
from orchestration.assets.ml.config import MART_DEPS, AssociationConfig, markdown, resolve_params
from orchestration.assets.ml.warehouse_io import (
    item_names,
    read_basket_lines,
    read_customer_items,
    read_rules,
    replace_rows,
)
from orchestration.partitions import as_of_date, monthly_partitions
from orchestration.resources import ProjectConfig, Warehouse


@dg.asset(
    key=["ml", "association_rules"],
    deps=MART_DEPS,
    group_name="ml",
    partitions_def=monthly_partitions,
)
def association_rules(
    context: dg.AssetExecutionContext,
    config: AssociationConfig,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> dg.MaterializeResult:
    """Significant, non-redundant basket rules by category and by product."""
    as_of = as_of_date(context)
    params = resolve_params(project_config, config, "association").association
    tables, summaries = [], {}
    for level in params.level_names():
        with warehouse.connect(read_only=True) as con:
            lines = read_basket_lines(con, level, as_of, params)
            names = item_names(con, level)
        rules, summaries[level] = association_rule_table(lines, level, params)
        for side in ("antecedents", "consequents"):
            rules[side[:-1] + "_names"] = [
                [names.get(i, i) for i in items] for items in rules[side]
            ]
        tables.append(rules)
    rules = pd.concat(tables, ignore_index=True)
    with warehouse.connect() as con:
        written = replace_rows(con, "association_rules", rules, as_of)
    preview = rules.assign(rule=rules["antecedent_names"].map("+".join) + " => "
                           + rules["consequent_names"].map("+".join))  # fmt: skip
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": written,
            "levels": dg.MetadataValue.json(summaries),
            "preview": markdown(
                preview.groupby("level").head(5)[
                    ["level", "rule", "support", "confidence", "lift", "q_value"]
                ],
                10,
            ),
        }
    )


@dg.asset(
    key=["ml", "customer_recommendations"],
    deps=[dg.AssetKey(["ml", "association_rules"]), *MART_DEPS],
    group_name="ml",
    partitions_def=monthly_partitions,
)
def customer_recommendations(
    context: dg.AssetExecutionContext,
    config: AssociationConfig,
    warehouse: Warehouse,
    project_config: ProjectConfig,
) -> dg.MaterializeResult:
    """Up to 3 not-yet-bought categories and products per customer, ranked by lift x confidence."""
    as_of = as_of_date(context)
    params = resolve_params(project_config, config, "association").association
    frames, covered = [], {}
    for level in params.level_names():
        with warehouse.connect(read_only=True) as con:
            rules = read_rules(con, as_of, level)
            items = read_customer_items(con, level, as_of)
            names = item_names(con, level)
        picks = recommend(items, rules, level, params.recommendations_per_customer)
        picks["item_name"] = _display_names(picks["item"], names)
        covered[level] = int(picks["customer_id"].nunique())
        frames.append(picks)
    with warehouse.connect() as con:
        written = replace_rows(con, "customer_recommendations", frames, as_of)
    preview = pd.concat([frame.head(3) for frame in frames], ignore_index=True)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": written,
            "customers_covered": dg.MetadataValue.json(covered),
            "preview": markdown(preview[["customer_id", "rank", "level", "item_name", "score"]], 6),
        }
    )


def _display_names(items: pd.Series, names: dict[str, str]) -> pd.Series:
    """Item display names, mapped once per distinct item (items are categorical)."""
    items = items.astype("category")
    display = np.array([names.get(item, item) for item in items.cat.categories], dtype=object)
    return pd.Series(display[items.cat.codes.to_numpy()], index=items.index)
