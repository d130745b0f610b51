"""The alert rules on a real PostgreSQL server (Debian's, on loopback): the same stories ingested
the same way raise the same alerts as on SQLite, once, with their deliveries."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.alerts import parse_config, run_alerts
from newsgraph.store import Store
from newsgraph.store.alerts import delivery_counts, list_alerts
from tests.actor_records import fresh_database
from tests.alerts.stories import EARLIER, NEW, NEW_IDS

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)


def config(jsonl: Path) -> dict[str, object]:
    return {
        "rules": [
            {"name": "groups", "kind": "actor_event", "actors": ["Hamas", "LeT", "JeM"], "min_confidence": 0},
            {"name": "ties", "kind": "new_tie", "actors": "Hamas", "min_confidence": 0},
            {"name": "who", "kind": "new_speaker", "actors": "Hamas", "min_confidence": 0},
        ],
        "deliver": [{"type": "jsonl", "path": str(jsonl)}],
    }


def raised(target: str, jsonl: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    rules, deliveries = parse_config(config(jsonl))
    with Store.open(target) as store:
        first = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        again = run_alerts(store.engine, rules, deliveries, NEW_IDS, now=NOW)
        assert again.raised == () and again.repeated == len(first.raised) > 0
        assert delivery_counts(store.engine) == {("jsonl", "delivered"): len(first.raised)}
        return sorted((a.rule, a.doc_id, a.summary, a.sentence) for a in list_alerts(store.engine, limit=100))


@pytest.mark.slow
@pytest.mark.parametrize("unused", [None])
def test_the_same_alerts_on_postgresql(postgresql_url: str, store: Store, tmp_path: Path, unused: None) -> None:
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest

    # a database of its own: the server's default one is shared with the store tests
    postgresql_url = fresh_database(postgresql_url, "alerts_same_on_postgresql")
    with Store.open(postgresql_url) as pg:
        for n, batch in enumerate((EARLIER, NEW)):
            path = tmp_path / f"batch{n}.jsonl"
            path.write_text("".join(json.dumps(d) + "\n" for d in batch), encoding="utf-8")
            assert ingest(read_inputs([str(path)]), pg).new == len(batch)
    on_pg = raised(postgresql_url, tmp_path / "pg.jsonl")
    on_sqlite = raised(str(store.engine.url.database), tmp_path / "sqlite.jsonl")
    assert on_pg == on_sqlite
    assert len(on_pg) == 6 and len((tmp_path / "pg.jsonl").read_text(encoding="utf-8").splitlines()) == 6
