"""The demo's own project config (`portrait.yaml`), naming every demo source."""

from pathlib import Path

import yaml

SQLITE_FILE = "sources/crm_orders.sqlite"
TICKETS_FILE = "sources/service_tickets.csv"
SESSIONS_FILE = "sources/login_sessions.jsonl"
CAMPAIGNS_FILE = "sources/campaign_participation.csv"
CUSTOMER_TEMPLATE_FILE = "imports/customers_template.xlsx"
PURCHASE_TEMPLATE_FILE = "imports/purchases_template.csv"

_HEADER = """\
# Portrait project config for the generated demo (docs/data_contract.md).
# Paths are relative to this file's folder, so the demo folder is self-contained.
"""


def _table(entity: str, table: str, key: str, cursor: str | None = None) -> dict:
    spec = {"entity": entity, "table": table, "primary_key": key}
    return spec | ({"cursor": cursor} if cursor else {})


def _files(entity: str, glob: str, fmt: str, **settings) -> dict:
    return {"kind": "files", "entity": entity, "glob": glob, "format": fmt, **settings}


def project_config() -> dict:
    """The config as a mapping: every demo source with its format, encoding and keys."""
    crm_tables = [
        _table("customers", "crm_customers", "customer_id", "updated_at"),
        _table("orders", "orders", "order_id", "updated_at"),
        _table("order_lines", "order_lines", "order_line_id"),
        _table("returns", "returns", "return_id"),
    ]
    sources = {
        "crm": {"kind": "sql", "url": f"sqlite:///{SQLITE_FILE}", "tables": crm_tables},
        "service": _files("tickets", "sources/service_tickets*.csv", "csv",
                          encoding="gbk", primary_key="ticket_id"),
        "sessions": _files("sessions", "sources/login_sessions*.jsonl", "jsonl",
                           primary_key="session_id"),
        "campaigns": _files("campaigns", "sources/campaign_participation*.csv", "csv",
                            encoding="utf-8", primary_key=["customer_id", "campaign_id"]),
    }  # fmt: skip
    return {
        "project": "demo",
        "warehouse": "var/warehouse.duckdb",
        "serving": "var/serving/portrait.duckdb",
        # The templates are not extracted raw: they go through row-level validation
        # (portrait.imports) from this folder, by the import sensor or the monthly run.
        "imports_dir": "imports",
        "sources": sources,
        "params": {},
    }


def write_config(path: Path) -> None:
    text = yaml.safe_dump(project_config(), sort_keys=False, allow_unicode=True)
    path.write_text(_HEADER + text, encoding="utf-8")
