"""The records of the extraction contract (CONTRACT.md, ``newsgraph/extraction@1``).

Every record is a small frozen dataclass. ``to_dict`` turns an :class:`Extraction` into
the contract's JSON shape and ``Extraction.from_dict`` reads it back, so the store, the
exports and the tests all speak the same shape.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SCHEMA_ID = "newsgraph/extraction@1"

PAGE_BREAK = "\f"
"""The character that begins every page after the first in a paged document's text (a PDF's,
see ``newsgraph.ingest.pdf``): counting them before an offset gives its page."""


def page_of(text: str, offset: int) -> int | None:
    """The page (1 for the first) that ``offset`` in a document's ``text`` falls on, or None for
    a text that has no page breaks (not a PDF). The one place a page is computed: the store's
    SQL twin (``newsgraph.store.extractions.page_at``) counts the same form feeds."""
    if PAGE_BREAK not in text:
        return None
    return text.count(PAGE_BREAK, 0, max(offset, 0)) + 1


def page_label(text: str, offset: int) -> str:
    """``"p. N"`` for an offset in a paged text; ``""`` for any other text."""
    return page_name(page_of(text, offset))


def page_name(page: int | None) -> str:
    """``"p. N"`` for a page (as :func:`page_of` gives it); ``""`` for None."""
    return f"p. {page}" if page else ""


@dataclass(frozen=True)
class Dateline:
    """The wire-story dateline (``Washington, Jan 27 (IANS)``) found at the start of a text."""

    place: str | None
    """Place named in the dateline, as written (``Washington``)."""
    agency: str | None
    """News agency named in the dateline (``IANS``, ``Reuters``)."""
    start: int
    """Offset of the dateline's first character in the document text."""
    end: int
    """Offset just past the dateline (and its separator) in the document text."""


@dataclass(frozen=True)
class Document:
    """One input document: its text and the metadata every later stage relies on."""

    id: str
    """Stable id: the input's own id, else a hash of the normalised text."""
    text: str
    """The exact text that every offset in an extraction indexes."""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    """The outlet or agency carrying the story (``IANS``) when known."""
    published: str | None = None
    """Publication date as ``YYYY-MM-DD`` when known."""
    dateline: Dateline | None = None
    origin: str | None = None
    """Where the document was read from (path, path#line, feed item); not part of the contract."""
    slug: str | None = None
    """Trailing desk slug removed from the body (``–IANS\\nscor/as``); not part of the contract."""
    key: str | None = None
    """Identity across versions (the input's id, else its URL, else its path); not part of the contract.
    A document whose text changes under the same key is stored as a new version of it."""

    @cached_property
    def content_hash(self) -> str:
        """:func:`content_hash` of the text, computed once per document."""
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """Hash of the text with all runs of white space collapsed: equal for the same words."""
    key = " ".join(text.split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of the document text, ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Arg:
    """An event or relation argument: a span of text and the entity it refers to."""

    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named mention with its contract type (PERSON, ORG, GPE, ...)."""

    id: str
    start: int
    end: int
    text: str
    type: str
    entity: str | None = None


@dataclass(frozen=True)
class Place:
    """Coordinates and country of a place entity."""

    lat: float
    lon: float
    country: str | None
    """ISO 3166 alpha-2 code."""
    geonames_id: int | None = None
    feature: str | None = None
    """GeoNames feature code or our own (``PPLC``, ``PCLI``, ``RGN``)."""


@dataclass(frozen=True)
class Entity:
    """An actor or place inside one document, with all the forms the text uses for it."""

    id: str
    name: str
    """Canonical name: the fullest form used in the text."""
    kind: str
    """person, organization, state, place, group, igo, media or other."""
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    place: Place | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    confidence: float | None = None
    """Estimated probability that the record is right in every element (``extract.confidence``)."""


@dataclass(frozen=True)
class DateMention:
    """A date expression normalised against the document's reference date."""

    start: int
    end: int
    text: str
    value: str | None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; never more precise than the text."""
    granularity: str
    """year, month, day or other."""


@dataclass(frozen=True)
class Speaker:
    """Who a claim is attributed to."""

    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True)
class Claim:
    """Something someone says: quoted or reported speech, or a sourced assertion."""

    id: str
    start: int
    end: int
    text: str
    kind: str
    """direct, indirect or mixed."""
    speaker: Speaker | None
    cue: Span | None
    modality: str
    reported_by: str | None = None
    """Entity id of the outlet or agency carrying the claim."""
    confidence: float | None = None
    """Estimated probability that the record is right in every element (``extract.confidence``)."""


@dataclass(frozen=True)
class EventDate:
    start: int
    end: int
    value: str | None


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where (PLOVER type and mode)."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    trigger: Span
    sentence: SentenceSpan
    source: tuple[Arg, ...] = ()
    target: tuple[Arg, ...] = ()
    participants: tuple[Arg, ...] = ()
    date: EventDate | None = None
    location: Arg | None = None
    modality: str = "asserted"
    claim: str | None = None
    confidence: float | None = None
    """Estimated probability that the record is right in every element (``extract.confidence``)."""


@dataclass(frozen=True)
class Relation:
    """A lasting tie between two actors."""

    id: str
    type: str
    subject: Arg
    object: Arg
    evidence: SentenceSpan
    modality: str = "asserted"
    claim: str | None = None
    confidence: float | None = None
    """Estimated probability that the record is right in every element (``extract.confidence``)."""


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: one line of ``newsgraph extract`` output."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape."""
        doc = self.document
        return {
            "schema": SCHEMA_ID,
            "document": {
                "id": doc.id,
                "title": doc.title,
                "url": doc.url,
                "source": doc.source,
                "published": doc.published,
                "dateline": as_plain(doc.dateline),
                "text": doc.text,
            },
            "mentions": [as_plain(m) for m in self.mentions],
            "entities": [as_plain(e) for e in self.entities],
            "dates": [as_plain(d) for d in self.dates],
            "claims": [as_plain(c) for c in self.claims],
            "events": [as_plain(v) for v in self.events],
            "relations": [as_plain(r) for r in self.relations],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Read the contract's JSON shape back into records."""
        d = data["document"]
        dateline = Dateline(**d["dateline"]) if d.get("dateline") else None
        document = Document(
            id=d["id"],
            text=d["text"],
            title=d.get("title"),
            url=d.get("url"),
            source=d.get("source"),
            published=d.get("published"),
            dateline=dateline,
        )
        return cls(
            document=document,
            mentions=tuple(Mention(**m) for m in data.get("mentions", [])),
            entities=tuple(_entity(e) for e in data.get("entities", [])),
            dates=tuple(DateMention(**x) for x in data.get("dates", [])),
            claims=tuple(_claim(c) for c in data.get("claims", [])),
            events=tuple(_event(v) for v in data.get("events", [])),
            relations=tuple(_relation(r) for r in data.get("relations", [])),
        )


def as_plain(value: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, recursively (contract field names only)."""
    if value is None:
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [as_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    return value


def _arg(a: dict[str, Any] | None) -> Arg | None:
    return Arg(**a) if a else None


def _entity(e: dict[str, Any]) -> Entity:
    return Entity(
        id=e["id"],
        name=e["name"],
        kind=e["kind"],
        aliases=tuple(e.get("aliases", ())),
        mentions=tuple(e.get("mentions", ())),
        place=Place(**e["place"]) if e.get("place") else None,
        attributes=dict(e.get("attributes") or {}),
        confidence=e.get("confidence"),
    )


def _claim(c: dict[str, Any]) -> Claim:
    return Claim(
        id=c["id"],
        start=c["start"],
        end=c["end"],
        text=c["text"],
        kind=c["kind"],
        speaker=Speaker(**c["speaker"]) if c.get("speaker") else None,
        cue=Span(**c["cue"]) if c.get("cue") else None,
        modality=c["modality"],
        reported_by=c.get("reported_by"),
        confidence=c.get("confidence"),
    )


def _event(v: dict[str, Any]) -> Event:
    return Event(
        id=v["id"],
        type=v["type"],
        mode=v.get("mode"),
        cameo=v.get("cameo"),
        trigger=Span(**v["trigger"]),
        sentence=SentenceSpan(**v["sentence"]),
        source=tuple(Arg(**a) for a in v.get("source", [])),
        target=tuple(Arg(**a) for a in v.get("target", [])),
        participants=tuple(Arg(**a) for a in v.get("participants", [])),
        date=EventDate(**v["date"]) if v.get("date") else None,
        location=_arg(v.get("location")),
        modality=v.get("modality", "asserted"),
        claim=v.get("claim"),
        confidence=v.get("confidence"),
    )


def _relation(r: dict[str, Any]) -> Relation:
    subject = _arg(r["subject"])
    obj = _arg(r["object"])
    assert subject is not None and obj is not None
    return Relation(
        id=r["id"],
        type=r["type"],
        subject=subject,
        object=obj,
        evidence=SentenceSpan(**r["evidence"]),
        modality=r.get("modality", "asserted"),
        claim=r.get("claim"),
        confidence=r.get("confidence"),
    )
