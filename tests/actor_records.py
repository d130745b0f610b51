"""Hand-built extractions for the resolution, network and export tests (no model needed).

``Doc`` writes records the way the extraction would, with offsets found in the text, so that
every span satisfies ``text[start:end] == span.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.records import (
    Arg,
    Claim,
    Document,
    Entity,
    Event,
    EventDate,
    Extraction,
    Mention,
    Place,
    Relation,
    SentenceSpan,
    Span,
    Speaker,
)
from newsgraph.store import Store

MENTION_TYPE = {
    "person": "PERSON",
    "organization": "ORG",
    "group": "ORG",
    "igo": "ORG",
    "media": "ORG",
    "state": "GPE",
    "place": "GPE",
    "other": "OTHER",
}


@dataclass
class Doc:
    id: str
    text: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    surface: dict[str, str] = field(default_factory=dict)

    def _find(self, text: str, after: int = 0) -> int:
        at = self.text.find(text, after)
        if at < 0:
            at = self.text.find(text)
        assert at >= 0, f"{text!r} is not in the text of {self.id}"
        return at

    def entity(
        self,
        name: str,
        kind: str,
        *aliases: str,
        country: str | None = None,
        feature: str | None = None,
        **attributes: str,
    ) -> str:
        eid = f"e{len(self.entities) + 1}"
        place = Place(lat=10.0, lon=20.0, country=country, feature=feature) if country else None
        self.entities.append(Entity(eid, name, kind, tuple(aliases), (), place, dict(attributes)))
        for surface in (name, *aliases):
            self.surface.setdefault(surface, eid)
        return eid

    def arg(self, text: str, near: int = 0) -> Arg:
        at = self._find(text, near)
        return Arg(at, at + len(text), text, self.surface.get(text))

    def sentence(self, at: int) -> SentenceSpan:
        start = self.text.rfind(". ", 0, at)
        end = self.text.find(". ", at)
        return SentenceSpan(0 if start < 0 else start + 2, len(self.text) if end < 0 else end + 1)

    def event(
        self,
        type: str,
        trigger: str,
        *,
        source: tuple[str, ...] = (),
        target: tuple[str, ...] = (),
        participants: tuple[str, ...] = (),
        date: str | None = None,
        location: str | None = None,
        modality: str = "asserted",
        cameo: str | None = None,
        claim: str | None = None,
    ) -> str:
        at = self._find(trigger)
        sentence = self.sentence(at)
        vid = f"v{len(self.events) + 1}"
        self.events.append(
            Event(
                id=vid,
                type=type,
                mode=None,
                cameo=cameo,
                trigger=Span(at, at + len(trigger), trigger),
                sentence=sentence,
                source=tuple(self.arg(s, sentence.start) for s in source),
                target=tuple(self.arg(s, sentence.start) for s in target),
                participants=tuple(self.arg(s, sentence.start) for s in participants),
                date=EventDate(at, at + len(trigger), date) if date else None,
                location=self.arg(location, sentence.start) if location else None,
                modality=modality,
                claim=claim,
            )
        )
        return vid

    def relation(
        self, type: str, subject: str, obj: str, *, modality: str = "asserted", claim: str | None = None
    ) -> str:
        s = self.arg(subject)
        rid = f"r{len(self.relations) + 1}"
        self.relations.append(Relation(rid, type, s, self.arg(obj, s.start), self.sentence(s.start), modality, claim))
        return rid

    def claim(self, content: str, speaker: str, cue: str, *, modality: str = "asserted") -> str:
        at = self._find(content)
        sp = self._find(speaker)
        cu = self._find(cue)
        cid = f"c{len(self.claims) + 1}"
        self.claims.append(
            Claim(
                id=cid,
                start=at,
                end=at + len(content),
                text=content,
                kind="indirect",
                speaker=Speaker(sp, sp + len(speaker), speaker, self.surface.get(speaker)),
                cue=Span(cu, cu + len(cue), cue),
                modality=modality,
            )
        )
        return cid

    def extraction(self) -> Extraction:
        mentions: list[Mention] = []
        entities: list[Entity] = []
        for e in self.entities:
            ids = []
            for surface in (e.name, *e.aliases):
                at = self.text.find(surface)
                while at >= 0:
                    mid = f"m{len(mentions) + 1}"
                    mentions.append(Mention(mid, at, at + len(surface), surface, MENTION_TYPE[e.kind], e.id))
                    ids.append(mid)
                    at = self.text.find(surface, at + len(surface))
            entities.append(Entity(e.id, e.name, e.kind, e.aliases, tuple(ids), e.place, e.attributes))
        mentions.sort(key=lambda m: m.start)
        document = Document(
            id=self.id, text=self.text, published=self.published, source=self.source, url=self.url, key=self.id
        )
        return Extraction(
            document=document,
            mentions=tuple(mentions),
            entities=tuple(entities),
            claims=tuple(self.claims),
            events=tuple(self.events),
            relations=tuple(self.relations),
        )


def save(store: Store, *docs: Doc) -> list[str]:
    """Store the documents and resolve them, as ``newsgraph ingest`` does after each batch."""
    from newsgraph.resolve import resolve_documents

    saved = store.save_many([d.extraction() for d in docs])
    resolve_documents(store.engine, [s.id for s in saved if s.status != "unchanged"])
    return [s.id for s in saved]


def open_store(path: Path | str) -> Store:
    return Store.open(path)


def nexus_documents() -> list[Doc]:
    """Three wire-like stories (our own wording) that tie Hamas to Lashkar-e-Taiba."""
    a = Doc(
        "nexus-1",
        "Washington, Jan 27 (IANS) A report by the Middle East Media Research Institute (MEMRI) said that "
        "senior Hamas representative Naji Zaheer met LeT operative Rashid Ali Sandhu in Gujranwala in "
        "January 2026. Hamas and Lashkar-e-Taiba (LeT) are growing closer, MEMRI said.",
        published="2026-01-27",
        source="IANS",
        url="https://example.org/nexus-1",
    )
    a.entity("Middle East Media Research Institute", "organization", "MEMRI")
    a.entity("Hamas", "group")
    a.entity("Naji Zaheer", "person", description="senior Hamas representative")
    a.entity("Lashkar-e-Taiba", "group", "LeT")
    a.entity("Rashid Ali Sandhu", "person", description="LeT operative")
    a.entity("Gujranwala", "place", country="PK", feature="PPL")
    c1 = a.claim(
        "senior Hamas representative Naji Zaheer met LeT operative Rashid Ali Sandhu in Gujranwala in January 2026",
        "MEMRI",
        "said",
    )
    a.relation("represents", "Naji Zaheer", "Hamas", claim=c1)
    a.relation("member_of", "Rashid Ali Sandhu", "LeT", claim=c1)
    a.event(
        "CONSULT",
        "met",
        source=("Naji Zaheer",),
        target=("Rashid Ali Sandhu",),
        date="2026-01",
        location="Gujranwala",
        cameo="040",
        claim=c1,
    )
    a.relation("allied_with", "Hamas", "Lashkar-e-Taiba", modality="hedged")
    b = Doc(
        "nexus-2",
        "Islamabad, Feb 5 (APP) Lashkar-e-Tayyiba and Jaish-e-Muhammad held a conference in Rawalakot on "
        "5 February 2025. Pakistan's Prime Minister Shehbaz Sharif did not attend.",
        published="2025-02-06",
        source="APP",
    )
    b.entity("Lashkar-e-Tayyiba", "group")
    b.entity("Jaish-e-Muhammad", "group")
    b.entity("Rawalakot", "place", country="PK", feature="PPL")
    b.entity("Pakistan", "state", "Pakistani", country="PK", feature="PCLI")
    b.entity("Shehbaz Sharif", "person", role="Prime Minister", nationality="PK")
    b.event(
        "CONSULT",
        "conference",
        participants=("Lashkar-e-Tayyiba", "Jaish-e-Muhammad"),
        date="2025-02-05",
        location="Rawalakot",
        cameo="040",
    )
    c = Doc(
        "nexus-3",
        "New Delhi, Feb 20 (IANS) India asked the United Nations to list leaders of Jaish-e-Mohammad (JeM). "
        "The US backed the request, officials said.",
        published="2026-02-20",
        source="IANS",
    )
    c.entity("India", "state", country="IN", feature="PCLI")
    c.entity("United Nations", "igo")
    c.entity("Jaish-e-Mohammad", "group", "JeM")
    c.entity("US", "state", country="US", feature="PCLI")
    c.event("REQUEST", "asked", source=("India",), target=("United Nations",), date="2026-02-20", cameo="020")
    c.event("SUPPORT", "backed", source=("US",), target=("India",), date="2026-02-20", cameo="050")
    return [a, b, c]


def fresh_database(postgresql_url: str, name: str) -> str:
    """A new, empty database on the test server (so tests sharing the server share no rows)."""
    from sqlalchemy import create_engine, text

    from newsgraph.store import engine_url

    admin = create_engine(engine_url(postgresql_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgresql_url.rsplit("/", 1)[0] + "/" + name
