"""Reference geography: cities by tier with provinces and weights, province aliases, phones."""

import numpy as np
import pandas as pd

# tier | city province share; ... (share = relative weight of customers living there).
# Tiers follow the common 一线 / 新一线 / 二线 classification; the rest is 下沉市场.
_CITY_TABLE = """
一线 | 北京 北京市 5.0; 上海 上海市 5.5; 广州 广东省 4.0; 深圳 广东省 4.5
新一线 | 成都 四川省 2.6; 重庆 重庆市 2.4; 杭州 浙江省 2.5; 西安 陕西省 1.9; 武汉 湖北省 2.2
新一线 | 苏州 江苏省 2.0; 郑州 河南省 1.8; 南京 江苏省 1.9; 天津 天津市 1.8; 长沙 湖南省 1.7
新一线 | 东莞 广东省 1.6; 宁波 浙江省 1.5; 佛山 广东省 1.5; 合肥 安徽省 1.5; 青岛 山东省 1.5
二线 | 昆明 云南省 .85; 沈阳 辽宁省 .85; 济南 山东省 .85; 无锡 江苏省 .85; 厦门 福建省 .85
二线 | 福州 福建省 .85; 温州 浙江省 .85; 金华 浙江省 .85; 哈尔滨 黑龙江省 .85; 大连 辽宁省 .85
二线 | 贵阳 贵州省 .85; 南宁 广西壮族自治区 .85; 泉州 福建省 .85; 石家庄 河北省 .85
二线 | 长春 吉林省 .85; 南昌 江西省 .85; 惠州 广东省 .85; 常州 江苏省 .85; 嘉兴 浙江省 .85
二线 | 徐州 江苏省 .85; 南通 江苏省 .85; 太原 山西省 .85; 保定 河北省 .85; 珠海 广东省 .85
二线 | 中山 广东省 .85; 兰州 甘肃省 .85; 临沂 山东省 .85; 潍坊 山东省 .85; 烟台 山东省 .85
二线 | 绍兴 浙江省 .85
下沉市场 | 洛阳 河南省 .75; 芜湖 安徽省 .75; 赣州 江西省 .75; 桂林 广西壮族自治区 .75
下沉市场 | 宜昌 湖北省 .75; 襄阳 湖北省 .75; 岳阳 湖南省 .75; 衡阳 湖南省 .75; 绵阳 四川省 .75
下沉市场 | 南充 四川省 .75; 遵义 贵州省 .75; 曲靖 云南省 .75; 邯郸 河北省 .75; 唐山 河北省 .75
下沉市场 | 沧州 河北省 .75; 菏泽 山东省 .75; 济宁 山东省 .75; 商丘 河南省 .75; 周口 河南省 .75
下沉市场 | 阜阳 安徽省 .75; 揭阳 广东省 .75; 湛江 广东省 .75; 汕头 广东省 .75
下沉市场 | 柳州 广西壮族自治区 .75; 包头 内蒙古自治区 .75; 银川 宁夏回族自治区 .75
下沉市场 | 西宁 青海省 .75; 乌鲁木齐 新疆维吾尔自治区 .75; 拉萨 西藏自治区 .75
下沉市场 | 海口 海南省 .75; 三亚 海南省 .75; 呼和浩特 内蒙古自治区 .75; 九江 江西省 .75
下沉市场 | 上饶 江西省 .75; 蚌埠 安徽省 .75; 信阳 河南省 .75
"""

# One-character province abbreviations (沪 for 上海市), as people write them.
_ABBREVIATIONS = """
    北京市:京 上海市:沪 天津市:津 重庆市:渝 河北省:冀 山西省:晋 辽宁省:辽 吉林省:吉
    黑龙江省:黑 江苏省:苏 浙江省:浙 安徽省:皖 福建省:闽 江西省:赣 山东省:鲁 河南省:豫
    湖北省:鄂 湖南省:湘 广东省:粤 海南省:琼 四川省:川 贵州省:黔 云南省:滇 陕西省:陕
    甘肃省:甘 青海省:青 内蒙古自治区:蒙 广西壮族自治区:桂 西藏自治区:藏
    宁夏回族自治区:宁 新疆维吾尔自治区:新
"""
PROVINCE_ABBREVIATION = dict(pair.split(":") for pair in _ABBREVIATIONS.split())
_AUTONOMOUS_SHORT = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
                     "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆"}  # fmt: skip


def province_short(full: str) -> str:
    """上海市 -> 上海, 广东省 -> 广东, 广西壮族自治区 -> 广西."""
    return _AUTONOMOUS_SHORT.get(full) or full.removesuffix("省").removesuffix("市")


def city_table() -> pd.DataFrame:
    """One row per city: city (with 市), province, tier, weight (sums to 1)."""
    rows = []
    for line in _CITY_TABLE.strip().splitlines():
        tier, entries = (part.strip() for part in line.split("|"))
        for entry in entries.split(";"):
            city, province, weight = entry.split()
            rows.append((city + "市", province, tier, float(weight)))
    table = pd.DataFrame(rows, columns=["city", "province", "tier", "weight"])
    table["weight"] = table["weight"] / table["weight"].sum()
    return table


# Mobile prefixes (China Mobile / Unicom / Telecom / virtual); older prefixes weigh more.
_PREFIXES = np.array([134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 182, 183,
                      187, 188, 198, 130, 131, 132, 155, 156, 166, 185, 186, 133, 153, 173, 177,
                      180, 181, 189, 191, 199, 170])  # fmt: skip
_PREFIX_WEIGHT = np.where(_PREFIXES < 160, 1.4, 1.0) * np.where(_PREFIXES == 170, 0.2, 1.0)

# Placeholder numbers typed when a customer would not give one; they are shared by
# unrelated people and must never merge them.
PLACEHOLDER_PHONES = ("13800000000", "11111111111", "13900000000")


def random_phones(rng: np.random.Generator, n: int, taken=None) -> np.ndarray:
    """n distinct valid 11-digit mobile numbers (strings), none in `taken`."""
    given = pd.to_numeric(pd.Series([*PLACEHOLDER_PHONES, *(taken or [])]), errors="coerce")
    taken_numbers = np.unique(given.dropna().to_numpy().astype(np.int64))
    prefix = rng.choice(_PREFIXES, size=n, p=_PREFIX_WEIGHT / _PREFIX_WEIGHT.sum())
    numbers = prefix.astype(np.int64) * 10**8 + rng.integers(0, 10**8, size=n)
    for _ in range(20):
        clash = pd.Series(numbers).duplicated().to_numpy() | np.isin(numbers, taken_numbers)
        if not clash.any():
            return numbers.astype(str)
        numbers[clash] = prefix[clash] * 10**8 + rng.integers(0, 10**8, clash.sum())
    raise RuntimeError("could not draw distinct phone numbers")
