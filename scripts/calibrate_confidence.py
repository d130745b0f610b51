"""Fit the confidence models (``newsgraph/data/confidence.yaml``) on the newsfacts hand gold.

For every story with a gold file in ``eval/gold/newsfacts``, the pipeline runs as in
``python -m eval newsfacts``; each entity, claim, event and relation is labelled right when it
matches a gold fact under the guide's scoring (entities typed, claims with speaker, events full,
relations), and a logistic model per record kind (L2-regularised, fitted by Newton's method) is
fitted on the features of :mod:`newsgraph.extract.confidence`. Each kind's L2 strength is the
one of ``L2_GRID`` with the lowest log-loss on held-out stories (five two-fold splits by story):
a kind with few, noisy records (events) is pulled harder to its base rate than one the features
predict well, so its confidence does not promise on new stories what it learnt by heart.

Before writing, it reports the expected calibration error by two-fold cross-validation over
stories (each half scored by a model fitted on the other half), so the figure is not the
training fit. The default threshold is the lowest confidence at which every kind's precision
reaches ``--precision`` (0.80) both on the gold as fitted and by cross-validation (the records of
five two-fold splits by story, each scored by a model fitted on the other half); when no
threshold does, the one that maximises the mean F0.5 (precision weighted twice as much as recall).

Usage: ``.venv/bin/python scripts/calibrate_confidence.py [--shared ../shared] [--dry-run]``
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.newsfacts_scoring import (  # noqa: E402
    HEADLINE,
    Facts,
    calibration_error,
    figures,
    gold_facts,
    match,
    matchers,
    predicted_facts,
    score,
)
from eval.tasks.newsfacts import GOLD, read_gold, read_stories  # noqa: E402
from newsgraph.extract import confidence  # noqa: E402

RECORD = {"entities_typed": "entity", "claims_speaker": "claim", "events_full": "event", "relations": "relation"}
CV_SEEDS = range(13, 18)
"""The five two-fold splits by story that choose each kind's L2 strength and check the threshold."""
L2_GRID = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
"""The L2 strengths tried for each kind; the one with the lowest two-fold log-loss is kept."""


Sample = tuple[str, dict[str, float], bool]
"""(story id, features, right)."""


@dataclass(frozen=True)
class Story:
    id: str
    predicted: Facts
    gold: Facts
    features: dict[str, list[dict[str, float]]]
    """By record kind, in the order of ``predicted`` (entities without a mention left out)."""


def stories(shared: Path) -> list[Story]:
    """Every gold story through the pipeline, with the features of each predicted record."""
    from newsgraph.annotate import annotate_many
    from newsgraph.extract import extract
    from newsgraph.records import Document

    texts = read_stories(shared / "corpus" / "guardian-dev.jsonl")
    gold = {k: v for k, v in read_gold(GOLD).items() if k in texts}
    ids = sorted(gold)
    out = []
    for k, annotation in zip(ids, annotate_many([texts[k]["text"] for k in ids]), strict=True):
        s = texts[k]
        x = extract(Document(id=k, text=s["text"], published=s.get("published"), source=s.get("source")), annotation)
        feats = confidence.features(annotation, x)
        feats["entity"] = [f for f, e in zip(feats["entity"], x.entities, strict=True) if e.mentions]
        out.append(Story(k, predicted_facts(x.to_dict()), gold_facts(gold[k], s["text"]), feats))
        print(f"\r{len(out)}/{len(ids)} stories", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def samples(items: list[Story]) -> dict[str, list[Sample]]:
    """Per record kind: each predicted record's features and whether it matched the gold."""
    rules = matchers()
    out: dict[str, list[Sample]] = {k: [] for k in confidence.KINDS}
    for st in items:
        for kind, rec in RECORD.items():
            attr, same = rules[kind]
            used = match(getattr(st.predicted, attr), getattr(st.gold, attr), same)
            out[rec].extend((st.id, f, u) for f, u in zip(st.features[rec], used, strict=True))
    return out


def rescored(items: list[Story], models: dict[str, confidence.Model]) -> list[tuple[Facts, Facts]]:
    """(predicted, gold) per story, the predicted confidences given by ``models``."""

    def rate(facts: tuple[Any, ...], feats: list[dict[str, float]], kind: str) -> tuple[Any, ...]:
        return tuple(replace(r, confidence=models[kind].probability(f)) for r, f in zip(facts, feats, strict=True))

    return [
        (
            Facts(
                rate(st.predicted.entities, st.features["entity"], "entity"),
                rate(st.predicted.claims, st.features["claim"], "claim"),
                rate(st.predicted.events, st.features["event"], "event"),
                rate(st.predicted.relations, st.features["relation"], "relation"),
            ),
            st.gold,
        )
        for st in items
    ]


def fit(rows: list[Sample], l2: float = 1.0) -> confidence.Model:
    names = sorted({n for _, f, _ in rows for n in f})
    X = np.array([[1.0, *(f.get(n, 0.0) for n in names)] for _, f, _ in rows])
    y = np.array([1.0 if r else 0.0 for _, _, r in rows])
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (p - y) + reg * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return confidence.Model(round(float(w[0]), 4), {n: round(float(v), 4) for n, v in zip(names, w[1:], strict=True)})


def cross_validated(rows: list[Sample], ids: list[str], l2: float = 1.0, seed: int = 13) -> list[tuple[float, bool]]:
    rng = random.Random(seed)
    order = ids[:]
    rng.shuffle(order)
    halves = (set(order[::2]), set(order[1::2]))
    out = []
    for held in halves:
        model = fit([r for r in rows if r[0] not in held], l2)
        out.extend((model.probability(f), right) for k, f, right in rows if k in held)
    return out


def choose_l2(rows: list[Sample], ids: list[str]) -> float:
    """The L2 strength whose models predict held-out stories best: the lowest log-loss over five
    two-fold splits by story (a kind with few, noisy records gets a stronger pull to its base rate)."""

    def loss(l2: float) -> float:
        pairs = [x for seed in CV_SEEDS for x in cross_validated(rows, ids, l2, seed)]
        return -sum(np.log(max(1e-9, p if r else 1 - p)) for p, r in pairs) / max(1, len(pairs))

    return min(L2_GRID, key=loss)


def cv_precision(cv: list[tuple[float, bool]], threshold: float) -> float:
    """Share right of the cross-validated records at or above ``threshold`` (1.0 when none is)."""
    kept = [right for p, right in cv if p >= threshold]
    return sum(kept) / len(kept) if kept else 1.0


def choose_threshold(
    pairs: list[tuple[Facts, Facts]], floor: float, cv: dict[str, list[tuple[float, bool]]] | None = None
) -> tuple[float, dict[str, float]]:
    """The lowest threshold (in steps of 0.05) at which every kind reaches ``floor`` precision,
    both on the gold as fitted and, with ``cv`` (kind -> cross-validated (probability, right)),
    on the records of stories a model did not see: a threshold that only the fitted model
    reaches promises new stories more than they get."""
    grid = [round(0.05 * k, 2) for k in range(20)]
    table = {t: figures(score((p.above(t), g) for p, g in pairs)) for t in grid}
    for t in grid:
        unseen = cv is None or all(cv_precision(cv[RECORD[k]], t) >= floor for k in HEADLINE)
        if unseen and all(table[t][f"{k}_precision"] >= floor for k in HEADLINE):
            return t, table[t]

    def f05(f: dict[str, float]) -> float:
        vals = []
        for k in HEADLINE:
            p, r = f[f"{k}_precision"], f[f"{k}_recall"]
            vals.append(1.25 * p * r / (0.25 * p + r) if p + r else 0.0)
        return sum(vals) / len(vals)

    best = max(grid, key=lambda t: f05(table[t]))
    return best, table[best]


def write(models: dict[str, confidence.Model], threshold: float, path: Path) -> None:
    lines = [
        "# Confidence models: logistic weights per record kind over the features of",
        "# newsgraph/extract/confidence.py. Written by scripts/calibrate_confidence.py from the hand gold",
        "# in eval/gold/newsfacts (blind annotations of real Guardian stories); do not edit by hand.",
        "schema: newsgraph/confidence@1",
        f"default_threshold: {threshold}",
        "models:",
    ]
    for kind in confidence.KINDS:
        m = models[kind]
        lines.append(f"  {kind}:")
        lines.append(f"    bias: {m.bias}")
        lines.append("    weights:")
        for name, w in sorted(m.weights.items()):
            lines.append(f"      {name!r}: {w}".replace("'", '"'))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--precision", type=float, default=0.80, help="precision every kind must reach (0.80)")
    parser.add_argument("--dry-run", action="store_true", help="report, do not write confidence.yaml")
    args = parser.parse_args(argv)
    items = stories(args.shared)
    rows = samples(items)
    ids = [st.id for st in items]
    l2 = {kind: choose_l2(rows[kind], ids) for kind in confidence.KINDS}
    models = {kind: fit(rows[kind], l2[kind]) for kind in confidence.KINDS}
    for kind in confidence.KINDS:
        cv = cross_validated(rows[kind], ids, l2[kind])
        fitted = [(models[kind].probability(f), r) for _k, f, r in rows[kind]]
        right = sum(r for _k, _f, r in rows[kind])
        print(
            f"{kind:<9} n={len(rows[kind]):>5} right={right / max(1, len(rows[kind])):.3f} L2={l2[kind]:g} "
            f"ECE fitted={calibration_error(fitted):.3f} two-fold={calibration_error(cv):.3f}"
        )
    pairs = rescored(items, models)
    cv = {kind: [x for seed in CV_SEEDS for x in cross_validated(rows[kind], ids, l2[kind], seed)] for kind in rows}
    threshold, f = choose_threshold(pairs, args.precision, cv)
    print(f"default threshold {threshold}: mean F1 {f['mean_f1']:.3f}")
    print("  two-fold precision at it: " + ", ".join(f"{k} {cv_precision(cv[k], threshold):.3f}" for k in cv))
    for k in HEADLINE:
        print(f"  {k:<15} P {f[k + '_precision']:.3f} R {f[k + '_recall']:.3f} F1 {f[k + '_f1']:.3f}")
    if not args.dry_run:
        write(models, threshold, confidence.DATA_FILE)
        print(f"wrote {confidence.DATA_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
