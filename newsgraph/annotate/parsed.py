"""Plain records of an annotated text: tokens with their parse, sentences and named spans."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Token:
    """One token with its tags and dependency arc."""

    i: int
    """Index of the token in the document."""
    text: str
    start: int
    """Character offset of the token in the document text."""
    end: int
    lemma: str
    pos: str
    """Universal part of speech (NOUN, VERB, PROPN ...)."""
    tag: str
    """Fine-grained tag (NNP, VBD ...)."""
    dep: str
    """Dependency label to the head (nsubj, dobj, ROOT ...)."""
    head: int
    """Index of the head token (itself for the root)."""
    sent: int
    """Index of the sentence holding the token."""
    ent_type: str = ""
    """spaCy's own NER label for the token ("" outside an entity)."""
    ent_iob: str = "O"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    """Character offset of the sentence's first character."""
    end: int
    token_start: int
    token_end: int
    """Index one past the sentence's last token."""


@dataclass(frozen=True)
class NamedSpan:
    """A named mention after newsgraph's corrections (gazetteer, acronyms, context)."""

    start: int
    end: int
    text: str
    label: str
    """Contract mention type: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW, PRODUCT, WORK_OF_ART, OTHER
    (and DATE/TIME/... for spaCy's non-name entities, which the mention stage leaves out)."""
    token_start: int
    token_end: int
    source: str = "ner"
    """What produced it: ner, gazetteer, acronym, context ..."""
    kb_id: str = ""
    """An identifier the producing component knows (gazetteer key), else empty."""


@dataclass(frozen=True)
class Annotation:
    """The annotated text: what every extraction stage reads."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    spans: tuple[NamedSpan, ...]
    """Named spans (entities) sorted by start; non-overlapping."""

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return tuple(tuple(k) for k in kids)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def children(self, i: int) -> tuple[Token, ...]:
        """Direct dependents of token ``i``, in text order."""
        return tuple(self.tokens[k] for k in self._children[i])

    def subtree(self, i: int) -> list[Token]:
        """Token ``i`` and everything below it, in text order."""
        out: list[int] = []
        stack = [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self._children[k])
        return [self.tokens[k] for k in sorted(out)]

    def ancestors(self, i: int) -> Iterator[Token]:
        """Heads of token ``i`` up to the root of its sentence."""
        seen = {i}
        t = self.tokens[i]
        while t.head != t.i and t.head not in seen:
            seen.add(t.head)
            t = self.tokens[t.head]
            yield t

    def token_at(self, offset: int) -> Token | None:
        """The token covering character ``offset``, if any."""
        k = bisect.bisect_right(self._token_starts, offset) - 1
        if k >= 0 and self.tokens[k].start <= offset < self.tokens[k].end:
            return self.tokens[k]
        return None

    def sentence_of(self, token_index: int) -> Sentence:
        return self.sentences[self.tokens[token_index].sent]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding character ``offset``."""
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[k] if k >= 0 else None

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return self.tokens[sentence.token_start : sentence.token_end]

    def spans_in(self, start: int, end: int) -> list[NamedSpan]:
        """Named spans lying inside ``[start, end)``."""
        return [s for s in self.spans if s.start >= start and s.end <= end]
