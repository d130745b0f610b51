"""``newsgraph schema``: print the extraction contract's JSON Schema."""

from __future__ import annotations

import click

from newsgraph.cli.output import print_json
from newsgraph.contract import json_schema


@click.command()
def schema() -> None:
    """Print the JSON Schema of ``newsgraph extract``'s output (newsgraph/extraction@1).

    \b
    Example:
      newsgraph schema > extraction.schema.json
    """
    print_json(json_schema())


commands = [schema]
