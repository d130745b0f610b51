"""Geocoding (issue 19, the gaps): provinces and counties from ``admin1.tsv``, a province or its
town by the words written, places read in lists and as modifiers, and the calibrated place
confidence."""

from __future__ import annotations

import pytest

from newsgraph.annotate import Annotation
from newsgraph.extract.place_index import ADMIN1_FILE, admin1_forms, distance_km
from newsgraph.extract.places import _place_model, geocode, geocode_explained, place_confidence
from newsgraph.records import Document, Entity, Extraction, Mention
from tests.extract.test_places_context import extraction_of


def _entities(text: str, names: list[tuple[str, str]]) -> dict[str, Entity]:
    x = extraction_of(text, names)
    return {e.name: e for e in geocode(Annotation(text=text, tokens=(), sentences=(), spans=()), x)}


def _at(entity: Entity, lat: float, lon: float, km: float = 50.0) -> bool:
    return entity.place is not None and distance_km(entity.place.lat, entity.place.lon, lat, lon) <= km


needs_admin = pytest.mark.skipif(not ADMIN1_FILE.exists(), reason="admin1.tsv is not built")


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Muhafazat Kirkuk", ["kirkuk", "muhafazat kirkuk"]),
        ("Salah ad Din Governorate", ["salah ad din", "salah ad din governorate"]),
        ("Ar-Raqqah", ["ar-raqqah", "raqqah"]),
        ("Khyber Pakhtunkhwa", ["khyber pakhtunkhwa"]),
    ],
)
def test_a_division_is_found_without_its_administrative_words(name: str, forms: list[str]) -> None:
    assert admin1_forms(name) == forms


@needs_admin
def test_a_province_no_city_list_knows_is_placed_at_its_main_town() -> None:
    found = _entities(
        "The group has resurfaced in Anbar, in western Iraq, conducting car bombings near Baghdad.",
        [("Anbar", "GPE"), ("Iraq", "GPE"), ("Baghdad", "GPE")],
    )
    anbar = found["Anbar"]
    assert anbar.place is not None and anbar.place.country == "IQ" and anbar.place.feature == "ADM1"
    assert _at(anbar, 33.42, 43.30)  # Ramadi, its capital and biggest town


@needs_admin
def test_a_division_word_picks_the_province_and_the_bare_name_the_town() -> None:
    province = _entities(
        "Fighting spread across Idlib province in Syria.", [("Idlib province", "GPE"), ("Syria", "GPE")]
    )["Idlib province"]
    town = _entities("Shells fell on Idlib in Syria.", [("Idlib", "GPE"), ("Syria", "GPE")])["Idlib"]
    assert province.place is not None and province.place.feature == "ADM1"
    assert town.place is not None and town.place.feature == "PPL" and town.place.geonames_id is not None


@needs_admin
def test_a_county_follows_the_state_the_story_names() -> None:
    found = _entities(
        "Deputies in Morris County, New Jersey, said the store in Riverdale was robbed.",
        [("Morris County", "GPE"), ("New Jersey", "GPE"), ("Riverdale", "GPE")],
    )
    assert _at(found["Morris County"], 40.86, -74.55)
    kansas = _entities(
        "Farmers in Morris County, Kansas, lost their wheat.", [("Morris County", "GPE"), ("Kansas", "GPE")]
    )
    assert _at(kansas["Morris County"], 38.68, -96.65)


@needs_admin
def test_a_british_county_is_a_place_in_a_british_story() -> None:
    found = _entities(
        "The couple from Lancashire flew out of Manchester to London.",
        [("Lancashire", "GPE"), ("Manchester", "GPE"), ("London", "GPE")],
    )
    assert _at(found["Lancashire"], 53.8, -2.6)


def test_a_town_listed_beside_a_town_tagged_otherwise_becomes_a_place_too() -> None:
    found = _entities(
        "They came from areas retaken by Assad including Aleppo, Ghouta and Darayya, in Syria.",
        [("Aleppo", "GPE"), ("Ghouta", "ORG"), ("Darayya", "ORG"), ("Syria", "GPE"), ("Assad", "PERSON")],
    )
    assert found["Darayya"].kind == "place" and _at(found["Darayya"], 33.46, 36.24)
    assert found["Assad"].place is None


@pytest.mark.parametrize(
    ("text", "name", "typ", "point"),
    [
        (
            "“It is unsustainable,” said a Kafranbel resident in Syria.",
            "Kafranbel",
            "ORG",
            (35.61, 36.56),
        ),
        (
            "The family were on holiday at the resort of Didim in south-west Turkey.",
            "Didim",
            "ORG",
            (37.38, 27.27),
        ),
        ("It fought in the battles for Aleppo and eastern Ghouta in Syria.", "Ghouta", "ORG", (33.55, 36.4)),
        ("Hamada Hussein, 50, from Qaim, crossed from Iraq into Syria.", "Qaim", "PERSON", (34.39, 41.1)),
        (
            "Shelling hit the Idlib region in Syria, including towns such as Maarat al-Numan.",
            "Maarat al-Numan",
            "PERSON",
            (35.65, 36.67),
        ),
    ],
)
def test_a_name_written_as_a_place_is_one(text: str, name: str, typ: str, point: tuple[float, float]) -> None:
    names = [(name, typ), *((n, "GPE") for n in ("Syria", "Turkey", "Aleppo", "Iraq") if n in text)]
    found = _entities(text, names)
    assert found[name].kind == "place" and _at(found[name], *point)


def test_a_person_named_like_a_person_stays_one_though_a_place_bears_the_name() -> None:
    text = "Mr Jordan said the border with Jordan was closed. Jordan said he would return."
    mentions = [
        Mention("m1", 3, 9, "Jordan", "PERSON", "e1"),
        Mention("m2", 33, 39, "Jordan", "GPE", "e2"),
        Mention("m3", 52, 58, "Jordan", "PERSON", "e1"),
    ]
    entities = (
        Entity(id="e1", name="Jordan", kind="person", mentions=("m1", "m3")),
        Entity(id="e2", name="Jordan", kind="state", mentions=("m2",)),
    )
    x = Extraction(document=Document(id="t", text=text), mentions=tuple(mentions), entities=entities)
    out = {e.id: e for e in geocode(Annotation(text=text, tokens=(), sentences=(), spans=()), x)}
    assert out["e1"].kind == "person" and out["e1"].place is None
    assert out["e2"].place is not None and out["e2"].place.country == "JO"


def test_the_place_confidence_is_the_fitted_model_and_orders_clues() -> None:
    model = _place_model()
    assert model.weights, "place_confidence.yaml carries fitted weights"
    text = "Officials in Paris and Lyon said France would act; talks in Geneva on Syria went on."
    x = extraction_of(text, [("Paris", "GPE"), ("Lyon", "GPE"), ("France", "GPE"), ("Geneva", "GPE"), ("Syria", "GPE")])
    entities, feats = geocode_explained(Annotation(text=text, tokens=(), sentences=(), spans=()), x)
    placed = {e.name: e for e in entities if e.place is not None}
    assert set(feats) == {e.id for e in placed.values()}
    for e in placed.values():
        confidence = float(e.attributes["place_confidence"])
        assert 0.0 < confidence <= 1.0
        assert confidence == place_confidence(feats[e.id])
    # a street at the story's locality is less sure than a country named outright
    assert place_confidence({"clue:locality": 1.0}) < float(placed["France"].attributes["place_confidence"])


def test_an_old_name_of_a_far_city_does_not_place_a_town_of_a_story_elsewhere() -> None:
    """GeoNames keeps "Twickenham" as an old name of Huntsville, Alabama: in a story about
    England it places nothing rather than Alabama."""
    text = "The match at Twickenham drew fans from London, Leeds and Bristol to watch England."
    found = _entities(
        text, [("Twickenham", "GPE"), ("London", "GPE"), ("Leeds", "GPE"), ("Bristol", "GPE"), ("England", "GPE")]
    )
    assert found["Twickenham"].place is None or found["Twickenham"].place.country == "GB"
    assert found["Leeds"].place is not None and found["Leeds"].place.country == "GB"
