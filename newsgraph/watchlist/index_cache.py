"""Keep the built screening index in the store, so that a run does not normalise every listed name again.

Building the index normalises some 28,000 listed names and aliases and shares acronyms between
lists: seconds of work that gives the same result until the lists or the matching code change.
:func:`screener_for` keys the built index by a :func:`fingerprint` of both (the listed names,
their qualities and types, in load order; the source of the normaliser, matcher and index and
the name-word lists), so a changed list or a changed matcher can never be served a stale index.
Loading a list also empties the cache (:func:`newsgraph.watchlist.storage.replace_list`).

The cache is JSON (zlib-compressed), not pickle: reading a store never runs code from it. The
SQL lives in :mod:`newsgraph.store.watchlist` (``watchlist_index``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.errors import StoreError
from newsgraph.store import Engine
from newsgraph.store.watchlist import WatchlistEntry, cache_index, cached_index, ensure_tables
from newsgraph.watchlist.screen import Screener, code_fingerprint

FORMAT = 1
"""Bump when :meth:`Screener.state` changes shape."""
KEEP = 4
"""Cached indexes kept (one per list selection: all lists, ``--list un``...)."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedScreener:
    screener: Screener
    cached: bool
    """Whether the index came from the store (False: built now, and stored)."""
    seconds: float
    """Time to read or build the index."""


def fingerprint(entries: list[WatchlistEntry]) -> str:
    """sha256 of what the index is built from: each entry's list, reference, type and names, in
    order, with the state's format and the code (:func:`~newsgraph.watchlist.screen.code_fingerprint`)."""
    h = hashlib.sha256(f"format {FORMAT} {code_fingerprint()}".encode())
    for e in entries:
        h.update(json.dumps([e.list, e.entry_id, e.type, e.names()], ensure_ascii=False).encode())
    return h.hexdigest()


def encode(screener: Screener) -> bytes:
    """The index as zlib-compressed JSON, encoded piece by piece (never the whole JSON text at once)."""
    packer = zlib.compressobj(6)
    parts = [
        packer.compress(chunk.encode())
        for chunk in json.JSONEncoder(separators=(",", ":")).iterencode(screener.state())
    ]
    parts.append(packer.flush())
    return b"".join(parts)


def decode(entries: list[WatchlistEntry], data: bytes) -> Screener:
    return Screener.from_state(entries, json.loads(zlib.decompress(data)))


def screener_for(engine: Engine, entries: list[WatchlistEntry]) -> CachedScreener:
    """The screener over ``entries``: read from the store's cache, or built and cached."""
    start = time.perf_counter()
    ensure_tables(engine)
    key = fingerprint(entries)
    data = cached_index(engine, key)
    if data is not None:
        try:
            return CachedScreener(decode(entries, data), True, time.perf_counter() - start)
        except (ValueError, KeyError, TypeError, IndexError, zlib.error) as e:
            log.warning("the cached watchlist index is unreadable (%s): building it again", e)
    screener = Screener(entries)
    store(engine, key, screener)
    return CachedScreener(screener, False, time.perf_counter() - start)


def store(engine: Engine, key: str, screener: Screener) -> None:
    """Cache ``screener`` under ``key``, keeping the ``KEEP`` most recent indexes; a failure only logs."""
    try:
        cache_index(
            engine,
            key,
            built_at=datetime.now(UTC).isoformat(timespec="microseconds"),
            variants=len(screener.variants),
            data=encode(screener),
            keep=KEEP,
        )
    except StoreError as e:  # a read-only store still screens, only slower next time
        log.warning("could not cache the watchlist index in the store (%s)", e)
