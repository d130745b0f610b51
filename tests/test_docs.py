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


def sections(markdown: str) -> list[tuple[str, str]]:
    """The README's ``## `` sections in order: (title, body)."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=True))


ANALYST_COMMANDS = [
    "search",
    "show",
    "claims",
    "actor",
    "network",
    "path",
    "timeline",
    "communities",
    "export",
    "screen",
]


def test_the_analysts_tour_comes_before_the_architecture_with_one_screenshot(readme: str) -> None:
    """Issue 18: the two commands, then a five-minute tour of the analyst's commands and pages with
    one screenshot, then the architecture (the tour's commands were under "More commands", after
    Architecture and Benchmarks)."""
    titles = [t for t, _ in sections(readme)]
    tour = next(i for i, t in enumerate(titles) if "tour" in t.lower())
    assert tour == 0, f"the tour is section {tour} of {titles}"
    assert tour < titles.index("Architecture") < titles.index("Benchmarks")
    body = sections(readme)[tour][1]
    commands = {c.split()[1] for block in code_blocks(body) for c in commands_in(block) if "newsgraph" in c}
    assert set(ANALYST_COMMANDS) <= commands, set(ANALYST_COMMANDS) - commands
    assert "newsgraph serve" in body and "/network" in body and "/map" in body
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", body)
    assert len(images) == 1, images
    assert (README.parent / images[0]).is_file(), images[0]


def test_the_readme_explains_what_an_analyst_reads(readme: str) -> None:
    """Modality, "per X via Y", the confidence threshold as configured now, and that `screen
    --actors` must run again after an ingest, all before the architecture."""
    from newsgraph.extract.confidence import DEFAULT_THRESHOLD

    before = readme[: readme.index("## Architecture")]
    assert "**Modality**" in before and all(m in before for m in ("asserted", "hedged", "planned", "negated"))
    assert "per X via Y" in before and "*per*" in before and "*via*" in before
    said = re.search(r"hide those under \*\*([0-9.]+)\*\*, the default threshold", before)
    assert said, "the README names the default confidence threshold"
    assert float(said.group(1)) == DEFAULT_THRESHOLD, (said.group(1), DEFAULT_THRESHOLD)
    rerun = re.search(r"`screen --actors`[^.]*after an ingest, run it again", before, re.S)
    assert rerun, "the README says `screen --actors` must be re-run after an ingest"
