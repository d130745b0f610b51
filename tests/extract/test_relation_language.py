"""Relation rules over the language of news (issue 13): patrons named by a hyphened participle,
organised actors active in a place, occupations and offices as roles, an indefinite leader as a
member, a place in the place after it, and the confidence features of a relation. Every sentence
here is our own."""

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
        (
            "The US-backed Syrian Democratic Forces retook the village on Monday.",
            ("supports", "US", "Syrian Democratic Forces"),
        ),
        ("Reporters saw Iranian-backed militias moving towards the border.", ("supports", "Iranian", "militias")),
        ("The US-led coalition bombed the bridge at dawn.", ("leads", "US", "coalition")),
        (
            "The prisoners were handed over to the YPG, a US-backed Kurdish militia, last year.",
            ("supports", "US", "YPG"),
        ),
    ],
)
def test_a_hyphened_participle_names_the_patron(extracted: Extract, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_patron_is_no_partner(extracted: Extract) -> None:
    # "backed" between two parties states an alliance ("the Coalition backs the SDF"), but a
    # hyphened patron ("US-backed") only supports
    found = triples(extracted("The US-backed Syrian Democratic Forces retook the village on Monday."))
    assert not any(t == "allied_with" for t, _, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Erdogan said there was no distinction between the YPG in Syria and the PKK.",
            ("operates_in", "YPG", "Syria"),
            ("located_in", "YPG", "Syria"),
        ),
        (
            "Officials said US troops in Syria would leave within weeks.",
            ("operates_in", "US troops", "Syria"),
            ("located_in", "US troops", "Syria"),
        ),
    ],
)
def test_organised_actors_operate_where_they_are(
    extracted: Extract, text: str, expected: tuple[str, str, str], absent: tuple[str, str, str]
) -> None:
    found = triples(extracted(text))
    assert expected in found
    assert absent not in found


@pytest.mark.slow
def test_a_person_in_a_place_stays_located_there(extracted: Extract) -> None:
    found = triples(extracted("Mustafa Bali, the spokesman, lives in Qamishli with his family."))
    assert not any(t == "operates_in" and s == "Mustafa Bali" for t, s, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Paul Ronalds, chief executive of Save the Children, said the camp was unsafe.",
            {("has_role", "Paul Ronalds", "chief executive of Save the Children")},
        ),
        (
            "Ben Keith, a barrister specialising in extradition cases, said the risk was real.",
            {("has_role", "Ben Keith", "barrister specialising in extradition cases")},
        ),
        (
            "Mourners remembered the Saudi journalist Jamal Khashoggi on Friday.",
            {("has_role", "Jamal Khashoggi", "journalist")},
        ),
        (
            "Sam Heller, a senior analyst with the International Crisis Group, said so.",
            {("member_of", "Sam Heller", "International Crisis Group")},
        ),
        ("Alia Brahimi is co-founder of Legatus Global.", {("has_role", "Alia Brahimi", "co-founder")}),
    ],
)
def test_occupations_and_offices_are_roles(extracted: Extract, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extracted(text))


@pytest.mark.slow
def test_an_office_ties_no_group_by_itself(extracted: Extract) -> None:
    # "Saudi" qualifies the journalist; the journalist is no member of Saudi Arabia
    found = triples(extracted("Mourners remembered the Saudi journalist Jamal Khashoggi on Friday."))
    assert not any(t == "member_of" and s == "Jamal Khashoggi" for t, s, _ in found)


@pytest.mark.slow
def test_an_indefinite_leader_is_a_member_not_the_head(extracted: Extract) -> None:
    found = triples(extracted("Abdullah Ocalan, a PKK leader, spoke to the court on Monday."))
    definite = triples(extracted("Abdullah Ocalan, the PKK leader, spoke to the court on Monday."))
    assert ("leads", "Abdullah Ocalan", "PKK") not in found
    assert ("member_of", "Abdullah Ocalan", "PKK") in found
    assert ("leads", "Abdullah Ocalan", "PKK") in definite


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fighters retook the last enclave on Saturday in Baghuz, eastern Syria.",
            ("located_in", "Baghuz", "Syria"),
        ),
        (
            "Militants massacred villagers in the Druze community of Sweida, in southern Syria.",
            ("located_in", "Sweida", "Syria"),
        ),
        ("The leaders are due to meet in the Russian city of Sochi on Thursday.", ("located_in", "Sochi", "Russian")),
    ],
)
def test_a_place_in_the_place_named_after_it(extracted: Extract, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_list_of_places_is_no_place_in_a_place(extracted: Extract) -> None:
    found = triples(extracted("Delegations came from Iraq, eastern Syria and Lebanon."))
    assert ("located_in", "Iraq", "Syria") not in found


@pytest.mark.slow
def test_relation_features_say_how_the_arguments_are_linked() -> None:
    text = "Bashar al-Assad, Syria's president, met Vladimir Putin in Sochi. The US-backed SDF attacked Isis."
    annotation = annotate(text)
    x = extract(Document(id="t", text=text), annotation)
    rows = {
        (r.type, r.subject.text, r.object.text): f
        for r, f in zip(x.relations, features(annotation, x)["relation"], strict=True)
    }
    role = rows[("has_role", "Bashar al-Assad", "Syria's president")]
    assert role["link:appos"] == 1.0 and role["kinds_fit"] == 1.0
    fight = next(f for k, f in rows.items() if k[0] == "fights")
    assert fight["link:verb"] == 1.0
    patron = rows[("supports", "US", "SDF")]
    assert patron["link:phrase"] == 1.0
    assert all(f["path_arcs"] > 0 for f in rows.values())


@pytest.mark.slow
def test_a_country_does_not_stand_for_the_groups_it_owns(extracted: Extract) -> None:
    owned = triples(extracted("Turkey, which backs Syria's opposition groups, demanded more."))
    assert ("supports", "Turkey", "Syria's opposition groups") in owned
    assert ("supports", "Turkey", "Syria") not in owned


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "The foreign secretary spoke to the US Secretary of State, Mike Pompeo, on Thursday.",
            ("alias_of", "the US Secretary of State", "Mike Pompeo"),
        ),
        ("Senator Lindsey Graham (R-S.C.) is condemning the move.", ("alias_of", "Lindsey Graham", "R-S.C.")),
    ],
)
def test_an_alias_is_a_name_not_a_title_or_a_party_code(
    extracted: Extract, text: str, absent: tuple[str, str, str]
) -> None:
    assert absent not in triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey views those same Kurdish groups as mortal foes.", ("opposes", "Turkey", "Kurdish groups")),
        (
            "The Turkish military, which regards the YPG as a threat to national security, massed troops.",
            ("opposes", "Turkish military", "YPG"),
        ),
    ],
)
def test_branding_an_actor_an_enemy_opposes_it(extracted: Extract, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_friendly_label_opposes_nobody(extracted: Extract) -> None:
    found = triples(extracted("Turkey views the PKK as a partner in the talks."))
    assert not any(t == "opposes" for t, _, _ in found)
