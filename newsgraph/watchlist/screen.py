"""Screen names against loaded lists: an index blocks candidates, the matcher scores them.

The index maps keys of every listed name and alias to the names that have them: each
identifying token's consonant skeleton (``s:tb``), its first four letters (``p:lash``), the name
written without spaces, and the name's initials (``a:l*t``, particles as a vowel wildcard) for
acronym queries. A query looks up its own keys, keeps the names that share the rarest keys and
scores only those with :func:`newsgraph.watchlist.matcher.compare_normalised`, skipping the
ones whose score bound (:class:`newsgraph.watchlist.bound.Bounds`) is under the lowest score kept.
:meth:`Screener.screen_many` compares each distinct name of a batch once (``screen --actors``);
:mod:`newsgraph.watchlist.index_cache` keeps the built index in the store between runs.

One name (``screen NAME``) needs no index of every entry: :func:`screen_stored` reads the same
keys from the store (``watchlist_keys``, written with the entries as a list is loaded, see
:func:`keying`), with the same caps, rare-key choice and weights, then reads and compares only
its candidates' entries, so that its time and memory do not grow with the lists and its hits are
the in-memory index's. The acronyms one list shares with another's entry of the same name are
made as the in-memory index makes them (:func:`share_stored`) and kept beside the keys. Keys
missing (a store loaded before they existed) or made by other code (:func:`code_fingerprint`)
are made again, once, by the next load or screen (:func:`ensure_keys`).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from newsgraph.errors import StoreError
from newsgraph.store import Engine, Tx, connect
from newsgraph.store.watchlist import (
    VARIANT_BITS,
    Keying,
    Quality,
    Share,
    StoredName,
    WatchlistEntry,
    key_counts,
    key_postings,
    key_stale_lists,
    keyed_lists,
    replace_shares,
    stale_lists,
    stored_names,
)
from newsgraph.watchlist.bound import Bounds
from newsgraph.watchlist.matcher import (
    MATCH_THRESHOLD,
    Comparison,
    Memo,
    _acronym_letters,
    _case_pattern,
    acronym_of,
    compare_normalised,
)
from newsgraph.watchlist.normalise import LEGAL, NUMBER, PARTICLE, NameToken, NormalisedName, normalise

CANDIDATES = 50
"""Listed names scored per query, the best-blocked first."""
COMMON_KEY = 0.05
"""Keys held by more than this share of all names are too common to block on alone."""
MAX_POSTINGS = 5_000
"""Names looked at per key of a query, and the most a key may hold and still count as rare: a
query's blocking costs at most ``MAX_KEYS * MAX_POSTINGS`` steps however long the list (the
largest key of the UN and OFAC lists together holds some 2,000 names, so they are unaffected)."""
MAX_KEYS = 32
"""Keys of a query looked up, its rarest first (a name of hundreds of words uses its rarest 32)."""
BOUNDS_AT_ONCE = 100_000
"""Up to this many indexed names, the score bounds are arrays over all of them, made once
(:class:`~newsgraph.watchlist.bound.Bounds`); over it, they are made for each query's candidates
only, so that one screen against a huge list never holds arrays of every listed name."""
SAME_ENTRY = 0.95
"""Score at which two lists' organisations of the same name are taken for one (acronyms are shared)."""
LOW_QUALITY = 0.92
"""Factor on a score reached through a list's weak (low-quality) alias."""
TYPE_MISMATCH = 0.10
COUNTRY_AGREES = 0.03
COUNTRY_DIFFERS = 0.02
PRE_FILTER = 0.8
"""Share of the threshold a name's own score must reach before the evidence is weighed (evidence
adds at most ``COUNTRY_AGREES``); names that cannot reach it are not compared at all."""
_PAREN = re.compile(r"\(([^)]*)\)")
NO_LIST = "no watchlist is loaded: run `newsgraph watchlist load FILE...` first"
T = TypeVar("T")


@dataclass(frozen=True)
class Hit:
    """One listed entry matched by a screened name."""

    entry: WatchlistEntry
    matched_name: str
    """The listed name or alias that matched best."""
    quality: Quality
    score: float
    comparison: Comparison
    evidence: tuple[str, ...] = ()
    """Type, country and alias-quality notes that moved the score."""

    def explain(self) -> str:
        head = f"{self.comparison.explain()}"
        if self.matched_name != self.entry.name:
            head = f"via alias {self.matched_name!r} ({self.quality}): {head}"
        return "; ".join([head, *self.evidence])


@dataclass(frozen=True)
class _Variant:
    entry: int
    text: str
    quality: Quality
    name: NormalisedName


def name_variants(name: str) -> list[str]:
    """A listed name, the name without its bracketed part, and an acronym in brackets ``(FIF)``."""
    out = [name]
    inside = [m.strip() for m in _PAREN.findall(name) if m.strip()]
    if inside:
        bare = " ".join(_PAREN.sub(" ", name).split())
        if bare:
            out.append(bare)
            # a bracketed acronym of the name itself ("Falah-i-Insaniat Foundation (FIF)")
            out += [i for i in inside if len(i.split()) == 1 and acronym_of(normalise(i), normalise(bare))]
    return out


_normalise_once = normalise.__wrapped__
"""The normaliser without its cache, for listed names: each is normalised once per index or
load, and a list of a million names would fill the cache (100,000 names) with names no screen
asks for again, holding them for the rest of the process."""


def entry_names(entry: WatchlistEntry) -> list[tuple[str, Quality, NormalisedName]]:
    """The names ``entry`` is screened under, numbered by their place here: its primary name and
    aliases (:func:`name_variants` of each), normalised, without repeats and empty ones.

    The in-memory index and the keys in the store number an entry's names the same way from this."""
    out: list[tuple[str, Quality, NormalisedName]] = []
    seen: set[str] = set()
    for text, quality in entry.names():
        for variant in name_variants(text):
            name = _normalise_once(variant)
            sig = " ".join(t.text for t in name.tokens)
            if not name.tokens or sig in seen:
                continue
            seen.add(sig)
            out.append((variant, quality, name))
    return out


def _keys(name: NormalisedName) -> set[str]:
    keys: set[str] = set()
    for t in name.core:
        if len(t.skeleton) >= 2 or t.role == NUMBER:
            keys.add("s:" + t.skeleton)
        if len(t.text) >= 3:
            keys.add("p:" + t.text[:4])
    compact = name.compact
    if len(compact) >= 3:
        keys.add("p:" + compact[:4])
    return keys


def _acronym_keys(name: NormalisedName) -> set[str]:
    words = tuple(t for t in name.tokens if t.role != LEGAL)
    if len([t for t in words if t.role != PARTICLE]) < 2 or len(words) > 8:
        return set()
    return {"a:" + letters for letters in _acronym_letters(words) if 2 <= len(letters) <= 8}


def _query_acronym_keys(name: NormalisedName) -> set[str]:
    core = [t for t in name.tokens if t.role != LEGAL]
    if len(core) != 1 or not 2 <= len(core[0].text) <= 6:
        return set()
    word = core[0].text
    vowels = [i for i, ch in enumerate(word) if ch in "aeiou"]
    keys = {"a:" + word}
    for n in range(1, len(vowels) + 1):
        for chosen in itertools.combinations(vowels, n):
            keys.add("a:" + "".join("*" if i in chosen else ch for i, ch in enumerate(word)))
    return keys


def index_keys(name: NormalisedName) -> set[str]:
    """The keys a listed name is found under: its tokens' skeletons and prefixes, its initials."""
    return _keys(name) | _acronym_keys(name)


def query_keys(name: NormalisedName) -> set[str]:
    """The keys a screened name looks up: its tokens' skeletons and prefixes, and as an acronym."""
    return _keys(name) | _query_acronym_keys(name)


def gives_acronym(entry: WatchlistEntry, quality: Quality, name: NormalisedName) -> bool:
    """Whether ``name``, one of ``entry``'s names, is an acronym of the entry's own name that the
    same organisation on another list is given too (UN ``LET`` for OFAC's Lashkar-e-Tayyiba)."""
    if entry.type == "person" or len(name.tokens) != 1 or quality != "good":
        return False
    return acronym_of(name, normalise(entry.name))


def _blocking(counts: dict[str, int], common: float) -> list[str]:
    """The keys a query blocks on, of those it shares with listed names (``counts``: how many names
    have each): its ``MAX_KEYS`` rarest, less those held by more than ``common`` names (or
    ``MAX_POSTINGS``) unless every key is."""
    found = sorted(counts, key=lambda k: (counts[k], k))[:MAX_KEYS]
    if not found:
        return []
    most = min(common, MAX_POSTINGS)
    return [k for k in found if counts[k] <= most] or found


def _best_blocked(
    keys: list[str], idf: dict[str, float], postings: Callable[[str], Iterable[T]], limit: int = CANDIDATES
) -> list[T]:
    """The ``limit`` names sharing the most weight (``idf``) of ``keys`` with the query,
    heaviest first (ties in the order the keys and their postings give them)."""
    weight: dict[T, float] = defaultdict(float)
    for key in keys:
        idf_key = idf[key]
        for v in postings(key):
            weight[v] += idf_key
    return sorted(weight, key=weight.__getitem__, reverse=True)[:limit]


def _bounds_of(query: NormalisedName, names: list[NormalisedName], acronyms: list[bool]) -> list[float]:
    """Score bounds of ``names`` made for them alone (:class:`~newsgraph.watchlist.bound.Bounds`)."""
    return Bounds(names).scores(query, list(range(len(names))), acronyms)


def _compared(
    query: NormalisedName, names: list[NormalisedName], acronyms: list[bool], bounds: list[float], cutoff: float
) -> list[tuple[int, Comparison]]:
    """Each of ``names`` whose bound reaches ``cutoff`` (by its number) and how it compares with ``query``."""
    memo: Memo = {}
    return [
        (k, compare_normalised(query, name, acronyms=acronym, memo=memo))
        for k, (name, acronym, bound) in enumerate(zip(names, acronyms, bounds, strict=True))
        if bound >= cutoff - 1e-9
    ]


@dataclass(frozen=True)
class _Found:
    """A compared listed name, with what the evidence is weighed on."""

    entry_key: int
    """The entry's identity: one hit per entry."""
    entry: WatchlistEntry
    text: str
    quality: Quality
    shared: tuple[str, str] | None
    """The list and reference of the entry whose acronym this is, for a shared acronym."""
    comparison: Comparison


def _norm_country(c: str) -> str:
    return " ".join(c.lower().replace("the ", "").split())


def _weigh(
    found: Iterable[_Found], *, kind: str | None, countries: tuple[str, ...], limit: int, threshold: float
) -> list[tuple[int, Hit]]:
    """The entries of ``found`` at ``threshold`` or more once the evidence is weighed, best first,
    each with its ``entry_key``: one hit per entry (its best name, the first found of equal scores)."""
    wanted = {_norm_country(c) for c in countries}
    best: dict[int, Hit] = {}
    for f in found:
        score = f.comparison.score
        if score < threshold * PRE_FILTER:
            continue
        entry = f.entry
        evidence: list[str] = []
        if f.shared is not None:
            evidence.append(f"acronym listed by {f.shared[0]} {f.shared[1]} for the same name")
            score -= 0.01
        if f.quality == "low":
            score *= LOW_QUALITY
            evidence.append("weak alias")
        if kind and entry.type != "unknown" and kind != entry.type:
            score -= TYPE_MISMATCH
            evidence.append(f"type differs: {kind} vs {entry.type}")
        if wanted:
            listed = {_norm_country(c) for c in (*entry.nationalities, *entry.countries)}
            if listed & wanted:
                score += COUNTRY_AGREES
                evidence.append("country agrees: " + ", ".join(sorted(listed & wanted)))
            elif listed:
                score -= COUNTRY_DIFFERS
                evidence.append("country differs")
        score = max(0.0, min(1.0, score))
        if score < threshold:
            continue
        hit = Hit(entry, f.text, f.quality, score, f.comparison, tuple(evidence))
        old = best.get(f.entry_key)
        if old is None or hit.score > old.score:
            best[f.entry_key] = hit
    ranked = sorted(best.items(), key=lambda kh: (-kh[1].score, kh[1].entry.list, kh[1].entry.entry_id))
    return ranked[:limit]


class Screener:
    """An index over entries of one or more lists; :meth:`screen` one name at a time."""

    def __init__(self, entries: list[WatchlistEntry]) -> None:
        self.entries = entries
        self.variants: list[_Variant] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for k, entry in enumerate(entries):
            for text, quality, name in entry_names(entry):
                v = len(self.variants)
                self.variants.append(_Variant(k, text, quality, name))
                for key in index_keys(name):
                    postings[key].append(v)
        self.postings = {k: tuple(v) for k, v in postings.items()}
        total = max(len(self.variants), 1)
        self.idf = {k: math.log(total / len(v)) for k, v in self.postings.items()}
        self.common = COMMON_KEY * total
        self.shared: dict[int, tuple[str, str]] = {}
        self._bounds: Bounds | None = None
        self._share_acronyms(postings)
        self._bounds = None  # made again with the shared acronyms on the first screen

    def state(self) -> dict[str, Any]:
        """The built index as plain JSON data (without the entries), for :meth:`from_state`."""
        tokens: dict[NameToken, int] = {}
        variants = []
        for variant in self.variants:
            ids = [tokens.setdefault(t, len(tokens)) for t in variant.name.tokens]
            original = None if variant.name.original == variant.text else variant.name.original
            variants.append([variant.entry, variant.text, variant.quality, original, ids])
        return {
            "tokens": [[t.text, t.role, t.weight, t.skeleton] for t in tokens],
            "variants": variants,
            "postings": {k: list(v) for k, v in self.postings.items()},
            "idf": self.idf,
            "common": self.common,
            "shared": [[v, lst, ref] for v, (lst, ref) in sorted(self.shared.items())],
        }

    @classmethod
    def from_state(cls, entries: list[WatchlistEntry], state: dict[str, Any]) -> Screener:
        """The screener whose :meth:`state` this is, over the same ``entries`` in the same order."""
        tokens = [NameToken(text, role, float(weight), skeleton) for text, role, weight, skeleton in state["tokens"]]
        screener = cls.__new__(cls)
        screener.entries = entries
        screener.variants = [
            _Variant(int(k), text, quality, NormalisedName(original or text, tuple(tokens[i] for i in ids)))
            for k, text, quality, original, ids in state["variants"]
        ]
        if any(v.entry >= len(entries) for v in screener.variants):
            raise ValueError("the index refers to entries that are not loaded")
        screener.postings = {k: tuple(v) for k, v in state["postings"].items()}
        screener.idf = {k: float(v) for k, v in state["idf"].items()}
        screener.common = float(state["common"])
        screener.shared = {int(v): (str(lst), str(ref)) for v, lst, ref in state["shared"]}
        screener._bounds = None
        return screener

    def _share_acronyms(self, postings: dict[str, list[int]]) -> None:
        """Give an acronym alias of one list's entry (UN ``LET``) to the same entry on another list.

        An organisation whose list gives an acronym that spells its own name passes that acronym
        to entries of other lists whose primary name matches its own at ``SAME_ENTRY`` or more.
        """
        position = {id(e): k for k, e in enumerate(self.entries)}
        for v in range(len(self.variants)):
            variant = self.variants[v]
            entry = self.entries[variant.entry]
            if not gives_acronym(entry, variant.quality, variant.name):
                continue
            for hit in self.screen(entry.name, kind=entry.type, limit=5, threshold=SAME_ENTRY):
                other = hit.entry
                if other.list == entry.list or hit.matched_name != other.name:
                    continue
                k = position[id(other)]
                new = len(self.variants)
                self.variants.append(_Variant(k, variant.text, "good", variant.name))
                self.shared[new] = (entry.list, entry.entry_id)
                for key in _keys(variant.name):
                    postings[key].append(new)
        self.postings = {k: tuple(v) for k, v in postings.items()}

    def candidates(self, name: NormalisedName, limit: int = CANDIDATES) -> list[int]:
        """Variant numbers sharing keys with ``name``, those sharing the rarest keys first."""
        counts = {k: len(self.postings[k]) for k in query_keys(name) if k in self.postings}
        rare = _blocking(counts, self.common)
        return _best_blocked(rare, self.idf, lambda key: self.postings[key][:MAX_POSTINGS], limit)

    def comparisons(self, query: NormalisedName, cutoff: float = 0.0) -> list[tuple[int, Comparison]]:
        """Each blocked candidate variant of ``query`` and how its name compares (no evidence yet).

        Candidates that cannot score ``cutoff`` (:meth:`~newsgraph.watchlist.bound.Bounds.scores`)
        are left out without being compared.
        """
        candidates = self.candidates(query)
        names = [self.variants[v].name for v in candidates]
        acronyms = [self.entries[self.variants[v].entry].type != "person" for v in candidates]
        bounds = [1.0] * len(candidates)
        if cutoff > 0 and len(self.variants) > BOUNDS_AT_ONCE:
            bounds = _bounds_of(query, names, acronyms)
        elif cutoff > 0:
            if self._bounds is None:
                self._bounds = Bounds([v.name for v in self.variants])
            # names added after the arrays were made (acronyms shared while building) get no bound
            known = [k for k, v in enumerate(candidates) if v < len(self._bounds.names)]
            found = self._bounds.scores(query, [candidates[k] for k in known], [acronyms[k] for k in known])
            for k, bound in zip(known, found, strict=True):
                bounds[k] = bound
        return [(candidates[k], c) for k, c in _compared(query, names, acronyms, bounds, cutoff)]

    def hits(
        self,
        comparisons: list[tuple[int, Comparison]],
        *,
        kind: str | None = None,
        countries: tuple[str, ...] = (),
        limit: int = 10,
        threshold: float = 0.5,
    ) -> list[Hit]:
        """The entries of ``comparisons`` at ``threshold`` or more once the evidence is weighed, best first."""
        found = (
            _Found(
                self.variants[v].entry,
                self.entries[self.variants[v].entry],
                self.variants[v].text,
                self.variants[v].quality,
                self.shared.get(v),
                comparison,
            )
            for v, comparison in comparisons
        )
        return [hit for _, hit in _weigh(found, kind=kind, countries=countries, limit=limit, threshold=threshold)]

    def screen(
        self,
        name: str,
        *,
        kind: str | None = None,
        countries: tuple[str, ...] = (),
        limit: int = 10,
        threshold: float = 0.5,
    ) -> list[Hit]:
        """The entries matching ``name``, best first (one hit per entry, its best-matching name).

        ``kind`` (person, organization, vessel, aircraft) and ``countries`` are evidence: a
        different type lowers the score, a shared country raises it a little.
        """
        query = normalise(name)
        if not query.tokens:
            return []
        comparisons = self.comparisons(query, cutoff=threshold * PRE_FILTER)
        return self.hits(comparisons, kind=kind, countries=countries, limit=limit, threshold=threshold)

    def screen_many(
        self,
        queries: Sequence[tuple[str, str | None]],
        *,
        limit: int = 10,
        threshold: float = 0.5,
        progress: Callable[[int], None] | None = None,
    ) -> list[list[Hit]]:
        """:meth:`screen` each ``(name, kind)``, comparing each distinct name once.

        Names that normalise to the same tokens (and spell an acronym's case the same way) get
        the same comparisons, so only the kind evidence is weighed again. ``progress`` is called
        with the number of queries done after each distinct name.
        """
        groups: dict[tuple[tuple[NameToken, ...], str | None], list[int]] = defaultdict(list)
        names: dict[tuple[tuple[NameToken, ...], str | None], NormalisedName] = {}
        out: list[list[Hit]] = [[] for _ in queries]
        done = 0
        for k, (name, _) in enumerate(queries):
            query = normalise(name)
            if not query.tokens:
                done += 1
                continue
            key = (query.tokens, _case_pattern(query.original))
            groups[key].append(k)
            names.setdefault(key, query)
        if progress and done:
            progress(done)
        for key, members in groups.items():
            comparisons = self.comparisons(names[key], cutoff=threshold * PRE_FILTER)
            for k in members:
                out[k] = self.hits(comparisons, kind=queries[k][1], limit=limit, threshold=threshold)
            if progress:
                progress(len(members))
        return out


# --- one name against the lists in the store, through their keys ---

ACRONYM_SOURCE = "=acronym"
"""The stored key of the names that :func:`gives_acronym` (no query has it: query keys start with a letter)."""
SOURCES_AT_ONCE = 500
"""Acronyms whose entries are read at once while the shared acronyms are made."""
_CODE = ("screen.py", "matcher.py", "normalise.py", "bound.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the code and the word lists that index and compare names: the in-memory index's
    cache and the keys in the store are made again when it changes."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    h.update(resources.files("newsgraph").joinpath("data/watchlist/name-words.yaml").read_bytes())
    return h.hexdigest()


def stored_keys(entry: WatchlistEntry) -> list[set[str]]:
    """The keys of each of ``entry``'s names (:func:`entry_names`) as the store keeps them: the
    in-memory index's keys, and :data:`ACRONYM_SOURCE` on an acronym other lists may be given."""
    out = []
    for _, quality, name in entry_names(entry):
        keys = index_keys(name)
        if gives_acronym(entry, quality, name):
            keys.add(ACRONYM_SOURCE)
        out.append(keys)
    return out


def keying() -> Keying:
    """How the store keys a list as it is loaded (:func:`newsgraph.store.watchlist.replace_entries`)."""
    return Keying(code_fingerprint(), stored_keys, share_stored)


class _StoredIndex:
    """The keys in the store, read through one connection: what the in-memory index's postings give.

    A query reads how many names have each of its keys, the postings of the keys it blocks on
    (``MAX_POSTINGS`` at most each) and the entries of its ``CANDIDATES`` best-blocked names:
    never the whole list."""

    def __init__(self, conn: Tx, lists: Sequence[str] | None) -> None:
        self.conn = conn
        self.lists = list(lists) if lists else None
        self.keyed = keyed_lists(conn, self.lists)
        self.total = max(sum(self.keyed.values()), 1)
        self._names: dict[int, list[tuple[str, Quality, NormalisedName]]] = {}

    def candidates(self, query: NormalisedName) -> list[int]:
        """Positions of the names sharing keys with ``query``, as :meth:`Screener.candidates` numbers them."""
        counts = key_counts(self.conn, query_keys(query), self.lists)
        rare = _blocking({k: n for k, (n, _) in counts.items()}, COMMON_KEY * self.total)
        idf = {k: math.log(self.total / max(counts[k][0] - counts[k][1], 1)) for k in rare}
        return _best_blocked(rare, idf, lambda key: key_postings(self.conn, key, self.lists, MAX_POSTINGS))

    def names_of(self, seq: int, entry: WatchlistEntry) -> list[tuple[str, Quality, NormalisedName]]:
        if seq not in self._names:
            self._names[seq] = entry_names(entry)
        return self._names[seq]

    def found(self, query: NormalisedName, cutoff: float) -> list[_Found]:
        """The blocked candidates of ``query`` that can reach ``cutoff``, compared (no evidence yet)."""
        positions = self.candidates(query)
        stored = stored_names(self.conn, positions)
        picked: list[tuple[StoredName, str, Quality, NormalisedName]] = []
        for p in positions:
            if p not in stored:
                continue
            s = stored[p]
            owned = self.names_of(s.owner, s.source or s.entry)
            if s.number >= len(owned):  # keys of other code: they are made again before any screen
                continue
            text, quality, name = owned[s.number]
            picked.append((s, text, "good" if s.source else quality, name))
        names = [name for _, _, _, name in picked]
        acronyms = [s.entry.type != "person" for s, _, _, _ in picked]
        bounds = _bounds_of(query, names, acronyms) if cutoff > 0 else [1.0] * len(names)
        out = []
        for k, comparison in _compared(query, names, acronyms, bounds, cutoff):
            s, text, quality, _ = picked[k]
            shared = (s.source.list, s.source.entry_id) if s.source else None
            out.append(_Found(s.seq, s.entry, text, quality, shared, comparison))
        return out

    def screen(
        self, name: str, *, kind: str | None, countries: tuple[str, ...], limit: int, threshold: float
    ) -> list[tuple[int, Hit]]:
        query = normalise(name)
        if not query.tokens:
            return []
        found = self.found(query, threshold * PRE_FILTER)
        return _weigh(found, kind=kind, countries=countries, limit=limit, threshold=threshold)


def share_stored(conn: Tx) -> None:
    """Make the shared acronyms again from the keys in the store, the way the in-memory index
    shares them (``Screener._share_acronyms``): every acronym an organisation's list gives for
    its own name, in load order, goes to the entries of other lists whose primary name matches
    that organisation's name at ``SAME_ENTRY`` or more (each screen sees the listed names only)."""
    replace_shares(conn, [])
    index = _StoredIndex(conn, None)
    sources = key_postings(conn, ACRONYM_SOURCE)
    shares: list[Share] = []
    for at in range(0, len(sources), SOURCES_AT_ONCE):
        chunk = sources[at : at + SOURCES_AT_ONCE]
        stored = stored_names(conn, chunk)
        for p in chunk:
            if p not in stored:
                continue
            entry = stored[p].entry
            _, _, name = index.names_of(p >> VARIANT_BITS, entry)[stored[p].number]
            for seq, hit in index.screen(entry.name, kind=entry.type, countries=(), limit=5, threshold=SAME_ENTRY):
                other = hit.entry
                if other.list == entry.list or hit.matched_name != other.name:
                    continue
                shares.append(Share(seq, other.list, p, entry.list, tuple(sorted(_keys(name)))))
    replace_shares(conn, shares)


def stale_keys(engine: Engine) -> list[str]:
    """The loaded lists whose screening keys are missing or were made by other code (read only)."""
    return stale_lists(engine, code_fingerprint())


def ensure_keys(engine: Engine) -> list[str]:
    """Make the screening keys of the lists :func:`stale_keys` gives, once, in one transaction (a
    store whose lists were loaded before the keys existed, or keyed by other code); return them.

    Raises :class:`~newsgraph.errors.StoreError` when they are stale and the store cannot be written."""
    if not stale_keys(engine):
        return []
    return key_stale_lists(engine, keying(), datetime.now(UTC).isoformat(timespec="seconds"))


def screen_stored(
    engine: Engine,
    name: str,
    *,
    kind: str | None = None,
    countries: tuple[str, ...] = (),
    limit: int = 10,
    threshold: float = 0.5,
    lists: Sequence[str] | None = None,
) -> list[Hit]:
    """:meth:`Screener.screen` against the lists in the store (``lists``, or all), reading only the
    keys of ``name`` and the entries of its best-blocked candidates: the same hits as the
    in-memory index of the same entries, in time and memory that do not grow with the lists.

    Keys missing or made by other code are made first (:func:`ensure_keys`). Raises
    :class:`~newsgraph.errors.StoreError` when no list (of ``lists``) is loaded.
    """
    ensure_keys(engine)
    with connect(engine) as conn:
        index = _StoredIndex(conn, lists)
        if not index.keyed:
            raise StoreError(NO_LIST)
        return [hit for _, hit in index.screen(name, kind=kind, countries=countries, limit=limit, threshold=threshold)]


__all__ = [
    "MATCH_THRESHOLD",
    "Hit",
    "Screener",
    "ensure_keys",
    "entry_names",
    "keying",
    "name_variants",
    "screen_stored",
    "stale_keys",
]
