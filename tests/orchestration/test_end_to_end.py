"""The whole graph on small demo data, through the CLI, into a temporary directory."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from portrait.config import load_project

pytestmark = pytest.mark.slow

PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
MONTH = "2025-12"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("e2e") / "demo"
    env = {**os.environ, "DAGSTER_HOME": str(out.parent / "dagster_home")}
    command = [
        str(Path(sys.executable).with_name("portrait")),
        "demo",
        "--out", str(out),
        "--customers", "1500",
        "--months", "14",
        "--end-month", MONTH,
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return out, done.stdout


def test_summary_says_where_things_are(demo_run):
    out, stdout = demo_run
    assert f"as of the end of {MONTH}" in stdout
    assert "golden customers:" in stdout
    assert str(load_project(out / "portrait.yaml").serving) in stdout


def test_one_profile_per_golden_customer_and_duplicates_merged(demo_run):
    out, _ = demo_run
    con = duckdb.connect(str(load_project(out / "portrait.yaml").warehouse), read_only=True)
    try:
        profiles, distinct = con.execute(
            "select count(*), count(distinct customer_id) from marts.customer_profiles"
        ).fetchone()
        sources = con.execute("select count(*) from raw.customers").fetchone()[0]
        golden = con.execute(
            "select count(distinct customer_id) from marts.customer_crosswalk"
        ).fetchone()[0]
        lineage = con.execute(
            "select count(*) from raw.orders where _source_name is null or _source_key is null"
        ).fetchone()[0]
        as_of = con.execute("select distinct as_of_date from marts.customer_profiles").fetchall()
    finally:
        con.close()
    assert profiles == distinct == golden
    assert golden < sources  # the demo registers some people twice
    assert lineage == 0
    assert [str(day) for (day,) in as_of] == ["2025-12-31"]


def test_serving_file_is_masked(demo_run):
    out, _ = demo_run
    con = duckdb.connect(str(load_project(out / "portrait.yaml").serving), read_only=True)
    try:
        columns = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR'"
        ).fetchall()
        tables = {(schema, table) for schema, table, _ in columns}
        assert ("marts", "customer_profiles") in tables
        for schema, table, column in columns:
            values = con.execute(f'select distinct "{column}" from "{schema}"."{table}"').fetchall()
            leaked = [v for (v,) in values if v and PHONE.search(v)]
            assert leaked == [], f"{schema}.{table}.{column} exposes phones"
    finally:
        con.close()


def test_run_is_recorded_for_the_ui(demo_run):
    out, _ = demo_run
    assert any((out.parent / "dagster_home").iterdir())


def garble_order_statuses(sources: Path, every: int) -> int:
    """A bad batch: every n-th order changes to an unknown status (and so is re-extracted)."""
    con = sqlite3.connect(sources / "crm_orders.sqlite")
    try:
        changed = con.execute(
            "update orders set status = 'garbled', updated_at = '2030-01-01 00:00:00' "
            "where rowid % ? = 0",
            [every],
        ).rowcount
        con.commit()
    finally:
        con.close()
    return changed


def latest_check(asset: list[str], name: str):
    """The newest evaluation of an asset check in $DAGSTER_HOME."""
    instance = dg.DagsterInstance.get()
    key = dg.AssetCheckKey(dg.AssetKey(asset), name)
    record = instance.event_log_storage.get_asset_check_execution_history(key, limit=1)[0]
    return record.event.dagster_event.event_specific_data


def test_a_bad_batch_blocks_publishing(demo_run, monkeypatch):
    """Runs last: it changes the demo's sources and re-runs the month."""
    out, _ = demo_run
    project = load_project(out / "portrait.yaml")
    published_before = project.serving.read_bytes()
    garbled = garble_order_statuses(out / "sources", every=20)
    dagster_home = out.parent / "dagster_home"
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    command = [str(Path(sys.executable).with_name("portrait")), "run"]
    command += ["--config", str(out / "portrait.yaml"), "--month", MONTH]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)

    assert done.returncode != 0
    assert "gx_raw__orders" in done.stderr
    assert project.serving.read_bytes() == published_before  # BI still sees the last good run
    monkeypatch.setenv("DAGSTER_HOME", str(dagster_home))
    check = latest_check(["raw", "orders"], "column_values_to_be_in_set__status")
    assert not check.passed
    assert check.metadata["failed_expectation"].value == "expect_column_values_to_be_in_set"
    assert check.metadata["unexpected_count"].value == garbled
    assert "garbled" in check.metadata["sample"].value
