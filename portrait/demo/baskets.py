"""Order lines: baskets of 1-6 products with category and product affinities."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from portrait.demo.catalog import (
    CATEGORY_SYNONYMS,
    affinity_matrix,
    category_table,
    partner_products,
)
from portrait.demo.params import Behaviour
from portrait.demo.population import pick_rows

_DAY_KEY = 100_000  # composite key category * _DAY_KEY + launch day


@dataclass(frozen=True)
class Shelf:
    """Lookup arrays for drawing products quickly."""

    products: pd.DataFrame
    partner: np.ndarray  # partner[product, category]
    affinity: np.ndarray  # affinity[category, category]
    group_order: np.ndarray  # product indexes sorted by (category, tier)
    group_cumulative: np.ndarray  # group + cumulative popularity share within the group
    new_keys: np.ndarray  # sorted category * _DAY_KEY + launch day of new products
    new_index: np.ndarray  # product index per new_keys entry
    fallback: np.ndarray  # an established product of the same category, per product


def build_shelf(products: pd.DataFrame) -> Shelf:
    group = products["category_index"].to_numpy() * 3 + products["price_tier"].to_numpy()
    order = np.lexsort((np.arange(len(products)), group))
    share = products["popularity"].to_numpy()[order]
    share = share / pd.Series(share).groupby(group[order]).transform("sum").to_numpy()
    cumulative = group[order] + pd.Series(share).groupby(group[order]).cumsum().to_numpy()
    launch = products["launch_day"].to_numpy()
    new = np.flatnonzero(launch >= 0)
    keys = products["category_index"].to_numpy()[new] * _DAY_KEY + launch[new]
    by_key = np.argsort(keys, kind="stable")
    old = products[launch < 0].sort_values("popularity", ascending=False)
    best_old = old.groupby("category_index").head(1).set_index("category_index").index
    best_old = pd.Series(old.groupby("category_index").head(1).index, index=best_old)
    fallback = best_old.reindex(products["category_index"]).to_numpy()
    return Shelf(
        products,
        partner_products(products),
        affinity_matrix(),
        order,
        cumulative,
        keys[by_key],
        new[by_key],
        fallback,
    )


def _by_popularity(rng: np.random.Generator, shelf: Shelf, group: np.ndarray) -> np.ndarray:
    target = group + 1e-9 + rng.random(len(group)) * (1 - 2e-9)
    position = np.searchsorted(shelf.group_cumulative, target, side="right")
    return shelf.group_order[np.minimum(position, len(shelf.group_order) - 1)]


def _new_product(rng: np.random.Generator, shelf: Shelf, category, day, window: int):
    """A product of the category launched within `window` days before day, else -1."""
    lo = np.searchsorted(shelf.new_keys, category * _DAY_KEY + day - window + 1, side="left")
    hi = np.searchsorted(shelf.new_keys, category * _DAY_KEY + day, side="right")
    pick = lo + (rng.random(len(lo)) * (hi - lo)).astype(int)
    return np.where(hi > lo, shelf.new_index[np.minimum(pick, len(shelf.new_index) - 1)], -1)


def _choose(rng, shelf: Shelf, category, tier, lover, day, forced, p: Behaviour):
    n = len(category)
    tier = np.where(rng.random(n) < p.spend_tier_match, tier, rng.integers(0, 3, n))
    product = _by_popularity(rng, shelf, category * 3 + tier)
    new = np.where(
        lover & (rng.random(n) < p.new_product_pick),
        _new_product(rng, shelf, category, day, p.new_product_days),
        -1,
    )
    product = np.where(forced >= 0, forced, np.where(new >= 0, new, product))
    late = shelf.products["launch_day"].to_numpy()[product] > day
    product[late] = shelf.fallback[product[late]]
    return product


def draw_baskets(rng, shelf: Shelf, orders: pd.DataFrame, people: pd.DataFrame, p: Behaviour):
    """(order index, product index) pairs; a line follows its predecessor's affinities."""
    n = len(orders)
    size = rng.choice(np.arange(1, 7), size=n, p=p.basket_size_shares)
    columns = ["favourite_category", "spend_tier", "new_lover"]
    src = people[columns].iloc[orders["person"].to_numpy()]
    fav, tier = src["favourite_category"].to_numpy(), src["spend_tier"].to_numpy()
    lover, day = src["new_lover"].to_numpy(), orders["day"].to_numpy()
    popularity = category_table()["popularity"].to_numpy()
    has_partner = shelf.affinity.sum(axis=1) > 0
    prev_cat, prev_product = np.zeros(n, int), np.zeros(n, int)
    pairs = []
    for k in range(6):
        at = np.flatnonzero(size > k)
        random_cat = rng.choice(len(popularity), len(at), p=popularity)
        forced = np.full(len(at), -1)
        if k == 0:
            cat = np.where(rng.random(len(at)) < p.favourite_category, fav[at], random_cat)
        else:
            follow = has_partner[prev_cat[at]] & (rng.random(len(at)) < p.affinity_follow)
            partner_cat = pick_rows(rng, shelf.affinity, prev_cat[at])
            cat = np.where(follow, np.minimum(partner_cat, len(popularity) - 1), random_cat)
            partner = shelf.partner[prev_product[at], cat]
            take = follow & (rng.random(len(at)) < p.affinity_product) & (partner >= 0)
            forced = np.where(take, partner, -1)
        product = _choose(rng, shelf, cat, tier[at], lover[at], day[at], forced, p)
        prev_cat[at], prev_product[at] = cat, product
        pairs.append(np.column_stack([at, product]))
    lines = pd.DataFrame(np.concatenate(pairs), columns=["order", "product"])
    return lines.drop_duplicates().sort_values("order", kind="stable", ignore_index=True)


def price_lines(rng, shelf: Shelf, lines: pd.DataFrame, orders: pd.DataFrame, p, dirt, counts):
    """Quantities, prices and amounts; returns (contract lines, clean gross per order)."""
    products = shelf.products.iloc[lines["product"].to_numpy()].reset_index(drop=True)
    max_q = category_table()["max_quantity"].to_numpy()[products["category_index"].to_numpy()]
    quantity = np.minimum(1 + rng.poisson(0.35, len(lines)), max_q)
    price = products["unit_price"].to_numpy()
    amount = np.round(quantity * price, 2)
    gross = np.bincount(lines["order"], weights=amount, minlength=len(orders))
    age = orders["day"].to_numpy()[lines["order"]] - products["launch_day"].to_numpy()
    category = products["category"].to_numpy().astype(object)
    synonym = pd.Series(category).map(CATEGORY_SYNONYMS).notna().to_numpy().copy()
    synonym &= rng.random(len(lines)) < dirt.category_synonym
    category[synonym] = pd.Series(category[synonym]).map(CATEGORY_SYNONYMS).to_numpy()
    zero = rng.random(len(lines)) < dirt.zero_quantity
    off = ~zero & (rng.random(len(lines)) < dirt.line_amount_mismatch)
    quantity[zero] = 0
    amount[off] = np.round(amount[off] * rng.uniform(0.3, 1.8, off.sum()) + 1, 2)
    counts.update(
        zero_quantity=int(zero.sum()),
        line_amount_mismatch=int(off.sum()),
        category_synonym=int(synonym.sum()),
    )
    number = lines.groupby("order").cumcount().to_numpy() + 1
    order_id = orders["order_id"].to_numpy()[lines["order"]].astype(str)
    return pd.DataFrame(
        {
            "order_line_id": np.strings.add(np.strings.add(order_id, "-"), number.astype(str)),
            "order_id": order_id,
            "product_id": products["product_id"],
            "product_name": products["product_name"],
            "category": category,
            "brand": products["brand"],
            "quantity": quantity,
            "unit_price": price,
            "line_amount": amount,
            "is_new_product": ((age >= 0) & (age < p.new_product_days)).astype(int),
            "order": lines["order"],
        }
    ), gross
