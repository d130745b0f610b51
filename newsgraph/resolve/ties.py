"""Ties between the entities of one document: who meets, joins, leads or talks about whom.

A tie is one piece of network evidence: two entities of a document tied by

- an **event**: its source to its target (directed), and every other pair of its participants
  (co-participation, undirected);
- a **relation**: subject to object (directed unless the relation type is symmetric);
- a **claim**: the speaker to each entity mentioned in what is said (directed).

Each tie carries the confidence of the record it comes from, so the network can leave out the
ties of facts under a threshold (``newsgraph.network.Filters.min_confidence``).

Ties are derived from the stored records once per document (``actor_ties``) and become actor
edges through ``actor_links`` at query time, so merging or splitting actors never rewrites them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, and_, insert, select

from newsgraph import ontology
from newsgraph.store import schema
from newsgraph.store.ties import actor_ties

SKIPPED_RELATIONS = frozenset({"has_role", "alias_of"})
"""Relation types that tie an actor to a role or to itself, not to another actor."""


def _speakers(conn: Connection, doc_ids: Sequence[str]) -> dict[tuple[str, str], str]:
    """(document, claim id) -> who says it: the speaker entity's acronym or name, else the
    speaker as written ("per MEMRI", not "per a report in the US-based ... (MEMRI)")."""
    c, e = schema.claims, schema.entities
    q = (
        select(c.c.doc_id, c.c.id, c.c.speaker_text, e.c.name, e.c.aliases)
        .outerjoin(e, and_(e.c.doc_id == c.c.doc_id, e.c.id == c.c.speaker_entity))
        .where(c.c.doc_id.in_(doc_ids))
    )
    out: dict[tuple[str, str], str] = {}
    for r in conn.execute(q):
        acronyms = [a for a in (r.aliases or ()) if a.isupper() and 2 <= len(a) <= 8 and " " not in a]
        out[(r.doc_id, r.id)] = (acronyms[0] if acronyms else r.name) or r.speaker_text or ""
    return out


def document_ties(conn: Connection, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The ties of the documents ``doc_ids``, as rows of ``actor_ties``."""
    if not doc_ids:
        return []
    docs = schema.documents
    published = {r[0]: r[1] for r in conn.execute(select(docs.c.id, docs.c.published).where(docs.c.id.in_(doc_ids)))}
    speakers = _speakers(conn, doc_ids)
    rows: list[dict[str, Any]] = []
    seq: dict[str, int] = defaultdict(int)

    def add(doc_id: str, **values: Any) -> None:
        if values["entity_a"] == values["entity_b"]:
            return
        rows.append({"doc_id": doc_id, "seq": seq[doc_id], **values})
        seq[doc_id] += 1

    v, a = schema.events, schema.event_args
    args: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    location: dict[tuple[str, str], str] = {}
    for r in conn.execute(
        select(a.c.doc_id, a.c.event_id, a.c.role, a.c.text, a.c.entity)
        .where(a.c.doc_id.in_(doc_ids))
        .order_by(a.c.seq)
    ):
        if r.role == "location":
            location[(r.doc_id, r.event_id)] = r.text
        elif r.entity:
            args[(r.doc_id, r.event_id)].append((r.role, r.entity))
    for ev in conn.execute(
        select(
            v.c.doc_id,
            v.c.id,
            v.c.type,
            v.c.trigger,
            v.c.sentence,
            v.c.date_value,
            v.c.modality,
            v.c.claim,
            v.c.confidence,
        ).where(v.c.doc_id.in_(doc_ids))
    ):
        key = (ev.doc_id, ev.id)
        roles = args.get(key, [])
        common = {
            "kind": "event",
            "type": ev.type,
            "record_id": ev.id,
            "label": (ev.trigger or {}).get("text", ev.type.lower()),
            "sentence_start": (ev.sentence or {}).get("start", 0),
            "sentence_end": (ev.sentence or {}).get("end", 0),
            "date": ev.date_value or published.get(ev.doc_id),
            "location": location.get(key),
            "modality": ev.modality,
            "speaker": speakers.get((ev.doc_id, ev.claim)) if ev.claim else None,
            "confidence": ev.confidence,
        }
        directed: set[tuple[str, str]] = set()
        for role_a, ent_a in roles:
            for role_b, ent_b in roles:
                if role_a == "source" and role_b == "target" and ent_a != ent_b and (ent_a, ent_b) not in directed:
                    directed.add((ent_a, ent_b))
                    add(ev.doc_id, entity_a=ent_a, entity_b=ent_b, directed=True, **common)
        entities = list(dict.fromkeys(ent for _, ent in roles))
        for ent_a, ent_b in combinations(entities, 2):
            if (ent_a, ent_b) in directed or (ent_b, ent_a) in directed:
                continue
            add(ev.doc_id, entity_a=ent_a, entity_b=ent_b, directed=False, **common)

    rel = schema.relations
    symmetric = {name for name, t in ontology.relations().types.items() if t.symmetric}
    for rr in conn.execute(select(rel).where(rel.c.doc_id.in_(doc_ids))):
        subject, obj = rr.subject or {}, rr.object or {}
        if rr.type in SKIPPED_RELATIONS or not subject.get("entity") or not obj.get("entity"):
            continue
        add(
            rr.doc_id,
            kind="relation",
            type=rr.type,
            record_id=rr.id,
            entity_a=subject["entity"],
            entity_b=obj["entity"],
            directed=rr.type not in symmetric,
            label=rr.type.replace("_", " "),
            sentence_start=(rr.evidence or {}).get("start", 0),
            sentence_end=(rr.evidence or {}).get("end", 0),
            date=published.get(rr.doc_id),
            location=None,
            modality=rr.modality,
            speaker=speakers.get((rr.doc_id, rr.claim)) if rr.claim else None,
            confidence=rr.confidence,
        )

    c, m = schema.claims, schema.mentions
    inside: dict[tuple[str, str], list[str]] = defaultdict(list)
    q = (
        select(c.c.doc_id, c.c.id, m.c.entity)
        .join(m, and_(m.c.doc_id == c.c.doc_id, m.c.start >= c.c.start, m.c.end <= c.c.end))
        .where(c.c.doc_id.in_(doc_ids), c.c.speaker_entity.is_not(None), m.c.entity.is_not(None))
        .order_by(c.c.doc_id, c.c.id, m.c.start)
    )
    for m_row in conn.execute(q):
        if m_row.entity not in inside[(m_row.doc_id, m_row.id)]:
            inside[(m_row.doc_id, m_row.id)].append(m_row.entity)
    for cl in conn.execute(select(c).where(c.c.doc_id.in_(doc_ids), c.c.speaker_entity.is_not(None))):
        for ent in inside.get((cl.doc_id, cl.id), []):
            add(
                cl.doc_id,
                kind="claim",
                type="says",
                record_id=cl.id,
                entity_a=cl.speaker_entity,
                entity_b=ent,
                directed=True,
                label=(cl.cue or {}).get("text") or "says",
                sentence_start=cl.start,
                sentence_end=cl.end,
                date=published.get(cl.doc_id),
                location=None,
                modality=cl.modality,
                speaker=speakers.get((cl.doc_id, cl.id)),
                confidence=cl.confidence,
            )
    return rows


def store_ties(conn: Connection, doc_ids: Sequence[str]) -> int:
    """Derive and insert the ties of ``doc_ids`` (documents without ties yet); return how many."""
    rows = document_ties(conn, doc_ids)
    for start in range(0, len(rows), 500):
        conn.execute(insert(actor_ties), rows[start : start + 500])
    return len(rows)
