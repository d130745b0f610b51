"""``newsgraph serve``: loopback by default, a clear refusal of a missing store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.cli.serve import is_loopback

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
"""The environment of a ``newsgraph`` subprocess: this checkout's package, not the installed one."""


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    out = subprocess.run(
        [str(NEWSGRAPH), "serve", "--db", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )
    assert out.returncode == 4
    assert f"no store at {missing}" in out.stderr and "bash run demo" in out.stderr
    assert not missing.exists()  # not created by the refusal


def test_serve_help_names_the_defaults() -> None:
    out = subprocess.run([str(NEWSGRAPH), "serve", "--help"], capture_output=True, text=True, timeout=120, env=ENV)
    assert out.returncode == 0
    assert "127.0.0.1" in out.stdout and "NEWSGRAPH_TOKEN" in out.stdout and "Example" in out.stdout
    assert "--allow-host" in out.stdout and "DNS rebinding" in out.stdout


@pytest.mark.parametrize(
    ("options", "host", "status"),
    [
        ([], "127.0.0.1:8000", 200),
        ([], "localhost", 200),
        ([], "[::1]:8000", 200),
        ([], "attacker.example", 400),
        ([], "testserver", 400),  # only an app made without hosts (a test's) answers TestClient's name
        (["--host", "192.0.2.7"], "192.0.2.7:8000", 200),
        (["--allow-host", "news.example"], "news.example", 200),
        (["--allow-host", "*"], "attacker.example", 200),
    ],
)
def test_serve_answers_only_its_hosts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], host: str, status: int
) -> None:
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from newsgraph.cli import cli
    from newsgraph.store import Store
    from newsgraph.web import server

    db = tmp_path / "empty.db"
    Store.open(db).close()
    served: dict[str, Any] = {}
    monkeypatch.setattr(server, "run", lambda app, host, port, **options: served.update(app=app, options=options))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    with TestClient(served["app"]) as client:
        assert client.get("/api/summary", headers={"host": host}).status_code == status


@pytest.mark.slow
@pytest.mark.parametrize("missing", [True])
def test_serve_warns_when_the_browser_libraries_are_missing(tmp_path: Path, missing: bool) -> None:
    import socket

    from newsgraph.store import Store

    db = tmp_path / "empty.db"
    Store.open(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**ENV, "NEWSGRAPH_NODE_MODULES": str(tmp_path / "no-node-modules")}
    proc = subprocess.Popen(
        [str(NEWSGRAPH), "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        lines = []
        for line in proc.stderr:
            lines.append(line)
            if "serving" in line:
                break
        text = "".join(lines)
        assert ("not installed" in text and "bash run setup" in text) == missing, text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
