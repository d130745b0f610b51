"""Stage: relations of one document: lasting ties between actors, each with its sentence.

Cue words come from ``newsgraph/data/ontology/relations.yaml``; arguments are read off the
dependency parse with the same :class:`~newsgraph.extract.events.Frame` as events use:

- titles before a name: "senior Hamas representative Naji Zaheer" (represents, has_role),
  "LeT operative Rashid Ali Sandhu" (member_of), "US President Donald Trump" (leads, has_role);
- appositions and participles: "Trump, acting as chair of the organisation" (has_role, leads);
- "Pakistan-based groups", "groups based in Pakistan" (based_in);
- verbs: "groups operating openly on Pakistani soil" (operates_in), "X attacked Y" (fights);
- relational nouns: "the nexus between Hamas and ..." (allied_with), "talks with" ...;
- places: "Gujranwala in Pakistan", "Pakistan's Gujranwala", "Mosul, Iraq" (located_in);
- aliases: "Lashkar-e-Taiba (LeT)", "X, also known as Y" (alias_of).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from newsgraph.annotate.parsed import Annotation, Sentence, Token
from newsgraph.extract.events import OBJECTS, Frame, _modality
from newsgraph.ontology import RelationOntology, events, relations
from newsgraph.records import Arg, Extraction, Relation, SentenceSpan

ROLE_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
PAIR_PREPOSITIONS = frozenset({"with", "between", "against", "to", "among", "and"})
ALIAS_PHRASES = (("also", "known", "as"), ("known", "as"), ("aka",), ("a.k.a.",), ("alias",), ("formerly",))
RELATION_MODALITY = {"planned": "speculative"}


@dataclass(frozen=True)
class _Found:
    type: str
    subject: Arg
    object: Arg
    cue: int
    """Token whose wording decides modality and claim."""


def find_relations(annotation: Annotation, x: Extraction) -> tuple[Relation, ...]:
    """The document's relations, in text order, one per (type, subject, object) and sentence."""
    if not annotation.tokens:
        return ()
    ont = relations()
    frame = Frame.of(annotation, x)
    out: list[Relation] = []
    seen: set[tuple[str, int, int, int, int]] = set()
    for sentence in annotation.sentences:
        for f in _sentence_relations(frame, ont, sentence):
            s, o = f.subject, f.object
            same = s.entity is not None and s.entity == o.entity and f.type != "alias_of"
            if (s.start < o.end and o.start < s.end) or same:
                continue
            if ont.types[f.type].symmetric and (o.start, o.end) < (s.start, s.end):
                s, o = o, s
            key = (f.type, s.start, s.end, o.start, o.end)
            if key in seen:
                continue
            seen.add(key)
            modality = _modality(frame, events(), f.cue)
            out.append(
                Relation(
                    id=f"r{len(out) + 1}",
                    type=f.type,
                    subject=s,
                    object=o,
                    evidence=SentenceSpan(sentence.start, sentence.end),
                    modality=RELATION_MODALITY.get(modality, modality),
                    claim=frame.claim_of(frame.tok(f.cue).start),
                )
            )
    return tuple(out)


def _sentence_relations(frame: Frame, ont: RelationOntology, sentence: Sentence) -> list[_Found]:
    found: list[_Found] = []
    toks = frame.annotation.sentence_tokens(sentence)
    for t in toks:
        lemma = t.lemma.lower()
        k = frame.mention_at[t.i]
        if k >= 0 and frame.mention_last[k] == t.i:
            found.extend(_titles(frame, ont, t, k))
            found.extend(_places(frame, t, k))
            found.extend(_aliases(frame, t, k))
        if t.pos == "VERB" and lemma in ont.participle_type and t.dep in {"amod", "acl"}:
            found.extend(_participle(frame, ont, t))
        if t.pos == "VERB":
            found.extend(_verb(frame, ont, t))
        if t.pos == "NOUN" and lemma in ont.noun_type:
            found.extend(_noun(frame, ont, t))
        if t.pos in {"NOUN", "PROPN"} and k < 0 and lemma in frame.lexicon.nouns:
            found.extend(_actor_in_place(frame, t))
    return found


def _role_of(frame: Frame, ont: RelationOntology, tokens: list[Token]) -> tuple[str, int, int] | None:
    """The role named by title words before a name: (relation type, first token, last token)."""
    for a, b in itertools.pairwise(tokens):
        two = f"{a.lemma.lower()} {b.lemma.lower()}"
        if two in ont.role_type:
            return ont.role_type[two], a.i, b.i
    for a in reversed(tokens):
        if a.lemma.lower() in ont.role_type or a.text.lower() in ont.role_type:
            return ont.role_type.get(a.lemma.lower()) or ont.role_type[a.text.lower()], a.i, a.i
    return None


def _titles(frame: Frame, ont: RelationOntology, head: Token, k: int) -> list[_Found]:
    """ "senior Hamas representative Naji Zaheer", "Trump, acting as chair of the organisation",
    "Votel, commander of U.S. Central Command"."""
    m = frame.mentions[k]
    if m.type != "PERSON":
        return []
    person = frame.arg(m)
    out: list[_Found] = []
    first = frame.mention_first[k]
    # title words before the name, inside the same noun phrase
    title: list[Token] = []
    j = first - 1
    while j >= 0 and frame.tok(j).sent == head.sent and frame.tok(j).dep in ROLE_MODIFIERS | {"compound"}:
        title.insert(0, frame.tok(j))
        j -= 1
    if title:
        role = _role_of(frame, ont, [t for t in title if frame.mention_at[t.i] < 0])
        groups = [frame.mention(t.i) for t in title if frame.is_actor_mention(frame.mention(t.i))]
        if role is not None:
            rtype, a, b = role
            out.append(_Found("has_role", person, frame.span_arg(a, b), a))
            for g in dict.fromkeys(groups):
                if g is not None and g.type != "PERSON":
                    out.append(_Found(rtype, person, frame.arg(g), a))
    # appositions and "acting as" clauses after the name
    for c in frame.kids(head.i):
        role_head = None
        if c.dep == "appos":
            role_head = c.i
        elif c.dep in {"acl", "relcl"} and c.lemma.lower() in {"act", "serve", "work"}:
            for p in frame.kids(c.i):
                if p.dep == "prep" and p.lemma == "as":
                    role_head = next((q.i for q in frame.kids(p.i) if q.dep == "pobj"), None)
        if role_head is None:
            continue
        role_tok = frame.tok(role_head)
        role_rel = ont.role_type.get(role_tok.lemma.lower())
        if role_rel is None or frame.mention_at[role_head] >= 0:
            continue
        sub = frame.annotation.subtree(role_head)
        first_i = next((t.i for t in sub if t.dep != "det"), role_head)
        out.append(_Found("has_role", person, frame.span_arg(first_i, sub[-1].i), role_head))
        for p in frame.kids(role_head):
            if p.dep == "prep" and p.lemma in {"of", "for", "at"}:
                for q in frame.kids(p.i):
                    if q.dep == "pobj":
                        out.extend(_Found(role_rel, person, g, role_head) for g in frame.actor_args(q.i))
            if p.dep in ROLE_MODIFIERS and p.i < role_head and frame.is_actor_mention(frame.mention(p.i)):
                g2 = frame.mention(p.i)
                if g2 is not None:
                    out.append(_Found(role_rel, person, frame.arg(g2), role_head))
    return out


def _places(frame: Frame, t: Token, k: int) -> list[_Found]:
    """ "Gujranwala in Pakistan", "Pakistan's Gujranwala", "Mosul, Iraq"."""
    m = frame.mentions[k]
    if not frame.is_place_mention(m):
        return []
    inner = frame.arg(m)
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep == "poss" and frame.is_place_mention(frame.mention(c.i)):
            outer = frame.mention(c.i)
            if outer is not None and outer.type == "GPE":
                out.append(_Found("located_in", inner, frame.arg(outer), c.i))
        if c.dep == "prep" and c.lemma.lower() in {"in", "near", "inside", "within"}:
            for p in frame.kids(c.i):
                outer = frame.mention(p.i)
                if p.dep == "pobj" and frame.is_place_mention(outer) and outer is not None:
                    out.append(_Found("located_in", inner, frame.arg(outer), c.i))
    # "Quetta in Pakistan" wherever the parser attached the preposition
    nxt = frame.mention_last[k] + 1
    if nxt + 1 < len(frame.annotation.tokens) and frame.tok(nxt).lemma.lower() in {"in", "near"}:
        outer = frame.mention(nxt + 1)
        if outer is not None and outer.type == "GPE" and frame.mention_first[frame.mention_at[nxt + 1]] == nxt + 1:
            out.append(_Found("located_in", inner, frame.arg(outer), nxt))
    # "Mosul, Iraq": a comma and a place right after
    nxt = frame.mention_last[k] + 1
    if nxt + 1 < len(frame.annotation.tokens) and frame.tok(nxt).text == ",":
        outer = frame.mention(nxt + 1)
        if outer is not None and outer.type == "GPE" and m.type in {"GPE", "LOC", "FAC"}:
            after = frame.mention_last[frame.mention_at[nxt + 1]] + 1
            ends = after >= len(frame.annotation.tokens) or frame.tok(after).pos in {"PUNCT", "ADP", "CCONJ"}
            dep = frame.tok(nxt + 1).dep
            last = after >= len(frame.annotation.tokens)
            listed = not last and frame.tok(after).text in {",", "and", "or"}
            if ends and not listed and dep in {"appos", "npadvmod"}:
                out.append(_Found("located_in", inner, frame.arg(outer), nxt))
    return out


def _aliases(frame: Frame, t: Token, k: int) -> list[_Found]:
    """ "Lashkar-e-Taiba (LeT)", "Daesh, also known as ISIL"."""
    m = frame.mentions[k]
    if not frame.is_actor_mention(m):
        return []
    toks = frame.annotation.tokens
    i = frame.mention_last[k] + 1
    out: list[_Found] = []
    if i + 2 < len(toks) and toks[i].text == "(":
        other = frame.mention(i + 1)
        if other is not None and frame.mention_last[frame.mention_at[i + 1]] + 1 < len(toks):
            close = frame.mention_last[frame.mention_at[i + 1]] + 1
            if toks[close].text == ")" and other.text != m.text and frame.is_actor_mention(other):
                out.append(_Found("alias_of", frame.arg(m), frame.arg(other), i))
    j = i + 1 if i < len(toks) and toks[i].text == "," else i
    for phrase in ALIAS_PHRASES:
        words = [w.text.lower() for w in toks[j : j + len(phrase)]]
        if tuple(words) == phrase:
            other = frame.mention(j + len(phrase))
            if other is not None and frame.is_actor_mention(other):
                out.append(_Found("alias_of", frame.arg(m), frame.arg(other), j))
            break
    return out


def _participle(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "Pakistan-based terrorist groups", "MEMRI, based in Washington"."""
    rtype = ont.participle_type[t.lemma.lower()]
    places: list[Arg] = []
    for c in frame.kids(t.i):
        if c.dep in {"npadvmod", "compound", "nmod"} and c.i < t.i:
            places.extend(a for a in frame.actor_args(c.i, nominal=False) if _is_place_arg(frame, a))
        if c.dep == "prep" and c.lemma.lower() in {"in", "at", "out"}:
            for p in frame.kids(c.i):
                if p.dep == "pobj":
                    places.extend(a for a in frame.actor_args(p.i, nominal=False) if _is_place_arg(frame, a))
    if not places:
        return []
    subjects = frame.actor_args(t.head)
    return [_Found(rtype, s, p, t.i) for s in subjects for p in places]


def _is_place_arg(frame: Frame, a: Arg) -> bool:
    tok = frame.annotation.token_at(a.start)
    return tok is not None and frame.is_place_mention(frame.mention(tok.i))


def _territory(frame: Frame, i: int) -> list[Arg]:
    """A place named by a prepositional object: "in Pakistan", "on Pakistani soil", "on its soil"."""
    t = frame.tok(i)
    m = frame.mention(i)
    if frame.is_place_mention(m) and m is not None:
        return [frame.arg(m)]
    if t.lemma.lower() not in frame.lexicon.territory_nouns:
        return []
    for c in frame.kids(i):
        mc = frame.mention(c.i)
        if c.dep in {"amod", "poss", "compound"} and mc is not None and mc.type in {"GPE", "NORP"}:
            return [frame.arg(mc)]
        if c.dep == "poss" and c.pos == "PRON":
            j = c.i - 1
            while j >= 0 and frame.tok(j).sent == t.sent:
                mj = frame.mention(j)
                if mj is not None and mj.type == "GPE":
                    return [frame.span_arg(c.i, c.i, mj.entity)]
                j -= 1
    return []


def _verb(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "X attacked Y", "X met with Y", "groups operating on Pakistani soil"."""
    lemma = t.lemma.lower()
    kids = frame.kids(t.i)
    rtype = None
    for c in kids:
        if c.dep in {"prt", "prep"} and f"{lemma} {c.lemma.lower()}" in ont.verb_type:
            rtype = ont.verb_type[f"{lemma} {c.lemma.lower()}"]
    rtype = rtype or ont.verb_type.get(lemma)
    if rtype is None or rtype in {"based_in", "has_role", "alias_of"}:
        return []
    if any(c.dep in {"nsubjpass", "auxpass"} for c in kids):
        return []
    subjects, _ = frame.subjects(t.i)
    if not subjects:
        return []
    objects: list[Arg] = []
    place_like = rtype in {"operates_in", "located_in"}
    for c in kids:
        if c.dep in OBJECTS and not place_like:
            objects.extend(frame.actor_args(c.i))
        if c.dep == "prep":
            prep = c.lemma.lower()
            for p in frame.kids(c.i):
                if p.dep != "pobj":
                    continue
                if place_like and prep in {"in", "on", "from", "inside", "across", "throughout", "within"}:
                    objects.extend(_territory(frame, p.i))
                elif not place_like and prep in {"with", "against", "to", "for"}:
                    objects.extend(frame.actor_args(p.i))
    return [_Found(rtype, s, o, t.i) for s in subjects for o in objects]


def _noun(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "the nexus between Hamas and X", "Hamas's alliance with Y", "talks with Z"."""
    rtype = ont.noun_type[t.lemma.lower()]
    if rtype in {"based_in", "operates_in", "located_in", "alias_of", "has_role"}:
        return []
    left: list[Arg] = []
    for c in frame.kids(t.i):
        if c.i < t.i and c.dep in {"poss", "compound", "amod"} and frame.is_actor_mention(frame.mention(c.i)):
            left.extend(frame.actor_args(c.i, nominal=False))
    head = frame.tok(t.head)
    if not left and t.dep in OBJECTS and head.pos == "VERB":
        left = frame.subjects(head.i)[0]
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep != "prep" or c.lemma.lower() not in PAIR_PREPOSITIONS:
            continue
        for p in frame.kids(c.i):
            if p.dep != "pobj":
                continue
            right = frame.actor_args(p.i)
            if c.lemma.lower() == "between" and not left and len(right) >= 2:
                out.extend(_Found(rtype, right[0], o, t.i) for o in right[1:])
            else:
                out.extend(_Found(rtype, s, o, t.i) for s in left for o in right)
    return out


def _actor_in_place(frame: Frame, t: Token) -> list[_Found]:
    """ "ISIL fighters in Iraq", "Hamas representatives in Pakistan": an actor noun with a place."""
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep == "prep" and c.lemma.lower() in {"in", "near", "inside"}:
            places = [a for p in frame.kids(c.i) if p.dep == "pobj" for a in _territory(frame, p.i)]
            if places:
                for s in frame.actor_args(t.i):
                    out.extend(_Found("located_in", s, p, c.i) for p in places)
    return out
