"""Mentions and the entities they refer to, inside one document."""

from __future__ import annotations

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import Document, Entity, Mention

NAME_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
KIND_OF_TYPE = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


def resolve_entities(
    annotation: Annotation, document: Document
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Named mentions, and one entity per distinct surface form (to be refined)."""
    mentions: list[Mention] = []
    by_key: dict[tuple[str, str], list[str]] = {}
    for span in annotation.spans:
        if span.label not in NAME_TYPES:
            continue
        mid = f"m{len(mentions) + 1}"
        by_key.setdefault((span.text, span.label), []).append(mid)
        mentions.append(Mention(id=mid, start=span.start, end=span.end, text=span.text, type=span.label))
    entities: list[Entity] = []
    entity_of: dict[str, str] = {}
    for (text, label), mids in by_key.items():
        eid = f"e{len(entities) + 1}"
        entities.append(Entity(id=eid, name=text, kind=KIND_OF_TYPE.get(label, "other"), mentions=tuple(mids)))
        for mid in mids:
            entity_of[mid] = eid
    linked = tuple(Mention(**{**m.__dict__, "entity": entity_of.get(m.id)}) for m in mentions)
    return linked, tuple(entities)
