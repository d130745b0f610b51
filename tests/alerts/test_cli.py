"""``newsgraph alerts run`` over stored documents and ``newsgraph alerts`` listing what it raised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.store import Store
from tests.alerts.stories import NEW_IDS

WATCH = """\
rules:
  - name: groups in events
    kind: actor_event
    actors: [Hamas, Lashkar-e-Taiba, Jaish-e-Mohammed]
    min_confidence: 0
deliver:
  - type: terminal
  - type: jsonl
    path: {jsonl}
"""


@pytest.mark.parametrize("unused", [None])
def test_run_then_list(store: Store, tmp_path: Path, unused: None) -> None:
    db = str(store.engine.url.database)
    watch = tmp_path / "watch.yaml"
    jsonl = tmp_path / "alerts.jsonl"
    watch.write_text(WATCH.format(jsonl=jsonl), encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(cli, ["alerts", "run", "--rules", str(watch), "--documents", ",".join(NEW_IDS), "--db", db])
    assert done.exit_code == 0, done.output
    assert done.output.count("[groups in events]") == 3, "the terminal channel shows each alert"
    assert "Jaish-e-Mohammed in a new THREATEN event" in done.output
    assert "3 new alert(s), 0 alerted before; 3 to terminal, 3 to jsonl" in " ".join(done.output.split())
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 3

    again = runner.invoke(cli, ["alerts", "run", "--rules", str(watch), "--since", "2000-01-01", "--db", db, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["raised"] == [] and json.loads(again.output)["repeated"] == 3

    listed = runner.invoke(cli, ["alerts", "--db", db, "--json", "--limit", "2"])
    assert listed.exit_code == 0, listed.output
    body = json.loads(listed.output)
    assert body["total"] == 3 and len(body["items"]) == 2
    assert body["items"][0]["id"] > body["items"][1]["id"], "newest first"
    assert body["items"][0]["deliveries"] == {"jsonl": "delivered", "terminal": "delivered"}
    table = runner.invoke(cli, ["alerts", "--db", db])
    assert table.exit_code == 0 and "3 of 3 alert(s) shown" in table.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alerts", "run", "--rules", "{watch}"], "--documents ID"),
        (["alerts", "run", "--rules", "{bad}", "--since", "2026"], "rule 'x', key 'kind'"),
    ],
)
def test_run_refuses_with_one_line(store: Store, tmp_path: Path, args: list[str], message: str) -> None:
    watch, bad = tmp_path / "watch.yaml", tmp_path / "bad.yaml"
    watch.write_text("rules: []\n", encoding="utf-8")
    bad.write_text("rules:\n  - name: x\n    kind: nope\n", encoding="utf-8")
    argv = [a.format(watch=watch, bad=bad) for a in args] + ["--db", str(store.engine.url.database)]
    done = CliRunner().invoke(cli, argv, standalone_mode=False)
    assert done.exception is not None and message in str(done.exception)


@pytest.mark.parametrize("command", [["alerts"], ["alerts", "run"]])
def test_help_has_an_example(command: list[str]) -> None:
    done = CliRunner().invoke(cli, [*command, "--help"])
    assert done.exit_code == 0 and "Example:" in done.output and "newsgraph alerts" in done.output
