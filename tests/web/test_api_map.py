"""The map's places say why the geocoder chose them (issue 19): the clue, the runner-up and a
confidence, from the entities' attributes, next to the names the articles wrote."""

from __future__ import annotations

from typing import Any

from newsgraph.web import models as m


def test_each_place_on_the_map_says_why(client: Any) -> None:
    r = client.get("/api/map", params={"min_confidence": 0})
    assert r.status_code == 200, r.text
    body = r.json()
    items = body["items"]
    assert items, "the samples place events on the map"
    for item in items:
        assert {"clue", "runner_up", "place_confidence", "written"} <= set(item)
        if item["place_confidence"] is not None:
            assert 0.0 <= item["place_confidence"] <= 1.0
    assert any(item["clue"] for item in items), "at least one place carries its clue"
    m.Places.model_validate(body)
