"""Shared test settings: where CI-only requirements are enforced."""

import os

import pytest


def in_ci() -> bool:
    """CI sets CI=true; there, tests that need local servers must run, never skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def ci() -> bool:
    return in_ci()
