"""The imports-folder sensor and the import job, with real resources on a temporary project."""

import os
import time

import dagster as dg
import duckdb
import pytest
from import_corpus import CUSTOMER_HEADER, PURCHASE_HEADER, csv_bytes, customer, purchase

from orchestration.resources import ProjectConfig, Warehouse
from orchestration.sensors import import_files_sensor, import_job


@pytest.fixture
def project(tmp_path):
    config = tmp_path / "portrait.yaml"
    config.write_text("project: t\nwarehouse: var/w.duckdb\nimports_dir: imports\nsources: {}\n")
    (tmp_path / "imports").mkdir()
    return tmp_path, ProjectConfig(path=str(config))


def _drop(folder, name: str, content: bytes, age_seconds: float = 60) -> None:
    path = folder / name
    path.write_bytes(content)
    past = time.time() - age_seconds
    os.utime(path, (past, past))


def _tick(config: ProjectConfig, cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor, resources={"project_config": config})
    return import_files_sensor(context)


def test_sensor_requests_each_new_content_once_customers_first(project):
    root, config = project
    imports = root / "imports"
    _drop(imports, "a_purchases.csv", csv_bytes([PURCHASE_HEADER, purchase()]))
    _drop(imports, "b_customers.csv", csv_bytes([CUSTOMER_HEADER, customer()]))
    _drop(imports, "~$b_customers.xlsx", b"lock")  # Excel's lock file: not a template
    _drop(imports, "notes.txt", b"hello")
    _drop(imports, "fresh.csv", csv_bytes([CUSTOMER_HEADER, customer("C9")]), age_seconds=0)

    first = _tick(config, None)
    paths = [r.run_config["ops"]["import_template_file"]["config"]["path"]
             for r in first.run_requests]  # fmt: skip
    assert paths == [str(imports / "b_customers.csv"), str(imports / "a_purchases.csv")]
    assert all(len(r.run_key) == 64 for r in first.run_requests)

    second = _tick(config, first.cursor)  # unchanged files: nothing; the settled one: requested
    later = root / "imports" / "fresh.csv"
    os.utime(later, (time.time() - 60, time.time() - 60))
    third = _tick(config, second.cursor)
    assert second.run_requests == []
    assert [r.tags["portrait/import_file"] for r in third.run_requests] == ["fresh.csv"]

    os.utime(imports / "b_customers.csv")  # touched, same content: no new run
    os.utime(imports / "b_customers.csv", (time.time() - 60, time.time() - 60))
    assert _tick(config, third.cursor).run_requests == []


def test_import_job_loads_a_file_and_fails_clearly_on_a_bad_one(project):
    root, config = project
    good = root / "imports" / "customers.csv"
    good.write_bytes(csv_bytes([CUSTOMER_HEADER, customer(), customer("C2", phone="1")]))
    warehouse = Warehouse(path=str(root / "var" / "w.duckdb"))
    resources = {"warehouse": warehouse, "project_config": config}

    def run(path):
        return import_job.execute_in_process(
            run_config={"ops": {"import_template_file": {"config": {"path": str(path)}}}},
            resources=resources,
            raise_on_error=False,
        )

    result = run(good)
    assert result.success
    materialized = result.asset_materializations_for_node("import_template_file")
    assert [m.asset_key.path for m in materialized] == [["raw", "import_customers"]]
    assert materialized[0].metadata["rows_rejected"].value == 1
    assert (root / "var" / "reports" / "imports").is_dir()

    again = run(good)  # the same content once more: a success that loads nothing
    assert again.success
    assert again.asset_materializations_for_node("import_template_file") == []

    bad = root / "imports" / "empty.csv"
    bad.write_bytes(b"")
    failed = run(bad)
    assert not failed.success
    failure = next(e for e in failed.all_events if e.is_step_failure)
    assert failure.step_failure_data.user_failure_data.description == (
        "empty.csv: the file is empty"
    )

    con = duckdb.connect(warehouse.path, read_only=True)
    try:
        assert con.execute("select count(*) from raw.import_customers").fetchone()[0] == 1
    finally:
        con.close()
