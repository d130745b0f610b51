"""The JSON shapes of the API: one model per resource, the same wherever the resource appears.

Every route declares its answer's model (``response_model=``), so the OpenAPI schema documents it;
the routes still render their answers with ``json.dumps`` (validating a large network costs more
than reading it), and the tests check the answers against these models (``extra="forbid"``: a
field the model does not declare is an error).

The names, once for all resources:

- ``document``: a document's id (``documents`` is a count, ``document_ids`` a list of ids);
- ``outlet``: the publication that carries a document, on the records of that document (a
  document's own field for it is ``source``, as in its input);
- ``source`` / ``target``: the actor ids at the ends of an edge; an event's ``source``, ``target``
  and ``participants`` are its arguments as written (the contract's);
- ``actor``: an actor's id; ``actor_name`` its name;
- ``speaker``: a claim's speaker as written (a span, the contract's); ``speaker_name`` who says so
  by name (the speaker's actor or entity, else as written);
- ``sentence_text``: the sentence that states a fact; ``start``/``end`` are offsets into the
  document's text;
- ``page``: the page of a paged document (a PDF report) where a fact's evidence stands, 1 for the
  first; null for a document without pages;
- ``confidence``: 0-1, null for facts stored before newsgraph scored them.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


PAGE_DOC = "The page (1 for the first) of a paged document (a PDF) the evidence stands on; null for any other."


def shape(example: dict[str, Any] | None = None) -> ConfigDict:
    """The configuration of every model: no undeclared field, and an example for the docs."""
    if example is None:
        return ConfigDict(extra="forbid")
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [example]})


def example(model: type[BaseModel]) -> Any:
    """A model's first example."""
    extra: Any = model.model_config.get("json_schema_extra") or {}
    return extra["examples"][0]


# -- actors --------------------------------------------------------------------------------------

ACTOR_EXAMPLE: dict[str, Any] = {
    "id": 34,
    "name": "Ethiopia",
    "kind": "state",
    "country": "ET",
    "documents": 1,
    "mentions": 2,
    "aliases": ["Ethiopian"],
    "first_seen": "2026-03-03",
    "last_seen": "2026-03-03",
}


class Actor(BaseModel):
    """An actor resolved across documents (lists, search, the network, paths, timelines)."""

    model_config = shape(ACTOR_EXAMPLE)

    id: int
    name: str = Field(description="The canonical name: the full form most documents use.")
    kind: str = Field(description="person, organization, group, state, place, igo, media, ...")
    country: str | None = Field(description="ISO 3166 alpha-2 of the place, or the person's nationality.")
    documents: int = Field(description="Documents that name it.")
    mentions: int
    aliases: list[str] = Field(description="Its other names, most used first (at most 10 in lists).")
    first_seen: str | None
    last_seen: str | None


class ActorPlace(BaseModel):
    model_config = shape(
        {
            "name": "Kenya",
            "lat": 1.0,
            "lon": 38.0,
            "country": "KE",
            "geonames_id": 192950,
            "feature": "PCLI",
            "entities": 1,
        }
    )

    name: str
    lat: float
    lon: float
    country: str | None
    geonames_id: int | None
    feature: str | None
    entities: int = Field(description="The actor's entities at this place.")


class ActorDetail(Actor):
    """An actor with everything known of it: :class:`Actor`'s fields (all its aliases) and more."""

    model_config = shape(
        {
            **ACTOR_EXAMPLE,
            "alias_documents": {"Ethiopia": 1, "Ethiopian": 1},
            "attributes": {"kind": {"state": 1}},
            "roles": {},
            "places": [],
        }
    )

    alias_documents: dict[str, int] = Field(description="Every name it goes by: how many documents use each.")
    attributes: dict[str, Any] = Field(description="{attribute: {value: documents}}.")
    roles: dict[str, int] = Field(description="{role: documents}.")
    places: list[ActorPlace]


HIT_REVIEW_EXAMPLE: dict[str, Any] = {
    "seq": 1,
    "screened_name": "Tunde Bakare",
    "list": "un-test",
    "reference": "QDi.990",
    "status": "dismissed",
    "decided_by": "alice",
    "note": "another Tunde Bakare: a footballer, not the listed cleric",
    "decided_at": "2026-03-21T09:30:00+00:00",
    "entry_name": "TUNDE BAKARE",
    "matched_name": "TUNDE BAKARE",
    "score": 0.97,
}


class HitReview(BaseModel):
    """A decision on a watchlist hit: who, when, why. The hit is named for good by the screened
    name, the list and the reference (never a row number), so the decision holds across
    re-ingest, rebuilds and new screenings; the newest decision on a hit is in force."""

    model_config = shape(HIT_REVIEW_EXAMPLE)

    seq: int = Field(description="The decision's number (its order).")
    screened_name: str
    list: str
    reference: str
    status: str = Field(description="confirmed, dismissed, or open (an earlier decision taken back).")
    decided_by: str
    note: str | None
    decided_at: str
    entry_name: str | None = Field(description="The entry's name when decided.")
    matched_name: str | None = Field(description="The listed name or alias that matched when decided.")
    score: float | None = Field(description="The hit's score when decided.")


class WatchlistHit(BaseModel):
    """A screened name that matched a listed entry (``newsgraph screen --actors``), with its review."""

    model_config = shape(
        {
            "list": "un-test",
            "reference": "QDi.990",
            "entry_name": "TUNDE BAKARE",
            "matched_name": "TUNDE BAKARE",
            "screened_name": "Tunde Bakare",
            "score": 0.97,
            "explanation": "same words in the same order",
            "screened_at": "2026-03-20T10:00:00+00:00",
            "kind": "person",
            "documents": 1,
            "status": "dismissed",
            "review": HIT_REVIEW_EXAMPLE,
        }
    )

    list: str
    reference: str = Field(description="The entry's reference on its list.")
    entry_name: str
    matched_name: str = Field(description="The listed name or alias that matched.")
    screened_name: str = Field(description="The actor's name as screened.")
    score: float
    explanation: str
    screened_at: str
    kind: str | None = Field(description="The screened entity's kind.")
    documents: int = Field(description="Current documents naming it, when screened.")
    status: str = Field(description="open (nobody decided), confirmed or dismissed.")
    review: HitReview | None = Field(description="The decision in force, null when nobody decided.")


class ActorLink(BaseModel):
    """An entity of a document linked to the actor, with the resolver's score and reason."""

    model_config = shape(
        {
            "document": "e8dd137cc629f756",
            "entity_id": "e3",
            "name": "Kenya",
            "score": 1.0,
            "method": "new",
            "reason": "new actor: no known actor shares a name key",
            "published": "2026-03-03",
            "title": None,
        }
    )

    document: str
    entity_id: str
    name: str
    score: float
    method: str
    reason: str
    published: str | None
    title: str | None


DECISION_EXAMPLE: dict[str, Any] = {
    "seq": 3,
    "action": "merge",
    "left_name": "PM Sharif",
    "right_name": "Shehbaz Sharif",
    "document": None,
    "entity_id": None,
    "note": "same person",
    "decided_at": "2026-03-21T09:30:00+00:00",
    "decided_by": "alice",
}


class Decision(BaseModel):
    """A merge or a split asked for by a user (``newsgraph actor merge|split``, the actor page)."""

    model_config = shape(DECISION_EXAMPLE)

    seq: int
    action: str
    left_name: str | None
    right_name: str | None
    document: str | None
    entity_id: str | None
    note: str | None
    decided_at: str
    decided_by: str | None = Field(description="Who asked for it (null: not said).")


class ActorPage(BaseModel):
    model_config = shape(
        {"actor": example(ActorDetail), "watchlist": [], "methods": {"new": 1}, "links": [], "decisions": []}
    )

    actor: ActorDetail
    watchlist: list[WatchlistHit]
    methods: dict[str, int] = Field(description="How many of its entities were linked by each method.")
    links: list[ActorLink]
    decisions: list[Decision]


class Merged(BaseModel):
    """What a merge did (``POST /api/actors/ID/merge``)."""

    model_config = shape({"actor": ACTOR_EXAMPLE, "other": ACTOR_EXAMPLE, "merged": True, "decision": DECISION_EXAMPLE})

    actor: Actor = Field(description="The actor both are now (when merged; else the one in the path).")
    other: Actor = Field(description="The other actor, as it was.")
    merged: bool = Field(
        description="false when they were one actor already (nothing recorded), or when the names also "
        "name other actors and the resolver merged nothing by them (merge by #ID)."
    )
    decision: Decision | None


class SplitResult(BaseModel):
    """What a split did (``POST /api/actors/ID/split``)."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "actor": ACTOR_EXAMPLE,
                    "from": ACTOR_EXAMPLE,
                    "decision": DECISION_EXAMPLE | {"action": "split", "document": "nexus-1", "entity_id": "e4"},
                }
            ]
        },
    )

    actor: Actor = Field(description="The entity's new actor.")
    from_: Actor | None = Field(alias="from", description="The actor it left (null when none is left).")
    decision: Decision | None


class Candidate(BaseModel):
    """One of the actors a name fits."""

    model_config = shape()

    id: int
    name: str
    kind: str
    country: str | None
    documents: int
    alias: str | None = Field(description="A name only this candidate goes by (null when none).")
    first_seen: str | None
    last_seen: str | None


class AmbiguousActorBody(BaseModel):
    model_config = shape()

    status: int = Field(description="409.")
    code: str = Field(description="ambiguous_actor.")
    message: str
    candidates: list[Candidate] = Field(description="The most documented first (at most 10).")
    total: int = Field(description="How many actors the name fits.")


class AmbiguousActorError(BaseModel):
    """A name that fits several actors: the error shape, with the candidates to pick from (by #ID)."""

    model_config = shape()

    error: AmbiguousActorBody


# -- documents -----------------------------------------------------------------------------------

DOCUMENT_SUMMARY_EXAMPLE: dict[str, Any] = {
    "id": "nws-2026-0314-hanoi",
    "title": "Vietnam opens new Mekong flood centre",
    "published": "2026-03-14",
    "source": "NWS",
    "words": 55,
    "version": 1,
    "origin": "samples/briefs.jsonl:2",
}


class DocumentSummary(BaseModel):
    """A stored document in a list (without its text)."""

    model_config = shape(DOCUMENT_SUMMARY_EXAMPLE)

    id: str
    title: str | None
    published: str | None = Field(description="YYYY-MM-DD.")
    source: str | None = Field(description="The outlet or agency carrying it.")
    words: int
    version: int = Field(description="1, or the how-manieth text under the same id or URL.")
    origin: str | None = Field(description="Where it was read from (FILE:LINE, a feed item, POST /api/documents#N).")


class DocumentHit(DocumentSummary):
    """A document found by a search: :class:`DocumentSummary` and the matching words."""

    model_config = shape({**DOCUMENT_SUMMARY_EXAMPLE, "snippet": "flood forecasting centre in [Can Tho] …"})

    snippet: str | None = Field(description="The text around the match, matched words between [ and ].")


class WatchlistReview(BaseModel):
    """How many stored hits are open (nobody decided), confirmed and dismissed."""

    model_config = shape({"open": 3, "confirmed": 1, "dismissed": 12})

    open: int
    confirmed: int
    dismissed: int


class Summary(BaseModel):
    model_config = shape(
        {
            "documents": 9,
            "versions": 9,
            "words": 683,
            "sources": {"NWS": 6, "(unknown)": 1},
            "first": "2026-01-09",
            "last": "2026-03-14",
            "entities": 68,
            "claims": 31,
            "events": 21,
            "relations": 16,
            "actors": 59,
            "watchlist_hits": 1,
            "watchlist_review": {"open": 0, "confirmed": 1, "dismissed": 0},
        }
    )

    documents: int = Field(description="Current documents.")
    versions: int = Field(description="Every stored version, replaced ones included.")
    words: int
    sources: dict[str, int] = Field(description="Documents per source, most first.")
    first: str | None
    last: str | None
    entities: int
    claims: int
    events: int
    relations: int
    actors: int
    watchlist_hits: int = Field(description="Stored watchlist hits (open, confirmed and dismissed).")
    watchlist_review: WatchlistReview


class SearchResults(BaseModel):
    model_config = shape(
        {
            "query": "Kenya",
            "documents": [DOCUMENT_SUMMARY_EXAMPLE | {"snippet": "[Kenya] and"}],
            "actors": [ACTOR_EXAMPLE],
            "limit": 20,
            "offset": 0,
            "actor_offset": 0,
            "documents_total": 1,
            "actors_total": 1,
        }
    )

    query: str
    documents: list[DocumentHit]
    actors: list[Actor]
    limit: int = Field(description="The most documents, and the most actors, on a page.")
    offset: int = Field(description="Documents skipped.")
    actor_offset: int = Field(description="Actors skipped.")
    documents_total: int = Field(description="Documents matching in all (with the filters).")
    actors_total: int = Field(description="Actors answering to the query in all (of the kind asked for).")


# -- the records of a document (the contract's, with their document's context) --------------------


class Span(BaseModel):
    model_config = shape()

    start: int
    end: int
    text: str


class Arg(Span):
    entity: str | None = Field(description="The entity of the document it names, if any.")


class SentenceSpan(BaseModel):
    model_config = shape()

    start: int
    end: int


class EventDate(SentenceSpan):
    value: str | None


class Dateline(BaseModel):
    model_config = shape()

    place: str | None
    agency: str | None
    start: int
    end: int


class Context(BaseModel):
    """What a claim, an event and a relation carry of their document."""

    model_config = shape()

    document: str = Field(description="The document's id.")
    published: str | None
    title: str | None
    outlet: str | None = Field(description="The outlet carrying the document (its source).")


CLAIM_EXAMPLE: dict[str, Any] = {
    "id": "c2",
    "start": 157,
    "end": 208,
    "text": "The Mekong delta cannot wait for the next disaster,",
    "kind": "direct",
    "speaker": {"start": 215, "end": 229, "text": "Nguyen Thi Lan", "entity": "e7"},
    "cue": {"start": 210, "end": 214, "text": "said"},
    "modality": "asserted",
    "reported_by": "e2",
    "confidence": 0.9,
    "document": "nws-2026-0314-hanoi",
    "published": "2026-03-14",
    "title": "Vietnam opens new Mekong flood centre",
    "outlet": "NWS",
    "speaker_name": "Nguyen Thi Lan",
    "reported_by_name": "NWS",
    "page": None,
}


class Claim(Context):
    """Who says what (the contract's claim) in its document."""

    model_config = shape(CLAIM_EXAMPLE)

    id: str
    start: int
    end: int
    text: str
    kind: str = Field(description="direct or indirect.")
    speaker: Arg | None
    cue: Span | None
    modality: str
    reported_by: str | None = Field(description="The entity (of the document) that reports the claim.")
    confidence: float | None
    speaker_name: str | None
    reported_by_name: str | None
    page: int | None = Field(None, description=PAGE_DOC)


EVENT_EXAMPLE: dict[str, Any] = {
    "id": "v1",
    "type": "RETREAT",
    "mode": "open",
    "cameo": "08",
    "trigger": {"start": 47, "end": 55, "text": "reopened"},
    "sentence": {"start": 0, "end": 180},
    "source": [{"start": 28, "end": 36, "text": "Mongolia", "entity": "e2"}],
    "target": [{"start": 60, "end": 69, "text": "Zamyn-Uud", "entity": "e4"}],
    "participants": [],
    "date": {"start": 89, "end": 97, "value": "2026-01-15"},
    "location": None,
    "modality": "asserted",
    "claim": "c1",
    "confidence": 0.775,
    "document": "nws-2026-0115-zamyn-uud",
    "published": "2026-01-15",
    "title": "Mongolia and China reopen border crossing",
    "outlet": "NWS World",
    "sentence_text": "ULAANBAATAR, Jan 15 (NWS) - Mongolia and China reopened the Zamyn-Uud border crossing ...",
    "page": None,
}


class Event(Context):
    """Who did what to whom (the contract's event, PLOVER typed) in its document."""

    model_config = shape(EVENT_EXAMPLE)

    id: str
    type: str
    mode: str | None
    cameo: str | None
    trigger: Span
    sentence: SentenceSpan
    source: list[Arg] = Field(description="Who acts, as written (actor ids are an edge's source).")
    target: list[Arg]
    participants: list[Arg]
    date: EventDate | None
    location: Arg | None
    modality: str
    claim: str | None = Field(description="The claim that states it, when it is known through one.")
    confidence: float | None
    sentence_text: str
    page: int | None = Field(None, description=PAGE_DOC)


RELATION_EXAMPLE: dict[str, Any] = {
    "id": "r1",
    "type": "has_role",
    "subject": {"start": 215, "end": 229, "text": "Nguyen Thi Lan", "entity": "e7"},
    "object": {"start": 235, "end": 252, "text": "centre's director", "entity": None},
    "evidence": {"start": 156, "end": 253},
    "modality": "asserted",
    "claim": None,
    "confidence": 0.851,
    "document": "nws-2026-0314-hanoi",
    "published": "2026-03-14",
    "title": "Vietnam opens new Mekong flood centre",
    "outlet": "NWS",
    "sentence_text": '"The Mekong delta cannot wait for the next disaster," said Nguyen Thi Lan, ...',
    "page": None,
}


class Relation(Context):
    """A lasting tie between two arguments (the contract's relation) in its document."""

    model_config = shape(RELATION_EXAMPLE)

    id: str
    type: str
    subject: Arg
    object: Arg
    evidence: SentenceSpan = Field(description="The sentence that states it (offsets).")
    modality: str
    claim: str | None
    confidence: float | None
    sentence_text: str
    page: int | None = Field(None, description=PAGE_DOC)


class Mention(BaseModel):
    model_config = shape({"id": "m1", "start": 0, "end": 5, "text": "HANOI", "type": "GPE", "entity": "e1"})

    id: str
    start: int
    end: int
    text: str
    type: str
    entity: str | None


class EntityPlace(BaseModel):
    model_config = shape()

    lat: float
    lon: float
    country: str | None
    geonames_id: int | None
    feature: str | None


class Entity(BaseModel):
    """An entity of one document, with the actor it was resolved to."""

    model_config = shape(
        {
            "id": "e1",
            "name": "HANOI",
            "kind": "place",
            "aliases": [],
            "mentions": ["m1"],
            "place": {"lat": 21.0245, "lon": 105.84117, "country": "VN", "geonames_id": 1581130, "feature": "PPLC"},
            "attributes": {},
            "confidence": 0.853,
            "actor": 54,
            "actor_name": "Hanoi",
        }
    )

    id: str
    name: str
    kind: str
    aliases: list[str]
    mentions: list[str]
    place: EntityPlace | None
    attributes: dict[str, Any]
    confidence: float | None
    actor: int | None
    actor_name: str | None


class DateMention(BaseModel):
    model_config = shape()

    start: int
    end: int
    text: str
    value: str | None
    granularity: str


class StoredDocument(BaseModel):
    """A stored document with its text (the contract's document and how it is stored)."""

    model_config = shape(
        {
            "id": "nws-2026-0314-hanoi",
            "title": "Vietnam opens new Mekong flood centre",
            "url": "https://example.org/nws/2026/03/14/mekong",
            "source": "NWS",
            "published": "2026-03-14",
            "dateline": {"place": "HANOI", "agency": "NWS", "start": 0, "end": 24},
            "text": "HANOI, March 14 (NWS) - Vietnam opened a flood forecasting centre ...",
            "origin": "samples/briefs.jsonl:2",
            "slug": None,
            "words": 55,
            "version": 1,
            "previous_id": None,
            "current": True,
            "ingested_at": "2026-03-20T10:00:00+00:00",
        }
    )

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    dateline: Dateline | None
    text: str
    origin: str | None
    slug: str | None
    words: int
    version: int
    previous_id: str | None = Field(description="The id of the version this one replaces.")
    current: bool
    ingested_at: str


class DocumentPage(BaseModel):
    """One document and its extraction (the contract's records, each with its document's context)."""

    model_config = shape(
        {
            "schema": "newsgraph/extraction@1",
            "document": example(StoredDocument),
            "mentions": [example(Mention)],
            "entities": [example(Entity)],
            "dates": [{"start": 7, "end": 15, "text": "March 14", "value": "2026-03-14", "granularity": "day"}],
            "claims": [CLAIM_EXAMPLE],
            "events": [],
            "relations": [RELATION_EXAMPLE],
            "confidence_threshold": 0.65,
        }
    )

    schema_: str = Field(alias="schema", description="newsgraph/extraction@1")
    document: StoredDocument
    mentions: list[Mention]
    entities: list[Entity]
    dates: list[DateMention]
    claims: list[Claim]
    events: list[Event]
    relations: list[Relation]
    confidence_threshold: float = Field(description="What the lists hide by default (the pages fade it).")


class Saved(BaseModel):
    """What ``POST /api/documents`` did with one posted document."""

    model_config = shape(
        {
            "id": "nws-2026-0401-test",
            "status": "new",
            "title": "Kenya and Ethiopia agree on water sharing",
            "published": "2026-04-01",
            "source": "NWS",
        }
    )

    id: str = Field(description="The stored document's id.")
    status: str = Field(description="new, version (a changed text under a known id or URL) or unchanged.")
    title: str | None
    published: str | None
    source: str | None


class Failure(BaseModel):
    model_config = shape({"document": 2, "reason": "empty document"})

    document: int | str = Field(description="The failed document's place in the request (1-based).")
    reason: str


class IngestResult(BaseModel):
    model_config = shape(
        {
            "new": 1,
            "versions": 0,
            "unchanged": 0,
            "failed": [],
            "documents": [example(Saved)],
        }
    )

    new: int
    versions: int
    unchanged: int
    failed: list[Failure]
    documents: list[Saved] = Field(description="Each posted document that is stored, in the order posted.")


# -- lists ---------------------------------------------------------------------------------------


class Page(BaseModel, Generic[T]):
    """A page of a list: ``total`` is null where counting would cost a second scan and the page was full."""

    model_config = shape()

    items: list[T]
    limit: int
    offset: int
    total: int | None


class ConfidencePage(Page[T], Generic[T]):
    """A page of facts read with a confidence threshold."""

    min_confidence: float = Field(description="The threshold the facts were read with.")
    hidden_below_confidence: int = Field(description="Facts left out for being under it.")
    confidence_threshold: float = Field(description="The calibrated default threshold.")


# -- the network -----------------------------------------------------------------------------------

EVIDENCE_EXAMPLE: dict[str, Any] = {
    "document": "9ce0538f0aeb1650",
    "kind": "claim",
    "record": "c1",
    "label": "said",
    "sentence_text": "Thousands of dock workers walked off the job at the Apapa port in Lagos on Friday ...",
    "start": 56,
    "end": 181,
    "date": "2026-02-20",
    "location": None,
    "modality": "asserted",
    "speaker_name": "Maritime Workers Union of Nigeria",
    "outlet": "NWS",
    "published": "2026-02-20",
    "title": "Dock workers strike at Lagos port",
    "confidence": 0.877,
    "page": None,
}


class Evidence(BaseModel):
    """One statement of a tie: the sentence, where it is said, by whom, how."""

    model_config = shape(EVIDENCE_EXAMPLE)

    document: str = Field(description="The document's id.")
    kind: str = Field(description="event, relation or claim.")
    record: str = Field(description="The event, relation or claim in the document (v1, r2, c3).")
    label: str = Field(description="The trigger, relation type or cue as written.")
    sentence_text: str
    start: int
    end: int
    date: str | None
    location: str | None
    modality: str
    speaker_name: str | None = Field(description="Who says so, when the fact is known through a claim.")
    outlet: str | None = Field(description="The outlet carrying the document.")
    published: str | None
    title: str | None
    confidence: float | None
    page: int | None = Field(None, description=PAGE_DOC)


class Edge(BaseModel):
    """A tie between two actors, over every document that states it."""

    model_config = shape(
        {
            "id": "4-1-claim-says",
            "source": 4,
            "source_name": "Maritime Workers Union of Nigeria",
            "target": 1,
            "target_name": "Lagos",
            "kind": "claim",
            "type": "says",
            "label": "said",
            "directed": True,
            "weight": 1,
            "first": "2026-02-20",
            "last": "2026-02-20",
            "modality": "asserted",
            "confidence": 0.877,
            "evidence": [EVIDENCE_EXAMPLE],
        }
    )

    id: str = Field(description="Stable across requests: SOURCE-TARGET-KIND-TYPE.")
    source: int = Field(description="The actor id at the tail.")
    source_name: str | None
    target: int = Field(description="The actor id at the head.")
    target_name: str | None
    kind: str = Field(description="event, relation or claim.")
    type: str
    label: str
    directed: bool
    weight: int = Field(description="Documents that state it.")
    first: str | None
    last: str | None
    modality: str
    confidence: float | None = Field(description="The highest confidence of its evidence.")
    evidence: list[Evidence]


class Network(BaseModel):
    model_config = shape(
        {
            "center": [],
            "actors": [ACTOR_EXAMPLE],
            "edges": [],
            "truncated": False,
            "min_confidence": 0.65,
            "hidden_below_confidence": 9,
            "confidence_threshold": 0.65,
        }
    )

    center: list[int] = Field(description="The actor ids at the centre (empty for the strongest ties).")
    actors: list[Actor] = Field(description="The actors the edges and the centre touch.")
    edges: list[Edge] = Field(
        description="Around an actor: its own ties first, then those among its neighbours, then further out "
        "(the strongest first within each); otherwise the strongest first."
    )
    truncated: bool = Field(description="Whether edges past the limit were left out.")
    min_confidence: float
    hidden_below_confidence: int
    confidence_threshold: float


class PathStep(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: Actor = Field(alias="from")
    to: Actor
    kind: str
    type: str
    label: str
    weight: int
    evidence: Evidence


class Path(BaseModel):
    model_config = shape({"text": "Kenya -[agreed with, 2026-03-03, via NWS]- Ethiopia", "steps": []})

    text: str
    steps: list[PathStep]


class Paths(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "from": ACTOR_EXAMPLE,
                    "to": ACTOR_EXAMPLE,
                    "paths": [],
                    "min_confidence": 0.65,
                    "hidden_below_confidence": 3,
                }
            ]
        },
    )

    from_: Actor = Field(alias="from")
    to: Actor
    paths: list[Path]
    min_confidence: float
    hidden_below_confidence: int


class Central(BaseModel):
    model_config = shape(
        {"id": 42, "name": "Meteorological Office", "degree": 0.15, "betweenness": 0.0474, "strength": 3}
    )

    id: int
    name: str
    degree: float
    betweenness: float
    strength: int = Field(description="Documents over all its ties.")


class Community(BaseModel):
    model_config = shape({"size": 4, "members": ["Meteorological Office", "NWS"]})

    size: int
    members: list[str] = Field(description="The names of its strongest members (at most 10).")


class Communities(BaseModel):
    model_config = shape(
        {
            "nodes": 21,
            "edges": 15,
            "central": [],
            "communities": [],
            "min_confidence": 0.65,
            "hidden_below_confidence": 9,
        }
    )

    nodes: int = Field(description="Actors in the network.")
    edges: int = Field(description="Ties in the network.")
    central: list[Central]
    communities: list[Community]
    min_confidence: float
    hidden_below_confidence: int


# -- timelines and the map ---------------------------------------------------------------------------


class TimelineItem(BaseModel):
    """A dated event or claim involving an actor."""

    model_config = shape(
        {
            "date": "2026-03-03",
            "kind": "event",
            "type": "AGREE",
            "role": "source",
            "text": "Kenya and Ethiopia agreed on Monday to set up a joint commission ...",
            "modality": "asserted",
            "speaker_name": None,
            "document": "e8dd137cc629f756",
            "outlet": "NWS",
            "title": None,
            "others": ["Ethiopia"],
            "location": None,
            "confidence": 0.8,
            "page": None,
        }
    )

    date: str | None
    kind: str = Field(description="event, said (the actor's own claim) or mentioned (a claim about it).")
    type: str
    role: str
    text: str = Field(description="The sentence or the claim.")
    modality: str
    speaker_name: str | None
    document: str
    outlet: str | None
    title: str | None
    others: list[str]
    location: str | None
    confidence: float | None
    page: int | None = Field(None, description=PAGE_DOC)


class ActorTimeline(BaseModel):
    model_config = shape(
        {
            "actor": ACTOR_EXAMPLE,
            "items": [],
            "limit": 200,
            "offset": 0,
            "total": 0,
            "min_confidence": 0.65,
            "hidden_below_confidence": 2,
            "confidence_threshold": 0.65,
        }
    )

    actor: Actor
    items: list[TimelineItem]
    limit: int
    offset: int
    total: int = Field(description="Items matching the filters in all.")
    min_confidence: float
    hidden_below_confidence: int
    confidence_threshold: float


class Place(BaseModel):
    """A place where events happen (an event's location, geocoded)."""

    model_config = shape(
        {
            "place": "Lagos",
            "lat": 6.45407,
            "lon": 3.39467,
            "country": "NG",
            "actor": 1,
            "events": 1,
            "event_ids": ["9ce0538f0aeb1650:v1"],
            "document_ids": ["9ce0538f0aeb1650"],
            "written": ["Lagos"],
        }
    )

    place: str
    lat: float
    lon: float
    country: str | None
    actor: int | None = Field(description="The actor the place was resolved to.")
    events: int
    event_ids: list[str] = Field(description="DOCUMENT:EVENT, at most 50.")
    document_ids: list[str] = Field(description="At most 20.")
    written: list[str] = Field(
        default_factory=list, description="The place's names as the articles wrote them, most used first (at most 5)."
    )

    clue: str | None = Field(default=None, description="Why the geocoder put the place here (its most frequent clue).")
    runner_up: str | None = Field(default=None, description="The place that came second for that clue's choice.")
    place_confidence: float | None = Field(default=None, description="The geocoder's confidence in that choice.")


class Places(BaseModel):
    model_config = shape({"items": [example(Place)], "total": 1})

    items: list[Place]
    total: int


class Period(BaseModel):
    model_config = shape({"date": "2026-03", "events": 6, "claims": 10, "documents": 2})

    date: str = Field(description="YYYY-MM or YYYY-MM-DD.")
    events: int
    claims: int
    documents: int


class Timeline(BaseModel):
    model_config = shape(
        {"interval": "month", "items": [{"date": "2026-03", "events": 6, "claims": 10, "documents": 2}]}
    )

    interval: str
    items: list[Period]


# -- alerts ----------------------------------------------------------------------------------------

ALERT_EXAMPLE: dict[str, Any] = {
    "id": 12,
    "rule": "groups in events",
    "rule_kind": "actor_event",
    "summary": "Jaish-e-Mohammed in a new PROTEST event",
    "fact": {"kind": "event", "type": "PROTEST", "record": "v1", "modality": "asserted", "confidence": 0.42},
    "sentence_text": "Jaish-e-Mohammed held a rally in Bahawalpur on Monday.",
    "start": 25,
    "end": 79,
    "document": "nws-2026-0303-jem",
    "title": "Jaish-e-Mohammed rally",
    "url": "https://news.example/jem",
    "outlet": "NWS",
    "published": "2026-03-03",
    "speaker_name": None,
    "actors": [{"id": 8, "name": "Jaish-e-Mohammed"}],
    "created_at": "2026-03-03T10:00:00+00:00",
    "deliveries": {"email": "delivered", "jsonl": "delivered"},
    "page": None,
}


class AlertActor(BaseModel):
    model_config = shape()

    id: int
    name: str


class Alert(BaseModel):
    """An alert a watch rule raised: the fact (event, claim, tie, watchlist match or surge, with its
    type, modality and confidence), its sentence, the document and its outlet, who says so, the
    rule that fired, and its status on each delivery channel."""

    model_config = shape(ALERT_EXAMPLE)

    id: int = Field(description="The alert's number: newer alerts have larger ones.")
    rule: str
    rule_kind: str = Field(description="actor_event, actor_claim, new_tie, watchlist_match, new_speaker or surge.")
    summary: str
    fact: dict[str, Any] = Field(description="kind, type, record, modality, confidence, and what the kind adds.")
    sentence_text: str | None
    start: int | None
    end: int | None
    document: str | None
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    speaker_name: str | None
    actors: list[AlertActor]
    created_at: str
    deliveries: dict[str, str] = Field(description="Channel -> pending or delivered.")
    page: int | None = Field(None, description=PAGE_DOC)


# -- the analyst's pages (issue 18): events, claims, stories, hits, trends --------------------------


class RecordActor(BaseModel):
    """An argument of an event (or a claim's speaker) and the actor it was resolved to."""

    model_config = shape({"role": "source", "text": "Kenya", "actor": 34, "actor_name": "Kenya"})

    role: str = Field(description="source, target, participant, location, speaker or reported_by.")
    text: str
    actor: int | None
    actor_name: str | None


class StoryRef(BaseModel):
    model_config = shape({"id": 3, "title": "Kenya and Ethiopia agree on the Omo", "articles": 2})

    id: int
    title: str | None
    articles: int


class EventDetail(BaseModel):
    """One event with the actors of its arguments, its document and its story."""

    model_config = shape(
        {
            "event": {},
            "actors": [example(RecordActor)],
            "document": DOCUMENT_SUMMARY_EXAMPLE,
            "story": example(StoryRef),
            "claim": None,
            "confidence_threshold": 0.65,
        }
    )

    event: Event
    actors: list[RecordActor]
    document: DocumentSummary
    story: StoryRef | None
    claim: Claim | None = Field(description="The claim the event is known through, if any.")
    confidence_threshold: float


class ClaimDetail(BaseModel):
    """One claim with its speaker's actor, its document, its story and the facts known through it."""

    model_config = shape(
        {
            "claim": {},
            "actors": [example(RecordActor)],
            "document": DOCUMENT_SUMMARY_EXAMPLE,
            "story": None,
            "events": [],
            "confidence_threshold": 0.65,
        }
    )

    claim: Claim
    actors: list[RecordActor]
    document: DocumentSummary
    story: StoryRef | None
    events: list[Event] = Field(description="Events known through this claim.")
    confidence_threshold: float


class Story(BaseModel):
    model_config = shape(
        {
            "id": 3,
            "title": "Kenya and Ethiopia agree",
            "first_date": "2026-03-03",
            "last_date": "2026-03-04",
            "articles": 2,
        }
    )

    id: int
    title: str | None
    first_date: str | None
    last_date: str | None
    articles: int


class StoryArticle(BaseModel):
    model_config = shape(
        {
            "id": "nairobi-water-talks",
            "title": "Kenya and Ethiopia agreed on Monday",
            "source": "NWS",
            "published": "2026-03-03",
            "similarity": 0.0,
        }
    )

    id: str
    title: str | None
    source: str | None
    published: str | None
    similarity: float


class StoryEvent(BaseModel):
    model_config = shape(
        {
            "type": "AGREE",
            "cameo": "057",
            "source": "Kenya",
            "target": "Ethiopia",
            "date": "2026-03-03",
            "articles": 2,
            "sources": ["NWS"],
            "mentions": [
                {
                    "document": "nairobi-water-talks",
                    "event": "v1",
                    "trigger": "agreed",
                    "sentence": None,
                    "modality": "asserted",
                }
            ],
        }
    )

    type: str
    cameo: str | None
    source: str | None
    target: str | None
    date: str | None
    articles: int
    sources: list[str]
    mentions: list[dict[str, Any]]


class StoryDetail(BaseModel):
    model_config = shape(
        {"story": example(Story), "articles": [example(StoryArticle)], "events": [example(StoryEvent)]}
    )

    story: Story
    articles: list[StoryArticle]
    events: list[StoryEvent]


class HitDetail(BaseModel):
    """One watchlist hit, the actor screened (when one actor answers to its name) and the list's entry."""

    model_config = shape({"hit": example(WatchlistHit), "actor": ACTOR_EXAMPLE, "entry": {"name": "TUNDE BAKARE"}})

    hit: WatchlistHit
    actor: Actor | None
    entry: dict[str, Any] | None = Field(description="The list's entry as stored (name, aliases, regime, reason, ...).")


class TrendSeries(BaseModel):
    model_config = shape({"type": "CONSULT", "counts": [2, 0, 1]})

    type: str
    counts: list[int] = Field(description="One count per period, in the order of ``periods``.")


class SpeakerCount(BaseModel):
    model_config = shape({"speaker": "Amina Wekesa", "claims": 3})

    speaker: str
    claims: int


class Trends(BaseModel):
    """Events per week or month by type, and claims by speaker, for an actor or a search."""

    model_config = shape(
        {
            "interval": "month",
            "actor": None,
            "query": "Kenya",
            "documents": 3,
            "periods": ["2026-02", "2026-03"],
            "series": [example(TrendSeries)],
            "events": 3,
            "speakers": [example(SpeakerCount)],
            "claims": 5,
            "min_confidence": 0.65,
        }
    )

    interval: str
    actor: Actor | None
    query: str | None
    documents: int | None = Field(description="Documents the query matched (null for an actor).")
    periods: list[str]
    series: list[TrendSeries]
    events: int
    speakers: list[SpeakerCount]
    claims: int = Field(description="Claims counted in all (the speakers listed are the top ones).")
    min_confidence: float


class SourceCount(BaseModel):
    model_config = shape({"source": "NWS", "documents": 6})

    source: str
    documents: int


class Sources(BaseModel):
    model_config = shape({"items": [example(SourceCount)]})

    items: list[SourceCount]
