"""Options shared by several commands, as decorators."""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from newsgraph.cli.output import Output
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.ingest.readers import MAX_CHARS
from newsgraph.store import DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])


def db_option(f: F) -> F:
    """``--db``: a SQLite file or a database URL; ``$NEWSGRAPH_DB`` sets the default."""
    return click.option(
        "--db",
        default=DEFAULT_DB,
        envvar="NEWSGRAPH_DB",
        show_default=True,
        help="Store: a SQLite file, or a database URL (postgresql://user@host/db). Env: NEWSGRAPH_DB.",
    )(f)


def json_option(f: F) -> F:
    """``--json``: for a command that prints one record (a listing takes :func:`output_options`)."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def output_options(f: F) -> F:
    """``--json`` and ``--csv`` of a command that lists records: the command receives ``out``,
    an :class:`~newsgraph.cli.output.Output` (a table unless one of them is given)."""

    @functools.wraps(f)
    def command(*args: Any, as_json: bool, as_csv: bool, **kwargs: Any) -> Any:
        if as_json and as_csv:
            raise click.UsageError("give --json or --csv, not both")
        out = Output.JSON if as_json else Output.CSV if as_csv else Output.TABLE
        return f(*args, out=out, **kwargs)

    command = click.option(
        "--csv", "as_csv", is_flag=True, help="Print CSV (a header row, then a row per record) instead of a table."
    )(command)
    command = click.option("--json", "as_json", is_flag=True, help="Print JSON (the API's shape) instead of a table.")(
        command
    )
    return cast(F, command)


def min_confidence_option(f: F) -> F:
    """``--min-confidence``: leave out facts under this confidence (default: the calibrated threshold)."""
    return click.option(
        "--min-confidence",
        "min_confidence",
        default=DEFAULT_THRESHOLD,
        show_default=True,
        type=click.FloatRange(0.0, 1.0),
        metavar="FLOAT",
        help="Leave out facts whose confidence (0-1, the estimated probability that the fact is right) "
        "is under this; 0 shows everything. Facts stored before newsgraph scored them are always shown.",
    )(f)


def paging_options(f: F) -> F:
    f = click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="Rows to show.")(f)
    return click.option("--offset", default=0, type=click.IntRange(0), help="Rows to skip.")(f)


def read_options(f: F) -> F:
    f = click.option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Reference date for documents that carry none (neither metadata nor a dated dateline).",
    )(f)
    f = click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")(f)
    return click.option(
        "--max-chars",
        default=MAX_CHARS,
        show_default=True,
        type=click.IntRange(1),
        help="Refuse documents (files, JSON lines, feed items, a PDF's text) larger than this: a document's "
        "cost grows with its length (about 40 s of CPU for 300,000 characters of news prose).",
    )(f)


def workers_option(f: F) -> F:
    return click.option(
        "--workers",
        "-w",
        default=1,
        show_default=True,
        type=click.IntRange(1, 256),
        help="Worker processes for extraction (each loads the model once).",
    )(f)


def cluster_option(f: F) -> F:
    return click.option(
        "--cluster",
        metavar="ADDRESS",
        help="Run extraction on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local[:N] "
        "(a LocalCluster of N worker processes on this machine).",
    )(f)


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a user entry)
        return None


def reviewer_option(f: F) -> F:
    """``--by``: who decides (kept with the decision); ``$NEWSGRAPH_REVIEWER``, else the login name."""
    return click.option(
        "--by",
        "by",
        default=_login,
        envvar="NEWSGRAPH_REVIEWER",
        show_default="$NEWSGRAPH_REVIEWER, else your login name",
        metavar="NAME",
        help="Who decides (kept with the decision).",
    )(f)
