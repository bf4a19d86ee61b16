"""Typed source specs: what a validated `sources:` entry of the project config becomes."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from portrait.config import ConfigError

_PASSWORD = re.compile(r"(//[^:/@]*:).*@")


class SourceConfigError(ConfigError):
    """A source definition that cannot be used; the message names the source and field."""


@dataclass(frozen=True)
class TableSpec:
    """One table or query of a SQL source, feeding one entity."""

    entity: str
    object_name: str  # the table name, or the query's name: becomes `_source_object`
    table: str | None
    query: str | None
    primary_key: tuple[str, ...]
    cursor: str | None
    columns: Mapping[str, str] = field(default_factory=dict)  # logical -> source column


@dataclass(frozen=True)
class FileSpec:
    """A file drop: every file matching `glob` feeds one entity."""

    entity: str
    glob: str  # absolute pattern
    format: str
    encoding: str | None
    primary_key: tuple[str, ...]
    columns: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None


@dataclass(frozen=True)
class SourceSpec:
    """A configured source system."""

    name: str
    kind: str  # "sql" | "files"
    base_dir: Path
    url: str | None = None  # secrets expanded; sqlite paths absolute
    dialect: str | None = None  # "postgresql" | "mysql" | "sqlite"
    tables: tuple[TableSpec, ...] = ()
    files: FileSpec | None = None

    @property
    def entities(self) -> tuple[str, ...]:
        """The logical entities this source feeds."""
        return (self.files.entity,) if self.files else tuple(t.entity for t in self.tables)

    @property
    def safe_url(self) -> str | None:
        """The URL with any password replaced by ***, for messages and logs."""
        return redact_url(self.url) if self.url else None


def redact_url(url: str) -> str:
    """A URL with its password replaced by ***, for messages and logs."""
    return _PASSWORD.sub(r"\1***@", url)
