"""Name matching on the OpenSanctions name-pair benchmark: ROC AUC and best-threshold F1.

Each row of ``eval/names/name-pairs-dev.csv`` gives two names and whether they name the same
person, company, organisation or vessel. newsgraph's :func:`newsgraph.watchlist.matcher.compare`
scores every pair (the schema column is not shown to it: the scorer sees only the two names).

- ``roc_auc``: probability that a random matching pair scores above a random non-matching one
  (ties count one half), computed from ranks.
- ``best_f1``: F1 of the "match" class at the threshold that maximises it on this set, with
  ``f1_at_match_threshold`` at the fixed threshold the screening commands use.

Baselines: the OpenSanctions (nomenklatura) matchers a user would otherwise run, as measured on
the same pairs by the issue: logic-v2 0.875 AUC, ofac 0.773 AUC.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DESCRIPTION = "OpenSanctions name pairs: ROC AUC and best-threshold F1 of the watchlist name matcher"
REQUIRES = ["eval/names/name-pairs-dev.csv"]
BASELINE = {"roc_auc": 0.875}
OTHER_BASELINES = {"ofac": {"roc_auc": 0.773}}


@dataclass(frozen=True)
class NamePair:
    schema: str
    name1: str
    name2: str
    is_match: bool


def read_pairs(path: Path, limit: int | None = None) -> list[NamePair]:
    with path.open(encoding="utf-8", newline="") as fh:
        pairs = [
            NamePair(r["schema"], r["name1"], r["name2"], r["is_match"].strip().lower() == "true")
            for r in csv.DictReader(fh)
        ]
    return pairs[:limit] if limit is not None else pairs


def roc_auc(labels: list[bool], scores: list[float]) -> float:
    """Mann-Whitney form of the ROC AUC, average ranks for ties."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return 0.0
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def f1_at(labels: list[bool], scores: list[float], threshold: float) -> float:
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= threshold)
    predicted = sum(1 for s in scores if s >= threshold)
    gold = sum(labels)
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def best_f1(labels: list[bool], scores: list[float]) -> tuple[float, float]:
    """The best F1 over every threshold, and that threshold."""
    return max(((f1_at(labels, scores, t), t) for t in sorted(set(scores))), default=(0.0, 0.0))


def score_pairs(pairs: list[NamePair]) -> list[float]:
    from newsgraph.watchlist.matcher import compare

    return [compare(p.name1, p.name2).score for p in pairs]


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from newsgraph.watchlist.matcher import MATCH_THRESHOLD

    pairs = read_pairs(shared / "eval" / "names" / "name-pairs-dev.csv", limit)
    labels = [p.is_match for p in pairs]
    scores = score_pairs(pairs)
    f1, threshold = best_f1(labels, scores)
    return {
        "roc_auc": roc_auc(labels, scores),
        "best_f1": f1,
        "best_threshold": threshold,
        "f1_at_match_threshold": f1_at(labels, scores, MATCH_THRESHOLD),
    }
