from pathlib import Path

import pytest

from portrait.config import ConfigError, load_project


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portrait.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_paths_are_relative_to_the_config_file(tmp_path):
    project = load_project(write(tmp_path, "warehouse: wh/w.duckdb\nimports_dir: drop\n"))
    assert project.warehouse == (tmp_path / "wh" / "w.duckdb").resolve()
    assert project.serving == (tmp_path / "wh" / "serving" / "portrait.duckdb").resolve()
    assert project.imports_dir == (tmp_path / "drop").resolve()


def test_secrets_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PG_PASSWORD", "s3cret")
    text = "sources:\n  crm:\n    kind: sql\n    url: postgresql://u:${PG_PASSWORD}@h/db\n"
    text += "    schema: ${PG_SCHEMA:-public}\n"
    project = load_project(write(tmp_path, text))
    assert project.sources["crm"]["url"] == "postgresql://u:s3cret@h/db"
    assert project.sources["crm"]["schema"] == "public"


def test_missing_secret_names_the_field(tmp_path, monkeypatch):
    monkeypatch.delenv("NOPE_NOT_SET", raising=False)
    path = write(tmp_path, "sources:\n  crm:\n    url: x://${NOPE_NOT_SET}\n")
    with pytest.raises(ConfigError, match=r"sources\.crm\.url.*NOPE_NOT_SET"):
        load_project(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [1, 2]\n", "'sources' must be a mapping"),
        ("params: 3\n", "'params' must be a mapping"),
        ("warehose: x\n", "unknown top-level keys"),
        ("a: [\n", "not valid YAML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_project(write(tmp_path, text))


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_project(tmp_path / "nope.yaml")
