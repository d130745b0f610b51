"""The README: its first screen gives the two commands, and it mentions every CLI command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from newsgraph.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
FIRST_SCREEN = 40


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.exists():
        pytest.skip(f"{README} does not exist yet (the README checks need it)")
    return README.read_text(encoding="utf-8")


def code_blocks(markdown: str) -> list[list[str]]:
    """The lines of each fenced code block, in order."""
    return [block.strip("\n").splitlines() for block in re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.M | re.S)]


def commands_in(block: list[str]) -> list[str]:
    """The commands of a shell block: each non-blank line, without its comment."""
    return [line.split("#", 1)[0].strip() for line in block if line.split("#", 1)[0].strip()]


def test_first_screen_shows_exactly_the_two_commands(readme: str) -> None:
    screen = "\n".join(readme.splitlines()[:FIRST_SCREEN])
    blocks = code_blocks(screen)
    assert blocks, f"no code block in the first {FIRST_SCREEN} lines of README.md"
    assert commands_in(blocks[0]) == ["bash run demo", "bash run test"]


def command_names(group: click.Group = cli, prefix: str = "newsgraph") -> list[str]:
    ctx = click.Context(group)
    names = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:  # a renamed command kept only to say its new name
            continue
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(command_names(command, f"{prefix} {name}"))
    return names


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_in_the_readme(readme: str, command: str) -> None:
    assert re.search(rf"{re.escape(command)}\b", readme), f"`{command}` is not mentioned in README.md"


def test_the_two_commands_exist() -> None:
    run = README.parent / "run"
    assert run.exists()
    script = run.read_text(encoding="utf-8")
    assert re.search(r"^\s*demo\)", script, re.M) and re.search(r"^\s*test\)", script, re.M)
