"""``newsgraph ingest`` and ``newsgraph extract``: documents in, a store or JSON Lines out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph.batch import Result, batches, extract_documents
from newsgraph.cli.options import cluster_option, db_option, read_options, workers_option
from newsgraph.cli.output import errors, report_failure
from newsgraph.errors import InputError
from newsgraph.ingest import ReadOptions, discover, is_url, read_inputs
from newsgraph.ingest.document import normalise_date
from newsgraph.parquet import read_parquet, write_parquet
from newsgraph.pipeline import ingest as run_ingest
from newsgraph.records import Document, Extraction
from newsgraph.store import Store, shown


def _options(published: str | None, encoding: str, max_chars: int) -> ReadOptions:
    if published and not normalise_date(published):
        raise click.BadParameter(f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--published")
    return ReadOptions(
        encoding=encoding, max_bytes=max_chars, published=normalise_date(published) if published else None
    )


def _progress(total: int | None) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=False,
        disable=not errors.is_terminal,
    )


def _count_documents(paths: tuple[str, ...]) -> int | None:
    """Number of documents when every input is a one-document file; None when unknown."""
    if any(is_url(p) for p in paths):
        return None
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
@cluster_option
@click.option(
    "--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000), help="Documents per transaction."
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    published: str | None,
    encoding: str,
    max_chars: int,
    workers: int,
    cluster: str | None,
    batch_size: int,
) -> None:
    """Read documents, extract, and store them (idempotent: stored documents are skipped).

    PATHS are files (text, HTML, JSON Lines, RSS/Atom, PDF), folders (read recursively), quoted
    globs, - for standard input, or http(s) URLs (an article page, a feed, a PDF report; fetched
    politely: robots.txt, timeouts, a size cap). A PDF keeps its page breaks, so evidence cites
    "p. N"; a PDF without text (a scan) is refused. A bad input is reported on one line with the
    reason and skipped; the exit status is 1 when any input failed.

    \b
    Example:
      newsgraph ingest samples/ --db newsgraph.db
      newsgraph ingest https://example.org/feed.xml report.pdf
      newsgraph ingest 'feeds/*.xml' articles.jsonl --workers 2
      newsgraph ingest corpus/ --cluster tcp://scheduler:8786 --db postgresql://analyst@db/news
    """
    options = _options(published, encoding, max_chars)
    total = _count_documents(paths)
    with Store.open(db) as store, _progress(total) as progress:
        task = progress.add_task("ingesting", total=total)
        report = run_ingest(
            read_inputs(paths, options),
            store,
            workers=workers,
            batch_size=batch_size,
            on_progress=lambda n, _note: progress.advance(task, n),
            on_failure=report_failure,
            cluster=cluster,
        )
    rate = report.stored / report.seconds if report.seconds else 0.0
    click.echo(
        f"{report.new} new, {report.versions} new versions, {report.unchanged} unchanged, "
        f"{report.failed} failed; {report.words:,} words in {report.seconds:.1f} s "
        f"({rate:.1f} documents/s) -> {shown(db)}",
        err=True,
    )
    if report.failed:
        click.echo(f"newsgraph: {report.failed} input(s) failed (see the lines above)", err=True)
        sys.exit(1)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to FILE (JSON Lines; default stdout) or DIR (Parquet).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (the contract), or partitioned Parquet tables in the -o folder.",
)
@read_options
@workers_option
@cluster_option
def extract(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str,
    published: str | None,
    encoding: str,
    max_chars: int,
    workers: int,
    cluster: str | None,
) -> None:
    """Extract documents to the contract's JSON Lines (or Parquet tables), without a store.

    One JSON object per document (``newsgraph schema`` prints the JSON Schema). With
    --format parquet, -o names a folder that receives one folder per table (documents,
    mentions, entities, dates, claims, events, relations) of part files. A bad input is
    reported on standard error and skipped; the exit status is 1 when any failed.

    \b
    Example:
      newsgraph extract story.txt --published 2026-01-27 -o story.jsonl
      cat story.txt | newsgraph extract - | jq '.claims'
      newsgraph extract corpus/ --format parquet -o out/ --cluster local:2
    """
    options = _options(published, encoding, max_chars)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o DIR")
    failed = 0

    def documents() -> Iterator[Document]:
        nonlocal failed
        for item in read_inputs(paths, options):
            if isinstance(item, InputError):
                failed += 1
                report_failure(item)
            else:
                yield item

    def extractions(stream: Iterable[list[Result]]) -> Iterator[Extraction]:
        nonlocal failed
        for results in stream:
            for r in results:
                if isinstance(r, InputError):
                    failed += 1
                    report_failure(r)
                else:
                    yield r

    def write(stream: Iterable[list[Result]]) -> None:
        if fmt == "parquet":
            assert output is not None
            n = write_parquet(extractions(stream), output)
            click.echo(f"{n} documents -> {output}/", err=True)
            return
        try:
            out: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
        except OSError as exc:
            raise click.FileError(str(output), hint=exc.strerror or str(exc)) from None
        try:
            for x in extractions(stream):
                out.write(json.dumps(x.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
        finally:
            if output:
                out.close()

    if cluster:
        from newsgraph.distributed import connect, extract_on_cluster

        with connect(cluster) as client:
            write(extract_on_cluster(documents(), client))
    else:
        write(extract_documents(documents(), workers=workers))
    if failed:
        click.echo(f"newsgraph: {failed} input(s) failed (see the lines above)", err=True)
        sys.exit(1)


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option(
    "--batch-size", default=200, show_default=True, type=click.IntRange(1, 100_000), help="Documents per transaction."
)
def load(directory: Path, db: str, batch_size: int) -> None:
    """Load Parquet tables written by `newsgraph extract --format parquet` into a store.

    Documents already stored (same text) are skipped, so loading twice changes nothing.

    \b
    Example:
      newsgraph load out/ --db postgresql://analyst@db.example.org/news
    """
    counts = {"new": 0, "version": 0, "unchanged": 0}
    refused: list[InputError] = []

    def refuse(err: InputError) -> None:
        refused.append(err)
        report_failure(err)

    with Store.open(db) as store:
        for chunk in batches(read_parquet(directory), batch_size):
            for saved in store.save_many(chunk, on_refused=refuse):
                counts[saved.status] += 1
    click.echo(
        f"{counts['new']} new, {counts['version']} new versions, {counts['unchanged']} unchanged, "
        f"{len(refused)} refused -> {shown(db)}",
        err=True,
    )
    if refused:
        sys.exit(1)


commands = [ingest, extract, load]
