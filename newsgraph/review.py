"""Review: an analyst confirms or dismisses a watchlist hit, and merges or splits actors, saying
who decided and why.

The one home of these decisions for the CLI (``newsgraph review``, ``newsgraph actor merge|split``)
and the API (``POST /api/reviews``, ``POST /api/actors/ID/merge|split``): each checks what it is
given, records the decision with who and why (the store sets when), and answers what changed.

Decisions on hits live in :mod:`newsgraph.store.reviews`, keyed by the screened name, the list and
the entry's reference, so they survive a re-ingest, a rebuild of the actors and a new screening.
Merges and splits are :mod:`newsgraph.resolve`'s decisions (re-applied on every resolution);
this module adds who asked for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsgraph.errors import BadRequest, NotFound
from newsgraph.network import find_actor, load_actors
from newsgraph.resolve import record_merge, record_split
from newsgraph.store import Engine, connect
from newsgraph.store.actors import Actor, Decision, actor_of_entity, sign_decision
from newsgraph.store.documents import document_id_for
from newsgraph.store.reviews import BY_MAX, NOTE_MAX, ReviewedHit, add_review, name_key, reviewed_hits

DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed", "reopen": "open"}
"""What an analyst may decide on a hit, and the status it gives the hit."""

__all__ = [
    "DECISIONS",
    "Merged",
    "Split",
    "merge_actors",
    "parse_entry",
    "review_hit",
    "split_entity",
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _who(by: str) -> str:
    who = " ".join((by or "").split())
    if not who:
        raise BadRequest("say who decides: give a reviewer name (--by NAME, or decided_by)")
    if len(who) > BY_MAX:
        raise BadRequest(f"a reviewer name of {len(who)} characters: give at most {BY_MAX}")
    return who


def _why(note: str | None, *, required: bool) -> str | None:
    text = (note or "").strip()
    if not text:
        if required:
            raise BadRequest("say why: give a note (--note TEXT, or note) that the decision keeps")
        return None
    if len(text) > NOTE_MAX:
        raise BadRequest(f"a note of {len(text):,} characters: give at most {NOTE_MAX:,}")
    return text


def parse_entry(value: str) -> tuple[str, str]:
    """``LIST:REFERENCE`` (``un:QDi.990``, ``ofac:7140``) -> (list, reference)."""
    list_name, sep, reference = value.strip().partition(":")
    if not sep or not list_name or not reference.strip():
        raise BadRequest(f"{value!r} is not LIST:REFERENCE (a list and an entry's reference, like un:QDe.118)")
    return list_name, reference.strip()


def review_hit(
    engine: Engine,
    name: str,
    list_name: str,
    reference: str,
    decision: str,
    *,
    by: str,
    note: str | None,
) -> ReviewedHit:
    """Confirm, dismiss or reopen (``decision``) the stored hit of the screened ``name`` on the
    entry ``list_name``:``reference``; the hit with its new review. The decision needs who
    (``by``) and why (``note``); the hit must be among the stored ones (``screen --actors``)."""
    if decision not in DECISIONS:
        raise BadRequest(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    who, why = _who(by), _why(note, required=True)
    key = name_key(name)
    found = [
        h
        for h in reviewed_hits(engine, list_name=list_name)  # names compared here: SQL's lower() knows ASCII only
        if h.hit.entry_id == reference and name_key(h.hit.actor) == key
    ]
    if not found:
        raise NotFound("hit", f"{name} -> {list_name}:{reference}")
    hit = found[0]
    review = add_review(
        engine,
        name=hit.hit.actor,
        list_name=hit.hit.list,
        entry_id=hit.hit.entry_id,
        status=DECISIONS[decision],
        decided_by=who,
        note=why,
        decided_at=_now(),
        entry_name=hit.hit.entry_name,
        matched_name=hit.hit.matched_name,
        score=hit.hit.score,
    )
    return ReviewedHit(hit=hit.hit, kind=hit.kind, documents=hit.documents, review=review)


@dataclass(frozen=True)
class Merged:
    """What a merge did: the actor that holds both now, the other one, the decision."""

    actor: Actor
    """The actor both names are now (when the merge applied; else the first one as it is)."""
    other: Actor
    merged: bool
    """False when both names are one actor already (nothing is recorded), or when the resolver
    found nothing to merge by these names (the decision is recorded, both actors are kept)."""
    decision: Decision | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict(),
            "other": self.other.to_dict(),
            "merged": self.merged,
            "decision": self.decision.to_dict() if self.decision else None,
        }


def merge_actors(engine: Engine, first: str, second: str, *, by: str, note: str | None) -> Merged:
    """Record that ``first`` and ``second`` (names or ``#ID``s; a name that fits several actors is
    refused) are one actor, with who and why, and merge them now (:func:`newsgraph.resolve.record_merge`)."""
    who, why = _who(by), _why(note, required=False)
    with connect(engine) as conn:
        a, b = find_actor(conn, first), find_actor(conn, second)
    if a.id == b.id:  # nothing to decide
        return Merged(actor=a, other=a, merged=False, decision=None)
    record_merge(engine, a.name, b.name, why, ids=(a.id, b.id))
    decision = sign_decision(engine, "merge", who, left=a.name, right=b.name)
    with connect(engine) as conn:
        now = load_actors(conn, [a.id, b.id])
    merged = len(now) == 1
    kept = next(iter(now.values())) if merged else now.get(a.id, a)
    return Merged(actor=kept, other=b if kept.id != b.id else a, merged=merged, decision=decision)


@dataclass(frozen=True)
class Split:
    """What a split did: the entity's new actor, the actor it left (None when none is left), the decision."""

    actor: Actor
    former: Actor | None
    decision: Decision | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict(),
            "from": self.former.to_dict() if self.former else None,
            "decision": self.decision.to_dict() if self.decision else None,
        }


def split_entity(engine: Engine, name: str, doc: str, entity_id: str, *, by: str, note: str | None) -> Split:
    """Take the entity ``doc``:``entity_id`` (a document id or a unique prefix of one) out of the
    actor ``name`` (a name or ``#ID``): it becomes an actor of its own, with who and why
    (:func:`newsgraph.resolve.record_split`)."""
    who, why = _who(by), _why(note, required=False)
    doc_id = document_id_for(engine, doc)
    with connect(engine) as conn:
        a = find_actor(conn, name)
    linked = actor_of_entity(engine, doc_id, entity_id)
    if linked is None:
        raise BadRequest(
            f"no entity {doc_id}:{entity_id} is linked to an actor: `newsgraph actor NAME --why` lists them"
        )
    if linked != a.id:
        raise BadRequest(f"{doc_id}:{entity_id} is not linked to {a.name} #{a.id} but to #{linked}")
    new_id = record_split(engine, doc_id, entity_id, why)
    decision = sign_decision(engine, "split", who, doc_id=doc_id, entity_id=entity_id)
    with connect(engine) as conn:
        now = load_actors(conn, [new_id, a.id])
    return Split(actor=now[new_id], former=now.get(a.id), decision=decision)
