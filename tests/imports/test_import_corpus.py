"""Every corpus case: the exact verdict, nothing lost (rows read = accepted + rejected)."""

import json

import pytest
from import_corpus import CASES, TODAY, Case

from portrait.imports import ImportFileError, import_file

FILE_ERRORS = [c for c in CASES if c.error]
ROW_CASES = [c for c in CASES if not c.error]


def test_corpus_is_big_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", FILE_ERRORS, ids=lambda c: c.id)
def test_unreadable_file_raises_one_error_and_changes_nothing(case: Case, tmp_path, con):
    path = tmp_path / case.file_name
    path.write_bytes(case.content)
    with pytest.raises(ImportFileError) as error:
        import_file(path, con, case.template, tmp_path / "reports", today=TODAY)
    assert str(error.value) == case.error
    for table in ("raw.import_customers", "raw.import_purchases", "quality.rejected_rows",
                  "quality.import_log"):  # fmt: skip
        assert con.execute(f"select count(*) from {table}").fetchone()[0] == 0
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize("case", ROW_CASES, ids=lambda c: c.id)
def test_rows_are_accepted_or_rejected_with_exact_reasons(case: Case, tmp_path, con):
    path = tmp_path / case.file_name
    path.write_bytes(case.content)
    result = import_file(path, con, case.template, tmp_path / "reports", today=TODAY)

    assert [str(p) for p in result.problems] == case.problems
    assert result.rows_accepted == case.accepted
    assert result.rows_rejected == len({p.row for p in result.problems})
    assert result.rows_read == result.rows_accepted + result.rows_rejected

    table = f"raw.import_{result.template}"
    rows = con.execute(f"select * from {table} order by cast(_source_key as int)").fetchdf()
    assert len(rows) == result.rows_accepted
    assert set(rows["_source_name"]) <= {"import"}
    assert set(rows["_source_object"]) <= {case.file_name}
    for column, value in case.loaded.items():
        assert rows[column].iloc[0] == value

    logged = con.execute(
        "select file_name, rows_read, rows_accepted, rows_rejected, reasons from quality.import_log"
    ).fetchall()
    assert [row[:4] for row in logged] == [
        (case.file_name, result.rows_read, result.rows_accepted, result.rows_rejected)
    ]
    assert sum(json.loads(logged[0][4]).values()) == len(case.problems)

    rejected = con.execute(
        "select row_number, problems, row_data from quality.rejected_rows order by row_number"
    ).fetchall()
    assert [r[0] for r in rejected] == sorted({p.row for p in result.problems})
    for _, problems, row_data in rejected:
        assert json.loads(problems)  # every rejected row carries its reasons ...
        assert "客户编号*" in json.loads(row_data)  # ... and all of its original cells
    assert (result.report_path is not None) == bool(case.problems)
