"""The actor network: who is tied to whom, through what, since when, and who says so.

Edges come from the ties of every document (``actor_ties``: events, relations, claims) turned
into actor pairs through ``actor_links``. Each edge is typed (event type, relation type, or
``says``), weighted (documents that state it), dated (first and last), carries its modality and
the list of its evidence (document, sentence, speaker, outlet).

Ties come only from facts at or above a confidence threshold (``Filters.min_confidence``, by
default the calibrated :data:`newsgraph.extract.confidence.DEFAULT_THRESHOLD`); what a query
leaves out for that reason is counted (``Network.hidden``) so that callers can say so. Facts
stored before confidence existed (NULL) are always kept.

Every query reads only what it is asked about: the ties of one actor's neighbourhood, the two
frontiers of a path search, the strongest pairs of the store. Nothing loads the whole store,
except :class:`TieIndex`, which a long-running server builds once per store state (pairs and
their filter fields, no sentences) to find neighbours and paths without SQL.

This module is the logic (edges, neighbourhoods, path search, timelines, centrality); the SQL
lives in :mod:`newsgraph.store.ties` and, for the actors, :mod:`newsgraph.store.actors`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import networkx as nx
import yaml

from newsgraph.errors import AmbiguousActor, BadRequest, NotFound
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.resolve.forms import form
from newsgraph.store import Engine, Tx, connect
from newsgraph.store import ties as store
from newsgraph.store.actors import Actor, NameMatch, load_actors
from newsgraph.store.actors import actors_named as store_actors_named
from newsgraph.store.ties import TieEvidence, TiePair, TimelineClaim

__all__ = [
    "MAX_EVIDENCE",
    "Actor",
    "Edge",
    "Evidence",
    "Filters",
    "Network",
    "Path",
    "Stats",
    "Step",
    "TieIndex",
    "TimelineItem",
    "actor_graph",
    "actors_named",
    "edge_dict",
    "edge_id",
    "evidence_dict",
    "find_actor",
    "find_actors",
    "hidden_ties",
    "labels",
    "load_actors",
    "neighbourhood",
    "new_ties",
    "overview",
    "paths",
    "rank_edges",
    "stats",
    "timeline",
    "timeline_hidden",
    "whole",
]

MAX_EVIDENCE = 20
"""Evidence kept per edge in a neighbourhood (the weight still counts every document)."""


@dataclass(frozen=True)
class Labels:
    relations: dict[str, tuple[str, str]]
    kind_rank: dict[str, int]
    modality_rank: dict[str, int]


@lru_cache(maxsize=1)
def labels() -> Labels:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("newsgraph").joinpath("data/network.yaml").read_text(encoding="utf-8")
    )
    return Labels(
        relations={str(k): (str(v[0]), str(v[1])) for k, v in data["relations"].items()},
        kind_rank={str(k): int(v) for k, v in data["kind_rank"].items()},
        modality_rank={str(k): int(v) for k, v in data["modality_rank"].items()},
    )


@dataclass(frozen=True)
class Evidence:
    """One statement of a tie: where it is said, by whom, how."""

    doc_id: str
    kind: str
    """event, relation or claim."""
    record_id: str
    label: str
    """The trigger, relation type or cue as written."""
    sentence: str
    start: int
    end: int
    date: str | None
    location: str | None
    modality: str
    speaker: str | None
    """Who says so (the claim's speaker), when the fact is known through a claim."""
    source: str | None
    """The outlet carrying the document."""
    published: str | None
    title: str | None
    forward: bool
    """True when the tie runs from the edge's ``source`` to its ``target`` as stored."""
    confidence: float | None = None
    """The confidence of the event, relation or claim (None: stored before it was scored)."""
    page: int | None = None
    """The page of a paged document (a PDF) the sentence is on; None in any other."""


@dataclass
class Edge:
    source: int
    target: int
    kind: str
    type: str
    directed: bool
    evidence: list[Evidence] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (self.source, self.target, self.kind, self.type)

    @property
    def weight(self) -> int:
        return len(self.documents)

    @property
    def first(self) -> str | None:
        return min((e.date for e in self.evidence if e.date), default=None)

    @property
    def last(self) -> str | None:
        return max((e.date for e in self.evidence if e.date), default=None)

    @property
    def modality(self) -> str:
        """``asserted`` when any evidence asserts it, else the most common modality."""
        counts = Counter(e.modality for e in self.evidence)
        if counts.get("asserted"):
            return "asserted"
        return counts.most_common(1)[0][0] if counts else "asserted"

    @property
    def confidence(self) -> float | None:
        """The highest confidence of its evidence (None when none is scored)."""
        return max((e.confidence for e in self.evidence if e.confidence is not None), default=None)

    @property
    def label(self) -> str:
        counts = Counter(e.label.lower() for e in self.evidence)
        return counts.most_common(1)[0][0] if counts else self.type.lower()


@dataclass
class Network:
    actors: dict[int, Actor]
    edges: list[Edge]
    center: list[int] = field(default_factory=list)
    min_confidence: float = 0.0
    """The threshold the ties were read with."""
    hidden: int = 0
    """Facts (events, relations, claims) that would add ties here but are under ``min_confidence``."""

    def graph(self) -> nx.MultiDiGraph:
        """A networkx multigraph: nodes are actor ids, one edge per (pair, kind, type)."""
        g: nx.MultiDiGraph = nx.MultiDiGraph()
        for a in self.actors.values():
            g.add_node(a.id, label=a.name, kind=a.kind, country=a.country or "", documents=a.documents)
        for e in self.edges:
            g.add_edge(
                e.source,
                e.target,
                key=f"{e.kind}:{e.type}",
                kind=e.kind,
                type=e.type,
                label=e.label,
                directed=e.directed,
                weight=e.weight,
                first=e.first or "",
                last=e.last or "",
                modality=e.modality,
                evidence=len(e.evidence),
            )
        return g

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """The one JSON shape of a network (API and CLI ``--json``): the ``center`` actor ids, the
        ``actors`` that the kept edges (the first ``limit``, as ranked) and the centre
        touch, the ``edges``, and whether edges were left out (``truncated``)."""
        kept = self.edges if limit is None else self.edges[:limit]
        ids = {e.source for e in kept} | {e.target for e in kept} | set(self.center)
        return {
            "center": self.center,
            "actors": [a.to_dict() for a in self.actors.values() if a.id in ids],
            "edges": [edge_dict(e, self.actors) for e in kept],
            "truncated": len(kept) < len(self.edges),
            "min_confidence": self.min_confidence,
            "hidden_below_confidence": self.hidden,
        }


def evidence_dict(e: Evidence) -> dict[str, Any]:
    """The one JSON shape of a piece of evidence: ``document`` is the document's id, ``outlet``
    the publication carrying it, ``speaker_name`` who says so (through a claim), ``sentence_text``
    the sentence, ``start``/``end`` its offsets in the document's text, ``page`` its page in a
    paged document (a PDF), else None."""
    return {
        "document": e.doc_id,
        "kind": e.kind,
        "record": e.record_id,
        "label": e.label,
        "sentence_text": e.sentence,
        "start": e.start,
        "end": e.end,
        "date": e.date,
        "location": e.location,
        "modality": e.modality,
        "speaker_name": e.speaker,
        "outlet": e.source,
        "published": e.published,
        "title": e.title,
        "confidence": e.confidence,
        "page": e.page,
    }


def edge_id(e: Edge) -> str:
    """Stable across requests: the pair, the kind and the type identify an edge."""
    return f"{e.source}-{e.target}-{e.kind}-{e.type}"


def edge_dict(e: Edge, names: dict[int, Actor]) -> dict[str, Any]:
    """The one JSON shape of an edge: ``source`` and ``target`` are actor ids."""
    return {
        "id": edge_id(e),
        "source": e.source,
        "source_name": names[e.source].name if e.source in names else None,
        "target": e.target,
        "target_name": names[e.target].name if e.target in names else None,
        "kind": e.kind,
        "type": e.type,
        "label": e.label,
        "directed": e.directed,
        "weight": e.weight,
        "first": e.first,
        "last": e.last,
        "modality": e.modality,
        "confidence": e.confidence,
        "evidence": [evidence_dict(x) for x in e.evidence],
    }


# -- finding actors --------------------------------------------------------------------------


MAX_CANDIDATES = 10
"""Actors listed when a name fits several (:class:`~newsgraph.errors.AmbiguousActor`)."""


def actors_named(conn: Tx, name: str, limit: int = 5, *, every: bool = True) -> NameMatch:
    """The actors answering to ``name`` (:func:`newsgraph.store.actors.actors_named`): ``#id``;
    else the canonical name or a name the actor goes by (normalised), a phonetic variant, the
    name's words inside a canonical name, a part of one. The most documented first."""
    text = name.strip()
    if re.fullmatch(r"#?\d+", text):
        digits = text.lstrip("#")
        if len(digits) > 18:  # beyond any id a store holds (and beyond what SQLite takes)
            return NameMatch(text, "none", 0, (), 0)
        found = tuple(load_actors(conn, [int(digits)]).values())
        return NameMatch(text, "id" if found else "none", len(found), found, len(found), found[0] if found else None)
    if not text:
        raise BadRequest("empty actor name")
    f = form(text)
    exact = f.exact_key if f.core else None
    similar = "p:" + " ".join(t.skeleton for t in f.name.core) if f.core else None
    return store_actors_named(conn, text, exact, similar, limit, every=every)


def find_actors(conn: Tx, name: str, limit: int = 5) -> list[Actor]:
    """Actors answering to ``name`` (:func:`actors_named`), the most documented first: what a
    search lists."""
    return list(actors_named(conn, name, limit).actors)


def find_actor(conn: Tx, name: str) -> Actor:
    """The one actor ``name`` (a name, an alias or ``#ID``) names: an ``#ID``, or the only actor
    of the name's most telling tier (:class:`~newsgraph.store.actors.NameMatch`). A name that fits
    several raises :class:`AmbiguousActor` listing them, the most documented first; it never
    picks one."""
    found = actors_named(conn, name, limit=MAX_CANDIDATES, every=False)
    one = found.one
    if one is not None:
        return one
    if not found.actors:
        raise NotFound("actor", name)
    raise AmbiguousActor(name, found.candidates(), found.total)


# -- reading ties ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    """Event types (CONSULT), relation types (member_of), ``says``, or kinds (event, relation, claim)."""
    min_confidence: float = DEFAULT_THRESHOLD
    """Only ties of facts at or above this confidence (0 keeps every tie)."""
    modality: str | None = None
    """Only ties of facts of this modality (asserted, hedged, ...)."""
    source: str | None = None
    """Only ties stated in documents of this outlet (any case)."""


def hidden_ties(engine: Engine, filters: Filters | None = None, actor_ids: Iterable[int] | None = None) -> int:
    """How many facts tying actors (around ``actor_ids``, or anywhere) are under the filters'
    confidence threshold: what the network leaves out for it."""
    with connect(engine) as conn:
        return store.hidden_facts(conn, actor_ids, filters or Filters())


MAX_INDEXED_TIES = 500_000
"""The most ties :class:`TieIndex` holds in memory (about 200 bytes each); a larger store's
neighbourhoods are discovered in SQL, as without an index."""

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """Lower case as SQLite's ``lower()`` has it (ASCII letters only), so that the index filters
    as the SQL does."""
    return text.translate(_ASCII_LOWER)


class TieIndex:
    """Every tie of the store between two actors (pairs and what the filters read, no sentences),
    held in memory and indexed by actor: a neighbourhood's discovery (who is tied to whom, how
    strongly) and its count of the facts under the confidence threshold are read here instead of
    in two SQL queries per request. Built once per store state (the server keeps it until the
    store changes: ``newsgraph.web.api``); the evidence of the edges kept is still read in SQL.
    Filters exactly as :func:`newsgraph.store.ties.tie_pairs` and ``hidden_facts`` do."""

    def __init__(self, facts: Iterable[store.TieFact]) -> None:
        self.by_actor: dict[int, list[store.TieFact]] = defaultdict(list)
        self.size = 0
        for t in facts:
            self.by_actor[t.actor_a].append(t)
            if t.actor_b != t.actor_a:
                self.by_actor[t.actor_b].append(t)
            self.size += 1

    @classmethod
    def load(cls, engine: Engine, max_ties: int = MAX_INDEXED_TIES) -> TieIndex | None:
        """The index of the store's ties; None when it holds more than ``max_ties``."""
        with connect(engine) as conn:
            if store.tie_count(conn) > max_ties:
                return None
            return cls(store.tie_facts(conn))

    def _around(self, ids: Iterable[int]) -> Iterable[store.TieFact]:
        """The ties with at least one end among ``ids``, each once."""
        wanted = set(ids)
        for a in wanted:
            for t in self.by_actor.get(a, ()):
                # a tie between two of ``ids`` is listed under both: kept under its first end only
                if t.actor_a == a or t.actor_a not in wanted:
                    yield t

    @staticmethod
    def _passes(t: store.TieFact, f: Filters) -> bool:
        """The filters but the confidence threshold (``_filter_clause`` without it)."""
        if f.since and (t.date is None or t.date < f.since):
            return False
        if f.until and (t.date is None or t.date > f.until + "\uffff"):
            return False
        if f.types:
            wanted = {_lower(x) for x in f.types}
            if _lower(t.type) not in wanted and t.kind not in wanted:
                return False
        if f.modality and t.modality != f.modality:
            return False
        return not (f.source and (t.source is None or _lower(t.source) != _lower(f.source)))

    def pairs(self, ids: Iterable[int], f: Filters) -> list[TiePair]:
        """:func:`newsgraph.store.ties.tie_pairs` of ``ids``, from memory."""
        m = f.min_confidence
        return [
            TiePair(t.doc_id, t.kind, t.type, t.directed, t.actor_a, t.actor_b)
            for t in self._around(ids)
            if (m <= 0 or t.confidence is None or t.confidence >= m) and self._passes(t, f)
        ]

    def hidden(self, ids: Iterable[int], f: Filters) -> int:
        """:func:`newsgraph.store.ties.hidden_facts` around ``ids``, from memory."""
        m = f.min_confidence
        if m <= 0:
            return 0
        return len(
            {
                (t.doc_id, t.kind, t.record_id)
                for t in self._around(ids)
                if t.confidence is not None and t.confidence < m and self._passes(t, f)
            }
        )


def _edges(
    rows: Iterable[TiePair | TieEvidence], max_evidence: int = MAX_EVIDENCE
) -> dict[tuple[int, int, str, str], Edge]:
    edges: dict[tuple[int, int, str, str], Edge] = {}
    for r in rows:
        a, b = r.actor_a, r.actor_b
        forward = True
        if not r.directed and a > b:
            a, b, forward = b, a, False
        key = (a, b, r.kind, r.type)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(a, b, r.kind, r.type, bool(r.directed))
        edge.documents.add(r.doc_id)
        if isinstance(r, TieEvidence) and len(edge.evidence) < max_evidence:
            edge.evidence.append(
                Evidence(
                    doc_id=r.doc_id,
                    kind=r.kind,
                    record_id=r.record_id,
                    label=r.label,
                    sentence=" ".join((r.sentence or "").split()),
                    start=r.sentence_start,
                    end=r.sentence_end,
                    date=r.date,
                    location=r.location,
                    modality=r.modality,
                    speaker=r.speaker,
                    source=r.source,
                    published=r.published,
                    title=r.title,
                    forward=forward,
                    confidence=r.confidence,
                    page=r.page,
                )
            )
    return edges


def neighbourhood(
    engine: Engine,
    name: str,
    *,
    depth: int = 1,
    filters: Filters | None = None,
    max_nodes: int = 150,
    max_evidence: int = MAX_EVIDENCE,
    index: TieIndex | None = None,
) -> Network:
    """The actors within ``depth`` ties of the actor ``name``, and the edges among them, ranked
    by relevance to that actor (:func:`rank_edges`): its own ties first, then the ties among its
    neighbours, then those further out, so a limit on the edges never drops the actor's own ties
    for ties between hubs of its second ring.

    Each hop keeps the ``max_nodes`` best-tied new neighbours (by documents), so a hub's
    second ring stays readable and fast. With an ``index`` (:class:`TieIndex`) the neighbours
    and the hidden facts are read from it rather than in SQL; the answer is the same.
    """
    if depth < 1:
        raise BadRequest("--depth must be at least 1")
    f = filters or Filters()
    with connect(engine) as conn:
        center = find_actor(conn, name)
        seen = {center.id}
        rings = {center.id: 0}
        frontier = [center.id]
        for hop in range(1, depth + 1):
            # discovery reads pairs only; the evidence is read once, for the edges kept
            found = _edges(index.pairs(frontier, f) if index else store.tie_pairs(conn, frontier, f))
            strength: Counter[int] = Counter()
            for e in found.values():
                for end in (e.source, e.target):
                    if end not in seen:
                        strength[end] += e.weight
            room = max(0, max_nodes - len(seen))
            # the best tied first, then by id: the same choice whatever order the ties came in
            fresh = [a for a, _ in sorted(strength.items(), key=lambda x: (-x[1], x[0]))[:room]]
            seen.update(fresh)
            rings.update((a, hop) for a in fresh)
            frontier = fresh
            if not frontier or len(seen) >= max_nodes:  # no room left: the next hop could add nobody
                break
        edges = _edges(store.tie_evidence(conn, sorted(seen), f, within=True), max_evidence)
        names = load_actors(conn, seen)
        hidden = index.hidden(seen, f) if index else store.hidden_facts(conn, seen, f)
    return Network(
        actors=names,
        edges=rank_edges(edges.values(), rings),
        center=[center.id],
        min_confidence=f.min_confidence,
        hidden=hidden,
    )


def rank_edges(edges: Iterable[Edge], rings: dict[int, int]) -> list[Edge]:
    """Edges ranked by relevance to the actor at ring 0 of ``rings`` (actor id -> hops from it):
    its own ties first; then the ties between two of its neighbours; then ties reaching one ring
    further, and so on (the sum of both ends' rings); within a tier the strongest first (documents,
    then confidence), then by id so the order is stable. An actor not in ``rings`` counts as far."""
    far = max(rings.values(), default=0) + 1

    def key(e: Edge) -> tuple[int, int, float, str]:
        a, b = rings.get(e.source, far), rings.get(e.target, far)
        tier = 0 if min(a, b) == 0 else a + b - 1
        return (tier, -e.weight, -(e.confidence or 0.0), edge_id(e))

    return sorted(edges, key=key)


def overview(engine: Engine, *, filters: Filters | None = None, limit: int = 100) -> Network:
    """The ``limit`` strongest edges of the whole store (by documents), with their evidence."""
    f = filters or Filters()
    with connect(engine) as conn:
        top = store.strongest_pairs(conn, f, limit)
        ids = {r[0] for r in top} | {r[1] for r in top}
        wanted = set(top) | {(r[1], r[0], r[2], r[3]) for r in top}
        rows = [
            r
            for r in store.tie_evidence(conn, sorted(ids), f, within=True)
            if (r.actor_a, r.actor_b, r.kind, r.type) in wanted
        ]
        edges = _edges(rows)
        names = load_actors(conn, ids)
        hidden = store.hidden_facts(conn, None, f)
    return _ranked(names, edges, f, hidden)


def _ranked(names: dict[int, Actor], edges: dict[Any, Edge], f: Filters, hidden: int) -> Network:
    """A network of these actors and edges, the strongest first."""
    ranked = sorted(edges.values(), key=lambda e: -e.weight)
    return Network(actors=names, edges=ranked, min_confidence=f.min_confidence, hidden=hidden)


def whole(engine: Engine, *, filters: Filters | None = None, max_evidence: int = MAX_EVIDENCE) -> Network:
    """Every edge of the store (for exports of everything)."""
    f = filters or Filters()
    with connect(engine) as conn:
        edges = _edges(store.tie_evidence(conn, None, f), max_evidence)
        ids = {e.source for e in edges.values()} | {e.target for e in edges.values()}
        names = load_actors(conn, ids)
        hidden = store.hidden_facts(conn, None, f)
    return _ranked(names, edges, f, hidden)


def new_ties(
    engine: Engine,
    since: str,
    *,
    actor: str | None = None,
    limit: int = 100,
    min_confidence: float = DEFAULT_THRESHOLD,
) -> Network:
    """Edges first stated on or after ``since`` (no document before it states the same tie),
    from facts at or above ``min_confidence``."""
    with connect(engine) as conn:
        f = Filters(since=since, min_confidence=min_confidence)
        center: list[int] = []
        if actor:
            center = [find_actor(conn, actor).id]
        top = store.first_stated_pairs(conn, since, min_confidence, center[0] if center else None, limit)
        ids = {r[0] for r in top} | {r[1] for r in top}
        wanted = set(top) | {(r[1], r[0], r[2], r[3]) for r in top}
        rows = [
            r
            for r in store.tie_evidence(conn, sorted(ids), f, within=True)
            if (r.actor_a, r.actor_b, r.kind, r.type) in wanted
        ]
        edges = _edges(rows)
        names = load_actors(conn, ids)
        hidden = store.hidden_facts(conn, center or None, f)
    return Network(
        actors=names,
        edges=sorted(edges.values(), key=lambda e: (e.first or "", e.weight), reverse=True),
        center=center,
        min_confidence=min_confidence,
        hidden=hidden,
    )


# -- paths ---------------------------------------------------------------------------------------


def _neighbours(conn: Tx, ids: Sequence[int], f: Filters, index: TieIndex | None = None) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for r in index.pairs(ids, f) if index else store.tie_pairs(conn, ids, f):
        out[r.actor_a].add(r.actor_b)
        out[r.actor_b].add(r.actor_a)
    return out


@dataclass(frozen=True)
class Step:
    source: Actor
    target: Actor
    edge: Edge
    evidence: Evidence
    along: bool
    """True when the step goes the edge's way (source -> target)."""

    def label(self) -> str:
        e = self.evidence
        speaker = e.speaker
        if self.edge.kind == "relation":
            forward, backward = labels().relations.get(self.edge.type, (e.label, e.label))
            text = forward if self.along == e.forward else backward
        elif self.edge.kind == "claim":
            text = f"says of, {e.label}" if self.along else f"spoken of, {e.label}"
            speaker = None  # the speaker is one end of the step
        else:
            text = e.label
        parts = [text]
        if e.location:
            parts.append(e.location)
        if e.date:
            parts.append(e.date[:7] if self.edge.kind != "event" else e.date)
        if speaker or e.source:
            per = f"per {speaker}" if speaker else ""
            via = f"via {e.source}" if e.source else ""
            parts.append(" ".join(p for p in (per, via) if p))
        return ", ".join(parts)

    def arrow(self) -> str:
        if self.edge.kind == "relation" or not self.edge.directed:
            return f"-[{self.label()}]-"
        return f"-[{self.label()}]->" if self.along else f"<-[{self.label()}]-"


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]

    def render(self) -> str:
        if not self.steps:
            return ""
        out = [self.steps[0].source.name]
        for s in self.steps:
            out += [s.arrow(), s.target.name]
        return " ".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.render(),
            "steps": [
                {
                    "from": s.source.to_dict(),
                    "to": s.target.to_dict(),
                    "kind": s.edge.kind,
                    "type": s.edge.type,
                    "label": s.label(),
                    "weight": s.edge.weight,
                    "evidence": evidence_dict(s.evidence),
                }
                for s in self.steps
            ],
        }


def _best_evidence(edge: Edge) -> Evidence:
    lab = labels()
    return min(
        edge.evidence,
        key=lambda e: (
            lab.kind_rank.get(e.kind, 9),
            lab.modality_rank.get(e.modality, 9),
            -len(e.location or ""),
            "" if e.date is None else "~" + e.date[::-1],
        ),
    )


def paths(
    engine: Engine,
    a: str,
    b: str,
    *,
    max_depth: int = 4,
    limit: int = 3,
    filters: Filters | None = None,
    index: TieIndex | None = None,
) -> tuple[Actor, Actor, list[Path]]:
    """The shortest evidenced chains between actors ``a`` and ``b`` (at most ``limit``).

    A bidirectional breadth-first search over the actor graph, expanding the smaller frontier
    by one SQL query per hop (or from the ``index``, when given); then the evidence of the
    path's edges only.
    """
    f = filters or Filters()
    with connect(engine) as conn:
        start, goal = find_actor(conn, a), find_actor(conn, b)
        if start.id == goal.id:
            raise BadRequest(f"{a!r} and {b!r} are the same actor (#{start.id})")
        parents_a: dict[int, set[int]] = {start.id: set()}
        parents_b: dict[int, set[int]] = {goal.id: set()}
        front_a, front_b = {start.id}, {goal.id}
        meet: set[int] = set()
        for _ in range(max_depth):
            if not front_a or not front_b:
                break
            expand_a = len(front_a) <= len(front_b)
            front, parents = (front_a, parents_a) if expand_a else (front_b, parents_b)
            adjacency = _neighbours(conn, sorted(front), f, index)
            nxt: set[int] = set()
            for node in front:
                for n in adjacency.get(node, ()):
                    if n not in parents:
                        parents[n] = {node}
                        nxt.add(n)
                    elif n in nxt:
                        parents[n].add(node)
            if expand_a:
                front_a = nxt
            else:
                front_b = nxt
            meet = set(parents_a) & set(parents_b)
            if meet:
                break
        if not meet:
            return start, goal, []
        chains: list[list[int]] = []
        for m in sorted(meet):
            for left in _walk(m, parents_a):
                for right in _walk(m, parents_b):
                    chains.append(list(reversed(left)) + right[1:])
                    if len(chains) >= limit * 4:
                        break
        chains = chains[: limit * 4]
        ids = {n for chain in chains for n in chain}
        names = load_actors(conn, ids)
        pairs = {(c[i], c[i + 1]) for c in chains for i in range(len(c) - 1)}
        rows = [
            r
            for r in store.tie_evidence(conn, sorted(ids), f)
            if (r.actor_a, r.actor_b) in pairs or (r.actor_b, r.actor_a) in pairs
        ]
    edges = _edges(rows)
    found: list[Path] = []
    for chain in chains:
        steps = []
        for x, y in pairwise(chain):
            options = [e for e in edges.values() if {e.source, e.target} == {x, y} and e.evidence]
            if not options:
                break
            edge = min(options, key=lambda e: (labels().kind_rank.get(e.kind, 9), -e.weight))
            ev = _best_evidence(edge)
            steps.append(Step(names[x], names[y], edge, ev, along=edge.source == x))
        else:
            found.append(Path(tuple(steps)))
    # chains made of relations and events, asserted and well attested, before chains of claims
    lab = labels()
    found.sort(
        key=lambda p: (
            sum(lab.kind_rank.get(s.edge.kind, 9) + lab.modality_rank.get(s.evidence.modality, 9) for s in p.steps),
            -sum(s.edge.weight for s in p.steps),
        )
    )
    return start, goal, found[:limit]


def _walk(node: int, parents: dict[int, set[int]], limit: int = 8) -> list[list[int]]:
    """Chains from ``node`` back to the search's root (at most ``limit``)."""
    if not parents[node]:
        return [[node]]
    out: list[list[int]] = []
    for p in sorted(parents[node]):
        for rest in _walk(p, parents, limit):
            out.append([node, *rest])
            if len(out) >= limit:
                return out
    return out


# -- timeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    date: str | None
    kind: str
    """event, said (the actor's own claim) or mentioned (a claim about the actor)."""
    type: str
    role: str
    text: str
    """The sentence or the claim."""
    modality: str
    speaker: str | None
    doc_id: str
    source: str | None
    title: str | None
    others: tuple[str, ...] = ()
    location: str | None = None
    confidence: float | None = None
    page: int | None = None
    """The page of a paged document (a PDF) the sentence or claim is on."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "kind": self.kind,
            "type": self.type,
            "role": self.role,
            "text": self.text,
            "modality": self.modality,
            "speaker_name": self.speaker,
            "document": self.doc_id,
            "outlet": self.source,
            "title": self.title,
            "others": list(self.others),
            "location": self.location,
            "confidence": self.confidence,
            "page": self.page,
        }


TIMELINE_READ = 20_000
"""The most events (and claims said, and claims about) of one actor a timeline reads, to page through."""


def timeline(
    engine: Engine,
    name: str,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int = 200,
    min_confidence: float = DEFAULT_THRESHOLD,
) -> tuple[Actor, list[TimelineItem]]:
    """Dated events and claims involving the actor ``name``, oldest first; those under
    ``min_confidence`` left out (:func:`timeline_hidden` counts them)."""
    items: list[TimelineItem] = []
    with connect(engine) as conn:
        actor = find_actor(conn, name)
        facts = store.timeline_facts(
            conn, actor.id, since=since, until=until, min_confidence=min_confidence, limit=limit
        )
        event_rows = facts.events
        others = _event_others(store.event_arguments(conn, [(r.doc_id, r.id) for r in event_rows]), actor.id)
        locations = store.event_locations(conn, [(r.doc_id, r.id) for r in event_rows])
        speakers = store.claim_speaker_names(conn, [(r.doc_id, r.claim) for r in event_rows if r.claim])
    seen_events: set[tuple[str, str]] = set()
    for r in event_rows:
        if (r.doc_id, r.id) in seen_events:
            continue
        seen_events.add((r.doc_id, r.id))
        items.append(
            TimelineItem(
                date=r.date,
                kind="event",
                type=r.type,
                role=r.role,
                text=" ".join((r.sentence or "").split()),
                modality=r.modality,
                speaker=speakers.get((r.doc_id, r.claim)) if r.claim else None,
                doc_id=r.doc_id,
                source=r.source,
                title=r.title,
                others=tuple(others.get((r.doc_id, r.id), ())),
                location=locations.get((r.doc_id, r.id)),
                confidence=r.confidence,
                page=r.page,
            )
        )
    items.extend(_claim_item(r, "said", "speaker") for r in facts.said)
    items.extend(_claim_item(r, "mentioned", "mentioned") for r in facts.about)
    items.sort(key=lambda i: (i.date or "9999", i.doc_id, i.kind))
    return actor, items[:limit]


def timeline_hidden(
    engine: Engine,
    name: str,
    *,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = DEFAULT_THRESHOLD,
) -> int:
    """The events and claims :func:`timeline` leaves out for being under ``min_confidence``."""
    if min_confidence <= 0:
        return 0
    with connect(engine) as conn:
        actor = find_actor(conn, name)
        return store.timeline_hidden_facts(conn, actor.id, since=since, until=until, min_confidence=min_confidence)


def _event_others(arguments: Iterable[store.EventArgument], actor_id: int) -> dict[tuple[str, str], list[str]]:
    """The other arguments of events, by actor name where resolved, else as written."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in arguments:
        if r.actor_id != actor_id:
            label = f"{r.role}: {r.actor_name or r.text}"
            key = (r.doc_id, r.event_id)
            if label not in out[key]:
                out[key].append(label)
    return out


# -- analysis ------------------------------------------------------------------------------------


def actor_graph(engine: Engine, *, filters: Filters | None = None, min_weight: int = 1) -> nx.Graph:
    """The whole store as one weighted undirected actor graph (pairs and document counts only).

    For centrality and communities; no evidence is read.
    """
    f = filters or Filters()
    g: nx.Graph = nx.Graph()
    with connect(engine) as conn:
        for x, y, w in store.pair_weights(conn, f, min_weight):
            if g.has_edge(x, y):
                g[x][y]["weight"] += w
            else:
                g.add_edge(x, y, weight=w)
        names = load_actors(conn, list(g.nodes))
    for n in g.nodes:
        actor = names.get(n)
        g.nodes[n]["label"] = actor.name if actor else str(n)
        g.nodes[n]["kind"] = actor.kind if actor else ""
    return g


@dataclass(frozen=True)
class Stats:
    nodes: int
    edges: int
    central: list[dict[str, Any]]
    communities: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges, "central": self.central, "communities": self.communities}


def stats(g: nx.Graph, *, top: int = 15, seed: int = 0) -> Stats:
    """Degree and betweenness centrality, strength (documents over all ties), Louvain communities."""
    if g.number_of_nodes() == 0:
        return Stats(0, 0, [], [])
    simple = nx.Graph(g) if g.is_multigraph() or g.is_directed() else g
    degree = nx.degree_centrality(simple)
    k = min(200, simple.number_of_nodes())
    betweenness = nx.betweenness_centrality(simple, k=k, seed=seed, weight=None)
    strength = dict(simple.degree(weight="weight"))
    central = [
        {
            "id": n,
            "name": simple.nodes[n].get("label", str(n)),
            "degree": round(degree[n], 4),
            "betweenness": round(betweenness[n], 4),
            "strength": strength[n],
        }
        for n in sorted(simple.nodes, key=lambda n: -strength[n])[:top]
    ]
    communities = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    ranked = sorted(communities, key=lambda c: -len(c))
    groups = [
        {
            "size": len(c),
            "members": [simple.nodes[n].get("label", str(n)) for n in sorted(c, key=lambda n: -strength[n])[:10]],
        }
        for c in ranked[:top]
        if len(c) > 1
    ]
    return Stats(simple.number_of_nodes(), simple.number_of_edges(), central, groups)


def _claim_item(r: TimelineClaim, kind: str, role: str) -> TimelineItem:
    """A timeline row for a claim the actor made (said) or is named in (mentioned)."""
    return TimelineItem(
        date=r.published,
        kind=kind,
        type="claim",
        role=role,
        text=" ".join(r.text.split()),
        modality=r.modality,
        speaker=r.speaker_text,
        doc_id=r.doc_id,
        source=r.source,
        title=r.title,
        confidence=r.confidence,
        page=r.page,
    )
