"""`python -m portrait.demo` and the argument checks of generate()."""

from datetime import datetime

import pytest

from portrait.demo import last_complete_month, main
from portrait.demo.generator import TIMEZONE, DemoArgumentError, generate


def test_main_writes_a_small_demo_and_prints_row_counts(tmp_path, capsys):
    argv = ["--out", str(tmp_path), "--customers", "60", "--months", "4", "--end-month", "2025-06"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "2025-03..2025-06" in printed and "crm_customers" in printed
    assert (tmp_path / "portrait.yaml").is_file()
    assert not list(tmp_path.glob(".demo-*"))  # the staging folder is gone


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--end-month", "2024-13"], "end_month: expected YYYY-MM"),
        (["--end-month", "2999-01"], "has not ended yet"),
        (["--months", "2"], "months: expected 4..120"),
        (["--customers", "3"], "customers: expected at least 50"),
    ],
)
def test_bad_arguments_give_one_line_and_write_nothing(tmp_path, capsys, argv, message):
    out = tmp_path / "demo"
    assert main(["--out", str(out), *argv]) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and "\n" not in error
    assert not out.exists()


def test_regenerating_keeps_other_files_in_the_folder(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "warehouse.duckdb").write_bytes(b"keep me")
    generate(tmp_path, customers=60, months=4, end_month="2025-06")
    assert (tmp_path / "var" / "warehouse.duckdb").read_bytes() == b"keep me"


def test_last_complete_month_is_in_shanghai_time():
    assert last_complete_month(datetime(2025, 3, 1, 0, 30, tzinfo=TIMEZONE)) == "2025-02"
    assert last_complete_month(datetime(2025, 2, 28, 23, 59, tzinfo=TIMEZONE)) == "2025-01"
    assert last_complete_month(datetime(2025, 1, 15, tzinfo=TIMEZONE)) == "2024-12"


def test_generate_rejects_a_malformed_month_before_writing(tmp_path):
    with pytest.raises(DemoArgumentError, match="2024-13"):
        generate(tmp_path / "x", customers=60, months=4, end_month="2024-13")
    assert not (tmp_path / "x").exists()
