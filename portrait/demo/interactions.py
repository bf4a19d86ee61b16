"""Service tickets and login sessions, both tied to purchasing and to drifting away."""

import numpy as np
import pandas as pd

from portrait.demo import formats
from portrait.demo.dirt import DirtRates
from portrait.demo.orders import drift_factor
from portrait.demo.params import Behaviour
from portrait.demo.population import SERVICE_CHANNELS
from portrait.demo.timeline import HOUR_WEIGHT, Timeline, sample_days, times_on_days

TICKET_TYPES = np.array(
    ["inquiry", "complaint", "suggestion", "after_sales", "delivery", "customization"]
)
_CHINESE_TYPE = dict(
    zip(TICKET_TYPES, ["咨询", "投诉", "建议", "售后", "物流", "定制"], strict=True)
)
_CHINESE_CHANNEL = {"phone": "电话", "online_chat": "在线客服", "email": "邮件"}
# Type mix per ticket origin, in TICKET_TYPES order.
_MIX = {
    "order": [0.4, 0.0, 0.0, 0.2, 0.4, 0.0],
    "problem": [0.0, 0.5, 0.0, 0.5, 0.0, 0.0],
    "drift": [0.0, 0.5, 0.0, 0.35, 0.15, 0.0],
    "background": [0.5, 0.0, 0.25, 0.0, 0.0, 0.25],
}
_DAY = np.timedelta64(86400, "s")


def _order_tickets(rng: np.random.Generator, orders: pd.DataFrame, p: Behaviour):
    problem = (
        orders["status"].isin(["cancelled", "已取消", "refunded", "refund_pending"]).to_numpy()
    )
    draw = rng.random(len(orders))
    pick = np.flatnonzero(draw < np.where(problem, p.ticket_per_problem_order, p.ticket_per_order))
    after = rng.uniform(0.05, 10, len(pick)) * 86400
    when = orders["ordered_ts"].to_numpy()[pick] + after.astype("m8[s]")
    origin = np.where(problem[pick], "problem", "order")
    return orders["person"].to_numpy()[pick], when, origin


def _drift_tickets(rng: np.random.Generator, people: pd.DataFrame, timeline: Timeline, p):
    churn, drift = people["churn_day"].to_numpy(), people["drift_days"].to_numpy()
    window = np.where(drift > 0, drift, 20)
    mean = np.where(drift > 0, p.drift_tickets_gradual, p.drift_tickets_abrupt)
    counts = np.where(np.isfinite(churn), rng.poisson(mean), 0)
    owner = np.repeat(np.arange(len(people)), counts)
    start = np.where(np.isfinite(churn), churn - window, 0)[owner]
    day = start + rng.random(len(owner)) * window[owner]
    return owner, timeline.start.astype("datetime64[s]") + (day * 86400).astype("m8[s]")


def _background_tickets(rng: np.random.Generator, people: pd.DataFrame, timeline: Timeline, p):
    reg = (people["registered_at"].to_numpy() - timeline.start).astype("m8[D]").astype(int)
    end = np.minimum(people["churn_day"].to_numpy(), timeline.n_days).astype(int)
    lo = np.maximum(reg + 1, 0)
    counts = rng.poisson(p.ticket_background_per_month / 30.4 * np.maximum(end - lo, 0))
    owner, day = sample_days(rng, timeline, lo, np.maximum(end, lo), counts)
    return owner, times_on_days(rng, timeline, day, HOUR_WEIGHT)


def _satisfaction(rng, kind: np.ndarray, drifting: np.ndarray, dirt: DirtRates):
    n = len(kind)
    base = np.where(
        kind == "complaint",
        rng.choice([1, 2, 3], n, p=[0.4, 0.4, 0.2]),
        np.where(
            kind == "after_sales",
            rng.choice([2, 3, 4], n),
            rng.choice([3, 4, 5], n, p=[0.2, 0.4, 0.4]),
        ),
    )
    score = pd.array(np.clip(base - drifting, 1, 5), dtype="Int64")
    score[rng.random(n) < dirt.satisfaction_blank] = pd.NA
    return score


def _ticket_events(rng, people, orders, timeline: Timeline, p: Behaviour):
    """(person, created time, origin) of every ticket inside the window, by time."""
    parts = [_order_tickets(rng, orders, p)]
    for origin, maker in (("drift", _drift_tickets), ("background", _background_tickets)):
        owner, when = maker(rng, people, timeline, p)
        parts.append((owner, when, np.full(len(owner), origin)))
    person, when, origin = (np.concatenate(x) for x in zip(*parts, strict=True))
    inside = (when >= timeline.start.astype("datetime64[s]")) & (when < timeline.end_second)
    inside &= when > people["registered_at"].to_numpy()[person]
    order = np.argsort(when[inside], kind="stable")
    return person[inside][order], when[inside][order], origin[inside][order]


def _ticket_labels(rng, person, origin, people, p: Behaviour, dirt: DirtRates, counts):
    """(type code, channel text, type text); some rows written in Chinese."""
    n = len(person)
    cumulative = np.cumsum(np.array(list(_MIX.values())), axis=1)
    rows = pd.Categorical(origin, categories=list(_MIX)).codes
    kind = TICKET_TYPES[np.minimum((rng.random((n, 1)) > cumulative[rows]).sum(axis=1), 5)]
    preferred = people["service_channel"].to_numpy()[person]
    loyal = rng.random(n) < p.preference_loyalty
    channel = SERVICE_CHANNELS[np.where(loyal, preferred, rng.integers(0, 3, n))].astype(object)
    kind_text = kind.astype(object)
    chinese = rng.random(n) < dirt.ticket_chinese_labels
    channel[chinese] = pd.Series(channel[chinese]).map(_CHINESE_CHANNEL).to_numpy()
    kind_text[chinese] = pd.Series(kind[chinese]).map(_CHINESE_TYPE).to_numpy()
    counts["ticket_chinese_labels"] = int(chinese.sum())
    return kind, channel, kind_text


def build_tickets(rng, people, orders, assign, timeline: Timeline, p: Behaviour, dirt, counts):
    """Service tickets; `assign(person, when)` gives the CRM record used."""
    person, when, origin = _ticket_events(rng, people, orders, timeline, p)
    kind, channel, kind_text = _ticket_labels(rng, person, origin, people, p, dirt, counts)
    n = len(person)
    resolved = rng.random(n) < np.where(kind == "complaint", 0.7, 0.92)
    styles = formats.date_styles(rng, n, dirt.ticket_date_other_format)
    return pd.DataFrame(
        {
            "ticket_id": np.strings.add("TK", np.strings.zfill(np.arange(1, n + 1).astype(str), 8)),
            "customer_id": assign(person, when),
            "channel": channel,
            "ticket_type": kind_text,
            "satisfaction": _satisfaction(rng, kind, (origin == "drift").astype(int), dirt),
            "is_resolved": resolved.astype(int),
            "created_at": formats.format_datetimes(when, styles),
            "person": person,
            "type_code": kind,
        }
    )


def _habit_sessions(rng, people, timeline: Timeline, p: Behaviour):
    """(person, start, duration) of browsing visits; they thin out while drifting away."""
    reg = (people["registered_at"].to_numpy() - timeline.start).astype("m8[D]").astype(int)
    lo, hi = reg + 1, np.full(len(people), timeline.n_days)
    rate = (
        people["session_rate"].to_numpy() + p.sessions_per_order * people["order_rate"].to_numpy()
    )
    counts = rng.poisson(rate * timeline.weight_between(lo, hi))
    owner, day = sample_days(rng, timeline, lo, hi, counts)
    churn, drift = people["churn_day"].to_numpy()[owner], people["drift_days"].to_numpy()[owner]
    left = drift_factor(day, churn, drift, p.drift_floor)
    keep = rng.random(len(owner)) < p.session_after_churn + (1 - p.session_after_churn) * left
    when = times_on_days(rng, timeline, day[keep], HOUR_WEIGHT)
    duration = np.exp(rng.normal(np.log(180), 0.9, keep.sum()))
    return owner[keep], when, duration


def _sessions_before_orders(rng, people, orders, timeline: Timeline, p: Behaviour):
    """(person, start, duration) of the visit that ends in an order."""
    before = np.flatnonzero(rng.random(len(orders)) < p.session_before_order)
    lead = rng.integers(60, 2400, len(before))
    start = orders["ordered_ts"].to_numpy()[before] - lead.astype("m8[s]")
    person = orders["person"].to_numpy()[before]
    registered = people["registered_at"].to_numpy()[person]
    inside = (start >= registered) & (start >= timeline.start.astype("datetime64[s]"))
    duration = lead[inside] + rng.exponential(120, inside.sum())
    return person[inside], start[inside], duration


def build_sessions(rng, people, orders, assign, timeline: Timeline, p: Behaviour) -> pd.DataFrame:
    """Login sessions: a personal browsing habit plus visits right before orders."""
    parts = [_habit_sessions(rng, people, timeline, p)]
    parts.append(_sessions_before_orders(rng, people, orders, timeline, p))
    person, when, duration = (np.concatenate(x) for x in zip(*parts, strict=True))
    order = np.argsort(when, kind="stable")
    person, when = person[order], when[order]
    duration = np.clip(duration[order], 5, 7200).astype(int)
    pages = np.minimum(1 + rng.poisson(duration / 75), 200)
    n = len(person)
    return pd.DataFrame(
        {
            "session_id": np.strings.add(
                "SS", np.strings.zfill(np.arange(1, n + 1).astype(str), 10)
            ),
            "customer_id": assign(person, when),
            "started_at": np.datetime_as_string(when, unit="s"),
            "duration_seconds": duration,
            "pages_viewed": pages,
            "product_clicks": rng.binomial(pages, 0.35),
            "person": person,
        }
    )
