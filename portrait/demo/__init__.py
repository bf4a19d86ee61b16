"""Demo source systems: a seeded, realistic, dirty company to run Portrait on (SPEC §1.2)."""

from portrait.demo.cli import main
from portrait.demo.generator import generate, last_complete_month

__all__ = ["generate", "last_complete_month", "main"]
