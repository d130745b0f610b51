"""Printing for the CLI: tables and lines with rich, JSON to stdout.

This module is the one escaping point between data and the terminal. Both consoles read no
markup and no emoji codes, so every string that comes from data (a title, a name, a path, an
alias, a snippet, an error's reason) is printed as written: ``[/x]`` or ``:smile:`` in a
document's title is shown as those characters, never read as a style or a closing tag. Style
comes only from :class:`rich.text.Text` pieces, ``Text.assemble((name, "bold"), " #12")``,
whose text is never parsed either.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.errors import InputError, one_line, printable

console = Console(markup=False, emoji=False, highlight=False)
errors = Console(stderr=True, markup=False, emoji=False, highlight=False)

HIT_STYLE = "bold yellow"
"""How a search hit is shown inside its snippet (its brackets are kept, for output without colour)."""

_HIT = re.compile(r"\[([^\[\]\n]*)\]|<b>(.*?)</b>", re.DOTALL)
"""A hit in a snippet: between ``[`` and ``]`` (SQLite) or ``<b>`` and ``</b>`` (PostgreSQL)."""


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], title: str | None = None) -> None:
    """A table of ``rows`` with ``columns`` as (key, heading); a cell is shown as written (or as
    the :class:`~rich.text.Text` it is)."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(k)) for k, _ in columns))
    console.print(table)
    if not rows:
        console.print(Text("(nothing)", style="dim"))


def _cell(value: Any) -> str | Text:
    if value is None:
        return ""
    return value if isinstance(value, Text) else str(value)


def highlighted(snippet: str | None) -> Text:
    """A search snippet with its hits styled: the store marks them ``[word]`` (SQLite) or
    ``<b>word</b>`` (PostgreSQL); each is shown as ``[word]`` in :data:`HIT_STYLE`."""
    text = Text()
    if not snippet:
        return text
    at = 0
    for m in _HIT.finditer(snippet):
        text.append(snippet[at : m.start()])
        word = m.group(1) if m.group(1) is not None else m.group(2)
        text.append(f"[{word}]", style=HIT_STYLE)
        at = m.end()
    text.append(snippet[at:])
    return text


def report_failure(err: InputError, word: str = "failed") -> None:
    """One line on stderr for an input that was skipped: ``failed ORIGIN: REASON``."""
    errors.print(
        Text.assemble((word, "red"), f" {printable(err.origin)}: {one_line(err.reason)}"),
        soft_wrap=True,
    )


def note(message: str) -> None:
    """A dim line on stderr: what a command did besides its output."""
    errors.print(Text(message, style="dim"), soft_wrap=True)


def warning(message: str, *, indent: str = "", to: Console = console) -> None:
    """``warning: MESSAGE``, the word in yellow, on ``to`` (stdout unless told)."""
    to.print(Text.assemble(indent, ("warning", "yellow"), f": {message}"), soft_wrap=True)


def hidden_note(hidden: int, min_confidence: float) -> None:
    """Say on stderr, in one line, how many facts the confidence threshold left out."""
    if hidden > 0:
        facts = "fact" if hidden == 1 else "facts"
        errors.print(
            f"{hidden:,} {facts} under confidence {min_confidence:.2f} hidden; --min-confidence 0 shows them",
            soft_wrap=True,
        )


def confidence_text(value: float | None) -> str:
    """A confidence as printed in a listing: two decimals, or ``-`` when it was never scored."""
    return "-" if value is None else f"{value:.2f}"
