"""In-document entities: merged surface forms, kinds, aliases and stated attributes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from newsgraph.annotate import Annotation
from newsgraph.annotate.parsed import NamedSpan
from newsgraph.extract.entities import _given_names_as_people, find_entities
from newsgraph.extract.mentions import Found, find_mentions
from newsgraph.records import Document, Entity, Extraction, Mention

pytestmark = pytest.mark.slow

Annotate = Callable[[str], Annotation]


def resolved(annotated: Annotate, text: str) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    return find_entities(annotated(text), Document(id="t", text=text))


def entity(entities: tuple[Entity, ...], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert matches, f"no entity {name!r} in {[e.name for e in entities]}"
    return matches[0]


STORY = (
    "Islamabad, March 3 (Reuters) Pakistani Interior Minister Talal Chaudhry met "
    "Afghan envoy Sadiq Khan in Islamabad. Chaudhry said the Tehreek-e-Taliban Pakistan (TTP) "
    "had to be stopped. A report by the Institute for Conflict Studies (ICS) said TTP fighters "
    "crossed from Afghanistan, where the militant group Lashkar-e-Tayyiba also operates. "
    "The ICS report was shared with the United Nations (UN) and NATO."
)


@pytest.mark.parametrize(
    ("name", "kind", "aliases"),
    [
        ("Talal Chaudhry", "person", {"Chaudhry"}),
        ("Tehreek-e-Taliban Pakistan", "group", {"TTP"}),
        ("Institute for Conflict Studies", "organization", {"ICS"}),
        ("Pakistan", "state", {"Pakistani"}),
        ("Afghanistan", "state", {"Afghan"}),
        ("Islamabad", "place", set()),
        ("United Nations", "igo", {"UN"}),
        ("NATO", "igo", set()),
        ("Reuters", "media", set()),
        ("Lashkar-e-Tayyiba", "group", set()),
    ],
)
def test_surface_forms_merge_into_one_entity_of_the_right_kind(
    annotated: Annotate, name: str, kind: str, aliases: set[str]
) -> None:
    _, entities = resolved(annotated, STORY)
    e = entity(entities, name)
    assert e.kind == kind
    assert set(e.aliases) == aliases


@pytest.mark.parametrize(
    ("name", "attributes"),
    [
        ("Talal Chaudhry", {"role": "Interior Minister", "nationality": "PK"}),
        ("Sadiq Khan", {"role": "Envoy", "nationality": "AF"}),
    ],
)
def test_person_attributes_come_from_the_words_before_the_name(
    annotated: Annotate, name: str, attributes: dict[str, str]
) -> None:
    _, entities = resolved(annotated, STORY)
    assert entity(entities, name).attributes == attributes


@pytest.mark.parametrize("text", [STORY])
def test_ids_and_offsets_are_consistent(annotated: Annotate, text: str) -> None:
    mentions, entities = resolved(annotated, text)
    assert [m.id for m in mentions] == [f"m{k}" for k in range(1, len(mentions) + 1)]
    assert [e.id for e in entities] == [f"e{k}" for k in range(1, len(entities) + 1)]
    ids = {e.id for e in entities}
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.entity in ids
    for e in entities:
        assert all(next(m for m in mentions if m.id == mid).entity == e.id for mid in e.mentions)


@pytest.mark.parametrize(
    ("text", "absent"),
    [("The report said the group met. The report was shared.", "report"), ("Dates like Jan 27 are not names.", "Jan")],
)
def test_descriptions_and_dates_are_not_entities(annotated: Annotate, text: str, absent: str) -> None:
    mentions, entities = resolved(annotated, text)
    assert not [m for m in mentions if absent in m.text]
    assert not [e for e in entities if absent in e.name]


@pytest.mark.parametrize(
    ("text", "name", "mention_type"),
    [("Pakistani troops and Pakistan's navy took part.", "Pakistan", "NORP")],
)
def test_a_demonym_links_to_its_state_and_keeps_its_type(
    annotated: Annotate, text: str, name: str, mention_type: str
) -> None:
    mentions, entities = resolved(annotated, text)
    e = entity(entities, name)
    assert mention_type in {m.type for m in mentions if m.id in e.mentions}


WIRE_EXPECTED = [
    ("Lashkar-e-Taiba", "group", {"LeT"}, {}),
    ("Jaish-e-Mohammad", "group", {"JeM"}, {}),
    ("Middle East Media Research Institute", "organization", {"MEMRI"}, {}),
    ("Pakistan-occupied Kashmir", "place", {"PoK"}, {}),
    ("Hamas", "group", set(), {}),
    ("Rawalakot", "place", set(), {}),
    ("Pakistan", "state", {"Pakistani"}, {}),
    ("United States", "state", {"US"}, {}),
    ("Shehbaz Sharif", "person", set(), {"role": "Prime Minister", "nationality": "PK"}),
    ("Donald Trump", "person", set(), {"role": "President", "nationality": "US"}),
    ("Naji Zaheer", "person", set(), {"description": "senior Hamas representative"}),
    ("Rashid Ali Sandhu", "person", set(), {"description": "LeT operative"}),
    ("IANS", "media", set(), {}),
]


@pytest.mark.parametrize(("name", "kind", "aliases", "attributes"), WIRE_EXPECTED)
def test_wire_story_entities(
    annotated: Annotate, wire_text: str, name: str, kind: str, aliases: set[str], attributes: dict[str, str]
) -> None:
    _, entities = resolved(annotated, wire_text)
    e = entity(entities, name)
    assert e.kind == kind
    assert set(e.aliases) == aliases
    assert e.attributes == attributes


@pytest.mark.parametrize(
    ("text", "mention_type"), [("LeT", "ORG"), ("JeM", "ORG"), ("PoK", "LOC"), ("Rawalakot", "GPE")]
)
def test_wire_story_mention_types(annotated: Annotate, wire_text: str, text: str, mention_type: str) -> None:
    mentions, _ = resolved(annotated, wire_text)
    found = [m for m in mentions if m.text == text]
    assert found and {m.type for m in found} == {mention_type}
    assert len(found) == wire_text.count(text)


@pytest.mark.parametrize("absent", ["non-NATO", "report"])
def test_wire_story_has_no_false_mentions(annotated: Annotate, wire_text: str, absent: str) -> None:
    mentions, _ = resolved(annotated, wire_text)
    assert not [m for m in mentions if absent in m.text]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Officials blamed the militant group Tora Sangar Khel for the blast.", "Tora Sangar Khel", "group"),
        ("The news agency Karvan Daily reported the raid first.", "Karvan Daily", "media"),
        ("The Harwan Liberation Army claimed the attack.", "Harwan Liberation Army", "group"),
        ("The Center for Policy Dialogue said exports rose.", "Center for Policy Dialogue", "organization"),
    ],
)
def test_organisation_kind_comes_from_cues_and_name_words(annotated: Annotate, text: str, name: str, kind: str) -> None:
    _, entities = resolved(annotated, text)
    assert entity(entities, name).kind == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Ankara said the PKK had moved fighters into the hills above the border town.", "PKK", "group"),
        ("Hezbollah fired rockets at an army post overnight, the ministry said.", "Hezbollah", "group"),
        ("Residents said Ahrar al-Sham had taken two villages after a week of shelling.", "Ahrar al-Sham", "group"),
        ("A spokesman for Islamic State claimed the bombing in a statement.", "Islamic State", "group"),
        ("Officials in Baghdad said Isis still held three districts.", "Isis", "group"),
        ("Kurdish commanders said the YPG would not leave the town.", "YPG", "group"),
        ("Police in Lagos said Boko Haram had not been seen there.", "Boko Haram", "group"),
    ],
)
def test_armed_groups_are_groups(annotated: Annotate, text: str, name: str, kind: str) -> None:
    _, entities = resolved(annotated, text)
    assert entity(entities, name).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Turkey closed the crossing on Tuesday, and Syria protested.",
        "Diplomats from Turkey and Iraq met in Geneva to discuss water rights.",
        "The talks between Athens and Turkey resumed after a year.",
        "Türkiye said it would send more aid to the region.",
    ],
)
def test_a_country_is_always_a_state(annotated: Annotate, text: str) -> None:
    _, entities = resolved(annotated, text)
    countries = [e for e in entities if e.name in ("Turkey", "Türkiye", "Syria", "Iraq")]
    assert countries and all(e.kind == "state" for e in countries)


@pytest.mark.parametrize(
    "text",
    [
        "Kurdish officials said the Yazidis and the Christians of the plain had fled.",
        "The Arabs and Kurds of the town voted, and European observers watched.",
    ],
)
def test_bare_demonyms_and_peoples_are_no_entities(annotated: Annotate, text: str) -> None:
    mentions, entities = resolved(annotated, text)
    assert all(e.kind != "other" for e in entities)
    ids = {e.id for e in entities}
    assert all(m.entity is None or m.entity in ids for m in mentions)
    assert not any(e.name in {"Kurdish", "Yazidis", "Christians", "Arabs", "Kurds", "European"} for e in entities)


def test_a_demonym_of_a_state_still_links_to_the_state(annotated: Annotate) -> None:
    _, entities = resolved(annotated, "Syrian forces advanced as Syria's allies watched.")
    assert entity(entities, "Syria").kind == "state"


def test_a_first_name_alone_is_the_one_person_it_opens(annotated: Annotate) -> None:
    text = "Brett McGurk resigned on Friday. Brett had argued against the withdrawal for months."
    _, entities = resolved(annotated, text)
    assert [e.name for e in entities if e.kind == "person"] == ["Brett McGurk"]


def test_a_first_name_shared_by_two_people_stays_apart(annotated: Annotate) -> None:
    text = "David Haines and David Cameron met. David said nothing."
    _, entities = resolved(annotated, text)
    assert "David Haines" in {e.name for e in entities}
    assert not any(e.name == "David Haines" and "David" in e.aliases for e in entities)
    assert not any(e.name == "David Cameron" and "David" in e.aliases for e in entities)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("In an interview with CBS aired on Sunday, the president said Iraq was ready.", "CBS", "media"),
        ("Another woman interviewed by the ABC said she had two sick children.", "ABC", "media"),
        ("The boys were found after a Guardian reporter tracked down their mother.", "Guardian", "media"),
        ("Kirsty Rosse-Emile, a 24-year-old from Sydney, said she wanted to come home.", "Kirsty Rosse-Emile",
         "person"),
    ],
)  # fmt: skip
def test_outlets_and_people_the_tagger_read_as_organisations(
    annotated: Annotate, text: str, name: str, kind: str
) -> None:
    """An organisation interviewed, or whose reporters and readers are named, is an outlet; a name
    whose first word is a given name borne by one sex is a person's."""
    _mentions, entities = resolved(annotated, text)
    assert entity(entities, name).kind == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The Anna Lindh Foundation said it would help.", "Anna Lindh Foundation", "organization"),
        ("Officials at the Sarah Jones Institute said the camp was overcrowded.", "Sarah Jones Institute",
         "organization"),
    ],
)  # fmt: skip
def test_an_organisation_named_after_a_person_stays_an_organisation(
    annotated: Annotate, text: str, name: str, kind: str
) -> None:
    _mentions, entities = resolved(annotated, text)
    assert entity(entities, name).kind == kind


def _found(k: int, text: str, type_: str) -> Found:
    start = 100 * k
    span = NamedSpan(start, start + len(text), text, type_, k, k + len(text.split()))
    return Found(Mention(f"m{k}", start, start + len(text), text, type_), span)


def test_a_given_name_read_as_a_place_is_the_person_named_in_full() -> None:
    """ "Amina" after "Amina Wanjiru", tagged GPE: the person, where no gazetteer knows a place so named."""
    found = [_found(0, "Amina Wanjiru", "PERSON"), _found(1, "Amina", "GPE"), _found(2, "Wanjiru", "LOC")]
    assert [f.mention.type for f in _given_names_as_people(found)] == ["PERSON", "PERSON", "PERSON"]
    # a name that is also a place's stays as the tagger read it ("Jordan Henderson" ... "Jordan")
    placed = [_found(0, "Jordan Henderson", "PERSON"), _found(1, "Jordan", "GPE")]
    assert _given_names_as_people(placed)[1].mention.type == "GPE"
    # two people who share the name: no one
    two = [_found(0, "Amina Wanjiru", "PERSON"), _found(1, "Amina Otieno", "PERSON"), _found(2, "Amina", "GPE")]
    assert _given_names_as_people(two)[2].mention.type == "GPE"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Last year the rock band Velvet Harbour played a concert for the refugees.", "Velvet Harbour", "organization"),
        ("Lawyers at the legal nonprofit Fairwitness said the boys were safe.", "Fairwitness", "organization"),
    ],
)
def test_a_cue_before_a_name_types_it_even_when_read_as_a_person(
    extracted: Callable[..., Extraction], text: str, name: str, kind: str
) -> None:
    kinds = {e.name: e.kind for e in extracted(text).entities}
    assert kinds.get(name) == kind


def test_an_outlet_written_without_its_article() -> None:
    from newsgraph.extract.entities import _outlet_named

    assert _outlet_named("Guardian")
    assert not _outlet_named("Guardians")
    assert not _outlet_named("Parliament")


@pytest.mark.parametrize(
    ("name", "doctrine"),
    [
        ("Bin Ladenism", True),
        ("neo-Ottomanism", True),
        ("Gaullism", True),
        ("Islam", False),
        ("Tourism Ministry", False),
    ],
)
def test_a_doctrine_is_no_actor(name: str, doctrine: bool) -> None:
    from newsgraph.extract.entities import _doctrine

    assert _doctrine(name) is doctrine


def test_a_doctrine_named_after_a_person_gives_no_entity(extracted: Callable[..., Extraction]) -> None:
    text = "Critics said the creed of Khamisism had spread, though Khalid Hamid denied it."
    names = {e.name for e in extracted(text).entities}
    assert "Khamisism" not in names


def test_two_listed_names_written_name_then_bracket_are_one() -> None:
    """The lists key ``Tahrir al-Sham`` (a sanctions list) and ``HTS`` (curated) apart; written
    ``Tahrir al-Sham (HTS)`` they are one group. Two names of different kinds stay apart."""
    from newsgraph.extract.entities import _group

    text = "Fighters of the Tahrir al-Sham (HTS) took the town; the UN (HTS) said so."

    def listed(name: str, key: str, k: int) -> Found:
        start = text.index(name)
        span = NamedSpan(start, start + len(name), name, "ORG", k, k + 1, "gazetteer", key)
        return Found(Mention(f"m{k}", start, start + len(name), name, "ORG"), span)

    second = text.index("HTS", text.index("UN"))
    later = NamedSpan(second, second + 3, "HTS", "ORG", 9, 10, "gazetteer", "group:hayat-tahrir-al-sham")
    found = [
        listed("Tahrir al-Sham", "ofac:16937", 0),
        listed("HTS", "group:hayat-tahrir-al-sham", 1),
        listed("UN", "igo:united-nations", 2),
        Found(Mention("m3", second, second + 3, "HTS", "ORG"), later),
    ]
    assert _group(found, text) == [[0, 1, 3], [2]]


def test_a_surname_alone_without_its_arabic_article_is_the_person_named_in_full() -> None:
    """ "Rashidi" after "Omar al-Rashidi": one person; with two al-Rashidis, no one."""
    from newsgraph.extract.entities import _group

    one = [_found(0, "Omar al-Rashidi", "PERSON"), _found(1, "Rashidi", "PERSON")]
    assert _group(one) == [[0, 1]]
    two = [*one, _found(2, "Hafez al-Rashidi", "PERSON")]
    assert _group(two) == [[0], [1], [2]]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Amina Wanjiru left in May. Wanjiru was 15 when she travelled to the coast.", True),
        ("Amina Wanjiru left in May. Wanjiru’s lawyer said she would appeal.", True),
        ("Amina Wanjiru left in May. The Wanjiru campaign said it would appeal.", False),
    ],
)
def test_a_surname_read_as_an_organisation_is_the_person_unless_it_names_a_body(
    annotated: Annotate, text: str, person: bool
) -> None:
    """The tagger reads a surname alone as an organisation now and then ("Begum was 15"): it is
    the person named in full, except as the modifier of a body's name ("the Trump campaign")."""
    annotation = annotated(text)
    found = [
        replace(f, mention=replace(f.mention, type="ORG")) if f.mention.text == "Wanjiru" else f
        for f in find_mentions(annotation)
    ]
    assert any(f.mention.text == "Wanjiru" for f in found)
    typed = {f.mention.text: f.mention.type for f in _given_names_as_people(found, annotation)}
    assert typed["Wanjiru"] == ("PERSON" if person else "ORG")


def test_a_surname_with_a_capitalised_particle_is_the_person_named_in_full() -> None:
    """ "De Montevani" opening a sentence, "Bin Rashed" after "Khalid bin Rashed": one person."""
    from newsgraph.extract.entities import _group

    found = [
        _found(0, "Alessandro de Montevani", "PERSON"),
        _found(1, "De Montevani", "PERSON"),
        _found(2, "Khalid bin Rashed", "PERSON"),
        _found(3, "Bin Rashed", "PERSON"),
    ]
    assert _group(found) == [[0, 1], [2, 3]]
