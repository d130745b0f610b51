"""Resolve the entities of stored documents into actors across documents, incrementally.

:func:`resolve_documents` is called after each stored batch (``newsgraph.pipeline``). It reads
the batch's entities, looks up candidate actors by blocking key (``actor_keys``, see
``newsgraph.resolve.forms``), decides for each entity (``newsgraph.resolve.decide``), and
writes the links, the new or changed actors and the document's ties, in one transaction. Its
cost depends on the batch and on the size of the blocks it touches, not on the store's size.
Every query it runs is a function of ``newsgraph.store.actors``; this module only decides.

Each document's entities are first taken as the document alone says (``newsgraph.resolve.entities``:
which are actors at all, their alias rows, the fuller name a partial one stands for); an entity
standing for a fuller name of its document joins that name's actor, and only the others are
looked up across the store.

User decisions (``actor_decisions``) are applied as documents are resolved, so they hold across
re-ingest and :func:`rebuild`: a split entity always starts an actor of its own; the actors
named by a merge are merged as soon as both exist.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsgraph.resolve import aliases
from newsgraph.resolve.decide import ALIAS_ROWS, ActorState, EntityRef, Verdict, decide, evidence
from newsgraph.resolve.entities import Prepared, entity_ref, prepare
from newsgraph.resolve.forms import (
    Form,
    compatible_kinds,
    country_key,
    form,
    form_keys,
    is_generic,
    kind_group,
    lookup_keys,
)
from newsgraph.resolve.ties import store_ties
from newsgraph.store import Engine, Tx, begin
from newsgraph.store.actors import (
    ActorLink,
    ActorRecord,
    actors_by_id,
    actors_named_with,
    actors_with_keys,
    add_actor,
    add_actor_keys,
    add_links,
    add_merge_decision,
    add_split_decision,
    decisions,
    delete_actor,
    delete_link,
    document_count,
    document_texts,
    entities_of,
    forget_actors,
    has_user_link,
    holds_key,
    linked_actor,
    mark_resolved,
    move_keys,
    move_links,
    pending_document_ids,
    recount_actor,
    resolution_errors,
    resolved_count,
    unlink_documents,
    unresolved_documents,
    update_actors,
)
from newsgraph.store.store import serialize
from newsgraph.store.ties import delete_ties

HUB_FLOOR = 20
"""An actor named in at most this many documents (or 1% of the store) is specific enough that
sharing it with a candidate is evidence for a one-word name."""
MAX_PARTIAL = 8
"""A one-word name shared by more actors than this is not matched on evidence: too common to tell."""
MAX_BLOCK = 25
"""Candidates read per blocking key: the most documented actors sharing it. Keeps the cost of an
entity bounded as the store grows (a common one-word name collects many actors of its own)."""


@dataclass
class ResolveReport:
    documents: int = 0
    entities: int = 0
    new_actors: int = 0
    linked: int = 0
    merged: int = 0
    ties: int = 0
    candidates: int = 0
    """Actors read from the store as candidates (what blocking kept the work to)."""
    seconds: float = 0.0
    methods: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    """Entities that are no actor, by why (the outlet not named in the text, demonyms ...)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def _resolving(engine: Engine) -> Iterator[Tx]:
    """A transaction in which one process at a time reads and updates actors."""
    with begin(engine) as tx:
        serialize(tx, "newsgraph-resolve")
        yield tx


class _Batch:
    """The in-memory view of the actors one batch touches, and the writes it owes the store."""

    def __init__(self, conn: Tx, report: ResolveReport) -> None:
        self.conn = conn
        self.report = report
        self.actors: dict[int, ActorState] = {}
        self.key_index: dict[str, set[int]] = defaultdict(set)
        self.looked_up: set[str] = set()
        self.full_blocks: set[str] = set()
        self.doc_actors: dict[str, set[int]] = defaultdict(set)
        self.entity_actor: dict[tuple[str, str], int] = {}
        """(document, entity id) -> actor, for the entities linked in this batch."""
        self.links: list[ActorLink] = []
        self.new_keys: list[tuple[int, str]] = []
        """Keys given to actors in this batch, written with the links (:meth:`flush_links`)."""
        self._co_actors: dict[tuple[int, str], set[int]] = {}
        self.hub_size = max(HUB_FLOOR, resolved_count(conn) // 100)
        """Actors named in more documents than this are hubs: sharing one is no evidence."""

    # -- reading -----------------------------------------------------------------------------
    def load_keys(self, keys: Iterable[str]) -> None:
        wanted = sorted(set(keys) - self.looked_up)
        if not wanted:
            return
        self.looked_up.update(wanted)
        found: set[int] = set()
        for key, ids in actors_with_keys(self.conn, wanted).items():
            # the most documented actors of an over-full block are its candidates
            kept = ids[:MAX_BLOCK]
            self.key_index[key].update(kept)
            found.update(kept)
            if len(ids) > MAX_BLOCK:
                self.full_blocks.add(key)
        self.load_actors(found)

    def load_actors(self, ids: Iterable[int]) -> None:
        wanted = sorted(set(ids) - set(self.actors))
        self.report.candidates += len(wanted)
        for r in actors_by_id(self.conn, wanted):
            attributes = dict(r.attributes)
            kinds = attributes.pop("kind", {}) or {r.kind: 1}
            self.actors[r.id] = ActorState(
                id=r.id,
                name=r.name,
                kind=r.kind,
                country=r.country,
                aliases=dict(r.aliases),
                attributes=attributes,
                first_seen=r.first_seen,
                last_seen=r.last_seen,
                documents=r.documents,
                mentions=r.mentions,
                kinds=dict(kinds),
            )

    def candidates(self, keys: Iterable[str]) -> list[ActorState]:
        ids: set[int] = set()
        for k in keys:
            ids |= self.key_index.get(k, set())
        return [self.actors[i] for i in sorted(ids) if i in self.actors]

    def co_actors(self, actor_id: int, exclude_doc: str) -> set[int]:
        """Actors named in the documents of ``actor_id`` (other than ``exclude_doc``)."""
        key = (actor_id, exclude_doc)
        if key not in self._co_actors:
            self._co_actors[key] = self._read_co_actors(actor_id, exclude_doc)
        return self._co_actors[key]

    def _read_co_actors(self, actor_id: int, exclude_doc: str) -> set[int]:
        found = actors_named_with(self.conn, actor_id, exclude_doc)
        for link in self.links:  # links of this batch, not written yet
            if link.actor_id == actor_id and link.doc_id != exclude_doc:
                found |= self.doc_actors.get(link.doc_id, set())
        found.discard(actor_id)
        return found

    def pinned(self, actor_id: int) -> bool:
        """Whether a user split created this actor: automatic merges leave it alone."""
        if any(link.actor_id == actor_id and link.method == "user" for link in self.links):
            return True
        return has_user_link(self.conn, actor_id)

    # -- writing -----------------------------------------------------------------------------
    def new_actor(self, entity: EntityRef) -> ActorState:
        state = ActorState(
            id=add_actor(self.conn, entity.name, entity.kind, entity.nationality, _now()),
            name=entity.name,
            kind=entity.kind,
            country=entity.nationality,
            aliases={},
            attributes={},
        )
        self.actors[state.id] = state
        self.report.new_actors += 1
        return state

    def link(self, entity: EntityRef, actor: ActorState, verdict: Verdict, keys: bool = True) -> None:
        """Link ``entity`` to ``actor``; with ``keys``, the actor is found by the entity's names
        from now on (not so for a generic or an ambiguous name)."""
        first_here = actor.id not in self.doc_actors[entity.doc_id]
        self.doc_actors[entity.doc_id].add(actor.id)
        self.entity_actor[(entity.doc_id, entity.entity_id)] = actor.id
        self.links.append(
            ActorLink(
                doc_id=entity.doc_id,
                entity_id=entity.entity_id,
                actor_id=actor.id,
                name=entity.name,
                mentions=entity.mentions,
                score=round(verdict.score, 4),
                method=verdict.method,
                reason=verdict.reason,
            )
        )
        self.report.linked += 1
        self.report.methods[verdict.method] += 1
        for f in entity.forms:
            actor.aliases[f.text] = actor.aliases.get(f.text, 0) + 1
        names = actor.attributes.setdefault("name", {})
        names[entity.name] = names.get(entity.name, 0) + 1
        for key, value in entity.attributes.items():
            if key in ("role", "nationality") and value:
                values = actor.attributes.setdefault(key, {})
                values[value] = values.get(value, 0) + 1
        for g in sorted(entity.groups):
            rows = actor.attributes.setdefault(ALIAS_ROWS, {})
            rows[g] = rows.get(g, 0) + 1
        actor.kinds[entity.kind] = actor.kinds.get(entity.kind, 0) + 1
        if entity.nationality:
            values = actor.attributes.setdefault("country", {})
            values[entity.nationality.upper()] = values.get(entity.nationality.upper(), 0) + 1
        if entity.published:
            actor.first_seen = min(filter(None, (actor.first_seen, entity.published)))
            actor.last_seen = max(filter(None, (actor.last_seen, entity.published)))
        actor.documents += 1 if first_here else 0
        actor.mentions += entity.mentions
        actor.changed = True
        if keys:
            self.add_keys(actor, entity)

    def add_keys(self, actor: ActorState, entity: EntityRef) -> None:
        keys = _keys(entity)
        self.load_keys(keys)  # so that a key the actor already has is known here
        # in an over-full block the actor may hold a key not read: insert only where it is known absent
        fresh = [k for k in sorted(keys) if actor.id not in self.key_index[k] and not self._may_hold(actor.id, k)]
        for k in fresh:
            self.new_keys.append((actor.id, k))
            self.key_index[k].add(actor.id)

    def _may_hold(self, actor_id: int, key: str) -> bool:
        if key not in self.full_blocks:
            return False
        held = holds_key(self.conn, actor_id, key)
        if held:
            self.key_index[key].add(actor_id)
        return held

    def merge(self, keep: ActorState, gone: ActorState, why: str) -> None:
        """Merge actor ``gone`` into ``keep`` (links, keys, aliases, counts)."""
        if keep.id == gone.id:
            return
        self.flush_links()
        move_links(self.conn, gone.id, keep.id, f" [then merged into #{keep.id}: {why}]")
        gone_keys = move_keys(self.conn, gone.id, keep.id)
        for k in gone_keys:
            self.key_index[k].discard(gone.id)
            self.key_index[k].add(keep.id)
        for alias, n in gone.aliases.items():
            keep.aliases[alias] = keep.aliases.get(alias, 0) + n
        for key, values in gone.attributes.items():
            mine = keep.attributes.setdefault(key, {})
            for value, n in values.items():
                mine[value] = mine.get(value, 0) + n
        for kind, n in gone.kinds.items():
            keep.kinds[kind] = keep.kinds.get(kind, 0) + n
        keep.first_seen = min(filter(None, (keep.first_seen, gone.first_seen)), default=None)
        keep.last_seen = max(filter(None, (keep.last_seen, gone.last_seen)), default=None)
        keep.mentions += gone.mentions
        keep.documents = document_count(self.conn, keep.id)
        keep.changed = True
        delete_actor(self.conn, gone.id)
        del self.actors[gone.id]
        for ids in self.doc_actors.values():
            if gone.id in ids:
                ids.discard(gone.id)
                ids.add(keep.id)
        for ref, actor_id in self.entity_actor.items():
            if actor_id == gone.id:
                self.entity_actor[ref] = keep.id
        self.report.merged += 1

    def flush_links(self) -> None:
        add_actor_keys(self.conn, self.new_keys)
        self.new_keys.clear()
        if self.links:
            add_links(self.conn, self.links)
            self.links.clear()

    def flush(self) -> None:
        self.flush_links()
        rows = []
        for actor in self.actors.values():
            if not actor.changed:
                continue
            _settle(actor)
            rows.append(
                ActorRecord(
                    id=actor.id,
                    name=actor.name,
                    kind=actor.kind,
                    country=actor.country,
                    aliases=actor.aliases,
                    attributes={**actor.attributes, "kind": actor.kinds},
                    first_seen=actor.first_seen,
                    last_seen=actor.last_seen,
                    documents=actor.documents,
                    mentions=actor.mentions,
                    updated_at=_now(),
                )
            )
            actor.changed = False
        update_actors(self.conn, rows)


def _top(counts: dict[str, int]) -> str | None:
    return max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))[0] if counts else None


def _settle(actor: ActorState) -> None:
    """Canonical name, kind and country from what the linked entities say most often."""
    names = actor.attributes.get("name", {})
    if names:
        most = max(names.values())
        common = [n for n, c in names.items() if c * 2 >= most]
        # the fullest common form; on a tie the first one seen (``names`` keeps insertion order)
        actor.name = max(common, key=lambda n: (form(n).words, names[n]))
    kind = _top(actor.kinds)
    if kind:
        actor.kind = kind
    country = _top(actor.attributes.get("country", {}))
    if country:
        actor.country = country


def _entities(conn: Tx, doc_ids: Sequence[str]) -> dict[str, list[EntityRef]]:
    """Every entity of the documents as stored (a user's split applies to any of them)."""
    return {doc_id: [entity_ref(e) for e in stored] for doc_id, stored in entities_of(conn, doc_ids).items()}


def _prepared(conn: Tx, doc_ids: Sequence[str]) -> dict[str, Prepared]:
    """The documents' entities as resolution takes them (``newsgraph.resolve.entities``)."""
    stored = entities_of(conn, doc_ids)
    texts = document_texts(conn, [d for d in doc_ids if d in stored])
    return {doc_id: prepare(entities, texts.get(doc_id, "")) for doc_id, entities in stored.items()}


def _decisions(conn: Tx) -> tuple[set[str], list[tuple[int, str, str]]]:
    splits: set[str] = set()
    merges: list[tuple[int, str, str]] = []
    for r in decisions(conn):
        if r.action == "split" and r.doc_id and r.entity_id:
            splits.add(f"{r.doc_id}:{r.entity_id}")
        elif r.action == "merge" and r.left_name and r.right_name:
            merges.append((r.seq, r.left_name, r.right_name))
    return splits, merges


def _keys(entity: EntityRef) -> set[str]:
    """The blocking keys an actor linked to ``entity`` holds."""
    return _entity_keys(entity, form_keys)


def _lookup(entity: EntityRef) -> set[str]:
    """The blocking keys under which ``entity``'s candidate actors are found."""
    return _entity_keys(entity, lookup_keys)


def _entity_keys(entity: EntityRef, keys_of: Callable[[Form, str], set[str]]) -> set[str]:
    """Keys of the entity's names (a generic one has none), its alias rows and its country."""
    keys: set[str] = set()
    for f in entity.forms:
        if not is_generic(f) or aliases.known(f):
            keys |= keys_of(f, entity.kind)
    keys |= {"g:" + g for g in entity.groups}
    ck = country_key(entity.country, entity.feature, entity.kind)
    if ck:
        keys.add(ck)
    return keys


def _resolve_in_document(batch: _Batch, entity: EntityRef, prepared: Prepared) -> bool:
    """Link an entity that stands for a fuller name of its document (or is generic): True when done."""
    hosts = prepared.hosts.get(entity.entity_id, ())
    linked = {batch.entity_actor[(entity.doc_id, h)] for h in hosts if (entity.doc_id, h) in batch.entity_actor}
    named = {e.entity_id: e.name for e in prepared.entities} if linked else {}
    if len(linked) == 1:
        actor = batch.actors[linked.pop()]
        host = next(named[h] for h in hosts if (entity.doc_id, h) in batch.entity_actor)
        if entity.entity_id in prepared.defined:
            acronym = prepared.defined[entity.entity_id]
            reason = f"{entity.name!r} is followed by its acronym ({acronym}), which the document gives {host!r}"
        else:
            reason = f"{entity.name!r} stands for {host!r}, named in full in the same document"
        batch.link(entity, actor, Verdict(True, 0.9, "document", reason))
        return True
    if len(linked) > 1:
        state = batch.new_actor(entity)
        names = " and ".join(repr(named[h]) for h in hosts[:3])
        batch.link(entity, state, Verdict(True, 1.0, "new", f"new actor: ambiguous in its document ({names})"), False)
        return True
    if entity.generic and not entity.groups:
        state = batch.new_actor(entity)
        reason = "new actor: a generic name joins only a fuller name of its own document, and none is there"
        batch.link(entity, state, Verdict(True, 1.0, "new", reason), keys=False)
        return True
    return False


def _resolve_entity(batch: _Batch, entity: EntityRef, splits: set[str], prepared: Prepared) -> None:
    if entity.ref in splits:
        state = batch.new_actor(entity)
        batch.link(entity, state, Verdict(True, 1.0, "user", "split off by a user decision (actor split)"))
        return
    if _resolve_in_document(batch, entity, prepared):
        return
    keys = _lookup(entity)
    batch.load_keys(keys)
    verdicts = [(decide(entity, a), a) for a in batch.candidates(keys)]
    accepted = sorted(
        ((v, a) for v, a in verdicts if v.accept), key=lambda va: (va[0].score, va[1].documents), reverse=True
    )
    if accepted:
        verdict, actor = accepted[0]
        batch.link(entity, actor, verdict)
        if verdict.strong:
            for other_verdict, other in accepted[1:]:
                if (
                    other_verdict.strong
                    and compatible_kinds(actor.kind, other.kind)
                    and not actor.is_partial_person
                    and not other.is_partial_person
                    and other.id in batch.actors
                    and actor.id in batch.actors
                    and not batch.pinned(actor.id)
                    and not batch.pinned(other.id)
                ):
                    batch.merge(actor, other, f"{entity.ref} {entity.name!r} matches both: {other_verdict.reason}")
        return
    pending = [(v, a) for v, a in verdicts if v.needs_evidence]
    with_evidence = []
    if len(pending) > MAX_PARTIAL:
        state = batch.new_actor(entity)
        names = ", ".join(f"{a.name!r}" for _, a in pending[:4])
        reason = f"new actor: too common a name to tell, {len(pending)} actors share it ({names}, ...)"
        batch.link(entity, state, Verdict(True, 1.0, "new", reason))
        return
    for v, a in pending:
        shared_ids = batch.co_actors(a.id, entity.doc_id) & batch.doc_actors.get(entity.doc_id, set())
        # places and states are named with everything: only people and organisations count, and
        # one alone only when it is no hub (a hub such as a broadcaster is named with everyone)
        company = [
            batch.actors[i]
            for i in shared_ids
            if i in batch.actors and kind_group(batch.actors[i].kind) in ("person", "organisation")
        ]
        rare = [x for x in company if x.documents <= batch.hub_size]
        shared = sorted(x.name for x in (company if len(company) >= 2 else rare))
        why = evidence(entity, a, shared)
        if why:
            with_evidence.append((v, a, why))
    if len(with_evidence) == 1:
        v, a, why = with_evidence[0]
        batch.link(entity, a, Verdict(True, max(v.score, 0.8), v.method, f"{v.reason}; {why}"))
        return
    state = batch.new_actor(entity)
    if with_evidence:
        names = ", ".join(f"{a.name!r} (#{a.id})" for _, a, _ in with_evidence[:4])
        reason = f"new actor: ambiguous between {names}"
    elif pending:
        names = ", ".join(f"{a.name!r} (#{a.id}): {v.reason}" for v, a in pending[:3])
        reason = f"new actor: no evidence for {names}"
    elif verdicts:
        v, a = max(verdicts, key=lambda va: va[0].score)
        reason = f"new actor: closest {a.name!r} (#{a.id}) rejected, {v.reason}"
    else:
        reason = "new actor: no known actor shares a name key"
    batch.link(entity, state, Verdict(True, 1.0, "new", reason))


def _apply_merges(batch: _Batch, merges: list[tuple[int, str, str]]) -> None:
    for seq, left, right in merges:
        sides = []
        for name in (left, right):
            key = form(name).exact_key
            batch.load_keys([key])
            found = batch.candidates([key])
            sides.append(max(found, key=lambda a: a.documents) if found else None)
        a, b = sides
        if a is not None and b is not None and a.id != b.id:
            keep, gone = (a, b) if a.documents >= b.documents else (b, a)
            batch.merge(keep, gone, f"user decision #{seq}: merge {left!r} and {right!r}")


def resolve_in(conn: Tx, doc_ids: Sequence[str], report: ResolveReport | None = None) -> ResolveReport:
    """Resolve the documents ``doc_ids`` inside the caller's transaction (already resolved ones are skipped)."""
    report = report or ResolveReport()
    t0 = time.perf_counter()
    wanted: list[str] = []
    replaced: list[str] = []
    for doc_id, previous_id in unresolved_documents(conn, doc_ids):
        wanted.append(doc_id)
        if previous_id:
            replaced.append(previous_id)
    if replaced:
        delete_ties(conn, replaced)
        unlink_documents(conn, replaced)
    if not wanted:
        return report
    prepared = _prepared(conn, wanted)
    splits, merges = _decisions(conn)
    batch = _Batch(conn, report)
    # every key the batch will look up or give, read at once
    batch.load_keys(k for p in prepared.values() for e in p.entities for k in _lookup(e) | _keys(e))
    for doc_id in wanted:
        if doc_id not in prepared:
            continue
        p = prepared[doc_id]
        report.skipped.update(p.skipped.values())
        # full names first (see ``prepare``): a partial name then finds the actors of its document
        for entity in p.entities:
            _resolve_entity(batch, entity, splits, p)
            report.entities += 1
    if merges:
        _apply_merges(batch, merges)
    batch.flush()
    report.ties += store_ties(conn, wanted)
    mark_resolved(conn, wanted, _now())
    report.documents += len(wanted)
    report.seconds += time.perf_counter() - t0
    return report


def resolve_documents(engine: Engine, doc_ids: Sequence[str]) -> ResolveReport:
    """Resolve the documents ``doc_ids`` in one transaction (see the module docstring)."""
    if not doc_ids:
        return ResolveReport()
    with resolution_errors(), _resolving(engine) as tx:
        return resolve_in(tx, doc_ids)


def pending_documents(engine: Engine) -> list[str]:
    """Current documents not resolved yet, oldest first."""
    return pending_document_ids(engine)


def resolve_pending(engine: Engine, batch_size: int = 200) -> ResolveReport:
    """Resolve every current document not resolved yet, ``batch_size`` per transaction."""
    report = ResolveReport()
    pending = pending_documents(engine)
    for start in range(0, len(pending), batch_size):
        with _resolving(engine) as tx:
            resolve_in(tx, pending[start : start + batch_size], report)
    return report


def rebuild(engine: Engine, batch_size: int = 200) -> ResolveReport:
    """Forget every actor and resolve all current documents again, applying the user's decisions."""
    with begin(engine) as tx:
        delete_ties(tx, None)
        forget_actors(tx)
    return resolve_pending(engine, batch_size)


def record_merge(
    engine: Engine, left: str, right: str, note: str | None = None, *, ids: tuple[int, int] | None = None
) -> ResolveReport:
    """Record the user's decision that ``left`` and ``right`` are one actor, and apply it now.

    ``ids``: the two actors the user chose, merged now as chosen (two actors of one name, such as
    one split off another, cannot be told apart by their names); the decision is kept by name.
    """
    report = ResolveReport()
    with begin(engine) as tx:
        seq = add_merge_decision(tx, left, right, note, _now())
        batch = _Batch(tx, report)
        if ids is None:
            _apply_merges(batch, [(seq, left, right)])
        else:
            batch.load_actors(ids)
            a, b = batch.actors.get(ids[0]), batch.actors.get(ids[1])
            if a is not None and b is not None and a.id != b.id:
                keep, gone = (a, b) if a.documents >= b.documents else (b, a)
                batch.merge(keep, gone, f"user decision #{seq}: merge #{a.id} {left!r} and #{b.id} {right!r}")
        batch.flush()
    return report


def record_split(engine: Engine, doc_id: str, entity_id: str, note: str | None = None) -> int:
    """Record that entity ``doc_id:entity_id`` is not the actor it was linked to; give it its own.

    Returns the new actor's id. The decision is kept: a rebuild links the entity to an actor of
    its own again.
    """
    report = ResolveReport()
    with begin(engine) as tx:
        old = linked_actor(tx, doc_id, entity_id)
        add_split_decision(tx, doc_id, entity_id, note, _now())
        if old is None:
            return 0
        entity = _entities(tx, [doc_id])
        ref = next((e for e in entity.get(doc_id, []) if e.entity_id == entity_id), None)
        delete_link(tx, doc_id, entity_id)
        recount_actor(tx, old)
        assert ref is not None
        batch = _Batch(tx, report)
        state = batch.new_actor(ref)
        batch.link(ref, state, Verdict(True, 1.0, "user", f"split off actor #{old} by a user decision"))
        batch.flush()
        return state.id
