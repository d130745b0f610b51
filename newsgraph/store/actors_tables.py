"""Tables of cross-document resolution, the actor network and stories, on the store's ``metadata``.

- ``actors``: one row per actor resolved across documents (canonical name, kind, country,
  aliases with how often each form is used, first and last seen, counts).
- ``actor_keys``: the blocking keys of each actor (normalised name, phonetic skeleton, acronym,
  country, name token): a new entity is compared only with the actors sharing one of its keys.
- ``actor_links``: which actor each stored entity (document, entity id) was resolved to, with
  the score and the reason, so every decision can be explained.
- ``actor_decisions``: merges and splits asked for by a user; re-applied on every rebuild.
- ``actor_documents``: documents already resolved (what an interrupted run still has to do).
- ``actor_ties``: pairs of entities of one document tied by an event, a relation or a claim:
  the network's evidence, turned into actor edges through ``actor_links`` at query time.
- ``stories`` / ``story_articles`` / ``story_terms``: articles grouped into stories by the story
  clusterer's rule, with what it needs to go on incrementally (each story's centroid, the term
  document frequencies).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
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

TABLES = (
    actors,
    actor_keys,
    actor_links,
    actor_decisions,
    actor_documents,
    actor_ties,
    stories,
    story_terms,
    story_articles,
)


def create_tables(conn: Connection) -> None:
    """The store's migration step for actors, the network and stories (``newsgraph.store.migrations``)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)
