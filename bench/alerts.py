"""Alert rules: evaluation time per batch of new documents, and the latency from a document
stored to its alert delivered (a JSON Lines file and a webhook on loopback).

    .venv/bin/python bench/alerts.py                       # ../shared's Guardian stories, samples/, our stories
    .venv/bin/python bench/alerts.py --db newsgraph.db     # an existing store (read; copied first)
    .venv/bin/python bench/alerts.py --batch 32 --stories 10

Prints:

- p50 / p95 / max milliseconds of :func:`newsgraph.alerts.evaluate` with one rule of each kind
  (watching the three most documented actors, and Hamas, Lashkar-e-Taiba, Jaish-e-Mohammed)
  over the store's newest documents, ``--batch`` at a time (the watcher's batch);
- for ``--stories`` new stories ingested one at a time: the ingest itself (extraction, storing,
  resolution), then from the document stored to its alert in the JSON Lines file and to its
  alert received by the webhook receiver (recording, delivering, signing, POST on loopback).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.alerts

from newsgraph.alerts import evaluate, parse_config, parse_rules, run_alerts
from newsgraph.alerts.evaluate import _SCREENED
from newsgraph.ingest import read_inputs
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.store.actors import list_actors
from newsgraph.store.documents import current_document_ids
from newsgraph.watchlist import read_lists
from newsgraph.watchlist.storage import replace_list
from tests.alerts.servers import webhook_server
from tests.alerts.stories import EARLIER, NEW, WATCHLIST_UN_XML

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ["Hamas", "Lashkar-e-Taiba", "Jaish-e-Mohammed"]
SECRET = "bench-secret"
GUARDIAN = ROOT.parent / "shared" / "corpus" / "guardian-dev.jsonl"


def stats(ms: list[float]) -> str:
    if not ms:
        return "n/a"
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.1f} ms  p95 {p95:7.1f} ms  max {ordered[-1]:7.1f} ms  (n={len(ms)})"


def build(root: Path, corpus: Path | None) -> Path:
    """A store of ``corpus`` (if any), samples/ and the alert stories, with the tests' one-entry
    list loaded (so the watchlist rule screens)."""
    db = root / "bench-alerts.db"
    stories = root / "stories.jsonl"
    stories.write_text("".join(json.dumps(d) + "\n" for d in EARLIER + NEW), encoding="utf-8")
    inputs = [str(p) for p in (corpus, ROOT / "samples", stories) if p is not None]
    un = root / "un-test.xml"
    un.write_text(WATCHLIST_UN_XML, encoding="utf-8")
    with Store.open(db) as store:
        ingest(read_inputs(inputs), store)
        for loaded in read_lists([un]):
            replace_list(store.engine, loaded)
    return db


def copy(src: Path, dst: Path) -> Path:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst


def rule_set(store: Store) -> list[dict[str, Any]]:
    top = [a.name for a in list_actors(store.engine, limit=3)]
    watched = list(dict.fromkeys([*GROUPS, *top]))
    # names the store does not know are skipped by the rules: keep only resolvable ones
    return [
        {"name": "events", "kind": "actor_event", "actors": watched, "min_confidence": 0},
        {"name": "claims", "kind": "actor_claim", "actors": watched, "min_confidence": 0},
        {"name": "ties", "kind": "new_tie", "actors": watched, "min_confidence": 0},
        {"name": "listed", "kind": "watchlist_match"},
        {"name": "speakers", "kind": "new_speaker", "actors": watched, "min_confidence": 0},
        {"name": "surge", "kind": "surge", "actors": watched, "min_confidence": 0, "min_count": 2},
    ]


def bench_evaluate(store: Store, batch: int, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per batch: all rules together (``all``), and each rule alone."""
    ids = current_document_ids(store.engine)
    rules = parse_rules(rule_set(store))
    evaluate(store.engine, rules, ids[-batch:])  # warm: the ontology, the alias table, the list keys
    batches = [ids[max(0, len(ids) - (k + 1) * batch) : len(ids) - k * batch] for k in range(rounds)]
    batches = [b for b in batches if b]
    times: dict[str, list[float]] = {"all": [], **{r.kind: [] for r in rules}}
    for b in batches:
        _SCREENED.clear()  # cold: a watcher keeps the names it screened, batch after batch
        t0 = time.perf_counter()
        evaluate(store.engine, rules, b)
        times["all"].append((time.perf_counter() - t0) * 1000)
        for r in rules:
            _SCREENED.clear()
            t0 = time.perf_counter()
            evaluate(store.engine, [r], b)
            times[r.kind].append((time.perf_counter() - t0) * 1000)
    return times


def story(n: int) -> dict[str, Any]:
    """A new story each time (its number in the text, new on every run), naming the watched groups
    in an event."""
    n = int(f"{time.time_ns() // 1000}{n:03d}")
    return {
        "id": f"bench-{n}",
        "title": f"Jaish-e-Mohammed rally number {n}",
        "published": "2026-03-04",
        "source": "Bench",
        "text": (
            f"KARACHI, March 4 (Bench) - Jaish-e-Mohammed held rally number {n} in Karachi on Wednesday. "
            f"Hamas envoys attended rally {n}, according to analyst Ayesha Siddiqa."
        ),
    }


def bench_latency(store: Store, root: Path, count: int) -> tuple[list[float], list[float], list[float]]:
    """Each story ingested, then the watcher's call: (ingest ms, stored -> JSONL ms, stored -> webhook ms).
    The JSON Lines time is the file's modification time after the append (synced); the webhook's,
    the receiver's clock when the POST arrived (the same machine, the same clock)."""
    jsonl = root / "latency.jsonl"
    os.environ["NG_BENCH_SECRET"] = SECRET
    ingest_ms, file_ms, hook_ms = [], [], []
    with webhook_server(SECRET) as (url, hook):
        cfg = {
            "rules": [{"name": "groups", "kind": "actor_event", "actors": GROUPS, "min_confidence": 0}],
            "deliver": [
                {"type": "jsonl", "path": str(jsonl)},
                {"type": "webhook", "url": url, "secret_env": "NG_BENCH_SECRET"},
            ],
        }
        rules, deliveries = parse_config(cfg)
        for n in range(count + 1):  # the first loads the language model: not counted
            path = root / f"story-{n}.jsonl"
            path.write_text(json.dumps(story(n)) + "\n", encoding="utf-8")
            t0 = time.time()
            report = ingest(read_inputs([str(path)]), store)
            stored = time.time()
            before = len(hook.arrivals)
            run = run_alerts(store.engine, rules, deliveries, [s.id for s in report.saved.values()])
            if n == 0:
                continue
            ingest_ms.append((stored - t0) * 1000)
            if not run.raised:
                print(f"  story {n}: no alert raised (no event of the groups extracted)", file=sys.stderr)
                continue
            file_ms.append((jsonl.stat().st_mtime_ns / 1e9 - stored) * 1000)
            hook_ms.append((hook.arrivals[before] - stored) * 1000)
    return ingest_ms, file_ms, hook_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="An existing store (copied, never written).")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=20, help="Batches evaluated.")
    parser.add_argument("--keep", type=Path, help="Keep the store built here (a folder), for --db next time.")
    parser.add_argument("--stories", type=int, default=10, help="New stories for the latency.")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=GUARDIAN if GUARDIAN.exists() else None,
        help="Documents to build the store from (default: ../shared/corpus/guardian-dev.jsonl when present).",
    )
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-bench-alerts-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        db = copy(args.db, root / "copy.db") if args.db else build(root, args.corpus)
        print(f"store ready in {time.perf_counter() - t0:.1f} s: {db}")
        with Store.open(db) as store:
            docs = len(current_document_ids(store.engine))
            times = bench_evaluate(store, args.batch, args.rounds)
            print(f"evaluate 6 rules over {args.batch} new documents (store of {docs}): {stats(times.pop('all'))}")
            for kind, ms in times.items():
                print(f"  {kind:<16} {stats(ms)}")
            ingest_ms, file_ms, hook_ms = bench_latency(store, root, args.stories)
            print(f"ingest one story (extract, store, resolve):     {stats(ingest_ms)}")
            print(f"stored -> alert in the JSON Lines file:          {stats(file_ms)}")
            print(f"stored -> alert received by the webhook:         {stats(hook_ms)}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
