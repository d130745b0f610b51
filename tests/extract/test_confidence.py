"""Confidence: every record gets one in [0, 1], from features a reader can check, through the
shipped calibration; a broken calibration file is a clear error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.errors import OntologyError
from newsgraph.extract import confidence
from newsgraph.records import Extraction

Extract = Callable[..., Extraction]

TEXT = (
    "Turkish troops shelled Kurdish fighters near Tal Abyad on Tuesday, the defence ministry in Ankara said. "
    "Leila Haddad, a spokeswoman for the UN refugee agency, said hundreds of families had fled to Raqqa. "
    "“We are not leaving,” she said."
)


@pytest.mark.slow
def test_every_record_carries_a_confidence_in_the_unit_interval(extracted: Extract) -> None:
    x = extracted(TEXT, published="2019-10-15")
    records = [*x.entities, *x.claims, *x.events, *x.relations]
    assert x.entities and x.claims and x.events
    for r in records:
        assert r.confidence is not None and 0.0 <= r.confidence <= 1.0, r
    assert x.to_dict()["claims"][0]["confidence"] == x.claims[0].confidence


@pytest.mark.slow
def test_a_named_speaker_with_a_say_cue_is_trusted_more_than_an_unresolved_one(extracted: Extract) -> None:
    x = extracted(TEXT, published="2019-10-15")
    named = next(c for c in x.claims if c.speaker is not None and c.speaker.text == "Leila Haddad")
    assert named.confidence is not None and named.confidence >= confidence.DEFAULT_THRESHOLD


@pytest.mark.slow
def test_an_actor_reached_through_a_possessive_is_a_feature_of_the_event(annotated) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.extract import extract
    from newsgraph.records import Document

    text = "Al-Shabaab said on Monday that its fighters had attacked the Kenyan army."
    a = annotated(text)
    x = extract(Document(id="t", text=text), a)
    feats = confidence.features(a, x)["event"]
    attack = [f for v, f in zip(x.events, feats, strict=True) if v.type == "ASSAULT"]
    assert attack and attack[0].get("possessive_arg") == 1.0, (x.events, feats)


def test_the_model_is_a_logistic_of_its_weighted_features() -> None:
    m = confidence.Model(bias=0.0, weights={"a": 2.0, "b": -2.0})
    assert m.probability({}) == pytest.approx(0.5)
    assert m.probability({"a": 1.0}) > 0.85 > 0.15 > m.probability({"b": 1.0})
    assert m.probability({"a": 1000.0}) == pytest.approx(1.0)  # no overflow


def test_the_shipped_calibration_covers_every_kind_and_explains_a_record() -> None:
    cal = confidence.calibration()
    assert sorted(cal.models) == sorted(confidence.KINDS)
    assert 0.0 <= confidence.DEFAULT_THRESHOLD <= 1.0
    rows = confidence.explain("relation", {"rel:located_in": 1.0, "subject_unresolved": 1.0})
    assert [name for name, _v, _w in rows] and all(v == 1.0 for _n, v, _w in rows)


@pytest.mark.parametrize(
    "data",
    [
        {"default_threshold": 1.5, "models": {}},
        {"default_threshold": 0.3, "models": {"entity": {"bias": 0.0}}},
        {"default_threshold": 0.3, "models": {k: {"bias": "high"} for k in confidence.KINDS}},
        {"default_threshold": 0.3, "models": {k: {"bias": 0.0, "weights": {"x": "y"}} for k in confidence.KINDS}},
    ],
)
def test_a_broken_calibration_is_a_clear_error(data: dict[str, object]) -> None:
    with pytest.raises(OntologyError):
        confidence.parse_calibration(data, "confidence.yaml")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "present", "absent"),
    [
        ("Kenyan troops attacked the militants near the border.", "attacked", {"subject_source"},
         {"infinitive", "prepositional_trigger"}),
        ("Kenya sent troops to fight the militants.", "fight", {"infinitive"}, {"gerund"}),
        ("Kenya lost soldiers in the fight against the militants.", "fight", {"prepositional_trigger"},
         {"subject_source"}),
        ("Kenyan troops did not attack the militants.", "attack", {"negated"}, {"in_quotation"}),
        ('"We will attack the militants," the Kenyan army said.', "attack", {"in_quotation"}, {"negated"}),
    ],
)  # fmt: skip
def test_where_the_trigger_stands_in_its_sentence_is_a_feature_of_the_event(
    annotated,  # type: ignore[no-untyped-def]
    text: str,
    trigger: str,
    present: set[str],
    absent: set[str],
) -> None:
    from newsgraph.extract import extract
    from newsgraph.records import Document

    a = annotated(text)
    x = extract(Document(id="t", text=text), a)
    feats = [f for v, f in zip(x.events, confidence.features(a, x)["event"], strict=True) if v.trigger.text == trigger]
    assert feats, [(v.type, v.trigger.text) for v in x.events]
    assert present <= set(feats[0]) and not absent & set(feats[0]), feats[0]
