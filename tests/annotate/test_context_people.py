"""People the model reads as places: a given name and a surname tagged as two places, and a name
in apposition to a person noun with its complement (``the envoy for Syria, X``)."""

from __future__ import annotations

import pytest

from newsgraph.annotate.context import _noun_of_name_before, _people_read_as_places
from newsgraph.annotate.entity_spans import make
from newsgraph.annotate.lexicon import word_list

pytestmark = pytest.mark.slow


def _span(doc, words: str, label: str):  # type: ignore[no-untyped-def]
    tokens = [t.text for t in doc]
    first = words.split()
    start = next(i for i in range(len(tokens)) if tokens[i : i + len(first)] == first)
    return make(doc, start, start + len(first), label, "model")


def test_a_given_name_and_a_surname_read_as_two_places_are_one_person(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "jamal" in word_list("given_names_male")
    doc = nlp("Officials were accused of ordering the killing of Jamal Barakzai in the consulate.")
    spans = [_span(doc, "Jamal", "GPE"), _span(doc, "Barakzai", "GPE")]
    out = _people_read_as_places(doc, spans)
    assert [(s.text, s.label_) for s in out] == [("Jamal Barakzai", "PERSON")]


def test_places_side_by_side_stay_places(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The convoy drove from Aleppo Damascus road towards the border.")
    spans = [_span(doc, "Aleppo", "GPE"), _span(doc, "Damascus", "GPE")]
    assert [s.label_ for s in _people_read_as_places(doc, spans)] == ["GPE", "GPE"]


def test_a_known_place_after_a_given_name_stays_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("She flew from Jamal Mosul to the capital on Monday.")
    spans = [_span(doc, "Jamal", "GPE"), _span(doc, "Mosul", "GPE")]
    assert [s.label_ for s in _people_read_as_places(doc, spans)] == ["GPE", "GPE"]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The UN special envoy for Syria, Alessandro de Montevani, has resigned.", "Alessandro de Montevani", True),
        ("The US ambassador to the Netherlands, Hendrik van Oostrum, said so.", "Hendrik van Oostrum", True),
        ("The road to Aleppo, Hama Gate, was closed.", "Hama Gate", False),  # no person noun
    ],
)
def test_a_name_after_a_person_noun_and_its_complement(nlp, text: str, name: str, expected: bool) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    span = _span(doc, name, "ORG")
    assert _noun_of_name_before(doc, span, word_list("person_nouns")) is expected


def test_a_count_before_a_people_is_no_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.annotate.context import _without_count_or_day

    doc = nlp("Officials think the 300 Syrians held there could go home.")
    cut = _without_count_or_day(_span(doc, "300 Syrians", "ORG"))
    assert (cut.text, cut.label_, cut.kb_id_) == ("Syrians", "NORP", "iso:SY")


def test_a_weekday_is_no_part_of_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.annotate.context import _without_count_or_day

    doc = nlp("The rift was plain in the Bundestag on Tuesday when the minister spoke.")
    cut = _without_count_or_day(_span(doc, "Bundestag on Tuesday", "ORG"))
    assert (cut.text, cut.label_) == ("Bundestag", "ORG")
    kept = _span(doc, "Bundestag", "ORG")
    assert _without_count_or_day(kept) is kept


def test_a_demonym_and_a_noun_for_a_person_before_a_name_leave_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.annotate.context import _described_person

    doc = nlp("She later married the Belgian national Pieter Vandamme in Raqqa.")
    named = _described_person(_span(doc, "Belgian national Pieter", "ORG"))
    assert named is not None and (named.text, named.label_) == ("Pieter Vandamme", "PERSON")
    # an organisation's noun is no person's: the span stays as the model read it
    group = nlp("Fighters of the Syrian rebel group Liwa Tahrir al-Jabal held the ridge.")
    assert _described_person(_span(group, "Syrian rebel group Liwa", "ORG")) is None
