"""The JSON REST API under ``/api``: thin routes over the store's reads and the network.

Every list takes ``limit`` (default 50, at most 500) and ``offset`` and answers
``{"items": [...], "limit", "offset", "total"}``; ``total`` is null where counting would cost a
second query over the whole store and the page was full. Filters are the CLI's. The lists of
facts (claims, events, relations, the network, timelines) take ``min_confidence`` (0-1, default
the calibrated threshold) and say how many facts it left out (``hidden_below_confidence``).
Each answer has one shape per resource, declared by its route's ``response_model``
(:mod:`newsgraph.web.models`, which names the fields). Errors are one shape
(``newsgraph.web.security.error_body``; a name that fits several actors answers 409 with the
candidates). Reads only, except the writes that need the server's token: ``POST /api/documents``
and the review's (``POST /api/reviews``, ``POST /api/actors/ID/merge``, ``POST
/api/actors/ID/split``). No SQL here: every query is a function of ``newsgraph.store``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from newsgraph import network as nw
from newsgraph.errors import BadRequest, InputError, NotFound
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.ingest.document import normalise_date, title_from_text, with_titles
from newsgraph.records import Document
from newsgraph.store import Engine, Store, connect, queries
from newsgraph.store import actors as actor_store
from newsgraph.store import documents as doc_store
from newsgraph.store import extractions as records
from newsgraph.store import reviews as review_store
from newsgraph.store.extractions import EventPlace
from newsgraph.store.watchlist import count_hits
from newsgraph.web import models as m
from newsgraph.web.security import MAX_BODY_BYTES, check_token

log = logging.getLogger("newsgraph.web")

MAX_LIMIT = 500
NODES = 100
"""Actors in a neighbourhood by default: a readable graph, and a hub's answer under 300 ms."""
MAX_POST_BYTES = MAX_BODY_BYTES
MAX_OFFSET = 1_000_000_000
"""The largest ``offset`` (and ``min_weight``): far past any store, and inside every database's integers."""
MAX_ID = 2**63 - 1
"""The largest id a store can hold (a 64-bit integer): a larger one names no actor."""
MAX_POST_DOCUMENTS = 200

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows to return (at most 500).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Since = Annotated[
    str | None, Query(description="Only what is dated on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
]
Until = Annotated[str | None, Query(description="Only what is dated on or before this date.")]
Nodes = Annotated[
    int,
    Query(
        ge=2,
        le=150,
        description="Most actors in a neighbourhood: each hop keeps the best-tied new neighbours.",
    ),
]
Types = Annotated[
    list[str] | None,
    Query(
        alias="type",
        description="Only ties of these types: event types (CONSULT), relation types (member_of), says, "
        "or event/relation/claim. Repeat the parameter or separate with commas.",
    ),
]
MinConfidence = Annotated[
    str | None,
    Query(
        description="Leave out facts whose confidence (0-1, the estimated probability that the fact is right) "
        f"is under this; 0 keeps everything. Default: the calibrated threshold ({DEFAULT_THRESHOLD}). "
        "Facts stored before newsgraph scored them are always kept.",
        examples=["0", "0.5"],
    ),
]


Modality = Annotated[str | None, Query(description="Only facts of this modality (asserted, hedged, negated, ...).")]
Outlet = Annotated[str | None, Query(description="Only facts from documents of this outlet (any case).")]
ActorId = Annotated[
    int | None,
    Query(ge=0, le=2**63 - 1, description="Only facts with an argument (or speaker) resolved to this actor id."),
]
InDocument = Annotated[str | None, Query(description="Only the facts of this document (its id).")]


def confidence(value: str | None) -> float:
    """The ``min_confidence`` parameter: a number from 0 to 1, the default threshold when absent."""
    if value is None or value.strip() == "":
        return DEFAULT_THRESHOLD
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:  # also refuses nan
        raise BadRequest(f"min_confidence={value!r} is not a number from 0 to 1 (0 keeps every fact)")
    return number


def confidence_page(page_: dict[str, Any], min_confidence: float, hidden: int) -> dict[str, Any]:
    """A list answer with the threshold it was read with and how many facts that left out."""
    return {
        **page_,
        "min_confidence": min_confidence,
        "hidden_below_confidence": hidden,
        "confidence_threshold": DEFAULT_THRESHOLD,
    }


def actor_key(actor_id: int) -> int:
    """An actor id from the path: one beyond what a store can hold names no actor (404)."""
    if not -MAX_ID <= actor_id <= MAX_ID:
        raise NotFound("actor", f"#{actor_id}")
    return actor_id


def actor_ref(value: str | None) -> str | None:
    """An actor named in a parameter (a name, an alias or ``#ID``): an ``#ID`` beyond what a store
    can hold names no actor (404)."""
    text = (value or "").strip()
    if re.fullmatch(r"#?\d+", text) and (len(text) > 20 or int(text.lstrip("#")) > MAX_ID):
        raise NotFound("actor", text[:40] + ("..." if len(text) > 40 else ""))
    return value


def engine(request: Request) -> Engine:
    """The store's engine, opened once by the app."""
    e: Engine = request.app.state.engine
    return e


Db = Annotated[Engine, Depends(engine)]


def ok(data: Any) -> JSONResponse:
    """The answer as JSON, serialised once by ``json.dumps`` (FastAPI's generic encoder walks
    every value first, which costs more than the query on a large network)."""
    return JSONResponse(data)


def page(items: list[Any], limit: int, offset: int, total: int | None) -> dict[str, Any]:
    return {"items": items, "limit": limit, "offset": offset, "total": total}


def page_of_fetched(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page from ``limit + 1`` fetched rows: the total is known exactly when the page is not full."""
    total = offset + len(rows) if len(rows) <= limit else None
    return page(rows[:limit], limit, offset, total)


def day(value: str | None, name: str) -> str | None:
    """A date filter as the CLI takes it: YYYY, YYYY-MM, or any date normalised to YYYY-MM-DD."""
    if value is None or value == "":
        return None
    value = value.strip()
    if len(value) in (4, 7) and value[:4].isdigit() and (len(value) == 4 or value[4] == "-"):
        return value
    found = normalise_date(value)
    if not found:
        raise BadRequest(f"{name}={value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
    return found


def filters(
    since: str | None,
    until: str | None,
    types: list[str] | None,
    min_confidence: str | None = None,
    modality: str | None = None,
    source: str | None = None,
) -> nw.Filters:
    wanted = tuple(t.strip() for raw in types or [] for t in raw.split(",") if t.strip())
    return nw.Filters(
        since=day(since, "since"),
        until=day(until, "until"),
        types=wanted,
        min_confidence=confidence(min_confidence),
        modality=modality or None,
        source=source or None,
    )


# -- summary, documents, search ------------------------------------------------------------------


@router.get("/summary", tags=["store"], summary="What the store holds", response_model=m.Summary)
def summary(db: Db) -> Response:
    """Documents, stored versions, words, sources, date range, record counts, actors, and the
    watchlist hits: all of them, and how many are open, confirmed and dismissed."""

    def compute() -> dict[str, Any]:
        s = doc_store.summary(db)
        return {
            **s.to_dict(),
            "actors": actor_store.count_actors(db),
            "watchlist_hits": count_hits(db),
            "watchlist_review": review_store.review_counts(db),
        }

    return cached_json(db, ("summary",), compute)


@router.get(
    "/documents",
    tags=["documents"],
    summary="Stored documents, newest first",
    response_model=m.Page[m.DocumentSummary],
)
def documents(
    db: Db,
    source: Annotated[str | None, Query(description="Only documents from this source (outlet or agency).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    rows = doc_store.list_documents(db, limit=limit, offset=offset, source=source or None)
    total = doc_store.count_documents(db, source=source or None)
    return ok(page(with_titles(db, rows), limit, offset, total))


@router.get(
    "/documents/{document_id:path}",
    tags=["documents"],
    summary="One document and its extraction",
    response_model=m.DocumentPage,
)
def document(db: Db, document_id: str) -> JSONResponse:
    """The document with its text, and its mentions, entities (with the actor each was resolved
    to), claims, events and relations, each in the shape of ``/api/claims``, ``/api/events`` and
    ``/api/relations``. Every ``start``/``end`` is a character offset into ``document.text``."""
    doc_id = doc_store.document_id_for(db, document_id)
    row = doc_store.document_row(db, doc_id)
    data = records.load_extraction(db, doc_id, row).to_dict()
    doc = data["document"]
    doc.update({k: row[k] for k in ("origin", "slug", "words", "version", "previous_id", "current", "ingested_at")})
    doc["title"] = doc["title"] or title_from_text(doc["text"])  # never untitled (issue 18)
    links = actor_store.actors_of_entities(db, doc_id)
    names = {}
    for e in data["entities"]:
        names[e["id"]] = e["name"]
        e["actor"], e["actor_name"] = links.get(e["id"], (None, None))
    for c in data["claims"]:
        speaker = c["speaker"] or {}
        c["speaker_name"] = names.get(speaker.get("entity")) or speaker.get("text")
        c["reported_by_name"] = names.get(c["reported_by"])
    text = doc["text"]
    data["claims"] = [records.in_document(records.CLAIM_FIELDS, c, doc, text=text) for c in data["claims"]]
    data["events"] = [records.in_document(records.EVENT_FIELDS, v, doc, text=text) for v in data["events"]]
    data["relations"] = [records.in_document(records.RELATION_FIELDS, r, doc, text=text) for r in data["relations"]]
    data["confidence_threshold"] = DEFAULT_THRESHOLD  # what the lists hide by default (the page fades it)
    return ok(data)


class DocumentIn(BaseModel):
    """One document to ingest: the fields of a JSON Lines input."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200, description="Stable id; a changed text under it is a new version.")
    text: str = Field(..., min_length=1, description="The article's text.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD (or ISO date-time).")
    url: str | None = None
    source: str | None = Field(None, description="The outlet or agency.")


POSTED_ORIGIN = "POST /api/documents"
"""The origin stored for a posted document (with ``#N``, its place in the request)."""
_POSTED = TypeAdapter(DocumentIn | list[DocumentIn])
_DOC_SCHEMA = DocumentIn.model_json_schema()
_ingest_lock = threading.Lock()


@router.post(
    "/documents",
    tags=["documents"],
    summary="Ingest documents (needs the server's token)",
    status_code=201,
    response_model=m.IngestResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"anyOf": [_DOC_SCHEMA, {"type": "array", "items": _DOC_SCHEMA}]}}
            },
        }
    },
    responses={401: {"description": "Missing or wrong token"}, 403: {"description": "Read-only server"}},
)
async def post_documents(request: Request) -> JSONResponse:
    """Read, extract and store documents like ``newsgraph ingest`` does (JSON: one document or a
    list). Only on a server started with ``--token``, and only with ``Authorization: Bearer TOKEN``.
    Answers what was stored: 201 when something new was stored, 200 when all was known already."""
    check_token(request)
    raw = await request.body()  # at most MAX_POST_BYTES: RequestGuard counts it as it streams in (413)
    try:
        posted = _POSTED.validate_json(raw)
    except ValidationError as exc:
        raise BadRequest("not a document or a list of documents: " + _validation_text(exc)) from None
    items = posted if isinstance(posted, list) else [posted]
    if not items:
        raise BadRequest("an empty list: send one document or a list of them")
    if len(items) > MAX_POST_DOCUMENTS:
        raise BadRequest(f"{len(items)} documents in one request; send at most {MAX_POST_DOCUMENTS}")
    status, body = await run_in_threadpool(_ingest_posted, request.app.state.store, items)
    if body["new"] or body["versions"]:
        warm_in_background(request.app.state.engine)
    return JSONResponse(body, status_code=status)


def _validation_text(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"] if p not in ("body",)) or "body"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def _ingest_posted(store: Store, items: list[DocumentIn]) -> tuple[int, dict[str, Any]]:
    """Run the real ingest (:func:`newsgraph.pipeline.ingest`) on the posted documents, each read
    as the same record on a JSON Lines line would be; what was stored comes from its report."""
    from newsgraph.ingest import read_record
    from newsgraph.pipeline import ingest

    inputs: list[Document | InputError] = []
    numbers: dict[str, int] = {}
    for n, it in enumerate(items, start=1):
        origin = f"{POSTED_ORIGIN}#{n}"
        numbers[origin] = n
        try:  # keyed by its id or URL, else by its text: a position in a request names nothing
            inputs.append(read_record(origin, it.model_dump(exclude_none=True), keyed=False))
        except InputError as exc:
            inputs.append(exc)
    with _ingest_lock:
        report = ingest(inputs, store)
    failures = [{"document": numbers.get(f.origin, f.origin), "reason": f.reason} for f in report.failures]
    posted = [d for d in inputs if isinstance(d, Document)]
    known = [d.content_hash for d in posted if d.content_hash not in report.saved]
    found = doc_store.stored_ids(store.engine, known) if known else {}  # stored before this request
    stored = []
    for d in posted:
        saved = report.saved.get(d.content_hash)
        doc_id, status = (saved.id, saved.status) if saved else (found.get(d.content_hash), "unchanged")
        if doc_id is None:  # failed
            continue
        stored.append({"id": doc_id, "status": status, "title": d.title, "published": d.published, "source": d.source})
    body = {
        "new": report.new,
        "versions": report.versions,
        "unchanged": report.unchanged,
        "failed": failures,
        "documents": stored,
    }
    if not stored and failures:
        raise BadRequest(
            "no document was stored: " + "; ".join(f"document {f['document']}: {f['reason']}" for f in failures)
        )
    return (201 if report.stored else 200), body


@router.get(
    "/search",
    tags=["search"],
    summary="Search documents (full text) and actors (names, aliases)",
    response_model=m.SearchResults,
)
async def search(
    request: Request,
    db: Db,
    q_: Annotated[
        str,
        Query(
            alias="q",
            min_length=1,
            description=f"Words (FTS5 syntax on SQLite) or a name: at most {doc_store.MAX_SEARCH_CHARS} "
            f"characters and {doc_store.MAX_SEARCH_TERMS} different words.",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Documents to skip.")] = 0,
    actor_offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Actors to skip.")] = 0,
    since: Since = None,
    until: Until = None,
    source: Annotated[str | None, Query(description="Only documents from this outlet (any case).")] = None,
    kind: Annotated[str | None, Query(description="Only actors of this kind (person, state, ...).")] = None,
) -> Response:
    """Stopped after ``newsgraph.store.documents.SEARCH_SECONDS`` (400), and as soon as the client
    goes away. Documents and actors are two pages: ``documents_total`` and ``actors_total`` say
    how many there are in all (``offset`` and ``actor_offset`` page through them)."""
    if not q_.strip():
        raise BadRequest("empty search query: give ?q=WORDS")
    actor_ref(q_)
    s, u = day(since, "since"), day(until, "until")
    left = threading.Event()

    def run() -> dict[str, Any]:
        counted: list[int] = []
        found_docs = doc_store.search(
            db,
            q_,
            limit=limit,
            cancelled=left.is_set,
            offset=offset,
            since=s,
            until=u,
            source=source or None,
            counted=counted,
        )
        with connect(db) as conn:  # of one kind: every actor the name answers to is read, then kept
            match = nw.actors_named(conn, q_, actor_store.NAME_SCAN if kind else actor_offset + limit)
        actors = [a for a in match.actors if not kind or a.kind == kind]
        return {
            "query": q_,
            "documents": with_titles(db, found_docs),
            "actors": [a.to_dict() for a in actors[actor_offset : actor_offset + limit]],
            "limit": limit,
            "offset": offset,
            "actor_offset": actor_offset,
            "documents_total": counted[0] if counted else len(found_docs),
            "actors_total": len(actors) if kind else match.total,
        }

    watcher = asyncio.ensure_future(_until_disconnected(request, left))
    try:
        return ok(await run_in_threadpool(run))
    finally:
        watcher.cancel()


async def _until_disconnected(request: Request, left: threading.Event, every: float = 0.2) -> None:
    """Set ``left`` when the client goes away (the query running in a thread then stops)."""
    while not await request.is_disconnected():
        await asyncio.sleep(every)
    left.set()


# -- actors ------------------------------------------------------------------------------------


@router.get(
    "/actors",
    tags=["actors"],
    summary="Actors resolved across documents, most documented first",
    response_model=m.Page[m.Actor],
)
def actor_list(
    db: Db,
    q_: Annotated[str | None, Query(alias="q", description="Part of a name or alias.")] = None,
    kind: Annotated[str | None, Query(description="person, organization, group, state, place, igo, ...")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    found = {"kind": kind or None, "name": q_}
    rows = [a.to_dict() for a in actor_store.list_actors(db, **found, limit=limit, offset=offset)]
    return ok(page(rows, limit, offset, actor_store.count_actors(db, **found)))


@router.get(
    "/actors/{actor_id}",
    tags=["actors"],
    summary="One actor: names, kind, places, attributes, watchlist matches",
    response_model=m.ActorPage,
)
def actor(db: Db, actor_id: int) -> Response:
    """The actor with its aliases (and how many documents use each), attributes, geocoded places,
    counts, how its entities were linked, the merges and splits decided, and its watchlist matches
    with the reason for each and its review (open, confirmed, dismissed: who, when, why)."""
    actor_key(actor_id)
    # kept until the store changes (its reviews, merges and splits included: see store_state)
    return cached_json(db, ("actor", actor_id), lambda: _actor_page(db, actor_id))


def _actor_page(db: Engine, actor_id: int) -> dict[str, Any]:
    from newsgraph.resolve.explain import actor_details

    details = actor_details(db, actor_id, limit=50)
    a = details.actor
    counts: dict[str, int] = a["aliases"]  # every name it goes by, most used first
    names = {a["name"], *counts, *(str(x["name"]) for x in details.links)}
    actor = {
        "id": a["id"],
        "name": a["name"],
        "kind": a["kind"],
        "country": a["country"],
        "documents": a["documents"],
        "mentions": a["mentions"],
        "aliases": [n for n in counts if n != a["name"]],
        "first_seen": a["first_seen"],
        "last_seen": a["last_seen"],
        "alias_documents": counts,
        "attributes": actor_store.actor_attributes(db, actor_id),
        "roles": a["roles"],
        "places": [p.to_dict() for p in actor_store.actor_places(db, actor_id, limit=200)],
    }
    return {
        "actor": actor,
        "watchlist": [h.to_dict() for h in review_store.reviewed_hits(db, names=names)],
        "methods": details.methods,
        "links": with_titles(db, details.links, "document"),
        "decisions": details.decisions,
    }


@router.get(
    "/actors/{actor_id}/timeline",
    tags=["actors"],
    summary="Dated events and claims involving the actor",
    response_model=m.ActorTimeline,
)
def actor_timeline(
    db: Db,
    actor_id: int,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200,
    min_confidence: MinConfidence = None,
    offset: Offset = 0,
    kind: Annotated[
        Literal["event", "said", "mentioned"] | None,
        Query(description="Only events (event), what the actor says (said) or what is said of it (mentioned)."),
    ] = None,
    type: Annotated[str | None, Query(description="Only events of this PLOVER type (CONSULT, ...).")] = None,
    modality: Annotated[str | None, Query(description="Only facts of this modality (asserted, hedged, ...).")] = None,
    source: Annotated[str | None, Query(description="Only facts from documents of this outlet (any case).")] = None,
) -> Response:
    """Oldest first, ``limit`` items from ``offset``; ``total`` says how many match in all
    (up to :data:`newsgraph.network.TIMELINE_READ` of each kind of fact)."""
    actor_key(actor_id)
    s, u, m = day(since, "since"), day(until, "until"), confidence(min_confidence)

    def compute() -> dict[str, Any]:
        a, found = nw.timeline(db, f"#{actor_id}", since=s, until=u, limit=nw.TIMELINE_READ, min_confidence=m)
        hidden = nw.timeline_hidden(db, f"#{actor_id}", since=s, until=u, min_confidence=m)
        return {"actor": a.to_dict(), "items": [i.to_dict() for i in found], "hidden": hidden}

    whole = cache.get(db, ("actor-timeline-all", actor_id, s, u, m), compute)
    wanted = [
        i
        for i in whole["items"]
        if (not kind or i["kind"] == kind)
        and (not type or (i["type"] or "").upper() == type.upper())
        and (not modality or i["modality"] == modality)
        and (not source or (i["outlet"] or "").lower() == source.lower())
    ]
    return ok(
        {
            "actor": whole["actor"],
            "items": with_titles(db, [dict(i) for i in wanted[offset : offset + limit]], "document"),
            "limit": limit,
            "offset": offset,
            "total": len(wanted),
            "min_confidence": m,
            "hidden_below_confidence": whole["hidden"],
            "confidence_threshold": DEFAULT_THRESHOLD,
        }
    )


@router.get(
    "/actors/{actor_id}/network",
    tags=["actors"],
    summary="The actor's network neighbourhood",
    response_model=m.Network,
)
def actor_network(
    db: Db,
    actor_id: int,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    since: Since = None,
    until: Until = None,
    types: Types = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Edges to return: the actor's own ties first, then its neighbours'.")
    ] = 200,
    nodes: Nodes = NODES,
    min_confidence: MinConfidence = None,
    modality: Modality = None,
    source: Outlet = None,
) -> Response:
    actor_key(actor_id)
    f = filters(since, until, types, min_confidence, modality, source)

    def compute() -> dict[str, Any]:
        net = nw.neighbourhood(db, f"#{actor_id}", depth=depth, filters=f, max_nodes=nodes, index=tie_index(db))
        return network_dict(net, limit)

    return cached_json(db, ("network", f"#{actor_id}", depth, f, limit, nodes), compute)


# -- review: hits confirmed or dismissed, actors merged or split (writes: the server's token) -----


@router.get(
    "/watchlist/hits",
    tags=["review"],
    summary="Watchlist hits with their review, best score first",
    response_model=m.Page[m.WatchlistHit],
)
def watchlist_hits(
    db: Db,
    status: Annotated[
        Literal["open", "confirmed", "dismissed"] | None, Query(description="Only hits of this review status.")
    ] = None,
    list_: Annotated[str | None, Query(alias="list", description="Only hits on this list (un, ofac, ...).")] = None,
    name: Annotated[str | None, Query(description="Only the hits of this screened name (any case).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """The hits of ``newsgraph screen --actors``, each with its status (open, confirmed,
    dismissed) and the decision in force (``review``: who, when, why), as ``newsgraph review hits``."""
    found, total = review_store.hit_page(
        db, names=[name] if name else None, status=status, list_name=list_ or None, limit=limit, offset=offset
    )
    return ok(page([h.to_dict() for h in found], limit, offset, total))


@router.get(
    "/reviews",
    tags=["review"],
    summary="Every decision on a hit, newest first",
    response_model=m.Page[m.HitReview],
)
def reviews(db: Db, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Decisions taken back, and those whose hit a later screening no longer finds, included."""
    rows = [r.to_dict() for r in review_store.review_history(db, limit=limit, offset=offset)]
    return ok(page(rows, limit, offset, review_store.count_reviews(db)))


Reviewer = Field(..., min_length=1, max_length=review_store.BY_MAX, description="Who decides (kept with the decision).")


class ReviewIn(BaseModel):
    """A decision on a hit, naming it as a hit names itself (``screened_name``, ``list``, ``reference``)."""

    model_config = ConfigDict(extra="forbid")

    screened_name: str = Field(..., min_length=1, max_length=1000, description="The name as screened.")
    list: str = Field(..., min_length=1, max_length=40)
    reference: str = Field(..., min_length=1, max_length=200, description="The entry's reference on its list.")
    decision: Literal["confirm", "dismiss", "reopen"]
    decided_by: str = Reviewer
    note: str = Field(..., min_length=1, max_length=review_store.NOTE_MAX, description="Why.")


class MergeIn(BaseModel):
    """The actor to merge with the one in the path."""

    model_config = ConfigDict(extra="forbid")

    other: str = Field(..., min_length=1, max_length=1000, description="The other actor: a name, an alias or #ID.")
    decided_by: str = Reviewer
    note: str | None = Field(None, max_length=review_store.NOTE_MAX, description="Why.")


class SplitIn(BaseModel):
    """The entity to take out of the actor in the path (``links`` of ``GET /api/actors/ID`` lists them)."""

    model_config = ConfigDict(extra="forbid")

    document: str = Field(..., min_length=1, max_length=1000, description="The entity's document (id or a prefix).")
    entity_id: str = Field(..., min_length=1, max_length=100, description="The entity's id in its document (e4).")
    decided_by: str = Reviewer
    note: str | None = Field(None, max_length=review_store.NOTE_MAX, description="Why.")


In = TypeVar("In", bound=BaseModel)
TOKEN_ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong token"},
    403: {"description": "Read-only server (started without --token)"},
}


def body_of(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI request body of a write that reads ``model`` as JSON."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


async def posted(request: Request, model: type[In]) -> In:
    """The request's JSON body as ``model``, once the token is checked (401/403 before anything is read)."""
    check_token(request)
    raw = await request.body()
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        what = model.__name__.removesuffix("In").lower()
        raise BadRequest(f"not a {what} request: {_validation_text(exc)}") from None


@router.post(
    "/reviews",
    tags=["review"],
    summary="Confirm, dismiss or reopen a watchlist hit (needs the server's token)",
    status_code=201,
    response_model=m.WatchlistHit,
    openapi_extra=body_of(ReviewIn),
    responses={**TOKEN_ANSWERS, 404: {"description": "No such stored hit"}},
)
async def post_review(request: Request) -> JSONResponse:
    """Record a decision on the stored hit of ``screened_name`` on ``list``:``reference`` with
    who (``decided_by``) and why (``note``), as ``newsgraph review confirm|dismiss|reopen``.
    The decision holds across re-ingest, rebuilds and new screenings. Answers the hit with its
    new ``status`` and ``review``."""
    from newsgraph.review import review_hit

    body = await posted(request, ReviewIn)
    db: Engine = request.app.state.engine
    done = await run_in_threadpool(
        review_hit, db, body.screened_name, body.list, body.reference, body.decision, by=body.decided_by, note=body.note
    )
    return JSONResponse(done.to_dict(), status_code=201)


@router.post(
    "/actors/{actor_id}/merge",
    tags=["review"],
    summary="Merge another actor into this one (needs the server's token)",
    response_model=m.Merged,
    openapi_extra=body_of(MergeIn),
    responses={**TOKEN_ANSWERS, 409: {"model": m.AmbiguousActorError, "description": "The name fits several actors"}},
)
async def post_merge(request: Request, actor_id: int) -> JSONResponse:
    """Record that the actor ``actor_id`` and ``other`` are one actor, with who and why, and merge
    them now, as ``newsgraph actor merge``: 201 with the actor both are now (``merged``: true), or
    200 when they are one already."""
    from newsgraph.review import merge_actors

    actor_key(actor_id)
    body = await posted(request, MergeIn)
    actor_ref(body.other)
    db: Engine = request.app.state.engine
    done = await run_in_threadpool(merge_actors, db, f"#{actor_id}", body.other, by=body.decided_by, note=body.note)
    return JSONResponse(done.to_dict(), status_code=201 if done.decision is not None else 200)


@router.post(
    "/actors/{actor_id}/split",
    tags=["review"],
    summary="Take an entity out of this actor (needs the server's token)",
    status_code=201,
    response_model=m.SplitResult,
    openapi_extra=body_of(SplitIn),
    responses=TOKEN_ANSWERS,
)
async def post_split(request: Request, actor_id: int) -> JSONResponse:
    """Take the entity ``document``:``entity_id`` out of the actor ``actor_id``: it becomes an
    actor of its own (``actor``), kept apart on every rebuild, as ``newsgraph actor split``."""
    from newsgraph.review import split_entity

    actor_key(actor_id)
    body = await posted(request, SplitIn)
    db: Engine = request.app.state.engine
    done = await run_in_threadpool(
        split_entity, db, f"#{actor_id}", body.document, body.entity_id, by=body.decided_by, note=body.note
    )
    return JSONResponse(done.to_dict(), status_code=201)


# -- records across documents -----------------------------------------------------------------


@router.get(
    "/events",
    tags=["records"],
    summary="Events across documents, with their sentence and outlet",
    response_model=m.ConfidencePage[m.Event],
)
def events(
    db: Db,
    type: Annotated[str | None, Query(description="PLOVER event type (CONSULT, AGREE, ...).")] = None,
    actor: Annotated[str | None, Query(description="A source, target or participant, as written.")] = None,
    since: Since = None,
    where: Annotated[str | None, Query(description="The event's location, as written.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    min_confidence: MinConfidence = None,
    until: Until = None,
    modality: Modality = None,
    source: Outlet = None,
    actor_id: ActorId = None,
    document: InDocument = None,
    place_id: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="Events located at this place actor (a /api/map item's `actor`)."),
    ] = None,
) -> Response:
    """Events at or above ``min_confidence``, each with its ``confidence``, newest first;
    ``hidden_below_confidence`` counts those left out, ``total`` those that match."""
    m = confidence(min_confidence)
    rows, total, hidden = queries.event_page(
        db,
        type=type or None,
        actor=actor or None,
        actor_id=actor_id,
        since=day(since, "since"),
        until=day(until, "until"),
        where=where or None,
        modality=modality or None,
        source=source or None,
        document=document or None,
        min_confidence=m,
        limit=limit,
        offset=offset,
        place_id=place_id,
    )
    return ok(confidence_page(page(with_titles(db, rows, "document"), limit, offset, total), m, hidden))


@router.get(
    "/claims",
    tags=["records"],
    summary="Claims across documents: who says what",
    response_model=m.ConfidencePage[m.Claim],
)
def claims(
    db: Db,
    speaker: Annotated[str | None, Query(description="The speaker, as written or its entity's name.")] = None,
    about: Annotated[str | None, Query(description="Words in the claim.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    min_confidence: MinConfidence = None,
    since: Since = None,
    until: Until = None,
    modality: Modality = None,
    kind: Annotated[str | None, Query(description="direct, indirect, ... (how the claim is reported).")] = None,
    source: Outlet = None,
    actor_id: ActorId = None,
    document: InDocument = None,
) -> Response:
    """Claims at or above ``min_confidence``, each with its ``confidence``, newest first;
    ``hidden_below_confidence`` counts those left out, ``total`` those that match."""
    m = confidence(min_confidence)
    rows, total, hidden = queries.claim_page(
        db,
        speaker=speaker or None,
        about=about or None,
        actor_id=actor_id,
        since=day(since, "since"),
        until=day(until, "until"),
        modality=modality or None,
        kind=kind or None,
        source=source or None,
        document=document or None,
        min_confidence=m,
        limit=limit,
        offset=offset,
    )
    return ok(confidence_page(page(with_titles(db, rows, "document"), limit, offset, total), m, hidden))


@router.get(
    "/relations",
    tags=["records"],
    summary="Relations between actors, with their evidence",
    response_model=m.ConfidencePage[m.Relation],
)
def relations(
    db: Db,
    actor: Annotated[str | None, Query(description="Subject or object, as written.")] = None,
    type: Annotated[str | None, Query(description="Relation type (member_of, has_role, ...).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    min_confidence: MinConfidence = None,
) -> Response:
    """Relations at or above ``min_confidence``, each with its ``confidence``;
    ``hidden_below_confidence`` counts those left out."""
    m = confidence(min_confidence)
    found = {"actor": actor or None, "type": type or None}
    rows = records.relations(db, **found, min_confidence=m, limit=limit + 1, offset=offset)
    hidden = records.hidden_relations(db, **found, min_confidence=m)
    return ok(confidence_page(page_of_fetched(rows, limit, offset), m, hidden))


# -- the network -------------------------------------------------------------------------------


def network_dict(net: nw.Network, limit: int) -> dict[str, Any]:
    """The network's one shape (:meth:`newsgraph.network.Network.to_dict`) and the default threshold."""
    return {**net.to_dict(limit), "confidence_threshold": DEFAULT_THRESHOLD}


@router.get(
    "/network",
    tags=["network"],
    summary="The actor network: an actor's neighbourhood, or the strongest ties",
    response_model=m.Network,
    responses={409: {"model": m.AmbiguousActorError, "description": "The actor's name fits several actors"}},
)
def network(
    db: Db,
    actor: Annotated[str | None, Query(description="The actor at the centre: a name, an alias or #ID.")] = None,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    since: Since = None,
    until: Until = None,
    types: Types = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_LIMIT,
            description="Edges to return (at most 500): around an actor its own ties first, then its "
            "neighbours', then further out; else the strongest first.",
        ),
    ] = 100,
    nodes: Nodes = NODES,
    min_confidence: MinConfidence = None,
    modality: Modality = None,
    source: Outlet = None,
) -> Response:
    """Ties only from facts at or above ``min_confidence`` (of one ``modality``, from one outlet
    ``source``, when given); ``hidden_below_confidence`` counts the facts left out (around the
    actor, or in the whole store). An ``actor`` name that fits several actors answers 409 with
    the ``candidates`` (give one as ``#ID``); it is never picked for you."""
    f = filters(since, until, types, min_confidence, modality, source)
    centre = (actor_ref(actor) or "").strip()

    def compute() -> dict[str, Any]:
        if centre:
            net = nw.neighbourhood(db, centre, depth=depth, filters=f, max_nodes=nodes, index=tie_index(db))
            return network_dict(net, limit)
        return network_dict(nw.overview(db, filters=f, limit=limit), limit)

    key = ("network", centre, depth, f, limit, nodes) if centre else ("network", "", 0, f, limit, 0)
    return cached_json(db, key, compute)


@router.get(
    "/network/path",
    tags=["network"],
    summary="The shortest evidenced chains between two actors",
    response_model=m.Paths,
    responses={409: {"model": m.AmbiguousActorError, "description": "A name fits several actors"}},
)
def network_path(
    db: Db,
    a: Annotated[str, Query(min_length=1, description="One actor: a name, an alias or #ID.")],
    b: Annotated[str, Query(min_length=1, description="The other actor.")],
    max_depth: Annotated[int, Query(ge=1, le=6)] = 4,
    limit: Annotated[int, Query(ge=1, le=20)] = 3,
    since: Since = None,
    types: Types = None,
    min_confidence: MinConfidence = None,
) -> Response:
    """Chains only through facts at or above ``min_confidence``; ``hidden_below_confidence``
    counts the facts left out that touch the two actors or the chains found. A name that fits
    several actors answers 409 with the ``candidates`` (give one as ``#ID``)."""
    f = filters(since, None, types, min_confidence)
    actor_ref(a), actor_ref(b)
    start, goal, found = nw.paths(db, a, b, max_depth=max_depth, limit=limit, filters=f, index=tie_index(db))
    around = {start.id, goal.id} | {x.id for p in found for s in p.steps for x in (s.source, s.target)}
    return ok(
        {
            "from": start.to_dict(),
            "to": goal.to_dict(),
            "paths": [p.to_dict() for p in found],
            "min_confidence": f.min_confidence,
            "hidden_below_confidence": nw.hidden_ties(db, f, around),
        }
    )


def store_state(db: Engine) -> tuple[Any, ...]:
    """Changes whenever documents are stored, actors are resolved, merged, split or rebuilt, or
    screened (:func:`newsgraph.store.actors.store_state`), or a hit is reviewed."""
    return (*actor_store.store_state(db), review_store.review_state(db))


class StateCache:
    """Answers over the whole store (or one actor), kept until the store changes: the network,
    its communities, the map and the timeline cost a scan of every tie or event; a server is
    read far more often than it is written."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()
        self.computing: dict[tuple[Any, ...], threading.Lock] = {}

    def get(self, db: Engine, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full = (str(db.url), store_state(db), *key)
        with self.lock:
            if full in self.items:
                self.items.move_to_end(full)
                return self.items[full]
            busy = self.computing.setdefault(full, threading.Lock())
        with busy:  # one computation per key; others wait for it
            with self.lock:
                if full in self.items:
                    return self.items[full]
            try:
                value = compute()
            finally:
                with self.lock:
                    self.computing.pop(full, None)
            with self.lock:
                self.items[full] = value
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
        return value


cache = StateCache()


def tie_index(db: Engine) -> nw.TieIndex | None:
    """The store's ties in memory (:class:`newsgraph.network.TieIndex`), built once per store state:
    a neighbourhood's discovery then reads no SQL. None for a store too large to hold."""
    index: nw.TieIndex | None = cache.get(db, ("tie-index",), lambda: nw.TieIndex.load(db))
    return index


def cached_json(db: Engine, key: tuple[Any, ...], compute: Callable[[], Any]) -> Response:
    """The JSON of ``compute()``, rendered once per store state and ``key``."""

    def render() -> bytes:
        return json.dumps(compute(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")

    return Response(cache.get(db, key, render), media_type="application/json")


@router.get(
    "/network/communities",
    tags=["network"],
    summary="Communities (Louvain) and the most central actors",
    response_model=m.Communities,
)
def network_communities(
    db: Db,
    since: Since = None,
    types: Types = None,
    min_weight: Annotated[int, Query(ge=1, le=MAX_OFFSET, description="Leave out ties stated in fewer documents.")] = 1,
    top: Annotated[int, Query(ge=1, le=100)] = 15,
    min_confidence: MinConfidence = None,
) -> Response:
    """Computed over the whole network (ties from facts at or above ``min_confidence``); kept
    until the store changes."""
    f = filters(since, None, types, min_confidence)

    def compute() -> dict[str, Any]:
        result = nw.stats(nw.actor_graph(db, filters=f, min_weight=min_weight), top=top).to_dict()
        return {**result, "min_confidence": f.min_confidence, "hidden_below_confidence": nw.hidden_ties(db, f)}

    return cached_json(db, ("communities", f, min_weight, top), compute)


# -- map and timeline --------------------------------------------------------------------------


@router.get("/map", tags=["map and timeline"], summary="Event locations with coordinates", response_model=m.Places)
def event_map(
    db: Db,
    since: Since = None,
    until: Until = None,
    type: Annotated[str | None, Query(description="Only events of this PLOVER type.")] = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="Places to return, most events first.")] = 500,
) -> Response:
    """Each place where events happen (the event's location, geocoded), with how many events and
    which (``DOCUMENT:EVENT``), strongest first."""
    s, u = day(since, "since"), day(until, "until")

    def compute() -> dict[str, Any]:
        return _places(db, records.event_places(db, since=s, until=u, type=type or None), limit)

    return cached_json(db, ("map", s, u, (type or "").upper(), limit), compute)


def _places(db: Engine, found: Iterable[EventPlace], limit: int) -> dict[str, Any]:
    places: dict[Any, dict[str, Any]] = {}
    names: dict[Any, Counter[str]] = defaultdict(Counter)
    whys: dict[Any, Counter[tuple[str, str | None, float | None]]] = defaultdict(Counter)
    for r in found:
        key = r.actor_id if r.actor_id is not None else (round(r.lat, 2), round(r.lon, 2))
        p = places.setdefault(
            key,
            {"lat": r.lat, "lon": r.lon, "country": r.country, "actor": r.actor_id, "ids": set(), "docs": set()},
        )
        p["ids"].add(f"{r.doc_id}:{r.event_id}")
        p["docs"].add(r.doc_id)
        names[key][r.name] += 1
        if r.clue:
            whys[key][(r.clue, r.runner_up, r.confidence)] += 1
    with connect(db) as conn:
        actor_names = nw.load_actors(conn, [k for k in places if isinstance(k, int)])
    items = []
    for key, p in places.items():
        ids = sorted(p.pop("ids"))
        docs = sorted(p.pop("docs"))
        name = actor_names[key].name if isinstance(key, int) and key in actor_names else names[key].most_common(1)[0][0]
        written = [n for n, _ in names[key].most_common(5)]
        clue, runner_up, confidence = whys[key].most_common(1)[0][0] if whys[key] else (None, None, None)
        items.append(
            {
                "place": name,
                **p,
                "events": len(ids),
                "event_ids": ids[:50],
                "document_ids": docs[:20],
                "written": written,
                "clue": clue,
                "runner_up": runner_up,
                "place_confidence": confidence,
            }
        )
    items.sort(key=lambda i: (-i["events"], i["place"]))
    return {"items": items[:limit], "total": len(items)}


@router.get(
    "/timeline",
    tags=["map and timeline"],
    summary="Events, claims and documents per month (or day) across the store",
    response_model=m.Timeline,
)
def global_timeline(
    db: Db,
    since: Since = None,
    until: Until = None,
    interval: Annotated[str, Query(pattern="^(day|month)$", description="month (default) or day.")] = "month",
) -> Response:
    """Counts per period; an event is dated by its own date when it is at least that precise, else
    by its document's; claims and documents by the document's date."""
    n = 7 if interval == "month" else 10
    s, u = day(since, "since"), day(until, "until")

    def compute() -> dict[str, Any]:
        items = records.counts_per_period(db, length=n, since=s, until=u)
        return {"interval": interval, "items": [p.to_dict() for p in items]}

    return cached_json(db, ("timeline", s, u, interval), compute)


def warm(db: Engine) -> None:
    """Compute, in the background, what the UI's first pages ask for over the whole store (the
    summary, the strongest ties, communities, the map, the timeline), so that no visitor waits
    for a scan of every tie after the server starts or the store changes."""
    views: list[Callable[[], Any]] = [
        lambda: summary(db),
        lambda: network(db, None, 1, None, None, None, 100, NODES, None),
        lambda: global_timeline(db, None, None, "month"),
        lambda: event_map(db, None, None, None, 500),
        lambda: network_communities(db, None, None, 1, 15, None),
    ]
    for view in views:
        try:
            view()
        except Exception:  # a closed or broken store: the request that needs it will say so
            log.debug("warming the cache failed", exc_info=True)
            return


def warm_in_background(db: Engine) -> threading.Thread:
    thread = threading.Thread(target=warm, args=(db,), name="newsgraph-warm", daemon=True)
    thread.start()
    return thread


# -- alerts ----------------------------------------------------------------------------------------

ALERT_POLL_S = 1.0
"""How often the alert stream looks for new alerts in the store."""
ALERT_STREAM_S = 600.0
"""How long one alert stream stays open; the browser's EventSource reconnects from the last id."""
ALERT_HEARTBEAT_S = 15.0


@router.get(
    "/alerts",
    tags=["alerts"],
    summary="Alerts raised by the watch rules, newest first",
    response_model=m.Page[m.Alert],
)
def alert_list(
    db: Db,
    rule: Annotated[str | None, Query(description="Only the alerts of this rule.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """The alerts of ``newsgraph watch`` (and ``newsgraph alerts run``), as ``newsgraph alerts``."""
    from newsgraph.store import alerts as alert_store

    found = alert_store.list_alerts(db, limit=limit, offset=offset, rule=rule)
    return ok(page([a.to_dict() for a in found], limit, offset, alert_store.count_alerts(db, rule=rule)))


async def alert_stream(request: Request) -> Response:
    """``GET /api/alerts/stream``: a ``text/event-stream`` of the alerts recorded after ``?after=ID``
    (or the ``Last-Event-ID`` the browser sends when it reconnects; by default only those raised
    from now on), each ``event: alert`` with ``id:`` and the alert as JSON ``data:`` (the shape
    of ``GET /api/alerts``), oldest first. The stream looks at the store every second, sends a
    comment line now and then to keep the connection open, and ends when the client goes away
    (or after ten minutes: the browser reconnects from the last id it received).

    A plain route, not in the OpenAPI schema (its answer is a stream, not a JSON model)."""
    from fastapi.responses import StreamingResponse

    from newsgraph.store import alerts as alert_store
    from newsgraph.web.security import error_response

    db = engine(request)
    given = request.query_params.get("after")
    resumed = request.headers.get("last-event-id", "")
    after: int | None = None
    for value in (given, resumed if given is None else None):
        if value is None or value == "":
            continue
        if not value.isdigit() or len(value) > 18:
            return error_response(request, 400, "bad_request", f"after={value[:40]!r} is not an alert id (0 or more)")
        after = int(value)
        break
    start = after if after is not None else await run_in_threadpool(alert_store.last_alert_id, db)

    async def events() -> Any:
        last = start
        loop = asyncio.get_running_loop()
        opened = quiet = loop.time()
        yield "retry: 2000\n: newsgraph alerts\n\n"
        while loop.time() - opened < ALERT_STREAM_S:
            if await request.is_disconnected():
                return
            found = await run_in_threadpool(alert_store.list_alerts, db, limit=100, after_id=last)
            for a in found:
                last = a.id
                yield f"id: {a.id}\nevent: alert\ndata: {json.dumps(a.to_dict(), ensure_ascii=False)}\n\n"
            if found:
                quiet = loop.time()
            elif loop.time() - quiet > ALERT_HEARTBEAT_S:
                quiet = loop.time()
                yield ": keep-alive\n\n"
            await asyncio.sleep(ALERT_POLL_S)

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


router.add_route("/alerts/stream", alert_stream, methods=["GET"], include_in_schema=False)

# -- the analyst's pages (issue 18): documents never untitled, an actor's documents, one event,
# one claim, stories, one hit, trends, outlets ----------------------------------------------------


@router.get(
    "/sources",
    tags=["documents"],
    summary="The outlets of the stored documents, most documents first",
    response_model=m.Sources,
)
def sources(db: Db) -> Response:
    """Every outlet (``source``) of the current documents with how many it carries: what the
    pages' outlet filters offer."""

    def compute() -> dict[str, Any]:
        return {"items": [{"source": s, "documents": n} for s, n in queries.document_sources(db)]}

    return cached_json(db, ("sources",), compute)


@router.get(
    "/actors/{actor_id}/documents",
    tags=["actors"],
    summary="The documents an actor is named in, newest first, with how each mention was linked",
    response_model=m.Page[m.ActorLink],
)
def actor_documents(
    db: Db,
    actor_id: int,
    since: Since = None,
    until: Until = None,
    source: Outlet = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """One row per entity linked to the actor (a document may name it as two entities), with
    the resolver's method, score and reason; ``total`` counts them all."""
    actor_key(actor_id)
    with connect(db) as conn:
        if not nw.load_actors(conn, [actor_id]):
            raise NotFound("actor", f"#{actor_id}")
    found, total = queries.actor_link_page(
        db,
        actor_id,
        since=day(since, "since"),
        until=day(until, "until"),
        source=source or None,
        limit=limit,
        offset=offset,
    )
    return ok(page(with_titles(db, [x.to_dict() for x in found], "document"), limit, offset, total))


def _record_key(key: str, what: str) -> tuple[str, str]:
    """``DOCUMENT:ID`` (the map's and the evidence's way to name a record) -> (document, id)."""
    doc, sep, record = key.rpartition(":")
    if not sep or not doc or not record:
        raise BadRequest(f"{key!r} is not DOCUMENT:ID (a document id and the {what}'s id, like nairobi-water-talks:v1)")
    return doc, record


def _record_context(db: Engine, doc_id: str) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """One document's extraction (each record in its list shape), its summary and its story."""
    doc_id = doc_store.document_id_for(db, doc_id)
    row = doc_store.document_row(db, doc_id)
    data = records.load_extraction(db, doc_id, row).to_dict()
    doc = data["document"]
    doc["title"] = doc["title"] or title_from_text(doc["text"])
    links = actor_store.actors_of_entities(db, doc_id)
    names = {e["id"]: e["name"] for e in data["entities"]}
    for c in data["claims"]:
        speaker = c["speaker"] or {}
        c["speaker_name"] = names.get(speaker.get("entity")) or speaker.get("text")  # as GET /api/documents/ID
        c["reported_by_name"] = names.get(c["reported_by"])
    summary = {k: row[k] for k in ("id", "published", "source", "words", "version", "origin")} | {"title": doc["title"]}
    from newsgraph.store.stories import story_of, story_summary

    number = story_of(db, doc_id)
    head = None
    if number is not None:
        with connect(db) as conn:
            head = story_summary(conn, number)
    story = {"id": head.id, "title": head.title, "articles": head.articles} if head is not None else None
    return {"data": data, "doc": doc, "links": links}, summary, story


def _actor_of(links: dict[str, tuple[int, str]], role: str, arg: dict[str, Any] | None) -> dict[str, Any] | None:
    if not arg:
        return None
    actor, name = links.get(arg.get("entity") or "", (None, None))
    return {"role": role, "text": arg.get("text") or "", "actor": actor, "actor_name": name}


@router.get(
    "/events/{key:path}",
    tags=["records"],
    summary="One event (DOCUMENT:ID) with its actors, its document and its story",
    response_model=m.EventDetail,
)
def event_detail(db: Db, key: str) -> Response:
    """The event in its list shape, the actor each argument was resolved to, the document, the
    story the document is in, and the claim it is known through."""
    doc_id, event_id = _record_key(key, "event")
    ctx, summary, story = _record_context(db, doc_id)
    data, doc, links = ctx["data"], ctx["doc"], ctx["links"]
    found = next((v for v in data["events"] if v["id"] == event_id), None)
    if found is None:
        raise NotFound("event", key)
    arguments = [(role, arg) for role in ("source", "target") for arg in found.get(role) or []]
    arguments += [("participant", arg) for arg in found.get("participants") or []]
    arguments.append(("location", found.get("location")))
    actors = [x for role, arg in arguments if (x := _actor_of(links, role, arg)) is not None]
    claim = next((c for c in data["claims"] if found.get("claim") and c["id"] == found["claim"]), None)
    return ok(
        {
            "event": records.in_document(records.EVENT_FIELDS, found, doc, text=doc["text"]),
            "actors": actors,
            "document": summary,
            "story": story,
            "claim": records.in_document(records.CLAIM_FIELDS, claim, doc, text=doc["text"]) if claim else None,
            "confidence_threshold": DEFAULT_THRESHOLD,
        }
    )


@router.get(
    "/claims/{key:path}",
    tags=["records"],
    summary="One claim (DOCUMENT:ID) with its speaker's actor, its document, its story and its events",
    response_model=m.ClaimDetail,
)
def claim_detail(db: Db, key: str) -> Response:
    """The claim in its list shape, the actors of its speaker and of who reports it, its
    document, its story, and the events known through it."""
    doc_id, claim_id = _record_key(key, "claim")
    ctx, summary, story = _record_context(db, doc_id)
    data, doc, links = ctx["data"], ctx["doc"], ctx["links"]
    found = next((c for c in data["claims"] if c["id"] == claim_id), None)
    if found is None:
        raise NotFound("claim", key)
    entities = {e["id"]: e for e in data["entities"]}
    actors = [x for x in [_actor_of(links, "speaker", found.get("speaker"))] if x is not None]
    if found.get("reported_by") in entities:
        e = entities[found["reported_by"]]
        actor, name = links.get(e["id"], (None, None))
        actors.append({"role": "reported_by", "text": e["name"], "actor": actor, "actor_name": name})
    events = [
        records.in_document(records.EVENT_FIELDS, v, doc, text=doc["text"])
        for v in data["events"]
        if v.get("claim") == claim_id
    ]
    return ok(
        {
            "claim": records.in_document(records.CLAIM_FIELDS, found, doc, text=doc["text"]),
            "actors": actors,
            "document": summary,
            "story": story,
            "events": events,
            "confidence_threshold": DEFAULT_THRESHOLD,
        }
    )


@router.get(
    "/stories", tags=["stories"], summary="Stories (articles grouped), largest first", response_model=m.Page[m.Story]
)
def story_list(
    db: Db,
    min_articles: Annotated[
        int, Query(ge=1, le=MAX_OFFSET, description="Only stories of at least this many articles.")
    ] = 1,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """The stories ``newsgraph stories`` lists, running within ``since``..``until``."""
    found, total = queries.story_page(
        db, min_articles=min_articles, since=day(since, "since"), until=day(until, "until"), limit=limit, offset=offset
    )
    return ok(page([s.to_dict() for s in found], limit, offset, total))


@router.get(
    "/stories/{story_id}", tags=["stories"], summary="One story: its articles and events", response_model=m.StoryDetail
)
def story(db: Db, story_id: int) -> Response:
    """The story, its articles by date, and its events counted once across articles (each with
    the articles and outlets that report it), as ``newsgraph stories --show``."""
    if not 0 <= story_id <= MAX_ID:
        raise NotFound("story", str(story_id))
    from newsgraph.stories import story_details

    head, members, events = story_details(db, story_id)
    return ok({"story": head, "articles": with_titles(db, members), "events": [e.to_dict() for e in events]})


@router.get(
    "/watchlist/hit",
    tags=["review"],
    summary="One watchlist hit, the actor screened and the list's entry",
    response_model=m.HitDetail,
)
def watchlist_hit(
    db: Db,
    name: Annotated[str, Query(min_length=1, description="The screened name.")],
    list_: Annotated[str, Query(alias="list", min_length=1, description="The list (un, ofac, ...).")],
    reference: Annotated[str, Query(min_length=1, description="The entry's reference on its list.")],
) -> Response:
    """The hit with its review, the actor its screened name names (null when it names none, or
    several), and the entry as the list gives it."""
    found = [h for h in review_store.reviewed_hits(db, names=[name], list_name=list_) if h.hit.entry_id == reference]
    if not found:
        raise NotFound("watchlist hit", f"{name} on {list_} {reference}")
    with connect(db) as conn:
        one = nw.actors_named(conn, name, 5).one
    return ok(
        {
            "hit": found[0].to_dict(),
            "actor": one.to_dict() if one is not None else None,
            "entry": queries.watchlist_entry(db, list_, reference),
        }
    )


TREND_DOCUMENTS = 5000
"""The most documents a query's trends count over (best matches first)."""


def _periods(first: str, last: str, interval: str) -> list[str]:
    """Every period from ``first`` to ``last`` (week: the ISO week's Monday, YYYY-MM-DD; month: YYYY-MM)."""
    from datetime import date, timedelta

    out: list[str] = []
    if interval == "month":
        y, mo = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{mo:02d}" <= last:
            out.append(f"{y:04d}-{mo:02d}")
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return out
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    while d <= end:
        out.append(d.isoformat())
        d += timedelta(days=7)
    return out


def _period_of(day_: str, interval: str) -> str | None:
    from datetime import date, timedelta

    if interval == "month":
        return day_[:7] if len(day_) >= 7 else None
    try:
        d = date.fromisoformat(day_[:10])
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


@router.get(
    "/trends",
    tags=["map and timeline"],
    summary="Events per week or month by type, and claims by speaker, for an actor or a search",
    response_model=m.Trends,
)
def trends(
    request: Request,
    db: Db,
    actor: Annotated[str | None, Query(description="An actor: a name, an alias or #ID.")] = None,
    q_: Annotated[str | None, Query(alias="q", description="Words: the documents they match.")] = None,
    interval: Annotated[Literal["week", "month"], Query(description="week or month (default).")] = "month",
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    top: Annotated[int, Query(ge=1, le=50, description="Speakers listed.")] = 15,
) -> Response:
    """The events of the actor (an argument resolved to it) or of the documents the words match,
    counted per period and type (dated by their own day, else their document's); and who is
    quoted most: in the documents naming the actor, or those the words match."""
    if not (actor or "").strip() and not (q_ or "").strip():
        raise BadRequest("give an actor (?actor=NAME) or words (?q=WORDS)")
    s, u, mc = day(since, "since"), day(until, "until"), confidence(min_confidence)
    centre = (actor_ref(actor) or "").strip()
    words = (q_ or "").strip()

    def compute() -> dict[str, Any]:
        who = None
        doc_ids: list[str] | None = None
        if centre:
            with connect(db) as conn:
                who = nw.find_actor(conn, centre)
        else:
            found = doc_store.search(db, words, limit=TREND_DOCUMENTS, snippets=False)
            doc_ids = [d["id"] for d in found]
        if who is None and not doc_ids:
            dated: list[tuple[str, str]] = []
            speakers: list[tuple[str, int]] = []
            claims = 0
        else:
            aid = who.id if who is not None else None
            dated = queries.event_dates(db, actor_id=aid, doc_ids=doc_ids, since=s, until=u, min_confidence=mc)
            speakers, claims = queries.speaker_counts(
                db, actor_id=aid, doc_ids=doc_ids, since=s, until=u, min_confidence=mc, top=top
            )
        counted: dict[str, Counter[str]] = defaultdict(Counter)
        for when, type_ in dated:
            period = _period_of(when, interval)
            if period:
                counted[type_][period] += 1
        used = sorted({p for c in counted.values() for p in c})
        periods = _periods(used[0], used[-1], interval) if used else []
        series = sorted(counted.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        return {
            "interval": interval,
            "actor": who.to_dict() if who is not None else None,
            "query": None if centre else words,
            "documents": None if centre else len(doc_ids or []),
            "periods": periods,
            "series": [{"type": t, "counts": [c.get(p, 0) for p in periods]} for t, c in series],
            "events": sum(sum(c.values()) for c in counted.values()),
            "speakers": [{"speaker": name, "claims": n} for name, n in speakers],
            "claims": claims,
            "min_confidence": mc,
        }

    return cached_json(db, ("trends", centre, words, interval, s, u, mc, top), compute)
