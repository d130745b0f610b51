"""Why an actor is what it is: the entities linked to it, each with its score and reason, and the
user decisions that touch it (``newsgraph actor NAME --why``). The queries are functions of
``newsgraph.store.actors``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.errors import BadRequest, NotFound
from newsgraph.store import Engine, connect
from newsgraph.store.actors import actor_by_id, decisions_naming, link_methods, linked_entities


@dataclass(frozen=True)
class ActorDetails:
    actor: dict[str, Any]
    links: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    methods: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "methods": self.methods, "links": self.links, "decisions": self.decisions}


def actor_details(engine: Engine, actor_id: int, *, limit: int = 200) -> ActorDetails:
    with connect(engine) as tx:
        record = actor_by_id(tx, actor_id)
        if record is None:
            raise NotFound("actor", f"#{actor_id}")
        actor = record.to_dict()
        attributes = dict(actor.pop("attributes") or {})
        actor["roles"] = attributes.get("role", {})
        actor["aliases"] = dict(sorted((actor["aliases"] or {}).items(), key=lambda kv: -kv[1]))
        links = [x.to_dict() for x in linked_entities(tx, actor_id, limit)]
        methods = link_methods(tx, actor_id)
        names = {actor["name"].lower(), *(a.lower() for a in actor["aliases"])}
        refs = {(x["document"], x["entity_id"]) for x in links}
        decisions = [
            r.to_dict()
            for r in decisions_naming(tx, names)
            if not (r.action == "split" and (r.doc_id, r.entity_id) not in refs)
        ]
    return ActorDetails(actor=actor, links=links, decisions=decisions, methods=methods)


def parse_entity_ref(value: str) -> tuple[str, str]:
    """``DOC:ENTITY`` (``5f2c9a:e7``) -> (document id or prefix, entity id)."""
    doc, sep, entity = value.rpartition(":")
    if not sep or not doc or not entity:
        raise BadRequest(f"{value!r} is not DOC:ENTITY (a document id and an entity id, like 5f2c9a01:e7)")
    return doc, entity
