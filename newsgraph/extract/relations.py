"""Stage: relations of one document."""

from __future__ import annotations

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import Relation, Extraction


def find_relations(annotation: Annotation, x: Extraction) -> tuple[Relation, ...]:
    """The document's relations (filled by its own issue)."""
    return ()
