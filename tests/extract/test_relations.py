"""Relation extraction: titles, appositions, based/operating participles, relational nouns,
places and aliases, each with its sentence as evidence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import Extraction

Extract = Callable[..., Extraction]


def _triples(x: Extraction) -> set[tuple[str, str, str]]:
    return {(r.type, r.subject.text, r.object.text) for r in x.relations}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The talks were attended by senior Hezbollah representative Ali Fayad.",
            {("represents", "Ali Fayad", "Hezbollah"), ("has_role", "Ali Fayad", "representative")},
        ),
        (
            "Police arrested Taliban commander Mullah Omar Khan in Quetta.",
            {("member_of", "Mullah Omar Khan", "Taliban")},
        ),
        ("French President Emmanuel Macron arrived in Dakar.", {("leads", "Emmanuel Macron", "French")}),
        (
            "Angela Merkel, acting as chair of the organisation, opened the summit.",
            {("has_role", "Angela Merkel", "chair of the organisation")},
        ),
    ],
)
def test_titles_and_roles(extracted: Extract, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Yemen-based group Ansar Allah claimed the attack.", ("based_in", "Ansar Allah", "Yemen")),
        (
            "Analysts worry about the Hezbollah militants operating openly in Lebanon.",
            ("operates_in", "Hezbollah", "Lebanon"),
        ),
        ("Officials warned of the growing nexus between Hezbollah and Hamas.", ("allied_with", "Hezbollah", "Hamas")),
        ("The meeting took place in Quetta in Pakistan.", ("located_in", "Quetta", "Pakistan")),
        ("Fighters gathered in Syria's Idlib last week.", ("located_in", "Idlib", "Syria")),
        ("Jaish-e-Mohammad (JeM) claimed the bombing.", ("alias_of", "Jaish-e-Mohammad", "JeM")),
        (
            "Turkish troops attacked the Kurdistan Workers' Party in Iraq.",
            ("fights", "Turkish", "Kurdistan Workers' Party"),
        ),
    ],
)
def test_cue_patterns(extracted: Extract, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["Greece and Turkey are neighbours. The nexus between Hamas and Hezbollah worries Israel."]
)
def test_evidence_is_the_sentence_and_offsets_hold(extracted: Extract, text: str) -> None:
    x = extracted(text)
    nexus = [r for r in x.relations if r.type == "allied_with"]
    assert nexus
    for r in x.relations:
        assert text[r.subject.start : r.subject.end] == r.subject.text
        assert text[r.object.start : r.object.end] == r.object.text
    assert text[nexus[0].evidence.start : nexus[0].evidence.end].startswith("The nexus")


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Germany did not support the rebels in Libya."])
def test_a_negated_tie_is_marked_negated(extracted: Extract, text: str) -> None:
    ties = [r for r in extracted(text).relations if r.type == "supports"]
    assert ties and all(r.modality == "negated" for r in ties)


@pytest.mark.slow
def test_relations_on_the_wire_story(extracted: Extract, wire_text: str) -> None:
    x = extracted(wire_text, published="2026-01-27")
    found = _triples(x)
    assert ("represents", "Naji Zaheer", "Hamas") in found
    assert ("member_of", "Rashid Ali Sandhu", "LeT") in found
    assert ("located_in", "Gujranwala", "Pakistan") in found
    assert ("allied_with", "Hamas", "Pakistan-based terrorist groups") in found
    assert ("has_role", "Donald Trump", "chair of the organisation") in found
    board = next(e.id for e in x.entities if e.name == "Board of Peace")
    assert any(r.type == "leads" and r.subject.text == "Donald Trump" and r.object.entity == board for r in x.relations)
    operates = {r.subject.text for r in x.relations if r.type == "operates_in"}
    assert {"Lashkar-e-Taiba", "Jaish-e-Mohammad"} <= operates or {"LeT", "JeM"} <= operates
    assert all(r.claim is not None for r in x.relations if r.subject.text in {"Naji Zaheer", "Rashid Ali Sandhu"})
