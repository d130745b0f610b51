"""Word lists kept as data (``data/gazetteer/*.txt``: one word a line, ``#`` comments)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/gazetteer/NAME.txt``, lower-cased (read once per process: the lists are
    a fixed set, now more than a bounded cache of 16 would keep from re-reading on hot paths)."""
    lines = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))
