"""Read an import file into sheets of (row number, cells), or say why it cannot be read.

The file's content decides how it is read (an .xlsx renamed .csv still works);
anything that is not a readable spreadsheet raises FileProblem.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from portrait.extract.cells import cell_text
from portrait.extract.encoding import decode_text
from portrait.extract.errors import TextDecodingError
from portrait.imports.templates import column_letter

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # legacy .xls / .doc
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ""}


class FileProblem(ValueError):
    """The file cannot be read at all; str() says why, for the person who sent it."""


@dataclass
class Sheet:
    """The cells of one sheet (or CSV file); row numbers as a spreadsheet shows them."""

    name: str | None
    headers: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    encoding: str | None = None
    merged: list[str] = field(default_factory=list)  # merged ranges, A1 notation


def read_sheets(path: Path, data: bytes) -> list[Sheet]:
    """Non-empty sheets of an XLSX, or the one sheet of a CSV."""
    if not data.strip():
        raise FileProblem("the file is empty")
    if data.startswith(_ZIP):
        return _read_xlsx(data)
    if data.startswith(_OLE):
        raise FileProblem("legacy .xls (Excel 97-2003) files are not supported; save as .xlsx")
    if path.suffix.lower() == ".xlsx":
        raise FileProblem("not an .xlsx workbook (the content is not a zip package)")
    if path.suffix.lower() not in _TEXT_SUFFIXES:
        raise FileProblem(f"{path.suffix} files are not supported; use .xlsx or .csv")
    return [_read_csv(data)]


def _read_csv(data: bytes) -> Sheet:
    try:
        text, encoding = decode_text(data)
    except TextDecodingError as exc:
        raise FileProblem(str(exc)) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = [record for record in reader]
    except csv.Error as exc:
        raise FileProblem(
            f"broken CSV near line {reader.line_num}: {exc} "
            "(an unclosed quote, or a truncated file)"
        ) from None
    sheet = _sheet(None, records)
    sheet.encoding = encoding
    return sheet


def _read_xlsx(data: bytes) -> list[Sheet]:
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            sheets = []
            for name in book.sheet_names:
                ws = book.get_sheet_by_name(name)
                sheet = _sheet(name, ws.to_python(skip_empty_area=False))
                sheet.merged = [_a1(start, end) for start, end in ws.merged_cell_ranges or []]
                if sheet.headers or sheet.rows:
                    sheets.append(sheet)
    except FileProblem:
        raise
    except Exception as exc:  # calamine raises its own types for zip / XML damage
        raise FileProblem("damaged or truncated .xlsx; Excel cannot open it either") from exc
    if not sheets:
        raise FileProblem("the workbook has no data in any sheet")
    return sheets


def _sheet(name: str | None, records: list[list[object]]) -> Sheet:
    """Header = the first row; blank rows skipped; numbers kept as the sheet shows them."""
    numbered = [(i + 1, r) for i, r in enumerate(records) if any(cell_text(c) for c in r)]
    if not numbered:
        return Sheet(name, [])
    header_row, header = numbered[0]
    if header_row != 1:
        raise FileProblem(f"row 1 is empty; the header must be in row 1 (found in {header_row})")
    headers = [cell_text(c) or "" for c in header]
    while headers and not headers[-1]:
        headers.pop()
    blank = [
        column_letter(i)
        for i, h in enumerate(headers)
        if not h.strip()
        and any(i < len(r) and cell_text(r[i]) is not None for _, r in numbered[1:])
    ]
    if blank:
        raise FileProblem(f"columns {', '.join(blank)} have values but no header; name them")
    return Sheet(name, headers, numbered[1:])


def _a1(start: tuple[int, int], end: tuple[int, int]) -> str:
    return f"{column_letter(start[1])}{start[0] + 1}:{column_letter(end[1])}{end[0] + 1}"
