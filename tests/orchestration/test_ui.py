"""`portrait ui` serves the code location on 127.0.0.1 and stops cleanly."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

QUERY = "{ assetNodes { assetKey { path } } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": QUERY}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def wait_for_assets(port: int, process: subprocess.Popen, seconds: float) -> list[list[str]]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "dagster dev exited early"
        try:
            nodes = graphql(port)["data"]["assetNodes"]
            if nodes:
                return [node["assetKey"]["path"] for node in nodes]
        except (OSError, KeyError, TypeError):
            pass
        time.sleep(2)
    raise AssertionError("the UI did not serve the code location in time")


def test_ui_serves_the_graph(tmp_path, dbt_manifest):
    config = tmp_path / "portrait.yaml"
    config.write_text("warehouse: var/warehouse.duckdb\n", encoding="utf-8")
    port = free_port()
    # dagster dev ignores SIGTERM when started from a script unless the default handlers
    # are restored; `env --default-signal` does that, so the test can stop it cleanly.
    command = ["env", "--default-signal=INT,TERM", str(Path(sys.executable).with_name("portrait"))]
    command += ["ui", "--config", str(config), "--port", str(port)]
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "dagster_home")}
    process = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        keys = wait_for_assets(port, process, seconds=180)
        assert ["marts", "customer_profiles"] in keys
        assert ["serving", "published"] in keys
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
