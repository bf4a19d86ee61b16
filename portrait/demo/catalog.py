"""Product catalog: ~30 categories with brands, prices, affinities and synonyms."""

import numpy as np
import pandas as pd

from portrait.demo.params import Behaviour

# category | brands | product nouns | median unit price CNY | max quantity per line |
# popularity weight | gender lean (F / M / -)
_CATEGORY_SPEC = """
手机 | 华为 小米 苹果 OPPO vivo 荣耀 | 旗舰手机 5G手机 拍照手机 | 2999 | 1 | 6 | M
手机壳 | 华为 小米 苹果 倍思 图拉斯 | 硅胶手机壳 磁吸保护壳 防摔手机壳 | 59 | 2 | 4 | -
耳机 | 华为 小米 苹果 索尼 漫步者 | 真无线耳机 降噪耳机 运动耳机 | 399 | 1 | 4 | -
充电配件 | 华为 小米 苹果 倍思 绿联 | 快充充电器 数据线 充电宝 | 89 | 3 | 4 | -
笔记本电脑 | 联想 华为 苹果 戴尔 惠普 | 轻薄本 游戏本 商务本 | 5999 | 1 | 2 | M
电脑外设 | 罗技 雷蛇 联想 绿联 | 无线鼠标 机械键盘 扩展坞 | 199 | 2 | 3 | M
平板电脑 | 苹果 华为 小米 联想 | 平板电脑 学习平板 | 2999 | 1 | 2 | -
智能手表 | 华为 苹果 小米 佳明 | 智能手表 运动手环 | 1299 | 1 | 2 | -
奶粉 | 飞鹤 伊利 美赞臣 惠氏 爱他美 | 婴儿配方奶粉 幼儿成长奶粉 | 268 | 4 | 4 | F
纸尿裤 | 帮宝适 花王 好奇 大王 | 纸尿裤 拉拉裤 | 129 | 4 | 4 | F
婴童用品 | 贝亲 好孩子 babycare | 婴儿湿巾 奶瓶 辅食碗 | 99 | 3 | 3 | F
咖啡 | 雀巢 星巴克 三顿半 瑞幸 隅田川 | 速溶咖啡 咖啡豆 挂耳咖啡 | 79 | 4 | 4 | -
咖啡杯 | 膳魔师 象印 乐扣乐扣 星巴克 | 马克杯 保温杯 随行杯 | 129 | 2 | 2 | -
茶叶 | 八马 小罐茶 大益 竹叶青 | 铁观音 普洱茶 龙井 | 198 | 3 | 3 | -
茶具 | 陶作坊 故宫文创 景德镇 | 功夫茶具套装 茶壶 公道杯 | 259 | 1 | 1 | -
休闲零食 | 三只松鼠 良品铺子 百草味 卫龙 | 坚果礼盒 肉脯 每日坚果 | 59 | 5 | 6 | -
饮料 | 农夫山泉 元气森林 可口可乐 东方树叶 | 气泡水整箱 茶饮料整箱 | 49 | 5 | 4 | -
粮油调味 | 金龙鱼 福临门 海天 李锦记 | 食用油 大米 酱油 | 69 | 4 | 4 | -
面部护肤 | 兰蔻 雅诗兰黛 欧莱雅 珀莱雅 薇诺娜 | 精华液 面霜 面膜 | 399 | 2 | 5 | F
彩妆 | 迪奥 MAC 完美日记 花西子 | 口红 粉底液 眼影盘 | 259 | 2 | 4 | F
洗发护发 | 海飞丝 潘婷 施华蔻 吕 | 洗发水 护发素 发膜 | 69 | 3 | 3 | -
女装 | 优衣库 ONLY 太平鸟 ZARA UR | 连衣裙 针织衫 羽绒服 | 299 | 2 | 5 | F
男装 | 优衣库 海澜之家 太平鸟 GXG | 衬衫 夹克 羽绒服 | 299 | 2 | 3 | M
运动鞋 | 耐克 阿迪达斯 李宁 安踏 特步 | 跑步鞋 篮球鞋 板鞋 | 599 | 1 | 3 | M
运动服 | 耐克 阿迪达斯 李宁 安踏 | 运动T恤 运动裤 瑜伽服 | 299 | 2 | 3 | -
小家电 | 美的 九阳 小米 飞利浦 戴森 | 电饭煲 空气炸锅 吹风机 | 499 | 1 | 3 | -
厨具 | 苏泊尔 双立人 爱仕达 | 不粘锅 刀具套装 炒锅 | 299 | 1 | 2 | -
宠物食品 | 皇家 渴望 麦富迪 比瑞吉 | 猫粮 狗粮 冻干零食 | 199 | 3 | 3 | -
宠物用品 | 小佩 多格漫 霍曼 | 猫砂 猫抓板 宠物窝 | 89 | 3 | 2 | -
图书 | 中信出版社 人民文学出版社 机械工业出版社 | 小说 经管读物 少儿绘本 | 49 | 3 | 3 | -
文具 | 得力 晨光 国誉 百乐 | 笔记本 中性笔套装 文件收纳 | 29 | 5 | 2 | -
"""

# Bought together: category -> [(partner category, weight)].
AFFINITIES: dict[str, list[tuple[str, float]]] = {
    "手机": [("手机壳", 0.45), ("耳机", 0.30), ("充电配件", 0.25)],
    "笔记本电脑": [("电脑外设", 0.7), ("充电配件", 0.3)],
    "平板电脑": [("电脑外设", 0.5), ("手机壳", 0.5)],
    "智能手表": [("充电配件", 0.5), ("耳机", 0.5)],
    "奶粉": [("纸尿裤", 0.7), ("婴童用品", 0.3)],
    "纸尿裤": [("婴童用品", 0.6), ("奶粉", 0.4)],
    "咖啡": [("咖啡杯", 0.8), ("休闲零食", 0.2)],
    "茶叶": [("茶具", 0.8), ("休闲零食", 0.2)],
    "面部护肤": [("彩妆", 0.7), ("洗发护发", 0.3)],
    "彩妆": [("面部护肤", 1.0)],
    "运动鞋": [("运动服", 1.0)],
    "宠物食品": [("宠物用品", 1.0)],
    "图书": [("文具", 1.0)],
    "休闲零食": [("饮料", 1.0)],
    "粮油调味": [("厨具", 0.6), ("休闲零食", 0.4)],
}

# Synonyms a source system may write instead of the canonical category (SPEC §2).
CATEGORY_SYNONYMS: dict[str, str] = {
    "手机": "移动电话",
    "耳机": "耳麦",
    "笔记本电脑": "笔记本",
    "奶粉": "婴幼儿奶粉",
    "纸尿裤": "尿不湿",
    "休闲零食": "零食",
    "面部护肤": "护肤品",
    "小家电": "生活电器",
    "运动鞋": "跑鞋",
    "宠物食品": "猫粮狗粮",
    "女装": "女士服装",
    "男装": "男士服装",
}

_SERIES = np.array(["标准版", "Pro", "Max", "Lite", "Plus", "经典款", "升级款", "旗舰款", "青春版"])
_TIER_PRICE = np.array([0.5, 1.0, 2.0])


def category_table() -> pd.DataFrame:
    """One row per category: name, brands, nouns, median price, max quantity, popularity, lean."""
    rows = [
        [cell.strip() for cell in line.split("|")] for line in _CATEGORY_SPEC.strip().splitlines()
    ]
    table = pd.DataFrame(
        rows,
        columns=[
            "category",
            "brands",
            "nouns",
            "median_price",
            "max_quantity",
            "popularity",
            "lean",
        ],
    )
    table["brands"] = table["brands"].str.split()
    table["nouns"] = table["nouns"].str.split()
    for column in ("median_price", "popularity"):
        table[column] = table[column].astype(float)
    table["max_quantity"] = table["max_quantity"].astype(int)
    table["popularity"] = table["popularity"] / table["popularity"].sum()
    return table


def _nice_price(raw: np.ndarray) -> np.ndarray:
    """Retail-looking prices: 2999.00 above 100 CNY, 59.90 below."""
    high = np.maximum(np.round(raw / 10) * 10 - 1, 99)
    low = np.maximum(np.round(raw) - 0.1, 9.9)
    return np.round(np.where(raw >= 100, high, low), 2)


def _category_products(rng: np.random.Generator, spec: pd.Series, per: int) -> pd.DataFrame:
    k = np.arange(per)
    brand = np.array(spec["brands"])[k % len(spec["brands"])]
    noun = np.array(spec["nouns"])[(k // len(spec["brands"])) % len(spec["nouns"])]
    series = _SERIES[(k * 7 + spec.name) % len(_SERIES)]
    tier = k % 3
    price = _nice_price(spec["median_price"] * _TIER_PRICE[tier] * rng.lognormal(0, 0.2, per))
    name = np.strings.add(np.strings.add(np.strings.add(brand, " "), noun), " ")
    return pd.DataFrame(
        {
            "category_index": spec.name,
            "category": spec["category"],
            "brand": brand,
            "product_name": np.strings.add(name, series),
            "price_tier": tier,
            "unit_price": price,
            "popularity": 1.0 / (1 + rng.permutation(per)) ** 0.8,
        }
    )


def product_table(rng: np.random.Generator, params: Behaviour, n_days: int) -> pd.DataFrame:
    """Products: id, name, category, brand, price tier, unit price, popularity, launch day.

    launch_day counts from the window start; products older than the window have
    negative days, `launched_in_window` of them launch during it.
    """
    per = params.products_per_category
    frames = [_category_products(rng, spec, per) for _, spec in category_table().iterrows()]
    products = pd.concat(frames, ignore_index=True)
    rank = products.groupby("product_name").cumcount()
    products["product_name"] = products["product_name"].where(
        rank == 0, products["product_name"] + " " + (rank + 1).astype(str) + "代"
    )
    products["product_id"] = "SKU" + pd.Series(np.arange(100001, 100001 + len(products))).astype(
        str
    )
    is_new = rng.random(len(products)) < params.launched_in_window
    launch_new = rng.integers(0, max(n_days - 30, 1), len(products))
    products["launch_day"] = np.where(is_new, launch_new, -rng.integers(120, 1500, len(products)))
    return products


def partner_products(products: pd.DataFrame) -> np.ndarray:
    """partner[p, c]: the product of category c bought with product p (same brand if any)."""
    names = list(category_table()["category"])
    partner = np.full((len(products), len(names)), -1, dtype=np.int64)
    for source, targets in AFFINITIES.items():
        src = products[products["category"] == source]
        for target, _ in targets:
            tgt = products[products["category"] == target]
            first_of_brand = pd.Series(tgt.index, index=tgt["brand"]).groupby(level=0).first()
            fallback = tgt.index.to_numpy()[np.arange(len(src)) % len(tgt)]
            same = src["brand"].map(first_of_brand)
            chosen = np.where(same.notna(), same.fillna(-1).astype(np.int64), fallback)
            partner[src.index.to_numpy(), names.index(target)] = chosen
    return partner


def affinity_matrix() -> np.ndarray:
    """affinity[a, b]: probability that a line of category a is followed by category b."""
    names = list(category_table()["category"])
    matrix = np.zeros((len(names), len(names)))
    for source, targets in AFFINITIES.items():
        for target, weight in targets:
            matrix[names.index(source), names.index(target)] = weight
    return matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1e-12)
