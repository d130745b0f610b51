"""The one reference resolver (``newsgraph.extract.pronouns``): what "he" and "she" stand for when
the text names several people. Every sentence here is our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate.parsed import Annotation
from newsgraph.extract.pronouns import MentionIndex
from newsgraph.records import Extraction

Extract = Callable[..., Extraction]


def referents(annotated: Callable[[str], Annotation], extracted: Extract, text: str) -> list[tuple[str, str | None]]:
    """(pronoun, the name of the person it stands for or None) for each "he"/"she" in the text."""
    a = annotated(text)
    x = extracted(text)
    index = MentionIndex.build(a, x)
    names = {e.id: e.name for e in x.entities}
    out = []
    for t in a.tokens:
        if t.text.lower() in ("he", "she"):
            found = index.pronoun_entities.get(t.i, ())
            out.append((t.text.lower(), names.get(found[0]) if len(found) == 1 else None))
    return out


@pytest.mark.slow
def test_a_pronoun_resolved_shows_the_gender_of_its_person(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    """ "He" read as Kwame Bello makes him a man: "she" after it is the woman named since."""
    text = (
        "Kwame Bello joined the rebels in 2014. He travelled to Syria with Ngozi Adeyemi. "
        "She said she wanted to return."
    )
    found = referents(annotated, extracted, text)
    assert found[0] == ("he", "Kwame Bello")
    assert found[1] == ("she", "Ngozi Adeyemi")


@pytest.mark.slow
def test_she_skips_a_man_shown_by_his_given_name(annotated: Callable[[str], Annotation], extracted: Extract) -> None:
    text = (
        "Ayesha Okafor left for Syria in 2015. Earlier this week the home secretary, Sajid Javid, ordered that "
        "her citizenship be revoked after she said she wanted to return."
    )
    assert all(name == "Ayesha Okafor" for w, name in referents(annotated, extracted, text) if w == "she")


@pytest.mark.slow
def test_an_unnamed_person_described_as_subject_is_no_man_named_before(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    """ "His father ... he said": the father, whom the text does not name, not Omar Haddad."""
    text = (
        "Mr Omar Haddad was arrested in March. His father, speaking from Amman, accused the police of lying. "
        "“They have no evidence,” he said."
    )
    assert referents(annotated, extracted, text)[-1] == ("he", None)


@pytest.mark.slow
def test_a_person_named_in_the_pronouns_sentence_is_nearer_than_a_subject_further_back(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    text = (
        "Mr Paul Durand spoke first on Monday. The talks went on for hours. Since the war began, the priority "
        "for Mr Karim Aziz, the governor, has been fighting the militia, which he fears could spread to the city."
    )
    assert referents(annotated, extracted, text)[-1] == ("he", "Karim Aziz")


@pytest.mark.slow
def test_a_role_described_as_subject_stands_for_its_holder(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    """ "The governor criticised Mr Durand ... he said": the governor, written with his name before."""
    text = (
        "Mr Karim Aziz, the governor, met officials on Monday. Mr Paul Durand also spoke. "
        "The governor later criticised Mr Durand in public. “This will not help,” he said."
    )
    assert referents(annotated, extracted, text)[-1] == ("he", "Karim Aziz")


@pytest.mark.slow
def test_a_name_before_a_verb_the_parse_left_without_subject_is_its_subject(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    """The parse coordinates "Erdoğan" with "war"; it is the subject of "is determined", so "he"
    in the next sentence is Erdoğan, not the man named as subject before."""
    text = (
        "Mr Paul Durand said on Monday that the talks had failed. Many fighters in the enclave have been "
        "protected by Turkey throughout the seven-year civil war and Erdoğan is determined that they are not "
        "slaughtered. He said Turkish forces would remain in the posts."
    )
    assert referents(annotated, extracted, text)[-1] == ("he", "Erdoğan")


def lede(annotated: Callable[[str], Annotation], extracted: Extract, text: str) -> dict[str, str]:
    """The lead's described subject -> the person the resolver takes it for."""
    a = annotated(text)
    x = extracted(text)
    names = {e.id: e.name for e in x.entities}
    return {a.tokens[k].text: names[e] for k, e in MentionIndex.build(a, x).lede_referent.items()}


@pytest.mark.slow
def test_a_lead_that_describes_before_it_names_is_the_person_named_after_it(
    annotated: Callable[[str], Annotation], extracted: Extract
) -> None:
    text = "Uganda's foreign minister has criticised Kenya. Sam Kutesa told reporters that Uganda would not back down."
    assert lede(annotated, extracted, text) == {"minister": "Sam Kutesa"}
    text = "A former Kenyan soldier jailed in Uganda has fled the country. Joe Otieno, 25, was on bail."
    assert lede(annotated, extracted, text) == {"soldier": "Joe Otieno"}
    # named as the subject of the sentence after next, no one named before
    text = (
        "Uganda's prime minister has confirmed talks with the Red Cross. There are 70 children in the camps. "
        "Robinah Nabbanja said the government would act."
    )
    assert lede(annotated, extracted, text) == {"minister": "Robinah Nabbanja"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # another person is named first after the lead
        "A Kenyan teenager has asked to return home. Describing Amina Noor as a victim, Sam Kutesa said she should.",
        # the person was named in the lead: the subject is someone else
        "The lawyer for Sam Kutesa has criticised Kenya. Sam Kutesa told reporters that he was innocent.",
        # named beside the role already
        "Uganda's foreign minister, Sam Kutesa, has criticised Kenya. Kutesa told reporters he would act.",
        # named beside it with a phrase between, where the parser may miss the apposition
        "The UN special envoy for Sudan, Ngozi Achebe, has said talks will resume. Vladimir Putin said so too.",
        # a schoolgirl is no Mr
        "An east London schoolgirl has asked to return home. Mr Joe Otieno said she should be allowed back.",
        # several people, or no one in particular
        "Two British soldiers have fled Uganda. Joe Otieno told reporters they were safe.",
    ],
)
def test_a_lead_maps_nothing_where_the_next_name_may_be_someone_else(
    annotated: Callable[[str], Annotation], extracted: Extract, text: str
) -> None:
    assert lede(annotated, extracted, text) == {}, text


@pytest.mark.slow
def test_events_and_claims_take_the_lead_s_person(extracted: Extract) -> None:
    x = extracted(
        "Uganda's foreign minister has criticised Kenya over the border. Sam Kutesa told reporters that "
        "Uganda would not back down. The foreign minister also criticised the African Union."
    )
    names = {e.id: e.name for e in x.entities}
    sources = [[names.get(a.entity or "") for a in v.source] for v in x.events if v.type == "ACCUSE"]
    assert sources == [["Sam Kutesa"], ["Sam Kutesa"]], sources
    y = extracted(
        "The lawyer for Amina Noor has called for her to be brought home. "
        "Hassan Odhiambo, an attorney who has represented her family, said she regretted her choice."
    )
    names = {e.id: e.name for e in y.entities}
    speakers = {names.get(c.speaker.entity or "") for c in y.claims if c.speaker is not None}
    assert "Hassan Odhiambo" in speakers and "" not in speakers, speakers


@pytest.mark.slow
def test_we_in_the_words_of_a_state_s_office_holder_is_that_state(extracted: Extract) -> None:
    text = (
        "{} has told Europe to act. On Saturday, he said that “Britain and France” should "
        "“take back the 800 fighters that we captured in Somalia”."
    )
    x = extracted(text.format("Kenyan President William Ruto"))
    names = {e.id: e.name for e in x.entities}
    captured = [v for v in x.events if v.trigger.text == "captured"]
    assert captured and [names.get(a.entity or "") for a in captured[0].source] == ["Kenya"], captured
    # no office written with him: the speaker himself
    y = extracted(text.format("William Ruto"))
    names = {e.id: e.name for e in y.entities}
    captured = [v for v in y.events if v.trigger.text == "captured"]
    assert captured and [names.get(a.entity or "") for a in captured[0].source] == ["William Ruto"], captured
