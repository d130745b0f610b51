"""Printing for the CLI: tables with rich, JSON to stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()
errors = Console(stderr=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], title: str | None = None) -> None:
    """A table of ``rows`` with ``columns`` as (key, heading)."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(k) is None else str(row.get(k)) for k, _ in columns))
    console.print(table)
    if not rows:
        console.print("[dim](nothing)[/dim]")


def hidden_note(hidden: int, min_confidence: float) -> None:
    """Say on stderr, in one line, how many facts the confidence threshold left out."""
    if hidden > 0:
        facts = "fact" if hidden == 1 else "facts"
        errors.print(
            f"{hidden:,} {facts} under confidence {min_confidence:.2f} hidden; --min-confidence 0 shows them",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def confidence_text(value: float | None) -> str:
    """A confidence as printed in a listing: two decimals, or ``-`` when it was never scored."""
    return "-" if value is None else f"{value:.2f}"
