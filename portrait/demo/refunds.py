"""Returns and refunds of refunded / refund-pending orders."""

import numpy as np
import pandas as pd

from portrait.demo import formats
from portrait.demo.timeline import Timeline

_REASONS = np.array(
    ["质量问题", "尺码不合适", "不想要了", "发错货", "物流太慢", "与描述不符", "商品破损"]
)
_REASON_WEIGHT = np.array([0.22, 0.15, 0.2, 0.08, 0.1, 0.15, 0.1])


def build_returns(
    rng: np.random.Generator, orders: pd.DataFrame, timeline: Timeline
) -> pd.DataFrame:
    """One return per refunded or refund-pending order: full or partial refund, reason, time."""
    hit = orders[orders["status"].isin(["refunded", "refund_pending"])]
    n = len(hit)
    value = hit["clean_total"].abs().to_numpy()
    partial = rng.random(n) < 0.3
    amount = np.where(partial, np.round(value * rng.uniform(0.2, 0.8, n), 2), value)
    delay = rng.integers(2 * 86400, 15 * 86400, n).astype("m8[s]")
    returned = np.minimum(hit["ordered_ts"].to_numpy() + delay, timeline.end_second - 1)
    order = np.argsort(returned, kind="stable")
    return pd.DataFrame(
        {
            "return_id": np.strings.add("RT", np.strings.zfill(np.arange(1, n + 1).astype(str), 8)),
            "order_id": hit["order_id"].to_numpy()[order],
            "refund_amount": amount[order],
            "reason": rng.choice(_REASONS, n, p=_REASON_WEIGHT),
            "returned_at": formats.format_datetimes(returned[order], np.zeros(n, int)),
        }
    )
