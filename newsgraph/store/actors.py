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

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
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
