"""Geocoding: names resolved against the document's own context."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation
from newsgraph.extract import extract
from newsgraph.extract.place_index import distance_km, normalise, place_index
from newsgraph.extract.places import geocode
from newsgraph.ingest import make_document
from newsgraph.ingest.dateline import parse_dateline
from newsgraph.records import Document, Entity, Extraction, Mention, Place

KIND = {"GPE": "place", "LOC": "place", "FAC": "place", "NORP": "other", "PERSON": "person", "ORG": "organization"}


def _extraction(text: str, names: list[tuple[str, str]], kinds: dict[str, str] | None = None) -> Extraction:
    """An extraction with one entity per (surface, type), mentions at every occurrence."""
    mentions: list[Mention] = []
    entities: list[Entity] = []
    for k, (surface, typ) in enumerate(names, start=1):
        ids = []
        for match in re.finditer(rf"\b{re.escape(surface)}(?!\w)", text):
            mid = f"m{len(mentions) + 1}"
            ids.append(mid)
            mentions.append(Mention(mid, match.start(), match.end(), surface, typ, f"e{k}"))
        assert ids, surface
        kind = (kinds or {}).get(surface, KIND[typ])
        entities.append(Entity(id=f"e{k}", name=surface, kind=kind, mentions=tuple(ids)))
    parsed = parse_dateline(text)
    document = Document(id="t", text=text, dateline=parsed.dateline if parsed else None)
    return Extraction(document=document, mentions=tuple(mentions), entities=tuple(entities))


def _places(text: str, names: list[tuple[str, str]], kinds: dict[str, str] | None = None) -> dict[str, Place | None]:
    x = _extraction(text, names, kinds)
    return {e.name: e.place for e in geocode(Annotation(text=text, tokens=(), sentences=(), spans=()), x)}


def _near(place: Place | None, lat: float, lon: float, km: float = 50.0) -> bool:
    return place is not None and distance_km(place.lat, place.lon, lat, lon) <= km


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Washington, Jan 27 (IANS) Officials said the talks would go on.", [("Washington", "GPE")]),
        ("WASHINGTON (Reuters) - The senator from Oregon spoke.", [("WASHINGTON", "GPE"), ("Oregon", "GPE")]),
    ],
)
def test_washington_in_a_dateline_is_the_capital(text: str, names: list[tuple[str, str]]) -> None:
    place = _places(text, names)[names[0][0]]
    assert place is not None and place.country == "US" and place.feature == "PPLC"
    assert _near(place, 38.895, -77.036)


@pytest.mark.parametrize(
    ("text", "names", "country"),
    [
        (
            "Floods hit Karachi on Monday; roads to Hyderabad were cut.",
            [("Karachi", "GPE"), ("Hyderabad", "GPE")],
            "PK",
        ),
        ("A new metro line opened in Hyderabad.", [("Hyderabad", "GPE")], "IN"),
        (
            "Software firms in Hyderabad hired staff from Bangalore and Chennai.",
            [("Hyderabad", "GPE"), ("Bangalore", "GPE"), ("Chennai", "GPE")],
            "IN",
        ),
    ],
)
def test_hyderabad_follows_the_places_around_it(text: str, names: list[tuple[str, str]], country: str) -> None:
    place = _places(text, names)["Hyderabad"]
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("The fair moved to Paris, Texas, this year.", [("Paris", "GPE"), ("Texas", "GPE")], ("US", 33.66, -95.56)),
        ("The fair moved to Paris this year.", [("Paris", "GPE")], ("FR", 48.85, 2.35)),
        ("He grew up in Hyderabad, Pakistan.", [("Hyderabad", "GPE"), ("Pakistan", "GPE")], ("PK", 25.4, 68.4)),
        ("Letters from Twickenham, London.", [("Twickenham", "GPE"), ("London", "GPE")], ("GB", 51.45, -0.33)),
        (
            "The delegation is touring Washington, Paris and London this week.",
            [("Washington", "GPE"), ("Paris", "GPE"), ("London", "GPE")],
            ("US", 38.9, -77.04),
        ),
    ],
)
def test_a_qualifier_after_the_name_decides(
    text: str, names: list[tuple[str, str]], expected: tuple[str, float, float]
) -> None:
    place = _places(text, names)[names[0][0]]
    assert place is not None and place.country == expected[0] and _near(place, expected[1], expected[2])


@pytest.mark.parametrize(
    ("surface", "typ", "country", "lat", "lon"),
    [
        ("Gaza", "GPE", "PS", 31.42, 34.35),
        ("Gaza Strip", "LOC", "PS", 31.42, 34.35),
        ("Kashmir", "LOC", None, 34.0, 76.0),
        ("Pakistan-occupied Kashmir", "LOC", "PK", 34.0, 73.75),
        ("PoK", "LOC", "PK", 34.0, 73.75),
        ("West Bank", "LOC", "PS", 32.0, 35.25),
        ("Middle East", "LOC", None, 29.0, 41.0),
        ("Sahel", "LOC", None, 14.0, 5.0),
    ],
)
def test_regions_come_from_the_shipped_table(
    surface: str, typ: str, country: str | None, lat: float, lon: float
) -> None:
    place = _places(f"Fighting was reported in {surface} on Sunday.", [(surface, typ)])[surface]
    assert place is not None and place.country == country and _near(place, lat, lon, 5.0)


@pytest.mark.parametrize(
    ("surface", "typ", "kind", "iso", "geonames_id"),
    [
        ("Pakistan", "GPE", "state", "PK", 1168579),
        ("U.S.", "GPE", "state", "US", 6252001),
        ("Britain", "GPE", "place", "GB", 2635167),
        ("Pakistani", "NORP", "other", "PK", 1168579),
        ("American", "NORP", "other", "US", 6252001),
        ("anti-Russian", "NORP", "other", "RU", 2017370),
    ],
)
def test_countries_and_demonyms_sit_at_the_country_point(
    surface: str, typ: str, kind: str, iso: str, geonames_id: int
) -> None:
    place = _places(f"The {surface} delegation arrived late.", [(surface, typ)], {surface: kind})[surface]
    assert place is not None
    assert (place.country, place.geonames_id, place.feature) == (iso, geonames_id, "PCLI")


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Voters in Atlanta and Savannah went to the polls as Georgia counted ballots, U.S. media said.",
            [("Atlanta", "GPE"), ("Savannah", "GPE"), ("Georgia", "GPE"), ("U.S.", "GPE")],
            "ADM1",
        ),
        (
            "Russia and Georgia met in Tbilisi.",
            [("Russia", "GPE"), ("Georgia", "GPE"), ("Tbilisi", "GPE")],
            "PCLI",
        ),
    ],
)
def test_georgia_is_the_state_in_a_story_about_the_state(
    text: str, names: list[tuple[str, str]], expected: str
) -> None:
    place = _places(text, names)["Georgia"]
    assert place is not None and place.feature == expected


@pytest.mark.parametrize(
    "text",
    ["CAMP MURRAY, Wash. - Guard units from Washington trained near Seattle and Tacoma."],
)
def test_another_form_of_the_same_place_decides(text: str) -> None:
    names = [("Wash.", "GPE"), ("Washington", "GPE"), ("Seattle", "GPE"), ("Tacoma", "GPE")]
    place = _places(text, names)["Washington"]
    assert place is not None and place.feature == "ADM1" and place.country == "US"


@pytest.mark.parametrize(
    ("text", "names", "kinds"),
    [
        ("Paris Hilton met George Washington.", [("Paris Hilton", "PERSON"), ("George Washington", "PERSON")], None),
        ("Hamas said the talks failed.", [("Hamas", "ORG")], None),
        ("The Muslim community gathered.", [("Muslim", "NORP")], None),
    ],
)
def test_people_organisations_and_unknown_groups_get_no_place(
    text: str, names: list[tuple[str, str]], kinds: dict[str, str] | None
) -> None:
    assert all(place is None for place in _places(text, names, kinds).values())


@pytest.mark.parametrize(
    ("text", "surface", "iso"),
    [("Toronto said the budget was balanced.", "Toronto", "CA"), ("Pakistan's envoy spoke.", "Pakistan", "PK")],
)
def test_an_organisation_named_exactly_like_a_place_is_placed(text: str, surface: str, iso: str) -> None:
    place = _places(text, [(surface, "ORG")])[surface]
    assert place is not None and place.country == iso


@pytest.mark.parametrize(
    ("name", "key"),
    [("The Gaza Strip's", "gaza strip"), ("Pakistan’s", "pakistan"), ("St. Petersburg", "saint petersburg"),
     ("Zürich", "zurich"), ("-Pacific", "pacific")],
)  # fmt: skip
def test_names_are_normalised_for_lookup(name: str, key: str) -> None:
    assert normalise(name) == key


@pytest.mark.parametrize("name", ["Karachi"])
def test_the_index_is_built_once_per_process(name: str) -> None:
    assert place_index() is place_index()
    assert place_index().lookup(name)[0].country == "PK"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "iso", "feature"),
    [
        ("Washington, Jan 27 (IANS) Officials in Karachi said floods reached Hyderabad.", "Washington", "US", "PPLC"),
        ("Washington, Jan 27 (IANS) Officials in Karachi said floods reached Hyderabad.", "Hyderabad", "PK", "PPL"),
        ("Aid convoys entered Gaza on Sunday, the Israeli army said.", "Gaza", "PS", None),
        ("Troops patrolled Pakistan-occupied Kashmir on Monday.", "Pakistan-occupied Kashmir", "PK", None),
        ("Pakistan and India traded accusations on Friday.", "Pakistan", "PK", "PCLI"),
    ],
)
def test_the_pipeline_places_the_entities(
    annotated: Callable[[str], Annotation], text: str, surface: str, iso: str, feature: str | None
) -> None:
    document = make_document(text)
    x = extract(document, annotated(document.text))
    places = {e.name: e.place for e in x.entities}
    found = [p for name, p in places.items() if surface in name]
    assert found and found[0] is not None, places
    assert found[0].country == iso
    assert feature is None or found[0].feature == feature


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Washington", "US"),
        ("Gaza", "PS"),
        ("Pakistan", "PK"),
        ("Rawalakot", "PK"),
        ("Pakistan-occupied Kashmir", "PK"),
    ],
)
def test_the_wire_story_places(annotated: Callable[[str], Annotation], wire_text: str, name: str, iso: str) -> None:
    document = make_document(wire_text)
    x = extract(document, annotated(document.text))
    places = {e.name: e.place for e in x.entities}
    assert places.get(name) is not None and places[name].country == iso, places  # type: ignore[union-attr]
