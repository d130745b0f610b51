"""The API behind the analyst's pages (issue 18), on the real store of ``web_db`` (the samples, a
hostile story, a screened watchlist entry): every list says how many there are and pages to its
last item; each filter keeps exactly what it names; one event, one claim, a story, a hit, trends;
no document is untitled."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import models as m
from tests.web.conftest import SAMPLES, WATCHLIST_PERSON, WATCHLIST_REFERENCE

pytestmark = pytest.mark.slow  # the session's store is ingested with the spaCy model

EVERY = {"min_confidence": 0}


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def pages(client: TestClient, url: str, size: int, offset_key: str = "offset", **params: Any) -> list[Any]:
    """Every page of a list, ``size`` at a time, until the one holding the last item."""
    out: list[Any] = []
    offset = 0
    while True:
        body = get(client, url, limit=size, **{offset_key: offset}, **params)
        out.append(body)
        offset += size
        total = body.get("total", body.get("documents_total"))
        if offset >= total:
            return out


def key(r: dict[str, Any]) -> tuple[str, str]:
    return (r["document"], r["id"])


def actor_with_events(client: TestClient) -> int:
    """The actor the most events have an argument resolved to."""
    counted: Counter[int] = Counter()
    for e in get(client, "/api/events", limit=500, **EVERY)["items"]:
        detail = get(client, f"/api/events/{e['document']}:{e['id']}")
        counted.update({a["actor"] for a in detail["actors"] if a["actor"] is not None and a["role"] != "location"})
    return counted.most_common(1)[0][0]


def test_events_page_to_the_last_and_total_is_exact(client: TestClient) -> None:
    whole = get(client, "/api/events", limit=500, **EVERY)
    assert whole["total"] == len(whole["items"]) > 6
    walked = pages(client, "/api/events", 4, **EVERY)
    assert len(walked) == -(-whole["total"] // 4) >= 3
    assert all(p["total"] == whole["total"] for p in walked)
    assert [key(e) for p in walked for e in p["items"]] == [key(e) for e in whole["items"]]
    assert len(walked[-1]["items"]) == whole["total"] - 4 * (len(walked) - 1)


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"modality": "asserted"}, lambda e: e["modality"] == "asserted"),
        ({"source": "nws world"}, lambda e: (e["outlet"] or "").lower() == "nws world"),
        ({"until": "2026-02"}, lambda e: e["date"] and e["date"]["value"] <= "2026-02\uffff"),
        (
            {"since": "2026-02-01", "until": "2026-03-05"},
            lambda e: e["date"] and "2026-02-01" <= e["date"]["value"] <= "2026-03-05",
        ),
        (
            {"type": "ESTABLISH", "modality": "planned"},
            lambda e: e["type"] == "ESTABLISH" and e["modality"] == "planned",
        ),
    ],
)
def test_event_filters_keep_exactly_what_they_name(client: TestClient, params: dict[str, str], keep: Any) -> None:
    whole = get(client, "/api/events", limit=500, **EVERY)["items"]
    found = get(client, "/api/events", limit=500, **EVERY, **params)
    assert found["items"] and len(found["items"]) < len(whole), params
    assert [key(e) for e in found["items"]] == [key(e) for e in whole if keep(e)]
    assert found["total"] == len(found["items"])


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"modality": "hedged"}, lambda c: c["modality"] == "hedged"),
        ({"kind": "direct"}, lambda c: c["kind"] == "direct"),
        ({"since": "2026-03"}, lambda c: (c["published"] or "") >= "2026-03"),
        ({"source": "NWS"}, lambda c: c["outlet"] == "NWS"),
    ],
)
def test_claim_filters_keep_exactly_what_they_name(client: TestClient, params: dict[str, str], keep: Any) -> None:
    whole = get(client, "/api/claims", limit=500, **EVERY)["items"]
    found = get(client, "/api/claims", limit=500, **EVERY, **params)
    assert found["items"], params
    assert [key(c) for c in found["items"]] == [key(c) for c in whole if keep(c)]
    assert found["total"] == len(found["items"]) < len(whole)


def test_an_actors_events_and_claims_are_those_resolved_to_it(client: TestClient) -> None:
    hub = actor_with_events(client)
    events = get(client, "/api/events", actor_id=hub, limit=500, **EVERY)
    assert events["total"] == len(events["items"]) > 0
    for e in events["items"]:
        detail = get(client, f"/api/events/{e['document']}:{e['id']}")
        assert hub in {a["actor"] for a in detail["actors"]}, e
    others = [
        e for e in get(client, "/api/events", limit=500, **EVERY)["items"] if key(e) not in map(key, events["items"])
    ]
    for e in others[:5]:
        detail = get(client, f"/api/events/{e['document']}:{e['id']}")
        assert hub not in {a["actor"] for a in detail["actors"] if a["role"] != "location"}


def test_search_pages_documents_and_actors_with_totals_and_filters(client: TestClient) -> None:
    every = get(client, "/api/search", q="the", limit=500)
    assert every["documents_total"] == len(every["documents"]) >= 7
    walked = pages(client, "/api/search", 3, q="the")
    assert [d["id"] for p in walked for d in p["documents"]] == [d["id"] for d in every["documents"]]
    assert walked[-1]["documents_total"] == every["documents_total"] and walked[-1]["documents"]
    since = get(client, "/api/search", q="the", since="2026-03", limit=500)
    assert [d["id"] for d in since["documents"]] == [
        d["id"] for d in every["documents"] if (d["published"] or "") >= "2026-03"
    ]
    assert since["documents_total"] == len(since["documents"]) < every["documents_total"]
    source = get(client, "/api/search", q="the", source="nws world", limit=500)
    assert source["documents"] and all(d["source"] == "NWS World" for d in source["documents"])
    assert source["documents_total"] == sum(1 for d in every["documents"] if d["source"] == "NWS World")
    named = get(client, "/api/search", q="a", limit=500)
    states = get(client, "/api/search", q="a", kind="state", limit=500)
    assert [a["id"] for a in states["actors"]] == [a["id"] for a in named["actors"] if a["kind"] == "state"]
    assert states["actors_total"] == len(states["actors"]) > 0
    second = get(client, "/api/search", q="a", limit=2, actor_offset=2)
    assert [a["id"] for a in second["actors"]] == [a["id"] for a in named["actors"][2:4]]
    m.SearchResults.model_validate(second)


def test_an_actors_documents_and_timeline_page_with_totals(client: TestClient) -> None:
    counts = Counter(
        x for e in get(client, "/api/network", limit=500, **EVERY)["edges"] for x in (e["source"], e["target"])
    )
    hub = counts.most_common(1)[0][0]
    links = get(client, f"/api/actors/{hub}")["links"]
    whole = get(client, f"/api/actors/{hub}/documents", limit=500)
    assert whole["total"] == len(whole["items"]) == len(links)
    assert {(x["document"], x["entity_id"]) for x in whole["items"]} == {(x["document"], x["entity_id"]) for x in links}
    walked = pages(client, f"/api/actors/{hub}/documents", 1)
    assert [x["document"] for p in walked for x in p["items"]] == [x["document"] for x in whole["items"]]
    dates = [x["published"] for x in whole["items"]]
    assert dates == sorted(dates, reverse=True)
    m.Page[m.ActorLink].model_validate(whole)

    # the timeline of the busiest of the most connected actors (a hub may be a place named often
    # but acting seldom)
    hub = max(
        (a for a, _ in counts.most_common(5)),
        key=lambda a: get(client, f"/api/actors/{a}/timeline", limit=1, **EVERY)["total"],
    )
    timeline = get(client, f"/api/actors/{hub}/timeline", limit=500, **EVERY)
    assert timeline["total"] == len(timeline["items"]) > 1
    walked = pages(client, f"/api/actors/{hub}/timeline", 1, **EVERY)
    assert [(i["document"], i["kind"], i["text"]) for p in walked for i in p["items"]] == [
        (i["document"], i["kind"], i["text"]) for i in timeline["items"]
    ]
    for kind in ("event", "said", "mentioned"):
        only = get(client, f"/api/actors/{hub}/timeline", limit=500, kind=kind, **EVERY)
        assert only["items"] == [i for i in timeline["items"] if i["kind"] == kind]
        assert only["total"] == len(only["items"])
    m.ActorTimeline.model_validate(timeline)


def test_one_event_and_one_claim_link_their_actors_document_and_story(client: TestClient) -> None:
    claims = get(client, "/api/claims", limit=500, **EVERY)["items"]
    events = get(client, "/api/events", limit=500, **EVERY)["items"]
    event = next(e for e in events if e["claim"])
    body = get(client, f"/api/events/{event['document']}:{event['id']}")
    m.EventDetail.model_validate(body)
    assert body["event"] == event  # one shape wherever it appears
    assert body["document"]["id"] == event["document"] and body["document"]["title"]
    assert body["story"] and body["story"]["id"] == get(client, f"/api/stories/{body['story']['id']}")["story"]["id"]
    assert event["document"] in {a["id"] for a in get(client, f"/api/stories/{body['story']['id']}")["articles"]}
    assert body["claim"]["id"] == event["claim"]
    resolved = [a for a in body["actors"] if a["actor"] is not None]
    assert resolved and all(
        get(client, f"/api/actors/{a['actor']}")["actor"]["name"] == a["actor_name"] for a in resolved
    )

    claim = next(c for c in claims if (c["document"], c["id"]) == (event["document"], event["claim"]))
    body = get(client, f"/api/claims/{claim['document']}:{claim['id']}")
    m.ClaimDetail.model_validate(body)
    assert body["claim"] == claim
    assert (event["document"], event["id"]) in {(v["document"], v["id"]) for v in body["events"]}
    assert client.get("/api/claims/nairobi-water-talks:c999").status_code == 404
    assert client.get("/api/events/no-such-document:v1").status_code == 404
    assert client.get("/api/events/no-colon-here").status_code == 400


def test_stories_page_with_their_total(client: TestClient) -> None:
    whole = get(client, "/api/stories", limit=500)
    assert whole["total"] == len(whole["items"]) >= 5
    walked = pages(client, "/api/stories", 2)
    assert [s["id"] for p in walked for s in p["items"]] == [s["id"] for s in whole["items"]]
    march = get(client, "/api/stories", limit=500, since="2026-03")
    assert [s["id"] for s in march["items"]] == [s["id"] for s in whole["items"] if (s["last_date"] or "") >= "2026-03"]
    one = get(client, f"/api/stories/{whole['items'][0]['id']}")
    m.StoryDetail.model_validate(one)
    assert len(one["articles"]) == one["story"]["articles"]
    assert client.get("/api/stories/999999").status_code == 404


def test_one_hit_names_its_actor_and_the_lists_entry(client: TestClient) -> None:
    hit = get(client, "/api/watchlist/hits", name=WATCHLIST_PERSON)["items"][0]
    body = get(client, "/api/watchlist/hit", name=hit["screened_name"], list=hit["list"], reference=hit["reference"])
    m.HitDetail.model_validate(body)
    assert body["hit"] == hit
    assert body["actor"]["name"] == WATCHLIST_PERSON
    assert body["entry"]["entry_id"] == WATCHLIST_REFERENCE and "Babatunde Bakare" in {
        a["name"] for a in body["entry"]["aliases"]
    }
    missing = client.get("/api/watchlist/hit", params={"name": "Nobody", "list": hit["list"], "reference": "x"})
    assert missing.status_code == 404


def test_trends_count_the_actors_events_and_who_is_quoted(client: TestClient) -> None:
    hub = actor_with_events(client)
    events = get(client, "/api/events", actor_id=hub, limit=500, **EVERY)["items"]
    body = get(client, "/api/trends", actor=f"#{hub}", top=50, **EVERY)
    m.Trends.model_validate(body)
    by_type = Counter(e["type"] for e in events)
    assert {s["type"]: sum(s["counts"]) for s in body["series"]} == dict(by_type)
    assert body["events"] == len(events) > 0
    assert all(len(s["counts"]) == len(body["periods"]) for s in body["series"])
    assert body["periods"] == sorted(body["periods"])
    weekly = get(client, "/api/trends", actor=f"#{hub}", interval="week", **EVERY)
    assert weekly["events"] == body["events"] and all(p[:4] == "2026" and len(p) == 10 for p in weekly["periods"])
    assert sum(s["claims"] for s in body["speakers"]) == body["claims"] > 0

    words = get(client, "/api/trends", q="Kenya", top=50, **EVERY)
    found = {d["id"] for d in get(client, "/api/search", q="Kenya", limit=500)["documents"]}
    assert words["documents"] == len(found)
    in_found = [e for e in get(client, "/api/events", limit=500, **EVERY)["items"] if e["document"] in found]
    assert words["events"] == len(in_found)
    said = [c for c in get(client, "/api/claims", limit=500, **EVERY)["items"] if c["document"] in found]
    assert words["claims"] == len(said)
    assert client.get("/api/trends").status_code == 400


def test_no_document_is_untitled_in_lists(client: TestClient) -> None:
    docs = get(client, "/api/documents", limit=500)["items"]
    assert docs and all(d["title"] for d in docs)
    nairobi = next(d for d in docs if d["id"] == "nairobi-water-talks")  # a text file: named by its file
    assert nairobi["title"].startswith("Kenya and Ethiopia agreed")
    assert all(e["title"] for e in get(client, "/api/events", limit=500, **EVERY)["items"])
    assert all(d["title"] for d in get(client, "/api/search", q="the", limit=500)["documents"])


def test_a_document_stored_without_a_title_is_named_by_its_first_sentence(web_store_copy: Path) -> None:
    """A JSON record without a title is stored without one; every list names it by its first sentence."""
    from newsgraph.web.app import create_app

    token = "titles-token"
    with TestClient(create_app(str(web_store_copy), token=token)) as app:
        text = (
            "TALLINN, April 2 (NWS) - Estonia opened a new ferry line to Helsinki on Thursday, the port said. "
            "The line carries freight only."
        )
        r = app.post(
            "/api/documents", json={"id": "untitled-ferry", "text": text}, headers={"Authorization": f"Bearer {token}"}
        )
        assert r.status_code == 201, r.text
        assert r.json()["documents"][0]["title"] is None  # stored as given
        expected = "Estonia opened a new ferry line to Helsinki on Thursday, the port said."
        listed = {d["id"]: d for d in get(app, "/api/documents", limit=500)["items"]}
        assert listed["untitled-ferry"]["title"] == expected
        assert get(app, "/api/search", q="ferry")["documents"][0]["title"] == expected
        assert get(app, "/api/documents/untitled-ferry")["document"]["title"] == expected


def test_a_text_file_is_named_by_its_file_name() -> None:
    from newsgraph.ingest import read_inputs
    from newsgraph.ingest.document import id_from_file_name, title_from_text

    (doc,) = read_inputs([str(SAMPLES / "riga-cyber-drill.txt")])
    assert doc.id == "riga-cyber-drill"
    assert doc.title and doc.title.startswith("NATO allies will hold their largest cyber-defence exercise")
    assert len(doc.title) <= 121 and doc.title.endswith("…")
    (manila,) = read_inputs([str(SAMPLES / "manila-typhoon-aid.txt")])
    assert manila.title == "Typhoon aid reaches northern Luzon"  # its headline line
    assert title_from_text("   \n\n ") is None
    assert id_from_file_name("corpus/bbc/politics/001.txt") is None  # says nothing: a hash id
    assert id_from_file_name("wire/ians-2026-01-27-pakistan-hamas-nexus.txt") == "ians-2026-01-27-pakistan-hamas-nexus"
    assert id_from_file_name("-") is None
    assert title_from_text("BERLIN (Reuters) - Germany said no. Then yes.") == "Germany said no. Then yes."


def test_outlets_are_listed_with_their_documents(client: TestClient) -> None:
    body = get(client, "/api/sources")
    m.Sources.model_validate(body)
    summary = get(client, "/api/summary")["sources"]
    assert {s["source"]: s["documents"] for s in body["items"]} == {
        k: v for k, v in summary.items() if k != "(unknown)"
    }


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"modality": "speculative"}, lambda x: x["modality"] == "speculative"),
        ({"source": "nws world"}, lambda x: x["outlet"] == "NWS World"),
    ],
)
def test_network_filters_by_modality_and_outlet(client: TestClient, params: dict[str, str], keep: Any) -> None:
    whole = get(client, "/api/network", limit=500, **EVERY)
    found = get(client, "/api/network", limit=500, **EVERY, **params)
    assert found["edges"] and len(found["edges"]) < len(whole["edges"])
    assert all(keep(x) for e in found["edges"] for x in e["evidence"])
    kept = {(e["source"], e["target"], e["type"]) for e in whole["edges"] if any(keep(x) for x in e["evidence"])}
    assert {(e["source"], e["target"], e["type"]) for e in found["edges"]} == kept
    hub = found["edges"][0]["source"]
    around = get(client, f"/api/actors/{hub}/network", limit=500, **EVERY, **params)
    assert around["edges"] and all(keep(x) for e in around["edges"] for x in e["evidence"])
