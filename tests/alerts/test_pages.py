"""An alert on a fact of a PDF report carries the page of its sentence: in its JSON shape (the
JSON Lines file, the webhook, the API) and in the lines the terminal and the mail show; an alert
on a plain story has none (issue 17)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.alerts import parse_config, run_alerts
from newsgraph.alerts.deliver import alert_html, alert_lines
from newsgraph.store import Store
from newsgraph.store.alerts import list_alerts
from newsgraph.store.documents import current_document_ids
from newsgraph.web import models as m
from newsgraph.web.app import create_app
from tests.ingest.paged import page_of_sentence, paged_store


@pytest.mark.parametrize("actors", [["Hamas", "Lashkar-e-Taiba", "Turkey", "Pakistan", "India"]])
def test_an_alert_cites_the_page_of_its_sentence(tmp_path: Path, actors: list[str]) -> None:
    db = paged_store(tmp_path)
    out = tmp_path / "alerts.jsonl"
    rules, deliveries = parse_config(
        {
            "rules": [{"name": "watched", "kind": "actor_event", "actors": actors, "min_confidence": 0}],
            "deliver": [{"type": "jsonl", "path": str(out)}],
        }
    )
    with Store.open(db) as store:
        ids = current_document_ids(store.engine)
        done = run_alerts(store.engine, rules, deliveries, ids, now=datetime(2026, 3, 1, tzinfo=UTC))
        assert done.raised
        alerts = list_alerts(store.engine, limit=100)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(alerts) and {a["page"] for a in lines} >= {2, None}, lines
    for a in lines:
        assert a["page"] == page_of_sentence(a["sentence_text"]), a
    for alert in alerts:
        cited = f"({'p. ' + str(alert.page)})"
        assert (cited in alert_lines(alert)[1]) == (alert.page is not None)
        assert (cited in alert_html(alert)) == (alert.page is not None)
    with TestClient(create_app(str(db))) as client:
        body = client.get("/api/alerts").json()
    m.Page[m.Alert].model_validate(body)
    assert sorted((a["id"], a["page"]) for a in body["items"]) == sorted((a["id"], a["page"]) for a in lines)
