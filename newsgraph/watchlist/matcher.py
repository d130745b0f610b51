"""Compare two names: aligned tokens, a score in [0, 1] and the explanation of both.

``compare("Lashkar-e-Taiba", "LASHKAR E-TAYYIBA")`` aligns each token of one name with at most
one token of the other (exact, same consonant skeleton, edit distance, initial, prefix), then
scores the weighted share of each name that found a partner. Two further readings can raise
the score: the names written without spaces (``SergeiLavrov``), and one name being the
acronym of the other (``LeT``, ``JeM``: particles such as ``e``/``i`` may stand for any vowel).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from newsgraph.watchlist.normalise import (
    LEGAL,
    NAME,
    NUMBER,
    ORGWORD,
    PARTICLE,
    NameToken,
    NormalisedName,
    joins,
    long_words,
    normalise,
    same_particle,
    vowel_frame,
    vowel_pattern,
)

MATCH_THRESHOLD = 0.80
"""Score from which two names are reported as a match (best-F1 threshold on the dev pairs, rounded)."""
ALIGN_FLOOR = 0.62
"""Token pairs less similar than this are not aligned."""
SUBSET_WEIGHT = 0.35
"""How much the coverage of the lighter name counts beside the symmetric coverage."""
ACRONYM = 0.85
"""Score of a one-word name that spells the initials of the other (PLA)."""
ACRONYM_CASED = 0.92
"""Score of a mixed-case acronym whose lower-case letters fall on the particles (LeT, JeM)."""
PHONETIC = 0.88
"""Similarity of two tokens with the same consonant skeleton and vowels in place (Taiba, Tayyiba, Toiba)."""
CONFLICT_PENALTY = 0.12
"""Taken off when each name keeps a name token the other lacks (a different father, surname)."""
LONG_TOKEN = 7
"""Letters from which a token may lose an inner vowel and still read as the same name."""
ORDER_PENALTY = 0.06
"""Taken off, times the share of inverted pairs, when aligned name tokens come in another order."""


Memo = dict[tuple[str, str, str, str], tuple[float, str]]
"""Token similarities by (text, role) of both tokens: a token's skeleton follows from its text."""


@dataclass(frozen=True)
class TokenPair:
    left: str
    right: str
    similarity: float
    how: str
    """``exact``, ``phonetic`` (same consonant skeleton, vowels in place), ``spelling`` (edit distance), ``initial``,
    ``prefix``, ``particle``, ``merged`` (two tokens written as one)."""


@dataclass(frozen=True)
class Comparison:
    score: float
    method: str
    """``tokens``, ``compact`` or ``acronym``: the reading that gave the score."""
    pairs: tuple[TokenPair, ...]
    unmatched_left: tuple[str, ...]
    unmatched_right: tuple[str, ...]

    def explain(self) -> str:
        if self.method == "acronym":
            return f"acronym: {self.pairs[0].left} = initials of {self.pairs[0].right}"
        if self.method == "compact":
            return f"same letters without spaces: {self.pairs[0].left} ~ {self.pairs[0].right}"
        parts = []
        for p in self.pairs:
            sign = "=" if p.how == "exact" else "~"
            parts.append(f"{p.left}{sign}{p.right}" + ("" if p.how == "exact" else f" ({p.how} {p.similarity:.2f})"))
        parts += [f"+{t}" for t in self.unmatched_left]
        parts += [f"{t}+" for t in self.unmatched_right]
        return "; ".join(parts)


def token_similarity(a: NameToken, b: NameToken) -> tuple[float, str]:
    """How alike two tokens are, and why."""
    if a.text == b.text:
        return 1.0, "exact"
    if a.role == PARTICLE or b.role == PARTICLE:
        return (0.9, "particle") if a.role == b.role and same_particle(a.text, b.text) else (0.0, "")
    if a.role == LEGAL or b.role == LEGAL:
        return 0.0, ""
    if a.role == NUMBER or b.role == NUMBER:
        return (0.5, "number") if a.role == b.role else (0.0, "")
    x, y = a.text, b.text
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) == 1:
        return (0.8, "initial") if long_.startswith(short) else (0.0, "")
    if len(short) <= 2:
        return 0.0, ""
    lev = Levenshtein.normalized_similarity(x, y)
    jw = JaroWinkler.similarity(x, y)
    best, how = (lev + jw) / 2, "spelling"
    same_sound = a.skeleton == b.skeleton and (len(a.skeleton) >= 3 or (len(a.skeleton) == 2 and x[0] == y[0]))
    if same_sound and best < PHONETIC and vowels_agree(x, y):
        best, how = PHONETIC, "phonetic"
    if len(short) >= 3 and long_.startswith(short) and best < 0.8:
        best, how = 0.8, "prefix"
    return best, how


def vowels_agree(x: str, y: str) -> bool:
    """Whether two tokens of one consonant skeleton also keep their vowels in place (one name).

    Same :func:`~newsgraph.watchlist.normalise.vowel_pattern` (Osama/Usama), or the same
    :func:`~newsgraph.watchlist.normalise.vowel_frame` when both have ``LONG_TOKEN`` letters or
    more (Alexander/Aleksandr), or one typing slip apart (OSA distance 1: Scholz/Schloz). Bashar
    and Bushra, Saraqeb and Sercuba do not: they are other names with the same consonants.
    """
    px, py = vowel_pattern(x), vowel_pattern(y)
    if px == py:
        return True
    if min(len(x), len(y)) >= LONG_TOKEN and vowel_frame(px) == vowel_frame(py):
        return True
    return OSA.distance(x, y) <= 1


def credit(similarity: float) -> float:
    """How much of a token an aligned partner of this similarity accounts for."""
    return min(1.0, max(0.0, (similarity - 0.5) / 0.45))


def _could_merge(joined: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether some join of adjacent tokens is 85% like some word: the first condition of a merge.

    Levenshtein similarity is at most ``1 - |a - b| / max(a, b)`` for lengths ``a`` and ``b``,
    so only joins of ``0.85 b`` to ``b / 0.85`` letters are compared with a word of ``b``.
    """
    similarity = Levenshtein.normalized_similarity
    for w in words:
        low, high = 0.85 * len(w) - 1e-9, len(w) / 0.85 + 1e-9
        for j in joined:
            if low <= len(j) <= high and similarity(j, w) >= 0.85:
                return True
    return False


def _merges(
    left: tuple[NameToken, ...],
    right: tuple[NameToken, ...],
    left_joins: tuple[str, ...] | None = None,
    right_words: tuple[str, ...] | None = None,
) -> tuple[NameToken, ...]:
    """Join two or three adjacent tokens of ``left`` when together they spell a token of ``right``.

    ``left_joins`` and ``right_words`` are :func:`~newsgraph.watchlist.normalise.joins` of ``left``
    and :func:`~newsgraph.watchlist.normalise.long_words` of ``right`` when the caller has them.
    """
    if len(left) < 2:
        return left
    left_joins = joins(left) if left_joins is None else left_joins
    if not _could_merge(left_joins, long_words(right) if right_words is None else right_words):
        return left
    words = {t.text for t in right if len(t.text) >= 5}
    own = {t.text for t in left}
    similarity = Levenshtein.normalized_similarity
    out: list[NameToken] = []
    i = 0
    while i < len(left):
        for n in (3, 2):
            if i + n > len(left):
                continue
            pieces = left[i : i + n]
            if any(t.role == LEGAL for t in pieces):
                continue
            joined = "".join(t.text for t in pieces)
            # the cheap test first: the joined pieces must spell a word of the other name
            if joined in own or not any(similarity(joined, w) >= 0.85 for w in words):
                continue
            # pieces that already match on their own ("lashkar" + "e") stay apart
            if any(similarity(t.text, w) >= 0.8 for t in pieces for w in words):
                continue
            weight = max(t.weight for t in pieces)
            out.append(NameToken(joined, NAME, weight, "".join(t.skeleton for t in pieces)))
            i += n
            break
        else:
            out.append(left[i])
            i += 1
    return tuple(out)


def align(
    left: tuple[NameToken, ...],
    right: tuple[NameToken, ...],
    memo: Memo | None = None,
) -> tuple[list[tuple[int, int, float, str]], list[int], list[int]]:
    """Greedy one-to-one alignment, most similar pairs first.

    ``memo`` keeps token similarities between calls (one query against many listed names); only
    for tokens as :func:`~newsgraph.watchlist.normalise.normalise` made them (not merged ones).
    """
    candidates = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if memo is None:
                sim, how = token_similarity(a, b)
            else:
                key = (a.text, a.role, b.text, b.role)
                found = memo.get(key)
                if found is None:
                    found = memo[key] = token_similarity(a, b)
                sim, how = found
            if sim >= ALIGN_FLOOR:
                candidates.append((sim, -abs(i / max(len(left), 1) - j / max(len(right), 1)), i, j, how))
    candidates.sort(reverse=True)
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for sim, _, i, j, how in candidates:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((i, j, sim, how))
    return pairs, [i for i in range(len(left)) if i not in used_l], [j for j in range(len(right)) if j not in used_r]


def _acronym_letters(tokens: tuple[NameToken, ...]) -> list[str]:
    """Initials of a multi-word name: with particles as a vowel wildcard ``*``, and without them."""
    words = [t for t in tokens if t.role != LEGAL]
    with_particles = "".join("*" if t.role == PARTICLE and len(t.text) <= 2 else t.text[0] for t in words)
    without = "".join(t.text[0] for t in words if t.role != PARTICLE)
    return [with_particles, without]


def _is_acronym(word: str, letters: str) -> bool:
    if len(word) != len(letters):
        return False
    return all(c == w or (c == "*" and w in "aeiou") for c, w in zip(letters, word, strict=True))


def _case_pattern(original: str) -> str | None:
    """For a mixed-case acronym (``LeT``, ``JeM``): ``*`` where a lower-case letter stands for a particle."""
    letters = [ch for ch in original if ch.isalpha()]
    if not 2 <= len(letters) <= 6 or not any(ch.islower() for ch in letters) or not letters[0].isupper():
        return None
    if sum(ch.isupper() for ch in letters) < 2:
        return None
    return "".join("*" if ch.islower() else ch.lower() for ch in letters)


def acronym_strength(short: NormalisedName, long_: NormalisedName) -> float:
    """How strongly ``short`` (one word) reads as the initials of ``long_``: 0 when it does not.

    ``ACRONYM_CASED`` when a mixed-case acronym's lower-case letters fall on particles (LeT:
    Lashkar-e-Taiba), ``ACRONYM`` for a plain match of the letters.
    """
    core = [t for t in short.tokens if t.role != LEGAL]
    if len(core) != 1 or not 2 <= len(core[0].text) <= 6 or core[0].role == NUMBER:
        return 0.0
    words = tuple(t for t in long_.tokens if t.role != LEGAL)
    if len([t for t in words if t.role != PARTICLE]) < 2:
        return 0.0
    variants = _acronym_letters(words)
    if not any(_is_acronym(core[0].text, letters) for letters in variants):
        return 0.0
    pattern = _case_pattern(short.original)
    if pattern is not None and len(pattern) == len(variants[0]):
        agrees = all((p == "*") == (v == "*") for p, v in zip(pattern, variants[0], strict=True))
        return ACRONYM_CASED if agrees else ACRONYM * 0.9
    return ACRONYM


def acronym_of(short: NormalisedName, long_: NormalisedName) -> bool:
    """Whether ``short`` is one word that spells the initials of ``long_`` (LeT, PLA, JeM)."""
    return acronym_strength(short, long_) > 0


def _compact_score(left: NormalisedName, right: NormalisedName) -> float:
    """The reading of both names without spaces (``SergeiLavrov``): 0 unless it applies."""
    cl, cr = left.compact, right.compact
    if cl and cr and min(len(cl), len(cr)) >= 6 and len(left.core) != len(right.core):
        compact = Levenshtein.normalized_similarity(cl, cr)
        if compact >= 0.85:
            return compact * 0.97
    return 0.0


def compare_normalised(
    left: NormalisedName,
    right: NormalisedName,
    *,
    acronyms: bool = True,
    memo: Memo | None = None,
) -> Comparison:
    """Compare two normalised names; ``acronyms=False`` skips the acronym reading (for people).

    ``memo``: a dict to keep token similarities in across comparisons of one name with many.
    """
    lt = _merges(left.tokens, right.tokens, left.joins, right.long_words)
    rt = _merges(right.tokens, lt, right.joins, left.long_words) if lt is left.tokens else _merges(right.tokens, lt)
    pairs, un_l, un_r = align(lt, rt, memo if lt is left.tokens and rt is right.tokens else None)
    wl = sum(t.weight for t in lt) or 1.0
    wr = sum(t.weight for t in rt) or 1.0
    # a token repeated on one side ("Sergey Sergey") or a second particle adds nothing to miss
    got_l = sum(lt[i].weight * credit(sim) for i, _, sim, _ in pairs)
    got_r = sum(rt[j].weight * credit(sim) for _, j, sim, _ in pairs)
    cov_l, cov_r = got_l / wl, got_r / wr
    symmetric = (got_l + got_r) / (wl + wr)
    lighter = cov_l if wl <= wr else cov_r
    score = (1 - SUBSET_WEIGHT) * symmetric + SUBSET_WEIGHT * lighter
    # a one-word name matched inside a longer one is weak evidence
    named_l = [t for t in lt if t.role in (NAME, ORGWORD)]
    named_r = [t for t in rt if t.role in (NAME, ORGWORD)]
    if min(len(named_l), len(named_r)) == 1 and max(len(named_l), len(named_r)) > 1:
        score *= 0.85
    weak = [k for k, (_, _, sim, _) in enumerate(pairs) if sim < 0.8]
    missing_l = [i for i in un_l if lt[i].role == NAME and lt[i].weight >= 0.45]
    missing_r = [j for j in un_r if rt[j].role == NAME and rt[j].weight >= 0.45]
    if (missing_l and missing_r) or (weak and (missing_l or missing_r)) or len(weak) > 1:
        score -= CONFLICT_PENALTY
    named = sorted((i, j) for i, j, _, _ in pairs if lt[i].role == NAME and rt[j].role == NAME)
    if len(named) > 1:
        inversions = sum(1 for a in range(len(named)) for b in range(a + 1, len(named)) if named[a][1] > named[b][1])
        score -= ORDER_PENALTY * inversions / (len(named) * (len(named) - 1) / 2)
    # legal forms that differ (AG vs GmbH) are a small penalty when both sides have one
    legal_l = {t.text for t in lt if t.role == LEGAL}
    legal_r = {t.text for t in rt if t.role == LEGAL}
    if legal_l and legal_r and not legal_l & legal_r:
        score -= 0.03
    result = Comparison(
        max(0.0, min(1.0, score)),
        "tokens",
        tuple(TokenPair(lt[i].text, rt[j].text, sim, how) for i, j, sim, how in sorted(pairs)),
        tuple(lt[i].text for i in un_l if lt[i].role != LEGAL),
        tuple(rt[j].text for j in un_r if rt[j].role != LEGAL),
    )
    compact = _compact_score(left, right)
    if compact > result.score:
        cl, cr = left.compact, right.compact
        pair = TokenPair(cl, cr, Levenshtein.normalized_similarity(cl, cr), "compact")
        result = Comparison(compact, "compact", (pair,), (), ())
    if acronyms:
        for short, long_ in ((left, right), (right, left)):
            strength = acronym_strength(short, long_)
            if strength > result.score:
                words = " ".join(t.text for t in long_.tokens if t.role != LEGAL)
                pair = TokenPair(short.core[0].text, words, strength, "acronym")
                result = Comparison(strength, "acronym", (pair,), (), ())
    return result


def compare(left: str, right: str) -> Comparison:
    """Compare two names in any script (see the module docstring)."""
    return compare_normalised(normalise(left), normalise(right))
