"""``newsgraph group FILE.jsonl``: group articles reporting the same event into stories."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

import click

from newsgraph.cli.output import report_failure
from newsgraph.errors import InputError
from newsgraph.grouping import Article, GroupingSettings, article_from_record, group_articles

_DEFAULTS = GroupingSettings()


def read_articles(handle: TextIO, name: str) -> Iterator[Article | InputError]:
    """One :class:`Article` per JSON line of ``handle``, or the :class:`InputError` of a bad line."""
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(origin, "not a JSON object")
            continue
        try:
            yield article_from_record(record, origin)
        except InputError as exc:
            yield exc


@click.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Where to write (default: stdout)."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=_DEFAULTS.threshold,
    show_default=True,
    help="Least mean cosine similarity (after the time discount) for an article to join a story.",
)
@click.option(
    "--window-days",
    type=click.FloatRange(min=0.0, min_open=True),
    default=_DEFAULTS.window_days,
    show_default=True,
    help="Days apart within which dates do not count against a match; beyond, similarity halves per window.",
)
def group(file: TextIO, output: TextIO, threshold: float, window_days: float) -> None:
    """Group the articles of a JSON Lines file into stories about the same real-world event.

    Each input line is an article: the contract's {id, text, title, published} or a news-please
    record (dId, title, description, text, date_publish). Articles are taken in date order and
    each joins the story it most resembles (title and body words, TF-IDF, dates close in time)
    or opens a new one. Writes one {"id": ..., "story": N} line per article, in input order.
    A line that cannot be read is reported on standard error and skipped; the exit status is 1
    when any was.

    \b
    Example:
      newsgraph group articles.jsonl -o stories.jsonl
    """
    articles: list[Article] = []
    failed = 0
    for item in read_articles(file, file.name):
        if isinstance(item, InputError):
            failed += 1
            report_failure(item, "skipped")
        else:
            articles.append(item)
    settings = GroupingSettings(
        threshold=threshold,
        window_days=window_days,
        title_weight=_DEFAULTS.title_weight,
        name_weight=_DEFAULTS.name_weight,
    )
    for assignment in group_articles(articles, settings):
        output.write(json.dumps({"id": assignment.article, "story": assignment.story}, ensure_ascii=False) + "\n")
    output.flush()
    if failed:
        click.echo(f"newsgraph: {failed} line(s) skipped (see the lines above)", err=True)
        sys.exit(1)


@click.command(hidden=True, context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def cluster() -> None:
    """Renamed: ``newsgraph group`` (``--cluster`` now means only a Dask cluster).

    \b
    Example:
      newsgraph group articles.jsonl -o stories.jsonl
    """
    raise click.UsageError('`newsgraph cluster` is now `newsgraph group` (same arguments; lines say "story")')


commands = [group, cluster]
