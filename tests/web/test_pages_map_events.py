"""The map's place popup and panel list the place's events exactly, page by page: ``/api/events?
place_id=`` (the place actor of an /api/map item) answers the very events the map counts there,
with their total, however many there are (the names as written were a guess, and the map lists
at most 50 event ids per place)."""

from __future__ import annotations

from typing import Any


def _place_items(client: Any) -> list[dict[str, Any]]:
    places = [p for p in client.get("/api/map").json()["items"] if p["actor"] is not None]
    assert places, "the samples locate events at resolved places"
    return places


def test_a_places_events_are_the_ones_the_map_counts(client: Any) -> None:
    for place in _place_items(client):
        body = client.get("/api/events", params={"place_id": place["actor"], "min_confidence": 0, "limit": 500}).json()
        assert body["total"] == place["events"], place["place"]
        found = {f"{e['document']}:{e['id']}" for e in body["items"]}
        assert found == set(place["event_ids"]), place["place"]


def test_a_places_events_page_to_the_last(client: Any) -> None:
    place = max(_place_items(client), key=lambda p: p["events"])
    seen: list[str] = []
    offset = 0
    while True:
        page = client.get(
            "/api/events", params={"place_id": place["actor"], "min_confidence": 0, "limit": 1, "offset": offset}
        ).json()
        assert page["total"] == place["events"]
        if not page["items"]:
            break
        seen += [f"{e['document']}:{e['id']}" for e in page["items"]]
        offset += 1
    assert len(seen) == len(set(seen)) == place["events"]


def test_a_place_that_is_no_actor_matches_nothing(client: Any) -> None:
    actors = {p["actor"] for p in client.get("/api/map").json()["items"]}
    people = client.get("/api/actors", params={"kind": "person"}).json()["items"]
    person = next(a for a in people if a["id"] not in actors)
    body = client.get("/api/events", params={"place_id": person["id"], "min_confidence": 0}).json()
    assert body["total"] == 0 and body["items"] == []
    assert client.get("/api/events", params={"place_id": 0}).status_code == 422
