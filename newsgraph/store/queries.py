"""Read the store: documents, full extractions, search, and the records across documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, Text, and_, cast, exists, func, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.errors import BadRequest, NotFound
from newsgraph.records import Extraction
from newsgraph.store import schema

docs = schema.documents


@dataclass(frozen=True)
class Summary:
    documents: int
    versions: int
    words: int
    sources: dict[str, int]
    first: str | None
    last: str | None
    entities: int
    claims: int
    events: int
    relations: int


def summary(engine: Engine) -> Summary:
    with engine.connect() as conn:
        current = docs.c.current.is_(True)
        n = conn.execute(select(func.count()).select_from(docs).where(current)).scalar_one()
        versions = conn.execute(select(func.count()).select_from(docs)).scalar_one()
        words = conn.execute(select(func.coalesce(func.sum(docs.c.words), 0)).where(current)).scalar_one()
        srcs = conn.execute(
            select(func.coalesce(docs.c.source, "(unknown)"), func.count())
            .where(current)
            .group_by(docs.c.source)
            .order_by(func.count().desc())
        ).all()
        first, last = conn.execute(select(func.min(docs.c.published), func.max(docs.c.published)).where(current)).one()

        def count(table: Any) -> int:
            return int(
                conn.execute(
                    select(func.count()).select_from(table.join(docs, docs.c.id == table.c.doc_id)).where(current)
                ).scalar_one()
            )

        return Summary(
            documents=n,
            versions=versions,
            words=int(words),
            sources={s: c for s, c in srcs},
            first=first,
            last=last,
            entities=count(schema.entities),
            claims=count(schema.claims),
            events=count(schema.events),
            relations=count(schema.relations),
        )


def list_documents(
    engine: Engine, *, limit: int = 50, offset: int = 0, source: str | None = None, all_versions: bool = False
) -> list[dict[str, Any]]:
    cols = [docs.c.id, docs.c.published, docs.c.source, docs.c.title, docs.c.words, docs.c.version, docs.c.origin]
    q = select(*cols).order_by(docs.c.published.desc(), docs.c.seq).limit(limit).offset(offset)
    if not all_versions:
        q = q.where(docs.c.current.is_(True))
    if source:
        q = q.where(func.lower(docs.c.source) == source.lower())
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def resolve_id(engine: Engine, key: str) -> str:
    """A document id from an id or a unique prefix of one."""
    with engine.connect() as conn:
        exact = conn.execute(select(docs.c.id).where(docs.c.id == key)).first()
        if exact:
            return str(exact[0])
        rows = conn.execute(select(docs.c.id).where(docs.c.id.like(_like_prefix(key), escape="\\")).limit(3)).all()
    if len(rows) == 1:
        return str(rows[0][0])
    if len(rows) > 1:
        raise BadRequest(f"{key!r} is the start of several document ids: give more of it")
    raise NotFound("document", key)


def _like_prefix(key: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", key) + "%"


def document_row(engine: Engine, doc_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(docs).where(docs.c.id == doc_id)).first()
    if row is None:
        raise NotFound("document", doc_id)
    return dict(row._mapping)


def load_extraction(engine: Engine, doc_id: str) -> Extraction:
    """The stored extraction of one document, in the contract's records."""
    row = document_row(engine, doc_id)
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


def search(engine: Engine, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching a full-text query (FTS5 syntax on SQLite), best first, with a snippet."""
    if not query.strip():
        raise BadRequest("empty search query")
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            sql = text(
                "SELECT d.id, d.published, d.source, d.title, "
                "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
                "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                "WHERE documents_fts MATCH :q AND d.\"current\" ORDER BY rank LIMIT :limit"
            )
            try:
                rows = conn.execute(sql, {"q": query, "limit": limit}).all()
            except Exception:  # FTS5 syntax error: search the words as plain terms
                quoted = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
                rows = conn.execute(sql, {"q": quoted, "limit": limit}).all()
        else:
            sql = text(
                "SELECT id, published, source, title, "
                "ts_headline('simple', text, websearch_to_tsquery('simple', :q)) AS snippet "
                "FROM documents WHERE \"current\" AND to_tsvector('simple', coalesce(title, '') || ' ' || text) "
                "@@ websearch_to_tsquery('simple', :q) LIMIT :limit"
            )
            rows = conn.execute(sql, {"q": query, "limit": limit}).all()
    return [dict(r._mapping) for r in rows]


def _name_match(column: Any, name: str) -> ColumnElement[bool]:
    return func.lower(column).like("%" + name.lower().replace("%", r"\%").replace("_", r"\_") + "%", escape="\\")


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
    q = (
        select(c, docs.c.published, docs.c.title, e.c.name.label("speaker_name"))
        .join(docs, docs.c.id == c.c.doc_id)
        .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
        .where(docs.c.current.is_(True))
    )
    if speaker:
        q = q.where(
            or_(
                _name_match(c.c.speaker_text, speaker),
                _name_match(e.c.name, speaker),
                _name_match(cast(e.c.aliases, Text), speaker),
            )
        )
    if about:
        q = q.where(_name_match(c.c.text, about))
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
        return [dict(r._mapping) for r in conn.execute(q)]


def hidden_claims(
    engine: Engine, *, min_confidence: float, speaker: str | None = None, about: str | None = None
) -> int:
    """The claims :func:`claims` leaves out for being under ``min_confidence``."""
    return _count_below(engine, _claims_query(speaker, about), schema.claims.c.confidence, min_confidence)


def _events_query(type: str | None, actor: str | None, since: str | None, where: str | None) -> Any:
    v, a = schema.events, schema.event_args
    q = (
        select(v, docs.c.published, docs.c.source.label("reported_by"), docs.c.text.label("doc_text"))
        .join(docs, docs.c.id == v.c.doc_id)
        .where(docs.c.current.is_(True))
    )
    if type:
        q = q.where(func.upper(v.c.type) == type.upper())
    if since:
        q = q.where(v.c.date_value >= since)
    for name, roles in ((actor, ("source", "target", "participant")), (where, ("location",))):
        if name:
            q = q.where(
                exists().where(
                    a.c.doc_id == v.c.doc_id, a.c.event_id == v.c.id, a.c.role.in_(roles), _name_match(a.c.text, name)
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
        return [_with_sentence(dict(r._mapping)) for r in conn.execute(q)]


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
        select(r, docs.c.published, docs.c.source.label("reported_by"), docs.c.text.label("doc_text"))
        .join(docs, docs.c.id == r.c.doc_id)
        .where(docs.c.current.is_(True))
    )
    if actor:
        q = q.where(or_(_name_match(r.c.subject_text, actor), _name_match(r.c.object_text, actor)))
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
        return [_with_sentence(dict(row._mapping), "evidence") for row in conn.execute(q)]


def hidden_relations(
    engine: Engine, *, min_confidence: float, actor: str | None = None, type: str | None = None
) -> int:
    """The relations :func:`relations` leaves out for being under ``min_confidence``."""
    return _count_below(engine, _relations_query(actor, type), schema.relations.c.confidence, min_confidence)


def _with_sentence(row: dict[str, Any], key: str = "sentence") -> dict[str, Any]:
    span = row.get(key) or {}
    doc_text = row.pop("doc_text", "")
    row["sentence_text"] = doc_text[span.get("start", 0) : span.get("end", 0)]
    return row


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
