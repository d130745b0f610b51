"""Event extraction: triggers, types and modes, split compound actors, gatherings with many
participants, dates from the sentence (not the publication date), locations and modality."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import Event, Extraction

Extract = Callable[..., Extraction]


def _only(x: Extraction, type_: str) -> Event:
    found = [v for v in x.events if v.type == type_]
    assert found, f"no {type_} event in {[(v.type, v.trigger.text) for v in x.events]}"
    return found[0]


def _texts(args: tuple) -> set[str]:  # type: ignore[type-arg]
    return {a.text for a in args}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "mode", "trigger"),
    [
        ("The Finnish foreign minister met Kenyan President Uhuru Kenyatta in Nairobi.", "CONSULT", "meet", "met"),
        ("Brazil accused Argentina of dumping steel on its markets.", "ACCUSE", None, "accused"),
        ("Rebels attacked an army convoy near Goma on Monday.", "ASSAULT", None, "attacked"),
        ("The government imposed sanctions on Venezuela last week.", "SANCTION", None, "sanctions"),
        ("Thousands of students demonstrated in Dhaka against the new law.", "PROTEST", None, "demonstrated"),
        ("Nigeria refused to extradite the suspect to Ghana.", "REJECT", None, "refused to extradite"),
        ("Dock workers strike at the port of Mombasa.", "PROTEST", "strike", "strike"),
        ("Israeli jets strike targets in southern Lebanon.", "ASSAULT", "heavy-weapons", "strike"),
        # the field's verbs of listing, taking ground and taking citizenship
        ("Britain proscribed the militia as a terrorist group in 2019.", "SANCTION", None, "proscribed"),
        ("Iraqi forces recaptured Mosul from Isis in 2017.", "ASSAULT", None, "recaptured"),
        ("The two men have been stripped of their British citizenship.", "COERCE", None, "stripped"),
        # PLOVER files abduction under ASSAULT (CAMEO 181), arrest under COERCE (173)
        ("Gunmen kidnapped two aid workers in Mogadishu on Monday.", "ASSAULT", "abduct", "kidnapped"),
        ("Police arrested two men in Nairobi.", "COERCE", "arrest", "arrested"),
        # evacuating people is aid (CAMEO 070), evacuating positions a retreat (0874)
        ("Russia evacuated 30 children from Syria in December.", "AID", None, "evacuated"),
        ("The rebels evacuated their positions near Idlib on Friday.", "RETREAT", None, "evacuated"),
    ],
)
def test_trigger_type_and_mode(extracted: Extract, text: str, type_: str, mode: str | None, trigger: str) -> None:
    event = _only(extracted(text), type_)
    assert event.mode == mode
    assert event.trigger.text == trigger
    assert event.cameo == ("04" if type_ == "CONSULT" else event.cameo)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "sources"),
    [
        (
            # a demonym is no actor by itself: each stands with the noun it modifies
            "Senior Hungarian and Romanian officials agreed on Wednesday to reopen the border.",
            {"Hungarian and Romanian officials", "Romanian officials"},
        ),
        ("France and Germany signed an agreement on energy in Paris.", {"France", "Germany"}),
    ],
)
def test_compound_actors_are_split_into_separate_sources(extracted: Extract, text: str, sources: set[str]) -> None:
    x = extracted(text)
    assert any(_texts(v.source) == sources for v in x.events), [(v.type, _texts(v.source)) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["The March 3 summit in Nairobi saw participation from representatives of Kenya, Uganda and Rwanda."],
)
def test_a_gathering_is_one_event_with_all_its_participants(extracted: Extract, text: str) -> None:
    x = extracted(text, published="2024-03-20")
    summits = [v for v in x.events if v.type == "CONSULT"]
    assert len(summits) == 1
    summit = summits[0]
    assert summit.mode == "multilateral"
    assert {"Kenya", "Uganda", "Rwanda"} <= _texts(summit.participants)
    assert summit.location is not None and summit.location.text == "Nairobi"
    assert summit.date is not None and summit.date.value == "2024-03-03"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "modality"),
    [
        ("Critics attacked proposals to deploy Turkish troops to Libya.", "MOBILIZE", "planned"),
        ("The minister did not meet the Chinese delegation in Beijing.", "CONSULT", "negated"),
        ("Egypt will send aid to Sudan next month.", "AID", "planned"),
        ("Rebels reportedly attacked the town of Bunia.", "ASSAULT", "hedged"),
    ],
)
def test_modality_follows_the_words_around_the_trigger(
    extracted: Extract, text: str, type_: str, modality: str
) -> None:
    assert _only(extracted(text), type_).modality == modality


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "commitment"),
    [
        ("Egypt will send aid to Sudan next month.", "AGREE"),
        ("Iran said it would boycott the talks unless the embargo is lifted.", "THREATEN"),
    ],
)
def test_a_stated_commitment_is_coded_as_plover_does(extracted: Extract, text: str, commitment: str) -> None:
    assert any(v.type == commitment for v in extracted(text).events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Dakar, Feb 2 (AFP) Senegal and Mali held talks with Guinea in Bamako, officials said."],
)
def test_the_dateline_date_is_not_an_event_date(extracted: Extract, text: str) -> None:
    x = extracted(text, published="2024-02-02")
    talks = _only(x, "CONSULT")
    assert talks.date is None
    assert {"Senegal", "Mali"} <= _texts(talks.source)


@pytest.mark.slow
def test_events_on_the_wire_story(extracted: Extract, wire_text: str) -> None:
    x = extracted(wire_text, published="2026-01-27")
    by_type: dict[str, list[Event]] = {}
    for v in x.events:
        by_type.setdefault(v.type, []).append(v)

    established = by_type["ESTABLISH"][0]
    assert "Board of Peace" in _texts(established.target)
    assert established.date is not None and established.date.value == "2026-01-15"

    invitation = next(v for v in by_type["REQUEST"] if v.trigger.text == "invited")
    assert _texts(invitation.source) == {"Donald Trump"}
    assert _texts(invitation.target) == {"Shehbaz Sharif"}
    assert invitation.date is not None and invitation.date.value == "2026-01-18"

    gatherings = {v.trigger.text.lower(): v for v in by_type["CONSULT"] if v.mode == "multilateral"}
    gathering = gatherings["gathering"]
    assert {"Naji Zaheer", "Rashid Ali Sandhu"} <= _texts(gathering.participants)
    assert gathering.date is not None and gathering.date.value == "2026-01"
    assert gathering.location is not None and gathering.location.text == "Gujranwala"
    conference = gatherings["conference"]
    assert {"LeT", "JeM", "Hamas"} <= _texts(conference.participants)
    assert conference.date is not None and conference.date.value == "2025-02-05"

    deployment = by_type["MOBILIZE"][0]
    assert deployment.trigger.text == "deploy"
    assert deployment.modality == "planned"
    assert _texts(deployment.source) == {"Pakistani troops"}
    # where troops are sent is where the act happens, not whom it acts on ("moved_types")
    assert not deployment.target
    assert deployment.location is not None and deployment.location.text == "Gaza"
    assert all(v.date is None or v.date.value != "2026-01-27" for v in x.events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("Dock workers strike at Mombasa port.", "PROTEST", "Mombasa"),
        ("Rebels attacked an army convoy near Goma on Monday.", "ASSAULT", "Goma"),
    ],
)
def test_the_location_is_the_place_named_in_the_phrase(extracted: Extract, text: str, type_: str, place: str) -> None:
    event = _only(extracted(text), type_)
    assert event.location is not None and event.location.text == place


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # senses the CAMEO verb dictionary codes as no event, or as another event
        ("The militia still holds two villages north of the river.", "COERCE"),
        ("The committee will hold a session on the budget next week.", "COERCE"),
        ("The minister returned to Lisbon after a week in Brazil.", "CONCEDE"),
        ("The ministry sent an email to its staff on Friday.", "AID"),
        # a particle the dictionary never codes makes another verb ("freed up", "held up")
        ("The budget deal freed up Danish funds for schools, Copenhagen said.", "CONCEDE"),
        ("The senator held up photographs of the flooded districts.", "COERCE"),
        # a demonym on an event word is no actor; a verb of meeting with no one met is no meeting
        ("The Bolivian proposal met a cool reception in Brasilia.", "CONSULT"),
    ],
)
def test_verb_senses_that_are_no_such_event(extracted: Extract, text: str, absent: str) -> None:
    x = extracted(text)
    assert not [v for v in x.events if v.type == absent], [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "trigger"),
    [
        # CAMEO 181 (hostages): PLOVER ASSAULT
        ("Boko Haram is holding twelve hostages in the forest.", "ASSAULT", "holding"),
        ("Niger rejected an ultimatum from Ecowas on Sunday.", "REJECT", "rejected"),
        ("Portugal deployed 300 troops to the border region.", "MOBILIZE", "deployed"),
    ],
)
def test_verb_senses_the_dictionary_codes(extracted: Extract, text: str, type_: str, trigger: str) -> None:
    assert _only(extracted(text), type_).trigger.text == trigger


@pytest.mark.slow
def test_a_demonym_is_no_actor_by_itself(extracted: Extract) -> None:
    x = extracted("The village was shelled by Armenian artillery units, and a Georgian raid followed.")
    args = {a.text for v in x.events for a in (*v.source, *v.target, *v.participants)}
    assert not args & {"Armenian", "Georgian"}, args
    assert "Armenian artillery units" in args


@pytest.mark.slow
def test_an_ambiguous_pronoun_is_dropped_not_guessed(extracted: Extract) -> None:
    x = extracted("Chile and Peru met in Lima on Monday. It later attacked the rebels.")
    attacks = [v for v in x.events if v.type == "ASSAULT"]
    assert all(not v.source for v in attacks) or not attacks, [(v.type, _texts(v.source)) for v in attacks]


@pytest.mark.slow
def test_they_after_a_coordination_stands_for_every_member(extracted: Extract) -> None:
    x = extracted("Chile and Peru met in Lima on Monday. They later attacked the rebels.")
    names = {e.id: e.name for e in x.entities}
    attacks = [v for v in x.events if v.type == "ASSAULT"]
    assert attacks
    assert {names.get(a.entity or "") for a in attacks[0].source} == {"Chile", "Peru"}


@pytest.mark.slow
def test_a_pronoun_chain_keeps_its_referent(extracted: Extract) -> None:
    text = (
        "Joe Robinson, a former soldier, travelled to Syria in 2015. He told reporters he was a medic. "
        "He returned to Britain in 2016. Last year he was arrested by Turkish police."
    )
    x = extracted(text)
    names = {e.id: e.name for e in x.entities}
    arrests = [v for v in x.events if v.type == "COERCE"]
    assert arrests
    assert {names.get(a.entity or "") for a in arrests[0].target} == {"Joe Robinson"}


@pytest.mark.slow
def test_she_never_stands_for_a_man(extracted: Extract) -> None:
    x = extracted("Mr Haddad arrived in Beirut on Monday. She was arrested by the police.")
    arrests = [v for v in x.events if v.type == "COERCE"]
    assert all(not v.target for v in arrests), [(_texts(v.target)) for v in arrests]


@pytest.mark.slow
def test_the_agent_of_a_gerund_is_the_controlling_actor(extracted: Extract) -> None:
    x = extracted("Jack Letts, who is suspected of joining Islamic State, said he missed Britain.")
    names = {e.id: e.name for e in x.entities}
    joins = [v for v in x.events if v.type == "JOIN"]
    assert joins
    assert {names.get(a.entity or "", a.text) for a in joins[0].source} == {"Jack Letts"}
    y = extracted("Turkey accused the YPG of attacking its soldiers near Afrin.")
    attacks = [v for v in y.events if v.type == "ASSAULT"]
    assert attacks and {a.text for a in attacks[0].source} == {"YPG"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # a role in apposition to a person's name: the person acts
        ("The interior minister, Farida Osei, has banned the rallies in the capital.", "SANCTION", "Farida Osei", None),
        # a relative pronoun stands for what it follows
        ("Rebels freed Tomas Brandt, whom the militia had kidnapped in March.", "ASSAULT", "militia", "Tomas Brandt"),
        # "left for Syria to join": the place is where she went, not who joined
        ("The police questioned Aisha Karim, who left for Syria to join Isis in 2015.", "JOIN", "Aisha Karim", "Isis"),
    ],
)
def test_arguments_through_appositions_and_relative_clauses(
    extracted: Extract, text: str, type_: str, source: str | None, target: str | None
) -> None:
    events = [v for v in extracted(text).events if v.type == type_]
    assert events, text
    v = events[0]
    if source is not None:
        assert source in _texts(v.source), v
    if target is not None:
        assert target in _texts(v.target), v


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # the target of an event noun the verb takes ("threatened an incursion into")
        ("Turkey has threatened a new incursion into Syria.", "THREATEN", "Turkey", "Syria"),
        # a refusal is aimed at the object of the refused act
        ("Netanyahu refused to meet Bolton in Jerusalem.", "REJECT", "Netanyahu", "Bolton"),
        # "whose" names the relative clause's antecedent as the source of the event noun
        (
            "Al-Shabaab, whose attacks on Nairobi killed dozens, is based in Somalia.",
            "ASSAULT",
            "Al-Shabaab",
            "Nairobi",
        ),
        # a participle describing a noun acts on it; military backing is aid
        ("Arab tribes, backed by a US-led coalition, are fighting Isis.", "AID", "US-led coalition", "Arab tribes"),
        # an order that something be done to someone is that coercion ("her citizenship revoked")
        ("Javid ordered Begum's citizenship to be revoked.", "COERCE", "Javid", "Begum"),
        ("Japan gave Kenya $5m in aid.", "AID", "Japan", "Kenya"),
    ],
)
def test_targets_found_beyond_the_direct_object(
    extracted: Extract, text: str, type_: str, source: str, target: str
) -> None:
    event = _only(extracted(text), type_)
    assert source in _texts(event.source)
    assert target in _texts(event.target)


@pytest.mark.slow
def test_a_sources_named_by_a_noun_modifier_or_a_possessive_pronoun(extracted: Extract) -> None:
    assert "US" in _texts(_only(extracted("US secondary sanctions hit European banks."), "SANCTION").source)
    threat = _only(extracted("Erdoğan repeated his threat against the Kurds."), "THREATEN")
    assert [a.text for a in threat.source] == ["his"] and threat.source[0].entity is not None
    assert "Kurds" in _texts(threat.target)


@pytest.mark.slow
def test_a_later_clause_is_no_object_of_an_earlier_verb(extracted: Extract) -> None:
    x = extracted("The group has retained its firepower; on Sunday, Isis members fired a rocket at the army base.")
    assert all("The group" not in _texts(v.target) for v in x.events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("She gave birth to a son in the camp.", "AID"),
        ("Kadyrov helped organise flights from Syria to Grozny.", "AID"),
        ("The Home Office declined to comment on the case.", "REJECT"),
        ("The militia's leader refused to deny that it planned to merge with other factions.", "REJECT"),
        ("The defence secretary, Jim Mattis, resigned on Thursday.", "RETREAT"),
        ("We want observers on the border to ensure that Turkey does not attack.", "ASSAULT"),
        ("Assad has survived the seven-year civil war.", "ASSAULT"),
        ("The ministry said it would not discuss individual cases with Reuters.", "REJECT"),
        ("Children should not suffer, Javid said.", "REQUEST"),
        ("Javid ordered Begum's citizenship to be revoked.", "REQUEST"),
    ],
)
def test_what_newsfacts_counts_as_no_such_event(extracted: Extract, text: str, absent: str) -> None:
    x = extracted(text)
    assert all(v.type != absent for v in x.events), [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
def test_a_reported_conflictual_intent_stays_a_threat(extracted: Extract) -> None:
    x = extracted("Farmers said on Friday they would blockade Paris from Monday night.")
    assert any(v.type == "THREATEN" for v in x.events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "detention"),
    [
        ("Thousands of foreign women are being held in camps run by the militia.", True),
        ("The militia is holding about 800 foreign fighters in its prisons.", True),
        ("The rebels still hold territory near the border.", False),
        ("The council will hold a session on Monday.", False),
    ],
)
def test_holding_people_is_detention(extracted: Extract, text: str, detention: bool) -> None:
    assert any(v.type == "COERCE" for v in extracted(text).events) == detention


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Government forces used chemical weapons on the besieged town last spring.", "ASSAULT"),
        ("The ministry announced a drawdown of troops from the border region.", "RETREAT"),
    ],
)
def test_mass_violence_and_drawdowns(extracted: Extract, text: str, type_: str) -> None:
    assert any(v.type == type_ for v in extracted(text).events)


@pytest.mark.slow
def test_a_place_left_behind_is_not_who_joins(extracted: Extract) -> None:
    x = extracted("Amira Haddad said she fled the US to join Isis in 2015.")
    joins = [v for v in x.events if v.type == "JOIN"]
    assert joins and all("US" not in _texts(v.source) for v in joins)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "modality"),
    [
        ("Russia could attack the town of Saraqib next week.", "ASSAULT", "speculative"),
        ("Turkey reportedly shelled the town of Tal Abyad.", "ASSAULT", "hedged"),
        # a condition on the clause that governs the act
        ("If the army is staying in the north to attack the rebels, the talks will fail.", "ASSAULT", "speculative"),
    ],
)
def test_event_modality_reads_the_modality_engine_words(
    extracted: Extract, text: str, type_: str, modality: str
) -> None:
    events = [v for v in extracted(text).events if v.type == type_]
    assert events and all(v.modality == modality for v in events), events


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "role", "holder"),
    [
        # the one person the text names in that role stands behind the role phrase
        ("US President Donald Trump visited Baghdad. The US president did not ask Iraq's permission.",
         "REQUEST", "US president", "Donald Trump"),
        # a role qualified by another country is someone else: the phrase, unresolved
        ("Donald Trump, the US president, flew home. Later the Turkish president threatened the Kurds.",
         "THREATEN", "Turkish president", None),
    ],
)  # fmt: skip
def test_a_role_phrase_is_the_actor_not_the_country_qualifying_it(
    extracted: Extract, text: str, type_: str, role: str, holder: str | None
) -> None:
    x = extracted(text)
    event = _only(x, type_)
    assert [a.text for a in event.source] == [role]
    names = {e.id: e.name for e in x.entities}
    assert names.get(event.source[0].entity or "") == holder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        # the possessor of the noun that calls for the act is who acts, unless the act names its
        # actor: in "the withdrawal of US troops" the troops (the US) withdraw, whoever calls for it
        ("President Donald Trump's call for a withdrawal from Syria angered allies.", "RETREAT", "Donald Trump"),
        ("President Donald Trump's call for the withdrawal of US troops angered allies.", "RETREAT", "US"),
        # an infinitive on a possessed noun: the possessor (a pronoun resolved) is its subject
        ("Donald Trump said on Sunday that he would keep his pledge to pull US troops out of Syria.",
         "RETREAT", "Donald Trump"),
    ],
)  # fmt: skip
def test_the_possessor_of_a_governing_noun_acts(extracted: Extract, text: str, type_: str, source: str) -> None:
    x = extracted(text)
    names = {e.id: e.name for e in x.entities}
    event = _only(x, type_)
    assert [names.get(a.entity or "") for a in event.source] == [source]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Government troops used chemical weapons against civilians in the town.", "civilians"),
        ("The army used chemical weapons against Kurdish fighters near the border.", "Kurdish fighters"),
    ],
)
def test_a_target_named_on_the_instrument_of_an_attack(extracted: Extract, text: str, target: str) -> None:
    event = _only(extracted(text), "ASSAULT")
    assert target in _texts(event.target)


@pytest.mark.slow
def test_a_state_demonym_on_an_act_against_someone_is_its_source(extracted: Extract) -> None:
    x = extracted("Russia has moved troops north. A Russian military offensive against the rebels began on Friday.")
    event = _only(x, "ASSAULT")
    assert _texts(event.source) == {"Russia"} and "rebels" in _texts(event.target)
    # no state named in the text: the demonym alone is no actor
    y = extracted("Residents said a Kurdish military offensive against the rebels began on Friday.")
    assert all(not v.source for v in y.events if v.type == "ASSAULT")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Coalition aircraft killed hundreds of fighters in the valley since 2016.",  # a period's start
        "The army used banned weapons in breach of commitments made in 2013.",  # another clause's date
        "Rebel fighters are currently detained by the militia in the north.",  # no date at all
    ],
)
def test_an_event_takes_no_date_its_clause_does_not_give(extracted: Extract, text: str) -> None:
    events = extracted(text, published="2019-03-01").events
    assert events and all(v.date is None for v in events), [(v.type, v.date) for v in events]


@pytest.mark.slow
def test_an_event_takes_the_date_of_its_own_clause(extracted: Extract) -> None:
    events = extracted("Turkish jets bombed the village of Tal Rifaat on Tuesday.", published="2019-03-01").events
    assert any(v.date is not None and v.date.value == "2019-02-26" for v in events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # coordinated verbs share the object the parser hangs on the last one
        ("Militants shot and wounded three aid workers near Kandahar.", "ASSAULT", "Militants", "aid workers"),
        # after an agent, or on a hostile act's nominalisation, "of" names who the act is done to
        ("Egypt's detention of Tomas Brandt angered Germany.", "COERCE", "Egypt", "Tomas Brandt"),
        # an adjective's bearer does what its complement names
        ("The Kenyan army remains determined to attack al-Shabaab in Somalia.", "ASSAULT", "Kenyan army", "al-Shabaab"),
        # a people named as possessor with a curly apostrophe is a noun, not a bare adjective
        (
            "Nothing was said by the envoy about the Russians’ projected attack on the Ukrainian army.",
            "ASSAULT",
            "Russians",
            "Ukrainian army",
        ),
        # a part of a body stands for the body
        ("Kenya accused the highest levels of the Somali army of the raid.", "ACCUSE", "Kenya", "Somali army"),
        # a relative pronoun under a preposition stands for what it follows
        (
            "The Allied Democratic Forces, with whom Uganda has fought for decades, attacked Beni.",
            "ASSAULT",
            "Uganda",
            "Allied Democratic Forces",
        ),
    ],
)
def test_arguments_of_coordinated_controlled_and_nominal_acts(
    extracted: Extract, text: str, type_: str, source: str, target: str
) -> None:
    events = [v for v in extracted(text).events if v.type == type_ and source in _texts(v.source)]
    assert events, [(v.type, _texts(v.source), _texts(v.target)) for v in extracted(text).events]
    assert any(target in t for t in _texts(events[0].target)), events[0]


@pytest.mark.slow
def test_a_passive_verb_sharing_a_subject_has_it_as_target_not_source(extracted: Extract) -> None:
    # "had fought ... and was killed": the shared subject was killed, nobody named killed him
    x = extracted("Her brother had fought in Chechnya and was killed in 2009.")
    v = next(v for v in x.events if v.trigger.text == "killed")
    assert not v.source
    assert "Her brother" in _texts(v.target)
    # "the withdrawal of US troops": the troops withdraw, they are not withdrawn from
    w = _only(extracted("Trump's withdrawal of US troops from Syria alarmed the Kurds."), "RETREAT")
    assert not any("US" in t for t in _texts(w.target))


@pytest.mark.slow
def test_a_reported_pronoun_is_not_a_speaker_it_cannot_stand_for(extracted: Extract) -> None:
    x = extracted("She is likely to be arrested in Cairo, the Daily Monitor reported.")
    names = {a.text for v in x.events for a in v.source}
    assert "the Daily Monitor" not in names and "Daily Monitor" not in names


@pytest.mark.slow
def test_a_forecast_is_no_commitment(extracted: Extract) -> None:
    # nobody commits to what will be done to someone: the act itself stays, planned
    x = extracted("All embassy staff will be withdrawn from Khartoum next week.")
    assert not [v for v in x.events if v.type in {"AGREE", "THREATEN"}]
    assert all(v.modality == "planned" for v in x.events if v.type == "RETREAT")


@pytest.mark.slow
def test_a_force_named_by_its_owner_keeps_the_phrase_and_the_owner(extracted: Extract) -> None:
    # "Assad's forces", "its fighters": the body as written, tied to the actor it belongs to
    x = extracted("Islamic State said on Monday that its fighters had attacked a Kurdish checkpoint near Hasakah.")
    v = next(v for v in x.events if v.type == "ASSAULT")
    assert "its fighters" in _texts(v.source)
    assert all(a.entity for a in v.source if a.text == "its fighters")
    y = extracted("Assad's forces shelled the town of Maarat al-Numan on Sunday.")
    w = next(v for v in y.events if v.type == "ASSAULT")
    assert "Assad's forces" in _texts(w.source)


@pytest.mark.slow
def test_who_acts_in_a_withdrawal_or_a_call_for_one(extracted: Extract) -> None:
    # a force leaving is a withdrawal; the "of" phrase of a withdrawal withdraws
    left = _only(extracted("The president insists that US troops must leave Syria by the spring."), "RETREAT")
    assert "US troops" in _texts(left.source)
    assert not [v for v in extracted("The family left Aleppo in 2015.").events if v.type == "RETREAT"]
    w = _only(extracted("The planned withdrawal of French forces from the area alarmed the Kurds."), "RETREAT")
    assert "French forces" in _texts(w.source)
    # "welcomed the withdrawal": whoever welcomes it does not withdraw
    assert not [v for v in extracted("Ankara welcomed the withdrawal.").events if v.type == "RETREAT"]
    # whose plans: the subject of the verb that takes them
    p = _only(extracted("The Trump administration reversed plans to withdraw from the north-east."), "RETREAT")
    assert "Trump administration" in " ".join(_texts(p.source))
    # "called for a force to be stationed": the preposition parsed as the clause's mark
    r = extracted("The Kurdish leader Ilham Ahmed has called for an international force to be stationed on the border.")
    assert [v for v in r.events if v.type == "REQUEST" and "Ilham Ahmed" in _texts(v.source)]


@pytest.mark.slow
def test_co_agents_possessors_and_weapons(extracted: Extract) -> None:
    # "X, along with Y and Z, are due to meet": all of them meet
    meeting = "The French president, Emmanuel Macron, along with the German chancellor, Angela Merkel, will meet."
    m = _only(extracted(meeting), "CONSULT")
    assert {"Emmanuel Macron", "Angela Merkel"} <= _texts(m.source) | _texts(m.participants)
    # "asked Egypt and Jordan to meet": a state asked acts, though it is also a place
    a = [v for v in extracted("The envoy was asking Egypt and Jordan to meet next week.").events if v.type == "CONSULT"]
    assert a and {"Egypt", "Jordan"} <= _texts(a[0].source) | _texts(a[0].participants)
    # "Russian jets renewed their bombardment": the possessive stands for the clause's subject
    renewed = extracted("Russian jets renewed their bombardment of the town.")
    b = next(v for v in renewed.events if v.trigger.text == "bombardment")
    assert "Russian jets" in _texts(b.source)
    # "missiles were fired at ...": the weapon's owner attacks; the weapon is no target
    f = _only(extracted("Israeli missiles were fired at an airbase near Homs on Monday."), "ASSAULT")
    assert "Israeli missiles" in _texts(f.source)
    assert "Israeli missiles" not in _texts(f.target)


@pytest.mark.slow
def test_permission_for_a_coded_act_is_not_a_concession(extracted: Extract) -> None:
    # the act permitted carries the event; the permission is its frame
    x = extracted("The new law allows the government to revoke the citizenship of convicted fighters.")
    assert not [v for v in x.events if v.type == "CONCEDE"]
    # permission for something the ontology does not code stays a concession
    y = extracted("Damascus allowed the aid convoys to enter Douma on Tuesday.")
    assert [v for v in y.events if v.type == "CONCEDE"]


@pytest.mark.slow
def test_a_speakers_second_act_joined_to_what_was_said(extracted: Extract) -> None:
    # the parser joins "called on" to "was critical"; the speaker is who calls
    x = extracted("The Red Cross said the situation in the camp was dire and called on all sides to open the roads.")
    r = _only(x, "REQUEST")
    assert "Red Cross" in " ".join(_texts(r.source))


@pytest.mark.slow
def test_what_is_withdrawn_or_joined_decides_the_type(extracted: Extract) -> None:
    # CAMEO codes withdrawing aid as a sanction; a force withdrawn is a retreat
    assert _only(extracted("The United States has withdrawn aid from the Palestinian Authority."), "SANCTION")
    assert _only(extracted("Britain withdrew its troops from Basra in 2007."), "RETREAT")
    # "joined forces with": cooperation, and the object is part of the trigger, not a target
    j = _only(extracted("Egypt joined forces with Jordan to fight smuggling."), "COOPERATE")
    assert "forces" not in _texts(j.target)
    assert "Jordan" in _texts(j.target) | _texts(j.participants)
    # a phone call is a consultation, not a request
    c = extracted("The talks followed a phone call between Macron and Putin on Friday.")
    call = _only(c, "CONSULT")
    assert {"Macron", "Putin"} <= _texts(call.participants) | _texts(call.source) | _texts(call.target)
    assert not [v for v in c.events if v.type == "REQUEST"]


@pytest.mark.slow
def test_agents_of_nominal_attacks_and_chained_passives(extracted: Extract) -> None:
    # "an assault by X": the agent of a hostile act named as a noun
    a = _only(extracted("Aleppo was spared an assault by the regime last year."), "ASSAULT")
    assert "regime" in " ".join(_texts(a.source))
    # "fired on": a shooting, aimed at whom the preposition names
    f = _only(extracted("Police said the gunmen had fired on the protesters outside the ministry."), "ASSAULT")
    assert "protesters" in " ".join(_texts(f.target))
    # "had sneaked in and were identified and arrested": the first verb's subject is arrested
    x = extracted("Two smugglers had crossed the border and were later identified and arrested by the police.")
    c = _only(x, "COERCE")
    assert "Two smugglers" in " ".join(_texts(c.target)) and "the police" not in " ".join(_texts(c.target))


@pytest.mark.slow
def test_a_call_or_a_question_is_no_request(extracted: Extract) -> None:
    # "called him ... on the day": "on" begins a time, not the one called on
    assert not [v for v in extracted("Amira called him in 2017 on the day she left.").events if v.type == "REQUEST"]
    assert _only(extracted("The WHO called on all parties to open the roads."), "REQUEST")
    # a question asked is not a request of anyone
    q = extracted('"Why are we fighting for them?" the senator asked on Twitter.')
    assert not [v for v in q.events if v.type == "REQUEST"]
    assert _only(extracted("The Kurds asked for international help."), "REQUEST")


@pytest.mark.slow
def test_one_event_per_act(extracted: Extract) -> None:
    # coordinated verbs of one act are one event whose trigger spans them
    x = extracted("Militants shot and wounded three border guards near Kismayo on Monday.")
    assaults = [v for v in x.events if v.type == "ASSAULT"]
    assert [v.trigger.text for v in assaults] == ["shot and wounded"]
    # the act's noun as the subject of its verb: one event over both words, with the verb's target
    y = extracted("The Royal Air Force said its airstrikes killed or wounded 300 enemy fighters in 2016.")
    strikes = [v for v in y.events if v.type == "ASSAULT"]
    assert len(strikes) == 1 and strikes[0].trigger.text.startswith("airstrikes")
    assert "300 enemy fighters" in _texts(strikes[0].target)
    # the means the verb names: "killed by shelling" is one act
    z = _only(extracted("Three farmers were killed by artillery shelling near Tal Tamr on Sunday."), "ASSAULT")
    assert z.trigger.text == "killed by artillery shelling"
    # two acts of different kinds stay two events
    w = extracted("Police arrested and beat the protesters outside the ministry.")
    assert {v.type for v in w.events} >= {"COERCE", "ASSAULT"}
    # the act's purpose of the same kind, and a participle that tells it again, are that act
    m = _only(extracted("The two foreign ministers met in Nairobi on Friday to discuss the border."), "CONSULT")
    assert m.trigger.text.startswith("met") and m.trigger.text.endswith("discuss")
    f = _only(extracted("Rebels fired a rocket at the convoy, killing four soldiers."), "ASSAULT")
    assert "four soldiers" in _texts(f.target)


@pytest.mark.slow
def test_who_is_acted_on_and_where_in_a_participle_or_a_named_gathering(extracted: Extract) -> None:
    # a passive participle after a noun: the noun is acted on, never the actor
    k = _only(extracted("Two Kenyan soldiers killed in the ambush were buried in Garissa on Friday."), "ASSAULT")
    assert "Kenyan soldiers" in " ".join(_texts(k.target)) and not k.source
    # a city naming a gathering says where it was, not who took part
    s = _only(extracted("The Estonian minister left the Warsaw summit early on Thursday."), "CONSULT")
    assert s.location is not None and s.location.text == "Warsaw"
    assert "Warsaw" not in _texts((*s.source, *s.participants))
    # a call for a withdrawal: the force named withdraws, the caller calls
    x = extracted("Critics mocked Trump's call for the withdrawal of 2,000 US troops from Syria.")
    assert "US troops" in " ".join(_texts(_only(x, "RETREAT").source))
    assert "Trump" in _texts(_only(x, "REQUEST").source)


@pytest.mark.slow
def test_refusals_and_negated_acts(extracted: Extract) -> None:
    # an intent verb negated is a refusal, the trigger over its negation
    r = _only(extracted("Erdogan said that Turkey would never agree to a compromise with the militia."), "REJECT")
    assert r.trigger.text == "would never agree" and r.modality == "asserted"
    # a concrete act negated is that act, negated, and one event (no second "refusal" for it)
    x = extracted("The EU has said it will not provide Syria with reconstruction aid.")
    assert [(v.type, v.modality) for v in x.events] == [("AID", "negated")]
    # held in a prison: the dictionary's detention pattern read over the verb's phrase
    h = _only(extracted("Jack Letts travelled to Syria in 2014 and is now being held in a Kurdish prison."), "COERCE")
    assert [a.text for a in h.target] == ["Jack Letts"]
    assert not [v for v in extracted("The talks were held in Geneva on Monday.").events if v.type == "COERCE"]


@pytest.mark.slow
def test_targets_named_by_a_participle_a_count_or_a_name_given(extracted: Extract) -> None:
    # a participle after the act names whom it is aimed at
    op = _only(extracted("Turkey plans to launch a military operation targeting Kurdish groups in Syria."), "ASSAULT")
    assert "Kurdish groups" in _texts(op.target)
    threat = _only(extracted("Turkey threatened a military offensive targeting the YPG."), "THREATEN")
    assert "YPG" in _texts(threat.target)
    # a light verb over a count of acts: its subject acts
    raids = _only(extracted("Israel has carried out hundreds of strikes against Iranian targets in Syria."), "ASSAULT")
    assert _texts(raids.source) == {"Israel"} and "Iranian targets" in _texts(raids.target)
    # a description that gives the actor's name stands for that name
    x = extracted("Isis fighters surrendered to a Kurdish-led militia known as the Syrian Democratic Forces.")
    assert _texts(_only(x, "RETREAT").target) == {"Syrian Democratic Forces"}
    # no name given: the description stays
    y = extracted("Isis fighters surrendered to a Kurdish-led militia on Sunday.")
    assert "Syrian Democratic Forces" not in _texts(_only(y, "RETREAT").target)


@pytest.mark.slow
def test_the_body_naming_an_act_and_the_visitor_of_a_framing_visit(extracted: Extract) -> None:
    # a body named in front of the act's noun is who acts ("regime airstrikes", "police raids")
    strike = _only(extracted("Regime airstrikes killed 12 civilians in Idlib."), "ASSAULT")
    assert _texts(strike.source) == {"Regime"} and "12 civilians" in _texts(strike.target)
    raid = _only(extracted("Police raids in Istanbul led to dozens of arrests."), "ASSAULT")
    assert _texts(raid.source) == {"Police"}
    # an adjective in that place names no body: "a military operation" has no source "military"
    op = _only(extracted("There would be no military operation in Idlib."), "ASSAULT")
    assert not op.source
    # "During a trip to Asia, Hunt said": the clause's subject made the trip
    trip = _only(extracted("During a three-day trip to Asia, Hunt told Sky News that peace was far off."), "CONSULT")
    assert _texts(trip.source) == {"Hunt"} and "Hunt" not in _texts(trip.target)


@pytest.mark.slow
def test_stripping_is_coercion_only_of_a_right(extracted: Extract) -> None:
    assert not extracted("The workers stripped the paint off the old wall.").events


@pytest.mark.slow
def test_a_refused_act_is_one_refusal(extracted: Extract) -> None:
    x = extracted("Sunni tribesmen now refuse to surrender their weapons to the army.")
    assert [(v.type, v.trigger.text) for v in x.events] == [("REJECT", "refuse to surrender")]
    # a refusal of something else stays apart from the act it names
    y = extracted("Russia rejected the call to withdraw its forces.")
    assert "REJECT" in {v.type for v in y.events}


@pytest.mark.slow
def test_a_city_naming_an_attack_is_where_it_was_not_who_attacked(extracted: Extract) -> None:
    x = extracted("France mourned on Sunday. The Paris attacks in 2015 killed 130 people.")
    attack = _only(x, "ASSAULT")
    assert "Paris" not in _texts(attack.source) and "130 people" in _texts(attack.target)


@pytest.mark.slow
def test_a_warning_is_a_threat_only_when_aimed_or_of_the_warners_own_act(extracted: Extract) -> None:
    # a forecast of what others or events will do is a statement, not a threat
    for text in (
        "The aid agency warned that thousands of families in the camp face a cold winter.",
        "The minister warned of a new wave of refugees if the fighting spreads.",
        '"The hospitals are full," the Red Crescent warned in a statement.',
    ):
        assert not [v for v in extracted(text).events if v.type == "THREATEN"], text
    # aimed at someone, against an act, or telling of the warner's own act: a threat
    for text in (
        "Kenya warned Somalia that its troops would cross the border.",
        "Ethiopia warned against any attack on the dam.",
        "Turkey warned it would not stand by and watch an assault on the town.",
    ):
        assert [v for v in extracted(text).events if v.type == "THREATEN"], text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # a court's sentence is coercion of the one sentenced
        ("A court in Nairobi sentenced the two Somali men to ten years in prison.", "COERCE", "court", "Somali men"),
        # begging and imploring are requests; vilifying and denigrating are accusations
        ("The stranded sailors begged the Kenyan government for help.", "REQUEST", "sailors", "Kenyan government"),
        ("Museveni has repeatedly denigrated the African Union.", "ACCUSE", "Museveni", "African Union"),
    ],
)
def test_the_vocabulary_of_sentences_pleas_and_disparagement(
    extracted: Extract, text: str, type_: str, source: str, target: str
) -> None:
    v = _only(extracted(text), type_)
    assert any(source in s for s in _texts(v.source)), v
    assert any(target in t for t in _texts(v.target)), v
    # a plea in court is no request: the dictionary codes "plead not guilty" as a denial (016)
    assert not [w for w in extracted("Otieno pleaded not guilty to the charge.").events if w.type == "REQUEST"]
    # "require" is a need, not a request of anyone
    assert not [w for w in extracted("The camps require more doctors and clean water.").events if w.type == "REQUEST"]


@pytest.mark.slow
def test_an_adviser_named_earlier_is_the_actor_of_the_role_phrase(extracted: Extract) -> None:
    x = extracted(
        "The Kenyan national security adviser, Amina Odhiambo, arrived in Addis Ababa on Monday. "
        "Later the Kenyan national security adviser held talks with Ethiopian officials."
    )
    talks = _only(x, "CONSULT")
    names = {e.id: e.name for e in x.entities}
    assert any(names.get(a.entity or "") == "Amina Odhiambo" for a in (*talks.source, *talks.participants)), talks


@pytest.mark.slow
def test_a_court_act_in_a_state_is_that_states_and_one_national_is_no_country(extracted: Extract) -> None:
    x = extracted("A former Kenyan soldier has been jailed in Uganda for ten years.")
    names = {e.id: e.name for e in x.entities}
    jailed = _only(x, "COERCE")
    assert [names.get(a.entity or "") for a in jailed.source] == ["Uganda"]
    # one soldier of a country is a person, not the country acted on
    assert jailed.target and all(a.entity is None for a in jailed.target), jailed.target
    # no court named and no state: no source is made up
    assert not _only(extracted("Two men were detained in a camp on Monday."), "COERCE").source


@pytest.mark.slow
def test_a_relative_named_through_a_possessive_is_not_the_body_it_stands_for(extracted: Extract) -> None:
    x = extracted("The Red Cross visited the camp. Police in Mombasa arrested their father on Monday.")
    arrest = _only(x, "COERCE")
    assert arrest.target and all(a.entity is None for a in arrest.target), arrest
    # "their fighters" is still the body of whom "their" stands for
    y = extracted("Al-Shabaab said their fighters attacked the base.")
    names = {e.id: e.name for e in y.entities}
    attack = _only(y, "ASSAULT")
    assert any(names.get(a.entity or "") == "Al-Shabaab" for a in attack.source), attack


@pytest.mark.slow
def test_a_counterpart_named_through_a_possessive_is_someone_else(extracted: Extract) -> None:
    x = extracted("The Somali authorities have repeatedly called on their foreign partners to repatriate them.")
    request = _only(x, "REQUEST")
    assert request.target and all(a.entity is None for a in request.target), request


@pytest.mark.slow
def test_a_name_after_anti_or_pro_is_a_stance_not_an_actor(extracted: Extract) -> None:
    x = extracted("The anti-Shabaab militia attacked a convoy near Kismayo on Monday.")
    names = {e.id: e.name for e in x.entities}
    attack = _only(x, "ASSAULT")
    assert "Al-Shabaab" not in {names.get(a.entity or "") for a in attack.source}, attack.source


@pytest.mark.slow
def test_it_under_a_state_s_verb_of_saying_is_that_state(extracted: Extract) -> None:
    x = extracted("The African Union criticised Eritrea. Kenya has signalled it will impose sanctions on Eritrea.")
    names = {e.id: e.name for e in x.entities}
    sanction = _only(x, "SANCTION")
    assert [names.get(a.entity or "") for a in sanction.source] == ["Kenya"], sanction.source
    # two states saying it: not one of them
    y = extracted("The African Union met. Kenya and Uganda said it would impose sanctions on Eritrea.")
    names = {e.id: e.name for e in y.entities}
    for v in y.events:
        if v.type == "SANCTION":
            assert [names.get(a.entity or "") for a in v.source] not in (["Kenya"], ["Uganda"]), v.source


@pytest.mark.slow
def test_they_after_named_people_coordinated_stands_for_each(extracted: Extract) -> None:
    x = extracted(
        "A month after the Red Cross found their family, Amina and Halima Noor were taken to Somalia by an uncle. "
        "On Monday, they were released by the militia."
    )
    names = {e.id: e.name for e in x.entities}
    release = [v for v in x.events if v.trigger.text.startswith("released")]
    assert release, [(v.type, v.trigger.text) for v in x.events]
    got = {names.get(a.entity or "") for a in release[0].target}
    assert "Red Cross" not in got and len(got) == 2, got


@pytest.mark.slow
def test_the_possessor_of_an_arrest_is_whom_it_was_done_to(extracted: Extract) -> None:
    x = extracted("Joe Otieno spent four months in jail after his arrest in July.")
    names = {e.id: e.name for e in x.entities}
    arrest = _only(x, "COERCE")
    assert [names.get(a.entity or "") for a in arrest.target] == ["Joe Otieno"] and not arrest.source, arrest
    y = extracted("Police confirmed Amina Noor's detention in Mombasa.")
    detention = _only(y, "COERCE")
    assert _texts(detention.target) == {"Amina Noor"} and not detention.source, detention
    # with an "of" phrase the possessor acts
    z = extracted("Kenya's release of the prisoners ended the row.")
    assert "Kenya" in _texts(_only(z, "CONCEDE").source)


@pytest.mark.slow
def test_coordinated_states_presidents_are_the_presidents_the_text_names(extracted: Extract) -> None:
    x = extracted(
        "The Kenyan president, Uhuru Kenyatta, and the Ugandan president, Yoweri Museveni, met in Arusha. "
        "The envoy pleaded with the Kenyan and Ugandan presidents to reopen the border."
    )
    names = {e.id: e.name for e in x.entities}
    plea = _only(x, "REQUEST")
    assert {names.get(a.entity or "") for a in plea.target} == {"Uhuru Kenyatta", "Yoweri Museveni"}, plea.target
    # no president named for a state: the states, as before
    y = extracted("The envoy pleaded with the Kenyan and Ugandan presidents to reopen the border.")
    names = {e.id: e.name for e in y.entities}
    assert {names.get(a.entity or "") for a in _only(y, "REQUEST").target} == {"Kenya", "Uganda"}


@pytest.mark.slow
def test_an_order_s_trigger_runs_to_the_act_ordered(extracted: Extract) -> None:
    v = _only(extracted("The interior minister, Amina Otieno, ordered that his citizenship be revoked."), "COERCE")
    assert v.trigger.text == "ordered that his citizenship be revoked", v.trigger


@pytest.mark.slow
def test_one_described_national_is_a_person_not_the_state(extracted: Extract) -> None:
    x = extracted("In October, Kenya released a US pastor detained for two years.")
    names = {e.id: e.name for e in x.entities}
    release = _only(x, "CONCEDE")
    assert release.target and all(names.get(a.entity or "") != "US" for a in release.target), release.target
    y = extracted("John Otieno, the British journalist captured by al-Shabaab in 2012, is still alive.")
    names = {e.id: e.name for e in y.entities}
    capture = _only(y, "COERCE")
    assert [names.get(a.entity or "") for a in capture.target] == ["John Otieno"], capture.target
    # a body stays its state
    z = extracted("The Kenyan army attacked the camp on Monday.")
    names = {e.id: e.name for e in z.entities}
    assert [names.get(a.entity or "") for a in _only(z, "ASSAULT").source] == ["Kenya"]


@pytest.mark.slow
def test_an_actor_is_not_its_own_target_through_a_pronoun(extracted: Extract) -> None:
    x = extracted("Al-Shabaab sent boys to the front. They killed them like cannon fodder.")
    for v in x.events:
        acting = {a.entity for a in v.source if a.entity}
        assert not acting & {a.entity for a in v.target}, v


@pytest.mark.slow
def test_a_person_s_aides_are_other_people(extracted: Extract) -> None:
    x = extracted("Abu Yusuf travelled to the border for a rare meeting with his surviving aides.")
    aides = [a for v in x.events for a in (*v.target, *v.participants) if a.text.endswith("aides")]
    assert aides and all(a.entity is None for a in aides), aides


@pytest.mark.slow
def test_a_place_an_act_is_done_to_is_where_it_happens(extracted: Extract) -> None:
    def where(text: str, type_: str) -> str | None:
        v = _only(extracted(text), type_)
        return v.location.text if v.location is not None else None

    assert where("Ruto said Kenyan troops will leave Somalia by June.", "RETREAT") == "Somalia"
    assert where("Ruto visited Kampala on Tuesday.", "CONSULT") == "Kampala"
    assert where("The leaders are due to meet in the Ugandan city of Entebbe on Thursday.", "CONSULT") == "Entebbe"
    # a body of the state is no place, nor are talks with its capital held there
    assert where("Al-Shabaab attacked Kenyan troops on Monday.", "ASSAULT") is None
    assert where("The US is in negotiations with Nairobi over its bases.", "CONSULT") is None


@pytest.mark.slow
def test_a_visit_that_times_a_clause_is_its_subject_s(extracted: Extract) -> None:
    x = extracted("President Uhuru Kenyatta angered Ugandan politicians after a visit to troops at the base.")
    assert _texts(_only(x, "CONSULT").source) == {"Uhuru Kenyatta"}
    # a passive clause's subject is acted on, not the visitor
    y = extracted("Uhuru Kenyatta was criticised after a visit to Kampala by Yoweri Museveni.")
    assert all("Uhuru Kenyatta" not in _texts(v.source) for v in y.events if v.type == "CONSULT")


@pytest.mark.slow
def test_stacked_adjectives_name_one_body(extracted: Extract) -> None:
    # "Somali Kenyan troops" are one body (Kenyan), not Somalia and Kenya acting together
    x = extracted("Somali Kenyan troops attacked the al-Shabaab camp.")
    names = {e.id: e.name for e in x.entities}
    v = _only(x, "ASSAULT")
    assert [names.get(a.entity or "") for a in v.source] == ["Kenya"], v.source
    # coordinated adjectives are two actors
    y = extracted("Somali and Kenyan troops attacked the al-Shabaab camp.")
    names = {e.id: e.name for e in y.entities}
    assert {names.get(a.entity or "") for a in _only(y, "ASSAULT").source} == {"Somalia", "Kenya"}


@pytest.mark.slow
def test_one_joins_a_body_not_a_person_or_an_act(extracted: Extract) -> None:
    for text in (
        "Another senior official joined the State House exodus.",
        "Her sister joined their father in Mombasa.",
    ):
        assert not [v for v in extracted(text).events if v.type == "JOIN"], text
    for text in ("Dozens of Kenyans joined al-Shabaab.", "She left Nairobi to join the militant group."):
        assert _only(extracted(text), "JOIN").target, text
    # a pronoun for an organisation is a body
    assert _only(extracted("The East African Community invited Somalia to join it."), "JOIN").target


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("The Kenyan president warned Somalia that a military operation against the militants was near.",
         {"Somalia", "militants"}),
        ("The minister threatened to send troops to attack the rebels.", {"rebels"}),
    ],
)  # fmt: skip
def test_a_threat_is_aimed_at_the_target_of_the_threatened_act(
    extracted: Extract, text: str, targets: set[str]
) -> None:
    x = extracted(text)
    threat = _only(x, "THREATEN")
    assert targets <= _texts(threat.target)
    # the threatener's own act, told inside the threat, is its content: one event
    assert [v.type for v in x.events] == ["THREATEN"], [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Kenya warned that it would not stand by and watch an assault by Ethiopia on the town of Moyale."],
)
def test_an_act_of_another_party_named_in_a_warning_stays_an_event(extracted: Extract, text: str) -> None:
    x = extracted(text)
    assert {"THREATEN", "ASSAULT"} <= {v.type for v in x.events}, [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "side", "named"),
    [
        ("Kenya wants the case of two suspects, John Kamau and Peter Otieno, settled. "
         "The two men are being held by Somali police.", "COERCE", "target", {"John Kamau", "Peter Otieno"}),
        ("Emmanuel Macron and Angela Merkel met in Paris on Monday. "
         "The two leaders signed a defence agreement.", "AGREE", "source", {"Emmanuel Macron", "Angela Merkel"}),
    ],
)  # fmt: skip
def test_a_counted_group_stands_for_the_persons_just_listed(
    extracted: Extract, text: str, type_: str, side: str, named: set[str]
) -> None:
    x = extracted(text)
    names = {e.id: e.name for e in x.entities}
    event = _only(x, type_)
    assert {names.get(a.entity or "") for a in getattr(event, side)} == named


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # the last person named is not in a list of two: no one is guessed
        "Emmanuel Macron met Angela Merkel in Paris. The two leaders signed a defence agreement.",
        "John Kamau and the army were there. Police arrested the two men on Monday.",
    ],
)
def test_a_counted_group_without_such_a_list_stays_unresolved(extracted: Extract, text: str) -> None:
    x = extracted(text)
    later = [v for v in x.events if v.trigger.start > text.index(".")]
    counted = [a for v in later for a in (*v.source, *v.target) if a.text.endswith(("leaders", "men"))]
    assert later and not [a for a in counted if a.entity]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "arg"),
    [
        ("The east Nairobi teenager who fled to join the Shabaab was arrested by police.", "Nairobi teenager"),
        ("Mombasa gunmen attacked the convoy on Monday.", "Mombasa gunmen"),
    ],
)
def test_a_place_modifying_people_is_not_the_actor(extracted: Extract, text: str, arg: str) -> None:
    """ "the east London teenager", "Idlib rebels": people of the place; the place does nothing."""
    x = extracted(text)
    args = [a for v in x.events for a in (*v.source, *v.target)]
    assert any(a.text == arg for a in args), [(a.text, a.entity) for a in args]
    places = {e.id for e in x.entities if e.kind == "place"}
    assert not any(a.entity in places for a in args)
