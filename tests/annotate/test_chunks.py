"""Long texts are parsed in pieces (issue 16, item 14): a document's cost grows linearly with its
length, and the joined annotation reads as one of the whole text."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.annotate import annotate_many
from newsgraph.annotate.chunks import MAX_PIECE_CHARS, split_text
from newsgraph.annotate.parsed import Annotation

SENTENCE = "The port authority in Lagos said on Monday that 40 ships were waiting to dock. "
WORDS = "the port authority in Lagos said on Monday that forty ships were waiting to dock "


@pytest.mark.parametrize(
    ("text", "limit", "first_piece_ends_with"),
    [
        ("Short text.", 100, "Short text."),
        ("a" * 40 + "\n\n" + "b" * 20 + "\n" + "c" * 30, 70, "a\n\n"),
        ("a" * 40 + "\n" + "b" * 50, 70, "a\n"),
        ("Word word word word word. Next words here and more words to fill it", 40, "word. "),
        ("word " * 30, 40, "word "),
        ("x" * 100, 40, "x" * 40),
    ],
)
def test_a_piece_ends_at_the_best_break_within_the_limit(text: str, limit: int, first_piece_ends_with: str) -> None:
    pieces = split_text(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert pieces[0][1].endswith(first_piece_ends_with)


@settings(max_examples=50, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab .!?\n\t\u00e9"), max_size=400), limit=st.integers(2, 60))
def test_pieces_join_back_to_the_text_within_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:k]) for k in range(len(pieces))]
    assert all(len(p) <= limit for _, p in pieces)
    assert all(p for _, p in pieces) or text == ""


class Spy:
    """A pipeline that records the length of every text it is given."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.lengths: list[int] = []

    def pipe(self, items: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        def seen() -> Iterator[Any]:
            for item in items:
                self.lengths.append(len(item[0] if kwargs.get("as_tuples") else item))
                yield item

        return self.nlp.pipe(seen(), **kwargs)


@pytest.fixture(scope="module")
def blank() -> Any:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _consistent(ann: Annotation) -> None:
    assert [t.i for t in ann.tokens] == list(range(len(ann.tokens)))
    assert all(ann.text[t.start : t.end] == t.text for t in ann.tokens)
    assert all(ann.sentences[t.sent].token_start <= t.i < ann.sentences[t.sent].token_end for t in ann.tokens)
    assert [s.index for s in ann.sentences] == list(range(len(ann.sentences)))
    assert all(a.token_end == b.token_start for a, b in zip(ann.sentences, ann.sentences[1:], strict=False))
    assert ann.sentences[-1].token_end == len(ann.tokens)


@pytest.mark.parametrize("unit", [SENTENCE, WORDS, "x" * 999 + " "])
def test_a_long_single_line_text_is_parsed_in_bounded_pieces(blank: Any, unit: str) -> None:
    text = unit * (100_000 // len(unit))
    spy = Spy(blank)
    [ann] = annotate_many([text], spy)  # type: ignore[arg-type]
    assert max(spy.lengths) <= MAX_PIECE_CHARS
    assert len(spy.lengths) >= len(text) // MAX_PIECE_CHARS
    assert ann.text == text
    _consistent(ann)


def test_short_texts_are_parsed_whole_and_in_order(blank: Any) -> None:
    texts = ["First story. It is short.", "", SENTENCE * 400, "Last one."]
    spy = Spy(blank)
    anns = list(annotate_many(texts, spy))  # type: ignore[arg-type]
    assert [a.text for a in anns] == texts
    assert spy.lengths[:2] == [len(texts[0]), 0]
    for ann in anns:
        if ann.text:
            _consistent(ann)


@pytest.mark.slow
def test_the_cost_of_a_long_line_grows_linearly(nlp: Any) -> None:
    def seconds(n: int) -> float:
        text = WORDS * (n // len(WORDS))
        t0 = time.perf_counter()
        list(annotate_many([text], nlp))
        return time.perf_counter() - t0

    seconds(2_000)  # warm up
    small, large = seconds(30_000), seconds(120_000)
    # Linear: about 4 times as long; the whole text at once took 16 times as long or more.
    assert large < 8 * small, (small, large)
