"""Actors across documents, their network and stories: actor, actors, network, communities, path,
timeline, export, stories, story."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.text import Text

from newsgraph.cli.options import db_option, json_option, min_confidence_option, output_options, reviewer_option
from newsgraph.cli.output import Output, clipped, confidence_text, console, emit, emitted, hidden_note, note, print_json
from newsgraph.errors import BadRequest
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.ingest.document import with_titles
from newsgraph.records import page_name
from newsgraph.store import Store, connect
from newsgraph.store.actors import list_actors
from newsgraph.store.documents import document_id_for

TYPES_HELP = (
    "Only ties of these types: event types (CONSULT), relation types (member_of), says, or event/relation/claim."
)


def _open(db: str) -> Store:
    """Open the store and resolve what was stored before resolution existed (or was interrupted)."""
    from newsgraph.resolve import pending_documents, resolve_pending

    store = Store.open(db, create=False)
    if pending_documents(store.engine):
        report = resolve_pending(store.engine)
        note(f"resolved {report.documents} document(s) not resolved yet")
    return store


def _date(value: str | None, name: str) -> str | None:
    from newsgraph.ingest.document import normalise_date

    if value is None:
        return None
    if len(value) in (4, 7) and value[:4].isdigit():
        return value
    found = normalise_date(value)
    if not found:
        raise click.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name)
    return found


class _ActorGroup(click.Group):
    """``actor NAME`` shows an actor; ``actor merge|split|resolve|rebuild ...`` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ActorGroup)
def actor() -> None:
    """One actor across documents: its names, and why (`actor NAME --why`); corrections.

    \b
    Example:
      newsgraph actor "Lashkar-e-Taiba" --why
      newsgraph actor merge "PM Sharif" "Shehbaz Sharif"
      newsgraph actor split "Mohammad" --entity 5f2c9a01:e4
    """


@actor.command("show")
@click.argument("name")
@db_option
@json_option
@click.option("--why", is_flag=True, help="List every linked entity with its score and the reason.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Linked entities to list.")
def show_actor(name: str, db: str, as_json: bool, why: bool, limit: int) -> None:
    """Show the actor NAME (a name, an alias or #ID): kind, country, aliases, documents.

    \b
    Example:
      newsgraph actor LeT --why
    """
    from newsgraph.network import find_actors
    from newsgraph.resolve.explain import actor_details

    with _open(db) as store:
        with connect(store.engine) as conn:
            found = find_actors(conn, name)
        if not found:
            raise BadRequest(f"no actor answers to {name!r}: `newsgraph actors` lists the most named ones")
        details = actor_details(store.engine, found[0].id, limit=limit)
    if as_json:
        data = details.to_dict()
        data["others"] = [{"id": a.id, "name": a.name, "documents": a.documents} for a in found[1:]]
        print_json(data)
        return
    a = details.actor
    console.print(
        Text.assemble((a["name"], "bold"), f" #{a['id']} ", (a["kind"] or "", "dim"), f" {a['country'] or ''}")
    )
    console.print(
        f"  {a['documents']} document(s), {a['mentions']} mention(s), seen {a['first_seen'] or '?'} .. "
        f"{a['last_seen'] or '?'}"
    )
    aliases = ", ".join(f"{k} ({v})" for k, v in list(a["aliases"].items())[:15])
    console.print(f"  names: {aliases}")
    if a["roles"]:
        console.print("  roles: " + ", ".join(a["roles"]))
    console.print("  linked by: " + ", ".join(f"{m} {n}" for m, n in sorted(details.methods.items())))
    if len(found) > 1:
        others = ", ".join(f"{x.name} #{x.id}" for x in found[1:])
        console.print(Text(f"  also answering to the name: {others}", style="dim"))
    if why:
        console.print(Text.assemble("\n", ("Why", "bold"), " (document:entity, name, method, score: reason)"))
        for link in details.links:
            console.print(
                Text.assemble(
                    f"  {link['document'][:12]}:{link['entity_id']} {link['name']!r} ",
                    (link["method"], "cyan"),
                    f" {link['score']:.2f}: {link['reason']}",
                )
            )
        for d in details.decisions:
            what = (
                f"merge {d['left_name']!r} + {d['right_name']!r}"
                if d["action"] == "merge"
                else f"split {d['document']}:{d['entity_id']}"
            )
            console.print(Text.assemble("  ", (f"decision #{d['seq']}", "yellow"), f" {what} ({d['decided_at']})"))


@actor.command("merge")
@click.argument("first")
@click.argument("second")
@click.option("--note", help="Why (kept with the decision).")
@reviewer_option
@db_option
def merge_actor(first: str, second: str, note: str | None, by: str, db: str) -> None:
    """Record that FIRST and SECOND (names or #IDs) are one actor, and merge them now.

    The decision is kept in the store with who (--by) and why (--note), and applied again
    whenever documents are resolved. A name that fits several actors is refused: the
    error lists them; give one as #ID.

    \b
    Example:
      newsgraph actor merge "PM Sharif" "Shehbaz Sharif" --note "same person, 2026 wire"
    """
    from newsgraph.review import merge_actors

    with _open(db) as store:
        done = merge_actors(store.engine, first, second, by=by, note=note)
    a, b = done.actor, done.other
    if done.decision is None:
        console.print(f"{a.name} #{a.id} is already one actor")
    elif not done.merged:
        console.print(
            f"recorded the merge of {a.name} #{a.id} and {b.name} #{b.id}, but these names also name other "
            "actors and nothing was merged by them: merge the actors by #ID"
        )
    else:
        console.print(f"merged {b.name} #{b.id} into {a.name} #{a.id}")


@actor.command("split")
@click.argument("name")
@click.option("--entity", "entity", required=True, metavar="DOC:ENTITY", help="The entity to take out (see --why).")
@click.option("--note", help="Why (kept with the decision).")
@reviewer_option
@db_option
def split_actor(name: str, entity: str, note: str | None, by: str, db: str) -> None:
    """Take the entity DOC:ENTITY out of the actor NAME; it becomes an actor of its own.

    The decision is kept in the store with who (--by) and why (--note): re-ingest and
    rebuild keep the entity apart.

    \b
    Example:
      newsgraph actor split "Mohammad" --entity 5f2c9a01:e4
    """
    from newsgraph.resolve.explain import parse_entity_ref
    from newsgraph.review import split_entity

    doc, entity_id = parse_entity_ref(entity)
    with _open(db) as store:
        done = split_entity(store.engine, name, doc, entity_id, by=by, note=note)
    assert done.decision is not None
    d = done.decision
    former = f"{done.former.name} #{done.former.id}" if done.former else "its actor (now gone)"
    console.print(f"{d.doc_id}:{d.entity_id} split from {former} into actor #{done.actor.id}")


@actor.command("resolve")
@db_option
def resolve_actor(db: str) -> None:
    """Resolve the documents not resolved yet (after an interrupted ingest or an upgrade).

    \b
    Example:
      newsgraph actor resolve --db newsgraph.db
    """
    from newsgraph.resolve import resolve_pending

    with Store.open(db, create=False) as store:
        report = resolve_pending(store.engine)
    console.print(f"resolved {report.documents} document(s): {report.new_actors} new actor(s), {report.linked} link(s)")


@actor.command("rebuild")
@db_option
def rebuild_actor(db: str) -> None:
    """Resolve every document again from scratch, applying the recorded merges and splits.

    \b
    Example:
      newsgraph actor rebuild --db newsgraph.db
    """
    from newsgraph.resolve import rebuild

    with Store.open(db, create=False) as store:
        report = rebuild(store.engine)
    console.print(
        f"resolved {report.documents} document(s): {report.entities} entities -> "
        f"{report.new_actors - report.merged} actor(s) in {report.seconds:.1f} s"
    )


@click.command()
@db_option
@output_options
@click.option("--kind", help="Only actors of this kind (person, organization, group, state, place, ...).")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10_000))
def actors(db: str, out: Output, kind: str | None, limit: int) -> None:
    """List the actors named in the most documents.

    \b
    Example:
      newsgraph actors --kind person --limit 20
      newsgraph actors --limit 1000 --csv > actors.csv
    """
    with _open(db) as store:
        found = list_actors(store.engine, kind=kind, limit=limit)
    rows = [a.to_dict() for a in found]
    cols = [("id", "id"), ("name", "name"), ("kind", "kind"), ("country", "country"), ("documents", "documents")]
    if out is Output.CSV:
        cols += [("mentions", "mentions"), ("first_seen", "first seen"), ("last_seen", "last seen")]
    shown_rows = [{**row, "aliases": ", ".join(row["aliases"])} for row in rows]
    emit(out, shown_rows, [*cols, ("aliases", "also")], data=rows)


def _filters(since: str | None, until: str | None, types: tuple[str, ...], min_confidence: float) -> Any:
    from newsgraph.network import Filters

    return Filters(
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        types=tuple(types),
        min_confidence=min_confidence,
    )


EDGE_COLUMNS = [
    ("source_name", "actor"),
    ("target_name", "other"),
    ("directed", "directed"),
    ("kind", "kind"),
    ("type", "type"),
    ("label", "label"),
    ("weight", "documents"),
    ("first", "first"),
    ("last", "last"),
    ("modality", "modality"),
    ("confidence", "confidence"),
    ("per", "per"),
    ("outlet", "via"),
    ("document", "document"),
    ("sentence_text", "evidence"),
    ("page", "page"),
    ("source", "actor id"),
    ("target", "other id"),
]


def _edge_rows(net: Any, limit: int) -> list[dict[str, Any]]:
    """Each tie as one flat row: its actors, type, weight, dates and its first evidence."""
    rows = []
    for e in net.edges[:limit]:
        ev = e.evidence[0] if e.evidence else None
        rows.append(
            {
                "source": e.source,
                "source_name": net.actors[e.source].name,
                "target": e.target,
                "target_name": net.actors[e.target].name,
                "directed": e.directed,
                "kind": e.kind,
                "type": e.type,
                "label": e.label,
                "weight": e.weight,
                "first": e.first,
                "last": e.last,
                "modality": e.modality,
                "confidence": confidence_text(e.confidence),
                "per": ev.speaker if ev else None,
                "outlet": ev.source if ev else None,
                "document": ev.doc_id if ev else None,
                "sentence_text": ev.sentence if ev else None,
                "page": ev.page if ev else None,
            }
        )
    return rows


def _print_edges(net: Any, limit: int) -> None:
    for e in net.edges[:limit]:
        a, b = net.actors[e.source].name, net.actors[e.target].name
        arrow = "->" if e.directed else "--"
        when = e.first or "?"
        if e.last and e.last != e.first:
            when += f"..{e.last}"
        console.print(
            Text.assemble(
                (a, "bold"),
                f" {arrow} ",
                (b, "bold"),
                "  ",
                (f"{e.kind}:{e.type}", "cyan"),
                f" {e.label!r} x{e.weight} {when} ",
                (f"{e.modality} confidence {confidence_text(e.confidence)}", "dim"),
            )
        )
        ev = e.evidence[0] if e.evidence else None
        if ev:
            who = f"per {ev.speaker}, " if ev.speaker else ""
            console.print(
                Text.assemble(
                    "    ",
                    (f"{who}{ev.source or ev.doc_id}, {ev.published or '?'}:", "dim"),
                    f" {clipped(ev.sentence, 220)}",
                    (f" ({page_name(ev.page)})" if ev.page else "", "dim"),
                )
            )
    if not net.edges:
        console.print(Text("(no ties)", style="dim"))


@click.command()
@db_option
@output_options
@click.option("--actor", "actor_name", metavar="NAME", help="The actor at the centre (name, alias or #ID).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 4), help="Ties away from --actor.")
@click.option("--since", metavar="DATE", help="Only evidence dated on or after DATE.")
@click.option("--until", metavar="DATE", help="Only evidence dated on or before DATE.")
@click.option("--type", "types", multiple=True, help=TYPES_HELP)
@click.option("--new-since", metavar="DATE", help="Only ties first stated on or after DATE (new ties).")
@click.option("--stats", is_flag=True, help="Centrality and communities instead of the ties.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="Ties to show.")
@min_confidence_option
def network(
    db: str,
    out: Output,
    actor_name: str | None,
    depth: int,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    new_since: str | None,
    stats: bool,
    limit: int,
    min_confidence: float,
) -> None:
    """The actor network: ties from events, relations and claims, each with its evidence and
    confidence (the highest of its facts').

    Without --actor, the strongest ties of the whole store. Ties come only from facts at or
    above --min-confidence; a line on stderr says how many facts that leaves out.

    \b
    Example:
      newsgraph network --actor Hamas --depth 2 --since 2025-01
      newsgraph network --new-since 2026-01-01
      newsgraph network --stats
      newsgraph network --actor Hamas --min-confidence 0   # ties from every fact, however unsure
      newsgraph network --actor Hamas --csv > hamas-ties.csv
    """
    from newsgraph import network as nw

    f = _filters(since, until, types, min_confidence)
    with _open(db) as store:
        if stats:
            if actor_name:
                around = nw.neighbourhood(store.engine, actor_name, depth=depth, filters=f)
                hidden = around.hidden
                g = around.graph()
                for n in g.nodes:
                    g.nodes[n]["label"] = g.nodes[n].get("label", str(n))
                result = nw.stats(g)
            else:
                result = nw.stats(nw.actor_graph(store.engine, filters=f))
                hidden = nw.hidden_ties(store.engine, f)
            documents = _documents_of(store, result)
            hidden_note(hidden, min_confidence)
            _print_stats(result, documents, out, _hidden(min_confidence, hidden))
            return
        if new_since:
            net = nw.new_ties(
                store.engine,
                _date(new_since, "--new-since") or new_since,
                actor=actor_name,
                limit=limit,
                min_confidence=min_confidence,
            )
        elif actor_name:
            net = nw.neighbourhood(store.engine, actor_name, depth=depth, filters=f)
        else:
            net = nw.overview(store.engine, filters=f, limit=limit)
    hidden_note(net.hidden, min_confidence)
    data = {**net.to_dict(limit), "confidence_threshold": DEFAULT_THRESHOLD}  # the API's shape: /api/network
    if emitted(out, _edge_rows(net, limit), EDGE_COLUMNS, data=data):
        return
    if net.center:
        c = net.actors[net.center[0]]
        console.print(
            Text.assemble((c.name, "bold"), f" #{c.id}: {len(net.actors) - 1} actor(s) within {depth} tie(s)")
        )
    _print_edges(net, limit)


def _hidden(min_confidence: float, hidden: int) -> dict[str, Any]:
    """What a list of facts says of its threshold, as the API says it."""
    return {"min_confidence": min_confidence, "hidden_below_confidence": hidden}


CENTRAL_COLUMNS = [
    ("name", "actor"),
    ("documents", "documents"),
    ("strength", "tie strength"),
    ("degree", "degree"),
    ("betweenness", "betweenness"),
]
"""The most central actors: ``documents`` naming the actor, ``strength`` the documents of all
its ties added up (a document naming it with three others counts three times)."""

STATS_CSV_COLUMNS = [("community", "community"), ("community_size", "size"), ("central_rank", "central rank")]


def _documents_of(store: Store, result: Any) -> dict[int, int]:
    """The documents naming each of the most central actors of ``result`` (one read)."""
    from newsgraph.network import load_actors

    with connect(store.engine) as conn:
        found = load_actors(conn, [c["id"] for c in result.central if isinstance(c["id"], int)])
    return {i: a.documents for i, a in found.items()}


def _stats_rows(result: Any, documents: dict[int, int]) -> list[dict[str, Any]]:
    """One row per actor the statistics name: each community's members listed (with their
    community's number and size) and each central actor (with its rank and measures)."""
    central: dict[str, tuple[int | None, dict[str, Any]]] = {
        c["name"]: (rank, c) for rank, c in enumerate(result.central, start=1)
    }
    rows: list[dict[str, Any]] = []
    listed: set[str] = set()
    for number, c in enumerate(result.communities, start=1):
        for name in c["members"]:
            rank, measures = central.get(name, (None, {}))
            rows.append({"community": number, "community_size": c["size"], "central_rank": rank, **measures})
            rows[-1]["name"] = name
            listed.add(name)
    for name, (rank, measures) in central.items():
        if name not in listed:
            rows.append({"community": None, "community_size": None, "central_rank": rank, **measures})
    for row in rows:
        row["documents"] = documents.get(row["id"]) if "id" in row else None
    return rows


def _print_stats(result: Any, documents: dict[int, int], out: Output, shape: dict[str, Any]) -> None:
    """The statistics; ``shape``: what the API adds to them (the threshold and what it hides)."""
    central = [{**c, "documents": documents.get(c["id"])} for c in result.central]
    data = {**result.to_dict(), **shape}  # the API's shape (GET /api/network/communities)
    if emitted(out, _stats_rows(result, documents), [*STATS_CSV_COLUMNS, *CENTRAL_COLUMNS], data=data):
        return
    console.print(f"{result.nodes} actor(s), {result.edges} tie(s)")
    emit(out, central, CENTRAL_COLUMNS, title="Most central")
    console.print(
        Text(
            "documents: naming the actor; tie strength: the documents of its ties added up; "
            "degree, betweenness: centrality (0-1)",
            style="dim",
        )
    )
    console.print(Text.assemble("\n", ("Communities", "bold")))
    for i, c in enumerate(result.communities, start=1):
        console.print(f"  {i}. ({c['size']}) " + ", ".join(c["members"]))


@click.command()
@db_option
@output_options
@click.option("--since", metavar="DATE", help="Only ties dated on or after DATE.")
@click.option("--type", "types", multiple=True, help=TYPES_HELP)
@click.option(
    "--min-weight",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Ties stated in fewer documents are left out.",
)
@min_confidence_option
def communities(
    db: str, out: Output, since: str | None, types: tuple[str, ...], min_weight: int, min_confidence: float
) -> None:
    """Communities (Louvain) and the most central actors of the whole network, built from the
    facts at or above --min-confidence (a line on stderr says how many it leaves out).

    Each central actor is listed with the documents naming it, its tie strength (the documents
    of all its ties added up), and its degree and betweenness centrality. --csv prints one row
    per actor named: its community (number, size) and, for a central one, its rank and measures.

    \b
    Example:
      newsgraph communities --since 2025-01 --min-weight 2
      newsgraph communities --min-confidence 0   # ties from every fact, however unsure
      newsgraph communities --csv > communities.csv
    """
    from newsgraph import network as nw

    f = _filters(since, None, types, min_confidence)
    with _open(db) as store:
        g = nw.actor_graph(store.engine, filters=f, min_weight=min_weight)
        hidden = nw.hidden_ties(store.engine, f)
        result = nw.stats(g)
        documents = _documents_of(store, result)
    hidden_note(hidden, min_confidence)
    _print_stats(result, documents, out, _hidden(min_confidence, hidden))


PATH_COLUMNS = [
    ("path", "chain"),
    ("step", "step"),
    ("from", "from"),
    ("tie", "tie"),
    ("to", "to"),
    ("weight", "documents"),
    ("document", "document"),
    ("start", "start"),
    ("end", "end"),
    ("sentence_text", "evidence"),
    ("page", "page"),
]


@click.command()
@click.argument("first")
@click.argument("second")
@db_option
@output_options
@click.option("--max-depth", default=4, show_default=True, type=click.IntRange(1, 6), help="Longest chain searched.")
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 20), help="Chains to show.")
@click.option("--since", metavar="DATE", help="Only ties dated on or after DATE.")
@click.option("--type", "types", multiple=True, help=TYPES_HELP)
@min_confidence_option
def path(
    first: str,
    second: str,
    db: str,
    out: Output,
    max_depth: int,
    limit: int,
    since: str | None,
    types: tuple[str, ...],
    min_confidence: float,
) -> None:
    """The shortest evidenced chains between two actors, each step with its sentence and source.

    Chains use only facts at or above --min-confidence; a line on stderr says how many facts
    touching the two actors (and the chains found) that leaves out.

    \b
    Example:
      newsgraph path Hamas LeT
      newsgraph path Hamas LeT --min-confidence 0   # chains through unsure facts too
      newsgraph path Hamas LeT --csv > chains.csv   # one row per step
    """
    from newsgraph import network as nw

    f = _filters(since, None, types, min_confidence)
    with _open(db) as store:
        a, b, found = nw.paths(store.engine, first, second, max_depth=max_depth, limit=limit, filters=f)
        around = {a.id, b.id} | {x.id for p in found for s in p.steps for x in (s.source, s.target)}
        hidden = nw.hidden_ties(store.engine, f, around)
    hidden_note(hidden, min_confidence)
    paths = [p.to_dict() for p in found]  # the API's shape (GET /api/network/path)
    data = {"from": a.to_dict(), "to": b.to_dict(), "paths": paths, **_hidden(min_confidence, hidden)}
    steps = [
        {
            "path": number,
            "step": at,
            "from": s.source.name,
            "tie": s.label(),
            "to": s.target.name,
            "weight": s.edge.weight,
            "document": s.evidence.doc_id,
            "start": s.evidence.start,
            "end": s.evidence.end,
            "sentence_text": s.evidence.sentence,
            "page": s.evidence.page,
        }
        for number, p in enumerate(found, start=1)
        for at, s in enumerate(p.steps, start=1)
    ]
    if emitted(out, steps, PATH_COLUMNS, data=data):
        return
    if not found:
        console.print(f"no chain of at most {max_depth} ties between {a.name} and {b.name}")
        return
    for i, p in enumerate(found, start=1):
        console.print(Text.assemble((f"{i}.", "bold"), f" {p.render()}"))
        for s in p.steps:
            ev = s.evidence
            console.print(
                Text.assemble(
                    "     ",
                    (f"{s.source.name} / {s.target.name}: {ev.doc_id[:12]} [{ev.start}:{ev.end}]", "dim"),
                    f" {clipped(ev.sentence, 200)}",
                    (f" ({page_name(ev.page)})" if ev.page else "", "dim"),
                )
            )


TIMELINE_COLUMNS = [
    ("date", "date"),
    ("kind", "kind"),
    ("type", "type"),
    ("role", "role"),
    ("others", "with"),
    ("location", "at"),
    ("speaker_name", "per"),
    ("modality", "modality"),
    ("confidence", "confidence"),
    ("outlet", "via"),
    ("document", "document"),
    ("text", "text"),
    ("page", "page"),
]


@click.command()
@click.argument("name")
@db_option
@output_options
@click.option("--since", metavar="DATE")
@click.option("--until", metavar="DATE")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 10_000), help="Items to show.")
@min_confidence_option
def timeline(
    name: str, db: str, out: Output, since: str | None, until: str | None, limit: int, min_confidence: float
) -> None:
    """Dated events and claims involving the actor NAME, oldest first, each with its confidence.

    Events and claims under --min-confidence are left out, and a line on stderr says how many.

    \b
    Example:
      newsgraph timeline "Shehbaz Sharif" --since 2025
      newsgraph timeline "Shehbaz Sharif" --min-confidence 0   # every fact, however unsure
      newsgraph timeline "Shehbaz Sharif" --csv > sharif.csv
    """
    from newsgraph import network as nw

    dates = {"since": _date(since, "--since"), "until": _date(until, "--until")}
    with _open(db) as store:
        a, every = nw.timeline(store.engine, name, **dates, limit=nw.TIMELINE_READ, min_confidence=min_confidence)
        hidden = nw.timeline_hidden(store.engine, f"#{a.id}", **dates, min_confidence=min_confidence)
        items = every[:limit]
        # the API's shape (GET /api/actors/ID/timeline), untitled documents named the same way
        rows = with_titles(store.engine, [i.to_dict() for i in items], "document")
    hidden_note(hidden, min_confidence)
    data = {
        "actor": a.to_dict(),
        "items": rows,
        "limit": limit,
        "offset": 0,
        "total": len(every),
        **_hidden(min_confidence, hidden),
        "confidence_threshold": DEFAULT_THRESHOLD,
    }
    if emitted(out, rows, TIMELINE_COLUMNS, data=data):
        return
    console.print(Text.assemble((a.name, "bold"), f" #{a.id}: {len(items)} item(s)"))
    for i in items:
        head = f"{i.kind} {i.type}" if i.kind == "event" else i.kind
        extra = []
        if i.others:
            extra.append("; ".join(i.others))
        if i.location:
            extra.append(f"at {i.location}")
        if i.speaker:
            extra.append(f"per {i.speaker}")
        console.print(
            Text.assemble(
                f"{i.date or '????'}  ",
                (head, "cyan"),
                f" ({i.role}, {i.modality}, confidence {confidence_text(i.confidence)}) {' | '.join(extra)}",
            )
        )
        console.print(
            Text.assemble(
                "    ",
                (f"{i.source or i.doc_id[:12]}:", "dim"),
                f" {clipped(i.text, 220)}",
                (f" ({page_name(i.page)})" if i.page else "", "dim"),
            )
        )


@click.command()
@db_option
@click.option("--format", "fmt", required=True, type=click.Choice(["gexf", "graphml", "ftm", "gdelt", "csv"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option("--actor", "actor_name", metavar="NAME", help="Only the network around this actor.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 4))
@click.option("--since", metavar="DATE", help="Only evidence dated on or after DATE.")
@click.option("--type", "types", multiple=True, help=TYPES_HELP)
@min_confidence_option
def export(
    db: str,
    fmt: str,
    output: Path,
    actor_name: str | None,
    depth: int,
    since: str | None,
    types: tuple[str, ...],
    min_confidence: float,
) -> None:
    """Export the network: GEXF or GraphML (Gephi, networkx), FollowTheMoney JSON lines, a
    GDELT 2.0-style event table (with a .mentions.tsv beside it), or CSV (-nodes.csv, -edges.csv).

    Ties come only from facts at or above --min-confidence; a line on stderr says how many
    facts that leaves out.

    \b
    Example:
      newsgraph export --format gexf -o network.gexf --actor Hamas --depth 2
      newsgraph export --format gdelt -o events.tsv
      newsgraph export --format csv -o all.csv --min-confidence 0   # ties from every fact
    """
    from newsgraph import network as nw
    from newsgraph.export import export as run_export

    f = _filters(since, None, types, min_confidence)
    with _open(db) as store:
        written = run_export(store.engine, fmt, output, actor=actor_name, depth=depth, filters=f)
        if actor_name:
            hidden = nw.neighbourhood(store.engine, actor_name, depth=depth, filters=f).hidden
        else:
            hidden = nw.hidden_ties(store.engine, f)
    hidden_note(hidden, min_confidence)
    console.print(
        f"{written.actors} actor(s), {written.edges} tie(s), {written.records} record(s) -> "
        + ", ".join(str(p) for p in written.paths)
    )


@click.command()
@db_option
@output_options
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--min-articles", default=2, show_default=True, type=click.IntRange(1), help="Smallest story listed.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Group every stored document again (IDF fitted on all, date order), then go on incrementally.",
)
def stories(db: str, out: Output, limit: int, min_articles: int, rebuild: bool) -> None:
    """Stories: stored articles grouped by the real-world event they report, largest first.

    \b
    Example:
      newsgraph stories --min-articles 3
      newsgraph stories --csv > stories.csv
    """
    from newsgraph.stories import group_pending, list_stories, regroup

    with Store.open(db, create=False) as store:
        if rebuild:
            report = regroup(store.engine)
            note(f"{report.documents} document(s) in {report.new_stories} stories")
        else:
            group_pending(store.engine)
        rows = list_stories(store.engine, limit=limit, min_articles=min_articles)
    emit(
        out,
        rows,
        [("id", "story"), ("articles", "articles"), ("first_date", "first"), ("last_date", "last"), ("title", "title")],
    )


STORY_COLUMNS = [
    ("story", "story"),
    ("part", "part"),
    ("document", "document"),
    ("published", "published"),
    ("source", "source"),
    ("title", "title"),
    ("type", "type"),
    ("from", "from"),
    ("to", "to"),
    ("date", "date"),
    ("articles", "articles"),
    ("sources", "sources"),
]
"""``story --csv``: a row per article (part ``article``), then a row per event counted across them
(part ``event``: its type, the actors from and to, the articles and the sources reporting it)."""


ARTICLE_FIELDS = ("published", "source", "title")


def _story_rows(head: dict[str, Any], members: list[dict[str, Any]], events: list[Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"story": head["id"], "part": "article", "document": m["id"], **{k: m[k] for k in ARTICLE_FIELDS}}
        for m in members
    ]
    rows += [
        {
            "story": head["id"],
            "part": "event",
            "type": e.type,
            "from": e.source,
            "to": e.target,
            "date": e.date,
            "articles": e.articles,
            "sources": "; ".join(e.sources),
        }
        for e in events
    ]
    return rows


@click.command()
@click.argument("key")
@db_option
@output_options
def story(key: str, db: str, out: Output) -> None:
    """One story (its number, or the id of one of its documents): its articles, and its events
    counted across them, each with every source that reports it.

    \b
    Example:
      newsgraph story 12
      newsgraph story 12 --csv > story-12.csv   # a row per article, then a row per event
    """
    from newsgraph.stories import group_pending, story_details, story_of

    with Store.open(db, create=False) as store:
        group_pending(store.engine)
        if key.isdigit():
            story_id: int | None = int(key)
        else:
            story_id = story_of(store.engine, document_id_for(store.engine, key))
            if story_id is None:
                raise BadRequest(f"document {key!r} is in no story yet")
        assert story_id is not None
        head, members, events = story_details(store.engine, story_id)
    data = {"story": head, "articles": members, "events": [e.to_dict() for e in events]}
    if emitted(out, _story_rows(head, members, events), STORY_COLUMNS, data=data):
        return
    title = head["title"] or ""
    console.print(Text.assemble((f"story {head['id']}", "bold"), f" {title} ({head['articles']} articles)"))
    for m in members:
        console.print(f"  {m['published'] or '?'} {m['source'] or '?'}: {m['title'] or m['id']}")
    if events:
        console.print(Text.assemble("\n", ("Events", "bold"), " (articles: sources)"))
        for e in events:
            console.print(
                f"  {e.type} {e.source or '?'} -> {e.target or '?'} {e.date or ''} "
                f"x{e.articles}: {', '.join(e.sources)}"
            )


commands = [actor, actors, network, communities, path, timeline, export, stories, story]
