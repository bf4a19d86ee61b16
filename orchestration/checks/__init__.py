"""Great Expectations suites as Dagster asset checks: one multi-check per suite (per asset).

Each expectation of `expectations/suites/<suite>.json` is one check on the suite's
asset. A suite marked `blocking` makes its critical expectations blocking checks,
so a failure stops everything downstream - in particular the publish asset. The
check's metadata names the expectation, the unexpected row count and a masked
sample. Every result is appended to `quality.dq_results` and the suite's Data
Docs page is refreshed under `<var dir>/data_docs/`.
"""

import dagster as dg

from expectations.suite import Expectation, Suite, load_suites
from orchestration.checks.execute import run_suite
from orchestration.resources import ProjectConfig, Warehouse

GROUP_NOTE = "Great Expectations suite, evaluated as DuckDB SQL by expectations.validate"


def build_quality_checks(
    suites: list[Suite] | None = None, asset_keys: set[dg.AssetKey] | None = None
) -> list[dg.AssetChecksDefinition]:
    """One multi-asset check per suite; only suites whose asset is in `asset_keys`, if given."""
    suites = load_suites() if suites is None else suites
    return [
        suite_check(suite)
        for suite in suites
        if asset_keys is None or dg.AssetKey(list(suite.asset_key)) in asset_keys
    ]


def suite_check(suite: Suite) -> dg.AssetChecksDefinition:
    """The multi-asset check that runs one suite in one pass and reports each expectation."""
    asset = dg.AssetKey(list(suite.asset_key))
    specs = [_spec(suite, asset, exp) for exp in suite.expectations]

    @dg.multi_asset_check(
        specs=specs,
        name=f"gx_{asset.to_python_identifier()}",
        description=f"{GROUP_NOTE}: {suite.path.name}",
        can_subset=True,
    )
    def _check(
        context: dg.AssetCheckExecutionContext,
        warehouse: Warehouse,
        project_config: ProjectConfig,
    ):
        selected = {key.name for key in context.selected_asset_check_keys}
        for outcome in run_suite(context, suite, warehouse, project_config):
            if outcome.check_name in selected:
                yield dg.AssetCheckResult(
                    asset_key=asset,
                    check_name=outcome.check_name,
                    passed=outcome.passed,
                    severity=outcome.severity,
                    metadata=outcome.metadata,
                )

    return _check


def _spec(suite: Suite, asset: dg.AssetKey, exp: Expectation) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=exp.check_name,
        asset=asset,
        description=describe(exp),
        blocking=suite.blocking and exp.severity == "critical",
        metadata={"suite": suite.name, "expectation": exp.type, "severity": exp.severity},
    )


def describe(exp: Expectation) -> str:
    """The check's description in the UI: the expectation, its arguments and why."""
    args = ", ".join(f"{k}={v}" for k, v in exp.kwargs.items())
    notes = exp.meta.get("notes")
    if isinstance(notes, dict):
        notes = notes.get("content")
    if isinstance(notes, list):
        notes = " ".join(notes)
    return f"{exp.type}({args})" + (f" - {notes}" if notes else "")


quality_checks: list[dg.AssetChecksDefinition] = build_quality_checks()

__all__ = ["build_quality_checks", "quality_checks", "suite_check"]
