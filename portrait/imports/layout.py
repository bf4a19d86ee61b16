"""Which sheet of a file holds template data, under which template, in which columns."""

from pathlib import Path

from portrait.imports.reading import FileProblem, Sheet, read_sheets
from portrait.imports.templates import (
    TEMPLATES,
    Field,
    Template,
    TemplateError,
    detect_template,
    match_headers,
)


def choose_sheet(
    path: Path, data: bytes, template: str | None
) -> tuple[Sheet, Template, dict[int, Field]]:
    """(sheet, template, column index -> field) of the one sheet holding template data."""
    if template is not None and template not in TEMPLATES:
        raise TemplateError(f"unknown template {template!r}; expected one of {list(TEMPLATES)}")
    sheets = read_sheets(path, data)
    fits = []
    for sheet in sheets:
        try:
            chosen = TEMPLATES[template] if template else detect_template(sheet.headers)
            fits.append((sheet, chosen, match_headers(chosen, sheet.headers)))
        except TemplateError:
            if len(sheets) == 1:
                raise
    if not fits:
        names = ", ".join(repr(s.name) for s in sheets)
        raise TemplateError(f"none of the sheets ({names}) has the template's headers in row 1")
    if len(fits) > 1:
        names = ", ".join(repr(s.name) for s, _, _ in fits)
        raise TemplateError(f"sheets {names} all hold template data; put one template per file")
    sheet, chosen, columns = fits[0]
    _check_layout(sheet)
    return sheet, chosen, columns


def _check_layout(sheet: Sheet) -> None:
    where = f"sheet {sheet.name!r} " if sheet.name else ""
    if sheet.merged:
        shown = ", ".join(sheet.merged[:3]) + (" ..." if len(sheet.merged) > 3 else "")
        raise FileProblem(f"{where}has merged cells ({shown}); unmerge them and fill every cell")
    if not sheet.rows:
        raise FileProblem(f"{where}has a header but no data rows")
