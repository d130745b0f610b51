"""Whether one entity of a document is an actor already known: a score, a method and the reason.

The rules, strongest first:

1. **Country**: a state or country-level place with the same ISO code (``US``, ``United
   States``) is the same actor; different codes are never merged.
2. **Exact**: a form of the entity reads the same as a form of the actor once normalised
   (transliterated, lower-cased, particles and legal forms aside). For a one-word person name
   (``Mohammad``, ``Sharif``) this is not enough: see 5.
3. **Similar**: the watchlist's name comparison (aligned tokens, same consonant skeleton,
   spelling) scores at least ``ACCEPT``: ``Lashkar-e-Tayyiba`` ~ ``Lashkar-e-Taiba``;
   ``Lashkar-e-Jhangvi`` scores 0.19 against it and stays apart.
4. **Acronym**: a mixed-case acronym whose lower-case letters fall on particles (``LeT``,
   ``JeM``), or a plain one (``PLA``) when it is the only actor it spells.
5. **Alias**: the entity and the actor are named by names of one row of the alias table
   (``Isis`` / ``Daesh``, ``Kurdistan Workers' Party`` / ``PKK``: ``newsgraph.resolve.aliases``);
   the resolver gives the entity its rows, a short acronym's only with corroboration.
6. **Partial**: across documents, a one-word person name that is the surname of a fuller name
   (``Sharif``, ``Shehbaz Sharif``), or two one-word names, needs the only such candidate
   **and** evidence: the same role or nationality, or another actor named in the same document
   that also appears with the candidate. Two "Mohammad"s with nothing in common stay two actors.
   The surname must be spelled the same (``Bashar`` is not ``Bashir``, ``Hassan`` not
   ``Hassane``); a given name alone never joins across documents. Inside one document a name
   joins the fuller name the document gives it (see ``newsgraph.resolve.resolver``), and a
   person's name that is the end of a fuller one (``Tayyip Erdoğan``, ``Recep Tayyip Erdoğan``)
   is that person.

Kinds must be compatible: a person is never an organisation (an exact name of two or more words
is still linked across kinds, the NER mislabels more often than two actors share a long name,
but such a link never merges two actors); people and places with different countries
(nationality) stay apart. A generic name (``Department``, ``Democratic Forces``) never matches
by itself: ``Defense Department`` and ``Justice Department`` share only their head.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from newsgraph.resolve import aliases
from newsgraph.resolve.forms import Form, compatible_kinds, country_key, forms, is_generic, kind_group
from newsgraph.watchlist.matcher import Comparison, acronym_of, compare_normalised
from newsgraph.watchlist.normalise import NAME, NUMBER, skeleton

ALIAS_FLOOR = 0.6
"""An alias of several words must score this much against the entity's name to be used: the
in-document grouping sometimes joins two people (``Tony Blair`` / ``Cherie Blair``)."""

ACCEPT = 0.85
"""Least name-comparison score for two forms to be one actor (phonetic variants score 0.89)."""
ACRONYM_CASED = 0.92
"""Score of ``LeT``-style acronyms in the name comparison (``newsgraph.watchlist.matcher``)."""
ESTABLISHED = 3
"""Documents from which an organisation absorbs a one-word 'person' of the same name
(the NER tags "Labour" or "Yukos" as a person now and then)."""
SPELLING_FLOOR = 0.55
"""Two words of the same sound (consonant skeleton) must share this much spelling to be variants:
Taiba/Tayyiba 0.71, Aleksey/Alexei 0.57 are; Ross/Rush 0.50, Courier/Carrey 0.43 are not."""
ALIAS_ROWS = "alias_row"
"""The actor attribute that counts the alias-table rows of its entities ({row id: documents})."""
MAX_ALIASES = 24
"""Only the most used forms of an actor are compared (its keys still hold every form)."""


@dataclass(frozen=True)
class EntityRef:
    """What resolution needs of one stored entity."""

    doc_id: str
    entity_id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    feature: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    mentions: int = 1
    published: str | None = None
    groups: frozenset[str] = frozenset()
    """Rows of the alias table naming it (given by the resolver: a short acronym's only where its
    document corroborates them)."""
    groups_why: str = ""
    """How it got its rows, for the link's reason."""

    @property
    def ref(self) -> str:
        return f"{self.doc_id}:{self.entity_id}"

    @cached_property
    def forms(self) -> tuple[Form, ...]:
        """The name and the aliases that fit it (see ``ALIAS_FLOOR``)."""
        all_forms = forms(self.name, self.aliases, person=kind_group(self.kind) == "person")
        if kind_group(self.kind) not in ("person", "organisation") or len(all_forms) < 2:
            return all_forms
        head = all_forms[0]
        kept = [head]
        for f in all_forms[1:]:
            if _fits(head, f, person=kind_group(self.kind) == "person"):
                kept.append(f)
        return tuple(kept)

    @property
    def nationality(self) -> str | None:
        if kind_group(self.kind) == "person":
            return self.attributes.get("nationality") or None
        return self.country

    @property
    def is_partial_person(self) -> bool:
        """A person known here by one name word only."""
        return kind_group(self.kind) == "person" and self.one_word

    @property
    def one_word(self) -> bool:
        """Known here by one name word only (whatever its kind)."""
        fs = self.forms
        return bool(fs) and max(f.words for f in fs) == 1

    @cached_property
    def generic(self) -> bool:
        """Named only by generic names (``Department``, ``the Army``) the alias table does not know."""
        return bool(self.forms) and all(is_generic(f) and not aliases.known(f) for f in self.forms)


@dataclass
class ActorState:
    """An actor as resolution sees it (a row of ``actors``, possibly not written yet)."""

    id: int
    name: str
    kind: str
    country: str | None
    aliases: dict[str, int]
    attributes: dict[str, dict[str, int]]
    first_seen: str | None = None
    last_seen: str | None = None
    documents: int = 0
    mentions: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    changed: bool = False
    _memo: dict[str, tuple[tuple[object, ...], object]] = field(default_factory=dict, repr=False, compare=False)
    """Forms and rows computed from the names, with the state they were computed from."""

    def _state(self) -> tuple[object, ...]:
        # alias counts only grow (a link adds one, a merge adds the other's): their sum, the number
        # of aliases and the name tell whether what was computed from them still holds
        return (
            self.name,
            self.kind,
            len(self.aliases),
            sum(self.aliases.values()),
            len(self.attributes.get(ALIAS_ROWS, {})),
        )

    def top_forms(self) -> list[Form]:
        state = self._state()
        memo = self._memo.get("forms")
        if memo is None or memo[0] != state:
            ranked = sorted(self.aliases.items(), key=lambda kv: (-kv[1], -len(kv[0])))[:MAX_ALIASES]
            found = list(forms(self.name, tuple(a for a, _ in ranked), person=kind_group(self.kind) == "person"))
            memo = self._memo["forms"] = (state, found)
        return memo[1]  # type: ignore[return-value]

    @property
    def is_partial_person(self) -> bool:
        return kind_group(self.kind) == "person" and self.one_word

    @property
    def one_word(self) -> bool:
        fs = self.top_forms()
        return bool(fs) and max(f.words for f in fs) == 1

    def groups(self) -> frozenset[str]:
        """Rows of the alias table naming it: those its entities had (``ALIAS_ROWS``), those of its
        names, and those of its short acronyms where one of its names is in the same row."""
        state = self._state()
        memo = self._memo.get("groups")
        if memo is None or memo[0] != state:
            own = forms(self.name, tuple(self.aliases), person=kind_group(self.kind) == "person")
            found = {g for f in own for g in aliases.name_groups(f)} | set(self.attributes.get(ALIAS_ROWS, {}))
            found |= {g for f in own for g in aliases.acronym_groups(f) if g in found}
            memo = self._memo["groups"] = (state, frozenset(found))
        return memo[1]  # type: ignore[return-value]

    def attribute_values(self, key: str) -> set[str]:
        return set(self.attributes.get(key, {}))


@dataclass(frozen=True)
class Verdict:
    """The outcome of comparing one entity with one actor."""

    accept: bool
    score: float
    method: str
    """country, exact, similar, acronym, partial, kind or none."""
    reason: str
    strong: bool = False
    """Good enough to merge two actors that both accept the entity (not partial, not plain acronym)."""
    needs_evidence: bool = False
    """A partial-name match waiting for evidence (see ``decide_partial``)."""


REJECT = Verdict(False, 0.0, "none", "no form alike")


def decide(entity: EntityRef, actor: ActorState) -> Verdict:
    """Compare ``entity`` with ``actor`` by name, kind and country (rules 1-6 of the module)."""
    e_country = country_key(entity.country, entity.feature, entity.kind)
    if e_country and kind_group(actor.kind) == "territory" and actor.country:
        a_country = "c:" + actor.country.upper()
        if e_country == a_country and _country_level(actor):
            return Verdict(True, 1.0, "country", f"same country {actor.country}", strong=True)
    e_nat, a_nat = entity.nationality, actor.country
    if e_nat and a_nat and e_nat.upper() != a_nat.upper():
        return Verdict(False, 0.0, "country", f"countries differ ({e_nat} vs {a_nat})")
    entity_forms = [f for f in entity.forms if not (is_generic(f) and not aliases.known(f))]
    actor_forms = [f for f in actor.top_forms() if not (is_generic(f) and not aliases.known(f))]
    kinds_ok = compatible_kinds(entity.kind, actor.kind)
    if not entity_forms or not actor_forms:  # generic names: only the alias table may join them
        return (_alias(entity, actor) if kinds_ok else None) or REJECT
    both_people = kind_group(entity.kind) == "person" and kind_group(actor.kind) == "person"
    people = kind_group(entity.kind) == "person" or kind_group(actor.kind) == "person"
    actor_keys = {f.exact_key: f for f in actor_forms}
    for f in entity_forms:
        other = actor_keys.get(f.exact_key)
        if other is None:
            continue
        if not kinds_ok:
            if f.words >= 2:
                return Verdict(True, 0.9, "exact", f"same name {f.text!r}; kinds differ ({entity.kind}, {actor.kind})")
            if entity.is_partial_person and actor.documents >= ESTABLISHED and kind_group(actor.kind) == "organisation":
                return Verdict(
                    True,
                    0.85,
                    "exact",
                    f"same name {f.text!r}: a one-word 'person' named as an {actor.kind} of "
                    f"{actor.documents} documents is taken to be it",
                )
            continue
        if people and f.words == 1:
            if not (entity.one_word or actor.one_word):
                continue  # two full names meeting on a surname: their full names decide
            one_each = both_people and entity.one_word and actor.one_word
            if one_each or _is_surname(f, actor_forms) or _is_surname(f, entity_forms):
                return Verdict(False, 0.8, "partial", f"one-word name {f.text!r} = {other.text!r}", needs_evidence=True)
            continue  # a given name alone ("Bashar", "Brett") never joins across documents
        if both_people and (conflict := _first_names_differ(entity_forms, actor_forms)):
            return Verdict(False, 0.5, "none", f"same name {f.text!r}, but {conflict}")
        return Verdict(True, 1.0, "exact", f"same name {f.text!r} = {other.text!r}", strong=f.words >= 2 or not people)
    if not kinds_ok:
        return Verdict(False, 0.0, "kind", f"kinds differ ({entity.kind} vs {actor.kind})")
    if both_people and (suffix := _name_end(entity_forms, actor_forms)):
        return Verdict(True, 0.9, "similar", suffix)
    best: Comparison | None = None
    best_pair: tuple[Form, Form] | None = None
    acronym: tuple[Comparison, Form, Form] | None = None
    for f in entity_forms:
        for g in actor_forms:
            if both_people and (f.words == 1 or g.words == 1):
                continue
            c = compare_normalised(f.name, g.name, acronyms=not both_people)
            if c.method == "acronym":
                if acronym is None or c.score > acronym[0].score:
                    acronym = (c, f, g)
            elif best is None or c.score > best.score:
                best, best_pair = c, (f, g)
    rejected: Verdict | None = None
    if best is not None and best_pair is not None and best.score >= ACCEPT:
        f, g = best_pair
        unlike = _clean(best, f, g) or (_first_names_differ(entity_forms, actor_forms) if both_people else None)
        if unlike is None:
            whole = not best.unmatched_left and not best.unmatched_right
            return Verdict(True, best.score, "similar", f"{f.text!r} ~ {g.text!r}: {best.explain()}", strong=whole)
        rejected = Verdict(False, best.score, "none", f"{f.text!r} vs {g.text!r}: {best.explain()}; {unlike}")
    if alias := _alias(entity, actor):
        return alias
    if acronym is not None:
        c, f, g = acronym
        if c.score >= ACRONYM_CASED:
            return Verdict(True, c.score, "acronym", f"{f.text!r} ~ {g.text!r}: {c.explain()}")
        rejected = rejected or Verdict(
            False,
            c.score,
            "acronym",
            f"{f.text!r} ~ {g.text!r}: {c.explain()}; a plain acronym is ambiguous without "
            "the full name in the same document",
        )
    if rejected is not None:
        return rejected
    if both_people and (entity.is_partial_person or actor.is_partial_person):
        if entity.is_partial_person:
            partial = _partial_names(tuple(entity_forms), actor_forms)
        else:
            partial = _partial_names(tuple(actor_forms), entity_forms)
        if partial:
            return Verdict(False, 0.7, "partial", partial, needs_evidence=True)
    if best is None or best_pair is None:
        return REJECT
    f, g = best_pair
    return Verdict(False, best.score, "none", f"{f.text!r} vs {g.text!r} scores {best.score:.2f}: {best.explain()}")


def _alias(entity: EntityRef, actor: ActorState) -> Verdict | None:
    """Rule 5: the entity and the actor share a row of the alias table."""
    shared = entity.groups & actor.groups()
    if not shared:
        return None
    row = aliases.group(min(shared))
    why = f"; {entity.groups_why}" if entity.groups_why else ""
    reason = f"{entity.name!r} and {actor.name!r} name one actor in the alias table: {row.label}{why}"
    return Verdict(True, 0.95, "alias", reason, strong=True)


def _is_surname(f: Form, forms: Sequence[Form]) -> bool:
    """Whether the one word of ``f`` is the last word of a fuller name among ``forms``."""
    word = f.name.core[0].text
    return any(g.words >= 2 and g.name.core[-1].text == word for g in forms)


def _name_end(entity_forms: Sequence[Form], actor_forms: Sequence[Form]) -> str | None:
    """``Tayyip Erdoğan`` and ``Recep Tayyip Erdoğan``: a name of two words or more that is the
    end of a longer one (never its start: ``Donald Trump`` is not ``Donald Trump Jr``)."""
    for f in entity_forms:
        for g in actor_forms:
            short, long_ = (f, g) if f.words < g.words else (g, f)
            if short.words >= 2 and long_.words > short.words and long_.core[-short.words :] == short.core:
                return f"{short.text!r} is the end of {long_.text!r}"
    return None


def _fits(head: Form, alias: Form, *, person: bool) -> bool:
    """Whether ``alias`` can name what ``head`` names (a word of it, its acronym, a variant, a name
    of its row in the alias table). A person's one-word alias must be one of the words of the
    name (``Barrett`` is no alias of ``Brett McGurk``)."""
    if alias.words == 1:
        token = alias.name.core[0]
        if any(t.text == token.text or (not person and t.skeleton == token.skeleton) for t in head.name.core):
            return True
        if not person and (acronym_of(alias.name, head.name) or acronym_of(head.name, alias.name)):
            return True
    elif compare_normalised(head.name, alias.name, acronyms=not person).score >= ALIAS_FLOOR:
        return True
    # two names of one row of the alias table ("People's Protection Units", "YPG")
    rows = aliases.name_groups(head)
    return not person and bool(rows) and bool(set(rows) & {*aliases.name_groups(alias), *aliases.acronym_groups(alias)})


def _clean(c: Comparison, f: Form, g: Form) -> str | None:
    """Why a high-scoring comparison is still not the same actor, or None.

    A name word or number left over on either side (``Air Force`` / ``Air Force One``, ``Bank of
    America`` / ``Bank of America Capital Management``), or a short word spelled differently
    (``New`` / ``News``), marks a different actor, not a variant.
    """
    roles = {t.text: t.role for t in (*f.name.tokens, *g.name.tokens)}
    for token in (*c.unmatched_left, *c.unmatched_right):
        if roles.get(token) == NUMBER or (roles.get(token) == NAME and len(token) > 1):
            return f"{token!r} is on one side only"
    for p in c.pairs:
        if p.how == "spelling" and min(len(p.left), len(p.right)) <= 4:
            return f"{p.left!r} and {p.right!r} are different short words"
        if p.how == "phonetic" and Levenshtein.normalized_similarity(p.left, p.right) < SPELLING_FLOOR:
            return f"{p.left!r} and {p.right!r} only sound alike"
    return None


def _first_names_differ(entity_forms: Sequence[Form], actor_forms: Sequence[Form]) -> str | None:
    """``Kieran Campbell`` and ``Kevin Campbell`` (or an actor known as ``K Campbell`` and ``Kevin
    Campbell``): the same surname with first names written out that are not the same name."""

    def firsts(forms: Sequence[Form]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for f in forms:
            core = f.name.core
            if len(core) >= 2 and len(core[0].text) > 1:
                out.setdefault(core[-1].text, set()).add(core[0].text)
        return out

    mine, theirs = firsts(entity_forms), firsts(actor_forms)
    for surname, names in mine.items():
        others = theirs.get(surname, set())
        if others and not any(_same_first(a, b) for a in names for b in others):
            return f"first names differ ({', '.join(sorted(names))} / {', '.join(sorted(others))})"
    return None


def _same_first(a: str, b: str) -> bool:
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return skeleton(a) == skeleton(b) or Levenshtein.normalized_similarity(a, b) >= 0.8


def _country_level(actor: ActorState) -> bool:
    return actor.kind == "state"


def _partial_names(short_side: tuple[Form, ...], long_side: Sequence[Form]) -> str | None:
    """A one-word form of the side known by one word that is the last word (the surname) of a
    fuller name of the other side, spelled the same once normalised (``Erdogan``/``Erdoğan``):
    across documents a sound-alike (``Bashar``/``Bashir``, ``Brett``/``Barrett``) or a given
    name is no evidence of one person."""
    for f in short_side:
        if f.words != 1:
            continue
        token = f.name.core[0]
        for g in long_side:
            core = g.name.core
            if len(core) >= 2 and core[-1].text == token.text:
                return f"one-word name {f.text!r} is the surname of {g.text!r}"
    return None


def evidence(entity: EntityRef, actor: ActorState, shared_actors: list[str]) -> str | None:
    """Why a partial-name match holds, or None: same role, same nationality, shared company.

    ``shared_actors`` are the people and organisations named both in the entity's document and
    with the actor elsewhere, already reduced by the caller to those that count (two or more,
    or one that is no hub)."""
    role = entity.attributes.get("role")
    if role and role.lower() in {r.lower() for r in actor.attribute_values("role")}:
        return f"same role {role!r}"
    if entity.nationality and actor.country and entity.nationality.upper() == actor.country.upper():
        return f"same nationality {actor.country}"
    if shared_actors:
        names = ", ".join(shared_actors[:3])
        return f"named with {names} in this document and in the actor's"
    return None
