"""The screening keys in the store: written with the entries, read in posting order, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, select

from newsgraph.errors import StoreError
from newsgraph.store.watchlist import (
    KEY_MAX,
    KEY_TABLES,
    MAX_NAMES,
    SHARED,
    VARIANT_BITS,
    Alias,
    Keying,
    LoadedList,
    Share,
    WatchlistEntry,
    ensure_tables,
    entries_of,
    key_counts,
    key_postings,
    key_stale_lists,
    keyed_lists,
    metadata,
    replace_entries,
    replace_shares,
    stale_lists,
    stored_names,
    watchlist_entries,
    watchlist_keys,
)

A = LoadedList(
    "a",
    (
        WatchlistEntry("a", "1", "RED FOX", aliases=(Alias("RF"),)),
        WatchlistEntry("a", "2", "RED WOLF"),
    ),
)
B = LoadedList("b", (WatchlistEntry("b", "9", "GREY FOX"),))


def words(entry: WatchlistEntry) -> list[set[str]]:
    """A keying of our own: each name's words (the store knows nothing of the real keys)."""
    return [{"w:" + w.lower() for w in text.split()} for text, _ in entry.names()]


def share_nothing(conn: Connection) -> None:
    replace_shares(conn, [])


KEYING = Keying("code-1", words, share_nothing)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    ensure_tables(engine)
    replace_entries(engine, A, "2026-01-01T00:00:00", KEYING)
    replace_entries(engine, B, "2026-01-01T00:00:00", KEYING)
    return engine


def seqs(engine: Engine) -> dict[str, int]:
    """Entry reference -> row."""
    e = watchlist_entries
    with engine.connect() as conn:
        return {ref: seq for ref, seq in conn.execute(select(e.c.entry_id, e.c.seq))}


def test_keys_are_written_with_the_entries_in_load_order(engine: Engine) -> None:
    row = seqs(engine)
    with engine.connect() as conn:
        assert keyed_lists(conn) == {"a": 3, "b": 1}
        assert keyed_lists(conn, ["b"]) == {"b": 1}
        fox = key_postings(conn, "w:fox")
        assert fox == [row["1"] << VARIANT_BITS, row["9"] << VARIANT_BITS]
        assert key_postings(conn, "w:rf") == [(row["1"] << VARIANT_BITS) + 1]  # the entry's second name
        assert key_postings(conn, "w:fox", ["b"]) == [row["9"] << VARIANT_BITS]
        assert key_postings(conn, "w:fox", limit=1) == fox[:1]
        assert key_counts(conn, ["w:fox", "w:red", "w:none"]) == {"w:fox": (2, 0), "w:red": (2, 0)}
        names = stored_names(conn, [*fox, 12345 << VARIANT_BITS])  # the last one's entry is not stored
    assert sorted(names) == sorted(fox)
    assert [(n.entry.entry_id, n.number, n.source) for n in names.values()] == [("1", 0, None), ("9", 0, None)]


def test_shares_come_after_the_listed_names_and_need_both_lists(engine: Engine) -> None:
    row = seqs(engine)
    rf = (row["1"] << VARIANT_BITS) + 1
    with engine.begin() as conn:
        replace_shares(conn, [Share(row["9"], "b", rf, "a", ("w:rf",))])
    with engine.connect() as conn:
        assert key_postings(conn, "w:rf") == [rf, SHARED]
        assert key_postings(conn, "w:rf", limit=1) == [rf]
        assert key_postings(conn, "w:rf", ["a", "b"]) == [rf, SHARED]
        assert key_postings(conn, "w:rf", ["b"]) == []  # the acronym's own list is not screened
        assert key_counts(conn, ["w:rf"]) == {"w:rf": (2, 1)}
        assert key_counts(conn, ["w:rf"], ["a"]) == {"w:rf": (1, 0)}
        shared = stored_names(conn, [SHARED])[SHARED]
    assert (shared.entry.entry_id, shared.source and shared.source.entry_id, shared.number) == ("9", "1", 1)
    assert shared.owner == row["1"]


@pytest.mark.parametrize("bad_at", [1])
def test_keys_that_cannot_be_made_leave_the_list_and_its_keys_as_they_were(engine: Engine, bad_at: int) -> None:
    def failing(entry: WatchlistEntry) -> list[set[str]]:
        if entry.entry_id == str(bad_at):
            raise ValueError("no keys for this one")
        return words(entry)

    with engine.connect() as conn:
        before = conn.execute(select(watchlist_keys)).all()
    changed = LoadedList("b", (WatchlistEntry("b", "0", "BLUE FOX"), WatchlistEntry("b", str(bad_at), "X")))
    with pytest.raises(StoreError, match="list b was not stored"):
        replace_entries(engine, changed, "2026-02-01T00:00:00", Keying("code-1", failing, share_nothing))
    with engine.connect() as conn:
        assert conn.execute(select(watchlist_keys)).all() == before
    assert [e.entry_id for e in entries_of(engine, ["b"])] == ["9"]


@pytest.mark.parametrize("names", [MAX_NAMES + 1])
def test_an_entry_with_more_names_than_the_keys_can_number_is_refused(engine: Engine, names: int) -> None:
    def too_many(entry: WatchlistEntry) -> Sequence[set[str]]:
        return [set()] * names

    with pytest.raises(StoreError, match="names"):
        replace_entries(engine, B, "2026-02-01T00:00:00", Keying("code-1", too_many, share_nothing))


def test_a_list_loaded_without_keys_is_stale_until_keyed(engine: Engine) -> None:
    replace_entries(engine, B, "2026-02-01T00:00:00")  # as a caller that does not key
    assert stale_lists(engine, "code-1") == ["b"]
    assert stale_lists(engine, "code-2") == ["a", "b"]
    assert key_stale_lists(engine, KEYING, "2026-02-02T00:00:00") == ["b"]
    assert stale_lists(engine, "code-1") == []
    with engine.connect() as conn:
        assert keyed_lists(conn) == {"a": 3, "b": 1} and len(key_postings(conn, "w:fox")) == 2


def test_a_store_without_the_key_tables_is_read_untouched_then_keyed(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    engine = create_engine(f"sqlite:///{path}")
    assert stale_lists(engine, "code-1") == []  # not even the watchlist tables
    ensure_tables(engine)
    replace_entries(engine, B, "2026-01-01T00:00:00", KEYING)
    replace_entries(engine, A, "2026-01-01T00:00:00", KEYING)
    metadata.drop_all(engine, tables=list(KEY_TABLES))  # as a newsgraph before the keys left it
    size = path.stat().st_size
    with engine.connect() as conn:
        assert keyed_lists(conn) == {}
    assert stale_lists(engine, "code-1") == ["a", "b"]
    assert path.stat().st_size == size
    assert key_stale_lists(engine, KEYING, "2026-02-02T00:00:00") == ["a", "b"]
    with engine.connect() as conn:
        assert keyed_lists(conn) == {"a": 3, "b": 1}


@pytest.mark.parametrize("length", [KEY_MAX + 1, 5_000])
def test_a_key_too_long_to_index_is_stored_by_its_hash_and_found_by_itself(engine: Engine, length: int) -> None:
    word = "Q" * length
    replace_entries(engine, LoadedList("c", (WatchlistEntry("c", "1", f"RED {word}"),)), "2026-02-01", KEYING)
    key = "w:" + word.lower()
    with engine.connect() as conn:
        assert len(key_postings(conn, key)) == 1 and key_counts(conn, [key, "w:red"]) == {key: (1, 0), "w:red": (3, 0)}
        stored = conn.execute(select(watchlist_keys.c.key).where(watchlist_keys.c.list == "c")).scalars().all()
    assert max(len(k) for k in stored) <= KEY_MAX


@pytest.mark.slow
def test_postgresql_screens_one_name_as_the_in_memory_index(postgresql_url: str) -> None:
    from newsgraph.store import Store
    from newsgraph.watchlist.screen import Screener, screen_stored
    from newsgraph.watchlist.storage import load_entries, replace_list
    from tests.watchlist.test_screen_stored import OFAC, QUERIES, UN, summary

    with Store.open(postgresql_url) as store:
        engine = store.engine
        replace_list(engine, UN)
        replace_list(engine, OFAC)
        rng = random.Random(16)  # a word that does not compress: PostgreSQL could not index its key as text
        word = "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8_000))
        replace_list(engine, LoadedList("x", (WatchlistEntry("x", "1", f"FARZI {word}", "organization"),)))
        memory = Screener(load_entries(engine))
        assert memory.shared
        for name, kind, countries in QUERIES:
            expected = summary(memory.screen(name, kind=kind, countries=countries, threshold=0.0))
            assert summary(screen_stored(engine, name, kind=kind, countries=countries, threshold=0.0)) == expected
