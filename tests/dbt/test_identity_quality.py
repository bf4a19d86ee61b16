"""Merge quality of identity resolution against the demo generator's ground truth."""

import duckdb
from dbt_runner import pair_quality
from linkable import linkable_recall, phone_key

from portrait.demo.geo import PLACEHOLDER_PHONES

# Targets of the cleaning issue (pairwise "same person" decisions).
MIN_PRECISION = 0.995
MIN_RECALL = 0.97
# The generator makes a share of duplicate records genuinely unmatchable (new phone, no
# e-mail, no birth date: portrait/demo/dirt.py duplicate_unmatchable). Those that placed orders
# still ship home and are linked by name + home address; the rest share nothing but a name, so
# overall recall has a ceiling of linkable / true pairs (0.864 on this demo, 0.909 on the
# default 20k demo) for any matcher that keeps precision. The 0.97 target is checked on the
# pairs the data makes linkable, and overall recall only against this floor.
MIN_OVERALL_RECALL = 0.80


def test_merges_are_precise(built_demo):
    quality = pair_quality(built_demo.warehouse, built_demo.truth)
    print(f"precision {quality.precision:.4f} over {quality.predicted_pairs} merged pairs")
    assert quality.predicted_pairs > 0
    assert quality.precision >= MIN_PRECISION


def test_merges_find_every_linkable_duplicate(built_demo):
    quality = pair_quality(built_demo.warehouse, built_demo.truth)
    linkable, merged = linkable_recall(built_demo.warehouse, built_demo.truth)
    print(
        f"recall {quality.recall:.4f} overall ({quality.correct_pairs}/{quality.true_pairs}), "
        f"{merged / linkable:.4f} over linkable pairs ({merged}/{linkable})"
    )
    assert linkable > 0
    assert merged / linkable >= MIN_RECALL
    assert quality.recall >= MIN_OVERALL_RECALL


def test_placeholder_phones_never_merge_different_people(built_demo):
    con = duckdb.connect(str(built_demo.warehouse), read_only=True)
    try:
        rows = con.execute(
            "select raw.customer_id, raw.phone, crosswalk.customer_id, truth.person_id "
            "from raw.customers as raw "
            "join marts.customer_crosswalk as crosswalk "
            "  on crosswalk.source_customer_id = raw.customer_id "
            "join read_csv(?, all_varchar = true) as truth "
            "  on truth.source_customer_id = raw.customer_id",
            [str(built_demo.truth)],
        ).fetchall()
    finally:
        con.close()
    digits = {row[0]: "".join(ch for ch in str(row[1] or "") if ch.isdigit()) for row in rows}
    holders = [row for row in rows if digits[row[0]] in PLACEHOLDER_PHONES]
    people_per_golden: dict[str, set[str]] = {}
    for _, _, golden, person in holders:
        people_per_golden.setdefault(golden, set()).add(person)
    assert len({person for *_, person in holders}) >= 2, "demo has no placeholder trap"
    assert all(len(people) == 1 for people in people_per_golden.values())
    assert phone_key(PLACEHOLDER_PHONES[0]) is None


def test_crosswalk_maps_every_source_customer(built_demo):
    con = duckdb.connect(str(built_demo.warehouse), read_only=True)
    try:
        raw, crosswalk, golden, dims = con.execute(
            "select (select count(*) from raw.customers)"
            " + (select count(*) from raw.import_customers),"
            " (select count(*) from marts.customer_crosswalk),"
            " (select count(distinct customer_id) from marts.customer_crosswalk),"
            " (select count(*) from marts.dim_customers)"
        ).fetchone()
    finally:
        con.close()
    assert crosswalk == raw
    assert golden == dims < crosswalk


def test_name_and_home_address_link_only_the_same_person(built_demo):
    """Rule name_address finds re-registrations with a new phone that still ship home."""
    con = duckdb.connect(str(built_demo.warehouse), read_only=True)
    try:
        pairs = con.execute(
            "select record_truth.person_id = linked_truth.person_id "
            "from marts.customer_merge_audit as audit "
            "join read_csv(?, all_varchar = true) as record_truth "
            "  on record_truth.source_customer_id = audit.source_customer_id "
            "join read_csv(?, all_varchar = true) as linked_truth "
            "  on linked_truth.source_customer_id = audit.linked_source_customer_id "
            "where audit.match_rule = 'name_address' and audit.decision = 'merged'",
            [str(built_demo.truth)] * 2,
        ).fetchall()
        only_by_address = con.execute(
            "select count(*) from marts.customer_crosswalk where match_rule = 'name_address'"
        ).fetchone()[0]
    finally:
        con.close()
    assert pairs and all(same for (same,) in pairs)
    assert only_by_address > 0  # records no phone, e-mail or birth date could have joined
