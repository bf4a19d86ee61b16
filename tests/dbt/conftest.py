"""Session fixtures: one generated demo, extracted and built once, shared by the tests here."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dbt_runner import AS_OF, DEMO_ARGS, load_demo, run_dbt  # noqa: E402


@dataclass(frozen=True)
class BuiltDemo:
    """A generated demo, its warehouse after the core dbt build, and dbt's results."""

    dir: Path
    warehouse: Path
    results: list[dict]

    @property
    def truth(self) -> Path:
        return self.dir / "ground_truth" / "identities.csv"


@pytest.fixture(scope="session")
def dbt_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One dbt target folder for the session, so later invocations reuse the parse."""
    return tmp_path_factory.mktemp("dbt-work")


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory, dbt_work: Path) -> BuiltDemo:
    root = tmp_path_factory.mktemp("demo")
    demo_dir, warehouse = root / "demo", root / "warehouse.duckdb"
    subprocess.run(
        [sys.executable, "-m", "portrait.demo", "--out", str(demo_dir), *DEMO_ARGS],
        check=True,
        capture_output=True,
    )
    load_demo(demo_dir, warehouse)
    results = run_dbt("build", warehouse, dbt_work, AS_OF)
    return BuiltDemo(demo_dir, warehouse, results)
