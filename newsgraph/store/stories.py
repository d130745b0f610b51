"""Stories: articles grouped by the story grouping rule, their tables and every query on them.

- ``stories`` / ``story_articles`` / ``story_terms``: articles grouped into stories, with what
  grouping needs to go on incrementally (each story's centroid, the term document frequencies).

The grouping itself (``newsgraph.stories``) is logic over the records these functions hand it:
the documents to group, the stories still open to them, the term counts; and it writes back
through them. A story's articles, and their events with the actors of their arguments, are read
here too: they are the story resource's reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.errors import StoreError
from newsgraph.store import schema
from newsgraph.store.actors import actor_links, actors
from newsgraph.store.documents import current_ids_missing_from
from newsgraph.store.rows import CHUNK
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
    Column("documents", Integer, nullable=False, comment="grouped articles holding the term (for the IDF)"),
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


# -- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleText:
    """A current stored document as grouping reads it."""

    id: str
    title: str | None
    text: str
    published: str | None
    previous_id: str | None = None
    """The version this document replaces, if any (only read for a batch to group)."""


@dataclass(frozen=True)
class StoryState:
    """One story with the state that grouping goes on from (a row of ``stories``)."""

    id: int | None
    """None for a story not stored yet."""
    title: str | None
    first_date: str | None
    last_date: str | None
    articles: int
    centroid: dict[str, float]
    """The sum of its articles' unit TF-IDF vectors {term: weight}."""

    def row(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "articles": self.articles,
            "centroid": self.centroid,
        }


@dataclass(frozen=True)
class StorySummary:
    """A story as it is listed: its number, title, dates and size."""

    id: int
    title: str | None
    first_date: str | None
    last_date: str | None
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "articles": self.articles,
        }


@dataclass(frozen=True)
class StoryArticle:
    """One article of a story."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    similarity: float
    """Its score against the story when it joined (0 for the article that opened it)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "similarity": self.similarity,
        }


@dataclass(frozen=True)
class EventArgument:
    """One argument of an event of a story's article, with the actor it was resolved to."""

    doc_id: str
    event_id: str
    role: str
    """source, target, participant or location."""
    text: str
    actor: str | None
    """The resolved actor's canonical name; None when the argument is not linked to one."""


@dataclass(frozen=True)
class ArticleEvent:
    """One event of a story's article, as story details count it."""

    doc_id: str
    id: str
    type: str
    cameo: str | None
    date_value: str | None
    trigger: dict[str, Any] | None
    sentence: Any
    modality: str


# -- transactions --------------------------------------------------------------------------------


@contextmanager
def story_errors(what: str) -> Iterator[None]:
    """Turn a database failure inside the block into a :class:`StoreError` saying ``what`` failed."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{what}: {exc}") from exc


def store_key(engine: Engine) -> str:
    """The store's URL, password included: what tells one store from another in a process."""
    return engine.url.render_as_string(hide_password=False)


# -- grouping: reads -----------------------------------------------------------------------------


def current_documents_stored(engine: Engine) -> int:
    """How many current documents the store holds."""
    d = schema.documents
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(d).where(d.c.current.is_(True))).scalar_one())


def ungrouped_documents(conn: Connection, doc_ids: Sequence[str]) -> list[ArticleText]:
    """The current documents among ``doc_ids`` that are in no story yet (in chunks)."""
    d = schema.documents
    out: list[ArticleText] = []
    for start in range(0, len(doc_ids), CHUNK):
        chunk = list(doc_ids[start : start + CHUNK])
        done = {r[0] for r in conn.execute(select(story_articles.c.doc_id).where(story_articles.c.doc_id.in_(chunk)))}
        q = select(d.c.id, d.c.title, d.c.text, d.c.published, d.c.previous_id).where(
            d.c.id.in_(chunk), d.c.current.is_(True)
        )
        out += [
            ArticleText(r.id, r.title, r.text, r.published, r.previous_id) for r in conn.execute(q) if r.id not in done
        ]
    return out


def ungrouped_document_ids(engine: Engine) -> list[str]:
    """Every current document in no story yet, oldest first."""
    return current_ids_missing_from(engine, story_articles.c.doc_id)


def current_documents(conn: Connection) -> list[ArticleText]:
    """Every current document, in the order they were stored."""
    d = schema.documents
    q = select(d.c.id, d.c.title, d.c.text, d.c.published).where(d.c.current.is_(True)).order_by(d.c.seq)
    return [ArticleText(r.id, r.title, r.text, r.published) for r in conn.execute(q)]


def term_counts(conn: Connection, terms: Sequence[str]) -> dict[str, int]:
    """How many grouped articles hold each of ``terms`` (those that any holds; in chunks)."""
    counts: dict[str, int] = {}
    for start in range(0, len(terms), CHUNK):
        q = select(story_terms.c.term, story_terms.c.documents).where(
            story_terms.c.term.in_(terms[start : start + CHUNK])
        )
        for term, n in conn.execute(q):
            counts[term] = n
    return counts


def grouped_articles(conn: Connection) -> int:
    """How many articles are in a story."""
    return int(conn.execute(select(func.count()).select_from(story_articles)).scalar_one())


def open_stories(conn: Connection, oldest: str, limit: int) -> list[StoryState]:
    """The ``limit`` newest stories whose last article is dated ``oldest`` or later (or undated;
    every story when ``oldest`` is empty), oldest first."""
    q = select(stories)
    if oldest:
        q = q.where(or_(stories.c.last_date.is_(None), stories.c.last_date >= oldest))
    q = q.order_by(stories.c.id.desc()).limit(limit)
    found = [
        StoryState(r.id, r.title, r.first_date, r.last_date, r.articles, dict(r.centroid or {}))
        for r in conn.execute(q)
    ]
    found.reverse()  # oldest first, as they were created
    return found


# -- grouping: writes ----------------------------------------------------------------------------


def add_story(conn: Connection, story: StoryState) -> int:
    """Store a new story; its number."""
    key = conn.execute(insert(stories), story.row()).inserted_primary_key
    assert key is not None
    return int(key[0])


def update_stories(conn: Connection, changed: Sequence[StoryState]) -> None:
    """Write back stored stories (one statement for them all)."""
    updates = [{"story_id": s.id, **s.row()} for s in changed]
    if not updates:
        return
    values: dict[str, Any] = {k: bindparam(k) for k in updates[0] if k != "story_id"}
    conn.execute(update(stories).where(stories.c.id == bindparam("story_id")).values(**values), updates)


def add_articles(conn: Connection, members: Iterable[tuple[str, int, float]]) -> None:
    """Put articles in stories: (document id, story number, similarity), in chunks."""
    rows = [{"doc_id": doc, "story_id": story, "similarity": sim} for doc, story, sim in members]
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(story_articles), rows[start : start + CHUNK])


def save_term_counts(conn: Connection, known: dict[str, int], new: dict[str, int]) -> None:
    """Write the article counts of terms already stored (``known``) and of new terms."""
    if known:
        conn.execute(
            update(story_terms).where(story_terms.c.term == bindparam("t")).values(documents=bindparam("n")),
            [{"t": t, "n": n} for t, n in known.items()],
        )
    rows = [{"term": t, "documents": n} for t, n in new.items()]
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(story_terms), rows[start : start + CHUNK])


def remove_articles(conn: Connection, doc_ids: Sequence[str]) -> None:
    """Take documents out of their stories, and out of their stories' article counts."""
    if not doc_ids:
        return
    gone = conn.execute(
        select(story_articles.c.story_id, func.count())
        .where(story_articles.c.doc_id.in_(doc_ids))
        .group_by(story_articles.c.story_id)
    ).all()
    conn.execute(delete(story_articles).where(story_articles.c.doc_id.in_(doc_ids)))
    for story_id, n in gone:
        conn.execute(update(stories).where(stories.c.id == story_id).values(articles=stories.c.articles - n))


def clear_stories(conn: Connection) -> None:
    """Delete every story, its articles and the term counts."""
    for table in (story_articles, story_terms, stories):
        conn.execute(delete(table))


# -- reading -------------------------------------------------------------------------------------


def list_stories(engine: Engine, *, limit: int = 50, min_articles: int = 1) -> list[StorySummary]:
    """The largest stories of at least ``min_articles`` articles, latest first among equals."""
    q = (
        select(stories.c.id, stories.c.title, stories.c.first_date, stories.c.last_date, stories.c.articles)
        .where(stories.c.articles >= min_articles)
        .order_by(stories.c.articles.desc(), stories.c.last_date.desc(), stories.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [StorySummary(r.id, r.title, r.first_date, r.last_date, r.articles) for r in conn.execute(q)]


def story_of(engine: Engine, doc_id: str) -> int | None:
    """The number of the story holding the document, None when it is in none."""
    with engine.connect() as conn:
        row = conn.execute(select(story_articles.c.story_id).where(story_articles.c.doc_id == doc_id)).first()
    return int(row[0]) if row else None


def stories_of(engine: Engine, doc_ids: Iterable[str]) -> dict[str, int]:
    """Document id -> story number, for those of ``doc_ids`` in a story (in chunks)."""
    wanted = list(doc_ids)
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            q = select(story_articles.c.doc_id, story_articles.c.story_id).where(
                story_articles.c.doc_id.in_(wanted[start : start + CHUNK])
            )
            out.update({r[0]: int(r[1]) for r in conn.execute(q)})
    return out


def story_summary(conn: Connection, story_id: int) -> StorySummary | None:
    """The story numbered ``story_id``, None when there is none."""
    row = conn.execute(
        select(stories.c.id, stories.c.title, stories.c.first_date, stories.c.last_date, stories.c.articles).where(
            stories.c.id == story_id
        )
    ).first()
    return None if row is None else StorySummary(row.id, row.title, row.first_date, row.last_date, row.articles)


def story_articles_of(conn: Connection, story_id: int) -> list[StoryArticle]:
    """The articles of a story, by date then as stored."""
    d = schema.documents
    q = (
        select(d.c.id, d.c.title, d.c.source, d.c.published, story_articles.c.similarity)
        .join(story_articles, story_articles.c.doc_id == d.c.id)
        .where(story_articles.c.story_id == story_id)
        .order_by(d.c.published, d.c.seq)
    )
    return [StoryArticle(r.id, r.title, r.source, r.published, r.similarity) for r in conn.execute(q)]


def event_arguments(conn: Connection, doc_ids: Sequence[str]) -> list[EventArgument]:
    """The event arguments of the documents, each with its resolved actor's name, in order."""
    a = schema.event_args
    q = (
        select(a.c.doc_id, a.c.event_id, a.c.role, a.c.text, actors.c.name)
        .outerjoin(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
        .outerjoin(actors, actors.c.id == actor_links.c.actor_id)
        .where(a.c.doc_id.in_(doc_ids))
        .order_by(a.c.doc_id, a.c.event_id, a.c.seq)
    )
    return [EventArgument(r.doc_id, r.event_id, r.role, r.text, r.name) for r in conn.execute(q)]


def article_events(conn: Connection, doc_ids: Sequence[str]) -> list[ArticleEvent]:
    """The events of the documents, by document then event id."""
    v = schema.events
    q = (
        select(v.c.doc_id, v.c.id, v.c.type, v.c.cameo, v.c.date_value, v.c.trigger, v.c.sentence, v.c.modality)
        .where(v.c.doc_id.in_(doc_ids))
        .order_by(v.c.doc_id, v.c.id)
    )
    return [
        ArticleEvent(r.doc_id, r.id, r.type, r.cameo, r.date_value, r.trigger, r.sentence, r.modality)
        for r in conn.execute(q)
    ]
