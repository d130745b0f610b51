"""How the store modules read and write rows: values per ``IN (...)`` list or multi-row insert,
and frozen records made from rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

CHUNK = 500
"""Values per ``IN`` list or per insert: well under SQLite's and PostgreSQL's parameter limits."""


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


R = TypeVar("R")


def from_row(record: type[R], row: Any) -> R:
    """The frozen dataclass ``record`` from a row holding a column of each of its fields' names."""
    return record(**{f.name: getattr(row, f.name) for f in dataclasses.fields(record)})  # type: ignore[arg-type]
