"""Event readings that news language gets wrong without care: the force a withdrawal or a
deployment moves is not its target, a question is no request, a published video is no release,
a physical act done to an abstraction is a figure of speech, an admission is no concession, and
a "will" in an open question is no commitment."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import Event, Extraction

Extract = Callable[..., Extraction]


def _of(x: Extraction, type_: str) -> list[Event]:
    return [v for v in x.events if v.type == type_]


def _texts(args: tuple) -> set[str]:  # type: ignore[type-arg]
    return {a.text for a in args}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("The president decided to withdraw 3,000 soldiers from Mali last week.", {"president"}),
        ("Canada will pull its troops out of Latvia next year, the minister said.", {"Canada"}),
        ("Kenya deployed its army along the border with Somalia.", {"Kenya"}),
        ("The rebels retreated to the hills with their families.", {"rebels"}),
    ],
)
def test_the_force_moved_and_the_place_left_are_no_targets(extracted: Extract, text: str, sources: set[str]) -> None:
    x = extracted(text)
    moved = _of(x, "RETREAT") + _of(x, "MOBILIZE")
    assert moved, [(v.type, v.trigger.text) for v in x.events]
    for v in moved:
        assert not v.target, (v.trigger.text, _texts(v.target))
        assert sources <= {w for a in v.source for w in a.text.split()} | _texts(v.source)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The militia surrendered to government forces near the river.", "government forces"),
        ("Hundreds of fighters surrendered to a unit of Kurdish soldiers.", "Kurdish soldiers"),
    ],
)
def test_whom_a_force_surrenders_to_stays_the_target(extracted: Extract, text: str, target: str) -> None:
    (v,) = _of(extracted(text), "RETREAT")
    assert any(target in a.text for a in v.target), _texts(v.target)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [("All embassy staff will be withdrawn from Libya within a week.", "embassy staff")],
)
def test_with_no_one_acting_the_force_moved_is_the_mover(extracted: Extract, text: str, source: str) -> None:
    (v,) = _of(extracted(text), "RETREAT")
    assert any(source in a.text for a in v.source), _texts(v.source)
    assert not v.target


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Paris asked Moscow whether it would attend the talks.",
        "The minister was asked if the border would stay closed.",
        "Reporters asked the general about the missing drones.",
        "The senator asked the same question of the envoy on Friday.",
        "The chairman demanded to know why the report was late.",
    ],
)
def test_a_question_is_no_request(extracted: Extract, text: str) -> None:
    assert not _of(extracted(text), "REQUEST")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The ministry urged Ankara to reopen the crossing.",
        "Mali asked France to send more helicopters.",
    ],
)
def test_a_request_for_an_act_stays_a_request(extracted: Extract, text: str) -> None:
    assert _of(extracted(text), "REQUEST")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The militants released a video showing the ruined mosque.",
        "The general handed in his resignation on Monday.",
    ],
)
def test_a_published_or_submitted_thing_is_no_release(extracted: Extract, text: str) -> None:
    assert not _of(extracted(text), "CONCEDE")


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The rebels released two hostages on Monday."])
def test_releasing_people_stays_a_release(extracted: Extract, text: str) -> None:
    (v,) = _of(extracted(text), "CONCEDE")
    assert v.mode == "release"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The coalition has fought every attempt to limit its air campaign.",
        "A quarrel over oil could destroy the understanding between Cairo and Riyadh.",
        "The raids did not destroy the ideology that the group spreads online.",
    ],
)
def test_a_physical_act_on_an_abstraction_is_a_figure_of_speech(extracted: Extract, text: str) -> None:
    x = extracted(text)
    assert not _of(x, "ASSAULT") and not _of(x, "COERCE"), [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The army destroyed the bridge over the river.", "COERCE"),
        ("The rebels fought government troops near Aleppo.", "ASSAULT"),
    ],
)
def test_a_physical_act_on_a_thing_or_a_force_stays(extracted: Extract, text: str, type_: str) -> None:
    x = extracted(text)
    assert _of(x, "ASSAULT") or _of(x, "COERCE"), [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The opposition concedes the president will win the vote."])
def test_an_admission_is_no_concession(extracted: Extract, text: str) -> None:
    assert not _of(extracted(text), "CONCEDE")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The cabinet has not decided whether it will send troops to Mali.",
        "Ministers are divided over whether Ghana will lift the ban on imports.",
    ],
)
def test_a_will_in_an_open_question_is_no_commitment(extracted: Extract, text: str) -> None:
    x = extracted(text)
    assert not [v for v in x.events if v.trigger.text.lower() == "will"], [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Japan will provide 5,000 tents to the refugees, the agency said on Monday.", "AGREE"),
        ("The foreign minister said Ghana will send troops to Mali.", "THREATEN"),
    ],
)
def test_a_stated_will_stays_a_commitment(extracted: Extract, text: str, type_: str) -> None:
    x = extracted(text)
    assert [v for v in x.events if v.type == type_ and v.trigger.text.lower() == "will"], [
        (v.type, v.trigger.text) for v in x.events
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [("The senator is condemning the administration's move to close the base.", "ACCUSE")],
)
def test_condemning_a_move_is_an_accusation(extracted: Extract, text: str, type_: str) -> None:
    x = extracted(text)
    assert _of(x, type_) and not _of(x, "THREATEN"), [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "sources", "targets"),
    [("Kurdish fighters fought with the French against the militants.", {"French"}, {"militants"})],
)
def test_who_fights_with_the_source_against_a_target_is_a_source(
    extracted: Extract, text: str, sources: set[str], targets: set[str]
) -> None:
    (v,) = _of(extracted(text), "ASSAULT")
    assert sources <= {w for a in v.source for w in a.text.split()}, _texts(v.source)
    assert targets <= {w for a in v.target for w in a.text.split()}, _texts(v.target)
    assert v.location is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "not_source"),
    [("Her brother asked for talks with the gang holding him.", "brother")],
)
def test_a_participle_right_after_a_noun_describes_that_noun(extracted: Extract, text: str, not_source: str) -> None:
    x = extracted(text)
    held = [v for v in x.events if v.trigger.text == "holding"]
    found = [(v.trigger.text, _texts(v.source)) for v in held]
    assert all(not_source not in a.text for v in held for a in v.source), found


@pytest.mark.slow
@pytest.mark.parametrize(("text", "type_"), [("The rebels fought government troops near Homs.", "ASSAULT")])
def test_a_one_word_cameo_pattern_names_the_object_itself(extracted: Extract, text: str, type_: str) -> None:
    x = extracted(text)
    assert _of(x, type_), [(v.type, v.trigger.text) for v in x.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The minister made an urgent call home to ask about his family.",
        "In a call with the king, the president agreed to visit Amman.",
    ],
)
def test_a_call_with_someone_is_no_appeal(extracted: Extract, text: str) -> None:
    assert not [v for v in extracted(text).events if v.type == "REQUEST" and v.trigger.text == "call"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Egypt repeated its call for a ceasefire in Gaza.", "The minister renewed his call on Europe to act."],
)
def test_a_call_for_an_act_stays_an_appeal(extracted: Extract, text: str) -> None:
    assert [v for v in extracted(text).events if v.type == "REQUEST" and v.trigger.text == "call"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["The monitors warned the two militias, short of food and fuel, were preparing to loot the depot."],
)
def test_a_warning_about_what_others_do_is_no_threat(extracted: Extract, text: str) -> None:
    assert not _of(extracted(text), "THREATEN")
