"""The API's evidence cites its page: claims, events and relations (in their lists, in their
document and in their detail) and the evidence of network edges carry ``page``, the page of a
paged document (a PDF report) their sentence is on, null for a document without pages; every
answer is its model (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.records import page_of
from newsgraph.web import models as m
from newsgraph.web.app import create_app
from tests.ingest.paged import page_of_sentence, paged_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(str(paged_store(tmp_path_factory.mktemp("paged-api"))))) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def text_of(client: TestClient, doc: str) -> str:
    return str(get(client, f"/api/documents/{doc}")["document"]["text"])


@pytest.mark.parametrize(
    ("kind", "model", "said"),
    [("events", m.Event, "sentence_text"), ("claims", m.Claim, "text"), ("relations", m.Relation, "sentence_text")],
)
def test_listed_records_carry_their_page(client: TestClient, kind: str, model: Any, said: str) -> None:
    body = get(client, f"/api/{kind}", min_confidence=0, limit=500)
    m.ConfidencePage[model].model_validate(body)
    rows = body["items"]
    assert rows, kind
    if kind != "relations":
        assert {r["page"] for r in rows} >= {2, None}, rows
    for r in rows:
        assert r["page"] == page_of_sentence(r[said]), r
        # the same record read through its document has the same shape, page included
        listed = get(client, f"/api/documents/{r['document']}")
        assert next(x for x in listed[kind] if x["id"] == r["id"]) == r


@pytest.mark.parametrize("kind", ["events", "claims"])
def test_a_record_read_alone_carries_its_page(client: TestClient, kind: str) -> None:
    r = next(r for r in get(client, f"/api/{kind}", min_confidence=0, limit=500)["items"] if r["page"])
    detail = get(client, f"/api/{kind}/{r['document']}:{r['id']}")
    (m.EventDetail if kind == "events" else m.ClaimDetail).model_validate(detail)
    assert detail[kind[:-1]]["page"] == r["page"]


@pytest.mark.parametrize("unused", [None])
def test_the_evidence_of_ties_carries_its_page(client: TestClient, unused: None) -> None:
    network = get(client, "/api/network", min_confidence=0)
    m.Network.model_validate(network)
    evidence = [x for e in network["edges"] for x in e["evidence"]]
    assert {x["page"] for x in evidence} >= {2}, evidence
    texts: dict[str, str] = {}
    for x in evidence:
        text = texts.setdefault(x["document"], text_of(client, x["document"]))
        assert x["page"] == page_of(text, x["start"])
        assert x["page"] == page_of_sentence(x["sentence_text"])
