"""Fixtures for extract tests: a real DuckDB file, and the local PostgreSQL / MariaDB servers.

Server tests are marked `db`. Without a server they skip with the reason,
except under CI=true, where an unreachable server fails the test.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

PG_URL = os.environ.get("PORTRAIT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
MYSQL_URL = os.environ.get("PORTRAIT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test")


@pytest.fixture
def server_urls() -> dict[str, str]:
    return {"pg": PG_URL, "maria": MYSQL_URL}


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield connection
    connection.close()


@pytest.fixture
def unique() -> str:
    """A suffix that keeps parallel or repeated runs from sharing server tables."""
    return f"{os.getpid()}_{uuid.uuid4().hex[:6]}"


def _unavailable(what: str, exc: Exception) -> None:
    reason = f"{what} is not reachable ({type(exc).__name__}: {str(exc).strip()[:120]})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; under CI=true database tests must run")
    pytest.skip(reason)


@pytest.fixture
def pg() -> Iterator[object]:
    """A psycopg connection (autocommit) to the local PostgreSQL `test` database."""
    import psycopg

    try:
        connection = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        _unavailable(f"PostgreSQL at {PG_URL}", exc)
    yield connection
    connection.close()


@pytest.fixture
def maria() -> Iterator[object]:
    """A PyMySQL connection (autocommit) to the local MariaDB `test` database."""
    import pymysql

    url = urlsplit(MYSQL_URL)
    try:
        connection = pymysql.connect(
            host=url.hostname,
            port=url.port or 3306,
            user=url.username,
            password=url.password or "",
            database=url.path.lstrip("/"),
            autocommit=True,
            connect_timeout=3,
            charset="utf8mb4",
        )
    except pymysql.Error as exc:
        _unavailable(f"MariaDB at {MYSQL_URL}", exc)
    yield connection
    connection.close()
