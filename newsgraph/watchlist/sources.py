"""Which loader reads which files: ``read_lists(paths)`` groups files into lists by their format.

UN consolidated XML (root ``CONSOLIDATED_LIST``), OFAC's headerless CSV trio (told apart by their
column count: 12 entries, 5 aliases, 6 addresses) and FollowTheMoney JSON lines (first character
``{``). Every file is parsed before anything is stored, so one bad file refuses its whole list.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import LoadedList
from newsgraph.watchlist.ofac import ADD_COLUMNS, ALT_COLUMNS, SDN_COLUMNS, OfacFiles, column_count, load_ofac
from newsgraph.watchlist.opensanctions import load_opensanctions
from newsgraph.watchlist.un import load_un, looks_like_un


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
    return loaded
