"""Stories: articles grouped by the story grouping rule, and every query on them.

- ``stories`` / ``story_articles`` / ``story_terms``: articles grouped into stories, with what
  grouping needs to go on incrementally (each story's centroid, the term document frequencies).
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

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, comment="the title of its first article"),
    Column("first_date", String(10)),
    Column("last_date", String(10), index=True),
    Column("articles", Integer, nullable=False, default=0),
    Column("centroid", JSON, nullable=False, comment="sum of its articles' unit TF-IDF vectors {term: weight}"),
)

story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("documents", Integer, nullable=False, comment="clustered articles holding the term (for the IDF)"),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("similarity", Float, nullable=False),
    Index("ix_story_articles_story", "story_id"),
)

TABLES = (stories, story_terms, story_articles)


def create_tables(conn: Connection) -> None:
    """Create the story tables (migration 3)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)
