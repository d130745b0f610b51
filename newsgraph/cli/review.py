"""``newsgraph review``: watchlist hits with their status; confirm, dismiss or reopen one (who,
when, why); the history of decisions; the hits exported with their decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.text import Text

from newsgraph.cli.options import db_option, json_option, output_options, reviewer_option
from newsgraph.cli.output import Output, console, emit, emitted, print_json, print_table
from newsgraph.store import Store
from newsgraph.store.reviews import STATUSES, ReviewedHit

_STATUS = click.Choice(list(STATUSES))
STATUS_STYLE = {"open": "yellow", "confirmed": "bold red", "dismissed": "dim"}


@click.group()
def review() -> None:
    """Review the watchlist hits of `newsgraph screen --actors`: confirm or dismiss each, saying
    who and why; list them with their status; export them with the decisions.

    A hit is named by the screened name and the entry, LIST:REFERENCE (as `review hits` prints
    them), never by a row number: a decision holds across a re-ingest of the same documents,
    `newsgraph actor rebuild` and a new `screen --actors`, so a dismissed hit stays dismissed.
    The newest decision on a hit is in force; `review log` shows them all.

    \b
    Example:
      newsgraph review hits --status open
      newsgraph review dismiss "Ministry of Defence" un:KPe.021 --note "the UK ministry"
    """


def _open(db: str) -> Store:
    return Store.open(db, create=False)


def _hit_line(h: ReviewedHit) -> dict[str, Any]:
    review = h.review
    decided = f"{review.decided_by}, {review.decided_at[:10]}" if review and review.status != "open" else ""
    return {
        "status": Text(h.status, style=STATUS_STYLE[h.status]),
        "name": h.hit.actor,
        "kind": h.kind or "",
        "documents": h.documents,
        "entry": f"{h.hit.list}:{h.hit.entry_id}",
        "entry_name": h.hit.entry_name,
        "score": f"{h.hit.score:.2f}",
        "decided": decided,
        "note": (review.note or "") if review else "",
    }


@review.command("hits")
@click.option("--status", type=_STATUS, help="Only hits of this status.")
@click.option("--list", "list_name", metavar="LIST", help="Only hits on this list (un, ofac, ...).")
@click.option("--name", metavar="NAME", help="Only the hits of this screened name (any case).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000), help="Hits to show.")
@db_option
@output_options
def hits(status: str | None, list_name: str | None, name: str | None, limit: int, db: str, out: Output) -> None:
    """The stored watchlist hits, best score first, each with its status (open, confirmed,
    dismissed) and the decision in force: who, when, why.

    \b
    Example:
      newsgraph review hits --status open --list un
      newsgraph review hits --name "Tunde Bakare" --json
      newsgraph review hits --status confirmed --csv > confirmed.csv
    """
    from newsgraph.store.reviews import review_counts, reviewed_hits

    with _open(db) as store:
        found = reviewed_hits(store.engine, names=[name] if name else None, status=status, list_name=list_name)
        counts = review_counts(store.engine)
    columns = [
        ("status", "status"),
        ("name", "screened name"),
        ("kind", "kind"),
        ("documents", "documents"),
        ("entry", "entry"),
        ("entry_name", "listed name"),
        ("score", "score"),
        ("decided", "decided by"),
        ("note", "why"),
    ]
    if emitted(out, [_hit_line(h) for h in found[:limit]], columns, data=[h.to_dict() for h in found[:limit]]):
        return
    print_table([_hit_line(h) for h in found[:limit]], columns)
    shown = f"{min(limit, len(found))} of {len(found)} hit(s) shown; " if len(found) > limit else ""
    console.print(f"{shown}{counts['open']} open, {counts['confirmed']} confirmed, {counts['dismissed']} dismissed")


def _decide(decision: str, name: str, entry: str, note: str, by: str, db: str, as_json: bool) -> None:
    from newsgraph.review import parse_entry, review_hit

    list_name, reference = parse_entry(entry)
    with _open(db) as store:
        h = review_hit(store.engine, name, list_name, reference, decision, by=by, note=note)
    if as_json:
        print_json(h.to_dict())
        return
    console.print(
        Text.assemble(
            (h.status, STATUS_STYLE[h.status]),
            f": {h.hit.actor} -> {h.hit.list}:{h.hit.entry_id} {h.hit.entry_name} (score {h.hit.score:.2f}), ",
            f"by {by} ({h.review.decided_at if h.review else ''})",
        )
    )


def _decision_command(decision: str, summary: str, example: str) -> click.Command:
    @click.argument("name")
    @click.argument("entry", metavar="LIST:REFERENCE")
    @click.option("--note", required=True, help="Why (kept with the decision).")
    @reviewer_option
    @db_option
    @json_option
    def command(name: str, entry: str, note: str, by: str, db: str, as_json: bool) -> None:
        _decide(decision, name, entry, note, by, db, as_json)

    command.__doc__ = f"""{summary}

    NAME is the name as screened and LIST:REFERENCE the entry, as `newsgraph review hits`
    prints them. The decision is kept with who (--by) and why (--note), and holds across
    re-ingest, `newsgraph actor rebuild` and a new `screen --actors`.

    \b
    Example:
      {example}
    """
    return click.command(decision)(command)


confirm = _decision_command(
    "confirm",
    "Confirm the hit of NAME on LIST:REFERENCE: the actor is the listed entry.",
    'newsgraph review confirm "Tunde Bakare" un:QDi.990 --note "same DOB and city" --by alice',
)
dismiss = _decision_command(
    "dismiss",
    "Dismiss the hit of NAME on LIST:REFERENCE: the actor is not the listed entry.",
    'newsgraph review dismiss "Ministry of Defence" un:KPe.021 --note "the UK ministry" --by alice',
)
reopen = _decision_command(
    "reopen",
    "Take back the decision on the hit of NAME on LIST:REFERENCE: it is open again.",
    'newsgraph review reopen "Tunde Bakare" un:QDi.990 --note "confirmed by mistake" --by alice',
)
for _c in (confirm, dismiss, reopen):
    review.add_command(_c)


@review.command("log")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="Decisions to show.")
@db_option
@output_options
def log(limit: int, db: str, out: Output) -> None:
    """Every decision on a hit, the newest first (those taken back or whose hit a later
    screening no longer finds included).

    \b
    Example:
      newsgraph review log --limit 20
      newsgraph review log --csv > decisions.csv
    """
    from newsgraph.store.reviews import review_history

    with _open(db) as store:
        found = review_history(store.engine, limit=limit)
    data = [r.to_dict() for r in found]
    rows = [
        {
            **row,
            "entry": f"{row['list']}:{row['reference']}",
            "status": Text(row["status"], style=STATUS_STYLE.get(row["status"], "")),
        }
        for row in data
    ]
    emit(
        out,
        rows,
        [
            ("seq", "#"),
            ("decided_at", "when"),
            ("decided_by", "who"),
            ("status", "decision"),
            ("screened_name", "screened name"),
            ("entry", "entry"),
            ("note", "why"),
        ],
        data=data,
    )


@review.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), help="Default: from the file's suffix.")
@click.option("--status", type=_STATUS, help="Only hits of this status.")
@db_option
def export_hits(output: Path, fmt: str | None, status: str | None, db: str) -> None:
    """Write the stored hits with their status and the decision in force (who, when, why):
    CSV (one row per hit) or JSON Lines (the API's shape).

    \b
    Example:
      newsgraph review export -o hits.csv
      newsgraph review export -o confirmed.jsonl --status confirmed
    """
    from newsgraph.export.hits import format_of, write_hits
    from newsgraph.store.reviews import reviewed_hits

    chosen = format_of(output, fmt)
    with _open(db) as store:
        found = reviewed_hits(store.engine, status=status)
    n = write_hits(found, output, chosen)
    console.print(f"{n} hit(s) -> {output}")


commands = [review]
