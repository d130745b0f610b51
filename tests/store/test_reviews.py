"""``newsgraph.store.reviews``: decisions on watchlist hits, keyed by the screened name, the list
and the entry's reference, so that a new screening (new hit rows) keeps them; the newest decision
is in force; the history keeps every one; a store of schema version 4 gains the table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from newsgraph.store import Store
from newsgraph.store.reviews import (
    add_review,
    count_reviews,
    hit_page,
    name_key,
    review_counts,
    review_history,
    review_state,
    reviewed_hits,
)
from newsgraph.store.watchlist import ActorHitRow, ensure_tables, replace_hits


def hit(actor: str, list_name: str, entry_id: str, score: float, at: str = "2026-01-01T00:00:00+00:00") -> ActorHitRow:
    return ActorHitRow(
        actor=actor,
        kind="person",
        documents=2,
        list=list_name,
        entry_id=entry_id,
        entry_name=f"ENTRY {entry_id}",
        matched_name=f"ENTRY {entry_id}",
        score=score,
        explanation="same words",
        screened_at=at,
    )


SCREENED = [
    hit("Tunde Bakare", "un", "QDi.990", 0.97),
    hit("Tunde Bakare", "ofac", "7140", 0.91),
    hit("Ministry of Defence", "un", "KPe.021", 1.0),
]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "reviews.db")
    ensure_tables(s.engine)
    replace_hits(s.engine, SCREENED)
    return s


def decide(store: Store, name: str, list_name: str, entry_id: str, status: str, by: str = "alice") -> None:
    add_review(
        store.engine,
        name=name,
        list_name=list_name,
        entry_id=entry_id,
        status=status,
        decided_by=by,
        note=f"{status} by {by}",
        decided_at="2026-02-01T00:00:00+00:00",
    )


@pytest.mark.parametrize(
    ("a", "b"), [("Tunde Bakare", "tunde  BAKARE"), ("Erdoğan", "ERDOĞAN"), ("Ｍinistry", "ministry")]
)
def test_names_compare_without_case_width_or_spacing(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Tunde Bakare", "Tunde Bakar"), ("Bashar al-Assad", "Bushra al-Assad")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_every_hit_is_open_until_someone_decides(store: Store) -> None:
    found = reviewed_hits(store.engine)
    assert [h.hit.score for h in found] == [1.0, 0.97, 0.91]  # best score first
    assert {h.status for h in found} == {"open"} and all(h.review is None for h in found)
    assert review_counts(store.engine) == {"open": 3, "confirmed": 0, "dismissed": 0}


def test_a_decision_applies_to_its_hit_only_and_survives_a_new_screening(store: Store) -> None:
    decide(store, "Ministry of Defence", "un", "KPe.021", "dismissed")
    decide(store, "tunde bakare", "un", "QDi.990", "confirmed", by="bob")  # any case names the hit
    before = {(h.hit.actor, h.hit.list, h.hit.entry_id): h.status for h in reviewed_hits(store.engine)}
    assert before == {
        ("Ministry of Defence", "un", "KPe.021"): "dismissed",
        ("Tunde Bakare", "un", "QDi.990"): "confirmed",
        ("Tunde Bakare", "ofac", "7140"): "open",  # the same name on another entry is another hit
    }
    before = {(name_key(a), lst, ref): status for (a, lst, ref), status in before.items()}
    # a new screening writes new rows (new numbers, new time, a new score): the decisions hold
    replace_hits(store.engine, [hit(h.actor.upper(), h.list, h.entry_id, 0.85, "2026-03-01") for h in SCREENED])
    after = {(name_key(h.hit.actor), h.hit.list, h.hit.entry_id): h.status for h in reviewed_hits(store.engine)}
    assert all(h.hit.actor.isupper() for h in reviewed_hits(store.engine))
    assert after == before
    confirmed = reviewed_hits(store.engine, status="confirmed")[0]
    assert confirmed.review is not None and confirmed.review.decided_by == "bob"
    assert confirmed.review.note == "confirmed by bob"
    assert review_counts(store.engine) == {"open": 1, "confirmed": 1, "dismissed": 1}


def test_the_newest_decision_is_in_force_and_the_history_keeps_all(store: Store) -> None:
    decide(store, "Tunde Bakare", "un", "QDi.990", "confirmed")
    decide(store, "Tunde Bakare", "un", "QDi.990", "dismissed", by="carol")
    [h] = reviewed_hits(store.engine, names=["Tunde Bakare"], list_name="un")
    assert h.status == "dismissed" and h.review is not None and h.review.decided_by == "carol"
    decide(store, "Tunde Bakare", "un", "QDi.990", "open", by="dave")  # taken back
    [h] = reviewed_hits(store.engine, names=["Tunde Bakare"], list_name="un")
    assert h.status == "open" and h.review is not None and h.review.decided_by == "dave"
    assert [r.decided_by for r in review_history(store.engine)] == ["dave", "carol", "alice"]
    assert count_reviews(store.engine) == 3


def test_a_decision_whose_hit_is_gone_is_kept_and_applies_when_it_comes_back(store: Store) -> None:
    decide(store, "Ministry of Defence", "un", "KPe.021", "dismissed")
    replace_hits(store.engine, SCREENED[:2])  # the list changed: no such hit now
    assert review_counts(store.engine) == {"open": 2, "confirmed": 0, "dismissed": 0}
    assert count_reviews(store.engine) == 1
    replace_hits(store.engine, SCREENED)
    assert reviewed_hits(store.engine, names=["Ministry of Defence"])[0].status == "dismissed"


def test_filters_and_the_api_shape(store: Store) -> None:
    decide(store, "Tunde Bakare", "ofac", "7140", "dismissed")
    assert [h.hit.list for h in reviewed_hits(store.engine, list_name="ofac")] == ["ofac"]
    assert [h.hit.actor for h in reviewed_hits(store.engine, status="open")] == ["Ministry of Defence", "Tunde Bakare"]
    assert reviewed_hits(store.engine, names=[]) == []
    data = reviewed_hits(store.engine, status="dismissed")[0].to_dict()
    assert data["screened_name"] == "Tunde Bakare" and data["reference"] == "7140" and data["status"] == "dismissed"
    assert data["review"]["decided_by"] == "alice" and data["review"]["reference"] == "7140"
    assert data["kind"] == "person" and data["documents"] == 2


@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (1, 1), (2, 1), (5, 3)])
def test_pages_of_hits_are_slices_of_the_whole_with_the_total(store: Store, limit: int, offset: int) -> None:
    decide(store, "Tunde Bakare", "un", "QDi.990", "dismissed")
    whole = reviewed_hits(store.engine)
    page, total = hit_page(store.engine, limit=limit, offset=offset)
    assert total == 3 and page == whole[offset : offset + limit]
    page, total = hit_page(store.engine, status="open", limit=limit, offset=offset)
    assert total == 2 and page == [h for h in whole if h.status == "open"][offset : offset + limit]


def test_the_state_changes_with_each_decision(store: Store) -> None:
    assert review_state(store.engine) is None
    decide(store, "Tunde Bakare", "ofac", "7140", "dismissed")
    first = review_state(store.engine)
    decide(store, "Tunde Bakare", "ofac", "7140", "open")
    assert first is not None and review_state(store.engine) == first + 1


@pytest.mark.parametrize("status", ["maybe", ""])
def test_an_unknown_status_is_refused(store: Store, status: str) -> None:
    with pytest.raises(ValueError, match="status"):
        decide(store, "Tunde Bakare", "ofac", "7140", status)


def test_a_store_of_version_4_gains_the_review_table_and_who_decided(tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    Store.open(db).close()
    with sqlite3.connect(db) as conn:  # what newsgraph before reviews left
        conn.execute("DROP TABLE hit_reviews")
        conn.execute("ALTER TABLE actor_decisions DROP COLUMN decided_by")
        conn.execute("DELETE FROM schema_version WHERE version >= 5")
        conn.execute(
            "INSERT INTO actor_decisions (action, left_name, right_name, decided_at) VALUES ('merge', 'A', 'B', 't')"
        )
    conn.close()
    with Store.open(db) as s:
        look = inspect(s.engine)
        assert "hit_reviews" in look.get_table_names()
        assert "decided_by" in {c["name"] for c in look.get_columns("actor_decisions")}
        from newsgraph.store import connect
        from newsgraph.store.actors import decisions

        with connect(s.engine) as c:
            [old] = decisions(c)
        assert old.left_name == "A" and old.decided_by is None  # nobody said who, before


@pytest.mark.slow
def test_reviews_on_postgresql(postgresql_url: str) -> None:
    """The same decisions on PostgreSQL: written, in force after a new screening, counted."""
    from tests.actor_records import fresh_database

    with Store.open(fresh_database(postgresql_url, "reviews")) as s:
        ensure_tables(s.engine)
        replace_hits(s.engine, SCREENED)
        decide(s, "TUNDE BAKARE", "un", "QDi.990", "dismissed")
        replace_hits(s.engine, list(reversed(SCREENED)))
        assert reviewed_hits(s.engine, names=["tunde bakare"], list_name="un")[0].status == "dismissed"
        assert review_counts(s.engine) == {"open": 2, "confirmed": 0, "dismissed": 1}
        assert [r.decided_by for r in review_history(s.engine)] == ["alice"]
