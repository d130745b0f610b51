"""Relation rules over the language of news (issue 13, recall): the allies a noun names ("Turkey's
ally Azerbaijan", "Hezbollah, an ally of Iran", "Iranian allies, including Lebanon"), the members
of an alliance ("the two Nato allies"), the person named after the group of a role ("a spokesman
for the SDF, Mustafa Bali"), no bare demonym as a side, and the confidence features that say how
the tie is written. Every sentence here is our own."""

from __future__ import annotations

import pytest

from newsgraph.annotate import annotate
from newsgraph.extract import extract
from newsgraph.extract.confidence import features
from newsgraph.records import Document
from tests.extract.relation_triples import Extract, triples


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Armenia's ally Russia sent observers to the border.", ("allied_with", "Armenia", "Russia")),
        ("Hezbollah, an ally of Iran, sent more fighters south.", ("allied_with", "Hezbollah", "Iran")),
        ("Britain is an ally of the United States.", ("allied_with", "Britain", "United States")),
        ("The new sanctions hit Iranian allies, including Lebanon and Iraq.", ("allied_with", "Iranian", "Lebanon")),
        (
            "Turkey regards the YPG as an ally of the Kurdistan Workers Party.",
            ("allied_with", "YPG", "Kurdistan Workers Party"),
        ),
    ],
)
def test_an_ally_noun_ties_the_side_it_belongs_to_and_the_ally_it_names(
    extracted: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(extracted(text))
    assert expected in found or (expected[0], expected[2], expected[1]) in found


@pytest.mark.slow
def test_a_demonym_before_an_ally_noun_is_the_ally_when_a_possessor_owns_them(extracted: Extract) -> None:
    text = (
        "President Omar Hassan thanked Sudan's people. The blame lies with Hassan and his Egyptian and Libyan allies."
    )
    found = {(t, o) for t, _, o in triples(extracted(text)) if t == "allied_with"}
    # "his" resolves to Hassan; the two demonyms are his allies, not allies of each other
    assert ("allied_with", "Egyptian") in found and ("allied_with", "Libyan") in found
    assert not any(t == "allied_with" and {s, o} == {"Egyptian", "Libyan"} for t, s, o in triples(extracted(text)))


@pytest.mark.slow
def test_the_place_allies_are_in_is_no_ally(extracted: Extract) -> None:
    found = triples(extracted("The announcement caught the US's allies in Syria off guard."))
    assert not any(t == "allied_with" and "Syria" in (s, o) for t, s, o in found)


@pytest.mark.slow
def test_the_allies_of_an_alliance_are_its_members(extracted: Extract) -> None:
    found = triples(extracted("The two Nato allies, Greece and Italy, signed the accord in Rome."))
    assert ("member_of", "Greece", "Nato") in found and ("member_of", "Italy", "Nato") in found
    assert not any(t == "allied_with" and "Nato" in (s, o) for t, s, o in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A spokesman for the Free Syrian Army, Yusuf Hamoud, said the road was open.",
            [
                ("represents", "Yusuf Hamoud", "Free Syrian Army"),
                ("has_role", "Yusuf Hamoud", "spokesman for the Free Syrian Army"),
            ],
        ),
        (
            "The leader of Hezbollah, Hassan Nasrallah, gave a speech on Friday.",
            [("leads", "Hassan Nasrallah", "Hezbollah"), ("has_role", "Hassan Nasrallah", "leader of Hezbollah")],
        ),
    ],
)
def test_the_name_after_the_group_of_a_role_holds_the_role(
    extracted: Extract, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = triples(extracted(text))
    assert all(e in found for e in expected)
    assert not any(s.lower().startswith(("a spokesman", "the leader")) for _, s, _ in found)


@pytest.mark.slow
def test_a_bare_demonym_adjective_is_no_side(extracted: Extract) -> None:
    found = triples(extracted("Kurdish YPG commander Sipan Hemo said the town had fallen."))
    assert ("member_of", "Sipan Hemo", "YPG") in found
    assert not any("Kurdish" in (s, o) for _, s, o in found)


@pytest.mark.slow
def test_relation_features_say_how_the_tie_is_written() -> None:
    text = (
        "The US-backed Syrian Democratic Forces took the town. Hezbollah, an ally of Iran, sent fighters. "
        "The aid convoy reached Kobani in northern Syria on Monday."
    )
    annotation = annotate(text)
    x = extract(Document(id="t", text=text), annotation)
    rows = {
        (r.type, r.subject.text, r.object.text): f
        for r, f in zip(x.relations, features(annotation, x)["relation"], strict=True)
    }
    backed = rows[("supports", "US", "Syrian Democratic Forces")]
    assert backed.get("fused") == 1.0  # one hyphened word states the tie
    ally = next(f for k, f in rows.items() if k[0] == "allied_with")
    assert ally.get("link:own_word") == 1.0  # "ally" is the type's own word
    assert "fused" not in ally
    placed = [f for k, f in rows.items() if k[0] == "located_in" and k[1] == "Kobani"]
    assert placed and placed[0].get("place_in_place") == 1.0
