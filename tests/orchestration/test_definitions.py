"""The code location loads, and its graph is wired the way the UI should show it."""

import dagster as dg
import pytest


@pytest.fixture(scope="module")
def defs(dbt_manifest):
    from orchestration.definitions import defs

    return defs


@pytest.fixture(scope="module")
def graph(defs):
    return defs.resolve_asset_graph()


def test_definitions_validate(defs):
    dg.Definitions.validate_loadable(defs)


def test_every_dbt_source_is_produced_by_an_asset(graph):
    """Lineage is unbroken: no dbt source is a dangling external asset."""
    dangling = [
        key.to_user_string()
        for key in graph.get_all_asset_keys()
        if not graph.get(key).is_materializable and key.path[0] in ("raw", "ml")
    ]
    assert dangling == []


def test_groups_follow_the_layers(graph):
    groups = {graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert {"raw", "staging", "intermediate", "marts", "serving"} <= groups


def test_every_asset_has_a_description(graph):
    missing = [
        key.to_user_string()
        for key in graph.get_all_asset_keys()
        if graph.get(key).is_materializable and not graph.get(key).description
    ]
    assert missing == []


def test_publish_waits_for_the_profiles(graph):
    published = dg.AssetKey(["serving", "published"])
    assert dg.AssetKey(["marts", "customer_profiles"]) in graph.get(published).parent_keys


def test_every_asset_is_partitioned_by_month(graph):
    unpartitioned = [
        key.to_user_string()
        for key in graph.get_all_asset_keys()
        if graph.get(key).is_materializable and graph.get(key).partitions_def is None
    ]
    assert unpartitioned == []
