"""The watchlist in the store: its tables and every query on them.

- ``watchlist_entries``: one row per listed entry (all lists), aliases and dates as JSON.
- ``watchlist_lists``: one row per loaded list: when, from which files, with which warnings.
- ``watchlist_hits``: the results of ``newsgraph screen --actors``: a stored actor, the entry it
  matched, the score and the explanation.
- ``watchlist_index``: a cache of the built screening index, keyed by a fingerprint of the
  listed names and of the matching code (:mod:`newsgraph.watchlist.index_cache`). It holds
  nothing that cannot be rebuilt, so it is created when first needed rather than by a migration.

Every query on them lives here, with the read of the stored entities that ``screen --actors``
screens. The logic (:mod:`newsgraph.watchlist.storage`, :mod:`~newsgraph.watchlist.actors`,
:mod:`~newsgraph.watchlist.index_cache`) passes an engine and gets records back: a
:class:`WatchlistEntry` (the one record every list loader produces, defined here so the store
is the bottom layer), a :class:`ListInfo`, tuples.
"""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, overload

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
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

TABLES = (watchlist_entries, watchlist_lists, watchlist_hits)
CACHE_TABLES = (watchlist_index,)


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


def replace_entries(engine: Engine, loaded: LoadedList, loaded_at: str) -> int:
    """Replace the stored entries and the list row of ``loaded.list``, and empty the index cache,
    in one transaction; return how many entries were stored."""
    stored = 0
    try:
        with engine.begin() as conn:
            conn.execute(delete(watchlist_entries).where(watchlist_entries.c.list == loaded.list))
            conn.execute(delete(watchlist_lists).where(watchlist_lists.c.list == loaded.list))
            conn.execute(delete(watchlist_index))
            entries = iter(loaded.entries)
            while batch := [_entry_row(e) for e in itertools.islice(entries, ENTRY_BATCH)]:  # one batch at a time
                conn.execute(insert(watchlist_entries), batch)
                stored += len(batch)
            conn.execute(
                insert(watchlist_lists).values(
                    list=loaded.list,
                    entries=stored,
                    sources=list(loaded.sources),
                    warnings=list(loaded.warnings),
                    loaded_at=loaded_at,
                )
            )
    except (SQLAlchemyError, UnicodeError, ValueError) as e:
        raise StoreError(
            f"list {loaded.list} was not stored ({type(e).__name__}: {str(e).splitlines()[0][:200]})"
        ) from e
    return stored


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
