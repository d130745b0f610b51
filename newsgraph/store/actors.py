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
from dataclasses import dataclass
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
    func,
    select,
)

from newsgraph.store.schema import metadata

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


def count_actors(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(actors)).scalar_one())
