"""The confidence calibration script: each kind's L2 strength is the one that predicts held-out
stories best (``scripts/calibrate_confidence.py``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

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
