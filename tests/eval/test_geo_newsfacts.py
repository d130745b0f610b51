"""The geo_newsfacts task's scoring: gold places matched by name, placed within 50 km."""

from __future__ import annotations

from typing import Any

from eval.tasks.geo_newsfacts import score_story


def _x(*entities: tuple[str, str, dict[str, Any] | None]) -> dict[str, Any]:
    mentions = [{"id": f"m{k}", "text": name} for k, (name, _, _) in enumerate(entities)]
    return {
        "mentions": mentions,
        "entities": [
            {"id": f"e{k}", "name": name, "kind": kind, "aliases": [], "mentions": [f"m{k}"], "place": place}
            for k, (name, kind, place) in enumerate(entities)
        ],
    }


def _place(lat: float, lon: float, country: str | None) -> dict[str, Any]:
    return {"lat": lat, "lon": lon, "country": country, "geonames_id": None, "feature": None}


def test_a_place_within_50_km_counts_and_one_further_does_not() -> None:
    gold = {
        "entities": [
            {"name": "Raqqa", "kind": "place", "lat": 35.95, "lon": 39.01},
            {"name": "Geneva", "kind": "place", "lat": 46.2, "lon": 6.15},
        ]
    }
    x = _x(("Raqqa", "place", _place(35.9, 39.1, "SY")), ("Geneva", "place", _place(42.87, -76.98, "US")))
    assert score_story(gold, x) == [("place", True), ("place", False)]


def test_a_state_counts_at_its_capital_and_a_missing_or_unplaced_entity_does_not() -> None:
    gold = {
        "entities": [
            {"name": "Syria", "kind": "state", "lat": 33.51, "lon": 36.29},
            {"name": "Baghuz", "kind": "place", "lat": 34.45, "lon": 40.94},
            {"name": "Hama", "kind": "place", "lat": 35.13, "lon": 36.75},
            {"name": "Kurds", "kind": "group", "lat": None, "lon": None},
        ]
    }
    x = _x(("Syria", "state", _place(35.0, 38.0, "SY")), ("Hama", "person", None))
    assert score_story(gold, x) == [("state", True), ("place", False), ("place", False)]


def test_the_gold_alias_finds_our_entity() -> None:
    gold = {"entities": [{"name": "Anbar province", "kind": "place", "aliases": ["Anbar"], "lat": 33.4, "lon": 43.0}]}
    assert score_story(gold, _x(("Anbar", "place", _place(33.3, 43.2, "IQ")))) == [("place", True)]
