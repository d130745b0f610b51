"""Events on the PLOVER gold-standard records (dev half): event type accuracy and actor F1.

Each record is one short news text with a gold event type and its source/target actors. It runs
through the whole pipeline (``annotate_many`` + ``extract``).

- ``type_accuracy``: share of records where newsgraph predicts at least one event of the gold
  type. Gold labels are PLOVER 0.5b1; the ones newsgraph's ontology folds into others are mapped
  here: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT, INVESTIGATE->ACCUSE.
- ``actor_precision/recall/f1``: the source and target arguments of every predicted event in the
  record, deduplicated, matched one-to-one to the gold actor texts when their characters overlap.
- ``actor_f1_every_mention``: the same score for a baseline that calls every actor-type mention
  of the text an actor (measured in the same run).

``BASELINE['type_accuracy']`` is the majority class of the set (always AGREE).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DESCRIPTION = "Events, PLOVER dev: event type accuracy and source/target actor F1 (span overlap)"
REQUIRES = ["eval/events/plover-dev.jsonl"]
BASELINE = {"type_accuracy": 0.124}

GOLD_TYPE = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

Spans = list[tuple[int, int]]


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_type(record: dict[str, Any]) -> str:
    label = str(record["event"]).strip().upper()
    return GOLD_TYPE.get(label, label)


def gold_actor_spans(record: dict[str, Any]) -> Spans:
    """Character spans of the gold source and target actors ("U.S. ... negotiators" -> both parts)."""
    text: str = record["text"]
    out: Spans = []
    for key in ("source", "target"):
        actors = record.get(key)
        if not isinstance(actors, list):
            continue
        for actor in actors:
            surface = str(actor.get("actorText") or "").strip()
            if not surface:
                continue
            pieces = [p.strip() for p in surface.split("...") if p.strip()]
            spans = []
            for p in pieces:
                k = text.find(p)
                if k < 0:
                    k = text.lower().find(p.lower())
                if k >= 0:
                    spans.append((k, k + len(p)))
            if spans:  # "U.S. ... negotiators": the named part stands for the actor
                out.append(spans[0])
    return sorted(set(out))


def match(pred: Spans, gold: Spans) -> int:
    """One-to-one matches between predicted and gold spans that overlap."""
    used: set[int] = set()
    hits = 0
    for ps, pe in pred:
        for k, (gs, ge) in enumerate(gold):
            if k not in used and ps < ge and gs < pe:
                used.add(k)
                hits += 1
                break
    return hits


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from newsgraph.annotate import annotate_many
    from newsgraph.extract import extract
    from newsgraph.records import Document

    records = read_records(shared / REQUIRES[0])
    if limit:
        records = records[:limit]
    texts = [r["text"] for r in records]
    typed = 0
    tp = n_pred = n_gold = 0
    btp = b_pred = 0
    for record, annotation in zip(records, annotate_many(texts), strict=True):
        x = extract(Document(id=record["id"], text=record["text"]), annotation)
        if any(v.type == gold_type(record) for v in x.events):
            typed += 1
        gold = gold_actor_spans(record)
        pred = sorted({(a.start, a.end) for v in x.events for a in (*v.source, *v.target)})
        tp += match(pred, gold)
        n_pred += len(pred)
        n_gold += len(gold)
        every = sorted({(m.start, m.end) for m in x.mentions if m.type in ACTOR_TYPES})
        btp += match(every, gold)
        b_pred += len(every)
    p, r, f = f1(tp, n_pred, n_gold)
    return {
        "type_accuracy": typed / len(records) if records else 0.0,
        "actor_precision": p,
        "actor_recall": r,
        "actor_f1": f,
        "actor_f1_every_mention": f1(btp, b_pred, n_gold)[2],
    }
