"""The error report a person opens in Excel: what is wrong, where, and how to fix it.

Every cell is written as a string (xlsxwriter never turns text into a formula
or link with these options), so a value such as `=HYPERLINK(...)` from the
imported file shows as text and cannot run (formula injection).
"""

from pathlib import Path

import xlsxwriter

from portrait.extract.cells import cell_text
from portrait.imports.rows import Problem

_MAX_CELL = 32767  # characters an Excel cell holds
_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def write_report(
    path: Path,
    source_file: str,
    headers: list[str],
    rejected: list[tuple[int, list[object], list[Problem]]],
) -> Path:
    """Write the report (sheet 错误 Errors: one line per problem; sheet 被拒行 Rejected rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with xlsxwriter.Workbook(str(partial), _OPTIONS) as book:
        bold = book.add_format({"bold": True})
        errors = book.add_worksheet("错误 Errors")
        _row(errors, 0, [f"文件 file: {source_file}"], bold)
        _row(errors, 1, ["行号 row", "字段 field", "原因 reason", "修改建议 suggested fix"], bold)
        line = 2
        for _, _, problems in rejected:
            for p in problems:
                _row(errors, line, [str(p.row), p.field or "(整行 row)", p.message, p.fix])
                line += 1
        errors.set_column(0, 0, 10)
        errors.set_column(1, 1, 16)
        errors.set_column(2, 3, 60)
        rows = book.add_worksheet("被拒行 Rejected rows")
        width = max([len(headers)] + [len(cells) for _, cells, _ in rejected])
        extra = [f"(column {i + 1})" for i in range(len(headers), width)]
        _row(rows, 0, ["行号 row", *headers, *extra, "原因 reasons"], bold)
        for line, (number, cells, problems) in enumerate(rejected, start=1):
            texts = [cell_text(c) or "" for c in cells] + [""] * (width - len(cells))
            _row(rows, line, [str(number), *texts, "; ".join(str(p) for p in problems)])
        rows.freeze_panes(1, 1)
    partial.replace(path)
    return path


def _row(sheet, line: int, values: list[str], fmt=None) -> None:
    for column, value in enumerate(values):
        sheet.write_string(line, column, value[:_MAX_CELL], fmt)
