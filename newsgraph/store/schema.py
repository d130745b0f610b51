"""The store's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

Every extraction record type has its table, keyed by the document's id and the record's id
within the document, so queries across documents (claims by speaker, events by actor) are plain
SQL. Other packages (the watchlist) define their tables on the same ``metadata``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True, comment="row number; FTS rowid"),
    Column("id", String(200), nullable=False, unique=True, comment="the contract's document id"),
    Column("key", String(1000), nullable=False, index=True, comment="identity across versions"),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("version", Integer, nullable=False, default=1),
    Column("previous_id", String(200), nullable=True, comment="id of the version this one replaces"),
    Column("current", Boolean, nullable=False, default=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", String(200), index=True),
    Column("published", String(10), index=True),
    Column("dateline", JSON, comment="{place, agency, start, end} or null"),
    Column("slug", Text),
    Column("origin", Text),
    Column("words", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)


def _doc_fk() -> Column[str]:
    return Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def _confidence() -> Column[float]:
    return Column(
        "confidence",
        Float,
        comment="estimated probability that the record is right (extract.confidence); null if stored before",
    )


mentions = Table(
    "mentions",
    metadata,
    _doc_fk(),
    Column("id", String(20), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("entity", String(20)),
)

entities = Table(
    "entities",
    metadata,
    _doc_fk(),
    Column("id", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("geonames_id", Integer),
    Column("feature", String(20)),
    Column("attributes", JSON, nullable=False),
    _confidence(),
    Index("ix_entities_name", "name"),
)

dates = Table(
    "dates",
    metadata,
    _doc_fk(),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(10)),
    Column("granularity", String(10), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    _doc_fk(),
    Column("id", String(20), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("speaker", JSON, comment="{start, end, text, entity} or null"),
    Column("speaker_text", Text, comment="the speaker as written, for search"),
    Column("speaker_entity", String(20)),
    Column("cue", JSON, comment="{start, end, text} or null"),
    Column("modality", String(12), nullable=False),
    Column("reported_by", String(20)),
    _confidence(),
)

events = Table(
    "events",
    metadata,
    _doc_fk(),
    Column("id", String(20), primary_key=True),
    Column("type", String(20), nullable=False, index=True),
    Column("mode", String(40)),
    Column("cameo", String(4)),
    Column("trigger", JSON, nullable=False),
    Column("sentence", JSON, nullable=False),
    Column("source", JSON, nullable=False),
    Column("target", JSON, nullable=False),
    Column("participants", JSON, nullable=False),
    Column("date", JSON),
    Column("date_value", String(10), index=True),
    Column("location", JSON),
    Column("modality", String(12), nullable=False),
    Column("claim", String(20)),
    _confidence(),
)

event_args = Table(
    "event_args",
    metadata,
    _doc_fk(),
    Column("event_id", String(20), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("role", String(12), nullable=False, comment="source, target, participant or location"),
    Column("text", Text, nullable=False),
    Column("entity", String(20)),
)

relations = Table(
    "relations",
    metadata,
    _doc_fk(),
    Column("id", String(20), primary_key=True),
    Column("type", String(20), nullable=False, index=True),
    Column("subject", JSON, nullable=False),
    Column("object", JSON, nullable=False),
    Column("subject_text", Text, nullable=False),
    Column("object_text", Text, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("modality", String(12), nullable=False),
    Column("claim", String(20)),
    _confidence(),
)

CORE_TABLES = (documents, mentions, entities, dates, claims, events, event_args, relations)
"""The tables of schema version 1, in creation order (with the columns added since: a new store
gets them at once, and the later migrations add only what an older store lacks)."""

CONFIDENCE_TABLES = ("entities", "claims", "events", "relations")
"""The record tables with a ``confidence`` column (migration 4)."""
