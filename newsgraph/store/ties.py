"""The network's evidence: ties between two entities of one document, and every query on them.

- ``actor_ties``: pairs of entities of one document tied by an event, a relation or a claim,
  turned into actor edges through ``actor_links`` at query time.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
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

actor_ties = Table(
    "actor_ties",
    metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(10), nullable=False, comment="event, relation or claim"),
    Column("type", String(30), nullable=False, comment="event type, relation type, or 'says' for a claim"),
    Column("record_id", String(20), nullable=False, comment="the event, relation or claim id in the document"),
    Column("entity_a", String(20), nullable=False),
    Column("entity_b", String(20), nullable=False),
    Column(
        "directed",
        Boolean,
        nullable=False,
        comment="a -> b (source -> target, subject -> object, speaker -> mentioned)",
    ),
    Column("label", Text, nullable=False, comment="trigger, relation type or cue as written"),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date", String(10), comment="the event's date, else the document's"),
    Column("location", Text),
    Column("modality", String(12), nullable=False),
    Column("speaker", Text, comment="who says so: the claim's speaker, when the fact is known through a claim"),
    Column("confidence", Float, comment="the event's, relation's or claim's confidence; null if stored before"),
    Index("ix_actor_ties_a", "doc_id", "entity_a"),
    Index("ix_actor_ties_b", "doc_id", "entity_b"),
)

TABLES = (actor_ties,)


def create_tables(conn: Connection) -> None:
    """Create the ties table (migration 3)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)
