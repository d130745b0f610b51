"""Stage: dates of one document."""

from __future__ import annotations

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import DateMention, Extraction


def find_dates(annotation: Annotation, x: Extraction) -> tuple[DateMention, ...]:
    """The document's dates (filled by its own issue)."""
    return ()
