"""How high a listed name could score against a query, for many listed names at once and cheaply.

:meth:`Bounds.scores` gives, for each candidate of a query, a score that
:func:`~newsgraph.watchlist.matcher.compare_normalised` cannot exceed. A screen compares only the
candidates whose bound reaches the lowest score it keeps, so the bound changes no result; it
only spares the token alignment of names that cannot match (most of the blocked candidates).

The token reading is bounded with every token credited as if aligned with its most similar
partner on the other side (the greedy one-to-one alignment can only do worse) and only the
penalties that are certain (one word against several; a name token without any partner on
both sides). The token similarities come as one matrix per query (:func:`similarity_matrix`),
equal to :func:`~newsgraph.watchlist.matcher.token_similarity` pair by pair. The readings
without spaces and as an acronym are computed exactly; where tokens could be joined into one
(:func:`~newsgraph.watchlist.matcher._merges`) the bound is 1.

:class:`Bounds` keeps, for every listed name, its tokens as numbers into one vocabulary with
their weights, so that a query's bounds take a few array operations and no loop over names.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from newsgraph.watchlist.matcher import (
    ALIGN_FLOOR,
    CONFLICT_PENALTY,
    LONG_TOKEN,
    PHONETIC,
    SUBSET_WEIGHT,
    _compact_score,
    _could_merge,
    acronym_strength,
)
from newsgraph.watchlist.normalise import (
    LEGAL,
    NAME,
    NUMBER,
    PARTICLE,
    NameToken,
    NormalisedName,
    lexicon,
    vowel_frame,
    vowel_pattern,
)


@dataclass(frozen=True)
class TokenArrays:
    """Tokens as parallel arrays: what :func:`token_similarity` looks at."""

    text: np.ndarray
    skeleton: np.ndarray
    skeleton_len: np.ndarray
    first: np.ndarray
    length: np.ndarray
    role: np.ndarray
    group: np.ndarray
    """Particle group, or a number of its own for a word in no group."""
    pattern: np.ndarray
    """:func:`~newsgraph.watchlist.normalise.vowel_pattern` of the text."""
    frame: np.ndarray
    """:func:`~newsgraph.watchlist.normalise.vowel_frame` of the pattern."""

    @classmethod
    def of(cls, tokens: list[NameToken], offset: int = 0) -> TokenArrays:
        groups = lexicon().particle_group
        return cls(
            np.array([t.text for t in tokens]),
            np.array([t.skeleton for t in tokens]),
            np.array([len(t.skeleton) for t in tokens]),
            np.array([t.text[0] for t in tokens]),
            np.array([len(t.text) for t in tokens]),
            np.array([t.role for t in tokens]),
            np.array([groups.get(t.text, -1 - offset - k) for k, t in enumerate(tokens)]),
            np.array([vowel_pattern(t.text) for t in tokens]),
            np.array([vowel_frame(vowel_pattern(t.text)) for t in tokens]),
        )

    def take(self, rows: np.ndarray) -> TokenArrays:
        return TokenArrays(*(getattr(self, f.name)[rows] for f in fields(self)))


def _similarities(left: TokenArrays, right: TokenArrays) -> np.ndarray:
    """The rules of ``token_similarity`` over a matrix, the last-checked rule first so that earlier ones win."""
    lev = process.cdist(left.text, right.text, scorer=Levenshtein.normalized_similarity, dtype=np.float64)
    jw = process.cdist(left.text, right.text, scorer=JaroWinkler.similarity, dtype=np.float64)
    sim = (lev + jw) / 2
    lx, rx = left.text[:, None], right.text[None, :]
    skeleton_len = left.skeleton_len[:, None]
    first = left.first[:, None] == right.first[None, :]
    same_sound = (left.skeleton[:, None] == right.skeleton[None, :]) & (
        (skeleton_len >= 3) | ((skeleton_len == 2) & first)
    )
    short = np.minimum(left.length[:, None], right.length[None, :])
    same_sound &= sim < PHONETIC
    if same_sound.any():
        vowels = (left.pattern[:, None] == right.pattern[None, :]) | (
            (short >= LONG_TOKEN) & (left.frame[:, None] == right.frame[None, :])
        )
        # one typing slip apart: looked at only for the few pairs that need it
        for i, j in zip(*np.nonzero(same_sound & ~vowels), strict=True):
            vowels[i, j] = OSA.distance(str(left.text[i]), str(right.text[j])) <= 1
        same_sound &= vowels
    sim = np.where(same_sound, PHONETIC, sim)
    starts = np.strings.startswith(lx, rx) | np.strings.startswith(rx, lx)
    sim = np.where((short >= 3) & starts & (sim < 0.8), 0.8, sim)
    sim = np.where(short == 2, 0.0, sim)
    sim = np.where(short == 1, np.where(starts, 0.8, 0.0), sim)
    lr, rr = left.role[:, None], right.role[None, :]
    sim = np.where((lr == NUMBER) | (rr == NUMBER), np.where(lr == rr, 0.5, 0.0), sim)
    sim = np.where((lr == LEGAL) | (rr == LEGAL), 0.0, sim)
    same_group = left.group[:, None] == right.group[None, :]
    sim = np.where((lr == PARTICLE) | (rr == PARTICLE), np.where((lr == rr) & same_group, 0.9, 0.0), sim)
    return np.where(lx == rx, 1.0, sim)


def similarity_matrix(left: list[NameToken], right: list[NameToken]) -> np.ndarray:
    """:func:`~newsgraph.watchlist.matcher.token_similarity` of every ``left`` token with every ``right`` one.

    The edit-distance and Jaro-Winkler similarities come from rapidfuzz's ``cdist`` (the same
    values as one pair at a time).
    """
    return _similarities(TokenArrays.of(left), TokenArrays.of(right, offset=len(left)))


def _credit(similarity: np.ndarray) -> np.ndarray:
    return np.clip((similarity - 0.5) / 0.45, 0.0, 1.0)


def _length_mask(lengths: frozenset[int]) -> int:
    """Lengths as bits of a 64-bit mask (63 and more share the top bit)."""
    mask = 0
    for n in lengths:
        mask |= 1 << min(n, 63)
    return mask


def could_merge(left: NormalisedName, right: NormalisedName) -> bool:
    """Whether the comparison may join adjacent tokens of either name into one."""
    if not left.join_lengths.isdisjoint(right.spellable) and _could_merge(left.joins, right.long_words):
        return True
    return not right.join_lengths.isdisjoint(left.spellable) and _could_merge(right.joins, left.long_words)


class Bounds:
    """Listed names as arrays, for :meth:`scores`."""

    def __init__(self, names: list[NormalisedName]) -> None:
        self.names = names
        position: dict[tuple[str, str], int] = {}
        tokens: list[NameToken] = []
        for name in names:
            for key, t in zip(name.keys, name.tokens, strict=True):
                if key not in position:
                    position[key] = len(tokens)
                    tokens.append(t)
        self.vocabulary = TokenArrays.of(tokens, offset=1_000_000)
        self.pad = len(tokens)
        width = max((len(n.tokens) for n in names), default=1) or 1
        self.index = np.full((len(names), width), self.pad, dtype=np.intp)
        self.weight = np.zeros((len(names), width))
        self.heavy = np.zeros((len(names), width), dtype=bool)
        for k, name in enumerate(names):
            n = len(name.tokens)
            self.index[k, :n] = [position[key] for key in name.keys]
            self.weight[k, :n] = [t.weight for t in name.tokens]
            self.heavy[k, :n] = [t.role == NAME and t.weight >= 0.45 for t in name.tokens]
        self.total = np.array([n.weight or 1.0 for n in names])
        self.named = np.array([n.named for n in names])
        self.join_mask = np.array([_length_mask(n.join_lengths) for n in names], dtype=np.uint64)
        self.spell_mask = np.array([_length_mask(n.spellable) for n in names], dtype=np.uint64)
        self.core = np.array([len(n.core) for n in names])
        self.compact_len = np.array([len(n.compact) for n in names])
        self.acronym_like = np.array([n.acronym_like for n in names], dtype=bool)

    def token_scores(self, query: NormalisedName, rows: np.ndarray) -> np.ndarray:
        """For the listed names ``rows``, a score the token reading cannot exceed (without merges)."""
        index = self.index[rows]
        used, local = np.unique(index, return_inverse=True)
        local = local.reshape(index.shape)
        real = used[used < self.pad]
        sims = _similarities(TokenArrays.of(list(query.tokens)), self.vocabulary.take(real))
        sims = np.where(sims >= ALIGN_FLOOR, sims, 0.0)
        if len(real) < len(used):  # the padding of names with fewer tokens: no partner
            sims = np.hstack([sims, np.zeros((len(query.tokens), 1))])
        weight, heavy = self.weight[rows], self.heavy[rows]
        best_right = sims.max(axis=0)[local]  # each listed token's best partner in the query
        got_r = (weight * _credit(best_right)).sum(axis=1)
        missing_r = ((best_right == 0.0) & heavy).any(axis=1)
        best_left = sims[:, local].max(axis=2)  # each query token's best partner in each name
        left_weight = np.array([t.weight for t in query.tokens])[:, None]
        got_l = (left_weight * _credit(best_left)).sum(axis=0)
        left_heavy = np.array([t.role == NAME and t.weight >= 0.45 for t in query.tokens])[:, None]
        missing_l = ((best_left == 0.0) & left_heavy).any(axis=0)
        wl, wr = query.weight or 1.0, self.total[rows]
        lighter = np.where(wl <= wr, got_l / wl, got_r / wr)
        bound = (1 - SUBSET_WEIGHT) * (got_l + got_r) / (wl + wr) + SUBSET_WEIGHT * lighter
        named = self.named[rows]
        one_word = (np.minimum(named, query.named) == 1) & (np.maximum(named, query.named) > 1)
        bound = np.where(one_word, bound * 0.85, bound)
        bound = np.where(missing_l & missing_r, bound - CONFLICT_PENALTY, bound)
        return np.clip(bound, 0.0, 1.0)

    def scores(self, query: NormalisedName, rows: list[int], acronyms: list[bool]) -> list[float]:
        """For the listed names ``rows``, a score ``compare_normalised(query, name, acronyms=...)`` cannot exceed."""
        if not rows or not query.tokens:
            return [1.0] * len(rows)
        at = np.array(rows, dtype=np.intp)
        bound = self.token_scores(query, at)
        merge = ((self.join_mask[at] & np.uint64(_length_mask(query.spellable))) != 0) | (
            (self.spell_mask[at] & np.uint64(_length_mask(query.join_lengths))) != 0
        )
        compact = (self.core[at] != len(query.core)) & (np.minimum(self.compact_len[at], len(query.compact)) >= 6)
        acronym = np.array(acronyms, dtype=bool) & (self.acronym_like[at] | query.acronym_like)
        out = bound.tolist()
        for k in np.flatnonzero(merge | compact | acronym).tolist():
            name = self.names[rows[k]]
            if merge[k] and could_merge(query, name):
                out[k] = 1.0
                continue
            if compact[k]:
                out[k] = max(out[k], _compact_score(query, name))
            if acronym[k]:
                out[k] = max(out[k], acronym_strength(query, name), acronym_strength(name, query))
        return out
