"""Ground-truth identities and the duplicate registrations they explain."""

import json

import openpyxl
import pandas as pd
from demo_support import PLACEHOLDERS, normal_date, normal_phone, read_table


def _records_with_persons(root) -> pd.DataFrame:
    customers = read_table(root, "crm_customers")
    ids = pd.read_csv(root / "ground_truth/identities.csv", dtype=str)
    return customers.merge(ids, left_on="customer_id", right_on="source_customer_id")


def test_every_source_customer_id_has_exactly_one_person(demo):
    root, _ = demo
    ids = pd.read_csv(root / "ground_truth/identities.csv", dtype=str)
    assert ids["source_customer_id"].is_unique
    assert ids["person_id"].notna().all()
    crm = set(read_table(root, "crm_customers")["customer_id"])
    sheet = openpyxl.load_workbook(root / "imports/customers_template.xlsx").active
    imported = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(ids["source_customer_id"]) == crm | imported
    assert all(i.startswith("IMP") for i in imported)


def _components(group: pd.DataFrame) -> int:
    """How many clusters a person's records form when linked by phone, e-mail, name+birth."""
    keys = [
        {("phone", p) for p in [row.phone_key] if p}
        | {("email", e) for e in [row.email_key] if e}
        | {("name_birth", row.name, b) for b in [row.birth_key] if b}
        for row in group.itertuples()
    ]
    parent = list(range(len(keys)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(keys)):
        for j in range(i):
            if keys[i] & keys[j]:
                parent[find(i)] = find(j)
    return len({find(i) for i in range(len(keys))})


def test_duplicates_share_a_key_except_the_documented_unmatchable(demo):
    root, _ = demo
    records = _records_with_persons(root)
    records["phone_key"] = records["phone"].map(normal_phone)
    records.loc[records["phone_key"].isin(PLACEHOLDERS), "phone_key"] = None
    records["email_key"] = records["email"].str.lower()
    records["birth_key"] = records["birth_date"].map(normal_date)
    records = records.astype(object).where(records.notna(), None)
    multi = records[records.groupby("person_id")["customer_id"].transform("size") > 1]
    extra = multi.groupby("person_id").apply(_components, include_groups=False) - 1
    counts = json.loads((root / "ground_truth/dirt.json").read_text("utf-8"))["counts"]
    assert multi["person_id"].nunique() == counts["duplicated_persons"] > 10
    assert extra.sum() == counts["duplicate_records_by_unmatchable"]
    assert counts["duplicate_records_by_phone"] > counts["duplicate_records_by_email"] > 0


def test_duplicates_come_through_other_channels_later(demo):
    root, _ = demo
    records = _records_with_persons(root)
    multi = records[records.groupby("person_id")["customer_id"].transform("size") > 1]
    channels = multi.groupby("person_id")["source_channel"].nunique()
    assert (channels > 1).mean() > 0.8
    assert multi.groupby("person_id")["updated_at"].nunique().min() > 1


def test_placeholder_phones_are_shared_by_different_persons(double_demo):
    root, _ = double_demo
    records = _records_with_persons(root)
    shared = records[records["phone"].isin(PLACEHOLDERS)]
    assert shared["person_id"].nunique() >= 3
    assert (shared["name"].str.contains("测试|test", case=False)).any()


def test_phones_are_written_in_many_ways(demo):
    root, _ = demo
    phones = read_table(root, "crm_customers")["phone"].dropna()
    valid = phones.map(normal_phone).notna()
    assert phones.str.startswith("+86").any() and phones.str.contains(" ").any()
    assert phones.str.contains("-").any()
    assert 0.005 < (~valid).mean() < 0.05  # malformed: 10 digits or letters
