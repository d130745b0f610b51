"""Scoring of newsfacts@1 gold (``../shared/eval/newsfacts/GUIDE.md``, section "Scoring").

Both sides are first turned into the same plain facts (:class:`Facts`), so the same matcher
scores newsgraph against the gold and one annotator against another (the agreement figure).

- Names match when, after folding case and accents, dropping punctuation and a leading "the",
  they are equal or one is a whole-word run inside the other (not of stop words alone). A gold
  name stands for all names of its gold entity; a predicted argument for its text, its entity's
  name and its entity's aliases.
- Facts are matched one to one: each gold fact takes the first unused predicted fact that
  matches; precision = matched / predicted, recall = matched / gold, summed over stories.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Names = frozenset[str]
"""Folded names that stand for one argument."""

STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "to",
        "by",
        "with",
        "from",
        "al",
        "el",
        "de",
        "la",
        "le",
        "du",
        "des",
        "its",
        "his",
        "her",
        "their",
    ]
)
SYMMETRIC = frozenset({"allied_with", "fights", "communicates_with", "alias_of"})
KINDS = ("entities", "entities_typed", "claims", "claims_speaker", "events", "events_typed", "events_full", "relations")
HEADLINE = ("entities_typed", "claims_speaker", "events_full", "relations")
"""The four F1s whose mean is the headline figure."""


def fold(name: str) -> str:
    """Case and accents folded, punctuation dropped (apostrophes join), a leading "the" dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’`]", "", s)
    s = re.sub(r"[^\w\s]|_", " ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _run_inside(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def name_match(a: str, b: str) -> bool:
    """Two folded names: equal, or one a whole-word run inside the other (not of stop words only)."""
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if all(w in STOP for w in short):
        return False
    return _run_inside(short, long)


def names_match(a: Names, b: Names) -> bool:
    return any(name_match(x, y) for x in a for y in b)


def entity_names(entity: dict[str, Any]) -> Names:
    """The folded names of an entity (gold or predicted): its name and its aliases."""
    return frozenset(f for f in (fold(n) for n in (entity["name"], *entity.get("aliases", ()))) if f)


@dataclass(frozen=True)
class Entity:
    names: Names
    kind: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    speaker: Names
    confidence: float = 1.0


@dataclass(frozen=True)
class Event:
    trigger: tuple[int, int]
    type: str
    source: tuple[Names, ...]
    target: tuple[Names, ...]
    participants: tuple[Names, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class Relation:
    evidence: tuple[int, int]
    type: str
    subject: Names
    object: Names
    confidence: float = 1.0


@dataclass(frozen=True)
class Facts:
    """The facts of one story, either side."""

    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()

    def above(self, threshold: float) -> Facts:
        """Only the facts whose confidence is at least ``threshold``."""

        def keep(xs: Iterable[Any]) -> tuple[Any, ...]:
            return tuple(x for x in xs if x.confidence + 1e-12 >= threshold)

        return Facts(keep(self.entities), keep(self.claims), keep(self.events), keep(self.relations))


# --- matching -----------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _claim_span(p: Claim, g: Claim) -> bool:
    shorter = min(p.end - p.start, g.end - g.start)
    return shorter > 0 and _overlap((p.start, p.end), (g.start, g.end)) * 2 >= shorter


def _args_cover(gold: Sequence[Names], pred: Sequence[Names]) -> bool:
    return all(any(names_match(g, p) for p in pred) for g in gold)


def _event_full(p: Event, g: Event) -> bool:
    return (
        _args_cover(g.source, (*p.source, *p.participants))
        and _args_cover(g.target, (*p.target, *p.participants))
        and _args_cover(g.participants, (*p.source, *p.target, *p.participants))
    )


def _relation(p: Relation, g: Relation) -> bool:
    if p.type != g.type or _overlap(p.evidence, g.evidence) == 0:
        return False
    if names_match(p.subject, g.subject) and names_match(p.object, g.object):
        return True
    return p.type in SYMMETRIC and names_match(p.subject, g.object) and names_match(p.object, g.subject)


def matchers() -> dict[str, tuple[str, Any]]:
    """For each scored kind: which list of :class:`Facts` it reads and when a pair matches."""
    return {
        "entities": ("entities", lambda p, g: names_match(p.names, g.names)),
        "entities_typed": ("entities", lambda p, g: p.kind == g.kind and names_match(p.names, g.names)),
        "claims": ("claims", _claim_span),
        "claims_speaker": ("claims", lambda p, g: _claim_span(p, g) and names_match(p.speaker, g.speaker)),
        "events": ("events", lambda p, g: _overlap(p.trigger, g.trigger) > 0),
        "events_typed": ("events", lambda p, g: p.type == g.type and _overlap(p.trigger, g.trigger) > 0),
        "events_full": (
            "events",
            lambda p, g: p.type == g.type and _overlap(p.trigger, g.trigger) > 0 and _event_full(p, g),
        ),
        "relations": ("relations", _relation),
    }


def pairs(pred: Sequence[Any], gold: Sequence[Any], same: Any) -> list[int | None]:
    """One to one, in gold order: for each gold fact, the index of the first unused predicted fact
    that matches it (None: no predicted fact is left that matches)."""
    used = [False] * len(pred)
    out: list[int | None] = []
    for g in gold:
        found = next((k for k, p in enumerate(pred) if not used[k] and same(p, g)), None)
        if found is not None:
            used[found] = True
        out.append(found)
    return out


def match(pred: Sequence[Any], gold: Sequence[Any], same: Any) -> list[bool]:
    """One to one, in gold order; returns for each predicted fact whether it was matched."""
    used = [False] * len(pred)
    for k in pairs(pred, gold, same):
        if k is not None:
            used[k] = True
    return used


@dataclass
class Tally:
    """Matched, predicted and gold counts of one kind, and (confidence, right) per prediction."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    outcomes: list[tuple[float, bool]] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pairs: Iterable[tuple[Facts, Facts]]) -> dict[str, Tally]:
    """Tallies by kind over (predicted, gold) pairs, one pair per story."""
    tallies = {k: Tally() for k in KINDS}
    rules = matchers()
    for pred, gold in pairs:
        for kind, (attr, same) in rules.items():
            ps, gs = getattr(pred, attr), getattr(gold, attr)
            used = match(ps, gs, same)
            t = tallies[kind]
            t.matched += sum(used)
            t.predicted += len(ps)
            t.gold += len(gs)
            t.outcomes.extend((p.confidence, u) for p, u in zip(ps, used, strict=True))
    return tallies


def figures(tallies: dict[str, Tally], prefix: str = "") -> dict[str, float]:
    """``{kind}_precision/recall/f1`` for every kind, and ``mean_f1`` over the headline kinds."""
    out: dict[str, float] = {}
    for kind in KINDS:
        p, r, f = tallies[kind].prf()
        out[f"{prefix}{kind}_precision"] = p
        out[f"{prefix}{kind}_recall"] = r
        out[f"{prefix}{kind}_f1"] = f
    out[f"{prefix}mean_f1"] = sum(tallies[k].prf()[2] for k in HEADLINE) / len(HEADLINE)
    return out


def calibration_error(outcomes: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error: |share right - mean confidence| per bin, weighted by bin size."""
    if not outcomes:
        return 0.0
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for conf, right in outcomes:
        groups[min(bins - 1, max(0, int(conf * bins)))].append((conf, right))
    total = 0.0
    for g in groups:
        if g:
            mean_conf = sum(c for c, _ in g) / len(g)
            acc = sum(1 for _, r in g if r) / len(g)
            total += abs(acc - mean_conf) * len(g)
    return total / len(outcomes)


# --- the two sides ------------------------------------------------------------------------


class GoldError(ValueError):
    """A gold file whose quoted strings are not in its story."""


def _find(text: str, needle: str, what: str, within: tuple[int, int] | None = None) -> tuple[int, int]:
    lo, hi = within or (0, len(text))
    k = text.find(needle, lo, hi)
    if k < 0 or not needle:
        raise GoldError(f"{what} not in the text: {needle[:60]!r}")
    return k, k + len(needle)


def gold_facts(gold: dict[str, Any], text: str) -> Facts:
    """A newsfacts@1 file as facts; every argument name stands for all names of its entity."""
    groups = [entity_names(e) for e in gold.get("entities", [])]

    def names(name: str) -> Names:
        f = fold(name)
        for g in groups:
            if f in g:
                return g
        return frozenset({f}) if f else frozenset()

    entities = tuple(Entity(g, e["kind"]) for g, e in zip(groups, gold.get("entities", []), strict=True))
    claims = []
    for c in gold.get("claims", []):
        s, e = _find(text, c["content"], "claim content")
        claims.append(Claim(s, e, names(c["speaker"])))
    events = []
    for v in gold.get("events", []):
        sent = _find(text, v["sentence"], "event sentence")
        trig = _find(text, v["trigger"], "event trigger", within=sent)
        events.append(
            Event(
                trig,
                v["type"],
                tuple(names(a) for a in v.get("source") or ()),
                tuple(names(a) for a in v.get("target") or ()),
                tuple(names(a) for a in v.get("participants") or ()),
            )
        )
    relations = [
        Relation(_find(text, r["evidence"], "relation evidence"), r["type"], names(r["subject"]), names(r["object"]))
        for r in gold.get("relations", [])
    ]
    return Facts(entities, tuple(claims), tuple(events), tuple(relations))


def predicted_facts(x: dict[str, Any]) -> Facts:
    """newsgraph's contract output (one document's JSON object) as facts."""
    ents = {e["id"]: e for e in x.get("entities", [])}

    def names_of(eid: str | None) -> Names:
        e = ents.get(eid or "")
        return entity_names(e) if e else frozenset()

    def arg(a: dict[str, Any] | None) -> Names:
        if not a:
            return frozenset()
        return frozenset(n for n in {fold(a["text"]), *names_of(a.get("entity"))} if n)

    def conf(r: dict[str, Any]) -> float:
        c = r.get("confidence")
        return 1.0 if c is None else float(c)

    entities = tuple(Entity(entity_names(e), e["kind"], conf(e)) for e in x.get("entities", []) if e.get("mentions"))
    claims = tuple(Claim(c["start"], c["end"], arg(c.get("speaker")), conf(c)) for c in x.get("claims", []))
    events = tuple(
        Event(
            (v["trigger"]["start"], v["trigger"]["end"]),
            v["type"],
            tuple(arg(a) for a in v.get("source", [])),
            tuple(arg(a) for a in v.get("target", [])),
            tuple(arg(a) for a in v.get("participants", [])),
            conf(v),
        )
        for v in x.get("events", [])
    )
    relations = tuple(
        Relation(
            (r["evidence"]["start"], r["evidence"]["end"]), r["type"], arg(r["subject"]), arg(r["object"]), conf(r)
        )
        for r in x.get("relations", [])
    )
    return Facts(entities, claims, events, relations)
