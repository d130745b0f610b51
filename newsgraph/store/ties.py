"""The network's evidence: ties between two entities of one document, and every query on them.

- ``actor_ties``: pairs of entities of one document tied by an event, a relation or a claim,
  turned into actor edges through ``actor_links`` at query time.

The queries the network (:mod:`newsgraph.network`) and the tie builder
(:mod:`newsgraph.resolve.ties`) run: the ties of some actors with their filters (pairs only, or
with their evidence), the facts a confidence threshold hides, the strongest, newest and weighted
pairs of the whole store, an actor's timeline (its events, the claims it makes and those about
it, with the events' other arguments, places and speakers), the extraction records ties are
derived from, and writing ties. Rows leave as typed tuples (:class:`typing.NamedTuple`: they are
built by the thousand per query, and a tuple is ten times cheaper to build than a frozen
dataclass).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Protocol

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
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.store import schema
from newsgraph.store.actors import actor_links, actors
from newsgraph.store.extractions import at_least, page_at
from newsgraph.store.rows import CHUNK
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


# -- the ties of actors --------------------------------------------------------------------------


class TieFilter(Protocol):
    """What the tie queries are filtered by (``newsgraph.network.Filters`` is one)."""

    @property
    def since(self) -> str | None: ...

    @property
    def until(self) -> str | None: ...

    @property
    def types(self) -> tuple[str, ...]:
        """Event types, relation types, ``says``, or kinds (event, relation, claim)."""
        ...

    @property
    def min_confidence(self) -> float:
        """Only ties of facts at or above it, or unscored (0 keeps every tie)."""
        ...


class TiePair(NamedTuple):
    """A tie between two actors, as a pair only (for discovering neighbours)."""

    doc_id: str
    kind: str
    """event, relation or claim."""
    type: str
    directed: bool
    actor_a: int
    actor_b: int


class TieEvidence(NamedTuple):
    """A tie between two actors with its evidence: the record, its sentence and its document."""

    doc_id: str
    kind: str
    type: str
    directed: bool
    actor_a: int
    actor_b: int
    record_id: str
    label: str
    sentence_start: int
    sentence_end: int
    date: str | None
    """The tie's date, else its document's publication date."""
    location: str | None
    modality: str
    speaker: str | None
    confidence: float | None
    source: str | None
    published: str | None
    title: str | None
    sentence: str | None
    """The sentence as it stands in the document's text."""
    page: int | None = None
    """The page the sentence is on, in a paged document (a PDF); None in any other."""


def _tie_tables() -> tuple[Any, Any, Any, Any, Any, Any]:
    """The ties joined to both sides' actor links and their document: (la, lb, documents, ties,
    the tie's date or its document's, the join)."""
    la, lb, d, t = actor_links.alias("la"), actor_links.alias("lb"), schema.documents, actor_ties
    date = func.coalesce(t.c.date, d.c.published)
    base = (
        t.join(la, and_(la.c.doc_id == t.c.doc_id, la.c.entity_id == t.c.entity_a))
        .join(lb, and_(lb.c.doc_id == t.c.doc_id, lb.c.entity_id == t.c.entity_b))
        .join(d, d.c.id == t.c.doc_id)
    )
    return la, lb, d, t, date, base


def _filter_clause(f: TieFilter, date: Any, *, confidence: bool = True) -> list[ColumnElement[bool]]:
    """The filters as clauses over a query joined as :func:`_tie_tables` joins it (the documents
    table unaliased)."""
    clauses: list[ColumnElement[bool]] = []
    if confidence and (sure := at_least(actor_ties.c.confidence, f.min_confidence)) is not None:
        clauses.append(sure)
    if f.since:
        clauses.append(date >= f.since)
    if f.until:
        clauses.append(date <= f.until + "\uffff")
    if f.types:
        wanted = {t.lower() for t in f.types}
        clauses.append(or_(func.lower(actor_ties.c.type).in_(wanted), actor_ties.c.kind.in_(wanted)))
    if modality := getattr(f, "modality", None):  # of one modality, from one outlet (issue 18)
        clauses.append(actor_ties.c.modality == modality)
    if source := getattr(f, "source", None):
        clauses.append(func.lower(schema.documents.c.source) == source.lower())
    return clauses


def _tie_rows(
    conn: Connection, actor_ids: Sequence[int] | None, f: TieFilter, *, evidence: bool, within: bool
) -> list[Any]:
    la, lb, d, t, date, base = _tie_tables()
    cols: list[Any] = [
        t.c.doc_id,
        t.c.kind,
        t.c.type,
        t.c.directed,
        la.c.actor_id.label("actor_a"),
        lb.c.actor_id.label("actor_b"),
    ]
    if evidence:
        cols += [
            t.c.record_id,
            t.c.label,
            t.c.sentence_start,
            t.c.sentence_end,
            date.label("date"),
            t.c.location,
            t.c.modality,
            t.c.speaker,
            t.c.confidence,
            d.c.source,
            d.c.published,
            d.c.title,
            func.substr(d.c.text, t.c.sentence_start + 1, t.c.sentence_end - t.c.sentence_start).label("sentence"),
            page_at(d.c.text, t.c.sentence_start).label("page"),
        ]
    rows: list[Any] = []
    if actor_ids is None:
        common = [d.c.current.is_(True), la.c.actor_id != lb.c.actor_id, *_filter_clause(f, date)]
        return list(conn.execute(select(*cols).select_from(base).where(*common)).all())
    ids = sorted(set(actor_ids))
    if within:
        common = [d.c.current.is_(True), la.c.actor_id != lb.c.actor_id, *_filter_clause(f, date)]
        q = select(*cols).select_from(base).where(la.c.actor_id.in_(ids), lb.c.actor_id.in_(ids), *common)
        return list(conn.execute(q).all())
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        common = [d.c.current.is_(True), la.c.actor_id != lb.c.actor_id, *_filter_clause(f, date)]
        q1 = select(*cols).select_from(base).where(la.c.actor_id.in_(chunk), *common)
        q2 = select(*cols).select_from(base).where(lb.c.actor_id.in_(chunk), ~la.c.actor_id.in_(chunk), *common)
        rows.extend(conn.execute(union_all(q1, q2)).all())
    return rows


def tie_pairs(
    conn: Connection, actor_ids: Sequence[int] | None, f: TieFilter, *, within: bool = False
) -> list[TiePair]:
    """The ties of current documents with at least one end among ``actor_ids`` (all when None;
    both ends with ``within``), as pairs only."""
    return [TiePair._make(r) for r in _tie_rows(conn, actor_ids, f, evidence=False, within=within)]


def tie_evidence(
    conn: Connection, actor_ids: Sequence[int] | None, f: TieFilter, *, within: bool = False
) -> list[TieEvidence]:
    """The ties of :func:`tie_pairs`, each with its evidence."""
    return [TieEvidence._make(r) for r in _tie_rows(conn, actor_ids, f, evidence=True, within=within)]


def hidden_facts(conn: Connection, actor_ids: Iterable[int] | None, f: TieFilter) -> int:
    """Facts (event, relation or claim of a current document) that tie two actors, at least one
    of them among ``actor_ids`` (any when None), and are left out for being under
    ``f.min_confidence``; the other filters apply."""
    if f.min_confidence <= 0:
        return 0
    la, lb, d, t, date, base = _tie_tables()
    facts = (
        select(t.c.doc_id, t.c.kind, t.c.record_id)
        .select_from(base)
        .where(
            d.c.current.is_(True),
            la.c.actor_id != lb.c.actor_id,
            t.c.confidence < f.min_confidence,
            *_filter_clause(f, date, confidence=False),
        )
        .distinct()
    )
    if actor_ids is None:
        return int(conn.execute(select(func.count()).select_from(facts.subquery())).scalar_one())
    ids = sorted(set(actor_ids))
    found: set[tuple[Any, ...]] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # one indexed search per side: an OR of the two would scan every tie of the store
        either = union(facts.where(la.c.actor_id.in_(chunk)), facts.where(lb.c.actor_id.in_(chunk)))
        found.update(tuple(r) for r in conn.execute(either).all())
    return len(found)


class TieFact(NamedTuple):
    """A tie between two actors with what the tie filters read (no sentence): for an index of the
    whole store's ties held in memory (``newsgraph.network.TieIndex``)."""

    doc_id: str
    kind: str
    type: str
    directed: bool
    actor_a: int
    actor_b: int
    record_id: str
    confidence: float | None
    date: str | None
    """The tie's date, else its document's publication date."""
    modality: str
    source: str | None
    """The outlet of its document."""


def tie_count(conn: Connection) -> int:
    """How many ties the store holds (current documents or not): what :func:`tie_facts` would read."""
    return int(conn.execute(select(func.count()).select_from(actor_ties)).scalar_one())


def tie_facts(conn: Connection) -> list[TieFact]:
    """Every tie of current documents between two different actors, whatever its confidence."""
    la, lb, d, t, date, base = _tie_tables()
    q = (
        select(
            t.c.doc_id,
            t.c.kind,
            t.c.type,
            t.c.directed,
            la.c.actor_id,
            lb.c.actor_id,
            t.c.record_id,
            t.c.confidence,
            date,
            t.c.modality,
            d.c.source,
        )
        .select_from(base)
        .where(d.c.current.is_(True), la.c.actor_id != lb.c.actor_id)
    )
    return [TieFact._make(r) for r in conn.execute(q).all()]


def strongest_pairs(conn: Connection, f: TieFilter, limit: int) -> list[tuple[int, int, str, str]]:
    """The ``limit`` (actor, actor, kind, type) most documented, most documented first."""
    la, lb, d, t, date, base = _tie_tables()
    weight = func.count(func.distinct(t.c.doc_id))
    q = (
        select(la.c.actor_id, lb.c.actor_id, t.c.kind, t.c.type, weight.label("w"))
        .select_from(base)
        .where(d.c.current.is_(True), la.c.actor_id != lb.c.actor_id, *_filter_clause(f, date))
        .group_by(la.c.actor_id, lb.c.actor_id, t.c.kind, t.c.type)
        .order_by(weight.desc())
        .limit(limit)
    )
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(q)]


def first_stated_pairs(
    conn: Connection, since: str, min_confidence: float, actor_id: int | None, limit: int
) -> list[tuple[int, int, str, str]]:
    """The ``limit`` (actor, actor, kind, type) first stated on or after ``since`` by facts at
    or above ``min_confidence`` (one end ``actor_id`` unless None), the newest first."""
    la, lb, d, t, date, base = _tie_tables()
    where: list[ColumnElement[bool]] = [d.c.current.is_(True), la.c.actor_id != lb.c.actor_id]
    if (sure := at_least(t.c.confidence, min_confidence)) is not None:
        where.append(sure)
    if actor_id is not None:
        where.append(or_(la.c.actor_id == actor_id, lb.c.actor_id == actor_id))
    first = func.min(date)
    q = (
        select(la.c.actor_id, lb.c.actor_id, t.c.kind, t.c.type, first.label("first"))
        .select_from(base)
        .where(*where)
        .group_by(la.c.actor_id, lb.c.actor_id, t.c.kind, t.c.type)
        .having(first >= since)
        .order_by(first.desc())
        .limit(limit)
    )
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(q)]


def pair_weights(conn: Connection, f: TieFilter, min_weight: int) -> list[tuple[int, int, int]]:
    """Every (actor, actor, documents) of the store tied by at least ``min_weight`` documents,
    once per direction stored."""
    la, lb, d, t, date, base = _tie_tables()
    weight = func.count(func.distinct(t.c.doc_id))
    q = (
        select(la.c.actor_id, lb.c.actor_id, weight)
        .select_from(base)
        .where(d.c.current.is_(True), la.c.actor_id != lb.c.actor_id, *_filter_clause(f, date))
        .group_by(la.c.actor_id, lb.c.actor_id)
        .having(weight >= min_weight)
    )
    return [(r[0], r[1], r[2]) for r in conn.execute(q)]


# -- an actor's timeline -------------------------------------------------------------------------


class TimelineEvent(NamedTuple):
    """An event the actor takes part in (one row per role it has there)."""

    doc_id: str
    id: str
    type: str
    modality: str
    claim: str | None
    """The claim the event is reported in, if any."""
    confidence: float | None
    role: str
    date: str | None
    """The event's date, else its document's."""
    source: str | None
    title: str | None
    sentence: str | None
    page: int | None = None
    """The page of a paged document (a PDF) the sentence is on."""


class TimelineClaim(NamedTuple):
    """A claim the actor makes, or one that names it."""

    doc_id: str
    id: str
    text: str
    modality: str
    speaker_text: str | None
    confidence: float | None
    published: str | None
    source: str | None
    title: str | None
    page: int | None = None
    """The page of a paged document (a PDF) the claim is on."""


class Timeline(NamedTuple):
    events: list[TimelineEvent]
    """Oldest first."""
    said: list[TimelineClaim]
    """The claims the actor makes, oldest document first."""
    about: list[TimelineClaim]
    """The claims made by others that name the actor, oldest document first."""


def _dated(q: Any, date: Any, since: str | None, until: str | None) -> Any:
    if since:
        q = q.where(date >= since)
    if until:
        q = q.where(date <= until + "\uffff")
    return q


def _timeline_queries(actor_id: int, since: str | None, until: str | None) -> tuple[Any, Any, Any, Any]:
    """The events, the claims said and the claims about the actor (unordered, unlimited), and
    the events' date."""
    v, a, d, c, m = schema.events, schema.event_args, schema.documents, schema.claims, schema.mentions
    link = actor_links
    ev_date = func.coalesce(v.c.date_value, d.c.published)
    events_q = (
        select(
            v.c.doc_id,
            v.c.id,
            v.c.type,
            v.c.modality,
            v.c.claim,
            v.c.confidence,
            a.c.role,
            ev_date.label("date"),
            d.c.source,
            d.c.title,
            func.substr(
                d.c.text,
                v.c.sentence["start"].as_integer() + 1,
                v.c.sentence["end"].as_integer() - v.c.sentence["start"].as_integer(),
            ).label("sentence"),
            page_at(d.c.text, v.c.sentence["start"].as_integer()).label("page"),
        )
        .select_from(
            link.join(a, and_(a.c.doc_id == link.c.doc_id, a.c.entity == link.c.entity_id))
            .join(v, and_(v.c.doc_id == a.c.doc_id, v.c.id == a.c.event_id))
            .join(d, d.c.id == v.c.doc_id)
        )
        .where(link.c.actor_id == actor_id, d.c.current.is_(True), a.c.role != "location")
    )
    claim_cols = (
        c.c.doc_id,
        c.c.id,
        c.c.text,
        c.c.modality,
        c.c.speaker_text,
        c.c.confidence,
        d.c.published,
        d.c.source,
        d.c.title,
        page_at(d.c.text, c.c.start).label("page"),
    )
    said = (
        select(*claim_cols)
        .select_from(
            link.join(c, and_(c.c.doc_id == link.c.doc_id, c.c.speaker_entity == link.c.entity_id)).join(
                d, d.c.id == c.c.doc_id
            )
        )
        .where(link.c.actor_id == actor_id, d.c.current.is_(True))
    )
    about = (
        select(*claim_cols)
        .distinct()
        .select_from(
            link.join(m, and_(m.c.doc_id == link.c.doc_id, m.c.entity == link.c.entity_id))
            .join(c, and_(c.c.doc_id == m.c.doc_id, c.c.start <= m.c.start, c.c.end >= m.c.end))
            .join(d, d.c.id == c.c.doc_id)
        )
        .where(
            link.c.actor_id == actor_id,
            d.c.current.is_(True),
            or_(c.c.speaker_entity.is_(None), c.c.speaker_entity != link.c.entity_id),
        )
    )
    return (
        _dated(events_q, ev_date, since, until),
        ev_date,
        _dated(said, d.c.published, since, until),
        _dated(about, d.c.published, since, until),
    )


def timeline_facts(
    conn: Connection, actor_id: int, *, since: str | None, until: str | None, min_confidence: float, limit: int
) -> Timeline:
    """The events and claims of the actor ``actor_id`` dated within ``since``..``until``, at or
    above ``min_confidence`` (or unscored); at most ``limit`` of each, the oldest."""
    v, d, c = schema.events, schema.documents, schema.claims
    events_q, ev_date, said, about = _timeline_queries(actor_id, since, until)
    if (sure := at_least(v.c.confidence, min_confidence)) is not None:
        events_q = events_q.where(sure)
    if (sure := at_least(c.c.confidence, min_confidence)) is not None:
        said, about = said.where(sure), about.where(sure)
    events = [TimelineEvent._make(r) for r in conn.execute(events_q.order_by(ev_date).limit(limit))]
    said_rows = [TimelineClaim._make(r) for r in conn.execute(said.order_by(d.c.published).limit(limit))]
    about_rows = [TimelineClaim._make(r) for r in conn.execute(about.order_by(d.c.published).limit(limit))]
    return Timeline(events, said_rows, about_rows)


def timeline_hidden_facts(
    conn: Connection, actor_id: int, *, since: str | None, until: str | None, min_confidence: float
) -> int:
    """The events and claims of :func:`timeline_facts` left out for being under ``min_confidence``."""
    v, c = schema.events, schema.claims
    events_q, _, said, about = _timeline_queries(actor_id, since, until)
    # the keys only: the sentences and pages the timeline reads are not needed to count
    events_q = events_q.with_only_columns(v.c.doc_id, v.c.id).where(v.c.confidence < min_confidence)
    found = {("event", r[0], r[1]) for r in conn.execute(events_q).all()}
    for q in (said, about):
        keys = q.with_only_columns(c.c.doc_id, c.c.id).where(c.c.confidence < min_confidence)
        found |= {("claim", r[0], r[1]) for r in conn.execute(keys).all()}
    return len(found)


class EventArgument(NamedTuple):
    """An argument of an event (not its location), with the actor it was resolved to, if any."""

    doc_id: str
    event_id: str
    role: str
    text: str
    actor_name: str | None
    actor_id: int | None


def event_arguments(conn: Connection, keys: Iterable[tuple[str, str]]) -> list[EventArgument]:
    """The arguments but the location of the events ``keys`` (document, event id), in order."""
    a = schema.event_args
    wanted = set(keys)
    docs = sorted({k[0] for k in wanted})
    out: list[EventArgument] = []
    for start in range(0, len(docs), CHUNK):
        q = (
            select(a.c.doc_id, a.c.event_id, a.c.role, a.c.text, actors.c.name, actors.c.id)
            .outerjoin(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
            .outerjoin(actors, actors.c.id == actor_links.c.actor_id)
            .where(a.c.doc_id.in_(docs[start : start + CHUNK]), a.c.role != "location")
            .order_by(a.c.doc_id, a.c.event_id, a.c.seq)
        )
        out.extend(EventArgument._make(r) for r in conn.execute(q) if (r.doc_id, r.event_id) in wanted)
    return out


def event_locations(conn: Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(document, event id) -> where the event took place, as written, for the events ``keys``."""
    a = schema.event_args
    wanted = set(keys)
    docs = sorted({k[0] for k in wanted})
    out: dict[tuple[str, str], str] = {}
    for start in range(0, len(docs), CHUNK):
        q = select(a.c.doc_id, a.c.event_id, a.c.text).where(
            a.c.doc_id.in_(docs[start : start + CHUNK]), a.c.role == "location"
        )
        for r in conn.execute(q):
            if (r.doc_id, r.event_id) in wanted:
                out[(r.doc_id, r.event_id)] = r.text
    return out


def claim_speaker_names(conn: Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(document, claim id) -> the speaker's entity name, else the speaker as written, else "",
    for every claim of the documents of ``keys``."""
    c, e = schema.claims, schema.entities
    docs = sorted({k[0] for k in keys})
    out: dict[tuple[str, str], str] = {}
    for start in range(0, len(docs), CHUNK):
        q = (
            select(c.c.doc_id, c.c.id, c.c.speaker_text, e.c.name)
            .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
            .where(c.c.doc_id.in_(docs[start : start + CHUNK]))
        )
        for r in conn.execute(q):
            out[(r.doc_id, r.id)] = r.name or r.speaker_text or ""
    return out


# -- the records ties are derived from, and writing ties -----------------------------------------


class ClaimSpeaker(NamedTuple):
    """A claim's speaker: as written, and the entity it was linked to (name and aliases)."""

    doc_id: str
    claim_id: str
    speaker_text: str | None
    name: str | None
    aliases: list[str] | None


class EventArg(NamedTuple):
    doc_id: str
    event_id: str
    role: str
    """source, target, participant or location."""
    text: str
    entity: str | None


class EventFact(NamedTuple):
    doc_id: str
    id: str
    type: str
    trigger: dict[str, Any] | None
    sentence: dict[str, Any] | None
    date_value: str | None
    modality: str
    claim: str | None
    confidence: float | None


class RelationFact(NamedTuple):
    doc_id: str
    id: str
    type: str
    subject: dict[str, Any] | None
    object: dict[str, Any] | None
    evidence: dict[str, Any] | None
    modality: str
    claim: str | None
    confidence: float | None


class SpokenClaim(NamedTuple):
    """A claim whose speaker is an entity of its document."""

    doc_id: str
    id: str
    speaker_entity: str
    cue: dict[str, Any] | None
    start: int
    end: int
    modality: str
    confidence: float | None


def published_dates(conn: Connection, doc_ids: Sequence[str]) -> dict[str, str | None]:
    """Document id -> its publication date."""
    docs = schema.documents
    return {r[0]: r[1] for r in conn.execute(select(docs.c.id, docs.c.published).where(docs.c.id.in_(doc_ids)))}


def claim_speakers_of(conn: Connection, doc_ids: Sequence[str]) -> list[ClaimSpeaker]:
    """The speaker of every claim of ``doc_ids``."""
    c, e = schema.claims, schema.entities
    q = (
        select(c.c.doc_id, c.c.id, c.c.speaker_text, e.c.name, e.c.aliases)
        .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
        .where(c.c.doc_id.in_(doc_ids))
    )
    return [ClaimSpeaker._make(r) for r in conn.execute(q)]


def event_args_of(conn: Connection, doc_ids: Sequence[str]) -> list[EventArg]:
    """The arguments of every event of ``doc_ids``, in their order."""
    a = schema.event_args
    q = (
        select(a.c.doc_id, a.c.event_id, a.c.role, a.c.text, a.c.entity)
        .where(a.c.doc_id.in_(doc_ids))
        .order_by(a.c.seq)
    )
    return [EventArg._make(r) for r in conn.execute(q)]


def events_of(conn: Connection, doc_ids: Sequence[str]) -> list[EventFact]:
    """The events of ``doc_ids``."""
    v = schema.events
    q = select(
        v.c.doc_id,
        v.c.id,
        v.c.type,
        v.c.trigger,
        v.c.sentence,
        v.c.date_value,
        v.c.modality,
        v.c.claim,
        v.c.confidence,
    ).where(v.c.doc_id.in_(doc_ids))
    return [EventFact._make(r) for r in conn.execute(q)]


def relations_of(conn: Connection, doc_ids: Sequence[str]) -> list[RelationFact]:
    """The relations of ``doc_ids``."""
    rel = schema.relations
    q = select(
        rel.c.doc_id,
        rel.c.id,
        rel.c.type,
        rel.c.subject,
        rel.c.object,
        rel.c.evidence,
        rel.c.modality,
        rel.c.claim,
        rel.c.confidence,
    ).where(rel.c.doc_id.in_(doc_ids))
    return [RelationFact._make(r) for r in conn.execute(q)]


def claim_mentions(conn: Connection, doc_ids: Sequence[str]) -> list[tuple[str, str, str]]:
    """(document, claim id, entity) for every entity mention inside a claim with a speaker
    entity, in the order of the text."""
    c, m = schema.claims, schema.mentions
    q = (
        select(c.c.doc_id, c.c.id, m.c.entity)
        .join(m, and_(m.c.doc_id == c.c.doc_id, m.c.start >= c.c.start, m.c.end <= c.c.end))
        .where(c.c.doc_id.in_(doc_ids), c.c.speaker_entity.is_not(None), m.c.entity.is_not(None))
        .order_by(c.c.doc_id, c.c.id, m.c.start)
    )
    return [(r[0], r[1], r[2]) for r in conn.execute(q)]


def spoken_claims(conn: Connection, doc_ids: Sequence[str]) -> list[SpokenClaim]:
    """The claims of ``doc_ids`` whose speaker is an entity."""
    c = schema.claims
    q = select(c.c.doc_id, c.c.id, c.c.speaker_entity, c.c.cue, c.c.start, c.c.end, c.c.modality, c.c.confidence).where(
        c.c.doc_id.in_(doc_ids), c.c.speaker_entity.is_not(None)
    )
    return [SpokenClaim._make(r) for r in conn.execute(q)]


def insert_ties(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` (dicts of ``actor_ties`` columns) in batches."""
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(actor_ties), rows[start : start + CHUNK])


def delete_ties(conn: Connection, doc_ids: Sequence[str] | None) -> None:
    """Forget the ties of ``doc_ids`` (before they are derived again), or every tie when None."""
    if doc_ids is None:
        conn.execute(delete(actor_ties))
        return
    for start in range(0, len(doc_ids), CHUNK):
        conn.execute(delete(actor_ties).where(actor_ties.c.doc_id.in_(doc_ids[start : start + CHUNK])))
