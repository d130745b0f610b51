"""Reads for the analyst's pages (issue 18): pages of documents, events, claims and stories with
how many there are in all, filtered by date range, outlet, kind, event type, modality and
confidence; the documents an actor is named in; the counts behind the trend charts.

Each page function answers ``(rows, total)`` (and the facts hidden by the confidence threshold
where there is one): the total is one count over the same filtered query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, and_, case, exists, func, select, tuple_

from newsgraph.store import schema
from newsgraph.store.actors import LinkedEntity, actor_links
from newsgraph.store.extractions import (
    CLAIM_FIELDS,
    EVENT_FIELDS,
    _claims_query,
    _confident,
    _events_query,
    _in_document,
    with_claim_pages,
)
from newsgraph.store.rows import chunks, from_row
from newsgraph.store.stories import StorySummary, stories

docs = schema.documents
HEAD_CHARS = 400
"""How much of an untitled document's text is read to name it (its first line or sentence)."""


def _dated(q: Any, date: Any, since: str | None, until: str | None) -> Any:
    """``q`` kept to ``since``..``until`` on ``date`` (prefixes: YYYY, YYYY-MM, YYYY-MM-DD)."""
    if since:
        q = q.where(date >= since)
    if until:
        q = q.where(date <= until + "\uffff")
    return q


def _count(engine: Engine, q: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def _count_kept_and_below(engine: Engine, q: Any, column: Any, min_confidence: float) -> tuple[int, int]:
    """The rows of ``q`` at or above ``min_confidence`` (or unscored) and those under it, in one
    scan of ``q`` (a count of each would read every matching row twice)."""
    if min_confidence <= 0:
        return _count(engine, q.with_only_columns(column)), 0
    x = q.with_only_columns(column.label("x")).subquery()
    below = func.coalesce(func.sum(case((x.c.x < min_confidence, 1), else_=0)), 0)
    with engine.connect() as conn:
        everything, under = conn.execute(select(func.count(), below).select_from(x)).one()
    return int(everything) - int(under), int(under)


def document_heads(engine: Engine, doc_ids: Iterable[str]) -> dict[str, str]:
    """The first :data:`HEAD_CHARS` characters of the text of each of ``doc_ids`` (to name those
    stored without a title)."""
    wanted = sorted(set(doc_ids))
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for chunk in chunks(wanted):
            q = select(docs.c.id, func.substr(docs.c.text, 1, HEAD_CHARS)).where(docs.c.id.in_(chunk))
            out.update({r[0]: r[1] or "" for r in conn.execute(q)})
    return out


def document_sources(engine: Engine) -> list[tuple[str, int]]:
    """Every outlet of the current documents with how many documents it carries, most first."""
    q = (
        select(docs.c.source, func.count())
        .where(docs.c.current.is_(True), docs.c.source.is_not(None))
        .group_by(docs.c.source)
        .order_by(func.count().desc(), docs.c.source)
    )
    with engine.connect() as conn:
        return [(r[0], int(r[1])) for r in conn.execute(q)]


# -- the documents an actor is named in ------------------------------------------------------------


def actor_link_page(
    engine: Engine,
    actor_id: int,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[LinkedEntity], int]:
    """The entities linked to the actor (one per document and entity), newest document first,
    within ``since``..``until`` and from ``source``; and how many there are in all."""
    d, link = docs, actor_links
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
    )
    q = _dated(q, d.c.published, since, until)
    if source:
        q = q.where(func.lower(d.c.source) == source.lower())
    total = _count(engine, q)
    q = q.order_by(d.c.published.desc(), link.c.doc_id, link.c.entity_id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [from_row(LinkedEntity, r) for r in conn.execute(q)], total


# -- events and claims across documents, with their totals ----------------------------------------


def _by_actor_argument(actor_id: int) -> Any:
    """Events with an argument (not the location) resolved to the actor ``actor_id``."""
    v, a = schema.events, schema.event_args
    return exists().where(
        a.c.doc_id == v.c.doc_id,
        a.c.event_id == v.c.id,
        a.c.role != "location",
        actor_links.c.doc_id == a.c.doc_id,
        actor_links.c.entity_id == a.c.entity,
        actor_links.c.actor_id == actor_id,
    )


def _at_place(place_id: int) -> Any:
    """Events whose location is geocoded and resolved to the place actor ``place_id``: the events
    that the map counts at that place (:func:`~newsgraph.store.extractions.event_places`)."""
    v, a, e = schema.events, schema.event_args, schema.entities
    return exists().where(
        a.c.doc_id == v.c.doc_id,
        a.c.event_id == v.c.id,
        a.c.role == "location",
        e.c.doc_id == a.c.doc_id,
        e.c.id == a.c.entity,
        e.c.lat.is_not(None),
        e.c.lon.is_not(None),
        actor_links.c.doc_id == a.c.doc_id,
        actor_links.c.entity_id == a.c.entity,
        actor_links.c.actor_id == place_id,
    )


def event_page(
    engine: Engine,
    *,
    type: str | None = None,
    actor: str | None = None,
    actor_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    where: str | None = None,
    modality: str | None = None,
    source: str | None = None,
    document: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 50,
    offset: int = 0,
    place_id: int | None = None,
) -> tuple[list[dict[str, Any]], int, int]:
    """Events across current documents (newest first) as :func:`~newsgraph.store.extractions.events`
    reads them, also within ``until``, of one ``modality``, from one outlet (``source``), of one
    document, with an argument resolved to the actor ``actor_id``, or located at the place actor
    ``place_id`` (as the map places them); with how many match in all and how many the confidence
    threshold hides."""
    v = schema.events
    q = _dated(_events_query(type, actor, None, where), v.c.date_value, since, until)
    if modality:
        q = q.where(v.c.modality == modality)
    if source:
        q = q.where(func.lower(docs.c.source) == source.lower())
    if document:
        q = q.where(v.c.doc_id == document)
    if actor_id is not None:
        q = q.where(_by_actor_argument(actor_id))
    if place_id is not None:
        q = q.where(_at_place(place_id))
    total, hidden = _count_kept_and_below(engine, q, v.c.confidence, min_confidence)
    q = _confident(q, v.c.confidence, min_confidence)
    q = q.order_by(v.c.date_value.desc(), v.c.doc_id, v.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        rows = [_in_document(EVENT_FIELDS, dict(r._mapping)) for r in conn.execute(q)]
    return rows, total, hidden


def claim_page(
    engine: Engine,
    *,
    speaker: str | None = None,
    about: str | None = None,
    actor_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    document: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int, int]:
    """Claims across current documents (newest first) as :func:`~newsgraph.store.extractions.claims`
    reads them, also within ``since``..``until`` (the document's date), of one ``modality`` or
    ``kind`` (direct, indirect, ...), from one outlet, of one document, or said by the actor
    ``actor_id`` (its speaker resolved to it); with the total and those hidden by the threshold."""
    c = schema.claims
    q = _dated(_claims_query(speaker, about), docs.c.published, since, until)
    if modality:
        q = q.where(c.c.modality == modality)
    if kind:
        q = q.where(c.c.kind == kind)
    if source:
        q = q.where(func.lower(docs.c.source) == source.lower())
    if document:
        q = q.where(c.c.doc_id == document)
    if actor_id is not None:
        q = q.where(
            exists().where(
                actor_links.c.doc_id == c.c.doc_id,
                actor_links.c.entity_id == c.c.speaker_entity,
                actor_links.c.actor_id == actor_id,
            )
        )
    order = (docs.c.published.desc(), c.c.doc_id, c.c.start)
    if speaker or about:
        # words looked for in every claim's speaker or text: matched once, then counted, sorted and
        # paged here (a count, a page and the hidden count would each read every claim again)
        keys, total, hidden = _page_of_keys(engine, q, min_confidence, limit, offset)
    else:
        total, hidden = _count_kept_and_below(engine, q, c.c.confidence, min_confidence)
        q = _confident(q, c.c.confidence, min_confidence)
        with engine.connect() as conn:
            # the page's keys first (sorting keys, not whole claims with their speakers' names)
            keys = [
                (r[0], r[1])
                for r in conn.execute(
                    q.with_only_columns(c.c.doc_id, c.c.id).order_by(*order).limit(limit).offset(offset)
                )
            ]
    if not keys:
        return [], total, hidden
    with engine.connect() as conn:
        full = _claims_query(None, None).where(tuple_(c.c.doc_id, c.c.id).in_(keys)).order_by(*order)
        rows = [_in_document(CLAIM_FIELDS, dict(r._mapping)) for r in conn.execute(with_claim_pages(full))]
    return rows, total, hidden


def _page_of_keys(
    engine: Engine, q: Any, min_confidence: float, limit: int, offset: int
) -> tuple[list[tuple[str, str]], int, int]:
    """The (document, claim) keys of one page of the claims ``q`` matches, newest first (as the
    claim page orders them: undated last), with how many are kept and how many are under
    ``min_confidence``: one read of ``q``, for a filter that is costly to evaluate."""
    c = schema.claims
    with engine.connect() as conn:
        found = conn.execute(q.with_only_columns(c.c.doc_id, c.c.id, c.c.confidence, docs.c.published, c.c.start)).all()
    kept = [r for r in found if min_confidence <= 0 or r[2] is None or r[2] >= min_confidence]
    kept.sort(key=lambda r: (r[0], r[4]))
    kept.sort(key=lambda r: (r[3] is not None, r[3] or ""), reverse=True)  # stable: newest first
    return [(r[0], r[1]) for r in kept[offset : offset + limit]], len(kept), len(found) - len(kept)


# -- stories ---------------------------------------------------------------------------------------


def story_page(
    engine: Engine,
    *,
    min_articles: int = 1,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[StorySummary], int]:
    """The largest stories of at least ``min_articles`` articles (latest first among equals),
    those running within ``since``..``until`` (undated ones left out by a date); and how many
    there are in all."""
    s = stories
    q = select(s.c.id, s.c.title, s.c.first_date, s.c.last_date, s.c.articles).where(s.c.articles >= min_articles)
    if since:
        q = q.where(s.c.last_date >= since)
    if until:
        q = q.where(s.c.first_date <= until + "\uffff")
    total = _count(engine, q)
    q = q.order_by(s.c.articles.desc(), s.c.last_date.desc(), s.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [StorySummary(r.id, r.title, r.first_date, r.last_date, r.articles) for r in conn.execute(q)], total


# -- trends ------------------------------------------------------------------------------------


def _of_documents(column: Any, doc_ids: Sequence[str] | None) -> Any:
    return None if doc_ids is None else column.in_(list(doc_ids))


def event_dates(
    engine: Engine,
    *,
    actor_id: int | None = None,
    doc_ids: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
) -> list[tuple[str, str]]:
    """(date, type) of every event of current documents (of the actor ``actor_id``, of the
    documents ``doc_ids``), dated by its own day when it has one, else by its document's."""
    v = schema.events
    date = func.coalesce(func.nullif(func.substr(v.c.date_value, 1, 10), ""), docs.c.published)
    q = select(v.c.date_value, docs.c.published, v.c.type).join(docs, docs.c.id == v.c.doc_id)
    q = _confident(q.where(docs.c.current.is_(True)), v.c.confidence, min_confidence)
    q = _dated(q, date, since, until)
    if actor_id is not None:
        q = q.where(_by_actor_argument(actor_id))
    out: list[tuple[str, str]] = []
    with engine.connect() as conn:
        for part in [None] if doc_ids is None else list(chunks(list(doc_ids))):
            query = q if part is None else q.where(_of_documents(v.c.doc_id, part))
            for own, published, type_ in conn.execute(query):
                day = own if own and len(own) >= 10 else published
                if day:
                    out.append((day[:10], type_))
    return out


def speaker_counts(
    engine: Engine,
    *,
    actor_id: int | None = None,
    doc_ids: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    top: int = 15,
) -> tuple[list[tuple[str, int]], int]:
    """Who says most in the documents an actor is named in (``actor_id``), or in ``doc_ids``:
    the ``top`` speakers (by the speaker's resolved actor, else entity, else as written) with
    how many claims each, and how many claims there are in all."""
    c, e = schema.claims, schema.entities
    from newsgraph.store.actors import actors

    name = func.coalesce(actors.c.name, e.c.name, c.c.speaker_text)
    q = (
        select(name)
        .select_from(c)
        .join(docs, docs.c.id == c.c.doc_id)
        .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
        .outerjoin(actor_links, and_(actor_links.c.doc_id == c.c.doc_id, actor_links.c.entity_id == c.c.speaker_entity))
        .outerjoin(actors, actors.c.id == actor_links.c.actor_id)
        .where(docs.c.current.is_(True))
    )
    q = _dated(_confident(q, c.c.confidence, min_confidence), docs.c.published, since, until)
    if actor_id is not None:
        # the documents naming the actor, read once (a correlated EXISTS scanned every link of a
        # hub for every claim: 7 s for a hub of the BBC store)
        named = select(actor_links.c.doc_id).where(actor_links.c.actor_id == actor_id)
        q = q.where(c.c.doc_id.in_(named))
    counted: Counter[str] = Counter()
    with engine.connect() as conn:
        for part in [None] if doc_ids is None else list(chunks(list(doc_ids))):
            query = q if part is None else q.where(_of_documents(c.c.doc_id, part))
            counted.update((r[0] or "unattributed") for r in conn.execute(query))
    return counted.most_common(top), sum(counted.values())


# -- the watchlist entry a hit names ----------------------------------------------------------------


def watchlist_entry(engine: Engine, list_name: str, entry_id: str) -> dict[str, Any] | None:
    """The stored entry ``entry_id`` of the list ``list_name`` in its stored shape (name, type,
    regime, aliases, nationalities, countries, listed on, birth dates, reason), None when absent."""
    from newsgraph.store.watchlist import _entry, _entry_row, watchlist_entries

    t = watchlist_entries
    with engine.connect() as conn:
        row = conn.execute(select(t).where(t.c.list == list_name, t.c.entry_id == entry_id)).first()
    return None if row is None else _entry_row(_entry(row))
