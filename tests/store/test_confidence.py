"""The store keeps every record's confidence, an older store migrates to it (NULL for what it
held), and the queries across documents filter on it and count what they leave out."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsgraph.records import Extraction
from newsgraph.store import Store
from newsgraph.store import extractions as record_store
from newsgraph.store.migrations import MIGRATIONS
from tests.store.test_store import hand_built

RATED = ("entities", "claims", "events", "relations")


def rated(x: Extraction, values: dict[str, float | None]) -> Extraction:
    """``x`` with the records named in ``values`` (by id) given those confidences."""

    def apply(records: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(replace(r, confidence=values[r.id]) if r.id in values else r for r in records)

    return replace(x, **{kind: apply(getattr(x, kind)) for kind in RATED})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "c.db") as s:
        yield s


VALUES: dict[str, float | None] = {"e1": 0.95, "e2": 0.3, "e3": 0.05, "c1": 0.12, "c2": 0.8, "v1": 0.6, "v2": 0.1}
VALUES |= {"r1": 0.19, "r2": 1.0, "e4": None}


def test_confidence_round_trips_for_every_record(store: Store) -> None:
    x = rated(hand_built(), VALUES)
    store.save(x)
    loaded = record_store.load_extraction(store.engine, x.document.id)
    for kind in RATED:
        assert {r.id: r.confidence for r in getattr(loaded, kind)} == {
            r.id: r.confidence for r in getattr(x, kind)
        }, kind
    assert loaded.to_dict()["claims"][0]["confidence"] == 0.12
    assert loaded == replace(x, document=replace(x.document, key=x.document.id))


def test_queries_across_documents_carry_confidence(store: Store) -> None:
    store.save(rated(hand_built(), VALUES))
    assert {r["id"]: r["confidence"] for r in record_store.claims(store.engine)} == {"c1": 0.12, "c2": 0.8}
    assert {r["id"]: r["confidence"] for r in record_store.events(store.engine)} == {"v1": 0.6, "v2": 0.1}
    assert {r["id"]: r["confidence"] for r in record_store.relations(store.engine)} == {"r1": 0.19, "r2": 1.0}


@pytest.mark.parametrize(
    ("threshold", "claims", "events", "relations"),
    [
        (0.0, ["c1", "c2"], ["v1", "v2"], ["r1", "r2"]),
        (0.12, ["c1", "c2"], ["v1"], ["r1", "r2"]),  # c1 at the threshold is kept
        (0.2, ["c2"], ["v1"], ["r2"]),
        (0.7, ["c2"], [], ["r2"]),
        (1.0, [], [], ["r2"]),
    ],
)
def test_min_confidence_filters_and_counts_what_it_hides(
    store: Store, threshold: float, claims: list[str], events: list[str], relations: list[str]
) -> None:
    store.save(rated(hand_built(), VALUES))
    e = store.engine
    assert sorted(r["id"] for r in record_store.claims(e, min_confidence=threshold)) == claims
    assert sorted(r["id"] for r in record_store.events(e, min_confidence=threshold)) == events
    assert sorted(r["id"] for r in record_store.relations(e, min_confidence=threshold)) == relations
    assert record_store.hidden_claims(e, min_confidence=threshold) == 2 - len(claims)
    assert record_store.hidden_events(e, min_confidence=threshold) == 2 - len(events)
    assert record_store.hidden_relations(e, min_confidence=threshold) == 2 - len(relations)


def test_hidden_counts_follow_the_other_filters(store: Store) -> None:
    store.save(rated(hand_built(), VALUES))
    e = store.engine
    assert record_store.hidden_claims(e, min_confidence=0.5, speaker="Wekesa") == 1
    assert record_store.hidden_claims(e, min_confidence=0.5, speaker="agency") == 0
    assert record_store.hidden_events(e, min_confidence=0.5, type="CONSULT") == 1
    assert record_store.hidden_events(e, min_confidence=0.5, type="AGREE") == 0
    assert record_store.hidden_relations(e, min_confidence=0.5, type="member_of") == 1


def test_unscored_records_are_never_hidden(store: Store) -> None:
    store.save(rated(hand_built(), {"c1": None, "c2": None}))
    assert [r["id"] for r in record_store.claims(store.engine, min_confidence=0.99)] == ["c1", "c2"]
    assert record_store.hidden_claims(store.engine, min_confidence=0.99) == 0


def _make_old(db: Path) -> None:
    """Turn a fresh store into one of schema version 3: no confidence anywhere."""
    with sqlite3.connect(db) as conn:
        for table in ("entities", "claims", "events", "relations", "actor_ties"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN confidence")
        conn.execute("DELETE FROM schema_version WHERE version >= 4")


def _columns(db: Path, table: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def test_an_old_store_migrates_and_its_records_have_no_confidence(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    Store.open(db).close()
    _make_old(db)
    assert "confidence" not in _columns(db, "claims")
    # what an older newsgraph stored: its rows have no confidence column to fill
    x = hand_built()
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO documents (id, key, content_hash, version, \"current\", text, words, ingested_at) "
            "VALUES ('old1', 'old1', 'h', 1, 1, ?, 3, 't')",
            (x.document.text,),
        )
        conn.execute(
            "INSERT INTO claims (doc_id, id, start, \"end\", text, kind, modality) "
            "VALUES ('old1', 'c1', 0, 5, 'Amina', 'direct', 'asserted')"
        )
        conn.execute(
            "INSERT INTO entities (doc_id, id, name, kind, aliases, mentions, attributes) "
            "VALUES ('old1', 'e1', 'Amina', 'person', '[]', '[]', '{}')"
        )

    with Store.open(db) as s:
        for table in ("entities", "claims", "events", "relations", "actor_ties"):
            assert "confidence" in _columns(db, table), table
        with sqlite3.connect(db) as conn:
            versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions[-1] == MIGRATIONS[-1].version >= 4
        old = record_store.load_extraction(s.engine, "old1")
        assert old.claims[0].confidence is None
        assert old.entities[0].confidence is None
        assert record_store.claims(s.engine, min_confidence=0.5)[0]["confidence"] is None  # unscored: shown
        # and the migrated store takes new records with their confidence
        s.save(rated(hand_built(), VALUES))
        assert record_store.load_extraction(s.engine, "hb1").claims[0].confidence == 0.12
    Store.open(db).close()  # reopening a migrated store changes nothing
