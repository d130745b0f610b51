"""How high a listed name could score against a query, for many listed names at once and cheaply.

:func:`score_bounds` gives, for each candidate of a query, a score that
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
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from newsgraph.watchlist.matcher import (
    ALIGN_FLOOR,
    CONFLICT_PENALTY,
    PHONETIC,
    SUBSET_WEIGHT,
    _compact_score,
    _could_merge,
    acronym_strength,
)
from newsgraph.watchlist.normalise import LEGAL, NAME, NUMBER, PARTICLE, NameToken, NormalisedName, lexicon


def similarity_matrix(left: list[NameToken], right: list[NameToken]) -> np.ndarray:
    """:func:`~newsgraph.watchlist.matcher.token_similarity` of every ``left`` token with every ``right`` one.

    The edit-distance and Jaro-Winkler similarities come from rapidfuzz's ``cdist`` (the same
    values as one pair at a time); the rules of ``token_similarity`` are applied to the whole
    matrix, the last-checked rule first so that the earlier ones win.
    """
    lx = np.array([t.text for t in left])[:, None]
    rx = np.array([t.text for t in right])[None, :]
    lev = process.cdist(lx[:, 0], rx[0], scorer=Levenshtein.normalized_similarity, dtype=np.float64)
    jw = process.cdist(lx[:, 0], rx[0], scorer=JaroWinkler.similarity, dtype=np.float64)
    sim = (lev + jw) / 2
    ls = np.array([t.skeleton for t in left])[:, None]
    rs = np.array([t.skeleton for t in right])[None, :]
    skeleton_len = np.array([len(t.skeleton) for t in left])[:, None]
    first = np.array([t.text[0] for t in left])[:, None] == np.array([t.text[0] for t in right])[None, :]
    same_sound = (ls == rs) & ((skeleton_len >= 3) | ((skeleton_len == 2) & first))
    sim = np.where(same_sound & (sim < PHONETIC), PHONETIC, sim)
    short = np.minimum(np.array([len(t.text) for t in left])[:, None], np.array([len(t.text) for t in right])[None, :])
    starts = np.strings.startswith(lx, rx) | np.strings.startswith(rx, lx)
    sim = np.where((short >= 3) & starts & (sim < 0.8), 0.8, sim)
    sim = np.where(short == 2, 0.0, sim)
    sim = np.where(short == 1, np.where(starts, 0.8, 0.0), sim)
    lr = np.array([t.role for t in left])[:, None]
    rr = np.array([t.role for t in right])[None, :]
    sim = np.where((lr == NUMBER) | (rr == NUMBER), np.where(lr == rr, 0.5, 0.0), sim)
    sim = np.where((lr == LEGAL) | (rr == LEGAL), 0.0, sim)
    groups = lexicon().particle_group
    lg = np.array([groups.get(t.text, -1 - k) for k, t in enumerate(left)])[:, None]
    rg = np.array([groups.get(t.text, -1 - len(left) - k) for k, t in enumerate(right)])[None, :]
    sim = np.where((lr == PARTICLE) | (rr == PARTICLE), np.where((lr == rr) & (lg == rg), 0.9, 0.0), sim)
    return np.where(lx == rx, 1.0, sim)


def _credit(similarity: np.ndarray) -> np.ndarray:
    return np.clip((similarity - 0.5) / 0.45, 0.0, 1.0)


def token_bounds(left: NormalisedName, rights: list[NormalisedName]) -> np.ndarray:
    """For each of ``rights``, a score the token reading of ``left`` against it cannot exceed.

    Valid where no tokens are joined (:func:`score_bounds` checks that).
    """
    if not rights:
        return np.zeros(0)
    position: dict[tuple[str, str], int] = {}
    tokens: list[NameToken] = []
    for r in rights:
        for key, t in zip(r.keys, r.tokens, strict=True):
            if key not in position:
                position[key] = len(tokens)
                tokens.append(t)
    width = max(len(r.tokens) for r in rights)
    pad = len(tokens)  # names with fewer tokens point at a padding column of zeros
    index = np.array([[position[k] for k in r.keys] + [pad] * (width - len(r.keys)) for r in rights], dtype=np.intp)
    weight = np.array([[t.weight for t in r.tokens] + [0.0] * (width - len(r.tokens)) for r in rights])
    name = np.array([[t.role == NAME for t in r.tokens] + [False] * (width - len(r.tokens)) for r in rights])
    heavy = name & (weight >= 0.45)
    lt = list(left.tokens)
    sims = similarity_matrix(lt, tokens)
    sims = np.where(sims >= ALIGN_FLOOR, sims, 0.0)
    sims = np.hstack([sims, np.zeros((len(lt), 1))])  # padding column for names with fewer tokens
    best_right = sims.max(axis=0)[index]  # each right token's best partner: C x T
    got_r = (weight * _credit(best_right)).sum(axis=1)
    missing_r = ((best_right == 0.0) & heavy).any(axis=1)
    best_left = sims[:, index].max(axis=2)  # each left token's best partner in each name: L x C
    left_weight = np.array([t.weight for t in lt])[:, None]
    got_l = (left_weight * _credit(best_left)).sum(axis=0)
    left_heavy = np.array([t.role == NAME and t.weight >= 0.45 for t in lt])[:, None]
    missing_l = ((best_left == 0.0) & left_heavy).any(axis=0)
    wl = left.weight or 1.0
    wr = np.array([r.weight or 1.0 for r in rights])
    lighter = np.where(wl <= wr, got_l / wl, got_r / wr)
    bound = (1 - SUBSET_WEIGHT) * (got_l + got_r) / (wl + wr) + SUBSET_WEIGHT * lighter
    named = np.array([r.named for r in rights])
    one_word = (np.minimum(named, left.named) == 1) & (np.maximum(named, left.named) > 1)
    bound = np.where(one_word, bound * 0.85, bound)
    bound = np.where(missing_l & missing_r, bound - CONFLICT_PENALTY, bound)
    return np.clip(bound, 0.0, 1.0)


def could_merge(left: NormalisedName, right: NormalisedName) -> bool:
    """Whether the comparison may join adjacent tokens of either name into one."""
    if not left.join_lengths.isdisjoint(right.spellable) and _could_merge(left.joins, right.long_words):
        return True
    return not right.join_lengths.isdisjoint(left.spellable) and _could_merge(right.joins, left.long_words)


def score_bounds(left: NormalisedName, rights: list[NormalisedName], acronyms: list[bool]) -> list[float]:
    """For each of ``rights``, a score ``compare_normalised(left, right, acronyms=...)`` cannot exceed."""
    out = []
    for right, bound, acronym in zip(rights, token_bounds(left, rights).tolist(), acronyms, strict=True):
        if could_merge(left, right):
            out.append(1.0)
            continue
        bound = max(bound, _compact_score(left, right))
        if acronym and (left.acronym_like or right.acronym_like):
            bound = max(bound, acronym_strength(left, right), acronym_strength(right, left))
        out.append(bound)
    return out
