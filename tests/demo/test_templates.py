"""The two import templates: valid rows, documented dirt, duplicates of CRM persons."""

import datetime as dt
import re

import openpyxl
import pandas as pd
from demo_support import normal_date, normal_phone, read_table


def _customer_rows(root) -> pd.DataFrame:
    sheet = openpyxl.load_workbook(root / "imports/customers_template.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_customer_template_has_each_documented_dirt(demo):
    root, summary = demo
    rows = _customer_rows(root)
    assert rows["客户编号"].str.fullmatch(r"IMP\d{10}").all()
    assert (rows["年龄"] == 200).sum() == summary["dirt"]["import_age_200"] >= 1
    phones = rows["联系方式"].dropna()
    assert (phones.map(normal_phone).isna()).sum() == summary["dirt"]["import_bad_phone"] >= 1
    missing = rows["姓名"].isna() | rows["联系方式"].isna()
    assert missing.sum() == summary["dirt"]["import_missing_required"] >= 1
    dates = rows["注册日期"]
    assert dates.map(lambda v: isinstance(v, int)).sum() >= 1  # Excel serial number
    assert dates.map(lambda v: isinstance(v, dt.datetime)).sum() >= 1  # real date cell
    assert set(rows["性别"]) <= {"男", "女", "未知"}


def test_some_template_customers_are_crm_persons_again(demo):
    root, _ = demo
    rows = _customer_rows(root)
    ids = pd.read_csv(root / "ground_truth/identities.csv", dtype=str).set_index(
        "source_customer_id"
    )["person_id"]
    crm = read_table(root, "crm_customers")
    crm["person_id"] = crm["customer_id"].map(ids)
    rows["person_id"] = rows["客户编号"].map(ids)
    again = rows[rows["person_id"].isin(crm["person_id"])]
    assert len(again) >= 0.2 * len(rows)
    crm_phones = crm.assign(key=crm["phone"].map(normal_phone)).dropna(subset=["key"])
    matched = again.assign(key=again["联系方式"].map(normal_phone)).merge(
        crm_phones, on=["key", "person_id"]
    )
    assert len(matched) >= 0.5 * len(again)
    named = matched.dropna(subset=["姓名"])
    assert (named["姓名"] == named["name"]).all()


def test_purchase_template_has_each_documented_dirt(demo):
    root, summary = demo
    rows = pd.read_csv(root / "imports/purchases_template.csv", encoding="utf-8-sig", dtype=str)
    counts = summary["dirt"]
    quantity, price = rows["购买数量"].astype(int), rows["单价"].astype(float)
    off = (quantity * price - rows["总金额"].astype(float)).abs() > 0.01
    assert (quantity == 0).sum() == counts["purchase_zero_quantity"] >= 1
    assert off.sum() == counts["purchase_total_mismatch"] + counts["purchase_zero_quantity"]
    assert rows["单价"].str.fullmatch(r"\d+\.\d{2}").all()
    known = set(pd.read_csv(root / "ground_truth/identities.csv", dtype=str)["source_customer_id"])
    unknown = ~rows["客户编号"].isin(known)
    assert unknown.sum() == counts["purchase_unknown_customer"] >= 1
    assert rows.loc[~unknown, "客户编号"].str.startswith("IMP").any()
    serial = rows["购买日期"].str.fullmatch(r"\d{5}")
    parsed = rows["购买日期"].map(normal_date)
    valid = parsed.dropna().map(lambda d: _is_date(d))
    unparseable = parsed.isna().sum() + (~valid).sum() - serial.sum()
    assert unparseable == counts["purchase_bad_date"] >= 1


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))
