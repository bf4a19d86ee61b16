"""The `sources:` section: validation messages, env secrets, path resolution."""

import sqlite3
from pathlib import Path

import pytest

from portrait.config import ConfigError
from portrait.extract import SourceConfigError, parse_sources


@pytest.fixture
def crm(tmp_path: Path) -> Path:
    path = tmp_path / "sources" / "crm.sqlite"
    path.parent.mkdir()
    sqlite3.connect(path).close()
    return path


def _one(source: dict, base: Path = Path(".")):
    return parse_sources({"src": source}, base)["src"]


def test_sql_source_resolves_relative_sqlite_path_and_logical_key_names(tmp_path, crm):
    spec = _one(
        {
            "kind": "sql",
            "url": "sqlite:///sources/crm.sqlite",
            "tables": [
                {
                    "entity": "customers",
                    "table": "crm_customers",
                    "primary_key": "customer_id",
                    "cursor": "updated_at",
                    "columns": {"customer_id": "cust_no", "updated_at": "mtime"},
                }
            ],
        },
        tmp_path,
    )
    assert spec.url == f"sqlite://{crm}"
    assert spec.dialect == "sqlite"
    table = spec.tables[0]
    # Logical names in primary_key / cursor are translated to the mapped source columns.
    assert (table.primary_key, table.cursor, table.object_name) == (
        ("cust_no",),
        "mtime",
        "crm_customers",
    )


def test_files_source_glob_is_absolute_and_format_from_suffix(tmp_path):
    spec = _one({"kind": "files", "entity": "tickets", "glob": "drops/*.csv"}, tmp_path)
    assert spec.files.glob == str(tmp_path / "drops/*.csv")
    assert spec.files.format == "csv"
    assert spec.entities == ("tickets",)


def test_secret_from_environment_and_default(monkeypatch):
    monkeypatch.setenv("PORTRAIT_TEST_PW", "p@ss")
    spec = _one(
        {
            "kind": "sql",
            "url": "postgresql+psycopg://u:${PORTRAIT_TEST_PW}@db/${PORTRAIT_TEST_DB:-shop}",
            "tables": [{"entity": "orders", "table": "o", "primary_key": "id"}],
        }
    )
    assert spec.url == "postgresql://u:p@ss@db/shop"
    assert spec.safe_url == "postgresql://u:***@db/shop"


def test_missing_secret_names_the_variable(monkeypatch):
    monkeypatch.delenv("PORTRAIT_NO_SUCH_VAR", raising=False)
    with pytest.raises(ConfigError, match="PORTRAIT_NO_SUCH_VAR is not set"):
        _one({"kind": "sql", "url": "mysql://root:${PORTRAIT_NO_SUCH_VAR}@h/db", "tables": []})


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"kind": "ftp"}, "source src: kind: expected 'sql' or 'files', got 'ftp'"),
        ({"kind": "sql", "tables": [{}]}, "source src: url: required"),
        ({"kind": "sql", "url": "oracle://x/y", "tables": [{}]}, "url: expected postgresql://"),
        (
            {"kind": "sql", "url": "sqlite:///nowhere.sqlite", "tables": [{}]},
            "SQLite file not found",
        ),
        ({"kind": "sql", "url": "mysql://h/db", "tables": []}, "tables: expected a non-empty"),
        (
            {"kind": "sql", "url": "mysql://h/db", "tables": [{"entity": "order", "table": "t"}]},
            "tables[0]: entity: expected one of",
        ),
        (
            {"kind": "sql", "url": "mysql://h/db", "tables": [{"entity": "orders"}]},
            "give exactly one of 'table' or 'query'",
        ),
        (
            {"kind": "sql", "url": "mysql://h/db", "tables": [{"entity": "orders", "table": "t"}]},
            "primary_key: required",
        ),
        (
            {
                "kind": "sql",
                "url": "mysql://h/db",
                "tables": [
                    {
                        "entity": "orders",
                        "table": "t",
                        "primary_key": "id",
                        "columns": {"amount": "amt"},
                    }
                ],
            },
            "columns: ['amount'] are not logical columns of orders",
        ),
        (
            {
                "kind": "sql",
                "url": "mysql://h/db",
                "tables": [
                    {"entity": "orders", "table": "t", "primary_key": "id", "cursor": ["a", "b"]}
                ],
            },
            "cursor: expected one column",
        ),
        ({"kind": "sql", "url": "mysql://h/db", "tables": [], "glob": "x"}, "unknown settings"),
        ({"kind": "files", "entity": "tickets", "glob": "a.txt"}, "format: expected one of"),
        (
            {"kind": "files", "entity": "tickets", "glob": "a.csv", "encoding": "klingon"},
            "encoding: unknown encoding 'klingon'",
        ),
    ],
)
def test_bad_source_definitions_name_source_and_field(source, message):
    with pytest.raises(SourceConfigError) as error:
        _one(source)
    assert message in str(error.value)


def test_password_never_in_url_error():
    with pytest.raises(SourceConfigError) as error:
        _one({"kind": "sql", "url": "oracle://scott:tiger@h/db", "tables": [{}]})
    assert "tiger" not in str(error.value)
