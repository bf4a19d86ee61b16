"""Marketing campaigns and who took part (price-sensitive, active people more often)."""

import numpy as np
import pandas as pd

from portrait.demo import formats
from portrait.demo.orders import drift_factor
from portrait.demo.params import Behaviour
from portrait.demo.timeline import Timeline

# month -> (name, type, length in days, base participation probability)
_CALENDAR = {
    1: ("年货节", "促销", 14, 0.06),
    2: ("开春焕新", "新品", 10, 0.03),
    3: ("女王节", "促销", 7, 0.05),
    4: ("会员日", "会员", 3, 0.04),
    5: ("五一出游季", "促销", 7, 0.04),
    6: ("618年中大促", "促销", 18, 0.12),
    7: ("暑期直播季", "直播", 14, 0.05),
    8: ("七夕礼遇", "促销", 5, 0.03),
    9: ("开学季", "新品", 10, 0.04),
    10: ("国庆黄金周", "促销", 7, 0.05),
    11: ("双11狂欢节", "促销", 21, 0.15),
    12: ("双12年终盛典", "促销", 12, 0.07),
}
_CHECK_IN = ("签到有礼", "互动", 28, 0.03)  # every quarter


def campaign_table(timeline: Timeline) -> pd.DataFrame:
    """One row per campaign in the window: id, name, type, first day, length, base rate."""
    rows = []
    for month_start in timeline.month_starts:
        month = int(month_start.astype("datetime64[M]").astype(int) % 12 + 1)
        specs = [_CALENDAR[month]] + ([_CHECK_IN] if month % 3 == 0 else [])
        ym = str(month_start.astype("datetime64[M]")).replace("-", "")
        for k, (name, kind, length, rate) in enumerate(specs, start=1):
            first = int((month_start - timeline.start).astype(int))
            rows.append((f"CMP{ym}{k:02d}", f"{ym[:4]}{name}", kind, first, length, rate))
    return pd.DataFrame(
        rows,
        columns=["campaign_id", "campaign_name", "campaign_type", "first_day", "length", "rate"],
    )


def build_campaigns(rng, people: pd.DataFrame, assign, timeline: Timeline, p: Behaviour):
    """Participation rows: customer, campaign, type, time."""
    reg = (people["registered_at"].to_numpy() - timeline.start).astype("m8[D]").astype(int)
    activity = np.minimum(people["order_rate"].to_numpy() * 365 / 4, 1.0) + 0.3
    affinity = (0.3 + people["coupon_propensity"].to_numpy()) * activity
    churn, drift = people["churn_day"].to_numpy(), people["drift_days"].to_numpy()
    parts = []
    for campaign in campaign_table(timeline).itertuples():
        left = drift_factor(np.full(len(people), campaign.first_day), churn, drift, p.drift_floor)
        chance = np.clip(campaign.rate * p.campaign_reach * affinity * left, 0, 0.9) * (
            reg < campaign.first_day
        )
        who = np.flatnonzero(rng.random(len(people)) < chance)
        day = campaign.first_day + rng.integers(0, campaign.length, len(who))
        parts.append(
            pd.DataFrame(
                {
                    "person": who,
                    "day": np.minimum(day, timeline.n_days - 1),
                    "campaign": campaign.Index,
                }
            )
        )
    taken = pd.concat(parts, ignore_index=True)
    table = campaign_table(timeline)
    seconds = taken["day"].to_numpy() * 86400 + rng.integers(8 * 3600, 23 * 3600, len(taken))
    when = timeline.start.astype("datetime64[s]") + seconds.astype("m8[s]")
    chosen = table.iloc[taken["campaign"].to_numpy()]
    return pd.DataFrame(
        {
            "customer_id": assign(taken["person"].to_numpy(), when),
            "campaign_id": chosen["campaign_id"].to_numpy(),
            "campaign_name": chosen["campaign_name"].to_numpy(),
            "campaign_type": chosen["campaign_type"].to_numpy(),
            "participated_at": formats.format_datetimes(when, np.zeros(len(when), int)),
        }
    )
