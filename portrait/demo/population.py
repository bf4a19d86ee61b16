"""The simulated people: who they are and their latent behaviour (never written as such)."""

import numpy as np
import pandas as pd

from portrait.demo import geo, names
from portrait.demo.catalog import category_table
from portrait.demo.params import Behaviour
from portrait.demo.timeline import HOUR_WEIGHT, Timeline

ORDER_CHANNELS = np.array(["app", "mini_program", "website", "offline_store"])
_ORDER_CHANNEL_WEIGHT = [0.4, 0.25, 0.2, 0.15]
PAYMENT_METHODS = np.array(["支付宝", "微信支付", "银行卡", "信用卡", "花呗", "货到付款"])
_PAYMENT_WEIGHT = [0.36, 0.34, 0.1, 0.08, 0.1, 0.02]
SERVICE_CHANNELS = np.array(["phone", "online_chat", "email"])
_STREETS = np.array(["人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路", "胜利路",
                     "长江路", "黄河路", "迎宾大道", "科技园路", "滨江路", "学府路"])  # fmt: skip
_SERVICE_WEIGHT = [0.35, 0.5, 0.15]
# fmt: off
_OCCUPATIONS = np.array([
    "白领", "公司职员", "工程师", "程序员", "教师", "医生", "护士", "公务员",
    "销售", "设计师", "财务", "律师", "自由职业", "个体经营", "学生", "退休",
])
_INDUSTRIES = np.array([
    "互联网", "金融", "教育", "制造业", "医疗健康", "零售", "政府机关", "房地产",
    "物流", "餐饮", "文化传媒", "能源",
])
# fmt: on
_SPEND_TIER_BY_SEGMENT = np.array([[0.4, 0.45, 0.15], [0.3, 0.5, 0.2], [0.25, 0.45, 0.3]])


def pick_rows(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each i, an index drawn from the distribution probs[rows[i]]."""
    cumulative = np.cumsum(probs, axis=1)[rows]
    return (rng.random((len(rows), 1)) > cumulative).sum(axis=1)


def home_addresses(rng: np.random.Generator, n: int) -> np.ndarray:
    """Street addresses like 人民路88号12栋1203室."""
    address = np.strings.add(rng.choice(_STREETS, n), rng.integers(1, 999, n).astype(str))
    address = np.strings.add(np.strings.add(address, "号"), rng.integers(1, 30, n).astype(str))
    address = np.strings.add(np.strings.add(address, "栋"), rng.integers(101, 2808, n).astype(str))
    return np.strings.add(address, "室")


def _identity(rng: np.random.Generator, n: int, timeline: Timeline, taken) -> pd.DataFrame:
    gender = np.where(rng.random(n) < 0.52, "F", "M")
    # Age at the window end; >= 23 so nobody was a minor when registering.
    age = np.clip(rng.normal(36, 10, n), 23, 75)
    window_end = timeline.start + timeline.n_days
    birth = window_end - (age * 365.25).astype(int) - rng.integers(0, 365, n)
    email = names.random_emails(rng, n)
    email = np.where(
        pd.Series(email).duplicated(), np.strings.add(f"{n}.", email.astype(str)), email
    )
    cities = geo.city_table()
    return pd.DataFrame(
        {
            "gender": gender,
            "name": names.random_names(rng, gender),
            "birth_date": birth,
            "phone": geo.random_phones(rng, n, taken),
            "email": np.where(rng.random(n) < 0.45, email, None),
            "city_index": rng.choice(len(cities), size=n, p=cities["weight"].to_numpy()),
            "home_address": home_addresses(rng, n),
            "occupation": rng.choice(_OCCUPATIONS, n),
            "industry": rng.choice(_INDUSTRIES, n),
        }
    )


def _registration(rng: np.random.Generator, n: int, timeline: Timeline, p: Behaviour) -> np.ndarray:
    before = rng.random(n) < p.registered_before_window
    prehistory = -rng.integers(1, int(p.prehistory_years * 365), n)
    # New customers keep registering at a steady pace over the window.
    in_window = (timeline.n_days * rng.random(n)).astype(int)
    day = np.where(before, prehistory, in_window)
    seconds = rng.choice(24, size=n, p=HOUR_WEIGHT) * 3600 + rng.integers(0, 3600, n)
    return timeline.start.astype("datetime64[s]") + day * 86400 + seconds


def _purchasing(rng: np.random.Generator, n: int, p: Behaviour) -> pd.DataFrame:
    segment = rng.choice(3, size=n, p=p.segment_shares)
    per_year = np.array(p.segment_orders_per_year)[segment] * rng.lognormal(0, p.rate_sigma, n)
    per_year = np.minimum(per_year, p.max_orders_per_year)
    mixture = rng.choice(3, size=n, p=[0.30, 0.45, 0.25])
    coupon = np.choose(mixture, [rng.beta(0.5, 8, n), rng.beta(3, 7, n), rng.beta(7, 3, n)])
    return pd.DataFrame(
        {
            "segment": segment,
            "order_rate": per_year / 365.0,
            "spend_tier": pick_rows(rng, _SPEND_TIER_BY_SEGMENT, segment),
            "coupon_propensity": coupon,
            "order_channel": rng.choice(len(ORDER_CHANNELS), n, p=_ORDER_CHANNEL_WEIGHT),
            "payment": rng.choice(len(PAYMENT_METHODS), n, p=_PAYMENT_WEIGHT),
            "service_channel": rng.choice(len(SERVICE_CHANNELS), n, p=_SERVICE_WEIGHT),
            "new_lover": rng.random(n) < p.new_product_lover,
            "session_rate": rng.lognormal(np.log(p.sessions_base_median), 0.8, n) / 30.4,
        }
    )


def _favourite_category(rng: np.random.Generator, gender: np.ndarray) -> np.ndarray:
    cats = category_table()
    lean = cats["lean"].to_numpy()
    probs = []
    for sex in ("F", "M"):
        w = cats["popularity"].to_numpy() * np.where(
            lean == sex, 2.5, np.where(lean == "-", 1, 0.4)
        )
        probs.append(w / w.sum())
    return pick_rows(rng, np.array(probs), (gender == "M").astype(int))


def _churn(rng: np.random.Generator, people: pd.DataFrame, timeline: Timeline, p: Behaviour):
    n = len(people)
    share = p.churner_share * np.where(people["segment"].to_numpy() == 2, 0.7, 1.0)
    churner = rng.random(n) < share
    reg_day = (people["registered_at"] - timeline.start).to_numpy().astype("m8[D]").astype(int)
    # Counted from the real registration: some old accounts went quiet before the window.
    churn_day = reg_day + 30 + rng.exponential(p.churn_mean_months * 30.4, n)
    abrupt = rng.random(n) < p.abrupt_churn
    drift = np.where(abrupt, 0, rng.integers(p.drift_days[0], p.drift_days[1] + 1, n))
    return np.where(churner, churn_day, np.inf), drift


def make_people(
    rng: np.random.Generator, n: int, timeline: Timeline, p: Behaviour, known: pd.DataFrame = None
) -> pd.DataFrame:
    """n real persons with identity, registration time and latent behaviour.

    `known` persons (if any) keep their ids and phones to themselves.
    """
    first_index = 0 if known is None else len(known)
    taken = None if known is None else known["phone"].tolist()
    people = pd.concat([_identity(rng, n, timeline, taken), _purchasing(rng, n, p)], axis=1)
    people.insert(0, "person_id", [f"P{first_index + i + 1:07d}" for i in range(n)])
    people["registered_at"] = _registration(rng, n, timeline, p)
    people["favourite_category"] = _favourite_category(rng, people["gender"].to_numpy())
    people["churn_day"], people["drift_days"] = _churn(rng, people, timeline, p)
    people["is_test"] = False
    people["placeholder_phone"] = False
    return people


def add_traps(rng: np.random.Generator, people: pd.DataFrame, n_test: int, placeholder: float):
    """Give some real persons a placeholder phone and append internal test accounts."""
    clerk_typed = rng.random(len(people)) < placeholder
    people.loc[clerk_typed, "phone"] = rng.choice(geo.PLACEHOLDER_PHONES, clerk_typed.sum())
    people.loc[clerk_typed, "email"] = None
    people["placeholder_phone"] = clerk_typed
    tests = people.sample(n=n_test, random_state=rng).copy()
    tests["person_id"] = [f"P{len(people) + i + 1:07d}" for i in range(n_test)]
    tests["name"] = rng.choice(["测试", "测试用户", "测试账号", "内部测试", "test", "TEST"], n_test)
    tests["phone"] = rng.choice(geo.PLACEHOLDER_PHONES, n_test)
    tests["email"] = None
    tests["is_test"], tests["churn_day"] = True, np.inf
    return pd.concat([people, tests], ignore_index=True)
