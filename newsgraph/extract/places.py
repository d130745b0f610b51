"""Stage: entities of one document."""

from __future__ import annotations

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import Entity, Extraction


def geocode(annotation: Annotation, x: Extraction) -> tuple[Entity, ...]:
    """The document's entities (filled by its own issue)."""
    return x.entities
