"""Suites: Great Expectations ExpectationSuite JSON files, one per asset, read without GE.

Each file is exactly what `gx.ExpectationSuite(**json.load(f))` accepts (the test
suite checks that). Our own keys live in the suite's `meta`:

- `asset_key`: the Dagster asset the checks attach to, e.g. `["marts", "customer_profiles"]`
- `table`: the DuckDB table validated, `schema.table`; `"*"` = every table of the database
- `database`: `warehouse` (default) or `serving` (the BI file)
- `blocking`: failing critical expectations stop downstream assets (publishing)
- `sample_columns`: columns shown beside the failing value in a sample (e.g. lineage keys)
- `batch`: `{"column": c, "value": v}` validates only the rows where c = v, as a GE batch
  of a partitioned asset (v is usually `{"$PARAMETER": "as_of_date"}`)

Each expectation's `severity` (critical / warning / info) says whether it can block.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from expectations.compiler import SUPPORTED_TYPES, required_kwargs

SUITES_DIR = Path(__file__).resolve().parent / "suites"
SEVERITIES = ("critical", "warning", "info")


class SuiteError(ValueError):
    """A suite file that cannot be used; the message names the file and the expectation."""


@dataclass(frozen=True)
class Expectation:
    """One expectation of a suite, as written in the file."""

    type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    severity: str = "critical"
    check_name: str = ""

    @property
    def column(self) -> str | None:
        """The column(s) it is about, for results and check names."""
        return column_of(self.kwargs)

    def to_json(self) -> dict[str, Any]:
        """The expectation as GE serializes it."""
        return {
            "type": self.type,
            "kwargs": self.kwargs,
            "meta": self.meta,
            "severity": self.severity,
        }


@dataclass(frozen=True)
class Suite:
    """A parsed suite file."""

    name: str
    path: Path
    asset_key: tuple[str, ...]
    table: str
    expectations: tuple[Expectation, ...]
    database: str = "warehouse"
    blocking: bool = False
    sample_columns: tuple[str, ...] = ()
    batch: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def column_of(kwargs: dict[str, Any]) -> str | None:
    """The column(s) an expectation is about, comma separated; None for table-level ones."""
    for key in ("column", "entity_column"):
        if key in kwargs:
            return kwargs[key]
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    if "column_list" in kwargs:
        return ",".join(kwargs["column_list"])
    return None


def load_suites(directory: Path = SUITES_DIR) -> list[Suite]:
    """Every `*.json` suite of a folder, sorted by file name."""
    return [load_suite(path) for path in sorted(Path(directory).glob("*.json"))]


def load_suite(path: Path) -> Suite:
    """Parse and check one suite file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read suite: {exc}") from exc
    return parse_suite(data, Path(path))


def parse_suite(data: dict[str, Any], path: Path) -> Suite:
    """Check a suite's JSON content; `path` only names it in errors."""
    meta = data.get("meta") or {}
    for key in ("asset_key", "table"):
        if key not in meta:
            raise SuiteError(f"{path}: meta.{key} is missing")
    expectations = []
    for index, item in enumerate(data.get("expectations") or []):
        where = f"{path}: expectations[{index}] ({item.get('type')})"
        if item.get("type") not in SUPPORTED_TYPES:
            raise SuiteError(f"{where}: type not supported by the SQL compiler")
        missing = [k for k in required_kwargs(item["type"]) if k not in item.get("kwargs", {})]
        if missing:
            raise SuiteError(f"{where}: kwargs missing {missing}")
        severity = item.get("severity", "critical")
        if severity not in SEVERITIES:
            raise SuiteError(f"{where}: severity {severity!r} not in {SEVERITIES}")
        expectations.append(
            Expectation(item["type"], dict(item["kwargs"]), item.get("meta") or {}, severity)
        )
    return Suite(
        name=data["name"],
        path=Path(path),
        asset_key=tuple(meta["asset_key"]),
        table=meta["table"],
        expectations=_with_check_names(expectations),
        database=meta.get("database", "warehouse"),
        blocking=bool(meta.get("blocking", False)),
        sample_columns=tuple(meta.get("sample_columns", ())),
        batch=meta.get("batch"),
        meta=meta,
    )


def _with_check_names(expectations: list[Expectation]) -> tuple[Expectation, ...]:
    """Stable, unique, identifier-safe check names: `<type without expect_>__<column>`."""
    seen: dict[str, int] = {}
    named = []
    for exp in expectations:
        base = exp.meta.get("check_name") or _slug(exp.type.removeprefix("expect_"), exp.column)
        seen[base] = seen.get(base, 0) + 1
        name = base if seen[base] == 1 else f"{base}_{seen[base]}"
        named.append(Expectation(exp.type, exp.kwargs, exp.meta, exp.severity, name))
    return tuple(named)


def _slug(kind: str, column: str | None) -> str:
    text = kind if column is None else f"{kind}__{column}"
    return re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")
