"""CRM customer archive records: one or more per person, written the way a CRM keeps them."""

import numpy as np
import pandas as pd

from portrait.demo import crm_fields, formats, geo, names
from portrait.demo.dirt import DirtRates
from portrait.demo.timeline import Timeline

_KINDS = np.array(["phone", "email", "name_birth", "unmatchable"])


def _plan(rng: np.random.Generator, people: pd.DataFrame, dirt: DirtRates) -> pd.DataFrame:
    """One row per record: person, rank (0 = first registration) and duplicate kind."""
    n = len(people)
    can_dup = ~people["is_test"].to_numpy() & ~people["placeholder_phone"].to_numpy()
    copies = np.where(
        can_dup & (rng.random(n) < dirt.duplicate_person),
        1 + (rng.random(n) < dirt.duplicate_third_record),
        0,
    )
    person = np.concatenate([np.arange(n), np.repeat(np.arange(n), copies)])
    rank = np.concatenate([np.zeros(n, int), np.concatenate([np.arange(1, c + 1) for c in copies])])
    kind_p = [
        dirt.duplicate_by_phone,
        dirt.duplicate_by_email,
        dirt.duplicate_by_name_birth,
        dirt.duplicate_unmatchable,
    ]
    kind = np.where(
        rank == 0, "primary", rng.choice(_KINDS, len(rank), p=np.array(kind_p) / sum(kind_p))
    )
    kind = np.where(people["is_test"].to_numpy()[person], "test", kind)
    return pd.DataFrame({"person": person, "rank": rank, "kind": kind})


def person_has_kind(plan: pd.DataFrame, kind: str) -> np.ndarray:
    """Per record: does its person have a record of this duplicate kind?"""
    has = np.zeros(int(plan["person"].max()) + 1, bool)
    has[plan.loc[plan["kind"] == kind, "person"].to_numpy()] = True
    return has[plan["person"].to_numpy()]


def _registered(rng: np.random.Generator, people, plan, timeline: Timeline) -> np.ndarray:
    first = people["registered_at"].to_numpy()[plan["person"]]
    room = (timeline.end_second - first).astype(np.int64)
    later = np.minimum(room - 1, rng.integers(10 * 86400, 400 * 86400, len(plan)))
    later = (later * (plan["rank"].to_numpy() / 2.0)).astype(np.int64)
    return first + np.maximum(later, np.where(plan["rank"] > 0, 1, 0)).astype("timedelta64[s]")


def _updated(rng: np.random.Generator, registered: np.ndarray, timeline: Timeline) -> np.ndarray:
    """Last update: some time between registration and the end of the data."""
    room = (timeline.end_second - registered).astype(np.int64)
    return registered + (rng.random(len(registered)) * room).astype("timedelta64[s]")


def _identity(rng: np.random.Generator, people, plan, dirt: DirtRates) -> pd.DataFrame:
    """Phone / e-mail / name / birth date so each duplicate matches by its kind only."""
    src = people.iloc[plan["person"]].reset_index(drop=True)
    kind = plan["kind"].to_numpy()
    new_phone = np.isin(kind, ["email", "name_birth", "unmatchable"])
    phone = src["phone"].to_numpy().astype(object)
    phone[new_phone] = geo.random_phones(rng, new_phone.sum(), set(people["phone"]))
    phone[(kind == "email") & (rng.random(len(kind)) < dirt.email_duplicate_without_phone)] = None
    email = src["email"].to_numpy().astype(object)
    email[np.isin(kind, ["name_birth", "unmatchable"])] = None
    email[(kind == "phone") & (rng.random(len(kind)) < dirt.phone_duplicate_without_email)] = None
    recased = rng.random(len(kind)) < dirt.phone_duplicate_email_recased
    recase = (kind == "email") | ((kind == "phone") & recased)
    recase &= pd.notna(email)
    email[recase] = formats.vary_email_case(rng, email[recase])
    birth = src["birth_date"].to_numpy().astype("datetime64[D]")
    protect = person_has_kind(plan, "name_birth")
    missing = (rng.random(len(kind)) < dirt.birth_date_missing) & ~protect
    birth[missing | (kind == "unmatchable") | ((kind == "email") & ~protect)] = np.datetime64("NaT")
    return pd.DataFrame({"name": src["name"], "phone": phone, "email": email, "birth": birth})


def _dirty_phones(rng: np.random.Generator, plan: pd.DataFrame, phone: np.ndarray, dirt, counts):
    """Format, break or drop phones; never on persons whose duplicates match by phone."""
    kind = plan["kind"].to_numpy()
    keep = person_has_kind(plan, "phone")
    phone = phone.copy()
    present = pd.notna(phone) & ~np.isin(phone, geo.PLACEHOLDER_PHONES)
    draw = rng.random(len(phone))
    broken = present & ~keep & (draw < dirt.phone_malformed)
    missing = present & ~keep & (kind == "primary") & (draw > 1 - dirt.phone_missing)
    styled = (kind == "phone") | (rng.random(len(phone)) < dirt.phone_formatted)
    styled &= present & ~broken & ~missing
    phone[broken] = formats.malform_phones(rng, phone[broken])
    phone[styled] = formats.format_phones(rng, phone[styled])
    phone[missing] = None
    counts.update(
        phone_malformed=int(broken.sum()),
        phone_formatted=int(styled.sum()),
        phone_missing=int(missing.sum()),
    )
    return phone


def _with_emails_for_email_duplicates(rng, people: pd.DataFrame, plan: pd.DataFrame):
    """A person re-registered by e-mail must have had an e-mail in the first place."""
    needs = np.zeros(len(people), bool)
    needs[plan.loc[plan["kind"] == "email", "person"]] = True
    needs &= people["email"].isna().to_numpy()
    people = people.copy()
    people.loc[needs, "email"] = np.strings.add(
        "m", names.random_emails(rng, needs.sum()).astype(str)
    )
    return people


def build_crm(rng: np.random.Generator, people: pd.DataFrame, timeline: Timeline, dirt: DirtRates):
    """CRM customer records (contract columns) plus hidden person, kind and registered_ts."""
    counts: dict[str, int] = {}
    plan = _plan(rng, people, dirt)
    people = _with_emails_for_email_duplicates(rng, people, plan)
    src = people.iloc[plan["person"]].reset_index(drop=True)
    registered = _registered(rng, people, plan, timeline)
    updated = _updated(rng, registered, timeline)
    ident = _identity(rng, people, plan, dirt)
    province, city, district = crm_fields.region_values(
        rng, plan, src["city_index"].to_numpy(), dirt, counts
    )
    n = len(plan)
    birth_styles = formats.date_styles(rng, n, dirt.crm_date_other_format)
    registered_styles = formats.date_styles(rng, n, dirt.crm_date_other_format)
    records = pd.DataFrame(
        {
            "customer_id": crm_fields.customer_ids(registered),
            "name": ident["name"],
            "gender": crm_fields.gender_values(rng, src["gender"].to_numpy(), dirt, counts),
            "birth_date": formats.format_datetimes(ident["birth"].to_numpy(), birth_styles, True),
            "age": crm_fields.age_values(rng, src["birth_date"].to_numpy(), updated, dirt, counts),
            "province": province,
            "city": city,
            "district": district,
            **crm_fields.profile_values(rng, src, plan, dirt),
            "phone": _dirty_phones(rng, plan, ident["phone"].to_numpy(), dirt, counts),
            "email": ident["email"],
            "registered_at": formats.format_datetimes(registered, registered_styles),
            "source_channel": crm_fields.source_channels(rng, src, plan),
            "updated_at": formats.format_datetimes(updated, np.zeros(n, int)),
            "person": plan["person"],
            "kind": plan["kind"],
            "registered_ts": registered,
        }
    )
    return records.sort_values("customer_id", ignore_index=True), counts


CRM_COLUMNS = [
    "customer_id",
    "name",
    "gender",
    "birth_date",
    "age",
    "province",
    "city",
    "district",
    "occupation",
    "industry",
    "phone",
    "email",
    "registered_at",
    "source_channel",
    "customer_level",
    "manual_tags",
    "remark",
    "updated_at",
]
