"""`generate()`: write the demo source systems, config and ground truth to a folder."""

import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from portrait.demo import config, truth, writers
from portrait.demo.crm import CRM_COLUMNS
from portrait.demo.dirt import DIRT
from portrait.demo.templates import CUSTOMER_HEADERS, PURCHASE_HEADERS
from portrait.demo.world import World, simulate

TIMEZONE = ZoneInfo("Asia/Shanghai")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Contract column order per written table (docs/data_contract.md).
ORDER_COLUMNS = [
    "order_id",
    "customer_id",
    "ordered_at",
    "status",
    "payment_method",
    "coupon_used",
    "discount_amount",
    "total_amount",
    "ship_province",
    "ship_city",
    "ship_address",
    "channel",
    "updated_at",
]
LINE_COLUMNS = [
    "order_line_id",
    "order_id",
    "product_id",
    "product_name",
    "category",
    "brand",
    "quantity",
    "unit_price",
    "line_amount",
    "is_new_product",
]
TICKET_COLUMNS = [
    "ticket_id",
    "customer_id",
    "channel",
    "ticket_type",
    "satisfaction",
    "is_resolved",
    "created_at",
]
SESSION_COLUMNS = [
    "session_id",
    "customer_id",
    "started_at",
    "duration_seconds",
    "pages_viewed",
    "product_clicks",
]


def last_complete_month(now: datetime | None = None) -> str:
    """The last month that has fully ended in Asia/Shanghai time, as 'YYYY-MM'."""
    now = (now or datetime.now(TIMEZONE)).astimezone(TIMEZONE)
    return (now.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


class DemoArgumentError(ValueError):
    """An argument of generate() that cannot be used; the message names it."""


def _check(customers: int, months: int, end_month: str) -> None:
    if customers < 50:
        raise DemoArgumentError(f"customers: expected at least 50, got {customers}")
    if not 4 <= months <= 120:
        raise DemoArgumentError(
            f"months: expected 4..120 (churn labels need 90 days), got {months}"
        )
    if not _MONTH.match(end_month):
        raise DemoArgumentError(f"end_month: expected YYYY-MM, got {end_month!r}")
    latest = last_complete_month()
    if end_month > latest:
        raise DemoArgumentError(
            f"end_month: {end_month} has not ended yet (latest complete: {latest})"
        )


def _write_sources(world: World, root: Path) -> None:
    writers.write_sqlite(
        root / config.SQLITE_FILE,
        {
            "crm_customers": world.records[CRM_COLUMNS],
            "orders": world.orders[ORDER_COLUMNS],
            "order_lines": world.lines[LINE_COLUMNS],
            "returns": world.returns,
        },
    )
    writers.write_csv(root / config.TICKETS_FILE, world.tickets[TICKET_COLUMNS], "gbk")
    writers.write_jsonl(root / config.SESSIONS_FILE, world.sessions[SESSION_COLUMNS])
    writers.write_csv(root / config.CAMPAIGNS_FILE, world.campaigns, "utf-8")
    customers = world.import_customers[list(CUSTOMER_HEADERS)].rename(columns=CUSTOMER_HEADERS)
    writers.write_xlsx(root / config.CUSTOMER_TEMPLATE_FILE, customers, "客户信息")
    purchases = world.import_purchases[list(PURCHASE_HEADERS)].rename(columns=PURCHASE_HEADERS)
    writers.write_csv(root / config.PURCHASE_TEMPLATE_FILE, purchases, "utf-8-sig")
    config.write_config(root / "portrait.yaml")


def _write_truth(world: World, root: Path) -> dict:
    folder = root / "ground_truth"
    ids = truth.identities(world.records, world.people, world.import_customers)
    ids.to_csv(folder / "identities.csv", index=False, lineterminator="\n")
    churn = truth.churn_labels(world.people, world.orders, world.timeline)
    churn.to_csv(folder / "churn.csv", index=False, lineterminator="\n")
    counts = {**truth.identity_counts(world.records, world.people), **world.counts}
    dirt = {"rates": asdict(DIRT), "counts": counts, "semantics": truth.__doc__.strip()}
    (folder / "dirt.json").write_text(json.dumps(dirt, ensure_ascii=False, indent=2), "utf-8")
    return {"identities": len(ids), "churn_labels": len(churn), "counts": counts}


def _row_counts(world: World) -> dict[str, int]:
    return {
        f"{config.SQLITE_FILE}:crm_customers": len(world.records),
        f"{config.SQLITE_FILE}:orders": len(world.orders),
        f"{config.SQLITE_FILE}:order_lines": len(world.lines),
        f"{config.SQLITE_FILE}:returns": len(world.returns),
        config.TICKETS_FILE: len(world.tickets),
        config.SESSIONS_FILE: len(world.sessions),
        config.CAMPAIGNS_FILE: len(world.campaigns),
        config.CUSTOMER_TEMPLATE_FILE: len(world.import_customers),
        config.PURCHASE_TEMPLATE_FILE: len(world.import_purchases),
    }


def _move_into(staging: Path, out_dir: Path) -> None:
    """Replace each written file in out_dir; anything else there (e.g. var/) stays."""
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = out_dir / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


def _write_all(world: World, out_dir: Path) -> dict:
    """Write into a staging folder inside out_dir, then move every file into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=out_dir))
    try:
        for folder in ("sources", "imports", "ground_truth"):
            (staging / folder).mkdir()
        _write_sources(world, staging)
        truth_summary = _write_truth(world, staging)
        _move_into(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return truth_summary


def generate(
    out_dir: Path,
    customers: int = 20000,
    months: int = 24,
    seed: int = 42,
    end_month: str | None = None,
) -> dict:
    """Write the demo sources, `portrait.yaml` and `ground_truth/` under out_dir.

    customers = real persons in the CRM (CRM rows are more: duplicates, test
    accounts); end_month = last complete month of data (default: the last month
    that has ended in Asia/Shanghai). Returns a summary: row counts per file and
    dirt counts. Everything is written to a staging folder first, so each file
    appears complete; other files already in out_dir (e.g. var/) are left alone.
    """
    out_dir = Path(out_dir)
    end_month = end_month or last_complete_month()
    _check(customers, months, end_month)
    started = time.perf_counter()
    world = simulate(customers, months, seed, end_month)
    simulated = time.perf_counter()
    truth_summary = _write_all(world, out_dir)
    first_month = str(world.timeline.month_starts[0].astype("datetime64[M]"))
    return {
        "out_dir": str(out_dir.resolve()),
        "config": str((out_dir / "portrait.yaml").resolve()),
        "seed": seed,
        "customers": customers,
        "months": months,
        "start_month": first_month,
        "end_month": end_month,
        "rows": _row_counts(world)
        | {
            "ground_truth/identities.csv": truth_summary["identities"],
            "ground_truth/churn.csv": truth_summary["churn_labels"],
        },
        "dirt": truth_summary["counts"],
        "seconds": round(time.perf_counter() - started, 2),
        "seconds_simulating": round(simulated - started, 2),
    }
