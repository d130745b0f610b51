"""``newsgraph ingest`` and ``newsgraph extract``: documents in, a store or JSON Lines out."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import click
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsgraph.batch import Result, batches, extract_documents
from newsgraph.cli.options import cluster_option, db_option, read_options, workers_option
from newsgraph.cli.output import errors, report_failure
from newsgraph.errors import InputError
from newsgraph.ingest import ReadOptions, discover, is_url, read_inputs
from newsgraph.ingest.document import normalise_date
from newsgraph.ingest.readers import FEED_SUFFIXES, JSONL_SUFFIXES
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


PROGRESS_SECONDS = 10.0
"""When not on a terminal, a progress line at least this often (as well as every N documents)."""


class _Count(ProgressColumn):
    """``done/total documents``, or ``done documents`` when the total is not known."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text(f"{int(task.completed):,} documents")
        return Text(f"{int(task.completed):,}/{int(task.total):,} documents")


class _Rate(ProgressColumn):
    """Documents per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        return Text(f"{task.completed / elapsed:.1f} documents/s" if elapsed > 0 else "", style="dim")


def _progress() -> Progress:
    """The bar on a terminal (documents, rate, time so far and left); nothing elsewhere."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", style="bold", markup=False),
        BarColumn(),
        _Count(),
        _Rate(),
        TimeElapsedColumn(),
        TextColumn("elapsed,", style="dim"),
        TimeRemainingColumn(),
        TextColumn("left", style="dim"),
        console=errors,
        transient=False,
        disable=not errors.is_terminal,
    )


def duration(seconds: float) -> str:
    """``1h02m``, ``3m07s`` or ``45s``."""
    s = max(0, round(seconds))
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


class ProgressLines:
    """Progress as lines on stderr, for a run whose stderr is not a terminal (a log, a pipe, a
    scheduler): one line every ``every`` documents, and at least every :data:`PROGRESS_SECONDS`
    while documents come, each with the count, the rate and (when the total is known) the time
    left: ``ingest: 300/2,225 documents (13%), 4.2 documents/s, 7m38s left``."""

    def __init__(
        self,
        total: int | None,
        every: int,
        *,
        write: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total, self.every, self.write, self.clock = total, every, write, clock
        self.started = self.last_at = clock()
        self.done = self.last_done = 0
        self.lock = threading.Lock()  # storing runs in a thread of its own

    def advance(self, n: int) -> None:
        with self.lock:
            self.done += n
            now = self.clock()
            if self.done - self.last_done >= self.every or now - self.last_at >= PROGRESS_SECONDS:
                self.last_done, self.last_at = self.done, now
                self.write(self.line(now))

    def line(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total is None or self.done > self.total:
            return f"ingest: {self.done:,} documents, {rate:.1f} documents/s"
        left = f", {duration((self.total - self.done) / rate)} left" if rate > 0 else ""
        share = 100 * self.done // self.total if self.total else 100
        return f"ingest: {self.done:,}/{self.total:,} documents ({share}%), {rate:.1f} documents/s{left}"


def _lines(path: Path) -> int:
    """The non-blank lines of a JSON Lines file (each a document), read as bytes; 1 when it
    cannot be read (the reader reports it as one failure)."""
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def count_documents(paths: tuple[str, ...]) -> int | None:
    """How many documents (or failures) ``paths`` hold: one per file, one per non-blank line of
    a JSON Lines file; None when a feed, a URL or standard input makes it unknown."""
    if any(is_url(p) for p in paths):
        return None
    n = 0
    for item in discover(paths):
        if isinstance(item, InputError):
            n += 1
        elif str(item) == "-" or item.suffix.lower() in FEED_SUFFIXES:
            return None
        elif item.suffix.lower() in JSONL_SUFFIXES:
            n += _lines(item)
        else:
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
@click.option(
    "--progress-every",
    default=100,
    show_default=True,
    type=click.IntRange(1),
    metavar="N",
    help=f"When stderr is not a terminal, print a progress line every N documents (and at least every "
    f"{PROGRESS_SECONDS:.0f} s): count, rate, time left.",
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
    progress_every: int,
) -> None:
    """Read documents, extract, and store them (idempotent: stored documents are skipped).

    PATHS are files (text, HTML, JSON Lines, RSS/Atom, PDF), folders (read recursively), quoted
    globs, - for standard input, or http(s) URLs (an article page, a feed, a PDF report; fetched
    politely: robots.txt, timeouts, a size cap). A PDF keeps its page breaks, so evidence cites
    "p. N"; a PDF without text (a scan) is refused. A bad input is reported on one line with the
    reason and skipped; the exit status is 1 when any input failed.

    Progress goes to stderr: a bar on a terminal, else a line every --progress-every documents,
    each with the rate and, when the number of documents is known (files, JSON Lines counted
    first; not feeds or standard input), the time left.

    \b
    Example:
      newsgraph ingest samples/ --db newsgraph.db
      newsgraph ingest https://example.org/feed.xml report.pdf
      newsgraph ingest 'feeds/*.xml' articles.jsonl --workers 2
      newsgraph ingest corpus/ --cluster tcp://scheduler:8786 --db postgresql://analyst@db/news
    """
    options = _options(published, encoding, max_chars)
    total = count_documents(paths)
    lines = (
        None if errors.is_terminal else ProgressLines(total, progress_every, write=lambda t: click.echo(t, err=True))
    )
    with Store.open(db) as store, _progress() as progress:
        task = progress.add_task("ingesting", total=total)

        def advance(n: int, _note: str) -> None:
            progress.advance(task, n)
            if lines:
                lines.advance(n)

        report = run_ingest(
            read_inputs(paths, options),
            store,
            workers=workers,
            batch_size=batch_size,
            on_progress=advance,
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
