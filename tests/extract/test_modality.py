"""Modality of a stretch of text: asserted, hedged, speculative, negated, question."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation
from newsgraph.errors import OntologyError
from newsgraph.extract.modality import LABELS, lexicon, modality_of, parse_lexicon


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"schema": "other"}, "schema"),
        (
            {"schema": "newsgraph/modality@1", "order": ["asserted"], "modals": {}},
            "order",
        ),
    ],
)
def test_malformed_lexicon_is_refused(data: dict[str, object], reason: str) -> None:
    with pytest.raises(OntologyError, match=reason):
        parse_lexicon(data)


def test_shipped_lexicon_orders_every_label() -> None:
    lex = lexicon()
    assert sorted(lex.order) == sorted(LABELS)
    assert lex.modals["could"] == "hedged"
    assert "no" in lex.negators  # quoted in the YAML, not read as a boolean


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia attacked the town on Monday.", "asserted"),
        ("The nexus could undermine international counterterrorism efforts.", "hedged"),
        ("The envoy may visit the capital next week.", "hedged"),
        ("The group reportedly met officials in the city.", "hedged"),
        ("The alleged financier left the country.", "hedged"),
        ("The meetings raise serious questions about state tolerance.", "hedged"),
        ("The commander is believed to be hiding in the hills.", "hedged"),
        ("If the talks fail, the army would respond.", "speculative"),
        ("The minister did not meet the delegation.", "negated"),
        ("The rebels never signed the agreement.", "negated"),
        ("The ministry denied any role in the attack.", "negated"),
        ("Will the government extend the ceasefire?", "question"),
        ("A man who never met him won the vote.", "asserted"),
    ],
)
def test_modality_of_a_sentence(annotated: Callable[[str], Annotation], text: str, expected: str) -> None:
    assert modality_of(annotated(text), 0, len(text)) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("The army attacked the town. The rebels could retreat.", "The army attacked the town.", "asserted"),
        ("The army attacked the town. The rebels could retreat.", "The rebels could retreat.", "hedged"),
    ],
)
def test_modality_reads_only_the_given_stretch(
    annotated: Callable[[str], Annotation], text: str, part: str, expected: str
) -> None:
    start = text.index(part)
    assert modality_of(annotated(text), start, start + len(part)) == expected
