"""The quotes task's scoring rules, on attributions written by hand."""

from __future__ import annotations

import pytest

from eval.tasks.quotes import Counts, GoldAttribution, Predicted, score_document

TEXT = 'Mayor Ada Lind opened the bridge. "Tolls go," she said. "Fares stay," he said.'


def _span(part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return start, start + len(part)


GOLD = (
    GoldAttribution(content=(_span("Tolls go"),), source=_span("she"), direct=True),
    GoldAttribution(content=(_span("Fares stay"),), source=_span("he"), direct=True),
)


@pytest.mark.parametrize(
    ("names", "resolved"),
    [
        ((("Ada Lind", "Lind"), ("Ada Lind",)), 1.0),
        ((("Ada Lind",), ()), 0.5),
    ],
)
def test_anaphor_scores_count_resolved_pronoun_speakers(
    names: tuple[tuple[str, ...], tuple[str, ...]], resolved: float
) -> None:
    predicted = [
        Predicted(*_span("Tolls go"), speaker=_span("she"), direct=True, speaker_names=names[0]),
        Predicted(*_span("Fares stay"), speaker=_span("he"), direct=True, speaker_names=names[1]),
    ]
    overall, direct = Counts(), Counts()
    score_document(TEXT, GOLD, predicted, overall, direct)
    scores = overall.anaphor_scores()
    assert overall.anaphors == 2
    assert scores["anaphor_resolved"] == resolved
    # no gold source before the claims names anyone, so no antecedent is judged
    assert overall.anaphors_with_antecedent == 0


@pytest.mark.parametrize(("speaker_names", "right"), [(("Ada Lind",), 1), (("Bo Ek",), 0)])
def test_anaphor_antecedent_is_the_nearest_named_gold_source(speaker_names: tuple[str, ...], right: int) -> None:
    text = 'Ada Lind said: "Tolls go." Later she said: "Fares stay."'
    tolls, fares, she = (text.index(w) for w in ("Tolls go", "Fares stay", "she"))
    gold = (
        GoldAttribution(content=((tolls, tolls + 8),), source=(0, 8), direct=True),
        GoldAttribution(content=((fares, fares + 10),), source=(she, she + 3), direct=True),
    )
    predicted = [
        Predicted(tolls, tolls + 8, speaker=(0, 8), direct=True, speaker_names=("Ada Lind",)),
        Predicted(fares, fares + 10, speaker=(she, she + 3), direct=True, speaker_names=speaker_names),
    ]
    overall = Counts()
    score_document(text, gold, predicted, overall, Counts())
    assert (overall.anaphors, overall.anaphors_with_antecedent, overall.anaphors_antecedent_right) == (1, 1, right)
