"""newsgraph's spaCy components correct the model's entities (texts written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation
from newsgraph.annotate.components import COMPONENTS

pytestmark = pytest.mark.slow

Annotate = Callable[[str], Annotation]


def labels(annotation: Annotation) -> dict[str, str]:
    return {s.text: s.label for s in annotation.spans}


@pytest.mark.parametrize("name", COMPONENTS)
def test_components_run_after_the_models_ner(nlp, name: str) -> None:  # type: ignore[no-untyped-def]
    assert nlp.pipe_names.index(name) > nlp.pipe_names.index("ner")


@pytest.mark.parametrize(
    ("text", "long", "short", "label"),
    [
        (
            "Officials blamed the Tehreek-e-Labbaik Pakistan (TLP) for the protests. TLP denied it.",
            "Tehreek-e-Labbaik Pakistan", "TLP", "ORG",
        ),
        (
            "A study by the Centre for Strategic Foresight Analysis (CSFA) was cited. The CSFA said more.",
            "Centre for Strategic Foresight Analysis", "CSFA", "ORG",
        ),
        (
            "Rallies were held in Pakistan-occupied Kashmir (PoK) on Sunday. PoK has seen many.",
            "Pakistan-occupied Kashmir", "PoK", "LOC",
        ),
    ],
)
def test_defined_acronym_and_its_long_form_become_mentions_of_one_type(
    annotated: Annotate, text: str, long: str, short: str, label: str
) -> None:
    a = annotated(text)
    found = [(s.text, s.label) for s in a.spans]
    assert (long, label) in found
    assert found.count((short, label)) == text.count(short)
    keys = {s.kb_id for s in a.spans if s.text in (long, short)}
    assert len(keys) == 1 and keys != {""}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police said Jaish-e-Mohammad claimed the attack near the border.", "Jaish-e-Mohammad"),
        ("Members of Harkat-ul-Mujahideen were arrested in Lahore.", "Harkat-ul-Mujahideen"),
    ],
)
def test_hyphenated_names_stay_whole(annotated: Annotate, text: str, name: str) -> None:
    assert labels(annotated(text)).get(name) == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Officials met Lashkar-e-Tayyiba leaders in the city.", "Lashkar-e-Tayyiba", "ORG"),
        ("Hamas said the talks in Cairo had stalled.", "Hamas", "ORG"),
        ("The envoy flew from Islamabad to Kabul on Monday.", "Kabul", "GPE"),
        ("Thousands marched in Muzaffarabad after prayers.", "Muzaffarabad", "GPE"),
        ("Pakistani officials welcomed the decision.", "Pakistani", "NORP"),
        ("The Middle East faces new tension, diplomats said.", "Middle East", "LOC"),
    ],
)
def test_gazetteer_names_get_their_type(annotated: Annotate, text: str, name: str, label: str) -> None:
    assert labels(annotated(text)).get(name) == label


@pytest.mark.parametrize(
    "text",
    ["Washington called Islamabad a major non-NATO ally in 2004.", "The non-EU members voted against the plan."],
)
def test_negated_names_are_not_mentions(annotated: Annotate, text: str) -> None:
    assert not [s for s in annotated(text).spans if s.text.lower().startswith("non")]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("He said the United States would respond.", "United States", "GPE"),
        ("Analysts at the Federal Reserve's board disagreed.", "Federal Reserve", "ORG"),
    ],
)
def test_articles_and_possessives_are_outside_names(annotated: Annotate, text: str, name: str, label: str) -> None:
    assert labels(annotated(text)).get(name) == label


@pytest.mark.parametrize(
    ("text", "surname"),
    [("Prime Minister Imran Tareen spoke first. Later, Tareen left the hall.", "Tareen")],
)
def test_a_surname_alone_is_a_person_when_named_in_full(annotated: Annotate, text: str, surname: str) -> None:
    spans = [s for s in annotated(text).spans if s.text == surname]
    assert spans and all(s.label == "PERSON" for s in spans)


@pytest.mark.parametrize(
    ("text", "title"),
    [("Delegates attended the “Regional Peace and Trade Conference” in Doha.", "Regional Peace and Trade Conference")],
)
def test_quoted_titles_of_events_are_events(annotated: Annotate, text: str, title: str) -> None:
    assert labels(annotated(text)).get(title) == "EVENT"


@pytest.mark.parametrize(
    ("text", "team"),
    [("Results : Swansea 49 Cardiff 23 , Newport 29 Caerphilly 10", "Swansea")],
)
def test_a_town_before_a_score_is_its_team(annotated: Annotate, text: str, team: str) -> None:
    assert labels(annotated(text)).get(team) == "ORG"


@pytest.mark.parametrize("text", ["Talks resumed on Jan 27 in Geneva, three weeks after the vote."])
def test_date_spans_are_kept_for_the_dates_stage(annotated: Annotate, text: str) -> None:
    assert "DATE" in {s.label for s in annotated(text).spans}


@pytest.mark.parametrize("text", ["The “Hamas Operation ‘Al Aqsa Flood’ Conference” met.\n\nLONDON 1996-08-30\n"])
def test_spans_never_overlap_and_match_the_text(annotated: Annotate, text: str) -> None:
    a = annotated(text)
    for left, right in zip(a.spans, a.spans[1:], strict=False):
        assert left.end <= right.start
    assert all(a.text[s.start : s.end] == s.text and "\n" not in s.text for s in a.spans)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police said three Harwani operatives were arrested after the raid.", "Harwani"),
        ("A TLP spokesman denied the report on Monday.", "TLP"),
    ],
)
def test_names_before_member_or_staff_nouns_are_not_people(annotated: Annotate, text: str, name: str) -> None:
    assert labels(annotated(text)).get(name, "ORG") == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a demonym before an organisation name is part of it
        ("In 2014 the Islamic State overran the town of Sinjar.", "Islamic State", "ORG"),
        ("The Iraqi Army retook the village.", "Iraqi Army", "ORG"),
        # a name read with its leading preposition is the place after it
        ("Near Ar Raqqah, three strikes destroyed a bridge.", "Ar Raqqah", "GPE"),
        ("Syria\n.\u00a0\u00a0 Near Al Shadaddi, one strike destroyed a bridge.", "Al Shadaddi", "GPE"),
        # a "person" before a comma and a state is a place in that state
        ("Advisers reached Manbij, Syria, on Tuesday.", "Manbij", "GPE"),
        # a name described as a town or an area is a place
        ("Shells hit Kafr Nabudah, a small town north of Hama, overnight.", "Kafr Nabudah", "GPE"),
        ("Ships were diverted to the port of Tema in Ghana.", "Tema", "GPE"),
    ],
)
def test_names_corrected_from_the_words_around_them(annotated: Annotate, text: str, name: str, label: str) -> None:
    found = labels(annotated(text))
    assert found.get(name) == label, found


def test_a_leading_preposition_is_never_part_of_a_name(annotated: Annotate) -> None:
    names = [s.text for s in annotated("Near Ar Raqqah, three strikes destroyed a bridge.").spans]
    assert not any(n.startswith("Near") for n in names), names


@pytest.mark.slow
def test_a_place_completed_by_an_organisations_head_word_stays_the_organisation(annotated: Annotate) -> None:
    # the model's "Middle East Institute" is one organisation, not the Middle East and an "Institute"
    found = labels(annotated("He told the Middle East Institute in Nairobi that the talks had failed."))
    assert found.get("Middle East Institute") == "ORG" and "Middle East" not in found, found
    # a name set off by punctuation is still split off ("Islamic State (Isis")
    found = labels(annotated("Islamic State (Isis) fighters left the town."))
    assert found.get("Islamic State") and found.get("Isis"), found
