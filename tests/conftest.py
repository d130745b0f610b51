"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.annotate import Annotation, annotate, load_pipeline
from newsgraph.records import Document, Extraction

SHARED = Path(__file__).resolve().parents[2] / "shared"
WIRE = SHARED / "corpus" / "wire" / "ians-2026-01-27-pakistan-hamas-nexus.txt"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@pytest.fixture(scope="session")
def annotated(nlp) -> Callable[[str], Annotation]:  # type: ignore[no-untyped-def]
    """Annotate a text with the session's pipeline."""

    def run(text: str) -> Annotation:
        return annotate(text, nlp)

    return run


@pytest.fixture(scope="session")
def extracted(nlp) -> Callable[..., Extraction]:  # type: ignore[no-untyped-def]
    """Run the whole extraction on a text: ``extracted(text, published="2026-01-27")``."""
    from newsgraph.extract import extract

    def run(text: str, published: str | None = None, source: str | None = None) -> Extraction:
        document = Document(id="t", text=text, published=published, source=source)
        return extract(document, annotate(text, nlp))

    return run


@pytest.fixture(scope="session")
def wire_text() -> str:
    if not WIRE.exists():
        pytest.skip(f"{WIRE} is absent")
    return WIRE.read_text(encoding="utf-8")
