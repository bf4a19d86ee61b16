"""Significant, non-redundant association rules at one level (category or product).

mlxtend gives support, confidence and lift; like R's arules it is left to us to
ask whether a rule is more than chance. Each rule gets Fisher's exact test
(one-sided: antecedent and consequent together more often than independence
predicts) with Benjamini-Hochberg q-values over all rules of the level, and a
redundancy flag. Every filter can be switched off; with all off the rules are
exactly mlxtend's apriori + association_rules for the same thresholds.
"""

import hashlib
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.stats import false_discovery_control, hypergeom

from ml.basket import basket_matrix, frequent_itemsets, mine_rules
from ml.params import AssociationParams

RULE_COLUMNS = [
    "rule_id",
    "level",
    "antecedents",
    "consequents",
    "antecedent_support",
    "consequent_support",
    "support",
    "confidence",
    "lift",
    "basket_count",
    "rule_count",
    "p_value",
    "q_value",
    "is_redundant",
]


def fisher_p_values(both: np.ndarray, antecedent: np.ndarray, consequent: np.ndarray, total: int):
    """One-sided Fisher exact p: P(overlap >= observed) under the hypergeometric null.

    Equal to scipy.stats.fisher_exact(table, alternative="greater") on the 2x2
    table, computed for all rules at once.
    """
    return hypergeom.sf(both - 1, total, antecedent, consequent)


def bh_q_values(p_values: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (false discovery rate)."""
    if len(p_values) == 0:
        return np.asarray(p_values, dtype=float)
    return false_discovery_control(np.asarray(p_values, dtype=float), method="bh")


def redundant_mask(rules: pd.DataFrame) -> np.ndarray:
    """True where a rule with a proper (non-empty) subset antecedent and the same
    consequent is at least as confident: the longer rule adds nothing."""
    confidence = dict(
        zip(
            zip(rules["antecedents"], rules["consequents"], strict=True),
            rules["confidence"],
            strict=True,
        )
    )
    mask = np.zeros(len(rules), dtype=bool)
    for i, (ante, cons, conf) in enumerate(
        zip(rules["antecedents"], rules["consequents"], rules["confidence"], strict=True)
    ):
        for size in range(1, len(ante)):
            if any(
                confidence.get((frozenset(s), cons), -1.0) >= conf for s in combinations(ante, size)
            ):
                mask[i] = True
                break
    return mask


def rule_id(level: str, antecedents: frozenset, consequents: frozenset) -> str:
    """Stable across refreshes: the same rule keeps its id from month to month."""
    key = f"{level}|{'+'.join(sorted(antecedents))}=>{'+'.join(sorted(consequents))}"
    return f"{level[0].upper()}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def annotate(rules: pd.DataFrame, total: int, level: str) -> pd.DataFrame:
    """Add counts, p/q values, the redundancy flag and ids to mlxtend's rule frame."""
    both = np.rint(rules["support"].to_numpy(dtype=float) * total)
    ante = np.rint(rules["antecedent support"].to_numpy(dtype=float) * total)
    cons = np.rint(rules["consequent support"].to_numpy(dtype=float) * total)
    p_values = fisher_p_values(both, ante, cons, total)
    return pd.DataFrame(
        {
            "rule_id": [
                rule_id(level, a, c)
                for a, c in zip(rules["antecedents"], rules["consequents"], strict=True)
            ],
            "level": level,
            "antecedents": [sorted(a) for a in rules["antecedents"]],
            "consequents": [sorted(c) for c in rules["consequents"]],
            "antecedent_support": rules["antecedent support"].to_numpy(dtype=float),
            "consequent_support": rules["consequent support"].to_numpy(dtype=float),
            "support": rules["support"].to_numpy(dtype=float),
            "confidence": rules["confidence"].to_numpy(dtype=float),
            "lift": rules["lift"].to_numpy(dtype=float),
            "basket_count": total,
            "rule_count": both.astype(int),
            "p_value": p_values,
            "q_value": bh_q_values(p_values),
            "is_redundant": redundant_mask(rules),
        }
    )


def filter_rules(rules: pd.DataFrame, params: AssociationParams) -> pd.DataFrame:
    """Apply the switched-on filters: lift, significance (q-value), redundancy."""
    keep = np.ones(len(rules), dtype=bool)
    if params.filter_lift:
        keep &= rules["lift"].to_numpy() > params.min_lift
    if params.filter_significance:
        keep &= rules["q_value"].to_numpy() <= params.significance_level
    if params.filter_redundant:
        keep &= ~rules["is_redundant"].to_numpy(dtype=bool)
    return rules[keep].sort_values(["lift", "confidence"], ascending=False).reset_index(drop=True)


def association_rule_table(
    lines: pd.DataFrame, level: str, params: AssociationParams
) -> tuple[pd.DataFrame, dict]:
    """Rules at one level from (basket_id, item) rows, and a summary for metadata."""
    cap = params.max_basket_items if params.cap_baskets else None
    baskets = basket_matrix(lines, cap)
    itemsets = frequent_itemsets(baskets, params.min_support, params.max_len)
    mined = mine_rules(itemsets, baskets.count, params.min_confidence)
    rules = filter_rules(annotate(mined, baskets.count, level), params)
    summary = {
        "baskets": baskets.count,
        "baskets_capped": baskets.capped,
        "items": len(baskets.items),
        "frequent_itemsets": len(itemsets),
        "rules_mined": len(mined),
        "rules_kept": len(rules),
    }
    return rules[RULE_COLUMNS], summary
