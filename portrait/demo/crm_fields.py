"""CRM record fields other than identity: gender, region, age, profile, channel, id."""

import numpy as np
import pandas as pd

from portrait.demo import formats, geo
from portrait.demo.dirt import DirtRates

SOURCE_CHANNELS = np.array(["website", "offline_store", "referral", "mini_program", "app"])
_TAGS = np.array(
    ["老客户", "企业客户", "价格敏感", "高净值", "数码爱好者", "宝妈", "团购", "学生党"]
)
_REMARKS = np.array(["偏好周末送货", "电话沟通为主", "已加企业微信", "地址变更过", "要求开发票"])
_DISTRICTS = np.array(
    [
        "朝阳",
        "海淀",
        "浦东新",
        "徐汇",
        "天河",
        "南山",
        "福田",
        "武侯",
        "西湖",
        "江汉",
        "雁塔",
        "鼓楼",
        "高新",
        "经开",
        "城关",
        "新城",
        "开发",
    ]
)


def gender_values(
    rng: np.random.Generator, gender: np.ndarray, dirt: DirtRates, counts
) -> np.ndarray:
    cut = np.cumsum([dirt.gender_letter, dirt.gender_word, dirt.gender_unknown, dirt.gender_blank])
    kind = np.searchsorted(cut, rng.random(len(gender)), side="right")
    words = np.where(gender == "F", "female", "male")
    out = np.choose(
        np.minimum(kind, 4), [gender, words, "未知", "", np.where(gender == "F", "女", "男")]
    )
    counts["gender_not_chinese_word"] = int((kind < 4).sum())
    return np.where(out == "", None, out.astype(object))


def region_values(
    rng: np.random.Generator, plan: pd.DataFrame, city_index, dirt: DirtRates, counts
):
    cities = geo.city_table()
    province = cities["province"].to_numpy()[city_index].astype(object)
    city = cities["city"].to_numpy()[city_index].astype(object)
    draw, n = rng.random(len(city)), len(city)
    short = draw < dirt.province_short
    abbr = ~short & (draw < dirt.province_short + dirt.province_abbreviation)
    province[short] = pd.Series(province[short]).map(geo.province_short).to_numpy()
    province[abbr] = pd.Series(province[abbr]).map(geo.PROVINCE_ABBREVIATION).to_numpy()
    bare = rng.random(n) < dirt.city_without_suffix
    city[bare] = formats.replace(city[bare].astype(str), "市", "")
    district = np.strings.add(rng.choice(_DISTRICTS, n), "区").astype(object)
    district[rng.random(n) < dirt.district_missing] = None
    # Duplicates often lack the region the first registration had (partial records).
    missing = rng.random(n) < np.where(
        plan["rank"] > 0, dirt.duplicate_region_missing, dirt.region_missing
    )
    province[missing], city[missing], district[missing] = None, None, None
    counts.update(
        province_alias=int((short | abbr)[~missing].sum()), region_missing=int(missing.sum())
    )
    return province, city, district


def age_values(
    rng: np.random.Generator, birth: np.ndarray, updated: np.ndarray, dirt: DirtRates, counts
):
    years = (updated.astype("datetime64[D]") - birth.astype("datetime64[D]")).astype(int) // 365.25
    age = pd.array(years.astype(int), dtype="Int64")
    draw = rng.random(len(age))
    zero = draw < dirt.age_zero
    hundreds = (draw >= dirt.age_zero) & (draw < dirt.age_zero + dirt.age_200)
    age[zero], age[hundreds] = 0, 200
    age[draw > 1 - dirt.age_blank] = pd.NA
    counts.update(age_zero=int(zero.sum()), age_200=int(hundreds.sum()))
    return age


def profile_values(
    rng: np.random.Generator, src: pd.DataFrame, plan: pd.DataFrame, dirt: DirtRates
) -> dict:
    """Occupation, industry, level, tags and remarks; later records may differ."""
    n = len(src)
    occupation = src["occupation"].to_numpy().astype(object)
    changed = rng.random(n) < dirt.duplicate_occupation_changed
    changed &= plan["rank"].to_numpy() > 0
    occupation[changed] = rng.choice(np.unique(src["occupation"]), changed.sum())
    occupation[rng.random(n) < dirt.occupation_missing] = None
    industry = np.where(rng.random(n) < dirt.industry_missing, None, src["industry"].to_numpy())
    value = src["segment"].to_numpy() + src["spend_tier"].to_numpy() + rng.integers(-1, 2, n)
    level = np.where(value >= 3, "VIP", np.where(value >= 2, "潜力", "普通"))
    tags = np.where(
        rng.random(n) < 0.5,
        rng.choice(_TAGS, n),
        np.strings.add(np.strings.add(rng.choice(_TAGS, n), ","), rng.choice(_TAGS, n)),
    )
    tags = np.where(rng.random(n) < 0.15, tags, None)
    remark = np.where(rng.random(n) < 0.05, rng.choice(_REMARKS, n), None)
    return {
        "occupation": occupation,
        "industry": industry,
        "customer_level": level,
        "manual_tags": tags,
        "remark": remark,
    }


def source_channels(rng: np.random.Generator, src: pd.DataFrame, plan: pd.DataFrame) -> np.ndarray:
    n_people = int(plan["person"].max()) + 1
    first = rng.choice(len(SOURCE_CHANNELS), n_people, p=[0.25, 0.2, 0.1, 0.2, 0.25])
    channel = first[plan["person"]]
    channel = np.where(plan["rank"] > 0, (channel + rng.integers(1, 5, len(plan))) % 5, channel)
    channel = np.where(src["placeholder_phone"], 1, channel)  # a clerk typed the placeholder
    return SOURCE_CHANNELS[channel]


def customer_ids(registered: np.ndarray) -> np.ndarray:
    """CUS + registration month + sequence within the month, in registration order."""
    month = pd.Series(registered.astype("datetime64[M]"))
    order = np.argsort(registered, kind="stable")
    seq = np.empty(len(registered), dtype=np.int64)
    seq[order] = month.iloc[order].groupby(month.iloc[order].to_numpy()).cumcount().to_numpy() + 1
    width = max(5, len(str(seq.max(initial=0))))
    ym = formats.replace(np.datetime_as_string(month.to_numpy(), unit="M"), "-", "")
    return np.strings.add(np.strings.add("CUS", ym), np.strings.zfill(seq.astype(str), width))
