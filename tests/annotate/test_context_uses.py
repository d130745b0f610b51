"""Types from how the text uses a name: places the model reads as people or organisations, people
it reads as organisations, and page furniture that is no name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation

pytestmark = pytest.mark.slow

Annotate = Callable[[str], Annotation]


def labels(annotation: Annotation) -> dict[str, str]:
    return {s.text: s.label for s in annotation.spans}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The troops withdrew from eastern Aleppo to Mosul last winter.", "Aleppo"),  # locative + direction
        ("Shelling resumed in the northern Hama countryside on Monday.", "Hama"),  # a place noun after it
        ("The families drove to the Sinjar mountains, 12km away.", "Sinjar"),
        ("The offensive is aimed at Idlib, the north-western Syrian province.", "Idlib"),  # apposition
        ("The war consumed nearby Aleppo, Hama and Homs within a year.", "Homs"),  # listed with places
        ("Near Idlib 21 Syrian soldiers were killed by the blast.", "Idlib"),  # no score after a preposition
    ],
)
def test_places_read_as_places_from_their_use(annotated: Annotate, text: str, name: str) -> None:
    assert labels(annotated(text)).get(name) == "GPE"


def test_one_name_one_kind_for_a_place(annotated: Annotate) -> None:
    text = (
        "Fighters reached the Kurdish town of Kobane in September. Kobane was the first real battle "
        "in which air power mattered, and Kobane held."
    )
    spans = [s for s in annotated(text).spans if s.text == "Kobane"]
    assert len(spans) == 3 and {s.label for s in spans} == {"GPE"}


def test_a_persons_surname_stays_a_person_after_a_preposition(annotated: Annotate) -> None:
    text = "Barack Obama spoke first. Putin later sent a letter to Obama."
    assert {s.label for s in annotated(text).spans if s.text == "Obama"} == {"PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It followed a call between Trump and the Turkish president, Recep Tayyip Erdoğan, on Friday.",
         "Recep Tayyip Erdoğan"),
        ("In an interview this week, Jürgen Stock, the Interpol chief, said the group would return.",
         "Jürgen Stock"),
    ],
)
def test_a_name_in_apposition_to_a_role_is_a_person(annotated: Annotate, text: str, name: str) -> None:
    assert labels(annotated(text)).get(name) == "PERSON"


def test_a_letters_signature_splits_name_and_town(annotated: Annotate) -> None:
    text = "They must not betray the Kurds again. Margaret Owen London • Turkey has said it will invade."
    got = labels(annotated(text))
    assert got.get("Margaret Owen") == "PERSON" and got.get("London") == "GPE"
    assert "Margaret Owen London" not in got


@pytest.mark.parametrize(
    "text",
    [
        "Do we want to fight for Russia, Iran &amp; other locals?, he asked.",
        "We must act now. Yugo Kovach Winterborne Houghton, Dorset • Trump is wrong on Syria.",
    ],
)
def test_no_name_ends_in_a_symbol_or_runs_across_a_bullet(annotated: Annotate, text: str) -> None:
    for s in annotated(text).spans:
        assert "•" not in s.text and not s.text.endswith("&"), s.text


def test_a_title_abbreviation_is_no_part_of_a_name(annotated: Annotate) -> None:
    assert "Sec Def Mattis" not in labels(annotated("Sec Def Mattis is the remaining strong bond."))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Officials in Northern Syria said the camps were full.", "Northern Syria"),
        ("The council that runs North-East Syria met the envoy on Monday.", "North-East Syria"),
    ],
)
def test_a_capitalised_compass_word_and_a_state_name_one_place(annotated: Annotate, text: str, part: str) -> None:
    found = labels(annotated(text))
    assert found.get(part) == "LOC" and part.split()[-1] not in found


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Officials in northern Syria said the camps were full.", "Syria"),  # lower case: a description
        ("Aid reached south-eastern Turkey and the camps near the border.", "Turkey"),
        ("He flew from Seoul, the capital of South Korea, on Monday.", "South Korea"),  # a state's own name
    ],
)
def test_a_state_after_a_lower_case_compass_word_stays_the_state(annotated: Annotate, text: str, state: str) -> None:
    assert labels(annotated(text)).get(state) == "GPE"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rockets hit the Damascus district of Sheikh Saad overnight, residents said.", "Sheikh Saad"),
        ("Families fled the border town of Tal Hamis on Friday.", "Tal Hamis"),
        ("Aid reached the village of Kafr Musa and the city of Maarat al-Hamra.", "Maarat al-Hamra"),
    ],
)
def test_a_name_after_a_place_noun_and_of_is_a_place(annotated: Annotate, text: str, place: str) -> None:
    assert labels(annotated(text)).get(place) == "GPE"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Convoys left the town of Hajin at dawn.", ["Hajin"]),
        ("They reached the Homs district of Bab Amr at noon.", ["Bab Amr"]),
        ("Shells fell on the town of Kafr al-Sous and its farms.", ["Kafr al-Sous"]),
        ("Shells fell on the town of Kafr al- and its farms.", ["Kafr"]),
        ("He left the town of his birth in 1990.", []),  # no name after it
        ("The mayor of the city of Leeds Council Chamber spoke.", []),  # an organisation's word in it
    ],
)
def test_the_name_after_a_place_noun_and_of(text: str, found: list[str]) -> None:
    import spacy

    from newsgraph.annotate.context import _places_after_nouns

    doc = spacy.blank("en")(text)
    assert [(s.text, s.label_) for s in _places_after_nouns(doc, [])] == [(f, "GPE") for f in found]
