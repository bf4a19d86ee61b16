"""Spreadsheet imports: a customer template (XLSX) and a purchase template (CSV)."""

import datetime as dt

import numpy as np
import pandas as pd

from portrait.demo import formats, population
from portrait.demo.dirt import DirtRates
from portrait.demo.params import Behaviour
from portrait.demo.timeline import Timeline

CUSTOMER_HEADERS = {
    "customer_id": "客户编号",
    "name": "姓名",
    "gender": "性别",
    "age": "年龄",
    "phone": "联系方式",
    "registered_at": "注册日期",
    "industry": "所属行业",
    "customer_level": "客户等级",
    "manual_tags": "标签",
    "remark": "备注",
}
PURCHASE_HEADERS = {
    "customer_id": "客户编号",
    "purchased_at": "购买日期",
    "category": "商品类别",
    "product_name": "商品名称",
    "quantity": "购买数量",
    "unit_price": "单价",
    "total_amount": "总金额",
    "payment_method": "支付方式",
}
_EXCEL_EPOCH = np.datetime64("1899-12-30")
_BAD_DATES = np.array(["{y}-13-45", "{y}/02/30", "下周一", "待确认", "{y}.99.01"])
_TAGS = np.array(["展会客户", "企业采购", "老客户转介绍", "线下门店", "高意向"])


def exact_rows(rng: np.random.Generator, n: int, rates: list[float]) -> list[np.ndarray]:
    """Disjoint row masks with max(1, round(rate * n)) rows each.

    Templates are small, so every documented kind of dirt is made to show up.
    """
    order, start, masks = rng.permutation(n), 0, []
    for rate in rates:
        k = min(max(1, round(rate * n)), n - start)
        mask = np.zeros(n, bool)
        mask[order[start : start + k]] = True
        masks.append(mask)
        start += k
    return masks


def _registration_cells(rng, when: np.ndarray, dirt: DirtRates, counts) -> list:
    """注册日期 as text, Excel serial numbers or real date cells."""
    day = when.astype("datetime64[D]")
    text = formats.format_datetimes(day, formats.date_styles(rng, len(day), 0.4), date_only=True)
    serial, cell = exact_rows(rng, len(day), [dirt.import_excel_serial_date, dirt.import_date_cell])
    out = list(text)
    for i in np.flatnonzero(serial):
        out[i] = int((day[i] - _EXCEL_EPOCH).astype(int))
    for i in np.flatnonzero(cell):
        out[i] = day[i].astype(dt.date)
    counts.update(import_excel_serial_date=int(serial.sum()), import_date_cell=int(cell.sum()))
    return out


def _template_people(rng, people: pd.DataFrame, timeline: Timeline, p: Behaviour, dirt, counts):
    """Rows of the customer template: some CRM persons again, mostly new persons."""
    n = max(20, round(p.import_customers_per_person * (~people["is_test"]).sum()))
    known = people[~people["is_test"] & ~people["placeholder_phone"]]
    n_dup = int(round(n * dirt.import_duplicate_of_crm))
    fresh = population.make_people(rng, n - n_dup, timeline, p, known=people)
    rows = pd.concat([known.sample(n=n_dup, random_state=rng), fresh], ignore_index=True)
    counts.update(import_rows=n, import_duplicate_of_crm=n_dup)
    return rows.sample(frac=1, random_state=rng, ignore_index=True), fresh


def _dirty_template_fields(rng, rows: pd.DataFrame, end: np.datetime64, dirt: DirtRates, counts):
    """(name, phone, age): bad phones, age 200 and missing required values."""
    n = len(rows)
    birth = rows["birth_date"].to_numpy().astype("datetime64[D]")
    days = (end.astype("datetime64[D]") - birth).astype(int)
    age = (days // 365).astype(object)
    phone = rows["phone"].to_numpy().astype(object)
    name = rows["name"].to_numpy().astype(object)
    rates = [dirt.import_bad_phone, dirt.import_age_200, dirt.import_missing_required]
    bad_phone, too_old, missing = exact_rows(rng, n, rates)
    phone[bad_phone] = formats.malform_phones(rng, phone[bad_phone])
    age[too_old] = 200
    blank_name = missing & (rng.random(n) < 0.5)
    name[blank_name], phone[missing & ~blank_name] = None, None
    counts.update(
        import_bad_phone=int(bad_phone.sum()),
        import_age_200=int(too_old.sum()),
        import_missing_required=int(missing.sum()),
    )
    return name, phone, age


def customer_template(rng, people: pd.DataFrame, timeline: Timeline, p: Behaviour, dirt, counts):
    """(template rows with hidden person_id, new persons met only in the template)."""
    rows, fresh = _template_people(rng, people, timeline, p, dirt, counts)
    n = len(rows)
    ym = str(timeline.month_starts[-1].astype("datetime64[M]")).replace("-", "")
    end = timeline.end_second
    when = np.minimum(rows["registered_at"].to_numpy(), end - np.timedelta64(86400, "s"))
    name, phone, age = _dirty_template_fields(rng, rows, end, dirt, counts)
    table = pd.DataFrame(
        {
            "customer_id": [f"IMP{ym}{k:04d}" for k in range(1, n + 1)],
            "name": name,
            "gender": np.where(
                rng.random(n) < 0.05, "未知", np.where(rows["gender"] == "F", "女", "男")
            ),
            "age": age,
            "phone": phone,
            "registered_at": _registration_cells(rng, when, dirt, counts),
            "industry": rows["industry"],
            "customer_level": rng.choice(["VIP", "潜力", "普通"], n, p=[0.1, 0.3, 0.6]),
            "manual_tags": np.where(rng.random(n) < 0.4, rng.choice(_TAGS, n), None),
            "remark": np.where(rng.random(n) < 0.1, "展会登记", None),
            "person_id": rows["person_id"],
        }
    )
    return table, fresh


def _purchase_dates(
    rng, day: np.ndarray, timeline: Timeline, dirt: DirtRates, counts
) -> np.ndarray:
    text = formats.format_datetimes(day, formats.date_styles(rng, len(day), 0.4), date_only=True)
    rates = [dirt.purchase_excel_serial_date, dirt.purchase_bad_date]
    serial, bad = exact_rows(rng, len(day), rates)
    text[serial] = (day[serial] - _EXCEL_EPOCH).astype(int).astype(str)
    year = str(timeline.month_starts[-1].astype("datetime64[Y]"))
    text[bad] = formats.replace(rng.choice(_BAD_DATES, bad.sum()), "{y}", year)
    counts.update(purchase_excel_serial_date=int(serial.sum()), purchase_bad_date=int(bad.sum()))
    return text


def _purchase_amounts(rng, price: np.ndarray, dirt: DirtRates, counts):
    """(quantity, total); a few totals do not add up and a few quantities are 0."""
    n = len(price)
    quantity = rng.integers(1, 4, n)
    total = np.round(quantity * price, 2)
    rates = [dirt.purchase_total_mismatch, dirt.purchase_zero_quantity]
    off, zero = exact_rows(rng, n, rates)
    total[off] = np.round(total[off] + rng.integers(1, 50, off.sum()), 2)
    quantity[zero] = 0
    counts.update(purchase_total_mismatch=int(off.sum()), purchase_zero_quantity=int(zero.sum()))
    return quantity, total


def _purchase_customers(rng, crm_ids, imported_ids, n: int, dirt: DirtRates, counts):
    """Mostly CRM customers, some known only from the customer template, a few mistyped."""
    from_import = rng.random(n) < 0.3
    customer = np.where(from_import, rng.choice(imported_ids, n), rng.choice(crm_ids, n))
    customer = customer.astype(object)
    (unknown,) = exact_rows(rng, n, [dirt.purchase_unknown_customer])
    typo = np.strings.add(np.strings.slice(customer[unknown].astype(str), 0, 9), "99999")
    customer[unknown] = typo
    known = np.concatenate([crm_ids, imported_ids])
    customer[unknown & np.isin(customer, known)] = "CUS00000000000"
    counts["purchase_unknown_customer"] = int(unknown.sum())
    return customer


def purchase_template(
    rng, crm_ids, imported_ids, products, timeline: Timeline, n: int, dirt, counts
):
    """Offline purchases typed into the purchase template, for known customer ids."""
    product = products.iloc[rng.integers(0, len(products), n)]
    price = product["unit_price"].to_numpy()
    quantity, total = _purchase_amounts(rng, price, dirt, counts)
    day = timeline.start + rng.integers(max(timeline.n_days - 182, 0), timeline.n_days, n)
    counts["purchase_rows"] = n
    return pd.DataFrame(
        {
            "customer_id": _purchase_customers(rng, crm_ids, imported_ids, n, dirt, counts),
            "purchased_at": _purchase_dates(rng, day, timeline, dirt, counts),
            "category": product["category"].to_numpy(),
            "product_name": product["product_name"].to_numpy(),
            "quantity": quantity,
            "unit_price": np.char.mod("%.2f", price),
            "total_amount": np.char.mod("%.2f", total),
            "payment_method": rng.choice(["支付宝", "微信支付", "现金", "银行卡"], n),
        }
    )
