"""The network as FollowTheMoney entities, one JSON object per line (``ftm`` / Aleph / yente).

- actors: ``Person``, ``Organization``, ``PublicBody`` (states), ``Address`` (places);
- documents that state a tie: ``Article`` (title, date, outlet, URL);
- ties: ``Membership`` (member_of), ``Directorship`` (leads), ``Representation`` (represents),
  ``UnknownLink`` (every other relation, and claims: the speaker to whom it speaks about), each
  with its first and last dates, the sentence as summary and the articles as proof;
- events: ``Event`` (name, date, location, the actors involved, the sentence, the articles);
- ``Mention``: each legal entity as named in each article.

Ids are stable (``ng-`` + a hash of what the entity stands for) so a re-export updates the same
entities in a FollowTheMoney store. The articles and mentions come from :mod:`newsgraph.store.exports`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.network import Actor, Edge, Network
from newsgraph.store import Engine, connect
from newsgraph.store.exports import actor_names_in_documents, articles_by_id

SCHEMA_OF_KIND = {
    "person": "Person",
    "organization": "Organization",
    "group": "Organization",
    "igo": "Organization",
    "media": "Organization",
    "state": "PublicBody",
    "place": "Address",
    "other": "LegalEntity",
}
RELATION_SCHEMA = {
    "member_of": ("Membership", "member", "organization"),
    "leads": ("Directorship", "director", "organization"),
    "represents": ("Representation", "agent", "client"),
}
"""Relation types with their own FtM schema: (schema, property of the subject, of the object)."""
ORGANISATION_SCHEMATA = {"Organization", "PublicBody"}
LEGAL_SCHEMATA = {"Person", "Organization", "PublicBody", "LegalEntity"}


def make_id(*parts: str) -> str:
    return "ng-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _entity(id: str, schema_name: str, properties: dict[str, list[Any]]) -> dict[str, Any]:
    return {
        "id": id,
        "schema": schema_name,
        "properties": {
            k: [str(v) for v in vs if v not in (None, "")]
            for k, vs in properties.items()
            if any(v not in (None, "") for v in vs)
        },
    }


def actor_entity(a: Actor) -> dict[str, Any]:
    schema_name = SCHEMA_OF_KIND.get(a.kind, "LegalEntity")
    country = [a.country.lower()] if a.country else []
    if schema_name == "Address":
        props: dict[str, list[Any]] = {"full": [a.name], "country": country}
    else:
        props = {"name": [a.name], "alias": list(a.aliases[:20]), "country": country}
        if schema_name == "Person":
            props = {"name": [a.name], "alias": list(a.aliases[:20]), "nationality": country}
    return _entity(actor_id(a.id), schema_name, props)


def actor_id(n: int) -> str:
    return make_id("actor", str(n))


def article_id(doc_id: str) -> str:
    return make_id("document", doc_id)


def entities(engine: Engine, network: Network) -> Iterator[dict[str, Any]]:
    """Every FtM entity of ``network`` (actors, articles, ties, events, mentions)."""
    schemata = {a.id: SCHEMA_OF_KIND.get(a.kind, "LegalEntity") for a in network.actors.values()}
    for a in network.actors.values():
        yield actor_entity(a)
    doc_ids = sorted({d for e in network.edges for d in e.documents})
    mentions: dict[tuple[int, str], set[str]] = defaultdict(set)
    legal = [i for i, s in schemata.items() if s in LEGAL_SCHEMATA]
    with connect(engine) as tx:
        documents = articles_by_id(tx, doc_ids)
        for actor, doc_id, name in actor_names_in_documents(tx, legal):
            if doc_id in documents:
                mentions[(actor, doc_id)].add(name)
    for doc_id, r in documents.items():
        yield _entity(
            article_id(doc_id),
            "Article",
            {
                "title": [r.title],
                "publishedAt": [r.published],
                "publisher": [r.source],
                "sourceUrl": [r.url],
                "name": [r.title or doc_id],
            },
        )
    events: dict[str, dict[str, Any]] = {}
    for e in network.edges:
        for entity in _edge_entities(e, schemata):
            if entity["schema"] != "Event":
                yield entity
            elif entity["id"] in events:  # one event, met along several of its edges
                involved = events[entity["id"]]["properties"]["involved"]
                involved += [x for x in entity["properties"]["involved"] if x not in involved]
            else:
                events[entity["id"]] = entity
    yield from events.values()
    for (actor, doc_id), names in sorted(mentions.items()):
        yield _entity(
            make_id("mention", str(actor), doc_id),
            "Mention",
            {
                "document": [article_id(doc_id)],
                "resolved": [actor_id(actor)],
                "name": sorted(names),
                "detectedSchema": [schemata[actor]],
            },
        )


def _edge_entities(e: Edge, schemata: dict[int, str]) -> Iterator[dict[str, Any]]:
    first = e.evidence[0] if e.evidence else None
    common: dict[str, list[Any]] = {
        "startDate": [e.first],
        "endDate": [e.last] if e.last != e.first else [],
        "summary": [first.sentence] if first else [],
        "description": [f"{e.label}; {e.modality}; {e.weight} document(s)"],
        "publisher": sorted({x.source for x in e.evidence if x.source}),
        "proof": [article_id(d) for d in sorted(e.documents)],
    }
    if e.kind == "event":
        for record, items in _by_record(e).items():
            doc_id, event_id = record
            x = items[0]
            yield _entity(
                make_id("event", doc_id, event_id),
                "Event",
                {
                    "name": [f"{e.type.title()}: {x.label}"],
                    "date": [x.date],
                    "location": [x.location],
                    "involved": [actor_id(e.source), actor_id(e.target)],
                    "summary": [x.sentence],
                    "description": [f"{e.type} ({x.modality})" + (f", per {x.speaker}" if x.speaker else "")],
                    "publisher": [x.source],
                    "proof": [article_id(doc_id)],
                },
            )
        return
    key = make_id("tie", str(e.source), str(e.target), e.kind, e.type)
    spec = RELATION_SCHEMA.get(e.type) if e.kind == "relation" else None
    if spec is not None:
        schema_name, subject_prop, object_prop = spec
        subject_ok = schemata.get(e.source) in LEGAL_SCHEMATA
        object_ok = schemata.get(e.target) in (
            ORGANISATION_SCHEMATA if schema_name != "Representation" else LEGAL_SCHEMATA
        )
        if subject_ok and object_ok:
            props = {subject_prop: [actor_id(e.source)], object_prop: [actor_id(e.target)], "role": [e.label], **common}
            yield _entity(key, schema_name, props)
            return
    role = e.label if e.kind == "relation" else f"says about ({e.label})"
    yield _entity(
        key, "UnknownLink", {"subject": [actor_id(e.source)], "object": [actor_id(e.target)], "role": [role], **common}
    )


def _by_record(e: Edge) -> dict[tuple[str, str], list[Any]]:
    out: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for x in e.evidence:
        out[(x.doc_id, x.record_id)].append(x)
    return out


def write_ftm(engine: Engine, network: Network, path: Path) -> int:
    """Write the entities as JSON lines; return how many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for entity in entities(engine, network):
            fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
