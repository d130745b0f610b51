"""Pronoun agreement shared by claims, events and relations: gender from what the text shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate.parsed import Annotation
from newsgraph.extract.references import agrees, gender_of, name_gender, person_genders, role_holder, role_holders
from newsgraph.records import Extraction

Extract = Callable[..., Extraction]


def test_gender_comes_from_honorifics_and_gendered_nouns_only() -> None:
    assert gender_of(["the", "Mr."]) == "m"
    assert gender_of(["spokeswoman"]) == "f"
    assert gender_of(["president", "Omar"]) is None  # a name or a neutral role shows nothing


def test_unknown_gender_agrees_with_every_pronoun() -> None:
    assert agrees("she", None) and agrees("he", None) and agrees("it", "m")
    assert not agrees("She", "m") and not agrees("his", "f")


@pytest.mark.slow
def test_person_genders_read_from_the_text(annotated: Callable[[str], Annotation], extracted: Extract) -> None:
    text = "Mr Omar Haddad met Leila Nasser, a spokeswoman for the council, and Noor Aziz in Amman."
    x = extracted(text)
    genders = person_genders(annotated(text), x.mentions)
    by_name = {e.name: genders.get(e.id) for e in x.entities if e.kind == "person"}
    assert by_name.get("Omar Haddad") == "m"
    assert by_name.get("Leila Nasser") == "f"
    assert by_name.get("Noor Aziz") is None  # a given name borne by men and women shows nothing


@pytest.mark.parametrize(
    ("name", "gender"),
    [("Sajid Javid", "m"), ("Shamima Begum", "f"), ("Noor Aziz", None), ("Javid", None), ("Tunde Bello", None)],
)
def test_a_given_name_borne_by_one_sex_only_shows_the_gender(name: str, gender: str | None) -> None:
    """The first word of a name of two words or more; a surname alone or a name borne by both
    shows nothing."""
    assert name_gender(name) == gender


@pytest.mark.slow
def test_the_text_shows_gender_before_the_given_name(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    text = "Mrs Karim Aziz, a spokeswoman for the council, spoke in Amman."
    x = extracted(text)
    genders = person_genders(annotated(text), x.mentions)
    assert {e.name: genders.get(e.id) for e in x.entities if e.kind == "person"}.get("Karim Aziz") == "f"


@pytest.mark.slow
def test_an_event_pronoun_agrees_with_its_antecedent(extracted: Extract) -> None:
    x = extracted(
        "Mr Omar Haddad met Leila Nasser, a spokeswoman for the council, in Amman. She criticised the militia."
    )
    accuse = [v for v in x.events if v.type == "ACCUSE"]
    names = {e.id: e.name for e in x.entities}
    assert accuse and all(names.get(a.entity or "") == "Leila Nasser" for v in accuse for a in v.source)


@pytest.mark.slow
def test_role_holders_keep_the_qualifying_entity(annotated: Callable[[str], Annotation], extracted: Extract) -> None:
    text = "US President Donald Trump met the Turkish president, Recep Tayyip Erdogan, in Ankara."
    x = extracted(text)
    holders = role_holders(annotated(text), x.mentions, frozenset({"president"}))
    ids = {e.name: e.id for e in x.entities}
    us, turkey = ids.get("US") or ids.get("United States"), ids.get("Turkey")
    trump = role_holder(holders, "president", {us} if us else set())
    assert trump == ids["Donald Trump"]
    assert role_holder(holders, "president", set()) is None  # two presidents: no guess
    if turkey:
        assert role_holder(holders, "president", {turkey}) == ids["Recep Tayyip Erdogan"]
