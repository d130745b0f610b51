"""Long forms of defined acronyms (Schwartz-Hearst), without the model."""

from __future__ import annotations

import pytest

from newsgraph.annotate.acronyms import long_form


@pytest.mark.parametrize(
    ("short", "words", "expected"),
    [
        ("LeT", "the terror groups Lashkar-e-Taiba", "Lashkar-e-Taiba"),
        (
            "MEMRI",
            "a report in the US-based Middle East Media Research Institute",
            "Middle East Media Research Institute",
        ),
        ("PoK", "conferences held in Pakistan-occupied Kashmir", "Pakistan-occupied Kashmir"),
        ("WHO", "said the World Health Organization", "World Health Organization"),
    ],
)
def test_long_form_is_found_before_the_bracket(short: str, words: str, expected: str) -> None:
    start = long_form(short, words)
    assert start is not None and words[start:] == expected


@pytest.mark.parametrize(("short", "words"), [("XYZ", "the annual report"), ("NATO", "members of the alliance")])
def test_no_long_form_when_letters_are_missing(short: str, words: str) -> None:
    assert long_form(short, words) is None
