"""Open a store (SQLite file or database URL), migrate it, and write extractions.

Each call to :meth:`Store.save_many` is one transaction, so a process killed at any moment leaves
a consistent database and a re-run stores what is missing (documents already there are
recognised by their content hash). Inside it each document is stored whole or not at all (a
savepoint each): a document the database refuses (a NUL character, a number out of range, a
value it cannot take) is reported for that document, and the rest of the batch is stored.

Ids and keys longer than their columns are shortened predictably (:func:`fitted`): the first
characters, ``~`` and 16 hex digits of the SHA-256 of the whole value, so the same long id is
always stored as the same short one and two long ids that share their beginning stay apart.

Opening without ``create`` (every command that only reads) never creates, migrates or switches
the journal mode of anything: the store must exist at the current schema, and a file that is not
a newsgraph store is refused untouched (it is looked at through a read-only connection first).
"""

from __future__ import annotations

import hashlib
import os
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, IntegrityError, SQLAlchemyError, StatementError

from newsgraph.errors import InputError, StoreError, StoreVersionError, one_line
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


def _sqlite_reading_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """The pragmas of a store opened without ``create``: settings of this connection only,
    nothing written to the file (a newsgraph store is in WAL mode already)."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, or None (another database, an in-memory SQLite, a URI filename)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.database.startswith("file:") or parsed.query:
        return None
    return Path(parsed.database)


def _not_ours(tables: set[str], dialect: str) -> set[str]:
    """The tables that make a database without ``schema_version`` someone else's: in a SQLite
    file any table at all (the file is the store), on a server the tables named like ours (a
    database there may hold other schemas' tables beside a newsgraph store)."""
    if dialect == "sqlite":
        return tables
    ours = {*schema.metadata.tables, schema_version.name}
    return tables & ours


@dataclass(frozen=True)
class _Found:
    """What a look at a database found: its schema version (None: no ``schema_version`` table)
    and its tables."""

    version: int | None
    tables: frozenset[str]


def _look(conn: Connection) -> _Found:
    """The schema version and tables of the database on ``conn`` (reads only)."""
    look = inspect(conn)
    tables = frozenset(look.get_table_names())
    if schema_version.name not in tables:
        return _Found(None, tables)
    if {c["name"] for c in look.get_columns(schema_version.name)} != set(schema_version.c.keys()):
        return _Found(None, tables)  # another program's table of that name
    found = conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one()
    return _Found(int(found), tables)


def _look_at_file(path: Path) -> _Found:
    """:func:`_look` at an existing SQLite file through a read-only connection. A file with no
    ``-wal`` beside it is opened as immutable: without locks and without the ``-wal`` and ``-shm``
    files that even a read-only connection to a file in WAL mode leaves, so nothing about a file
    that is not ours can change. A file with a ``-wal`` is in use (a store another process is
    writing, perhaps created a moment ago): it is read through the WAL, which it has already."""
    engine = create_engine(read_only_url(path), connect_args={"timeout": 30})
    try:
        with engine.connect() as conn:
            return _look(conn)
    except DBAPIError as exc:  # not a database, unreadable
        raise StoreError(f"cannot open the store {path}: {_first_line(exc.orig)}") from exc
    finally:
        engine.dispose()


def read_only_url(path: Path) -> URL:
    """A URL that opens the SQLite file ``path`` read-only: immutable (no locks, no ``-wal`` or
    ``-shm`` file made beside it) when it has no ``-wal``; through its WAL when it has one (a store
    being written: its ``-shm`` is there too)."""
    query = (
        {"mode": "ro", "uri": "true"}
        if Path(f"{path}-wal").exists()
        else {"mode": "ro", "immutable": "1", "uri": "true"}
    )
    return URL.create("sqlite", database=path.resolve().as_uri(), query=query)


def writable(path: Path) -> bool:
    """Whether this process may write the SQLite file ``path`` and make files beside it (the
    ``-shm`` and ``-wal`` that even reading a store in WAL mode needs): false in a read-only
    folder or file system, or for a file the user may only read."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_file(path: Path, target: str, *, create: bool) -> None:
    """Refuse an existing SQLite file that is not a newsgraph store (or, without ``create``,
    that holds no store yet) before any connection that could change it is made. A file with
    ``schema_version`` is ours: its version is checked on the store's own connection."""
    found = _look_at_file(path)
    if found.version is None:
        _check(found, target, "sqlite", create=create)


def _check(found: _Found, target: str, dialect: str, *, create: bool) -> None:
    """Refuse a database that is not a newsgraph store, or (without ``create``) one that would
    have to be created or migrated first; a newer schema is refused in any case."""
    where = shown(target)
    known = MIGRATIONS[-1].version
    if found.version is None:
        foreign = _not_ours(set(found.tables), dialect)
        if foreign:
            names = ", ".join(sorted(foreign)[:5]) + (", ..." if len(foreign) > 5 else "")
            raise StoreError(
                f"{where} is not a newsgraph store (it holds other tables: {names}) and was left "
                "unchanged: give --db a new file or a newsgraph store"
            )
        if not create:
            raise StoreError(f"no newsgraph store in {where}: run `newsgraph ingest PATH --db {where}` first")
        return
    if found.version > known:
        raise StoreVersionError(found.version, known)
    if found.version < known and not create:
        raise StoreError(
            f"the store {where} has schema version {found.version}, older than this newsgraph's ({known}), and "
            f"commands that read do not upgrade it: run `newsgraph ingest PATH --db {where}` once to upgrade it"
        )


def _first_line(exc: BaseException | None) -> str:
    """The first line of an error from the database, short: never the statement or its values."""
    line = one_line(str(exc)) or type(exc).__name__
    return line if len(line) <= 200 else line[:199] + "…"


_UNUSABLE = (
    "malformed",
    "not a database",
    "file is encrypted",
    "readonly",
    "disk i/o error",
    "database or disk is full",
    "vtable constructor failed",
)
"""Words of a driver's reason when the store as a whole cannot be used (not one statement's fault)."""


def _store_failure(where: str) -> Any:
    """An engine ``handle_error`` listener: a store that cannot be used (damaged, read-only, full)
    raises :class:`StoreError` naming it, in place of the driver's error and its statement."""

    def translate(context: Any) -> None:
        if any(w in str(context.original_exception).lower() for w in _UNUSABLE):
            raise StoreError.from_driver(context.original_exception, where)

    return translate


def _contended(engine: Engine, exc: DBAPIError) -> bool:
    """Whether ``exc`` is SQLite saying that another connection holds the lock (worth a retry)."""
    message = str(exc.orig).lower()
    return engine.dialect.name == "sqlite" and ("locked" in message or "busy" in message)


def _begin_now(conn: Connection) -> None:
    """On SQLite, begin the transaction (and take the write lock) now: the driver would begin it
    only before the first write, and a SAVEPOINT before that would begin one of its own."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if raw is not None and not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


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
    else:
        _begin_now(conn)


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
    def open(cls, target: str | Path = DEFAULT_DB, *, create: bool = True, read_only: bool | None = None) -> Store:
        """Open the store at ``target``.

        With ``create`` (the commands that store), a missing store is created and an older one
        migrated. Without (the commands that read), the store must exist at the current schema:
        nothing is created, migrated or switched to WAL, and a database that is not a newsgraph
        store is refused, untouched. A SQLite file that holds other tables is refused either way.

        A SQLite store opened without ``create`` is opened read-only (:func:`read_only_url`) when
        ``read_only``, or, by default, when its file or folder cannot be written (:func:`writable`):
        a store on a read-only disk or in someone else's folder can still be read.
        """
        url: str | URL = engine_url(target)
        path = _sqlite_file(str(url))
        if path is not None:
            if path.is_dir():
                raise StoreError(f"cannot open the store {path}: it is a folder; give --db a file")
            if not path.exists():
                if not create:
                    raise StoreError(f"no store at {path}: run `newsgraph ingest PATH --db {path}` first")
            elif path.stat().st_size or not create:  # an empty file becomes a store only with create
                _check_file(path, str(target), create=create)
            if not create and (read_only if read_only is not None else not writable(path)):
                url = read_only_url(path)
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open the store {shown(target)}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas if create else _sqlite_reading_pragmas)
        deadline = time.monotonic() + OPEN_PATIENCE_S
        pause = 0.05
        while True:
            try:
                with engine.begin() as conn:
                    found = _look(conn)
                    _check(found, str(target), engine.dialect.name, create=create)
                    if found.version != MIGRATIONS[-1].version:
                        serialize(conn, "newsgraph-migrate")
                        migrate(conn)  # checks again, under the lock
                # from here on (the store is open), a store that turns out unusable is one line
                event.listen(engine, "handle_error", _store_failure(shown(target)))
                return cls(engine)
            except StoreError:
                engine.dispose()
                raise
            except DBAPIError as exc:  # not a database, locked, read-only, unreachable server
                if _contended(engine, exc) and time.monotonic() < deadline:
                    # Two processes creating one new SQLite file can deadlock on the switch to
                    # WAL; SQLite then answers "locked" at once, without waiting: try again.
                    time.sleep(pause)
                    pause = min(pause * 2, 1.0)
                    continue
                engine.dispose()
                raise StoreError(f"cannot open the store {shown(target)}: {_first_line(exc.orig)}") from exc

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
        """Store one extraction; a document the database refuses raises :class:`InputError`."""
        return self.save_many([extraction])[0]

    def save_many(
        self,
        extractions: Iterable[Extraction],
        retries: int = 3,
        *,
        on_refused: Callable[[InputError], None] | None = None,
    ) -> list[Saved]:
        """Store a batch of extractions in one transaction; what happened to each document that
        was not refused, in order.

        A document the database refuses is left out whole and handed to ``on_refused`` as an
        :class:`InputError` naming it and why; without ``on_refused``, the first one is raised
        once the rest of the batch is stored. :meth:`save_each` gives the outcomes in place.
        """
        done = self.save_each(extractions, retries)
        refused = [r for r in done if isinstance(r, InputError)]
        if refused and on_refused is None:
            raise refused[0]
        for err in refused:
            assert on_refused is not None
            on_refused(err)
        return [r for r in done if isinstance(r, Saved)]

    def save_each(self, extractions: Iterable[Extraction], retries: int = 3) -> list[Saved | InputError]:
        """Store a batch of extractions in one transaction, each document in a savepoint of its
        own: the outcome of each, in order, a :class:`Saved` or the :class:`InputError` of a
        document that the database refused (nothing of it is stored).

        When another process stores one of the same documents at the same time, that document
        hits a unique key, is rolled back to its savepoint and tried again: the other process's
        copy is then recognised as unchanged, so nothing is stored twice or lost. An error of the
        store itself (locked, read-only, full, unreachable) rolls the whole batch back.
        """
        batch = list(extractions)
        try:
            with self.engine.begin() as conn:
                _begin_now(conn)
                return [_save_one(conn, x, retries) for x in batch]
        except SQLAlchemyError as exc:
            reason = _first_line(exc.orig) if isinstance(exc, DBAPIError) else _first_line(exc)
            raise StoreError(f"could not write to the store: {reason}") from exc


def _save_one(conn: Connection, x: Extraction, retries: int) -> Saved | InputError:
    """Store one extraction in a savepoint: its :class:`Saved`, or why it was refused."""
    d = x.document
    name = d.origin or d.id
    bad = _unstorable(d)
    if bad:
        return InputError(name, bad)
    for attempt in range(retries + 1):
        try:
            with conn.begin_nested():
                return _save(conn, x)
        except IntegrityError as exc:  # a race with another process, or records that clash
            if attempt == retries:
                return InputError(name, f"the store refused it: {_first_line(exc.orig)}")
        except DataError as exc:  # a value the database cannot take
            return InputError(name, f"the store refused it: {_first_line(exc.orig)}")
        except (ValueError, OverflowError) as exc:  # refused by the driver before it was sent
            return InputError(name, f"the store refused it: {_first_line(exc)}")
        except StatementError as exc:
            if isinstance(exc, DBAPIError):
                raise  # the store itself failed: the whole batch rolls back
            return InputError(name, f"the store refused it: {_first_line(exc.orig)}")
    raise AssertionError("unreachable")


def _unstorable(d: Any) -> str | None:
    """Why the document's own fields cannot be stored alike on every database, or None: no
    database takes a lone surrogate, and PostgreSQL takes no NUL character in text."""
    for field in ("id", "key", "title", "url", "source", "published", "slug", "origin", "text"):
        value = getattr(d, field)
        if not value:
            continue
        if "\x00" in value:
            return f"its {field} holds a NUL character (at offset {value.index(chr(0))}), which a store cannot keep"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"its {field} holds a lone surrogate (at offset {exc.start}), which is not text a store can keep"
    return None


def fitted(value: str, limit: int) -> str:
    """``value`` if it has at most ``limit`` characters, else its first characters, ``~`` and 16
    hex digits of the SHA-256 of the whole value, ``limit`` characters in all: the same long
    value always gives the same short one, and two long values that share a beginning differ."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{value[: limit - 17]}~{digest}"


def _save(conn: Connection, x: Extraction) -> Saved:
    d = x.document
    digest = d.content_hash
    docs = schema.documents
    same = conn.execute(select(docs.c.id).where(docs.c.content_hash == digest)).first()
    if same:
        return Saved(id=same[0], status="unchanged")
    key = fitted(d.key or d.id, _limit(docs.c.key))
    previous = conn.execute(
        select(docs.c.id, docs.c.version).where(docs.c.key == key, docs.c.current.is_(True))
    ).first()
    id_limit = _limit(docs.c.id)
    doc_id, version, status = fitted(d.id, id_limit), 1, "new"
    if previous is not None:
        version = previous.version + 1
        status = "version"
        conn.execute(update(docs).where(docs.c.id == previous.id).values(current=False))
        if doc_id == previous.id or _id_taken(conn, doc_id):
            doc_id = fitted(f"{d.id}@v{version}", id_limit)
    elif _id_taken(conn, doc_id):
        # Another input gave the same id to a different text: keep both, apart.
        doc_id = fitted(f"{d.id}@{digest[:8]}", id_limit)
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
            source=fitted(d.source, _limit(docs.c.source)) if d.source else d.source,
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


def _limit(column: Any) -> int:
    """The length of a ``String(n)`` column."""
    length = column.type.length
    assert isinstance(length, int)
    return length


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
