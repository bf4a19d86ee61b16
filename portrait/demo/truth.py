"""Ground truth the generator knows and the pipeline never reads: identities and churn.

- identities.csv: every source customer record (CRM customer_id and customer-template
  客户编号) -> the person_id of the real person behind it.
- churn.csv: for every real person (not a test account) with a CRM record, every as-of
  month whose end they were registered by (first CRM registration <= month end) and
  whose 90 days after the month end lie inside the data: churned_90d = 1 when the
  person placed no order with status completed / 已完成 (any of their CRM records,
  order date in (month end, month end + 90 days]) — cancelled, refunded,
  refund-pending and test orders do not count; purchase-template rows do not either.
"""

import numpy as np
import pandas as pd

from portrait.demo.timeline import Timeline

CHURN_HORIZON_DAYS = 90
COMPLETED = ("completed", "已完成")


def identities(records: pd.DataFrame, people: pd.DataFrame, imports: pd.DataFrame) -> pd.DataFrame:
    crm = pd.DataFrame(
        {
            "source_customer_id": records["customer_id"].to_numpy(),
            "person_id": people["person_id"].to_numpy()[records["person"].to_numpy()],
        }
    )
    imported = imports[["customer_id", "person_id"]].rename(
        columns={"customer_id": "source_customer_id"}
    )
    return pd.concat([crm, imported], ignore_index=True).sort_values(
        "source_customer_id", ignore_index=True
    )


def _month_ends(timeline: Timeline) -> tuple[np.ndarray, np.ndarray]:
    """(as-of month labels, month-end day index) of the labellable months."""
    next_starts = (timeline.month_starts.astype("datetime64[M]") + 1).astype("datetime64[D]")
    end_day = (next_starts - 1 - timeline.start).astype(int)
    ok = end_day + CHURN_HORIZON_DAYS <= timeline.n_days - 1
    labels = np.datetime_as_string(timeline.month_starts.astype("datetime64[M]"), unit="M")
    return labels[ok], end_day[ok]


def churn_labels(people: pd.DataFrame, orders: pd.DataFrame, timeline: Timeline) -> pd.DataFrame:
    labels, end_day = _month_ends(timeline)
    real = ~people["is_test"].to_numpy()
    counted = orders["status"].isin(COMPLETED).to_numpy() & real[orders["person"].to_numpy()]
    person = orders["person"].to_numpy()[counted]
    day = orders["day"].to_numpy()[counted]
    # An order on `day` is in the window of every month ending in [day - 90, day - 1].
    lo = np.searchsorted(end_day, day - CHURN_HORIZON_DAYS, side="left")
    hi = np.searchsorted(end_day, day - 1, side="right")
    span = np.maximum(hi - lo, 0)
    rep = np.repeat(np.arange(len(span)), span)
    month = lo[rep] + (np.arange(len(rep)) - np.repeat(np.cumsum(span) - span, span))
    bought = np.zeros((len(people), len(end_day)), bool)
    bought[person[rep], month] = True
    reg_day = (people["registered_at"].to_numpy() - timeline.start).astype("m8[D]").astype(int)
    eligible = real[:, None] & (reg_day[:, None] <= end_day[None, :])
    who, which = np.nonzero(eligible)
    return pd.DataFrame(
        {
            "person_id": people["person_id"].to_numpy()[who],
            "as_of_month": labels[which],
            "churned_90d": (~bought[who, which]).astype(int),
        }
    )


def identity_counts(records: pd.DataFrame, people: pd.DataFrame) -> dict[str, int]:
    """How many duplicates of each kind, traps and accidental collisions there are."""
    kinds = records["kind"].value_counts()
    duplicate_free = records["kind"].isin(["primary", "test"])
    real = people[~people["is_test"]]
    same_name = real.groupby("name")["person_id"].transform("size") > 1
    same_name_birth = real.groupby(["name", "birth_date"])["person_id"].transform("size") > 1
    return {
        "persons": int(len(real)),
        "crm_records": int(len(records)),
        "duplicated_persons": int(records.loc[~duplicate_free, "person"].nunique()),
        **{
            f"duplicate_records_by_{k}": int(kinds.get(k, 0))
            for k in ("phone", "email", "name_birth", "unmatchable")
        },
        "test_accounts": int(kinds.get("test", 0)),
        "placeholder_phone_persons": int(people["placeholder_phone"].sum()),
        "persons_sharing_their_name": int(same_name.sum()),
        "persons_sharing_name_and_birth_date": int(same_name_birth.sum()),
    }
