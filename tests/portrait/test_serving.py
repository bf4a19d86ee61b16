"""Publishing: atomic for readers, and never with unmasked personal data."""

import duckdb
import pytest

from portrait.serving import UnmaskedDataError, publish


def make_warehouse(path, customers: int, phone: str = "138****5678"):
    con = duckdb.connect(str(path))
    con.execute("create schema if not exists marts")
    con.execute(
        "create or replace table marts.customer_profiles as "
        "select 'C' || i as customer_id, ? as phone_masked from range(?) t(i)",
        [phone, customers],
    )
    con.execute("create schema if not exists intermediate")
    con.execute("create or replace table intermediate.secret as select '13812345678' as phone")
    con.close()


def count(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*) from marts.customer_profiles").fetchone()[0]
    finally:
        con.close()


def test_publish_copies_only_allowlisted_tables(tmp_path):
    warehouse, serving = tmp_path / "w.duckdb", tmp_path / "serving" / "p.duckdb"
    make_warehouse(warehouse, 3)
    result = publish(warehouse, serving)
    assert result.tables == {"marts.customer_profiles": 3}
    con = duckdb.connect(str(serving), read_only=True)
    schemas = {row[0] for row in con.execute("select schema_name from duckdb_schemas()").fetchall()}
    con.close()
    assert "intermediate" not in schemas


def test_a_reader_during_a_refresh_keeps_its_snapshot(tmp_path):
    warehouse, serving = tmp_path / "w.duckdb", tmp_path / "p.duckdb"
    make_warehouse(warehouse, 3)
    publish(warehouse, serving)
    reader = duckdb.connect(str(serving), read_only=True)
    make_warehouse(warehouse, 5)
    publish(warehouse, serving)  # must not fail although a reader holds the old file open
    assert reader.execute("select count(*) from marts.customer_profiles").fetchone()[0] == 3
    reader.close()
    assert count(serving) == 5
    assert not list(tmp_path.glob(".*.tmp"))


def test_unmasked_phone_blocks_publishing_and_keeps_the_old_file(tmp_path):
    warehouse, serving = tmp_path / "w.duckdb", tmp_path / "p.duckdb"
    make_warehouse(warehouse, 2)
    publish(warehouse, serving)
    make_warehouse(warehouse, 4, phone="+86 13812345678")
    with pytest.raises(UnmaskedDataError, match=r"marts\.customer_profiles\.phone_masked"):
        publish(warehouse, serving)
    assert count(serving) == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_ids_with_long_digit_runs_are_not_mistaken_for_phones(tmp_path):
    warehouse, serving = tmp_path / "w.duckdb", tmp_path / "p.duckdb"
    make_warehouse(warehouse, 2, phone="C0a13812345678ff9")
    assert publish(warehouse, serving).tables == {"marts.customer_profiles": 2}
