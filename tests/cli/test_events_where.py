"""`events --where PLACE` (and the API's ``/api/events?where=``) finds a place by its whole words,
any case, not as a piece of another word: "Oman" is no part of "Romania" (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.store import Store
from newsgraph.store.extractions import events
from tests.store.test_store import hand_built


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built story: an event located at "Addis Ababa", another at "Nairobi"."""
    db = tmp_path_factory.mktemp("where") / "w.db"
    with Store.open(db) as s:
        s.save(hand_built())
    return db


def located(db: Path, place: str) -> list[str]:
    result = CliRunner().invoke(
        cli, ["events", "--where", place, "--min-confidence", "0", "--json", "--db", str(db)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return sorted(e["location"]["text"] for e in json.loads(result.stdout))


@pytest.mark.parametrize(
    ("place", "found"),
    [
        ("Nairobi", ["Nairobi"]),
        ("nairobi", ["Nairobi"]),
        ("Addis Ababa", ["Addis Ababa"]),
        ("ababa", ["Addis Ababa"]),  # one of its words
        ("Abab", []),  # a piece of a word: matched before
        ("Nai", []),
        ("robi", []),
        ("Ababa Addis", []),  # the words in their order
    ],
)
def test_where_matches_whole_words_of_the_place(db: Path, place: str, found: list[str]) -> None:
    assert located(db, place) == found


def test_the_store_and_the_cli_agree(db: Path) -> None:
    with Store.open(db, create=False) as store:
        assert [e["location"]["text"] for e in events(store.engine, where="Ababa")] == ["Addis Ababa"]
        assert events(store.engine, where="Abab") == []


def test_the_help_says_whole_words() -> None:
    result = CliRunner().invoke(cli, ["events", "--help"])
    assert "whole words" in result.output
