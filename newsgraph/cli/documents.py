"""Commands that read the store: summary, documents, show, search, claims, events, relations."""

from __future__ import annotations

from typing import Any

import click
from rich.text import Text

from newsgraph.cli.options import db_option, json_option, min_confidence_option, output_options, paging_options
from newsgraph.cli.output import (
    Output,
    clipped,
    confidence_text,
    console,
    emit,
    emitted,
    hidden_note,
    highlighted,
    print_json,
)
from newsgraph.records import PAGE_BREAK, Extraction, page_label, page_name, page_of
from newsgraph.store import Engine, Store, shown
from newsgraph.store import documents as doc_store
from newsgraph.store import extractions as records


def _open(db: str) -> Store:
    return Store.open(db, create=False)


@click.command()
@db_option
@json_option
def summary(db: str, as_json: bool) -> None:
    """What the store holds: documents, words, sources, date range, extracted records.

    \b
    Example:
      newsgraph summary --db newsgraph.db
    """
    with _open(db) as store:
        s = doc_store.summary(store.engine)
    if as_json:
        print_json(s.to_dict())
        return
    console.print(Text(shown(db), style="bold"))
    console.print(f"  documents   {s.documents:,} ({s.versions:,} stored versions)")
    console.print(f"  words       {s.words:,}")
    console.print(f"  date range  {s.first or '?'} .. {s.last or '?'}")
    top = ", ".join(f"{k} ({v})" for k, v in list(s.sources.items())[:8])
    console.print(f"  sources     {len(s.sources)}: {top}")
    console.print(
        f"  extracted   {s.entities:,} entities, {s.claims:,} claims, {s.events:,} events, {s.relations:,} relations"
    )


@click.command()
@db_option
@output_options
@paging_options
@click.option("--source", help="Only documents from this source (outlet or agency).")
@click.option("--all-versions", is_flag=True, help="Include replaced versions of changed documents.")
def documents(db: str, out: Output, limit: int, offset: int, source: str | None, all_versions: bool) -> None:
    """List stored documents, newest first.

    \b
    Example:
      newsgraph documents --source IANS --limit 10
      newsgraph documents --csv > documents.csv
    """
    with _open(db) as store:
        rows = doc_store.list_documents(
            store.engine, limit=limit, offset=offset, source=source, all_versions=all_versions
        )
    cols = [("id", "id"), ("published", "published"), ("source", "source"), ("title", "title"), ("words", "words")]
    if all_versions or out is Output.CSV:
        cols.append(("version", "version"))
    emit(out, rows, cols)


@click.command()
@click.argument("doc_id")
@db_option
@json_option
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one document: its metadata, text, entities and claims (an id prefix is enough), each
    record with its confidence (the estimated probability that it is right; - when stored before
    newsgraph scored it).

    With --json, print its extraction in the contract's shape.

    \b
    Example:
      newsgraph show 3f2a9c --db newsgraph.db
    """
    with _open(db) as store:
        found = doc_store.document_id_for(store.engine, doc_id)
        row = doc_store.document_row(store.engine, found)
        x = records.load_extraction(store.engine, found, row)
    if as_json:
        print_json(x.to_dict())
        return
    _print_document(x, row)


def _print_document(x: Extraction, row: dict[str, Any]) -> None:
    d = x.document
    console.print(Text(d.title or d.id, style="bold"))
    meta = [f"id {d.id}", f"published {d.published or '?'}", f"source {d.source or '?'}"]
    if d.dateline:
        meta.append(f"dateline {d.dateline.place or ''} ({d.dateline.agency or ''})")
    if row.get("version", 1) > 1:
        meta.append(f"version {row['version']} (replaces {row['previous_id']})")
    if PAGE_BREAK in d.text:
        meta.append(f"{page_of(d.text, len(d.text))} pages")
    console.print("  " + " · ".join(meta))
    if row.get("slug"):
        console.print(f"  slug {row['slug']!r}")
    console.print()
    console.print(Text(d.text))
    if x.entities:
        console.print(Text.assemble("\n", ("Entities", "bold")))
        for e in x.entities:
            extra = []
            if e.aliases:
                extra.append("aka " + ", ".join(e.aliases))
            if e.place:
                extra.append(f"{e.place.country or ''} {e.place.lat:.2f},{e.place.lon:.2f}")
            extra += [f"{k}={v}" for k, v in e.attributes.items()]
            console.print(
                Text.assemble(
                    f"  {e.id:<4} {confidence_text(e.confidence):>4}  {e.name} ",
                    (e.kind, "dim"),
                    f" {'; '.join(extra)}",
                )
            )
    names = {e.id: e.name for e in x.entities}
    if x.claims:
        console.print(Text.assemble("\n", ("Claims", "bold"), " (confidence, speaker -> content)"))
        for c in x.claims:
            page = page_label(d.text, c.start)
            line = Text(f"  {confidence_text(c.confidence):>4}  ") + claim_line(c, x.document.text, names)
            console.print(line + Text(f" ({page})", style="dim") if page else line)


def claim_line(c: Any, doc_text: str, names: dict[str, str], width: int = 160) -> Text:
    """``speaker [cue] -> content`` with the cue highlighted, shortened to ``width``."""
    speaker = "?"
    if c.speaker:
        speaker = c.speaker.text
        if c.speaker.entity and names.get(c.speaker.entity) and names[c.speaker.entity] != c.speaker.text:
            speaker += f" ({names[c.speaker.entity]})"
    line = Text(speaker, style="bold cyan")
    if c.cue:
        line.append(" [")
        line.append(c.cue.text, style="bold yellow")
        line.append("]")
    line.append(f" -> ({c.kind}, {c.modality}) ")
    line.append(clipped(c.text, width))
    return line


@click.command()
@click.argument("query")
@db_option
@output_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def search(query: str, db: str, out: Output, limit: int) -> None:
    """Full-text search over document titles and texts (SQLite FTS5 query syntax); each hit's
    words are shown in brackets in its snippet.

    \b
    Example:
      newsgraph search '"Board of Peace" OR Hamas'
      newsgraph search drones --csv > hits.csv
    """
    with _open(db) as store:
        rows = doc_store.search(store.engine, query, limit=limit)
    shown_rows = [{**r, "snippet": highlighted(r.get("snippet"))} for r in rows]
    cols = [("id", "id"), ("published", "published"), ("title", "title"), ("snippet", "match")]
    if out is Output.CSV:
        cols[2:2] = [("source", "source")]
    emit(out, shown_rows, cols, data=rows)


CLAIM_COLUMNS = [
    ("document", "document"),
    ("published", "published"),
    ("confidence", "confidence"),
    ("speaker", "speaker"),
    ("speaker_name", "speaker's name"),
    ("cue", "cue"),
    ("kind", "kind"),
    ("modality", "modality"),
    ("text", "claim"),
    ("outlet", "outlet"),
    ("page", "page"),
    ("id", "id"),
]


def _claim_row(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "speaker": (r["speaker"] or {}).get("text"), "cue": (r["cue"] or {}).get("text")}


@click.command()
@db_option
@output_options
@paging_options
@click.option(
    "--speaker",
    metavar="NAME",
    help="Claims whose speaker is NAME: its words, whole, in the speaker as written, its entity's "
    "names or its actor's name ('Assad' finds Bashar al-Assad, not an ambassador).",
)
@click.option("--about", help="Claims whose content contains NAME.")
@min_confidence_option
def claims(
    db: str, out: Output, limit: int, offset: int, speaker: str | None, about: str | None, min_confidence: float
) -> None:
    """Search claims (who says what) across documents, each with its confidence.

    Claims under --min-confidence are left out, and a line on stderr says how many.

    \b
    Example:
      newsgraph claims --speaker MEMRI --about Hamas
      newsgraph claims --speaker MEMRI --min-confidence 0     # every claim, however unsure
      newsgraph claims --about Hamas --csv > claims.csv
    """
    with _open(db) as store:
        rows = records.claims(
            store.engine, speaker=speaker, about=about, min_confidence=min_confidence, limit=limit, offset=offset
        )
        hidden = records.hidden_claims(store.engine, min_confidence=min_confidence, speaker=speaker, about=about)
    hidden_note(hidden, min_confidence)
    if emitted(out, [_claim_row(r) for r in rows], CLAIM_COLUMNS, data=rows):
        return
    for r in rows:
        who = (r["speaker"] or {}).get("text") or "?"
        if r["speaker_name"] and r["speaker_name"] != who:
            who += f" ({r['speaker_name']})"
        cue = (r["cue"] or {}).get("text")
        line = Text(f"{r['document']} {r['published'] or ''}  ", style="dim")
        line.append(f"{confidence_text(r['confidence']):>4}  ")
        line.append(who, style="bold cyan")
        if cue:
            line.append(" [")
            line.append(cue, style="bold yellow")
            line.append("]")
        line.append(f" -> ({r['kind']}, {r['modality']}) {r['text']}")
        line.append(_on_page(r["page"]), style="dim")
        console.print(line)
    if not rows:
        console.print(Text("(no claims)", style="dim"))


def _claim_speakers(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The claims' speakers of each document among ``rows`` that states a fact through a claim:
    one read per document, however many of its facts are listed."""
    return {
        doc: records.claim_speakers(engine, doc) for doc in dict.fromkeys(r["document"] for r in rows if r["claim"])
    }


def _on_page(page: int | None) -> str:
    """`` (p. N)`` after evidence on a page of a paged document; nothing for any other."""
    return f" ({page_name(page)})" if page else ""


def _args(values: list[dict[str, Any]] | None) -> str:
    return ", ".join(a["text"] for a in values or [])


EVENT_COLUMNS = [
    ("document", "document"),
    ("date", "date"),
    ("type", "type"),
    ("mode", "mode"),
    ("source", "source"),
    ("target", "target"),
    ("participants", "with"),
    ("location", "at"),
    ("modality", "modality"),
    ("confidence", "confidence"),
    ("per", "per"),
    ("outlet", "via"),
    ("sentence_text", "sentence"),
    ("page", "page"),
    ("id", "id"),
]


def _event_row(r: dict[str, Any], per: str | None) -> dict[str, Any]:
    return {
        **r,
        "date": (r["date"] or {}).get("value"),
        "source": _args(r["source"]),
        "target": _args(r["target"]),
        "participants": _args(r["participants"]),
        "location": (r["location"] or {}).get("text"),
        "per": per,
    }


@click.command()
@db_option
@output_options
@paging_options
@click.option("--type", "type_", metavar="T", help="PLOVER type (CONSULT, ASSAULT ...) or extension type.")
@click.option("--actor", metavar="NAME", help="Events with an actor (source, target, participant) matching NAME.")
@click.option("--since", metavar="DATE", help="Events dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option(
    "--where",
    metavar="PLACE",
    help="Events located at PLACE: its whole words in the location as written, any case "
    '("Oman" finds "in Oman" and "Muscat, Oman", not "Romania").',
)
@min_confidence_option
def events(
    db: str,
    out: Output,
    limit: int,
    offset: int,
    type_: str | None,
    actor: str | None,
    since: str | None,
    where: str | None,
    min_confidence: float,
) -> None:
    """List events (who did what to whom, when, where), each with its sentence, who says it and
    its confidence.

    Events under --min-confidence are left out, and a line on stderr says how many.

    \b
    Example:
      newsgraph events --type CONSULT --actor Hamas --since 2025
      newsgraph events --actor Hamas --min-confidence 0.6   # only the surest
      newsgraph events --type ASSAULT --csv > assaults.csv
      newsgraph events --where Gaza   # at Gaza, Gaza City, northern Gaza; never at Gazan
    """
    filters: dict[str, Any] = {"type": type_, "actor": actor, "since": since, "where": where}
    with _open(db) as store:
        rows = records.events(store.engine, **filters, min_confidence=min_confidence, limit=limit, offset=offset)
        hidden = records.hidden_events(store.engine, **filters, min_confidence=min_confidence)
        speakers = _claim_speakers(store.engine, rows)
    hidden_note(hidden, min_confidence)
    pers = [speakers.get(r["document"], {}).get(r["claim"]) if r["claim"] else None for r in rows]
    if emitted(out, [_event_row(r, per) for r, per in zip(rows, pers, strict=True)], EVENT_COLUMNS, data=rows):
        return
    for r, per in zip(rows, pers, strict=True):
        head = Text(f"{r['type']}", style="bold magenta")
        if r["mode"]:
            head.append(f"/{r['mode']}")
        head.append(f"  {(r['date'] or {}).get('value') or 'undated'}")
        if r["location"]:
            head.append(f"  @ {r['location']['text']}")
        head.append(f"  [{r['modality']}]", style="yellow" if r["modality"] != "asserted" else "green")
        head.append(f"  confidence {confidence_text(r['confidence'])}", style="dim")
        console.print(head)
        console.print(
            f"  {_args(r['source'])} -> {_args(r['target'])}"
            + (f"  with {_args(r['participants'])}" if r["participants"] else "")
        )
        console.print(Text(f"  “{r['sentence_text'].strip()}”" + _on_page(r["page"]), style="dim"))
        console.print(Text(f"  {r['document']} · per {per or 'the text'} · via {r['outlet'] or '?'}", style="dim"))
    if not rows:
        console.print(Text("(no events)", style="dim"))


RELATION_COLUMNS = [
    ("document", "document"),
    ("published", "published"),
    ("subject", "subject"),
    ("type", "type"),
    ("object", "object"),
    ("modality", "modality"),
    ("confidence", "confidence"),
    ("per", "per"),
    ("outlet", "via"),
    ("sentence_text", "sentence"),
    ("page", "page"),
    ("id", "id"),
]


@click.command()
@db_option
@output_options
@paging_options
@click.option("--actor", metavar="NAME", help="Relations with a subject or object matching NAME.")
@click.option("--type", "type_", metavar="T", help="Relation type (member_of, leads, allied_with ...).")
@min_confidence_option
def relations(
    db: str, out: Output, limit: int, offset: int, actor: str | None, type_: str | None, min_confidence: float
) -> None:
    """List relations (lasting ties between actors), each with its evidence sentence, who says it
    and its confidence.

    Relations under --min-confidence are left out, and a line on stderr says how many.

    \b
    Example:
      newsgraph relations --actor Hamas
      newsgraph relations --actor Hamas --min-confidence 0   # every relation, however unsure
      newsgraph relations --type member_of --csv > members.csv
    """
    with _open(db) as store:
        rows = records.relations(
            store.engine, actor=actor, type=type_, min_confidence=min_confidence, limit=limit, offset=offset
        )
        hidden = records.hidden_relations(store.engine, min_confidence=min_confidence, actor=actor, type=type_)
        speakers = _claim_speakers(store.engine, rows)
    hidden_note(hidden, min_confidence)
    pers = [speakers.get(r["document"], {}).get(r["claim"]) if r["claim"] else None for r in rows]
    flat = [
        {**r, "subject": r["subject"]["text"], "object": r["object"]["text"], "per": per}
        for r, per in zip(rows, pers, strict=True)
    ]
    if emitted(out, flat, RELATION_COLUMNS, data=rows):
        return
    for r, per in zip(rows, pers, strict=True):
        line = Text(r["subject"]["text"], style="bold cyan")
        line.append(f" -[{r['type']}]- ", style="bold magenta")
        line.append(r["object"]["text"], style="bold cyan")
        line.append(f"  [{r['modality']}]", style="yellow" if r["modality"] != "asserted" else "green")
        line.append(f"  confidence {confidence_text(r['confidence'])}", style="dim")
        console.print(line)
        console.print(Text(f"  “{r['sentence_text'].strip()}”" + _on_page(r["page"]), style="dim"))
        console.print(Text(f"  {r['document']} · per {per or 'the text'} · via {r['outlet'] or '?'}", style="dim"))
    if not rows:
        console.print(Text("(no relations)", style="dim"))


commands = [summary, documents, show, search, claims, events, relations]
