"""The published tag tables after one real `dbt build` of the fixture warehouse (2025-10-31)."""

import pytest
from dbt_harness import query
from fixture_warehouse import TWINS

from portrait.serving import assert_masked


def _profile(warehouse, customer_id: str, *columns: str) -> tuple:
    rows = query(
        warehouse,
        f"select {', '.join(columns)} from marts.customer_profiles where customer_id = ?",
        [customer_id],
    )
    assert len(rows) == 1, f"{customer_id}: {len(rows)} profile rows"
    return rows[0]


def test_every_customer_holds_exactly_one_value_of_every_single_valued_tag(october):
    held = query(
        october,
        """
        select profiles.customer_id, catalog.tag_code, count(tags.tag_value) as values_held
        from marts.customer_profiles as profiles
        cross join reference.tag_catalog as catalog
        left join marts.customer_tags as tags
            on profiles.customer_id = tags.customer_id and catalog.tag_code = tags.tag_code
        where not catalog.is_multi_valued
        group by all
        """,
    )
    single_valued = {tag for _, tag, _ in held}
    assert len(single_valued) >= 20
    assert {count for _, _, count in held} == {1}


def test_profiles_hold_customers_registered_by_the_as_of_date_only(october):
    ids = {row[0] for row in query(october, "select customer_id from marts.customer_profiles")}
    assert "C_FUTURE" not in ids  # registered 2025-11-01
    assert {"C_NEW_YESTERDAY", "C_NO_ORDERS", *TWINS} <= ids
    assert _profile(october, "C_NEW_YESTERDAY", "lifecycle", "tenure_days") == ("new", 1)


def test_spend_exactly_10000_is_high_value_with_the_configured_bands(october):
    assert _profile(october, "C_EXACT_10000", "recent_spend", "customer_value") == (10000, "high")
    assert _profile(october, "C_BELOW_10000", "customer_value") == ("potential",)


def test_customer_without_orders_gets_explicit_defaults(october):
    row = _profile(
        october, "C_NO_ORDERS",
        "orders_total", "rfm_segment", "r_score", "purchase_frequency", "aov_band",
        "customer_value", "price_sensitivity", "category_preference",
    )  # fmt: skip
    assert row == (0, "no_purchase", None, "low", "none", "normal", "unknown", "none")


def test_purchase_the_day_after_the_as_of_date_is_ignored(october):
    # C_EDGE_DAY ordered 300 at 23:59:59 on the as-of date and 50000 at 00:00 the day after.
    row = _profile(october, "C_EDGE_DAY", "orders_total", "spend_total", "customer_value", "vip")
    assert row == (1, 300, "normal", "no")
    months = query(october, "select max(sales_month) from marts.sales_monthly")
    assert str(months[0][0]) == "2025-10-01"


def test_identical_customers_get_identical_rfm_scores(october):
    scores = query(
        october,
        "select distinct r_score, f_score, m_score, rfm_segment, spending_power_score "
        "from marts.customer_profiles where customer_id like 'C_TWIN_%'",
    )
    assert len(scores) == 1


def test_names_and_phones_are_masked_and_no_email_is_published(october):
    assert _profile(october, "C_EXACT_10000", "name_masked", "phone_masked") == (
        "张*",
        "138****5678",
    )
    columns = {row[0] for row in query(october, "describe marts.customer_profiles")}
    assert not columns & {"name", "phone", "email", "ship_address"}
    import duckdb

    con = duckdb.connect(str(october), read_only=True)
    try:
        for table in ("customer_profiles", "customer_tags", "segment_summary"):
            assert_masked(con, "marts", table)
    finally:
        con.close()


def test_manual_tags_come_from_the_source_column_split_on_separators(october):
    assert _profile(october, "C_EXACT_10000", "manual_tags") == (["团购", "老客户"],)
    assert _profile(october, "C_COUPON", "manual_tags") == (["价格敏感", "爱砍价"],)
    sources = query(
        october, "select distinct source from marts.customer_tags where tag_code = 'manual_tag'"
    )
    assert sources == [("manual",)]


@pytest.mark.parametrize(
    ("customer_id", "rule_id"),
    [
        ("C_COMPLAINER", "senior_agent"),  # complaint-prone + online chat
        ("C_COUPON", "limited_discount"),  # price sensitive + low frequency
        ("C_EXACT_10000", "vip_manager"),  # VIP (high value, churn risk low)
        ("C_NEW_YESTERDAY", "onboarding"),
        ("C_TWIN_1", "regular_care"),  # no rule matches: the default
    ],
)
def test_next_best_action_names_the_rule_that_fired(october, customer_id, rule_id):
    assert _profile(october, customer_id, "next_best_action_rule_id")[0] == rule_id


def test_radar_scores_are_percentiles_between_0_and_100(october):
    lowest, highest = query(
        october,
        "select min(least(spending_power_score, loyalty_score, activity_score, potential_score)),"
        " max(greatest(spending_power_score, loyalty_score, activity_score, potential_score))"
        " from marts.customer_profiles",
    )[0]
    assert lowest == 0 and highest == 100
    assert _profile(october, "C_EXACT_10000", "spending_power_score") == (100,)


def test_tag_coverage_flags_tags_held_by_too_few_customers(october):
    rows = dict(query(october, "select tag_code, is_low_coverage from marts.tag_coverage"))
    assert rows["churn_band"] is True  # the churn model has not scored this warehouse
    assert rows["lifecycle"] is False


def test_purchase_behaviour_marts(october):
    assert query(october, "select count(*) from marts.sales_peak_hours") == [(168,)]
    top = query(
        october,
        "select category from marts.category_ranking "
        "where ranking_basis = 'amount' and category_rank = 1",
    )
    assert top == [("数码",)]
    trend = query(
        october,
        "select count(*), sum(spend) from marts.customer_trend_6m "
        "where customer_id = 'C_EXACT_10000'",
    )
    assert trend == [(6, 10000)]
