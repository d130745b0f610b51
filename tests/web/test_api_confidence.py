"""``min_confidence`` on the API's lists of facts: the filter, the count of what it hides, the
default (the calibrated threshold), 400 on a bad value, and ``confidence`` on every record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.store import Store
from tests.actor_records import save
from tests.cli.test_confidence import VALUES
from tests.store.test_confidence import rated
from tests.store.test_store import hand_built
from tests.test_network import _rated_nexus


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from newsgraph.web.app import create_app

    db = tmp_path_factory.mktemp("confidence") / "api.db"
    with Store.open(db) as s:
        s.save(rated(hand_built(), VALUES))  # one sure and one unsure claim, event and relation
        save(s, *_rated_nexus())  # every fact 0.9 but the Hamas-LeT alliance and nexus-2's conference (0.0)
    with TestClient(create_app(str(db), warm=False)) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def ids(page: dict[str, Any]) -> set[str]:
    return {f"{r['document']}:{r['id']}" for r in page["items"]}


@pytest.mark.parametrize(
    ("path", "sure", "unsure"),
    [("/api/claims", "hb1:c2", "hb1:c1"), ("/api/events", "hb1:v1", "hb1:v2"), ("/api/relations", "hb1:r2", "hb1:r1")],
)
def test_lists_hide_unsure_facts_by_default_and_count_them(
    client: TestClient, path: str, sure: str, unsure: str
) -> None:
    assert 0.03 < DEFAULT_THRESHOLD < 0.9
    page = get(client, path)
    assert sure in ids(page) and unsure not in ids(page)
    assert page["min_confidence"] == page["confidence_threshold"] == DEFAULT_THRESHOLD
    hidden = page["hidden_below_confidence"]
    assert hidden >= 1
    every = get(client, path, min_confidence=0)
    assert sure in ids(every) and unsure in ids(every)
    assert every["hidden_below_confidence"] == 0
    assert len(every["items"]) == len(page["items"]) + hidden
    for r in every["items"]:
        assert "confidence" in r


def test_a_threshold_of_one_hides_all_but_the_certain(client: TestClient) -> None:
    page = get(client, "/api/relations", min_confidence=1, type="has_role")
    assert page["items"] == []  # r2 is 0.99: under 1
    assert page["hidden_below_confidence"] == 1
    strict = get(client, "/api/claims", min_confidence="0.98", speaker="agency")
    assert strict["items"] == [] and strict["hidden_below_confidence"] == 1


def test_the_count_follows_the_other_filters(client: TestClient) -> None:
    assert get(client, "/api/claims", speaker="Wekesa")["hidden_below_confidence"] == 1
    assert get(client, "/api/claims", speaker="agency")["hidden_below_confidence"] == 0
    assert get(client, "/api/events", type="CONSULT", actor="Wekesa")["hidden_below_confidence"] == 1


@pytest.mark.parametrize("value", ["-0.1", "1.01", "abc", "nan", "inf", "0,5"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/claims",
        "/api/events",
        "/api/relations",
        "/api/network",
        "/api/network/communities",
        "/api/actors/1/network",
        "/api/actors/1/timeline",
    ],
)
def test_a_bad_threshold_is_a_400(client: TestClient, path: str, value: str) -> None:
    r = client.get(path, params={"min_confidence": value})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["status"] == 400 and "min_confidence" in error["message"]


def test_the_network_is_built_from_sure_facts_and_counts_the_rest(client: TestClient) -> None:
    strict = get(client, "/api/network", actor="Hamas", min_confidence=0.5)
    assert ("relation", "allied_with") not in {(e["kind"], e["type"]) for e in strict["edges"]}
    assert strict["hidden_below_confidence"] == 1 and strict["min_confidence"] == 0.5
    assert all(e["confidence"] == 0.9 for e in strict["edges"])
    assert all(ev["confidence"] == 0.9 for e in strict["edges"] for ev in e["evidence"])
    loose = get(client, "/api/network", actor="Hamas", min_confidence=0)
    assert ("relation", "allied_with") in {(e["kind"], e["type"]) for e in loose["edges"]}
    assert loose["hidden_below_confidence"] == 0
    default = get(client, "/api/network", actor="Hamas")
    assert default["min_confidence"] == DEFAULT_THRESHOLD and default["hidden_below_confidence"] == 1
    overview = get(client, "/api/network", min_confidence=0.5)
    assert overview["hidden_below_confidence"] >= 2  # the alliance, the conference (and hb1's unsure facts)


def test_actor_network_timeline_path_and_communities_take_the_threshold(client: TestClient) -> None:
    hamas = get(client, "/api/search", q="Hamas")["actors"][0]["id"]
    net = get(client, f"/api/actors/{hamas}/network", min_confidence=0.5)
    assert net["hidden_below_confidence"] == 1
    jem = get(client, "/api/search", q="Jaish-e-Muhammad")["actors"][0]["id"]
    assert get(client, f"/api/actors/{jem}/timeline", min_confidence=0.5)["hidden_below_confidence"] == 1
    assert get(client, f"/api/actors/{jem}/timeline", min_confidence=0.5)["items"] == []
    assert get(client, f"/api/actors/{jem}/timeline", min_confidence=0)["items"][0]["confidence"] == 0.0
    path = get(client, "/api/network/path", a="Hamas", b="LeT", min_confidence=0.5)
    assert "allied" not in path["paths"][0]["text"] and path["hidden_below_confidence"] >= 1
    assert get(client, "/api/network/path", a="Hamas", b="LeT", min_confidence=0)["hidden_below_confidence"] == 0
    communities = get(client, "/api/network/communities", min_confidence=0.5)
    assert communities["hidden_below_confidence"] >= 2


def test_a_document_carries_confidence_and_the_threshold(client: TestClient) -> None:
    doc = get(client, "/api/documents/hb1")
    assert doc["confidence_threshold"] == DEFAULT_THRESHOLD
    assert {c["id"]: c["confidence"] for c in doc["claims"]} == {"c1": 0.01, "c2": 0.97}
    assert {r["id"]: r["confidence"] for r in doc["relations"]} == {"r1": 0.03, "r2": 0.99}
    assert all(e["confidence"] == 0.9 for e in doc["entities"])


def test_the_openapi_description_documents_min_confidence(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    params = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert "min_confidence" in params
