"""Read the stored documents: the summary, lists, ids, one document's row, full-text search.

The SQL on the ``documents`` table (other than writing it: :mod:`newsgraph.store.store`) lives
here, and so does the one way the store matches text with LIKE (:func:`like_escaped`,
:func:`contains`), which every query on names and words uses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, literal, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.errors import BadRequest, NotFound
from newsgraph.store import schema
from newsgraph.store.cancel import bounded

docs = schema.documents
log = logging.getLogger("newsgraph.store")

LIKE_ESCAPE = "\\"
"""The escape character of every LIKE pattern the store builds."""


def like_escaped(value: str) -> str:
    """``value`` as a literal inside a LIKE pattern: the escape character, ``%`` and ``_`` escaped."""
    return value.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


def contains(column: Any, value: str) -> ColumnElement[bool]:
    """``column`` holds ``value`` (as written, any case) somewhere."""
    pattern = "%" + like_escaped(value.lower()) + "%"
    return func.lower(column).like(pattern, escape=LIKE_ESCAPE)


WORD_SEPARATORS = " -'\u2019.,;:!?()[]{}\"/"
"""What separates words in a name (and in a list of aliases stored as JSON), for :func:`has_words`."""


def has_words(column: Any, value: str) -> ColumnElement[bool]:
    """``column`` holds the words of ``value``, whole and in order (any case): "Assad" is in
    "Bashar al-Assad" and "Assad's", not in "ambassador". A value without a word falls back to
    :func:`contains`."""
    words = "".join(" " if ch in WORD_SEPARATORS else ch for ch in value.lower()).split()
    if not words:
        return contains(column, value)
    spaced: Any = func.lower(column)
    for ch in WORD_SEPARATORS[1:]:
        spaced = func.replace(spaced, ch, " ")
    pattern = "% " + like_escaped(" ".join(words)) + " %"
    whole = (literal(" ") + spaced + literal(" ")).like(pattern, escape=LIKE_ESCAPE)
    return and_(contains(column, max(words, key=len)), whole)  # the cheap test first: most rows stop there


def starts_with(column: Any, value: str) -> ColumnElement[bool]:
    """``column`` begins with ``value`` (as written, case as given)."""
    return column.like(like_escaped(value) + "%", escape=LIKE_ESCAPE)


@dataclass(frozen=True)
class Summary:
    """What the store holds (current documents, unless said otherwise)."""

    documents: int
    versions: int
    """Every stored version, replaced ones included."""
    words: int
    sources: dict[str, int]
    """Documents per source, most first."""
    first: str | None
    """The earliest publication date."""
    last: str | None
    entities: int
    claims: int
    events: int
    relations: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def summary(engine: Engine) -> Summary:
    with engine.connect() as conn:
        current = docs.c.current.is_(True)
        n = conn.execute(select(func.count()).select_from(docs).where(current)).scalar_one()
        versions = conn.execute(select(func.count()).select_from(docs)).scalar_one()
        words = conn.execute(select(func.coalesce(func.sum(docs.c.words), 0)).where(current)).scalar_one()
        srcs = conn.execute(
            select(func.coalesce(docs.c.source, "(unknown)"), func.count())
            .where(current)
            .group_by(docs.c.source)
            .order_by(func.count().desc())
        ).all()
        first, last = conn.execute(select(func.min(docs.c.published), func.max(docs.c.published)).where(current)).one()

        def count(table: Any) -> int:
            return int(
                conn.execute(
                    select(func.count()).select_from(table.join(docs, docs.c.id == table.c.doc_id)).where(current)
                ).scalar_one()
            )

        return Summary(
            documents=n,
            versions=versions,
            words=int(words),
            sources={s: c for s, c in srcs},
            first=first,
            last=last,
            entities=count(schema.entities),
            claims=count(schema.claims),
            events=count(schema.events),
            relations=count(schema.relations),
        )


SUMMARY_COLUMNS = ("id", "title", "published", "source", "words", "version", "origin")
"""A document in a list (the API's documents, search hits, ``--json``): no text."""


def list_documents(
    engine: Engine, *, limit: int = 50, offset: int = 0, source: str | None = None, all_versions: bool = False
) -> list[dict[str, Any]]:
    """Current documents (or every version), newest first, each in the one shape of a document
    in a list (:data:`SUMMARY_COLUMNS`)."""
    q = (
        select(*(docs.c[name] for name in SUMMARY_COLUMNS))
        .order_by(docs.c.published.desc(), docs.c.seq)
        .limit(limit)
        .offset(offset)
    )
    if not all_versions:
        q = q.where(docs.c.current.is_(True))
    if source:
        q = q.where(func.lower(docs.c.source) == source.lower())
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def current_ids_missing_from(engine: Engine, doc_id: Any) -> list[str]:
    """Current documents with no row in the table of the column ``doc_id`` (not resolved yet, in no
    story yet), oldest publication first."""
    q = (
        select(docs.c.id)
        .outerjoin(doc_id.table, doc_id == docs.c.id)
        .where(docs.c.current.is_(True), doc_id.is_(None))
        .order_by(docs.c.published, docs.c.seq)
    )
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(q)]


def current_document_ids(engine: Engine) -> list[str]:
    """The ids of every current document, oldest publication first (then in storing order)."""
    q = select(docs.c.id).where(docs.c.current.is_(True)).order_by(docs.c.published, docs.c.seq)
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(q)]


def count_documents(engine: Engine, *, source: str | None = None) -> int:
    """How many current documents (from ``source``, any case) :func:`list_documents` pages through."""
    q = select(func.count()).select_from(docs).where(docs.c.current.is_(True))
    if source:
        q = q.where(func.lower(docs.c.source) == source.lower())
    with engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


def document_id_for(engine: Engine, key: str) -> str:
    """A document id from an id or a unique prefix of one."""
    with engine.connect() as conn:
        exact = conn.execute(select(docs.c.id).where(docs.c.id == key)).first()
        if exact:
            return str(exact[0])
        rows = conn.execute(select(docs.c.id).where(starts_with(docs.c.id, key)).limit(3)).all()
    if len(rows) == 1:
        return str(rows[0][0])
    if len(rows) > 1:
        raise BadRequest(f"{key!r} is the start of several document ids: give more of it")
    raise NotFound("document", key)


def document_row(engine: Engine, doc_id: str) -> dict[str, Any]:
    """Every column of one stored document (any version)."""
    with engine.connect() as conn:
        row = conn.execute(select(docs).where(docs.c.id == doc_id)).first()
    if row is None:
        raise NotFound("document", doc_id)
    return dict(row._mapping)


def stored_ids(engine: Engine, hashes: Iterable[str]) -> dict[str, str]:
    """The ids of the stored documents with these content hashes, by hash."""
    q = select(docs.c.content_hash, docs.c.id).where(docs.c.content_hash.in_(list(hashes)))
    with engine.connect() as conn:
        return {r.content_hash: r.id for r in conn.execute(q)}


MAX_SEARCH_CHARS = 1000
"""The longest full-text query searched: a question, not a document."""
MAX_SEARCH_TERMS = 32
"""The most distinct words (and operators) in a full-text query: the cost of ranking and of the
snippets grows faster than the number of terms (1,200 words took a minute)."""
SEARCH_SECONDS = 5.0
"""The time one search may take before the database stops it (:mod:`newsgraph.store.cancel`)."""
_FTS_SYNTAX = frozenset('"()*:^+-{}')
_FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def search_terms(query: str) -> str:
    """``query`` bounded for a search: at most :data:`MAX_SEARCH_CHARS` characters and
    :data:`MAX_SEARCH_TERMS` words. Words repeated in a query of plain words are searched once
    (the same documents match); a query with operators is kept as written. Raises BadRequest
    for an empty, a NUL-bearing or a too long query."""
    if not query.strip():
        raise BadRequest("empty search query")
    if "\x00" in query:
        raise BadRequest("the search query holds a NUL character: give words")
    if len(query) > MAX_SEARCH_CHARS:
        raise BadRequest(f"the search query is {len(query):,} characters long: give at most {MAX_SEARCH_CHARS:,}")
    words = query.split()
    plain = not any(ch in _FTS_SYNTAX for ch in query) and not any(w in _FTS_OPERATORS for w in words)
    if plain:
        words = list(dict.fromkeys(words))  # a word repeated matches the same documents
    if len(words) > MAX_SEARCH_TERMS:
        counted = "different words" if plain else "words and operators"
        raise BadRequest(f"the search query has {len(words):,} {counted}: give at most {MAX_SEARCH_TERMS}")
    return " ".join(words) if plain else query


def search(
    engine: Engine,
    query: str,
    *,
    limit: int = 20,
    cancelled: Callable[[], bool] | None = None,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    counted: list[int] | None = None,
    snippets: bool = True,
) -> list[dict[str, Any]]:
    """Documents matching a full-text query (FTS5 syntax on SQLite), best first: a document in
    a list (:data:`SUMMARY_COLUMNS`) and the ``snippet`` around the match; ``offset`` rows
    skipped, only those published within ``since``..``until`` (prefixes: YYYY, YYYY-MM,
    YYYY-MM-DD) and from ``source`` (any case) when given. When ``counted`` is a list, how many
    documents match in all is appended to it (a second, cheap count on the same connection).
    Without ``snippets`` the ``snippet`` is None (cheaper, for many documents).

    The query is bounded by :func:`search_terms`; the database stops it after
    :data:`SEARCH_SECONDS`, or as soon as ``cancelled()`` says the one who asked has gone
    (:func:`newsgraph.store.cancel.bounded`, on SQLite and PostgreSQL), and either raises
    BadRequest."""
    query = search_terms(query)
    extra, params = _search_filters(since, until, source)
    snippet = "snippet(documents_fts, 1, '[', ']', ' … ', 12)"
    headline = "ts_headline('simple', d.text, websearch_to_tsquery('simple', :q))"
    with engine.connect() as conn, bounded(conn, SEARCH_SECONDS, cancelled) as bound:
        try:
            if conn.dialect.name == "sqlite":
                where = (
                    "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                    'WHERE documents_fts MATCH :q AND d."current"'
                ) + "".join(f" AND {clause}" for clause in extra)
                sql = text(
                    "SELECT d.id, d.title, d.published, d.source, d.words, d.version, d.origin, "
                    f"{snippet if snippets else 'NULL'} AS snippet {where} "
                    "ORDER BY rank LIMIT :limit OFFSET :offset"
                )
                args: dict[str, Any] = {"q": query, "limit": limit, "offset": offset, **params}
                try:
                    rows = conn.execute(sql, args).all()
                except DBAPIError as exc:
                    if bound.stopped():
                        raise
                    log.debug("not FTS5 syntax (%s): searching the words as plain terms", exc.orig)
                    conn.rollback()
                    args["q"] = " ".join('"' + w.replace('"', '""') + '"' for w in dict.fromkeys(query.split()))
                    rows = conn.execute(sql, args).all()
            else:
                where = (
                    'FROM documents d WHERE d."current" AND '
                    "to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text) "
                    "@@ websearch_to_tsquery('simple', :q)"
                ) + "".join(f" AND {clause}" for clause in extra)
                sql = text(
                    "SELECT d.id, d.title, d.published, d.source, d.words, d.version, d.origin, "
                    f"{headline if snippets else 'NULL'} AS snippet {where} "
                    "ORDER BY d.published DESC, d.seq LIMIT :limit OFFSET :offset"
                )
                args = {"q": query, "limit": limit, "offset": offset, **params}
                rows = conn.execute(sql, args).all()
            if counted is not None:
                counted.append(int(conn.execute(text(f"SELECT count(*) {where}"), args).scalar_one()))
        except DBAPIError as exc:
            timed_out = "statement timeout" in str(exc.orig)
            if not (bound.stopped() or timed_out):
                raise
            if bound.reason == "cancelled":
                log.info("search stopped: its client left (%r)", query[:80])
                raise BadRequest("the search was stopped: the client left") from None
            raise BadRequest(f"the search was stopped after {SEARCH_SECONDS:g} s: give fewer or rarer words") from None
    return [dict(r._mapping) for r in rows]


def _search_filters(since: str | None, until: str | None, source: str | None) -> tuple[list[str], dict[str, str]]:
    """The search's extra conditions on the documents table (aliased ``d``) and their parameters."""
    clauses: list[str] = []
    params: dict[str, str] = {}
    if since:
        clauses.append("d.published >= :since")
        params["since"] = since
    if until:
        clauses.append("d.published <= :until")
        params["until"] = until + "\uffff"
    if source:
        clauses.append("lower(d.source) = :source")
        params["source"] = source.lower()
    return clauses, params
