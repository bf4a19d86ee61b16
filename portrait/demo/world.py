"""Simulate every demo source system in memory, from one seed."""

from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from portrait.demo.baskets import build_shelf, draw_baskets, price_lines
from portrait.demo.campaigns import build_campaigns
from portrait.demo.catalog import product_table
from portrait.demo.crm import build_crm
from portrait.demo.dirt import DIRT
from portrait.demo.interactions import build_sessions, build_tickets
from portrait.demo.orders import assign_records, finish_orders, order_header, order_times
from portrait.demo.params import BEHAVIOUR
from portrait.demo.population import add_traps, make_people
from portrait.demo.refunds import build_returns
from portrait.demo.templates import customer_template, purchase_template
from portrait.demo.timeline import Timeline, build_timeline

# Independent random streams, so changing one system leaves the others as they were.
_STREAMS = (
    "people",
    "crm",
    "orders",
    "catalog",
    "baskets",
    "returns",
    "tickets",
    "sessions",
    "campaigns",
    "templates",
    "assign",
)


@dataclass
class World:
    """Everything simulated: hidden truth (people) and the systems' tables."""

    timeline: Timeline
    people: pd.DataFrame
    records: pd.DataFrame
    orders: pd.DataFrame = None
    lines: pd.DataFrame = None
    returns: pd.DataFrame = None
    tickets: pd.DataFrame = None
    sessions: pd.DataFrame = None
    campaigns: pd.DataFrame = None
    import_customers: pd.DataFrame = None
    import_purchases: pd.DataFrame = None
    counts: dict[str, int] = field(default_factory=dict)


def _streams(seed: int) -> dict[str, np.random.Generator]:
    seeds = np.random.SeedSequence(seed).spawn(len(_STREAMS))
    return {name: np.random.default_rng(s) for name, s in zip(_STREAMS, seeds, strict=True)}


def _order_center(world: World, rng: dict, assign) -> None:
    people, timeline, counts = world.people, world.timeline, world.counts
    person, when = order_times(rng["orders"], people, timeline, BEHAVIOUR)
    orders = order_header(rng["orders"], people, person, when, timeline, BEHAVIOUR, DIRT, counts)
    orders["customer_id"] = assign(person, when)
    shelf = build_shelf(product_table(rng["catalog"], BEHAVIOUR, timeline.n_days))
    pairs = draw_baskets(rng["baskets"], shelf, orders, people, BEHAVIOUR)
    world.lines, gross = price_lines(rng["baskets"], shelf, pairs, orders, BEHAVIOUR, DIRT, counts)
    world.orders = finish_orders(rng["orders"], orders, gross, timeline, DIRT, counts)
    world.returns = build_returns(rng["returns"], world.orders, timeline)
    world.products = shelf.products


def _templates(world: World, rng: dict) -> None:
    customers, _ = customer_template(
        rng["templates"], world.people, world.timeline, BEHAVIOUR, DIRT, world.counts
    )
    real = world.records[world.records["kind"] != "test"]
    crm_ids, imported_ids = real["customer_id"].to_numpy(), customers["customer_id"].to_numpy()
    n = max(20, round(BEHAVIOUR.import_purchases_per_person * world.counts["persons"]))
    world.import_customers = customers
    world.import_purchases = purchase_template(
        rng["templates"],
        crm_ids,
        imported_ids,
        world.products,
        world.timeline,
        n,
        DIRT,
        world.counts,
    )


def simulate(customers: int, months: int, seed: int, end_month: str) -> World:
    """The whole simulated company for `months` months ending with `end_month`."""
    rng = _streams(seed)
    timeline = build_timeline(end_month, months)
    people = make_people(rng["people"], customers, timeline, BEHAVIOUR)
    n_test = max(1, round(customers * DIRT.test_account))
    people = add_traps(rng["people"], people, n_test, DIRT.placeholder_phone_person)
    records, counts = build_crm(rng["crm"], people, timeline, DIRT)
    world = World(timeline, people, records, counts=counts | {"persons": customers})
    assign = partial(assign_records, rng["assign"], records)
    _order_center(world, rng, assign)
    world.tickets = build_tickets(
        rng["tickets"], people, world.orders, assign, timeline, BEHAVIOUR, DIRT, counts
    )
    world.sessions = build_sessions(
        rng["sessions"], people, world.orders, assign, timeline, BEHAVIOUR
    )
    world.campaigns = build_campaigns(rng["campaigns"], people, assign, timeline, BEHAVIOUR)
    _templates(world, rng)
    return world
