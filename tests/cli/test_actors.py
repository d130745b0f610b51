"""``newsgraph actor|actors|network|communities|path|timeline|export`` through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.store import Store
from tests.actor_records import nexus_documents, save


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Store.open(path) as s:
        save(s, *nexus_documents())
    return str(path)


@pytest.mark.parametrize(
    "command",
    [
        ["actor"],
        ["actor", "show"],
        ["actor", "merge"],
        ["actor", "split"],
        ["actor", "resolve"],
        ["actor", "rebuild"],
        ["actors"],
        ["network"],
        ["communities"],
        ["path"],
        ["timeline"],
        ["export"],
        ["stories"],
        ["story"],
    ],
)
def test_help_ends_with_an_example(command: list[str]) -> None:
    code, out = run(*command, "--help")
    assert code == 0
    description = out.split("Options:")[0].rstrip().splitlines()
    assert "Example:" in out and description[-1].strip().startswith("newsgraph")


@pytest.mark.parametrize("name", ["LeT", "Lashkar e Tayyiba"])
def test_actor_shows_its_names_and_why(db: str, name: str) -> None:
    code, out = run("actor", name, "--why", "--db", db)
    assert code == 0
    assert "Lashkar-e-Taiba" in out and "Lashkar-e-Tayyiba" in out
    assert "phonetic" in out and "new actor" in out
    code, out = run("actor", name, "--json", "--db", db)
    data = json.loads(out)
    assert data["actor"]["documents"] == 2
    assert {link["method"] for link in data["links"]} == {"new", "similar"}


@pytest.mark.parametrize("pair", [("Naji Zaheer", "Rashid Ali Sandhu")])
def test_merge_then_split_are_recorded_and_shown(db: str, pair: tuple[str, str]) -> None:
    code, out = run("actor", "merge", *pair, "--note", "test", "--db", db)
    assert code == 0 and "merged" in out
    code, out = run("actor", pair[0], "--why", "--json", "--db", db)
    data = json.loads(out)
    assert {link["name"] for link in data["links"]} == set(pair)
    assert data["decisions"][0]["action"] == "merge"
    entity = next(link for link in data["links"] if link["name"] == pair[1])
    code, out = run("actor", "split", pair[0], "--entity", f"{entity['document']}:{entity['entity_id']}", "--db", db)
    assert code == 0 and "split" in out
    code, out = run("actor", pair[1], "--json", "--db", db)
    assert json.loads(out)["actor"]["name"] == pair[1]


def test_split_of_an_entity_of_another_actor_is_refused(db: str) -> None:
    result = CliRunner().invoke(cli, ["actor", "split", "Hamas", "--entity", "nexus-1:e3", "--db", db])
    assert result.exit_code != 0


def test_actors_lists_the_most_named(db: str) -> None:
    _code, out = run("actors", "--json", "--db", db)
    rows = json.loads(out)
    assert rows[0]["documents"] >= rows[-1]["documents"]
    assert {"Hamas", "Lashkar-e-Taiba"} <= {r["name"] for r in rows}


@pytest.mark.parametrize("kind", [None, "person"])
def test_actors_lists_what_the_api_lists(db: str, kind: str | None) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    _code, out = run("actors", "--json", "--db", db, *(["--kind", kind] if kind else []))
    with TestClient(create_app(db)) as client:
        api = client.get("/api/actors", params={"kind": kind} if kind else {}).json()["items"]
    assert json.loads(out) == api[:30]  # one shape: the CLI prints what the API gives


def test_network_of_an_actor_as_json_has_evidence(db: str) -> None:
    code, out = run("network", "--actor", "Hamas", "--depth", "2", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert data["center"] and data["edges"]
    assert all(e["evidence"] and e["evidence"][0]["sentence_text"] for e in data["edges"])
    code, out = run("network", "--actor", "Hamas", "--type", "represents", "--db", db)
    assert "represents" in out and "allied_with" not in out


@pytest.mark.parametrize("flags", [["--stats"], ["--new-since", "2026-02-01"], []])
def test_network_views(db: str, flags: list[str]) -> None:
    code, out = run("network", *flags, "--db", db)
    assert code == 0 and out.strip()


def test_communities_and_path_and_timeline(db: str) -> None:
    outputs = {}
    for key, args in {
        "communities": ("communities", "--json"),
        "path": ("path", "Hamas", "Rashid Ali Sandhu"),
        "path_json": ("path", "Hamas", "Rashid Ali Sandhu", "--json"),
        "timeline": ("timeline", "JeM", "--json"),
    }.items():
        code, outputs[key] = run(*args, "--db", db)
        assert code == 0, key
    assert json.loads(outputs["communities"])["nodes"] > 0
    assert "represented by" in outputs["path"] and "Gujranwala" in outputs["path"]
    assert json.loads(outputs["path_json"])["paths"][0]["steps"][0]["evidence"]["document"] == "nexus-1"
    assert json.loads(outputs["timeline"])["items"][0]["date"] == "2025-02-05"


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "ftm", "gdelt", "csv"])
def test_export_writes_each_format(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    code, text = run("export", "--format", fmt, "-o", str(out), "--db", db)
    assert code == 0 and "actor(s)" in text
    written = [p for p in tmp_path.iterdir() if p.name.startswith("out")]
    assert written
    if fmt == "gexf":
        assert nx.read_gexf(out).number_of_nodes() > 0


def test_stories_and_a_story_with_its_events(db: str) -> None:
    code, out = run("stories", "--min-articles", "1", "--json", "--db", db)
    assert code == 0
    listed = json.loads(out)
    assert sum(s["articles"] for s in listed) == 3
    code, out = run("story", "nexus-3", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert "nexus-3" in {a["id"] for a in data["articles"]}
    assert {e["type"] for e in data["events"]} >= {"REQUEST", "SUPPORT"}


def test_unknown_actor_is_one_line_and_an_exit_code(db: str) -> None:
    r = subprocess.run(
        [sys.executable, "-c", "from newsgraph.cli import main; main()", "timeline", "Nobody Known", "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 5
    assert r.stderr.strip().startswith("newsgraph: error: no actor 'Nobody Known'")


def test_network_path_and_timeline_json_are_the_apis(db: str) -> None:
    """One shape: ``--json`` of the network, a path and a timeline prints the API's records."""
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    every = ["--min-confidence", "0", "--db", db, "--json"]
    with TestClient(create_app(db)) as client:
        api = client.get("/api/network", params={"min_confidence": 0, "limit": 50}).json()
        cli_net = json.loads(run("network", *every)[1])
        assert cli_net == api
        hamas = client.get("/api/search", params={"q": "Hamas"}).json()["actors"][0]["id"]
        api_path = client.get("/api/network/path", params={"a": "Hamas", "b": "LeT", "min_confidence": 0}).json()
        assert json.loads(run("path", "Hamas", "LeT", *every)[1]) == api_path
        api_times = client.get(f"/api/actors/{hamas}/timeline", params={"min_confidence": 0}).json()
        cli_times = json.loads(run("timeline", f"#{hamas}", *every)[1])
        assert cli_times == api_times
    assert api_path["paths"] and api_times["items"]
