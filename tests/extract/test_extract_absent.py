"""Minimal sources: absent entities are named, and every raw table exists for dbt."""

import sqlite3
from pathlib import Path

from portrait.extract import (
    ENTITIES,
    LINEAGE_COLUMNS,
    RAW_TABLES,
    absent_entities,
    extract,
    parse_sources,
)


def _orders_only(tmp_path: Path):
    db = sqlite3.connect(tmp_path / "shop.sqlite")
    db.execute("create table o (oid text, cid text, t text, amt real)")
    db.execute("insert into o values ('O1', 'C1', '2024-05-01', 10.5)")
    db.commit()
    db.close()
    return parse_sources(
        {
            "shop": {
                "kind": "sql",
                "url": "sqlite:///shop.sqlite",
                "tables": [
                    {
                        "entity": "orders",
                        "table": "o",
                        "primary_key": "oid",
                        "columns": {
                            "order_id": "oid",
                            "customer_id": "cid",
                            "ordered_at": "t",
                            "total_amount": "amt",
                        },
                    },
                ],
            },
            "service": {"kind": "files", "entity": "tickets", "glob": "none_yet_*.csv"},
        },
        tmp_path,
    )


def test_absent_from_config_alone(tmp_path):
    specs = _orders_only(tmp_path)
    assert absent_entities(specs) == [
        "customers",
        "order_lines",
        "returns",
        "sessions",
        "campaigns",
    ]


def test_absent_recorded_and_all_raw_tables_exist(tmp_path, con):
    specs = _orders_only(tmp_path)
    for spec in specs.values():
        extract(spec, con)
    absent = absent_entities(specs, con)
    # tickets are configured but the drop folder is empty: absent too.
    assert absent == ["customers", "order_lines", "returns", "tickets", "sessions", "campaigns"]
    recorded = con.execute("select entity, reason from raw._absent_entities").fetchall()
    assert ("tickets", "configured, but no rows loaded") in recorded
    assert ("customers", "no source configured") in recorded
    assert len(recorded) == len(absent)
    for table, columns in RAW_TABLES.items():
        described = dict(
            con.execute(f"describe raw.{table}").fetchall()[i][:2]
            for i in range(len(columns) + len(LINEAGE_COLUMNS))
        )
        assert list(described)[: len(columns)] == list(columns)
        assert all(described[c] == "VARCHAR" for c in columns)
        assert {c: described[c] for c in LINEAGE_COLUMNS} == LINEAGE_COLUMNS
    assert con.execute("select order_id, total_amount from raw.orders").fetchall() == [
        ("O1", "10.5")
    ]
    assert set(ENTITIES) - set(absent) == {"orders"}
