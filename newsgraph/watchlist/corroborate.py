"""Which name matches of stored actors are watchlist hits: kinds, qualifiers, rarity, corroboration.

A stored actor whose name matches a listed name is not yet a hit. :func:`judge` keeps a match only
when what the name shows is enough, or when a document that names the actor adds what it lacks:

1. **Kinds agree.** A person is no vessel, aircraft or organisation; an organisation no person.
2. **Qualifiers are named.** For organisations, every token of the listed name that is rare on
   the loaded lists must be in the actor's name (``SYRIAN`` Air Force, ``KURDISTAN`` Workers'
   Party, Islamic State ``KHURASAN``), and two names that each keep a word the other lacks name
   two organisations (Syrian Arab Army, Syrian Arab Airlines).
3. **A short word is spelled the same.** One word of fewer than
   :data:`~newsgraph.watchlist.matcher.LONG_TOKEN` letters matched by sound or spelling only is
   no match (Bali / Bilal, House / HESA, NAFTA / NAFTAN).
4. **A better match explains the name.** When the actor's name matches one entry exactly, a
   weaker match on another entry is dropped (Saddam Hussein is not Uday Saddam Hussein), unless
   both entries are the same one on two lists.
5. **What the name cannot tell, a document must.** In a current document that names the actor:

   - an acronym read from initials the list does not give (``AG`` as Army of God): the full name,
     or a country when its small letters fall on the name's particles (``JeM``, Jaish-e-Mohammed);
   - a word of three letters or fewer (``PKK``), or a listed acronym that many entries share: another
     name of the entry or one of its countries;
   - a generic name, every word of it common (organisation words, and words that the stored news
     writes in lower case: Ministry of ``Defence``): another name of the entry or a country;
   - a person named by one word (``Hassan``, ``Adam``): another name of the entry;
   - a person whose names match only approximately (Adel / Adil), whose names are common on the
     lists (Ahmad Ali), or who shares only the family name of a listed ``SURNAME, Given``
     (Muhammad Afzal / ``MOHAMMAD AFZAL, Rahmatullah``): another name of the entry. A kunya's
     ``Abu`` or ``Umm`` is no name (``Abu Mazen`` is one name);
   - one word that the list itself calls a weak alias (``UKIP``, ``HTS``): another name of the entry;
   - an organisation named by one distinctive word (``Emma``, National ``Lottery``): one of the
     entry's countries, when the list gives any and the documents name countries at all.

Token rarity comes from the loaded lists themselves (:class:`ListWords`): a person's name stands
on its own when the tokens it matches exactly are rare enough that, were tokens independent,
fewer than :data:`CHANCE` entries would hold them all by chance. Every kept hit says why (the
notes join its explanation); :func:`judge` also returns the matches it turned down, with the
reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from newsgraph.extract.place_index import LEVEL_COUNTRY, country_index
from newsgraph.store.extractions import NamingDocument
from newsgraph.store.watchlist import WatchlistEntry
from newsgraph.watchlist.matcher import (
    ACRONYM_CASED,
    LONG_TOKEN,
    MATCH_THRESHOLD,
    PHONETIC,
    acronym_of,
    compare_normalised,
)
from newsgraph.watchlist.normalise import (
    LEGAL,
    NAME,
    NUMBER,
    ORGWORD,
    NormalisedName,
    lexicon,
    lower_case_words,
    normalise,
    text_words,
)
from newsgraph.watchlist.screen import SAME_ENTRY, Hit, Screener, name_variants

NAME_NEEDED = "another name of the entry"
NAME_OR_COUNTRY = "another name of the entry or one of its countries"
COUNTRY_IF_ANY = "one of the entry's countries, where the documents name countries"
CHANCE = 0.1
"""A person's exactly matched tokens stand on their own when at most this many listed entries
would hold them all by chance (the sum of their ``log(entries / entries holding the token)``)."""
FEWEST_ENTRIES = 1_000
"""Lists of fewer entries say little of how common a name is: their tokens are counted as if the
rest of a list this long held none of them."""
QUALIFIER_SHARE = 0.01
"""A listed organisation's token held by at most this share of the entries is a qualifier: the
actor's name must have it."""
QUALIFIER_MIN = 3
"""... or by at most this many entries, on small lists."""
SHORT_WORD = 3
"""A one-word name of this many letters or fewer needs corroboration."""
EXPLAINS = 0.97
"""Score from which a match on one entry explains the actor's name (drops weaker ones on others)."""
SPELLING = 0.85
"""Edit-distance similarity from which a long word is a spelling of a common word."""
COMMON_IN_DOCUMENTS = 2
"""A word written in lower case in this many sampled documents is common."""

ACTOR_TYPES = {
    "person": frozenset({"person", "unknown"}),
    "organization": frozenset({"organization", "unknown"}),
    "group": frozenset({"organization", "unknown"}),
}
"""The listed types each screened actor kind can be; a kind not here (``other``) may be any, but
its matches need corroboration."""


@dataclass(frozen=True)
class ListWords:
    """How many entries of the loaded lists hold each token in one of their names."""

    entries: int
    """Entries of the lists (at least :data:`FEWEST_ENTRIES`)."""
    holding: dict[str, int]
    """Token -> how many entries hold it in one of their names."""

    @classmethod
    def of(cls, screener: Screener) -> ListWords:
        holders: dict[str, set[int]] = {}
        for variant in screener.variants:
            for t in variant.name.core:
                holders.setdefault(t.text, set()).add(variant.entry)
        return cls(max(FEWEST_ENTRIES, len(screener.entries)), {t: len(e) for t, e in holders.items()})

    def information(self, token: str) -> float:
        """``log(entries / entries holding the token)``: how rare the token is on the lists."""
        return math.log(self.entries / max(1, self.holding.get(token, 0)))

    @property
    def enough(self) -> float:
        """The information a person's exact tokens need to stand on their own (:data:`CHANCE`)."""
        return math.log(self.entries / CHANCE)

    def qualifier(self, token: str) -> bool:
        """Whether the token is rare enough on the lists to tell one organisation from another."""
        return self.holding.get(token, 0) <= max(QUALIFIER_MIN, QUALIFIER_SHARE * self.entries)


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words that :data:`COMMON_IN_DOCUMENTS` of ``texts`` (or all, when fewer) write in lower case."""
    seen: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        seen.update(lower_case_words(text))
    least = min(COMMON_IN_DOCUMENTS, max(n, 1))
    return frozenset(w for w, k in seen.items() if k >= least)


@lru_cache(maxsize=10_000)
def is_common(token: str, common: frozenset[str]) -> bool:
    """Whether a token is one of the ``common`` words, or a spelling of one when it has
    :data:`~newsgraph.watchlist.matcher.LONG_TOKEN` - 1 letters or more (``defense`` beside ``defence``)."""
    if token in common:
        return True
    if len(token) < LONG_TOKEN - 1:
        return False
    return (
        process.extractOne(token, common, scorer=Levenshtein.normalized_similarity, score_cutoff=SPELLING) is not None
    )


@dataclass(frozen=True)
class Reading:
    """What a match shows by the names alone: turned down, kept, or kept once corroborated."""

    hit: Hit
    rejected: str | None = None
    """Why the match is no hit, whatever the documents say."""
    needs: str | None = None
    """:data:`NAME_NEEDED`, :data:`NAME_OR_COUNTRY` or :data:`COUNTRY_IF_ANY`: what a document must
    name for a hit."""
    why: tuple[str, ...] = ()
    """Why it needs that, or why the name stands on its own."""
    acronym: bool = False
    """Whether the match reads one name as the initials of the other (the full name corroborates)."""


@dataclass(frozen=True)
class Judgement:
    """One match of an actor and what became of it."""

    hit: Hit
    """The hit, with the notes that say why it is kept among its evidence."""
    kept: bool
    reason: str
    """Why it is kept or turned down."""


def _roles(name: NormalisedName) -> dict[str, str]:
    return {t.text: t.role for t in name.tokens}


def _is_acronym_alias(hit: Hit, single: NormalisedName) -> bool:
    """Whether a one-word listed name spells the initials of another name of its entry."""
    return any(acronym_of(single, normalise(text)) for text, _ in hit.entry.names() if len(normalise(text).core) > 1)


def _given_names(listed: str) -> set[str]:
    """The given names of a listed person written ``SURNAME, Given`` (as OFAC writes them); none otherwise."""
    if listed.count(",") != 1:
        return set()
    return {t.text for t in normalise(listed.split(",")[1]).core if t.role == NAME}


_STRENGTH = {None: 0, COUNTRY_IF_ANY: 1, NAME_OR_COUNTRY: 2, NAME_NEEDED: 3}


def _stronger(a: str | None, b: str | None) -> str | None:
    """The more demanding of two needs."""
    return a if _STRENGTH[a] >= _STRENGTH[b] else b


def read(name: str, kind: str, hit: Hit, words: ListWords, common: frozenset[str]) -> Reading:
    """What the names alone say of one match of the actor ``name`` (of ``kind``): see the module docstring."""
    entry = hit.entry
    allowed = ACTOR_TYPES.get(kind)
    if allowed is not None and entry.type not in allowed:
        return Reading(hit, rejected=f"kinds differ: a {kind} is no {entry.type}")
    query, listed = normalise(name), normalise(hit.matched_name)
    c = hit.comparison
    needs: str | None = None if allowed is not None else NAME_OR_COUNTRY
    why: list[str] = [] if allowed is not None else [f"the actor's kind ({kind}) says nothing"]
    if c.method == "acronym":
        if c.pairs[0].similarity >= ACRONYM_CASED:  # JeM, LeT: the small letters fall on the particles
            cased = f"{c.explain()}, its small letters on the particles"
            return Reading(hit, needs=NAME_OR_COUNTRY, why=(cased,), acronym=True)
        return Reading(hit, needs=NAME_NEEDED, why=(f"{c.explain()}: a reading the list does not give",), acronym=True)
    if c.method == "compact":
        return Reading(hit, needs=_stronger(needs, NAME_OR_COUNTRY), why=(*why, "the names match only without spaces"))
    person = entry.type == "person" or kind == "person"
    q_roles, l_roles = _roles(query), _roles(listed)
    core = (NAME, ORGWORD, NUMBER)
    pairs = [p for p in c.pairs if l_roles.get(p.right, NAME) in core and q_roles.get(p.left, NAME) in core]
    if len(query.core) == 1 or len(listed.core) == 1:
        single = pairs[0] if len(pairs) == 1 else None
        if single is None or single.how != "exact":
            shorter = min(len(single.left), len(single.right)) if single else 0
            if shorter < LONG_TOKEN:
                return Reading(hit, rejected="one short word spelled otherwise")
            return Reading(hit, needs=NAME_NEEDED if person else NAME_OR_COUNTRY, why=("one word spelled otherwise",))
        word = single.right
        if person:
            return Reading(hit, needs=NAME_NEEDED, why=(f"a person named by one word ({word!r})",))
        if hit.quality == "low":
            return Reading(hit, needs=NAME_NEEDED, why=(f"one word the list calls a weak alias ({word!r})",))
        if len(word) <= SHORT_WORD:
            return Reading(hit, needs=NAME_OR_COUNTRY, why=(f"a word of {len(word)} letters",))
        if not words.qualifier(word) and _is_acronym_alias(hit, listed):
            return Reading(hit, needs=NAME_OR_COUNTRY, why=(f"an acronym many entries share ({word.upper()})",))
        return _distinctive(hit, listed, common, needs, why)
    unmatched_q = [t for t in c.unmatched_left if q_roles.get(t, NAME) in (NAME, ORGWORD)]
    unmatched_l = [t for t in c.unmatched_right if l_roles.get(t, NAME) in (NAME, ORGWORD, NUMBER)]
    if person:
        kunya = lexicon().kunya
        named = [
            p
            for p in pairs
            if l_roles.get(p.right, NAME) == NAME and q_roles.get(p.left, NAME) == NAME and p.right not in kunya
        ]
        firm = [
            p
            for p in named
            if p.how == "exact" or (p.similarity >= PHONETIC and min(len(p.left), len(p.right)) >= LONG_TOKEN)
        ]
        loose = [p for p in named if p not in firm]
        information = sum(words.information(p.right) for p in firm)
        if len(named) < 2:
            return Reading(hit, needs=NAME_NEEDED, why=("one name of the person matches",))
        given = _given_names(hit.matched_name) - kunya
        if given and not given & {p.right for p in named}:
            shown = ", ".join(sorted(given))
            return Reading(hit, needs=NAME_NEEDED, why=(f"only the family name matches, not the given name ({shown})",))
        if information >= words.enough - 1e-9:
            shown = ", ".join(p.right for p in firm)
            return Reading(hit, needs=needs, why=(*why, f"rare names match exactly ({shown})"))
        if loose:
            shown = ", ".join(f"{p.left}~{p.right}" for p in loose)
            return Reading(hit, needs=NAME_NEEDED, why=(f"names match only approximately ({shown})",))
        return Reading(hit, needs=NAME_NEEDED, why=("the names are common on the lists",))
    missing = [
        t
        for t in unmatched_l
        if (l_roles.get(t) == NUMBER or (l_roles.get(t, NAME) == NAME and len(t) > 2)) and words.qualifier(t)
    ]
    if missing:
        return Reading(hit, rejected=f"the listed name's qualifier {missing[0]!r} is not in the actor's name")
    if unmatched_q and unmatched_l:
        return Reading(hit, rejected=f"each name has a word the other lacks ({unmatched_q[0]!r}, {unmatched_l[0]!r})")
    return _distinctive(hit, listed, common, needs, why)


def _distinctive(
    hit: Hit, listed: NormalisedName, common: frozenset[str], needs: str | None, why: list[str]
) -> Reading:
    """An organisation's match by the distinctive words of the listed name (not organisation words,
    not common ones): none, a generic name; one, it must agree with the entry's country when the
    list gives one (``Emma`` is no Syrian ``EMMA LLC`` in a story about Britain); two or more, kept."""
    distinct = [t.text for t in listed.core if t.role != ORGWORD and not is_common(t.text, common)]
    if not distinct:
        return Reading(hit, needs=_stronger(needs, NAME_OR_COUNTRY), why=("a generic name: every word is common",))
    if len(distinct) == 1 and entry_countries(hit.entry):
        reason = f"one distinctive word ({distinct[0]!r}) and the list gives the entry's country"
        return Reading(hit, needs=needs or COUNTRY_IF_ANY, why=(*why, reason))
    shown = ", ".join(repr(t) for t in distinct)
    return Reading(hit, needs=needs, why=(*why, f"distinctive words ({shown})"))


@lru_cache(maxsize=10_000)
def _listed_names(entry: WatchlistEntry, strong: bool = False) -> tuple[NormalisedName, ...]:
    """The entry's names (and their variants without brackets), each once; ``strong``: no weak alias."""
    out: dict[tuple[str, ...], NormalisedName] = {}
    for text, quality in entry.names():
        if strong and quality == "low":
            continue
        for variant in name_variants(text):
            name = normalise(variant)
            out.setdefault(tuple(t.text for t in name.tokens), name)
    return tuple(out.values())


def same_entity(a: WatchlistEntry, b: WatchlistEntry) -> bool:
    """Whether two entries of two lists are one: a name of each, of two words or more, match."""
    if a.list == b.list or a.type != b.type:
        return False
    return _same_entity(a, b) if (a.list, a.entry_id) < (b.list, b.entry_id) else _same_entity(b, a)


@lru_cache(maxsize=10_000)
def _same_entity(a: WatchlistEntry, b: WatchlistEntry) -> bool:
    left = [n for n in _listed_names(a) if len(n.core) > 1]
    right = [n for n in _listed_names(b) if len(n.core) > 1]
    return any(compare_normalised(x, y).score >= SAME_ENTRY for x in left for y in right)


def explained_away(readings: list[Reading]) -> list[Reading]:
    """Turn down the matches that a better, exact match of the same name on another entry explains."""
    best = [r for r in readings if r.rejected is None and r.hit.score >= EXPLAINS]
    out = []
    for r in readings:
        if r.rejected is None:
            for b in best:
                if (
                    b.hit.score > r.hit.score
                    and b.hit.entry is not r.hit.entry
                    and not same_entity(b.hit.entry, r.hit.entry)
                ):
                    e = b.hit.entry
                    r = replace(r, rejected=f"explained by a better match: {e.list} {e.entry_id} {e.name}")
                    break
        out.append(r)
    return out


_COUNTRY_WORD = re.compile(r"[A-Za-z][A-Za-z ]{3,}")


@lru_cache(maxsize=1_000)
def country_codes(text: str) -> frozenset[str]:
    """ISO codes of the country a list's country or nationality names (``Korea, North`` -> KP)."""
    index = country_index()
    bare = re.sub(r"\([^)]*\)", " ", text).strip()
    forms = [text, bare]
    if bare.count(",") == 1:
        head, tail = (p.strip() for p in bare.split(","))
        forms += [f"{tail} {head}", head]
    for form in forms:
        found = {c.country for c in index.lookup(form) if c.level == LEVEL_COUNTRY and c.country}
        found |= {c.country for c in index.demonym(form) if c.level == LEVEL_COUNTRY and c.country}
        if found:
            return frozenset(found)
    return frozenset()


@lru_cache(maxsize=10_000)
def entry_countries(entry: WatchlistEntry) -> frozenset[str]:
    """ISO codes of an entry's countries: nationalities, addresses, and a regime named for a country
    (OFAC ``SYRIA``, ``IRAQ2``; UN ``DPRK``)."""
    out: set[str] = set()
    for c in (*entry.nationalities, *entry.countries):
        out |= country_codes(c)
    for word in _COUNTRY_WORD.findall(re.sub(r"\d", " ", entry.regime or "")):
        out |= country_codes(word.strip())
    return frozenset(out)


def _corroborating_names(
    reading: Reading, actor: NormalisedName, words: ListWords, common: frozenset[str]
) -> list[NormalisedName]:
    """The entry's names that, named in a document, say the actor is the listed one.

    Not the matched name itself (unless the match read it as initials), not a weak alias, not one
    whose words are all in the actor's name, not a generic one; for a person, only names rare
    enough to stand on their own.
    """
    hit = reading.hit
    person = hit.entry.type == "person"
    matched = tuple(t.text for t in normalise(hit.matched_name).tokens)
    actor_words = {t.text for t in actor.core}
    out = []
    for name in _listed_names(hit.entry, strong=True):
        core = name.core
        if not core or (tuple(t.text for t in name.tokens) == matched and not reading.acronym):
            continue
        if all(t.text in actor_words for t in core):
            continue
        if person:
            if len(core) < 2 or sum(words.information(t.text) for t in core) < words.enough:
                continue
        elif len(core) > 1:
            if all(is_common(t.text, common) for t in core):
                continue  # "The Base", "New Jihad": words any text may hold
        elif len(core[0].text) <= SHORT_WORD or core[0].role == ORGWORD or is_common(core[0].text, common):
            continue
        out.append(name)
    return out


def _needle(name: NormalisedName) -> str:
    return " " + " ".join(t.text for t in name.tokens if t.role != LEGAL) + " "


def corroborate(
    reading: Reading,
    actor: NormalisedName,
    documents: Sequence[tuple[NamingDocument, str]],
    words: ListWords,
    common: frozenset[str],
) -> str | None:
    """Where a document that names the actor names what the reading needs; None when none does.

    ``documents`` pairs each document with its :func:`~newsgraph.watchlist.normalise.text_words`
    joined by spaces (padded with one space on each side).
    """
    names = _corroborating_names(reading, actor, words, common)
    countries = entry_countries(reading.hit.entry) if reading.needs != NAME_NEEDED else frozenset()
    for doc, running in documents:
        for name in names:
            if _needle(name) in running:
                return f"corroborated: {name.original!r} is named in {doc.doc_id}"
        shared = sorted(countries & set(doc.countries))
        if shared:
            return f"corroborated: the entry's country {shared[0]} is named in {doc.doc_id}"
    if reading.needs == COUNTRY_IF_ANY and not any(doc.countries for doc, _ in documents):
        return "no document that names the actor names a country to disagree with the entry's"
    return None


_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]+$")
_SENTENCE_END = re.compile(r"(^|[.!?:;\n][\W_]*)$")
_BRACKETED = re.compile(r"^[\W_]{0,3}\s*\(([A-Z][A-Za-z]{1,5})\)")
_POSSESSIVE = re.compile(r"['’]s$")


def _place_word(word: str) -> bool:
    """Whether a word names a country or region, or is a demonym (``Lebanese``, ``Syria's``)."""
    index = country_index()
    bare = _POSSESSIVE.sub("", word)
    return bool(index.demonym(bare) or index.lookup(bare))


def names_around(name: str, documents: Sequence[NamingDocument]) -> tuple[list[str], bool]:
    """The longer names that ``documents`` write ``name`` inside, and whether they also write it alone.

    ``Ansar al-Tawhid`` holds ``al-Tawhid`` (a capitalised word right before it, mid-sentence, that
    is no particle, title, country or demonym); ``People's Defense Forces (YPG)`` gives the name an
    acronym of its own. An extracted name may be cut from a longer one: what the documents name is
    then the longer name.
    """
    skip = lexicon().particles | lexicon().titles
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    longer: list[str] = []
    alone = False
    for doc in documents:
        text = doc.text
        for m in pattern.finditer(text):
            after = _BRACKETED.match(text[m.end() : m.end() + 16])
            if after and after.group(1) != name:
                longer.append(after.group(1))
                continue
            before = _BEFORE.search(text[max(0, m.start() - 60) : m.start()]) if name[:1].isalnum() else None
            if before is None:
                alone = True
                continue
            word = before.group(1)
            start = m.start() - len(before.group(0))
            if (
                not word[:1].isupper()
                or word.lower() in skip
                or _SENTENCE_END.search(text[max(0, start - 4) : start])
                or _place_word(word)
            ):
                alone = True
                continue
            longer.append(f"{word} {name}")
    return list(dict.fromkeys(longer)), alone


def _entry_has(entry: WatchlistEntry, written: str) -> bool:
    """Whether ``written`` (a longer name, an acronym) is a name of the entry, or its initials."""
    name = normalise(written)
    for listed in _listed_names(entry):
        if compare_normalised(name, listed, acronyms=False).score >= MATCH_THRESHOLD or acronym_of(name, listed):
            return True
    return False


def judge(
    name: str,
    kind: str,
    hits: Sequence[Hit],
    words: ListWords,
    common: frozenset[str],
    documents: Sequence[NamingDocument],
) -> list[Judgement]:
    """Each of the matches ``hits`` of the actor ``name`` (of ``kind``), kept or turned down, and why.

    ``documents`` are current documents that name the actor (read only when a match needs them).
    """
    readings = explained_away([read(name, kind, h, words, common) for h in hits])
    actor = normalise(name)
    prepared: list[tuple[NamingDocument, str]] | None = None
    out: list[Judgement] = []
    for r in readings:
        if r.rejected is not None:
            out.append(Judgement(r.hit, False, r.rejected))
            continue
        if r.needs is None:
            note = "; ".join(r.why) or "the names match"
            out.append(Judgement(_noted(r.hit, f"kept: {note}"), True, note))
            continue
        if prepared is None:
            prepared = [(d, " " + " ".join(text_words(d.text)) + " ") for d in documents]
        found = corroborate(r, actor, prepared, words, common)
        note = f"{'; '.join(r.why)}; needs {r.needs}"
        if found:
            out.append(Judgement(_noted(r.hit, f"{note}: {found}"), True, found))
        else:
            out.append(Judgement(r.hit, False, f"{note}: none is named where the actor is"))
    around: tuple[list[str], bool] | None = None
    for k, j in enumerate(out):
        if not j.kept or j.hit.entry.type == "person" or kind == "person":
            continue
        if around is None:
            around = names_around(name, documents)
        longer, alone = around
        if longer and not alone and not any(_entry_has(j.hit.entry, w) for w in longer):
            out[k] = Judgement(j.hit, False, f"the documents write it only inside another name ({longer[0]!r})")
    kept = [j.hit.entry for j in out if j.kept]
    for k, j in enumerate(out):
        if j.kept or not j.reason.endswith("none is named where the actor is"):
            continue
        twin = next((e for e in kept if same_entity(e, j.hit.entry)), None)
        if twin is not None:
            note = f"the same entry as {twin.list} {twin.entry_id}, kept"
            out[k] = Judgement(_noted(j.hit, note), True, note)
    return out


def _noted(hit: Hit, note: str) -> Hit:
    return replace(hit, evidence=(*hit.evidence, note))


__all__ = ["Judgement", "ListWords", "Reading", "common_words", "judge", "read", "same_entity"]
