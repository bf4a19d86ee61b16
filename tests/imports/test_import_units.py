"""Pure pieces of the import path: header matching, dates, cell checks, masking."""

import datetime as dt

import pytest

from portrait.imports import CUSTOMERS, PURCHASES, ImportRules
from portrait.imports.checks import Invalid, check_cell
from portrait.imports.dates import DateProblem, date_text, parse_date
from portrait.imports.templates import (
    TemplateError,
    column_letter,
    detect_template,
    match_headers,
    normalize_header,
)

RULES = ImportRules()


@pytest.mark.parametrize(
    ("header", "normalized"),
    [("客户编号*", "客户编号"), (" Customer_ID ", "customer id"), ("年龄（岁）", "年龄"),
     ("联系方式(必填)＊", "联系方式"), ("Unit  Price", "unit price")],
)  # fmt: skip
def test_normalize_header(header, normalized):
    assert normalize_header(header) == normalized


def test_detect_and_match_english_purchase_headers():
    headers = ["Customer ID", "Purchase Date", "Category", "Product", "Qty", "Unit Price",
               "Total", "Payment"]  # fmt: skip
    assert detect_template(headers) is PURCHASES
    assert [f.name for f in match_headers(PURCHASES, headers).values()] == [
        f.name for f in PURCHASES.fields
    ]


def test_only_the_shared_id_column_is_not_enough():
    with pytest.raises(TemplateError, match="cannot tell the template"):
        detect_template(["客户编号", "备注2"])


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-01", "2024-05-01"), ("2024/5/1 13:22", "2024-05-01 13:22:00"),
     ("2024.5.1", "2024-05-01"), ("2024年5月1日", "2024-05-01"), ("20240501", "2024-05-01"),
     ("2024-05-01T05:22:05Z", "2024-05-01 13:22:05"), ("45413", "2024-05-01"),
     (45413.5, "2024-05-01 12:00:00"), (dt.datetime(2024, 5, 1, 8, 0), "2024-05-01 08:00:00"),
     (dt.date(2024, 5, 1), "2024-05-01")],
)  # fmt: skip
def test_dates_people_type(value, expected):
    assert date_text(parse_date(value, RULES)) == expected


@pytest.mark.parametrize("value", ["昨天", "2024-13-01", "12345", "2024/02/30", "99999"])
def test_not_dates(value):
    with pytest.raises(DateProblem):
        parse_date(value, RULES)


@pytest.mark.parametrize(
    ("field", "value", "normalized"),
    [("phone", 13812345678.0, "13812345678"), ("phone", "(+86) 138-1234-5678", "13812345678"),
     ("gender", "Female", "女"), ("gender", "M", "男"), ("age", "30岁", "30"), ("age", 30.0, "30"),
     ("customer_level", "vip", "VIP"),
     ("manual_tags", "老客户，高价值、 团购", "老客户,高价值,团购"),
     ("name", "  张三 ", "张三"), ("remark", None, None)],
)  # fmt: skip
def test_cells_are_normalized(field, value, normalized):
    assert check_cell(value, CUSTOMERS.field(field), RULES, dt.date(2025, 1, 31)) == normalized


def test_phone_messages_are_masked():
    with pytest.raises(Invalid) as bad:
        check_cell("139123456789", CUSTOMERS.field("phone"), RULES, dt.date(2025, 1, 31))
    # portrait.privacy.mask_phone keeps the last 11 digits of a longer number.
    assert bad.value.message == '"139****6789" has 12 digits, expected 11'
    assert "139123456789" not in bad.value.message
