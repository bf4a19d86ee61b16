"""Run the core dbt project on a throw-away warehouse and measure identity quality.

Shared by the tests in this folder and by bench/identity.py. The core selection leaves out
the tag, profile and analysis models (they need the ML outputs) so the cleaning and identity
layer is exercised on its own.
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

# The test demo ends in October 2025 whatever today is, so runs are reproducible; the as-of
# date is that month's end. Small on purpose: the folder should run in a couple of minutes.
DEMO_ARGS = ("--customers", "2000", "--months", "6", "--end-month", "2025-10", "--seed", "7")
AS_OF = "2025-10-31"

ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT = ROOT / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
CORE_SELECTION = (
    "path:seeds/reference",
    "path:models/staging",
    "path:models/intermediate",
    "path:models/marts/core",
    "path:tests/reconciliation",
    "path:tests/identity",
)


class DbtFailedError(RuntimeError):
    """dbt exited non-zero; the message carries the end of its output."""


def _dbt(command: str, warehouse: Path, work_dir: Path, as_of: str, args: list[str]) -> None:
    base = [
        str(DBT), command, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
        "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs"),
        "--vars", json.dumps({"as_of_date": as_of}),
    ]  # fmt: skip
    env = {**os.environ, "PORTRAIT_WAREHOUSE": str(warehouse)}
    done = subprocess.run([*base, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stdout.splitlines()[-40:])
        raise DbtFailedError(f"dbt {command} failed:\n{tail}")


def parse_dbt(warehouse: Path, work_dir: Path, as_of: str) -> None:
    """Parse the project into work_dir, so later runs there only re-parse what changed."""
    _dbt("parse", warehouse, work_dir, as_of, [])


def run_dbt(
    command: str,
    warehouse: Path,
    work_dir: Path,
    as_of: str,
    select: tuple[str, ...] = CORE_SELECTION,
    extra: tuple[str, ...] = (),
) -> list[dict]:
    """Run `dbt <command>` on `warehouse`; return run_results.json's results."""
    args = ["--indirect-selection", "cautious", "--select", *select, *extra]
    _dbt(command, warehouse, work_dir, as_of, args)
    return json.loads((work_dir / "target" / "run_results.json").read_text())["results"]


def load_demo(demo_dir: Path, warehouse: Path) -> None:
    """Extract a generated demo's sources into `warehouse` with the pipeline's own extract."""
    from portrait.config import load_project
    from portrait.extract import extract, parse_sources

    project = load_project(demo_dir / "portrait.yaml")
    con = duckdb.connect(str(warehouse))
    try:
        for spec in parse_sources(project.sources, project.dir).values():
            extract(spec, con, full_refresh=True)
    finally:
        con.close()


@dataclass(frozen=True)
class PairQuality:
    """Pairwise "same person" decisions against a ground truth."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    records: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


_PAIRS_SQL = """
with joined as (
    select crosswalk.customer_id, truth.person_id
    from marts.customer_crosswalk as crosswalk
    inner join truth using (source_customer_id)
),
pairs(grouping_key, n) as (
    select 'both', count(*) from joined group by customer_id, person_id
    union all select 'golden', count(*) from joined group by customer_id
    union all select 'truth', count(*) from joined group by person_id
)
select
    coalesce(sum(n * (n - 1) // 2) filter (where grouping_key = 'truth'), 0),
    coalesce(sum(n * (n - 1) // 2) filter (where grouping_key = 'golden'), 0),
    coalesce(sum(n * (n - 1) // 2) filter (where grouping_key = 'both'), 0),
    coalesce(sum(n) filter (where grouping_key = 'truth'), 0)
from pairs
"""


def pair_quality(warehouse: Path, truth_csv: Path) -> PairQuality:
    """Compare marts.customer_crosswalk with a source_customer_id,person_id CSV."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute(
            "create temp table truth as select * from read_csv(?, all_varchar = true)",
            [str(truth_csv)],
        )
        row = con.execute(_PAIRS_SQL).fetchone()
    finally:
        con.close()
    return PairQuality(*(int(value) for value in row))
