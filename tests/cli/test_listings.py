"""Every command that lists records prints a table, ``--json`` (the API's shape) or ``--csv`` (a
header row, then a row per record), through the one implementation in ``newsgraph/cli/output.py``;
output that is not a terminal is never wrapped (issue 18, item 9)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import cli
from newsgraph.store import Store
from tests.cli.test_commands import COMMANDS
from tests.store.test_store import hand_built
from tests.watchlist.test_loaders import UN_XML

ROOT = Path(__file__).resolve().parents[2]


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built records, a loaded UN list screened against the actors, and one decision."""
    folder = tmp_path_factory.mktemp("listings")
    db = folder / "l.db"
    with Store.open(db) as s:
        s.save(hand_built())
    un = folder / "un.xml"
    un.write_text(UN_XML, encoding="utf-8")
    assert run("watchlist", "load", un, "--db", db).exit_code == 0
    assert run("actors", "--db", db).exit_code == 0  # resolves the actors
    assert run("screen", "--actors", "--db", db).exit_code == 0
    return db


def items(key: str) -> Callable[[Any], int]:
    return lambda data: len(data[key])


# (command, the JSON's records counted, the CSV's first columns)
LISTINGS: list[tuple[tuple[str, ...], Callable[[Any], int], list[str]]] = [
    (("documents",), len, ["id", "published", "source", "title"]),
    (("search", "Ethiopia"), len, ["id", "published", "source", "title", "snippet"]),
    (("actors",), len, ["id", "name", "kind", "country", "documents"]),
    (("claims", "--min-confidence", "0"), len, ["document", "published", "confidence", "speaker"]),
    (("events", "--min-confidence", "0"), len, ["document", "date", "type", "mode", "source", "target"]),
    (("relations", "--min-confidence", "0"), len, ["document", "published", "subject", "type", "object"]),
    (("network", "--min-confidence", "0"), items("edges"), ["source_name", "target_name", "directed", "kind"]),
    (("network", "--actor", "Kenya", "--min-confidence", "0"), items("edges"), ["source_name", "target_name"]),
    (("network", "--stats", "--min-confidence", "0"), lambda d: 4, ["community", "community_size", "central_rank"]),
    (("communities", "--min-confidence", "0"), lambda d: 4, ["community", "community_size", "central_rank", "name"]),
    (("path", "Kenya", "Ethiopia", "--min-confidence", "0"), lambda d: 1, ["path", "step", "from", "tie", "to"]),
    (("timeline", "Kenya", "--min-confidence", "0"), items("items"), ["date", "kind", "type", "role"]),
    (("stories", "--min-articles", "1"), len, ["id", "articles", "first_date", "last_date", "title"]),
    (("story", "hb1"), lambda d: len(d["articles"]) + len(d["events"]), ["story", "part", "document", "published"]),
    (("screen", "Amir Khalidi"), len, ["list", "reference", "score", "name", "matched"]),
    (("screen", "--actors"), len, ["actor", "kind", "documents", "list", "reference"]),
    (("watchlist", "info"), len, ["list", "entries", "by_type", "loaded_at"]),
    (("review", "hits"), len, ["status", "name", "kind", "documents", "entry"]),
    (("review", "log"), len, ["seq", "decided_at", "decided_by", "status"]),
    (("alerts",), items("items"), ["id", "when", "rule", "summary"]),
]


@pytest.mark.parametrize(("argv", "count", "header"), LISTINGS, ids=[" ".join(a) for a, _, _ in LISTINGS])
def test_a_listing_prints_json_and_csv_of_the_same_records(
    db: Path, argv: tuple[str, ...], count: Callable[[Any], int], header: list[str]
) -> None:
    as_json = run(*argv, "--db", db, "--json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    as_csv = run(*argv, "--db", db, "--csv")
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0][: len(header)] == header
    assert all(len(r) == len(rows[0]) for r in rows)
    assert len(rows) - 1 == count(data)
    table = run(*argv, "--db", db)
    assert table.exit_code == 0 and table.stdout.strip()
    both = run(*argv, "--db", db, "--json", "--csv")
    assert both.exit_code == 2 and "not both" in both.output


def test_story_csv_lists_its_articles_then_its_events(db: Path) -> None:
    data = json.loads(run("story", "hb1", "--db", db, "--json").stdout)
    rows = list(csv.DictReader(io.StringIO(run("story", "hb1", "--db", db, "--csv").stdout)))
    articles = [r for r in rows if r["part"] == "article"]
    events = [r for r in rows if r["part"] == "event"]
    assert rows == articles + events
    assert [r["document"] for r in articles] == [a["id"] for a in data["articles"]] and "hb1" in rows[0]["document"]
    assert events, "the hand-built story has events"
    assert [(r["type"], r["from"], r["to"]) for r in events] == [
        (e["type"], e["source"] or "", e["target"] or "") for e in data["events"]
    ]
    assert all(r["story"] == str(data["story"]["id"]) for r in rows)


def test_the_listings_hold_records(db: Path) -> None:
    """The listings above print rows, not only headers (else they would test little)."""
    listings = [("claims", "--min-confidence", "0"), ("events", "--min-confidence", "0"), ("path", "Kenya", "Ethiopia")]
    for argv in listings:
        assert len(list(csv.reader(io.StringIO(run(*argv, "--db", db, "--csv").stdout)))) > 1, argv
    assert len(json.loads(run("watchlist", "info", "--db", db, "--json").stdout)) == 1


def _params(command: tuple[str, ...]) -> set[str]:
    ctx = click.Context(cli)
    found: click.Command | None = cli
    for name in command:
        assert isinstance(found, click.Group)
        found = found.get_command(ctx, name)
    assert found is not None
    return {opt for p in found.params for opt in getattr(p, "opts", [])}


ONE_RECORD = {
    ("summary",),
    ("alerts", "run"),
    ("show",),
    ("actor",),
    ("actor", "show"),
    ("review", "confirm"),
    ("review", "dismiss"),
    ("review", "reopen"),
}
"""Commands whose --json prints one record, not a listing: they have no --csv."""


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_with_json_has_csv_unless_it_prints_one_record(command: tuple[str, ...]) -> None:
    params = _params(command)
    if "--json" in params and command not in ONE_RECORD:
        assert "--csv" in params, f"`newsgraph {' '.join(command)}` lists records: give it output_options"


def test_every_command_with_csv_is_tested_here() -> None:
    tested = {argv[: 2 if argv[0] in ("review", "watchlist") else 1] for argv, _, _ in LISTINGS}
    with_csv = {c for c in COMMANDS if "--csv" in _params(c)}
    assert with_csv <= tested | {("screen", "name")}, with_csv - tested


@pytest.mark.parametrize(
    ("command", "columns"),
    [
        (["claims", "--min-confidence", "0"], ["speaker", "text"]),
        (["documents"], ["title"]),
    ],
)
def test_csv_cells_hold_the_values_as_written(tmp_path: Path, command: list[str], columns: list[str]) -> None:
    """A title or a claim with commas, quotes, brackets and a line break is one CSV field, read
    back as written."""
    hostile = 'Kenya, "the [bold]hosts[/bold]",\nand =1+1'
    x = hand_built()
    x = replace(x, document=replace(x.document, title=hostile))
    db = tmp_path / "h.db"
    with Store.open(db) as s:
        s.save(x)
    rows = list(csv.DictReader(io.StringIO(run(*command, "--db", db, "--csv").stdout)))
    assert rows
    if command[0] == "documents":
        assert rows[0]["title"] == hostile
    else:
        assert {r["speaker"] for r in rows} == {"Amina Wekesa", "the agency"}
        assert all(r["text"] for r in rows)


LONG_TITLE = "A title far longer than any terminal " + "with many words " * 20 + "END"


@pytest.mark.parametrize("command", [["documents"], ["claims", "--min-confidence", "0"], ["search", "Ethiopia"]])
def test_output_to_a_pipe_is_never_wrapped(tmp_path: Path, command: list[str]) -> None:
    """A real process whose stdout is a pipe prints each row whole on one line, however narrow
    the terminal it was started from says it is (COLUMNS=40)."""
    x = hand_built()
    db = tmp_path / "w.db"
    with Store.open(db) as s:
        s.save(replace(x, document=replace(x.document, title=LONG_TITLE)))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "40"}
    proc = subprocess.run(
        [sys.executable, "-c", "from newsgraph.cli import main; main()", *command, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    if command[0] == "documents":
        [line] = [line for line in proc.stdout.splitlines() if "hb1" in line]
        assert LONG_TITLE in line
    elif command[0] == "claims":
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        assert len(lines) == 2, proc.stdout  # one line per claim
        assert "the commission would meet in Nairobi" in lines[-1] or "the commission would meet" in lines[0]
    else:
        [line] = [line for line in proc.stdout.splitlines() if "hb1" in line]
        assert "[Ethiopia]" in line and LONG_TITLE in line


@pytest.mark.parametrize(
    ("argv", "route", "params", "key"),
    [
        (("actors",), "/api/actors", {}, "items"),
        (("communities",), "/api/network/communities", {}, None),
        (("network",), "/api/network", {}, None),
        (("network", "--actor", "Kenya"), "/api/network", {"actor": "Kenya"}, None),
        (("path", "Kenya", "Ethiopia"), "/api/network/path", {"a": "Kenya", "b": "Ethiopia"}, None),
        (("timeline", "Kenya"), "/api/actors/{kenya}/timeline", {}, None),
        (("review", "hits"), "/api/watchlist/hits", {}, "items"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_json_is_the_apis_shape(
    db: Path, argv: tuple[str, ...], route: str, params: dict[str, str], key: str | None
) -> None:
    """One shape per resource: a listing's --json is what the API answers for the same records."""
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    printed = json.loads(run(*argv, "--db", db, "--json").stdout)
    kenya = {a["name"]: a["id"] for a in json.loads(run("actors", "--db", db, "--json").stdout)}["Kenya"]
    with TestClient(create_app(str(db))) as client:
        answer = client.get(route.format(kenya=kenya), params=params).json()
    assert printed == (answer[key] if key else answer)


@pytest.mark.parametrize(("terminal", "expected"), [(True, "a" * 9 + "…"), (False, "a" * 30)])
def test_long_texts_are_cut_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch, terminal: bool, expected: str) -> None:
    from newsgraph.cli import output

    monkeypatch.setattr(output.console, "_force_terminal", terminal)
    assert output.clipped("a" * 30, 10) == expected
    assert output.clipped("short", 10) == "short"
