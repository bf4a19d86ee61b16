"""File drops and SQLite: encodings, formats, lineage, re-runs without duplicates."""

import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from portrait.extract import ExtractError, extract, parse_sources

TICKETS_CSV = "工单号,客户,渠道,created_at\nT1,C1,电话,2024-05-01 10:00\nT2,C2,邮件,2024/5/2\n"


def _files(tmp_path: Path, glob: str, **extra):
    source = {
        "kind": "files",
        "entity": "tickets",
        "glob": glob,
        "columns": {"ticket_id": "工单号", "customer_id": "客户", "channel": "渠道"},
        **extra,
    }
    return parse_sources({"svc": source}, tmp_path)["svc"]


def _tickets(con):
    return con.execute(
        "select ticket_id, customer_id, channel, created_at, _source_object, _source_key "
        "from raw.tickets order by _source_object, ticket_id"
    ).fetchall()


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_in_any_accepted_encoding_is_detected(tmp_path, con, encoding):
    (tmp_path / "tickets.csv").write_bytes(TICKETS_CSV.encode(encoding))
    result = extract(_files(tmp_path, "tickets*.csv"), con)[0]
    assert (result.rows_read, result.rows_loaded, result.absent) == (2, 2, False)
    assert _tickets(con) == [
        ("T1", "C1", "电话", "2024-05-01 10:00", "tickets.csv", "2"),
        ("T2", "C2", "邮件", "2024/5/2", "tickets.csv", "3"),
    ]


def test_rerun_skips_unchanged_and_replaces_changed_files(tmp_path, con):
    drop = tmp_path / "tickets_1.csv"
    drop.write_bytes(TICKETS_CSV.encode("gbk"))
    spec = _files(tmp_path, "tickets_*.csv", encoding="gbk")
    extract(spec, con)
    again = extract(spec, con)[0]
    assert (again.rows_read, again.files_skipped) == (0, 1)

    drop.write_bytes((TICKETS_CSV + "T3,C3,在线客服,2024-05-03\n").encode("gbk"))
    (tmp_path / "tickets_2.csv").write_bytes(
        "工单号,客户,渠道,created_at,满意度\nT9,C1,电话,2024-06-01,5\n".encode("gbk")
    )
    changed = extract(spec, con)[0]
    assert changed.rows_read == 4
    assert changed.new_columns == ("满意度",)
    rows = _tickets(con)
    assert [r[0] for r in rows] == ["T1", "T2", "T3", "T9"]
    assert con.execute("select 满意度 from raw.tickets where ticket_id = 'T9'").fetchone() == ("5",)

    extract(spec, con, full_refresh=True)
    assert _tickets(con) == rows


def test_primary_key_merges_updates_across_drops(tmp_path, con):
    (tmp_path / "a.csv").write_text(TICKETS_CSV, encoding="utf-8")
    (tmp_path / "b.csv").write_text("工单号,客户,渠道,created_at\nT2,C2,电话,2024-05-09\n")
    extract(_files(tmp_path, "*.csv", primary_key="ticket_id"), con)
    assert _tickets(con) == [
        ("T1", "C1", "电话", "2024-05-01 10:00", "a.csv", "T1"),
        ("T2", "C2", "电话", "2024-05-09", "b.csv", "T2"),  # the later drop wins
    ]


def test_xlsx_jsonl_parquet(tmp_path, con):
    with xlsxwriter.Workbook(tmp_path / "t.xlsx") as book:
        sheet = book.add_worksheet("工单")
        for r, row in enumerate(
            [
                ["工单号", "客户", "渠道", "created_at"],
                ["T1", 13812345678, "电话", 45413],
                [],
                ["T2", "C2", None, 1.5],
            ]
        ):
            sheet.write_row(r, 0, row)
    extract(_files(tmp_path, "t.xlsx"), con)
    rows = [r for r in _tickets(con) if r[4] == "t.xlsx"]
    # Cells as Excel shows them; blank row 3 skipped but row numbers stay the sheet's.
    assert rows == [
        ("T1", "13812345678", "电话", "45413", "t.xlsx", "2"),
        ("T2", "C2", None, "1.5", "t.xlsx", "4"),
    ]

    lines = [{"工单号": "J1", "客户": "C1", "渠道": "email", "created_at": "2024-05-01"}]
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    pq.write_table(
        pa.table({"工单号": ["P1"], "客户": ["C1"], "渠道": [None], "created_at": ["2024-05-01"]}),
        tmp_path / "t.parquet",
    )
    extract(_files(tmp_path, "t.jsonl"), con)
    extract(_files(tmp_path, "t.parquet"), con)
    keys = con.execute(
        "select ticket_id, _source_object, _source_key from raw.tickets "
        "where ticket_id in ('J1', 'P1') order by 1"
    ).fetchall()
    assert keys == [("J1", "t.jsonl", "1"), ("P1", "t.parquet", "1")]


def test_no_matching_file_is_absent_not_an_error(tmp_path, con):
    result = extract(_files(tmp_path, "nothing_*.csv"), con)[0]
    assert (result.absent, result.rows_read) == (True, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file or no header row"),
        ("工单号,客户,客户\nT1,C1,C2\n".encode(), "appear more than once: ['客户']"),
        ("Zoë,Müller\n".encode("latin-1"), "not valid UTF-8 or GBK/GB18030 text (byte 2, line 1)"),
        (b"PK\x03\x04\x00\x00binary", "a binary file"),
        (
            "工单号,客户,渠道,created_at\nT1,C1,电话,2024".encode()[:-1] + "中".encode()[:2],
            "looks truncated",
        ),
    ],
)
def test_unreadable_file_names_file_and_changes_nothing(tmp_path, con, content, message):
    (tmp_path / "good.csv").write_text(TICKETS_CSV)
    (tmp_path / "zbad.csv").write_bytes(content)
    with pytest.raises(ExtractError) as error:
        extract(_files(tmp_path, "*.csv"), con)
    assert "zbad.csv" in str(error.value) and message in str(error.value)
    assert con.execute("select count(*) from raw.tickets").fetchone()[0] == 0


def test_header_only_file_loads_nothing(tmp_path, con):
    (tmp_path / "t.csv").write_text("工单号,客户,渠道,created_at")
    assert extract(_files(tmp_path, "t.csv"), con)[0].rows_loaded == 0


def test_missing_mapped_column_in_file(tmp_path, con):
    (tmp_path / "t.csv").write_text("id,客户,渠道\nT1,C1,x\n")
    with pytest.raises(ExtractError) as error:
        extract(_files(tmp_path, "t.csv"), con)
    assert str(error.value) == (
        "source svc, t.csv: mapped columns not found: ticket_id -> 工单号; "
        "the source has: id, 客户, 渠道"
    )


def test_sqlite_with_mixed_types_incremental(tmp_path, con):
    db = sqlite3.connect(tmp_path / "crm.sqlite")
    db.execute(
        "create table c (customer_id integer primary key, phone integer, age integer, "
        "updated_at text)"
    )
    db.executemany(
        "insert into c values (?, ?, ?, ?)",
        [
            (1, 13812345678, 30, "2024-05-01 00:00:00"),
            (2, "138 1234 5678", "abc", "2024-05-02 00:00:00"),  # SQLite stores whatever it gets
        ],
    )
    db.commit()
    spec = parse_sources(
        {
            "crm": {
                "kind": "sql",
                "url": "sqlite:///crm.sqlite",
                "tables": [
                    {
                        "entity": "customers",
                        "table": "c",
                        "primary_key": "customer_id",
                        "cursor": "updated_at",
                    }
                ],
            }
        },
        tmp_path,
    )["crm"]
    assert extract(spec, con)[0].rows_loaded == 2
    db.execute("insert into c values (3, NULL, 200, '2024-05-03 00:00:00')")
    db.execute("update c set age = 31, updated_at = '2024-05-04 00:00:00' where customer_id = 1")
    db.commit()
    second = extract(spec, con)[0]
    assert (second.cursor_from, second.cursor_to) == ("2024-05-02 00:00:00", "2024-05-04 00:00:00")
    rows = con.execute("select customer_id, phone, age from raw.customers order by 1").fetchall()
    assert rows == [("1", "13812345678", "31"), ("2", "138 1234 5678", "abc"), ("3", None, "200")]
    db.close()


def test_merge_beyond_one_duckdb_row_group(tmp_path, con):
    # DuckDB 2.0.0 loses rowids of >122,880 transaction-local temp rows; the merge must not care.
    n = 130_000
    lines = "\n".join(f"S{i},C{i % 97},2024-05-01" for i in range(n))
    (tmp_path / "s1.csv").write_text(f"session_id,customer_id,started_at\n{lines}\n")
    (tmp_path / "s2.csv").write_text("session_id,customer_id,started_at\nS5,C1,2024-06-01\n"
                                     "S5,C2,2024-06-02\n")  # fmt: skip
    spec = parse_sources({"web": {"kind": "files", "entity": "sessions", "glob": "s*.csv",
                                  "primary_key": "session_id"}}, tmp_path)["web"]  # fmt: skip
    result = extract(spec, con)[0]
    assert (result.rows_read, result.rows_loaded) == (n + 2, n + 1)
    assert con.execute("select count(*) from raw.sessions").fetchone()[0] == n
    # The later drop's last line wins for S5.
    assert con.execute(
        "select customer_id, _source_object from raw.sessions where session_id = 'S5'"
    ).fetchall() == [("C2", "s2.csv")]
