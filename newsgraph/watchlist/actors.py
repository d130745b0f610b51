"""Screen every actor stored in the newsgraph store, and keep the hits in ``watchlist_hits``.

A name match becomes a hit only as :mod:`newsgraph.watchlist.corroborate` judges it: the kinds
agree, the listed name's qualifiers are named, and what the name alone cannot tell (an acronym, a
generic name, one common given name) is corroborated in a document that names the actor. The SQL
(the stored entities and documents read, the hits written) lives in :mod:`newsgraph.store`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.store import Engine
from newsgraph.store.extractions import documents_naming, naming_documents, sample_texts
from newsgraph.store.watchlist import ActorHitRow, ensure_tables, entity_names, replace_hits
from newsgraph.watchlist.corroborate import Judgement, ListWords, common_words, judge
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


MATCHES_PER_ACTOR = 3
"""Name matches looked at per kept hit wanted: some are turned down (see :func:`judge_matches`)."""
DOCUMENTS_PER_ACTOR = 50
"""Documents that name an actor read for corroboration, the latest first."""
COMMON_SAMPLE = 500
"""Stored documents read for the words the news writes in lower case (common words)."""


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
    results = screener.screen_many(queries, limit=per_actor * MATCHES_PER_ACTOR, threshold=threshold, progress=advance)
    judged = judge_matches(engine, screener, [(a, hits) for a, hits in zip(actors, results, strict=True) if hits])
    found = [ActorHit(actor, j.hit) for actor, js in judged for j in [j for j in js if j.kept][:per_actor]]
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


def judge_matches(
    engine: Engine, screener: Screener, matches: list[tuple[Actor, list[Hit]]]
) -> list[tuple[Actor, list[Judgement]]]:
    """Each actor's name matches, kept or turned down (:func:`~newsgraph.watchlist.corroborate.judge`).

    Token rarity comes from the screener's lists, common words from a sample of the stored
    documents, and the corroborating documents of each actor from the store.
    """
    if not matches:
        return []
    words = ListWords.of(screener)
    common = common_words(sample_texts(engine, COMMON_SAMPLE))
    naming = documents_naming(engine, [(a.name, a.kind) for a, _ in matches], DOCUMENTS_PER_ACTOR)
    documents = naming_documents(engine, [d for ids in naming.values() for d in ids])
    out = []
    for actor, hits in matches:
        docs = [documents[d] for d in naming.get((actor.name, actor.kind), []) if d in documents]
        out.append((actor, judge(actor.name, actor.kind, hits, words, common, docs)))
    return out
