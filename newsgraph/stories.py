"""Stories in the store: stored articles grouped by the real-world event they report, and the
events of a story counted across its articles (one event, several sources: GDELT's NumArticles).

:func:`cluster_documents` runs after each stored batch, like resolution. It applies the story
clusterer's rule (``newsgraph.cluster``: mean cosine similarity of the article's TF-IDF vector to
a story's articles, discounted by the time gap, against the tuned threshold), on state kept in
the store, so that clustering goes on across ingest runs without replaying the past:

- ``stories.centroid``: the sum of the story's unit vectors (dot / size = mean cosine);
- ``story_terms``: how many clustered articles hold each term (the IDF grows with the store);
- only stories whose last article is recent enough to be joined at all are read (the same
  horizon after which :class:`newsgraph.cluster.StoryClusterer` retires a story), so a batch
  costs what its time window holds, not the whole store.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.cluster import Article, ClusterSettings, DocumentFrequencies, parse_day, term_weights, time_discount
from newsgraph.errors import NotFound, StoreError
from newsgraph.store import schema
from newsgraph.store.actors import actor_links, actors
from newsgraph.store.store import serialize
from newsgraph.store.stories import stories, story_articles, story_terms

CHUNK = 500
REFIT_BELOW = 300
"""Up to this many stored documents, each batch regroups them all (see :func:`cluster_documents`)."""


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
        if day is None or self.first is None or self.last is None:
            return None
        if day < self.first:
            return float((self.first - day).days)
        if day > self.last:
            return float((day - self.last).days)
        return 0.0


@dataclass
class StoryReport:
    documents: int = 0
    new_stories: int = 0
    joined: int = 0
    candidates: int = 0
    """Stories read from the store (those within the time horizon of the batch)."""


def horizon_days(settings: ClusterSettings) -> float:
    """Gap beyond which even an identical article could not join a story (see ``StoryClusterer``)."""
    if settings.threshold <= 0:
        return math.inf
    return settings.window_days * (1 + math.log2(1 / settings.threshold))


def _unit(weights: dict[str, float], frequencies: DocumentFrequencies) -> dict[str, float]:
    vector = {t: w * frequencies.idf(t) for t, w in weights.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


@dataclass
class _Active:
    """The stories one process read for its last batch, reused by its next batch while nobody
    else has clustered in between (``total`` still counts every clustered article)."""

    total: int
    oldest: str
    stories: list[_Stored]
    postings: dict[str, set[int]]


_ACTIVE: dict[str, _Active] = {}
_PENDING: dict[str, _Active] = {}


def cluster_in(
    conn: Connection,
    doc_ids: Sequence[str],
    settings: ClusterSettings | None = None,
    report: StoryReport | None = None,
    *,
    cache_key: str | None = None,
) -> StoryReport:
    """Assign the documents ``doc_ids`` (those not in a story yet) to stories, in date order."""
    settings = settings or ClusterSettings()
    report = report or StoryReport()
    d = schema.documents
    rows = []
    for start in range(0, len(doc_ids), CHUNK):
        chunk = list(doc_ids[start : start + CHUNK])
        done = {r[0] for r in conn.execute(select(story_articles.c.doc_id).where(story_articles.c.doc_id.in_(chunk)))}
        q = select(d.c.id, d.c.title, d.c.text, d.c.published, d.c.previous_id).where(
            d.c.id.in_(chunk), d.c.current.is_(True)
        )
        rows += [r for r in conn.execute(q) if r.id not in done]
    if not rows:
        return report
    _forget(conn, [r.previous_id for r in rows if r.previous_id])
    articles = [Article(id=r.id, text=r.text, title=r.title, published=r.published) for r in rows]
    days = {a.id: parse_day(a.published) for a in articles}
    articles.sort(key=lambda a: (days[a.id] is None, days[a.id] or date.min))
    weights = {a.id: term_weights(a, settings) for a in articles}

    terms = sorted({t for w in weights.values() for t in w})
    counts: dict[str, int] = {}
    for start in range(0, len(terms), CHUNK):
        for term, n in conn.execute(
            select(story_terms.c.term, story_terms.c.documents).where(
                story_terms.c.term.in_(terms[start : start + CHUNK])
            )
        ):
            counts[term] = n
    known_terms = set(counts)
    total = int(conn.execute(select(func.count()).select_from(story_articles)).scalar_one())
    frequencies = DocumentFrequencies(documents=total, counts=counts)

    dated = [day for day in days.values() if day is not None]
    horizon = horizon_days(settings)
    oldest = (min(dated) - timedelta(days=math.ceil(horizon))).isoformat() if dated and horizon != math.inf else ""
    cached = _ACTIVE.get(cache_key) if cache_key else None
    if cached is not None and cached.total == total and cached.oldest <= oldest:
        active, postings = cached.stories, cached.postings
    else:
        q = select(stories)
        if oldest:
            q = q.where(or_(stories.c.last_date.is_(None), stories.c.last_date >= oldest))
        q = q.order_by(stories.c.id.desc()).limit(settings.max_active)
        active = []
        for r in conn.execute(q):
            active.append(
                _Stored(
                    r.id, dict(r.centroid or {}), r.articles, parse_day(r.first_date), parse_day(r.last_date), r.title
                )
            )
        active.reverse()  # oldest first, as they were created
        report.candidates += len(active)
        postings = _postings(active)

    members: list[tuple[str, int, float]] = []
    for article in articles:
        day = days[article.id]
        frequencies.add(weights[article.id])
        vector = _unit(weights[article.id], frequencies)
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
            result = conn.execute(insert(stories), _story_row(story))
            key = result.inserted_primary_key
            assert key is not None
            story.id = int(key[0])
    updates = [{"story_id": s.id, **_story_row(s)} for s in active if s.changed and s.id is not None]
    if updates:
        values: dict[str, Any] = {k: bindparam(k) for k in updates[0] if k != "story_id"}
        conn.execute(update(stories).where(stories.c.id == bindparam("story_id")).values(**values), updates)
    conn.execute(
        insert(story_articles),
        [{"doc_id": doc, "story_id": active[i].id, "similarity": sim} for doc, i, sim in members],
    )
    fresh = Counter(t for w in weights.values() for t in w)
    # ``counts`` is the frequencies' own table: it already holds this batch's articles
    old = [{"t": t, "n": counts[t]} for t in fresh if t in known_terms]
    new = [{"term": t, "documents": counts[t]} for t in fresh if t not in known_terms]
    if old:
        conn.execute(
            update(story_terms).where(story_terms.c.term == bindparam("t")).values(documents=bindparam("n")), old
        )
    for start in range(0, len(new), CHUNK):
        conn.execute(insert(story_terms), new[start : start + CHUNK])
    if cache_key:
        # kept for the next batch once this one is committed (see ``cluster_documents``), the
        # most recent ``max_active`` stories only, like a fresh read
        if len(active) > settings.max_active:
            active = active[-settings.max_active :]
            postings = _postings(active)
        _PENDING[cache_key] = _Active(total + len(articles), oldest, active, postings)
    return report


def _postings(active: list[_Stored]) -> defaultdict[str, set[int]]:
    """Term -> positions in ``active`` of the stories whose centroid holds it."""
    postings: defaultdict[str, set[int]] = defaultdict(set)
    for i, story in enumerate(active):
        for term in story.centroid:
            postings[term].add(i)
    return postings


def _forget(conn: Connection, doc_ids: list[str]) -> None:
    """Take replaced versions of documents out of their stories (the count; the centroid keeps
    their words, close to the new version's)."""
    if not doc_ids:
        return
    gone = conn.execute(
        select(story_articles.c.story_id, func.count())
        .where(story_articles.c.doc_id.in_(doc_ids))
        .group_by(story_articles.c.story_id)
    ).all()
    conn.execute(delete(story_articles).where(story_articles.c.doc_id.in_(doc_ids)))
    for story_id, n in gone:
        conn.execute(update(stories).where(stories.c.id == story_id).values(articles=stories.c.articles - n))
    _ACTIVE.clear()


def _headline(article: Article) -> str:
    """The article's title, else the start of its first line (plain-text files have no title)."""
    if article.title:
        return article.title
    line = article.text.strip().split("\n", 1)[0]
    return line if len(line) <= 90 else line[:89].rsplit(" ", 1)[0] + "…"


def _story_row(story: _Stored) -> dict[str, Any]:
    return {
        "title": story.title,
        "first_date": story.first.isoformat() if story.first else None,
        "last_date": story.last.isoformat() if story.last else None,
        "articles": story.size,
        "centroid": {t: round(v, 6) for t, v in story.centroid.items()},
    }


def cluster_documents(
    engine: Engine, doc_ids: Sequence[str], settings: ClusterSettings | None = None, *, refit_below: int = REFIT_BELOW
) -> StoryReport:
    """Assign stored documents to stories, in one transaction (called after each stored batch).

    While the store holds fewer than ``refit_below`` documents, every document is grouped again
    (:func:`recluster`): an IDF learned from a handful of articles gives their shared words no
    weight, so the first articles of a store would never meet. Beyond it, batches go on
    incrementally."""
    if not doc_ids:
        return StoryReport()
    try:
        if refit_below > 0:
            with engine.connect() as conn:
                stored = conn.execute(
                    select(func.count()).select_from(schema.documents).where(schema.documents.c.current.is_(True))
                ).scalar_one()
            if stored <= refit_below:
                return recluster(engine, settings)
        key = engine.url.render_as_string(hide_password=False)
        try:
            with engine.begin() as conn:
                serialize(conn, "newsgraph-stories")  # one process at a time reads and updates stories
                report = cluster_in(conn, doc_ids, settings, cache_key=key)
        except BaseException:
            _ACTIVE.pop(key, None)  # the cached stories may hold this batch's uncommitted changes
            _PENDING.pop(key, None)
            raise
        if key in _PENDING:
            _ACTIVE[key] = _PENDING.pop(key)
        return report
    except SQLAlchemyError as exc:
        raise StoreError(f"could not group documents into stories: {exc}") from exc


def cluster_pending(engine: Engine, batch_size: int = 200) -> StoryReport:
    """Assign every current document not in a story yet (oldest first)."""
    d = schema.documents
    q = (
        select(d.c.id)
        .outerjoin(story_articles, story_articles.c.doc_id == d.c.id)
        .where(d.c.current.is_(True), story_articles.c.doc_id.is_(None))
        .order_by(d.c.published, d.c.seq)
    )
    with engine.connect() as conn:
        pending = [r[0] for r in conn.execute(q)]
    report = StoryReport()
    for start in range(0, len(pending), batch_size):
        with engine.begin() as conn:
            serialize(conn, "newsgraph-stories")  # one process at a time reads and updates stories
            cluster_in(conn, pending[start : start + batch_size], report=report)
    return report


def recluster(engine: Engine, settings: ClusterSettings | None = None) -> StoryReport:
    """Group every current document again, as ``newsgraph cluster`` does a file: the IDF fitted on
    all of them and the articles fed in date order (what streaming in arrival order cannot do),
    then keep the state that lets later batches go on incrementally."""
    from newsgraph.cluster import cluster_articles

    settings = settings or ClusterSettings()
    d = schema.documents
    report = StoryReport()
    with engine.begin() as conn:
        serialize(conn, "newsgraph-stories")  # one process at a time reads and updates stories
        rows = conn.execute(
            select(d.c.id, d.c.title, d.c.text, d.c.published).where(d.c.current.is_(True)).order_by(d.c.seq)
        ).all()
        articles = [Article(id=r.id, text=r.text, title=r.title, published=r.published) for r in rows]
        assignments = cluster_articles(articles, settings)
        weights = {a.id: term_weights(a, settings) for a in articles}
        frequencies = DocumentFrequencies()
        for w in weights.values():
            frequencies.add(w)
        grouped: dict[int, _Stored] = {}
        for article, assignment in zip(articles, assignments, strict=True):
            story = grouped.setdefault(assignment.story, _Stored(None, {}, 0, None, None, None, changed=True))
            for term, value in _unit(weights[article.id], frequencies).items():
                story.centroid[term] = story.centroid.get(term, 0.0) + value
            story.size += 1
            day = parse_day(article.published)
            if day is not None:
                story.first = day if story.first is None else min(story.first, day)
                story.last = day if story.last is None else max(story.last, day)
            story.title = story.title or _headline(article)
        for table in (story_articles, story_terms, stories):
            conn.execute(delete(table))
        _ACTIVE.clear()
        ids: dict[int, int] = {}
        for number, story in sorted(grouped.items()):
            key = conn.execute(insert(stories), _story_row(story)).inserted_primary_key
            assert key is not None
            ids[number] = int(key[0])
        links = [
            {"doc_id": a.article, "story_id": ids[a.story], "similarity": round(a.similarity, 4)} for a in assignments
        ]
        for start in range(0, len(links), CHUNK):
            conn.execute(insert(story_articles), links[start : start + CHUNK])
        terms = [{"term": t, "documents": n} for t, n in frequencies.counts.items()]
        for start in range(0, len(terms), CHUNK):
            conn.execute(insert(story_terms), terms[start : start + CHUNK])
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
    q = (
        select(stories.c.id, stories.c.title, stories.c.first_date, stories.c.last_date, stories.c.articles)
        .where(stories.c.articles >= min_articles)
        .order_by(stories.c.articles.desc(), stories.c.last_date.desc(), stories.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def story_of(engine: Engine, doc_id: str) -> int | None:
    with engine.connect() as conn:
        row = conn.execute(select(story_articles.c.story_id).where(story_articles.c.doc_id == doc_id)).first()
    return int(row[0]) if row else None


def story_details(engine: Engine, story_id: int) -> tuple[dict[str, Any], list[dict[str, Any]], list[StoryEvent]]:
    """The story, its articles, and its events counted across articles.

    Events of different articles are one event when they have the same type and the same
    resolved source and target actors (an unresolved argument counts by its text).
    """
    d, v, a = schema.documents, schema.events, schema.event_args
    with engine.connect() as conn:
        row = conn.execute(
            select(stories.c.id, stories.c.title, stories.c.first_date, stories.c.last_date, stories.c.articles).where(
                stories.c.id == story_id
            )
        ).first()
        if row is None:
            raise NotFound("story", str(story_id))
        story = dict(row._mapping)
        members = [
            dict(r._mapping)
            for r in conn.execute(
                select(d.c.id, d.c.title, d.c.source, d.c.published, story_articles.c.similarity)
                .join(story_articles, story_articles.c.doc_id == d.c.id)
                .where(story_articles.c.story_id == story_id)
                .order_by(d.c.published, d.c.seq)
            )
        ]
        doc_ids = [m["id"] for m in members]
        sources = {m["id"]: m["source"] or m["id"] for m in members}
        args: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        q = (
            select(a.c.doc_id, a.c.event_id, a.c.role, a.c.text, actors.c.name)
            .outerjoin(actor_links, and_(actor_links.c.doc_id == a.c.doc_id, actor_links.c.entity_id == a.c.entity))
            .outerjoin(actors, actors.c.id == actor_links.c.actor_id)
            .where(a.c.doc_id.in_(doc_ids))
            .order_by(a.c.doc_id, a.c.event_id, a.c.seq)
        )
        for r in conn.execute(q):
            args[(r.doc_id, r.event_id)][r.role].append(r.name or r.text)
        grouped: dict[tuple[Any, ...], StoryEvent] = {}
        q2 = (
            select(v.c.doc_id, v.c.id, v.c.type, v.c.cameo, v.c.date_value, v.c.trigger, v.c.sentence, v.c.modality)
            .where(v.c.doc_id.in_(doc_ids))
            .order_by(v.c.doc_id, v.c.id)
        )
        for ev in conn.execute(q2):
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
    return story, members, events


def stories_of(engine: Engine, doc_ids: Iterable[str]) -> dict[str, int]:
    wanted = list(doc_ids)
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            q = select(story_articles.c.doc_id, story_articles.c.story_id).where(
                story_articles.c.doc_id.in_(wanted[start : start + CHUNK])
            )
            out.update({r[0]: int(r[1]) for r in conn.execute(q)})
    return out
