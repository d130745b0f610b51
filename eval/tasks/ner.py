"""NER on CoNLL-2003 English dev: micro F1 on PER/ORG/LOC with exact spans.

Each CoNLL document (``-DOCSTART-``) is rebuilt as text, tokens joined by spaces and sentences
by newlines, and run through the whole annotate pipeline and the mention stage. Predicted
contract types map to CoNLL's: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC; every other type is
dropped from the predictions, and MISC from the gold (the contract has no MISC). The bare spaCy
model is scored in the same run, its ``doc.ents`` mapped the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DESCRIPTION = "NER, CoNLL-2003 dev: micro F1 on PER/ORG/LOC, exact spans (mention stage vs bare spaCy)"
REQUIRES = ["eval/ner/conll2003-dev.conll"]
BASELINE = {"f1": 0.645}

TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
GOLD_TYPES = frozenset({"PER", "ORG", "LOC"})

Labelled = set[tuple[int, int, str]]
"""(start, end, type) character spans of one document."""


@dataclass(frozen=True)
class GoldDocument:
    text: str
    spans: frozenset[tuple[int, int, str]]


def read_conll(path: Path) -> Iterator[GoldDocument]:
    """CoNLL-2003 (IOB1 or IOB2) documents as text plus gold PER/ORG/LOC character spans."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        if parts[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
                current = []
            if sentences:
                yield _document(sentences)
            sentences = []
            continue
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    if sentences:
        yield _document(sentences)


def _document(sentences: list[list[tuple[str, str]]]) -> GoldDocument:
    pieces: list[str] = []
    spans: set[tuple[int, int, str]] = set()
    offset = 0
    for k, sentence in enumerate(sentences):
        if k:
            pieces.append("\n")
            offset += 1
        open_span: tuple[int, str] | None = None
        last_end = offset
        for j, (word, tag) in enumerate(sentence):
            if j:
                pieces.append(" ")
                offset += 1
            start, end = offset, offset + len(word)
            pieces.append(word)
            offset = end
            prefix, _, typ = tag.partition("-")
            begins = prefix == "B" or (prefix == "I" and (open_span is None or open_span[1] != typ))
            if open_span and (prefix == "O" or begins):
                spans.add((open_span[0], last_end, open_span[1]))
                open_span = None
            if prefix in ("B", "I") and open_span is None:
                open_span = (start, typ)
            last_end = end
        if open_span:
            spans.add((open_span[0], last_end, open_span[1]))
    text = "".join(pieces)
    return GoldDocument(text=text, spans=frozenset(s for s in spans if s[2] in GOLD_TYPES))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Labelled, predicted: Labelled) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _mapped(items: Iterable[tuple[int, int, str]]) -> Labelled:
    return {(s, e, TYPE_MAP[t]) for s, e, t in items if t in TYPE_MAP}


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    import spacy

    from newsgraph.annotate import load_pipeline
    from newsgraph.annotate.pipeline import MODEL, to_annotation
    from newsgraph.extract.entities import find_entities
    from newsgraph.records import Document

    docs = list(read_conll(shared / REQUIRES[0]))[:limit]
    texts = [d.text for d in docs]
    ours, bare, per_type = Counts(), Counts(), {t: Counts() for t in sorted(GOLD_TYPES)}
    nlp = load_pipeline()
    for gold, doc in zip(docs, nlp.pipe(texts, batch_size=16), strict=True):
        annotation = to_annotation(doc)
        mentions, _ = find_entities(annotation, Document(id="conll", text=gold.text))
        predicted = _mapped((m.start, m.end, m.type) for m in mentions)
        ours.add(set(gold.spans), predicted)
        for t, counts in per_type.items():
            counts.add({s for s in gold.spans if s[2] == t}, {s for s in predicted if s[2] == t})
    plain = spacy.load(MODEL)
    for gold, doc in zip(docs, plain.pipe(texts, batch_size=16), strict=True):
        bare.add(set(gold.spans), _mapped((e.start_char, e.end_char, e.label_) for e in doc.ents))
    p, r, f = ours.scores()
    result = {"f1": f, "precision": p, "recall": r}
    for t, counts in per_type.items():
        result[f"f1_{t}"] = counts.scores()[2]
    result["bare_spacy_f1"] = bare.scores()[2]
    return result
