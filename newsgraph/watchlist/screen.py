"""Screen names against loaded lists: an index blocks candidates, the matcher scores them.

The index maps keys of every listed name and alias to the names that have them: each
identifying token's consonant skeleton (``s:tb``), its first four letters (``p:lash``), the name
written without spaces, and the name's initials (``a:l*t``, particles as a vowel wildcard) for
acronym queries. A query looks up its own keys, keeps the names that share the rarest keys and
scores only those with :func:`newsgraph.watchlist.matcher.compare_normalised`, skipping the
ones whose score bound (:class:`newsgraph.watchlist.bound.Bounds`) is under the lowest score kept.
:meth:`Screener.screen_many` compares each distinct name of a batch once (``screen --actors``);
:mod:`newsgraph.watchlist.index_cache` keeps the built index in the store between runs.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.store.watchlist import Quality, WatchlistEntry
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


def _norm_country(c: str) -> str:
    return " ".join(c.lower().replace("the ", "").split())


class Screener:
    """An index over entries of one or more lists; :meth:`screen` one name at a time."""

    def __init__(self, entries: list[WatchlistEntry]) -> None:
        self.entries = entries
        self.variants: list[_Variant] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for k, entry in enumerate(entries):
            seen: set[str] = set()
            for text, quality in entry.names():
                for variant in name_variants(text):
                    name = normalise(variant)
                    sig = " ".join(t.text for t in name.tokens)
                    if not name.tokens or sig in seen:
                        continue
                    seen.add(sig)
                    v = len(self.variants)
                    self.variants.append(_Variant(k, variant, quality, name))
                    for key in _keys(name) | _acronym_keys(name):
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
            if entry.type == "person" or len(variant.name.tokens) != 1 or variant.quality != "good":
                continue
            own = normalise(entry.name)
            if not acronym_of(variant.name, own):
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
        keys = _keys(name) | _query_acronym_keys(name)
        found = sorted((k for k in keys if k in self.postings), key=lambda k: (len(self.postings[k]), k))[:MAX_KEYS]
        if not found:
            return []
        common = min(self.common, MAX_POSTINGS)
        rare = [k for k in found if len(self.postings[k]) <= common] or found
        weight: dict[int, float] = defaultdict(float)
        for key in rare:
            idf = self.idf[key]
            for v in self.postings[key][:MAX_POSTINGS]:
                weight[v] += idf
        return sorted(weight, key=weight.__getitem__, reverse=True)[:limit]

    def comparisons(self, query: NormalisedName, cutoff: float = 0.0) -> list[tuple[int, Comparison]]:
        """Each blocked candidate variant of ``query`` and how its name compares (no evidence yet).

        Candidates that cannot score ``cutoff`` (:meth:`~newsgraph.watchlist.bound.Bounds.scores`)
        are left out without being compared.
        """
        out = []
        memo: Memo = {}
        candidates = self.candidates(query)
        acronyms = [self.entries[self.variants[v].entry].type != "person" for v in candidates]
        bounds = [1.0] * len(candidates)
        if cutoff > 0 and len(self.variants) > BOUNDS_AT_ONCE:
            few = Bounds([self.variants[v].name for v in candidates])
            bounds = few.scores(query, list(range(len(candidates))), acronyms)
        elif cutoff > 0:
            if self._bounds is None:
                self._bounds = Bounds([v.name for v in self.variants])
            # names added after the arrays were made (acronyms shared while building) get no bound
            known = [k for k, v in enumerate(candidates) if v < len(self._bounds.names)]
            found = self._bounds.scores(query, [candidates[k] for k in known], [acronyms[k] for k in known])
            for k, bound in zip(known, found, strict=True):
                bounds[k] = bound
        for v, acronym, bound in zip(candidates, acronyms, bounds, strict=True):
            if bound < cutoff - 1e-9:
                continue
            out.append((v, compare_normalised(query, self.variants[v].name, acronyms=acronym, memo=memo)))
        return out

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
        wanted = {_norm_country(c) for c in countries}
        best: dict[int, Hit] = {}
        for v, comparison in comparisons:
            score = comparison.score
            if score < threshold * PRE_FILTER:
                continue
            variant = self.variants[v]
            entry = self.entries[variant.entry]
            evidence: list[str] = []
            if v in self.shared:
                source = self.shared[v]
                evidence.append(f"acronym listed by {source[0]} {source[1]} for the same name")
                score -= 0.01
            if variant.quality == "low":
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
            hit = Hit(entry, variant.text, variant.quality, score, comparison, tuple(evidence))
            old = best.get(variant.entry)
            if old is None or hit.score > old.score:
                best[variant.entry] = hit
        hits = sorted(best.values(), key=lambda h: (-h.score, h.entry.list, h.entry.entry_id))
        return hits[:limit]

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


__all__ = ["MATCH_THRESHOLD", "Hit", "Screener", "name_variants"]
