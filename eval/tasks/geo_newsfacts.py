"""Geocoding on real Guardian stories: every place and state of the news-facts gold
(``eval/gold/newsfacts/``, 35 guardian-dev stories, and ``newsfacts-heldout/``, reported apart)
placed within 50 km of the gold coordinates.

The gold gives each place and state entity ``lat``/``lon`` to within about 50 km (the guide:
a state at its capital or centre). A gold entity is matched to the pipeline's entity of the
same story that bears one of its names (fold-equal first, else a whole-word run of the other:
:func:`eval.newsfacts_scoring.name_match`); it is placed when that entity carries a place
within 50 km of the gold point. A state counts at its country point or at its capital, the two
points the guide allows. A gold entity with no named counterpart, or whose counterpart has no
place, is a miss.

- ``within_50km``: share of gold places and states of the development stories placed;
- ``within_50km_place`` / ``within_50km_state``: the same per gold kind;
- ``heldout_within_50km``: the held-out stories (read its score, never tune on its files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DESCRIPTION = "Geocoding, Guardian news-facts gold: share of gold places/states within 50 km of ours"
REQUIRES = ["corpus/guardian-dev.jsonl"]
BASELINE: dict[str, float] = {}
TOLERANCE_KM = 50.0
GOLD = Path(__file__).resolve().parent.parent / "gold" / "newsfacts"
HELDOUT = GOLD.parent / "newsfacts-heldout"
PLACE_KINDS = ("place", "state")


def _names(entity: dict[str, Any]) -> set[str]:
    from eval.newsfacts_scoring import fold

    names = [entity.get("name", ""), *entity.get("aliases", ())]
    return {f for f in (fold(n) for n in names) if f}


def _our_names(entity: dict[str, Any], mention_text: dict[str, str]) -> set[str]:
    from eval.newsfacts_scoring import fold

    names = [entity.get("name", ""), *entity.get("aliases", ()), *(mention_text.get(m, "") for m in entity["mentions"])]
    return {f for f in (fold(n) for n in names) if f}


def counterpart(gold: dict[str, Any], ours: list[tuple[set[str], dict[str, Any]]]) -> dict[str, Any] | None:
    """The pipeline's entity that bears the gold entity's name: one with a fold-equal name
    first (one with a place before one without), else one with a name inside the other."""
    from eval.newsfacts_scoring import name_match

    names = _names(gold)
    equal = [e for n, e in ours if n & names]
    if equal:
        return next((e for e in equal if e.get("place")), equal[0])
    close = [e for n, e in ours if any(name_match(a, b) for a in n for b in names)]
    return next((e for e in close if e.get("place")), close[0] if close else None)


def placed(gold: dict[str, Any], entity: dict[str, Any] | None) -> bool:
    """True when ``entity`` carries a place within 50 km of the gold point (a state: its country
    point or its capital)."""
    from newsgraph.extract.place_index import distance_km, place_index

    if entity is None or not entity.get("place"):
        return False
    place = entity["place"]
    points = [(place["lat"], place["lon"])]
    if gold["kind"] == "state" and place.get("country"):
        index = place_index()
        capital = index.capitals.get(place["country"], "")
        cities = [c for c in index.lookup(capital) if c.country == place["country"] and c.level == "city"]
        points += [(c.lat, c.lon) for c in sorted(cities, key=lambda c: (c.feature != "PPLC", -c.population))[:1]]
    return any(distance_km(gold["lat"], gold["lon"], lat, lon) <= TOLERANCE_KM for lat, lon in points)


def score_story(gold: dict[str, Any], x: dict[str, Any]) -> list[tuple[str, bool]]:
    """(gold kind, placed) for every gold place and state with coordinates of one story."""
    mention_text = {m["id"]: m["text"] for m in x.get("mentions", [])}
    ours = [(_our_names(e, mention_text), e) for e in x.get("entities", []) if e.get("mentions")]
    out = []
    for g in gold.get("entities", []):
        if g.get("kind") in PLACE_KINDS and g.get("lat") is not None and g.get("lon") is not None:
            out.append((g["kind"], placed(g, counterpart(g, ours))))
    return out


def _folder(shared: Path, folder: Path, limit: int | None) -> list[tuple[str, bool]]:
    from eval.tasks.newsfacts import predict, read_gold, read_stories

    gold = read_gold(folder)
    stories = read_stories(shared / REQUIRES[0])
    ids = [k for k in gold if k in stories][:limit]
    out: list[tuple[str, bool]] = []
    for k, x in zip(ids, predict([stories[k] for k in ids]), strict=True):
        out += score_story(gold[k], x)
    return out


def _share(items: list[tuple[str, bool]]) -> float:
    return sum(ok for _, ok in items) / len(items) if items else 0.0


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    dev = _folder(shared, GOLD, limit)
    result = {"within_50km": _share(dev)}
    for kind in PLACE_KINDS:
        result[f"within_50km_{kind}"] = _share([i for i in dev if i[0] == kind])
    result["items"] = float(len(dev))
    if HELDOUT.exists():
        result["heldout_within_50km"] = _share(_folder(shared, HELDOUT, limit))
    return result
