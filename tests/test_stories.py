"""Stories in the store: articles grouped with the story grouping rule on stored state, batch by
batch as they arrive; events of a story counted across its articles with every source kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eval.harness import shared_dir
from newsgraph.grouping import Article, group_articles
from newsgraph.records import Document, Extraction
from newsgraph.store import Store
from newsgraph.stories import group_documents, list_stories, regroup, stories_of, story_details, story_of
from tests.actor_records import Doc, save

FLOOD = [
    (
        "f1",
        "2026-03-01",
        "Sindh floods",
        "Monsoon floods in Sindh drowned villages near Sukkur; Sindh floods displaced thousands.",
    ),
    (
        "f2",
        "2026-03-02",
        "Sindh floods spread",
        "Sindh floods spread from Sukkur to Larkana as monsoon floods went on.",
    ),
    (
        "f3",
        "2026-03-03",
        "Sindh floods rescue",
        "Army boats rescued villagers from the Sindh floods near Sukkur and Larkana.",
    ),
]
VOTE = [
    ("v1", "2026-03-02", "Riga council vote", "Latvian voters in Riga elected a new Riga city council on Saturday."),
    ("v2", "2026-03-03", "Riga council sworn in", "The new Riga city council elected by Latvian voters was sworn in."),
    ("x1", "2026-03-02", "Chess in Oslo", "A Norwegian grandmaster won the chess open in Oslo after a long endgame."),
    ("x2", "2026-03-03", "Tea prices", "Kenyan tea auction prices rose in Mombasa on strong demand from buyers."),
]


def plain(doc_id: str, day: str, title: str, text: str) -> Extraction:
    return Extraction(document=Document(id=doc_id, text=text, title=title, published=day))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "stories.db") as s:
        yield s


def partition(labels: dict[str, int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for doc, label in labels.items():
        groups.setdefault(label, set()).add(doc)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize(("batch", "refit_below", "fit"), [(1, 0, False), (2, 0, False), (5, 0, False), (2, 300, True)])
def test_batches_in_date_order_group_as_the_clusterer_does(
    store: Store, batch: int, refit_below: int, fit: bool
) -> None:
    records = sorted(FLOOD + VOTE, key=lambda r: r[1])
    store.save_many([plain(*r) for r in records])
    ids = [r[0] for r in records]
    for start in range(0, len(ids), batch):
        group_documents(store.engine, ids[start : start + batch], refit_below=refit_below)
    stored = {i: story_of(store.engine, i) or -1 for i in ids}
    expected = group_articles([Article(id=r[0], text=r[3], title=r[2], published=r[1]) for r in records], fit=fit)
    assert partition(stored) == partition({a.article: a.story for a in expected})


def test_a_small_store_groups_its_first_articles(store: Store) -> None:
    records = sorted(FLOOD + VOTE, key=lambda r: r[1])
    store.save_many([plain(*r) for r in records])
    for r in records:
        group_documents(store.engine, [r[0]])
    stored = {r[0]: story_of(store.engine, r[0]) or -1 for r in records}
    assert {frozenset({"f1", "f2", "f3"}), frozenset({"v1", "v2"})} <= partition(stored)


def test_grouping_a_document_twice_changes_nothing(store: Store) -> None:
    store.save_many([plain(*r) for r in FLOOD])
    first = group_documents(store.engine, ["f1", "f2", "f3"], refit_below=0)
    again = group_documents(store.engine, ["f1", "f2", "f3"], refit_below=0)
    assert (first.documents, again.documents) == (3, 0)


def test_old_stories_are_not_read_for_a_new_batch(store: Store) -> None:
    old = [("o1", "2020-01-01", "Floods hit Sindh", FLOOD[0][3])]
    store.save_many([plain(*r) for r in old + FLOOD])
    group_documents(store.engine, ["o1"], refit_below=0)
    report = group_documents(store.engine, ["f1"], refit_below=0)
    assert report.candidates == 0  # the 2020 story is beyond the horizon of a 2026 article
    assert story_of(store.engine, "o1") != story_of(store.engine, "f1")


@pytest.mark.parametrize("max_active", [2])
def test_an_ingest_keeps_at_most_max_active_stories_in_memory(store: Store, max_active: int) -> None:
    from newsgraph.grouping import GroupingSettings
    from newsgraph.stories import _ACTIVE

    undated = [(doc, "", title, text) for doc, _day, title, text in VOTE + FLOOD]
    store.save_many([plain(*r) for r in undated])
    settings = GroupingSettings(max_active=max_active)
    reports = [group_documents(store.engine, [doc], settings, refit_below=0) for doc, *_ in undated]
    assert all(story_of(store.engine, doc) is not None for doc, *_ in undated)
    assert max(r.candidates for r in reports) <= max_active
    cached = _ACTIVE[store.engine.url.render_as_string(hide_password=False)]
    assert len(cached.stories) <= max_active
    # the newest stories stay: the last flood article still finds the flood story
    assert story_of(store.engine, "f3") == story_of(store.engine, "f2")


def test_an_event_in_several_articles_of_a_story_is_one_event_with_its_sources(store: Store) -> None:
    store.save_many([plain(*r) for r in VOTE])  # other news, so that words shared by the story count
    docs = []
    for (doc_id, day, title, text), source in zip(FLOOD, ("Dawn", "APP", "Dawn"), strict=True):
        d = Doc(doc_id, f"{title}. {text} The army rescued villagers near Sukkur.", published=day, source=source)
        d.entity("army", "organization")
        d.entity("Sukkur", "place", country="PK", feature="PPL")
        d.event("AID", "rescued", source=("army",), location="Sukkur", cameo="070")
        docs.append(d)
    save(store, *docs)
    group_documents(store.engine, [d.id for d in docs])
    story_id = story_of(store.engine, "f1")
    assert story_id is not None and story_id == story_of(store.engine, "f2") == story_of(store.engine, "f3")
    head, members, events = story_details(store.engine, story_id)
    assert head["articles"] == 3 and len(members) == 3
    aid = [e for e in events if e.type == "AID"]
    assert len(aid) == 1
    assert (aid[0].source, aid[0].articles) == ("army", 3)
    assert aid[0].sources == ["Dawn", "APP"]
    assert [m["document"] for m in aid[0].mentions] == ["f1", "f2", "f3"]


@pytest.mark.slow
def test_rebuilding_the_stories_of_the_dev_set_scores_as_the_clusterer(store: Store) -> None:
    from eval.tasks.clusters import b_cubed, read_gold

    shared = shared_dir()
    if not (shared / "eval" / "clusters").exists():
        pytest.skip(f"{shared}/eval/clusters is absent")
    articles, gold = read_gold(shared)
    store.save_many(
        [
            Extraction(
                document=Document(id=a.id, text=a.text, title=a.title, published=(a.published or "")[:10] or None)
            )
            for a in articles
        ]
    )
    regroup(store.engine)
    stored = [story_of(store.engine, a.id) for a in articles]
    direct = [x.story for x in group_articles(articles)]
    assert b_cubed(gold, stored) == pytest.approx(b_cubed(gold, direct))
    assert b_cubed(gold, stored)[2] >= 0.935


def test_a_new_version_of_a_document_replaces_it_in_its_story(store: Store) -> None:
    from dataclasses import replace

    store.save_many([plain(*r) for r in FLOOD])
    group_documents(store.engine, ["f1", "f2", "f3"], refit_below=0)
    story = story_of(store.engine, "f1")
    changed = plain("f1", "2026-03-01", "Sindh floods", FLOOD[0][3] + " The toll rose to twelve.")
    saved = store.save_many([replace(changed, document=replace(changed.document, key="f1"))])
    group_documents(store.engine, [saved[0].id], refit_below=0)
    assert story_of(store.engine, "f1") is None
    assert story_of(store.engine, saved[0].id) is not None
    head, members, _ = story_details(store.engine, story_of(store.engine, saved[0].id) or -1)
    assert "f1" not in {m["id"] for m in members}
    assert head["articles"] == len(members)
    assert story is not None


@pytest.mark.parametrize("min_articles", [3])
def test_stories_are_listed_and_detailed_as_plain_dicts(store: Store, min_articles: int) -> None:
    store.save_many([plain(*r) for r in FLOOD + VOTE])
    group_documents(store.engine, [r[0] for r in FLOOD + VOTE])
    listed = list_stories(store.engine, min_articles=min_articles)
    assert [list(row) for row in listed] == [["id", "title", "first_date", "last_date", "articles"]]
    head, members, _ = story_details(store.engine, listed[0]["id"])
    expected = {"id": head["id"], "title": "Sindh floods", "first_date": "2026-03-01", "last_date": "2026-03-03"}
    assert head == listed[0] == {**expected, "articles": 3}
    assert [list(m) for m in members] == [["id", "title", "source", "published", "similarity"]] * 3
    assert [m["id"] for m in members] == ["f1", "f2", "f3"]
    assert stories_of(store.engine, ["f1", "f3", "nope"]) == {"f1": head["id"], "f3": head["id"]}


@pytest.mark.parametrize(
    ("before", "after", "refit"),
    [(0, 32, True), (32, 64, True), (64, 96, False), (96, 128, True), (128, 160, False), (255, 256, True),
     (280, 300, True), (290, 310, True), (300, 332, False), (1000, 1032, False)],
)
def test_a_store_regroups_everything_while_small_then_as_it_doubles(before: int, after: int, refit: bool) -> None:
    from newsgraph.stories import REFIT_BELOW, _refits

    assert REFIT_BELOW == 300
    assert _refits(before, after, REFIT_BELOW) is refit
    assert _refits(before, after, 0) is False
