"""Analysts' review of watchlist hits: its table and every query on it.

- ``hit_reviews``: one row per decision on a hit (confirmed, dismissed, or taken back: open),
  with who decided, when and why. Rows are never changed or deleted: the newest decision on a hit
  is the one in force, the older ones are its history.

A decision names its hit by what survives a re-ingest of the same documents, a rebuild of the
actors and a new ``screen --actors``: the name as screened (compared by :func:`name_key`: case,
Unicode form and spacing aside), the list and the entry's reference on it. Never by a row id of
``watchlist_hits``, ``actors`` or ``documents``, which a rebuild or a new screening renumbers. So
a hit dismissed once stays dismissed when screening finds it again, and a decision whose hit a
later screening no longer finds is kept (it applies again if the hit comes back).

The reads of hits with their review (:func:`reviewed_hits`, :func:`review_counts`) live here
too; the hits themselves are written by :func:`newsgraph.store.watchlist.replace_hits`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Column, Connection, Engine, Float, Index, Integer, String, Table, Text, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.errors import StoreError
from newsgraph.store.rows import CHUNK, chunks, from_row
from newsgraph.store.schema import metadata
from newsgraph.store.watchlist import WatchlistHit, watchlist_hits

Status = Literal["open", "confirmed", "dismissed"]
STATUSES: tuple[Status, ...] = ("open", "confirmed", "dismissed")
"""A hit's review status: ``open`` (nobody decided, or a decision was taken back), ``confirmed``
(the actor is the listed entry), ``dismissed`` (it is not)."""

BY_MAX = 200
"""Longest reviewer name kept (``hit_reviews.decided_by``)."""
NOTE_MAX = 2000
"""Longest note kept with a decision."""

hit_reviews = Table(
    "hit_reviews",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("name_key", Text, nullable=False, comment="the screened name as compared (name_key)"),
    Column("name", Text, nullable=False, comment="the screened name as written when decided"),
    Column("list", String(40), nullable=False),
    Column("entry_id", String(200), nullable=False, comment="the entry's reference as its list gives it"),
    Column("status", String(10), nullable=False, comment="confirmed, dismissed, or open (a decision taken back)"),
    Column("decided_by", String(BY_MAX), nullable=False),
    Column("note", Text),
    Column("decided_at", String(32), nullable=False),
    Column("entry_name", Text, comment="the entry's name when decided"),
    Column("matched_name", Text, comment="the listed name or alias that matched when decided"),
    Column("score", Float, comment="the hit's score when decided"),
    Index("ix_hit_reviews_hit", "name_key", "list", "entry_id"),
)

TABLES = (hit_reviews,)


def create_tables(conn: Connection) -> None:
    """Create the review table (a migration step, ``newsgraph.store.migrations``)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)


def name_key(name: str) -> str:
    """How screened names are compared: Unicode NFKC, case-folded, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


HitKey = tuple[str, str, str]
"""(:func:`name_key` of the screened name, list, entry reference): what names a hit for good."""


def hit_key(name: str, list_name: str, entry_id: str) -> HitKey:
    return (name_key(name), list_name, entry_id)


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HitReview:
    """One decision on a hit: one row of ``hit_reviews``."""

    seq: int
    name: str
    """The name as screened."""
    list: str
    entry_id: str
    """The entry's reference on its list."""
    status: str
    """confirmed, dismissed, or open (an earlier decision taken back)."""
    decided_by: str
    note: str | None
    decided_at: str
    entry_name: str | None
    """The entry's name, the alias that matched and the score when decided (for the record:
    the decision holds whatever a later screening scores)."""
    matched_name: str | None
    score: float | None

    @property
    def key(self) -> HitKey:
        return hit_key(self.name, self.list, self.entry_id)

    def to_dict(self) -> dict[str, Any]:
        """The API's shape: the hit named as in a hit (``screened_name``, ``list``, ``reference``)."""
        return {
            "seq": self.seq,
            "screened_name": self.name,
            "list": self.list,
            "reference": self.entry_id,
            "status": self.status,
            "decided_by": self.decided_by,
            "note": self.note,
            "decided_at": self.decided_at,
            "entry_name": self.entry_name,
            "matched_name": self.matched_name,
            "score": self.score,
        }


@dataclass(frozen=True)
class ReviewedHit:
    """A stored hit with the screened actor's kind and documents, and the decision in force."""

    hit: WatchlistHit
    kind: str | None
    """The screened entity's kind."""
    documents: int
    """Current documents naming it (when screened)."""
    review: HitReview | None
    """The newest decision on this hit, or None when nobody decided."""

    @property
    def status(self) -> str:
        return self.review.status if self.review is not None else "open"

    @property
    def key(self) -> HitKey:
        return hit_key(self.hit.actor, self.hit.list, self.hit.entry_id)

    def to_dict(self) -> dict[str, Any]:
        """A hit's one JSON shape (:meth:`WatchlistHit.to_dict`) with ``kind``, ``documents``,
        ``status`` and the decision in force (``review``, null when open and never decided)."""
        return {
            **self.hit.to_dict(),
            "kind": self.kind,
            "documents": self.documents,
            "status": self.status,
            "review": self.review.to_dict() if self.review is not None else None,
        }


# --- writes ----------------------------------------------------------------------------------


def add_review(
    engine: Engine,
    *,
    name: str,
    list_name: str,
    entry_id: str,
    status: str,
    decided_by: str,
    note: str | None,
    decided_at: str,
    entry_name: str | None = None,
    matched_name: str | None = None,
    score: float | None = None,
) -> HitReview:
    """Record a decision on the hit (``name``, ``list_name``, ``entry_id``); the stored record."""
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    row = {
        "name_key": name_key(name),
        "name": name,
        "list": list_name,
        "entry_id": entry_id,
        "status": status,
        "decided_by": decided_by,
        "note": note,
        "decided_at": decided_at,
        "entry_name": entry_name,
        "matched_name": matched_name,
        "score": score,
    }
    try:
        with engine.begin() as conn:
            result = conn.execute(insert(hit_reviews).values(**row))
            key_row = result.inserted_primary_key
    except SQLAlchemyError as exc:
        raise StoreError.from_driver(exc) from exc
    assert key_row is not None
    return HitReview(
        seq=int(key_row[0]),
        name=name,
        list=list_name,
        entry_id=entry_id,
        status=status,
        decided_by=decided_by,
        note=note,
        decided_at=decided_at,
        entry_name=entry_name,
        matched_name=matched_name,
        score=score,
    )


# --- reads -----------------------------------------------------------------------------------


def _review(row: Any) -> HitReview:
    return from_row(HitReview, row)


def reviews_in_force(conn: Connection, keys: Iterable[HitKey] | None = None) -> dict[HitKey, HitReview]:
    """The newest decision on each hit (of ``keys`` when given), by hit key."""
    q = select(hit_reviews)
    wanted = None if keys is None else set(keys)
    names = sorted({k[0] for k in wanted}) if wanted is not None else []
    if wanted is None or len(names) > CHUNK:  # decisions are few: reading them all is cheaper
        rows = list(conn.execute(q))
    else:
        rows = list(conn.execute(q.where(hit_reviews.c.name_key.in_(names)))) if names else []
    newest: dict[HitKey, Any] = {}
    for r in sorted(rows, key=lambda r: r.seq):  # oldest first: the newest decision wins
        key = (r.name_key, r.list, r.entry_id)
        if wanted is None or key in wanted:
            newest[key] = r
    return {k: _review(r) for k, r in newest.items()}


def review_history(engine: Engine, *, limit: int = 100, offset: int = 0) -> list[HitReview]:
    """Every decision, the newest first."""
    q = select(hit_reviews).order_by(hit_reviews.c.seq.desc()).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_review(r) for r in conn.execute(q)]


def count_reviews(engine: Engine) -> int:
    """How many decisions were recorded (every one, taken back or not)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(hit_reviews)).scalar_one())


_LIGHT = (
    watchlist_hits.c.seq,
    watchlist_hits.c.actor,
    watchlist_hits.c.list,
    watchlist_hits.c.entry_id,
    watchlist_hits.c.score,
)


def _statuses(
    conn: Connection, names: Iterable[str] | None, list_name: str | None
) -> tuple[list[tuple[int, HitKey]], dict[HitKey, HitReview]]:
    """(row number, hit key) of the stored hits asked for, best score first, and the decisions
    in force on them: read without building a record per hit (a store may hold many)."""
    h = watchlist_hits
    q = select(*_LIGHT).order_by(h.c.score.desc(), h.c.actor, h.c.list, h.c.entry_id, h.c.seq)
    if list_name:
        q = q.where(h.c.list == list_name)
    if names is None:
        rows = list(conn.execute(q))
    else:
        rows = []
        for wanted in chunks(sorted({n.lower() for n in names})):
            rows.extend(conn.execute(q.where(func.lower(h.c.actor).in_(wanted))))
        rows.sort(key=lambda r: (-r.score, r.actor, r.list, r.entry_id, r.seq))  # several reads: in order again
    hits = [(r.seq, hit_key(r.actor, r.list, r.entry_id)) for r in rows]
    decided = reviews_in_force(conn, {k for _, k in hits}) if hits else {}
    return hits, decided


def _status(decided: dict[HitKey, HitReview], key: HitKey) -> str:
    """The hit's status under the decisions in force: open when nobody decided (as :attr:`ReviewedHit.status`)."""
    found = decided.get(key)
    return found.status if found is not None else "open"


def hit_page(
    engine: Engine,
    *,
    names: Iterable[str] | None = None,
    status: str | None = None,
    list_name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[ReviewedHit], int]:
    """A page of the stored hits with the decision in force on each, best score first (of the
    screened names among ``names``, any case; of one ``status``; of one list, when given), and
    how many there are in all. Only the page's hits are read whole."""
    with engine.connect() as conn:
        hits, decided = _statuses(conn, names, list_name)
        if status is not None:
            hits = [(seq, k) for seq, k in hits if _status(decided, k) == status]
        page = hits[offset : None if limit is None else offset + limit]
        full: dict[int, Any] = {}
        for seqs in chunks([seq for seq, _ in page]):
            full.update((r.seq, r) for r in conn.execute(select(watchlist_hits).where(watchlist_hits.c.seq.in_(seqs))))
    out = [
        ReviewedHit(
            hit=from_row(WatchlistHit, full[seq]),
            kind=full[seq].kind,
            documents=int(full[seq].documents),
            review=decided.get(key),
        )
        for seq, key in page
        if seq in full
    ]
    return out, len(hits)


def reviewed_hits(
    engine: Engine,
    *,
    names: Iterable[str] | None = None,
    status: str | None = None,
    list_name: str | None = None,
) -> list[ReviewedHit]:
    """Every stored hit asked for (:func:`hit_page`), with the decision in force on each."""
    return hit_page(engine, names=names, status=status, list_name=list_name)[0]


def review_counts(engine: Engine) -> dict[str, int]:
    """How many stored hits are open, confirmed and dismissed."""
    with engine.connect() as conn:
        hits, decided = _statuses(conn, None, None)
    counted = Counter(_status(decided, k) for _, k in hits)
    return {s: counted.get(s, 0) for s in STATUSES}


def review_state(engine: Engine) -> int | None:
    """The newest decision's number: changes whenever a decision is recorded (cheap to read)."""
    with engine.connect() as conn:
        found: int | None = conn.execute(select(func.max(hit_reviews.c.seq))).scalar()
    return found
