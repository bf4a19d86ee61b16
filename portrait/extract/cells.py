"""Spreadsheet cell values as text, the way a person reads them in Excel."""

import datetime as dt


def cell_text(value: object) -> str | None:
    """Text of a cell read by calamine/openpyxl; None for an empty cell.

    Integral floats lose their '.0' (Excel stores 13812345678 and 45413 as
    doubles), other floats use the shortest exact repr, datetimes are ISO.
    """
    if value.__class__ is str:  # the common case (every CSV cell): keep it cheap
        return value or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
