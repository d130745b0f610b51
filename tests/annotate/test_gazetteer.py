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
