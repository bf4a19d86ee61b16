"""Import one template file: read, validate, load accepted rows, keep rejected rows, log.

A file that cannot be read at all raises ImportFileError and changes nothing;
otherwise every data row is either accepted or rejected (rows read = accepted
+ rejected), and the same content imported twice is recognized by checksum.
"""

import datetime as dt
import hashlib
import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from portrait.extract.cells import cell_text
from portrait.imports import store
from portrait.imports.dates import today as local_today
from portrait.imports.layout import choose_sheet
from portrait.imports.reading import FileProblem, Sheet
from portrait.imports.report import write_report
from portrait.imports.rows import Problem, validate_rows
from portrait.imports.rules import ImportRules
from portrait.imports.templates import PURCHASES, Field, Template, TemplateError

log = logging.getLogger(__name__)


class ImportFileError(Exception):
    """A file that cannot be imported at all; the message names the file and the problem."""


@dataclass(frozen=True)
class ImportResult:
    """What importing one file did."""

    file: Path
    checksum: str
    template: str | None = None
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # "<header>: <kind>" -> problems
    problems: tuple[Problem, ...] = ()
    report_path: Path | None = None
    import_id: str | None = None
    sheet: str | None = None
    encoding: str | None = None
    new_columns: tuple[str, ...] = ()
    duplicate_of: tuple[str, str] | None = None  # (file name, time) of the earlier import
    seconds: float = 0.0


def import_file(
    path: Path,
    con: duckdb.DuckDBPyConnection,
    template: str | None = None,
    reports_dir: Path | None = None,
    *,
    rules: ImportRules | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Validate and load a customer or purchase template (detected from headers if not given).

    The error report goes to `reports_dir` (default: an `import_reports` folder
    beside the file).
    """
    started, path, rules = time.perf_counter(), Path(path), rules or ImportRules()
    data = _read(path)
    checksum = hashlib.sha256(data).hexdigest()
    store.ensure_tables(con)
    earlier = store.earlier_import(con, checksum)
    if earlier is not None:
        log.info("%s: same content as %s imported at %s; skipped", path.name, *earlier)
        return ImportResult(path, checksum, duplicate_of=earlier)
    try:
        sheet, chosen, columns = choose_sheet(path, data, template)
    except (FileProblem, TemplateError) as exc:
        raise ImportFileError(f"{path.name}: {exc}") from None
    known = _known_customers(con, sheet, columns) if chosen is PURCHASES else None
    today = today or local_today(rules)
    checked = validate_rows(chosen, sheet.headers, columns, sheet.rows, rules, today, known)
    entry = _log_entry(path, checksum, chosen, sheet, checked)
    folder = Path(reports_dir) if reports_dir else path.parent / "import_reports"
    report = folder / f"{path.stem}.{entry.import_id[:8]}.errors.xlsx" if checked.rejected else None
    added = _save(con, chosen, sheet, checked, entry, report, started)
    counts = (entry.rows_read, entry.rows_accepted, entry.rows_rejected)
    log.info("%s: %s rows read, %s accepted, %s rejected", path.name, *counts)
    problems = tuple(p for _, _, found in checked.rejected for p in found)
    return ImportResult(
        path, checksum, chosen.name, *counts, entry.reasons, problems, report, entry.import_id,
        sheet.name, sheet.encoding, tuple(added), seconds=time.perf_counter() - started,
    )  # fmt: skip


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path.name}: cannot open the file ({exc.strerror})") from None


def _save(con, chosen: Template, sheet: Sheet, checked, entry, report: Path | None, started):
    """Write the error report, then rows and log in one transaction; no report if that fails."""
    if report is not None:
        write_report(report, entry.file_name, sheet.headers, checked.rejected)
    seconds = round(time.perf_counter() - started, 3)
    entry = replace(entry, report_path=str(report) if report else None, seconds=seconds)
    try:
        return store.save_import(
            con, chosen.table, entry, checked.accepted, checked.rejected, sheet.headers
        )
    except BaseException:
        if report is not None:
            report.unlink(missing_ok=True)
        raise


def _known_customers(con, sheet: Sheet, columns: dict[int, Field]) -> set[str]:
    at = _index(columns, "customer_id")
    ids = [(cell_text(cells[at]) or "").strip() for _, cells in sheet.rows if len(cells) > at]
    return store.known_customers(con, ids)


def _log_entry(
    path: Path, checksum: str, chosen: Template, sheet: Sheet, checked
) -> store.LogEntry:
    problems = [p for _, _, found in checked.rejected for p in found]
    return store.LogEntry(
        import_id=uuid.uuid4().hex,
        file_name=path.name,
        file_path=str(path.resolve()),
        checksum=checksum,
        template=chosen.name,
        sheet=sheet.name,
        encoding=sheet.encoding,
        rows_read=len(sheet.rows),
        rows_accepted=len(checked.accepted),
        rows_rejected=len(checked.rejected),
        reasons=dict(Counter(p.reason_key for p in problems).most_common()),
        report_path=None,
        imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" "),
        seconds=0.0,
    )


def _index(columns: dict[int, Field], name: str) -> int:
    return next(i for i, f in columns.items() if f.name == name)
