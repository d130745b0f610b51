"""Why an actor is what it is: the entities linked to it, each with its score and reason, and the
user decisions that touch it (``newsgraph actor NAME --why``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, or_, select

from newsgraph.errors import BadRequest, NotFound
from newsgraph.store import schema
from newsgraph.store.actors import actor_decisions, actor_links, actors


@dataclass(frozen=True)
class ActorDetails:
    actor: dict[str, Any]
    links: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    methods: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "methods": self.methods, "links": self.links, "decisions": self.decisions}


def actor_details(engine: Engine, actor_id: int, *, limit: int = 200) -> ActorDetails:
    d, link = schema.documents, actor_links
    with engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.id == actor_id)).first()
        if row is None:
            raise NotFound("actor", f"#{actor_id}")
        actor = dict(row._mapping)
        attributes = dict(actor.pop("attributes") or {})
        actor["roles"] = attributes.get("role", {})
        actor["aliases"] = dict(sorted((actor["aliases"] or {}).items(), key=lambda kv: -kv[1]))
        q = (
            select(
                link.c.doc_id,
                link.c.entity_id,
                link.c.name,
                link.c.score,
                link.c.method,
                link.c.reason,
                d.c.published,
                d.c.title,
            )
            .join(d, d.c.id == link.c.doc_id)
            .where(link.c.actor_id == actor_id)
            .order_by(d.c.published, link.c.doc_id, link.c.entity_id)
            .limit(limit)
        )
        links = [dict(r._mapping) for r in conn.execute(q)]
        methods = {
            m: n
            for m, n in conn.execute(
                select(link.c.method, func.count()).where(link.c.actor_id == actor_id).group_by(link.c.method)
            )
        }
        names = {actor["name"].lower(), *(a.lower() for a in actor["aliases"])}
        refs = {(x["doc_id"], x["entity_id"]) for x in links}
        decisions = []
        for r in conn.execute(
            select(actor_decisions).where(
                or_(
                    func.lower(actor_decisions.c.left_name).in_(names),
                    func.lower(actor_decisions.c.right_name).in_(names),
                    actor_decisions.c.action == "split",
                )
            )
        ):
            if r.action == "split" and (r.doc_id, r.entity_id) not in refs:
                continue
            decisions.append(dict(r._mapping))
    return ActorDetails(actor=actor, links=links, decisions=decisions, methods=methods)


def parse_entity_ref(value: str) -> tuple[str, str]:
    """``DOC:ENTITY`` (``5f2c9a:e7``) -> (document id or prefix, entity id)."""
    doc, sep, entity = value.rpartition(":")
    if not sep or not doc or not entity:
        raise BadRequest(f"{value!r} is not DOC:ENTITY (a document id and an entity id, like 5f2c9a01:e7)")
    return doc, entity
