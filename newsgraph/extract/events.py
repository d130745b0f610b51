"""Stage: events of one document."""

from __future__ import annotations

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import Event, Extraction


def find_events(annotation: Annotation, x: Extraction) -> tuple[Event, ...]:
    """The document's events (filled by its own issue)."""
    return ()
