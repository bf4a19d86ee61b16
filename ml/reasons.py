"""Plain-language churn reasons from each feature's contribution to the log-odds.

A feature pushes toward churn when coefficient x standardized value > 0: a high
value with a positive coefficient, or a low value with a negative one. Each
feature has a sentence for each direction (Chinese first, English in brackets);
`None` means the direction is not a sensible reason and is never shown.
"""

import numpy as np
import pandas as pd
import pyarrow as pa

from ml.churn import ChurnModel, coefficients, standardized_values

# feature -> (sentence when the value is high, sentence when it is low); {v} value, {a} |value|.
TEMPLATES: dict[str, tuple[str | None, str | None]] = {
    "recency_days": ("已 {v:.0f} 天未购买 (no purchase for {v:.0f} days)", None),
    "tenure_days": (None, "新客户，仅 {v:.0f} 天 (new customer, {v:.0f} days)"),
    "orders_lifetime": (None, "累计仅下单 {v:.0f} 次 (only {v:.0f} order(s) in total)"),
    "orders_365d": (None, "近一年仅下单 {v:.0f} 次 (only {v:.0f} order(s) in the last year)"),
    "spend_365d": (None, "近一年消费仅 ¥{v:,.0f} (spent only ¥{v:,.0f} in the last year)"),
    "avg_order_value": (
        "客单价偏高 ¥{v:,.0f} (high average order ¥{v:,.0f})",
        "客单价偏低 ¥{v:,.0f} (low average order ¥{v:,.0f})",
    ),
    "mean_interval_days": (
        "平均 {v:.0f} 天才购买一次 (buys only every {v:.0f} days)",
        None,
    ),
    "overdue_ratio": (
        "距上次购买已是平常间隔的 {v:.1f} 倍 ({v:.1f}x the usual gap since the last purchase)",
        None,
    ),
    "is_single_purchase": ("只购买过一次 (bought only once)", None),
    "order_trend": (None, "近 90 天订单减少 {a:.0f} 笔 (orders down by {a:.0f} in 90 days)"),
    "spend_trend": (None, "近 90 天消费下降 (spending falling)"),
    "coupon_share": ("{v:.0%} 的订单依赖优惠券 ({v:.0%} of orders used a coupon)", None),
    "return_share": ("{v:.0%} 的订单有退货 (returns on {v:.0%} of orders)", None),
    "complaints_180d": ("近半年投诉 {v:.0f} 次 ({v:.0f} complaint(s) in 6 months)", None),
    "tickets_90d": ("近 90 天联系客服 {v:.0f} 次 ({v:.0f} service contact(s) in 90 days)", None),
    "contact_trend": (
        "客服联系增多 (service contacts rising)",
        "客服联系减少 (service contacts falling)",
    ),
    "sessions_30d": (None, "近 30 天登录 {v:.0f} 次 (logged in {v:.0f} time(s) in 30 days)"),
    "session_trend": (None, "登录次数下降 (logins falling)"),
}


# Decimals each feature's sentence shows (default: whole numbers).
DECIMALS = {"overdue_ratio": 1, "coupon_share": 2, "return_share": 2}


def reasons(
    contrib: np.ndarray,
    standardized_high: np.ndarray,
    frame: pd.DataFrame,
    features: tuple[str, ...],
    count: int = 3,
) -> pd.Series:
    """Up to `count` sentences per row, strongest push toward churn first.

    `standardized_high` says per row and feature whether the value is above the
    training mean (the standardized value is positive): it picks the sentence.
    """
    raw = frame[list(features)].to_numpy(dtype=float, na_value=np.nan)
    ranked = np.where(np.isnan(raw), -np.inf, contrib)
    for j, name in enumerate(features):
        high, low = TEMPLATES.get(name, (None, None))
        ranked[:, j] = np.where(standardized_high[:, j] & (high is None), -np.inf, ranked[:, j])
        ranked[:, j] = np.where(~standardized_high[:, j] & (low is None), -np.inf, ranked[:, j])
    ranked = np.where(ranked > 0, ranked, -np.inf)
    order = np.argsort(-ranked, axis=1, kind="stable")[:, :count]
    rows = np.arange(len(raw))
    slots = [
        _sentences(
            order[:, k],
            np.isfinite(ranked[rows, order[:, k]]),
            standardized_high[rows, order[:, k]],
            raw[rows, order[:, k]],
            features,
        )
        for k in range(min(count, len(features)))
    ]
    # Row-major (row, slot) order: each row's sentences, strongest first, as an Arrow list.
    texts = np.column_stack(slots) if slots else np.empty((len(raw), 0), dtype=object)
    present = texts != None  # noqa: E711 - elementwise on an object array
    offsets = np.concatenate([[0], np.cumsum(present.sum(axis=1))]).astype(np.int32)
    lists = pa.ListArray.from_arrays(pa.array(offsets), pa.array(texts[present], pa.string()))
    return pd.Series(pd.arrays.ArrowExtensionArray(lists), index=frame.index, name="reasons")


def _sentences(feature, valid, high, value, features) -> np.ndarray:
    """One slot's sentence per row (None where invalid), each distinct sentence formatted once."""
    out = np.full(len(feature), None, dtype=object)
    for j in np.unique(feature[valid]):
        for is_high in (True, False):
            mask = valid & (feature == j) & (high == is_high)
            if not mask.any():
                continue
            template = TEMPLATES[features[j]][0 if is_high else 1]
            # Rounded as the sentence shows it, so each distinct sentence is formatted once.
            shown = np.round(value[mask], DECIMALS.get(features[j], 0))
            values, inverse = np.unique(shown, return_inverse=True)
            texts = np.array([template.format(v=v, a=abs(v)) for v in values], dtype=object)
            out[mask] = texts[inverse]
    return out


def explain(model: ChurnModel, frame: pd.DataFrame, count: int = 3) -> pd.Series:
    """Top `count` reasons per row of `frame` for the model's churn probability."""
    values = standardized_values(model, frame)
    return reasons(values * coefficients(model), values > 0, frame, model.features, count)
