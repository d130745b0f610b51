"""The review over HTTP: watchlist hits with their status (``GET /api/watchlist/hits``), a hit
confirmed or dismissed (``POST /api/reviews``), actors merged or split (``POST
/api/actors/ID/merge|split``): token-protected writes (403 on a read-only server, 401 without the
token, nothing written), each answer in its model; the summary counts open, confirmed and
dismissed hits; a name that fits several actors answers 409 with the candidates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import models as m
from newsgraph.web.app import create_app
from tests.web.conftest import WATCHLIST_PERSON, WATCHLIST_REFERENCE

pytestmark = pytest.mark.slow  # the session's store is ingested with the spaCy model

TOKEN = "review-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DISMISS = {
    "screened_name": WATCHLIST_PERSON,
    "list": "un",  # the UN loader's name for its list
    "reference": WATCHLIST_REFERENCE,
    "decision": "dismiss",
    "decided_by": "alice",
    "note": "a namesake, not the listed man",
}


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture()
def writable(web_store_copy: Path) -> TestClient:
    return TestClient(create_app(str(web_store_copy), token=TOKEN, warm=False))


def person_id(client: TestClient) -> int:
    return int(get(client, "/api/search", q=WATCHLIST_PERSON)["actors"][0]["id"])


def test_hits_are_listed_open_with_their_model(client: TestClient) -> None:
    body = get(client, "/api/watchlist/hits")
    m.Page[m.WatchlistHit].model_validate(body)
    [hit] = [h for h in body["items"] if h["reference"] == WATCHLIST_REFERENCE]
    assert hit["screened_name"] == WATCHLIST_PERSON and hit["status"] == "open" and hit["review"] is None
    assert hit["list"] == DISMISS["list"]
    assert hit["kind"] == "person" and hit["documents"] >= 1
    assert body["total"] == get(client, "/api/summary")["watchlist_hits"]
    assert get(client, "/api/watchlist/hits", status="dismissed")["items"] == []
    assert get(client, "/api/summary")["watchlist_review"] == {"open": body["total"], "confirmed": 0, "dismissed": 0}


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/reviews", DISMISS),
        ("/api/actors/1/merge", {"other": "#2", "decided_by": "alice"}),
        ("/api/actors/1/split", {"document": "x", "entity_id": "e1", "decided_by": "alice"}),
    ],
)
def test_writes_on_a_read_only_server_are_forbidden(client: TestClient, url: str, body: dict[str, Any]) -> None:
    for headers in ({}, AUTH):
        r = client.post(url, json=body, headers=headers)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden", r.text
        assert "--token" in r.json()["error"]["message"]
    assert get(client, "/api/reviews")["total"] == 0


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}]
)
@pytest.mark.parametrize("url", ["/api/reviews", "/api/actors/1/merge", "/api/actors/1/split"])
def test_writes_need_the_token(writable: TestClient, headers: dict[str, str], url: str) -> None:
    r = writable.post(url, json=DISMISS, headers=headers)  # the token is checked before the body is read
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", r.text
    assert r.json()["error"]["code"] == "unauthorized"
    assert get(writable, "/api/reviews")["total"] == 0
    assert get(writable, "/api/summary")["watchlist_review"]["dismissed"] == 0


def test_dismissing_a_hit_changes_its_status_the_actor_page_and_the_counts(writable: TestClient) -> None:
    before = get(writable, "/api/summary")["watchlist_review"]  # cached until the store changes
    r = writable.post("/api/reviews", json=DISMISS, headers=AUTH)
    assert r.status_code == 201, r.text
    hit = r.json()
    m.WatchlistHit.model_validate(hit)
    assert hit["status"] == "dismissed" and hit["review"]["decided_by"] == "alice"
    assert hit["review"]["note"] == DISMISS["note"] and hit["review"]["decided_at"]
    after = get(writable, "/api/summary")["watchlist_review"]
    assert after == {**before, "open": before["open"] - 1, "dismissed": before["dismissed"] + 1}
    page = get(writable, f"/api/actors/{person_id(writable)}")
    [shown] = [h for h in page["watchlist"] if h["reference"] == WATCHLIST_REFERENCE]
    assert shown["status"] == "dismissed" and shown["review"]["seq"] == hit["review"]["seq"]
    confirm = {**DISMISS, "decision": "confirm", "decided_by": "bob", "note": "same date of birth"}
    assert writable.post("/api/reviews", json=confirm, headers=AUTH).json()["status"] == "confirmed"
    assert get(writable, "/api/summary")["watchlist_review"]["confirmed"] == before["confirmed"] + 1
    history = get(writable, "/api/reviews")
    m.Page[m.HitReview].model_validate(history)
    assert [(x["decided_by"], x["status"]) for x in history["items"]] == [("bob", "confirmed"), ("alice", "dismissed")]
    assert [h["screened_name"] for h in get(writable, "/api/watchlist/hits", status="confirmed")["items"]] == [
        WATCHLIST_PERSON
    ]


@pytest.mark.parametrize(
    ("change", "status", "says"),
    [
        ({"screened_name": "Nobody Known"}, 404, "no hit"),
        ({"reference": "QDi.000"}, 404, "no hit"),
        ({"decision": "maybe"}, 400, "decision"),
        ({"note": ""}, 400, "note"),
        ({"decided_by": "  "}, 400, "say who decides"),
        ({"colour": "red"}, 400, "colour"),
    ],
)
def test_a_review_needs_a_stored_hit_who_and_why(
    writable: TestClient, change: dict[str, Any], status: int, says: str
) -> None:
    r = writable.post("/api/reviews", json={**DISMISS, **change}, headers=AUTH)
    assert r.status_code == status, r.text
    assert says in r.json()["error"]["message"]
    assert get(writable, "/api/reviews")["total"] == 0


def test_merge_then_split_from_the_api(writable: TestClient) -> None:
    nws = get(writable, "/api/search", q="NWS")["actors"][0]
    assert nws["name"] == "NWS" and nws["documents"] >= 2
    doc_actor = get(writable, f"/api/actors/{nws['id']}")
    link = doc_actor["links"][0]
    r = writable.post(
        f"/api/actors/{nws['id']}/split",
        json={"document": link["document"], "entity_id": link["entity_id"], "decided_by": "alice", "note": "t"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    split = m.SplitResult.model_validate(r.json())
    assert split.actor.name == "NWS" and split.from_ is not None and split.from_.id == nws["id"]
    assert split.decision is not None and split.decision.decided_by == "alice"
    assert split.from_.documents == nws["documents"] - 1 and split.actor.documents == 1

    # now two actors answer to "NWS": named, the network refuses to pick one (409, the candidates)
    r = writable.get("/api/network", params={"actor": "NWS"})
    assert r.status_code == 409, r.text
    error = r.json()["error"]
    m.AmbiguousActorError.model_validate(r.json())
    assert error["code"] == "ambiguous_actor"
    assert [c["id"] for c in error["candidates"]] == [nws["id"], split.actor.id]  # most documented first
    assert "#ID" in error["message"]
    r = writable.get("/api/network/path", params={"a": "NWS", "b": f"#{nws['id']}"})
    assert r.status_code == 409 and r.json()["error"]["candidates"]
    assert writable.get("/api/network", params={"actor": f"#{split.actor.id}"}).status_code == 200
    r = writable.post(f"/api/actors/{nws['id']}/merge", json={"other": "NWS", "decided_by": "bob"}, headers=AUTH)
    assert r.status_code == 409  # nor does a merge pick one

    r = writable.post(
        f"/api/actors/{nws['id']}/merge",
        json={"other": f"#{split.actor.id}", "decided_by": "bob", "note": "one agency"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    merged = m.Merged.model_validate(r.json())
    assert merged.decision is not None and merged.decision.decided_by == "bob"
    # the two actors the user chose are one again, though both are named "NWS"
    assert merged.merged and merged.actor.id == nws["id"] and merged.actor.documents == nws["documents"]
    assert writable.get("/api/actors/" + str(split.actor.id)).status_code == 404
    assert [a["id"] for a in get(writable, "/api/search", q="NWS")["actors"] if a["name"] == "NWS"] == [nws["id"]]
    assert merged.decision.note == "one agency"
    page = get(writable, f"/api/actors/{merged.actor.id}")
    assert {d["decided_by"] for d in page["decisions"]} >= {"bob"}
    m.ActorPage.model_validate(page)


def test_a_split_of_an_entity_of_another_actor_is_refused(writable: TestClient) -> None:
    nws = get(writable, "/api/search", q="NWS")["actors"][0]
    other = get(writable, f"/api/actors/{person_id(writable)}")["links"][0]
    r = writable.post(
        f"/api/actors/{nws['id']}/split",
        json={"document": other["document"], "entity_id": other["entity_id"], "decided_by": "alice"},
        headers=AUTH,
    )
    assert r.status_code == 400 and "is not linked to NWS" in r.json()["error"]["message"]
