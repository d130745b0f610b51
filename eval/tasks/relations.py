"""Relations on dstl re3d (four sources): typed precision, recall and F1 on (type, subject, object).

Each re3d document runs through the whole pipeline (``annotate_many`` + ``extract``). A predicted
relation matches a gold one when their types agree and the subject and object spans overlap the
gold source and target spans (either order for symmetric types); matches are one-to-one.

re3d types map to newsgraph's here, not in the product: BelongsTo->member_of,
InChargeOf->leads, AlliesOf->allied_with, FightingAgainst->fights, CommWith->communicates_with,
Likes->supports, Dislikes->opposes, CoLocated->located_in, IsSynonymOf->alias_of,
HasAttrOf->has_role; Apart has no counterpart and is left out. On newsgraph's side the finer
types are scored as the re3d type they refine: represents as member_of, based_in and
operates_in as located_in. re3d lists symmetric ties in both directions; they are counted once.

``untyped_f1`` ignores the type (is there a tie between these two spans at all);
``cooccurrence_f1`` is a baseline measured in the same run: every pair of named mentions of a
sentence (in text order) tied with the most frequent gold type, located_in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DESCRIPTION = "Relations, dstl re3d: typed P/R/F1 on (type, subject, object), span overlap"
REQUIRES = ["eval/relations"]
BASELINE: dict[str, float] = {}

GOLD_TYPE = {
    "BelongsTo": "member_of",
    "InChargeOf": "leads",
    "AlliesOf": "allied_with",
    "FightingAgainst": "fights",
    "CommWith": "communicates_with",
    "Likes": "supports",
    "Dislikes": "opposes",
    "CoLocated": "located_in",
    "IsSynonymOf": "alias_of",
    "HasAttrOf": "has_role",
}
PREDICTED_AS = {"represents": "member_of", "based_in": "located_in", "operates_in": "located_in"}
SYMMETRIC = frozenset({"allied_with", "fights", "communicates_with", "alias_of"})

Triple = tuple[str, tuple[int, int], tuple[int, int]]


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def read_corpus(root: Path) -> list[tuple[str, str, list[Triple]]]:
    """(document id, text, gold triples) for every document of every source, sorted by id."""
    docs: dict[str, str] = {}
    gold: dict[str, set[Triple]] = {}
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        for d in _json_lines(source / "documents.json"):
            docs[d["_id"]] = d["text"]
            gold.setdefault(d["_id"], set())
        for r in _json_lines(source / "relations.json"):
            kind = GOLD_TYPE.get(r["type"])
            if kind is None or r["documentId"] not in docs:
                continue
            s = (int(r["sourceBegin"]), int(r["sourceEnd"]))
            o = (int(r["targetBegin"]), int(r["targetEnd"]))
            if kind in SYMMETRIC and o < s:
                s, o = o, s
            gold[r["documentId"]].add((kind, s, o))
    return [(k, docs[k], sorted(gold[k])) for k in sorted(docs)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(pred: list[Triple], gold: list[Triple], typed: bool = True) -> int:
    used: set[int] = set()
    hits = 0
    for kind, s, o in pred:
        for k, (gkind, gs, go) in enumerate(gold):
            if k in used or (typed and gkind != kind):
                continue
            symmetric = gkind in SYMMETRIC or not typed
            if (_overlap(s, gs) and _overlap(o, go)) or (symmetric and _overlap(s, go) and _overlap(o, gs)):
                used.add(k)
                hits += 1
                break
    return hits


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from newsgraph.annotate import annotate_many
    from newsgraph.extract import extract
    from newsgraph.records import Document

    corpus = read_corpus(shared / REQUIRES[0])
    if limit:
        corpus = corpus[:limit]
    tp = utp = n_pred = n_gold = 0
    btp = b_pred = 0
    for (doc_id, text, gold), annotation in zip(corpus, annotate_many(t for _, t, _ in corpus), strict=True):
        x = extract(Document(id=doc_id, text=text), annotation)
        pred: list[Triple] = []
        for r in x.relations:
            kind = PREDICTED_AS.get(r.type, r.type)
            s, o = (r.subject.start, r.subject.end), (r.object.start, r.object.end)
            if kind in SYMMETRIC and o < s:
                s, o = o, s
            pred.append((kind, s, o))
        pred = sorted(set(pred))
        tp += match(pred, gold)
        utp += match(pred, gold, typed=False)
        n_pred += len(pred)
        n_gold += len(gold)
        base = _cooccurrence(annotation, [(m.start, m.end) for m in x.mentions])
        btp += match(base, gold)
        b_pred += len(base)
    prec, rec, f = _prf(tp, n_pred, n_gold)
    return {
        "precision": prec,
        "recall": rec,
        "f1": f,
        "untyped_f1": _prf(utp, n_pred, n_gold)[2],
        "cooccurrence_f1": _prf(btp, b_pred, n_gold)[2],
    }


def _cooccurrence(annotation: Any, spans: list[tuple[int, int]]) -> list[Triple]:
    """Every ordered pair of mentions in one sentence, typed located_in (the baseline)."""
    out: list[Triple] = []
    for s in annotation.sentences:
        inside = sorted(sp for sp in spans if s.start <= sp[0] < s.end)
        out.extend(("located_in", a, b) for k, a in enumerate(inside) for b in inside[k + 1 :])
    return out
