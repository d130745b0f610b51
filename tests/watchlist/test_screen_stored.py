"""One name screened through the keys in the store gives the in-memory index's hits, reading only its candidates."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, update

from newsgraph.errors import StoreError
from newsgraph.store import watchlist as store
from newsgraph.store.watchlist import (
    KEY_TABLES,
    Alias,
    EntryStream,
    LoadedList,
    WatchlistEntry,
    metadata,
    watchlist_keyed,
    watchlist_keys,
    watchlist_shared,
)
from newsgraph.watchlist import screen
from newsgraph.watchlist.screen import (
    CANDIDATES,
    Hit,
    Screener,
    code_fingerprint,
    ensure_keys,
    screen_stored,
    stale_keys,
)
from newsgraph.watchlist.storage import load_entries, replace_list
from tests.watchlist.test_loaders import SHARED

UN = LoadedList(
    "un",
    (
        WatchlistEntry("un", "QDe.900", "HARAKAT-UL-FARZI", "organization", aliases=(Alias("HUF"),)),
        WatchlistEntry(
            "un",
            "QDi.900",
            "AMIR KHALIDI",
            "person",
            aliases=(Alias("Amir Khaledi"), Alias("Abu Amir", "low")),
            nationalities=("Pakistan",),
        ),
        WatchlistEntry(
            "un", "QDe.901", "Tanzeem-e-Islah-Nafrat", "organization", aliases=(Alias("TIN"),), countries=("Pakistan",)
        ),
        WatchlistEntry("un", "QDe.902", "Falah Relief Foundation (FRF)", "organization"),
        WatchlistEntry("un", "QDi.901", "NASIR OMARI", "person", aliases=(Alias("Nasser Omari"),)),
    ),
)
OFAC = LoadedList(
    "ofac",
    (
        WatchlistEntry("ofac", "102", "HARAKAT UL FARZI", "organization", countries=("Pakistan",)),
        WatchlistEntry("ofac", "103", "FARZI TRADING COMPANY", "organization", countries=("Iran",)),
        WatchlistEntry("ofac", "104", "Tayyiba Welfare Trust", "organization", aliases=(Alias("TWT"),)),
        WatchlistEntry(
            "ofac", "105", "TANZEEM E ISLAH NAFRAT", "organization", aliases=(Alias("Tanzim Islah Nafrat", "low"),)
        ),
        WatchlistEntry("ofac", "106", "FALAH RELIEF FOUNDATION", "organization"),
        WatchlistEntry("ofac", "107", "OMARI, Nasir", "person", nationalities=("Syria",)),
        WatchlistEntry("ofac", "108", "SEA FARZI", "vessel"),
    ),
)
QUERIES: list[tuple[str, str | None, tuple[str, ...]]] = [
    ("Harakat ul Farzi", "organization", ("Pakistan",)),
    ("Harakat ul Farzi", "person", ()),
    ("HuF", None, ()),
    ("HUF", "organization", ()),
    ("TIN", "organization", ()),  # the UN's acronym, shared with OFAC's entry of the same name
    ("TeIN", None, ()),
    ("FRF", None, ()),
    ("Tanzim-e-Islah-Nafrat", None, ("Iran",)),
    ("Amir Khalidi", "person", ("Pakistan",)),
    ("Abu Amir", None, ()),
    ("Nasir Omari", "person", ("Syria",)),
    ("Farzi", None, ()),
    ("Taiba Welfare Trust", "organization", ()),
    ("TWT", None, ()),
    ("Sea Farzi", "vessel", ()),
    ("Oslo", None, ()),
    ("--", None, ()),  # no tokens at all
]


def summary(hits: list[Hit]) -> list[tuple[str, str, str, float, str]]:
    return [(h.entry.list, h.entry.entry_id, h.matched_name, h.score, h.explain()) for h in hits]


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    replace_list(engine, UN)
    replace_list(engine, OFAC)
    return engine


def same_hits(engine: Engine, lists: list[str] | None = None, threshold: float = 0.5, limit: int = 10) -> None:
    memory = Screener(load_entries(engine, lists))
    for name, kind, countries in QUERIES:
        expected = memory.screen(name, kind=kind, countries=countries, limit=limit, threshold=threshold)
        got = screen_stored(engine, name, kind=kind, countries=countries, limit=limit, threshold=threshold, lists=lists)
        assert summary(got) == summary(expected), name


@pytest.mark.parametrize(("threshold", "limit"), [(0.5, 10), (0.0, 50), (0.8, 2)])
def test_stored_screen_gives_the_in_memory_hits(engine: Engine, threshold: float, limit: int) -> None:
    same_hits(engine, threshold=threshold, limit=limit)


@pytest.mark.parametrize("name", ["TIN"])
def test_acronyms_are_shared_between_lists_as_in_memory(engine: Engine, name: str) -> None:
    memory = Screener(load_entries(engine))
    assert memory.shared  # the test list does share acronyms
    hits = screen_stored(engine, name, kind="organization")
    assert {(h.entry.list, h.entry.entry_id) for h in hits} >= {("un", "QDe.901"), ("ofac", "105")}
    assert any("acronym listed by un QDe.901" in h.explain() for h in hits)
    with engine.connect() as conn:
        shares = conn.execute(select(func.count(func.distinct(watchlist_shared.c.share)))).scalar_one()
    assert shares == len(memory.shared)


@pytest.mark.parametrize("lists", [["un"], ["ofac"], ["un", "ofac"]])
def test_one_list_screens_as_the_in_memory_index_of_that_list(engine: Engine, lists: list[str]) -> None:
    same_hits(engine, lists=lists, threshold=0.0)


@pytest.mark.parametrize("lists", [None, ["opensanctions"]])
def test_no_list_loaded_is_one_clear_error(tmp_path: Path, engine: Engine, lists: list[str] | None) -> None:
    target = engine if lists else create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(StoreError, match="no watchlist is loaded"):
        screen_stored(target, "Harakat ul Farzi", lists=lists)


@pytest.mark.parametrize("fail_at", [store.ENTRY_BATCH + 10])
def test_a_failed_load_leaves_the_keys_as_they_were(engine: Engine, fail_at: int) -> None:
    def entries() -> list[WatchlistEntry]:
        return [WatchlistEntry("ofac", str(k), f"NEW NAME {k}", "person") for k in range(fail_at)]

    def broken():  # type: ignore[no-untyped-def]
        for k, e in enumerate(entries()):
            if k == fail_at - 1:
                raise ValueError("the file ends in the middle of a row")
            yield e

    with engine.connect() as conn:
        before = conn.execute(select(watchlist_keys).order_by(watchlist_keys.c.key, watchlist_keys.c.position)).all()
        shares = conn.execute(select(watchlist_shared)).all()
    assert before and shares
    with pytest.raises(StoreError, match="list ofac was not stored"):
        replace_list(engine, LoadedList("ofac", EntryStream(broken)))
    with engine.connect() as conn:
        after = conn.execute(select(watchlist_keys).order_by(watchlist_keys.c.key, watchlist_keys.c.position)).all()
        assert conn.execute(select(watchlist_shared)).all() == shares
    assert after == before
    same_hits(engine)


@pytest.mark.parametrize("names", [2 * store.ENTRY_BATCH + 5])
def test_a_loaded_list_is_keyed_a_batch_at_a_time(tmp_path: Path, names: int) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    entries = tuple(WatchlistEntry("big", str(k), f"ALPHA {k:05d} OMEGA", "organization") for k in range(names))
    replace_list(engine, LoadedList("big", EntryStream(lambda: iter(entries))))
    with engine.connect() as conn:
        assert conn.execute(select(watchlist_keyed.c.names)).scalar_one() == names
    assert [h.entry.entry_id for h in screen_stored(engine, "Alpha 04003 Omega", threshold=0.8)][:1] == ["4003"]


def _old_store(engine: Engine) -> None:
    """The store as a newsgraph before the keys left it: the lists loaded, no key tables."""
    metadata.drop_all(engine, tables=list(KEY_TABLES))


@pytest.mark.parametrize("how", ["no key tables", "keys by other code"])
def test_lists_without_current_keys_are_keyed_once_by_the_first_screen(engine: Engine, how: str) -> None:
    if how == "no key tables":
        _old_store(engine)
    else:
        with engine.begin() as conn:
            conn.execute(update(watchlist_keyed).values(code="0" * 64))
    assert stale_keys(engine) == ["ofac", "un"]
    same_hits(engine)  # the first screen keys both lists
    assert stale_keys(engine) == [] and ensure_keys(engine) == []
    with engine.connect() as conn:
        assert set(conn.execute(select(watchlist_keyed.c.code)).scalars()) == {code_fingerprint()}


@pytest.mark.parametrize("name", ["Harakat ul Farzi"])
def test_a_list_loaded_into_an_old_store_keys_the_others_too(engine: Engine, name: str) -> None:
    _old_store(engine)
    replace_list(engine, OFAC)
    assert stale_keys(engine) == []
    same_hits(engine)


@pytest.mark.parametrize("rows", [3 * CANDIDATES])
def test_one_screen_reads_only_its_candidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    many = [WatchlistEntry("big", str(k), f"FARZI HOLDING {k:04d}", "organization") for k in range(rows)]
    replace_list(engine, LoadedList("big", tuple(many)))
    read: list[int] = []
    real = store.stored_names

    def counted(conn, positions):  # type: ignore[no-untyped-def]
        found = real(conn, positions)
        read.append(len({s.seq for s in found.values()}))
        return found

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a screen read every entry")

    monkeypatch.setattr(screen, "stored_names", counted)
    monkeypatch.setattr(store, "entries_of", refused)
    hits = screen_stored(engine, "Farzi Holding", threshold=0.0, limit=1000)
    assert read == [CANDIDATES] and len(hits) <= CANDIDATES


def _perturbed(name: str, rng: random.Random) -> str:
    """A name as a news story might write it: a letter dropped or doubled, words swapped, lower case."""
    words = name.split()
    how = rng.randrange(4)
    if how == 0 and len(words) > 1:
        words[0], words[-1] = words[-1], words[0]
    elif how == 1:
        w = rng.randrange(len(words))
        if len(words[w]) > 3:
            k = rng.randrange(1, len(words[w]) - 1)
            words[w] = words[w][:k] + words[w][k + 1 :]
    elif how == 2:
        w = rng.randrange(len(words))
        k = rng.randrange(len(words[w]))
        words[w] = words[w][:k] + words[w][k] + words[w][k:]
    return " ".join(words).lower() if how == 3 else " ".join(words)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "ofac-sdn.csv").exists(), reason="the UN and OFAC lists are not in ../shared")
@pytest.mark.parametrize("sample", [150])
def test_real_lists_screen_the_same_through_the_store(tmp_path: Path, sample: int) -> None:
    from newsgraph.watchlist.sources import read_lists

    engine = create_engine(f"sqlite:///{tmp_path / 'real.db'}")
    for loaded in read_lists(sorted(SHARED.iterdir())):
        replace_list(engine, loaded)
    entries = load_entries(engine)
    memory = Screener(entries)
    rng = random.Random(16)
    drawn = rng.sample(entries, sample)
    names = ["Lashkar-e-Taiba", "LeT", "Jaish-e-Mohammed", "JeM", "Hamas", "Lashkar-e-Jhangvi", "Al-Qaida"]
    names += [e.name for e in drawn] + [_perturbed(e.name, rng) for e in drawn]
    names += [rng.choice(e.aliases).name for e in drawn if e.aliases]
    assert len(names) >= 300
    for name in names:
        kind = rng.choice([None, "person", "organization"])
        expected = summary(memory.screen(name, kind=kind, threshold=0.5))
        assert summary(screen_stored(engine, name, kind=kind, threshold=0.5)) == expected, name
    let = screen_stored(engine, "Lashkar-e-Taiba", kind="organization", threshold=0.8)
    assert {h.entry.list for h in let} == {"un", "ofac"}
