"""Synthetic clean facts with known structure, for tests and the benchmark.

Customers join over the period, buy as a Poisson process at their own rate
and stop for good at a hidden churn time. Dissatisfied customers complain in
the weeks before they leave and everyone logs in less once they have gone, so
the point-in-time features carry real signal. Baskets draw a first product by
popularity and then, often, its complement (same offset each time, so the
complement of a category-c product lies in category c + 1): the rules to find.
"""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CATEGORIES = [
    "手机", "电脑", "平板", "耳机", "智能手表", "相机", "家电", "厨具",
    "床品", "服装", "鞋靴", "箱包", "美妆", "个护", "食品", "饮料",
    "母婴", "玩具", "图书", "文具", "运动", "户外", "宠物", "汽车用品",
]  # fmt: skip
DAY = np.timedelta64(1, "D")


def ids(prefix: str, codes: np.ndarray, width: int) -> pd.Series:
    """'C0000042'-style ids, built in Arrow (Python f-strings take minutes at 10M rows)."""
    text = pc.utf8_lpad(pa.array(codes).cast(pa.string()), width, "0")
    return pd.Series(pd.array(pc.binary_join_element_wise(prefix, text, ""), dtype="str"))


def _lookup(values: list[str], codes: np.ndarray) -> pd.Series:
    return pd.Series(pd.array(pa.array(values).take(pa.array(codes)), dtype="str"))


def _times(rng, owners, start, end) -> np.ndarray:
    span = (end[owners] - start[owners]) / DAY
    return start[owners] + (rng.random(len(owners)) * span * 86400).astype("timedelta64[s]")


def _customers(rng, n, first: np.datetime64, last: np.datetime64, scale: float) -> pd.DataFrame:
    days = int((last - first) / DAY)
    joined = first + rng.integers(-180, days - 30, n) * DAY
    rate = scale * rng.lognormal(np.log(0.35), 0.7, n)  # orders per 30 days while active
    unhappy = rng.random(n) < 0.2
    coupon = rng.beta(1.2, 3.0, n)
    # Frequent buyers stay longer; unhappy and coupon-driven ones leave sooner.
    lifetime = 30 * rng.exponential(8 + 14 * np.minimum(rate, 2.0), n) / (1 + unhappy + coupon)
    left = joined + (lifetime * 86400).astype("timedelta64[s]")
    return pd.DataFrame(
        {
            "customer_id": ids("C", np.arange(n), 7),
            "registered_at": joined - rng.integers(0, 60, n) * DAY,
            "joined": joined,
            "left": left,
            "rate": rate,
            "unhappy": unhappy,
            "coupon": coupon,
            "aov": rng.lognormal(np.log(300), 0.8, n),
        }
    )


def _orders(rng, people: pd.DataFrame, last: np.datetime64) -> pd.DataFrame:
    joined = people["joined"].to_numpy()
    end = np.minimum(people["left"].to_numpy(), last)
    months = np.clip((end - joined) / DAY, 0, None) / 30
    counts = rng.poisson(people["rate"].to_numpy() * months)
    owners = np.concatenate([np.arange(len(people)), np.repeat(np.arange(len(people)), counts)])
    at = np.concatenate([joined, _times(rng, owners[len(people) :], joined, end)])
    keep = at <= last
    owners, at = owners[keep], at[keep]
    n = len(owners)
    status = rng.choice(["completed", "cancelled", "refunded"], n, p=[0.93, 0.05, 0.02])
    return pd.DataFrame(
        {
            "order_id": ids("O", np.arange(n), 8),
            "customer_id": people["customer_id"].take(owners).to_numpy(),
            "ordered_at": at.astype("datetime64[us]"),
            "status": status,
            "net_amount": np.round(people["aov"].to_numpy()[owners] * rng.lognormal(0, 0.4, n), 2),
            "has_coupon": rng.random(n) < people["coupon"].to_numpy()[owners],
            "has_return": rng.random(n) < 0.04,
        }
    )


def _events(rng, people, last, per_month, lead_days, extra, kind) -> pd.DataFrame:
    """Events while active, plus `extra` per customer in the `lead_days` before leaving."""
    joined, left = people["joined"].to_numpy(), people["left"].to_numpy()
    end = np.minimum(left, last)
    months = np.clip((end - joined) / DAY, 0, None) / 30
    base = np.repeat(np.arange(len(people)), rng.poisson(per_month * months))
    late = np.repeat(np.arange(len(people)), rng.poisson(extra))
    owners = np.concatenate([base, late])
    at = np.concatenate(
        [_times(rng, base, joined, end), _times(rng, late, left - lead_days * DAY, left)]
    )
    keep = at <= last
    frame = pd.DataFrame(
        {
            "customer_id": people["customer_id"].take(owners[keep]).to_numpy(),
            f"{kind}_at": at[keep].astype("datetime64[us]"),
        }
    )
    return frame, np.concatenate([np.zeros(len(base), bool), np.ones(len(late), bool)])[keep]


def synthetic_facts(
    customers: int,
    first: str = "2023-01-01",
    last: str = "2025-12-31",
    seed: int = 0,
    rate_scale: float = 1.0,
) -> dict[str, pd.DataFrame]:
    """orders, order_lines, tickets, sessions and customers frames (marts column names).

    `rate_scale` multiplies every purchase rate (about 5 orders per customer at 1.0).
    """
    rng = np.random.default_rng(seed)
    start, end = np.datetime64(first, "s"), np.datetime64(last + "T23:59:59", "s")
    people = _customers(rng, customers, start, end, rate_scale)
    orders = _orders(rng, people, end)
    unhappy = people["unhappy"].to_numpy().astype(float)
    tickets, late = _events(rng, people, end, 0.08, 60, 2.5 * unhappy, "created")
    types = np.array(["inquiry", "after_sales", "delivery", "complaint"])
    tickets["ticket_type"] = np.where(
        late & (rng.random(len(tickets)) < 0.6),
        "complaint",
        types[rng.integers(0, 4, len(tickets))],
    )
    sessions, _ = _events(rng, people, end, 1.0 + people["rate"].to_numpy(), 1, 0, "started")
    return {
        "orders": orders,
        "order_lines": basket_lines(rng, orders[["order_id", "customer_id", "ordered_at"]]),
        "tickets": tickets,
        "sessions": sessions,
        "customers": people[["customer_id", "registered_at"]],
    }


def basket_lines(rng, orders: pd.DataFrame, products: int = 600) -> pd.DataFrame:
    """Order lines: a popular first product, often its complement (+25) and sometimes (+50)."""
    n = len(orders)
    popularity = 1.0 / np.arange(1, products + 1) ** 0.8
    first = rng.choice(products, n, p=popularity / popularity.sum())
    second = np.where(rng.random(n) < 0.35, (first + 25) % products, -1)
    third = np.where((second >= 0) & (rng.random(n) < 0.3), (first + 50) % products, -1)
    extra = np.where(
        rng.random(n) < 0.25, rng.choice(products, n, p=popularity / popularity.sum()), -1
    )
    order_index = np.tile(np.arange(n), 4)
    product = np.concatenate([first, second, third, extra])
    keep = product >= 0
    order_index, product = order_index[keep], product[keep]
    lines = orders.take(order_index).reset_index(drop=True)
    lines["product_id"] = _lookup([f"P{p:04d}" for p in range(products)], product)
    lines["product_name"] = _lookup([f"商品{p:04d}" for p in range(products)], product)
    lines["category"] = _lookup(CATEGORIES, (product // 25) % len(CATEGORIES))
    lines["quantity"] = 1
    return lines
