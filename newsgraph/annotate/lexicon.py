"""Word lists kept as data (``data/gazetteer/*.txt``: one word a line, ``#`` comments)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


@lru_cache(maxsize=16)
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/gazetteer/NAME.txt``, lower-cased."""
    lines = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))
