"""Open a store (SQLite file or database URL), migrate it, and write extractions.

Each call to :meth:`Store.save_many` is one transaction: a batch of documents is stored whole
or not at all, so a process killed at any moment leaves a consistent database and a re-run
stores what is missing (documents already there are recognised by their content hash).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from newsgraph.errors import StoreError
from newsgraph.records import Extraction, as_plain
from newsgraph.store import schema
from newsgraph.store.migrations import MIGRATIONS, migrate, schema_version

Tx = Connection
"""A connection inside a transaction: what :func:`begin` and :func:`connect` yield. Logic outside
the store holds one only to pass it back to store functions, so several steps share a transaction."""

DEFAULT_DB = "newsgraph.db"
OPEN_PATIENCE_S = 60.0
"""How long opening a SQLite store retries while other processes hold it locked."""


def engine_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a path (SQLite) or a URL (``postgresql://...``, ``sqlite:///...``)."""
    target = str(target)
    if "://" in target:
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target[len("postgresql://") :]
        return target
    return f"sqlite:///{Path(target).expanduser()}"


@contextmanager
def begin(engine: Engine) -> Iterator[Tx]:
    """A transaction: committed when the block ends, rolled back when it raises."""
    with engine.begin() as conn:
        yield conn


@contextmanager
def connect(engine: Engine) -> Iterator[Tx]:
    """A connection for reading (nothing is committed)."""
    with engine.connect() as conn:
        yield conn


def shown(target: str | Path) -> str:
    """The store as it may be printed: a database URL without its password."""
    target = str(target)
    if "://" not in target:
        return target
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(target).render_as_string(hide_password=True)
    except ArgumentError:
        return target.split("@", 1)[-1] if "@" in target else target


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # The wait first: switching a new file to WAL takes the write lock, and a second process
    # opening the same new store at that moment must wait for it, not fail with "locked".
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _contended(engine: Engine, exc: DBAPIError) -> bool:
    """Whether ``exc`` is SQLite saying that another connection holds the lock (worth a retry)."""
    message = str(exc.orig).lower()
    return engine.dialect.name == "sqlite" and ("locked" in message or "busy" in message)


def _migration_pending(conn: Connection) -> bool:
    """Whether the store's schema is not the current one (read only: an up-to-date store opens
    without taking a write lock, so a read-only SQLite file can still be queried)."""
    if not inspect(conn).has_table(schema_version.name):
        return True
    found = conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one()
    return bool(found != MIGRATIONS[-1].version)


def serialize(conn: Connection, name: str) -> None:
    """Make the transaction on ``conn`` the only one named ``name`` across every process using
    the store, until it ends; call it first thing in the transaction.

    For work that reads shared state and writes it back (migrations, actor resolution, stories):
    two ingests running at once would otherwise both create the same tables, or both update a
    story from the same old centroid. PostgreSQL takes an advisory lock; SQLite, where writers
    are one at a time anyway, takes the write lock now rather than at the first write, so that
    the transaction's reads are of what it writes over (waiting up to busy_timeout for it).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(name.encode())})
    elif conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if raw is not None and not raw.in_transaction:  # the driver begins one only before a write
            conn.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True)
class Saved:
    """What happened to one document on save."""

    id: str
    status: str
    """new, version (a changed text under a known key) or unchanged (already stored)."""


class Store:
    """A newsgraph store: the engine plus the write operations."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
        """Open (and create or migrate) the store at ``target``."""
        url = engine_url(target)
        if url.startswith("sqlite:///") and not create:
            path = Path(url[len("sqlite:///") :])
            if not path.exists():
                raise StoreError(f"no store at {path}: run `newsgraph ingest PATH --db {path}` first")
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open the store {shown(target)}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        deadline = time.monotonic() + OPEN_PATIENCE_S
        pause = 0.05
        while True:
            try:
                with engine.begin() as conn:
                    if _migration_pending(conn):
                        serialize(conn, "newsgraph-migrate")
                        migrate(conn)  # checks again, under the lock
                return cls(engine)
            except DBAPIError as exc:  # not a database, locked, read-only, unreachable server
                if _contended(engine, exc) and time.monotonic() < deadline:
                    # Two processes creating one new SQLite file can deadlock on the switch to
                    # WAL; SQLite then answers "locked" at once, without waiting: try again.
                    time.sleep(pause)
                    pause = min(pause * 2, 1.0)
                    continue
                engine.dispose()
                raise StoreError(f"cannot open the store {shown(target)}: {exc.orig}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Those of ``hashes`` already stored."""
        if not hashes:
            return set()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.documents.c.content_hash).where(schema.documents.c.content_hash.in_(hashes))
            )
            return {r[0] for r in rows}

    def save(self, extraction: Extraction) -> Saved:
        return self.save_many([extraction])[0]

    def save_many(self, extractions: Iterable[Extraction], retries: int = 3) -> list[Saved]:
        """Store a batch of extractions in one transaction.

        When another process stores one of the same documents at the same time, the batch
        hits a unique key, rolls back whole, and is tried again: the documents the other
        process stored are then recognised as unchanged, so nothing is stored twice or lost.
        """
        batch = list(extractions)
        for attempt in range(retries + 1):
            try:
                with self.engine.begin() as conn:
                    return [_save(conn, x) for x in batch]
            except IntegrityError as exc:
                if attempt == retries:
                    raise StoreError(f"could not write to the store: {exc.orig}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"could not write to the store: {exc}") from exc
        raise AssertionError("unreachable")


def _save(conn: Connection, x: Extraction) -> Saved:
    d = x.document
    digest = d.content_hash
    docs = schema.documents
    same = conn.execute(select(docs.c.id).where(docs.c.content_hash == digest)).first()
    if same:
        return Saved(id=same[0], status="unchanged")
    key = d.key or d.id
    previous = conn.execute(
        select(docs.c.id, docs.c.version).where(docs.c.key == key, docs.c.current.is_(True))
    ).first()
    doc_id, version, status = d.id, 1, "new"
    if previous is not None:
        version = previous.version + 1
        status = "version"
        conn.execute(update(docs).where(docs.c.id == previous.id).values(current=False))
        if doc_id == previous.id or _id_taken(conn, doc_id):
            doc_id = f"{d.id}@v{version}"
    elif _id_taken(conn, doc_id):
        # Another input gave the same id to a different text: keep both, apart.
        doc_id = f"{d.id}@{digest[:8]}"
    if doc_id != d.id:
        x = _with_document_id(x, doc_id)
    result = conn.execute(
        insert(docs).values(
            id=doc_id,
            key=key,
            content_hash=digest,
            version=version,
            previous_id=previous.id if previous is not None else None,
            current=True,
            title=d.title,
            url=d.url,
            source=d.source,
            published=d.published,
            dateline=as_plain(d.dateline),
            slug=d.slug,
            origin=d.origin,
            words=len(d.text.split()),
            text=d.text,
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    if conn.dialect.name == "sqlite":
        key_row = result.inserted_primary_key
        assert key_row is not None
        seq = key_row[0]
        conn.execute(
            text("INSERT INTO documents_fts(rowid, title, text) VALUES (:seq, :title, :text)"),
            {"seq": seq, "title": d.title or "", "text": d.text},
        )
    _insert_records(conn, doc_id, x)
    return Saved(id=doc_id, status=status)


def _id_taken(conn: Connection, doc_id: str) -> bool:
    return conn.execute(select(schema.documents.c.id).where(schema.documents.c.id == doc_id)).first() is not None


def _with_document_id(x: Extraction, doc_id: str) -> Extraction:
    from dataclasses import replace

    return replace(x, document=replace(x.document, id=doc_id))


def _insert_records(conn: Connection, doc_id: str, x: Extraction) -> None:
    def rows(table: Any, values: list[dict[str, Any]]) -> None:
        if values:
            conn.execute(insert(table), values)

    rows(schema.mentions, [{"doc_id": doc_id, **as_plain(m)} for m in x.mentions])
    rows(
        schema.entities,
        [
            {
                "doc_id": doc_id,
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "mentions": list(e.mentions),
                "lat": e.place.lat if e.place else None,
                "lon": e.place.lon if e.place else None,
                "country": e.place.country if e.place else None,
                "geonames_id": e.place.geonames_id if e.place else None,
                "feature": e.place.feature if e.place else None,
                "attributes": dict(e.attributes),
                "confidence": e.confidence,
            }
            for e in x.entities
        ],
    )
    rows(schema.dates, [{"doc_id": doc_id, "seq": k, **as_plain(dt)} for k, dt in enumerate(x.dates)])
    rows(
        schema.claims,
        [
            {
                "doc_id": doc_id,
                "id": c.id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "kind": c.kind,
                "speaker": as_plain(c.speaker),
                "speaker_text": c.speaker.text if c.speaker else None,
                "speaker_entity": c.speaker.entity if c.speaker else None,
                "cue": as_plain(c.cue),
                "modality": c.modality,
                "reported_by": c.reported_by,
                "confidence": c.confidence,
            }
            for c in x.claims
        ],
    )
    rows(
        schema.events,
        [
            {
                "doc_id": doc_id,
                **{k: v for k, v in as_plain(v).items()},
                "date_value": v.date.value if v.date else None,
            }
            for v in x.events
        ],
    )
    args = []
    for v in x.events:
        role_args = [("source", a) for a in v.source] + [("target", a) for a in v.target]
        role_args += [("participant", a) for a in v.participants]
        if v.location:
            role_args.append(("location", v.location))
        for k, (role, a) in enumerate(role_args):
            args.append(
                {"doc_id": doc_id, "event_id": v.id, "seq": k, "role": role, "text": a.text, "entity": a.entity}
            )
    rows(schema.event_args, args)
    rows(
        schema.relations,
        [
            {
                "doc_id": doc_id,
                **as_plain(r),
                "subject_text": r.subject.text,
                "object_text": r.object.text,
            }
            for r in x.relations
        ],
    )
