"""Hostile requests get a 4xx in the one error shape, never a 500, a hang or an unbounded read:
the Host allow-list, the URL's length, NUL, numbers past 64 bits, the body counted as it streams
in, bounded search, the relative trailing-slash redirect. Over a small store written by hand (no
spaCy model), so these run in seconds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.errors import BadRequest
from newsgraph.records import Document, Extraction
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from newsgraph.web import api
from newsgraph.web.app import create_app
from newsgraph.web.security import CSP, MAX_URL_BYTES, host_name

TOKEN = "limits-token"
WORDS = "Talks between the ministers of Chile and Peru ended on Monday without an agreement on fishing rights"


def hand_store(path: Path, n: int = 3) -> Path:
    """A store of ``n`` short documents with no extraction, written without the spaCy model."""
    with Store.open(path) as store:
        for i in range(n):
            doc = Document(
                id=f"doc-{i}", text=f"{WORDS} ({i}).", title=f"Talks {i}", source="NWS", published="2026-01-02"
            )
            store.save(Extraction(document=doc))
    return path


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hand_store(tmp_path_factory.mktemp("limits") / "small.db")


@pytest.fixture(scope="module")
def wide_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough documents that a search runs past the database's first progress check."""
    return hand_store(tmp_path_factory.mktemp("limits") / "wide.db", n=200)


@pytest.fixture(scope="module")
def small(small_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(small_db), token=TOKEN, warm=False)) as c:
        yield c


def assert_refused(r: Any, status: int) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    error = r.json()["error"]
    assert error["status"] == status and len(error["message"]) > 10
    assert r.headers["content-security-policy"] == CSP


# -- item 9: no 500 on bad input ---------------------------------------------------------------

BIG = str(2**63)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/api/documents?offset={BIG}", 422),
        (f"/api/events?offset={BIG}", 422),
        (f"/api/claims?offset={BIG}", 422),
        (f"/api/relations?offset={BIG}", 422),
        (f"/api/actors?offset={BIG}", 422),
        (f"/api/network/communities?min_weight={BIG}", 422),
        (f"/api/actors/{BIG}", 404),
        (f"/api/actors/-{BIG}0", 404),
        (f"/api/actors/{BIG}/timeline", 404),
        (f"/api/actors/{BIG}/network", 404),
        (f"/api/search?q=%23{BIG}", 404),
        (f"/api/network?actor=%23{BIG}", 404),
        (f"/api/network/path?a=%23{'9' * 5000}&b=Chile", 404),
        ("/api/search?q=%00", 400),
        ("/api/search?q=Chile%00", 400),
        ("/api/actors?q=%00", 400),
        ("/static/a%00b.js", 400),
        ("/static/" + "a" * 300 + ".js", 404),  # a name too long for the file system
        ("/api/documents/doc%00", 400),
        ("/api/search?q=" + "a" * 65_000, 414),
        ("/api/claims?about=" + "a" * 65_000, 414),
        ("/api/documents/" + "d" * 65_000, 414),
        ("/api/actors/" + "9" * 65_000, 414),
    ],
)
def test_bad_input_is_refused_not_a_500(small: TestClient, url: str, status: int) -> None:
    assert_refused(small.get(url), status)


# -- item 10: the Host allow-list and the trailing-slash redirect ------------------------------


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("localhost:8000", 200),
        ("127.0.0.1:8000", 200),
        ("[::1]:8000", 200),
        ("LOCALHOST.", 200),
        ("attacker.example", 400),
        ("attacker.example:8000", 400),
        ("127.0.0.1.attacker.example", 400),
    ],
)
def test_only_the_allowed_hosts_are_answered(small: TestClient, host: str, status: int) -> None:
    r = small.get("/api/summary", headers={"host": host})
    assert r.status_code == status, r.text
    if status == 400:
        assert_refused(r, 400)
        assert "--allow-host" in r.json()["error"]["message"]


@pytest.mark.parametrize(("allowed", "host", "status"), [(["news.example"], "news.example", 200), (["*"], "x.y", 200)])
def test_allowed_hosts_are_configurable(small_db: Path, allowed: list[str], host: str, status: int) -> None:
    with TestClient(create_app(str(small_db), warm=False, allowed_hosts=allowed), base_url=f"http://{host}") as c:
        assert c.get("/api/summary").status_code == status
        assert c.get("/api/summary", headers={"host": "testserver"}).status_code == (200 if "*" in allowed else 400)


@pytest.mark.parametrize(
    ("path", "location"),
    [("/api/actors/", "/api/actors"), ("/network/", "/network"), ("/api/summary/?x=1", "/api/summary?x=1")],
)
def test_the_trailing_slash_redirect_never_names_a_host(small_db: Path, path: str, location: str) -> None:
    with TestClient(create_app(str(small_db), warm=False, allowed_hosts=["*"])) as c:
        r = c.get(path, headers={"host": "attacker.example"}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == location
    assert r.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("path", ["/api/nothing/", "/api//summary/"])
def test_no_redirect_to_another_host_or_to_nothing(small: TestClient, path: str) -> None:
    r = small.get(path, follow_redirects=False)
    assert r.status_code == 404 and "location" not in r.headers


# -- item 11: the body is counted as it streams in ---------------------------------------------


def call(app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]], chunks: Iterator[bytes]) -> Any:
    """Run one request through the ASGI app, its body sent in ``chunks`` (chunked: no length)."""
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"localhost"), *headers], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))
    return sent


@pytest.mark.parametrize("chunk_size", [64 * 1024])
def test_a_chunked_body_is_refused_at_the_cap_without_reading_it_whole(
    small_db: Path, chunk_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "MAX_POST_BYTES", 1_000_000)
    app = create_app(str(small_db), token=TOKEN, warm=False)
    read = 0

    def endless() -> Iterator[bytes]:
        nonlocal read
        for _ in range(10_000):  # 655 MB, were it read whole
            read += chunk_size
            yield b" " * chunk_size

    headers = [(b"authorization", f"Bearer {TOKEN}".encode()), (b"transfer-encoding", b"chunked")]
    sent = call(app, "POST", "/api/documents", headers, endless())
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert (b"connection", b"close") in sent[0]["headers"]  # the server reads no more of it
    assert read <= 1_000_000 + chunk_size
    assert b"send at most 1,000,000" in sent[1]["body"]


@pytest.mark.parametrize(("token", "status", "closes"), [("wrong", 401, True), (TOKEN, 400, False)])
def test_an_answer_before_the_body_is_read_closes_the_connection(
    small_db: Path, token: str, status: int, closes: bool
) -> None:
    app = create_app(str(small_db), token=TOKEN, warm=False)
    headers = [(b"authorization", f"Bearer {token}".encode()), (b"transfer-encoding", b"chunked")]
    sent = call(app, "POST", "/api/documents", headers, iter([b"[", b"]"]))
    assert sent[0]["status"] == status
    assert ((b"connection", b"close") in sent[0]["headers"]) is closes


@pytest.mark.parametrize("length", [api.MAX_POST_BYTES + 1])
def test_a_declared_length_over_the_cap_is_refused_unread(small: TestClient, length: int) -> None:
    r = small.post(
        "/api/documents", content=b"{}", headers={"authorization": f"Bearer {TOKEN}", "content-length": str(length)}
    )
    assert_refused(r, 413)
    assert r.headers["connection"] == "close"


# -- item 1: a bounded search -----------------------------------------------------------------


@pytest.mark.parametrize("words", [166])
def test_a_search_of_many_repeated_words_is_fast(small: TestClient, words: int) -> None:
    started = time.monotonic()
    r = small.get("/api/search", params={"q": " ".join(["talks"] * words)})  # 995 characters: searched once
    assert r.status_code == 200 and len(r.json()["documents"]) == 3
    r = small.get("/api/search", params={"q": " ".join(["Chile"] * 1200)})  # the campaign's 4.8 KB: refused
    assert_refused(r, 400)
    assert "at most 1,000" in r.json()["error"]["message"]
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("query", "searched"),
    [("talks talks Talks talks", "talks Talks"), ("a OR b OR c", "a OR b OR c"), ('"a b" "a b"', '"a b" "a b"')],
)
def test_search_terms_dedupes_plain_words_only(query: str, searched: str) -> None:
    assert doc_store.search_terms(query) == searched


@pytest.mark.parametrize(
    "query", [" ".join(f"w{i}" for i in range(33)), " OR ".join(f"w{i}" for i in range(20)), "x" * 1001, "a\x00b", "  "]
)
def test_search_terms_refuses_a_costly_query(query: str) -> None:
    with pytest.raises(BadRequest):
        doc_store.search_terms(query)


@pytest.mark.parametrize("seconds", [0.0])
def test_a_search_over_its_time_is_stopped(wide_db: Path, seconds: float, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_store, "SEARCH_SECONDS", seconds)
    with Store.open(wide_db, create=False) as store, pytest.raises(BadRequest, match="stopped after"):
        doc_store.search(store.engine, "talks")


@pytest.mark.parametrize("query", ["talks", "talks AND (", "Chile Peru fishing"])
def test_a_search_whose_client_left_is_stopped(wide_db: Path, query: str) -> None:
    with Store.open(wide_db, create=False) as store, pytest.raises(BadRequest, match="client left"):
        doc_store.search(store.engine, query, cancelled=lambda: True)


@pytest.mark.parametrize(("value", "name"), [("[::1]:80", "::1"), ("Example.ORG.:8000", "example.org"), ("::1", "::1")])
def test_host_name(value: str, name: str) -> None:
    assert host_name(value) == name


@pytest.mark.parametrize("size", [MAX_URL_BYTES])
def test_a_url_at_the_limit_is_still_served(small: TestClient, size: int) -> None:
    path = "/api/claims?about="
    assert small.get(path + "a" * (size - len(path))).status_code == 200
