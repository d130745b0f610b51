"""The store's ties held in memory (:class:`newsgraph.network.TieIndex`): a neighbourhood and a path
found through it are the very answers found in SQL, for every filter, and a store too large is not
held."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph import network as nw
from newsgraph.store import Store
from tests.actor_records import Doc, nexus_documents, save

FILTERS = [
    nw.Filters(),
    nw.Filters(min_confidence=0),
    nw.Filters(types=("member_of",)),
    nw.Filters(types=("claim", "CONSULT")),
    nw.Filters(since="2026-01-27"),
    nw.Filters(until="2026-01-26"),
    nw.Filters(modality="asserted"),
    nw.Filters(source="no such outlet"),
]


def _rated() -> list[Doc]:
    """The nexus stories with the Hamas-LeT alliance and the events of nexus-2 under the threshold."""
    docs = nexus_documents()
    for d in docs:
        d.relations = [replace(r, confidence=0.1 if r.type == "allied_with" else 0.9) for r in d.relations]
        d.events = [replace(v, confidence=0.1 if d.id == "nexus-2" else 0.9) for v in d.events]
    return docs


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "index.db") as s:
        save(s, *_rated())
        yield s


def _answer(net: nw.Network) -> str:
    return json.dumps(net.to_dict(), sort_keys=True)


@pytest.mark.parametrize("f", FILTERS, ids=repr)
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_neighbourhood_through_the_index_is_the_one_found_in_sql(store: Store, f: nw.Filters, depth: int) -> None:
    index = nw.TieIndex.load(store.engine)
    assert index is not None and index.size > 0
    for name in ("Hamas", "Lashkar-e-Taiba", "Naji Zaheer"):
        in_sql = nw.neighbourhood(store.engine, name, depth=depth, filters=f)
        in_memory = nw.neighbourhood(store.engine, name, depth=depth, filters=f, index=index)
        assert _answer(in_memory) == _answer(in_sql)


def test_the_index_filters_and_counts_what_the_threshold_hides(store: Store) -> None:
    index = nw.TieIndex.load(store.engine)
    assert index is not None
    default = nw.neighbourhood(store.engine, "Hamas", depth=2, index=index)
    everything = nw.neighbourhood(store.engine, "Hamas", depth=2, filters=nw.Filters(min_confidence=0), index=index)
    assert default.hidden > 0, "the weak alliance and conference are counted"
    assert everything.hidden == 0
    assert len(everything.edges) > len(default.edges)
    assert ("relation", "allied_with") in {(e.kind, e.type) for e in everything.edges}
    assert ("relation", "allied_with") not in {(e.kind, e.type) for e in default.edges}
    none = nw.neighbourhood(store.engine, "Hamas", filters=nw.Filters(source="no such outlet"), index=index)
    assert none.edges == []


@pytest.mark.parametrize("f", FILTERS[:3], ids=repr)
def test_a_path_through_the_index_is_the_one_found_in_sql(store: Store, f: nw.Filters) -> None:
    index = nw.TieIndex.load(store.engine)
    in_sql = nw.paths(store.engine, "Naji Zaheer", "Jaish-e-Muhammad", filters=f)
    in_memory = nw.paths(store.engine, "Naji Zaheer", "Jaish-e-Muhammad", filters=f, index=index)
    assert [p.to_dict() for p in in_memory[2]] == [p.to_dict() for p in in_sql[2]]
    if f.min_confidence == 0:
        assert in_sql[2], "with every fact, the chain through the conference exists"


def test_a_store_with_more_ties_than_the_limit_is_not_held(store: Store) -> None:
    held = nw.TieIndex.load(store.engine)
    assert held is not None
    assert nw.TieIndex.load(store.engine, max_ties=held.size - 1) is None
