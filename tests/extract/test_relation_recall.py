"""Relation rules over the language of news (issue 13, relations recall): a capital that takes a
side stands for its state, hostile labels the parser reads as a second object, a place noun's
name lies in the place before the noun, a person "of" an organisation is one of its people,
verbs of service make members, one head that names two countries' forces, and a letter's
signature line. Every sentence here is our own."""

from __future__ import annotations

import pytest

from newsgraph.annotate import annotate
from newsgraph.extract import extract
from newsgraph.extract.confidence import features
from newsgraph.records import Document
from tests.extract.relation_triples import Extract, triples


@pytest.mark.slow
def test_a_capital_taking_a_side_stands_for_its_state(extracted: Extract) -> None:
    x = extracted("Turkey has closed its border. Ankara views the Kurdish militias in Syria as a terrorist threat.")
    [tie] = [r for r in x.relations if r.type == "opposes"]
    assert (tie.subject.text, tie.object.text) == ("Ankara", "Kurdish militias")
    turkey = next(e for e in x.entities if e.name == "Turkey")
    assert tie.subject.entity == turkey.id


@pytest.mark.slow
def test_a_capital_that_is_attacked_stays_a_city(extracted: Extract) -> None:
    x = extracted("Syria is at war. Rebels shelled Damascus on Monday.")
    syria = next(e for e in x.entities if e.name == "Syria")
    assert not any(r.object.entity == syria.id for r in x.relations if r.type == "fights")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser makes the label a second object of "considers"
        (
            "The offensive is aimed at the YPG, which Turkey considers a terrorist organisation.",
            ("opposes", "Turkey", "YPG"),
        ),
        # the parser reads "views" as a noun with "Turkey" before it
        (
            "Turkey is angry at US support for Kurdish militias that Turkey views as terrorists.",
            ("opposes", "Turkey", "Kurdish militias"),
        ),
    ],
)
def test_a_hostile_label_the_parser_misreads_still_opposes(
    extracted: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_hostile_label_is_a_confidence_feature() -> None:
    text = "The offensive is aimed at the YPG, which Turkey considers a terrorist organisation."
    annotation = annotate(text)
    x = extract(Document(id="t", text=text), annotation)
    rows = {(r.type, r.subject.text): f for r, f in zip(x.relations, features(annotation, x)["relation"], strict=True)}
    assert rows[("opposes", "Turkey")].get("link:label") == 1.0


@pytest.mark.slow
def test_the_name_after_a_place_noun_lies_in_the_place_before_it(extracted: Extract) -> None:
    text = "Syria has lost the war. Reporters reached the eastern Syrian town of Abu Kamal on Friday."
    found = triples(extracted(text))
    assert ("located_in", "Abu Kamal", "Syrian") in found


@pytest.mark.slow
def test_a_person_of_an_organisation_is_one_of_its_people(extracted: Extract) -> None:
    found = triples(extracted("Ben Carter, of Human Rights Watch, said the camp was full."))
    assert ("member_of", "Ben Carter", "Human Rights Watch") in found
    # a place after "of" is where the person is from, never a body they belong to
    found = triples(extracted("Ben Carter, of Manchester, said the camp was full."))
    assert not any(t == "member_of" for t, _, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ahmed Hassan, who worked for the UN, was detained in Damascus.", ("member_of", "Ahmed Hassan", "UN")),
        ("Sara Khan was accused of fighting for Islamic State in Syria.", ("member_of", "Sara Khan", "Islamic State")),
    ],
)
def test_working_or_fighting_for_a_group_makes_a_member(
    extracted: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(extracted(text))
    assert expected in found
    assert not any(t == "fights" and o == expected[2] for t, _, o in found)


@pytest.mark.slow
def test_fighting_a_state_for_years_is_no_membership(extracted: Extract) -> None:
    found = triples(extracted("The PKK has fought the Turkish state for more than 40 years."))
    assert not any(t == "member_of" for t, _, _ in found)


@pytest.mark.slow
def test_one_head_can_name_two_countries_forces(extracted: Extract) -> None:
    text = "Russia and Iran have sent troops. Russian and Iranian forces backing Bashar al-Assad shelled the town."
    x = extracted(text)
    names = {e.id: e.name for e in x.entities}
    backers = {names.get(r.subject.entity or "") for r in x.relations if r.type == "supports"}
    assert {"Russia", "Iran"} <= backers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Letters. Many questions remain. Mary Holmes Twickenham, London •",
            {("located_in", "Mary Holmes", "Twickenham"), ("located_in", "Twickenham", "London")},
            ("located_in", "Mary Holmes", "London"),
        ),
        (
            "Letters. Many questions remain. Margaret Owen Patron, Peace in Kurdistan •",
            {("has_role", "Margaret Owen", "Patron"), ("member_of", "Margaret Owen", "Peace in Kurdistan")},
            ("located_in", "Margaret Owen Patron", "Kurdistan"),
        ),
    ],
)
def test_a_letters_signature_line(
    extracted: Extract, text: str, expected: set[tuple[str, str, str]], absent: tuple[str, str, str]
) -> None:
    found = triples(extracted(text))
    assert expected <= found
    assert absent not in found


@pytest.mark.slow
def test_an_anti_prefix_is_kept_and_names_no_actor(extracted: Extract) -> None:
    x = extracted("Turkey, which has supported anti-Assad forces throughout the war, wants a ceasefire.")
    assert ("supports", "Turkey", "anti-Assad forces") in triples(x)
    assert not any(r.object.text == "Assad forces" for r in x.relations)
    x = extracted("Amin Azzam, an anti-Assad fighter from Idlib, said the war was lost.")
    assert not any(r.type == "member_of" for r in x.relations)


@pytest.mark.slow
def test_a_countrys_director_of_a_body_is_one_of_its_people(extracted: Extract) -> None:
    found = triples(extracted("Elaine Pearson, the Australian director of Human Rights Watch, said the camp was full."))
    assert ("member_of", "Elaine Pearson", "Human Rights Watch") in found
    assert not any(t == "leads" for t, _, _ in found)  # neither the body nor "Australian"
    # the head of the body itself still leads it
    found = triples(extracted("Kenneth Roth, the executive director of Human Rights Watch, said the camp was full."))
    assert ("leads", "Kenneth Roth", "Human Rights Watch") in found


@pytest.mark.slow
def test_an_under_secretary_is_no_head(extracted: Extract) -> None:
    text = "On Wednesday, the UN under-secretary general for humanitarian affairs, Mark Lowcock, warned of floods."
    found = triples(extracted(text))
    assert ("member_of", "Mark Lowcock", "UN") in found
    assert ("leads", "Mark Lowcock", "UN") not in found


@pytest.mark.slow
def test_the_chief_of_a_part_is_one_of_the_bodys_people(extracted: Extract) -> None:
    found = triples(extracted("Federica Mogherini, the EU external affairs chief, will boycott the event."))
    assert ("member_of", "Federica Mogherini", "EU") in found
    assert ("leads", "Federica Mogherini", "EU") not in found


@pytest.mark.slow
def test_a_country_name_is_no_member_of_an_armed_group(extracted: Extract) -> None:
    text = "Three British men are in Kurdish custody in Syria, accused of being members of Islamic State."
    found = triples(extracted(text))
    assert not any(t == "member_of" and s == "Syria" for t, s, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the possessor of a person or a thing is not what the verb acts on
        (
            "Earlier this week, the lawyers representing Elsheikh's mother said their client opposed Islamic State.",
            ("represents", "lawyers", "Elsheikh"),
        ),
        ("Diane Abbott also criticised Javid's decision.", ("opposes", "Diane Abbott", "Javid")),
        # a misread apposition of a person is no place of theirs
        (
            "According to chemical weapons expert Hamish Gordon, the effectiveness of chemical weapons in Syria "
            "may encourage their use elsewhere.",
            ("located_in", "Hamish Gordon", "Syria"),
        ),
    ],
)
def test_no_tie_to_an_owner_or_through_a_misread_apposition(
    extracted: Extract, text: str, absent: tuple[str, str, str]
) -> None:
    assert absent not in triples(extracted(text))


@pytest.mark.slow
def test_a_body_a_country_owns_still_stands_for_it(extracted: Extract) -> None:
    found = triples(extracted("Rebels attacked Syria's army near Idlib on Monday."))
    assert any(t == "fights" and o.startswith("Syria") for t, _, o in found)


@pytest.mark.slow
def test_a_demonym_side_is_a_confidence_feature() -> None:
    text = "Syria and Turkey met. The Turkish president, Recep Tayyip Erdogan, met Vladimir Putin."
    annotation = annotate(text)
    x = extract(Document(id="t", text=text), annotation)
    rows = {(r.type, r.object.text): f for r, f in zip(x.relations, features(annotation, x)["relation"], strict=True)}
    assert rows[("leads", "Turkish")].get("demonym_state") == 1.0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "member", "absent"),
    [
        (
            "Unicef's regional director for the Middle East, Geert Cappelaere, said the camps were full.",
            ("member_of", "Geert Cappelaere", "Unicef"),
            ("leads", "Geert Cappelaere", "Unicef"),
        ),
        (
            "Mac Thornberry, the Republican chair of the House armed services committee, expressed regret.",
            ("member_of", "Mac Thornberry", "House"),
            ("leads", "Mac Thornberry", "House"),
        ),
    ],
)
def test_the_head_of_a_region_or_a_unit_is_a_member_of_the_body(
    extracted: Extract, text: str, member: tuple[str, str, str], absent: tuple[str, str, str]
) -> None:
    found = triples(extracted(text))
    assert member in found
    assert absent not in found


@pytest.mark.slow
def test_the_chair_of_a_named_committee_leads_it(extracted: Extract) -> None:
    text = "Rep. Elijah Cummings, the incoming chair of the House Oversight committee, sent a letter."
    found = triples(extracted(text))
    assert any(t == "leads" and s == "Elijah Cummings" and "committee" in o for t, s, o in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The militants resurfaced in the Homs and Hama provinces of Syria.",
            {("located_in", "Homs", "Syria"), ("located_in", "Hama", "Syria")},
        ),
        (
            "The convoy reached Dabiq, the last village held by the group in northern Syria.",
            {("located_in", "Dabiq", "Syria")},
        ),
    ],
)
def test_places_named_before_a_place_noun_or_described_after_a_comma_lie_in_the_place(
    extracted: Extract, text: str, expected: set
) -> None:
    assert expected <= triples(extracted(text))


@pytest.mark.slow
def test_a_place_in_a_clause_of_its_own_says_nothing_of_the_described_place(extracted: Extract) -> None:
    found = triples(extracted("The convoy reached Dabiq, the village where fighters in Syria once met."))
    assert ("located_in", "Dabiq", "Syria") not in found


@pytest.mark.slow
def test_a_name_set_off_by_commas_after_a_role_holds_it(extracted: Extract) -> None:
    found = triples(extracted("After the resignation of the defence secretary, Jim Mattis, Trump spoke."))
    assert ("has_role", "Jim Mattis", "defence secretary") in found


@pytest.mark.slow
def test_a_role_before_an_earlier_name_is_not_the_later_names(extracted: Extract) -> None:
    found = triples(
        extracted(
            "The decision prompted the resignation of both his defence secretary, Jim Mattis, "
            "and envoy to the coalition against Isis, Brett McGurk."
        )
    )
    assert ("has_role", "Brett McGurk", "his defence secretary") not in found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Nusra Front is an offshoot of al-Qaida.", ("member_of", "Nusra Front", "al-Qaida")),
        (
            "The Pakistani Taliban, a splinter of the Afghan Taliban, attacked the school.",
            ("member_of", "Pakistani Taliban", "Taliban"),
        ),
        (
            "The Nusra Front, seen as the Syrian franchise of al-Qaida, controls the city.",
            ("member_of", "Nusra Front", "al-Qaida"),
        ),
    ],
)
def test_an_offshoot_wing_or_franchise_of_a_group_belongs_to_it(extracted: Extract, text: str, expected: tuple) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The anti-Isis coalition met in Paris.", ("opposes", "anti-Isis coalition", "Isis")),
        (
            "Russia is angry. The presence of leading anti-Russia Baltic states in Oslo will mark the shift.",
            ("opposes", "leading anti-Russia Baltic states", "Russia"),
        ),
    ],
)
def test_a_stance_prefix_on_an_organised_side_states_the_stance(extracted: Extract, text: str, expected: tuple) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_stance_prefix_on_a_feeling_is_no_side(extracted: Extract) -> None:
    found = triples(extracted("Anti-American sentiment is growing in Baghdad."))
    assert not [t for t in found if t[0] in {"opposes", "supports"}]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran's presence in Iraq worries Riyadh.", ("operates_in", "Iran", "Iraq")),
        ("The presence of Hezbollah in Syria worries Israel.", ("operates_in", "Hezbollah", "Syria")),
    ],
)
def test_whose_presence_is_in_a_place_operates_there(extracted: Extract, text: str, expected: tuple) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will hold the line," said Cmdr Sean Robertson.', ("has_role", "Sean Robertson", "Cmdr")),
        ('"We will hold the line," said British Maj Gen Peter Hale.', ("has_role", "Peter Hale", "Maj Gen")),
    ],
)
def test_a_rank_read_into_a_name_is_the_persons_office(extracted: Extract, text: str, expected: tuple) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_an_honorific_read_into_a_name_is_no_office(extracted: Extract) -> None:
    found = triples(extracted("Prince Mohammed bin Salman left Riyadh on Monday."))
    assert not [t for t in found if t[0] == "has_role"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ali Hassan, an unemployed 48-year-old Mosul resident, said the water had run out.",
            ("located_in", "Ali Hassan", "Mosul"),
        ),
        ("Ali Hassan, a resident of Raqqa, said the water had run out.", ("located_in", "Ali Hassan", "Raqqa")),
    ],
)
def test_a_resident_of_a_place_lives_in_it(extracted: Extract, text: str, expected: tuple) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_place_described_as_deep_in_a_states_region_lies_in_the_state(extracted: Extract) -> None:
    found = triples(
        extracted("Thousands fled Maarat, an unremarkable town on the Orontes river deep in Syria's western desert.")
    )
    assert ("located_in", "Maarat", "Syria") in found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Syria is at war. Jets struck several Syrian locations on Monday, including the coastal city of Latakia, Homs "
        "and Hama.",
        "Syria is at war. Fighting spread to Syrian cities such as Latakia, Homs and Hama.",
    ],
)
def test_places_listed_after_a_countrys_places_lie_in_the_country(extracted: Extract, text: str) -> None:
    x = extracted(text)
    syria = next(e.id for e in x.entities if e.name == "Syria")
    tied = {r.subject.text for r in x.relations if r.type == "located_in" and r.object.entity == syria}
    assert {"Homs", "Hama"} <= tied


@pytest.mark.slow
def test_places_listed_after_a_common_noun_of_no_place_lie_nowhere(extracted: Extract) -> None:
    found = triples(extracted("Syria is at war. Syrian officials, such as Ali Hassan and Omar Saleh, met in Homs."))
    assert not [t for t in found if t[0] == "located_in" and t[2] == "Syrian"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway has military units in Mali.", {("operates_in", "Norway", "Mali")}),
        (
            "Norway and Denmark both have military units engaged in Mali and Niger.",
            {("operates_in", a, b) for a in ("Norway", "Denmark") for b in ("Mali", "Niger")},
        ),
        ("Russia has troops stationed in Syria.", {("operates_in", "Russia", "Syria")}),
    ],
)
def test_who_has_a_force_in_a_place_operates_there(extracted: Extract, text: str, expected: set) -> None:
    assert expected <= triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Alan Burke, who doubles as a minister at the Foreign Office and at the Home Office, spoke.",
            {("member_of", "Alan Burke", "Foreign Office"), ("member_of", "Alan Burke", "Home Office")},
        ),
    ],
)
def test_one_who_doubles_as_a_post_at_two_bodies_belongs_to_both(extracted: Extract, text: str, expected: set) -> None:
    assert expected <= triples(extracted(text))


@pytest.mark.slow
def test_an_office_as_written_leaves_no_dangling_conjunction(extracted: Extract) -> None:
    x = extracted("Alan Burke, a lecturer at Oxford University and at the London School of Economics, spoke.")
    roles = {r.object.text for r in x.relations if r.type == "has_role"}
    assert roles and not any(role.endswith(" and") for role in roles)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Omar Aziz, 40, from Tikrit, in Iraq, was another.", ("located_in", "Tikrit", "Iraq"), None),
        ("She moved from London to Paris, in France, last year.", ("located_in", "Paris", "France"), None),
        ("There were attacks in Paris, in Rome and in Oslo last year.", None, ("located_in", "Paris", "Rome")),
    ],
)
def test_a_place_set_off_by_a_comma_and_in_lies_in_the_next(
    extracted: Extract, text: str, expected: tuple | None, absent: tuple | None
) -> None:
    found = triples(extracted(text))
    assert (expected is None or expected in found) and (absent is None or absent not in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maduro and his main foreign backer, Russian president Vladimir Putin, are responsible for the crisis.",
            ("supports", "Vladimir Putin", "Maduro"),
        ),
        (
            "Maduro, and another key backer, Cuba, have tried to cast Venezuela as stable.",
            ("supports", "Cuba", "Maduro"),
        ),
    ],
)
def test_a_backer_coordinated_after_an_actor_is_its_backer(extracted: Extract, text: str, expected: tuple) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
def test_a_possessive_that_does_not_agree_makes_no_backer(extracted: Extract) -> None:
    found = triples(extracted("Maduro and its backers, Cuba, are to blame."))
    assert ("supports", "Cuba", "Maduro") not in found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed, 30, who was dubbed “Jihadi Tom” by the tabloids, said he was innocent.",
        "Tom Reed, who was nicknamed “Jihadi Tom”, said he was innocent.",
        "Tom Reed, who is known as “Jihadi Tom”, said he was innocent.",
    ],
)
def test_a_name_someone_is_dubbed_is_an_alias(extracted: Extract, text: str) -> None:
    assert ("alias_of", "Tom Reed", "Jihadi Tom") in triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed, who called Sam Hill a liar, said he was innocent.",
        "Tom Reed, who was called Sam Hill's friend, spoke.",
    ],
)
def test_a_name_called_by_someone_or_through_a_possessive_is_no_alias(extracted: Extract, text: str) -> None:
    assert not any(r.type == "alias_of" for r in extracted(text).relations)


@pytest.mark.slow
def test_a_name_glossed_in_square_brackets_is_an_alias(extracted: Extract) -> None:
    x = extracted("If we do so, we risk Daesh [Islamic State] re-establishing a foothold.")
    assert ("alias_of", "Daesh", "Islamic State") in triples(x)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Thousands fled Raqqa, a town held by Isis.",
        "Thousands streamed out of Raqqa, the last town held by Isis in the east of Syria.",
    ],
)
def test_a_named_place_described_as_held_by_a_group_is_led_by_it(extracted: Extract, text: str) -> None:
    assert ("leads", "Isis", "Raqqa") in triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Fighters may move to Idlib province in north-west Syria, the last area not controlled by Assad's regime.",
        "Fighters may move to Idlib province in Syria, the last area held by rebels.",
    ],
)
def test_no_hold_for_a_negated_control_or_a_place_noun_after_two_places(extracted: Extract, text: str) -> None:
    assert not any(r.type == "leads" for r in extracted(text).relations)
