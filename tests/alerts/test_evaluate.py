"""Rules evaluated on the facts of the new stories of a real store (tests/alerts/stories.py):
what fires, with its evidence, and what is new judged against the earlier story."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsgraph.alerts import evaluate, parse_rules, run_alerts
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.store import Store
from newsgraph.store.alerts import list_alerts
from tests.alerts.stories import LISTED_NAME, LISTED_REFERENCE, NEW_IDS

BAHAWALPUR, MUZAFFARABAD = NEW_IDS
NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)
GROUPS = ["Hamas", "LeT", "JeM"]
"""As an analyst writes them: the stories never spell out the acronyms; the alias table finds them."""


def fired(store: Store, *rules: dict[str, Any]) -> list[Any]:
    return evaluate(store.engine, parse_rules(list(rules)), NEW_IDS, now=NOW)


@pytest.mark.parametrize("unused", [None])
def test_watched_groups_in_new_events_with_their_evidence(store: Store, unused: None) -> None:
    found = fired(store, {"name": "groups", "kind": "actor_event", "actors": GROUPS, "min_confidence": 0})
    assert sorted((a.doc_id, a.fact_type, a.summary) for a in found) == [
        (BAHAWALPUR, "PROTEST", "Hamas in a new PROTEST event"),
        (MUZAFFARABAD, "ASSAULT", "Jaish-e-Mohammed in a new ASSAULT event"),
        (MUZAFFARABAD, "THREATEN", "Jaish-e-Mohammed in a new THREATEN event"),
    ]
    hamas = next(a for a in found if a.doc_id == BAHAWALPUR)
    assert hamas.sentence == "Hamas representatives attended the rally, according to analyst Ayesha Siddiqa."
    assert hamas.speaker == "Ayesha Siddiqa", "the event is known through her claim"
    assert (hamas.outlet, hamas.published, hamas.url) == ("Wire", "2026-03-02", f"https://news.example/{BAHAWALPUR}")
    assert hamas.title == "Jaish-e-Mohammed rally in Bahawalpur draws Hamas envoys"
    assert hamas.modality == "asserted" and hamas.confidence is not None and hamas.rule == "groups"
    assert [name for _, name in hamas.actors] == ["Hamas"]


@pytest.mark.parametrize("unused", [None])
def test_modality_and_confidence_filters(store: Store, unused: None) -> None:
    every = {"kind": "actor_event", "actors": GROUPS, "min_confidence": 0}
    negated = fired(store, {**every, "name": "n", "modality": "negated"})
    assert [(a.fact_type, a.modality, a.actors[0][1]) for a in negated] == [("ASSAULT", "negated", "Lashkar-e-Taiba")]
    assert "did not attack" in (negated[0].sentence or "")
    # a refit moves the confidences: the filters are checked against the ones the events carry
    found = fired(store, {**every, "name": "a"})
    scores = sorted({a.confidence for a in found if a.confidence is not None})
    assert len(scores) >= 2, [(a.fact_type, a.confidence) for a in found]
    cut = (scores[-1] + scores[-2]) / 2
    sure = fired(store, {"name": "s", "kind": "actor_event", "actors": GROUPS, "min_confidence": cut})
    assert [a.confidence for a in sure] == [scores[-1]], f"only the events at or above {cut}"
    default = fired(store, {"name": "d", "kind": "actor_event", "actors": GROUPS})
    expected = sorted(a.record_id for a in found if (a.confidence or 0) >= DEFAULT_THRESHOLD)
    assert sorted(a.record_id for a in default) == expected, "the default threshold hides what is under it"
    assert fired(store, {**every, "name": "t", "types": "AID"}) == []


@pytest.mark.parametrize("unused", [None])
def test_a_tie_is_new_only_when_no_earlier_story_states_it(store: Store, unused: None) -> None:
    found = fired(store, {"name": "ties", "kind": "new_tie", "actors": "Hamas", "min_confidence": 0})
    pairs = sorted((*sorted(name for _, name in a.actors), a.fact_type) for a in found)
    assert pairs == [("Ayesha Siddiqa", "Hamas", "says"), ("Hamas", "Jaish-e-Mohammed", "allied_with")]
    # Hamas in Kashmir and Imran Khalid on Hamas: stated by the earlier story, not new
    only = fired(store, {"name": "j", "kind": "new_tie", "actors": "Hamas", "with": "JeM", "min_confidence": 0})
    assert [(a.fact_type, a.speaker) for a in only] == [("allied_with", "Ayesha Siddiqa")], "said in her quote"
    assert only[0].sentence and "building ties with Jaish-e-Mohammed" in only[0].sentence
    says = fired(store, {"name": "s", "kind": "new_tie", "actors": "Hamas", "types": "says"})
    assert [a.speaker for a in says] == ["Ayesha Siddiqa"]


@pytest.mark.parametrize("unused", [None])
def test_a_new_speaker_on_a_watched_actor(store: Store, unused: None) -> None:
    found = fired(store, {"name": "who", "kind": "new_speaker", "actors": "Hamas", "min_confidence": 0})
    assert [(a.speaker, a.fact_kind, a.record_id) for a in found] == [("Ayesha Siddiqa", "claim", "c1")]
    assert found[0].sentence == "Hamas representatives attended the rally, according to analyst Ayesha Siddiqa."


@pytest.mark.parametrize("unused", [None])
def test_claims_naming_a_watched_actor(store: Store, unused: None) -> None:
    found = fired(store, {"name": "said", "kind": "actor_claim", "actors": "Hamas", "role": "about"})
    assert [(a.record_id, a.speaker) for a in found] == [
        ("c1", "Ayesha Siddiqa"),
        ("c2", "Ayesha Siddiqa"),
        ("c3", "Imran Khalid"),
    ]
    assert all(a.confidence is not None and a.confidence >= 0.7 for a in found)
    assert fired(store, {"name": "spoke", "kind": "actor_claim", "actors": "Hamas", "role": "speaker"}) == []


@pytest.mark.parametrize("unused", [None])
def test_a_surge_against_the_usual_weekly_rate(store: Store, unused: None) -> None:
    rule = {"name": "surge", "kind": "surge", "actors": "Jaish-e-Mohammed", "min_confidence": 0, "min_count": 2}
    found = fired(store, rule)
    assert [(a.detail["count"], a.detail["weekly_mean"]) for a in found] == [(2, 0.0)]
    assert found[0].summary.startswith("surge: 2 events involving Jaish-e-Mohammed")
    assert fired(store, {**rule, "min_count": 3}) == []
    later = evaluate(store.engine, parse_rules([rule]), NEW_IDS, now=datetime(2026, 3, 20, tzinfo=UTC))
    assert later == [], "two weeks on, the events are no longer this week's"


@pytest.mark.parametrize("unused", [None])
def test_a_first_watchlist_match_alerts_once(store: Store, unused: None) -> None:
    rules = parse_rules([{"name": "listed", "kind": "watchlist_match"}])
    first = run_alerts(store.engine, rules, (), NEW_IDS, now=NOW)
    assert len(first.raised) == 1
    (alert,) = list_alerts(store.engine)
    assert alert.fact_kind == "match" and alert.detail["reference"] == LISTED_REFERENCE
    assert alert.actors[0][1] == LISTED_NAME and "Al-Noor Relief Trust funded" in (alert.sentence or "")
    again = run_alerts(store.engine, rules, (), NEW_IDS, now=NOW)
    assert again.raised == () and again.repeated == 1


@pytest.mark.parametrize("unused", [None])
def test_no_alert_is_repeated_across_runs(store: Store, unused: None) -> None:
    rules = parse_rules(
        [
            {"name": "groups", "kind": "actor_event", "actors": GROUPS, "min_confidence": 0},
            {"name": "ties", "kind": "new_tie", "actors": "Hamas", "min_confidence": 0},
        ]
    )
    first = run_alerts(store.engine, rules, (), NEW_IDS, now=NOW)
    assert len(first.raised) == 5 and first.repeated == 0
    second = run_alerts(store.engine, rules, (), list(reversed(NEW_IDS)), now=datetime(2026, 3, 5, tzinfo=UTC))
    assert second.raised == () and second.repeated == 5
    assert len(list_alerts(store.engine, limit=100)) == 5


@pytest.mark.parametrize("unused", [None])
def test_a_watched_name_that_fits_several_actors_lists_them(store: Store, unused: None) -> None:
    from newsgraph.errors import AmbiguousActor

    with pytest.raises(AmbiguousActor) as err:
        fired(store, {"name": "k", "kind": "actor_claim", "actors": "Khalid"})
    names = {c["name"] for c in err.value.candidates}
    assert {"Imran Khalid", "Khalid Mahmood"} <= names and "#" in str(err.value)
    assert fired(store, {"name": "nobody", "kind": "actor_claim", "actors": "Nobody Atall"}) == [], "not stored yet"
