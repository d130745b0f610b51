"""Alerts in the store: their tables and every query on them, with the reads of the facts of new
documents that alert rules are evaluated on (:mod:`newsgraph.alerts`).

- ``alerts``: one row per alert raised, keyed by ``key``: a digest of the rule and the identity of
  the fact (document and record, or actor and week), unique, so the same fact never alerts twice
  under the same rule, across runs and restarts.
- ``alert_deliveries``: one row per alert and delivery channel (terminal, a JSON Lines file, a
  webhook, e-mail): ``pending`` until the channel took it, then ``delivered``; attempts and the
  last error are kept. An alert recorded but not delivered when the process died is still
  pending on the next run, which delivers it.

Alerts are recorded with their deliveries in one transaction, so there is never an alert that
no channel will deliver. Rows leave as frozen records (:class:`Alert`) or typed tuples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    or_,
    select,
    update,
)

from newsgraph.store import schema
from newsgraph.store.actors import actor_links, actors
from newsgraph.store.extractions import at_least, page_at
from newsgraph.store.rows import chunks
from newsgraph.store.schema import metadata
from newsgraph.store.ties import actor_ties
from newsgraph.store.watchlist import watchlist_lists

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True, comment="sha256 of rule + fact identity"),
    Column("rule", String(200), nullable=False),
    Column("rule_kind", String(20), nullable=False),
    Column("fact_kind", String(20), nullable=False, comment="event, claim, tie, match or surge"),
    Column("fact_type", String(40), comment="event type, relation type, says, claim kind, list"),
    Column("doc_id", String(200), comment="the document that states the fact"),
    Column("record_id", String(20), comment="the event, claim or relation id in the document"),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String(200)),
    Column("published", String(10)),
    Column("sentence", Text),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("speaker", Text, comment="who says so, for claims and facts known through a claim"),
    Column("confidence", Float),
    Column("modality", String(12)),
    Column("actors", JSON, nullable=False, comment="[{id, name}] the watched actors involved"),
    Column("summary", Text, nullable=False),
    Column("detail", JSON, nullable=False),
    Column("created_at", String(32), nullable=False),
)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(100), nullable=False),
    Column("status", String(12), nullable=False, comment="pending or delivered"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("updated_at", String(32), nullable=False),
    Column("delivered_at", String(32)),
    PrimaryKeyConstraint("alert_id", "channel"),
    Index("ix_alert_deliveries_pending", "channel", "status"),
)

TABLES = (alerts, alert_deliveries)


def create_tables(conn: Connection) -> None:
    """Create the alert tables (migration 7)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)


def fact_key(*parts: object) -> str:
    """The stable key of a fact under a rule: sha256 of its parts joined."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()


# -- alerts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewAlert:
    """An alert to record: the fact, its evidence and the rule that fired."""

    key: str
    """:func:`fact_key` of the rule and the fact."""
    rule: str
    rule_kind: str
    fact_kind: str
    """event, claim, tie, match (a watchlist entry) or surge."""
    fact_type: str | None
    """The event type, the relation type (or ``says``), the claim's kind, the list."""
    summary: str
    """One line saying what happened: ``Hamas in a new CONSULT event``."""
    doc_id: str | None = None
    record_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    sentence: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    speaker: str | None = None
    confidence: float | None = None
    modality: str | None = None
    actors: tuple[tuple[int, str], ...] = ()
    """(actor id, name) of the watched actors involved."""
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Kind-specific fields: the tie's other end, the entry matched, the surge's counts."""


@dataclass(frozen=True)
class Alert:
    """A recorded alert, as the CLI, the API and every delivery show it."""

    id: int
    key: str
    rule: str
    rule_kind: str
    fact_kind: str
    fact_type: str | None
    summary: str
    doc_id: str | None
    record_id: str | None
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str | None
    sentence_start: int | None
    sentence_end: int | None
    speaker: str | None
    confidence: float | None
    modality: str | None
    actors: tuple[tuple[int, str], ...]
    detail: dict[str, Any]
    created_at: str
    deliveries: tuple[tuple[str, str], ...] = ()
    """(channel, status) of each delivery recorded for it."""
    page: int | None = None
    """The page of a paged document (a PDF) the sentence is on, read from the document's text."""

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape of an alert (API, CLI ``--json``, JSON Lines file, webhook)."""
        return {
            "id": self.id,
            "rule": self.rule,
            "rule_kind": self.rule_kind,
            "summary": self.summary,
            "fact": {
                "kind": self.fact_kind,
                "type": self.fact_type,
                "record": self.record_id,
                "modality": self.modality,
                "confidence": self.confidence,
                **self.detail,
            },
            "sentence_text": self.sentence,
            "start": self.sentence_start,
            "end": self.sentence_end,
            "document": self.doc_id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "speaker_name": self.speaker,
            "actors": [{"id": i, "name": n} for i, n in self.actors],
            "created_at": self.created_at,
            "deliveries": {c: s for c, s in self.deliveries},
            "page": self.page,
        }


def _alert(row: Any, deliveries: dict[int, list[tuple[str, str]]]) -> Alert:
    return Alert(
        id=row.id,
        key=row.key,
        rule=row.rule,
        rule_kind=row.rule_kind,
        fact_kind=row.fact_kind,
        fact_type=row.fact_type,
        summary=row.summary,
        doc_id=row.doc_id,
        record_id=row.record_id,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        sentence=row.sentence,
        sentence_start=row.sentence_start,
        sentence_end=row.sentence_end,
        speaker=row.speaker,
        confidence=row.confidence,
        modality=row.modality,
        actors=tuple((int(a[0]), str(a[1])) for a in (row.actors or [])),
        detail=dict(row.detail or {}),
        created_at=row.created_at,
        deliveries=tuple(sorted(deliveries.get(row.id, []))),
        page=row.page,
    )


def _deliveries_of(conn: Connection, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    d = alert_deliveries
    for part in chunks(list(ids)):
        q = select(d.c.alert_id, d.c.channel, d.c.status).where(d.c.alert_id.in_(part))
        for r in conn.execute(q):
            out.setdefault(r.alert_id, []).append((r.channel, r.status))
    return out


def _alert_rows() -> Any:
    """The alerts with the page of their sentence, counted in their document's text (no column
    to keep in step: a document that is gone leaves it None)."""
    docs = schema.documents
    page = page_at(docs.c.text, alerts.c.sentence_start).label("page")
    return select(alerts, page).select_from(alerts.outerjoin(docs, docs.c.id == alerts.c.doc_id))


def _alerts(conn: Connection, q: Any) -> list[Alert]:
    rows = list(conn.execute(q))
    deliveries = _deliveries_of(conn, [r.id for r in rows])
    return [_alert(r, deliveries) for r in rows]


def known_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` already recorded."""
    found: set[str] = set()
    for part in chunks(sorted(set(keys))):
        found.update(r[0] for r in conn.execute(select(alerts.c.key).where(alerts.c.key.in_(part))))
    return found


def record(conn: Connection, new: Sequence[NewAlert], channels: Sequence[str], now: str) -> list[int]:
    """Record the alerts of ``new`` whose key is not recorded yet, each with a pending delivery
    on every one of ``channels``; the ids of those recorded, in order. The caller holds the
    transaction (serialised: two runs at once must not both record one key)."""
    seen = known_keys(conn, [a.key for a in new])
    ids: list[int] = []
    for a in new:
        if a.key in seen:
            continue
        seen.add(a.key)
        result = conn.execute(
            insert(alerts).values(
                key=a.key,
                rule=a.rule,
                rule_kind=a.rule_kind,
                fact_kind=a.fact_kind,
                fact_type=a.fact_type,
                doc_id=a.doc_id,
                record_id=a.record_id,
                title=a.title,
                url=a.url,
                outlet=a.outlet,
                published=a.published,
                sentence=a.sentence,
                sentence_start=a.sentence_start,
                sentence_end=a.sentence_end,
                speaker=a.speaker,
                confidence=a.confidence,
                modality=a.modality,
                actors=[[i, n] for i, n in a.actors],
                summary=a.summary,
                detail=a.detail,
                created_at=now,
            )
        )
        key_row = result.inserted_primary_key
        assert key_row is not None
        alert_id = int(key_row[0])
        ids.append(alert_id)
        if channels:
            rows = [
                {"alert_id": alert_id, "channel": c, "status": "pending", "attempts": 0, "updated_at": now}
                for c in channels
            ]
            conn.execute(insert(alert_deliveries), rows)
    return ids


def pending(conn: Connection, channel: str, limit: int = 1000) -> list[Alert]:
    """The alerts not yet delivered on ``channel``, oldest first."""
    d = alert_deliveries
    q = (
        _alert_rows()
        .join(d, d.c.alert_id == alerts.c.id)
        .where(d.c.channel == channel, d.c.status == "pending")
        .order_by(alerts.c.id)
        .limit(limit)
    )
    return _alerts(conn, q)


def mark_delivered(conn: Connection, alert_ids: Sequence[int], channel: str, now: str) -> None:
    d = alert_deliveries
    for part in chunks(list(alert_ids)):
        conn.execute(
            update(d)
            .where(d.c.alert_id.in_(part), d.c.channel == channel)
            .values(status="delivered", attempts=d.c.attempts + 1, delivered_at=now, updated_at=now, last_error=None)
        )


def mark_failed(conn: Connection, alert_ids: Sequence[int], channel: str, error: str, now: str) -> None:
    """Count a failed attempt; the deliveries stay pending (the next run tries again)."""
    d = alert_deliveries
    for part in chunks(list(alert_ids)):
        conn.execute(
            update(d)
            .where(d.c.alert_id.in_(part), d.c.channel == channel, d.c.status == "pending")
            .values(attempts=d.c.attempts + 1, last_error=error[:1000], updated_at=now)
        )


def list_alerts(
    engine: Engine,
    *,
    limit: int = 50,
    offset: int = 0,
    rule: str | None = None,
    after_id: int | None = None,
) -> list[Alert]:
    """Alerts, the newest first (``after_id``: only those recorded after it, oldest first)."""
    q = _alert_rows()
    if rule:
        q = q.where(alerts.c.rule == rule)
    if after_id is not None:
        q = q.where(alerts.c.id > after_id).order_by(alerts.c.id)
    else:
        q = q.order_by(alerts.c.id.desc())
    with engine.connect() as conn:
        return _alerts(conn, q.limit(limit).offset(offset))


def count_alerts(engine: Engine, *, rule: str | None = None) -> int:
    q = select(func.count()).select_from(alerts)
    if rule:
        q = q.where(alerts.c.rule == rule)
    with engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


def last_alert_id(engine: Engine) -> int:
    """The id of the newest alert (0 when there is none)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(alerts.c.id), 0))).scalar_one())


def delivery_counts(engine: Engine) -> dict[tuple[str, str], int]:
    """(channel, status) -> deliveries."""
    d = alert_deliveries
    with engine.connect() as conn:
        q = select(d.c.channel, d.c.status, func.count()).group_by(d.c.channel, d.c.status)
        return {(r[0], r[1]): int(r[2]) for r in conn.execute(q)}


# -- the facts of new documents --------------------------------------------------------------------


class DocumentInfo(NamedTuple):
    id: str
    seq: int
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    text: str


def documents_info(conn: Connection, doc_ids: Sequence[str]) -> dict[str, DocumentInfo]:
    """The current documents among ``doc_ids``, with their text."""
    d = schema.documents
    out: dict[str, DocumentInfo] = {}
    for part in chunks(sorted(set(doc_ids))):
        q = select(d.c.id, d.c.seq, d.c.title, d.c.url, d.c.source, d.c.published, d.c.text).where(
            d.c.id.in_(part), d.c.current.is_(True)
        )
        out.update((r.id, DocumentInfo._make(r)) for r in conn.execute(q))
    return out


def document_ids_since(engine: Engine, since: str) -> list[str]:
    """The current documents ingested at or after ``since`` (an ISO date or time), in order."""
    d = schema.documents
    with engine.connect() as conn:
        q = select(d.c.id).where(d.c.current.is_(True), d.c.ingested_at >= since).order_by(d.c.seq)
        return [r[0] for r in conn.execute(q)]


def existing_document_ids(engine: Engine, doc_ids: Sequence[str]) -> list[str]:
    """Those of ``doc_ids`` that are stored documents, in store order."""
    d = schema.documents
    found: list[tuple[int, str]] = []
    with engine.connect() as conn:
        for part in chunks(sorted(set(doc_ids))):
            found.extend((r[0], r[1]) for r in conn.execute(select(d.c.seq, d.c.id).where(d.c.id.in_(part))))
    return [i for _, i in sorted(found)]


class EventActor(NamedTuple):
    """An event of a new document with one actor it involves (an argument resolved to it)."""

    doc_id: str
    event_id: str
    type: str
    modality: str
    confidence: float | None
    sentence: dict[str, Any] | None
    claim: str | None
    role: str
    actor_id: int
    actor_name: str


def event_actors(conn: Connection, doc_ids: Sequence[str]) -> list[EventActor]:
    """Each event of ``doc_ids`` with each actor among its arguments (not its location)."""
    v, a = schema.events, schema.event_args
    out: list[EventActor] = []
    for part in chunks(sorted(set(doc_ids))):
        q = (
            select(
                v.c.doc_id,
                v.c.id,
                v.c.type,
                v.c.modality,
                v.c.confidence,
                v.c.sentence,
                v.c.claim,
                a.c.role,
                actors.c.id,
                actors.c.name,
            )
            .join(a, and_(a.c.doc_id == v.c.doc_id, a.c.event_id == v.c.id))
            .join(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
            .join(actors, actors.c.id == actor_links.c.actor_id)
            .where(v.c.doc_id.in_(part), a.c.role != "location")
            .order_by(v.c.doc_id, v.c.id, a.c.seq)
        )
        out.extend(EventActor._make(r) for r in conn.execute(q))
    return out


class ClaimActor(NamedTuple):
    """A claim of a new document with one actor it involves: its speaker, or one it names."""

    doc_id: str
    claim_id: str
    kind: str
    modality: str
    confidence: float | None
    start: int
    end: int
    speaker: dict[str, Any] | None
    role: str
    """speaker or about."""
    entity_id: str
    actor_id: int
    actor_name: str


def claim_actors(conn: Connection, doc_ids: Sequence[str]) -> list[ClaimActor]:
    """Each claim of ``doc_ids`` with its speaker's actor (role ``speaker``) and each actor named
    inside what it says (role ``about``)."""
    c, m = schema.claims, schema.mentions
    out: list[ClaimActor] = []
    cols = (c.c.doc_id, c.c.id, c.c.kind, c.c.modality, c.c.confidence, c.c.start, c.c.end, c.c.speaker)
    for part in chunks(sorted(set(doc_ids))):
        spoken = (
            select(*cols, actor_links.c.entity_id, actors.c.id, actors.c.name)
            .join(actor_links, and_(actor_links.c.doc_id == c.c.doc_id, actor_links.c.entity_id == c.c.speaker_entity))
            .join(actors, actors.c.id == actor_links.c.actor_id)
            .where(c.c.doc_id.in_(part))
        )
        for r in conn.execute(spoken):
            out.append(ClaimActor(*r[:8], "speaker", r[8], r[9], r[10]))
        about = (
            select(*cols, m.c.entity, actors.c.id, actors.c.name)
            .join(m, and_(m.c.doc_id == c.c.doc_id, m.c.start >= c.c.start, m.c.end <= c.c.end))
            .join(actor_links, and_(actor_links.c.doc_id == m.c.doc_id, actor_links.c.entity_id == m.c.entity))
            .join(actors, actors.c.id == actor_links.c.actor_id)
            .where(c.c.doc_id.in_(part))
            .order_by(c.c.doc_id, c.c.id, m.c.start)
        )
        for r in conn.execute(about):
            out.append(ClaimActor(*r[:8], "about", r[8], r[9], r[10]))
    return out


class ClaimSource(NamedTuple):
    """Who makes a claim: as written, and the actor the speaker was resolved to."""

    speaker_text: str | None
    actor_id: int | None
    actor_name: str | None


def claim_sources(conn: Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], ClaimSource]:
    """(document, claim id) -> who makes it, for the claims ``keys``."""
    c = schema.claims
    wanted = set(keys)
    out: dict[tuple[str, str], ClaimSource] = {}
    for part in chunks(sorted({k[0] for k in wanted})):
        q = (
            select(c.c.doc_id, c.c.id, c.c.speaker_text, actors.c.id, actors.c.name)
            .outerjoin(
                actor_links, and_(actor_links.c.doc_id == c.c.doc_id, actor_links.c.entity_id == c.c.speaker_entity)
            )
            .outerjoin(actors, actors.c.id == actor_links.c.actor_id)
            .where(c.c.doc_id.in_(part))
        )
        for r in conn.execute(q):
            if (r[0], r[1]) in wanted:
                out[(r[0], r[1])] = ClaimSource(r[2], r[3], r[4])
    return out


class ClaimSpeakerSeen(NamedTuple):
    """A claim naming an actor, with its speaker and its document's order in the store."""

    seq: int
    doc_id: str
    claim_id: str
    speaker_text: str | None
    speaker_actor: int | None


def claims_about(conn: Connection, actor_id: int, *, before_seq: int) -> list[ClaimSpeakerSeen]:
    """The claims of current documents stored before ``before_seq`` that name ``actor_id`` in what
    they say, with their speakers."""
    c, m, d = schema.claims, schema.mentions, schema.documents
    la, ls = actor_links.alias("la"), actor_links.alias("ls")
    q = (
        select(d.c.seq, c.c.doc_id, c.c.id, c.c.speaker_text, ls.c.actor_id)
        .join(d, d.c.id == c.c.doc_id)
        .join(m, and_(m.c.doc_id == c.c.doc_id, m.c.start >= c.c.start, m.c.end <= c.c.end))
        .join(la, and_(la.c.doc_id == m.c.doc_id, la.c.entity_id == m.c.entity))
        .outerjoin(ls, and_(ls.c.doc_id == c.c.doc_id, ls.c.entity_id == c.c.speaker_entity))
        .where(la.c.actor_id == actor_id, d.c.seq < before_seq, d.c.current.is_(True))
        .distinct()
    )
    return [ClaimSpeakerSeen._make(r) for r in conn.execute(q)]


class TieRow(NamedTuple):
    """A tie of a new document between two actors, with its evidence span."""

    doc_id: str
    kind: str
    type: str
    record_id: str
    entity_a: str
    entity_b: str
    actor_a: int
    name_a: str
    actor_b: int
    name_b: str
    directed: bool
    label: str
    sentence_start: int
    sentence_end: int
    modality: str
    speaker: str | None
    confidence: float | None


def ties_of(conn: Connection, doc_ids: Sequence[str]) -> list[TieRow]:
    """The ties of ``doc_ids`` between two different actors, in document and record order."""
    t = actor_ties
    la, lb = actor_links.alias("la"), actor_links.alias("lb")
    aa, ab = actors.alias("aa"), actors.alias("ab")
    out: list[TieRow] = []
    for part in chunks(sorted(set(doc_ids))):
        q = (
            select(
                t.c.doc_id,
                t.c.kind,
                t.c.type,
                t.c.record_id,
                t.c.entity_a,
                t.c.entity_b,
                aa.c.id,
                aa.c.name,
                ab.c.id,
                ab.c.name,
                t.c.directed,
                t.c.label,
                t.c.sentence_start,
                t.c.sentence_end,
                t.c.modality,
                t.c.speaker,
                t.c.confidence,
            )
            .join(la, and_(la.c.doc_id == t.c.doc_id, la.c.entity_id == t.c.entity_a))
            .join(lb, and_(lb.c.doc_id == t.c.doc_id, lb.c.entity_id == t.c.entity_b))
            .join(aa, aa.c.id == la.c.actor_id)
            .join(ab, ab.c.id == lb.c.actor_id)
            .where(t.c.doc_id.in_(part), la.c.actor_id != lb.c.actor_id)
            .order_by(t.c.doc_id, t.c.seq)
        )
        out.extend(TieRow._make(r) for r in conn.execute(q))
    return out


def watchlist_state(conn: Connection) -> tuple[tuple[str, str], ...]:
    """(list, loaded at) of every loaded list: what a cached screening result depends on."""
    q = select(watchlist_lists.c.list, watchlist_lists.c.loaded_at).order_by(watchlist_lists.c.list)
    return tuple((r[0], r[1]) for r in conn.execute(q))


def first_tie_seqs(
    conn: Connection, actor_ids: Sequence[int], min_confidence: float, modalities: Sequence[str]
) -> dict[tuple[int, int, str], int]:
    """(actor, actor, tie type) -> the order in the store (documents.seq) of the first current
    document that ties them so (as stored: each direction apart), for every tie with an end
    among ``actor_ids``, at or above ``min_confidence``, of ``modalities`` (any when empty)."""
    t, d = actor_ties, schema.documents
    la, lb = actor_links.alias("la"), actor_links.alias("lb")
    base = (
        t.join(la, and_(la.c.doc_id == t.c.doc_id, la.c.entity_id == t.c.entity_a))
        .join(lb, and_(lb.c.doc_id == t.c.doc_id, lb.c.entity_id == t.c.entity_b))
        .join(d, d.c.id == t.c.doc_id)
    )
    where: list[Any] = [d.c.current.is_(True), la.c.actor_id != lb.c.actor_id]
    if (sure := at_least(t.c.confidence, min_confidence)) is not None:
        where.append(sure)
    if modalities:
        where.append(t.c.modality.in_(list(modalities)))
    out: dict[tuple[int, int, str], int] = {}
    for part in chunks(sorted(set(actor_ids))):
        for end in (la, lb):
            q = (
                select(la.c.actor_id, lb.c.actor_id, t.c.type, func.min(d.c.seq))
                .select_from(base)
                .where(*where, end.c.actor_id.in_(part))
                .group_by(la.c.actor_id, lb.c.actor_id, t.c.type)
            )
            for a, b, kind, seq in conn.execute(q):
                key = (int(a), int(b), str(kind))
                out[key] = min(int(seq), out.get(key, int(seq)))
    return out


class NamedEntity(NamedTuple):
    """An entity of a new document that could be on a watchlist, with its actor."""

    doc_id: str
    entity_id: str
    name: str
    kind: str
    confidence: float | None
    first_mention: int | None
    actor_id: int | None
    actor_name: str | None


def entities_of_documents(conn: Connection, doc_ids: Sequence[str], kinds: Sequence[str]) -> list[NamedEntity]:
    """The entities of ``kinds`` in ``doc_ids``, with the start of their first mention and their actor."""
    e, m = schema.entities, schema.mentions
    out: list[NamedEntity] = []
    for part in chunks(sorted(set(doc_ids))):
        first = (
            select(m.c.doc_id, m.c.entity, func.min(m.c.start).label("start"))
            .where(m.c.doc_id.in_(part), m.c.entity.is_not(None))
            .group_by(m.c.doc_id, m.c.entity)
            .subquery()
        )
        q = (
            select(e.c.doc_id, e.c.id, e.c.name, e.c.kind, e.c.confidence, first.c.start, actors.c.id, actors.c.name)
            .outerjoin(first, and_(first.c.doc_id == e.c.doc_id, first.c.entity == e.c.id))
            .outerjoin(actor_links, and_(actor_links.c.doc_id == e.c.doc_id, actor_links.c.entity_id == e.c.id))
            .outerjoin(actors, actors.c.id == actor_links.c.actor_id)
            .where(e.c.doc_id.in_(part), e.c.kind.in_(list(kinds)))
            .order_by(e.c.doc_id, e.c.id)
        )
        out.extend(NamedEntity._make(r) for r in conn.execute(q))
    return out


def event_days(conn: Connection, actor_id: int, types: Sequence[str], since: str, until: str) -> list[tuple[str, str]]:
    """(doc id + event id, day) of the distinct events of current documents involving ``actor_id``
    (of ``types``, any when empty) dated from ``since`` to ``until`` (YYYY-MM-DD, inclusive): the
    event's own day, else its document's publication date."""
    v, a, d = schema.events, schema.event_args, schema.documents
    when = func.coalesce(v.c.date_value, d.c.published)
    q = (
        select(v.c.doc_id, v.c.id, v.c.date_value, d.c.published)
        .join(a, and_(a.c.doc_id == v.c.doc_id, a.c.event_id == v.c.id))
        .join(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
        .join(d, d.c.id == v.c.doc_id)
        .where(
            actor_links.c.actor_id == actor_id,
            a.c.role != "location",
            d.c.current.is_(True),
            or_(when >= since, d.c.published >= since),
        )
        .distinct()
    )
    if types:
        q = q.where(v.c.type.in_([x.upper() for x in types]))
    out: list[tuple[str, str]] = []
    for r in conn.execute(q):
        value = r.date_value if r.date_value and len(r.date_value) == 10 else r.published
        if value and since <= value <= until:
            out.append((f"{r.doc_id}\x1f{r.id}", value))
    return out
