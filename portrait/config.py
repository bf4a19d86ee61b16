"""The project config file: which sources, where the warehouse lives, parameter overrides.

One YAML file per deployment. Paths in it are relative to the file's folder so a
config and its file drops travel together; secrets are `${VAR}` references that
are filled from the environment when the file is read and never written back.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_WAREHOUSE = Path("var/warehouse.duckdb")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Project:
    """A parsed project config."""

    path: Path
    name: str
    warehouse: Path
    serving: Path
    imports_dir: Path
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def dir(self) -> Path:
        return self.path.parent

    @property
    def var_dir(self) -> Path:
        """Folder for run artefacts (Data Docs, reports) beside the warehouse."""
        return self.warehouse.parent


def expand_env(value: Any, where: str) -> Any:
    """Replace ${VAR} / ${VAR:-default} in every string of a nested structure."""
    if isinstance(value, dict):
        return {key: expand_env(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [expand_env(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in os.environ:
            return os.environ[name]
        if default is not None:
            return default
        raise ConfigError(f"{where}: environment variable {name} is not set")

    return _ENV_REF.sub(substitute, value)


def _resolve(base: Path, value: str | None, default: Path) -> Path:
    if value is None:
        return default.resolve()
    path = Path(value)
    return (path if path.is_absolute() else base / path).resolve()


def load_project(path: Path) -> Project:
    """Read and validate a project config file."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    unknown = set(data) - {"project", "warehouse", "serving", "imports_dir", "sources", "params"}
    if unknown:
        raise ConfigError(f"{path}: unknown top-level keys {sorted(unknown)}")
    data = expand_env(data, str(path.name))
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise ConfigError(f"{path}: 'sources' must be a mapping of source name to settings")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise ConfigError(f"{path}: 'params' must be a mapping")
    base = path.parent
    warehouse = _resolve(base, data.get("warehouse"), DEFAULT_WAREHOUSE)
    serving = _resolve(base, data.get("serving"), warehouse.parent / "serving" / "portrait.duckdb")
    return Project(
        path=path,
        name=str(data.get("project") or path.stem),
        warehouse=warehouse,
        serving=serving,
        imports_dir=_resolve(base, data.get("imports_dir"), base / "imports"),
        sources=sources,
        params=params,
    )
