import datetime as dt

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from ml.features import FEATURES, Facts, build_features

AS_OF = dt.date(2024, 6, 30)


def _orders(rows):
    frame = pd.DataFrame(
        rows, columns=["customer_id", "ordered_at", "status", "net_amount", "has_coupon"]
    )
    frame["ordered_at"] = pd.to_datetime(frame["ordered_at"])
    frame["has_return"] = False
    frame["order_id"] = [f"o{i}" for i in range(len(frame))]
    return frame


ORDERS = _orders(
    [
        ("a", "2024-03-02 00:00", "completed", 100.0, True),
        ("a", "2024-05-01 00:00", "completed", 300.0, False),
        ("a", "2024-06-20 12:00", "completed", 200.0, False),
        ("a", "2024-06-25 00:00", "cancelled", 999.0, True),
        ("b", "2024-01-01 00:00", "completed", 50.0, True),
    ]
)
TICKETS = pd.DataFrame(
    {
        "customer_id": ["a", "a", "b"],
        "created_at": pd.to_datetime(["2024-06-01", "2024-02-01", "2024-06-29"]),
        "ticket_type": ["complaint", "inquiry", "complaint"],
    }
)
SESSIONS = pd.DataFrame(
    {
        "customer_id": ["a", "a", "b"],
        "started_at": pd.to_datetime(["2024-06-10", "2024-06-29", "2023-12-30"]),
    }
)


def test_features_from_hand_built_history():
    features = build_features(Facts(ORDERS, TICKETS, SESSIONS), [AS_OF]).set_index("customer_id")
    a, b = features.loc["a"], features.loc["b"]
    # Day ends at 2024-07-01 00:00; last completed purchase 2024-06-20 12:00 -> 10.5 days.
    assert a["recency_days"] == pytest.approx(10.5)
    assert a["orders_lifetime"] == 3  # the cancelled order is not a purchase
    assert a["avg_order_value"] == pytest.approx(200.0)
    gaps = [60.0, 50.5]  # 03-02 -> 05-01 -> 06-20 12:00
    assert a["mean_interval_days"] == pytest.approx(np.mean(gaps))
    assert a["overdue_ratio"] == pytest.approx(10.5 / np.mean(gaps))
    assert a["coupon_share"] == pytest.approx(1 / 3)
    # 90-day windows: (04-02, 07-01] has 2 orders, (01-03, 04-02] has 1.
    assert a["order_trend"] == 1
    assert a["complaints_180d"] == 1 and a["tickets_90d"] == 1 and a["contact_trend"] == 0
    assert a["sessions_30d"] == 2
    assert b["is_single_purchase"] == 1 and np.isnan(b["mean_interval_days"])
    assert np.isnan(b["overdue_ratio"])
    assert b["sessions_30d"] == 0 and b["complaints_180d"] == 1
    assert a["tenure_days"] == pytest.approx(121.0)


def test_no_leakage_events_after_the_as_of_date_change_nothing(facts):
    as_of = dt.date(2025, 3, 31)
    before = build_features(facts, [as_of])
    later = pd.Timestamp("2025-04-01 00:00:00")  # the first instant after the as-of day
    customers = before["customer_id"].to_numpy()[:50]
    extra_orders = pd.DataFrame(
        {
            "order_id": [f"future{i}" for i in range(len(customers))],
            "customer_id": customers,
            "ordered_at": later + pd.to_timedelta(np.arange(len(customers)), unit="h"),
            "status": "completed",
            "net_amount": 9999.0,
            "has_coupon": True,
            "has_return": True,
        }
    )
    future = Facts(
        pd.concat([facts.orders, extra_orders], ignore_index=True),
        pd.concat([facts.tickets, pd.DataFrame({"customer_id": customers, "created_at": later,
                                                "ticket_type": "complaint"})]),
        pd.concat([facts.sessions, pd.DataFrame({"customer_id": customers, "started_at": later})]),
        facts.customers,
    )  # fmt: skip
    after = build_features(future, [as_of])
    assert_frame_equal(before, after)
    # ...while the same events one second earlier do change the features.
    extra_orders["ordered_at"] = later - pd.Timedelta(seconds=1)
    earlier = Facts(pd.concat([facts.orders, extra_orders], ignore_index=True), facts.tickets)
    assert not build_features(earlier, [as_of])[FEATURES].equals(before[FEATURES])


def test_several_as_of_dates_equal_one_at_a_time(facts):
    dates = [dt.date(2025, 1, 31), dt.date(2025, 2, 28)]
    together = build_features(facts, dates)
    apart = pd.concat([build_features(facts, [d]) for d in dates], ignore_index=True)
    assert_frame_equal(together, apart)


def test_absent_service_and_login_systems_count_as_zero():
    features = build_features(Facts(ORDERS), [AS_OF])
    assert (features[["tickets_90d", "complaints_180d", "sessions_30d"]] == 0).all().all()
    assert set(features["customer_id"]) == {"a", "b"}
