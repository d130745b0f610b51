"""One JSON shape per resource: every route of the API declares its answer's model
(``newsgraph.web.models``), and the answers on the test store are exactly those models (no field
the model does not declare, none missing), for every route and a sample of filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from newsgraph.web import models as m
from newsgraph.web.app import create_app
from tests.web.conftest import WATCHLIST_PERSON, XSS_ID

pytestmark = pytest.mark.slow  # the session's store is ingested with the spaCy model

TOKEN = "s3cret-token-for-models"


def test_every_route_declares_its_response_model(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    assert len(paths) >= 15
    for path, operations in paths.items():
        for method, op in operations.items():
            ok = [code for code in op["responses"] if code.startswith("2")]
            assert ok, f"{method.upper()} {path} declares no success answer"
            for code in ok:
                schema = op["responses"][code].get("content", {}).get("application/json", {}).get("schema", {})
                assert "$ref" in schema, f"{method.upper()} {path} answers {code} without a response model: {schema}"


def test_every_model_has_an_example(client: TestClient) -> None:
    schemas = client.app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
    routes = {
        op["responses"][code]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for operations in client.app.openapi()["paths"].values()  # type: ignore[attr-defined]
        for op in operations.values()
        for code in op["responses"]
        if code.startswith("2")
    }
    for name in routes:
        if name.startswith(("Page", "ConfidencePage", "DocumentPage")):
            item = schemas[name]["properties"].get("items", {}).get("items", {}).get("$ref", "")
            name = item.rsplit("/", 1)[1] if item else name
        assert schemas[name].get("examples"), f"{name} has no example"


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def valid(model: type[BaseModel] | Any, body: Any) -> None:
    model.model_validate(body)


def ids(client: TestClient) -> tuple[int, int, str]:
    """A well-tied actor, the watchlisted person, and a document with claims, events and relations."""
    hub = get(client, "/api/network", limit=1)["edges"][0]["source"]
    person = get(client, "/api/search", q=WATCHLIST_PERSON)["actors"][0]["id"]
    doc = get(client, "/api/relations", min_confidence=0)["items"][0]["document"]
    return hub, person, doc


ROUTES: list[tuple[str, Any, dict[str, Any]]] = [
    ("/api/summary", m.Summary, {}),
    ("/api/documents", m.Page[m.DocumentSummary], {}),
    ("/api/documents", m.Page[m.DocumentSummary], {"source": "NWS", "limit": 2}),
    (f"/api/documents/{XSS_ID}", m.DocumentPage, {}),
    ("/api/documents/{doc}", m.DocumentPage, {}),
    ("/api/search", m.SearchResults, {"q": "Kenya"}),
    ("/api/actors", m.Page[m.Actor], {}),
    ("/api/actors", m.Page[m.Actor], {"kind": "state", "limit": 3}),
    ("/api/actors/{hub}", m.ActorPage, {}),
    ("/api/actors/{person}", m.ActorPage, {}),
    ("/api/actors/{hub}/timeline", m.ActorTimeline, {"min_confidence": 0}),
    ("/api/actors/{hub}/network", m.Network, {"min_confidence": 0}),
    ("/api/events", m.ConfidencePage[m.Event], {"min_confidence": 0}),
    ("/api/claims", m.ConfidencePage[m.Claim], {"min_confidence": 0}),
    ("/api/relations", m.ConfidencePage[m.Relation], {"min_confidence": 0}),
    ("/api/network", m.Network, {}),
    ("/api/network", m.Network, {"min_confidence": 0, "limit": 3}),
    ("/api/network/path", m.Paths, {"a": "#{hub}", "b": "#{person}", "min_confidence": 0}),
    ("/api/network/communities", m.Communities, {}),
    ("/api/map", m.Places, {}),
    ("/api/timeline", m.Timeline, {}),
    ("/api/timeline", m.Timeline, {"interval": "day"}),
    ("/api/watchlist/hits", m.Page[m.WatchlistHit], {}),
    ("/api/watchlist/hits", m.Page[m.WatchlistHit], {"status": "open", "list": "un"}),
    ("/api/reviews", m.Page[m.HitReview], {}),
]


def test_answers_are_their_models(client: TestClient) -> None:
    hub, person, doc = ids(client)
    fill = {"hub": hub, "person": person, "doc": doc}
    for path, model, params in ROUTES:
        url = path.format(**fill)
        body = get(client, url, **{k: str(v).format(**fill) for k, v in params.items()})
        try:
            model.model_validate(body)
        except Exception as exc:  # name the route in the failure
            raise AssertionError(f"{url} {params}: {exc}") from None
    document = get(client, f"/api/documents/{doc}")
    assert document["claims"] and document["events"] and document["relations"]


def test_a_record_has_one_shape_wherever_it_appears(client: TestClient) -> None:
    """A claim, an event and a relation read through their document and through their list are equal."""
    doc = ids(client)[2]
    document = get(client, f"/api/documents/{doc}")
    for kind in ("claims", "events", "relations"):
        listed = {
            (r["document"], r["id"]): r for r in get(client, f"/api/{kind}", min_confidence=0, limit=500)["items"]
        }
        for record in document[kind]:
            assert listed[(doc, record["id"])] == record, kind
    network = get(client, "/api/network", min_confidence=0)
    tied = {a["id"] for a in network["actors"]}
    listed = {a["id"]: a for a in get(client, "/api/actors", limit=500)["items"]}
    for a in network["actors"]:
        assert a == listed[a["id"]]
    assert {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]} <= tied
    page = get(client, f"/api/actors/{next(iter(tied))}")["actor"]
    assert {k: page[k] for k in m.Actor.model_fields} | {"aliases": listed[page["id"]]["aliases"]} == listed[page["id"]]


def test_posted_documents_answer_in_their_model(web_store_copy: Path) -> None:
    app = TestClient(create_app(str(web_store_copy), token=TOKEN))
    doc = {"id": "nws-models", "text": "NAIROBI, April 1 (NWS) - Kenya and Ethiopia signed an agreement."}
    r = app.post("/api/documents", json=[doc, {"text": " "}], headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    m.IngestResult.model_validate(r.json())
    assert r.json()["failed"] == [{"document": 2, "reason": "empty document"}]
