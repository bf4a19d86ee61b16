import dataclasses

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from mlxtend.frequent_patterns import apriori
from mlxtend.frequent_patterns import association_rules as mlxtend_rules
from mlxtend.preprocessing import TransactionEncoder
from scipy.stats import fisher_exact

from ml.basket import basket_matrix, distinct_rows
from ml.params import AssociationParams
from ml.rules import association_rule_table, bh_q_values, redundant_mask

ALL_OFF = AssociationParams(
    min_support=0.0005,
    min_confidence=0.05,
    max_len=3,
    cap_baskets=False,
    filter_lift=False,
    filter_significance=False,
    filter_redundant=False,
)


def _lines(synthetic, column):
    lines = synthetic["order_lines"]
    if column == "product_id":  # the 120 most popular products keep plain apriori fast
        lines = lines[lines["product_id"] < "P0120"]
    return pd.DataFrame({"basket_id": lines["order_id"], "item": lines[column]})


def _baskets(*rows):
    return pd.DataFrame(
        [(i, item) for i, row in enumerate(rows) for item in row], columns=["basket_id", "item"]
    )


def _plain_mlxtend(lines, params):
    baskets = lines.groupby("basket_id")["item"].apply(lambda s: sorted(set(s)))
    if params.cap_baskets:
        baskets = baskets[baskets.map(len) <= params.max_basket_items]
    encoder = TransactionEncoder().fit(baskets)
    one_hot = pd.DataFrame(encoder.transform(baskets), columns=encoder.columns_)
    itemsets = apriori(
        one_hot, min_support=params.min_support, use_colnames=True, max_len=params.max_len
    )
    return mlxtend_rules(
        itemsets,
        num_itemsets=len(one_hot),
        metric="confidence",
        min_threshold=params.min_confidence,
    )


def _keyed(frame, ante="antecedents", cons="consequents"):
    keys = [
        (tuple(sorted(a)), tuple(sorted(c))) for a, c in zip(frame[ante], frame[cons], strict=True)
    ]
    return pd.DataFrame(
        frame[["support", "confidence", "lift"]].to_numpy(), index=keys
    ).sort_index()


@pytest.mark.parametrize(
    ("column", "params"),
    [
        ("category", ALL_OFF),
        ("product_id", dataclasses.replace(ALL_OFF, min_support=0.001)),
        ("category", dataclasses.replace(ALL_OFF, cap_baskets=True, max_basket_items=3)),
    ],
)
def test_with_filters_off_rules_equal_plain_apriori(synthetic, column, params):
    lines = _lines(synthetic, column)
    ours, _ = association_rule_table(lines, "x", params)
    plain = _plain_mlxtend(lines, params)
    assert len(plain) > 20 and any(len(a) + len(c) == 3 for a, c in plain.iloc[:, :2].to_numpy())
    ours_keyed, plain_keyed = _keyed(ours), _keyed(plain)
    assert list(ours_keyed.index) == list(plain_keyed.index)
    np.testing.assert_allclose(ours_keyed.to_numpy(), plain_keyed.to_numpy(), rtol=1e-12)


def test_p_values_are_fishers_exact_test(synthetic):
    rules, _ = association_rule_table(_lines(synthetic, "category"), "category", ALL_OFF)
    total = rules["basket_count"].iloc[0]
    for rule in rules.head(30).itertuples():
        both = rule.rule_count
        ante = round(rule.antecedent_support * total)
        cons = round(rule.consequent_support * total)
        table = [[both, ante - both], [cons - both, total - ante - cons + both]]
        assert rule.p_value == pytest.approx(
            fisher_exact(table, alternative="greater").pvalue, rel=1e-6, abs=1e-300
        )


def test_benjamini_hochberg():
    p = np.array([0.01, 0.04, 0.03, 0.2])
    # Sorted p: .01 .03 .04 .2 -> p*m/rank: .04 .06 .0533 .2 -> running min from the top.
    np.testing.assert_allclose(bh_q_values(p), [0.04, 0.0533333, 0.0533333, 0.2], rtol=1e-5)


def test_chance_coincidences_fail_the_significance_filter():
    # 100 baskets; a and b each in 10, together in 2 (lift 2, but p ~ 0.26);
    # x and y each in 10, together in 9.
    rows = [["a", "b"]] * 2 + [["a"]] * 8 + [["b"]] * 8 + [["x", "y"]] * 9 + [["x"], ["y"]]
    rows += [["z"]] * (100 - len(rows))
    params = dataclasses.replace(
        ALL_OFF, min_support=0.01, filter_significance=True, filter_lift=True
    )
    rules, _ = association_rule_table(_baskets(*rows), "t", params)
    kept = {(a[0], c[0]) for a, c in zip(rules["antecedents"], rules["consequents"], strict=True)}
    assert kept == {("x", "y"), ("y", "x")}


def test_a_longer_rule_no_more_confident_than_a_shorter_one_is_redundant():
    rules = pd.DataFrame(
        {
            "antecedents": [frozenset("a"), frozenset("ab"), frozenset("b"), frozenset("ac")],
            "consequents": [frozenset("c"), frozenset("c"), frozenset("c"), frozenset("b")],
            "confidence": [0.6, 0.55, 0.3, 0.9],
        }
    )
    # {a,b}->c (0.55) is beaten by a->c (0.6); {a,c}->b has no shorter rule with consequent b.
    assert redundant_mask(rules).tolist() == [False, True, False, False]


def test_basket_cap_drops_bulk_orders():
    baskets = basket_matrix(_baskets(["a", "b"], ["a", "b", "c", "d"], ["a", "a"]), max_items=3)
    assert baskets.count == 2 and baskets.capped == 1
    assert baskets.matrix.sum() == 3  # the repeated item counts once


def test_planted_affinities_are_found(synthetic):
    rules, summary = association_rule_table(
        _lines(synthetic, "category"), "category", AssociationParams(min_support=0.002)
    )
    pairs = {
        (tuple(a), tuple(c))
        for a, c in zip(rules["antecedents"], rules["consequents"], strict=True)
    }
    # The complement of a 手机 (phone, category 0) product is a 电脑 (computer, category 1) one.
    assert (("手机",), ("电脑",)) in pairs
    assert (rules["lift"] > 1).all() and (rules["q_value"] <= 0.05).all()
    assert not rules["is_redundant"].any()
    assert summary["rules_kept"] == len(rules) < summary["rules_mined"]
    assert rules["rule_id"].is_unique


@pytest.mark.parametrize("width", [30, 5000])  # 5000 columns x 6 items no longer fit 64 bits
def test_distinct_baskets_are_counted_exactly(width):
    rng = np.random.default_rng(0)
    rows = [sorted(rng.choice(width, size, replace=False)) for size in rng.integers(2, 7, 300)]
    rows = rows + rows[:100] + rows[:10]  # repeats with known multiplicities
    matrix = sp.csr_matrix(
        (np.ones(sum(map(len, rows)), dtype=bool),
         (np.repeat(np.arange(len(rows)), list(map(len, rows))), np.concatenate(rows))),
        shape=(len(rows), width),
    )  # fmt: skip
    found = {
        tuple(int(c) for c in row): int(count)
        for distinct, counts in distinct_rows(matrix)
        for row, count in zip(distinct, counts, strict=True)
    }
    expected = pd.Series([tuple(int(c) for c in row) for row in rows]).value_counts().to_dict()
    assert found == expected
