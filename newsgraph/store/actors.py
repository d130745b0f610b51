"""Actors across documents: their tables and every query on them.

- ``actors``: one row per actor resolved across documents (canonical name, kind, country,
  aliases with how often each form is used, first and last seen, counts).
- ``actor_keys``: the blocking keys of each actor (normalised name, phonetic skeleton, acronym,
  country, name token): a new entity is compared only with the actors sharing one of its keys.
- ``actor_links``: which actor each stored entity (document, entity id) was resolved to, with
  the score and the reason, so every decision can be explained.
- ``actor_decisions``: merges and splits asked for by a user; re-applied on every rebuild.
- ``actor_documents``: documents already resolved (what an interrupted run still has to do).

The queries of cross-document resolution (``newsgraph.resolve``) live here too, as functions
taking a connection in the caller's transaction: its input (the entities of stored documents),
the candidate actors by blocking key, and every write of links, keys, actors and decisions.
Rows leave as the frozen records below, never as SQLAlchemy rows.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
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
    bindparam,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.errors import StoreError
from newsgraph.store import schema
from newsgraph.store.documents import contains, current_ids_missing_from
from newsgraph.store.rows import chunks, from_row
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
    Column("decided_by", String(200), comment="who asked for it (null: not said, or before migration 5)"),
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


CO_ACTORS_READ = 2000
"""Most actors read as named in the other documents of one actor (:func:`actors_named_with`)."""


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorRecord:
    """One row of ``actors``."""

    id: int
    name: str
    """Canonical name: the full form most documents use."""
    kind: str
    country: str | None
    """ISO 3166 alpha-2 of the place, or the person's nationality."""
    aliases: dict[str, int]
    """{surface form: number of documents using it}."""
    attributes: dict[str, Any]
    """{attribute: {value: documents}} (name, role, nationality, country, kind)."""
    first_seen: str | None
    last_seen: str | None
    documents: int
    mentions: int
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MentionSpan:
    """Where the text names an entity: offsets, the words and the mention type (PERSON, NORP ...)."""

    start: int
    end: int
    text: str
    type: str


@dataclass(frozen=True)
class StoredEntity:
    """What resolution reads of one stored entity: its record, its mentions and its document's date."""

    doc_id: str
    entity_id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    feature: str | None
    attributes: dict[str, str]
    """The entity's attributes (role, nationality, ...), values as text."""
    mentions: int
    """How often the document mentions it (at least 1)."""
    published: str | None
    """The document's publication date."""
    spans: tuple[MentionSpan, ...] = ()
    """Its mentions in the text, in order (none: the text does not name it, as the outlet that
    carries the story is not named by its own article)."""


@dataclass(frozen=True)
class ActorLink:
    """One row of ``actor_links``: an entity linked to an actor, with the score and the reason."""

    doc_id: str
    entity_id: str
    actor_id: int
    name: str
    """The entity's name in its document."""
    mentions: int
    score: float
    method: str
    """new, exact, similar, acronym, alias (the alias table), partial, document (a fuller name of
    the same document), country or user."""
    reason: str


@dataclass(frozen=True)
class LinkedEntity:
    """An entity linked to an actor, as explained to a user: the link and its document."""

    doc_id: str
    entity_id: str
    name: str
    score: float
    method: str
    reason: str
    published: str | None
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        """Its JSON shape: the document's id as ``document``, as in every other resource."""
        d = asdict(self)
        return {("document" if k == "doc_id" else k): v for k, v in d.items()}


@dataclass(frozen=True)
class Decision:
    """One row of ``actor_decisions``: a merge or a split asked for by a user."""

    seq: int
    action: str
    """merge or split."""
    left_name: str | None
    right_name: str | None
    doc_id: str | None
    entity_id: str | None
    note: str | None
    decided_at: str
    decided_by: str | None = None
    """Who asked for it (None: not said)."""

    def to_dict(self) -> dict[str, Any]:
        """Its JSON shape: the document's id as ``document``, as in every other resource."""
        d = asdict(self)
        return {("document" if k == "doc_id" else k): v for k, v in d.items()}


def _actor_record(r: Any) -> ActorRecord:
    return ActorRecord(
        id=r.id,
        name=r.name,
        kind=r.kind,
        country=r.country,
        aliases=dict(r.aliases or {}),
        attributes=dict(r.attributes or {}),
        first_seen=r.first_seen,
        last_seen=r.last_seen,
        documents=r.documents,
        mentions=r.mentions,
        updated_at=r.updated_at,
    )


def _decision(r: Any) -> Decision:
    return from_row(Decision, r)


# --- resolution: its input -----------------------------------------------------------------


def entities_of(conn: Connection, doc_ids: Sequence[str]) -> dict[str, list[StoredEntity]]:
    """The entities of the documents ``doc_ids``, by document, in entity id order, with their mentions."""
    e, d, m = schema.entities, schema.documents, schema.mentions
    out: dict[str, list[StoredEntity]] = defaultdict(list)
    for chunk in chunks(doc_ids):
        spans: dict[tuple[str, str], list[MentionSpan]] = defaultdict(list)
        q_spans = (
            select(m.c.doc_id, m.c.entity, m.c.start, m.c.end, m.c.text, m.c.type)
            .where(m.c.doc_id.in_(chunk), m.c.entity.is_not(None))
            .order_by(m.c.doc_id, m.c.start)
        )
        for r in conn.execute(q_spans):
            spans[(r.doc_id, r.entity)].append(MentionSpan(r.start, r.end, r.text, r.type))
        q = (
            select(e, d.c.published)
            .join(d, d.c.id == e.c.doc_id)
            .where(e.c.doc_id.in_(chunk))
            .order_by(e.c.doc_id, e.c.id)
        )
        for r in conn.execute(q):
            out[r.doc_id].append(
                StoredEntity(
                    doc_id=r.doc_id,
                    entity_id=r.id,
                    name=r.name,
                    kind=r.kind,
                    aliases=tuple(r.aliases or ()),
                    country=r.country,
                    feature=r.feature,
                    attributes={str(k): str(v) for k, v in (r.attributes or {}).items()},
                    mentions=max(1, len(r.mentions or ())),
                    published=r.published,
                    spans=tuple(spans.get((r.doc_id, r.id), ())),
                )
            )
    return out


def document_texts(conn: Connection, doc_ids: Sequence[str]) -> dict[str, str]:
    """The texts of the documents ``doc_ids`` (where resolution looks for a name's longer form)."""
    docs = schema.documents
    out: dict[str, str] = {}
    for chunk in chunks(list(dict.fromkeys(doc_ids))):
        q = select(docs.c.id, docs.c.text).where(docs.c.id.in_(chunk))
        out.update({r.id: r.text or "" for r in conn.execute(q)})
    return out


def unresolved_documents(conn: Connection, doc_ids: Sequence[str]) -> list[tuple[str, str | None]]:
    """(id, id of the version it replaces) of the stored documents among ``doc_ids`` not resolved
    yet, in the order of ``doc_ids`` (resolution is order-dependent: the database's row order
    would make a batch's actors differ from those of the same documents resolved one by one)."""
    docs = schema.documents
    ordered = list(dict.fromkeys(doc_ids))
    found: dict[str, str | None] = {}
    for chunk in chunks(ordered):
        done = {r[0] for r in conn.execute(select(actor_documents.c.doc_id).where(actor_documents.c.doc_id.in_(chunk)))}
        for r in conn.execute(select(docs.c.id, docs.c.previous_id).where(docs.c.id.in_(chunk))):
            if r.id not in done:
                found[r.id] = r.previous_id
    return [(d, found[d]) for d in ordered if d in found]


def pending_document_ids(engine: Engine) -> list[str]:
    """Current documents not resolved yet, oldest first."""
    return current_ids_missing_from(engine, actor_documents.c.doc_id)


def resolved_count(conn: Connection) -> int:
    """How many documents are resolved."""
    return int(conn.execute(select(func.count()).select_from(actor_documents)).scalar_one())


def mark_resolved(conn: Connection, doc_ids: Sequence[str], resolved_at: str) -> None:
    """Record the documents ``doc_ids`` as resolved."""
    for chunk in chunks(doc_ids):
        conn.execute(insert(actor_documents), [{"doc_id": d, "resolved_at": resolved_at} for d in chunk])


def decisions(conn: Connection) -> list[Decision]:
    """Every user decision, in the order they were made."""
    return [_decision(r) for r in conn.execute(select(actor_decisions).order_by(actor_decisions.c.seq))]


# --- resolution: candidates ----------------------------------------------------------------


def actors_with_keys(conn: Connection, keys: Sequence[str]) -> dict[str, list[int]]:
    """Blocking key -> the ids of the actors holding it, the most documented first (then by id)."""
    block: dict[str, list[int]] = defaultdict(list)
    for chunk in chunks(keys):
        q = (
            select(actor_keys.c.key, actor_keys.c.actor_id)
            .join(actors, actors.c.id == actor_keys.c.actor_id)
            .where(actor_keys.c.key.in_(chunk))
            .order_by(actor_keys.c.key, actors.c.documents.desc(), actors.c.id)
        )
        for key, actor_id in conn.execute(q):
            block[key].append(actor_id)
    return block


def actors_by_id(conn: Connection, ids: Sequence[int]) -> list[ActorRecord]:
    """The actors ``ids`` (those that exist)."""
    out: list[ActorRecord] = []
    for chunk in chunks(ids):
        out.extend(_actor_record(r) for r in conn.execute(select(actors).where(actors.c.id.in_(chunk))))
    return out


_LINKS_1, _LINKS_2 = actor_links.alias("l1"), actor_links.alias("l2")
"""``actor_links`` twice, made once: an alias's columns cost more to set up than the query to run."""


def actors_named_with(conn: Connection, actor_id: int, exclude_doc: str) -> set[int]:
    """Actors linked in the documents of ``actor_id`` other than ``exclude_doc`` (at most
    :data:`CO_ACTORS_READ`; ``actor_id`` itself left out)."""
    l1, l2 = _LINKS_1, _LINKS_2
    q = (
        select(l2.c.actor_id)
        .distinct()
        .select_from(l1.join(l2, l2.c.doc_id == l1.c.doc_id))
        .where(l1.c.actor_id == actor_id, l1.c.doc_id != exclude_doc, l2.c.actor_id != actor_id)
        .limit(CO_ACTORS_READ)
    )
    return {r[0] for r in conn.execute(q)}


def has_user_link(conn: Connection, actor_id: int) -> bool:
    """Whether an entity was linked to ``actor_id`` by a user decision (a split)."""
    q = select(actor_links.c.doc_id).where(actor_links.c.actor_id == actor_id, actor_links.c.method == "user")
    return conn.execute(q.limit(1)).first() is not None


def holds_key(conn: Connection, actor_id: int, key: str) -> bool:
    """Whether actor ``actor_id`` holds the blocking key ``key``."""
    q = select(actor_keys.c.actor_id).where(actor_keys.c.key == key, actor_keys.c.actor_id == actor_id)
    return conn.execute(q).first() is not None


def linked_actor(conn: Connection, doc_id: str, entity_id: str) -> int | None:
    """The id of the actor entity ``doc_id:entity_id`` is linked to, if any."""
    link = conn.execute(
        select(actor_links).where(and_(actor_links.c.doc_id == doc_id, actor_links.c.entity_id == entity_id))
    ).first()
    return None if link is None else int(link.actor_id)


# --- resolution: writes --------------------------------------------------------------------


def add_actor(conn: Connection, name: str, kind: str, country: str | None, updated_at: str) -> int:
    """Insert an actor with no alias, attribute, document or mention yet; its id."""
    result = conn.execute(
        insert(actors),
        {
            "name": name,
            "kind": kind,
            "country": country,
            "aliases": {},
            "attributes": {},
            "documents": 0,
            "mentions": 0,
            "updated_at": updated_at,
        },
    )
    key_row = result.inserted_primary_key
    assert key_row is not None
    return int(key_row[0])


def update_actors(conn: Connection, records: Sequence[ActorRecord]) -> None:
    """Write every column of the actors ``records`` (one statement for all)."""
    if not records:
        return
    rows = [
        {
            "actor_id": r.id,
            "name": r.name,
            "kind": r.kind,
            "country": r.country,
            "aliases": r.aliases,
            "attributes": r.attributes,
            "first_seen": r.first_seen,
            "last_seen": r.last_seen,
            "documents": r.documents,
            "mentions": r.mentions,
            "updated_at": r.updated_at,
        }
        for r in records
    ]
    columns: dict[str, Any] = {k: bindparam(k) for k in rows[0] if k != "actor_id"}
    conn.execute(update(actors).where(actors.c.id == bindparam("actor_id")).values(**columns), rows)


def add_keys(conn: Connection, actor_id: int, keys: Sequence[str]) -> None:
    """Give actor ``actor_id`` the blocking keys ``keys`` (none of which it holds)."""
    add_actor_keys(conn, [(actor_id, k) for k in keys])


def add_actor_keys(conn: Connection, pairs: Sequence[tuple[int, str]]) -> None:
    """Give actors blocking keys they do not hold: (actor id, key) pairs, written in one statement."""
    if pairs:
        conn.execute(insert(actor_keys), [{"key": k, "actor_id": actor_id} for actor_id, k in pairs])


def add_links(conn: Connection, links: Sequence[ActorLink]) -> None:
    """Insert the links ``links``."""
    for chunk in chunks(links):
        conn.execute(
            insert(actor_links),
            [
                {
                    "doc_id": x.doc_id,
                    "entity_id": x.entity_id,
                    "actor_id": x.actor_id,
                    "name": x.name,
                    "mentions": x.mentions,
                    "score": x.score,
                    "method": x.method,
                    "reason": x.reason,
                }
                for x in chunk
            ],
        )


def move_links(conn: Connection, from_id: int, to_id: int, reason_suffix: str) -> None:
    """Link the entities of actor ``from_id`` to ``to_id``, appending ``reason_suffix`` to their reasons."""
    conn.execute(
        update(actor_links)
        .where(actor_links.c.actor_id == from_id)
        .values(actor_id=to_id, reason=actor_links.c.reason + reason_suffix)
    )


def move_keys(conn: Connection, from_id: int, to_id: int) -> list[str]:
    """Give the blocking keys of actor ``from_id`` to ``to_id`` (those it lacks); the keys moved over."""
    from_keys = [r[0] for r in conn.execute(select(actor_keys.c.key).where(actor_keys.c.actor_id == from_id))]
    have: set[str] = set()
    for chunk in chunks(from_keys):
        have |= {
            r[0]
            for r in conn.execute(
                select(actor_keys.c.key).where(actor_keys.c.actor_id == to_id, actor_keys.c.key.in_(chunk))
            )
        }
    conn.execute(delete(actor_keys).where(actor_keys.c.actor_id == from_id))
    add_keys(conn, to_id, [k for k in from_keys if k not in have])
    return from_keys


def document_count(conn: Connection, actor_id: int) -> int:
    """In how many documents entities are linked to actor ``actor_id``."""
    return int(
        conn.execute(
            select(func.count(func.distinct(actor_links.c.doc_id))).where(actor_links.c.actor_id == actor_id)
        ).scalar_one()
    )


def delete_actor(conn: Connection, actor_id: int) -> None:
    """Delete the row of actor ``actor_id`` (its links and keys must be gone or moved)."""
    conn.execute(delete(actors).where(actors.c.id == actor_id))


def delete_link(conn: Connection, doc_id: str, entity_id: str) -> None:
    """Forget which actor entity ``doc_id:entity_id`` is linked to."""
    conn.execute(delete(actor_links).where(and_(actor_links.c.doc_id == doc_id, actor_links.c.entity_id == entity_id)))


def recount_actor(conn: Connection, actor_id: int) -> None:
    """Count the documents and mentions of actor ``actor_id`` again from its links; delete it
    (and its keys) when none is left."""
    remaining = conn.execute(
        select(func.count(func.distinct(actor_links.c.doc_id)), func.sum(actor_links.c.mentions)).where(
            actor_links.c.actor_id == actor_id
        )
    ).one()
    if remaining[0]:
        conn.execute(
            update(actors).where(actors.c.id == actor_id).values(documents=remaining[0], mentions=remaining[1])
        )
    else:
        conn.execute(delete(actor_keys).where(actor_keys.c.actor_id == actor_id))
        conn.execute(delete(actors).where(actors.c.id == actor_id))


def unlink_documents(conn: Connection, doc_ids: Sequence[str]) -> None:
    """Forget the links of documents (replaced versions): the actors they touched are counted
    again, and those with no link left are deleted. (Their ties go with ``ties.delete_ties``.)"""
    affected: set[int] = set()
    for chunk in chunks(doc_ids):
        affected |= {
            r[0] for r in conn.execute(select(actor_links.c.actor_id).where(actor_links.c.doc_id.in_(chunk)).distinct())
        }
        conn.execute(delete(actor_links).where(actor_links.c.doc_id.in_(chunk)))
        conn.execute(delete(actor_documents).where(actor_documents.c.doc_id.in_(chunk)))
    for ids in chunks(sorted(affected)):
        counts = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                select(
                    actor_links.c.actor_id,
                    func.count(func.distinct(actor_links.c.doc_id)),
                    func.sum(actor_links.c.mentions),
                )
                .where(actor_links.c.actor_id.in_(ids))
                .group_by(actor_links.c.actor_id)
            )
        }
        for actor_id in ids:
            if actor_id in counts:
                docs, mentions = counts[actor_id]
                conn.execute(
                    update(actors).where(actors.c.id == actor_id).values(documents=docs, mentions=mentions or 0)
                )
            else:
                conn.execute(delete(actor_keys).where(actor_keys.c.actor_id == actor_id))
                conn.execute(delete(actors).where(actors.c.id == actor_id))


def forget_actors(conn: Connection) -> None:
    """Delete every actor, key, link and resolved mark (the user's decisions stay; the ties go
    with ``ties.delete_ties``)."""
    for table in (actor_links, actor_keys, actor_documents):
        conn.execute(delete(table))
    conn.execute(delete(actors))


def add_merge_decision(conn: Connection, left: str, right: str, note: str | None, decided_at: str) -> int:
    """Record the user's decision that ``left`` and ``right`` name one actor; its number."""
    result = conn.execute(
        insert(actor_decisions).values(
            action="merge", left_name=left, right_name=right, note=note, decided_at=decided_at
        )
    )
    key_row = result.inserted_primary_key
    assert key_row is not None
    return int(key_row[0])


def add_split_decision(conn: Connection, doc_id: str, entity_id: str, note: str | None, decided_at: str) -> None:
    """Record the user's decision that entity ``doc_id:entity_id`` is an actor of its own."""
    conn.execute(
        insert(actor_decisions).values(
            action="split", doc_id=doc_id, entity_id=entity_id, note=note, decided_at=decided_at
        )
    )


@contextmanager
def resolution_errors() -> Iterator[None]:
    """Turn a database error inside the block into a :class:`StoreError` that says how to retry."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"could not resolve actors: {exc}; `newsgraph actor resolve` retries") from exc


# --- explanations ----------------------------------------------------------------------------


def actor_by_id(conn: Connection, actor_id: int) -> ActorRecord | None:
    """Actor ``actor_id``, or None."""
    row = conn.execute(select(actors).where(actors.c.id == actor_id)).first()
    return None if row is None else _actor_record(row)


def linked_entities(conn: Connection, actor_id: int, limit: int) -> list[LinkedEntity]:
    """The first ``limit`` entities linked to actor ``actor_id``, oldest document first."""
    d, link = schema.documents, actor_links
    q = (
        select(
            link.c.doc_id,
            link.c.entity_id,
            link.c.name,
            link.c.score,
            link.c.method,
            link.c.reason,
            d.c.published,
            d.c.title,
        )
        .join(d, d.c.id == link.c.doc_id)
        .where(link.c.actor_id == actor_id)
        .order_by(d.c.published, link.c.doc_id, link.c.entity_id)
        .limit(limit)
    )
    return [from_row(LinkedEntity, r) for r in conn.execute(q)]


def link_methods(conn: Connection, actor_id: int) -> dict[str, int]:
    """How many entities each method linked to actor ``actor_id``."""
    q = (
        select(actor_links.c.method, func.count())
        .where(actor_links.c.actor_id == actor_id)
        .group_by(actor_links.c.method)
    )
    return {m: n for m, n in conn.execute(q)}


def decisions_naming(conn: Connection, names: Iterable[str]) -> list[Decision]:
    """The merges naming one of ``names`` (lower case) on either side, and every split."""
    wanted = set(names)
    q = select(actor_decisions).where(
        or_(
            func.lower(actor_decisions.c.left_name).in_(wanted),
            func.lower(actor_decisions.c.right_name).in_(wanted),
            actor_decisions.c.action == "split",
        )
    )
    return [_decision(r) for r in conn.execute(q)]


# --- reads for the network, the CLI and the web ---


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
    """Its other names, the most used first (in lists, at most :data:`ALIASES_LISTED`)."""
    first_seen: str | None = None
    last_seen: str | None = None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape of an actor (API, CLI ``--json``, exports)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "documents": self.documents,
            "mentions": self.mentions,
            "aliases": list(self.aliases),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


def _actor(row: Any, max_aliases: int | None = None) -> Actor:
    aliases = sorted((row.aliases or {}).items(), key=lambda kv: -kv[1])
    return Actor(
        id=row.id,
        name=row.name,
        kind=row.kind,
        country=row.country,
        documents=row.documents,
        aliases=tuple(a for a, _ in aliases if a != row.name)[:max_aliases],
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        mentions=row.mentions,
    )


def load_actors(conn: Connection, ids: Iterable[int]) -> dict[int, Actor]:
    """The actors ``ids`` (those that exist), by id."""
    wanted = sorted(set(ids))
    out: dict[int, Actor] = {}
    for ids in chunks(wanted):
        for r in conn.execute(select(actors).where(actors.c.id.in_(ids))):
            out[r.id] = _actor(r)
    return out


def actors_by_documents(engine: Engine) -> list[tuple[int, int]]:
    """(actor id, documents) of every actor, the most documented first."""
    with engine.connect() as conn:
        q = select(actors.c.id, actors.c.documents).order_by(actors.c.documents.desc())
        return [(r[0], r[1]) for r in conn.execute(q)]


# reads for the web and the CLI

ALIASES_LISTED = 10
"""Aliases given with each actor of a list (most used first; the full set is on the actor's page)."""


def _actor_filters(kind: str | None, name: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if kind:
        where.append(actors.c.kind == kind)
    if name and name.strip():
        where.append(or_(contains(actors.c.name, name.strip()), contains(cast(actors.c.aliases, Text), name.strip())))
    return where


def list_actors(
    engine: Engine, *, kind: str | None = None, name: str | None = None, limit: int = 50, offset: int = 0
) -> list[Actor]:
    """Actors named in the most documents first, of one ``kind``, with ``name`` in their name or
    an alias (any case)."""
    where = _actor_filters(kind, name)
    query = select(actors).where(*where).order_by(actors.c.documents.desc(), actors.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_actor(r, ALIASES_LISTED) for r in conn.execute(query)]


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


# --- who asked for a merge or a split (the review's writes) ----------------------------------


def sign_decision(
    engine: Engine,
    action: str,
    decided_by: str,
    *,
    left: str | None = None,
    right: str | None = None,
    doc_id: str | None = None,
    entity_id: str | None = None,
) -> Decision | None:
    """Record ``decided_by`` on the newest unsigned decision of ``action`` on these names (a
    merge) or this entity (a split): the one ``newsgraph.resolve.record_merge`` or
    ``record_split`` has just written. The decision, or None when there is none to sign."""
    d = actor_decisions
    where = [d.c.action == action, d.c.decided_by.is_(None)]
    if action == "merge":
        where += [d.c.left_name == left, d.c.right_name == right]
    else:
        where += [d.c.doc_id == doc_id, d.c.entity_id == entity_id]
    with engine.begin() as conn:
        seq = conn.execute(select(func.max(d.c.seq)).where(*where)).scalar()
        if seq is None:
            return None
        conn.execute(update(d).where(d.c.seq == seq).values(decided_by=decided_by))
        return _decision(conn.execute(select(d).where(d.c.seq == seq)).one())


# --- looking actors up by name: one home for every command and route --------------------------


NAME_SCAN = 500
"""Most actors read per tier of a name lookup (the most documented first): bounds a lookup of a
common word; counts beyond it are "at least"."""


@dataclass(frozen=True)
class NameMatch:
    """The actors a name answers to. Tiers, most telling first: ``exact`` (the canonical name, any
    case, or a name the actor goes by with the same normalised key), ``similar`` (a phonetic
    variant), ``words`` (the name's words, whole, inside the canonical name: "Assad" in "Bashar
    al-Assad"), ``partial`` (any part of the canonical name).

    ``tier`` and ``first_total`` say where the name first answers and how many actors answer
    there: one actor there is the actor named. ``actors`` are those of the first three tiers
    together (else the partial ones), the most documented first: what a search lists, and the
    candidates of a name that fits several."""

    name: str
    tier: str
    """The first tier with any actor (``none``: no actor answers)."""
    first_total: int
    """How many actors answer at that tier."""
    actors: tuple[Actor, ...]
    """The most documented first, at most the limit asked for."""
    total: int
    """How many actors ``actors`` is the top of."""

    one: Actor | None = None
    """The actor the name names: the only one of its first tier (None: none, or several)."""

    def candidates(self) -> list[dict[str, Any]]:
        """The actors as a user picks among them: id, name, kind, country, documents, a
        disambiguating ``alias`` (the most used of its other names that no other candidate goes
        by; None when it has none), first and last seen."""
        asked = self.name.strip().casefold()
        taken = Counter(n.casefold() for a in self.actors for n in {a.name, *a.aliases})
        out = []
        for a in self.actors:
            own = [n for n in a.aliases if n.casefold() not in (asked, a.name.casefold())]
            alias = next((n for n in own if taken[n.casefold()] == 1), None)
            out.append(
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind,
                    "country": a.country,
                    "documents": a.documents,
                    "alias": alias,
                    "first_seen": a.first_seen,
                    "last_seen": a.last_seen,
                }
            )
        return out


def _whole_words(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)", re.IGNORECASE)


def actors_named(
    conn: Connection,
    name: str,
    exact_key: str | None,
    similar_key: str | None,
    limit: int,
    *,
    every: bool = True,
) -> NameMatch:
    """The actors ``name`` answers to (:class:`NameMatch`); ``exact_key`` and ``similar_key`` are
    the name's normalised and phonetic blocking keys (``newsgraph.resolve.forms``), if it has them.
    Without ``every``, reading stops at the first tier with any actor when it holds one (a name
    that names one actor costs what a lookup cost before the tiers were read together)."""
    text = name.strip()
    by_docs = (actors.c.documents.desc(), actors.c.id)

    def read(where: ColumnElement[bool]) -> list[Any]:  # light rows: the whole actor only for those listed
        q = select(actors.c.id, actors.c.name, actors.c.documents).where(where).order_by(*by_docs)
        return list(conn.execute(q.limit(NAME_SCAN)))

    exact_where: ColumnElement[bool] = func.lower(actors.c.name) == text.lower()
    if exact_key:
        held = select(actor_keys.c.actor_id).where(actor_keys.c.key == exact_key)
        exact_where = or_(exact_where, actors.c.id.in_(held))
    similar_where = actors.c.id.in_(select(actor_keys.c.actor_id).where(actor_keys.c.key == similar_key))
    pattern = _whole_words(text)
    containing: list[Any] = []
    readers: list[tuple[str, Callable[[], list[Any]]]] = [
        ("exact", lambda: read(exact_where)),
        ("similar", lambda: read(similar_where) if similar_key else []),
        ("words", lambda: [r for r in containing if pattern.search(r.name)]),
        ("partial", lambda: containing),
    ]
    tiers: list[tuple[str, list[Any]]] = []
    for tier_name, reader in readers:
        if tier_name == "words" and text:
            containing = read(contains(actors.c.name, text))
        rows = reader()
        tiers.append((tier_name, rows))
        if not every and len(rows) == 1 and not any(r for _, r in tiers[:-1]):
            break  # the first tier with any actor names one: nothing more to read
    tier, first = next(((t, rows) for t, rows in tiers if rows), ("none", []))
    named: dict[int, Any] = {}
    for _, rows in tiers[:3]:
        named.update((r.id, r) for r in rows)
    listed = sorted(named.values(), key=lambda r: (-r.documents, r.id)) if named else first
    wanted = [r.id for r in listed[:limit]] + ([first[0].id] if len(first) == 1 else [])
    whole = {r.id: _actor(r) for r in conn.execute(select(actors).where(actors.c.id.in_(wanted)))} if wanted else {}
    return NameMatch(
        name=text,
        tier=tier,
        first_total=len(first),
        actors=tuple(whole[r.id] for r in listed[:limit]),
        total=len(listed),
        one=whole[first[0].id] if len(first) == 1 else None,
    )
