"""The newsfacts scoring follows the guide: name folding and whole-word runs, one-to-one matching
in gold order, the claim overlap rule, events full, symmetric relations, calibration error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.newsfacts_scoring import (
    GoldError,
    calibration_error,
    figures,
    fold,
    gold_facts,
    name_match,
    predicted_facts,
    score,
)

TEXT = (
    "Turkish forces shelled Kurdish fighters near Tal Rifaat on Tuesday, the defence ministry said. "
    "Mazloum Abdi, the commander of the Syrian Democratic Forces (SDF), met Russian officials."
)


def _at(s: str, k: int = 0) -> tuple[int, int]:
    i = TEXT.index(s, k)
    return i, i + len(s)


GOLD = {
    "format": "newsfacts@1",
    "id": "t1",
    "entities": [
        {"name": "Turkey", "kind": "state", "aliases": [], "lat": 39.9, "lon": 32.8},
        {"name": "Syrian Democratic Forces", "kind": "group", "aliases": ["SDF"], "lat": None, "lon": None},
        {"name": "Mazloum Abdi", "kind": "person", "aliases": [], "lat": None, "lon": None},
    ],
    "claims": [
        {"speaker": "the defence ministry", "speaker_text": "the defence ministry", "cue": "said",
         "content": "Turkish forces shelled Kurdish fighters near Tal Rifaat on Tuesday", "modality": "asserted"},
    ],
    "events": [
        {"type": "ASSAULT", "trigger": "shelled", "sentence": TEXT.split(". ")[0],
         "source": ["Turkish forces"], "target": ["Kurdish fighters"], "participants": [],
         "date": None, "place": "Tal Rifaat", "modality": "asserted"},
    ],
    "relations": [
        {"type": "leads", "subject": "Mazloum Abdi", "object": "SDF",
         "evidence": "Mazloum Abdi, the commander of the Syrian Democratic Forces (SDF)", "modality": "asserted"},
    ],
}  # fmt: skip


def arg(s: str, entity: str | None = None, k: int = 0) -> dict[str, object]:
    a, b = _at(s, k)
    return {"start": a, "end": b, "text": s, "entity": entity}


def predicted(**over: object) -> dict[str, object]:
    sent = {"start": 0, "end": TEXT.index(". ") + 1}
    x: dict[str, object] = {
        "entities": [
            {"id": "e1", "name": "SDF", "kind": "group", "aliases": ["Syrian Democratic Forces"], "mentions": ["m1"],
             "confidence": 0.9},
            {"id": "e2", "name": "Mazloum Abdi", "kind": "person", "aliases": [], "mentions": ["m2"],
             "confidence": 0.8},
            {"id": "e3", "name": "Kurdish", "kind": "other", "aliases": [], "mentions": ["m3"], "confidence": 0.1},
            {"id": "e4", "name": "Reuters", "kind": "media", "aliases": [], "mentions": [], "confidence": 0.9},
        ],
        "claims": [
            {"start": _at("Turkish forces")[0], "end": _at("on Tuesday")[1], "speaker": arg("the defence ministry"),
             "confidence": 0.7},
        ],
        "events": [
            {"type": "ASSAULT", "trigger": arg("shelled"), "sentence": sent, "source": [arg("Turkish forces")],
             "target": [arg("Kurdish fighters")], "participants": [], "confidence": 0.6},
        ],
        "relations": [
            {"type": "leads", "subject": arg("Mazloum Abdi", "e2"), "object": arg("Syrian Democratic Forces", "e1"),
             "evidence": {"start": _at("Mazloum Abdi")[0], "end": len(TEXT)}, "confidence": 0.5},
        ],
    }  # fmt: skip
    x.update(over)
    return x


def test_names_fold_case_accents_punctuation_and_a_leading_the() -> None:
    assert fold("The Erdoğan’s") == "erdogans"
    assert fold("al-Assad") == "al assad"
    assert name_match(fold("Bashar al-Assad"), fold("Assad"))
    assert name_match(fold("the SDF"), fold("SDF"))
    assert not name_match(fold("Democratic Forces"), fold("Syrian Democratic Council"))
    assert not name_match(fold("the of"), fold("Ministry of the Interior"))  # stop words alone never match


def test_a_perfect_prediction_scores_one_and_the_agency_without_mentions_is_not_counted() -> None:
    gold = gold_facts(GOLD, TEXT)
    pred = predicted_facts(predicted())
    f = figures(score([(pred, gold)]))
    assert len(pred.entities) == 3  # Reuters has no mention in the text
    assert f["claims_speaker_f1"] == 1.0
    assert f["events_full_f1"] == 1.0
    assert f["relations_f1"] == 1.0
    assert f["entities_typed_precision"] == pytest.approx(2 / 3)  # "Kurdish" is no entity
    assert f["entities_typed_recall"] == pytest.approx(2 / 3)  # Turkey was missed


def test_one_to_one_a_second_prediction_for_one_gold_fact_is_a_false_positive() -> None:
    x = predicted()
    x["events"] = [*x["events"], *x["events"]]  # type: ignore[misc]
    f = figures(score([(predicted_facts(x), gold_facts(GOLD, TEXT))]))
    assert f["events_full_precision"] == 0.5
    assert f["events_full_recall"] == 1.0


def test_events_full_needs_every_gold_argument_and_typed_needs_the_type() -> None:
    x = predicted()
    x["events"][0]["target"] = []  # type: ignore[index]
    f = figures(score([(predicted_facts(x), gold_facts(GOLD, TEXT))]))
    assert f["events_typed_f1"] == 1.0
    assert f["events_full_f1"] == 0.0
    x["events"][0]["type"] = "COERCE"  # type: ignore[index]
    f = figures(score([(predicted_facts(x), gold_facts(GOLD, TEXT))]))
    assert f["events_f1"] == 1.0 and f["events_typed_f1"] == 0.0


def test_claims_need_half_the_shorter_span_and_the_speaker() -> None:
    x = predicted()
    short = _at("Tal Rifaat on Tuesday")
    x["claims"] = [{"start": short[0], "end": short[1], "speaker": arg("Turkish forces"), "confidence": 0.5}]
    f = figures(score([(predicted_facts(x), gold_facts(GOLD, TEXT))]))
    assert f["claims_f1"] == 1.0  # wholly inside the gold content
    assert f["claims_speaker_f1"] == 0.0  # but said by someone else


def test_a_gold_name_stands_for_its_entity_and_symmetric_types_match_either_way() -> None:
    x = predicted()
    rel = x["relations"][0]  # type: ignore[index]
    rel["object"] = arg("SDF", None)  # the alias, no entity
    assert figures(score([(predicted_facts(x), gold_facts(GOLD, TEXT))]))["relations_f1"] == 1.0
    rel["subject"], rel["object"] = rel["object"], rel["subject"]
    assert (
        figures(score([(predicted_facts(x), gold_facts(GOLD, TEXT))]))["relations_f1"] == 0.0
    )  # leads has a direction


def test_the_threshold_drops_facts_under_it() -> None:
    pred = predicted_facts(predicted()).above(0.65)
    assert [e.kind for e in pred.entities] == ["group", "person"]
    assert len(pred.claims) == 1 and not pred.events and not pred.relations


def test_calibration_error_is_zero_when_confidence_is_the_share_right() -> None:
    assert calibration_error([(0.75, True)] * 3 + [(0.75, False)]) == pytest.approx(0.0)
    assert calibration_error([(0.95, False)] * 4) == pytest.approx(0.95)
    assert calibration_error([]) == 0.0


def test_a_gold_string_that_is_not_in_the_text_is_an_error() -> None:
    bad = json.loads(json.dumps(GOLD))
    bad["claims"][0]["content"] = "words nobody wrote"
    with pytest.raises(GoldError):
        gold_facts(bad, TEXT)


GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold" / "newsfacts"


@pytest.mark.parametrize(("folder", "least"), [("newsfacts", 30), ("newsfacts-heldout", 12)])
def test_the_project_gold_is_well_formed(folder: str, least: int) -> None:
    """Our own gold (development and held out): enough stories, each with entities and events
    and known labels."""
    files = sorted((GOLD_DIR.parent / folder).glob("*.json"))
    assert len(files) >= least
    for path in files:
        g = json.loads(path.read_text(encoding="utf-8"))
        assert g["format"] == "newsfacts@1" and g["id"] == path.stem
        assert g["entities"] and g["events"], path.name
        assert {e["kind"] for e in g["entities"]} <= {
            "person",
            "organization",
            "state",
            "place",
            "group",
            "igo",
            "media",
        }
