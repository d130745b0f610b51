"""The compiled gazetteer and its spelling-tolerant key (no spaCy model needed)."""

from __future__ import annotations

import pytest

from newsgraph.annotate.gazetteer import entry_for_key, load_gazetteer, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lashkar-e-Taiba", "LASHKAR E-TAYYIBA"),
        ("Jaish-e-Mohammad", "JAISH-I-MOHAMMED"),
        ("Hizbul Mujahideen", "HIZB-UL-MUJAHIDIN"),
        ("the Taliban", "TALIBAN"),
    ],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("Hamas", "Hezbollah"), ("Lashkar-e-Taiba", "Lashkar-e-Jhangvi")])
def test_different_names_have_different_skeletons(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize(
    ("tokens", "label", "kind", "country"),
    [
        ("pakistan", "GPE", "state", "PK"),
        ("pakistani", "NORP", "nationality", "PK"),
        ("united states", "GPE", "state", "US"),
        ("middle east", "LOC", "place", ""),
        ("hamas", "ORG", "group", ""),
        ("reuters", "ORG", "media", ""),
        ("rawalakot", "GPE", "place", "PK"),
        ("qamishli", "GPE", "place", "SY"),  # "Al Qamishli" without its article (issue 19)
        ("mayadeen", "GPE", "place", "SY"),
        ("tamil nadu", "GPE", "place", "IN"),  # a first-level division of regions.csv (issue 19)
        ("western cape", "GPE", "place", "ZA"),
    ],
)
def test_known_names_have_their_type_and_kind(tokens: str, label: str, kind: str, country: str) -> None:
    entry = load_gazetteer().folded[tokens]
    assert (entry.label, entry.kind, entry.country) == (label, kind, country)


@pytest.mark.parametrize(("acronym", "kind"), [("EU", "igo"), ("UN", "igo"), ("IANS", "media"), ("PoK", "place")])
def test_acronyms_match_case_sensitively(acronym: str, kind: str) -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.exact[acronym].kind == kind
    assert acronym.lower() not in gazetteer.folded


@pytest.mark.parametrize("word", ["reading", "mobile", "bath", "deal"])
def test_common_words_are_not_places(word: str) -> None:
    assert word not in load_gazetteer().folded


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("iso:PK", "Pakistan"),
        ("iso:US", "United States"),
        ("igo:north-atlantic-treaty-organization", "North Atlantic Treaty Organization"),
    ],
)
def test_a_key_gives_its_preferred_entry(key: str, name: str) -> None:
    entry = entry_for_key(key)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize(("tokens", "key"), [("turkey", "iso:TR"), ("türkiye", "iso:TR"), ("brunei", "iso:BN")])
def test_english_country_names_are_states(tokens: str, key: str) -> None:
    entry = load_gazetteer().folded[tokens]
    assert (entry.kind, entry.key) == ("state", key)


@pytest.mark.parametrize("tokens", ["hezbollah", "al - qa'ida", "montoneros", "ahrar al - sham", "islamic state"])
def test_militant_groups_are_groups(tokens: str) -> None:
    assert load_gazetteer().folded[tokens].kind == "group"


@pytest.mark.parametrize(
    "tokens",
    [
        "la liga",
        "black friday",
        "tigers",
        "organization",
        "the avengers",
        "zawahiri",
        "khaled meshaal",
        "sheikh ahmed yassin",
        "new order",
    ],
)
def test_phoenix_names_that_are_words_or_people_are_left_out(tokens: str) -> None:
    entry = load_gazetteer().folded.get(tokens)
    assert entry is None or entry.kind != "group"


def test_list_acronyms_need_the_full_name_and_vouched_ones_do_not() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.exact["PKK"].match == "exact"  # the Phoenix dictionary's own name for the group
    assert gazetteer.exact["PLA"].match == "confirm"  # a Phoenix alias; China's army too


@pytest.mark.parametrize("name", ["qaim", "burj", "jurf"])
def test_short_names_without_their_article_are_not_listed_alone(name: str) -> None:
    """Below five letters a name without its Arabic article is too often a word or a name part."""
    assert name not in load_gazetteer().folded
