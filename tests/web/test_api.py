"""The JSON API of ``newsgraph.web.app`` on a real store of the samples: every route, its filters
and paging, offsets that index the document's text, the hostile story returned verbatim, the
security headers, and the token rule of ``POST /api/documents``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.errors import InputError
from newsgraph.web.app import create_app
from newsgraph.web.security import CSP
from tests.web.conftest import WATCHLIST_PERSON, WATCHLIST_REFERENCE, XSS_ID, XSS_IMG, XSS_SCRIPT, XSS_TITLE

pytestmark = pytest.mark.slow  # the session's store is ingested with the spaCy model

TOKEN = "s3cret-token-for-tests"


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def actor_id(client: TestClient, name: str) -> int:
    found = get(client, "/api/search", q=name)["actors"]
    assert found, f"no actor {name!r}"
    return int(found[0]["id"])


# -- summary and documents --------------------------------------------------------------------


def test_summary_counts_the_store(client: TestClient) -> None:
    s = get(client, "/api/summary")
    assert s["documents"] == 9 and s["words"] > 600
    assert s["sources"]["NWS"] >= 5
    assert s["first"] <= s["last"]
    assert min(s["entities"], s["claims"], s["events"], s["relations"], s["actors"]) > 0
    assert s["watchlist_hits"] >= 1


@pytest.mark.parametrize(("limit", "offset", "expected"), [(3, 0, 3), (3, 3, 3), (50, 8, 1), (50, 9, 0), (500, 0, 9)])
def test_documents_page(client: TestClient, limit: int, offset: int, expected: int) -> None:
    page = get(client, "/api/documents", limit=limit, offset=offset)
    assert (page["limit"], page["offset"], page["total"]) == (limit, offset, 9)
    assert len(page["items"]) == expected


def test_documents_pages_are_disjoint_and_newest_first(client: TestClient) -> None:
    whole = [d["id"] for d in get(client, "/api/documents")["items"]]
    pages = [d["id"] for o in (0, 4, 8) for d in get(client, "/api/documents", limit=4, offset=o)["items"]]
    assert pages == whole and len(set(whole)) == 9
    dates = [d["published"] or "" for d in get(client, "/api/documents")["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("source", "total"), [("NWS World", 2), ("nws world", 2), ("Nobody", 0)])
def test_documents_by_source(client: TestClient, source: str, total: int) -> None:
    page = get(client, "/api/documents", source=source)
    assert page["total"] == total == len(page["items"])
    assert all(d["source"].lower() == source.lower() for d in page["items"])


def _all_document_ids(client: TestClient) -> list[str]:
    return [d["id"] for d in get(client, "/api/documents")["items"]]


def test_document_offsets_index_its_text(client: TestClient) -> None:
    for doc_id in _all_document_ids(client):
        data = get(client, f"/api/documents/{doc_id}")
        assert set(data) >= {"document", "mentions", "entities", "claims", "events", "relations"}
        text = data["document"]["text"]
        assert data["document"]["id"] == doc_id
        for m in data["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
        for c in data["claims"]:
            assert text[c["start"] : c["end"]] == c["text"]
            if c["speaker"]:
                assert text[c["speaker"]["start"] : c["speaker"]["end"]] == c["speaker"]["text"]
            assert "speaker_name" in c
        for v in data["events"]:
            assert text[v["trigger"]["start"] : v["trigger"]["end"]] == v["trigger"]["text"]
            assert 0 <= v["sentence"]["start"] < v["sentence"]["end"] <= len(text)
        for r in data["relations"]:
            assert text[r["subject"]["start"] : r["subject"]["end"]] == r["subject"]["text"]


def test_document_claims_name_their_speaker_and_entities_their_actor(client: TestClient) -> None:
    doc_id = get(client, "/api/search", q="Dizon")["documents"][0]["id"]
    data = get(client, f"/api/documents/{doc_id}")
    assert "Ramon Dizon" in {c["speaker_name"] for c in data["claims"]}
    linked = [e for e in data["entities"] if e["actor"] is not None]
    assert linked and all(isinstance(e["actor_name"], str) for e in linked)
    person = next(e for e in linked if e["name"] == "Ramon Dizon")
    assert get(client, f"/api/actors/{person['actor']}")["actor"]["name"] == "Ramon Dizon"


def test_document_by_id_prefix(client: TestClient) -> None:
    assert get(client, "/api/documents/nws-2026-0314-ha")["document"]["id"] == "nws-2026-0314-hanoi"


def test_hostile_story_is_returned_verbatim_as_json(client: TestClient) -> None:
    r = client.get(f"/api/documents/{XSS_ID}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["content-security-policy"] == CSP
    doc = r.json()["document"]
    assert XSS_SCRIPT in doc["text"] and XSS_IMG in doc["text"]
    assert doc["title"] == XSS_TITLE
    listed = {d["id"]: d["title"] for d in get(client, "/api/documents", limit=500)["items"]}
    assert listed[XSS_ID] == XSS_TITLE


# -- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "document", "actor"),
    [
        ("Mekong", "nws-2026-0314-hanoi", "Mekong"),
        ("lithium", "nws-2026-0311-santiago", None),
        ("Dizon", None, "Ramon Dizon"),
    ],
)
def test_search_finds_documents_and_actors(
    client: TestClient, query: str, document: str | None, actor: str | None
) -> None:
    found = get(client, "/api/search", q=query)
    if document:
        hit = next(d for d in found["documents"] if d["id"] == document)
        assert query.lower() in hit["snippet"].lower()
    if actor:
        assert actor in [a["name"] for a in found["actors"]]


def test_search_tolerates_fts_syntax_errors(client: TestClient) -> None:
    found = get(client, "/api/search", q='"Mekong delta')
    assert isinstance(found["documents"], list) and isinstance(found["actors"], list)


def test_search_finds_the_hostile_story_by_its_words(client: TestClient) -> None:
    assert XSS_ID in [d["id"] for d in get(client, "/api/search", q="defaced")["documents"]]


# -- actors ----------------------------------------------------------------------------------


def test_actors_most_documented_first_with_total(client: TestClient) -> None:
    page = get(client, "/api/actors", limit=10)
    docs = [a["documents"] for a in page["items"]]
    assert docs == sorted(docs, reverse=True) and page["total"] > 40
    second = get(client, "/api/actors", limit=10, offset=10)
    assert not {a["id"] for a in page["items"]} & {a["id"] for a in second["items"]}


@pytest.mark.parametrize("kind", ["person", "state", "place"])
def test_actors_by_kind(client: TestClient, kind: str) -> None:
    page = get(client, "/api/actors", kind=kind, limit=500)
    assert page["items"] and all(a["kind"] == kind for a in page["items"])
    assert page["total"] == len(page["items"])


@pytest.mark.parametrize(
    ("q", "name"), [("dizon", "Ramon Dizon"), ("Workers Union", "Maritime Workers Union of Nigeria")]
)
def test_actors_by_name_or_alias(client: TestClient, q: str, name: str) -> None:
    assert name in [a["name"] for a in get(client, "/api/actors", q=q)["items"]]


def test_actor_has_names_kind_roles_and_counts(client: TestClient) -> None:
    a = get(client, f"/api/actors/{actor_id(client, 'Ramon Dizon')}")["actor"]
    assert a["name"] == "Ramon Dizon" and a["kind"] == "person"
    assert "Dizon" in a["aliases"]
    assert "President" in a["roles"]
    assert a["documents"] >= 1 and a["mentions"] >= 2


def test_place_actor_has_coordinates(client: TestClient) -> None:
    a = get(client, f"/api/actors/{actor_id(client, 'Lagos')}")["actor"]
    assert a["places"] and a["places"][0]["country"] == "NG"
    assert 6 < a["places"][0]["lat"] < 7 and 3 < a["places"][0]["lon"] < 4


def test_actor_watchlist_match_has_list_reference_score_and_reason(client: TestClient) -> None:
    data = get(client, f"/api/actors/{actor_id(client, WATCHLIST_PERSON)}")
    hit = next(h for h in data["watchlist"] if h["reference"] == WATCHLIST_REFERENCE)
    assert hit["list"] == "un" and hit["score"] >= 0.8 and hit["explanation"]
    assert hit["screened_name"] == WATCHLIST_PERSON
    other = get(client, f"/api/actors/{actor_id(client, 'Ramon Dizon')}")
    assert other["watchlist"] == []


def test_actor_timeline(client: TestClient) -> None:
    data = get(client, f"/api/actors/{actor_id(client, 'Ramon Dizon')}/timeline", min_confidence=0)
    assert data["actor"]["name"] == "Ramon Dizon"
    kinds = {i["kind"] for i in data["items"]}
    assert "event" in kinds
    assert all(i["document"] and i["text"] for i in data["items"])


def test_actor_network_is_centred_with_evidence(client: TestClient) -> None:
    aid = actor_id(client, "Meteorological Office")  # three ties in the samples (what its claims name)
    net = get(client, f"/api/actors/{aid}/network", min_confidence=0)  # every tie: this tests the centring
    nodes = {n["id"] for n in net["actors"]}
    assert net["center"] == [aid] and aid in nodes and len(nodes) > 2
    assert any(aid in (e["source"], e["target"]) for e in net["edges"])
    for e in net["edges"]:
        assert {e["source"], e["target"]} <= nodes
        assert e["evidence"] and all(ev["document"] and ev["sentence_text"] for ev in e["evidence"])


# -- records across documents -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "AGREE"}, lambda e: e["type"] == "AGREE"),
        ({"type": "agree"}, lambda e: e["type"] == "AGREE"),
        ({"where": "Abuja"}, lambda e: e["location"] and "Abuja" in e["location"]["text"]),
        ({"since": "2026-03"}, lambda e: e["date"]["value"] >= "2026-03"),
        ({"actor": "Dizon"}, lambda e: "Dizon" in e["sentence_text"]),
    ],
)
def test_events_filters(client: TestClient, params: dict[str, str], check: Any) -> None:
    page = get(client, "/api/events", **params, min_confidence=0)  # every event: these test the filters
    assert page["items"], params
    assert all(check(e) for e in page["items"])
    assert all(e["sentence_text"].strip() and "outlet" in e for e in page["items"])


def test_events_paging_is_consistent(client: TestClient) -> None:
    every = {"min_confidence": 0}
    whole = get(client, "/api/events", limit=500, **every)
    assert whole["total"] == len(whole["items"]) > 6
    first = get(client, "/api/events", limit=3, **every)
    second = get(client, "/api/events", limit=3, offset=3, **every)
    assert first["total"] == whole["total"]  # counted on every page (issue 18)
    key = lambda e: (e["document"], e["id"])  # noqa: E731
    assert [key(e) for e in first["items"] + second["items"]] == [key(e) for e in whole["items"][:6]]
    last = get(client, "/api/events", limit=3, offset=whole["total"] - 2, **every)
    assert last["total"] == whole["total"] and len(last["items"]) == 2


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"speaker": "Dizon"}, lambda c: c["speaker_name"] == "Ramon Dizon" or "Dizon" in c["speaker"]["text"]),
        ({"about": "typhoon"}, lambda c: "typhoon" in c["text"].lower()),
    ],
)
def test_claims_filters(client: TestClient, params: dict[str, str], check: Any) -> None:
    page = get(client, "/api/claims", min_confidence=0, **params)  # every claim: this tests the filters
    assert page["items"] and all(check(c) for c in page["items"])


def test_claims_of_nobody(client: TestClient) -> None:
    from newsgraph.extract.confidence import DEFAULT_THRESHOLD

    assert get(client, "/api/claims", speaker="Nobody At All") == {
        "items": [],
        "limit": 50,
        "offset": 0,
        "total": 0,
        "min_confidence": DEFAULT_THRESHOLD,
        "hidden_below_confidence": 0,
        "confidence_threshold": DEFAULT_THRESHOLD,
    }


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "has_role"}, lambda r: r["type"] == "has_role"),
        ({"actor": "Kenya"}, lambda r: "Kenya" in r["subject"]["text"] + r["object"]["text"]),
    ],
)
def test_relations_filters(client: TestClient, params: dict[str, str], check: Any) -> None:
    page = get(client, "/api/relations", **params, min_confidence=0)  # every relation: these test the filters
    assert page["items"] and all(check(r) for r in page["items"])
    assert all(r["sentence_text"] for r in page["items"])


# -- the network -----------------------------------------------------------------------------


def test_network_overview_nodes_edges_and_evidence(client: TestClient) -> None:
    net = get(client, "/api/network", limit=20)
    nodes = {n["id"] for n in net["actors"]}
    assert net["edges"] and len(net["edges"]) <= 20
    ids = [e["id"] for e in net["edges"]]
    assert len(ids) == len(set(ids))
    for e in net["edges"]:
        assert {e["source"], e["target"]} <= nodes
        assert e["type"] and e["modality"] and e["weight"] >= 1
        for ev in e["evidence"]:
            assert ev["document"] and ev["sentence_text"] and "speaker_name" in ev and "outlet" in ev
    assert [e["id"] for e in get(client, "/api/network", limit=20)["edges"]] == ids  # stable


def test_network_edge_ids_match_between_views(client: TestClient) -> None:
    # every tie (min_confidence 0): the samples' hub, the news service most stories quote
    overview = {e["id"]: e for e in get(client, "/api/network", limit=500, min_confidence=0)["edges"]}
    aid = actor_id(client, "NWS")
    around = get(client, "/api/network", actor="NWS", min_confidence=0)
    assert around["edges"]
    assert around["center"] == [aid]
    for e in around["edges"]:
        assert e["id"] in overview and overview[e["id"]]["type"] == e["type"]


@pytest.mark.parametrize("nodes", [2, 3, 5])
def test_network_neighbourhood_keeps_at_most_nodes(client: TestClient, nodes: int) -> None:
    aid = actor_id(client, "NWS")
    for url in ("/api/network", f"/api/actors/{aid}/network"):
        net = get(client, url, actor="NWS", depth=2, nodes=nodes, min_confidence=0)
        assert aid in {n["id"] for n in net["actors"]} and 1 < len(net["actors"]) <= nodes


def test_network_claims_carry_their_speaker(client: TestClient) -> None:
    net = get(client, "/api/network", type="says", limit=500)
    assert net["edges"] and all(e["type"] == "says" for e in net["edges"])
    assert any(ev["speaker_name"] for e in net["edges"] for ev in e["evidence"])


def test_network_type_filter_takes_commas(client: TestClient) -> None:
    net = get(client, "/api/network", type="located_in,says", limit=500, min_confidence=0)  # every tie
    assert {e["type"] for e in net["edges"]} <= {"located_in", "says"}
    assert {e["type"] for e in net["edges"]} == {"located_in", "says"}


def test_network_path(client: TestClient) -> None:
    data = get(client, "/api/network/path", a="Chile", b="Argentina", min_confidence=0)
    assert data["from"]["name"] == "Chile" and data["to"]["name"] == "Argentina"
    step = data["paths"][0]["steps"][0]
    assert step["evidence"]["sentence_text"] and step["evidence"]["document"] == "nws-2026-0311-santiago"


def test_network_path_without_chain(client: TestClient) -> None:
    data = get(client, "/api/network/path", a="Chile", b="Iceland")
    assert data["paths"] == []


def test_network_communities(client: TestClient) -> None:
    first = get(client, "/api/network/communities")
    assert first["nodes"] > 10 and first["edges"] > 5
    assert first["communities"] and all(c["size"] >= 2 for c in first["communities"])
    assert first["central"][0]["strength"] >= first["central"][-1]["strength"]
    assert get(client, "/api/network/communities") == first


# -- map and timeline ------------------------------------------------------------------------


def test_map_places_have_coordinates_and_events(client: TestClient) -> None:
    data = get(client, "/api/map")
    assert data["items"] and data["total"] == len(data["items"])
    for p in data["items"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["place"]
        assert p["events"] == len(set(p["event_ids"])) >= 1
        doc_id, event = p["event_ids"][0].rsplit(":", 1)
        data_doc = get(client, f"/api/documents/{doc_id}")
        event_record = next(v for v in data_doc["events"] if v["id"] == event)
        assert event_record["location"] is not None
    assert "Lagos" in {p["place"] for p in data["items"]}


def test_map_by_type(client: TestClient) -> None:
    every = get(client, "/api/map")["items"]
    agree = get(client, "/api/map", type="AGREE")["items"]
    assert sum(p["events"] for p in agree) < sum(p["events"] for p in every)


def test_timeline_by_month_counts_the_store(client: TestClient) -> None:
    data = get(client, "/api/timeline")
    dates = [i["date"] for i in data["items"]]
    assert dates == sorted(dates) and all(re.fullmatch(r"\d{4}-\d{2}", d) for d in dates)
    docs = get(client, "/api/documents", limit=500)["items"]
    assert sum(i["documents"] for i in data["items"]) == sum(1 for d in docs if d["published"])
    summary = get(client, "/api/summary")
    assert 0 < sum(i["events"] for i in data["items"]) <= summary["events"]
    assert 0 < sum(i["claims"] for i in data["items"]) <= summary["claims"]


def test_timeline_by_day_within_dates(client: TestClient) -> None:
    data = get(client, "/api/timeline", interval="day", since="2026-02-01", until="2026-02-28")
    assert data["items"] and all(re.fullmatch(r"2026-02-\d{2}", i["date"]) for i in data["items"])


# -- OpenAPI and headers ---------------------------------------------------------------------


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = set(get(client, "/openapi.json")["paths"])
    assert {
        "/api/summary",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/search",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/actors/{actor_id}/timeline",
        "/api/actors/{actor_id}/network",
        "/api/events",
        "/api/claims",
        "/api/relations",
        "/api/network",
        "/api/network/path",
        "/api/network/communities",
        "/api/map",
        "/api/timeline",
    } <= paths


def test_docs_page_is_served_from_this_server(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-security-policy"] == CSP
    sources = re.findall(r"<(?:script|link)[^>]*(?:src|href)=\"([^\"]+)\"", r.text)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text), "an inline script would break the CSP"
    for s in sources:
        asset = client.get(s)
        assert asset.status_code == 200 and len(asset.content) > 50, s


@pytest.mark.parametrize("url", ["/api/summary", "/api/documents", "/openapi.json", "/docs", "/api/no-such-route"])
def test_security_headers_on_every_response(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


# -- writing: the token rule -----------------------------------------------------------------

NEW_DOC = {
    "id": "nws-2026-0401-test",
    "title": "Kenya and Ethiopia agree on water sharing",
    "published": "2026-04-01",
    "source": "NWS",
    "text": "NAIROBI, April 1 (NWS) - Kenya and Ethiopia signed an agreement on Wednesday to share the waters "
    'of the Omo river, Kenyan Water Minister Amina Wekesa said. "This is a fair deal," she told reporters.',
}


@pytest.mark.parametrize("headers", [{}, {"Authorization": f"Bearer {TOKEN}"}])
def test_post_on_a_read_only_server_is_forbidden(client: TestClient, headers: dict[str, str]) -> None:
    r = client.post("/api/documents", json=NEW_DOC, headers=headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert "--token" in r.json()["error"]["message"]
    assert get(client, "/api/summary")["documents"] == 9


@pytest.fixture()
def writable(web_store_copy: Path) -> TestClient:
    return TestClient(create_app(str(web_store_copy), token=TOKEN))


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}]
)
def test_post_needs_the_token(writable: TestClient, headers: dict[str, str]) -> None:
    r = writable.post("/api/documents", json=NEW_DOC, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "unauthorized"
    assert get(writable, "/api/summary")["documents"] == 9


def test_post_ingests_like_the_cli(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = get(writable, "/api/timeline")  # answers over the whole store are cached until it changes
    assert get(writable, "/api/summary")["documents"] == 9
    kenya = get(writable, "/api/actors", q="Kenya", kind="state")["items"][0]["id"]
    kenya_before = {i["document"] for i in get(writable, f"/api/actors/{kenya}/timeline")["items"]}
    r = writable.post("/api/documents", json=NEW_DOC, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["new"] == 1 and body["failed"] == []
    assert [(d["id"], d["status"]) for d in body["documents"]] == [(NEW_DOC["id"], "new")]
    stored = get(writable, f"/api/documents/{NEW_DOC['id']}")
    assert stored["document"]["text"] == NEW_DOC["text"]
    assert {"Kenya", "Ethiopia"} <= {e["name"] for e in stored["entities"]}
    assert stored["claims"] and any(c["speaker_name"] == "Amina Wekesa" for c in stored["claims"])
    assert all(e["actor"] is not None for e in stored["entities"])  # resolved like an ingest
    again = writable.post("/api/documents", json=[NEW_DOC], headers=auth)
    assert again.status_code == 200 and again.json()["documents"][0]["status"] == "unchanged"
    changed = {**NEW_DOC, "text": NEW_DOC["text"] + " Talks resume in May."}
    version = writable.post("/api/documents", json=[changed], headers=auth)
    assert version.status_code == 201 and version.json()["documents"][0]["status"] == "version"
    assert get(writable, "/api/summary")["documents"] == 10
    after = get(writable, "/api/timeline")
    count = lambda t: sum(i["documents"] for i in t["items"] if i["date"] == "2026-04")  # noqa: E731
    assert count(after) == count(before) + 1
    kenya_after = {i["document"] for i in get(writable, f"/api/actors/{kenya}/timeline")["items"]}
    new_ids = {d for d in kenya_after - kenya_before if d.startswith(NEW_DOC["id"])}  # its current version
    assert new_ids == {f"{NEW_DOC['id']}@v2"}


def test_a_posted_document_is_stored_as_its_json_lines_record(writable: TestClient, tmp_path: Path) -> None:
    """The same fields, date, source (from the dateline) and sign-off as ``newsgraph ingest`` of a
    .jsonl line; ingested once, reported from the ingest's own results."""
    from newsgraph.ingest import read_inputs

    auth = {"Authorization": f"Bearer {TOKEN}"}
    record = {
        "title": "  Talks on the Nile resume ",
        "text": "CAIRO, May 3 (NWS) - Egypt and Sudan resumed talks on the Nile dam on Sunday, "
        "Egyptian Foreign Minister Sameh Shoukry said.\n\n(Reporting by Jane Doe; Editing by John Roe)",
    }
    line = tmp_path / "one.jsonl"
    line.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [read] = list(read_inputs([str(line)]))
    assert not isinstance(read, InputError)
    r = writable.post("/api/documents", json=[record, {"text": "  \n "}], headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["new"], body["versions"], body["unchanged"]) == (1, 0, 0)
    assert body["failed"] == [{"document": 2, "reason": "empty document"}]
    expected = {"id": read.id, "status": "new", "title": read.title, "published": read.published}
    assert body["documents"] == [{**expected, "source": read.source}]
    stored = get(writable, f"/api/documents/{read.id}")["document"]
    assert (stored["text"], stored["slug"], stored["origin"]) == (read.text, read.slug, "POST /api/documents#1")
    other = writable.post("/api/documents", json={**record, "text": record["text"] + " More."}, headers=auth)
    assert other.json()["documents"][0]["status"] == "new"  # no id, no URL: keyed by its text, not its place
    known = writable.post("/api/documents", json=record, headers=auth)
    assert known.status_code == 200 and known.json()["documents"] == [
        {**expected, "source": read.source, "status": "unchanged"}
    ]


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"title": "no text"}', b'{"text": ""}', b"[]", b'{"text": "x", "colour": "red"}', b'"text"'],
)
def test_post_refuses_what_is_not_a_document(writable: TestClient, body: bytes) -> None:
    r = writable.post(
        "/api/documents",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "bad_request"


def test_warm_computes_what_the_first_pages_ask_for(web_store_copy: Path) -> None:
    from newsgraph.web import api

    app = create_app(str(web_store_copy), warm=False)
    api.warm(app.state.engine)
    url = str(app.state.engine.url)
    warmed = {k for k in api.cache.items if k[0] == url}
    assert len(warmed) == 5
    plain = TestClient(app)
    for path in ("/api/summary", "/api/network", "/api/timeline", "/api/map", "/api/network/communities"):
        assert plain.get(path).status_code == 200
    assert {k for k in api.cache.items if k[0] == url} == warmed  # the same answers, not computed again


def test_newsgraph_serve_answers_on_loopback(web_store_copy: Path) -> None:
    """The real command in a process of its own: it binds 127.0.0.1 and serves the API with its headers."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    newsgraph = Path(sys.executable).parent / "newsgraph"
    proc = subprocess.Popen(
        [str(newsgraph), "serve", "--db", str(web_store_copy), "--port", str(port), "--log-level", "warning"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, r = time.monotonic() + 120, None
        while time.monotonic() < deadline and r is None:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5)
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.3)
        assert r is not None and r.status_code == 200 and r.json()["documents"] == 9
        assert r.headers["content-security-policy"] == CSP
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"serving {web_store_copy} on http://127.0.0.1:{port}/" in err and "read-only" in err
    assert "warning" not in err
