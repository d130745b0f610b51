"""One document's entities as resolution takes them: which are actors, under which names, with
which rows of the alias table, and which fuller name of the same document a partial one stands for.

Decided from the document alone (its entities, their mentions, its text), before any actor is
looked up:

- **No actor**: an entity the text never names (the outlet that carries the story: the
  extraction adds it so that claims can say who reports them), one named only by demonyms and
  adjectives (``Kurdish``, ``Western``, ``pro-American``; NORP mentions), and a platform named
  only as the medium of what is said (``said on Twitter``, ``a WhatsApp message``; the platforms
  and the words around them are data in ``data/resolve.yaml``).
- **Names**: modifier words are dropped from the front of a name (``pro-Iran Hizbullah Brigades``
  -> ``Hizbullah Brigades``) and demonym aliases dropped (``US`` keeps ``United States``, not
  ``American``).
- **Alias rows** (``newsgraph.resolve.aliases``): the rows naming the entity; a short acronym's
  rows only where the document names the actor another way (another entity, or the text), and a
  fragment's (``Workers``) the row whose longer name the text holds (``Kurdistan Workers' party``).
- **Hosts**: a name followed by a bracketed acronym that the document gives another entity
  (``Protection Units (YPG)``, ``Kurdistan Workers' party (PKK)``) is that entity; a single given
  name or surname joins the full name the same document gives (``Assad``
  with ``Bashar al-Assad``, ``Donald`` with ``Donald Trump``, and a one-word 'organisation'
  ``Trump`` with ``Donald Trump``: the surname of a person named in full beside it is that
  person, whatever the NER called the one word); a person's name that is the end of a fuller one
  (``Tayyip Erdoğan``) that fuller name; a part of an organisation's name (``Democratic Forces``,
  ``Protection Units``, ``Department``) the one organisation of the document whose name holds it
  after its first word. Two candidates make it ambiguous: it then joins neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsgraph.resolve import aliases
from newsgraph.resolve.decide import EntityRef
from newsgraph.resolve.forms import Form, is_modifier, kind_group, lexicon, plain_text, strip_modifiers
from newsgraph.store.actors import MentionSpan, StoredEntity

BEFORE = 40
"""Characters read before a platform's mention for the words that make it a medium ("said on")."""
AFTER = 30


@dataclass(frozen=True)
class Prepared:
    """A document's entities, ready to resolve."""

    entities: list[EntityRef]
    """The entities that are actors, those standing for a fuller name of the document last."""
    hosts: dict[str, tuple[str, ...]]
    """Entity id -> the ids of the entities of the document whose fuller name it may stand for
    (one: it is that actor; several: it is ambiguous)."""
    defined: dict[str, str]
    """Entity id -> the acronym in brackets after it, when that is what makes its host."""
    skipped: dict[str, str]
    """Entity id -> why it is no actor."""


def entity_ref(e: StoredEntity, name: str | None = None, aliases_: tuple[str, ...] | None = None) -> EntityRef:
    return EntityRef(
        doc_id=e.doc_id,
        entity_id=e.entity_id,
        name=e.name if name is None else name,
        kind=e.kind,
        aliases=e.aliases if aliases_ is None else aliases_,
        country=e.country,
        feature=e.feature,
        attributes=e.attributes,
        mentions=e.mentions,
        published=e.published,
    )


def prepare(stored: Sequence[StoredEntity], text: str) -> Prepared:
    """The document's entities as resolution takes them (see the module docstring)."""
    refs: list[EntityRef] = []
    skipped: dict[str, str] = {}
    for e in stored:
        why = _no_actor(e, text)
        if why:
            skipped[e.entity_id] = why
            continue
        ref = _named(e)
        if ref is None:
            skipped[e.entity_id] = "named only by demonyms or adjectives"
        else:
            refs.append(ref)
    plain = plain_text(text)
    keys = {f.exact_key for r in refs for f in r.forms}
    refs = [_with_groups(r, plain, keys) for r in refs]
    defined: dict[str, str] = {}
    hosts = _hosts(refs, {e.entity_id: e.spans for e in stored}, text, defined)
    order = sorted(refs, key=lambda r: (r.entity_id in hosts, r.is_partial_person, _id_order(r.entity_id)))
    return Prepared(order, hosts, defined, skipped)


def _id_order(entity_id: str) -> tuple[int, str]:
    digits = entity_id.lstrip("e")
    return (int(digits), "") if digits.isdigit() else (0, entity_id)


# --- no actor ----------------------------------------------------------------------------------


def _no_actor(e: StoredEntity, text: str) -> str | None:
    if not e.spans:
        return "not named in the text (the outlet carrying the story)"
    if all(_modifier_span(s) for s in e.spans):
        return "named only by demonyms or adjectives"
    if plain_text(e.name) in lexicon().platforms and all(_as_medium(s, text) for s in e.spans):
        return "a platform named only as the medium of what is said"
    return None


def _modifier_span(s: MentionSpan) -> bool:
    return s.type == "NORP" or is_modifier(s.text)


def _as_medium(s: MentionSpan, text: str) -> bool:
    """``said on Twitter``, ``sent over WhatsApp``, ``a Twitter account``, ``a WhatsApp message``."""
    lex = lexicon()
    after = plain_text(text[s.end : s.end + AFTER]).split()
    if after and after[0] in lex.medium_after:
        return True
    before = " " + plain_text(text[max(0, s.start - BEFORE) : s.start])
    return any(before.endswith(" " + phrase) for phrase in lex.medium_before)


def _named(e: StoredEntity) -> EntityRef | None:
    """The entity under its names (its name, its aliases and the words of its mentions: the text
    may name it ``YPG`` where the extraction kept only ``People's Protection Units``) without
    modifiers; None when no name is left."""
    modifier_only = {s.text for s in e.spans if _modifier_span(s)} - {s.text for s in e.spans if not _modifier_span(s)}
    kept: list[str] = []
    for text in dict.fromkeys((e.name, *e.aliases, *(s.text for s in e.spans))):
        if text in modifier_only or is_modifier(text):
            continue
        clean = strip_modifiers(text)
        if clean and clean not in kept:
            kept.append(clean)
    if not kept:
        return None
    return entity_ref(e, kept[0], tuple(kept[1:]))


# --- alias rows --------------------------------------------------------------------------------


def _with_groups(r: EntityRef, plain: str, keys: set[str]) -> EntityRef:
    if kind_group(r.kind) in ("person", "territory"):
        return r
    found: set[str] = set()
    whys: list[str] = []
    for f in r.forms:
        found.update(aliases.name_groups(f))
    for f in r.forms:
        for gid in aliases.acronym_groups(f):
            if gid in found:
                continue
            name = aliases.named_in(gid, plain, keys - {f.exact_key})
            if name:
                found.add(gid)
                whys.append(f"the acronym {f.text!r} is corroborated by {name!r} in the same document")
    if not found and not any(aliases.known(f) for f in r.forms):
        fragments: dict[str, str] = {}
        for f in r.forms:
            fragments.update(aliases.fragment_groups(f, plain))
        if len(fragments) == 1:
            gid, name = next(iter(fragments.items()))
            found.add(gid)
            whys.append(f"{r.name!r} is part of {name!r} in the text")
    if not found:
        return r
    return replace(r, groups=frozenset(found), groups_why="; ".join(whys))


# --- hosts -------------------------------------------------------------------------------------


_DEFINED = re.compile(r"^[’']?(?:\s+[a-z][\w’']*){0,2}\s*\(([^()]{2,12})\)")
"""After a name: up to two lower-case words and an acronym in brackets ("’ party (PKK)")."""


def _hosts(
    refs: list[EntityRef], spans: dict[str, tuple[MentionSpan, ...]], text: str, defined: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """Entity id -> the entities it may stand for (see :class:`Prepared`); ``defined`` gets the
    acronyms that make a host."""
    candidates: dict[str, list[str]] = {}
    by_surface: dict[str, set[str]] = {}
    for r in refs:
        for s in spans.get(r.entity_id, ()):
            by_surface.setdefault(s.text, set()).add(r.entity_id)
    # who may stand for whom is looked up by word: the entities holding each name word
    holding: dict[str, set[int]] = {}
    for i, h in enumerate(refs):
        for g in h.forms:
            for word in g.core:
                holding.setdefault(word, set()).add(i)
    for r in refs:
        acronym, found = _defined_by(r, spans.get(r.entity_id, ()), text, by_surface)
        if found:
            defined[r.entity_id] = acronym
        elif _may_stand_for_another(r):
            longest = max(f.words for f in r.forms)
            fullest = [f for f in r.forms if f.words == longest]  # "Donald Trump" is no one's alias "Trump"
            near = set.intersection(*(holding.get(w, set()) for w in fullest[0].core)) if len(fullest) == 1 else None
            pool = [refs[i] for i in sorted(near)] if near is not None else refs
            found = [h.entity_id for h in pool if h is not r and _stands_for(r, fullest, h)]
        if found:
            candidates[r.entity_id] = found

    def root(entity_id: str, depth: int = 0) -> str:
        up = candidates.get(entity_id)
        if not up or len(set(up)) != 1 or depth > 3:
            return entity_id
        return root(up[0], depth + 1)

    return {eid: tuple(dict.fromkeys(root(h) for h in found)) for eid, found in candidates.items()}


def _defined_by(
    r: EntityRef, spans: tuple[MentionSpan, ...], text: str, by_surface: dict[str, set[str]]
) -> tuple[str, list[str]]:
    """The acronym in brackets after a mention of ``r`` and the other entities it names
    (``Protection Units (YPG)``: the NER split one name from its acronym). Organisations only,
    not named in the alias table themselves."""
    if kind_group(r.kind) not in ("organisation", "other") or any(aliases.known(f) for f in r.forms):
        return "", []
    for s in spans:
        m = _DEFINED.match(text[s.end : s.end + 40])
        if m:
            acronym = m.group(1).strip()
            found = sorted(by_surface.get(acronym, set()) - {r.entity_id})
            if found:
                return acronym, found
    return "", []


def _may_stand_for_another(r: EntityRef) -> bool:
    """Neither a place nor a name the alias table knows (``Isis`` is a name of its own)."""
    return kind_group(r.kind) != "territory" and bool(r.forms) and not any(aliases.known(f) for f in r.forms)


def _stands_for(r: EntityRef, fullest: list[Form], h: EntityRef) -> bool:
    """Whether ``r``, by its ``fullest`` forms, may be a partial name of ``h`` (see the module docstring)."""
    group, host_group = kind_group(r.kind), kind_group(h.kind)
    if host_group == "territory":
        return False
    if host_group == "person":
        return any(_person_part(f, g, person=group == "person") for f in fullest for g in h.forms)
    if group in ("organisation", "other") and host_group in ("organisation", "other"):
        return any(_inside(f, g) for f in fullest for g in h.forms)
    return False


def _person_part(f: Form, g: Form, *, person: bool) -> bool:
    """``Assad`` / ``Bashar`` of ``Bashar al-Assad``, ``Tayyip Erdoğan`` of ``Recep Tayyip Erdoğan``;
    a one word named as no person (``Trump`` the 'organisation') only as the surname."""
    if g.words < 2 or g.words <= f.words or " " not in g.text.strip():
        return False  # "Aleppo-Hama" is no one's full name
    if f.words == 1:
        word = f.core[0]
        return word == g.core[-1] or (person and word == g.core[0])
    return person and g.core[-f.words :] == f.core


OF = frozenset({"of", "for", "the", "de", "du", "des", "del", "di"})
"""Particles after which the words of a name name another thing (``Library of Congress``)."""


def _inside(f: Form, g: Form) -> bool:
    """``Democratic Forces`` in ``Syrian Democratic Forces``: the words of ``f`` in a row in ``g``,
    not at its start (``Hamas`` is not ``Hamas political bureau``) nor after ``of`` (``Congress``
    is not the ``Library of Congress``)."""
    n = f.words
    if not 0 < n < g.words:
        return False
    tokens = g.name.tokens
    core_at = [i for i, t in enumerate(tokens) if t in g.name.core]
    for i in range(1, g.words - n + 1):
        if g.core[i : i + n] != f.core:
            continue
        before = tokens[core_at[i - 1] + 1 : core_at[i]]
        if not any(t.text in OF for t in before):
            return True
    return False
