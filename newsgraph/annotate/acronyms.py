"""Acronyms the text defines: ``Lashkar-e-Taiba (LeT)``, ``the Middle East Media Research
Institute (MEMRI)``, ``Pakistan-occupied Kashmir (PoK)``.

The long form is found by the Schwartz-Hearst method (each letter of the short form, from the
right, is found in the words before the bracket, the first at the start of a word). The long
form and every use of the short form in the document become spans of one type, sharing a key,
so that the entity stage merges them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.annotate.entity_spans import NAME_LABELS, current, make, store
from newsgraph.annotate.lexicon import word_list

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SHORT_FORM = re.compile(r"[A-Z][A-Za-z0-9&.]*[A-Z][A-Za-z0-9]*|[A-Z]{2,}s?")
"""One word with two or more capitals (NATO, LeT, PoK, U.S.); not a plain word (Hamas)."""
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Definition:
    """``long (short)`` found in the text."""

    short: str
    start: int
    """Token range of the long form."""
    end: int


def long_form(short: str, words: str) -> int | None:
    """Offset in ``words`` where the long form of ``short`` starts (Schwartz & Hearst 2003)."""
    s = len(short) - 1
    i = len(words) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (words[i].lower() != c or (s == 0 and i > 0 and words[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return words.rfind(" ", 0, i + 1) + 1


def definitions(doc: Doc) -> list[Definition]:
    """Every ``long form (SHORT)`` in the document."""
    out: list[Definition] = []
    for i, token in enumerate(doc[:-2]):
        if token.text != "(" or doc[i + 2].text != ")" or not SHORT_FORM.fullmatch(doc[i + 1].text):
            continue
        short = doc[i + 1].text
        letters = sum(ch.isalnum() for ch in short)
        first = max(token.sent.start, i - min(letters + 5, letters * 2) - 4)
        if first >= i:
            continue
        window = doc[first:i]
        start_char = long_form(short, window.text)
        if start_char is None:
            continue
        span = doc.char_span(window.start_char + start_char, window.end_char, alignment_mode="expand")
        if span is None:
            continue
        start = span.start
        while start < i and (doc[start].is_punct or doc[start].lower_ in ("the", "a", "an")):
            start += 1
        if start >= i or not doc[start].text[:1].isupper() or not doc[i - 1].text[:1].isupper():
            continue
        words = [t for t in doc[start:i] if t.is_alpha]
        if len(words) < 2 and "-" not in doc[start:i].text:
            continue
        out.append(Definition(short, start, i))
    return out


def _label(doc: Doc, spans: list[Span], start: int, end: int) -> tuple[str, str]:
    """Type and key of a long form: a known name's own; else the type of the span at its head
    (a person's name is never defined by an acronym here: ORG); else ORG."""
    inside = [s for s in spans if s.start < end and start < s.end]
    for s in inside:
        if (s.start, s.end) == (start, end) and s.label_ in NAME_LABELS:
            label = "ORG" if s.label_ in ("PERSON", "NORP") else s.label_
            return label, s.kb_id_
    head = doc[end - 1]
    if head.lower_ in word_list("org_heads"):
        return "ORG", ""
    skip = word_list("function_words")
    for s in inside:
        if s.start <= end - 1 < s.end and s.label_ in PLACE_LABELS:
            # "Pakistan-occupied Kashmir" is a place; "Tehreek-e-Labbaik Pakistan" is not
            modifiers = [t for t in doc[start : s.start] if t.is_alpha and t.lower_ not in skip]
            if not modifiers or any(t.is_lower for t in modifiers):
                return s.label_, ""
    return "ORG", ""


def apply_acronyms(doc: Doc) -> None:
    """Mark each defined long form and every use of its short form."""
    found = definitions(doc)
    if not found:
        return
    spans = current(doc)
    for d in found:
        label, key = _label(doc, spans, d.start, d.end)
        key = key or "acronym:" + re.sub(r"[^a-z0-9]+", "-", doc[d.start : d.end].text.lower()).strip("-")
        new = [make(doc, d.start, d.end, label, "acronym", key)]
        new += [make(doc, t.i, t.i + 1, label, "acronym", key) for t in doc if t.text == d.short]
        for n in new:
            spans = [s for s in spans if not (s.start < n.end and n.start < s.end)]
        spans.extend(new)
    store(doc, spans)
