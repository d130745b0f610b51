"""Printing for the CLI: tables and lines with rich, JSON and CSV to stdout.

This module is the one escaping point between data and the terminal. Both consoles read no
markup and no emoji codes, so every string that comes from data (a title, a name, a path, an
alias, a snippet, an error's reason) is printed as written: ``[/x]`` or ``:smile:`` in a
document's title is shown as those characters, never read as a style or a closing tag. Style
comes only from :class:`rich.text.Text` pieces, ``Text.assemble((name, "bold"), " #12")``,
whose text is never parsed either.

Output that goes to a file or a pipe is never wrapped nor cut: a table row or a line is one line
however long (a terminal gets the terminal's width). Every command that lists records prints
them through :func:`emit`: a table, ``--json`` (the API's shape) or ``--csv`` (a header row,
then one row per record).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console, ConsoleDimensions
from rich.table import Table
from rich.text import Text

from newsgraph.errors import InputError, one_line, printable

UNWRAPPED = 1_000_000
"""The width of output that is not a terminal: wide enough that no line is ever wrapped."""


class _Console(Console):
    """A console as wide as the terminal, and :data:`UNWRAPPED` when its output is a file or a
    pipe (rich would use 80 columns, or the width of whichever standard stream is a terminal),
    so that ``newsgraph screen --actors | grep X`` finds each row whole on one line."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._width = kwargs.get("width")  # not $COLUMNS as it was at start: size() reads it for a terminal

    @property
    def size(self) -> ConsoleDimensions:
        found = super().size
        if self._width is None and not self.is_terminal:
            return ConsoleDimensions(UNWRAPPED, found.height)
        return found

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


console = _Console(markup=False, emoji=False, highlight=False)
errors = _Console(stderr=True, markup=False, emoji=False, highlight=False)


class Output(StrEnum):
    """How a listing is printed: ``--json``, ``--csv``, else a table."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


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


Column = tuple[str, str]
"""A listed field: (key of the row, heading of the table)."""


def csv_cell(value: Any) -> str:
    """A value as one CSV field: text as written (styled text as its plain text), a list as its
    items joined by ``; ``, a mapping as JSON, nothing as an empty field."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, (list, tuple)):
        return "; ".join(csv_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def print_csv(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    """``rows`` as CSV on stdout: a header row of the columns' keys, then one row per record."""
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow([key for key, _ in columns])
    for row in rows:
        out.writerow([csv_cell(row.get(key)) for key, _ in columns])
    sys.stdout.flush()


_AS_LISTED = object()


def emitted(out: Output, rows: Sequence[dict[str, Any]], columns: Sequence[Column], *, data: Any = _AS_LISTED) -> bool:
    """Print a listing as JSON (``data``, the API's shape, where that is not the rows themselves)
    or as CSV of ``rows`` when ``out`` asks, and say whether it did: a command that shows its
    records as lines of its own prints them when this returns False (``out`` is a table)."""
    if out is Output.JSON:
        print_json(rows if data is _AS_LISTED else data)
    elif out is Output.CSV:
        print_csv(rows, columns)
    return out is not Output.TABLE


def emit(
    out: Output,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    data: Any = _AS_LISTED,
    title: str | None = None,
) -> None:
    """Print a listing: a table of ``rows`` (``columns``: key, heading), or as ``out`` asks
    (:func:`emitted`)."""
    if not emitted(out, rows, columns, data=data):
        print_table(rows, columns, title=title)


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


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters (with ``…``) on a terminal; whole elsewhere, where
    nothing is cut (a pipe, a file)."""
    if len(text) <= width or not console.is_terminal:
        return text
    return text[: width - 1] + "…"


def confidence_text(value: float | None) -> str:
    """A confidence as printed in a listing: two decimals, or ``-`` when it was never scored."""
    return "-" if value is None else f"{value:.2f}"
