"""The screening index: many names at once give what one at a time gives; a saved index screens the same."""

from __future__ import annotations

import json

import pytest

from newsgraph.store.watchlist import Alias, WatchlistEntry
from newsgraph.watchlist.normalise import normalise
from newsgraph.watchlist.screen import Hit, Screener

ENTRIES = [
    WatchlistEntry("un", "QDe.900", "HARAKAT-UL-FARZI", "organization", aliases=(Alias("HUF"),)),
    WatchlistEntry("ofac", "102", "HARAKAT UL FARZI", "organization", countries=("Pakistan",)),
    WatchlistEntry("ofac", "103", "FARZI TRADING COMPANY", "organization", countries=("Iran",)),
    WatchlistEntry("un", "QDi.900", "AMIR KHALIDI", "person", aliases=(Alias("Abu Amir", "low"),)),
    WatchlistEntry("ofac", "104", "Tayyiba Welfare Trust", "organization", aliases=(Alias("TWT"),)),
]


def summary(hits: list[Hit]) -> list[tuple[str, str, str, float, str]]:
    return [(h.entry.list, h.entry.entry_id, h.matched_name, h.score, h.explain()) for h in hits]


@pytest.mark.parametrize(
    "queries",
    [
        [
            ("Harakat ul Farzi", "organization"),
            ("Harakat ul Farzi", "person"),  # same name, other kind: only the type evidence differs
            ("harakat-ul-farzi", None),  # same tokens written otherwise
            ("HuF", None),
            ("HUF", "organization"),  # the same letters cased otherwise read as another acronym
            ("Amir Khalidi", "person"),
            ("Abu Amir", None),
            ("Taiba Welfare Trust", "organization"),
            ("Oslo", None),
            ("--", None),  # no tokens at all
        ]
    ],
)
def test_screen_many_gives_what_screen_gives(queries: list[tuple[str, str | None]]) -> None:
    screener = Screener(ENTRIES)
    calls: list[int] = []
    many = screener.screen_many(queries, limit=5, threshold=0.5, progress=calls.append)
    one = [screener.screen(name, kind=kind, limit=5, threshold=0.5) for name, kind in queries]
    assert [summary(h) for h in many] == [summary(h) for h in one]
    assert sum(calls) == len(queries)
    # the two spellings of Harakat ul Farzi (three queries) are compared once
    assert len(calls) < len(queries)
    assert many[0] and many[0][0].entry.entry_id in {"QDe.900", "102"}
    assert any("type differs" in h.explain() for h in many[1])


@pytest.mark.parametrize("names", [["Harakat ul Farzi", "HuF", "Amir Khalidi", "Abu Amir", "TWT", "Farzi Trading"]])
def test_saved_index_screens_like_the_built_one(names: list[str]) -> None:
    built = Screener(ENTRIES)
    state = json.loads(json.dumps(built.state()))
    loaded = Screener.from_state(ENTRIES, state)
    assert loaded.postings == built.postings and loaded.idf == built.idf and loaded.shared == built.shared
    assert [v.name for v in loaded.variants] == [v.name for v in built.variants]
    for name in names:
        assert summary(loaded.screen(name, threshold=0.0)) == summary(built.screen(name, threshold=0.0))


@pytest.mark.parametrize("entries", [ENTRIES[:2]])
def test_saved_index_refuses_fewer_entries(entries: list[WatchlistEntry]) -> None:
    state = Screener(ENTRIES).state()
    with pytest.raises(ValueError, match="not loaded"):
        Screener.from_state(entries, state)


# --- issue 16: one screen against a huge list stays bounded ---


@pytest.mark.parametrize("cap", [100])
def test_blocking_looks_at_most_max_postings_names_per_key(monkeypatch: pytest.MonkeyPatch, cap: int) -> None:
    from newsgraph.watchlist import screen

    entries = [WatchlistEntry("big", str(k), f"ALPHA {chr(65 + k % 26)}{k:05d}X", "organization") for k in range(1000)]
    screener = Screener(entries)
    monkeypatch.setattr(screen, "MAX_POSTINGS", cap, raising=False)
    found = screener.candidates(normalise("Alpha"), limit=len(entries))
    assert found and max(found) < cap


@pytest.mark.parametrize("queries", [["Harakat ul Farzi", "HuF", "Amir Khalidi", "Abu Amir", "TWT", "Farzi Trading"]])
def test_bounds_made_per_query_give_the_same_hits(monkeypatch: pytest.MonkeyPatch, queries: list[str]) -> None:
    from newsgraph.watchlist import screen

    whole = Screener(ENTRIES)
    expected = [summary(whole.screen(q, threshold=0.5)) for q in queries]
    monkeypatch.setattr(screen, "BOUNDS_AT_ONCE", 0, raising=False)
    per_query = Screener(ENTRIES)
    assert [summary(per_query.screen(q, threshold=0.5)) for q in queries] == expected
    assert per_query._bounds is None  # no arrays over every listed name were made
