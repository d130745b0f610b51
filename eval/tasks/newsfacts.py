"""News facts on real Guardian stories: our own blind hand gold (``eval/gold/newsfacts/``).

Every story with a gold file runs through the whole pipeline (``annotate_many`` + ``extract``)
and is scored as ``../shared/eval/newsfacts/GUIDE.md`` says (:mod:`eval.newsfacts_scoring`):
precision, recall and F1 for entities (typed), claims (with speaker), events (trigger, typed,
full) and relations; the headline is the mean of the four F1s entities typed, claims with
speaker, events full and relations.

- Without a prefix: the facts at newsgraph's default confidence threshold (what the CLI, API
  and network show by default); ``all_``: every fact (threshold 0).
- ``calibration_error_*``: expected calibration error over 10 bins of each headline kind's
  confidence against whether the fact matched the gold.
- ``agreement_mean_f1``: one annotator scored against another on the stories both annotated
  (``eval/gold/newsfacts-agreement/``), the same scoring; the ceiling of what a tool can reach.
- The figures at every threshold 0.0 .. 0.9 are printed to standard error as a table.

The text stays in ``../shared/corpus/guardian-dev.jsonl``; only the gold is ours.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eval.newsfacts_scoring import (
    HEADLINE,
    Facts,
    calibration_error,
    figures,
    gold_facts,
    predicted_facts,
    score,
)

DESCRIPTION = "News facts, Guardian dev stories (our blind gold): P/R/F1 per kind at the default threshold"
REQUIRES = ["corpus/guardian-dev.jsonl"]
BASELINE = {"mean_f1": 0.37}
"""The hidden-set mean F1 the precision issue measured before this work."""

GOLD = Path(__file__).resolve().parent.parent / "gold" / "newsfacts"
SECOND = GOLD.parent / "newsfacts-agreement"
THRESHOLDS = tuple(round(0.1 * k, 1) for k in range(10))


def read_gold(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def read_stories(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {d["id"]: d for d in map(json.loads, filter(str.strip, lines))}


def predict(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The contract output of each story, through the whole pipeline."""
    from newsgraph.annotate import annotate_many
    from newsgraph.extract import extract
    from newsgraph.records import Document

    out = []
    for story, annotation in zip(stories, annotate_many([s["text"] for s in stories]), strict=True):
        doc = Document(id=story["id"], text=story["text"], published=story.get("published"), source=story.get("source"))
        out.append(extract(doc, annotation).to_dict())
    return out


def agreement(first: dict[str, dict[str, Any]], stories: dict[str, dict[str, Any]]) -> dict[str, float]:
    second = read_gold(SECOND)
    both = [k for k in second if k in first and k in stories]
    if not both:
        return {}
    pairs = [(gold_facts(second[k], stories[k]["text"]), gold_facts(first[k], stories[k]["text"])) for k in both]
    f = figures(score(pairs))
    return {"agreement_" + k: f[k] for k in ("mean_f1", *(f"{h}_f1" for h in HEADLINE))}


def sweep_table(pairs: list[tuple[Facts, Facts]]) -> str:
    head = "".join(f"{k[:14]:>16}" for k in HEADLINE)
    lines = [f"newsfacts by confidence threshold (P/R/F1){'':<4}", f"{'t':>4}{head}{'mean F1':>9}"]
    for t in THRESHOLDS:
        f = figures(score((p.above(t), g) for p, g in pairs))
        cells = "".join(
            f"{f[k + '_precision']:>6.2f}/{f[k + '_recall']:.2f}/{f[k + '_f1']:.2f}".rjust(16) for k in HEADLINE
        )
        lines.append(f"{t:>4.1f}{cells}{f['mean_f1']:>9.3f}")
    return "\n".join(lines)


def score_folder(shared: Path, folder: Path, limit: int | None = None) -> dict[str, float]:
    """The figures of every story with a gold file in ``folder``, at the default threshold and at 0."""
    from newsgraph.extract.confidence import DEFAULT_THRESHOLD

    stories = read_stories(shared / REQUIRES[0])
    gold = {k: v for k, v in read_gold(folder).items() if k in stories}
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    predicted = predict([stories[k] for k in ids])
    pairs = [(predicted_facts(x), gold_facts(gold[k], stories[k]["text"])) for k, x in zip(ids, predicted, strict=True)]
    every = score(pairs)
    out = figures(score((p.above(DEFAULT_THRESHOLD), g) for p, g in pairs))
    out.update(figures(every, prefix="all_"))
    for kind in HEADLINE:
        out[f"calibration_error_{kind}"] = calibration_error(every[kind].outcomes)
    out["default_threshold"] = DEFAULT_THRESHOLD
    out["stories"] = float(len(ids))
    print(sweep_table(pairs), file=sys.stderr)
    return out


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    stories = read_stories(shared / REQUIRES[0])
    return {**score_folder(shared, GOLD, limit), **agreement(read_gold(GOLD), stories)}
