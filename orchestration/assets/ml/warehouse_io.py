"""Reading the marts and writing the `ml` tables: the only I/O of the ML assets.

Facts travel as Arrow tables and ids as integer codes where volumes are large:
moving tens of millions of Python strings would cost more than the models.
"""

import datetime as dt

import duckdb
import pandas as pd

from ml.features import Facts
from ml.outputs import TABLES, create_table_sql
from ml.params import AssociationParams

# Rule level -> the fct_order_lines column that names the item.
LEVEL_COLUMNS = {"category": "category", "product": "product_id"}


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    sql = "select count(*) from information_schema.tables where table_schema = ? and table_name = ?"
    return con.execute(sql, [schema, table]).fetchall()[0][0] > 0


def read_facts(con: duckdb.DuckDBPyConnection, as_of: dt.date, events_since: dt.date) -> Facts:
    """Facts before the end of `as_of` as Arrow tables (absent optional marts are None).

    Orders are read in full (lifetime features); tickets and sessions only from
    `events_since`, as no feature window reaches further back.
    """
    cutoff = as_of + dt.timedelta(days=1)
    queries = {
        "orders": ("fct_orders", "select order_id, customer_id, ordered_at, status, net_amount,"
                   " has_coupon, has_return from marts.fct_orders where ordered_at < $cutoff"),
        "tickets": ("fct_tickets", "select customer_id, created_at, ticket_type from"
                    " marts.fct_tickets where created_at < $cutoff and created_at >= $since"),
        "sessions": ("fct_sessions", "select customer_id, started_at from marts.fct_sessions"
                     " where started_at < $cutoff and started_at >= $since"),
        "customers": ("dim_customers", "select customer_id, registered_at from"
                      " marts.dim_customers where coalesce(registered_at < $cutoff, true)"),
    }  # fmt: skip
    tables = {}
    for name, (table, sql) in queries.items():
        if _table_exists(con, "marts", table):
            values = (
                {"cutoff": cutoff, "since": events_since} if "$since" in sql else {"cutoff": cutoff}
            )
            tables[name] = con.sql(sql, params=values).to_arrow_table()
        else:
            tables[name] = None
    return Facts(**tables)


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, frames, as_of: dt.date) -> int:
    """Replace ml.<table>'s rows for `as_of` with those of `frames` (one frame or a list).

    One transaction: readers see the old month or the new one, never half of each.
    """
    frames = frames if isinstance(frames, list) else [frames]
    con.execute("create schema if not exists ml")
    con.execute(create_table_sql(table))
    con.execute("begin")
    con.execute(f"delete from ml.{table} where as_of_date = ?", [as_of])
    for frame in frames:
        con.register("incoming", frame.assign(as_of_date=as_of)[list(TABLES[table])])
        con.execute(f"insert into ml.{table} by name select * from incoming")
        con.unregister("incoming")
    con.execute("commit")
    return sum(len(frame) for frame in frames)


def _register_codes(con, name: str, values: pd.Series) -> pd.Series:
    """Register (value, code) as a view for joins; returns the values (code = position)."""
    con.register(name, pd.DataFrame({"value": values, "code": range(len(values))}))
    return values


def read_basket_lines(con, level: str, as_of: dt.date, params: AssociationParams) -> pd.DataFrame:
    """(basket_id, item) of completed orders in the window.

    Items travel as integer codes and become a categorical here: tens of millions
    of strings would cost more to move and hash than the mining itself.
    """
    cutoff, column = as_of + dt.timedelta(days=1), LEVEL_COLUMNS[level]
    items = con.sql(
        f"select distinct {column} from marts.fct_order_lines where {column} is not null order by 1"
    ).df().iloc[:, 0]  # fmt: skip
    _register_codes(con, "item_codes", items)
    lines = con.execute(
        f"""
        with baskets as (
            select order_id, row_number() over () as basket_id
            from marts.fct_orders
            where status = 'completed' and ordered_at >= $start and ordered_at < $cutoff
        )
        select b.basket_id, c.code
        from marts.fct_order_lines as l
        inner join baskets as b using (order_id)
        inner join item_codes as c on c.value = l.{column}
        """,
        {"start": cutoff - dt.timedelta(days=params.window_days), "cutoff": cutoff},
    ).df()
    item = pd.Categorical.from_codes(lines["code"].to_numpy(), categories=items.to_numpy())
    return pd.DataFrame({"basket_id": lines["basket_id"], "item": item})


def read_customer_items(con, level: str, as_of: dt.date) -> pd.DataFrame:
    """(customer_id, item) for everything each customer bought before the end of `as_of`."""
    cutoff, column = as_of + dt.timedelta(days=1), LEVEL_COLUMNS[level]
    items = con.sql(
        f"select distinct {column} from marts.fct_order_lines where {column} is not null order by 1"
    ).df().iloc[:, 0]  # fmt: skip
    customers = con.execute(
        "select distinct customer_id from marts.fct_orders"
        " where status = 'completed' and ordered_at < ? and customer_id is not null order by 1",
        [cutoff],
    ).df().iloc[:, 0]  # fmt: skip
    _register_codes(con, "item_codes", items)
    _register_codes(con, "customer_codes", customers)
    pairs = con.execute(
        f"""
        select distinct k.code as customer_code, c.code as item_code
        from marts.fct_order_lines as l
        inner join marts.fct_orders as o using (order_id)
        inner join customer_codes as k on k.value = o.customer_id
        inner join item_codes as c on c.value = l.{column}
        where o.status = 'completed' and o.ordered_at < ?
        """,
        [cutoff],
    ).df()
    return pd.DataFrame(
        {
            "customer_id": pd.Categorical.from_codes(pairs["customer_code"], customers.to_numpy()),
            "item": pd.Categorical.from_codes(pairs["item_code"], items.to_numpy()),
        }
    )


class MissingRules(RuntimeError):
    """Recommendations were asked for before the month's association rules exist."""


def read_rules(con, as_of: dt.date, level: str) -> pd.DataFrame:
    """The month's rules at one level, from ml.association_rules."""
    if not _table_exists(con, "ml", "association_rules"):
        raise MissingRules(f"ml.association_rules does not exist: materialize it for {as_of} first")
    return con.execute(
        "select * from ml.association_rules where as_of_date = ? and level = ?", [as_of, level]
    ).df()


def item_names(con, level: str) -> dict[str, str]:
    """Display names of a level's items (product names; categories name themselves)."""
    if level != "product":
        return {}
    rows = con.execute(
        "select product_id, any_value(product_name) from marts.fct_order_lines"
        " where product_id is not null group by all"
    ).fetchall()
    return dict(rows)
