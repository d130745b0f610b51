"""Sentence starts that the layout of a text decides: paragraphs and headlines.

spaCy's parser happily runs a headline into the first sentence of the body ("Dock workers strike
at Lagos port LAGOS, Feb 20 (NWS) - Thousands ...") and one paragraph into the next. A line
break starts a sentence when

- it is followed by a blank line (a paragraph break), or
- the line before ends like a sentence (``.``, ``!``, ``?``, or a closing quotation mark after one), or
- the line before is a short line without final punctuation (a headline, a byline, a dateline
  heading) and the next line starts with a capital letter, a digit or a quotation mark.

A hard-wrapped paragraph (lines of about the same width, ending mid-sentence) is left to the
parser: its lines are not short, so rule 3 does not fire.

A bullet inside a line (``•``) also starts a sentence after it: papers set one between a letter's
signature and the next letter ("Jane Doe Leeds • Trump's decision ..."), and before footnotes
("• This article was amended ..."), where the parser would run one into the other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

SHORT_LINE = 0.6
"""A line shorter than this share of the text's longest line counts as short (rule 3)."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.){1,3}$|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|St|Jr|Sr|Prof|Rev|Gov|Sen|Rep|No|Co|Inc|Ltd|vs)\.$"
)
_OPENS = re.compile(r"^[\"'“‘(\[]?[A-Z0-9]")
_BULLET = re.compile(r"[•▪■]\s+(?=\S)")


def line_starts(text: str) -> set[int]:
    """Character offsets (of a line's first non-space character) where a sentence must start."""
    lines = text.split("\n")
    widest = max((len(line.strip()) for line in lines), default=0)
    starts: set[int] = set()
    offset = 0
    previous: str | None = None
    blank_before = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            blank_before = True
            offset += len(line) + 1
            continue
        if previous is not None:
            short = len(previous) < SHORT_LINE * widest and previous[-1] not in ".,;:!?-–—"
            ends = bool(_SENTENCE_END.search(previous)) and not _ABBREVIATION.search(previous)
            if blank_before or ends or (short and _OPENS.match(stripped)):
                starts.add(offset + (len(line) - len(line.lstrip())))
        previous, blank_before = stripped, False
        offset += len(line) + 1
    # a bullet after text on its line (one that opens a line is the line's own start)
    for m in _BULLET.finditer(text):
        if text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            starts.add(m.end())
    return starts


def apply_lines(doc: Doc) -> None:
    """Mark the first token at each of :func:`line_starts` as a sentence start (before the parser)."""
    starts = line_starts(doc.text)
    if not starts:
        return
    for token in doc[1:]:
        if token.idx in starts:
            token.is_sent_start = True
