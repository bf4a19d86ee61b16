"""Which same-person record pairs the source data makes knowable at all.

An independent re-implementation (plain Python, not the dbt SQL) of the deterministic
evidence: two records of one person are linkable when a chain of records connects them in
which neighbours share a valid phone (other than the demo's placeholders), an e-mail, or name
+ birth date. Duplicates the generator made "genuinely unmatchable" are not linkable, so
recall over linkable pairs isolates how well the pipeline uses the evidence there is.
"""

import re
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from portrait.demo.geo import PLACEHOLDER_PHONES

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
    finally:
        con.close()
    parent = {row[0]: row[0] for row in rows}
    owners: dict[tuple, str] = {}
    for customer_id, name, phone, email, birth in rows:
        person = truth.get(customer_id)
        name_key = re.sub(r"\s", "", name or "")
        keys = [("phone", phone_key(phone)), ("email", (email or "").strip().lower() or None)]
        keys.append(("name_birth", f"{name_key}|{birth_key(birth)}" if birth_key(birth) else None))
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
