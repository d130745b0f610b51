"""Split a long text into pieces that are parsed one by one, and join their annotations.

Parsing one very long text costs more than its length: the model holds the whole text at once
and several of newsgraph's components compare names across the whole document (a 990 KB
single-line text took 109 s and 3.3 GB). Parsing pieces of at most :data:`MAX_PIECE_CHARS`
characters bounds the cost of each piece, so a document's cost grows linearly with its size.

A piece ends at the last paragraph break before the limit, else the last line break, else the
last sentence end (``.``, ``!`` or ``?`` and a space), else the last space; only a run of
:data:`MAX_PIECE_CHARS` characters without a space is cut where it stands. Almost every news
article is shorter than one piece and is parsed whole, as before; in a longer one, what spans
pieces is not linked (an acronym defined in one piece is not recognised in the next, and a
name's type is settled in each piece).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from newsgraph.annotate.parsed import Annotation, NamedSpan, Sentence, Token

MAX_PIECE_CHARS = 20_000
"""Longest piece of text parsed at once, in characters."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def split_text(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``text`` as consecutive pieces of at most ``limit`` (:data:`MAX_PIECE_CHARS`) characters,
    each with its offset; joined, they are ``text`` again. A text within the limit is one piece."""
    limit = limit or MAX_PIECE_CHARS
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """Where the piece ``text[start:stop]`` should end: after the best break in its second half."""
    low = start + (stop - start) // 2
    for sep in ("\n\n", "\n"):
        k = text.rfind(sep, low, stop)
        if k >= 0:
            return k + len(sep)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, stop)]
    if ends:
        return ends[-1]
    k = max(text.rfind(" ", low, stop), text.rfind("\t", low, stop))
    return k + 1 if k >= 0 else stop


def join_annotations(text: str, parts: Sequence[tuple[int, Annotation]]) -> Annotation:
    """One :class:`Annotation` of ``text`` from the annotations of its pieces (with their offsets):
    offsets, token indices, heads and sentence indices shifted to the whole text."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    spans: list[NamedSpan] = []
    for offset, part in parts:
        t0, s0 = len(tokens), len(sentences)
        tokens.extend(
            replace(t, i=t.i + t0, start=t.start + offset, end=t.end + offset, head=t.head + t0, sent=t.sent + s0)
            for t in part.tokens
        )
        sentences.extend(replace(_shifted(s, offset, t0), index=s.index + s0) for s in part.sentences)
        spans.extend(_shifted(s, offset, t0) for s in part.spans)
    return Annotation(text=text, tokens=tuple(tokens), sentences=tuple(sentences), spans=tuple(spans))


_Range = TypeVar("_Range", Sentence, NamedSpan)


def _shifted(r: _Range, offset: int, t0: int) -> _Range:
    """A sentence or span of a piece, its offsets and token indices moved to the whole text."""
    return replace(
        r,
        start=r.start + offset,
        end=r.end + offset,
        token_start=r.token_start + t0,
        token_end=r.token_end + t0,
    )
