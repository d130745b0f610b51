"""A watcher killed (SIGKILL) in the middle of a poll, after some of its documents are stored and
before it remembered anything: the restart stores the rest, stores nothing twice, and hands the
documents the killed run stored to the after-ingest step (nothing lost for the alerts either)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsgraph.batch import warm_up
from newsgraph.store import Store
from newsgraph.store import watch as state
from newsgraph.watch import Watcher, load_config
from tests.watch.server import Route, rss, serving
from tests.watch.stories import STORIES

ROOT = Path(__file__).resolve().parents[2]


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or its tables not yet
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("items", [len(STORIES)])
def test_a_watcher_killed_mid_poll_neither_loses_nor_repeats(tmp_path: Path, items: int) -> None:
    db = tmp_path / "watch.db"
    with serving() as server:
        server.routes["/feed.xml"] = Route(
            rss([(server.url(f"/news/{n}"), f"Story {n}", STORIES[n]) for n in range(items)]), "application/rss+xml"
        )
        config = tmp_path / "watch.yaml"
        config.write_text(
            "fetch: {timeout: 2, retries: 0, per_host_interval: 0}\nbatch_size: 1\n"
            f"store: {db}\nsources:\n  - {{name: wire, feed: '{server.url('/feed.xml')}'}}\n",
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", "from newsgraph.cli import main; main()", "watch", str(config), "--once"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # The restart below runs in this process: load its model while the watcher starts up.
        loading = threading.Thread(target=warm_up, daemon=True)
        loading.start()
        try:
            deadline = time.monotonic() + 180
            while _count(db, "SELECT count(*) FROM documents") < 1:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "the watcher stored nothing in time"
                time.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stderr:
                proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        before = _count(db, "SELECT count(*) FROM documents")
        assert 1 <= before < items, "killed too late: every item was stored already"
        assert _count(db, "SELECT count(*) FROM watch_seen") == 0  # nothing remembered yet
        stored_before = {
            row[0]: row[1]
            for row in sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("SELECT id, ingested_at FROM documents")
        }

        loading.join()
        calls: list[list[str]] = []
        with (
            Store.open(db) as store,
            Watcher(
                load_config(config), store, after_ingest=lambda _e, ids: calls.append(ids), log=lambda _l: None
            ) as w,
        ):
            report = w.run_once()
            assert report.sources[0].new == items and report.sources[0].error is None
            seen = state.seen_items(store.engine)
    assert _count(db, "SELECT count(*) FROM documents") == items
    assert _count(db, "SELECT count(DISTINCT url) FROM documents") == items
    # The documents stored before the kill were not stored again (same rows, same time).
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        after = dict(conn.execute("SELECT id, ingested_at FROM documents").fetchall())
    assert all(after[i] == t for i, t in stored_before.items())
    # Every item is seen once, and the after-ingest step got every document once, those the
    # killed run stored included.
    assert len(seen) == items and {s["status"] for s in seen} == {"stored"}
    assert len(calls) == 1 and sorted(calls[0]) == sorted(after)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM])  # SIGINT takes the same handler
def test_the_service_stops_cleanly_on_a_signal(tmp_path: Path, sig: signal.Signals) -> None:
    with serving() as server:
        server.routes["/feed.xml"] = Route(rss([]), "application/rss+xml")  # nothing to extract
        config = tmp_path / "watch.yaml"
        config.write_text(
            "fetch: {timeout: 2, retries: 0, per_host_interval: 0}\n"
            f"store: {tmp_path / 'w.db'}\nsources:\n  - {{name: wire, feed: '{server.url('/feed.xml')}', every: 1s}}\n",
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", "from newsgraph.cli import main; main()", "watch", str(config)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 120
            while server.hits["/feed.xml"] < 2:  # polled twice: it runs as a service
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "the service never polled"
                time.sleep(0.02)
            proc.send_signal(sig)
            _out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 0, err
    assert f"{sig.name}: stopping after the current document" in err and "watch: stopped" in err
    assert "wire: " in err and "feed has no items" in err  # the failure, logged on one line
