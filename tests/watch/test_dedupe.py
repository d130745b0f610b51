"""Near-duplicates: the same story run by another outlet is found; a different story is not."""

from __future__ import annotations

import pytest

from newsgraph.watch import dedupe
from tests.watch.stories import STORIES

WIRE = " ".join(STORIES[:3])


@pytest.mark.parametrize(
    ("copy", "same"),
    [
        (f"By our correspondent\n\n{WIRE}\n\nCopyright 2026 The Daily Star.", True),
        (f"{WIRE} Read more on our website.", True),
        (WIRE.replace("Wednesday", "Tuesday"), True),
        (" ".join(STORIES[3:6]), False),
        (" ".join([STORIES[0], STORIES[4], STORIES[5]]), False),
    ],
)
def test_syndicated_copies_are_near_duplicates(copy: str, same: bool) -> None:
    a, b = dedupe.signature(WIRE), dedupe.signature(copy)
    assert a is not None and b is not None
    sim = dedupe.similarity(a, b)
    assert (sim >= dedupe.THRESHOLD) is same, sim
    shared = set(dedupe.bands(a)) & set(dedupe.bands(b))
    if same:
        assert shared  # found through the index


@pytest.mark.parametrize("text", ["Too short to judge.", ""])
def test_short_texts_get_no_signature(text: str) -> None:
    assert dedupe.signature(text) is None and dedupe.bands(None) == ()
