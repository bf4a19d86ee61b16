"""Facts straight from the demo's source files, keyed by the ground-truth person.

A stand-in for the marts when judging the models against the demo's ground
truth: identities are resolved perfectly (via identities.csv), so what is
measured is the model, not the deduplication.
"""

import sqlite3
from pathlib import Path

import pandas as pd

from ml.features import Facts

TICKET_TYPES = {"投诉": "complaint", "咨询": "inquiry", "售后": "after_sales", "物流": "delivery"}


def parse_times(values: pd.Series) -> pd.Series:
    """The demo's timestamp spellings: ISO, 2024/5/1 13:22, 20240501, 2024年5月1日."""
    text = values.astype("string").str.strip()
    text = text.str.replace(r"^(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3", regex=True)
    text = text.str.replace(r"(\d{4})年(\d{1,2})月(\d{1,2})日", r"\1-\2-\3", regex=True)
    return pd.to_datetime(text.str.replace("/", "-"), format="mixed", errors="coerce")


def load_demo_facts(demo: Path) -> Facts:
    people = pd.read_csv(demo / "ground_truth" / "identities.csv")
    person = dict(zip(people["source_customer_id"], people["person_id"], strict=True))
    with sqlite3.connect(demo / "sources" / "crm_orders.sqlite") as con:
        orders = pd.read_sql("select * from orders", con)
        returns = pd.read_sql("select order_id from returns", con)
        customers = pd.read_sql("select customer_id, registered_at from crm_customers", con)
    status = orders["status"].replace({"已完成": "completed", "已取消": "cancelled"})
    facts_orders = pd.DataFrame(
        {
            "order_id": orders["order_id"],
            "customer_id": orders["customer_id"].map(person),
            "ordered_at": parse_times(orders["ordered_at"]),
            "status": status,
            "net_amount": pd.to_numeric(orders["total_amount"], errors="coerce"),
            "has_coupon": orders["coupon_used"].fillna(0).astype(int) == 1,
            "has_return": orders["order_id"].isin(returns["order_id"]),
        }
    )
    tickets = pd.read_csv(demo / "sources" / "service_tickets.csv", encoding="gbk", dtype=str)
    sessions = pd.read_json(demo / "sources" / "login_sessions.jsonl", lines=True, dtype=False)
    return Facts(
        orders=facts_orders,
        tickets=pd.DataFrame(
            {
                "customer_id": tickets["customer_id"].map(person),
                "created_at": parse_times(tickets["created_at"]),
                "ticket_type": tickets["ticket_type"].replace(TICKET_TYPES),
            }
        ),
        sessions=pd.DataFrame(
            {
                "customer_id": sessions["customer_id"].map(person),
                "started_at": parse_times(sessions["started_at"]),
            }
        ),
        customers=pd.DataFrame(
            {
                "customer_id": customers["customer_id"].map(person),
                "registered_at": parse_times(customers["registered_at"]),
            }
        ),
    )
