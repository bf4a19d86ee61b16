"""`portrait import FILE... [--template customers|purchases]`: import templates from a shell.

Exit status: 0 every row loaded (or the file was already imported), 1 some
rows rejected (the rest loaded; see the error report), 2 a file could not be
imported at all or the warehouse is busy.
"""

import argparse
import sys
from pathlib import Path

import duckdb

from portrait.imports.layout import choose_sheet
from portrait.imports.service import ImportFileError, ImportResult, import_file
from portrait.imports.templates import TEMPLATES

_SHOWN_PROBLEMS = 10


def cli_main(argv: list[str] | None = None) -> int:
    """Run the import command; prints a summary per file and where the error report is."""
    args = _parser().parse_args(argv)
    warehouse, reports_dir = _locations(args)
    try:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(warehouse))
    except (OSError, duckdb.Error) as exc:  # e.g. a running pipeline holds the write lock
        print(f"portrait import: cannot open the warehouse {warehouse}: {exc}", file=sys.stderr)
        return 2
    status = 0
    try:
        for path in customers_first([Path(f) for f in args.files], args.template):
            try:
                result = import_file(path, con, args.template, reports_dir)
            except ImportFileError as exc:
                print(f"not imported: {exc}", file=sys.stderr)
                status = 2
                continue
            print(summary(result))
            status = max(status, 1 if result.rows_rejected else 0)
    finally:
        con.close()
    return status


def customers_first(paths: list[Path], template: str | None) -> list[Path]:
    """Customer templates before purchase ones, so a purchase may refer to a customer
    imported in the same batch. Unreadable files go last (and fail there, with the reason)."""

    def rank(path: Path) -> int:
        try:
            _, chosen, _ = choose_sheet(path, path.read_bytes(), template)
        except Exception:
            return 2
        return 0 if chosen is TEMPLATES["customers"] else 1

    return sorted(paths, key=rank) if len(paths) > 1 else paths


def summary(result: ImportResult) -> str:
    """A few lines for a person: counts, the top problems, the report's path."""
    if result.duplicate_of is not None:
        name, when = result.duplicate_of
        return f"{result.file.name}: already imported (same content as {name}, {when} UTC); skipped"
    lines = [
        f"{result.file.name}: {result.template} template"
        + (f", sheet {result.sheet!r}" if result.sheet else "")
        + f": {result.rows_read} rows read, {result.rows_accepted} loaded, "
        f"{result.rows_rejected} rejected"
    ]
    lines += [f"  {problem}" for problem in result.problems[:_SHOWN_PROBLEMS]]
    if len(result.problems) > _SHOWN_PROBLEMS:
        lines.append(f"  ... and {len(result.problems) - _SHOWN_PROBLEMS} more problems")
    if result.report_path is not None:
        lines.append(f"  error report: {result.report_path}")
    return "\n".join(lines)


def _locations(args: argparse.Namespace) -> tuple[Path, Path]:
    if args.warehouse:
        warehouse = Path(args.warehouse)
        reports = Path(args.reports_dir) if args.reports_dir else warehouse.parent / "reports"
        return warehouse, reports / "imports" if not args.reports_dir else reports
    from portrait.config import load_project

    project = load_project(Path(args.config))
    reports = Path(args.reports_dir) if args.reports_dir else default_reports_dir(project)
    return project.warehouse, reports


def default_reports_dir(project) -> Path:
    """Error reports of imports live with the run artefacts, beside the warehouse."""
    return project.var_dir / "reports" / "imports"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portrait import", description=__doc__)
    parser.add_argument("files", nargs="+", metavar="FILE", help=".xlsx or .csv template")
    parser.add_argument("--template", choices=sorted(TEMPLATES))
    parser.add_argument("--config", default="portrait.yaml", help="project config file")
    parser.add_argument("--warehouse", help="DuckDB file; overrides the config's warehouse")
    parser.add_argument("--reports-dir", help="folder for error reports")
    return parser
