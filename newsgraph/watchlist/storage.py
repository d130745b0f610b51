"""Write and read the watchlist in the store. Loading a list replaces its rows in one transaction."""

from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select

from newsgraph.errors import StoreError
from newsgraph.store.watchlist import ensure_tables, watchlist_entries, watchlist_index, watchlist_lists
from newsgraph.watchlist.entry import Alias, LoadedList, WatchlistEntry


@dataclass(frozen=True)
class ListInfo:
    list: str
    entries: int
    by_type: dict[str, int]
    sources: builtins.list[str]
    warnings: builtins.list[str]
    loaded_at: str


def _row(e: WatchlistEntry) -> dict[str, Any]:
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


def replace_list(engine: Engine, loaded: LoadedList) -> int:
    """Replace every stored entry of ``loaded.list`` with ``loaded.entries``, atomically.

    The cached screening indexes go in the same transaction (they are keyed by the listed names
    anyway; this keeps the cache from holding indexes of lists that are gone).
    """
    ensure_tables(engine)
    rows = [_row(e) for e in loaded.entries]
    with engine.begin() as conn:
        conn.execute(delete(watchlist_entries).where(watchlist_entries.c.list == loaded.list))
        conn.execute(delete(watchlist_lists).where(watchlist_lists.c.list == loaded.list))
        conn.execute(delete(watchlist_index))
        for start in range(0, len(rows), 2000):
            conn.execute(insert(watchlist_entries), rows[start : start + 2000])
        conn.execute(
            insert(watchlist_lists).values(
                list=loaded.list,
                entries=len(rows),
                sources=list(loaded.sources),
                warnings=list(loaded.warnings),
                loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
    return len(rows)


def load_entries(engine: Engine, lists: list[str] | None = None) -> list[WatchlistEntry]:
    """Every stored entry (of ``lists`` when given), in load order."""
    ensure_tables(engine)
    q = select(watchlist_entries).order_by(watchlist_entries.c.seq)
    if lists:
        q = q.where(watchlist_entries.c.list.in_(lists))
    with engine.connect() as conn:
        entries = [_entry(r) for r in conn.execute(q)]
    if not entries:
        raise StoreError("no watchlist is loaded: run `newsgraph watchlist load FILE...` first")
    return entries


def list_info(engine: Engine) -> list[ListInfo]:
    ensure_tables(engine)
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
