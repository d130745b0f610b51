"""The ``newsgraph`` command line: thin commands over library functions.

Each command group lives in its own module here and is listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import importlib
import sys

import click

from newsgraph import __version__
from newsgraph.errors import AmbiguousActor, NewsgraphError, candidate_text, one_line

COMMAND_MODULES = [
    "newsgraph.cli.ingest",
    "newsgraph.cli.documents",
    "newsgraph.cli.schema",
    "newsgraph.cli.watchlist",
    "newsgraph.cli.actors",
    "newsgraph.cli.review",
    "newsgraph.cli.group",
    "newsgraph.cli.serve",
    "newsgraph.cli.watch",
    "newsgraph.cli.alerts",
]
"""Modules that each define ``commands: list[click.Command]``."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newsgraph")
def cli() -> None:
    """newsgraph: news articles in, a sourced knowledge graph out.

    \b
    Example:
      newsgraph ingest samples/ --db newsgraph.db
      newsgraph documents
    """


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).commands:
        cli.add_command(_command)


def main() -> None:
    """Entry point: run the CLI, turning newsgraph errors into one line and an exit code (only the
    first line of a message that runs to more, which a driver's error does: its statement and
    parameters may hold a document's text)."""
    try:
        code = cli.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except AmbiguousActor as exc:  # the candidates, one per line, to pick from
        click.echo(f"newsgraph: error: {one_line(exc.headline)}:", err=True)
        for c in exc.candidates:
            click.echo(f"  {one_line(candidate_text(c))}", err=True)
        if exc.total > len(exc.candidates):
            click.echo(f"  ... and {exc.total - len(exc.candidates)} more", err=True)
        sys.exit(exc.exit_code)
    except NewsgraphError as exc:
        click.echo(f"newsgraph: error: {one_line(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("newsgraph: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
