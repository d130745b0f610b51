"""The actors task: B-cubed on hand-made clusters (values worked out by hand), unmatched gold
entities as singletons, the pairing of gold and predicted entities, the error listing, and the
consistency of the gold's actor keys."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from eval.harness import shared_dir
from eval.newsfacts_scoring import Entity, fold
from eval.tasks.actors import Item, figures, pair_entities, worst_errors
from eval.tasks.clusters import b_cubed
from newsgraph.resolve.forms import kind_group

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
FOLDERS = ("newsfacts", "newsfacts-heldout", "newsfacts-agreement")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # everything merged: P = (2/3 + 2/3 + 1/3) / 3 = 5/9, R = 1, F1 = 2 * 5/9 / (5/9 + 1) = 5/7
        (["a", "a", "b"], [1, 1, 1], (5 / 9, 1.0, 5 / 7)),
        # everything split: P = 1, R = (1/2 + 1/2 + 1) / 3 = 2/3, F1 = 4/5
        (["a", "a", "b"], [1, 2, 3], (1.0, 2 / 3, 4 / 5)),
        # P = (1 + 1 + 1/2 + 1/2) / 4 = 3/4, R = (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3, F1 = 12/17
        (["a", "a", "a", "b"], [1, 1, 2, 2], (3 / 4, 2 / 3, 12 / 17)),
        (["a", "b"], ["x", "y"], (1.0, 1.0, 1.0)),
    ],
)
def test_b_cubed_on_hand_made_clusters(gold: list[str], predicted: list[int], expected: tuple[float, ...]) -> None:
    assert b_cubed(gold, predicted) == pytest.approx(expected)


def item(gold: str, predicted: int | None, story: str = "s1", n: int = 0) -> Item:
    if predicted is None:
        return Item(story, gold, gold, ("unmatched", story, n), None)
    return Item(story, gold, gold, predicted, f"actor {predicted}")


@pytest.mark.parametrize("unmatched", [1])
def test_an_unmatched_gold_entity_is_a_singleton_that_costs_recall_only(unmatched: int) -> None:
    # isis in two stories: one resolved to store actor 7, one not found at all; us found once.
    items = [item("isis", 7, "s1"), item("isis", None, "s2", unmatched), item("us", 8, "s2")]
    f = figures(items, prefix="heldout_")
    # P: every predicted cluster is pure = 1; R: (1/2 + 1/2 + 1) / 3 = 2/3; F1 = 4/5
    assert f["heldout_actors_bcubed_precision"] == pytest.approx(1.0)
    assert f["heldout_actors_bcubed_recall"] == pytest.approx(2 / 3)
    assert f["heldout_actors_bcubed_f1"] == pytest.approx(4 / 5)
    assert f["heldout_actors_matched_share"] == pytest.approx(2 / 3)
    assert f["heldout_actors_bcubed_f1_matched"] == pytest.approx(1.0)
    # recurring: isis alone is named in two stories; P = 1, R = 1/2, F1 = 2/3
    assert f["heldout_actors_bcubed_f1_recurring"] == pytest.approx(2 / 3)
    assert f["heldout_recurring_share"] == pytest.approx(2 / 3)
    assert (f["heldout_gold_actors"], f["heldout_items"]) == (2.0, 3.0)


@pytest.mark.parametrize("n", [2])
def test_two_unmatched_entities_of_one_actor_are_not_one_cluster(n: int) -> None:
    items = [item("isis", None, "s1", 0), item("isis", None, "s2", 0)][:n]
    assert figures(items)["actors_bcubed_recall"] == pytest.approx(1 / 2)


def ent(kind: str, *names: str) -> tuple[Entity, str]:
    """An entity and its own name (the first one given)."""
    return Entity(frozenset(fold(n) for n in names), kind), fold(names[0])


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        # the gold entity's own name first: "US" (alias Washington) takes "US", not "Washington"
        ([ent("place", "Washington"), ent("state", "US")], [ent("state", "US", "Washington")], [1]),
        # then any shared name, then the whole-word rule
        ([ent("state", "Ankara")], [ent("state", "Turkey", "Ankara")], [0]),
        ([ent("person", "Tayyip Erdoğan")], [ent("person", "Recep Tayyip Erdoğan")], [0]),
        # the whole-word rule needs kinds that may be one actor: a place is not an academy
        ([ent("place", "Bethnal Green")], [ent("organization", "Bethnal Green academy")], [None]),
        ([ent("other", "Bethnal Green")], [ent("organization", "Bethnal Green academy")], [0]),
        # one to one: the second gold entity does not take the first one's predicted entity
        ([ent("place", "London")], [ent("place", "London"), ent("place", "east London")], [0, None]),
    ],
)
def test_gold_entities_pair_one_to_one_with_predicted_ones(
    predicted: list[tuple[Entity, str]], gold: list[tuple[Entity, str]], expected: list[int | None]
) -> None:
    assert pair_entities([p for p, _ in predicted], [g for g, _ in gold], [own for _, own in gold]) == expected


@pytest.mark.parametrize("limit", [5])
def test_the_error_listing_names_wrong_merges_and_splits_with_their_cost(limit: int) -> None:
    merged = [item("home-office", 3), item("foreign-office", 3), item("foreign-office", 3)]
    split = [item("isis", 5), item("isis", 6), item("isis", None, "s2")]
    text = worst_errors(merged + split, "actors on t", limit)
    # merge: 1 - 1/3 for home-office, 1 - 2/3 for each foreign-office item = 4/3
    assert "1.33  store actor 'actor 3' #3 holds foreign-office (2), home-office (1)" in text
    # split: each isis item is alone in its predicted cluster: 3 * (1 - 1/3) = 2
    assert "2.00  gold actor isis is split over 'actor 5' #5 (1), 'actor 6' #6 (1), (unmatched) (1)" in text
    assert "worst wrong merges (precision items lost), 1 in all" in text


def gold_files() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((GOLD / folder).glob("*.json"))]


def test_every_gold_entity_has_an_actor_key_and_a_story_never_gives_one_key_twice() -> None:
    files = gold_files()
    assert len(files) >= 47
    for path in files:
        entities = json.loads(path.read_text(encoding="utf-8"))["entities"]
        keys = [e.get("actor") for e in entities]
        assert all(isinstance(k, str) and SLUG.fullmatch(k) for k in keys), path.name
        assert len(set(keys)) == len(keys), f"{path.name}: two entities share an actor key"


def test_one_actor_key_never_spans_two_kind_groups() -> None:
    groups: dict[str, set[str]] = {}
    for path in gold_files():
        for e in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            groups.setdefault(e["actor"], set()).add(kind_group(e["kind"]))
    mixed = {k: g for k, g in groups.items() if len(g) > 1}
    assert not mixed


def keys_of(name: str) -> set[str]:
    return {
        e["actor"]
        for p in gold_files()
        for e in json.loads(p.read_text(encoding="utf-8"))["entities"]
        if e["name"] == name
    }


@pytest.mark.parametrize(
    "names",
    [
        ("Isis", "Islamic State", "Islamic State of Iraq and the Levant"),
        ("PKK", "Kurdistan Workers’ Party", "Kurdistan Workers Party"),
        ("YPG", "Kurdish People’s Protection Units", "People’s Protection Units of Syrian Kurdistan"),
        ("US", "United States", "America"),
        ("Donald Trump", "Trump"),
    ],
)
def test_names_of_one_actor_share_one_key(names: tuple[str, ...]) -> None:
    keys = set().union(*(keys_of(n) for n in names))
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    "names",
    [
        ("Shamima Begum", "Sharmeena Begum", "Asma Begum"),  # one surname, three people
        ("Jarrah", "Jerah"),  # two of Shamima Begum's sons
        ("Saddam Hussein", "Hamada Hussein"),
        ("Foreign Office", "Home Office"),
        ("Europe", "EU"),
    ],
)
def test_different_actors_get_different_keys(names: tuple[str, ...]) -> None:
    keys = [keys_of(n) for n in names]
    assert all(len(k) == 1 for k in keys)
    assert len(set().union(*keys)) == len(names)


def test_the_format_checker_still_accepts_the_gold_with_actor_keys() -> None:
    shared = shared_dir()
    checker, corpus = shared / "eval" / "newsfacts" / "check.py", shared / "corpus" / "guardian-dev.jsonl"
    if not (checker.exists() and corpus.exists()):
        pytest.skip(f"{checker} or {corpus} is absent")
    spec = importlib.util.spec_from_file_location("newsfacts_check", checker)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stories = {d["id"]: d for d in map(json.loads, corpus.read_text(encoding="utf-8").splitlines())}
    for path in gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert module.check(stories[gold["id"]], gold) == [], path.name
