"""Write and read the watchlist in the store. Loading a list replaces its rows in one transaction.

The SQL lives in :mod:`newsgraph.store.watchlist`; this module adds the load time and the error
a screen without any loaded list gets.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsgraph.errors import StoreError
from newsgraph.store import Engine
from newsgraph.store.watchlist import (
    ListInfo,
    LoadedList,
    WatchlistEntry,
    ensure_tables,
    entries_of,
    loaded_lists,
    replace_entries,
)
from newsgraph.watchlist.screen import NO_LIST, keying

__all__ = ["ListInfo", "list_info", "load_entries", "replace_list"]


def replace_list(engine: Engine, loaded: LoadedList) -> int:
    """Replace every stored entry of ``loaded.list`` with ``loaded.entries``, atomically.

    The cached screening indexes go in the same transaction (they are keyed by the listed names
    anyway; this keeps the cache from holding indexes of lists that are gone), and the list's
    screening keys are written with its entries (:func:`newsgraph.watchlist.screen.keying`).
    """
    ensure_tables(engine)
    return replace_entries(engine, loaded, loaded_at=datetime.now(UTC).isoformat(timespec="seconds"), keying=keying())


def load_entries(engine: Engine, lists: list[str] | None = None) -> list[WatchlistEntry]:
    """Every stored entry (of ``lists`` when given), in load order."""
    ensure_tables(engine)
    entries = entries_of(engine, lists)
    if not entries:
        raise StoreError(NO_LIST)
    return entries


def list_info(engine: Engine) -> list[ListInfo]:
    """The loaded lists, by name."""
    ensure_tables(engine)
    return loaded_lists(engine)
