"""`newsgraph watch` with rules: a loopback feed, the real pipeline, alerts in a JSON Lines file,
and no alert twice when the same watcher runs again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from tests.watch.server import LoopbackServer, Route, rss
from tests.watch.stories import STORIES

FETCH = "fetch: {timeout: 1, max_seconds: 5, retries: 1, backoff: 0.01, per_host_interval: 0}\n"


def _config(tmp_path: Path, server: LoopbackServer, rules: str) -> Path:
    config = tmp_path / "watch.yaml"
    config.write_text(
        FETCH
        + f"store: {tmp_path / 'w.db'}\n"
        + f"sources:\n  - {{name: wire, feed: '{server.url('/feed.xml')}', every: 1s}}\n"
        + rules
        + f"deliver:\n  - type: jsonl\n    path: {tmp_path / 'alerts.jsonl'}\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.slow
def test_the_watcher_raises_each_alert_once_across_runs(server: LoopbackServer, tmp_path: Path) -> None:
    feed = [(server.url("/news/0"), "Rally", STORIES[0])]
    server.routes["/feed.xml"] = Route(rss(feed), "application/rss+xml")
    rules = "rules:\n  - name: armed groups\n    kind: actor_event\n    actors: [Hamas]\n    min_confidence: 0\n"
    config = _config(tmp_path, server, rules)
    first = CliRunner().invoke(cli, ["watch", str(config), "--once"])
    assert first.exit_code == 0, first.output
    lines = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines, first.output
    assert all(a["rule"] == "armed groups" for a in lines)
    assert any("Hamas" in json.dumps(a) for a in lines)
    # a new item in the feed: only its facts can alert; the first story's never again
    feed.append((server.url("/news/2"), "Arrests", STORIES[2]))
    server.routes["/feed.xml"] = Route(rss(feed), "application/rss+xml")
    second = CliRunner().invoke(cli, ["watch", str(config), "--all"])
    assert second.exit_code == 0, second.output
    again = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert again[: len(lines)] == lines
    keys = [json.dumps(a, sort_keys=True) for a in again]
    assert len(keys) == len(set(keys))


def test_a_wrong_rule_stops_the_watcher_before_any_poll(server: LoopbackServer, tmp_path: Path) -> None:
    config = _config(tmp_path, server, "rules:\n  - name: r1\n    kind: no_such_kind\n")
    result = CliRunner().invoke(cli, ["watch", str(config), "--check"])
    assert result.exit_code != 0
    message = str(result.exception)  # `newsgraph` prints it as one line (newsgraph.cli.main)
    assert "rule 'r1', key 'kind'" in message
    assert not (tmp_path / "w.db").exists()
