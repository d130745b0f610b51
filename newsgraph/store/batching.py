"""How many values one ``IN (...)`` list or one multi-row insert takes: one number for the store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

CHUNK = 500
"""Values per ``IN`` list or per insert: well under SQLite's and PostgreSQL's parameter limits."""


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
