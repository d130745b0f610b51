"""The watchlist hits with the analysts' decisions on them, as CSV or JSON Lines
(``newsgraph review export``).

Each hit carries its status (open, confirmed, dismissed) and the decision in force: who decided,
when and why. JSON Lines gives each hit in the API's shape (``GET /api/watchlist/hits``); CSV
gives the same fields flat, one row per hit, in :data:`CSV_COLUMNS`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsgraph.errors import BadRequest
from newsgraph.store.reviews import ReviewedHit

HIT_FORMATS = ("csv", "jsonl")
CSV_COLUMNS = (
    "screened_name",
    "kind",
    "documents",
    "list",
    "reference",
    "entry_name",
    "matched_name",
    "score",
    "explanation",
    "screened_at",
    "status",
    "decided_by",
    "decided_at",
    "note",
)
"""The CSV's columns: the hit, then its status and the decision in force (empty when none)."""


def hit_row(hit: ReviewedHit) -> dict[str, Any]:
    """One hit as a flat CSV row."""
    data = hit.to_dict()
    review = data.pop("review") or {}
    row = {k: data.get(k) for k in CSV_COLUMNS}
    for k in ("decided_by", "decided_at", "note"):
        row[k] = review.get(k)
    return row


def format_of(path: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file's suffix names (``.csv``, ``.jsonl``/``.json``)."""
    chosen = fmt or {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl"}.get(path.suffix.lower())
    if chosen not in HIT_FORMATS:
        raise BadRequest(f"say which format to write {path.name} in: --format {' or '.join(HIT_FORMATS)}")
    return chosen


def write_hits(hits: Sequence[ReviewedHit], path: Path, fmt: str) -> int:
    """Write ``hits`` to ``path`` as ``fmt`` (csv or jsonl); how many were written."""
    if fmt not in HIT_FORMATS:
        raise BadRequest(f"unknown format {fmt!r} for hits: use {' or '.join(HIT_FORMATS)}")
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "jsonl":
            for h in hits:
                out.write(json.dumps(h.to_dict(), ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS))
            writer.writeheader()
            for h in hits:
                writer.writerow({k: "" if v is None else v for k, v in hit_row(h).items()})
    return len(hits)
