"""Import behaviour beyond single rows: re-imports, the error report, privacy, the CLI."""

import logging

import duckdb
import openpyxl
import pytest
from import_corpus import (
    CUSTOMER_HEADER,
    PURCHASE_HEADER,
    TODAY,
    csv_bytes,
    customer,
    purchase,
    xlsx_bytes,
)

from portrait.imports import ImportFileError, cli_main, import_file


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_same_file_twice_is_detected_and_not_duplicated(tmp_path, con):
    first_path = tmp_path / "客户.csv"
    first_path.write_bytes(csv_bytes([CUSTOMER_HEADER, customer(), customer("C002", age="200")]))
    first = import_file(first_path, con, reports_dir=tmp_path / "r", today=TODAY)
    copy = tmp_path / "客户 (1).csv"  # renamed copy: same content, same checksum
    copy.write_bytes(first_path.read_bytes())
    again = import_file(copy, con, reports_dir=tmp_path / "r", today=TODAY)

    assert first.duplicate_of is None and (first.rows_accepted, first.rows_rejected) == (1, 1)
    assert again.duplicate_of == ("客户.csv", again.duplicate_of[1])
    assert (again.rows_read, again.rows_accepted) == (0, 0)
    assert _count(con, "raw.import_customers") == 1
    assert _count(con, "quality.rejected_rows") == 1
    assert _count(con, "quality.import_log") == 1
    checksum = con.execute("select checksum from quality.import_log").fetchone()[0]
    assert checksum == first.checksum and len(checksum) == 64


def test_error_report_is_readable_and_safe_against_formula_injection(tmp_path, con):
    path = tmp_path / "inject.xlsx"
    path.write_bytes(xlsx_bytes({"客户": [
        CUSTOMER_HEADER,
        customer(remark="=HYPERLINK(\"http://evil\",\"click\")"),
        customer("C002", name="+1+1", phone="1381234567"),
        customer("C003", name="-2+3", industry="@SUM(A1:A2)"),
    ]}))  # fmt: skip
    result = import_file(path, con, reports_dir=tmp_path / "reports", today=TODAY)
    assert result.rows_rejected == 3
    assert result.report_path.parent == tmp_path / "reports"

    book = openpyxl.load_workbook(result.report_path)
    assert book.sheetnames == ["错误 Errors", "被拒行 Rejected rows"]
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                values.append(cell.value)
    # The dangerous values are still there for the person to fix, as plain text.
    assert '=HYPERLINK("http://evil","click")' in values
    assert "+1+1" in values and "@SUM(A1:A2)" in values
    errors = [[c.value for c in row] for row in book["错误 Errors"].iter_rows(min_row=3)]
    assert errors[0][:3] == ["2", "备注", '"=HYPERLINK("http://evil","clic…" starts with \'=\' and '
                             "would run as a formula"]  # fmt: skip
    assert ["3", "联系方式", '"138****4567" has 10 digits, expected 11'] in [e[:3] for e in errors]


def test_phones_never_appear_in_logs_messages_or_log_tables(tmp_path, con, caplog):
    caplog.set_level(logging.DEBUG)
    phones = ["13812345678", "1391234567", "+86 13712345678"]
    path = tmp_path / "phones.csv"
    path.write_bytes(csv_bytes([CUSTOMER_HEADER] + [
        customer(f"C{i}", phone=p, age="0") for i, p in enumerate(phones)]))  # fmt: skip
    result = import_file(path, con, reports_dir=tmp_path / "r", today=TODAY)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([["客户编号", "联系方式"], ["C1", "13812345678"]]))
    with pytest.raises(ImportFileError) as error:
        import_file(bad, con, reports_dir=tmp_path / "r", today=TODAY)

    shown = " ".join([caplog.text, str(error.value), *map(str, result.problems)])
    shown += str(con.execute("select * from quality.import_log").fetchall())
    shown += str(con.execute("select problems from quality.rejected_rows").fetchall())
    for digits in ("13812345678", "1391234567", "13712345678"):
        assert digits not in shown


def test_forced_template_that_does_not_fit(tmp_path, con):
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes([CUSTOMER_HEADER, customer()]))
    with pytest.raises(ImportFileError, match="missing required columns for the purchases"):
        import_file(path, con, "purchases", tmp_path / "r", today=TODAY)


def test_cli_imports_customers_before_purchases_and_reports(tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    purchases = tmp_path / "a_purchases.csv"
    purchases.write_bytes(csv_bytes([
        PURCHASE_HEADER, purchase(customer_id="C777"), purchase(customer_id="C404"),
    ]))  # fmt: skip
    customers = tmp_path / "b_customers.csv"
    customers.write_bytes(csv_bytes([CUSTOMER_HEADER, customer("C777")]))
    argv = [str(purchases), str(customers), "--warehouse", str(warehouse),
            "--reports-dir", str(tmp_path / "reports")]  # fmt: skip

    assert cli_main(argv) == 1  # one purchase refers to nobody
    out = capsys.readouterr().out
    assert out.index("b_customers.csv") < out.index("a_purchases.csv")
    assert 'row 3, 客户编号: "C404" is not a known customer' in out
    assert f"error report: {tmp_path / 'reports'}" in out

    assert cli_main(argv) == 0  # both already imported
    assert "already imported" in capsys.readouterr().out
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cli_main([str(empty), "--warehouse", str(warehouse)]) == 2
    assert "not imported: empty.csv: the file is empty" in capsys.readouterr().err

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select customer_id from raw.import_purchases").fetchall() == [("C777",)]
    finally:
        con.close()
