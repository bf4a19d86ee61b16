"""The imports folder: which files in it are templates to import, and importing them all."""

from pathlib import Path

import duckdb

from portrait.imports.cli import customers_first
from portrait.imports.service import ImportFileError, ImportResult, import_file

IMPORT_SUFFIXES = (".xlsx", ".csv")


def template_files(folder: Path) -> list[Path]:
    """Spreadsheets directly in `folder` (not its subfolders, where reports live), by name.

    Hidden files and Excel's `~$name.xlsx` lock files are not templates.
    """
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() in IMPORT_SUFFIXES
        and not path.name.startswith((".", "~$"))
    )


def import_folder(
    folder: Path, con: duckdb.DuckDBPyConnection, reports_dir: Path
) -> list[ImportResult | ImportFileError]:
    """Import every template in the folder, customers first; already imported ones are skipped.

    A file that cannot be imported does not stop the others: its ImportFileError
    is returned in its place.
    """
    outcomes: list[ImportResult | ImportFileError] = []
    for path in customers_first(template_files(folder), None):
        try:
            outcomes.append(import_file(path, con, reports_dir=reports_dir))
        except ImportFileError as exc:
            outcomes.append(exc)
    return outcomes
