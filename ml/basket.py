"""Frequent itemsets and association rules over baskets, with mlxtend.

mlxtend's FP-growth (its FPTree and fpg_step) does the mining, but its
`fpgrowth()` wrapper densifies the one-hot input and inserts baskets into the
tree one by one in Python: minutes and gigabytes at ten million orders. The
tree is therefore fed only what can matter, each distinct basket once with its
multiplicity (FPTree.insert_itemset takes a count): items frequent on their own,
from baskets holding at least two of them (an itemset of two or more items lies
only in such baskets). Counts stay exact; single items are counted over all
baskets and supports are divided by the full basket count, so the itemsets are
the ones plain apriori finds on the whole one-hot matrix (a test checks this).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from mlxtend.frequent_patterns import association_rules
from mlxtend.frequent_patterns.fpcommon import FPTree
from mlxtend.frequent_patterns.fpgrowth import fpg_step


@dataclass(frozen=True)
class Baskets:
    """Baskets as a sparse basket x item 0/1 matrix."""

    matrix: sp.csr_matrix
    items: np.ndarray
    capped: int  # baskets dropped for having too many items

    @property
    def count(self) -> int:
        return self.matrix.shape[0]


def codes_of(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and their labels; categoricals (as the warehouse reader gives) are free."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories.to_numpy(dtype=object)
    codes, labels = pd.factorize(values, sort=True)
    return codes, np.asarray(labels, dtype=object)


def basket_matrix(lines: pd.DataFrame, max_items: int | None = None) -> Baskets:
    """Baskets from (basket_id, item) rows; repeated items count once.

    With `max_items`, baskets with more distinct items are dropped (bulk buys
    pair everything with everything and say nothing about affinity).
    """
    lines = lines.dropna(subset=["basket_id", "item"])
    basket_codes, _ = pd.factorize(lines["basket_id"])
    item_codes, items = codes_of(lines["item"])
    matrix = sp.csr_matrix(
        (np.ones(len(lines), dtype=bool), (basket_codes, item_codes)),
        shape=(int(basket_codes.max()) + 1 if len(lines) else 0, len(items)),
    )
    matrix.data[:] = True  # duplicates were summed; presence is what counts
    capped = 0
    if max_items is not None:
        keep = np.diff(matrix.indptr) <= max_items
        capped = int((~keep).sum())
        matrix = matrix[keep]
    return Baskets(matrix, items, capped)


def frequent_itemsets(baskets: Baskets, min_support: float, max_len: int) -> pd.DataFrame:
    """support, itemsets (frozensets of item names) and count, as mlxtend returns them."""
    total = baskets.count
    if total == 0:
        return pd.DataFrame({"support": [], "itemsets": [], "count": []})
    counts = np.asarray(baskets.matrix.sum(axis=0)).ravel()
    frequent = np.flatnonzero(counts / float(total) >= min_support)
    singles = pd.DataFrame(
        {
            "support": counts[frequent] / float(total),
            "itemsets": [frozenset([baskets.items[i]]) for i in frequent],
            "count": counts[frequent],
        }
    )
    if max_len < 2 or len(frequent) < 2:
        return singles
    return pd.concat([singles, _larger_itemsets(baskets, frequent, min_support, max_len)])


def _larger_itemsets(baskets: Baskets, frequent: np.ndarray, min_support, max_len) -> pd.DataFrame:
    total = baskets.count
    sub = baskets.matrix[:, frequent]
    sub = sub[np.diff(sub.indptr) >= 2]
    sub.sort_indices()
    min_count = _min_count(min_support, total)
    # mlxtend's insertion order: items ranked by ascending support, baskets inserted best first.
    support = np.asarray(baskets.matrix.sum(axis=0)).ravel()[frequent]
    rank = {item: i for i, item in enumerate(np.argsort(support, kind="stable"))}
    tree = FPTree(rank)
    for rows, multiplicity in distinct_rows(sub):
        for row, count in zip(rows.tolist(), multiplicity.tolist(), strict=True):
            tree.insert_itemset(sorted(row, key=rank.get, reverse=True), count)
    found = [(count, items) for count, items in fpg_step(tree, min_count, None, max_len, 0)
             if len(items) >= 2 and count >= min_count]  # fmt: skip
    names = baskets.items[frequent]
    counts = np.array([count for count, _ in found], dtype=np.int64)
    return pd.DataFrame(
        {
            "support": counts / float(total),
            "itemsets": [frozenset(names[items]) for _, items in found],
            "count": counts,
        }
    )


def distinct_rows(matrix: sp.csr_matrix):
    """(distinct rows as an n x length array of column indices, their counts), per row length.

    A row of L sorted column indices is one base-(columns) integer while that fits
    64 bits, so counting distinct baskets is a hash count of integers, not a row sort.
    """
    lengths = np.diff(matrix.indptr)
    width = max(matrix.shape[1], 2)
    for length in np.unique(lengths):
        chosen = np.flatnonzero(lengths == length)
        columns = matrix.indices[matrix.indptr[chosen][:, None] + np.arange(length)]
        if length * np.log2(width) >= 62:
            yield np.unique(columns, axis=0, return_counts=True)
            continue
        keys = columns.astype(np.int64) @ (width ** np.arange(length, dtype=np.int64))
        counts = pd.Series(keys).value_counts(sort=False)
        digits = counts.index.to_numpy()[:, None] // (width ** np.arange(length)) % width
        yield digits, counts.to_numpy()


def _min_count(min_support: float, total: int) -> int:
    """Smallest count c with c / total >= min_support, in the float arithmetic mlxtend uses."""
    count = max(int(np.floor(min_support * total)) - 1, 1)
    while count / float(total) < min_support:
        count += 1
    return count


def mine_rules(itemsets: pd.DataFrame, baskets: int, min_confidence: float) -> pd.DataFrame:
    """mlxtend's rules (antecedents, consequents, support, confidence, lift, ...)."""
    if (itemsets["itemsets"].map(len) >= 2).sum() == 0:
        return pd.DataFrame(
            columns=["antecedents", "consequents", "antecedent support", "consequent support",
                     "support", "confidence", "lift"]
        )  # fmt: skip
    return association_rules(
        itemsets[["support", "itemsets"]],
        num_itemsets=baskets,
        metric="confidence",
        min_threshold=min_confidence,
    )
