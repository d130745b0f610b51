"""What the relation tests compare: each relation as (type, subject text, object text)."""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.records import Extraction

Extract = Callable[..., Extraction]
"""The ``extracted`` fixture: text in, the whole extraction out."""


def triples(x: Extraction) -> set[tuple[str, str, str]]:
    return {(r.type, r.subject.text, r.object.text) for r in x.relations}
