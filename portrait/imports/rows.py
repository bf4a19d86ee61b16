"""Row-level validation of a template sheet: pure, no I/O.

Every data row ends up either accepted (normalized values) or rejected with
all its problems, so rows read = accepted + rejected by construction.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from portrait.extract.cells import cell_text
from portrait.imports.checks import Invalid, check_cell, show
from portrait.imports.rules import ImportRules
from portrait.imports.templates import PURCHASES, Field, Template, column_letter


@dataclass(frozen=True)
class Problem:
    """One reason a row was rejected, located as a person finds it in the sheet."""

    row: int  # spreadsheet row number, header = 1
    field: str  # the column's header as written in the file; "" for the whole row
    kind: str  # a fixed category, for counting
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.field}" if self.field else f"row {self.row}"
        return f"{where}: {self.message}"

    @property
    def reason_key(self) -> str:
        return f"{self.field}: {self.kind}" if self.field else self.kind


@dataclass
class Validated:
    """Accepted rows (logical values plus extra columns) and rejected rows (original cells)."""

    accepted: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)
    rejected: list[tuple[int, list[object], list[Problem]]] = field(default_factory=list)


def validate_rows(
    template: Template,
    headers: list[str],
    columns: dict[int, Field],
    rows: Iterable[tuple[int, list[object]]],
    rules: ImportRules,
    today: dt.date,
    known_customers: set[str] | None = None,
) -> Validated:
    """Check every row; `known_customers` (purchases) are ids a purchase may refer to."""
    result = Validated()
    first_row_of: dict[str, int] = {}
    extras = {i: h.strip() for i, h in enumerate(headers) if i not in columns and h.strip()}
    labels = [h.strip().rstrip("*＊").strip() for h in headers]
    id_header = labels[next(i for i, f in columns.items() if f.name == "customer_id")]
    for number, cells in rows:
        values, problems = _check_row(number, cells, labels, columns, rules, today)
        if extras:
            values.update({name: cell_text(_at(cells, i)) for i, name in extras.items()})
        customer = values.get("customer_id")
        if template is PURCHASES:
            problems += _purchase_checks(number, values, labels, columns, rules, known_customers)
        elif not problems and customer in first_row_of:
            # Only a row that is otherwise fine counts as a duplicate: a corrected copy of a
            # rejected row is the one to keep.
            message = f"{show(customer)} already appears in row {first_row_of[customer]}"
            fix = "keep one row per customer"
            problems.append(Problem(number, id_header, "duplicate id", message, fix))
        if problems:
            result.rejected.append((number, cells, problems))
        else:
            first_row_of.setdefault(customer, number)
            result.accepted.append((number, values))
    return result


def _check_row(number, cells, labels, columns, rules, today):
    values: dict[str, str | None] = {}
    width = len(cells)
    problems = _shape(number, cells, len(labels)) if width != len(labels) else []
    for index, fld in columns.items():
        try:
            values[fld.name] = check_cell(
                cells[index] if index < width else None, fld, rules, today
            )
        except Invalid as bad:
            problems.append(Problem(number, labels[index], bad.kind, bad.message, bad.fix))
    return values, problems


def _shape(number: int, cells: list[object], width: int) -> list[Problem]:
    """A row with values past the header, or cut short (a CSV line that ends early)."""
    beyond = [i for i in range(width, len(cells)) if cell_text(cells[i]) is not None]
    if beyond:
        where = column_letter(beyond[0])
        message = f"has values beyond the last column, in {where}"
        return [Problem(number, "", "values without a header", message, "delete them")]
    if len(cells) < width:
        message = f"has {len(cells)} cells, the header has {width}"
        fix = "complete the row; a cut-off line means the file is truncated"
        return [Problem(number, "", "short row", message, fix)]
    return []


def _purchase_checks(number, values, labels, columns, rules, known) -> list[Problem]:
    """Checks across cells: the customer exists; total = quantity × unit price."""
    found = []
    customer = values.get("customer_id")
    if known is not None and customer is not None and customer not in known:
        header = labels[next(i for i, f in columns.items() if f.name == "customer_id")]
        message = f"{show(customer)} is not a known customer"
        fix = "import the customer first, or correct the id"
        found.append(Problem(number, header, "unknown customer", message, fix))
    if all(values.get(k) is not None for k in ("quantity", "unit_price", "total_amount")):
        found += _check_total(number, values, labels, columns, rules)
    return found


def _check_total(number, values, labels, columns, rules) -> list[Problem]:
    quantity, price = Decimal(values["quantity"]), Decimal(values["unit_price"])
    total, expected = Decimal(values["total_amount"]), quantity * Decimal(values["unit_price"])
    if abs(total - expected) <= rules.total_tolerance:
        return []
    header = labels[next(i for i, f in columns.items() if f.name == "total_amount")]
    return [
        Problem(
            number,
            header,
            "total mismatch",
            f'"{total}" is not {quantity} × {price} = {expected:.2f}',
            f"set it to {expected:.2f}, or correct the quantity or unit price",
        )
    ]


def _at(cells: list[object], index: int) -> object:
    return cells[index] if index < len(cells) else None
