"""``newsgraph ingest`` and ``newsgraph extract``: documents in, a store or JSON Lines out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph.batch import extract_documents
from newsgraph.cli.options import db_option, read_options, workers_option
from newsgraph.cli.output import errors
from newsgraph.errors import InputError
from newsgraph.ingest import ReadOptions, discover, read_inputs
from newsgraph.ingest.document import normalise_date
from newsgraph.pipeline import ingest as run_ingest
from newsgraph.store import Store


def _options(published: str | None, encoding: str, max_chars: int) -> ReadOptions:
    if published and not normalise_date(published):
        raise click.BadParameter(f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--published")
    return ReadOptions(
        encoding=encoding, max_bytes=max_chars, published=normalise_date(published) if published else None
    )


def _report_failure(err: InputError) -> None:
    errors.print(f"[red]failed[/red] {err.origin}: {err.reason}", highlight=False, soft_wrap=True)


def _progress(total: int | None) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=False,
        disable=not errors.is_terminal,
    )


def _count_documents(paths: tuple[str, ...]) -> int | None:
    """Number of documents when every input is a one-document file; None when unknown."""
    n = 0
    for item in discover(paths):
        if isinstance(item, InputError):
            continue
        if str(item) == "-" or item.suffix.lower() in {".jsonl", ".ndjson", ".json", ".rss", ".atom", ".xml", ".feed"}:
            return None
        n += 1
    return n


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@read_options
@workers_option
@click.option(
    "--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000), help="Documents per transaction."
)
def ingest(
    paths: tuple[str, ...], db: str, published: str | None, encoding: str, max_chars: int, workers: int, batch_size: int
) -> None:
    """Read documents, extract, and store them (idempotent: stored documents are skipped).

    PATHS are files (text, HTML, JSON Lines, RSS/Atom), folders (read recursively), quoted globs,
    or - for standard input. A bad input is reported on one line with the reason and skipped;
    the exit status is 1 when any input failed.

    \b
    Example:
      newsgraph ingest samples/ --db newsgraph.db
      newsgraph ingest 'feeds/*.xml' articles.jsonl --workers 2
    """
    options = _options(published, encoding, max_chars)
    total = _count_documents(paths)
    with Store.open(db) as store, _progress(total) as progress:
        task = progress.add_task("ingesting", total=total)
        report = run_ingest(
            paths,
            store,
            options=options,
            workers=workers,
            batch_size=batch_size,
            on_progress=lambda n, _note: progress.advance(task, n),
            on_failure=_report_failure,
        )
    rate = report.stored / report.seconds if report.seconds else 0.0
    click.echo(
        f"{report.new} new, {report.versions} new versions, {report.unchanged} unchanged, "
        f"{report.failed} failed; {report.words:,} words in {report.seconds:.1f} s "
        f"({rate:.1f} documents/s) -> {db}",
        err=True,
    )
    if report.failed:
        click.echo(f"newsgraph: {report.failed} input(s) failed (see the lines above)", err=True)
        sys.exit(1)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (default: stdout)."
)
@read_options
@workers_option
def extract(
    paths: tuple[str, ...], output: Path | None, published: str | None, encoding: str, max_chars: int, workers: int
) -> None:
    """Extract documents to the contract's JSON Lines, without touching a store.

    One JSON object per document (``newsgraph schema`` prints the JSON Schema). A bad input is
    reported on standard error and skipped; the exit status is 1 when any failed.

    \b
    Example:
      newsgraph extract story.txt --published 2026-01-27 -o story.jsonl
      cat story.txt | newsgraph extract - | jq '.claims'
    """
    options = _options(published, encoding, max_chars)
    failed = 0

    def documents():  # type: ignore[no-untyped-def]
        nonlocal failed
        for item in read_inputs(paths, options):
            if isinstance(item, InputError):
                failed += 1
                _report_failure(item)
            else:
                yield item

    out: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for results in extract_documents(documents(), workers=workers):
            for r in results:
                if isinstance(r, InputError):
                    failed += 1
                    _report_failure(r)
                else:
                    out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if output:
            out.close()
    if failed:
        click.echo(f"newsgraph: {failed} input(s) failed (see the lines above)", err=True)
        sys.exit(1)


commands = [ingest, extract]
