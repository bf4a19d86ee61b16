"""The two import templates of SPEC §1.1 and how a file's headers are matched to them.

Headers are matched after normalization (case, spaces, underscores, a trailing
`*`, a hint in brackets such as `（必填）`), so `客户编号*`, `Customer ID` and
`customer_id` all name the same field.
"""

import re
from dataclasses import dataclass

from portrait.extract.entities import IMPORT_COLUMNS


class TemplateError(ValueError):
    """Headers that do not fit a template; the message says which columns are wrong."""


@dataclass(frozen=True)
class Field:
    """One column of a template."""

    name: str  # logical column in raw.import_*
    label: str  # the template's Chinese header
    aliases: tuple[str, ...]  # other accepted headers (English first)
    kind: str  # which check applies, see portrait.imports.checks
    required: bool = False
    max_length: int = 100


@dataclass(frozen=True)
class Template:
    """A standard spreadsheet layout and the raw table it loads into."""

    name: str
    table: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


_CUSTOMER_ID = Field("customer_id", "客户编号", ("customer id", "customer no", "客户id", "客户号"),
                     "id", required=True, max_length=64)  # fmt: skip

CUSTOMERS = Template("customers", "import_customers", (
    _CUSTOMER_ID,
    Field("name", "姓名", ("name", "customer name", "客户姓名", "客户名称"), "text", True, 50),
    Field("gender", "性别", ("gender", "sex"), "gender"),
    Field("age", "年龄", ("age",), "age"),
    Field("phone", "联系方式", ("phone", "mobile", "phone number", "mobile phone", "联系电话",
                              "手机", "手机号", "手机号码", "电话"), "phone", True),
    Field("registered_at", "注册日期", ("registration date", "registered at", "register date",
                                    "注册时间"), "past_date"),
    Field("industry", "所属行业", ("industry", "行业"), "text", max_length=50),
    Field("customer_level", "客户等级", ("customer level", "level", "等级"), "level"),
    Field("manual_tags", "标签", ("tags", "manual tags", "标签列表"), "tags", max_length=500),
    Field("remark", "备注", ("remark", "remarks", "note", "notes", "comment"), "text",
          max_length=1000),
))  # fmt: skip

PURCHASES = Template("purchases", "import_purchases", (
    _CUSTOMER_ID,
    Field("purchased_at", "购买日期", ("purchase date", "purchased at", "purchase time",
                                   "order date", "购买时间"), "past_date", True),
    Field("category", "商品类别", ("category", "product category", "类别"), "text", True, 50),
    Field("product_name", "商品名称", ("product", "product name", "商品", "商品名"), "text", True),
    Field("quantity", "购买数量", ("quantity", "qty", "数量"), "quantity", True),
    Field("unit_price", "单价", ("unit price", "price"), "price", True),
    Field("total_amount", "总金额", ("total", "total amount", "amount", "金额"), "amount", True),
    Field("payment_method", "支付方式", ("payment method", "payment"), "text", max_length=50),
))  # fmt: skip

TEMPLATES = {t.name: t for t in (CUSTOMERS, PURCHASES)}
assert all(tuple(f.name for f in t.fields) == IMPORT_COLUMNS[t.table] for t in TEMPLATES.values())

_HINT = re.compile(r"[(（\[【].*?[)）\]】]")
_SPACES = re.compile(r"[\s_]+")


def normalize_header(text: str) -> str:
    """'客户编号*' -> '客户编号', 'Customer_ID ' -> 'customer id', '年龄（岁）' -> '年龄'."""
    text = _HINT.sub("", str(text)).strip().rstrip("*＊").strip()
    return _SPACES.sub(" ", text).lower()


def _lookup(template: Template) -> dict[str, Field]:
    names = {}
    for f in template.fields:
        for alias in (f.label, f.name, *f.aliases):
            names[normalize_header(alias)] = f
    return names


def match_headers(template: Template, headers: list[str]) -> dict[int, Field]:
    """Column index -> field; raises TemplateError for duplicated or missing required ones."""
    lookup = _lookup(template)
    matched: dict[int, Field] = {}
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if not key:
            continue
        field = lookup.get(key)
        owner = field.name if field else key
        if owner in seen:
            first = seen[owner]
            what = (
                f"the header {header!r}"
                if normalize_header(headers[first]) == key
                else (f"{field.label} ({headers[first]!r} and {header!r})")
            )
            raise TemplateError(
                f"columns {column_letter(first)} and {column_letter(index)} both have {what}; "
                "keep one"
            )
        seen[owner] = index
        if field:
            matched[index] = field
    missing = [f"{f.label} ({f.name})" for f in template.fields
               if f.required and f not in matched.values()]  # fmt: skip
    if missing:
        raise TemplateError(
            f"missing required columns for the {template.name} template: {', '.join(missing)}"
        )
    return matched


def detect_template(headers: list[str]) -> Template:
    """The template whose fields the headers name most; raises TemplateError when unclear."""
    keys = {normalize_header(h) for h in headers}
    scores = {t.name: len(keys & set(_lookup(t))) for t in TEMPLATES.values()}
    best = max(scores, key=scores.get)
    # 客户编号 alone is shared by both templates: it tells nothing.
    if scores[best] <= 1 or list(scores.values()).count(scores[best]) > 1:
        raise TemplateError(
            f"cannot tell the template from the headers {headers}; "
            "use the customer or purchase template headers, or pass --template"
        )
    return TEMPLATES[best]


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA': columns as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
