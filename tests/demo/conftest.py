"""Small generated demos shared by the demo tests (a second or two each)."""

from pathlib import Path

import pytest
from demo_support import SMALL

from portrait.demo import generate


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate(out, **SMALL)


@pytest.fixture(scope="session")
def double_demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo_double")
    return out, generate(out, **(SMALL | {"customers": 1000}))
