"""The alerts in the API: ``GET /api/alerts`` (paged, newest first, with the total, in the
declared shape) and ``GET /api/alerts/stream``, server-sent events from the real server
(uvicorn on loopback) that bring an alert recorded while the stream is open, and end when the
client goes away."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsgraph.alerts import parse_rules, run_alerts
from newsgraph.store import Store
from newsgraph.web import models as m
from tests.alerts.stories import NEW_IDS, store_copy

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)
EVENTS = {
    "name": "groups in events",
    "kind": "actor_event",
    "actors": ["Hamas", "Jaish-e-Mohammed"],
    "min_confidence": 0,
}
TIES = {"name": "hamas ties", "kind": "new_tie", "actors": "Hamas", "min_confidence": 0}


@pytest.fixture()
def alerts_db(tmp_path: Path) -> Path:
    """A store of the alert stories with the three event alerts recorded."""
    db = store_copy(tmp_path / "web-alerts.db")
    with Store.open(db) as store:
        assert len(run_alerts(store.engine, parse_rules([EVENTS]), (), NEW_IDS, now=NOW).raised) == 3
    return db


def serve(db: Path) -> Iterator[tuple[str, int, threading.Thread]]:
    """The real app over ``db`` under uvicorn in a thread: yields (host, port, thread) once,
    and stops the server when advanced again."""
    import uvicorn

    from newsgraph.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    srv = uvicorn.Server(
        uvicorn.Config(create_app(str(db), warm=False), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield "127.0.0.1", port, thread
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("unused", [None])
def test_the_alert_list_is_paged_newest_first(alerts_db: Path, unused: None) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(str(alerts_db), warm=False)) as client:
        first = client.get("/api/alerts", params={"limit": 2}).json()
        rest = client.get("/api/alerts", params={"limit": 2, "offset": 2}).json()
        assert (first["total"], len(first["items"]), len(rest["items"])) == (3, 2, 1)
        ids = [a["id"] for a in first["items"] + rest["items"]]
        assert ids == sorted(ids, reverse=True)
        m.Page[m.Alert].model_validate(first)
        a = first["items"][0]
        assert a["rule"] == "groups in events" and a["fact"]["kind"] == "event" and a["sentence_text"]
        assert a["document"] in NEW_IDS and a["outlet"] and a["title"]
        assert client.get("/api/alerts", params={"rule": "nope"}).json()["total"] == 0
        assert client.get("/api/alerts", params={"limit": 0}).status_code == 422
        bad = client.get("/api/alerts/stream", params={"after": "-1"})
        assert bad.status_code == 400 and set(bad.json()) == {"error"}


def read_events(response: http.client.HTTPResponse, want: int, timeout: float) -> list[dict[str, Any]]:
    """Read server-sent events until ``want`` alerts came (or ``timeout``)."""
    found: list[dict[str, Any]] = []
    event: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    while len(found) < want and time.monotonic() < deadline:
        line = response.readline().decode("utf-8").rstrip("\n")
        if line == "":
            if event.get("event") == "alert":
                found.append({"id": int(event["id"]), **json.loads(event["data"])})
            event = {}
        elif not line.startswith(":") and ":" in line:
            key, value = line.split(":", 1)
            event[key] = value.lstrip()
    return found


@pytest.mark.slow
@pytest.mark.parametrize("unused", [None])
def test_the_stream_brings_new_alerts_and_ends_when_the_client_leaves(alerts_db: Path, unused: None) -> None:
    server = serve(alerts_db)
    host, port, thread = next(server)
    try:
        # from the start: the alerts already recorded, oldest first
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/api/alerts/stream?after=0")
        response = conn.getresponse()
        assert response.status == 200 and response.getheader("Content-Type", "").startswith("text/event-stream")
        assert response.getheader("Content-Security-Policy"), "the security headers are on the stream too"
        assert [a["id"] for a in read_events(response, 3, 10)] == [1, 2, 3]
        response.close()
        conn.close()
        # from now on: an alert recorded while the stream is open comes through it
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/api/alerts/stream")
        response = conn.getresponse()
        assert response.readline().startswith(b"retry:")
        with Store.open(alerts_db) as store:
            raised = run_alerts(store.engine, parse_rules([TIES]), (), NEW_IDS, now=NOW).raised
        came = read_events(response, len(raised), 10)
        assert [a["id"] for a in came] == list(raised) and all(a["rule"] == "hamas ties" for a in came)
        response.close()
        conn.close()
    finally:
        t0 = time.monotonic()
        next(server, None)
    assert not thread.is_alive() and time.monotonic() - t0 < 8, "no stream kept the server from stopping"
