"""Which same-person record pairs the source data makes knowable at all.

An independent re-implementation (plain Python, not the dbt SQL) of the deterministic
evidence: two records of one person are linkable when a chain of records connects them in
which neighbours share a valid phone (other than the demo's placeholders), an e-mail, name
+ birth date, or name + home (the shipping address with most of a record's orders).
Duplicates the generator gave none of these are not linkable, so recall over linkable pairs
isolates how well the pipeline uses the evidence there is.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from portrait.demo.geo import PLACEHOLDER_PHONES

HOME_MIN_SHARE = 0.6  # as var identity_home_address_min_share
_DATE = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})|(\d{4})(\d{2})(\d{2})$")


def phone_key(raw: str | None) -> str | None:
    if not raw:
        return None
    text = re.sub(r"\.0+$", "", str(raw).strip())
    digits = re.sub(r"[\s\-()]", "", text).removeprefix("+")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
    valid = re.fullmatch(r"1[3-9]\d{9}", digits) and digits not in PLACEHOLDER_PHONES
    return digits if valid else None


def birth_key(raw: str | None) -> str | None:
    match = _DATE.search(str(raw or ""))
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups() if part is not None)
    return f"{year:04d}-{month:02d}-{day:02d}"


def address_key(city: str | None, address: str | None) -> str | None:
    """City without its 市 suffix | street without spaces or punctuation, digits ASCII."""
    if not city or not address:
        return None
    street = unicodedata.normalize("NFKC", address).lower()
    street = "".join(ch for ch in street if unicodedata.category(ch)[0] not in "ZPS")
    return f"{city.strip().removesuffix('市')}|{street}" if street else None


def homes(orders: list[tuple]) -> dict[str, str]:
    """customer_id -> the address holding at least HOME_MIN_SHARE of its shipments."""
    shipped: dict[str, Counter] = defaultdict(Counter)
    for customer_id, city, address in orders:
        key = address_key(city, address)
        if customer_id and key:
            shipped[customer_id][key] += 1
    found = {}
    for customer_id, counts in shipped.items():
        key, n = counts.most_common(1)[0]
        if n >= HOME_MIN_SHARE * sum(counts.values()):
            found[customer_id] = key
    return found


def _find(parent: dict[str, str], node: str) -> str:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def linkable_components(warehouse: Path, truth: dict[str, str]) -> dict[str, str]:
    """source_customer_id -> a label shared by the records linkable within one person."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select customer_id, name, phone, email, birth_date from raw.customers "
            "union all select customer_id, name, phone, null, null from raw.import_customers"
        ).fetchall()
        orders = con.execute(
            "select customer_id, ship_city, ship_address from raw.orders"
        ).fetchall()
    finally:
        con.close()
    parent = {row[0]: row[0] for row in rows}
    home = homes(orders)
    owners: dict[tuple, str] = {}
    for customer_id, name, phone, email, birth in rows:
        person = truth.get(customer_id)
        name_key = re.sub(r"\s", "", name or "")
        keys = [("phone", phone_key(phone)), ("email", (email or "").strip().lower() or None)]
        birth_value, home_value = birth_key(birth), home.get(customer_id)
        keys.append(("name_birth", f"{name_key}|{birth_value}" if birth_value else None))
        keys.append(("name_home", f"{name_key}|{home_value}" if home_value else None))
        for kind, value in keys:
            if value is None:
                continue
            first = owners.setdefault((person, kind, value), customer_id)
            parent[_find(parent, customer_id)] = _find(parent, first)
    return {customer_id: _find(parent, customer_id) for customer_id in parent}


def linkable_recall(warehouse: Path, truth_csv: Path) -> tuple[int, int]:
    """(linkable same-person pairs, of which the crosswalk put under one golden id)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        truth = dict(con.execute("select * from read_csv(?, all_varchar = true)",
                                 [str(truth_csv)]).fetchall())  # fmt: skip
        golden = dict(
            con.execute(
                "select source_customer_id, customer_id from marts.customer_crosswalk"
            ).fetchall()
        )
    finally:
        con.close()
    component = linkable_components(warehouse, truth)
    linkable = Counter(component[record] for record in component)
    found = Counter((component[record], golden.get(record)) for record in component)
    merged_by_component: dict[str, int] = defaultdict(int)
    for (label, _), n in found.items():
        merged_by_component[label] += n * (n - 1) // 2
    total = sum(n * (n - 1) // 2 for n in linkable.values())
    return total, sum(merged_by_component.values())
