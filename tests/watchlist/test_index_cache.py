"""The screening index cached in the store: read back when current, rebuilt when a list changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, update

from newsgraph.store.watchlist import Alias, LoadedList, WatchlistEntry, cached_index_keys, watchlist_index
from newsgraph.watchlist.index_cache import fingerprint, screener_for
from newsgraph.watchlist.storage import load_entries, replace_list

UN = LoadedList(
    "un",
    (
        WatchlistEntry("un", "QDe.900", "HARAKAT-UL-FARZI", "organization", aliases=(Alias("HUF"),)),
        WatchlistEntry("un", "QDi.900", "AMIR KHALIDI", "person"),
    ),
)
OFAC = LoadedList("ofac", (WatchlistEntry("ofac", "102", "HARAKAT UL FARZI", "organization"),))
OFAC_NEW = LoadedList("ofac", (*OFAC.entries, WatchlistEntry("ofac", "105", "NASIR OMARI", "person")))


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    replace_list(engine, UN)
    replace_list(engine, OFAC)
    return engine


def cached_keys(engine: Engine) -> list[str]:
    return cached_index_keys(engine)


@pytest.mark.parametrize("name", ["HuF"])
def test_second_run_reads_the_index_from_the_store(engine: Engine, name: str) -> None:
    first = screener_for(engine, load_entries(engine))
    second = screener_for(engine, load_entries(engine))
    assert not first.cached and second.cached
    assert cached_keys(engine) == [fingerprint(load_entries(engine))]
    hits = [(h.entry.list, h.entry.entry_id, h.score, h.explain()) for h in second.screener.screen(name)]
    assert hits == [(h.entry.list, h.entry.entry_id, h.score, h.explain()) for h in first.screener.screen(name)]
    assert ("ofac", "102") in {h[:2] for h in hits}
    # the UN acronym given to OFAC's entry of the same name survives the cache
    assert second.screener.shared == first.screener.shared and first.screener.shared


@pytest.mark.parametrize("name", ["Nasir Omari"])
def test_loading_a_list_replaces_the_cached_index(engine: Engine, name: str) -> None:
    screener_for(engine, load_entries(engine))
    replace_list(engine, OFAC_NEW)
    assert cached_keys(engine) == []
    again = screener_for(engine, load_entries(engine))
    assert not again.cached and again.screener.screen(name)[0].entry.entry_id == "105"


@pytest.mark.parametrize("lists", [["un"], ["ofac"]])
def test_each_list_selection_has_its_own_index(engine: Engine, lists: list[str]) -> None:
    everything = screener_for(engine, load_entries(engine))
    some = screener_for(engine, load_entries(engine, lists))
    assert not some.cached and {e.list for e in some.screener.entries} == set(lists)
    assert len(cached_keys(engine)) == 2 and everything.screener.entries != some.screener.entries


@pytest.mark.parametrize("garbage", [b"not zlib", b"x\x9c\x03\x00\x00\x00\x00\x01"])
def test_unreadable_cache_is_rebuilt(engine: Engine, garbage: bytes) -> None:
    screener_for(engine, load_entries(engine))
    with engine.begin() as conn:
        conn.execute(update(watchlist_index).values(data=garbage))
    again = screener_for(engine, load_entries(engine))
    assert not again.cached and again.screener.screen("Amir Khalidi")[0].entry.entry_id == "QDi.900"
    assert screener_for(engine, load_entries(engine)).cached
