"""A search whose client goes away is stopped in the database within a second (issue 16, item 1),
on SQLite and on a real PostgreSQL, through a real server on loopback: the request is sent on a
raw socket, the socket is closed while the query runs, and the query must be gone.

The queries are slow because the store is large for them (our real search path: no test-only
function): on SQLite a NEAR of 30 words over 2,000 documents, on PostgreSQL a word found in no
document, which reads every document's text."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsgraph.records import Document, Extraction
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from newsgraph.web.app import create_app
from tests.web.test_server import served

WORDS = "talks between the ministers of Chile and Peru on fishing rights "
NEAR = "NEAR(" + " ".join((WORDS.split() * 3)[:30]) + ", 1000)"
"""30 words within 1,000 of each other: FTS5 tries every placement (seconds over this store)."""
STOPPED_WITHIN = 1.0
"""How long after the client leaves its query may still run."""


def fill(store: Store, n: int, size: int) -> None:
    store.save_many(
        Extraction(document=Document(id=f"d{i}", text=WORDS * (size // len(WORDS)) + f" w{i}")) for i in range(n)
    )


@pytest.fixture(scope="module")
def sqlite_wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cancel") / "wide.db"
    with Store.open(path) as store:
        fill(store, 2000, 5000)
    return path


@pytest.fixture(scope="module")
def pg_wide(postgresql_url: str) -> Iterator[str]:
    import sqlalchemy as sa

    server = sa.create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS newsgraph_cancel"))
        conn.execute(sa.text("CREATE DATABASE newsgraph_cancel"))
    server.dispose()
    url = postgresql_url.rsplit("/", 1)[0] + "/newsgraph_cancel"
    with Store.open(url) as store:
        fill(store, 80, 250_000)
    yield url


def ask_and_leave(port: int, query: str, running: Callable[[], bool], leave_after: float = 0.5) -> float:
    """Send ``GET /api/search?q=query``, wait until ``running()`` says the query runs (and
    ``leave_after`` more) with no answer yet, close the socket: the moment it was closed
    (``time.time()``, as log records say)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(f"GET /api/search?q={quote(query)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        deadline = time.monotonic() + 10
        while not running():
            assert time.monotonic() < deadline, "the query never started"
            time.sleep(0.02)
        time.sleep(leave_after)
        s.setblocking(False)
        with pytest.raises(BlockingIOError):  # no answer yet: the query still runs
            s.recv(1)
        assert running(), "the query ended before the client left: the store is too small to test this"
    finally:
        s.close()
    return time.time()


def stop_logged(caplog: pytest.LogCaptureFixture, within: float) -> logging.LogRecord:
    """The search's record saying it was stopped because its client left."""
    deadline = time.monotonic() + within + 5
    while time.monotonic() < deadline:
        for record in caplog.records:
            if "its client left" in record.getMessage():
                return record
        time.sleep(0.05)
    raise AssertionError("the search never said it was stopped")


@pytest.mark.slow
@pytest.mark.parametrize("query", [NEAR])
def test_a_search_on_sqlite_stops_when_its_client_leaves(
    sqlite_wide: Path, query: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc_store, "SEARCH_SECONDS", 120.0)  # only the client's leaving stops it
    caplog.set_level(logging.INFO, logger="newsgraph.store")
    with served(create_app(str(sqlite_wide), warm=False)) as port:
        closed = ask_and_leave(port, query, running=lambda: True)
        record = stop_logged(caplog, STOPPED_WITHIN)
    assert record.created - closed < STOPPED_WITHIN, f"the query ran {record.created - closed:.2f} s after"


@pytest.mark.slow
@pytest.mark.parametrize("query", ["zebra"])
def test_a_search_on_postgresql_is_cancelled_when_its_client_leaves(
    pg_wide: str, query: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlalchemy as sa

    monkeypatch.setattr(doc_store, "SEARCH_SECONDS", 120.0)  # only the client's leaving stops it
    caplog.set_level(logging.INFO, logger="newsgraph.store")
    watcher = sa.create_engine(pg_wide, isolation_level="AUTOCOMMIT")
    activity = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%ts_headline%' "
        "AND pid <> pg_backend_pid()"
    )

    def running() -> bool:
        with watcher.connect() as conn:
            return bool(conn.execute(activity).scalar())

    try:
        with served(create_app(pg_wide, warm=False)) as port:
            closed = ask_and_leave(port, query, running)
            while running():
                assert time.time() - closed < STOPPED_WITHIN, "the query still runs in PostgreSQL"
                time.sleep(0.02)
            gone = time.time() - closed
            stop_logged(caplog, STOPPED_WITHIN)
    finally:
        watcher.dispose()
    assert gone < STOPPED_WITHIN
