"""File drops as Arrow tables: CSV (any of our encodings), XLSX, JSON lines, Parquet.

Every table gets a `_row` column: the row as a person finds it in the file
(CSV/XLSX: header = row 1, first data row = 2; JSON lines and Parquet: 1-based).
CSV and XLSX cells stay text, exactly as written (staging casts).
"""

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq
from python_calamine import CalamineWorkbook

from portrait.extract.cells import cell_text
from portrait.extract.encoding import decode_text
from portrait.extract.errors import ExtractError, TextDecodingError
from portrait.extract.spec import FileSpec

ROW = "_row"


def read_file(path: Path, spec: FileSpec) -> pa.Table:
    """Read one dropped file; raises ExtractError naming the file and the problem."""
    readers = {"csv": _read_csv, "xlsx": _read_xlsx, "jsonl": _read_jsonl, "parquet": _read_parquet}
    try:
        table = readers[spec.format](path, spec)
    except ExtractError:
        raise
    except (OSError, ValueError, pa.ArrowException, TextDecodingError) as exc:
        raise ExtractError(f"{path}: cannot read as {spec.format}: {exc}") from exc
    if ROW in table.column_names[:-1]:
        raise ExtractError(f"{path}: has a column named {ROW}, which Portrait reserves")
    return table


def _read_csv(path: Path, spec: FileSpec) -> pa.Table:
    text, _ = decode_text(path.read_bytes(), spec.encoding)
    data = text.encode("utf-8") + (b"" if text.endswith("\n") else b"\n")
    first_line = text.split("\n", 1)[0].rstrip("\r")
    delimiter = max(",\t;", key=first_line.count)
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    names = [name.strip() for name in header]
    _check_header(path, names)
    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=True,
            null_values=[""],
        ),
    )
    return _with_rows(table, first=2)


def _read_xlsx(path: Path, spec: FileSpec) -> pa.Table:
    with CalamineWorkbook.from_path(str(path)) as book:
        sheet = book.get_sheet_by_name(spec.sheet) if spec.sheet else book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    if not rows:
        return pa.table({ROW: pa.array([], pa.int64())})
    names = [cell_text(v) or "" for v in rows[0]]
    while names and not names[-1]:
        names.pop()
    _check_header(path, names)
    numbers, columns = [], [[] for _ in names]
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell_text(v) for v in row[: len(names)]]
        if not any(cells):
            continue
        numbers.append(number)
        for column, value in zip(columns, cells + [None] * (len(names) - len(cells)), strict=True):
            column.append(value)
    table = pa.table({n: pa.array(c, pa.string()) for n, c in zip(names, columns, strict=True)})
    return table.append_column(ROW, pa.array(numbers, pa.int64()))


def _read_jsonl(path: Path, spec: FileSpec) -> pa.Table:
    return _with_rows(pajson.read_json(path), first=1)


def _read_parquet(path: Path, spec: FileSpec) -> pa.Table:
    return _with_rows(pq.read_table(path), first=1)


def _with_rows(table: pa.Table, first: int) -> pa.Table:
    rows = pa.array(range(first, first + table.num_rows), pa.int64())
    return table.append_column(ROW, rows)


def _check_header(path: Path, names: list[str]) -> None:
    if not names or not any(names):
        raise ExtractError(f"{path}: empty file or no header row")
    blank = [i + 1 for i, n in enumerate(names) if not n]
    if blank:
        raise ExtractError(f"{path}: header cells {blank} are blank; every column needs a name")
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ExtractError(f"{path}: header names appear more than once: {duplicated}")
