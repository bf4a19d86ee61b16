"""The data window and its seasonality: which days and hours people shop on."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Spring Festival (春节) dates; shopping dips around it as logistics stop.
_SPRING_FESTIVAL = {
    2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05", 2020: "01-25",
    2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17",
    2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23", 2032: "02-11",
    2033: "01-31", 2034: "02-19", 2035: "02-08",
}  # fmt: skip
# Relative order volume by weekday (Mon..Sun) and hour of day (evening peak).
_WEEKDAY = np.array([0.95, 0.95, 0.97, 0.98, 1.02, 1.08, 1.05])
_HOUR = np.array([0.6, 0.35, 0.2, 0.12, 0.1, 0.12, 0.25, 0.5, 0.8, 1.0, 1.2, 1.2, 1.3, 1.2, 1.1,
                  1.1, 1.1, 1.1, 1.2, 1.5, 1.9, 2.1, 1.8, 1.2])  # fmt: skip
HOUR_WEIGHT = _HOUR / _HOUR.sum()
# (month, first day, last day, factor): shopping festivals and their warm-up.
_FESTIVALS = [
    (3, 8, 8, 1.6),  # 女王节
    (6, 1, 17, 1.35),  # 618 warm-up
    (6, 18, 18, 5.0),  # 618
    (10, 20, 31, 1.3),  # Double 11 pre-sale
    (11, 1, 10, 1.4),
    (11, 11, 11, 8.0),  # Double 11
    (11, 12, 13, 1.8),
    (12, 12, 12, 3.0),  # Double 12
]


@dataclass(frozen=True)
class Timeline:
    """Days of the data window (day 0 = first day) with their shopping weight."""

    start: np.datetime64  # first day, datetime64[D]
    n_days: int
    day_weight: np.ndarray  # mean 1 over the window
    cumulative: np.ndarray  # len n_days + 1, cumulative[d] = weight of days < d
    month_starts: np.ndarray  # datetime64[D], one per month of the window

    @property
    def end_second(self) -> np.datetime64:
        """The first second after the window."""
        return (self.start + self.n_days).astype("datetime64[s]")

    def weight_between(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Total weight of days lo..hi-1 (clipped to the window)."""
        lo, hi = np.clip(lo, 0, self.n_days), np.clip(hi, 0, self.n_days)
        return self.cumulative[np.maximum(hi, lo)] - self.cumulative[lo]


def spring_festival(year: int) -> np.datetime64:
    """Spring Festival day; outside the table, early February as an approximation."""
    return np.datetime64(f"{year}-{_SPRING_FESTIVAL.get(year, '02-05')}")


def _day_weights(days: np.ndarray) -> np.ndarray:
    frame = pd.DataFrame({"day": pd.to_datetime(days)})
    weekday = (days.astype(int) + 3) % 7  # 1970-01-01 was a Thursday
    weight = _WEEKDAY[weekday].copy()
    month, dom = frame["day"].dt.month.to_numpy(), frame["day"].dt.day.to_numpy()
    for m, first, last, factor in _FESTIVALS:
        weight[(month == m) & (dom >= first) & (dom <= last)] *= factor
    for year in np.unique(frame["day"].dt.year):
        offset = (days - spring_festival(int(year))).astype(int)
        weight[(offset >= -25) & (offset < -8)] *= 1.2  # 年货节 stocking up
        weight[(offset >= -8) & (offset <= 7)] *= 0.35  # couriers on holiday
    weight *= 1 + 0.08 * np.sin(2 * np.pi * (month - 3) / 12)  # mild autumn/winter high
    return weight / weight.mean()


def build_timeline(end_month: str, months: int) -> Timeline:
    """The window of `months` whole months ending with `end_month` ('YYYY-MM')."""
    last = np.datetime64(end_month, "M")
    month_starts = np.arange(last - (months - 1), last + 1).astype("datetime64[D]")
    start, stop = month_starts[0], (last + 1).astype("datetime64[D]")
    days = np.arange(start, stop)
    weight = _day_weights(days)
    cumulative = np.concatenate([[0.0], np.cumsum(weight)])
    return Timeline(start, len(days), weight, cumulative, month_starts)


def sample_days(
    rng: np.random.Generator, timeline: Timeline, lo: np.ndarray, hi: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """counts[i] days in [lo[i], hi[i]) for each i, drawn by shopping weight.

    Returns (owner index, day) arrays of length counts.sum().
    """
    owner = np.repeat(np.arange(len(counts)), counts)
    lo_w = timeline.cumulative[np.clip(lo, 0, timeline.n_days)][owner]
    span = timeline.weight_between(lo, hi)[owner]
    target = lo_w + rng.random(len(owner)) * span
    day = np.searchsorted(timeline.cumulative, target, side="right") - 1
    return owner, np.clip(day, np.clip(lo, 0, None)[owner], np.maximum(hi - 1, 0)[owner])


def times_on_days(
    rng: np.random.Generator, timeline: Timeline, day: np.ndarray, hour_weight: np.ndarray
) -> np.ndarray:
    """A datetime64[s] on each given day, hour drawn from hour_weight."""
    hour = rng.choice(24, size=len(day), p=hour_weight)
    seconds = hour * 3600 + rng.integers(0, 3600, len(day))
    return timeline.start.astype("datetime64[s]") + day * 86400 + seconds
