"""Spreadsheet imports (SPEC §1.3): customer and purchase templates, validated row by row.

result = import_file(Path("客户导入.xlsx"), con, reports_dir=Path("var/reports/imports"))
result.rows_read == result.rows_accepted + result.rows_rejected
"""

from portrait.imports.cli import cli_main, default_reports_dir
from portrait.imports.folder import import_folder, template_files
from portrait.imports.rows import Problem
from portrait.imports.rules import ImportRules
from portrait.imports.service import ImportFileError, ImportResult, import_file
from portrait.imports.templates import CUSTOMERS, PURCHASES, TEMPLATES

__all__ = [
    "CUSTOMERS",
    "PURCHASES",
    "TEMPLATES",
    "ImportFileError",
    "ImportResult",
    "ImportRules",
    "Problem",
    "cli_main",
    "default_reports_dir",
    "import_file",
    "import_folder",
    "template_files",
]
