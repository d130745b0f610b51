"""Deliveries for real: a JSON Lines file, a webhook receiver on loopback that checks the HMAC
signature and refuses the first attempt, an SMTP server (aiosmtpd) receiving one digest; a
failing channel that does not stop the others; and a process killed between recording and
delivering, whose alerts the next run delivers exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsgraph.alerts import parse_config, run_alerts
from newsgraph.store import Store
from newsgraph.store.alerts import delivery_counts, list_alerts
from tests.alerts.servers import smtp_server, webhook_server
from tests.alerts.stories import NEW_IDS

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)
SECRET = "webhook-secret-for-tests"
RULES = [
    {"name": "groups in events", "kind": "actor_event", "actors": ["Hamas", "Jaish-e-Mohammed"], "min_confidence": 0},
    {"name": "hamas ties", "kind": "new_tie", "actors": "Hamas", "min_confidence": 0},
]
EXPECTED = 5
"""What RULES raise on the new stories (tests/alerts/test_evaluate.py says which)."""


def config(jsonl: Path, webhook: str | None = None, smtp_port: int | None = None) -> dict[str, Any]:
    deliver: list[dict[str, Any]] = [{"type": "jsonl", "path": str(jsonl)}]
    if webhook:
        deliver.append({"type": "webhook", "url": webhook, "secret_env": "NG_TEST_WEBHOOK_SECRET", "backoff": 0.05})
    if smtp_port:
        deliver.append(
            {
                "type": "email",
                "host": "127.0.0.1",
                "port": smtp_port,
                "from": "newsgraph@example.org",
                "to": ["analyst@example.org", "desk@example.org"],
                "subject": "newsgraph: {count} alerts",
                "timeout": 5,
            }
        )
    return {"rules": RULES, "deliver": deliver}


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NG_TEST_WEBHOOK_SECRET", SECRET)


@pytest.mark.parametrize("unused", [None])
def test_every_channel_delivers_each_alert_once(store: Store, tmp_path: Path, unused: None) -> None:
    jsonl = tmp_path / "alerts.jsonl"
    with webhook_server(SECRET, refuse_first=1) as (url, hook), smtp_server() as (port, box):
        rules, deliveries = parse_config(config(jsonl, url, port))
        run = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert len(run.raised) == EXPECTED and run.failed == {}
        assert run.delivered == {"jsonl": EXPECTED, "webhook": EXPECTED, "email": EXPECTED}
        # the webhook: the first attempt refused (500), retried, every alert signed and taken once
        assert hook.refused == 1 and hook.bad_signatures == 0
        assert sorted(a["id"] for a in hook.accepted) == sorted(run.raised)
        # the mail: one digest, to both addresses, plain text and HTML
        assert len(box.messages) == 1
        sender, to, message = box.messages[0]
        assert sender == "newsgraph@example.org" and sorted(to) == ["analyst@example.org", "desk@example.org"]
        assert message["Subject"] == f"newsgraph: {EXPECTED} alerts"
        plain = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert plain.count("[groups in events]") == 3 and plain.count("[hamas ties]") == 2
        assert "Hamas representatives attended the rally, according to analyst Ayesha Siddiqa." in plain
        assert "speaker: Ayesha Siddiqa" in plain and "Wire" in plain
        assert html.count("<h3>") == EXPECTED and "<blockquote>" in html
        assert 'href="https://news.example/al-2026-0302-bahawalpur"' in html
        # a second run over the same documents: nothing raised, nothing sent again
        again = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert again.raised == () and again.delivered == {"jsonl": 0, "webhook": 0, "email": 0}
        assert len(hook.accepted) == EXPECTED and len(box.messages) == 1
    got = lines(jsonl)
    assert sorted(a["id"] for a in got) == sorted(run.raised)
    event = next(a for a in got if a["fact"]["kind"] == "event" and a["speaker_name"])
    assert event["rule"] == "groups in events" and event["fact"]["type"] == "PROTEST"
    assert event["document"] == "al-2026-0302-bahawalpur" and event["outlet"] == "Wire"
    assert event["title"] and event["url"] and event["sentence_text"] and event["fact"]["modality"] == "asserted"
    assert event["fact"]["confidence"] is not None


@pytest.mark.parametrize("unused", [None])
def test_a_failing_channel_stops_no_other_and_is_tried_again(
    store: Store, tmp_path: Path, unused: None, caplog: pytest.LogCaptureFixture
) -> None:
    jsonl = tmp_path / "alerts.jsonl"
    with webhook_server(SECRET, refuse_first=99) as (url, hook):
        rules, deliveries = parse_config(config(jsonl, url))
        with caplog.at_level("WARNING", logger="newsgraph.alerts"):
            first = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert first.delivered == {"jsonl": EXPECTED}
        assert "webhook" in first.failed and "HTTP 500" in first.failed["webhook"]
        assert hook.refused == 3, "three attempts (the default retries), then the next run"
        failures = [r.getMessage() for r in caplog.records if "webhook" in r.getMessage()]
        assert len(failures) == 1 and "\n" not in failures[0]
        assert delivery_counts(store.engine)[("webhook", "pending")] == EXPECTED
        hook.refuse = 0  # the receiver is back
        second = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert second.raised == () and second.delivered == {"jsonl": 0, "webhook": EXPECTED}
        assert sorted(a["id"] for a in hook.accepted) == sorted(first.raised)
    assert len(lines(jsonl)) == EXPECTED
    assert delivery_counts(store.engine) == {("jsonl", "delivered"): EXPECTED, ("webhook", "delivered"): EXPECTED}


KILLED_RUN = textwrap.dedent(
    """
    import json, os, signal, sys
    from datetime import UTC, datetime
    from newsgraph.alerts import parse_config, run_alerts
    from newsgraph.store import Store

    db, cfg, ids = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3].split(",")
    rules, deliveries = parse_config(cfg)
    with Store.open(db) as store:
        run_alerts(
            store.engine, rules, deliveries, ids, now=datetime(2026, 3, 4, 12, tzinfo=UTC),
            after_record=lambda recorded: os.kill(os.getpid(), signal.SIGKILL),
        )
    print("not killed")
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("unused", [None])
def test_alerts_recorded_by_a_killed_run_are_delivered_once_by_the_next(
    store: Store, tmp_path: Path, unused: None
) -> None:
    jsonl = tmp_path / "alerts.jsonl"
    db = str(store.engine.url.database)
    with webhook_server(SECRET) as (url, hook):
        cfg = config(jsonl, url)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", KILLED_RUN, db, json.dumps(cfg), ",".join(NEW_IDS)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
        assert "not killed" not in done.stdout
        # recorded, delivered nowhere
        assert len(list_alerts(store.engine, limit=100)) == EXPECTED
        assert delivery_counts(store.engine) == {("jsonl", "pending"): EXPECTED, ("webhook", "pending"): EXPECTED}
        assert not jsonl.exists() and hook.accepted == []
        # the restart: nothing raised again, what was pending delivered once
        rules, deliveries = parse_config(cfg)
        after = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert after.raised == () and after.repeated == EXPECTED
        assert after.delivered == {"jsonl": EXPECTED, "webhook": EXPECTED}
        third = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert third.delivered == {"jsonl": 0, "webhook": 0}
        ids = [a["id"] for a in hook.accepted]
    assert Counter(ids) == Counter({a.id: 1 for a in list_alerts(store.engine, limit=100)})
    assert Counter(a["id"] for a in lines(jsonl)) == Counter(ids)


@pytest.mark.parametrize("unused", [None])
def test_the_watchers_hook_checks_the_rules_first_and_delivers_pending(
    store: Store, tmp_path: Path, unused: None
) -> None:
    from newsgraph.alerts import after_ingest_hook
    from newsgraph.errors import AlertConfigError

    with pytest.raises(AlertConfigError, match="rule 'x', key 'kind'"):
        after_ingest_hook([{"name": "x", "kind": "nope"}], None)
    jsonl = tmp_path / "alerts.jsonl"
    cfg = config(jsonl)
    hook = after_ingest_hook(cfg["rules"], cfg["deliver"])
    first = hook(store.engine, NEW_IDS[:1])
    assert first.delivered == {"jsonl": len(first.raised)} and first.raised
    second = hook(store.engine, NEW_IDS[1:])
    assert second.raised and len(lines(jsonl)) == len(first.raised) + len(second.raised)
    assert hook(store.engine, []).raised == ()


@pytest.mark.parametrize("unused", [None])
def test_the_digest_over_starttls_with_a_login_from_the_environment(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unused: None
) -> None:
    from tests.alerts.servers import self_signed, tls_smtp_server

    made = self_signed(tmp_path)
    if made is None:
        pytest.skip("the openssl command is absent: no certificate for the test server")
    cert, key = made
    monkeypatch.setenv("NG_TEST_SMTP_USER", "analyst")
    monkeypatch.setenv("NG_TEST_SMTP_PASSWORD", "wrong")
    with tls_smtp_server(cert, key, "analyst", "pw-from-env") as (port, box):
        mail = {
            "type": "email",
            "host": "127.0.0.1",
            "port": port,
            "starttls": True,
            "ca_file": str(cert),
            "from": "newsgraph@example.org",
            "to": "analyst@example.org",
            "username_env": "NG_TEST_SMTP_USER",
            "password_env": "NG_TEST_SMTP_PASSWORD",
            "timeout": 5,
        }
        rules, deliveries = parse_config({"rules": RULES, "deliver": [mail]})
        # a wrong password: refused, said in one line, the alerts kept pending
        refused = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert len(refused.raised) == EXPECTED and "email" in refused.failed and box.messages == []
        assert "pw-from-env" not in refused.failed["email"] and "wrong" not in refused.failed["email"]
        monkeypatch.setenv("NG_TEST_SMTP_PASSWORD", "pw-from-env")
        run = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert run.failed == {} and run.delivered == {"email": EXPECTED}
        assert len(box.messages) == 1 and box.messages[0][1] == ["analyst@example.org"]
        assert box.messages[0][2].get_body(("plain",)).get_content().count("[groups in events]") == 3  # type: ignore[union-attr]
