"""Stories in the store: stored articles grouped by the real-world event they report, and the
events of a story counted across its articles (one event, several sources: GDELT's NumArticles).

:func:`group_documents` runs after each stored batch, like resolution. It applies the story
grouping rule (``newsgraph.grouping``: mean cosine similarity of the article's TF-IDF vector to
a story's articles, discounted by the time gap, against the tuned threshold), on state kept in
the store, so that grouping goes on across ingest runs without replaying the past:

- ``stories.centroid``: the sum of the story's unit vectors (dot / size = mean cosine);
- ``story_terms``: how many grouped articles hold each term (the IDF grows with the store);
- only stories whose last article is recent enough to be joined at all are read (the same
  horizon after which :class:`newsgraph.grouping.StoryGrouper` retires a story), so a batch
  costs what its time window holds, not the whole store.

This module is the logic only: every query (the documents to group, the stories still open, the
term counts, a story's articles and events) is a function of ``newsgraph.store.stories``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgraph.errors import NotFound
from newsgraph.grouping import (
    Article,
    DocumentFrequencies,
    GroupingSettings,
    date_gap,
    group_articles,
    parse_day,
    term_weights,
    time_discount,
    unit_vector,
)
from newsgraph.store import Engine, Tx, begin, connect
from newsgraph.store import stories as store
from newsgraph.store.store import serialize
from newsgraph.store.stories import ArticleText, StoryState

REFIT_BELOW = 300
"""Up to this many stored documents, batches regroup them all (see :func:`group_documents`)."""
REFIT_ALWAYS = 64
"""Up to this many, every batch regroups them all; beyond, only a batch that doubles the store."""


def _refits(before: int, after: int, refit_below: int) -> bool:
    """Whether a batch that brings the store from ``before`` to ``after`` documents regroups them
    all: every batch of a very small store, then each batch that crosses a power of two or
    ``refit_below`` itself, so the work stays linear in the documents stored."""
    if refit_below <= 0 or before >= refit_below:
        return False
    if after <= min(REFIT_ALWAYS, refit_below) or after >= refit_below:
        return True
    return max(before, 1).bit_length() < after.bit_length()


@dataclass
class _Stored:
    id: int | None
    centroid: dict[str, float]
    size: int
    first: date | None
    last: date | None
    title: str | None
    changed: bool = False

    def gap(self, day: date | None) -> float | None:
        return date_gap(day, self.first, self.last)


@dataclass
class StoryReport:
    documents: int = 0
    new_stories: int = 0
    joined: int = 0
    candidates: int = 0
    """Stories read from the store (those within the time horizon of the batch)."""


def horizon_days(settings: GroupingSettings) -> float:
    """Gap beyond which even an identical article could not join a story (see ``StoryGrouper``)."""
    if settings.threshold <= 0:
        return math.inf
    return settings.window_days * (1 + math.log2(1 / settings.threshold))


@dataclass
class _Active:
    """The stories one process read for its last batch, reused by its next batch while nobody
    else has grouped in between (``total`` still counts every clustered article)."""

    total: int
    oldest: str
    stories: list[_Stored]
    postings: dict[str, set[int]]


_ACTIVE: dict[str, _Active] = {}
_PENDING: dict[str, _Active] = {}


def group_in(
    conn: Tx,
    doc_ids: Sequence[str],
    settings: GroupingSettings | None = None,
    report: StoryReport | None = None,
    *,
    cache_key: str | None = None,
) -> StoryReport:
    """Assign the documents ``doc_ids`` (those not in a story yet) to stories, in date order."""
    settings = settings or GroupingSettings()
    report = report or StoryReport()
    rows = store.ungrouped_documents(conn, doc_ids)
    if not rows:
        return report
    _forget(conn, [r.previous_id for r in rows if r.previous_id])
    articles = [_article(r) for r in rows]
    days = {a.id: parse_day(a.published) for a in articles}
    articles.sort(key=lambda a: (days[a.id] is None, days[a.id] or date.min))
    weights = {a.id: term_weights(a, settings) for a in articles}

    terms = sorted({t for w in weights.values() for t in w})
    counts = store.term_counts(conn, terms)
    known_terms = set(counts)
    total = store.grouped_articles(conn)
    frequencies = DocumentFrequencies(documents=total, counts=counts)

    dated = [day for day in days.values() if day is not None]
    horizon = horizon_days(settings)
    oldest = (min(dated) - timedelta(days=math.ceil(horizon))).isoformat() if dated and horizon != math.inf else ""
    cached = _ACTIVE.get(cache_key) if cache_key else None
    if cached is not None and cached.total == total and cached.oldest <= oldest:
        active, postings = cached.stories, cached.postings
    else:
        # each record is read fresh for this batch: its centroid becomes the story's own
        active = [
            _Stored(r.id, r.centroid, r.articles, parse_day(r.first_date), parse_day(r.last_date), r.title)
            for r in store.open_stories(conn, oldest, settings.max_active)
        ]
        report.candidates += len(active)
        postings = _postings(active)

    members: list[tuple[str, int, float]] = []
    for article in articles:
        day = days[article.id]
        frequencies.add(weights[article.id])
        vector = unit_vector(weights[article.id], frequencies)
        dots: dict[int, float] = defaultdict(float)
        for term, value in vector.items():
            for i in postings.get(term, ()):
                dots[i] += value * active[i].centroid[term]
        best, best_score = -1, -1.0
        for i, dot in dots.items():
            score = dot / active[i].size * time_discount(active[i].gap(day), settings.window_days)
            if score > best_score or (score == best_score and i < best):
                best, best_score = i, score
        if best < 0 or best_score < settings.threshold:
            active.append(_Stored(None, {}, 0, None, None, _headline(article), changed=True))
            best, best_score = len(active) - 1, 0.0
            report.new_stories += 1
        else:
            report.joined += 1
        story = active[best]
        for term, value in vector.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + value
            postings[term].add(best)
        story.size += 1
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
        story.title = story.title or _headline(article)
        story.changed = True
        members.append((article.id, best, round(best_score, 4)))
        report.documents += 1

    for story in active:
        if story.changed and story.id is None:
            story.id = store.add_story(conn, _state(story))
    store.update_stories(conn, [_state(s) for s in active if s.changed and s.id is not None])
    store.add_articles(conn, [(doc, _number(active[i]), sim) for doc, i, sim in members])
    fresh = Counter(t for w in weights.values() for t in w)
    # ``counts`` is the frequencies' own table: it already holds this batch's articles
    store.save_term_counts(
        conn,
        known={t: counts[t] for t in fresh if t in known_terms},
        new={t: counts[t] for t in fresh if t not in known_terms},
    )
    if cache_key:
        # kept for the next batch once this one is committed (see ``group_documents``), the
        # most recent ``max_active`` stories only, like a fresh read
        if len(active) > settings.max_active:
            active = active[-settings.max_active :]
            postings = _postings(active)
        _PENDING[cache_key] = _Active(total + len(articles), oldest, active, postings)
    return report


def _article(row: ArticleText) -> Article:
    return Article(id=row.id, text=row.text, title=row.title, published=row.published)


def _postings(active: list[_Stored]) -> defaultdict[str, set[int]]:
    """Term -> positions in ``active`` of the stories whose centroid holds it."""
    postings: defaultdict[str, set[int]] = defaultdict(set)
    for i, story in enumerate(active):
        for term in story.centroid:
            postings[term].add(i)
    return postings


def _forget(conn: Tx, doc_ids: list[str]) -> None:
    """Take replaced versions of documents out of their stories (the count; the centroid keeps
    their words, close to the new version's)."""
    if not doc_ids:
        return
    store.remove_articles(conn, doc_ids)
    _ACTIVE.clear()


def _headline(article: Article) -> str:
    """The article's title, else the start of its first line (plain-text files have no title)."""
    if article.title:
        return article.title
    line = article.text.strip().split("\n", 1)[0]
    return line if len(line) <= 90 else line[:89].rsplit(" ", 1)[0] + "…"


def _state(story: _Stored) -> StoryState:
    """What the store keeps of a story."""
    return StoryState(
        id=story.id,
        title=story.title,
        first_date=story.first.isoformat() if story.first else None,
        last_date=story.last.isoformat() if story.last else None,
        articles=story.size,
        centroid={t: round(v, 6) for t, v in story.centroid.items()},
    )


def _number(story: _Stored) -> int:
    assert story.id is not None  # every story with a new member was stored first
    return story.id


def group_documents(
    engine: Engine, doc_ids: Sequence[str], settings: GroupingSettings | None = None, *, refit_below: int = REFIT_BELOW
) -> StoryReport:
    """Assign stored documents to stories, in one transaction (called after each stored batch).

    While the store is small, every document is grouped again (:func:`regroup`): an IDF learned
    from a handful of articles gives their shared words no weight, so the first articles of a
    store would never meet. That happens after every batch up to :data:`REFIT_ALWAYS` documents,
    then after each batch that doubles the store, up to ``refit_below``; other batches go on
    incrementally."""
    if not doc_ids:
        return StoryReport()
    with store.story_errors("could not group documents into stories"):
        stored = store.current_documents_stored(engine)
        if _refits(stored - len(doc_ids), stored, refit_below):
            return regroup(engine, settings)
        key = store.store_key(engine)
        try:
            with begin(engine) as conn:
                serialize(conn, "newsgraph-stories")  # one process at a time reads and updates stories
                report = group_in(conn, doc_ids, settings, cache_key=key)
        except BaseException:
            _ACTIVE.pop(key, None)  # the cached stories may hold this batch's uncommitted changes
            _PENDING.pop(key, None)
            raise
        if key in _PENDING:
            _ACTIVE[key] = _PENDING.pop(key)
        return report


def group_pending(engine: Engine, batch_size: int = 200) -> StoryReport:
    """Assign every current document not in a story yet (oldest first)."""
    pending = store.ungrouped_document_ids(engine)
    report = StoryReport()
    for start in range(0, len(pending), batch_size):
        with begin(engine) as conn:
            serialize(conn, "newsgraph-stories")  # one process at a time reads and updates stories
            group_in(conn, pending[start : start + batch_size], report=report)
    return report


def regroup(engine: Engine, settings: GroupingSettings | None = None) -> StoryReport:
    """Group every current document again, as ``newsgraph group`` does a file: the IDF fitted on
    all of them and the articles fed in date order (what streaming in arrival order cannot do),
    then keep the state that lets later batches go on incrementally."""
    settings = settings or GroupingSettings()
    report = StoryReport()
    with begin(engine) as conn:
        serialize(conn, "newsgraph-stories")  # one process at a time reads and updates stories
        articles = [_article(r) for r in store.current_documents(conn)]
        assignments = group_articles(articles, settings)
        weights = {a.id: term_weights(a, settings) for a in articles}
        frequencies = DocumentFrequencies()
        for w in weights.values():
            frequencies.add(w)
        grouped: dict[int, _Stored] = {}
        for article, assignment in zip(articles, assignments, strict=True):
            story = grouped.setdefault(assignment.story, _Stored(None, {}, 0, None, None, None, changed=True))
            for term, value in unit_vector(weights[article.id], frequencies).items():
                story.centroid[term] = story.centroid.get(term, 0.0) + value
            story.size += 1
            day = parse_day(article.published)
            if day is not None:
                story.first = day if story.first is None else min(story.first, day)
                story.last = day if story.last is None else max(story.last, day)
            story.title = story.title or _headline(article)
        store.clear_stories(conn)
        _ACTIVE.clear()
        ids = {number: store.add_story(conn, _state(story)) for number, story in sorted(grouped.items())}
        store.add_articles(conn, [(a.article, ids[a.story], round(a.similarity, 4)) for a in assignments])
        store.save_term_counts(conn, known={}, new=dict(frequencies.counts))
    report.documents = len(articles)
    report.new_stories = len(grouped)
    report.joined = len(articles) - len(grouped)
    return report


# -- reading -------------------------------------------------------------------------------------


@dataclass
class StoryEvent:
    """One event reported by several articles of a story: counted once, every source kept."""

    type: str
    cameo: str | None
    source: str | None
    target: str | None
    date: str | None
    articles: int
    sources: list[str]
    mentions: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "cameo": self.cameo,
            "source": self.source,
            "target": self.target,
            "date": self.date,
            "articles": self.articles,
            "sources": self.sources,
            "mentions": self.mentions,
        }


def list_stories(engine: Engine, *, limit: int = 50, min_articles: int = 1) -> list[dict[str, Any]]:
    """The largest stories of at least ``min_articles`` articles (id, title, dates, articles)."""
    return [s.to_dict() for s in store.list_stories(engine, limit=limit, min_articles=min_articles)]


def story_of(engine: Engine, doc_id: str) -> int | None:
    """The number of the story holding the document, None when it is in none."""
    return store.story_of(engine, doc_id)


def story_details(engine: Engine, story_id: int) -> tuple[dict[str, Any], list[dict[str, Any]], list[StoryEvent]]:
    """The story, its articles, and its events counted across articles.

    Events of different articles are one event when they have the same type and the same
    resolved source and target actors (an unresolved argument counts by its text).
    """
    with connect(engine) as conn:
        head = store.story_summary(conn, story_id)
        if head is None:
            raise NotFound("story", str(story_id))
        members = [m.to_dict() for m in store.story_articles_of(conn, story_id)]
        doc_ids = [m["id"] for m in members]
        arguments = store.event_arguments(conn, doc_ids)
        found = store.article_events(conn, doc_ids)
    sources = {m["id"]: m["source"] or m["id"] for m in members}
    args: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in arguments:
        args[(r.doc_id, r.event_id)][r.role].append(r.actor or r.text)
    grouped: dict[tuple[Any, ...], StoryEvent] = {}
    for ev in found:
        roles = args.get((ev.doc_id, ev.id), {})
        src = next(iter(roles.get("source", [])), None)
        tgt = next(iter(roles.get("target") or roles.get("participant") or []), None)
        key = (ev.type, src, tgt)
        event = grouped.get(key)
        if event is None:
            event = grouped[key] = StoryEvent(ev.type, ev.cameo, src, tgt, ev.date_value, 0, [])
        if not any(m["document"] == ev.doc_id for m in event.mentions):
            event.articles += 1
            if sources[ev.doc_id] not in event.sources:
                event.sources.append(sources[ev.doc_id])
        event.date = event.date or ev.date_value
        event.mentions.append(
            {
                "document": ev.doc_id,
                "event": ev.id,
                "trigger": (ev.trigger or {}).get("text"),
                "sentence": ev.sentence,
                "modality": ev.modality,
            }
        )
    events = sorted(grouped.values(), key=lambda e: (-e.articles, e.type))
    return head.to_dict(), members, events


def stories_of(engine: Engine, doc_ids: Iterable[str]) -> dict[str, int]:
    """Document id -> story number, for those of ``doc_ids`` in a story."""
    return store.stories_of(engine, doc_ids)
