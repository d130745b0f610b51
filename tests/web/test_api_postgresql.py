"""The API over a PostgreSQL store: every read route answers as it does on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pg_client(postgresql_url: str) -> Iterator[object]:
    """A fresh database on the test server, with the samples ingested by the real pipeline."""
    import sqlalchemy as sa
    from fastapi.testclient import TestClient

    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store
    from newsgraph.web.app import create_app

    server = sa.create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS newsgraph_web_api"))
        conn.execute(sa.text("CREATE DATABASE newsgraph_web_api"))
    server.dispose()
    url = postgresql_url.rsplit("/", 1)[0] + "/newsgraph_web_api"
    with Store.open(url) as store:
        report = ingest(read_inputs([str(ROOT / "samples")]), store)
        assert report.failed == 0 and report.new > 0, report
    with TestClient(create_app(url)) as client:
        yield client


def _first_actor(client) -> dict:  # type: ignore[no-untyped-def,type-arg]
    items = client.get("/api/actors", params={"limit": 5}).json()["items"]
    assert items
    return items[0]  # type: ignore[no-any-return]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/api/summary", None),
        ("/api/documents", "items"),
        ("/api/search?q=port", "documents"),
        ("/api/actors?q=Nig", "items"),
        ("/api/events?min_confidence=0", "items"),  # every event: the samples hold none above the default
        ("/api/claims", "items"),
        ("/api/relations?min_confidence=0", "items"),
        ("/api/network?min_confidence=0", "edges"),
        ("/api/network/communities", None),
        ("/api/map", "items"),
        ("/api/timeline", None),
    ],
)
def test_read_routes_answer_on_postgresql(pg_client, path: str, key: str | None) -> None:  # type: ignore[no-untyped-def]
    r = pg_client.get(path)
    assert r.status_code == 200, r.text
    body = r.json()
    if key is not None:
        assert body[key], f"{path}: empty {key}"


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["", "/timeline", "/network"])
def test_actor_routes_answer_on_postgresql(pg_client, suffix: str) -> None:  # type: ignore[no-untyped-def]
    actor = _first_actor(pg_client)
    r = pg_client.get(f"/api/actors/{actor['id']}{suffix}")
    assert r.status_code == 200, r.text


@pytest.mark.slow
@pytest.mark.parametrize("key", ["document"])
def test_a_document_answers_on_postgresql(pg_client, key: str) -> None:  # type: ignore[no-untyped-def]
    doc = pg_client.get("/api/documents", params={"limit": 1}).json()["items"][0]
    r = pg_client.get(f"/api/documents/{doc['id']}")
    assert r.status_code == 200, r.text
    assert r.json()[key]["text"]


@pytest.fixture(scope="module")
def pg_wide(postgresql_url: str) -> Iterator[object]:
    """A fresh database of 300 documents written by hand (no spaCy model): its engine."""
    import sqlalchemy as sa

    from newsgraph.records import Document, Extraction
    from newsgraph.store import Store

    server = sa.create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS newsgraph_web_limits"))
        conn.execute(sa.text("CREATE DATABASE newsgraph_web_limits"))
    server.dispose()
    with Store.open(postgresql_url.rsplit("/", 1)[0] + "/newsgraph_web_limits") as store:
        words = "talks between the ministers of Chile and Peru on fishing rights " * 40
        store.save_many(Extraction(document=Document(id=f"d{i}", text=f"{words} {i}")) for i in range(300))
        yield store.engine


@pytest.mark.parametrize(("seconds", "stopped"), [(0.001, True), (5.0, False)])
def test_a_search_over_its_time_is_stopped_on_postgresql(
    pg_wide: object, seconds: float, stopped: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.errors import BadRequest
    from newsgraph.store import documents as doc_store

    monkeypatch.setattr(doc_store, "SEARCH_SECONDS", seconds)
    if stopped:
        with pytest.raises(BadRequest, match="stopped after"):
            doc_store.search(pg_wide, "talks Chile fishing")  # type: ignore[arg-type]
    else:
        assert len(doc_store.search(pg_wide, "talks Chile fishing")) == 20  # type: ignore[arg-type]


@pytest.mark.slow
def test_trends_of_an_actor_answer_on_postgresql(pg_client) -> None:  # type: ignore[no-untyped-def]
    """Who is quoted in the documents naming the actor (its documents read once, as a subquery)."""
    actor = _first_actor(pg_client)
    r = pg_client.get("/api/trends", params={"actor": f"#{actor['id']}", "min_confidence": 0})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["speakers"] and body["claims"] >= sum(s["claims"] for s in body["speakers"]) > 0
    words = pg_client.get("/api/trends", params={"q": "port", "min_confidence": 0})
    assert words.status_code == 200 and words.json()["documents"] > 0, words.text
