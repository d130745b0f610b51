"""newsgraph's spaCy components, registered explicitly by :func:`register` (no import side effects)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

_registered = False


def register() -> None:
    """Register newsgraph's component factories with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    _registered = True


def add_to(nlp: Language) -> None:
    """Add newsgraph's components to a loaded pipeline, after its NER."""
