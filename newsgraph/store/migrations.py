"""Schema migrations: an ordered list, each applied once in its own transaction.

The store's ``schema_version`` table records the highest version applied. To change the schema,
append a :class:`Migration`; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    func,
    insert,
    inspect,
    select,
    text,
)

from newsgraph.errors import StoreVersionError
from newsgraph.store import actors, alerts, reviews, schema, stories, ties, watchlist
from newsgraph.store import watch as watch_state


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


_version_meta = MetaData()
schema_version = Table(
    "schema_version",
    _version_meta,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", String(32), nullable=False),
)


def _core_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.CORE_TABLES))
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "title, text, content='documents', content_rowid='seq', tokenize='unicode61 remove_diacritics 2')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING gin "
                "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
            )
        )


def _actor_tables(conn: Connection) -> None:
    actors.create_tables(conn)
    ties.create_tables(conn)
    stories.create_tables(conn)


def _confidence_columns(conn: Connection) -> None:
    """``confidence`` on the record tables and on the network's ties. Stores created since have
    them already (the tables are created from the current schema); older rows keep NULL."""
    kind = Float().compile(dialect=conn.dialect)
    for table in (*schema.CONFIDENCE_TABLES, ties.actor_ties.name):
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        if "confidence" not in have:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN confidence {kind}"))


def _review_tables(conn: Connection) -> None:
    """The analysts' decisions on watchlist hits, and who asked for each merge or split (stores
    created since have the column already)."""
    reviews.create_tables(conn)
    have = {c["name"] for c in inspect(conn).get_columns(actors.actor_decisions.name)}
    if "decided_by" not in have:
        kind = String(200).compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {actors.actor_decisions.name} ADD COLUMN decided_by {kind}"))


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, mentions, entities, dates, claims, events, relations; full-text index", _core_tables),
    Migration(2, "watchlist entries, loaded lists and screening hits", watchlist.create_tables),
    Migration(3, "actors across documents, their links, decisions and ties; stories", _actor_tables),
    Migration(4, "confidence of entities, claims, events, relations and the network's ties", _confidence_columns),
    Migration(5, "reviews of watchlist hits (who, when, why); who asked for each actor merge or split", _review_tables),
    Migration(6, "the watcher's sources, the items it has seen, their near-duplicate bands", watch_state.create_tables),
    Migration(7, "alerts raised by watch rules, and their delivery on each channel", alerts.create_tables),
    Migration(8, "where a watched source moved for good (its permanent redirect)", watch_state.add_moved_to),
]


def current_version(conn: Connection) -> int:
    _version_meta.create_all(conn)
    return conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one()


def migrate(conn: Connection) -> list[Migration]:
    """Apply the pending migrations (caller holds a transaction per call); return those applied."""
    found = current_version(conn)
    known = MIGRATIONS[-1].version
    if found > known:
        raise StoreVersionError(found, known)
    applied = []
    for m in MIGRATIONS:
        if m.version > found:
            m.apply(conn)
            conn.execute(
                insert(schema_version).values(
                    version=m.version, description=m.description, applied_at=datetime.now(UTC).isoformat()
                )
            )
            applied.append(m)
    return applied
