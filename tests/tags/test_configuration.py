"""Analysts change tags through seeds only: thresholds, new tags, and as-of semantics."""

import csv
import re
from pathlib import Path

import pytest
from dbt_harness import REPO, DbtProject, query
from fixture_warehouse import AS_OF

WORKED_EXAMPLE = REPO / "docs" / "adding_a_tag.md"


def _profile(warehouse: Path, customer_id: str, *columns: str) -> tuple:
    return query(
        warehouse,
        f"select {', '.join(columns)} from marts.customer_profiles where customer_id = ?",
        [customer_id],
    )[0]


def _rewrite_band(seed: Path, tag_code: str, tag_value: str, **bounds: str) -> None:
    with seed.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["tag_code"] == tag_code and row["tag_value"] == tag_value:
            row.update(bounds)
    with seed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_threshold_change_in_a_seed_changes_the_result(warehouse_copy, tmp_path):
    assert _profile(warehouse_copy, "C_EXACT_10000", "customer_value") == ("high",)
    project = DbtProject.copy_of_repo_project(tmp_path)
    bands = project.project_dir / "seeds" / "tags" / "tag_bands.csv"
    _rewrite_band(bands, "customer_value", "potential", max_value="12000")
    _rewrite_band(bands, "customer_value", "high", min_value="12000")
    project.run_month(warehouse_copy, AS_OF)
    assert _profile(warehouse_copy, "C_EXACT_10000", "customer_value") == ("potential",)
    assert _profile(warehouse_copy, "C_BELOW_10000", "customer_value") == ("potential",)


def _worked_example_edits(document: Path) -> list[tuple[str, str]]:
    """(seed file, CSV rows) pairs: each ```csv block is appended to the seed its step names."""
    edits, prose_start = [], 0
    text = document.read_text(encoding="utf-8")
    for block in re.finditer(r"```csv\n(.*?)```", text, re.S):
        prose = text[prose_start : block.start()]
        seed = re.search(r"`(seeds/tags/[a-z_]+\.csv)`", prose)
        assert seed, f"{document.name}: no seed named before the block at {block.start()}"
        edits.append((seed.group(1), block.group(1)))
        prose_start = block.end()
    return edits


def test_adding_a_tag_worked_example(warehouse_copy, tmp_path):
    edits = _worked_example_edits(WORKED_EXAMPLE)
    assert [seed for seed, _ in edits] == [
        "seeds/tags/tag_catalog.csv",
        "seeds/tags/tag_bands.csv",
        "seeds/tags/tag_values.csv",
        "seeds/tags/next_best_action_rules.csv",
    ]
    project = DbtProject.copy_of_repo_project(tmp_path)
    for seed, rows in edits:
        with (project.project_dir / seed).open("a", encoding="utf-8") as handle:
            handle.write(rows)
    project.run_month(warehouse_copy, AS_OF)

    # C_COUPON's only recent order was returned; nobody else returned anything.
    assert _profile(warehouse_copy, "C_COUPON", "return_prone", "next_best_action_rule_id") == (
        "yes",
        "return_care",
    )
    assert _profile(warehouse_copy, "C_EXACT_10000", "return_prone") == ("no",)
    labels = query(
        warehouse_copy,
        "select value_label_zh from marts.tag_dictionary "
        "where tag_code = 'return_prone' and tag_value = 'yes'",
    )
    assert labels == [("退货偏多",)]
    coverage = query(
        warehouse_copy,
        "select covered_customers from marts.tag_coverage where tag_code = 'return_prone'",
    )
    assert coverage == [(1,)]


@pytest.mark.parametrize("seed", ["tag_catalog", "tag_bands", "tag_thresholds", "rfm_segments"])
def test_seeds_have_no_trailing_whitespace_rows(seed):
    # A stray blank line in a seed becomes a row of NULLs that fails the catalog tests late.
    text = (REPO / "dbt_project" / "seeds" / "tags" / f"{seed}.csv").read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
