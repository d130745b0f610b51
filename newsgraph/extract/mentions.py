"""Stage: the named mentions of one document, with their contract types.

The annotation's corrected spans (gazetteer, acronyms, context) are read as they are; spans of
spaCy's non-name types (DATE, MONEY, CARDINAL ...) are left to other stages.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.annotate.parsed import Annotation, NamedSpan
from newsgraph.records import Mention

MENTION_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "OTHER"}
)
"""The contract's mention types."""
OTHER_NAME_LABELS = frozenset({"LANGUAGE"})
"""spaCy name labels without a contract type of their own: they become OTHER."""


@dataclass(frozen=True)
class Found:
    """A mention and the span it comes from (for its producer and gazetteer key)."""

    mention: Mention
    span: NamedSpan


def mention_type(label: str) -> str | None:
    """The contract type of a span label, or None for non-name labels (DATE, MONEY ...)."""
    if label in MENTION_TYPES:
        return label
    return "OTHER" if label in OTHER_NAME_LABELS else None


def find_mentions(annotation: Annotation) -> list[Found]:
    """Named mentions in text order, ids ``m1``, ``m2`` ... (not yet linked to entities)."""
    found: list[Found] = []
    for span in annotation.spans:
        typ = mention_type(span.label)
        if typ is None or not span.text.strip():
            continue
        mid = f"m{len(found) + 1}"
        found.append(Found(Mention(id=mid, start=span.start, end=span.end, text=span.text, type=typ), span))
    return found
