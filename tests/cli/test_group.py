"""``newsgraph group FILE.jsonl`` through click's CliRunner."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from tests.test_grouping import CORPUS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(dataclasses.asdict(a)) + "\n" for a in CORPUS), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["group"]])
def test_help_ends_with_an_example(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    description = out.split("Options:")[0].rstrip().splitlines()
    assert "Example:" in out and description[-1].strip().startswith("newsgraph group")


@pytest.mark.parametrize("to_file", [False, True])
def test_writes_one_id_and_story_line_per_article(tmp_path: Path, articles: Path, to_file: bool) -> None:
    out_path = tmp_path / "stories.jsonl"
    code, out, _ = run("group", str(articles), *(["-o", str(out_path)] if to_file else []))
    assert code == 0
    lines = [json.loads(line) for line in (out_path.read_text() if to_file else out).splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in CORPUS]
    assert all(set(line) == {"id", "story"} and isinstance(line["story"], int) for line in lines)
    story = {line["id"]: line["story"] for line in lines}
    assert story["peru-a"] == story["peru-b"] != story["japan-a"] == story["japan-b"]


@pytest.mark.parametrize("bad_line", ["not json", '{"title": "no id"}'])
def test_bad_line_is_skipped_and_reported(tmp_path: Path, articles: Path, bad_line: str) -> None:
    with articles.open("a", encoding="utf-8") as fh:
        fh.write(bad_line + "\n")
    code, out, err = run("group", str(articles))
    assert code == 1
    assert len(out.splitlines()) == len(CORPUS)
    assert f"{articles}:{len(CORPUS) + 1}" in err


def test_the_old_name_says_what_it_is_now() -> None:
    code, _out, err = run("cluster", "articles.jsonl")
    assert code == 2 and "newsgraph group" in err
