"""Geocoding that reads the story (issue 19): namesakes need evidence, spellings meet, kinds stay
places, and every place says why."""

from __future__ import annotations

import re

import pytest

from newsgraph.annotate import Annotation
from newsgraph.extract.place_index import TOWNS_FILE, distance_km, place_index, translit_key
from newsgraph.extract.places import geocode
from newsgraph.ingest.dateline import parse_dateline
from newsgraph.records import Document, Entity, Extraction, Mention

KIND = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person", "ORG": "organization"}


def extraction_of(text: str, names: list[tuple[str, str]]) -> Extraction:
    """One entity per (surface, type), with a mention at every occurrence."""
    mentions: list[Mention] = []
    entities: list[Entity] = []
    for k, (surface, typ) in enumerate(names, start=1):
        ids = []
        for match in re.finditer(rf"\b{re.escape(surface)}(?!\w)", text):
            ids.append(f"m{len(mentions) + 1}")
            mentions.append(Mention(ids[-1], match.start(), match.end(), surface, typ, f"e{k}"))
        assert ids, surface
        entities.append(Entity(id=f"e{k}", name=surface, kind=KIND[typ], mentions=tuple(ids)))
    parsed = parse_dateline(text)
    document = Document(id="t", text=text, dateline=parsed.dateline if parsed else None)
    return Extraction(document=document, mentions=tuple(mentions), entities=tuple(entities))


def _entities(text: str, names: list[tuple[str, str]]) -> dict[str, Entity]:
    """Geocode one entity per (surface, type), with a mention at every occurrence."""
    x = extraction_of(text, names)
    return {e.name: e for e in geocode(Annotation(text=text, tokens=(), sentences=(), spans=()), x)}


def _at(entity: Entity, lat: float, lon: float, km: float = 50.0) -> bool:
    return entity.place is not None and distance_km(entity.place.lat, entity.place.lon, lat, lon) <= km


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor"], "drzr"),
        (["Qaryatain", "al-Qaryatayn", "Al Qaryatayn"], "krytn"),
        (["Tal Afar", "Tall ‘Afar", "Tall Afar"], "tlfr"),
        (["Hawija", "Al Ḩawījah", "Hawijah"], "hwj"),
    ],
)
def test_transliterations_share_one_key(spellings: list[str], key: str) -> None:
    assert {translit_key(s) for s in spellings} == {key}


def test_distinct_names_keep_distinct_keys() -> None:
    assert translit_key("Hmeymim") != translit_key("Hama")
    assert translit_key("Idlib") != translit_key("Aleppo")


def test_a_short_key_matches_only_a_name_of_the_same_words() -> None:
    index = place_index()
    # "Ras al-Ain" and "Ra's al 'Ayn" key to two words alike; a one-word town of the same three
    # letters ("Rasun") does not stand for it, nor does a one-word town for a two-word base
    assert any(c.country == "SY" for c in index.lookup_spelling("Ras al-Ain"))
    assert not any(len(c.name.split()) == 1 for c in index.lookup_spelling("Ras al-Ain"))
    assert not any(len(c.name.split()) == 1 for c in index.lookup_spelling("Ain al-Asad"))
    assert [c.country for c in index.lookup_spelling("Hawija")] == ["IQ"]


def test_towns_ship_with_their_source_and_every_spelling_finds_one_place() -> None:
    assert TOWNS_FILE.exists() and "GeoNames" in TOWNS_FILE.read_text(encoding="utf-8")[:200]
    notice = (TOWNS_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "towns.tsv" in notice and "CC BY 4.0" in notice
    index = place_index()
    deir = {
        c.geonames_id
        for s in ("Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr")
        for c in index.lookup(s) or index.lookup_spelling(s)
        if c.country == "SY" and c.level == "city"  # the governorate of that name aside
    }
    assert len(deir) == 1
    for name, iso in (("Tal Afar", "IQ"), ("Hawija", "IQ"), ("Qaim", "IQ"), ("Qaryatain", "SY"), ("Gujranwala", "PK")):
        found = index.lookup(name) or index.lookup_spelling(name)
        assert any(c.country == iso for c in found), name


def test_geneva_talks_on_syria_are_in_switzerland_not_new_york() -> None:
    text = "The US envoy said the Geneva talks on Syria would resume. Washington backs the Geneva process."
    got = _entities(text, [("US", "GPE"), ("Geneva", "GPE"), ("Syria", "GPE"), ("Washington", "GPE")])
    assert got["Geneva"].place is not None and got["Geneva"].place.country == "CH"
    assert got["Geneva"].attributes["place_runner_up"].endswith(", US")


def test_paris_beside_frances_foreign_minister_is_france_even_in_a_us_story() -> None:
    text = "France's foreign minister met the US secretary of state in Paris. Americans in Texas were told."
    got = _entities(text, [("France", "GPE"), ("US", "GPE"), ("Paris", "GPE"), ("Texas", "GPE")])
    assert _at(got["Paris"], 48.85, 2.35)


def test_paris_texas_needs_its_state_named_after_it() -> None:
    got = _entities("The fair opened in Paris, Texas, on Friday.", [("Paris", "GPE")])
    assert got["Paris"].place is not None and got["Paris"].place.country == "US"
    assert got["Paris"].attributes["place_clue"] == "the name written after it"


def test_a_spelling_variant_resolves_in_the_storys_country_only() -> None:
    text = "Syrian troops advanced on Deir Ezzor. Fighting in Syria continued."
    got = _entities(text, [("Deir Ezzor", "GPE"), ("Syria", "GPE")])
    assert _at(got["Deir Ezzor"], 35.33, 40.14)
    assert "spelling" in got["Deir Ezzor"].attributes["place_clue"]
    alone = _entities("Reporters went to Deir Ezzor on Monday.", [("Deir Ezzor", "GPE")])
    assert alone["Deir Ezzor"].place is None  # nothing in the story says which country


def test_a_town_the_tagger_took_for_a_person_stays_a_place() -> None:
    text = "Shelling hit Homs and Hama on Sunday, Syrian state media said. Hama has been quiet since 2012."
    got = _entities(text, [("Homs", "GPE"), ("Hama", "PERSON"), ("Syrian", "GPE")])
    assert got["Hama"].kind == "place" and _at(got["Hama"], 35.13, 36.75)


def test_a_person_with_a_title_is_not_made_a_place() -> None:
    text = "Mr Hama said the Syrian army had left Homs. Hama told reporters he would stay."
    got = _entities(text, [("Hama", "PERSON"), ("Homs", "GPE")])
    assert got["Hama"].kind == "person" and got["Hama"].place is None


def test_an_organisation_named_for_a_place_gets_it_as_seat_and_stays_an_organisation() -> None:
    got = _entities("The Central Bank of Malta cut its forecast.", [("Central Bank of Malta", "ORG")])
    bank = got["Central Bank of Malta"]
    assert bank.kind == "organization" and bank.place is not None and bank.place.country == "MT"


def test_a_street_of_a_datelined_story_is_placed_at_its_city_with_low_confidence() -> None:
    text = "NEW ORLEANS (AP) - Police closed Desire Street after the parade on Saturday."
    got = _entities(text, [("NEW ORLEANS", "GPE"), ("Desire Street", "FAC")])
    street = got["Desire Street"]
    assert _at(street, 29.95, -90.07)
    assert "locality" in street.attributes["place_clue"] and float(street.attributes["place_confidence"]) < 0.5


def test_every_place_says_why_with_a_confidence_between_0_and_1() -> None:
    text = "Turkish jets struck near Afrin, in Syria, and Ankara said more would follow."
    got = _entities(text, [("Afrin", "GPE"), ("Syria", "GPE"), ("Ankara", "GPE")])
    for entity in got.values():
        assert entity.place is not None, entity.name
        assert entity.attributes["place_clue"]
        assert 0.0 < float(entity.attributes["place_confidence"]) <= 1.0


def test_a_person_named_like_a_building_is_not_moved_to_the_locality() -> None:
    text = "NEW ORLEANS (AP) - Stuart Hall said the parade would go on."
    got = _entities(text, [("NEW ORLEANS", "GPE"), ("Stuart Hall", "PERSON")])
    assert got["Stuart Hall"].kind == "person" and got["Stuart Hall"].place is None


def _with_kinds(text: str, names: list[tuple[str, str]], kinds: dict[str, str]) -> dict[str, Entity]:
    """:func:`_entities` with some entities given another kind (media, igo)."""
    from dataclasses import replace

    x = extraction_of(text, names)
    x = replace(x, entities=tuple(replace(e, kind=kinds.get(e.name, e.kind)) for e in x.entities))
    return {e.name: e for e in geocode(Annotation(text=text, tokens=(), sentences=(), spans=()), x)}


@pytest.mark.parametrize(
    ("name", "kind", "lat", "lon"),
    [
        ("The Washington Post", "media", 38.9, -77.04),  # a newspaper named for its city
        ("Nigerian Army", "organization", 10.0, 8.0),  # a nationality: the country
        ("European Commission", "igo", 49.84, 9.90),  # Europe (the EU's geographic centre)
        ("EU", "igo", 49.84, 9.90),  # an acronym read by the gazetteer's full name
        ("White House", "organization", 38.9, -77.04),  # a landmark that names an institution
        ("Small Business BC", "organization", 54.0, -125.0),  # the last words: a province
    ],
)
def test_an_organisation_is_seated_at_the_place_it_is_named_for(name: str, kind: str, lat: float, lon: float) -> None:
    got = _with_kinds(f"{name} said on Monday that talks would go on.", [(name, "ORG")], {name: kind})
    assert got[name].kind == kind
    assert _at(got[name], lat, lon, km=100), got[name].place


def test_an_organisation_named_with_no_place_has_no_seat() -> None:
    got = _entities("Human Rights Watch said on Monday that talks would go on.", [("Human Rights Watch", "ORG")])
    assert got["Human Rights Watch"].place is None


def test_a_one_word_person_named_like_a_place_of_the_storys_country_is_that_place() -> None:
    text = "Flooding closed roads across Kent after storms hit London and Manchester on Sunday."
    got = _entities(text, [("Kent", "PERSON"), ("London", "GPE"), ("Manchester", "GPE")])
    assert got["Kent"].kind == "place" and _at(got["Kent"], 51.2, 0.7, km=60)


def test_a_one_word_person_stays_a_person_when_the_text_says_so_or_the_name_is_ambiguous() -> None:
    said = "Kent said the roads in London and Manchester were closed on Sunday."
    got = _entities(said, [("Kent", "PERSON"), ("London", "GPE"), ("Manchester", "GPE")])
    assert got["Kent"].kind == "person" and got["Kent"].place is None
    # many towns of the United States are called Franklin: a surname, not a place
    text = "Franklin met voters in Chicago and Boston before the vote in Texas."
    got = _entities(text, [("Franklin", "PERSON"), ("Chicago", "GPE"), ("Boston", "GPE"), ("Texas", "GPE")])
    assert got["Franklin"].kind == "person" and got["Franklin"].place is None


def test_the_name_after_a_town_is_its_state() -> None:
    text = "A bakery in Tacoma, Washington shares tips. Washington has wet winters."
    got = _entities(text, [("Tacoma", "GPE"), ("Washington", "GPE")])
    assert _at(got["Washington"], 47.5, -120.5, km=100)
    assert got["Washington"].attributes["place_clue"] == "a town of it written before it"
    plain = _entities("The senator flew to Washington on Monday.", [("Washington", "GPE")])
    assert _at(plain["Washington"], 38.9, -77.04)


def test_a_village_of_an_english_speaking_country_resolves_in_a_story_about_that_country() -> None:
    text = "Police closed the A120 near Coggeshall, and trains from Colchester and Chelmsford were cancelled."
    got = _entities(text, [("Coggeshall", "GPE"), ("Colchester", "GPE"), ("Chelmsford", "GPE")])
    assert _at(got["Coggeshall"], 51.87, 0.69, km=10)
    alone = _entities("Reporters went to Coggeshall on Monday.", [("Coggeshall", "GPE")])
    assert alone["Coggeshall"].place is None  # nothing in the story says which country


def test_an_arabic_article_never_finds_a_village_of_the_english_speaking_countries() -> None:
    index = place_index()
    assert any(c.country == "US" for c in index.lookup("Omar"))
    assert not any(c.country == "US" and c.population < 5000 for c in index.lookup("al-Omar"))


def test_a_one_word_landmark_or_firm_stays_an_organisation() -> None:
    text = "The Pentagon said troops in Texas and Ohio would stay. Paramount filmed in Chicago and Boston."
    got = _entities(text, [("Pentagon", "ORG"), ("Paramount", "ORG"), ("Texas", "GPE"), ("Ohio", "GPE")])
    assert got["Pentagon"].kind == "organization" and _at(got["Pentagon"], 38.87, -77.06, km=10)  # seated there
    assert got["Paramount"].kind == "organization" and got["Paramount"].place is None


def test_a_province_named_in_the_story_points_at_its_town_over_a_bigger_namesake() -> None:
    # British Columbia carries its GeoNames admin1 code (from admin1.tsv), so Nelson is Nelson, BC
    # and not the bigger Nelson of New Zealand
    text = "A new office opened in Nelson on Monday, the 30th of its kind in British Columbia."
    got = _entities(text, [("Nelson", "GPE"), ("British Columbia", "GPE")])
    assert _at(got["Nelson"], 49.49, -117.29), got["Nelson"].place
    alone = _entities("A new office opened in Nelson on Monday.", [("Nelson", "GPE")])
    assert _at(alone["Nelson"], -41.27, 173.28)  # nothing named: the best-known Nelson


def test_a_country_division_keeps_its_name_over_a_village_of_that_name() -> None:
    # Wales has a code now, yet a bare "Wales" is the country, not the Yorkshire village
    got = _entities("Rain swept across Wales and the south of England.", [("Wales", "GPE"), ("England", "GPE")])
    assert _at(got["Wales"], 52.3, -3.7, km=100), got["Wales"].place


def test_an_irish_county_and_a_philippine_province_are_known() -> None:
    index = place_index()
    assert any(c.country == "IE" and c.level == "admin" for c in index.lookup("Galway County"))
    assert any(c.country == "PH" and c.level == "admin" for c in index.lookup("Laguna"))


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Smart Dubai Office", "AE"),  # a big city inside the name
        ("SME Mauritius Limited", "MU"),  # a country inside the name
        ("NSW National Parks and Wildlife Service", "AU"),  # an upper-case division first
    ],
)
def test_an_organisation_is_seated_at_a_place_named_inside_its_name(name: str, country: str) -> None:
    got = _entities(f"{name} said on Monday that talks would go on.", [(name, "ORG")])
    assert got[name].kind == "organization" and got[name].place is not None
    assert got[name].place.country == country


def test_an_organisation_with_no_place_inside_its_name_stays_unseated() -> None:
    for name in ("Goldman Sachs Group", "General Motors", "ABC News"):
        got = _entities(f"{name} said on Monday that talks would go on.", [(name, "ORG")])
        assert got[name].place is None, name


def test_a_one_word_person_named_like_a_big_citys_other_name_is_that_city() -> None:
    # GeoNames keeps Misrata as another name of Misratah; one Nigerian place bears "Abuja" as its own
    text = "Militias from Misrata and Benghazi fought near Tripoli, in Libya."
    got = _entities(text, [("Misrata", "PERSON"), ("Benghazi", "GPE"), ("Tripoli", "GPE"), ("Libya", "GPE")])
    assert got["Misrata"].kind == "place" and _at(got["Misrata"], 32.38, 15.09)
    text = "The minister of Communication Technology, Abuja, Dr. Tunji Olaopa, spoke in Nigeria."
    got = _entities(text, [("Abuja", "PERSON"), ("Nigeria", "GPE")])
    assert got["Abuja"].kind == "place" and _at(got["Abuja"], 9.06, 7.49)


def test_a_street_the_tagger_took_for_a_person_is_placed_at_the_locality() -> None:
    text = "NEW ORLEANS (AP) - The new office is at 333 Royal St., near the Rue Casa Calvo cafe."
    got = _entities(text, [("NEW ORLEANS", "GPE"), ("Royal St.", "PERSON"), ("Rue Casa Calvo", "ORG")])
    for name in ("Royal St.", "Rue Casa Calvo"):
        assert _at(got[name], 29.95, -90.07), name
        assert "locality" in got[name].attributes["place_clue"], name


def test_an_organisation_named_by_places_joined_is_seated_at_the_first() -> None:
    text = "Michelle Mungall, MLA for Nelson-Creston, opened an office in British Columbia."
    got = _entities(text, [("Nelson-Creston", "ORG"), ("British Columbia", "GPE")])
    riding = got["Nelson-Creston"]
    assert riding.kind == "organization" and _at(riding, 49.49, -117.29), riding.place
    firm = _entities("Hewlett-Packard said on Monday it would cut jobs.", [("Hewlett-Packard", "ORG")])
    assert firm["Hewlett-Packard"].place is None



@pytest.mark.parametrize(
    ("text", "name", "typ", "kind"),
    [
        ("Women were moved to the Qawrish camp near the border.", "Qawrish", "PERSON", "place"),
        ("Isis resurfaced in the Anbar and Zubayrah provinces.", "Zubayrah", "ORG", "place"),
        ("Fighters fled to the village of Tell Hamdoun.", "Tell Hamdoun", "PERSON", "place"),
        ("Mr Qawrish camp followers left in the night.", "Qawrish", "PERSON", "person"),
        ("Qawrish said the camp was full.", "Qawrish", "PERSON", "person"),
    ],
)
def test_a_name_written_with_a_place_noun_is_a_place_though_unknown(text: str, name: str, typ: str, kind: str) -> None:
    e = _entities(text, [(name, typ)])[name]
    assert e.kind == kind and e.place is None  # a place by its noun, no coordinates invented
