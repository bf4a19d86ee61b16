"""Writing the simulated systems in their native formats."""

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

# A fixed document date keeps the XLSX bytes identical for the same seed.
_XLSX_CREATED = dt.datetime(2024, 1, 1)
_CHUNK_ROWS = 100_000


def _sql_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_integer_dtype(series):
        return "INTEGER"
    if pd.api.types.is_float_dtype(series):
        return "REAL"
    return "TEXT"


def _python_columns(frame: pd.DataFrame) -> list[list]:
    """Column values as Python objects with None for missing (what sqlite3 binds)."""
    columns = []
    for name in frame.columns:
        series = frame[name]
        values = series.astype(object).to_numpy().copy()
        values[pd.isna(series).to_numpy()] = None
        columns.append(values.tolist())
    return columns


def write_sqlite(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """One SQLite file; the first column of each table is its primary key."""
    connection = sqlite3.connect(path)
    try:
        for name, frame in tables.items():
            columns = ", ".join(
                f'"{c}" {_sql_type(frame[c])}' + (" PRIMARY KEY" if i == 0 else "")
                for i, c in enumerate(frame.columns)
            )
            connection.execute(f'CREATE TABLE "{name}" ({columns})')
            marks = ", ".join("?" * len(frame.columns))
            # In chunks: Python objects for a whole large table would need gigabytes.
            for start in range(0, len(frame), _CHUNK_ROWS):
                chunk = frame.iloc[start : start + _CHUNK_ROWS]
                rows = zip(*_python_columns(chunk), strict=True)
                connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            if "updated_at" in frame.columns:
                connection.execute(f'CREATE INDEX "{name}_updated_at" ON "{name}" (updated_at)')
        connection.commit()
    finally:
        connection.close()


def write_csv(path: Path, frame: pd.DataFrame, encoding: str) -> None:
    frame.to_csv(path, index=False, encoding=encoding, lineterminator="\n")


def write_jsonl(path: Path, frame: pd.DataFrame) -> None:
    frame.to_json(path, orient="records", lines=True, force_ascii=False)


def write_xlsx(path: Path, frame: pd.DataFrame, sheet: str) -> None:
    """Cells keep their Python type: text, numbers (Excel serials too) and real dates."""
    workbook = xlsxwriter.Workbook(str(path))
    try:
        workbook.set_properties({"created": _XLSX_CREATED})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        bold = workbook.add_format({"bold": True})
        worksheet = workbook.add_worksheet(sheet)
        worksheet.write_row(0, 0, list(frame.columns), bold)
        for r, row in enumerate(frame.itertuples(index=False, name=None), start=1):
            for c, value in enumerate(row):
                _write_cell(worksheet, r, c, value, date_format)
    finally:
        workbook.close()


def _write_cell(worksheet, row: int, column: int, value, date_format) -> None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return
    if isinstance(value, dt.date):
        worksheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date_format)
    elif isinstance(value, (int, float, np.integer, np.floating)):
        worksheet.write_number(row, column, value)
    else:
        worksheet.write_string(row, column, str(value))
