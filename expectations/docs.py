"""Data Docs: human-readable HTML of the latest validation of every suite.

Pages are rendered by Great Expectations' own renderer from the results stored in
`quality.dq_results` (so docs can be rebuilt at any time, from any process), plus
a small index page of ours. GE's page template loads Bootstrap from a CDN; without
internet the pages are plain but complete.
"""

import html
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from expectations.results import TABLE

_LATEST = f"""
select asset, suite, table_name, run_id, as_of_date, checked_at, result_json
from {TABLE}
qualify checked_at = max(checked_at) over (partition by suite, table_name)
order by suite, table_name
"""


def build_data_docs(
    con: duckdb.DuckDBPyConnection, out_dir: Path, suites: set[str] | None = None
) -> Path:
    """Render the latest results into `out_dir` and return index.html's path.

    `suites` limits the pages re-rendered (a check refreshes its own page and the
    index); by default every suite's page is rendered.
    """
    out_dir = Path(out_dir)
    (out_dir / "validations").mkdir(parents=True, exist_ok=True)
    pages: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in con.execute(_LATEST).fetchall():
        pages[(row[1], row[2])].append(row)
    entries = []
    for (suite, table), rows in pages.items():
        asset, _, _, run_id, as_of, checked_at, _ = rows[0]
        results = [json.loads(r[6]) for r in rows]
        page = out_dir / "validations" / f"{_file_name(suite, table)}.html"
        if suites is None or suite in suites or not page.exists():
            run = {"run_name": str(run_id), "run_time": checked_at.isoformat()}
            page.write_text(render_page(suite, table, run, results), encoding="utf-8")
        failed = [r for r in results if not r["success"]]
        entries.append((asset, suite, table, run_id, as_of, checked_at, results, failed, page))
    index = out_dir / "index.html"
    index.write_text(_index_html(entries, out_dir), encoding="utf-8")
    return index


def render_page(suite: str, table: str, run_id: dict, results: list[dict[str, Any]]) -> str:
    """One suite's validation page, rendered by GE's ValidationResultsPageRenderer."""
    from great_expectations.core import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    import expectations.gx_types  # noqa: F401  (our own types, so GE knows them)

    evrs = [
        ExpectationValidationResult(
            success=r["success"],
            expectation_config=ExpectationConfiguration(**r["expectation_config"]),
            result=r["result"],
            meta=r["meta"],
            exception_info=r["exception_info"],
        )
        for r in results
    ]
    passed = sum(r["success"] for r in results)
    statistics = {
        "evaluated_expectations": len(results),
        "successful_expectations": passed,
        "unsuccessful_expectations": len(results) - passed,
        "success_percent": passed / len(results) * 100 if results else None,
    }
    validation = ExpectationSuiteValidationResult(
        success=passed == len(results),
        results=evrs,
        suite_name=suite,
        statistics=statistics,
        meta={"run_id": run_id, "batch_spec": {"table": table, "engine": "duckdb (Portrait SQL)"}},
    )
    document = ValidationResultsPageRenderer().render(validation)
    return DefaultJinjaPageView().render(document)


def _file_name(suite: str, table: str) -> str:
    name = suite if table.lower() == suite.lower() else f"{suite}__{table}"
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)


def _index_html(entries: list[tuple], out_dir: Path) -> str:
    rows = []
    for asset, suite, table, run_id, as_of, checked_at, results, failed, page in entries:
        status = "passed" if not failed else f"{len(failed)} failed"
        names = ", ".join(r["expectation_config"]["meta"].get("check_name", "") for r in failed)
        link = page.relative_to(out_dir).as_posix()
        rows.append(
            f'<tr class="{"ok" if not failed else "bad"}"><td><a href="{html.escape(link)}">'
            f"{html.escape(suite)}</a></td><td>{html.escape(table)}</td>"
            f"<td>{html.escape(asset)}</td><td>{status}</td><td>{len(results)}</td>"
            f"<td>{html.escape(names)}</td><td>{as_of}</td><td>{checked_at:%Y-%m-%d %H:%M} UTC</td>"
            f"<td>{html.escape(str(run_id))}</td></tr>"
        )
    return _INDEX.format(rows="\n".join(rows))


_INDEX = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Portrait data quality</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; }}
tr.bad td {{ background: #fde2e2; }} tr.ok td {{ background: #e6f4ea; }}
</style></head><body>
<h1>Portrait data quality (数据质量)</h1>
<p>Latest validation of every Great Expectations suite. Failing values are masked.</p>
<table><tr><th>suite</th><th>table</th><th>asset</th><th>status</th><th>expectations</th>
<th>failed checks</th><th>as-of date</th><th>checked at</th><th>run</th></tr>
{rows}
</table></body></html>
"""


def main(argv: list[str] | None = None) -> None:
    """python -m expectations.docs WAREHOUSE OUT_DIR: rebuild every Data Docs page."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.exit("usage: python -m expectations.docs WAREHOUSE.duckdb OUT_DIR")
    con = duckdb.connect(args[0], read_only=True)
    try:
        print(build_data_docs(con, Path(args[1])))
    finally:
        con.close()


if __name__ == "__main__":
    main()
