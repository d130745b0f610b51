"""The corrected named spans that newsgraph's components pass along in ``doc.spans[SPAN_KEY]``.

The first component to run seeds them from the model's ``doc.ents``, with their boundaries
tidied (:func:`tidy`): no leading article or trailing possessive, no line break inside, hyphenated
names (``Jaish-e-Mohammad``) kept whole. Every component then reads :func:`current`, changes the
list and stores it back with :func:`store`. Spans carry their producer in ``span.id_`` (ner,
gazetteer, acronym, context) and a gazetteer or acronym key in ``span.kb_id_``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsgraph.annotate.lexicon import word_list

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPAN_KEY = "newsgraph_ents"
"""``doc.spans`` key where newsgraph's components leave their corrected named spans."""


NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)
"""Labels of names; spaCy's others (DATE, TIME, MONEY, CARDINAL ...) are passed on untouched."""
PROPER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
ARTICLES = frozenset({"the", "a", "an"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
HYPHENS = frozenset({"-", "‐", "‑"})
SEPARATORS = frozenset({"•", "|", "·", "▪", "►"})
"""Marks that separate the items of a page (letters, links): no name runs across one."""
CONNECTOR = re.compile(r"[a-z]{1,3}")
"""Lower-case links inside hyphenated names: Lashkar-e-Taiba, Harkat-ul-Mujahideen, Hizb-ut-Tahrir."""
_DATE_WORDS = re.compile(
    r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\d{1,4}(?:st|nd|rd|th)?|,"
)


def current(doc: Doc) -> list[Span]:
    """The spans so far: the stored group, or the model's entities, tidied, when none is stored."""
    if SPAN_KEY in doc.spans:
        return list(doc.spans[SPAN_KEY])
    spans = [s for s in (tidy(e) for e in doc.ents) if s is not None]
    return extend_to_chains(doc, spans)


def store(doc: Doc, spans: Iterable[Span]) -> None:
    """Store the spans, sorted and without overlaps (earlier-listed spans win ties)."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in spans:
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    doc.spans[SPAN_KEY] = sorted(chosen, key=lambda s: s.start)


def make(doc: Doc, start: int, end: int, label: str, source: str, key: str = "") -> Span:
    from spacy.tokens import Span

    return Span(doc, start, end, label=label, kb_id=key, span_id=source)


def relabel(span: Span, label: str, source: str | None = None, key: str | None = None) -> Span:
    return make(
        span.doc,
        span.start,
        span.end,
        label,
        span.id_ if source is None else source,
        span.kb_id_ if key is None else key,
    )


def tidy(span: Span) -> Span | None:
    """A model entity with tidy boundaries, or None when nothing name-like is left."""
    doc = span.doc
    start, end = span.start, span.end
    # a line break ends a name: keep the first line that holds words
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            if any(not t.is_space and not t.is_punct for t in doc[start : i + (0 if doc[i].is_space else 1)]):
                end = i if doc[i].is_space else i + 1
                break
            start = i + 1
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    label = span.label_
    if label not in NAME_LABELS:
        return make(doc, start, end, label, span.id_ or "ner", span.kb_id_) if end > start else None
    while start < end and _edge_junk(doc[start]):
        start += 1
    while end > start and _edge_junk(doc[end - 1]):
        end -= 1
    if any(t.text in SEPARATORS for t in doc[start:end]):
        return None  # "Dorset • Trump", "London • Join": page furniture, not one name
    if start < end and doc[start].lower_ in ARTICLES and end - start > 1:
        start += 1
    while end > start and doc[end - 1].text in POSSESSIVES:
        end -= 1
    if label in ("PERSON", "GPE", "LOC", "NORP"):
        while end > start + 1 and doc[end - 1].like_num:
            end -= 1
    if label in PROPER_LABELS:
        # "Interfax news agency": a name does not end in a common word
        links = word_list("function_words")
        while end > start + 1 and (_common_word(doc, end - 1, links) or _edge_junk(doc[end - 1])):
            end -= 1
    if end <= start:
        return None
    if label in PROPER_LABELS and end - start == 1 and _capitalised_common_word(doc[start]):
        return None
    text = doc[start:end].text
    if not any(ch.isupper() for ch in text):
        return None
    if label in ("EVENT", "ORG", "WORK_OF_ART", "FAC") and all(_DATE_WORDS.fullmatch(t.text) for t in doc[start:end]):
        return make(doc, start, end, "DATE", "context")
    return make(doc, start, end, label, span.id_ or "ner", span.kb_id_)


def _edge_junk(t: Token) -> bool:
    """A lone symbol (``Iran &`` from ``Iran &amp;``) at a name's edge."""
    return t.is_space or t.is_punct or not any(ch.isalnum() for ch in t.text)


def _common_word(doc: Doc, i: int, links: frozenset[str]) -> bool:
    t = doc[i]
    hyphenated = i > 0 and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_
    return t.is_alpha and t.is_lower and t.lower_ not in links and not hyphenated


def _capitalised_common_word(t: Token) -> bool:
    """``Men``, ``Attendance``, ``Death`` at the start of a line: capitalised, tagged as a common
    noun (or adjective, verb, adverb) by the tagger, not a proper noun."""
    common = ("NOUN", "ADJ", "VERB", "ADV", "PRON", "DET", "ADP")
    return t.is_title and t.pos_ in common and t.tag_ not in ("NNP", "NNPS")


def name_chains(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of hyphenated names with lower-case links (``Jaish-e-Mohammad``,
    ``Hizb-ut-Tahrir``), which the tokenizer splits into five or more tokens."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        t = doc[i]
        if not (t.is_alpha and t.text[:1].isupper()) or t.whitespace_:
            i += 1
            continue
        j = i
        linked = False
        while j + 2 < n and doc[j + 1].text in HYPHENS and not doc[j].whitespace_ and not doc[j + 1].whitespace_:
            nxt = doc[j + 2]
            if not nxt.is_alpha:
                break
            if nxt.text[:1].isupper():
                j += 2
                if nxt.whitespace_:
                    break
                continue
            if CONNECTOR.fullmatch(nxt.text) and j + 4 < n and doc[j + 3].text in HYPHENS and not nxt.whitespace_:
                linked = True
                j += 2
                continue
            break
        if linked and j > i and doc[j].text[:1].isupper():
            out.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return out


def extend_to_chains(doc: Doc, spans: list[Span]) -> list[Span]:
    """Stretch spans that cover part of a hyphenated name over the whole name."""
    chains = name_chains(doc)
    if not chains:
        return spans
    out: list[Span] = []
    for span in spans:
        for a, b in chains:
            partial = span.start < b and a < span.end and (span.start, span.end) != (a, b)
            if span.label_ in NAME_LABELS and partial:
                start, end = min(a, span.start), max(b, span.end)
                span = make(doc, start, end, span.label_, span.id_ or "ner", span.kb_id_)
        out.append(span)
    # drop spans swallowed by a stretched neighbour
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in out:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
