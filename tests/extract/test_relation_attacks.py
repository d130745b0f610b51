"""Attacks named by what delivers them: the strikes fight every target of their chained verbs,
and the clause's place holds the strikes and each target; a fronted place is never an attacker."""

from __future__ import annotations

import pytest

from tests.extract.relation_triples import Extract, triples

STRIKE_LINE = (
    "Near Tal Afar, four strikes engaged two ISIL tactical units; destroyed three fighting positions, "
    "a mortar system, and a supply cache; and damaged a bridge."
)


@pytest.mark.slow
def test_strikes_fight_every_target_of_their_chained_verbs(extracted: Extract) -> None:
    found = triples(extracted(STRIKE_LINE))
    for target in ("ISIL tactical units", "fighting positions", "mortar system", "supply cache", "bridge"):
        assert ("fights", "strikes", target) in found, (target, found)


@pytest.mark.slow
def test_the_clause_place_holds_the_strikes_and_their_targets(extracted: Extract) -> None:
    located = {(r.subject.text, r.object.text) for r in extracted(STRIKE_LINE).relations if r.type == "located_in"}
    assert ("strikes", "Tal Afar") in located
    assert any(s.endswith("fighting positions") and o == "Tal Afar" for s, o in located), located


@pytest.mark.slow
def test_the_fronted_place_is_no_attacker(extracted: Extract) -> None:
    x = extracted(STRIKE_LINE)
    assert not [r for r in x.relations if r.type == "fights" and "Tal Afar" in (r.subject.text, r.object.text)]
    assert not [e for e in x.events if any(a.text.endswith("Tal Afar") for a in e.source)]


@pytest.mark.slow
def test_an_actor_noun_subject_is_left_to_the_verb_rules(extracted: Extract) -> None:
    # "strikes" delivers an attack; "the minister" does not, and "destroyed" a reputation is no fight
    x = extracted("The minister destroyed his rival's reputation.")
    assert not [r for r in x.relations if r.type == "fights" and r.subject.text == "minister"]


@pytest.mark.slow
def test_forces_that_conduct_strikes_in_a_place_are_there(extracted: Extract) -> None:
    found = triples(extracted("In Yemen, coalition forces conducted nine strikes against Houthi positions."))
    assert ("located_in", "nine strikes", "Yemen") in found or ("located_in", "strikes", "Yemen") in found, found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Rail strikes hit commuters across the country.", "A fire destroyed the warehouse on Friday."],
)
def test_labour_strikes_and_fires_are_no_attacks(extracted: Extract, text: str) -> None:
    assert not [r for r in extracted(text).relations if r.type == "fights"]
