"""Monthly snapshots: re-runs replace their month, backfill order does not matter."""

from pathlib import Path

import pytest
from dbt_harness import query
from fixture_warehouse import add_order, build_fixture

MONTHS = ["2025-08-31", "2025-09-30", "2025-10-31"]

# Whole tables compared between warehouses; ordered so that equal tables give equal lists.
SNAPSHOT_QUERIES = {
    "tags_history": "select * from history.customer_tags_history order by all",
    "profiles_history": "select * from history.customer_profiles_history order by all",
    "segment_migration": "select * from marts.segment_migration order by all",
    "customer_profiles": "select * from marts.customer_profiles order by all",
}


def _snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {name: query(warehouse, sql) for name, sql in SNAPSHOT_QUERIES.items()}


def _run_months(dbt_project, warehouse: Path, months: list[str]) -> None:
    for month in months:
        dbt_project.run_month(warehouse, month)


@pytest.fixture(scope="module")
def in_order(dbt_project, tmp_path_factory) -> tuple[Path, dict]:
    """A warehouse refreshed August, September, October in order, and its tables then."""
    warehouse = build_fixture(tmp_path_factory.mktemp("in_order") / "warehouse.duckdb")
    _run_months(dbt_project, warehouse, MONTHS)
    return warehouse, _snapshot(warehouse)


def test_history_keeps_one_snapshot_per_month(in_order):
    warehouse, _ = in_order
    months = query(
        warehouse,
        "select as_of_date::varchar, count(*) from history.customer_profiles_history "
        "group by all order by 1",
    )
    # The twins registered in 2024 exist in every month; C_NEW_YESTERDAY only in October.
    assert [month for month, _ in months] == MONTHS
    assert months[-1][1] == months[-2][1] + 1
    past = query(
        warehouse,
        "select customer_value, recent_spend from history.customer_profiles_history "
        "where customer_id = 'C_EXACT_10000' order by as_of_date",
    )
    # A profile read as of a past month: the 4000 order of October 20 is not in it yet.
    assert past == [("normal", 0), ("potential", 6000), ("high", 10000)]


def test_published_tables_show_the_latest_month(in_order):
    warehouse, _ = in_order
    assert query(warehouse, "select distinct as_of_date::varchar from marts.customer_tags") == [
        ("2025-10-31",)
    ]


def test_segment_migration_counts_moves_between_consecutive_months(in_order):
    warehouse, _ = in_order
    moves = query(
        warehouse,
        "select from_as_of_date::varchar, from_value, to_value, customers "
        "from marts.segment_migration where tag_code = 'customer_value' and is_changed "
        "order by all",
    )
    assert ("2025-08-31", "normal", "potential", 1) in moves  # C_EXACT_10000 ...
    assert ("2025-09-30", "potential", "high", 1) in moves  # ... then high value
    assert ("2025-09-30", "(absent)", "normal", 1) in moves  # C_NEW_YESTERDAY appears


def test_rerun_replaces_its_month_and_ignores_a_next_day_purchase(in_order, dbt_project, tmp_path):
    """Re-running October after an order placed at 00:00 on November 1 gives the same rows:
    no duplicates (delete+insert of the month) and nothing from after the as-of date."""
    warehouse, before = in_order
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    add_order(copy, "O_NEXT_DAY", "C_BELOW_10000", "2025-11-01 00:00:00", 20000)
    dbt_project.run_month(copy, "2025-10-31")
    assert _snapshot(copy) == before


def test_out_of_order_backfill_equals_in_order(in_order, dbt_project, tmp_path_factory):
    _, expected = in_order
    warehouse = build_fixture(tmp_path_factory.mktemp("out_of_order") / "warehouse.duckdb")
    _run_months(dbt_project, warehouse, ["2025-10-31", "2025-08-31", "2025-09-30"])
    assert _snapshot(warehouse) == expected
