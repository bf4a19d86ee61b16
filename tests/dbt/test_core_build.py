"""The core dbt layer builds and reconciles on the demo and on a minimal set of sources."""

import duckdb
import pytest
from dbt_runner import AS_OF, run_dbt
from raw_fixture import write_raw


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def test_demo_build_passes_every_unit_and_data_test(built_demo):
    statuses = {result["status"] for result in built_demo.results}
    names = {result["unique_id"] for result in built_demo.results}
    assert statuses <= {"success", "pass"}
    assert sum(name.startswith("unit_test.") for name in names) >= 25
    assert {"test.portrait.reconcile_orders", "test.portrait.reconcile_order_lines",
            "test.portrait.assert_identity_closure_converged"} <= names  # fmt: skip


def test_every_raw_order_and_line_is_clean_or_excluded(built_demo):
    con = duckdb.connect(str(built_demo.warehouse), read_only=True)
    try:
        raw_orders = _count(con, "select count(*) from raw.orders")
        raw_orders += _count(con, "select count(*) from raw.import_purchases")
        raw_lines = _count(con, "select count(*) from raw.order_lines")
        raw_lines += _count(con, "select count(*) from raw.import_purchases")
        clean_orders = _count(con, "select count(*) from marts.fct_orders")
        clean_lines = _count(con, "select count(*) from marts.fct_order_lines")
        excluded = dict(
            con.execute(
                "select entity, count(*) from marts.fct_exclusions group by entity"
            ).fetchall()
        )
        reasons = dict(con.execute(
            "select reason, count(*) from marts.fct_exclusions where entity = 'order' group by 1"
        ).fetchall())  # fmt: skip
    finally:
        con.close()
    assert raw_orders == clean_orders + excluded["order"]
    assert raw_lines == clean_lines + excluded["order_line"]
    # The demo's documented dirt shows up under its own reason.
    assert {"test_order", "cancelled", "refund_pending", "negative_amount"} <= set(reasons)


def test_demo_standardizes_dirty_values(built_demo):
    con = duckdb.connect(str(built_demo.warehouse), read_only=True)
    try:
        statuses = {
            row[0] for row in con.execute("select distinct status from marts.fct_orders").fetchall()
        }
        tiers = {
            row[0]
            for row in con.execute("select distinct city_tier from marts.dim_customers").fetchall()
        }
        inferred = _count(con, "select count(*) from marts.dim_customers where is_region_inferred")
        unparsed = _count(con, "select count(*) from staging.stg_raw__customers "
                               "where registered_at is null")  # fmt: skip
        synonyms = _count(
            con, "select count(*) from marts.fct_order_lines where category = '移动电话'"
        )
    finally:
        con.close()
    assert statuses == {"completed", "refunded"}
    assert {"一线", "新一线", "二线", "下沉市场"} <= tiers
    assert inferred > 0
    assert unparsed == 0
    assert synonyms == 0


@pytest.fixture(scope="module")
def minimal_warehouse(tmp_path_factory, dbt_work):
    """Only customer sources feed the warehouse: every other raw table is empty."""
    warehouse = tmp_path_factory.mktemp("minimal") / "warehouse.duckdb"
    empty = frozenset({"orders", "order_lines", "returns", "tickets", "sessions", "campaigns",
                       "import_purchases"})  # fmt: skip
    write_raw(warehouse, empty)
    run_dbt("build", warehouse, dbt_work, AS_OF,
            extra=("--resource-type", "seed", "--resource-type", "model"))  # fmt: skip
    run_dbt("test", warehouse, dbt_work, AS_OF,
            select=("path:tests/reconciliation", "path:tests/identity"))  # fmt: skip
    return warehouse


def test_minimal_sources_build_and_resolve_identities(minimal_warehouse):
    con = duckdb.connect(str(minimal_warehouse), read_only=True)
    try:
        crosswalk = dict(
            con.execute(
                "select source_customer_id, customer_id from marts.customer_crosswalk"
            ).fetchall()
        )
        orders = _count(con, "select count(*) from marts.fct_orders")
        rfm = _count(con, "select count(*) from marts.customer_rfm")
        unknown_regions = _count(
            con, "select count(*) from marts.dim_customers where city = '未知'"
        )
    finally:
        con.close()
    # CUS002 by phone, CUS003 by e-mail (transitively), IMP001 by phone: one person.
    assert len({crosswalk[i] for i in ("CUS001", "CUS002", "CUS003", "IMP001")}) == 1
    # A shared placeholder phone does not merge two strangers.
    assert crosswalk["CUS004"] != crosswalk["CUS005"]
    assert orders == rfm == 0
    # Without orders there is nothing to infer a region from: 未知, never a guess.
    assert unknown_regions == 2
