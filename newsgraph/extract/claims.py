"""Stage: claims of one document."""

from __future__ import annotations

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import Claim, Extraction


def find_claims(annotation: Annotation, x: Extraction) -> tuple[Claim, ...]:
    """The document's claims (filled by its own issue)."""
    return ()
