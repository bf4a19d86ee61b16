"""Next-item recommendations from association rules.

A customer qualifies for a rule when they bought every antecedent item; each
consequent item they have not bought yet is a candidate scored lift x
confidence. Rules are visited best score first, so the first time an item is
offered to a customer is its best score and a customer is done after `per_customer`
items: the work stays proportional to the rules' reach, not customers x rules.
"""

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ml.basket import codes_of

OUTPUT_COLUMNS = ["customer_id", "rank", "level", "item", "score", "rule_id"]


def _ownership(customer_items: pd.DataFrame, rule_items: np.ndarray) -> tuple:
    """Customers, items (bought ones, then rule-only ones) and a customer x item CSC matrix."""
    customer_codes, customers = codes_of(customer_items["customer_id"])
    item_codes, bought_items = codes_of(customer_items["item"])
    items = pd.Index(bought_items)
    items = items.append(pd.Index(pd.unique(rule_items)).difference(items))
    owned = sp.csc_matrix(
        (np.ones(len(customer_codes), dtype=bool), (customer_codes, item_codes)),
        shape=(len(customers), len(items)),
    )
    owned.sum_duplicates()
    owned.sort_indices()
    return customers, items, owned


def recommend(
    customer_items: pd.DataFrame, rules: pd.DataFrame, level: str, per_customer: int = 3
) -> pd.DataFrame:
    """Up to `per_customer` items per customer, best first (customer_id, rank, level, item,
    score, rule_id); `customer_items` holds what each customer has bought (customer_id, item)."""
    if rules.empty or customer_items.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    rule_items = np.concatenate([*rules["antecedents"], *rules["consequents"]]).astype(object)
    customers, items, owned = _ownership(customer_items, rule_items)
    column = {
        item: owned.indices[owned.indptr[i] : owned.indptr[i + 1]] for i, item in enumerate(items)
    }
    chosen = np.full((len(customers), per_customer), -1, dtype=np.int64)
    filled = np.zeros(len(customers), dtype=np.int64)
    picks = []
    ranked = rules.assign(score=rules["lift"] * rules["confidence"]).sort_values(
        ["score", "rule_id"], ascending=[False, True]
    )
    for ante, cons, score, rid in ranked[
        ["antecedents", "consequents", "score", "rule_id"]
    ].itertuples(index=False):
        who = column[ante[0]]
        for item in ante[1:]:
            who = np.intersect1d(who, column[item], assume_unique=True)
        for item in cons:
            code = items.get_loc(item)
            open_ = who[(filled[who] < per_customer) & ~(chosen[who] == code).any(axis=1)]
            open_ = open_[~np.isin(open_, column[item], assume_unique=True)]
            chosen[open_, filled[open_]] = code
            filled[open_] += 1
            picks.append((open_, filled[open_], item, score, rid))
    return _picks_frame(picks, customers, level)


def _categorical(labels: list, codes: np.ndarray) -> pd.Categorical:
    """Labels by pick, repeated per row, without materializing millions of strings."""
    categories, label_codes = np.unique(np.asarray(labels, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(label_codes[codes], categories=categories)


def _picks_frame(picks, customers: np.ndarray, level: str) -> pd.DataFrame:
    if not picks:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    customer = np.concatenate([p[0] for p in picks])
    rank = np.concatenate([p[1] for p in picks])
    pick = np.repeat(np.arange(len(picks)), [len(p[0]) for p in picks])
    order = np.lexsort((rank, customer))
    pick = pick[order]
    return pd.DataFrame(
        {
            "customer_id": pd.Categorical.from_codes(customer[order], categories=customers),
            "rank": rank[order].astype(int),
            "level": level,
            "item": _categorical([p[2] for p in picks], pick),
            "score": np.array([p[3] for p in picks], dtype=float)[pick],
            "rule_id": _categorical([p[4] for p in picks], pick),
        }
    )
