"""Story grouping: same event joins, different events stay apart, time splits, incremental = batch."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.grouping import (
    Article,
    Assignment,
    DocumentFrequencies,
    GroupingSettings,
    StoryGrouper,
    article_from_record,
    group_articles,
    stem,
    term_weights,
    time_discount,
)

# Two earthquakes in the same week: the same vocabulary (quake, magnitude, struck, buildings,
# injured, tsunami), different places, people and details.
PERU_A = Article(
    id="peru-a",
    title="Magnitude 6.8 earthquake strikes southern Peru near Arequipa",
    text=(
        "A magnitude 6.8 earthquake struck southern Peru on Tuesday, damaging adobe houses in the "
        "Arequipa region and cutting the road to the Colca Canyon. Civil defence officials in "
        "Arequipa said two people were killed and dozens injured when walls collapsed in the town "
        "of Chivay. President Dina Boluarte flew to Arequipa to inspect the damage. The navy said "
        "there was no tsunami risk for the Pacific coast."
    ),
    published="2024-03-12",
)
PERU_B = Article(
    id="peru-b",
    title="Deadly quake in Peru's Arequipa leaves Chivay residents sleeping outdoors",
    text=(
        "Residents of Chivay spent the night in the streets after Tuesday's quake brought down "
        "adobe homes across Arequipa province, killing two. Boluarte promised emergency funds "
        "during her visit to Arequipa, while landslides kept the Colca Canyon road closed. Peru's "
        "geophysical institute recorded more than forty aftershocks."
    ),
    published="2024-03-13",
)
JAPAN_A = Article(
    id="japan-a",
    title="Strong earthquake shakes Hokkaido, brief tsunami advisory issued",
    text=(
        "A quake measuring 6.5 rattled Hokkaido in northern Japan on Wednesday, shaking buildings "
        "in Sapporo and Kushiro. The Japan Meteorological Agency issued a tsunami advisory for the "
        "eastern shore of Hokkaido, lifted two hours later. Hokkaido Electric said "
        "the Tomari nuclear plant reported no abnormalities. Three people were slightly injured."
    ),
    published="2024-03-13",
)
JAPAN_B = Article(
    id="japan-b",
    title="Hokkaido quake: trains halted in Sapporo, Tomari plant safe",
    text=(
        "JR Hokkaido suspended trains around Sapporo after the quake off Kushiro on Wednesday. The "
        "Meteorological Agency lifted its tsunami advisory in the afternoon, and the operator of the "
        "Tomari nuclear plant said checks had found no damage. Officials in Hokkaido counted three "
        "minor injuries."
    ),
    published="2024-03-13",
)
MATCH = Article(
    id="match",
    title="Rovers beat City 3-1 to reach the cup final",
    text=(
        "Rovers came from behind to beat City 3-1 at Ewood Park on Tuesday and reach the cup final. "
        "Midfielder Tom Okafor scored twice after the interval and the visitors' goalkeeper was sent "
        "off in stoppage time."
    ),
    published="2024-03-12",
)
# A few unrelated stories of the same days, as any real batch has: they give the IDF its sense
# of which words are common.
BACKGROUND = [
    Article(
        id="budget",
        title="Parliament delays budget vote after coalition row",
        text="The vote on the budget was pushed back to next month after the coalition partners "
        "failed to agree on fuel subsidies, the speaker said on Tuesday.",
        published="2024-03-12",
    ),
    Article(
        id="strike",
        title="Rail workers announce strike over pay",
        text="Train drivers will walk out for two days next week after talks on wages broke down, "
        "the union said, warning that commuter services would be cancelled.",
        published="2024-03-13",
    ),
    Article(
        id="launch",
        title="Chipmaker unveils faster processor for laptops",
        text="The company said its new processor uses a third less power and will ship in laptops "
        "from June; shares rose four per cent on Wednesday.",
        published="2024-03-13",
    ),
]
CORPUS = [PERU_A, JAPAN_A, MATCH, PERU_B, JAPAN_B, *BACKGROUND]


def labels(assignments: list[Assignment]) -> dict[str, int]:
    return {a.article: a.story for a in assignments}


@pytest.mark.parametrize("corpus", [CORPUS])
def test_same_event_in_different_words_joins(corpus: list[Article]) -> None:
    story = labels(group_articles(corpus))
    assert story["peru-a"] == story["peru-b"]
    assert story["japan-a"] == story["japan-b"]


@pytest.mark.parametrize("corpus", [CORPUS])
def test_different_events_with_shared_words_stay_apart(corpus: list[Article]) -> None:
    story = labels(group_articles(corpus))
    assert story["peru-a"] != story["japan-a"]
    assert story["match"] not in {story["peru-a"], story["japan-a"]}
    assert len({story[a.id] for a in (PERU_A, PERU_B, JAPAN_A, JAPAN_B, MATCH)}) == 3


@pytest.mark.parametrize("days_later", ["2025-04-02"])
def test_a_long_time_gap_splits_a_story(days_later: str) -> None:
    anniversary = Article(id="peru-again", title=PERU_A.title, text=PERU_A.text, published=days_later)
    same_week = Article(id="peru-same-week", title=PERU_A.title, text=PERU_A.text, published="2024-03-14")
    story = labels(group_articles([*CORPUS, anniversary, same_week]))
    assert story["peru-same-week"] == story["peru-a"]
    assert story["peru-again"] != story["peru-a"]


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0], [2, 0, 4, 6, 1, 3, 7, 5]])
def test_incremental_assignment_equals_batch(order: list[int]) -> None:
    articles = [CORPUS[i] for i in order]
    in_date_order = sorted(articles, key=lambda a: a.published or "")
    # IDF fitted on the batch first: feeding one at a time gives the batch's stories.
    grouper = StoryGrouper(frequencies=DocumentFrequencies.fit(articles), learn=False)
    one_by_one = {a.article: a.story for a in (grouper.add(article) for article in in_date_order)}
    assert one_by_one == labels(group_articles(articles, fit=True))
    # IDF learned as articles arrive: the same, against the batch that learns too.
    learning = StoryGrouper()
    assert labels(learning.add_all(in_date_order)) == labels(group_articles(articles, fit=False))


@pytest.mark.parametrize("threshold", [0.12])
def test_a_story_too_old_to_join_is_retired(threshold: float) -> None:
    grouper = StoryGrouper(GroupingSettings(threshold=threshold, window_days=7))
    grouper.add(PERU_A)
    later = Article(id="later", title="Budget vote delayed", text="Parliament delays the vote.", published="2024-09-01")
    grouper.add(later)
    assert grouper.stories[0].centroid == {}
    assert grouper.add(PERU_B).story != 0


@pytest.mark.parametrize(
    ("gap", "expected"),
    [(None, 1.0), (0, 1.0), (7, 1.0), (14, 0.5), (21, 0.25)],
)
def test_time_discount_halves_each_window_past_the_first(gap: float | None, expected: float) -> None:
    assert time_discount(gap, 7) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("launches", "launched", "launch"), True),
        (("seize", "seized", "seizes"), True),
        (("identified", "identify"), True),
        (("Korea's", "korea"), True),
        (("satellite", "satire"), False),
    ],
)
def test_stem_brings_inflections_together(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w.lower()) for w in words}) == 1) is same


@pytest.mark.parametrize("title", ["Floods hit Porto Alegre"])
def test_title_and_name_runs_weigh_in(title: str) -> None:
    weights = term_weights(Article(id="x", title=title, text="Rain kept falling in Porto Alegre."), GroupingSettings())
    assert f"{stem('porto')}_{stem('alegre')}" in weights
    assert weights[stem("floods")] > weights[stem("rain")]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"dId": "d1", "title": "T", "description": "Lead.", "text": "Body.", "date_publish": "2017-12-30T00:00:00"},
            Article(id="d1", title="T", text="Lead.\nBody.", published="2017-12-30T00:00:00"),
        ),
        (
            {"id": "a", "text": "Body.", "published": "2024-01-02"},
            Article(id="a", title=None, text="Body.", published="2024-01-02"),
        ),
    ],
)
def test_records_in_either_shape_become_articles(record: dict[str, str], expected: Article) -> None:
    assert article_from_record(record, "f:1") == expected


@pytest.mark.parametrize("record", [{"text": "no id"}, {"id": "x", "text": "  "}])
def test_unusable_record_raises_input_error(record: dict[str, str]) -> None:
    with pytest.raises(InputError):
        article_from_record(record, "f:1")
