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

This module is the logic; reading the records and writing the ties is :mod:`newsgraph.store.ties`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from newsgraph import ontology
from newsgraph.store import Tx
from newsgraph.store import ties as store

SKIPPED_RELATIONS = frozenset({"has_role", "alias_of"})
"""Relation types that tie an actor to a role or to itself, not to another actor."""


def _speakers(conn: Tx, doc_ids: Sequence[str]) -> dict[tuple[str, str], str]:
    """(document, claim id) -> who says it: the speaker entity's acronym or name, else the
    speaker as written ("per MEMRI", not "per a report in the US-based ... (MEMRI)")."""
    out: dict[tuple[str, str], str] = {}
    for r in store.claim_speakers_of(conn, doc_ids):
        acronyms = [a for a in (r.aliases or ()) if a.isupper() and 2 <= len(a) <= 8 and " " not in a]
        out[(r.doc_id, r.claim_id)] = (acronyms[0] if acronyms else r.name) or r.speaker_text or ""
    return out


def document_ties(conn: Tx, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The ties of the documents ``doc_ids``, as rows of ``actor_ties``."""
    if not doc_ids:
        return []
    published = store.published_dates(conn, doc_ids)
    speakers = _speakers(conn, doc_ids)
    rows: list[dict[str, Any]] = []
    seq: dict[str, int] = defaultdict(int)

    def add(doc_id: str, **values: Any) -> None:
        if values["entity_a"] == values["entity_b"]:
            return
        rows.append({"doc_id": doc_id, "seq": seq[doc_id], **values})
        seq[doc_id] += 1

    args: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    location: dict[tuple[str, str], str] = {}
    for r in store.event_args_of(conn, doc_ids):
        if r.role == "location":
            location[(r.doc_id, r.event_id)] = r.text
        elif r.entity:
            args[(r.doc_id, r.event_id)].append((r.role, r.entity))
    for ev in store.events_of(conn, doc_ids):
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

    symmetric = {name for name, t in ontology.relations().types.items() if t.symmetric}
    for rr in store.relations_of(conn, doc_ids):
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

    inside: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc_id, claim_id, entity in store.claim_mentions(conn, doc_ids):
        if entity not in inside[(doc_id, claim_id)]:
            inside[(doc_id, claim_id)].append(entity)
    for cl in store.spoken_claims(conn, doc_ids):
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


def store_ties(conn: Tx, doc_ids: Sequence[str]) -> int:
    """Derive and insert the ties of ``doc_ids`` (documents without ties yet); return how many."""
    rows = document_ties(conn, doc_ids)
    store.insert_ties(conn, rows)
    return len(rows)
