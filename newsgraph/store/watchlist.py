"""The watchlist in the store: its tables and every query on them.

- ``watchlist_entries``: one row per listed entry (all lists), aliases and dates as JSON.
- ``watchlist_lists``: one row per loaded list: when, from which files, with which warnings.
- ``watchlist_hits``: the results of ``newsgraph screen --actors``: a stored actor, the entry it
  matched, the score and the explanation.
- ``watchlist_index``: a cache of the built screening index, keyed by a fingerprint of the
  listed names and of the matching code (:mod:`newsgraph.watchlist.index_cache`). It holds
  nothing that cannot be rebuilt, so it is created when first needed rather than by a migration.
- ``watchlist_keys``, ``watchlist_keyed`` and ``watchlist_shared``: the screening index's
  blocking keys of every listed name, the lists keyed (and by which code), and the acronyms one
  list's entry gives the same organisation on another list, for screening one name without
  reading every entry (:func:`newsgraph.watchlist.screen.screen_stored`). Like the cache they are
  made from the entries, so they too are created when first needed: a store loaded before they
  existed gets them from its first screen.

Every query on them lives here, with the read of the stored entities that ``screen --actors``
screens. The logic (:mod:`newsgraph.watchlist.storage`, :mod:`~newsgraph.watchlist.actors`,
:mod:`~newsgraph.watchlist.index_cache`) passes an engine and gets records back: a
:class:`WatchlistEntry` (the one record every list loader produces, defined here so the store
is the bottom layer), a :class:`ListInfo`, tuples.
"""

from __future__ import annotations

import builtins
import hashlib
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, overload

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.errors import StoreError
from newsgraph.store import schema
from newsgraph.store.rows import from_row
from newsgraph.store.schema import metadata

Quality = Literal["good", "low"]
ENTRY_TYPES = ("person", "organization", "vessel", "aircraft", "unknown")


@dataclass(frozen=True)
class Alias:
    """Another name the list gives for an entry."""

    name: str
    quality: Quality = "good"
    """``good`` (a strong a.k.a.) or ``low`` (the list's weak / low-quality a.k.a.)."""
    kind: str = "aka"
    """``aka``, ``fka`` (formerly known as), ``nka`` (now known as) or ``original-script``."""


@dataclass(frozen=True)
class WatchlistEntry:
    """One designated person, organisation, vessel or aircraft, as one list gives it."""

    list: str
    """Short name of the list it came from (``un``, ``ofac``, or the name given at load time)."""
    entry_id: str
    """The entry's reference as the list gives it (UN ``QDe.118``, OFAC entity number ``7140``)."""
    name: str
    """Primary name, as written by the list."""
    type: str = "unknown"
    """One of :data:`ENTRY_TYPES`."""
    regime: str | None = None
    """Sanctions regime or programme (UN ``Al-Qaida``, OFAC ``FTO; SDGT``)."""
    aliases: tuple[Alias, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    """Countries of address (and of nationality where the list gives no separate address)."""
    listed_on: str | None = None
    """Designation date ``YYYY-MM-DD`` when the list gives one."""
    birth_dates: tuple[str, ...] = ()
    """Dates of birth as given (``1950-03-05``, ``1950``, ``1949-1951``)."""
    reason: str | None = None
    """Listing reason, narrative summary or remarks."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """List-specific fields kept for display (UN data id, OFAC title, vessel flag...)."""

    def names(self) -> builtins.list[tuple[str, Quality]]:
        """The primary name then every alias, each with its quality."""
        return [(self.name, "good"), *((a.name, a.quality) for a in self.aliases)]


class EntryStream(Sequence[WatchlistEntry]):
    """A loader's entries made again from their source on each pass, never all held at once.

    ``make`` gives a new iterator of the entries each time it is called; ``skip`` numbers (in
    that order) left out. Iterating it is the way to use it: an index or a slice makes the
    entries up to it (for tests and small lists).
    """

    def __init__(self, make: Callable[[], Iterator[WatchlistEntry]], skip: frozenset[int] = frozenset()) -> None:
        self._make = make
        self._skip = skip
        self._count: int | None = None

    def __iter__(self) -> Iterator[WatchlistEntry]:
        return (e for k, e in enumerate(self._make()) if k not in self._skip)

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _ in self)
        return self._count

    @overload
    def __getitem__(self, index: int) -> WatchlistEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[WatchlistEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> WatchlistEntry | tuple[WatchlistEntry, ...]:
        return tuple(self)[index]

    def without(self, skip: Iterable[int]) -> EntryStream:
        """The same stream without the entries numbered ``skip`` (counted among those it gives now)."""
        return EntryStream(self.__iter__, frozenset(skip))


@dataclass(frozen=True)
class LoadedList:
    """What a loader read from one source: the entries and the row-level problems it tolerated.

    ``entries`` is a tuple, or an :class:`EntryStream` for the loaders that read a file again
    rather than hold every entry (OFAC, OpenSanctions).
    """

    list: str
    entries: Sequence[WatchlistEntry]
    warnings: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


LIST_NAME_MAX = 40
"""Longest list name the store keeps (``watchlist_entries.list``)."""
ENTRY_ID_MAX = 200
"""Longest entry reference the store keeps (``watchlist_entries.entry_id``)."""


def _bad_text(value: str) -> str | None:
    if "\x00" in value:
        return "a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate (not valid Unicode)"
    return None


def unstorable(entry: WatchlistEntry) -> str | None:
    """Why the store cannot keep ``entry`` (every database we support), or None when it can.

    A reference over :data:`ENTRY_ID_MAX` characters, an empty one, or any text with a NUL or
    a lone surrogate (PostgreSQL refuses both, SQLite's UTF-8 encoding refuses the second).
    """
    if not entry.entry_id.strip():
        return "an empty reference"
    if len(entry.entry_id) > ENTRY_ID_MAX:
        return f"a reference of {len(entry.entry_id):,} characters (at most {ENTRY_ID_MAX})"
    texts = [entry.entry_id, entry.name, entry.regime or "", entry.reason or "", entry.listed_on or ""]
    texts += [a.name for a in entry.aliases] + [*entry.nationalities, *entry.countries, *entry.birth_dates]
    for text in texts:
        bad = _bad_text(text)
        if bad:
            return bad
    return None


watchlist_entries = Table(
    "watchlist_entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("list", String(40), nullable=False, index=True, comment="un, ofac, opensanctions or a given name"),
    Column("entry_id", String(200), nullable=False, comment="reference as the list gives it (QDe.118, 7140)"),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("regime", Text),
    Column("aliases", JSON, nullable=False, comment="[{name, quality: good|low, kind}]"),
    Column("nationalities", JSON, nullable=False),
    Column("countries", JSON, nullable=False),
    Column("listed_on", String(10)),
    Column("birth_dates", JSON, nullable=False),
    Column("reason", Text),
    Column("extra", JSON, nullable=False),
    Index("ix_watchlist_entries_ref", "list", "entry_id"),
)

watchlist_lists = Table(
    "watchlist_lists",
    metadata,
    Column("list", String(40), primary_key=True),
    Column("entries", Integer, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("loaded_at", String(32), nullable=False),
)

watchlist_hits = Table(
    "watchlist_hits",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("actor", Text, nullable=False, comment="the stored entity's name as screened"),
    Column("kind", String(20), comment="the stored entity's kind"),
    Column("documents", Integer, nullable=False, comment="how many current documents name this actor"),
    Column("list", String(40), nullable=False),
    Column("entry_id", String(200), nullable=False),
    Column("entry_name", Text, nullable=False),
    Column("matched_name", Text, nullable=False, comment="the listed name or alias that matched"),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("screened_at", String(32), nullable=False),
    Index("ix_watchlist_hits_actor", "actor"),
)

watchlist_index = Table(
    "watchlist_index",
    metadata,
    Column("key", String(64), primary_key=True, comment="sha256 of the listed names and the matching code"),
    Column("built_at", String(32), nullable=False),
    Column("variants", Integer, nullable=False, comment="names and aliases indexed"),
    Column("data", LargeBinary, nullable=False, comment="zlib-compressed JSON of Screener.state()"),
)

VARIANT_BITS = 20
"""A listed name's position in the keys is its entry's ``seq`` shifted left by this many bits plus
the name's number among the entry's names (:data:`MAX_NAMES` at most): one integer orders the
names as the in-memory index numbers them (load order, then the entry's own order)."""
MAX_NAMES = 1 << VARIANT_BITS
SHARED = 1 << 62
"""Positions of the shared acronyms (``watchlist_shared``) start here, after every listed name's,
as the in-memory index numbers them after the listed names."""

watchlist_keys = Table(
    "watchlist_keys",
    metadata,
    Column("key", Text, nullable=False, comment="blocking key of a listed name (s:tb, p:lash, a:l*t)"),
    Column("position", BigInteger, nullable=False, comment="entry seq << 20 | the name's number in its entry"),
    Column("list", String(40), nullable=False),
    PrimaryKeyConstraint("key", "position"),
    sqlite_with_rowid=False,  # the rows are the index: one B-tree ordered by key, then position
)

watchlist_keyed = Table(
    "watchlist_keyed",
    metadata,
    Column("list", String(40), primary_key=True),
    Column("names", Integer, nullable=False, comment="names and aliases keyed (with and without their brackets)"),
    Column("code", String(64), nullable=False, comment="fingerprint of the code that made the keys"),
    Column("keyed_at", String(32), nullable=False),
)

watchlist_shared = Table(
    "watchlist_shared",
    metadata,
    Column("key", Text, nullable=False),
    Column("share", Integer, nullable=False, comment="order the acronyms were shared in (position SHARED + share)"),
    Column("list", String(40), nullable=False, comment="the list of the entry given the acronym"),
    Column("entry", Integer, nullable=False, comment="seq of the entry given the acronym"),
    Column("source", BigInteger, nullable=False, comment="position of the acronym among its own entry's names"),
    Column("source_list", String(40), nullable=False),
    PrimaryKeyConstraint("key", "share"),
)

TABLES = (watchlist_entries, watchlist_lists, watchlist_hits)
CACHE_TABLES = (watchlist_index,)
KEY_TABLES = (watchlist_keys, watchlist_keyed, watchlist_shared)
"""Made from the entries like the cache, so created when first needed (by a load or a screen)."""


def ensure_tables(engine: Engine) -> None:
    """Create the watchlist tables, and the index cache, where they are missing (idempotent)."""
    metadata.create_all(engine, tables=[*TABLES, *CACHE_TABLES], checkfirst=True)


def create_tables(conn: Connection) -> None:
    """The store's migration step for the watchlist (``newsgraph.store.migrations``)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)


# --- entries and lists ---

ENTRY_BATCH = 2000
"""Entries inserted per statement when a list is loaded."""


@dataclass(frozen=True)
class ListInfo:
    """One loaded list, as ``newsgraph watchlist info`` shows it."""

    list: str
    entries: int
    by_type: dict[str, int]
    """Entries of each type (``person``, ``organization``...)."""
    sources: builtins.list[str]
    """The files it was read from."""
    warnings: builtins.list[str]
    """Row-level problems the loader tolerated."""
    loaded_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _entry_row(e: WatchlistEntry) -> dict[str, Any]:
    return {
        "list": e.list,
        "entry_id": e.entry_id,
        "name": e.name,
        "type": e.type,
        "regime": e.regime,
        "aliases": [asdict(a) for a in e.aliases],
        "nationalities": list(e.nationalities),
        "countries": list(e.countries),
        "listed_on": e.listed_on,
        "birth_dates": list(e.birth_dates),
        "reason": e.reason,
        "extra": e.extra,
    }


def _entry(row: Any) -> WatchlistEntry:
    return WatchlistEntry(
        list=row.list,
        entry_id=row.entry_id,
        name=row.name,
        type=row.type,
        regime=row.regime,
        aliases=tuple(Alias(a["name"], a["quality"], a.get("kind", "aka")) for a in row.aliases),
        nationalities=tuple(row.nationalities),
        countries=tuple(row.countries),
        listed_on=row.listed_on,
        birth_dates=tuple(row.birth_dates),
        reason=row.reason,
        extra=dict(row.extra or {}),
    )


@dataclass(frozen=True)
class Keying:
    """How the screen keys listed names (:func:`newsgraph.watchlist.screen.keying`): the store
    writes the keys it is given and knows nothing of names."""

    code: str
    """Fingerprint of the code that makes the keys: a list keyed by other code is keyed again."""
    keys: Callable[[WatchlistEntry], Sequence[Collection[str]]]
    """The keys of each name an entry is screened under, in the order the screen numbers them
    (a name without keys is an empty collection: it still counts among the names)."""
    share: Callable[[Connection], None]
    """Makes the shared acronyms again (:func:`replace_shares`) from the keys of every list, in
    the transaction that has just keyed one."""


def replace_entries(engine: Engine, loaded: LoadedList, loaded_at: str, keying: Keying | None = None) -> int:
    """Replace the stored entries and the list row of ``loaded.list``, and empty the index cache,
    in one transaction; return how many entries were stored.

    With ``keying``, the same transaction writes the list's screening keys as its entries go in
    (a batch at a time, never the whole list at once), keys again any other list keyed by other
    code or not at all, and makes the shared acronyms again; a load that fails leaves the old
    entries and keys as they were. Without it the list's keys are dropped, to be made by the
    next screen (:func:`key_stale_lists`).
    """
    stored = 0
    try:
        with engine.begin() as conn:
            conn.execute(delete(watchlist_entries).where(watchlist_entries.c.list == loaded.list))
            conn.execute(delete(watchlist_lists).where(watchlist_lists.c.list == loaded.list))
            conn.execute(delete(watchlist_index))
            metadata.create_all(conn, tables=list(KEY_TABLES), checkfirst=True)
            _forget_keys(conn, loaded.list)
            entries = iter(loaded.entries)
            names = last = 0
            e = watchlist_entries
            while batch := list(itertools.islice(entries, ENTRY_BATCH)):  # one batch at a time
                conn.execute(insert(e), [_entry_row(entry) for entry in batch])
                stored += len(batch)
                if keying is None:
                    continue
                # the rows just inserted, in the order inserted (the list's older rows are deleted)
                seqs = (
                    conn.execute(select(e.c.seq).where(e.c.list == loaded.list, e.c.seq > last).order_by(e.c.seq))
                    .scalars()
                    .all()
                )
                if len(seqs) != len(batch):
                    raise ValueError(f"{len(seqs):,} rows found for the {len(batch):,} entries just inserted")
                names += _write_keys(conn, loaded.list, zip(seqs, batch, strict=True), keying)
                last = seqs[-1]
            conn.execute(
                insert(watchlist_lists).values(
                    list=loaded.list,
                    entries=stored,
                    sources=list(loaded.sources),
                    warnings=list(loaded.warnings),
                    loaded_at=loaded_at,
                )
            )
            if keying is not None:
                conn.execute(
                    insert(watchlist_keyed).values(list=loaded.list, names=names, code=keying.code, keyed_at=loaded_at)
                )
                _key_stale(conn, keying, loaded_at)
                keying.share(conn)
    except (SQLAlchemyError, UnicodeError, ValueError) as e:
        raise StoreError(f"list {loaded.list} was not stored ({_reason(e)})") from e
    return stored


def _reason(e: Exception) -> str:
    """Why a write failed, short: the exception's type and the first line of its message."""
    return f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"


def entries_of(engine: Engine, lists: Sequence[str] | None = None) -> list[WatchlistEntry]:
    """Every stored entry (of ``lists`` when given), in load order; empty when none is stored."""
    q = select(watchlist_entries).order_by(watchlist_entries.c.seq)
    if lists:
        q = q.where(watchlist_entries.c.list.in_(list(lists)))
    with engine.connect() as conn:
        return [_entry(r) for r in conn.execute(q)]


def loaded_lists(engine: Engine) -> list[ListInfo]:
    """Every loaded list with its entries counted by type, by list name."""
    with engine.connect() as conn:
        counts: dict[str, dict[str, int]] = {}
        for lst, kind, n in conn.execute(
            select(watchlist_entries.c.list, watchlist_entries.c.type, func.count()).group_by(
                watchlist_entries.c.list, watchlist_entries.c.type
            )
        ):
            counts.setdefault(lst, {})[kind] = n
        rows = conn.execute(select(watchlist_lists).order_by(watchlist_lists.c.list)).all()
    return [
        ListInfo(r.list, r.entries, counts.get(r.list, {}), list(r.sources), list(r.warnings), r.loaded_at)
        for r in rows
    ]


# --- the screening keys ---


KEY_MAX = 200
"""Longest key stored as it is; a longer one (the skeleton of a very long word) is stored as ``#``
and its SHA-256, since PostgreSQL cannot index text of a few thousand bytes."""


def _stored_key(key: str) -> str:
    if len(key) <= KEY_MAX:
        return key
    return "#" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _forget_keys(conn: Connection, lst: str) -> None:
    """Drop the keys of ``lst`` and every shared acronym (they are made from all the lists)."""
    conn.execute(delete(watchlist_keys).where(watchlist_keys.c.list == lst))
    conn.execute(delete(watchlist_keyed).where(watchlist_keyed.c.list == lst))
    conn.execute(delete(watchlist_shared))


def _write_keys(conn: Connection, lst: str, entries: Iterable[tuple[int, WatchlistEntry]], keying: Keying) -> int:
    """Insert the keys of ``entries`` (each with its ``seq``); return how many names they have."""
    rows: list[tuple[str, int, str]] = []
    names = 0
    for seq, entry in entries:
        keyed = keying.keys(entry)
        if len(keyed) > MAX_NAMES:
            raise ValueError(f"entry {entry.entry_id[:40]!r} has {len(keyed):,} names (at most {MAX_NAMES:,})")
        if seq >= SHARED >> VARIANT_BITS:
            raise ValueError(f"entry row {seq:,} is past the last one the keys can number")
        names += len(keyed)
        base = seq << VARIANT_BITS
        rows.extend((_stored_key(key), base + n, lst) for n, keys in enumerate(keyed) for key in keys)
    rows.sort()  # nearby keys go into nearby pages of the B-tree
    _insert_rows(conn, watchlist_keys, ("key", "position", "list"), rows)
    return names


def _insert_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert plain ``rows`` (values of ``columns``, none needing conversion) with the driver's own
    executemany: a load writes millions of keys, and SQLAlchemy's handling of each row's parameters
    would take longer than the driver's insert itself."""
    if not rows:
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    if conn.dialect.positional:
        order = [columns.index(c) for c in compiled.positiontup or ()]
        params: Any = [tuple(row[k] for k in order) for row in rows]
    else:
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    conn.exec_driver_sql(str(compiled), params)


def _key_list(conn: Connection, lst: str, keying: Keying, keyed_at: str) -> int:
    """Key the stored entries of ``lst`` again, a batch at a time; return how many names they have."""
    _forget_keys(conn, lst)
    e = watchlist_entries
    names, after = 0, 0
    while rows := conn.execute(
        select(e).where(e.c.list == lst, e.c.seq > after).order_by(e.c.seq).limit(ENTRY_BATCH)
    ).all():
        names += _write_keys(conn, lst, ((r.seq, _entry(r)) for r in rows), keying)
        after = rows[-1].seq
    conn.execute(insert(watchlist_keyed).values(list=lst, names=names, code=keying.code, keyed_at=keyed_at))
    return names


def _stale(conn: Connection, code: str) -> builtins.list[str]:
    lists, keyed = watchlist_lists, watchlist_keyed
    query = (
        select(lists.c.list)
        .select_from(lists.outerjoin(keyed, keyed.c.list == lists.c.list))
        .where((keyed.c.list.is_(None)) | (keyed.c.code != code))
        .order_by(lists.c.list)
    )
    return list(conn.execute(query).scalars())


def _key_stale(conn: Connection, keying: Keying, keyed_at: str) -> builtins.list[str]:
    stale = _stale(conn, keying.code)
    for lst in stale:
        _key_list(conn, lst, keying, keyed_at)
    return stale


def _missing(conn: Connection, tables: Iterable[Table]) -> bool:
    """Whether any of ``tables`` is not in the store (one look at its table names)."""
    have = set(inspect(conn).get_table_names())
    return any(t.name not in have for t in tables)


def stale_lists(engine: Engine, code: str) -> builtins.list[str]:
    """The loaded lists not keyed at all (loaded before the keys existed) or keyed by other code
    than ``code``. Reads only: a store without the keys' tables gets them when it is keyed."""
    with engine.connect() as conn:
        if _missing(conn, [watchlist_lists]):
            return []
        if _missing(conn, KEY_TABLES):
            return sorted(conn.execute(select(watchlist_lists.c.list)).scalars())
        return _stale(conn, code)


def key_stale_lists(engine: Engine, keying: Keying, keyed_at: str) -> builtins.list[str]:
    """Key again every list :func:`stale_lists` gives and make the shared acronyms again, in one
    transaction; return the lists keyed. Raises :class:`StoreError` when the store cannot be written."""
    try:
        with engine.begin() as conn:
            metadata.create_all(conn, tables=list(KEY_TABLES), checkfirst=True)
            stale = _key_stale(conn, keying, keyed_at)  # looked at again inside the transaction
            if stale:
                keying.share(conn)
    except (SQLAlchemyError, UnicodeError, ValueError) as e:
        raise StoreError(f"the screening keys were not made ({_reason(e)})") from e
    return stale


def keyed_lists(conn: Connection, lists: Sequence[str] | None = None) -> dict[str, int]:
    """The keyed lists (of ``lists``, or all), each with how many names it was keyed under (none
    in a store that was never keyed)."""
    if _missing(conn, [watchlist_keyed]):
        return {}
    query = select(watchlist_keyed.c.list, watchlist_keyed.c.names).order_by(watchlist_keyed.c.list)
    if lists:
        query = query.where(watchlist_keyed.c.list.in_(list(lists)))
    return {lst: int(n) for lst, n in conn.execute(query)}


def key_counts(conn: Connection, keys: Iterable[str], lists: Sequence[str] | None = None) -> dict[str, tuple[int, int]]:
    """For each of ``keys`` that any name has: how many names have it, shared acronyms included, and
    how many of those are shared acronyms. With ``lists``, the names of those lists only (and the
    acronyms shared between two of them)."""
    stored = {_stored_key(key): key for key in keys}
    wanted = sorted(stored)
    k, s = watchlist_keys, watchlist_shared
    names = select(k.c.key, func.count()).where(k.c.key.in_(wanted)).group_by(k.c.key)
    shared = select(s.c.key, func.count()).where(s.c.key.in_(wanted)).group_by(s.c.key)
    if lists:
        names = names.where(k.c.list.in_(list(lists)))
        shared = shared.where(s.c.list.in_(list(lists)), s.c.source_list.in_(list(lists)))
    out: dict[str, tuple[int, int]] = {}
    for key, n in conn.execute(names):
        out[stored[key]] = (int(n), 0)
    for key, n in conn.execute(shared):
        before = out.get(stored[key], (0, 0))[0]
        out[stored[key]] = (before + int(n), int(n))
    return out


def key_postings(
    conn: Connection, key: str, lists: Sequence[str] | None = None, limit: int | None = None
) -> builtins.list[int]:
    """The positions of the names that have ``key``, in order, up to ``limit``: the listed names
    first, then the shared acronyms (``SHARED`` + their order)."""
    key = _stored_key(key)
    k, s = watchlist_keys, watchlist_shared
    names = select(k.c.position).where(k.c.key == key).order_by(k.c.position).limit(limit)
    if lists:
        names = names.where(k.c.list.in_(list(lists)))
    out: builtins.list[int] = list(conn.execute(names).scalars().all())
    if limit is None or len(out) < limit:
        shared = select(s.c.share).where(s.c.key == key).order_by(s.c.share)
        if lists:
            shared = shared.where(s.c.list.in_(list(lists)), s.c.source_list.in_(list(lists)))
        if limit is not None:
            shared = shared.limit(limit - len(out))
        out += [SHARED + n for n in conn.execute(shared).scalars().all()]
    return out


@dataclass(frozen=True)
class StoredName:
    """A listed name found through the keys: its entry, and which of the entry's names it is."""

    seq: int
    """The entry's row (``watchlist_entries.seq``): one entry, one ``seq``, whichever name found it."""
    entry: WatchlistEntry
    number: int
    """The name's number among the names of ``source`` (of ``entry`` when there is no source)."""
    source: WatchlistEntry | None = None
    """For an acronym shared from another list's entry (``watchlist_shared``): that entry."""
    source_seq: int | None = None
    """The row of ``source``."""

    @property
    def owner(self) -> int:
        """The row of the entry among whose names ``number`` counts."""
        return self.seq if self.source_seq is None else self.source_seq


def stored_names(conn: Connection, positions: Collection[int]) -> dict[int, StoredName]:
    """The names at ``positions``, with their entries read in one query (positions whose entry is
    gone, a list loaded again meanwhile, are left out)."""
    mask = MAX_NAMES - 1
    shares = sorted({p - SHARED for p in positions if p >= SHARED})
    given: dict[int, tuple[int, int]] = {}
    if shares:
        s = watchlist_shared
        query = select(s.c.share, s.c.entry, s.c.source).distinct().where(s.c.share.in_(shares))
        given = {int(n): (int(entry), int(source)) for n, entry, source in conn.execute(query)}
    seqs = {p >> VARIANT_BITS for p in positions if p < SHARED}
    seqs |= {entry for entry, _ in given.values()} | {source >> VARIANT_BITS for _, source in given.values()}
    e = watchlist_entries
    entries = {r.seq: _entry(r) for r in conn.execute(select(e).where(e.c.seq.in_(sorted(seqs))))} if seqs else {}
    out: dict[int, StoredName] = {}
    for p in positions:
        if p < SHARED:
            seq = p >> VARIANT_BITS
            if seq in entries:
                out[p] = StoredName(seq, entries[seq], p & mask)
        elif p - SHARED in given:
            seq, source = given[p - SHARED]
            if seq in entries and source >> VARIANT_BITS in entries:
                owner = source >> VARIANT_BITS
                out[p] = StoredName(seq, entries[seq], source & mask, entries[owner], owner)
    return out


@dataclass(frozen=True)
class Share:
    """An acronym one list's entry gives the same organisation on another list."""

    seq: int
    """The entry given the acronym."""
    list: str
    source: int
    """The acronym's position among its own entry's names."""
    source_list: str
    keys: tuple[str, ...]


def replace_shares(conn: Connection, shares: Sequence[Share]) -> None:
    """Replace every shared acronym with ``shares`` (numbered in their order), in the caller's transaction."""
    conn.execute(delete(watchlist_shared))
    rows = [
        {"key": key, "share": n, "list": s.list, "entry": s.seq, "source": s.source, "source_list": s.source_list}
        for n, s in enumerate(shares)
        for key in sorted({_stored_key(k) for k in s.keys})
    ]
    if rows:
        conn.execute(insert(watchlist_shared), rows)


# --- screening the stored actors ---


@dataclass(frozen=True)
class ActorHitRow:
    """One row of ``watchlist_hits``: a stored actor, the entry it matched, why."""

    actor: str
    kind: str
    documents: int
    list: str
    entry_id: str
    entry_name: str
    matched_name: str
    score: float
    explanation: str
    screened_at: str


def entity_names(engine: Engine, kinds: Sequence[str]) -> list[tuple[str, str, int]]:
    """(name, kind, documents naming it) of the entities of current documents of ``kinds``, by name."""
    e, d = schema.entities, schema.documents
    q = (
        select(e.c.name, e.c.kind, func.count(func.distinct(e.c.doc_id)))
        .select_from(e.join(d, d.c.id == e.c.doc_id))
        .where(d.c.current.is_(True), e.c.kind.in_(list(kinds)))
        .group_by(e.c.name, e.c.kind)
        .order_by(e.c.name)
    )
    with engine.connect() as conn:
        return [(name, kind, int(n)) for name, kind, n in conn.execute(q)]


def replace_hits(engine: Engine, hits: Sequence[ActorHitRow]) -> None:
    """Replace every stored hit with ``hits``, in one transaction."""
    with engine.begin() as conn:
        conn.execute(delete(watchlist_hits))
        if hits:
            conn.execute(insert(watchlist_hits), [asdict(h) for h in hits])


# --- the screening index cache ---


def cached_index(engine: Engine, key: str) -> bytes | None:
    """The cached index data under ``key``, if any."""
    with engine.connect() as conn:
        data: bytes | None = conn.execute(select(watchlist_index.c.data).where(watchlist_index.c.key == key)).scalar()
    return data


def cache_index(engine: Engine, key: str, *, built_at: str, variants: int, data: bytes, keep: int) -> None:
    """Store the index ``data`` under ``key``, keeping the ``keep`` most recently built, in one
    transaction. Raises :class:`StoreError` when the store cannot be written (read-only)."""
    try:
        with engine.begin() as conn:
            conn.execute(delete(watchlist_index).where(watchlist_index.c.key == key))
            conn.execute(insert(watchlist_index).values(key=key, built_at=built_at, variants=variants, data=data))
            old = conn.execute(
                select(watchlist_index.c.key).order_by(watchlist_index.c.built_at.desc()).offset(keep)
            ).scalars()
            stale = list(old)
            if stale:
                conn.execute(delete(watchlist_index).where(watchlist_index.c.key.in_(stale)))
    except SQLAlchemyError as e:
        raise StoreError(str(e)) from e


def cached_index_keys(engine: Engine) -> list[str]:
    """The keys of the cached indexes."""
    with engine.connect() as conn:
        return list(conn.execute(select(watchlist_index.c.key)).scalars())


# --- reads for the CLI and the web ---


# reads for the web and the CLI


@dataclass(frozen=True)
class WatchlistHit:
    """A screened name that matched a listed entry (``newsgraph screen --actors``)."""

    list: str
    entry_id: str
    """The entry's reference as its list gives it."""
    entry_name: str
    matched_name: str
    """The listed name or alias that matched."""
    actor: str
    """The name as screened."""
    score: float
    explanation: str
    screened_at: str

    def to_dict(self) -> dict[str, Any]:
        """The API's shape: ``entry_id`` as ``reference``, ``actor`` as ``screened_name``."""
        return {
            "list": self.list,
            "reference": self.entry_id,
            "entry_name": self.entry_name,
            "matched_name": self.matched_name,
            "screened_name": self.actor,
            "score": self.score,
            "explanation": self.explanation,
            "screened_at": self.screened_at,
        }


def hits_of_names(engine: Engine, names: Iterable[str]) -> list[WatchlistHit]:
    """The hits of the screened names among ``names`` (any case), best score first."""
    h = watchlist_hits
    wanted = sorted({n.lower() for n in names})
    query = select(h).where(func.lower(h.c.actor).in_(wanted)).order_by(h.c.score.desc())
    with engine.connect() as conn:
        return [from_row(WatchlistHit, r) for r in conn.execute(query)]


def count_hits(engine: Engine) -> int:
    """How many watchlist hits are stored."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(watchlist_hits)).scalar_one())
