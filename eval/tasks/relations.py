"""Relations on dstl re3d (four sources): typed precision, recall and F1 on (type, subject, object).

Each re3d document runs through the whole pipeline (``annotate_many`` + ``extract``). A predicted
relation matches a gold one when their types agree and the subject and object overlap the gold
source and target spans (either order for symmetric types); matches are one-to-one. An argument
also overlaps a gold span through another mention of the same entity inside the relation's
evidence sentence ("Syrian Democratic Forces (SDF) ..." tied through "SDF" or through the full name
is the same statement); mentions elsewhere in the document do not count.

re3d types map to newsgraph's here, not in the product: BelongsTo->member_of,
InChargeOf->leads, AlliesOf->allied_with, FightingAgainst->fights, CommWith->communicates_with,
Likes->supports, Dislikes->opposes, CoLocated->located_in, IsSynonymOf->alias_of,
HasAttrOf->has_role; Apart has no counterpart and is left out. On newsgraph's side the finer
types are scored as the re3d type they refine: represents as member_of, based_in and
operates_in as located_in. re3d lists symmetric ties in both directions; they are counted once.
CoLocated ("the two are in the same place") is symmetric in re3d, so located_in matches it in
either direction; newsgraph's located_in itself stays directed (the smaller place first).

Besides the overall figures the task reports, per type, ``f1_TYPE`` / ``precision_TYPE`` /
``recall_TYPE``, and ``actor_scope_*``: the same scores against the gold ties whose two
arguments re3d types Person, Organisation, Location or Nationality (the contract's relations tie
actors and places; re3d also ties quantities, weapons, vehicles and dates, e.g. HasAttrOf
"15 strikes"), counting as predictions those with no argument that only overlaps re3d entities
of the other types (a count of strikes is not judged against ties between actors). The headline
``f1`` is over all gold ties and all predictions.

``untyped_f1`` ignores the type (is there a tie between these two spans at all);
``cooccurrence_f1`` is a baseline measured in the same run: every pair of named mentions of a
sentence (in text order) tied with the most frequent gold type, located_in.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
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
SYMMETRIC = frozenset({"allied_with", "fights", "communicates_with", "alias_of", "located_in"})
ACTOR_TYPES = frozenset({"Person", "Organisation", "Location", "Nationality"})
"""re3d entity types that the contract's relation arguments (actors and places) cover."""

Span = tuple[int, int]
Triple = tuple[str, Span, Span]


@dataclass(frozen=True)
class Predicted:
    """One predicted tie: its scored type and, per argument, the spans that stand for it."""

    kind: str
    subject: tuple[Span, ...]
    object: tuple[Span, ...]


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    gold: list[Triple]
    in_scope: frozenset[Triple]
    """The gold ties whose two arguments are actors or places by re3d's entity types."""
    actor_spans: tuple[Span, ...] = ()
    """re3d's entities of actor or place types (Person, Organisation, Location, Nationality)."""
    other_spans: tuple[Span, ...] = ()
    """re3d's entities of every other type (Quantity, Weapon, Vehicle, MilitaryPlatform ...)."""


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def read_gold(root: Path) -> list[GoldDoc]:
    """Every document of every source with its gold triples, sorted by id."""
    docs: dict[str, str] = {}
    gold: dict[str, set[Triple]] = {}
    scope: dict[str, set[Triple]] = {}
    etype: dict[tuple[str, int, int], str] = {}
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        for d in _json_lines(source / "documents.json"):
            docs[d["_id"]] = d["text"]
            gold.setdefault(d["_id"], set())
            scope.setdefault(d["_id"], set())
        entities = source / "entities.json"
        if entities.exists():
            for e in _json_lines(entities):
                etype[(e["documentId"], int(e["begin"]), int(e["end"]))] = e["type"]
        for r in _json_lines(source / "relations.json"):
            kind = GOLD_TYPE.get(r["type"])
            doc = r["documentId"]
            if kind is None or doc not in docs:
                continue
            s = (int(r["sourceBegin"]), int(r["sourceEnd"]))
            o = (int(r["targetBegin"]), int(r["targetEnd"]))
            if kind in SYMMETRIC and o < s:
                s, o = o, s
            gold[doc].add((kind, s, o))
            if etype.get((doc, *s)) in ACTOR_TYPES and etype.get((doc, *o)) in ACTOR_TYPES:
                scope[doc].add((kind, s, o))
    spans: dict[str, dict[bool, list[Span]]] = {k: {True: [], False: []} for k in docs}
    for (doc, b, e), kind in etype.items():
        if doc in spans:
            spans[doc][kind in ACTOR_TYPES].append((b, e))
    return [
        GoldDoc(k, docs[k], sorted(gold[k]), frozenset(scope[k]), tuple(spans[k][True]), tuple(spans[k][False]))
        for k in sorted(docs)
    ]


def about_actors(p: Predicted, doc: GoldDoc) -> bool:
    """Whether neither argument of ``p`` is only about things re3d types as non-actors (a
    quantity, a weapon, a vehicle): the predictions the actor-scope precision counts."""

    def other_only(spans: tuple[Span, ...]) -> bool:
        return any(_any(spans, o) for o in doc.other_spans) and not any(_any(spans, a) for a in doc.actor_spans)

    return not (other_only(p.subject) or other_only(p.object))


def read_corpus(root: Path) -> list[tuple[str, str, list[Triple]]]:
    """(document id, text, gold triples) for every document of every source, sorted by id."""
    return [(d.id, d.text, d.gold) for d in read_gold(root)]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _any(spans: tuple[Span, ...], g: Span) -> bool:
    return any(_overlap(s, g) for s in spans)


def matches(p: Predicted, g: Triple, typed: bool = True) -> bool:
    """Whether predicted tie ``p`` states gold triple ``g``."""
    gkind, gs, go = g
    if typed and gkind != p.kind:
        return False
    symmetric = gkind in SYMMETRIC or not typed
    return (_any(p.subject, gs) and _any(p.object, go)) or (symmetric and _any(p.subject, go) and _any(p.object, gs))


def match(pred: list[Predicted], gold: list[Triple], typed: bool = True) -> list[tuple[int, int]]:
    """One-to-one (prediction index, gold index) pairs, greedily in prediction order."""
    used: set[int] = set()
    pairs = []
    for i, p in enumerate(pred):
        for k, g in enumerate(gold):
            if k not in used and matches(p, g, typed):
                used.add(k)
                pairs.append((i, k))
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predictions(x: Any) -> list[Predicted]:
    """The scored form of an extraction's relations: mapped types, argument spans, one per tie."""
    out: dict[tuple[str, Span, Span], Predicted] = {}
    for r in x.relations:
        kind = PREDICTED_AS.get(r.type, r.type)
        ev = (r.evidence.start, r.evidence.end)

        def spans(a: Any, ev: Span = ev) -> tuple[Span, ...]:
            own = (a.start, a.end)
            if a.entity is None:
                return (own,)
            same = [
                (m.start, m.end) for m in x.mentions if m.entity == a.entity and ev[0] <= m.start and m.end <= ev[1]
            ]
            return (own, *sorted(set(same) - {own}))

        s, o = (r.subject.start, r.subject.end), (r.object.start, r.object.end)
        ss, os_ = spans(r.subject), spans(r.object)
        if kind in SYMMETRIC and o < s:
            s, o, ss, os_ = o, s, os_, ss
        out.setdefault((kind, s, o), Predicted(kind, ss, os_))
    return [out[k] for k in sorted(out)]


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from newsgraph.annotate import annotate_many
    from newsgraph.extract import extract
    from newsgraph.records import Document

    corpus = read_gold(shared / REQUIRES[0])
    if limit:
        corpus = corpus[:limit]
    count: Counter[str] = Counter()
    for doc, annotation in zip(corpus, annotate_many(d.text for d in corpus), strict=True):
        x = extract(Document(id=doc.id, text=doc.text), annotation)
        pred = predictions(x)
        pairs = match(pred, doc.gold)
        count["tp"] += len(pairs)
        count["untyped_tp"] += len(match(pred, doc.gold, typed=False))
        count["pred"] += len(pred)
        count["gold"] += len(doc.gold)
        for pr in pred:
            count[f"pred:{pr.kind}"] += 1
        for g in doc.gold:
            count[f"gold:{g[0]}"] += 1
        for _, k in pairs:
            count[f"tp:{doc.gold[k][0]}"] += 1
        scoped = [g for g in doc.gold if g in doc.in_scope]
        scoped_pred = [p for p in pred if about_actors(p, doc)]
        count["scope_gold"] += len(scoped)
        count["scope_pred"] += len(scoped_pred)
        count["scope_tp"] += len(match(scoped_pred, scoped))
        base = _cooccurrence(annotation, [(m.start, m.end) for m in x.mentions])
        count["base_tp"] += len(match(base, doc.gold))
        count["base_pred"] += len(base)
    prec, rec, f = _prf(count["tp"], count["pred"], count["gold"])
    scores = {
        "precision": prec,
        "recall": rec,
        "f1": f,
        "untyped_f1": _prf(count["untyped_tp"], count["pred"], count["gold"])[2],
        "cooccurrence_f1": _prf(count["base_tp"], count["base_pred"], count["gold"])[2],
    }
    sp, sr, sf = _prf(count["scope_tp"], count["scope_pred"], count["scope_gold"])
    scores.update({"actor_scope_precision": sp, "actor_scope_recall": sr, "actor_scope_f1": sf})
    for kind in sorted(set(GOLD_TYPE.values())):
        tp_p, tp_r, tp_f = _prf(count[f"tp:{kind}"], count[f"pred:{kind}"], count[f"gold:{kind}"])
        scores.update({f"precision_{kind}": tp_p, f"recall_{kind}": tp_r, f"f1_{kind}": tp_f})
    return scores


def _cooccurrence(annotation: Any, spans: list[Span]) -> list[Predicted]:
    """Every ordered pair of mentions in one sentence, typed located_in (the baseline)."""
    out: list[Predicted] = []
    for s in annotation.sentences:
        inside = sorted(sp for sp in spans if s.start <= sp[0] < s.end)
        out.extend(Predicted("located_in", (a,), (b,)) for k, a in enumerate(inside) for b in inside[k + 1 :])
    return out
