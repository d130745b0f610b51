"""Watchlist screening: load sanctions lists, match names against them, with reasons.

- :mod:`~newsgraph.store.watchlist`: the :class:`WatchlistEntry` record (the store's);
- :mod:`~newsgraph.watchlist.un`, :mod:`~newsgraph.watchlist.ofac`,
  :mod:`~newsgraph.watchlist.opensanctions`: loaders; :mod:`~newsgraph.watchlist.sources` picks one;
- :mod:`~newsgraph.watchlist.normalise` and :mod:`~newsgraph.watchlist.matcher`: name comparison;
- :mod:`~newsgraph.watchlist.screen`: the index and :class:`Screener`;
- :mod:`~newsgraph.store.watchlist` and :mod:`~newsgraph.watchlist.storage`: the store.
"""

from newsgraph.store.watchlist import Alias, LoadedList, WatchlistEntry
from newsgraph.watchlist.matcher import MATCH_THRESHOLD, Comparison, compare
from newsgraph.watchlist.screen import Hit, Screener
from newsgraph.watchlist.sources import read_lists

__all__ = [
    "MATCH_THRESHOLD",
    "Alias",
    "Comparison",
    "Hit",
    "LoadedList",
    "Screener",
    "WatchlistEntry",
    "compare",
    "read_lists",
]
