"""A tiny hand-made raw layer: every raw table of the data contract, a few dirty rows each.

Tables are created by the extract layer's own DDL (all logical columns VARCHAR plus lineage),
so the fixture has exactly the shape a real extract leaves behind. Tables named in `empty`
get no rows: a minimal set of sources must still build.
"""

from pathlib import Path

import duckdb

from portrait.extract.entities import RAW_TABLES, ensure_raw_tables

_N = None
ROWS: dict[str, list[tuple]] = {
    "customers": [
        # Two registrations of one person: same phone written differently (+86, dashes).
        ("CUS001", "张 三", "男", "1990-05-01", "35", "上海", "上海", "浦东新区", "工程师", "IT",
         "138-1234-5670", "Zhang.San@QQ.com", "2024-01-05 10:00:00", "website", "VIP", "高端,数码",
         _N, "2025-01-01 00:00:00"),
        ("CUS002", "张三", "M", "1990/5/1", _N, "沪", "上海市", _N, _N, _N,
         "+86 13812345670", _N, "2024年3月1日", "app", "普通", _N, _N, "2025-06-01 00:00:00"),
        # Third record joins through the e-mail only (transitive closure: 001=002, 001=003).
        ("CUS003", "张三", "未知", _N, "200", _N, _N, _N, "经理", _N,
         "1381234567", "zhang.san@qq.com", "20240401", "门店", _N, _N, _N, "2025-03-01"),
        # Placeholder phone shared by unrelated people: must not merge them.
        ("CUS004", "李四", "女", "1985-02-03", "0", "广东", "深圳", _N, _N, _N,
         "13800000000", _N, "2024-02-01T08:00:00", "referral", _N, _N, _N, "2024-02-01"),
        ("CUS005", "王五", "female", "1970-12-31", "54", "粤", "广州", _N, _N, _N,
         "13800000000", _N, "2024-02-02", "mini_program", _N, _N, _N, "2024-02-02"),
        # Region missing: inferred from the most frequent shipping city.
        ("CUS006", "赵六", "", _N, "", _N, _N, _N, _N, _N,
         "0086 139 0000 1111", _N, "45413", "website", _N, _N, _N, _N),
    ],
    "orders": [
        ("ORD001", "CUS001", "2025-03-01 12:00:00", "completed", "alipay", "1", "10", "90",
         "上海", "上海", "addr", "app", _N),
        ("ORD002", "CUS002", "2025/4/2 09:30", "已完成", "wechat", "0", "0", "200",
         "上海市", "上海市", "addr", "web", _N),
        ("ORD003", "CUS004", "2025-04-03", "cancelled", "alipay", "0", "0", "50",
         "广东", "深圳", "addr", "app", _N),
        ("ORD004", "CUS005", "2025-04-04", "test", "alipay", "0", "0", "10",
         "广东", "广州", "addr", "app", _N),
        ("ORD005", "CUS006", "2025-05-01", "refunded", "alipay", "0", "0", "100",
         "浙江", "杭州", "addr", "app", _N),
        ("ORD006", "CUS006", "2025-05-02", "completed", "alipay", "0", "0", "-30",
         "浙江", "杭州", "addr", "app", _N),
        ("ORD007", "CUS006", "2025-05-03", "completed", "alipay", "0", "0", "60",
         "浙江省", "杭州市", "addr", "app", _N),
        ("ORD008", "CUS999", "2025-05-04", "completed", "alipay", "0", "0", "60",
         "浙江省", "杭州市", "addr", "app", _N),
        ("ORD009", "CUS001", "2025-06-01", "refund_pending", "alipay", "0", "0", "60",
         "上海", "上海", "addr", "app", _N),
    ],
    "order_lines": [
        ("L001", "ORD001", "SKU1", "手机 A", "移动电话", "华为", "1", "100", "100", "0"),
        ("L002", "ORD002", "SKU2", "耳机 B", "耳机", "小米", "2", "100", "200", "1"),
        ("L003", "ORD003", "SKU2", "耳机 B", "耳机", "小米", "1", "50", "50", "0"),
        ("L004", "ORD004", "SKU2", "耳机 B", "耳机", "小米", "1", "10", "10", "0"),
        ("L005", "ORD005", "SKU3", "咖啡 C", "咖啡", "雀巢", "2", "50", "100", "0"),
        ("L006", "ORD006", "SKU3", "咖啡 C", "咖啡", "雀巢", "1", "30", "30", "0"),
        ("L007", "ORD007", "SKU3", "咖啡 C", "咖啡", "雀巢", "0", "60", "60", "0"),
        ("L008", "ORD008", "SKU3", "咖啡 C", "咖啡", "雀巢", "1", "60", "60", "0"),
        ("L009", "ORD009", "SKU3", "咖啡 C", "咖啡", "雀巢", "1", "60", "60", "0"),
        ("L010", "ORD404", "SKU3", "咖啡 C", "咖啡", "雀巢", "1", "60", "60", "0"),
    ],
    "returns": [("R001", "ORD005", "100", "质量问题", "2025-05-10")],
    "tickets": [
        ("T001", "CUS002", "电话", "投诉", "2", "是", "2025-04-05 10:00"),
        ("T002", "CUS003", "online_chat", "inquiry", "", "0", "2025年4月6日"),
    ],
    "sessions": [("S001", "CUS001", "2025-04-01T10:00:00+08:00", "300", "5", "2")],
    "campaigns": [("CUS003", "CP01", "618 大促", "promotion", "2025-06-18")],
    "import_customers": [
        # Same person as CUS001 by phone; one template customer of its own.
        ("IMP001", "张三", "男", "35", "13812345670", "45413", "IT", "VIP", "高端", _N),
        ("IMP002", "钱七", "女", "28", "13700001234", "2024-06-01", "教育", "潜力", _N, _N),
    ],
    "import_purchases": [
        ("IMP002", "2025-05-20", "零食", "坚果礼盒", "2", "59.90", "119.80", "alipay"),
        ("IMP002", "45800", "零食", "坚果礼盒", "1", "59.90", "60.00", "alipay"),
        ("IMP404", "2025-05-21", "零食", "坚果礼盒", "1", "59.90", "59.90", "alipay"),
    ],
}  # fmt: skip


def write_raw(path: Path, empty: frozenset[str] = frozenset()) -> None:
    """Create every raw table at `path` and fill those not named in `empty`."""
    con = duckdb.connect(str(path))
    try:
        ensure_raw_tables(con)
        for table, columns in RAW_TABLES.items():
            if table in empty:
                continue
            names = ", ".join(f'"{name}"' for name in (*columns, "_source_name", "_source_object",
                                                       "_source_key", "_loaded_at"))  # fmt: skip
            marks = ", ".join("?" for _ in range(len(columns) + 4))
            rows = [
                (*row, "fixture", f"{table}.csv", str(index + 2), "2025-07-01 00:00:00")
                for index, row in enumerate(ROWS[table])
            ]
            con.executemany(f'insert into raw."{table}" ({names}) values ({marks})', rows)
    finally:
        con.close()
