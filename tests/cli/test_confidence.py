"""``--min-confidence`` on the commands that list facts: what it hides, the line on stderr that
says so, the confidence in listings and in --json, and the help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import cli
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.store import Store
from tests.actor_records import save
from tests.store.test_confidence import rated
from tests.store.test_store import hand_built
from tests.test_network import _rated_nexus

# c1 (Wekesa's) is unsure, c2 sure; v2 (the planned meeting) unsure, v1 sure; r1 unsure, r2 sure
VALUES: dict[str, float | None] = {"c1": 0.01, "c2": 0.97, "v1": 0.96, "v2": 0.02, "r1": 0.03, "r2": 0.99}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "conf.db"
    with Store.open(path) as s:
        s.save(rated(hand_built(), VALUES))
    return path


@pytest.fixture
def nexus(tmp_path: Path) -> Path:
    path = tmp_path / "nexus.db"
    with Store.open(path) as s:
        save(s, *_rated_nexus())  # every fact 0.9 but the Hamas-LeT alliance and nexus-2's conference (0.0)
    return path


def note(n: int, threshold: float) -> str:
    facts = "fact" if n == 1 else "facts"
    return f"{n} {facts} under confidence {threshold:.2f} hidden; --min-confidence 0 shows them"


@pytest.mark.parametrize(
    ("command", "shown", "hidden"),
    [("claims", "c2", "c1"), ("events", "v1", "v2"), ("relations", "r2", "r1")],
)
def test_the_default_threshold_hides_unsure_facts_and_says_so(
    db: Path, command: str, shown: str, hidden: str
) -> None:
    assert 0.03 < DEFAULT_THRESHOLD < 0.96  # the fixture's unsure facts are under it, its sure ones above
    result = run(command, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)  # stdout stays JSON: the note goes to stderr
    assert [r["id"] for r in rows] == [shown]
    assert rows[0]["confidence"] == VALUES[shown]
    assert result.stderr.strip() == note(1, DEFAULT_THRESHOLD)


@pytest.mark.parametrize("command", ["claims", "events", "relations"])
def test_min_confidence_zero_shows_everything_and_says_nothing(db: Path, command: str) -> None:
    result = run(command, "--db", db, "--json", "--min-confidence", "0")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr == ""


def test_a_high_threshold_hides_more(db: Path) -> None:
    result = run("claims", "--db", db, "--min-confidence", "0.98")
    assert result.exit_code == 0
    assert "(no claims)" in result.stdout
    assert result.stderr.strip() == note(2, 0.98)


@pytest.mark.parametrize(("command", "value"), [("claims", "0.97"), ("events", "0.96"), ("relations", "0.99")])
def test_listings_show_the_confidence(db: Path, command: str, value: str) -> None:
    result = run(command, "--db", db)
    assert result.exit_code == 0
    assert value in result.stdout


@pytest.mark.parametrize("value", ["-0.1", "1.5", "high"])
def test_a_bad_threshold_is_refused(db: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["claims", "--db", str(db), "--min-confidence", value])
    assert result.exit_code == 2
    assert "--min-confidence" in result.output


@pytest.mark.parametrize("command", ["claims", "events", "relations", "network", "timeline", "path", "communities"])
def test_help_documents_the_threshold_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert "--min-confidence" in result.output
    assert f"default: {DEFAULT_THRESHOLD}" in " ".join(result.output.split())
    assert "--min-confidence 0" in result.output.split("Options:")[0]  # in an example


def test_show_json_carries_confidence(db: Path) -> None:
    data = json.loads(run("show", "hb1", "--db", db, "--json").stdout)
    assert {c["id"]: c["confidence"] for c in data["claims"]} == {"c1": 0.01, "c2": 0.97}
    assert all(e["confidence"] == 0.9 for e in data["entities"])


def test_network_hides_ties_of_unsure_facts_and_says_so(nexus: Path) -> None:
    result = run("network", "--db", nexus, "--actor", "Hamas", "--json", "--min-confidence", "0.5")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert ("relation", "allied_with") not in {(e["kind"], e["type"]) for e in data["edges"]}
    assert data["hidden_below_confidence"] == 1
    assert all(e["confidence"] == 0.9 for e in data["edges"])
    assert result.stderr.strip() == note(1, 0.5)
    every = run("network", "--db", nexus, "--actor", "Hamas", "--json", "--min-confidence", "0")
    assert ("relation", "allied_with") in {(e["kind"], e["type"]) for e in json.loads(every.stdout)["edges"]}
    assert every.stderr == ""


def test_network_listing_shows_confidence(nexus: Path) -> None:
    result = run("network", "--db", nexus, "--actor", "Hamas", "--min-confidence", "0")
    assert "confidence 0.00" in result.stdout and "confidence 0.90" in result.stdout


def test_timeline_hides_unsure_events_and_says_so(nexus: Path) -> None:
    result = run("timeline", "Jaish-e-Muhammad", "--db", nexus, "--json", "--min-confidence", "0.5")
    assert json.loads(result.stdout)["items"] == []
    assert result.stderr.strip() == note(1, 0.5)
    every = json.loads(run("timeline", "Jaish-e-Muhammad", "--db", nexus, "--json", "--min-confidence", "0").stdout)
    assert [i["confidence"] for i in every["items"]] == [0.0]


def test_communities_and_path_say_what_they_leave_out(nexus: Path) -> None:
    result = run("communities", "--db", nexus, "--min-confidence", "0.5")
    assert result.exit_code == 0
    assert result.stderr.strip() == note(2, 0.5)
    chain = run("path", "Hamas", "LeT", "--db", nexus, "--json", "--min-confidence", "0.5")
    assert "allied" not in json.loads(chain.stdout)["paths"][0]["text"]
    assert chain.stderr.strip().endswith("under confidence 0.50 hidden; --min-confidence 0 shows them")
