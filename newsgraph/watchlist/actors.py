"""Screen every actor stored in the newsgraph store, and keep the hits in ``watchlist_hits``.

The SQL (the stored entities read, the hits written) lives in :mod:`newsgraph.store.watchlist`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.store import Engine
from newsgraph.store.watchlist import ActorHitRow, ensure_tables, entity_names, replace_hits
from newsgraph.watchlist.screen import Hit, Screener

SCREENED_KINDS = {
    "person": "person",
    "organization": "organization",
    "group": "organization",
    "other": None,
}
"""Actor kinds that can be designated, with the watchlist type they correspond to (None: any).

Places, states and intergovernmental bodies are not screened: the lists designate no country or
place as an entry (country programmes are regimes), and the UN or the EU is no listed entity.
Media outlets are not screened either: on the BBC corpus every hit they got was a false lead
(``AP`` as the initials of ``AGRO-PHEN``, ``News Agency`` inside ``AMAQ NEWS AGENCY``)."""


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
    return [Actor(name, kind, n) for name, kind, n in entity_names(engine, list(SCREENED_KINDS))]


def screen_actors(
    engine: Engine,
    screener: Screener,
    *,
    threshold: float,
    per_actor: int = 3,
    progress: Callable[[int, int], None] | None = None,
) -> list[ActorHit]:
    """Screen every stored actor; replace the stored hits with this run's, in one transaction.

    Each distinct name is compared once (:meth:`Screener.screen_many`); ``progress(done, total)``
    is called as actors are screened.
    """
    ensure_tables(engine)
    actors = stored_actors(engine)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, len(actors))

    queries = [(a.name, SCREENED_KINDS.get(a.kind)) for a in actors]
    results = screener.screen_many(queries, limit=per_actor, threshold=threshold, progress=advance)
    found = [ActorHit(actor, hit) for actor, hits in zip(actors, results, strict=True) for hit in hits]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    replace_hits(
        engine,
        [
            ActorHitRow(
                actor=f.actor.name,
                kind=f.actor.kind,
                documents=f.actor.documents,
                list=f.hit.entry.list,
                entry_id=f.hit.entry.entry_id,
                entry_name=f.hit.entry.name,
                matched_name=f.hit.matched_name,
                score=round(f.hit.score, 4),
                explanation=f.hit.explain(),
                screened_at=now,
            )
            for f in found
        ],
    )
    return found
