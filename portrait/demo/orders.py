"""Order center: when each person orders, from which CRM record, and how it ends."""

import numpy as np
import pandas as pd

from portrait.demo import formats, geo
from portrait.demo.dirt import DirtRates
from portrait.demo.params import Behaviour
from portrait.demo.population import ORDER_CHANNELS, PAYMENT_METHODS
from portrait.demo.timeline import HOUR_WEIGHT, Timeline, sample_days, times_on_days

STATUSES = np.array(["completed", "cancelled", "refunded", "refund_pending"])
_CHINESE_STATUS = {"completed": "已完成", "cancelled": "已取消"}


def drift_factor(day: np.ndarray, churn_day: np.ndarray, drift_days: np.ndarray, floor: float):
    """Share of a person's normal rate left on `day`: 1, falling to `floor`, then 0 at churn."""
    into = day - (churn_day - drift_days)
    slope = np.where(drift_days > 0, into / np.maximum(drift_days, 1), 1.0)
    falling = 1 - (1 - floor) * np.clip(slope, 0, 1)
    return np.where(day >= churn_day, 0.0, np.where(into >= 0, falling, 1.0))


def _welcome_orders(rng: np.random.Generator, people: pd.DataFrame, timeline: Timeline, p):
    reg = people["registered_at"].to_numpy()
    in_window = reg >= timeline.start.astype("datetime64[s]")
    pick = np.flatnonzero(in_window & (rng.random(len(people)) < p.welcome_order))
    when = reg[pick] + (rng.exponential(3 * 86400, len(pick)) + 600).astype("timedelta64[s]")
    keep = when < timeline.end_second
    return pick[keep], when[keep]


def order_times(rng: np.random.Generator, people: pd.DataFrame, timeline: Timeline, p: Behaviour):
    """(person index, ordered_at) of every order, sorted by time."""
    reg_day = (people["registered_at"].to_numpy() - timeline.start).astype("m8[D]").astype(int)
    lo, hi = reg_day + 1, np.full(len(people), timeline.n_days)
    rate = people["order_rate"].to_numpy()
    counts = rng.poisson(rate * timeline.weight_between(lo, hi))
    owner, day = sample_days(rng, timeline, lo, hi, counts)
    when = times_on_days(rng, timeline, day, HOUR_WEIGHT)
    welcome_owner, welcome_when = _welcome_orders(rng, people, timeline, p)
    owner = np.concatenate([owner, welcome_owner])
    when = np.concatenate([when, welcome_when])
    day = (when - timeline.start).astype("m8[D]").astype(int)
    keep = rng.random(len(owner)) < drift_factor(
        day,
        people["churn_day"].to_numpy()[owner],
        people["drift_days"].to_numpy()[owner],
        p.drift_floor,
    )
    owner, when = owner[keep], when[keep]
    # The Double 11 sale opens at midnight.
    date, month = when.astype("datetime64[D]"), when.astype("datetime64[M]")
    double11 = (month.astype(int) % 12 == 10) & ((date - month).astype(int) == 10)
    midnight = double11 & (rng.random(len(when)) < 0.25)
    when[midnight] = date[midnight] + rng.integers(0, 3600, midnight.sum()).astype("m8[s]")
    order = np.argsort(when, kind="stable")
    return owner[order], when[order]


def assign_records(rng: np.random.Generator, records: pd.DataFrame, person: np.ndarray, when):
    """The CRM record each order was placed from: any record registered before the order."""
    ranked = records.sort_values(["person", "registered_ts"])
    slot = ranked.groupby("person").cumcount().to_numpy()
    n_people = int(records["person"].max()) + 1
    record_at = np.full((n_people, 3), np.datetime64("NaT"), dtype="datetime64[s]")
    record_id = np.full((n_people, 3), None, dtype=object)
    record_at[ranked["person"], slot] = ranked["registered_ts"].to_numpy()
    record_id[ranked["person"], slot] = ranked["customer_id"].to_numpy()
    eligible = (record_at[person] <= when[:, None]) & ~np.isnat(record_at[person])
    eligible[:, 0] = True  # the first record exists before any order
    pick = rng.random((len(person), 3)) * eligible
    return record_id[person, np.argmax(pick, axis=1)]


def _status(rng: np.random.Generator, is_test, drifting, p: Behaviour, dirt: DirtRates, counts):
    n = len(is_test)
    shares = np.array(p.status_shares)
    troubled = shares * np.array(
        [1, p.drift_problem_factor, p.drift_problem_factor, p.drift_problem_factor]
    )
    troubled[0] = 0
    troubled[0] = 1 - troubled.sum()
    cut = np.where(drifting[:, None], np.cumsum(troubled), np.cumsum(shares))
    status = STATUSES[np.minimum((rng.random((n, 1)) > cut).sum(axis=1), 3)].astype(object)
    qa = (rng.random(n) < dirt.test_order_real_customer) & ~is_test
    status[is_test & (rng.random(n) < dirt.test_account_order_marked)] = "test"
    status[qa] = "test"
    chinese = np.isin(status, list(_CHINESE_STATUS)) & (rng.random(n) < dirt.status_chinese)
    status[chinese] = pd.Series(status[chinese]).map(_CHINESE_STATUS).to_numpy()
    counts.update(
        test_orders=int((status == "test").sum()),
        status_chinese=int(chinese.sum()),
        test_orders_on_real_customers=int(qa.sum()),
    )
    return status


def _preferred(rng: np.random.Generator, preferred: np.ndarray, options: int, loyalty: float):
    return np.where(
        rng.random(len(preferred)) < loyalty, preferred, rng.integers(0, options, len(preferred))
    )


def _shipping(rng: np.random.Generator, src: pd.DataFrame, p: Behaviour) -> dict:
    """Home address mostly; sometimes another person's (a gift, an office)."""
    cities = geo.city_table()
    city = src["city_index"].to_numpy().copy()
    address = src["home_address"].to_numpy().astype(object)
    elsewhere = np.flatnonzero(rng.random(len(src)) < p.ship_elsewhere)
    other = rng.integers(0, len(src), len(elsewhere))
    city[elsewhere], address[elsewhere] = city[other], address[other]
    return {
        "ship_province": cities["province"].to_numpy()[city],
        "ship_city": cities["city"].to_numpy()[city],
        "ship_address": address,
    }


def order_header(rng, people: pd.DataFrame, person, when, timeline: Timeline, p, dirt, counts):
    """Order rows without amounts: status, channel, payment, coupon, shipping, person."""
    columns = ["churn_day", "drift_days", "coupon_propensity", "is_test", "payment",
               "order_channel", "city_index", "home_address"]  # fmt: skip
    src = people[columns].iloc[person]
    day = (when - timeline.start).astype("m8[D]").astype(int)
    churn, drift = src["churn_day"].to_numpy(), src["drift_days"].to_numpy()
    drifting = (day >= churn - np.maximum(drift, 30)) & (day < churn)
    promo = timeline.day_weight[day] > 1.2
    coupon_p = np.minimum(src["coupon_propensity"].to_numpy() * np.where(promo, 1.5, 1.0), 0.95)
    return pd.DataFrame(
        {
            "order_id": np.strings.add(
                "SO", np.strings.zfill(np.arange(1, len(when) + 1).astype(str), 10)
            ),
            "person": person,
            "ordered_ts": when,
            "day": day,
            "drifting": drifting,
            "status": _status(rng, src["is_test"].to_numpy(), drifting, p, dirt, counts),
            "payment_method": PAYMENT_METHODS[
                _preferred(
                    rng, src["payment"].to_numpy(), len(PAYMENT_METHODS), p.preference_loyalty
                )
            ],
            "coupon_used": (rng.random(len(person)) < coupon_p).astype(int),
            "promo": promo,
            "channel": ORDER_CHANNELS[
                _preferred(
                    rng, src["order_channel"].to_numpy(), len(ORDER_CHANNELS), p.preference_loyalty
                )
            ],
            **_shipping(rng, src, p),
        }
    )


def finish_orders(rng, orders: pd.DataFrame, gross: np.ndarray, timeline, dirt: DirtRates, counts):
    """Discounts, totals, ids, formatted timestamps and order-level dirt."""
    n = len(orders)
    rate = rng.uniform(0.05, 0.2, n) * np.where(orders["promo"], 1.3, 1.0)
    discount = np.where(orders["coupon_used"] == 1, np.minimum(np.floor(gross * rate), 300.0), 0.0)
    total = np.round(gross - discount, 2)
    mismatch = rng.random(n) < dirt.order_total_mismatch
    total[mismatch] = np.round(total[mismatch] * rng.uniform(0.5, 1.5, mismatch.sum()), 2)
    negative = rng.random(n) < dirt.negative_total
    total[negative] = -total[negative]
    counts.update(order_total_mismatch=int(mismatch.sum()), negative_total=int(negative.sum()))
    when = orders["ordered_ts"].to_numpy()
    delay = np.where(orders["status"].isin(["cancelled", "已取消"]), 1800, 7 * 86400)
    updated = np.minimum(
        when + rng.integers(60, delay + 60).astype("m8[s]"), timeline.end_second - 1
    )
    styles = formats.date_styles(rng, n, dirt.order_date_other_format, keep_time=True)
    orders = orders.assign(
        clean_total=np.round(gross - discount, 2),
        ordered_at=formats.format_datetimes(when, styles),
        discount_amount=discount,
        total_amount=total,
        updated_at=formats.format_datetimes(updated, np.zeros(n, int)),
        updated_ts=updated,
    )
    return orders
