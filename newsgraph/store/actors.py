"""Actors across documents: their tables and every query on them.

- ``actors``: one row per actor resolved across documents (canonical name, kind, country,
  aliases with how often each form is used, first and last seen, counts).
- ``actor_keys``: the blocking keys of each actor (normalised name, phonetic skeleton, acronym,
  country, name token): a new entity is compared only with the actors sharing one of its keys.
- ``actor_links``: which actor each stored entity (document, entity id) was resolved to, with
  the score and the reason, so every decision can be explained.
- ``actor_decisions``: merges and splits asked for by a user; re-applied on every rebuild.
- ``actor_documents``: documents already resolved (what an interrupted run still has to do).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    cast,
    func,
    or_,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.store import schema
from newsgraph.store.documents import contains
from newsgraph.store.schema import metadata
from newsgraph.store.watchlist import watchlist_hits

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, comment="canonical name: the full form most documents use"),
    Column("kind", String(20), nullable=False),
    Column("country", String(2), comment="ISO 3166 alpha-2 of the place, or the person's nationality"),
    Column("aliases", JSON, nullable=False, comment="{surface form: number of documents using it}"),
    Column("attributes", JSON, nullable=False, comment="{attribute: {value: documents}} (role, nationality)"),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("documents", Integer, nullable=False, default=0),
    Column("mentions", Integer, nullable=False, default=0),
    Column("updated_at", String(32), nullable=False),
    Index("ix_actors_name", "name"),
)

actor_keys = Table(
    "actor_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_actor_keys_actor", "actor_id"),
)

actor_links = Table(
    "actor_links",
    metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(20), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("name", Text, nullable=False, comment="the entity's name in its document"),
    Column("mentions", Integer, nullable=False, default=1, comment="the entity's mentions in its document"),
    Column("score", Float, nullable=False),
    Column("method", String(20), nullable=False, comment="new, exact, phonetic, acronym, partial, country, user"),
    Column("reason", Text, nullable=False),
    Index("ix_actor_links_actor", "actor_id"),
)

actor_decisions = Table(
    "actor_decisions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("action", String(10), nullable=False, comment="merge or split"),
    Column("left_name", Text, comment="merge: one actor's name"),
    Column("right_name", Text, comment="merge: the other actor's name"),
    Column("doc_id", String(200), comment="split: the entity's document"),
    Column("entity_id", String(20), comment="split: the entity's id in its document"),
    Column("note", Text),
    Column("decided_at", String(32), nullable=False),
)

actor_documents = Table(
    "actor_documents",
    metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("resolved_at", String(32), nullable=False),
)

TABLES = (actors, actor_keys, actor_links, actor_decisions, actor_documents)


def create_tables(conn: Connection) -> None:
    """Create the actor tables (migration 3)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)


# reads for the network


@dataclass(frozen=True)
class Actor:
    """An actor as the network, the CLI and the web show it."""

    id: int
    name: str
    kind: str
    country: str | None
    documents: int
    aliases: tuple[str, ...] = ()
    """Its other names, the most used first."""
    first_seen: str | None = None
    last_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "documents": self.documents,
            "aliases": list(self.aliases),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


READ_CHUNK = 500
"""Actor ids read at a time."""


def _actor(row: Any) -> Actor:
    aliases = sorted((row.aliases or {}).items(), key=lambda kv: -kv[1])
    return Actor(
        id=row.id,
        name=row.name,
        kind=row.kind,
        country=row.country,
        documents=row.documents,
        aliases=tuple(a for a, _ in aliases if a != row.name),
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )


def load_actors(conn: Connection, ids: Iterable[int]) -> dict[int, Actor]:
    """The actors ``ids`` (those that exist), by id."""
    wanted = sorted(set(ids))
    out: dict[int, Actor] = {}
    for start in range(0, len(wanted), READ_CHUNK):
        for r in conn.execute(select(actors).where(actors.c.id.in_(wanted[start : start + READ_CHUNK]))):
            out[r.id] = _actor(r)
    return out


def actors_answering(conn: Connection, name: str, keys: Sequence[str], limit: int) -> list[Actor]:
    """At most ``limit`` actors, most documented first: those named ``name`` (any case), else
    those of the first of ``keys`` (blocking keys) that has any, else those whose name contains
    ``name``."""
    by_docs = actors.c.documents.desc()
    rows = conn.execute(
        select(actors).where(func.lower(actors.c.name) == name.lower()).order_by(by_docs).limit(limit)
    ).all()
    if not rows:
        for key in keys:
            rows = conn.execute(
                select(actors)
                .join(actor_keys, actor_keys.c.actor_id == actors.c.id)
                .where(actor_keys.c.key == key)
                .order_by(by_docs)
                .limit(limit)
            ).all()
            if rows:
                break
    if not rows:
        pattern = "%" + name.lower().replace("%", r"\%").replace("_", r"\_") + "%"
        rows = conn.execute(
            select(actors).where(func.lower(actors.c.name).like(pattern, escape="\\")).order_by(by_docs).limit(limit)
        ).all()
    return [_actor(r) for r in rows]


def actors_by_documents(engine: Engine) -> list[tuple[int, int]]:
    """(actor id, documents) of every actor, the most documented first."""
    with engine.connect() as conn:
        q = select(actors.c.id, actors.c.documents).order_by(actors.c.documents.desc())
        return [(r[0], r[1]) for r in conn.execute(q)]


# reads for the web and the CLI

ALIASES_LISTED = 10
"""Aliases given with each actor of a list (most used first; the full set is on the actor's page)."""


@dataclass(frozen=True)
class ListedActor:
    """An actor as lists show it."""

    id: int
    name: str
    kind: str
    country: str | None
    documents: int
    mentions: int
    aliases: tuple[str, ...]
    """Its other names, most used first, at most :data:`ALIASES_LISTED`."""
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "aliases": list(self.aliases)}


def _listed(r: Any) -> ListedActor:
    aliases = sorted((r.aliases or {}).items(), key=lambda kv: -kv[1])
    return ListedActor(
        id=r.id,
        name=r.name,
        kind=r.kind,
        country=r.country,
        documents=r.documents,
        mentions=r.mentions,
        aliases=tuple(a for a, _ in aliases if a != r.name)[:ALIASES_LISTED],
        first_seen=r.first_seen,
        last_seen=r.last_seen,
    )


def _actor_filters(kind: str | None, name: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if kind:
        where.append(actors.c.kind == kind)
    if name and name.strip():
        where.append(or_(contains(actors.c.name, name.strip()), contains(cast(actors.c.aliases, Text), name.strip())))
    return where


def list_actors(
    engine: Engine, *, kind: str | None = None, name: str | None = None, limit: int = 50, offset: int = 0
) -> list[ListedActor]:
    """Actors named in the most documents first, of one ``kind``, with ``name`` in their name or
    an alias (any case)."""
    where = _actor_filters(kind, name)
    query = select(actors).where(*where).order_by(actors.c.documents.desc(), actors.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_listed(r) for r in conn.execute(query)]


def count_actors(engine: Engine, *, kind: str | None = None, name: str | None = None) -> int:
    """How many actors :func:`list_actors` pages through."""
    query = select(func.count()).select_from(actors).where(*_actor_filters(kind, name))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def actors_of_entities(engine: Engine, doc_id: str) -> dict[str, tuple[int, str]]:
    """Entity id -> (actor id, actor name) for the resolved entities of one document."""
    query = (
        select(actor_links.c.entity_id, actor_links.c.actor_id, actors.c.name)
        .join(actors, actors.c.id == actor_links.c.actor_id)
        .where(actor_links.c.doc_id == doc_id)
    )
    with engine.connect() as conn:
        return {r.entity_id: (r.actor_id, r.name) for r in conn.execute(query)}


def actor_of_entity(engine: Engine, doc_id: str, entity_id: str) -> int | None:
    """The actor the entity ``doc_id:entity_id`` is linked to (None: it is not linked)."""
    query = select(actor_links.c.actor_id).where(
        and_(actor_links.c.doc_id == doc_id, actor_links.c.entity_id == entity_id)
    )
    with engine.connect() as conn:
        found = conn.execute(query).first()
    return None if found is None else int(found[0])


def actor_attributes(engine: Engine, actor_id: int) -> dict[str, Any]:
    """The actor's attributes: {attribute: {value: documents}} (role, nationality)."""
    with engine.connect() as conn:
        found = conn.execute(select(actors.c.attributes).where(actors.c.id == actor_id)).scalar_one()
    return dict(found or {})


@dataclass(frozen=True)
class ActorPlace:
    """A geocoded place among an actor's entities (coordinates rounded to 3 decimals group them)."""

    name: str
    lat: float
    lon: float
    country: str | None
    geonames_id: int | None
    feature: str | None
    entities: int
    """The actor's entities at this place."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def actor_places(engine: Engine, actor_id: int, *, limit: int = 200) -> list[ActorPlace]:
    """The places of the actor's first ``limit`` geocoded entities, most entities first."""
    e = schema.entities
    query = (
        select(e.c.name, e.c.lat, e.c.lon, e.c.country, e.c.geonames_id, e.c.feature)
        .join(actor_links, and_(actor_links.c.doc_id == e.c.doc_id, actor_links.c.entity_id == e.c.id))
        .where(actor_links.c.actor_id == actor_id, e.c.lat.is_not(None), e.c.lon.is_not(None))
        .limit(limit)
    )
    places: dict[tuple[float, float], dict[str, Any]] = {}
    with engine.connect() as conn:
        for p in conn.execute(query):
            place = places.setdefault((round(p.lat, 3), round(p.lon, 3)), {**dict(p._mapping), "entities": 0})
            place["entities"] += 1
    return sorted((ActorPlace(**p) for p in places.values()), key=lambda p: -p.entities)


def store_state(engine: Engine) -> tuple[Any, ...]:
    """Changes whenever documents are stored or actors are resolved, merged, split or rebuilt, or
    screened (maxima of keys and of the actors' update times: cheap to read)."""
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                select(
                    select(func.max(schema.documents.c.seq)).scalar_subquery(),
                    select(func.max(actors.c.id)).scalar_subquery(),
                    select(func.max(actors.c.updated_at)).scalar_subquery(),
                    select(func.max(actor_decisions.c.seq)).scalar_subquery(),
                    select(func.max(watchlist_hits.c.seq)).scalar_subquery(),
                )
            ).one()
        )
