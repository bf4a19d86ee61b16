"""Extraction from the real PostgreSQL and MariaDB servers: incremental, schema drift, refresh."""

from pathlib import Path

import pytest

from portrait.extract import ExtractError, extract, parse_sources

pytestmark = pytest.mark.db

# Per server: timestamp type, money type, identifier quote. The same scenario runs on both.
SERVERS = {
    "pg": ("timestamptz", "numeric(12,2)", '"'),
    "maria": ("datetime(6)", "decimal(12,2)", "`"),
}


@pytest.fixture(params=sorted(SERVERS))
def server(request, unique, server_urls):
    """(DB-API connection, URL, table name, identifier quote); the table is dropped after."""
    name = request.param
    db = request.getfixturevalue(name)
    url = server_urls[name]
    ts, money, q = SERVERS[name]
    table = f"portrait_orders_{unique}"
    cur = db.cursor()
    cur.execute(
        f"create table {table} (order_id varchar(20) primary key, customer_id varchar(20), "
        f"ordered_at {ts}, total {money}, status varchar(20), updated_at {ts})"
    )
    yield db, url, table, q
    cur.execute(f"drop table if exists {table}")


def _insert(db, table: str, rows: list[tuple]) -> None:
    placeholders = ", ".join(["%s"] * len(rows[0]))
    db.cursor().executemany(f"insert into {table} values ({placeholders})", rows)


def _specs(url: str, table: str, **extra):
    entry = {
        "entity": "orders",
        "table": table,
        "primary_key": "order_id",
        "cursor": "updated_at",
        "columns": {"total_amount": "total"},
        **extra,
    }
    return parse_sources({"shop": {"kind": "sql", "url": url, "tables": [entry]}}, Path("."))


def _rows(con):
    return con.execute(
        "select order_id, total_amount::decimal(12, 2)::varchar, status, _source_name, "
        "_source_key from raw.orders "
        "order by order_id"
    ).fetchall()


def test_incremental_update_and_new_column(server, con):
    db, url, table, q = server
    _insert(
        db,
        table,
        [
            ("O1", "C1", "2024-05-01 10:00:00", "100.50", "completed", "2024-05-01 10:00:00"),
            ("O2", "C2", "2024-05-02 11:00:00", "20.00", "completed", "2024-05-02 11:00:00"),
        ],
    )
    spec = _specs(url, table)["shop"]

    first = extract(spec, con)[0]
    assert (first.rows_read, first.rows_loaded, first.full_refresh) == (2, 2, True)
    assert _rows(con) == [
        ("O1", "100.50", "completed", "shop", "O1"),
        ("O2", "20.00", "completed", "shop", "O2"),
    ]

    # An update of O1, a new order and a new column, all between runs.
    cur = db.cursor()
    cur.execute(
        f"update {table} set status = 'refunded', updated_at = '2024-05-03 09:00:00' "
        "where order_id = 'O1'"
    )
    cur.execute(f"alter table {table} add column {q}coupon_code{q} varchar(10)")
    _insert(
        db,
        table,
        [("O3", "C1", "2024-05-03 12:00:00", "5.00", "completed", "2024-05-03 12:00:00", "NEW10")],
    )

    second = extract(spec, con)[0]
    assert second.full_refresh is False
    assert second.cursor_from.startswith("2024-05-02 11:00:00")
    assert second.cursor_to.startswith("2024-05-03 12:00:00")
    # O2 comes again (cursor >= last value) and is merged, never duplicated.
    assert second.rows_read == 3
    assert second.new_columns == ("coupon_code",)
    assert _rows(con) == [
        ("O1", "100.50", "refunded", "shop", "O1"),
        ("O2", "20.00", "completed", "shop", "O2"),
        ("O3", "5.00", "completed", "shop", "O3"),
    ]
    assert con.execute("select coupon_code from raw.orders where order_id = 'O3'").fetchone() == (
        "NEW10",
    )

    third = extract(spec, con)[0]  # nothing new: only the last cursor value is re-read
    assert third.rows_read == 1
    assert con.execute("select count(*) from raw.orders").fetchone()[0] == 3
    # The state counts the rows the object has, not every row ever re-read (was 2 + 3 + 1).
    assert con.execute("select rows_loaded from raw._extract_state").fetchone() == (3,)

    refreshed = extract(spec, con, full_refresh=True)[0]
    assert (refreshed.rows_read, refreshed.full_refresh) == (3, True)
    assert _rows(con)[0] == ("O1", "100.50", "refunded", "shop", "O1")
    assert con.execute("select count(*) from raw.orders").fetchone()[0] == 3


def test_missing_mapped_column_is_a_clear_error_and_changes_nothing(server, con):
    db, url, table, _ = server
    _insert(
        db, table, [("O1", "C1", "2024-05-01 10:00:00", "1.00", "completed", "2024-05-01 10:00:00")]
    )
    spec = _specs(url, table, columns={"total_amount": "amount_cny"})["shop"]
    with pytest.raises(ExtractError) as error:
        extract(spec, con)
    message = str(error.value)
    assert f"source shop, {table}" in message
    assert "mapped columns not found: total_amount -> amount_cny" in message
    assert con.execute("select count(*) from raw.orders").fetchone()[0] == 0
    assert con.execute("select count(*) from raw._extract_state").fetchone()[0] == 0


def test_query_source_with_timestamps_in_utc(pg, con, unique, server_urls):
    table = f"portrait_tickets_{unique}"
    pg.execute(f"create table {table} (id int primary key, customer varchar, at timestamptz)")
    try:
        pg.execute(f"insert into {table} values (1, 'C1', '2024-05-01 08:00:00+08')")
        spec = parse_sources(
            {
                "svc": {
                    "kind": "sql",
                    "url": server_urls["pg"],
                    "tables": [
                        {
                            "entity": "tickets",
                            "name": "tickets_q",
                            "primary_key": "ticket_id",
                            "query": "select id as ticket_id, customer as customer_id, "
                            f"at as created_at from {table}",
                        }
                    ],
                }
            },
            Path("."),
        )["svc"]
        result = extract(spec, con)[0]
        assert (result.object_name, result.rows_loaded) == ("tickets_q", 1)
        created, obj = con.execute("select created_at, _source_object from raw.tickets").fetchone()
        # The instant is kept with its offset, whatever the session time zone.
        assert created.endswith("+00") and created.startswith("2024-05-01 00:00:00")
        assert obj == "tickets_q"
    finally:
        pg.execute(f"drop table {table}")


def test_server_error_mid_stream_names_the_source_and_loads_nothing(pg, con, server_urls):
    """PostgreSQL fails at row 300,000, after batches have already reached DuckDB."""
    query = (
        "select i as order_line_id, (1000000 / (i - 300000))::text as order_id "
        "from generate_series(1, 400000) as i"
    )
    spec = parse_sources(
        {"shop": {"kind": "sql", "url": server_urls["pg"], "tables": [
            {"entity": "order_lines", "name": "lines_q", "primary_key": "order_line_id",
             "query": query}]}},
        Path("."),
    )["shop"]  # fmt: skip
    with pytest.raises(ExtractError) as error:
        extract(spec, con)
    assert str(error.value).startswith("source shop, lines_q (")
    assert "division by zero" in str(error.value)
    assert con.execute("select count(*) from raw.order_lines").fetchone()[0] == 0
    assert con.execute("select count(*) from raw._extract_state").fetchone()[0] == 0


def test_unreachable_server_names_the_source_without_the_password(con):
    spec = parse_sources(
        {
            "crm": {
                "kind": "sql",
                "url": "postgresql://u:s3cret@127.0.0.1:1/x",
                "tables": [{"entity": "customers", "table": "c", "primary_key": "id"}],
            }
        },
        Path("."),
    )["crm"]
    with pytest.raises(ExtractError) as error:
        extract(spec, con)
    assert "source crm, c" in str(error.value)
    assert "s3cret" not in str(error.value)


def test_postgres_numeric_is_turned_to_text_by_the_server(pg, unique, server_urls):
    """ADBC hands numeric over as an opaque extension type and decodes it slowly on the
    client; the reader asks PostgreSQL for ::text instead (half the read time at 2M rows)."""
    import adbc_driver_postgresql.dbapi as adbc_pg

    from portrait.extract.sql_reader import _pg_as_text

    table = f"portrait_prices_{unique}"
    pg.execute(f"create table {table} (id int primary key, price numeric(12, 2), at timestamptz)")
    spec = parse_sources(
        {"shop": {"kind": "sql", "url": server_urls["pg"], "tables": [
            {"entity": "order_lines", "table": table, "primary_key": "id", "cursor": "at"}]}},
        Path("."),
    )["shop"]  # fmt: skip
    try:
        with adbc_pg.connect(server_urls["pg"]) as db, db.cursor() as cur:
            query = _pg_as_text(cur, spec.tables[0], f"SELECT * FROM {table}")
        assert '"price"::text AS "price"' in query
        assert '"id"::text' not in query and '"at"::text' not in query
    finally:
        pg.execute(f"drop table {table}")
