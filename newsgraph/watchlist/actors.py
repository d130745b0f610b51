"""Screen every actor stored in the newsgraph store, and keep the hits in ``watchlist_hits``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, insert, select

from newsgraph.store import schema
from newsgraph.watchlist.screen import Hit, Screener
from newsgraph.watchlist.tables import ensure_tables, watchlist_hits

SCREENED_KINDS = {"person": "person", "organization": "organization", "group": "organization", "other": None}
"""Actor kinds that can be designated, with the watchlist type they correspond to (None: any)."""


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    documents: int


@dataclass(frozen=True)
class ActorHit:
    actor: Actor
    hit: Hit


def stored_actors(engine: Engine) -> list[Actor]:
    """Distinct (name, kind) of the stored entities of current documents that can be designated."""
    e, d = schema.entities, schema.documents
    q = (
        select(e.c.name, e.c.kind, func.count(func.distinct(e.c.doc_id)))
        .select_from(e.join(d, d.c.id == e.c.doc_id))
        .where(d.c.current.is_(True), e.c.kind.in_(list(SCREENED_KINDS)))
        .group_by(e.c.name, e.c.kind)
        .order_by(e.c.name)
    )
    with engine.connect() as conn:
        return [Actor(name, kind, int(n)) for name, kind, n in conn.execute(q)]


def screen_actors(engine: Engine, screener: Screener, *, threshold: float, per_actor: int = 3) -> list[ActorHit]:
    """Screen every stored actor; replace the stored hits with this run's, in one transaction."""
    ensure_tables(engine)
    found: list[ActorHit] = []
    for actor in stored_actors(engine):
        kind = SCREENED_KINDS.get(actor.kind)
        for hit in screener.screen(actor.name, kind=kind, limit=per_actor, threshold=threshold):
            found.append(ActorHit(actor, hit))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows = [
        {
            "actor": f.actor.name,
            "kind": f.actor.kind,
            "documents": f.actor.documents,
            "list": f.hit.entry.list,
            "entry_id": f.hit.entry.entry_id,
            "entry_name": f.hit.entry.name,
            "matched_name": f.hit.matched_name,
            "score": round(f.hit.score, 4),
            "explanation": f.hit.explain(),
            "screened_at": now,
        }
        for f in found
    ]
    with engine.begin() as conn:
        conn.execute(delete(watchlist_hits))
        if rows:
            conn.execute(insert(watchlist_hits), rows)
    return found
