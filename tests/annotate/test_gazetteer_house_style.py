"""An intergovernmental body's organ written in lower case after its capitalised first word
(``the UN security council``, ``the European parliament``) is the listed body."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation

pytestmark = pytest.mark.slow

Annotate = Callable[[str], Annotation]


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        (
            "A draft went before the UN security council on Tuesday.",
            "UN security council",
            "igo:united-nations-security-council",
        ),
        (
            "Members of the European parliament voted against the deal.",
            "European parliament",
            "igo:european-parliament",
        ),
    ],
)
def test_an_organ_in_lower_case_is_the_listed_body(annotated: Annotate, text: str, name: str, key: str) -> None:
    keys = {s.text: s.kb_id for s in annotated(text).spans}
    assert keys.get(name) == key


def test_a_lower_case_first_word_is_no_body(annotated: Annotate) -> None:
    spans = annotated("He said the european parliament was far away.").spans
    assert not any(s.kb_id == "igo:european-parliament" for s in spans)
