"""The bad-input corpus for template imports: files built in code, each with its exact verdict.

A case is either a file that cannot be imported at all (`error`: the exact
ImportFileError message) or a file whose rows are judged one by one
(`problems`: the exact "row N, field: reason" lines, `accepted`: rows loaded).
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import xlsxwriter

CUSTOMER_HEADER = ["客户编号*", "姓名*", "性别", "年龄", "联系方式*", "注册日期", "所属行业",
                   "客户等级", "标签", "备注"]  # fmt: skip
CUSTOMER_FIELDS = ["customer_id", "name", "gender", "age", "phone", "registered_at", "industry",
                   "customer_level", "manual_tags", "remark"]  # fmt: skip
PURCHASE_HEADER = ["客户编号*", "购买日期*", "商品类别*", "商品名称*", "购买数量*", "单价*",
                   "总金额*", "支付方式"]  # fmt: skip
PURCHASE_FIELDS = ["customer_id", "purchased_at", "category", "product_name", "quantity",
                   "unit_price", "total_amount", "payment_method"]  # fmt: skip
KNOWN_CUSTOMERS = ["C001", "C002"]  # seeded into raw.customers by the tests
TODAY = dt.date(2025, 1, 31)


def customer(customer_id: str = "C001", **changes: object) -> list[object]:
    row = dict(zip(CUSTOMER_FIELDS, ["", "张三", "男", "30", "13812345678", "2024-05-01", "零售",
                                     "VIP", "老客户,高价值", ""], strict=True))  # fmt: skip
    row.update(customer_id=customer_id, **changes)
    return list(row.values())


def purchase(**changes: object) -> list[object]:
    row = dict(zip(PURCHASE_FIELDS, ["C001", "2024-06-01", "手机", "小米14", "2", "1999.00",
                                     "3998.00", "微信支付"], strict=True))  # fmt: skip
    row.update(changes)
    return list(row.values())


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]], merge: str | None = None) -> bytes:
    """A workbook; str cells are written as text (never formulas), numbers and dates typed."""
    out = io.BytesIO()
    with xlsxwriter.Workbook(out, {"in_memory": True}) as book:
        dates = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif isinstance(value, dt.datetime):
                        sheet.write_datetime(r, c, value, dates)
                    elif isinstance(value, tuple):  # ("formula", "=E2*F2", cached value)
                        sheet.write_formula(r, c, value[1], None, value[2])
                    elif value is not None:
                        sheet.write_number(r, c, value)
            if merge:
                sheet.merge_range(merge, rows[1][0])
    return out.getvalue()


@dataclass
class Case:
    id: str
    file_name: str
    content: bytes
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    accepted: int = 0
    template: str | None = None
    loaded: dict[str, str] = field(default_factory=dict)  # column -> value of the first row


C, P = CUSTOMER_HEADER, PURCHASE_HEADER
EN = ["Customer ID", "Name", "Gender", "Age", "Phone", "Registration Date", "Industry",
      "Customer Level", "Tags", "Remark"]  # fmt: skip
LONG = "长" * 1001

CASES = [
    # --- files that cannot be read at all -----------------------------------------------------
    Case("wrong-encoding", "latin1.csv", csv_bytes([EN, ["C001", "Zoë", "F", "30", "13812345678",
                                                          "2024-05-01", "Café", "VIP"]], "latin-1"),
         error="latin1.csv: not valid UTF-8 or GBK/GB18030 text (byte 95, line 2); "
               "save it as UTF-8 or GBK"),
    Case("empty-file", "empty.csv", b"", error="empty.csv: the file is empty"),
    Case("blank-lines-only", "blank.csv", b"\n\n  \n", error="blank.csv: the file is empty"),
    Case("header-only", "header.csv", csv_bytes([C]),
         error="header.csv: has a header but no data rows"),
    Case("missing-required-column", "nophone.csv",
         csv_bytes([C[:4] + C[5:], customer()[:4] + customer()[5:]]),
         error="nophone.csv: missing required columns for the customers template: "
               "联系方式 (phone)"),
    Case("duplicated-header", "dup.csv", csv_bytes([C + ["联系方式*"], customer() + ["139"]]),
         error="dup.csv: columns E and K both have the header '联系方式*'; keep one"),
    Case("alias-twice", "alias.csv", csv_bytes([C + ["手机号"], customer() + ["139"]]),
         error="alias.csv: columns E and K both have 联系方式 ('联系方式*' and '手机号'); "
               "keep one"),
    Case("merged-cells", "merged.xlsx",
         xlsx_bytes({"客户": [C, customer(), customer("C002")]}, merge="A2:A3"),
         error="merged.xlsx: sheet '客户' has merged cells (A2:A3); unmerge them and fill "
               "every cell"),
    Case("two-template-sheets", "two.xlsx",
         xlsx_bytes({"客户": [C, customer()], "购买": [P, purchase()]}),
         error="two.xlsx: sheets '客户', '购买' all hold template data; put one template per file"),
    Case("truncated-xlsx", "cut.xlsx", xlsx_bytes({"客户": [C, customer()]})[:900],
         error="cut.xlsx: damaged or truncated .xlsx; Excel cannot open it either"),
    Case("truncated-csv-in-quote", "cutq.csv", csv_bytes([C, customer()]) + b'C003,"Wang',
         error="cutq.csv: broken CSV near line 3: unexpected end of data "
               "(an unclosed quote, or a truncated file)"),
    Case("not-a-spreadsheet", "scan.pdf", b"%PDF-1.4 binary",
         error="scan.pdf: .pdf files are not supported; use .xlsx or .csv"),
    Case("legacy-xls", "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
         error="old.xls: legacy .xls (Excel 97-2003) files are not supported; save as .xlsx"),
    Case("unknown-headers", "what.csv", csv_bytes([["客户编号", "城市", "积分"], ["C1", "x", "1"]]),
         error="what.csv: cannot tell the template from the headers ['客户编号', '城市', '积分']; "
               "use the customer or purchase template headers, or pass --template"),
    # --- encodings, BOM, layout variants that load ---------------------------------------------
    Case("utf8-bom", "bom.csv", b"\xef\xbb\xbf" + csv_bytes([C, customer()]), accepted=1,
         loaded={"customer_id": "C001", "name": "张三"}),
    Case("gbk", "gbk.csv", csv_bytes([C, customer(name="欧阳娜娜")], "gbk"), accepted=1,
         loaded={"name": "欧阳娜娜"}),
    Case("english-headers", "en.csv", csv_bytes([EN, customer(gender="female",
                                                              customer_level="vip")]),
         accepted=1, loaded={"gender": "女", "customer_level": "VIP"}),
    Case("extra-columns", "extra.csv", csv_bytes([C + ["微信号"], customer() + ["wx_zs"]]),
         accepted=1, loaded={"微信号": "wx_zs"}),
    Case("instructions-sheet", "guide.xlsx",
         xlsx_bytes({"填写说明": [["带*为必填"]], "客户": [C, customer()]}), accepted=1),
    # --- row-level problems --------------------------------------------------------------------
    Case("phone-10-digits", "p10.csv", csv_bytes([C, customer(phone="1381234567")]),
         problems=['row 2, 联系方式: "138****4567" has 10 digits, expected 11']),
    Case("phone-letters", "pl.csv", csv_bytes([C, customer(phone="138abcd5678")]),
         problems=['row 2, 联系方式: "138****5678" contains characters other than digits']),
    Case("phone-plus86-and-spaces", "p86.csv",
         csv_bytes([C, customer(phone="+86 138 1234 5678"),
                    customer("C002", phone="0086-139-1234-5678")]),
         accepted=2, loaded={"phone": "13812345678"}),
    Case("phone-not-mobile", "p12.csv", csv_bytes([C, customer(phone="12812345678")]),
         problems=['row 2, 联系方式: "128****5678" is not a mainland mobile number']),
    Case("age-0", "a0.csv", csv_bytes([C, customer(age="0")]),
         problems=['row 2, 年龄: "0" is outside 1–120']),
    Case("age-200", "a200.csv", csv_bytes([C, customer(age="200")]),
         problems=['row 2, 年龄: "200" is outside 1–120']),
    Case("missing-required-value", "noname.csv", csv_bytes([C, customer(name="  ")]),
         problems=["row 2, 姓名: is required but empty"]),
    Case("gender-not-allowed", "g.csv", csv_bytes([C, customer(gender="X")]),
         problems=['row 2, 性别: "X" is not one of 男/女/未知']),
    Case("duplicate-customer-ids", "dupid.csv",
         csv_bytes([C, customer(), customer("C002"), customer(name="张三二")]), accepted=2,
         problems=['row 4, 客户编号: "C001" already appears in row 2']),
    Case("formula-looking", "f.csv", csv_bytes([
        C, customer(remark="=1+2"), customer("C002", name="@SUM(A1)"),
        customer("C003", manual_tags="+cmd|' /C calc'!A0")]),
         problems=["row 2, 备注: \"=1+2\" starts with '=' and would run as a formula",
                   "row 3, 姓名: \"@SUM(A1)\" starts with '@' and would run as a formula",
                   "row 4, 标签: \"+cmd|' /C calc'!A0\" starts with '+' and would run as a "
                   "formula"]),
    Case("very-long-string", "long.csv", csv_bytes([C, customer(remark=LONG)]),
         problems=[f'row 2, 备注: "{"长" * 30}…" is 1001 characters long, at most 1000']),
    Case("truncated-csv-mid-row", "cutrow.csv",
         csv_bytes([C, customer()]) + "C002,李四,女,40\n".encode(), accepted=1,
         problems=["row 3: has 4 cells, the header has 10",
                   "row 3, 联系方式: is required but empty"]),
    Case("values-beyond-header", "beyond.xlsx",
         xlsx_bytes({"客户": [C, customer() + ["", "多余"]]}),
         problems=["row 2: has values beyond the last column, in L"]),
    Case("negative-price", "neg.csv",
         csv_bytes([P, purchase(unit_price="-5.00", total_amount="-10")]),
         problems=['row 2, 单价: "-5.00" is negative', 'row 2, 总金额: "-10" is negative']),
    Case("money-with-symbols", "yuan.csv", csv_bytes([P, purchase(
        quantity="1", unit_price="¥1,999.5", total_amount="1999.50元")]), accepted=1,
         loaded={"unit_price": "1999.50", "total_amount": "1999.50"}),
    Case("three-decimal-price", "dec3.csv",
         csv_bytes([P, purchase(unit_price="19.999", total_amount="39.998")]),
         problems=['row 2, 单价: "19.999" has 3 decimals, at most 2']),
    Case("quantity-0", "q0.csv", csv_bytes([P, purchase(quantity="0", total_amount="0")]),
         problems=['row 2, 购买数量: "0" is not a positive quantity']),
    Case("quantity-fraction", "q15.csv", csv_bytes([P, purchase(quantity="1.5")]),
         problems=['row 2, 购买数量: "1.5" is not a whole number']),
    Case("total-mismatch", "tot.csv",
         csv_bytes([P, purchase(quantity="3", unit_price="30", total_amount="100.00")]),
         problems=['row 2, 总金额: "100.00" is not 3 × 30.00 = 90.00']),
    Case("unparseable-date", "d.csv", csv_bytes([P, purchase(purchased_at="昨天")]),
         problems=['row 2, 购买日期: "昨天" is not a date']),
    Case("impossible-date", "d30.csv", csv_bytes([P, purchase(purchased_at="2024-02-30")]),
         problems=['row 2, 购买日期: "2024-02-30" is not a valid calendar date']),
    Case("future-date", "fut.csv", csv_bytes([P, purchase(purchased_at="2099-01-01")]),
         problems=['row 2, 购买日期: "2099-01-01" is in the future (today is 2025-01-31)']),
    Case("excel-serial-date-csv", "serial.csv", csv_bytes([P, purchase(purchased_at="45413")]),
         accepted=1, loaded={"purchased_at": "2024-05-01"}),
    Case("excel-cells-typed", "typed.xlsx", xlsx_bytes({"购买": [P, [
        "C001", 45413, "手机", "小米14", 3, 30, ("formula", "=E2*F2", 90), "现金"], [
        "C002", dt.datetime(2024, 5, 2, 13, 22), "手机", "小米14", 1.0, 19.99, 19.99, None]]}),
         accepted=2, loaded={"purchased_at": "2024-05-01", "quantity": "3",
                             "unit_price": "30.00", "total_amount": "90.00"}),
    Case("mixed-date-styles", "dates.csv", csv_bytes([P, purchase(purchased_at="2024年5月1日"),
         purchase(purchased_at="2024/5/1 13:22"), purchase(purchased_at="20240501"),
         purchase(purchased_at="2024-05-01T05:22:05Z")]), accepted=4,
         loaded={"purchased_at": "2024-05-01"}),
    Case("unknown-customer", "unk.csv",
         csv_bytes([P, purchase(), purchase(customer_id="C999")]), accepted=1,
         problems=['row 3, 客户编号: "C999" is not a known customer']),
    Case("several-problems-one-row", "many.csv", csv_bytes([P, purchase(
        customer_id="", quantity="0", unit_price="abc", purchased_at="2099-12-31")]),
         problems=["row 2, 客户编号: is required but empty",
                   'row 2, 购买日期: "2099-12-31" is in the future (today is 2025-01-31)',
                   'row 2, 购买数量: "0" is not a positive quantity',
                   'row 2, 单价: "abc" is not a number']),
]  # fmt: skip
