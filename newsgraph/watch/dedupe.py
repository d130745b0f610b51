"""Near-duplicate texts: the same story syndicated by several outlets (a wire story run by three
papers, each with its own headline, byline and footer).

Each text is cut into overlapping runs of :data:`SHINGLE` words (lower case, punctuation aside);
its MinHash :func:`signature` (:data:`HASHES` values) estimates the Jaccard similarity of two
texts' runs (:func:`similarity`). The signature is cut into :data:`BANDS` bands: two texts that
share a band are candidates (found by an index lookup in the store), and a candidate whose
estimated similarity reaches :data:`THRESHOLD` is a near-duplicate. With 16 bands of 4 values,
texts of similarity 0.8 share a band with probability 0.999, texts of 0.3 with 0.12.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE = 5
HASHES = 64
BANDS = 16
ROWS = HASHES // BANDS
THRESHOLD = 0.7
"""Estimated Jaccard similarity of word runs from which two texts are one story."""
MIN_WORDS = 20
"""Texts shorter than this get no signature (too short to tell a copy from a formula)."""

_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20260115)
_A = _rng.integers(1, _PRIME, size=HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=HASHES, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> tuple[int, ...] | None:
    """The MinHash signature of ``text``'s word runs; None for a text under :data:`MIN_WORDS` words."""
    runs = shingles(text)
    if not runs:
        return None
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") % _PRIME for s in runs),
        dtype=np.uint64,
        count=len(runs),
    )
    table = (_A[:, None] * hashes[None, :] + _B[:, None]) % _PRIME
    return tuple(int(v) for v in table.min(axis=1))


def bands(sig: tuple[int, ...] | None) -> tuple[str, ...]:
    """The band keys of a signature (band number and a hash of its values)."""
    if not sig:
        return ()
    out = []
    for b in range(BANDS):
        part = ",".join(str(v) for v in sig[b * ROWS : (b + 1) * ROWS])
        out.append(f"{b}:{hashlib.blake2b(part.encode(), digest_size=8).hexdigest()}")
    return tuple(out)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the word runs behind two signatures."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)
