"""Integration with the generated demo: its CRM, its GBK tickets, and its two templates.

The demo's ground truth says how many bad rows it planted; validation must find
exactly those. Skipped until the demo exists (`portrait demo` writes demo_data/).
"""

import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from portrait.config import load_project
from portrait.extract import extract, parse_sources
from portrait.imports import import_folder

DEMO = Path(__file__).resolve().parents[2] / "demo_data"
pytestmark = pytest.mark.skipif(
    not (DEMO / "portrait.yaml").exists(), reason="no demo_data/ yet (run `portrait demo`)"
)


def test_demo_sources_and_templates(tmp_path):
    project = load_project(DEMO / "portrait.yaml")
    specs = parse_sources(project.sources, project.dir)
    planted = json.loads((DEMO / "ground_truth" / "dirt.json").read_text())["counts"]
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        crm = extract(specs["crm"], con, entities={"customers", "orders"})
        tickets = extract(specs["service"], con)[0]
        assert {r.entity: r.rows_loaded for r in crm}["customers"] == planted["crm_records"]
        assert tickets.rows_loaded > 0 and not tickets.absent

        outcomes = import_folder(project.imports_dir, con, tmp_path / "reports")
        by_template = {r.template: r for r in outcomes}
        customers, purchases = by_template["customers"], by_template["purchases"]
        for result in (customers, purchases):
            assert result.rows_read == result.rows_accepted + result.rows_rejected
        assert customers.rows_read == planted["import_rows"]
        kinds = Counter(p.kind for r in (customers, purchases) for p in r.problems)
        assert kinds["wrong digit count"] + kinds["not digits"] == planted["import_bad_phone"]
        assert kinds["out of range"] == planted["import_age_200"]
        assert kinds["missing"] == planted["import_missing_required"]
        assert kinds["total mismatch"] == planted["purchase_total_mismatch"]
        assert kinds["not positive"] == planted["purchase_zero_quantity"]
        assert kinds["not a date"] == planted["purchase_bad_date"]
        assert kinds["unknown customer"] == planted["purchase_unknown_customer"]
        # Excel serial dates and date cells are accepted, normalized to ISO dates.
        bad_dates = con.execute(
            "select count(*) from raw.import_customers where _source_name = 'import' "
            "and registered_at is not null and not regexp_full_match(registered_at, "
            "'\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?')"
        ).fetchall()[0][0]
        assert bad_dates == 0
    finally:
        con.close()
