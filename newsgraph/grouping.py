"""Story grouping: group articles that report the same real-world event, one article at a time.

A single-pass grouping in the manner of streaming news systems (Miranda et al. 2018, "Multilingual
Clustering of Streaming News"; the TDT "first story detection" line of work): each story keeps a
centroid (sum) of its articles' unit TF-IDF vectors and the span of their dates; a new article joins
the story whose members it resembles most on average (the centroid's dot product over the story's
size: average linkage, which keeps a broad story from swallowing every article on its subject),
when that mean similarity clears one threshold, or opens a new story.

- **Content**: sublinear term frequencies of lower-cased, lightly stemmed words and numbers, stop
  words removed; title words weigh more (``title_weight``); name-like tokens (capitalised inside a
  sentence, acronyms) also yield their runs as one term (``north_korea``), and can be weighted up
  (``name_weight``; 1.0 by default: on the development set weighting them up merged different
  events about the same actors, e.g. two North Korea stories of the same week). Weights are
  multiplied by an inverse document frequency kept in :class:`DocumentFrequencies`, fitted on a
  batch or grown as articles arrive.
- **Time**: similarity is discounted by the gap between the article's date and the story's dates:
  no discount inside ``window_days``, then halved every further ``window_days``. Articles or
  stories without a date are not discounted. Stories whose last article is so old that even an
  identical article could not reach the threshold are retired from the candidate list, so the work
  per article stays bounded by the stories active around its date, not by everything seen.

Pure: no I/O. ``newsgraph group`` (newsgraph/cli/group.py) reads and writes the files.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from newsgraph.errors import InputError
from newsgraph.records import Document

__all__ = [
    "Article",
    "Assignment",
    "DocumentFrequencies",
    "GroupingSettings",
    "StoryGrouper",
    "article_from_record",
    "date_gap",
    "group_articles",
    "term_weights",
    "unit_vector",
]


@dataclass(frozen=True)
class Article:
    """What the clusterer needs of one article."""

    id: str
    text: str
    """Body text (a description or lead, when separate, may be prepended by the caller)."""
    title: str | None = None
    published: str | None = None
    """Publication date, ``YYYY-MM-DD`` (longer ISO timestamps are cut to the date) or None."""

    @classmethod
    def from_document(cls, document: Document) -> Article:
        return cls(id=document.id, text=document.text, title=document.title, published=document.published)


@dataclass(frozen=True)
class GroupingSettings:
    """The few parameters of story grouping; the defaults are the tuned ones."""

    threshold: float = 0.10
    """Least (time-discounted) mean cosine similarity to a story's articles for an article to join it."""
    window_days: float = 90.0
    """Gap (days) between an article and a story's dates within which time does not count against
    them; beyond it, similarity halves every further ``window_days``."""
    title_weight: float = 3.0
    """How much a word in the title counts against one in the body."""
    name_weight: float = 1.0
    """How much a name-like token (capitalised mid-sentence, acronym, run of capitalised words)
    counts against an ordinary word."""
    max_active: int = 2000
    """Most stored stories an incoming article is compared with: the most recently started of
    those inside the time window. Keeps an ingest's memory flat on long runs, above all on
    undated corpora, where no story ever leaves the window."""


@dataclass(frozen=True)
class Assignment:
    """Where one article went."""

    article: str
    """The article's id."""
    story: int
    """The story's number, 0, 1, 2... in order of creation."""
    similarity: float
    """Time-discounted cosine similarity to the story it joined; 0.0 when it opened a new one."""


# --- Content ---------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|\d[\d.,]*\d|\d", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”\n|•·]")


@cache
def stop_words() -> frozenset[str]:
    """The stop-word list, ``newsgraph/data/stopwords-en.txt``, read once per process."""
    text = resources.files("newsgraph").joinpath("data/stopwords-en.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_DOUBLED = re.compile(r"([bdfgkmnprt])\1$")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix strip (plurals, possessives, -ed, -ing, final -e), so that
    "launches", "launched" and "launch" or "seize" and "seized" meet; not a full Porter stemmer."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("us", "ss", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) >= 7:
        word = _DOUBLED.sub(r"\1", word[:-3])
    elif word.endswith("ed") and len(word) >= 6:
        word = _DOUBLED.sub(r"\1", word[:-2])
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _terms(text: str) -> tuple[list[str], list[str]]:
    """Ordinary terms and name-like terms of ``text`` (a name run also yields its joined form)."""
    stops = stop_words()
    words: list[str] = []
    names: list[str] = []
    run: list[str] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        token = match.group()
        possessive = _POSSESSIVE.search(token) is not None
        if possessive:
            token = _POSSESSIVE.sub("", token)
        lower = token.lower().replace(",", "")
        gap = text[previous_end : match.start()]
        sentence_start = previous_end == 0 or bool(_SENTENCE_BREAK.search(gap))
        previous_end = match.end()
        acronym = len(token) >= 2 and token.isupper()
        capitalised = token[0].isupper() and not sentence_start
        if (lower in stops and not acronym) or len(lower) < 2:
            _flush(run, names)
            continue
        term = stem(lower)
        if acronym or capitalised:
            if run and gap.strip():
                _flush(run, names)
            run.append(term)
            names.append(term)
            if possessive:
                _flush(run, names)
        else:
            _flush(run, names)
            words.append(term)
    _flush(run, names)
    return words, names


def _flush(run: list[str], names: list[str]) -> None:
    if len(run) > 1:
        names.append("_".join(run))
    run.clear()


def term_weights(article: Article, settings: GroupingSettings) -> dict[str, float]:
    """Sublinear term frequencies of ``article``, title and name-like terms weighted up (no IDF)."""
    return dict(_term_weights(article.title or "", article.text, settings.title_weight, settings.name_weight))


@lru_cache(maxsize=4096)
def _term_weights(title: str, body: str, title_weight: float, name_weight: float) -> tuple[tuple[str, float], ...]:
    """:func:`term_weights`, kept for the articles seen last: a store regroups its first articles
    after every batch (``stories.REFIT_BELOW``), and each one's terms are read once, not each time."""
    counts: dict[str, float] = defaultdict(float)
    names: set[str] = set()
    for text, weight in ((title, title_weight), (body, 1.0)):
        words, name_terms = _terms(text)
        for term in words:
            counts[term] += weight
        for term in name_terms:
            counts[term] += weight
            names.add(term)
    return tuple(
        (term, (1.0 + math.log(count)) * (name_weight if term in names else 1.0))
        for term, count in counts.items()
        if count > 0
    )


@dataclass
class DocumentFrequencies:
    """How many articles contain each term, for inverse document frequencies.

    Fit it on a batch (:meth:`fit`), start it from the frequencies of an earlier corpus, or let
    :class:`StoryGrouper` grow it as articles arrive.
    """

    documents: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, terms: Iterable[str]) -> None:
        self.documents += 1
        for term in terms:
            self.counts[term] = self.counts.get(term, 0) + 1

    def idf(self, term: str) -> float:
        """Smoothed IDF, ``ln((1 + N) / (1 + df))``: a term found in every article weighs nothing,
        so a small batch of articles on one subject is told apart by what is not shared."""
        return math.log((1 + self.documents) / (1 + self.counts.get(term, 0)))

    @classmethod
    def fit(cls, articles: Iterable[Article], settings: GroupingSettings | None = None) -> DocumentFrequencies:
        settings = settings or GroupingSettings()
        frequencies = cls()
        for article in articles:
            frequencies.add(term_weights(article, settings))
        return frequencies


def unit_vector(weights: Mapping[str, float], frequencies: DocumentFrequencies) -> dict[str, float]:
    """The TF-IDF vector of ``weights`` (:func:`term_weights`) scaled to length 1 (empty when 0)."""
    vector = {term: w * frequencies.idf(term) for term, w in weights.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {term: v / norm for term, v in vector.items()} if norm else {}


# --- Time ------------------------------------------------------------------------------------


def parse_day(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) to a date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_gap(day: date | None, first: date | None, last: date | None) -> float | None:
    """Days from ``day`` to the span ``first``..``last`` (0 inside it); None when a date is unknown."""
    if day is None or first is None or last is None:
        return None
    if day < first:
        return float((first - day).days)
    if day > last:
        return float((day - last).days)
    return 0.0


def time_discount(gap_days: float | None, window_days: float) -> float:
    """1 within the window, then halved every further window; 1 when the gap is unknown."""
    if gap_days is None or gap_days <= window_days:
        return 1.0
    return 0.5 ** ((gap_days - window_days) / window_days)


# --- Stories ---------------------------------------------------------------------------------


@dataclass
class _Story:
    number: int
    centroid: dict[str, float] = field(default_factory=dict)
    """Sum of the members' unit TF-IDF vectors: its dot product with an article's unit vector,
    over ``size``, is the article's mean cosine similarity to the members (average linkage)."""
    size: int = 0
    first: date | None = None
    last: date | None = None

    def gap(self, day: date | None) -> float | None:
        return date_gap(day, self.first, self.last)

    def add(self, vector: Mapping[str, float], day: date | None) -> None:
        for term, value in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + value
        self.size += 1
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


class StoryGrouper:
    """Assigns articles, one at a time, to stories; keeps per-story centroids and date spans.

    ``frequencies`` gives the IDF; with ``learn=True`` (the default) each added article is
    counted into it first, so a clusterer started empty learns its vocabulary as it goes. Feed
    articles in date order: a story's time discount looks at the dates seen so far.
    """

    def __init__(
        self,
        settings: GroupingSettings | None = None,
        frequencies: DocumentFrequencies | None = None,
        *,
        learn: bool = True,
    ) -> None:
        self.settings = settings or GroupingSettings()
        self.frequencies = frequencies if frequencies is not None else DocumentFrequencies()
        self.learn = learn
        self.stories: list[_Story] = []
        self._postings: dict[str, set[int]] = defaultdict(set)
        """Term -> the active stories whose centroid holds it."""
        self._latest: date | None = None

    def add(self, article: Article) -> Assignment:
        """Assign ``article`` to its story (an existing one or a new one) and update that story."""
        return self.add_weights(article.id, term_weights(article, self.settings), parse_day(article.published))

    def add_weights(self, article: str, weights: Mapping[str, float], day: date | None) -> Assignment:
        """:meth:`add` for an article already turned into :func:`term_weights` and a date."""
        if self.learn:
            self.frequencies.add(weights)
        vector = unit_vector(weights, self.frequencies)
        self._retire(day)
        best, best_score = self._best_story(vector, day)
        if best is None or best_score < self.settings.threshold:
            best, best_score = _Story(number=len(self.stories)), 0.0
            self.stories.append(best)
        best.add(vector, day)
        for term in vector:
            self._postings[term].add(best.number)
        return Assignment(article=article, story=best.number, similarity=best_score)

    def add_all(self, articles: Iterable[Article]) -> list[Assignment]:
        return [self.add(article) for article in articles]

    def _best_story(self, vector: Mapping[str, float], day: date | None) -> tuple[_Story | None, float]:
        dots: dict[int, float] = defaultdict(float)
        for term, value in vector.items():
            for number in self._postings.get(term, ()):
                dots[number] += value * self.stories[number].centroid[term]
        best: _Story | None = None
        best_score = -1.0
        for number, dot in dots.items():
            story = self.stories[number]
            score = dot / story.size * time_discount(story.gap(day), self.settings.window_days)
            if score > best_score or (score == best_score and best is not None and number < best.number):
                best, best_score = story, score
        return best, best_score

    def _retire(self, day: date | None) -> None:
        """Drop stories from the postings once no article on or after ``day`` could join them."""
        if day is None or (self._latest is not None and day <= self._latest):
            return
        self._latest = day
        settings = self.settings
        if settings.threshold <= 0:
            return
        # discount(gap) < threshold  <=>  gap > window * (1 + log2(1 / threshold))
        horizon = settings.window_days * (1 + math.log2(1 / settings.threshold))
        for story in self.stories:
            if story.last is not None and (day - story.last).days > horizon and story.centroid:
                for term in story.centroid:
                    self._postings[term].discard(story.number)
                story.centroid = {}


def date_order(articles: Iterable[Article]) -> list[Article]:
    """Articles sorted by date (stable; undated ones last, in their input order)."""
    return sorted(articles, key=lambda a: (parse_day(a.published) is None, parse_day(a.published) or date.min))


def group_articles(
    articles: Iterable[Article],
    settings: GroupingSettings | None = None,
    *,
    fit: bool = True,
) -> list[Assignment]:
    """Group a batch: IDF fitted on the whole batch (``fit=True``), articles fed in date order.

    Returns one assignment per article, in the order the articles were given.
    """
    settings = settings or GroupingSettings()
    given = list(articles)
    weights = [term_weights(article, settings) for article in given]
    days = [parse_day(article.published) for article in given]
    frequencies = DocumentFrequencies()
    if fit:
        for w in weights:
            frequencies.add(w)
    grouper = StoryGrouper(settings, frequencies, learn=not fit)
    order = sorted(range(len(given)), key=lambda i: (days[i] is None, days[i] or date.min))
    assignments: dict[int, Assignment] = {}
    for i in order:
        assignments[i] = grouper.add_weights(given[i].id, weights[i], days[i])
    return [assignments[i] for i in range(len(given))]


# --- Reading records -------------------------------------------------------------------------

_ID_KEYS = ("id", "dId", "doc_id", "uuid")
_DATE_KEYS = ("published", "date_publish", "date", "published_at", "date_modify")
_LEAD_KEYS = ("description", "summary", "lead")


def article_from_record(record: Mapping[str, Any], origin: str) -> Article:
    """An :class:`Article` from one JSON object: the contract's ``{id, text, title, published}``
    or a news-please style record (``dId``, ``date_publish``, ``description``).

    Raises :class:`InputError` (naming ``origin``) when the record has no id or no text at all.
    """
    identifier = next((record[k] for k in _ID_KEYS if record.get(k) not in (None, "")), None)
    if identifier is None:
        raise InputError(origin, f"no id: give one of the fields {', '.join(_ID_KEYS)}")
    text = record.get("text") or record.get("maintext") or ""
    lead = next((record[k] for k in _LEAD_KEYS if isinstance(record.get(k), str) and record[k]), None)
    if lead and lead not in text:
        text = f"{lead}\n{text}"
    title = record.get("title") if isinstance(record.get("title"), str) else None
    if not isinstance(text, str) or not (text.strip() or title):
        raise InputError(origin, "no text and no title to group by")
    published = next((record[k] for k in _DATE_KEYS if isinstance(record.get(k), str) and record[k]), None)
    return Article(id=str(identifier), text=text, title=title, published=published)
