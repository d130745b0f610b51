"""The rows the exporters read (:mod:`newsgraph.export`): events with their arguments for the
GDELT table, actors by id, and the articles and mentions behind FollowTheMoney entities.

Functions take a :data:`~newsgraph.store.Tx` (from :func:`~newsgraph.store.connect`) where an
exporter reads several things in one connection, or an engine, and return frozen records.
Reads by id go in chunks of :data:`CHUNK` ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, select

from newsgraph.store import schema
from newsgraph.store.actors import actor_links, actors
from newsgraph.store.rows import CHUNK
from newsgraph.store.stories import story_articles


@dataclass(frozen=True)
class EventRow:
    """An event of a current document, with what the GDELT export needs of its document and story."""

    doc_id: str
    id: str
    type: str
    mode: str | None
    cameo: str | None
    trigger: dict[str, Any] | None
    """``{start, end, text}`` of the trigger in the document."""
    sentence: dict[str, Any] | None
    """``{start, end}`` of the event's sentence."""
    date_value: str | None
    modality: str
    published: str | None
    source: str | None
    url: str | None
    ingested_at: str | None
    words: int
    text: str | None
    """The document's text."""
    story_id: int | None
    """The story the document belongs to, None when it belongs to none."""


@dataclass(frozen=True)
class EventArgRow:
    """An argument of an event, with the actor its entity resolved to and the entity's place."""

    doc_id: str
    event_id: str
    role: str
    """``source``, ``target``, ``participant`` or ``location``."""
    seq: int
    text: str
    actor_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str | None
    geonames_id: int | None
    name: str | None
    """The entity's name."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ActorRow:
    """An actor as the exports name it."""

    id: int
    name: str
    kind: str
    country: str | None


@dataclass(frozen=True)
class ArticleRow:
    """A document as an FtM ``Article``."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None


def current_events(tx: Connection) -> list[EventRow]:
    """Every event of a current document with its document and story, by publication date,
    document and event id."""
    v, d = schema.events, schema.documents
    q = (
        select(
            v.c.doc_id,
            v.c.id,
            v.c.type,
            v.c.mode,
            v.c.cameo,
            v.c.trigger,
            v.c.sentence,
            v.c.date_value,
            v.c.modality,
            d.c.published,
            d.c.source,
            d.c.url,
            d.c.ingested_at,
            d.c.words,
            d.c.text,
            story_articles.c.story_id,
        )
        .join(d, d.c.id == v.c.doc_id)
        .outerjoin(story_articles, story_articles.c.doc_id == v.c.doc_id)
        .where(d.c.current.is_(True))
        .order_by(d.c.published, v.c.doc_id, v.c.id)
    )
    return [EventRow(**r._mapping) for r in tx.execute(q)]


def event_arguments(tx: Connection, doc_ids: Sequence[str]) -> list[EventArgRow]:
    """The event arguments of ``doc_ids``, with their resolved actor and their entity's place,
    by document, event and position."""
    a, e = schema.event_args, schema.entities
    out: list[EventArgRow] = []
    for start in range(0, len(doc_ids), CHUNK):
        chunk = list(doc_ids[start : start + CHUNK])
        q = (
            select(
                a.c.doc_id,
                a.c.event_id,
                a.c.role,
                a.c.seq,
                a.c.text,
                actor_links.c.actor_id,
                e.c.lat,
                e.c.lon,
                e.c.country,
                e.c.feature,
                e.c.geonames_id,
                e.c.name,
            )
            .outerjoin(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
            .outerjoin(e, and_(e.c.doc_id == a.c.doc_id, e.c.id == a.c.entity))
            .where(a.c.doc_id.in_(chunk))
            .order_by(a.c.doc_id, a.c.event_id, a.c.seq)
        )
        out.extend(EventArgRow(**r._mapping) for r in tx.execute(q))
    return out


def actors_by_id(engine: Engine, ids: Sequence[int]) -> dict[int, ActorRow]:
    """The actors of ``ids`` (those that exist), by id."""
    out: dict[int, ActorRow] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), CHUNK):
            q = select(actors.c.id, actors.c.name, actors.c.kind, actors.c.country).where(
                actors.c.id.in_(list(ids[start : start + CHUNK]))
            )
            for r in conn.execute(q):
                out[r.id] = ActorRow(**r._mapping)
    return out


def articles_by_id(tx: Connection, doc_ids: Sequence[str]) -> dict[str, ArticleRow]:
    """The documents of ``doc_ids`` (those that exist), by id, in the order the store gives them."""
    d = schema.documents
    out: dict[str, ArticleRow] = {}
    for start in range(0, len(doc_ids), CHUNK):
        q = select(d.c.id, d.c.title, d.c.url, d.c.source, d.c.published).where(
            d.c.id.in_(list(doc_ids[start : start + CHUNK]))
        )
        for r in tx.execute(q):
            out[r.id] = ArticleRow(**r._mapping)
    return out


def actor_names_in_documents(tx: Connection, actor_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """(actor id, document id, name as the document writes it) of every link of ``actor_ids``."""
    out: list[tuple[int, str, str]] = []
    for start in range(0, len(actor_ids), CHUNK):
        q = select(actor_links.c.actor_id, actor_links.c.doc_id, actor_links.c.name).where(
            actor_links.c.actor_id.in_(list(actor_ids[start : start + CHUNK]))
        )
        out.extend((r.actor_id, r.doc_id, r.name) for r in tx.execute(q))
    return out
