"""Which loader reads which files: ``read_lists(paths)`` groups files into lists by their format.

UN consolidated XML (root ``CONSOLIDATED_LIST``), OFAC's headerless CSV trio (told apart by their
column count: 12 entries, 5 aliases, 6 addresses) and FollowTheMoney JSON lines (first character
``{``). Every file is parsed before anything is stored, so one bad file refuses its whole list.
An entry the store cannot keep (a reference over 200 characters, a NUL or a lone surrogate in
its text) is left out with a warning; at most ``MAX_WARNINGS`` warnings are kept per list.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import LIST_NAME_MAX, EntryStream, LoadedList, WatchlistEntry, unstorable
from newsgraph.watchlist.ofac import ADD_COLUMNS, ALT_COLUMNS, SDN_COLUMNS, OfacFiles, column_count, load_ofac
from newsgraph.watchlist.opensanctions import load_opensanctions
from newsgraph.watchlist.un import load_un, looks_like_un

MAX_WARNINGS = 100
"""Warnings kept per list; the rest are counted in one last warning."""


def storable(loaded: LoadedList) -> LoadedList:
    """``loaded`` without the entries the store cannot keep, each left out with a warning.

    Goes through the entries once: a loader that makes them as it reads (an :class:`EntryStream`)
    refuses a bad file here, before anything is stored.
    """
    origin = loaded.sources[0] if loaded.sources else loaded.list
    skip: list[int] = []
    warnings = list(loaded.warnings)
    count = 0
    for k, e in enumerate(loaded.entries):
        count += 1
        why = unstorable(e)
        if why is not None:
            skip.append(k)
            warnings.append(f"{origin}: entry {e.entry_id[:40]!r} ({e.name[:40]!r}) has {why}; skipped")
    if count == len(skip):
        reason = warnings[-1].removeprefix(origin + ": ") if skip else "no entries"
        raise WatchlistError(origin, f"no entry the store can keep ({reason})")
    if len(warnings) > MAX_WARNINGS:
        more = len(warnings) - MAX_WARNINGS
        warnings = [*warnings[:MAX_WARNINGS], f"{origin}: and {more:,} more warnings"]
    if not skip and warnings == list(loaded.warnings):
        return loaded
    if isinstance(loaded.entries, EntryStream):
        entries: Sequence[WatchlistEntry] = loaded.entries.without(skip)
    else:
        dropped = set(skip)
        entries = tuple(e for k, e in enumerate(loaded.entries) if k not in dropped)
    return LoadedList(loaded.list, entries, tuple(warnings), loaded.sources)


def sniff(path: Path) -> str:
    """``un``, ``ofac-sdn``, ``ofac-alt``, ``ofac-add`` or ``opensanctions``."""
    if not path.is_file():
        raise WatchlistError(str(path), "no such file")
    with path.open("rb") as fh:
        head = fh.read(4096)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        if looks_like_un(head):
            return "un"
        raise WatchlistError(str(path), "an XML file that is not a UN consolidated list (CONSOLIDATED_LIST)")
    if stripped.startswith(b"{"):
        return "opensanctions"
    columns = column_count(path)
    kinds = {SDN_COLUMNS: "ofac-sdn", ALT_COLUMNS: "ofac-alt", ADD_COLUMNS: "ofac-add"}
    if columns in kinds:
        return kinds[columns]
    raise WatchlistError(str(path), "not a known list format (UN XML, OFAC sdn/alt/add CSV, OpenSanctions JSON lines)")


def read_lists(paths: list[Path], list_name: str | None = None) -> list[LoadedList]:
    """Parse every file; the OFAC trio becomes one list. ``list_name`` renames a single list."""
    if list_name is not None and not 0 < len(list_name) <= LIST_NAME_MAX:
        raise WatchlistError(f"--list {list_name[:60]!r}", f"a list name has 1 to {LIST_NAME_MAX} characters")
    kinds = [(sniff(p), p) for p in paths]
    ofac = {k: p for k, p in kinds if k.startswith("ofac-")}
    for k in {k for k, _ in kinds if k.startswith("ofac-")}:
        if sum(1 for kk, _ in kinds if kk == k) > 1:
            raise WatchlistError(str(ofac[k]), f"two {k} files given: load one OFAC set at a time")
    loaded: list[LoadedList] = []
    for kind, path in kinds:
        if kind == "un":
            loaded.append(load_un(path, list_name or "un"))
        elif kind == "opensanctions":
            loaded.append(load_opensanctions(path, list_name or "opensanctions"))
    if ofac:
        if "ofac-sdn" not in ofac:
            raise WatchlistError(str(next(iter(ofac.values()))), "OFAC alias/address file without its sdn.csv")
        files = OfacFiles(ofac["ofac-sdn"], ofac.get("ofac-alt"), ofac.get("ofac-add"))
        loaded.append(load_ofac(files, list_name or "ofac"))
    if list_name and len(loaded) > 1:
        raise WatchlistError(", ".join(map(str, paths)), f"--list {list_name} given for {len(loaded)} lists")
    return [storable(one) for one in loaded]
