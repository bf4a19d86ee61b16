"""The baseline of bench/quality.py: the suites' checks written by hand as DuckDB SQL.

Same predicates, one aggregate query per table plus the group-bys that uniqueness,
reconciliation and drift need - what an engineer would write without a framework.
"""

import duckdb

PHONE = r"(^|[^0-9])((\+|00)?86[ -]?)?1[3-9][0-9]([ -]?[0-9]){8}([^0-9]|$)"
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
NAME = r"^[\x{4e00}-\x{9fff}][\x{4e00}-\x{9fff}·]{1,3}$"


def run_plain(con: duckdb.DuckDBPyConnection, as_of: str) -> dict:
    answers = {}
    answers["raw"] = con.execute("""
        select count(*), count(*) - count(order_line_id), count(*) - count(order_id),
            count(*) - count(_source_name), count(*) - count(_source_object),
            count(*) - count(_source_key), count(*) - count(_loaded_at),
            max(_loaded_at),
            count(*) filter (where quantity is not null
                and not coalesce(try_cast(quantity as double) between 1 and 10000, false)),
            count(*) filter (where unit_price is not null
                and not coalesce(try_cast(unit_price as double) between 0 and 1000000, false)),
            count(*) filter (where line_amount is not null
                and not coalesce(try_cast(line_amount as double) between 0 and 10000000, false)),
            count(*) - count(category)
        from raw.order_lines
    """).fetchall()
    answers["raw_columns"] = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where schema_name = 'raw' and table_name = 'order_lines'"
    ).fetchall()
    # Distinct 64-bit hashes prove distinct keys; the exact group-by only if they collide.
    answers["raw_duplicates"] = con.execute("""
        select count(*) - count(distinct hash(_source_name, _source_object, _source_key))
        from raw.order_lines
    """).fetchall()
    answers["staging"] = con.execute("""
        select count(*), (select count(*) from raw.order_lines),
            count(*) filter (where unit_price < 0), count(*) - count(is_new_product)
        from staging.stg_raw__order_lines
    """).fetchall()
    answers["marts_lines"] = con.execute("""
        select count(*), count(*) filter (where quantity not between 1 and 10000),
            count(*) filter (where unit_price < 0), count(*) filter (where line_amount < 0),
            count(*) - count(category)
        from marts.fct_order_lines
    """).fetchall()
    answers["dim"] = con.execute("""
        select count(*), count(*) filter (where gender not in ('M', 'F', 'U')),
            count(*) filter (where age not between 18 and 90),
            count(*) filter (where city_tier not in ('一线', '新一线', '二线', '下沉市场', '未知')),
            count(*) - count(province),
            count(*) filter (where not regexp_matches(phone, '^1[3-9][0-9]{9}$')),
            count(*) filter (where not regexp_matches(email, '^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$')),
            count(*) filter (where source_record_count not between 1 and 10)
        from marts.dim_customers
    """).fetchall()
    answers["profiles"] = _profile_checks(con, "marts.customer_profiles")
    answers["history"] = _profile_checks(
        con,
        f"(select * from history.customer_profiles_history where as_of_date = date '{as_of}')",
        scores=False,
        columns_of="history.customer_profiles_history",
    )
    answers["drift"] = _drift(con, as_of)
    return {"answers": len(answers)}


def _text_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    return [
        c
        for c, t in con.execute(
            "select column_name, data_type from duckdb_columns() "
            "where schema_name = ? and table_name = ?",
            [schema, name],
        ).fetchall()
        if t == "VARCHAR" or t.startswith("VARCHAR[")
    ]


def _profile_checks(
    con: duckdb.DuckDBPyConnection, table: str, scores: bool = True, columns_of: str = ""
) -> list:
    """PII the cheap way (one regex over each row's joined text, one semi join for names)."""
    texts = _text_columns(con, columns_of or table)
    joined = ", ".join(f"cast({c} as varchar)" for c in texts)
    checks = [
        "count(*)",
        f"count(*) filter (where regexp_matches(concat_ws(' | ', {joined}), '{PHONE}|{EMAIL}') "
        r"or (name_masked <> '' and not regexp_matches(name_masked, '^.\*+$')) "
        r"or (phone_masked <> '' "
        r"and not regexp_matches(phone_masked, '^[0-9]{0,3}\*+[0-9]{0,4}$')))",
    ]
    if scores:
        for c in ("spending_power_score", "loyalty_score", "activity_score", "potential_score",
                  "churn_score"):  # fmt: skip
            checks.append(f"count(*) filter (where {c} not between 0 and 100)")
        checks.append("count(*) filter (where churn_probability not between 0 and 1)")
        for c in ("r_score", "f_score", "m_score"):
            checks.append(f"count(*) filter (where {c} not between 1 and 5)")
        checks.append(r"count(*) filter (where not regexp_matches(name_masked, '^.\*$'))")
        checks.append(
            r"count(*) filter (where not regexp_matches(phone_masked, '^[0-9]{3}\*{4}[0-9]{4}$'))"
        )
        checks.append("(select count(*) from marts.dim_customers)")
    found = con.execute(f"select {', '.join(checks)} from {table}").fetchall()
    scalar = ", ".join(c for c in texts if c not in ("churn_reasons", "manual_tags"))
    names = con.execute(f"""
        select col, count(*) from (unpivot (select {scalar} from {table})
            on columns(*) into name col value v)
        where v in (select distinct name from marts.dim_customers
                    where regexp_matches(name, '{NAME}'))
        group by col
    """).fetchall()
    return [found, names]


def _drift(con: duckdb.DuckDBPyConnection, as_of: str) -> list:
    out = []
    for column in ("rfm_segment", "customer_value", "lifecycle", "churn_risk", "churn_band"):
        out.append(
            con.execute(f"""
            with previous as (
                select max(as_of_date) as d from history.customer_profiles_history
                where as_of_date < date '{as_of}'
            )
            select as_of_date, {column}, count(*) from history.customer_profiles_history
            where as_of_date = date '{as_of}' or as_of_date = (select d from previous)
            group by all
        """).fetchall()
        )
    return out
