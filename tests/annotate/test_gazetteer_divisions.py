"""First-level divisions the model splits or calls persons (issue 19): the gazetteer's
two-word divisions of ``regions.csv`` lay the whole name over the model's spans."""

from __future__ import annotations

from newsgraph.annotate import annotate_many
from newsgraph.annotate.gazetteer import load_gazetteer


def test_a_division_written_as_a_speaker_is_tagged_a_place() -> None:
    text = "“The order is not obeyed,” Tamil Nadu said. Farmers in Tamil Nadu and Karnataka protested."
    (annotation,) = annotate_many([text])
    spans = [s for s in annotation.spans if s.text == "Tamil Nadu"]
    assert len(spans) == 2
    assert all(s.label == "GPE" and s.kb_id == "adm1:in:tamil-nadu" for s in spans)
    assert not any(s.text == "Tamil" for s in annotation.spans)


def test_one_word_divisions_and_abbreviations_are_not_added() -> None:
    keys = {e.key for e in load_gazetteer().folded.values() if e.key.startswith("adm1:")}
    assert "adm1:in:tamil-nadu" in keys and "adm1:ca:british-columbia" in keys
    assert not any(k.endswith((":victoria", ":kerala", ":bc")) for k in keys)
    assert "bc" not in load_gazetteer().folded or not load_gazetteer().folded["bc"].key.startswith("adm1:")


def test_a_big_city_in_capitals_is_tagged_though_a_small_namesake_is_listed_first() -> None:
    # Spain's San Diego (a title-case-only town) is listed before the US city (trusted in capitals)
    assert load_gazetteer().folded["san diego"].match == "cased"
    text = "Officials did not disclose that income. SAN DIEGO (AP) - The U.S. National Guard faces a shortfall."
    (annotation,) = annotate_many([text])  # the model tags nothing here
    assert any(s.text == "SAN DIEGO" and s.label == "GPE" for s in annotation.spans)


def test_a_city_the_model_labels_a_date_is_the_city() -> None:
    text = "He returned to the UK in November 2015 and police arrested him at Manchester airport on Monday."
    (annotation,) = annotate_many([text])
    assert any(s.text == "Manchester" and s.label == "GPE" for s in annotation.spans)
    assert any(s.label == "DATE" and "2015" in s.text for s in annotation.spans)
