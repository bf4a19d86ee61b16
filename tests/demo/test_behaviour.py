"""The structure the analyses must find: churn labels, seasonality, affinities, drift."""

import numpy as np
import pandas as pd
from demo_support import normal_date, parse_times, read_table

from portrait.demo.catalog import CATEGORY_SYNONYMS

COMPLETED = ("completed", "已完成")


def _orders_by_person(root) -> pd.DataFrame:
    orders = read_table(root, "orders")
    ids = pd.read_csv(root / "ground_truth/identities.csv", dtype=str)
    orders = orders.merge(ids, left_on="customer_id", right_on="source_customer_id")
    orders["ordered"] = parse_times(orders["ordered_at"])
    return orders


def test_churn_labels_agree_with_the_orders_table(demo):
    root, _ = demo
    churn = pd.read_csv(root / "ground_truth/churn.csv", dtype={"churned_90d": int})
    orders = _orders_by_person(root)
    bought = orders[orders["status"].isin(COMPLETED)]
    assert sorted(churn["as_of_month"].unique()) == [f"2024-{m:02d}" for m in range(7, 13)] + [
        f"2025-{m:02d}" for m in range(1, 4)
    ]
    sample = churn.sample(300, random_state=1)
    for row in sample.itertuples():
        month_end = pd.Period(row.as_of_month, "M").end_time.normalize()
        days = (bought.loc[bought["person_id"] == row.person_id, "ordered"] - month_end).dt.days
        window = ((days >= 1) & (days <= 90)).any()
        assert row.churned_90d == int(not window), row
    assert 0.2 < churn["churned_90d"].mean() < 0.9


def test_churn_covers_registered_real_persons_only(demo):
    root, _ = demo
    churn = pd.read_csv(root / "ground_truth/churn.csv", dtype=str)
    customers = read_table(root, "crm_customers")
    ids = pd.read_csv(root / "ground_truth/identities.csv", dtype=str)
    persons = customers.merge(ids, left_on="customer_id", right_on="source_customer_id")
    is_test = persons["name"].str.contains("测试|test", case=False, na=False)
    test_persons = set(persons.loc[is_test, "person_id"])
    assert test_persons
    assert not test_persons & set(churn["person_id"])
    imported_only = set(ids["person_id"]) - set(persons["person_id"])
    assert imported_only and not imported_only & set(churn["person_id"])
    per_person = churn.groupby("person_id")["as_of_month"].min()
    assert per_person.nunique() > 3  # new customers keep joining


def test_double_11_and_618_stand_out_and_spring_festival_dips(demo):
    root, _ = demo
    orders = _orders_by_person(root)
    monthly = orders.groupby(orders["ordered"].dt.to_period("M")).size()
    assert monthly[pd.Period("2024-11")] > monthly.mean()
    assert monthly[pd.Period("2025-02")] < monthly.mean()
    daily = orders.groupby(orders["ordered"].dt.date).size()
    assert daily[pd.Timestamp("2024-11-11").date()] > 4 * daily.median()
    assert daily[pd.Timestamp("2025-06-18").date()] > 2 * daily.median()
    evening = orders["ordered"].dt.hour.between(19, 22).mean()
    assert evening > 4 * orders["ordered"].dt.hour.between(2, 5).mean()


def _basket_matrix(lines: pd.DataFrame, column: str) -> pd.DataFrame:
    return pd.crosstab(lines["order_id"], lines[column]).gt(0)


def _lift(baskets: pd.DataFrame, a: str, b: str) -> float:
    both = (baskets[a] & baskets[b]).mean()
    return both / (baskets[a].mean() * baskets[b].mean())


def test_affinity_pairs_co_occur_above_independence(demo):
    root, _ = demo
    lines = read_table(root, "order_lines")
    canonical = {synonym: category for category, synonym in CATEGORY_SYNONYMS.items()}
    lines["category"] = lines["category"].replace(canonical)
    baskets = _basket_matrix(lines, "category")
    for a, b in [("手机", "手机壳"), ("奶粉", "纸尿裤"), ("咖啡", "咖啡杯"), ("运动鞋", "运动服")]:
        assert _lift(baskets, a, b) > 1.5, (a, b)
    phones = lines[lines["category"].isin(["手机", "手机壳"])]
    pairs = phones.merge(phones, on="order_id")
    pairs = pairs[(pairs["category_x"] == "手机") & (pairs["category_y"] == "手机壳")]
    top = pairs.groupby(["product_id_x", "product_id_y"]).size().idxmax()
    products = _basket_matrix(lines, "product_id")
    assert _lift(products, *top) > 2


def test_customers_slow_down_before_they_leave(demo):
    """Before a churned month, logins and purchases in the last 90 days are fewer."""
    root, _ = demo
    churn = pd.read_csv(root / "ground_truth/churn.csv")
    ids = pd.read_csv(root / "ground_truth/identities.csv", dtype=str)
    sessions = pd.read_json(root / "sources/login_sessions.jsonl", lines=True, dtype=False)
    sessions = sessions.merge(ids, left_on="customer_id", right_on="source_customer_id")
    started = pd.to_datetime(sessions["started_at"])
    rows = churn[churn["as_of_month"] == "2025-01"].set_index("person_id")
    month_end = pd.Timestamp("2025-01-31 23:59:59")
    recent = sessions[(started > month_end - pd.Timedelta(days=90)) & (started <= month_end)]
    visits = recent.groupby("person_id").size().reindex(rows.index, fill_value=0)
    by_label = visits.groupby(rows["churned_90d"]).mean()
    assert by_label[1] < 0.6 * by_label[0]
    assert np.isfinite(by_label).all()


def test_no_order_is_placed_before_its_account_was_registered(demo):
    root, _ = demo
    customers = read_table(root, "crm_customers")
    registered = pd.to_datetime(customers["registered_at"].map(normal_date))
    orders = read_table(root, "orders")
    placed = parse_times(orders["ordered_at"]).dt.normalize()
    by_id = pd.Series(registered.to_numpy(), index=customers["customer_id"])
    first_day = orders["customer_id"].map(by_id)
    assert first_day.notna().all()
    assert (placed >= first_day).all()
