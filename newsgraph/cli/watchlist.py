"""``newsgraph watchlist load|info`` and ``newsgraph screen NAME | --actors | pairs FILE.csv``."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newsgraph.cli.options import db_option, output_options
from newsgraph.cli.output import Output, console, emit, emitted, errors, note, print_table, warning
from newsgraph.errors import BadRequest, StoreError
from newsgraph.store import Store
from newsgraph.watchlist.index_cache import screener_for
from newsgraph.watchlist.matcher import MATCH_THRESHOLD, compare
from newsgraph.watchlist.screen import Hit, Screener, ensure_keys, screen_stored, stale_keys
from newsgraph.watchlist.sources import read_lists
from newsgraph.watchlist.storage import list_info, load_entries, replace_list

_TYPES = click.Choice(["person", "organization", "vessel", "aircraft"])


@click.group()
def watchlist() -> None:
    """Sanctions lists in the store: load them, see what is loaded.

    \b
    Example:
      newsgraph watchlist load ../shared/data/sanctions/un-consolidated-2026-01-28.xml
      newsgraph watchlist info
    """


@watchlist.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--list", "list_name", help="Name to store the list under (default: un, ofac, opensanctions).")
@db_option
def load(files: tuple[Path, ...], list_name: str | None, db: str) -> None:
    """Load lists: UN consolidated XML, OFAC sdn/alt/add CSV, OpenSanctions JSON lines.

    The format is recognised from the content. The OFAC files given together form one list.
    Each list replaces the stored list of the same name in one transaction; a malformed or
    truncated file is refused whole and the stored list stays as it was.

    \b
    Example:
      newsgraph watchlist load ofac-sdn.csv ofac-alt.csv ofac-add.csv --db newsgraph.db
    """
    loaded = read_lists(list(files), list_name)
    with Store.open(db) as store:
        for one in loaded:
            n = replace_list(store.engine, one)
            console.print(Text.assemble((one.list, "bold"), f": {n:,} entries from {', '.join(one.sources)}"))
            for w in one.warnings:
                warning(w, indent="  ")


INFO_COLUMNS = [
    ("list", "list"),
    ("entries", "entries"),
    ("by_type", "by type"),
    ("loaded_at", "loaded"),
    ("sources", "from"),
    ("warnings", "warnings"),
]


@watchlist.command()
@db_option
@output_options
def info(db: str, out: Output) -> None:
    """The loaded lists: entries by type, source files, load time, warnings.

    \b
    Example:
      newsgraph watchlist info --db newsgraph.db
      newsgraph watchlist info --csv
    """
    with Store.open(db, create=False) as store:
        lists = list_info(store.engine)
    rows = [dict(i.__dict__) for i in lists]
    if emitted(out, rows, INFO_COLUMNS):
        return
    if not lists:
        console.print("no watchlist loaded: `newsgraph watchlist load FILE...`")
    for i in lists:
        types = ", ".join(f"{n:,} {t}" for t, n in sorted(i.by_type.items()))
        console.print(Text.assemble((i.list, "bold"), f"  {i.entries:,} entries ({types}), loaded {i.loaded_at}"))
        for s in i.sources:
            console.print(f"  from {s}")
        for w in i.warnings:
            warning(w, indent="  ")


def _hit_row(hit: Hit) -> dict[str, Any]:
    e = hit.entry
    return {
        "list": e.list,
        "reference": e.entry_id,
        "score": round(hit.score, 3),
        "name": e.name,
        "matched": hit.matched_name,
        "type": e.type,
        "regime": e.regime,
        "explanation": hit.explain(),
    }


def _screener(db: str, lists: tuple[str, ...]) -> Screener:
    """The index over the stored lists (or ``lists``), from the store's cache when it is current."""
    with Store.open(db, create=False) as store:
        return screener_for(store.engine, load_entries(store.engine, list(lists) or None)).screener


def _screen_one(
    db: str,
    name: str,
    *,
    kind: str | None,
    countries: tuple[str, ...],
    limit: int,
    threshold: float,
    lists: tuple[str, ...],
) -> list[Hit]:
    """One name through the keys in the store (:func:`~newsgraph.watchlist.screen.screen_stored`):
    only its candidates' entries are read, however long the lists. A store whose lists were
    loaded before the keys existed (or keyed by other code) gets them now, once; one that cannot
    be written is screened with the in-memory index of every entry, as before."""
    with Store.open(db, create=False) as store:
        engine = store.engine
        try:
            stale = stale_keys(engine)
            if stale:
                note(f"making the screening keys of {', '.join(stale)} (once: they are kept in the store)")
                ensure_keys(engine)
        except StoreError as e:
            warning(
                f"the screening keys could not be kept in the store ({e}): "
                "screening with an index of every entry instead (slow on a large list)",
                to=errors,
            )
            screener = screener_for(engine, load_entries(engine, list(lists) or None)).screener
            return screener.screen(name, kind=kind, countries=countries, limit=limit, threshold=threshold)
        return screen_stored(
            engine, name, kind=kind, countries=countries, limit=limit, threshold=threshold, lists=list(lists) or None
        )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}", style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )


class _ScreenGroup(click.Group):
    """``screen NAME`` for any word that is not a sub-command (``pairs``)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "name", self.commands["name"], args
        return super().resolve_command(ctx, args)


def _screen_options(f: Any) -> Any:
    f = click.option(
        "--threshold",
        default=0.5,
        show_default=True,
        type=click.FloatRange(0, 1),
        help=f"Lowest score shown (matches from {MATCH_THRESHOLD}).",
    )(f)
    f = click.option("--list", "lists", multiple=True, help="Only this list (repeatable).")(f)
    return db_option(output_options(f))


@click.group(cls=_ScreenGroup, invoke_without_command=True)
@click.option("--actors", is_flag=True, help="Screen every actor (person, organisation) in the store.")
@_screen_options
@click.pass_context
def screen(ctx: click.Context, actors: bool, threshold: float, lists: tuple[str, ...], db: str, out: Output) -> None:
    """Screen names against the loaded watchlists: best matches first, with the reason.

    NAME screens one name; --actors screens every stored actor and stores the hits
    (table watchlist_hits); `pairs FILE.csv` scores name pairs for evaluation. A score of
    0.80 or more is a match; lower scores are shown as leads.

    \b
    Example:
      newsgraph screen "Lashkar-e-Taiba"
      newsgraph screen --actors --threshold 0.8
      newsgraph screen --actors --csv > hits.csv
      newsgraph screen pairs pairs.csv > scores.jsonl
    """
    if ctx.invoked_subcommand is not None:
        return
    if not actors:
        click.echo(ctx.get_help())
        return
    from newsgraph.watchlist.actors import screen_actors

    screener = _screener(db, lists)
    with Store.open(db, create=False) as store, _progress() as bar:
        task = bar.add_task("screening actors", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        found = screen_actors(store.engine, screener, threshold=max(threshold, MATCH_THRESHOLD), progress=advance)
    rows = [
        {"actor": f.actor.name, "kind": f.actor.kind, "documents": f.actor.documents, **_hit_row(f.hit)} for f in found
    ]
    columns = [
        ("actor", "actor"),
        ("kind", "kind"),
        ("documents", "documents"),
        ("list", "list"),
        ("reference", "reference"),
        ("score", "score"),
        ("name", "listed name"),
        ("matched", "matched name"),
        ("explanation", "why"),
    ]
    if not emitted(out, rows, columns):
        print_table(rows, columns)
        console.print(f"{len(rows)} hits stored in watchlist_hits")


@screen.command("name", hidden=True)
@click.argument("name")
@click.option("--type", "kind", type=_TYPES, help="What the name is: evidence for or against an entry.")
@click.option("--country", "countries", multiple=True, help="A country the named actor is tied to (evidence).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@_screen_options
def screen_name(
    name: str,
    kind: str | None,
    countries: tuple[str, ...],
    limit: int,
    threshold: float,
    lists: tuple[str, ...],
    db: str,
    out: Output,
) -> None:
    """Screen one NAME: the best-matching entries, each with its list, reference, score and why.

    Only the entries that share the name's rarest keys are read from the store, so one name
    takes about as long against a list of a million entries as against the UN list.

    \b
    Example:
      newsgraph screen "Jaish-e-Mohammad" --type organization --country Pakistan
    """
    hits = _screen_one(db, name, kind=kind, countries=countries, limit=limit, threshold=threshold, lists=lists)
    rows = [_hit_row(h) for h in hits]
    columns = [
        ("list", "list"),
        ("reference", "reference"),
        ("score", "score"),
        ("name", "listed name"),
        ("matched", "matched name"),
        ("type", "type"),
        ("regime", "regime"),
        ("explanation", "why"),
    ]
    emit(out, rows, columns, title=f"screening {name!r}")


def _pairs(fh: TextIO) -> list[tuple[str, str]]:
    rows = [r for r in csv.reader(fh) if r]
    if not rows:
        return []
    header = [c.strip().lower() for c in rows[0]]
    if "name1" in header and "name2" in header:
        a, b = header.index("name1"), header.index("name2")
        rows = rows[1:]
    else:
        a, b = 0, 1
    out = []
    for n, r in enumerate(rows, 1):
        if len(r) <= max(a, b):
            raise BadRequest(f"row {n} has {len(r)} fields: give name1,name2 per row")
        out.append((r[a], r[b]))
    return out


@screen.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="JSONL out (default stdout).")
def pairs(file: TextIO, output: TextIO) -> None:
    """Score name pairs: CSV rows name1,name2 (a header naming them is allowed) -> JSON lines.

    Each line is {"name1", "name2", "score", "explanation"}; no store is needed.

    \b
    Example:
      newsgraph screen pairs ../shared/eval/names/name-pairs-dev.csv -o scores.jsonl
    """
    for a, b in _pairs(file):
        c = compare(a, b)
        output.write(
            json.dumps(
                {"name1": a, "name2": b, "score": round(c.score, 4), "explanation": c.explain()}, ensure_ascii=False
            )
            + "\n"
        )
    if output is sys.stdout:
        output.flush()


commands = [watchlist, screen]
