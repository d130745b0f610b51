"""Claims: direct, indirect and mixed speech with their speakers, cues, modality and outlet."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.errors import OntologyError
from newsgraph.extract.claims import agency_entity, find_quotes, lexicon, parse_lexicon
from newsgraph.records import Claim, Dateline, Document, Entity, Extraction

Extracted = Callable[..., Extraction]


def claim_with(x: Extraction, fragment: str) -> Claim:
    """The claim whose content holds ``fragment``."""
    found = [c for c in x.claims if fragment in c.text]
    assert found, f"no claim holds {fragment!r}; claims: {[c.text for c in x.claims]}"
    return found[0]


def entity_name(x: Extraction, entity_id: str | None) -> str | None:
    names = {e.id: e for e in x.entities}
    if entity_id is None:
        return None
    e = names[entity_id]
    return e.name


# ---------------------------------------------------------------- quotation marks, no model


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said: “We will stay.”", ["“We will stay.”"]),
        ('He said: "We will stay." Then he left.', ['"We will stay."']),
        ("“We will stay,” he said, “until the end.”", ["“We will stay,”", "“until the end.”"]),
        ("“They called it ‘a new dawn’ for the region,” she said.", ["“They called it ‘a new dawn’ for the region,”"]),
        (
            "“The first paragraph goes on.\n“And the second one closes,” she said.",
            ["“The first paragraph goes on.\n“And the second one closes,”"],
        ),
        ("“An unclosed quote.\nA plain paragraph.", []),
        ("It’s the group’s plan.", []),
    ],
)
def test_find_quotes_pairs_double_marks(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"schema": "newsgraph/cues@0"}, "schema"),
        ({"schema": "newsgraph/cues@1", "verbs": {"say": "certain"}}, "unknown modality"),
        ({"schema": "newsgraph/cues@1", "verbs": {"point out at": None}}, "particle"),
    ],
)
def test_malformed_cue_lexicon_is_refused(data: dict[str, object], reason: str) -> None:
    with pytest.raises(OntologyError, match=reason):
        parse_lexicon(data)


def test_shipped_cue_lexicon_has_speech_verbs_and_their_modality() -> None:
    lex = lexicon()
    assert {"say", "add", "stress", "detail", "note", "mention", "highlight"} <= set(lex.verbs)
    assert lex.verbs["deny"] == "negated"
    assert ("point", "out") in lex.phrasal
    assert ("according", "to") in lex.according
    assert "report" in lex.document_nouns


@pytest.mark.parametrize(
    ("dateline", "source", "entities", "expected"),
    [
        (Dateline("Washington", "IANS", 0, 25), None, (Entity("e1", "IANS", "organization"),), "e1"),
        (None, "Reuters", (Entity("e3", "Thomson Reuters", "media", aliases=("reuters",)),), "e3"),
        (None, "AFP", (Entity("e1", "Paris", "place"), Entity("e7", "Kabul", "place")), "e8"),
        (None, None, (Entity("e1", "IANS", "organization"),), None),
    ],
)
def test_agency_entity_finds_or_proposes_the_outlet(
    dateline: Dateline | None, source: str | None, entities: tuple[Entity, ...], expected: str | None
) -> None:
    x = Extraction(document=Document(id="d", text="x", source=source, dateline=dateline), entities=entities)
    found = agency_entity(x)
    assert (found.id if found else None) == expected
    if found is not None and found not in entities:
        assert found.kind == "media" and found.mentions == ()


# ---------------------------------------------------------------- direct quotations


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "The institute published a report on Monday. “The camps are still open,” the report detailed.",
            "The camps are still open",
            "the report",
            "detailed",
        ),
        (
            "The ministry issued a statement. “The talks will go on,” it added.",
            "The talks will go on",
            "it",
            "added",
        ),
        (
            "Defence Minister Ravi Kumar said: “Our troops will stay on the border.”",
            "Our troops will stay on the border.",
            "Defence Minister Ravi Kumar",
            "said",
        ),
        (
            "“We reject the accusation entirely,” said Omar Haddad, the group's spokesman.",
            "We reject the accusation entirely",
            "Omar Haddad",
            "said",
        ),
        (
            "“The border crossings must reopen this week,” Governor Lena Ortiz told reporters on Friday.",
            "The border crossings must reopen this week",
            "Governor Lena Ortiz",
            "told",
        ),
        (
            "“No one was consulted about the deal.” ― Maria Lopez",
            "No one was consulted about the deal.",
            "Maria Lopez",
            None,
        ),
    ],
)
def test_direct_quotation_with_speaker_and_cue(
    extracted: Extracted, text: str, content: str, speaker: str, cue: str | None
) -> None:
    c = claim_with(extracted(text), content)
    assert c.kind == "direct"
    assert c.text.strip("“”,").startswith(content[:20])
    assert c.speaker is not None and c.speaker.text == speaker
    assert (c.cue.text if c.cue else None) == cue


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "“The ceasefire is holding,” he said, “but the shelling has not stopped.”",
        "“The ceasefire is holding,” she said. “But the shelling has not stopped.”",
    ],
)
def test_quotation_interrupted_by_its_cue_is_two_claims_of_one_speaker(extracted: Extracted, text: str) -> None:
    """The claimed words only, never the attribution between them (the newsfacts guide)."""
    x = extracted(text)
    assert len(x.claims) == 2
    first, second = x.claims
    assert first.text.startswith("The ceasefire is holding") and "said" not in first.text
    assert second.text.lower().startswith("but the shelling") and second.text.endswith("has not stopped.")
    assert first.cue == second.cue and first.cue is not None and first.cue.text == "said"
    assert first.speaker == second.speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "“The camps are still open and the leaders travel freely.\n"
        "“The authorities have made no arrests this year,” the report said.",
    ],
)
def test_quotation_over_paragraphs_is_a_claim_per_paragraph_of_its_speaker(extracted: Extracted, text: str) -> None:
    """One claim per paragraph, as the newsfacts guide's annotators read a long quotation (issue
    13), each with the cue after the last paragraph."""
    x = extracted(text)
    direct = [c for c in x.claims if c.kind == "direct"]
    assert [c.text for c in direct] == [
        "The camps are still open and the leaders travel freely.",
        "The authorities have made no arrests this year,",
    ]
    assert all(c.speaker is not None and c.speaker.text == "the report" for c in direct)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["“The board called it ‘a turning point for the region’ in its letter,” the spokesman said."],
)
def test_quote_inside_a_quote_stays_inside(extracted: Extracted, text: str) -> None:
    x = extracted(text)
    assert len([c for c in x.claims if c.kind == "direct"]) == 1
    assert "‘a turning point for the region’" in x.claims[0].text


# ---------------------------------------------------------------- reported speech


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue", "kind"),
    [
        (
            "Foreign Minister Anna Berg said that the embassy would reopen in March.",
            "the embassy would reopen in March",
            "Foreign Minister Anna Berg",
            "said",
            "indirect",
        ),
        (
            "The commission stressed that the funds had been moved abroad.",
            "the funds had been moved abroad",
            "The commission",
            "stressed",
            "indirect",
        ),
        (
            "According to the United Nations, more than 40,000 people have fled the district.",
            "more than 40,000 people have fled the district",
            "the United Nations",
            "According to",
            "indirect",
        ),
        (
            "Similar attacks, it said, took place near the border in 2024.",
            "took place near the border in 2024",
            "it",
            "said",
            "indirect",
        ),
        (
            "Plans to send foreign troops to the region are “fraught with danger”, a report has highlighted.",
            "fraught with danger",
            "a report",
            "highlighted",
            "mixed",
        ),
        (
            "Local officials pointed out that the bridge had been closed for a month.",
            "the bridge had been closed for a month",
            "Local officials",
            "pointed out",
            "indirect",
        ),
    ],
)
def test_reported_speech_with_speaker_and_cue(
    extracted: Extracted, text: str, content: str, speaker: str, cue: str, kind: str
) -> None:
    c = claim_with(extracted(text), content)
    assert c.kind == kind
    assert c.speaker is not None and c.speaker.text == speaker
    assert c.cue is not None and c.cue.text == cue


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "modality"),
    [
        ("The agency said that the strike could delay the vote.", "the strike could delay", "hedged"),
        ("The ministry denied that its forces had entered the village.", "its forces had entered", "negated"),
        # a negation inside what is said is what the speaker asserts (the act itself is negated)
        ("The governor said the army did not fire on the crowd.", "the army did not fire", "asserted"),
        ("“We will not leave,” the commander said.", "We will not leave", "asserted"),
        ("The mayor said that the plant would close if funding ran out.", "the plant would close", "speculative"),
        ("The senator asked whether the funds had been returned.", "the funds had been returned", "question"),
        ("The mayor said that the plant closed in May.", "the plant closed in May", "asserted"),
    ],
)
def test_claim_modality(extracted: Extracted, text: str, content: str, modality: str) -> None:
    assert claim_with(extracted(text), content).modality == modality


# ---------------------------------------------------------------- speakers resolved to entities


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "entity_fragment"),
    [
        (
            "Prime Minister Olaf Brandt met the delegation on Monday. He said that the talks had gone well.",
            "the talks had gone well",
            "He",
            "Brandt",
        ),
        (
            "According to a report by Human Rights Watch, the prisons are overcrowded. "
            "“Detainees sleep in shifts,” the report detailed.",
            "Detainees sleep in shifts",
            "the report",
            "Human Rights Watch",
        ),
        (
            "According to a report by Human Rights Watch, the prisons are overcrowded. "
            "“Detainees sleep in shifts,” it added.",
            "Detainees sleep in shifts",
            "it",
            "Human Rights Watch",
        ),
        (
            "Mayor Ingrid Solberg opened the new bridge on Tuesday. Traffic was light. "
            "The mayor said that tolls would be dropped next year.",
            "tolls would be dropped next year",
            "The mayor",
            "Solberg",
        ),
        (
            "Tomas Varga, the company's chief executive, visited the plant. "
            "The executive said that no jobs would be cut.",
            "no jobs would be cut",
            "The executive",
            "Varga",
        ),
        # a role speaker is the person named in apposition or right after it, not the country
        # that qualifies the role
        (
            "The Chilean president, Marisol Arancibia, said the border would stay open.",
            "the border would stay open",
            "The Chilean president",
            "Arancibia",
        ),
        (
            "The UN envoy Petra Lindqvist said the talks would resume.",
            "the talks would resume",
            "The UN envoy",
            "Lindqvist",
        ),
        (
            "The UN special envoy for Yemen, Petra Lindqvist, has said the talks would resume in May.",
            "the talks would resume in May",
            "The UN special envoy",
            "Lindqvist",
        ),
        # a pronoun agrees in gender with whom it stands for
        (
            "Mr Omar Haddad met the envoy. Leila Nasser, a spokeswoman for the council, joined them. "
            "Mr Haddad left early. She said the talks had failed.",
            "the talks had failed",
            "She",
            "Nasser",
        ),
    ],
)
def test_speaker_resolves_to_the_entity_it_stands_for(
    extracted: Extracted, text: str, content: str, speaker: str, entity_fragment: str
) -> None:
    x = extracted(text)
    c = claim_with(x, content)
    assert c.speaker is not None and c.speaker.text == speaker
    name = entity_name(x, c.speaker.entity)
    assert name is not None and entity_fragment in name


@pytest.mark.slow
def test_first_person_speech_inside_a_quotation_is_the_quotation(extracted: Extracted) -> None:
    """ "I told them ..." inside a quotation is its speaker's own words: one claim, the quotation."""
    x = extracted("“I told them we would stay until the end,” said Amal Darwish, a nurse in Idlib.")
    assert [c.text for c in x.claims] == ["I told them we would stay until the end,"]
    assert x.claims[0].speaker is not None and "Darwish" in (entity_name(x, x.claims[0].speaker.entity) or "")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president said the border would stay open.",  # no name for the role anywhere
        "Mr Omar Haddad met the envoy. She said the talks had failed.",  # "she" is no "Mr"
    ],
)
def test_a_speaker_stays_unresolved_rather_than_guessed(extracted: Extracted, text: str) -> None:
    x = extracted(text)
    assert x.claims and all(c.speaker is not None and c.speaker.entity is None for c in x.claims)


@pytest.mark.slow
@pytest.mark.parametrize("source", ["IANS"])
def test_claims_are_reported_by_the_outlet(extracted: Extracted, source: str) -> None:
    text = f"Delhi, Jan 3 ({source}) The ministry said that the border would stay open."
    x = extracted(text, source=source)
    assert x.claims and all(entity_name(x, c.reported_by) == source for c in x.claims)


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The ceasefire held on Monday. Troops left the town."])
def test_plain_narration_has_no_claims(extracted: Extracted, text: str) -> None:
    assert extracted(text).claims == ()


@pytest.mark.slow
@pytest.mark.parametrize("text", ["He said: “We will stay.”\nShe said that the plan “would never work”, and left."])
def test_claim_offsets_index_the_text(extracted: Extracted, text: str) -> None:
    x = extracted(text)
    assert x.claims
    for c in x.claims:
        assert text[c.start : c.end] == c.text
        if c.speaker:
            assert text[c.speaker.start : c.speaker.end] == c.speaker.text
        if c.cue:
            assert text[c.cue.start : c.cue.end] == c.cue.text


# ---------------------------------------------------------------- the wire story

WIRE_CLAIMS = [
    # (start of the content, cue, modality)
    ("Against this backdrop, proposals to deploy", "highlighted", None),
    ("the well-documented nexus between Hamas", "According to", "hedged"),
    ("On January 15, 2026, the US-led", "detailed", None),
    ("This conduct undermines Western efforts", "added", None),
    ("the videos and images circulating", "stressed", None),
    ("Similar trends,", "said", None),
    ("These public appearances go beyond", "mentioned", None),
    ("The visual record of these events", "noted", None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("start", "cue", "modality"), WIRE_CLAIMS)
def test_wire_story_claims_come_from_the_memri_report(
    extracted: Extracted, wire_text: str, start: str, cue: str, modality: str | None
) -> None:
    x = extracted(wire_text, published="2026-01-27", source="IANS")
    matching = [c for c in x.claims if c.text.startswith(start)]
    assert len(matching) == 1, [c.text[:40] for c in x.claims]
    c = matching[0]
    assert c.cue is not None and c.cue.text == cue
    assert c.speaker is not None
    assert c.speaker.text.lower() in ("it", "the report", "a report") or "report" in c.speaker.text
    author = entity_name(x, c.speaker.entity)
    assert author is not None and ("MEMRI" in author or "Middle East Media Research" in author)
    assert entity_name(x, c.reported_by) == "IANS"
    if modality is not None:
        assert c.modality == modality


@pytest.mark.slow
def test_wire_story_has_no_claim_but_the_reports(extracted: Extracted, wire_text: str) -> None:
    x = extracted(wire_text, published="2026-01-27", source="IANS")
    assert len(x.claims) == len(WIRE_CLAIMS)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The minister urged Pakistan to act against the militant groups on its soil.",
        "The rebels threatened to shell the airport if the talks failed.",
    ],
)
def test_a_request_or_threat_is_an_act_not_a_claim(extracted: Extracted, text: str) -> None:
    """ "urged X to act" is a REQUEST, "threatened to shell" a THREATEN: events, not statements."""
    x = extracted(text)
    assert not [c for c in x.claims if c.text.lower().startswith("to ")]
    assert x.events


@pytest.mark.slow
def test_she_is_the_person_named_in_apposition_to_the_subject(extracted: Extracted) -> None:
    text = (
        "Omar Haddad was buried in the camp on Friday. The shadow home secretary, Diane Abbott, also "
        "criticised the decision. She tweeted: “This is callous and inhumane.”"
    )
    x = extracted(text)
    names = {e.id: e.name for e in x.entities}
    c = claim_with(x, "This is callous and inhumane")
    assert c.speaker is not None and names.get(c.speaker.entity or "") == "Diane Abbott"


@pytest.mark.slow
def test_what_an_actor_regards_someone_as_is_its_claim(extracted: Callable[..., Extraction]) -> None:
    text = "Ankara regards the Ogaden front as a terrorist group. Nairobi saw the delegation on Monday."
    x = extracted(text)
    held = [c for c in x.claims if "as a terrorist group" in text[c.start : c.end]]
    assert held and held[0].speaker is not None and held[0].speaker.text == "Ankara"
    assert text[held[0].start : held[0].end].startswith("the Ogaden front")
    # without an "as" phrase, seeing someone says nothing
    assert not [c for c in x.claims if "delegation" in text[c.start : c.end]]


# ---------------------------------------------------------------- speakers on real-news layouts


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "entity_fragment"),
    [
        # "he added" goes on with the speaker just before, not a name inside what he said
        (
            "Karl Weber, a barrister, said that Tomas Lind faced a long trial but that he would appeal. "
            "He added: “The courts here are not independent of the government.”",
            "The courts here are not independent",
            "Weber",
        ),
        # a description stands for the name in apposition to it
        (
            "His parents, John Letts and Sally Lane, deny that their son joined the group.",
            "their son joined the group",
            "Letts",
        ),
        # a spokesman unnamed speaks for the organisation just named
        (
            "The Foreign Office did not comment on the case. A spokesman said: “We are in close contact "
            "with the family and the local authorities.”",
            "We are in close contact",
            "Foreign Office",
        ),
        # "the paper" is the newspaper named just before
        (
            "In a scathing editorial, the New York Times criticised the decision. “This is a reckless "
            "gamble with the lives of soldiers,” the paper said.",
            "This is a reckless gamble",
            "New York Times",
        ),
        # the lede describes, the next sentence names
        (
            "The prime minister has confirmed that the border will reopen next week. Speaking in "
            "Canberra, Scott Morrison said the decision was final.",
            "the border will reopen next week",
            "Morrison",
        ),
    ],
)
def test_speaker_found_where_news_writes_it(
    extracted: Extracted, text: str, content: str, entity_fragment: str
) -> None:
    x = extracted(text)
    c = claim_with(x, content)
    assert c.speaker is not None
    name = entity_name(x, c.speaker.entity)
    assert name is not None and entity_fragment in name, (c.speaker, name)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker_fragment"),
    [
        # an inverted subject after the cue, past its modifiers
        (
            "“The Taliban will return to Kabul within a year,” tweeted retired US army general Jack Keane.",
            "The Taliban will return",
            "Keane",
        ),
        # an unnamed many
        ("Many reported that the convoy had been shelled as it left the town.", "the convoy had been shelled", "Many"),
        # the agent of a passive that a participle cue hangs on
        (
            "The boundaries were not spelled out by the two leaders, saying only that the line would follow the front.",
            "the line would follow the front",
            "leaders",
        ),
        # a subject far back in the sentence
        (
            "Alistair Burt spoke in London on Monday. But he also hinted at relaxing the ban on cash transfers "
            "to the families of foreign fighters, saying: “There is little evidence of abuse in the scheme.”",
            "There is little evidence of abuse",
            "he",
        ),
        # a colon hands the quotation to the cue before it, not to the cue after it
        (
            "His mother, Mira, said at the time: “He has done nothing wrong at all.” Karl Weber, a "
            "lawyer, said the case against him was weak.",
            "He has done nothing wrong",
            "mother",
        ),
    ],
)
def test_speaker_span_found(extracted: Extracted, text: str, content: str, speaker_fragment: str) -> None:
    c = claim_with(extracted(text), content)
    assert c.speaker is not None and speaker_fragment in c.speaker.text, c.speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "not_speaker"),
    [
        # a participle of what is said is no cue ("a phrase repeated")
        (
            "Trump misses no chance to call Iran the “world’s leading state sponsor of terror”, a phrase "
            "repeated to applause in his speech.",
            "a phrase",
        ),
        # a verb coordinated after a quotation is no cue of it
        ("De Mistura pleaded with the presidents to “look each other in the eyes” and find a solution.", "a solution"),
    ],
)
def test_no_speaker_from_what_is_said(extracted: Extracted, text: str, not_speaker: str) -> None:
    x = extracted(text)
    assert all(c.speaker is None or c.speaker.text != not_speaker for c in x.claims)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # "Iraq's president" is no one the story writes as a US president
        "President Barack Obama visited Berlin in 2016. Iraq’s president said that the troops had no "
        "permission to stay.",
        # "a Briton" is someone, not Britain
        "A Briton held in a Syrian camp has said that he wants to return home.",
    ],
)
def test_description_speaker_left_unresolved(extracted: Extracted, text: str) -> None:
    x = extracted(text)
    assert x.claims and all(c.speaker is not None and c.speaker.entity is None for c in x.claims), [
        (c.speaker, entity_name(x, c.speaker.entity if c.speaker else None)) for c in x.claims
    ]


@pytest.mark.slow
def test_quotation_after_narrative_does_not_inherit_a_speaker(extracted: Extracted) -> None:
    """A cue-less quotation right after a claim continues its speaker; after a stretch of
    narrative (paragraph breaks lost) it stays without one rather than guessed."""
    x = extracted(
        "Jonas Berg, a farmer, said the river had flooded his fields. “We lost everything in one night.” "
        "The council met for three hours on Monday. It adjourned until the following week without a vote. "
        "“Nobody expected the water to rise so fast.”"
    )
    near = claim_with(x, "We lost everything")
    assert near.speaker is not None and "Berg" in near.speaker.text
    far = claim_with(x, "Nobody expected")
    assert far.speaker is None


@pytest.mark.slow
def test_someone_else_between_two_quotations_breaks_the_chain(extracted: Extracted) -> None:
    x = extracted(
        "“The army has already taken what it wanted,” said Samir Haddad, a council member. "
        "Munef Khalil, an opposition leader, agreed. “The Turks will help us if we are cornered.”"
    )
    c = claim_with(x, "The Turks will help us")
    assert c.speaker is None or "Haddad" not in c.speaker.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("According to commanders of the operation, the group is using civilians as shields. "
         "Commander Adnan Afrin spoke on Monday.", "the group is using civilians"),
        ("The resignation of James Mattis underscores a dismal truth: that the president governs just as he "
         "campaigned, by outrage.", "the president governs"),
        ("Hunt’s predecessor, speaking in April, described the regime as a monster.", "the regime as a monster"),
    ],
)  # fmt: skip
def test_speaker_is_not_a_name_it_only_mentions(extracted: Extracted, text: str, content: str) -> None:
    x = extracted(text)
    c = claim_with(x, content)
    assert c.speaker is not None and c.speaker.entity is None, entity_name(x, c.speaker.entity if c.speaker else None)


@pytest.mark.slow
def test_a_cue_set_into_the_content_ends_it_before_a_coordinated_clause(extracted: Extracted) -> None:
    x = extracted(
        "As a British citizen, there is nothing to stop her returning, legal experts said, but the minister "
        "made clear no help would come."
    )
    c = claim_with(x, "there is nothing to stop her returning")
    assert "said" not in c.text and "minister" not in c.text


@pytest.mark.slow
def test_pronoun_after_a_quotation_skips_the_speech_reported_inside_it(extracted: Extracted) -> None:
    """ "she" after a quotation is the speaker of the claim before the quotation, not of a claim
    reported inside it ("What does it say ... that it would allow ...?")."""
    x = extracted(
        "Sajid Javid, the home secretary, revoked her citizenship. Diane Abbott, the shadow home secretary, "
        "said Javid had chosen to appease the press. “What does it say about our government that it would "
        "allow hundreds of men to return?” she said on Friday."
    )
    c = claim_with(x, "What does it say")
    assert c.speaker is not None and "Abbott" in (entity_name(x, c.speaker.entity) or "")
