"""The watcher's state (``newsgraph watch``): its tables and every query on them.

- ``watch_sources``: one row per source of a ``watch.yaml`` (by its name): what it points at,
  the validators of its last fetch (``ETag``, ``Last-Modified``) for the next conditional GET,
  when it was polled, when it is due, its last error and how many polls in a row failed.
- ``watch_seen``: every item the watcher has handled, by its URL (a hash of it, for the index)
  and the hash of its text (:func:`newsgraph.records.content_hash`): the document it was stored
  as, or the one it duplicates (``status`` ``stored``, ``duplicate`` or ``near-duplicate``), or
  why it was refused (``failed``). Its MinHash ``signature`` finds copies of a story that other
  outlets syndicate.
- ``watch_bands``: the signature's locality-sensitive bands (one row per band), indexed, so a
  near-duplicate is found by a lookup, not by comparing with everything seen.

An item is written here after its document is stored (the store already recognises a document
it holds by its content hash, so a watcher killed in between finds the document stored on its
next poll and only marks it seen): a restart neither loses nor repeats an item.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy import update as sql_update

from newsgraph.store.rows import chunks
from newsgraph.store.schema import documents, metadata

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("kind", String(20), nullable=False, comment="feed, page, sitemap, folder or pdf"),
    Column("target", Text, nullable=False, comment="the URL or folder watched"),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", String(32)),
    Column("next_due", String(32), comment="ISO time (UTC) of the next poll"),
    Column("last_ok", String(32)),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0, comment="polls in a row that failed"),
    Column("moved_to", Text, comment="where the target moved for good (permanent redirects): polled instead"),
)

watch_seen = Table(
    "watch_seen",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),
    Column("url", Text, comment="the item's URL (a file:// URL with its mtime for a folder's file)"),
    Column("url_hash", String(64), comment="SHA-256 of url, indexed"),
    Column("text_hash", String(64), comment="content_hash of the item's text"),
    Column("doc_id", String(200), comment="the document stored, or the one this item duplicates"),
    Column("status", String(20), nullable=False, comment="stored, duplicate, near-duplicate or failed"),
    Column("reason", Text, comment="why it failed"),
    Column("signature", JSON(none_as_null=True), comment="MinHash of its word shingles"),
    Column("seen_at", String(32), nullable=False),
    Index("ix_watch_seen_url", "url_hash"),
    Index("ix_watch_seen_text", "text_hash"),
)

watch_bands = Table(
    "watch_bands",
    metadata,
    Column("band", String(40), primary_key=True, comment="band number and hash of its rows"),
    Column("seen", Integer, ForeignKey("watch_seen.seq", ondelete="CASCADE"), primary_key=True),
)

TABLES = (watch_sources, watch_seen, watch_bands)


def create_tables(conn: Connection) -> None:
    """Create the watcher's tables (a migration step, ``newsgraph.store.migrations``)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)


def add_moved_to(conn: Connection) -> None:
    """``moved_to`` on ``watch_sources`` (migration 9; stores created since have it already)."""
    have = {c["name"] for c in inspect(conn).get_columns(watch_sources.name)}
    if "moved_to" not in have:
        conn.execute(
            text(f"ALTER TABLE {watch_sources.name} ADD COLUMN moved_to {Text().compile(dialect=conn.dialect)}")
        )


@dataclass(frozen=True)
class SourceState:
    """What the store remembers of one watched source."""

    name: str
    kind: str
    target: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    next_due: str | None = None
    """ISO time (UTC); None: due now."""
    last_ok: str | None = None
    last_error: str | None = None
    failures: int = 0
    moved_to: str | None = None
    """The URL the target answered it moved to for good (301, 308): polled instead of it."""


@dataclass(frozen=True)
class SeenItem:
    """One item the watcher handled."""

    source: str
    url: str | None
    text_hash: str | None
    doc_id: str | None
    status: str
    """``stored``, ``duplicate``, ``near-duplicate`` or ``failed``."""
    seen_at: str
    reason: str | None = None
    signature: tuple[int, ...] | None = None
    bands: tuple[str, ...] = ()


@dataclass(frozen=True)
class NearCandidate:
    """An item seen before that shares a band with a new one."""

    doc_id: str | None
    signature: tuple[int, ...]
    key: str | None = None
    """The stored document's key (identity across versions)."""


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def source_states(engine: Engine) -> dict[str, SourceState]:
    with engine.connect() as conn:
        rows = conn.execute(select(watch_sources)).mappings().all()
    return {r["name"]: SourceState(**dict(r)) for r in rows}


def source_state(engine: Engine, name: str) -> SourceState | None:
    with engine.connect() as conn:
        row = conn.execute(select(watch_sources).where(watch_sources.c.name == name)).mappings().first()
    return SourceState(**dict(row)) if row else None


def register_sources(engine: Engine, sources: Iterable[tuple[str, str, str]]) -> None:
    """Add each ``(name, kind, target)`` not stored yet; a source whose kind or target changed
    starts afresh (no validators, due now)."""
    wanted = list(sources)
    with engine.begin() as conn:
        have = {
            r.name: (r.kind, r.target)
            for r in conn.execute(select(watch_sources.c.name, watch_sources.c.kind, watch_sources.c.target))
        }
        for name, kind, target in wanted:
            if name not in have:
                conn.execute(insert(watch_sources).values(name=name, kind=kind, target=target, failures=0))
            elif have[name] != (kind, target):
                conn.execute(
                    sql_update(watch_sources)
                    .where(watch_sources.c.name == name)
                    .values(
                        kind=kind,
                        target=target,
                        etag=None,
                        last_modified=None,
                        next_due=None,
                        failures=0,
                        moved_to=None,
                    )
                )


def record_poll(
    conn: Connection,
    name: str,
    *,
    polled_at: str,
    next_due: str,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = True,
    moved_to: str | None = None,
) -> None:
    """Write how a poll of ``name`` went: a success stores the new validators (unless
    ``keep_validators`` is False: they are cleared, so the next poll reads the whole source again)
    and clears the error; a failure keeps the validators and counts the failure. ``moved_to``
    records where the source has moved for good (it is polled there from then on)."""
    values: dict[str, Any] = {"last_polled": polled_at, "next_due": next_due}
    if moved_to:
        values["moved_to"] = moved_to
    if error is None:
        values.update(last_ok=polled_at, last_error=None, failures=0)
        if keep_validators:
            values.update(etag=etag, last_modified=last_modified)
        else:
            values.update(etag=None, last_modified=None)
    else:
        values.update(last_error=error, failures=watch_sources.c.failures + 1)
    conn.execute(sql_update(watch_sources).where(watch_sources.c.name == name).values(**values))


def seen_urls(engine: Engine, urls: Sequence[str]) -> set[str]:
    """Those of ``urls`` that some item seen before had."""
    if not urls:
        return set()
    by_hash = {url_hash(u): u for u in urls}
    found: set[str] = set()
    with engine.connect() as conn:
        for part in chunks(list(by_hash)):
            for (h,) in conn.execute(select(watch_seen.c.url_hash).where(watch_seen.c.url_hash.in_(part))):
                found.add(by_hash[h])
    return found


def stored_documents(engine: Engine, hashes: Sequence[str]) -> dict[str, str]:
    """The id of the stored document of each of ``hashes`` the store holds (by content hash)."""
    out: dict[str, str] = {}
    if not hashes:
        return out
    with engine.connect() as conn:
        for part in chunks(list(dict.fromkeys(hashes))):
            q = select(documents.c.content_hash, documents.c.id).where(documents.c.content_hash.in_(part))
            out.update({h: i for h, i in conn.execute(q)})
    return out


def seen_hashes(engine: Engine, hashes: Sequence[str]) -> set[str]:
    """Those of ``hashes`` (text hashes) that the watcher has marked seen."""
    found: set[str] = set()
    if not hashes:
        return found
    with engine.connect() as conn:
        for part in chunks(list(dict.fromkeys(hashes))):
            q = select(watch_seen.c.text_hash).where(watch_seen.c.text_hash.in_(part))
            found.update(h for (h,) in conn.execute(q))
    return found


def near_candidates(engine: Engine, bands: Sequence[str], limit: int = 50) -> list[NearCandidate]:
    """Items seen before that share one of ``bands`` (at most ``limit``, the newest first)."""
    if not bands:
        return []
    q = (
        select(watch_seen.c.doc_id, watch_seen.c.signature, documents.c.key)
        .select_from(watch_seen.outerjoin(documents, documents.c.id == watch_seen.c.doc_id))
        .where(watch_seen.c.seq.in_(select(watch_bands.c.seen).where(watch_bands.c.band.in_(list(bands)))))
        .where(watch_seen.c.signature.is_not(None))
        .order_by(watch_seen.c.seq.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [NearCandidate(r.doc_id, tuple(r.signature), r.key) for r in conn.execute(q)]


def mark_seen(conn: Connection, items: Iterable[SeenItem]) -> int:
    """Record ``items``; one already recorded (same source, URL and text hash) is left as it
    is, so marking the same items again changes nothing. Returns how many were new."""
    n = 0
    for item in items:
        h = url_hash(item.url) if item.url else None
        q = select(watch_seen.c.seq).where(watch_seen.c.source == item.source)
        q = q.where(watch_seen.c.url_hash == h) if h else q.where(watch_seen.c.url_hash.is_(None))
        q = (
            q.where(watch_seen.c.text_hash == item.text_hash)
            if item.text_hash
            else q.where(watch_seen.c.text_hash.is_(None))
        )
        if conn.execute(q.limit(1)).first() is not None:
            continue
        result = conn.execute(
            insert(watch_seen).values(
                source=item.source,
                url=item.url,
                url_hash=h,
                text_hash=item.text_hash,
                doc_id=item.doc_id,
                status=item.status,
                reason=item.reason,
                signature=list(item.signature) if item.signature else None,
                seen_at=item.seen_at,
            )
        )
        seq = result.inserted_primary_key[0] if result.inserted_primary_key else None
        for band in dict.fromkeys(item.bands):
            conn.execute(insert(watch_bands).values(band=band, seen=seq))
        n += 1
    return n


def seen_items(engine: Engine, *, source: str | None = None) -> list[dict[str, Any]]:
    """Every item seen (of ``source``), oldest first, without signatures."""
    cols = [c for c in watch_seen.c if c.name != "signature"]
    q = select(*cols).order_by(watch_seen.c.seq)
    if source:
        q = q.where(watch_seen.c.source == source)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]
