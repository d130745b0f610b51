"""Read the extraction records: one document's whole extraction, and claims, events and
relations across documents (filtered by name, type, date and confidence), the places of events
and the records per period.

The SQL on the record tables (other than writing them: :mod:`newsgraph.store.store`) lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import Engine, Text, and_, case, cast, exists, func, or_, select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.records import PAGE_BREAK, Extraction, page_of
from newsgraph.store import schema
from newsgraph.store.actors import actor_links, actors
from newsgraph.store.documents import contains, document_row, has_words
from newsgraph.store.rows import chunks

docs = schema.documents


def page_at(text: Any, offset: Any) -> Any:
    """The page of ``offset`` in the document text ``text`` (SQL columns or expressions), counted in
    SQL: :func:`newsgraph.records.page_of` for rows whose text is not read (1 for the first page,
    NULL for a text without page breaks). It reads only the text before ``offset``, as ``substr``
    does for the sentence, on SQLite and PostgreSQL alike."""
    head = func.substr(text, 1, offset)
    count = func.length(head) - func.length(func.replace(head, PAGE_BREAK, "")) + 1
    return case((text.contains(PAGE_BREAK), count), else_=None)


def load_extraction(engine: Engine, doc_id: str, row: dict[str, Any] | None = None) -> Extraction:
    """The stored extraction of one document, in the contract's records (``row``: its
    :func:`~newsgraph.store.documents.document_row`, when read already)."""
    row = row if row is not None else document_row(engine, doc_id)
    data: dict[str, Any] = {
        "document": {k: row[k] for k in ("id", "title", "url", "source", "published", "dateline", "text")}
    }
    with engine.connect() as conn:

        def records(table: Any, order: Any) -> list[dict[str, Any]]:
            q = select(table).where(table.c.doc_id == doc_id).order_by(order)
            return [dict(r._mapping) for r in conn.execute(q)]

        data["mentions"] = [_drop(r, "doc_id") for r in records(schema.mentions, schema.mentions.c.start)]
        data["entities"] = [_entity(r) for r in records(schema.entities, schema.entities.c.id)]
        data["dates"] = [_drop(r, "doc_id", "seq") for r in records(schema.dates, schema.dates.c.seq)]
        data["claims"] = [
            _drop(r, "doc_id", "speaker_text", "speaker_entity") for r in records(schema.claims, schema.claims.c.start)
        ]
        data["events"] = [_drop(r, "doc_id", "date_value") for r in records(schema.events, schema.events.c.id)]
        data["relations"] = [
            _drop(r, "doc_id", "subject_text", "object_text") for r in records(schema.relations, schema.relations.c.id)
        ]
    for key in ("entities", "claims", "events", "relations"):
        data[key].sort(key=lambda r: _id_number(r["id"]))
    data["mentions"].sort(key=lambda r: _id_number(r["id"]))
    x = Extraction.from_dict(data)
    extra = {"origin": row["origin"], "slug": row["slug"], "key": row["key"]}
    return replace(x, document=replace(x.document, **extra))


def _id_number(record_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in record_id if ch.isdigit())
    return (int(digits) if digits else 0, record_id)


def _drop(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


def _entity(row: dict[str, Any]) -> dict[str, Any]:
    place = None
    if row["lat"] is not None and row["lon"] is not None:
        place = {
            "lat": row["lat"],
            "lon": row["lon"],
            "country": row["country"],
            "geonames_id": row["geonames_id"],
            "feature": row["feature"],
        }
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "aliases": row["aliases"],
        "mentions": row["mentions"],
        "place": place,
        "attributes": row["attributes"],
        "confidence": row.get("confidence"),
    }


def at_least(column: Any, min_confidence: float) -> ColumnElement[bool] | None:
    """Records at or above ``min_confidence``, or unscored (NULL: stored before newsgraph scored
    confidence); None when nothing is filtered (a threshold of 0 or less)."""
    if min_confidence <= 0:
        return None
    return or_(column.is_(None), column >= min_confidence)


def _confident(q: Any, column: Any, min_confidence: float) -> Any:
    clause = at_least(column, min_confidence)
    return q if clause is None else q.where(clause)


def _count_below(engine: Engine, q: Any, column: Any, min_confidence: float) -> int:
    """How many rows of the query ``q`` are under ``min_confidence`` (hidden by it)."""
    if min_confidence <= 0:
        return 0
    below = q.with_only_columns(column).where(column < min_confidence).subquery()
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(below)).scalar_one())


def _claims_query(speaker: str | None, about: str | None) -> Any:
    c, e = schema.claims, schema.entities
    by = e.alias("reporter")
    q = (
        select(
            c,
            docs.c.published,
            docs.c.title,
            docs.c.source.label("outlet"),
            func.coalesce(e.c.name, c.c.speaker_text).label("speaker_name"),
            by.c.name.label("reported_by_name"),
        )
        .join(docs, docs.c.id == c.c.doc_id)
        .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
        .outerjoin(by, and_(by.c.doc_id == c.c.doc_id, by.c.id == c.c.reported_by))
        .where(docs.c.current.is_(True))
    )
    if speaker:  # the speaker's name, as words: "Assad" is Bashar al-Assad, never an ambassador
        named = select(actors.c.id).where(has_words(actors.c.name, speaker))
        linked = select(actor_links.c.doc_id, actor_links.c.entity_id).where(actor_links.c.actor_id.in_(named))
        by_actor = tuple_(c.c.doc_id, c.c.speaker_entity).in_(linked)  # read once, not per claim
        q = q.where(
            or_(
                has_words(c.c.speaker_text, speaker),
                has_words(e.c.name, speaker),
                has_words(cast(e.c.aliases, Text), speaker),
                by_actor,
            )
        )
    if about:
        q = q.where(contains(c.c.text, about))
    return q


def claims(
    engine: Engine,
    *,
    speaker: str | None = None,
    about: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Claims across current documents, by speaker (as written or its entity) and by what they
    mention; those under ``min_confidence`` left out (:func:`hidden_claims` counts them)."""
    c = schema.claims
    q = _confident(_claims_query(speaker, about), c.c.confidence, min_confidence)
    q = q.order_by(docs.c.published.desc(), c.c.doc_id, c.c.start).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_in_document(CLAIM_FIELDS, dict(r._mapping)) for r in conn.execute(with_claim_pages(q))]


def with_claim_pages(q: Any) -> Any:
    """The claims of ``q`` (a :func:`_claims_query`, ordered and limited) with their ``page``,
    counted for the rows kept only: counted in ``q`` itself, SQLite would count it for every
    claim that matches before sorting and keeping a page of them."""
    kept = q.subquery()
    return (
        select(kept, page_at(docs.c.text, kept.c.start).label("page"))
        .join(docs, docs.c.id == kept.c.doc_id)
        .order_by(kept.c.published.desc(), kept.c.doc_id, kept.c.start)
    )


def hidden_claims(
    engine: Engine, *, min_confidence: float, speaker: str | None = None, about: str | None = None
) -> int:
    """The claims :func:`claims` leaves out for being under ``min_confidence``."""
    return _count_below(engine, _claims_query(speaker, about), schema.claims.c.confidence, min_confidence)


def _events_query(type: str | None, actor: str | None, since: str | None, where: str | None) -> Any:
    v, a = schema.events, schema.event_args
    q = (
        select(v, docs.c.published, docs.c.title, docs.c.source.label("outlet"), docs.c.text.label("doc_text"))
        .join(docs, docs.c.id == v.c.doc_id)
        .where(docs.c.current.is_(True))
    )
    if type:
        q = q.where(func.upper(v.c.type) == type.upper())
    if since:
        q = q.where(v.c.date_value >= since)
    named = (
        (actor, ("source", "target", "participant"), has_words),  # a name, in whole words: "Assad" is no ambassador
        (where, ("location",), has_words),  # a place, in whole words: "Oman" is not in "Romania"
    )
    for name, roles, matches in named:
        if name:
            q = q.where(
                exists().where(
                    a.c.doc_id == v.c.doc_id, a.c.event_id == v.c.id, a.c.role.in_(roles), matches(a.c.text, name)
                )
            )
    return q


def events(
    engine: Engine,
    *,
    type: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    where: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events across current documents, with the sentence that states them; those under
    ``min_confidence`` left out (:func:`hidden_events` counts them)."""
    v = schema.events
    q = _confident(_events_query(type, actor, since, where), v.c.confidence, min_confidence)
    q = q.order_by(v.c.date_value.desc(), v.c.doc_id, v.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_in_document(EVENT_FIELDS, dict(r._mapping)) for r in conn.execute(q)]


def hidden_events(
    engine: Engine,
    *,
    min_confidence: float,
    type: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    where: str | None = None,
) -> int:
    """The events :func:`events` leaves out for being under ``min_confidence``."""
    return _count_below(engine, _events_query(type, actor, since, where), schema.events.c.confidence, min_confidence)


def _relations_query(actor: str | None, type: str | None) -> Any:
    r = schema.relations
    q = (
        select(r, docs.c.published, docs.c.title, docs.c.source.label("outlet"), docs.c.text.label("doc_text"))
        .join(docs, docs.c.id == r.c.doc_id)
        .where(docs.c.current.is_(True))
    )
    if actor:
        q = q.where(or_(has_words(r.c.subject_text, actor), has_words(r.c.object_text, actor)))
    if type:
        q = q.where(r.c.type == type)
    return q


def relations(
    engine: Engine,
    *,
    actor: str | None = None,
    type: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Relations across current documents, with their evidence sentence; those under
    ``min_confidence`` left out (:func:`hidden_relations` counts them)."""
    r = schema.relations
    q = _confident(_relations_query(actor, type), r.c.confidence, min_confidence)
    q = q.order_by(docs.c.published.desc(), r.c.doc_id, r.c.id).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_in_document(RELATION_FIELDS, dict(row._mapping)) for row in conn.execute(q)]


def hidden_relations(
    engine: Engine, *, min_confidence: float, actor: str | None = None, type: str | None = None
) -> int:
    """The relations :func:`relations` leaves out for being under ``min_confidence``."""
    return _count_below(engine, _relations_query(actor, type), schema.relations.c.confidence, min_confidence)


CLAIM_FIELDS = ("id", "start", "end", "text", "kind", "speaker", "cue", "modality", "reported_by", "confidence")
"""A claim's fields in the contract (``newsgraph/extraction@1``)."""
EVENT_FIELDS = (
    "id",
    "type",
    "mode",
    "cameo",
    "trigger",
    "sentence",
    "source",
    "target",
    "participants",
    "date",
    "location",
    "modality",
    "claim",
    "confidence",
)
RELATION_FIELDS = ("id", "type", "subject", "object", "evidence", "modality", "claim", "confidence")
CONTEXT = ("document", "published", "title", "outlet")
"""What every claim, event and relation carries of its document: its id, date, title and outlet."""


def _in_document(fields: tuple[str, ...], row: dict[str, Any]) -> dict[str, Any]:
    """A stored record's row (with its document's columns) as the API and ``--json`` show it."""
    doc = {"id": row["doc_id"], "published": row["published"], "title": row["title"], "source": row["outlet"]}
    return in_document(fields, row, doc, text=row.get("doc_text"))


def in_document(
    fields: tuple[str, ...], record: dict[str, Any], document: dict[str, Any], *, text: str | None = None
) -> dict[str, Any]:
    """The one shape of a claim, event or relation wherever it appears: its contract ``fields``,
    then its document's id, date, title and outlet (``document``, ``published``, ``title``,
    ``outlet``); a claim adds ``speaker_name`` and ``reported_by_name``, an event and a relation
    ``sentence_text`` (the sentence that states it, cut from the document's ``text``); each adds
    ``page``, the page of a paged document (a PDF) where it stands, else None (``record``'s own
    ``page``, counted in SQL, when the ``text`` is not at hand)."""
    out = {k: record.get(k) for k in fields}
    out.update(
        document=document["id"], published=document["published"], title=document["title"], outlet=document["source"]
    )
    if fields is CLAIM_FIELDS:
        out["speaker_name"] = record.get("speaker_name")
        out["reported_by_name"] = record.get("reported_by_name")
        start = record.get("start") or 0
    else:
        span = record.get("sentence" if fields is EVENT_FIELDS else "evidence") or {}
        out["sentence_text"] = (text or "")[span.get("start", 0) : span.get("end", 0)]
        start = span.get("start", 0)
    out["page"] = page_of(text, start) if text is not None else record.get("page")
    return out


def claim_speakers(engine: Engine, doc_id: str) -> dict[str, str]:
    """Claim id -> speaker entity name (or the speaker as written) for one document."""
    c, e = schema.claims, schema.entities
    q = (
        select(c.c.id, c.c.speaker_text, e.c.name)
        .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
        .where(c.c.doc_id == doc_id)
    )
    with engine.connect() as conn:
        return {r[0]: r[2] or r[1] or "?" for r in conn.execute(q)}


# -- the map and the timeline over the whole store ----------------------------------------------


@dataclass(frozen=True)
class EventPlace:
    """One geocoded location of an event (an event may have several, and a place many events)."""

    doc_id: str
    event_id: str
    name: str
    """The location's entity name in its document."""
    lat: float
    lon: float
    country: str | None
    actor_id: int | None
    """The actor the location's entity was resolved to (None: not resolved)."""
    clue: str | None = None
    """Why the geocoder chose this place (the entity's ``place_clue`` attribute)."""
    runner_up: str | None = None
    confidence: float | None = None


def event_places(
    engine: Engine, *, since: str | None = None, until: str | None = None, type: str | None = None
) -> list[EventPlace]:
    """The geocoded locations of the events of current documents, dated (the event's date, else its
    document's) within ``since`` .. ``until`` (prefixes: YYYY, YYYY-MM, YYYY-MM-DD), of one type."""
    v, a, e, d = schema.events, schema.event_args, schema.entities, docs
    date = func.coalesce(v.c.date_value, d.c.published)
    query = (
        select(
            a.c.doc_id,
            a.c.event_id,
            e.c.name,
            e.c.lat,
            e.c.lon,
            e.c.country,
            actor_links.c.actor_id,
            e.c.attributes,
        )
        .select_from(
            a.join(e, and_(e.c.doc_id == a.c.doc_id, e.c.id == a.c.entity))
            .join(v, and_(v.c.doc_id == a.c.doc_id, v.c.id == a.c.event_id))
            .join(d, d.c.id == a.c.doc_id)
            .outerjoin(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
        )
        .where(a.c.role == "location", e.c.lat.is_not(None), e.c.lon.is_not(None), d.c.current.is_(True))
    )
    if since:
        query = query.where(date >= since)
    if until:
        query = query.where(date <= until + "\uffff")
    if type:
        query = query.where(func.upper(v.c.type) == type.upper())
    with engine.connect() as conn:
        return [
            EventPlace(
                doc_id=r.doc_id,
                event_id=r.event_id,
                name=r.name,
                lat=r.lat,
                lon=r.lon,
                country=r.country,
                actor_id=r.actor_id,
                clue=(r.attributes or {}).get("place_clue"),
                runner_up=(r.attributes or {}).get("place_runner_up"),
                confidence=_float((r.attributes or {}).get("place_confidence")),
            )
            for r in conn.execute(query)
        ]


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class PeriodCount:
    """Events, claims and documents of one month (YYYY-MM) or day (YYYY-MM-DD)."""

    date: str
    events: int
    claims: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def counts_per_period(
    engine: Engine, *, length: int, since: str | None = None, until: str | None = None
) -> list[PeriodCount]:
    """Records of current documents per period, oldest first; a period is the first ``length``
    characters of a date (7: months, 10: days). An event is dated by its own date when it is at
    least that precise, else by its document's; claims and documents by the document's date."""
    v, c, d = schema.events, schema.claims, docs
    ev_date = case((func.length(v.c.date_value) >= length, v.c.date_value), else_=d.c.published)

    def counts(conn: Any, table: Any, date: Any) -> dict[str, int]:
        period = func.substr(date, 1, length)
        query = select(period, func.count()).select_from(table)
        if table is not d:
            query = query.join(d, d.c.id == table.c.doc_id)
        query = query.where(d.c.current.is_(True), date.is_not(None), func.length(date) >= length)
        if since:
            query = query.where(date >= since)
        if until:
            query = query.where(date <= until + "\uffff")
        return {p: int(k) for p, k in conn.execute(query.group_by(period))}

    with engine.connect() as conn:
        ev, cl, dc = counts(conn, v, ev_date), counts(conn, c, d.c.published), counts(conn, d, d.c.published)
    return [
        PeriodCount(date=p, events=ev.get(p, 0), claims=cl.get(p, 0), documents=dc.get(p, 0))
        for p in sorted(set(ev) | set(cl) | set(dc))
    ]


# --- what screening reads of the documents that name an actor ---


@dataclass(frozen=True)
class NamingDocument:
    """A current document that names a screened actor: its text and the countries it names."""

    doc_id: str
    text: str
    countries: tuple[str, ...]
    """ISO 3166 alpha-2 codes of its entities that have one (states, places), sorted."""


def documents_naming(
    engine: Engine, actors: Sequence[tuple[str, str]], per_actor: int
) -> dict[tuple[str, str], list[str]]:
    """Ids of at most ``per_actor`` current documents with an entity of each (name, kind), the latest first."""
    e = schema.entities
    wanted = set(actors)
    out: dict[tuple[str, str], list[str]] = {}
    names = sorted({name for name, _ in wanted})
    with engine.connect() as conn:
        for chunk in chunks(names):
            q = (
                select(e.c.name, e.c.kind, e.c.doc_id, docs.c.published)
                .join(docs, docs.c.id == e.c.doc_id)
                .where(docs.c.current.is_(True), e.c.name.in_(list(chunk)))
                .distinct()
                .order_by(docs.c.published.desc(), e.c.doc_id)
            )
            for name, kind, doc_id, _ in conn.execute(q):
                found = out.setdefault((name, kind), [])
                if (name, kind) in wanted and len(found) < per_actor and doc_id not in found:
                    found.append(doc_id)
    return {k: v for k, v in out.items() if k in wanted}


def naming_documents(engine: Engine, doc_ids: Sequence[str]) -> dict[str, NamingDocument]:
    """The documents ``doc_ids`` with their text and the countries of their entities."""
    e = schema.entities
    out: dict[str, NamingDocument] = {}
    with engine.connect() as conn:
        for chunk in chunks(list(dict.fromkeys(doc_ids))):
            countries: dict[str, set[str]] = {}
            q = select(e.c.doc_id, e.c.country).where(e.c.doc_id.in_(list(chunk)), e.c.country.is_not(None))
            for doc_id, country in conn.execute(q):
                countries.setdefault(doc_id, set()).add(country)
            for doc_id, text in conn.execute(select(docs.c.id, docs.c.text).where(docs.c.id.in_(list(chunk)))):
                out[doc_id] = NamingDocument(doc_id, text, tuple(sorted(countries.get(doc_id, ()))))
    return out


def sample_texts(engine: Engine, limit: int) -> list[str]:
    """The texts of at most ``limit`` current documents, the most recently ingested first."""
    q = select(docs.c.text).where(docs.c.current.is_(True)).order_by(docs.c.ingested_at.desc(), docs.c.id).limit(limit)
    with engine.connect() as conn:
        return [text for (text,) in conn.execute(q)]
