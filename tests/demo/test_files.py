"""The generated files: contract columns, encodings, config, determinism, size knob."""

import json
import sqlite3
from dataclasses import asdict

import openpyxl
import pandas as pd
import pytest
from demo_support import SMALL, read_table

from portrait.config import load_project
from portrait.demo import generate
from portrait.demo.dirt import DIRT
from portrait.demo.templates import CUSTOMER_HEADERS, PURCHASE_HEADERS
from portrait.extract import parse_sources
from portrait.extract.entities import ENTITY_COLUMNS, IMPORT_COLUMNS

SQLITE_TABLES = {"crm_customers": "customers", "orders": "orders", "order_lines": "order_lines",
                 "returns": "returns"}  # fmt: skip


def _all_files(root):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_same_seed_gives_identical_files(demo, tmp_path):
    root, _ = demo
    generate(tmp_path, **SMALL)
    assert _all_files(tmp_path) == _all_files(root)
    for path in _all_files(root):
        assert (tmp_path / path).read_bytes() == (root / path).read_bytes(), path


def test_another_seed_gives_other_data(demo, tmp_path):
    root, _ = demo
    generate(tmp_path, **(SMALL | {"seed": SMALL["seed"] + 1}))
    assert (tmp_path / "ground_truth/identities.csv").read_bytes() != (
        root / "ground_truth/identities.csv"
    ).read_bytes()


def test_row_counts_follow_the_customer_knob(demo, double_demo):
    (_, small), (_, double) = demo, double_demo
    for name, rows in small["rows"].items():
        if "template" in name:
            continue  # floors of 20 rows keep tiny templates usable
        assert 1.5 < double["rows"][name] / rows < 2.6, name
    assert small["rows"]["sources/crm_orders.sqlite:crm_customers"] > SMALL["customers"]


def test_sqlite_tables_have_exactly_the_contract_columns(demo):
    root, _ = demo
    with sqlite3.connect(root / "sources/crm_orders.sqlite") as con:
        for table, entity in SQLITE_TABLES.items():
            columns = [row[1] for row in con.execute(f'pragma table_info("{table}")')]
            assert tuple(columns) == ENTITY_COLUMNS[entity], table


def test_tickets_are_gbk_with_chinese_labels(demo):
    root, _ = demo
    data = (root / "sources/service_tickets.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    tickets = pd.read_csv(root / "sources/service_tickets.csv", encoding="gbk", dtype=str)
    assert tuple(tickets.columns) == ENTITY_COLUMNS["tickets"]
    assert {"电话", "在线客服", "邮件"} & set(tickets["channel"])
    assert {"phone", "online_chat", "email"} & set(tickets["channel"])
    assert {"投诉", "售后", "咨询"} & set(tickets["ticket_type"])
    assert {"complaint", "after_sales", "inquiry"} & set(tickets["ticket_type"])
    assert tickets["ticket_id"].is_unique


def test_sessions_campaigns_and_templates_have_contract_columns(demo):
    root, _ = demo
    first = json.loads((root / "sources/login_sessions.jsonl").open(encoding="utf-8").readline())
    assert tuple(first) == ENTITY_COLUMNS["sessions"]
    campaigns = pd.read_csv(root / "sources/campaign_participation.csv", dtype=str)
    assert tuple(campaigns.columns) == ENTITY_COLUMNS["campaigns"]
    assert not campaigns.duplicated(["customer_id", "campaign_id"]).any()
    sheet = openpyxl.load_workbook(root / "imports/customers_template.xlsx").active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers == [CUSTOMER_HEADERS[c] for c in IMPORT_COLUMNS["import_customers"]]
    raw = (root / "imports/purchases_template.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    purchases = pd.read_csv(root / "imports/purchases_template.csv", encoding="utf-8-sig")
    expected = [PURCHASE_HEADERS[c] for c in IMPORT_COLUMNS["import_purchases"]]
    assert list(purchases.columns) == expected


def test_config_names_every_source_for_the_extract_layer(demo):
    root, _ = demo
    project = load_project(root / "portrait.yaml")
    assert project.warehouse == (root / "var/warehouse.duckdb").resolve()
    assert project.serving == (root / "var/serving/portrait.duckdb").resolve()
    assert project.imports_dir == (root / "imports").resolve()
    specs = parse_sources(project.sources, project.dir)
    entities = {e for spec in specs.values() for e in spec.entities}
    assert entities == set(ENTITY_COLUMNS)
    # Templates are validated from the imports folder, never extracted raw.
    assert {path.name for path in project.imports_dir.iterdir()} >= {
        "customers_template.xlsx",
        "purchases_template.csv",
    }


def test_dirt_json_documents_rates_and_the_counts_in_the_data(demo):
    root, summary = demo
    dirt = json.loads((root / "ground_truth/dirt.json").read_text(encoding="utf-8"))
    assert dirt["rates"] == asdict(DIRT)
    counts = dirt["counts"]
    assert counts == summary["dirt"]
    orders = read_table(root, "orders")
    assert (orders["total_amount"] < 0).sum() == counts["negative_total"] > 0
    assert (orders["status"] == "test").sum() == counts["test_orders"] > 0
    customers = read_table(root, "crm_customers")
    assert (customers["age"] == 200).sum() == counts["age_200"]
    assert customers["province"].isna().sum() == counts["region_missing"] > 0
    lines = read_table(root, "order_lines")
    assert (lines["quantity"] == 0).sum() == counts["zero_quantity"] > 0
    assert lines["category"].isin(["移动电话", "尿不湿", "零食", "护肤品"]).any()
