"""Claims: attribution structures and speakers added for issue 13 (claims with speaker recall).

Every sentence here is our own; each test names the structure of the language it reads.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation
from newsgraph.extract.confidence import features
from newsgraph.records import Claim, Extraction

Extracted = Callable[..., Extraction]


def claim_with(x: Extraction, fragment: str) -> Claim:
    """The claim whose content holds ``fragment``."""
    found = [c for c in x.claims if fragment in c.text]
    assert found, f"no claim holds {fragment!r}; claims: {[c.text for c in x.claims]}"
    return found[0]


def speaker_name(x: Extraction, c: Claim) -> str | None:
    if c.speaker is None or c.speaker.entity is None:
        return None
    return {e.id: e.name for e in x.entities}[c.speaker.entity]


@pytest.mark.slow
def test_a_cue_clause_after_its_content_is_its_subject_and_verb(extracted: Extracted) -> None:
    """What trails the cue clause ("with perhaps several hundred ...") does not make it too long
    to be one: the content before it is the commanders' claim, without the attribution."""
    x = extracted(
        "The battle for the last village is now only days from completion, Kurdish commanders said, with "
        "perhaps several hundred hardcore members dug into the centre of the village."
    )
    c = claim_with(x, "only days from completion")
    assert c.speaker is not None and c.speaker.text == "Kurdish commanders"
    assert "said" not in c.text and "commanders" not in c.text


@pytest.mark.slow
def test_a_cue_clause_the_parse_coordinated_with_its_content(extracted: Extracted) -> None:
    x = extracted(
        "Joe Robinson, 25, was sentenced to seven years. He remains on bail and is planning an appeal "
        "against his conviction, his mother, Sharon Chimejczuk, told BBC News."
    )
    c = claim_with(x, "He remains on bail")
    assert "told" not in c.text and "mother" not in c.text
    assert speaker_name(x, c) == "Sharon Chimejczuk"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Residents fear the militia will arrest anyone who speaks out.", "the militia will arrest", "Residents"),
        ("Jonas Berg doubted he would ever be allowed to go home.", "he would ever be allowed", "Jonas Berg"),
    ],
)
def test_reported_belief_fear_and_doubt(extracted: Extracted, text: str, content: str, speaker: str) -> None:
    c = claim_with(extracted(text), content)
    assert c.speaker is not None and c.speaker.text == speaker
    assert not c.text.startswith(speaker)


@pytest.mark.slow
def test_a_that_clause_hung_on_a_time_phrase_is_the_content(extracted: Extracted) -> None:
    """ "admitted for the first time that ...": the parse reads the clause as a relative clause of
    "time"; it is what was admitted."""
    x = extracted(
        "The foreign minister, Ana Silva, has admitted for the first time that the sanctions have failed to "
        "change the regime's course."
    )
    c = claim_with(x, "the sanctions have failed")
    assert not c.text.startswith("that") and "admitted" not in c.text
    assert speaker_name(x, c) == "Ana Silva"


@pytest.mark.slow
def test_of_two_clauses_of_a_cue_the_one_after_it_is_the_content(extracted: Extracted) -> None:
    x = extracted(
        "In an interview with CBS aired on Sunday evening Senator Mark Duval said Iraq was well placed to "
        "watch the region."
    )
    c = claim_with(x, "Iraq was well placed")
    assert speaker_name(x, c) == "Mark Duval"
    assert not any("interview with CBS" in cl.text for cl in x.claims)


@pytest.mark.slow
def test_a_cue_noun_voiced_by_a_verb_is_its_subjects(extracted: Extracted) -> None:
    x = extracted("Erdoğan expressed disappointment that the fighters had not left the town of Manbij.")
    c = claim_with(x, "the fighters had not left")
    assert c.speaker is not None and c.speaker.text == "Erdoğan"


@pytest.mark.slow
def test_a_claim_rejected_is_not_the_rejecters_claim(extracted: Extracted) -> None:
    """ "rejected the claim that ...": the claim is someone else's; its subject does not speak it."""
    x = extracted("The minister rejected the claim that the army had fired on civilians.")
    c = claim_with(x, "the army had fired on civilians")
    if c.cue is not None and c.cue.text == "claim":
        assert c.speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The United Nations warned of a humanitarian catastrophe in the province.", "humanitarian catastrophe",
         "The United Nations"),
        ("The envoy hinted at relaxing the ban on cash transfers to the families.", "relaxing the ban",
         "The envoy"),
    ],
)  # fmt: skip
def test_a_verb_and_the_preposition_whose_object_is_said(
    extracted: Extracted, text: str, content: str, speaker: str
) -> None:
    c = claim_with(extracted(text), content)
    assert c.speaker is not None and c.speaker.text == speaker
    assert c.text.split()[0] not in ("of", "at")


@pytest.mark.slow
def test_speaking_of_is_no_statement(extracted: Extracted) -> None:
    x = extracted("Speaking of global leaders, the mayor said little had changed in the city.")
    assert not any("global leaders" in c.text for c in x.claims)


@pytest.mark.slow
def test_quotations_after_he_said_keep_its_referent(extracted: Extracted) -> None:
    x = extracted(
        "Ibrahim Kalin warned of a renewed exodus. Abu Mukhtar, an unemployed 48-year-old Idlib resident, "
        "said the summit had temporarily calmed nerves. “It’s not so bad at the moment,” he said. “People "
        "are feeling a bit more relieved after the truce. But nobody here talks of corridors.”"
    )
    first = claim_with(x, "It’s not so bad")
    second = claim_with(x, "People are feeling")
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.entity == first.speaker.entity
    assert speaker_name(x, second) != "Ibrahim Kalin"


@pytest.mark.slow
def test_a_former_holder_of_a_role_is_not_the_role_later(extracted: Extracted) -> None:
    x = extracted(
        "Donald Trump met the generals on Monday. The sanctions were first imposed under former president "
        "Barack Obama. The money must be spent wisely, the president said."
    )
    c = claim_with(x, "The money must be spent wisely")
    assert speaker_name(x, c) != "Barack Obama"


@pytest.mark.slow
def test_a_name_set_in_apposition_right_before_the_verb_is_the_subject(extracted: Extracted) -> None:
    x = extracted(
        "After the resignation of the defence secretary, Jim Mattis, Donald Trump has said he will not allow "
        "troops to leave in a hurry."
    )
    c = claim_with(x, "he will not allow troops")
    assert speaker_name(x, c) == "Donald Trump"


@pytest.mark.slow
def test_a_name_in_apposition_after_an_inverted_cue_stays_an_apposition(extracted: Extracted) -> None:
    """ "..., says Home Office, 6 February": what follows the verb is no subject before it."""
    x = extracted("The hostage is alive, says the Home Office, a spokesman confirmed on Monday.")
    assert all(c.speaker is None or "Monday" not in c.speaker.text for c in x.claims)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "feature", "present"),
    [
        ("Several western governments have said their citizens are not welcome at home.", "not welcome",
         "speaker_unnamed_group", True),
        ("Many reported that the fighters had shot those trying to desert.", "had shot those",
         "speaker_unnamed_group", True),
        ("A coalition official said the fighters had fired on their own families.", "had fired on",
         "speaker_unnamed_group", False),
        ("Khaled Omar Harrah said the fighters had fired on their own families.", "had fired on",
         "speaker_unnamed_group", False),
    ],
)  # fmt: skip
def test_an_unnamed_group_speaking_is_a_feature_of_its_claim(
    extracted: Extracted, annotated: Callable[[str], Annotation], text: str, content: str, feature: str, present: bool
) -> None:
    """The guide keeps an unnamed speaker as written ("US officials", "many"): a group as
    speaker is no failed resolution, and its claim's confidence says so."""
    x = extracted(text)
    k = next(i for i, c in enumerate(x.claims) if content in c.text)
    f = features(annotated(text), x)["claim"][k]
    assert (feature in f) is present, f


@pytest.mark.slow
@pytest.mark.parametrize("gap", ["\n", " "])
def test_a_quotation_over_paragraphs_is_a_claim_per_paragraph(extracted: Extracted, gap: str) -> None:
    """Each paragraph of a long quotation opens with its own mark; where the story's line breaks
    were lost, the mark after a sentence's end still shows where the next one begins."""
    x = extracted(
        "Ilham Ahmed, a Kurdish politician, said: “We will not leave our homes to the invaders. Every "
        f"family here has lost someone.{gap}“Any attempt to build a safe zone will be an occupation, and "
        "the world should say so.”"
    )
    first = claim_with(x, "We will not leave")
    second = claim_with(x, "Any attempt to build")
    assert first is not second
    assert "Any attempt" not in first.text and "“" not in second.text
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.entity == second.speaker.entity and first.speaker.entity is not None


def test_paragraphs_of_a_quotation_split_only_at_a_new_mark_after_a_sentence() -> None:
    from newsgraph.extract.claims import _paragraphs, find_quotes

    text = "She said: “It was hard. “Then it got worse,” she said."
    (q,) = find_quotes(text)[:1]
    assert [text[s:e] for s, e in _paragraphs(text, q)] == ["It was hard.", "Then it got worse,"]
    plain = "She said: “It was hard, and then it got worse.”"
    (q,) = find_quotes(plain)[:1]
    assert [plain[s:e] for s, e in _paragraphs(plain, q)] == ["It was hard, and then it got worse."]


@pytest.mark.slow
def test_a_name_after_a_quotation_without_a_verb_is_its_speaker(extracted: Extracted) -> None:
    """ "“...,” Sinan Ülgen, a former diplomat.": the quotation is his, not the speaker before."""
    x = extracted(
        "“There is no doubt that a terror group cannot be an ally,” Ibrahim Kalin said. “There is deep "
        "disappointment in Ankara with the administration, and policy-makers are trying to assess it,” "
        "Sinan Ülgen, a former Turkish diplomat and a visiting scholar."
    )
    c = claim_with(x, "There is deep disappointment")
    assert c.speaker is not None and c.speaker.text == "Sinan Ülgen"
    assert speaker_name(x, c) != "Ibrahim Kalin"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Reacting to the verdict on Facebook, Omar Khalil, a spokesman for the families, said: "
        "“This is a day we waited nine years for.”",
        "Responding to the video on Twitter, Maria Lopez, director at the Institute for Peace Studies at "
        "Oxford University, said: “This shows the group remains active.”",
    ],
)
def test_the_name_after_an_opening_participle_clause_is_the_speaker(extracted: Extracted, text: str) -> None:
    """The parse reads the name after "Reacting to ... on Facebook," as an apposition to the
    last noun of the opening clause and leaves "said" without a subject: the name is its speaker."""
    x = extracted(text)
    c = next(c for c in x.claims if c.kind == "direct")
    assert speaker_name(x, c) in ("Omar Khalil", "Maria Lopez")
    assert c.speaker is not None and c.speaker.text in ("Omar Khalil", "Maria Lopez")


@pytest.mark.slow
def test_a_name_the_tagger_read_as_an_adverb_is_the_speaker(extracted: Extracted) -> None:
    """ "Shibly, however, suggests ...": a name ending in -ly tagged as an adverb of the verb."""
    x = extracted(
        "The families hired a lawyer, Karim Shibly. Shibly, however, suggests the children could be flown "
        "home within weeks."
    )
    c = claim_with(x, "flown home")
    assert speaker_name(x, c) == "Karim Shibly"


@pytest.mark.slow
def test_a_possessive_cue_noun_is_held_by_the_subject(extracted: Extracted) -> None:
    """ "X repeated his insistence that ...": the subject, not the possessive left unresolved."""
    x = extracted(
        "The general met reporters in Basra. Karim Saleh repeated his insistence that the militia had "
        "withdrawn from the city."
    )
    c = claim_with(x, "the militia had withdrawn")
    assert speaker_name(x, c) == "Karim Saleh"
    assert c.speaker is not None and c.speaker.text == "Karim Saleh"


@pytest.mark.slow
def test_he_after_another_person_named_as_subject_is_that_person(extracted: Extracted) -> None:
    """The speaker of the claim before does not keep "he" when another man is the subject of
    the narrative in between; a name inside the quotation "he said" closes does not count."""
    for text in (
        "Daniel Moreau said the talks would resume next week. Pierre Lambert, the envoy, arrived in Geneva "
        "on Monday and he said the ceasefire could hold.",
        "Daniel Moreau said the talks would resume next week, and Pierre Lambert is determined that they "
        "succeed. He said the ceasefire could hold.",
    ):
        x = extracted(text)
        assert speaker_name(x, claim_with(x, "the ceasefire could hold")) == "Pierre Lambert"
    x = extracted(
        "Daniel Moreau said the talks would resume next week. “Pierre Lambert is a diplomat who has served "
        "in Cairo and Baghdad,” he said."
    )
    assert speaker_name(x, claim_with(x, "Pierre Lambert is a diplomat")) == "Daniel Moreau"


@pytest.mark.slow
def test_a_clause_after_a_cue_set_into_the_content_goes_on_with_the_speaker(extracted: Extracted) -> None:
    """ "..., she said, but they could ...": a pronoun subject (or a quotation) after the cue
    clause goes on with the speaker's words; a clause with a name of its own is the writer's."""
    x = extracted(
        "Leila Haddad, a lawyer for the families, spoke on Monday. Aid workers might be at more risk than "
        "soldiers, she said, but they could use video links to identify the children."
    )
    c = claim_with(x, "they could use video links")
    assert speaker_name(x, c) == "Leila Haddad"
    assert "said" not in c.text
    x = extracted(
        "There is nothing to stop the transfer, legal experts said, but Omar Khalil made clear that the "
        "families would appeal."
    )
    assert not any("Omar Khalil made clear" in c.text for c in x.claims)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("He fought with the YPG, which Turkey considers a terrorist organisation.", "a terrorist organisation"),
        ("Turkey considers the YPG to be affiliated with the PKK.", "the YPG to be affiliated with the PKK"),
        (
            "Ties were strained by the backing of the crown prince, whom Turkey accuses of ordering the "
            "murder of a journalist.",
            "of ordering the murder of a journalist",
        ),
        (
            "The Senate openly accused the prince of ordering the murder of a journalist.",
            "the prince of ordering the murder of a journalist",
        ),
    ],
)
def test_what_a_verb_of_view_or_accusation_holds(extracted: Extracted, text: str, content: str) -> None:
    """A view in a relative clause whose pronoun is its object (the phrase after the verb), a
    view held in a clause with its own subject, and an accusation with what it accuses of."""
    x = extracted(text)
    c = claim_with(x, content)
    assert c.text == content
    assert c.speaker is not None and c.speaker.text in ("Turkey", "The Senate")


@pytest.mark.slow
def test_a_scene_seen_is_no_view(extracted: Extracted) -> None:
    x = extracted("Only the guards saw us sitting in the tents at night.")
    assert not x.claims


@pytest.mark.slow
def test_a_name_the_parse_made_a_sentence_root_is_a_subject_for_he(extracted: Extracted) -> None:
    """ "Pierre Lambert a veteran senator urged ..." parses with the name as the root: it is
    still the subject "he" after it stands for, not the speaker of two sentences before."""
    x = extracted(
        "Daniel Moreau said the talks would resume next week. Pierre Lambert a veteran Democratic senator "
        "urged Europe to wait for the return of a patient America. Describing the talks as fragile, he "
        "said: “We will be back.”"
    )
    assert speaker_name(x, claim_with(x, "We will be back")) == "Pierre Lambert"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "It followed reports by the Daily Courier on Friday that the government could help the families.",
            "the government could help the families",
            "Daily Courier",
        ),
        (
            "She was speaking in the wake of the shock announcement by Paul Durand that 300 troops will leave "
            "the base.",
            "300 troops will leave the base",
            "Paul Durand",
        ),
    ],
)
def test_a_cue_nouns_that_clause_the_parse_hung_on_a_verb(
    extracted: Extracted, text: str, content: str, speaker: str
) -> None:
    """The "that" clause a few words after a cue noun and its agent is what the noun reports, and
    the agent is its speaker, wherever the parse hung them."""
    x = extracted(text)
    c = claim_with(x, content)
    assert c.text.startswith(content[:12])
    assert c.speaker is not None and speaker in c.speaker.text


@pytest.mark.slow
def test_a_belief_coloured_by_a_view_has_no_agent(extracted: Extracted) -> None:
    """ "a belief, coloured by a worldview, that ...": the worldview is no speaker."""
    x = extracted("He has a genuine belief, coloured by a patriarchal worldview, that women must obey their husbands.")
    for c in x.claims:
        assert c.speaker is None or "worldview" not in c.speaker.text


@pytest.mark.slow
def test_what_was_announced_is_no_speaker(extracted: Extracted) -> None:
    """ "X said after the deal was announced that ...": X said it; a deal announced says nothing."""
    x = extracted(
        "The defence minister, Ivan Petrov, said after the deal was announced that there would be no military "
        "operation in the province."
    )
    c = claim_with(x, "no military operation")
    assert speaker_name(x, c) == "Ivan Petrov"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "role", "speaker"),
    [
        ("Mr Omar Haddad refused", "The Turkish leader", "Omar Haddad"),
        ("Mrs Leila Nasser refused", "The congressman", None),  # a congressman is no woman
        ("Mr Omar Haddad and his deputy refused", "The Turkish leader", None),  # two subjects: no guess
    ],
)
def test_a_role_no_one_is_written_with_is_the_one_subject_just_before(
    extracted: Extracted, first: str, role: str, speaker: str | None
) -> None:
    """News varies its words: "Erdoğan ... refused to meet Bolton. The Turkish leader said ...":
    a definite role the text writes with no one stands for the one person named as subject in
    the sentence before, when gender allows and no one else was the subject."""
    x = extracted(f"On Monday {first} to meet John Bolton in Ankara. {role} said the border would stay closed.")
    c = claim_with(x, "the border would stay closed")
    assert speaker_name(x, c) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "present"),
    [
        ("Turkey views the YPG as a terrorist group.", "the YPG as a terrorist group", True),
        ("Turkey said the YPG was a terrorist group.", "the YPG was a terrorist group", False),
    ],
)
def test_a_view_held_of_someone_is_a_feature_of_its_claim(
    extracted: Extracted, annotated: Callable[[str], Annotation], text: str, content: str, present: bool
) -> None:
    """ "views X as Y" states a view however short its content: the claim's confidence knows it."""
    x = extracted(text)
    k = next(i for i, c in enumerate(x.claims) if content in c.text)
    f = features(annotated(text), x)["claim"][k]
    assert ("cue_view" in f) is present, f


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("European diplomats remain sceptical that the summit will change anything.", "the summit will change",
         "European diplomats"),
        ("Convinced that the militia had been defeated, Paul Durand dismissed the warnings.",
         "the militia had been defeated", "Paul Durand"),
        ("Many Arab states have accepted that Assad has survived the war.", "Assad has survived", "Many Arab states"),
        ("Kurdish forces expect the town to be cleared of the extremists within a week.", "the town to be cleared",
         "Kurdish forces"),
        ("Hamas is considered a terrorist organisation by the European Union.", "a terrorist organisation",
         "the European Union"),
    ],
)  # fmt: skip
def test_views_held_by_adjectives_expectations_and_passives(
    extracted: Extracted, text: str, content: str, speaker: str
) -> None:
    """A view is reported by an adjective with its "that" clause ("sceptical that", an opening
    "Convinced that"), by "accept that" and "expect X to", and by a passive verb of view with its
    agent; the content leaves the cue and the agent out."""
    c = claim_with(extracted(text), content)
    assert c.speaker is not None and c.speaker.text == speaker
    assert "by the" not in c.text and "that" not in c.text.split()[:1]


@pytest.mark.slow
def test_accepting_a_thing_is_no_claim(extracted: Extracted) -> None:
    x = extracted("She said she would accept whatever fate had in store for her.")
    assert not any(c.text.startswith("whatever fate") for c in x.claims)


@pytest.mark.slow
def test_a_role_inside_a_speakers_quotation_is_not_the_speaker(extracted: Extracted) -> None:
    """ "“..., but the president also expects ...,” John Bolton said": Bolton is no president."""
    x = extracted("“We will leave, but the president also expects the job to be finished,” John Bolton said on Monday.")
    inner = [c for c in x.claims if c.text.startswith("the job to be finished")]
    assert inner and all(speaker_name(x, c) != "John Bolton" for c in inner)


@pytest.mark.slow
def test_another_holder_of_a_role_is_not_the_one_named_before(extracted: Extracted) -> None:
    x = extracted(
        "“The investigator should not be the same entity,” lawyer Enrique Moreno said at a press conference. "
        "Neither the girl nor her father were given water, another lawyer said."
    )
    c = claim_with(x, "Neither the girl")
    assert speaker_name(x, c) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The force would protect Kurds from what she says is the threat of crimes against humanity.",
         "the threat of crimes against humanity", "she"),
        ("Troops crossed the border to attack what Ankara regards as Kurdish terrorist havens.",
         "Kurdish terrorist havens", "Ankara"),
        ("Russia pushed what Moscow calls long-term normalisation in Syria.", "long-term normalisation", "Moscow"),
    ],
)  # fmt: skip
def test_what_a_speaker_calls_a_thing_is_its_claim(extracted: Extracted, text: str, content: str, speaker: str) -> None:
    """A free relative of a verb of saying or viewing ("what she says is", "what Ankara regards
    as", "what Moscow calls") gives its speaker's words for the thing as the content, without
    the relative, the speaker and the verb."""
    x = extracted(text)
    c = claim_with(x, content)
    assert c.text.startswith(content[:12]) and "what" not in c.text
    assert c.speaker is not None and c.speaker.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Ankara distrusts the militias despite the Kurdish leaders saying they want no state of their own.",
         "they want no state", "the Kurdish leaders"),
        ("The talks ended with officials saying a deal was close.", "a deal was close", "officials"),
    ],
)  # fmt: skip
def test_a_gerund_after_a_prepositions_object_is_said_by_it(
    extracted: Extracted, text: str, content: str, speaker: str
) -> None:
    """ "despite X saying", "with X saying": X says it, not the main clause's subject."""
    x = extracted(text)
    c = claim_with(x, content)
    assert c.speaker is not None and c.speaker.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["whispers", "shouted", "pleaded"])
def test_a_verb_of_the_manner_of_speaking_attributes_a_quotation(extracted: Extracted, verb: str) -> None:
    x = extracted(f"The girl came home in May. “They took everything we had,” she {verb}, as her aunt held her.")
    c = claim_with(x, "They took everything")
    assert c.speaker is not None and c.speaker.text == "she"


@pytest.mark.slow
def test_the_name_after_an_inverted_cue_is_the_speaker(extracted: Extracted) -> None:
    """ "..., many of them from the south, said Leila Haddad": the parser may make "many" a
    subject too; the name right after the verb is who spoke."""
    x = extracted(
        "Some 9,000 people have arrived this month, many of them from the south, said Leila Haddad, "
        "who runs the clinic."
    )
    c = claim_with(x, "9,000 people have arrived")
    assert c.speaker is not None and c.speaker.text == "Leila Haddad"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "denier"),
    [
        ("Officials said the drones were flown from a base near the border, a claim Kigali denied on Friday.",
         "the drones were flown from a base near the border", "Kigali"),
        ("The army said it had killed 40 militants, which the rebels denied.", "it had killed 40 militants",
         "the rebels"),
    ],
)  # fmt: skip
def test_a_denial_after_a_claim_is_a_negated_claim_of_the_same_words(
    extracted: Extracted, text: str, content: str, denier: str
) -> None:
    """ "..., a claim Moscow denied", "..., which the rebels denied": the denier's claim has the same
    content, negated, and the first claim ends at the comma."""
    x = extracted(text)
    same = [c for c in x.claims if c.text == content]
    assert len(same) == 2, [(c.text, c.speaker and c.speaker.text) for c in x.claims]
    denial = next(c for c in same if c.speaker is not None and c.speaker.text == denier)
    assert denial.modality == "negated" and denial.cue is not None and denial.cue.text == "denied"
    assert any(c.modality != "negated" for c in same)
