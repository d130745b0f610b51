"""The confidence calibration script: each kind's L2 strength is the one that predicts held-out
stories best (``scripts/calibrate_confidence.py``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import calibrate_confidence as cc


def _rows(noise: float, seed: int) -> tuple[list[cc.Sample], list[str]]:
    """40 stories of 10 records; the feature "good" makes a record right, except for ``noise``
    of them, and 30 features that say nothing are on at random."""
    rng = random.Random(seed)
    ids = [f"s{k}" for k in range(40)]
    rows: list[cc.Sample] = []
    for sid in ids:
        for _ in range(10):
            good = rng.random() < 0.5
            right = good if rng.random() >= noise else not good
            f = {"good": 1.0 if good else 0.0}
            f.update({f"junk{j}": 1.0 for j in range(30) if rng.random() < 0.1})
            rows.append((sid, f, right))
    return rows, ids


def test_noisy_records_get_a_stronger_pull_than_clean_ones() -> None:
    clean, ids = _rows(noise=0.02, seed=1)
    noisy, _ = _rows(noise=0.4, seed=1)
    assert cc.choose_l2(noisy, ids) > cc.choose_l2(clean, ids)
    assert cc.choose_l2(clean, ids) in cc.L2_GRID


def test_a_stronger_pull_shrinks_the_weights() -> None:
    rows, _ = _rows(noise=0.2, seed=2)
    weak, strong = cc.fit(rows, 0.5), cc.fit(rows, 16.0)
    assert abs(strong.weights["good"]) < abs(weak.weights["good"])
    assert weak.weights["good"] > 0


def test_the_threshold_must_hold_on_stories_the_model_did_not_see(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-sample every kind reaches 0.80 from 0.5, but events' cross-validated records only from
    0.65: the threshold is 0.65 (0.5 without the cross-validated records)."""

    class Threshold:
        def above(self, t: float) -> float:
            return t

    def figures_at(t: float) -> dict[str, float]:
        return {f"{k}_{m}": (0.85 if t >= 0.5 else 0.5) for k in cc.HEADLINE for m in ("precision", "recall")}

    monkeypatch.setattr(cc, "score", lambda pairs: next(iter(pairs))[0])
    monkeypatch.setattr(cc, "figures", figures_at)
    cv = {kind: [(0.9, True)] * 9 + [(0.9, False)] for kind in ("entity", "claim", "relation")}
    cv["event"] = [(0.62, False)] * 3 + [(0.55, True)] * 2 + [(0.7, True)] * 9 + [(0.7, False)]
    pairs = [(Threshold(), None)]
    assert cc.choose_threshold(pairs, 0.80, cv)[0] == 0.65  # type: ignore[arg-type]
    assert cc.choose_threshold(pairs, 0.80)[0] == 0.5  # type: ignore[arg-type]
    assert cc.cv_precision([], 0.5) == 1.0 and cc.cv_precision([(0.6, True), (0.7, False)], 0.65) == 0.0
