"""Attacks named by what delivers them: "Near Mosul, five strikes engaged four ISIL tactical
units; destroyed three ISIL-held buildings, two vehicles and a VBIED; and damaged 29 supply
routes".

Strike reports (CENTCOM, coalition and ministry releases) give no attacker as the subject of
each line, only the strikes, and the targets are things, not named actors. Read as dstl re3d
does, the strikes fight each target (``fights``), and the clause's place holds the strikes and
every target (``located_in``, attached by the locative stage). Arguments are noun phrases with no
entity unless the phrase is a named mention ("ISIL" in "ISIL tactical units" stays the phrase's
modifier: the unit is not ISIL itself). Word lists: ``attack_nouns`` and ``attack_verbs`` in
``relation_patterns.yaml``, plus the ``fights`` verbs of ``relations.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.annotate.parsed import Token
from newsgraph.extract.events import OBJECTS, SUBJECTS, Frame
from newsgraph.extract.relation_patterns import RelationPatterns
from newsgraph.ontology import RelationOntology, events
from newsgraph.records import Arg


@dataclass(frozen=True)
class Attack:
    """The attack of one clause: what delivers it and everything it hits, over chained verbs."""

    attackers: tuple[Arg, ...]
    targets: tuple[Arg, ...]


def attack_of(frame: Frame, ont: RelationOntology, pat: RelationPatterns, verb: Token) -> Attack | None:
    """The attack stated by ``verb`` when its subject is an attack noun ("strikes engaged ..."),
    with the objects of the verbs chained to it ("...; destroyed X; and damaged Y")."""
    if not _attack_verb(ont, pat, verb):
        return None
    subject = _subject(frame, pat, verb)
    if subject is None or _not_military(frame, subject):
        return None
    attackers = tuple(phrase_arg(frame, j) for j in frame.conjuncts(subject.i))
    targets: dict[tuple[int, int], Arg] = {}
    for v in _chained(frame, ont, pat, verb):
        for c in frame.kids(v.i):
            if c.dep in OBJECTS:
                for j in _listed(frame, c.i):
                    a = phrase_arg(frame, j)
                    targets.setdefault((a.start, a.end), a)
    return Attack(attackers, tuple(targets.values())) if targets else None


def conducted(frame: Frame, pat: RelationPatterns, verb: Token) -> list[Arg]:
    """The attacks a verb says its subject carries out: "forces conducted 34 strikes", "jets
    flew sorties" (the attack phrases; the subject is read by the caller)."""
    if verb.pos != "VERB" or verb.lemma.lower() not in pat.conduct_verbs:
        return []
    out: list[Arg] = []
    for c in frame.kids(verb.i):
        if c.dep in OBJECTS:
            listed = _listed(frame, c.i)
            out.extend(phrase_arg(frame, j) for j in listed if frame.tok(j).lemma.lower() in pat.attack_nouns)
    return out


def phrase_arg(frame: Frame, i: int) -> Arg:
    """The noun phrase headed by token ``i`` (modifiers and head, no determiner or number) as an
    argument; its entity is the named mention's when the phrase is exactly that mention."""
    first, last = frame.noun_phrase(i)
    while first < i and frame.tok(first).dep in {"nummod", "det", "quantmod"}:
        first += 1
    k = frame.mention_at[i]
    if k >= 0 and frame.mention_first[k] <= first and frame.mention_last[k] >= last:
        return frame.arg(frame.mentions[k])
    return frame.span_arg(first, last)


def _not_military(frame: Frame, noun: Token) -> bool:
    """ "Rail strikes hit commuters", "a hunger strike": a modifier that makes the event ontology
    read the noun as another event (a labour strike, a hunger strike) makes it no attack."""
    modifiers = {c.lemma.lower() for c in frame.kids(noun.i) if c.dep in {"compound", "amod", "nmod", "poss"}}
    return any(t.dependent in modifiers and t.type != "ASSAULT" for t in events().nouns.get(noun.lemma.lower(), ()))


def _listed(frame: Frame, i: int) -> list[int]:
    """Token ``i`` and the nouns listed with it; the parser links a long list ("six stills, a
    VBIED, a bulldozer, a UAV, ...") by appositions as often as by conjunctions."""
    out = [i]
    stack = [i]
    while stack:
        k = stack.pop()
        named = frame.mention_at[k] >= 0  # "Sabboura, an area west of Damascus" describes one target
        for c in frame.kids(k):
            if (c.dep == "conj" or (c.dep == "appos" and not named)) and c.pos in {"NOUN", "PROPN"}:
                out.append(c.i)
                stack.append(c.i)
    return sorted(out)


def _attack_verb(ont: RelationOntology, pat: RelationPatterns, verb: Token) -> bool:
    lemma = verb.lemma.lower()
    return verb.pos == "VERB" and (lemma in pat.attack_verbs or ont.verb_type.get(lemma) == "fights")


def _subject(frame: Frame, pat: RelationPatterns, verb: Token) -> Token | None:
    """The attack-noun subject of ``verb``, or of the verb it is chained to ("engaged X and
    destroyed Y"); the parser may give a clause two subjects ("Near Mosul, strikes ...")."""
    v = verb
    for _ in range(4):
        subjects = [c for c in frame.kids(v.i) if c.dep in SUBJECTS]
        if subjects:
            return next((c for c in subjects if c.lemma.lower() in pat.attack_nouns), None)
        if v.dep != "conj" or v.head == v.i:
            return None
        v = frame.tok(v.head)
    return None


def _chained(frame: Frame, ont: RelationOntology, pat: RelationPatterns, verb: Token) -> list[Token]:
    """``verb`` and the attack verbs conjoined to it that have no subject of their own."""
    out = [verb]
    stack = [verb]
    while stack:
        v = stack.pop()
        for c in frame.kids(v.i):
            if c.dep == "conj" and _attack_verb(ont, pat, c) and not any(g.dep in SUBJECTS for g in frame.kids(c.i)):
                out.append(c)
                stack.append(c)
    return out
