"""The watcher's costs, against feeds served by a real HTTP server on loopback.

    .venv/bin/python bench/watch.py                       # 200 feeds of 20 items, 5 latency probes
    .venv/bin/python bench/watch.py --feeds 50 --probes 3

Prints:

- **one poll cycle over N feeds with nothing new**: (a) the servers answer ``304 Not Modified`` to
  the conditional GET (the usual case); (b) the servers have no validators and send each feed
  whole, every item already seen (the feeds are parsed and every link looked up in the store).
  Every feed is on the same loopback host, so the per-host rate limit is set to 0 (with the
  default of 1 s, N feeds on one host would take N seconds by design);
- **latency from an item appearing in a feed to its document stored**: the watcher runs as a
  service (a source polled every second, the model loaded beforehand); an item is added to the
  feed and the time until its document is in the store is measured (waiting for the next poll,
  the fetch, extraction, resolution, story grouping and the commit).

The alert latency (item to alert delivered) is added by the alerting stage's bench.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.watch.server

from sqlalchemy import func, select

from newsgraph.batch import warm_up
from newsgraph.store import Store, begin
from newsgraph.store import watch as state
from newsgraph.store.schema import documents
from newsgraph.watch import Watcher, parse_config
from tests.watch.server import LoopbackServer, Route, rss, serving
from tests.watch.stories import STORIES

FETCH = "fetch: {timeout: 5, retries: 0, per_host_interval: 0}\n"


def _feed(server: LoopbackServer, k: int, items: int) -> bytes:
    return rss(
        [(server.url(f"/f{k}/item/{i}"), f"Item {i}", STORIES[(k + i) % len(STORIES)]) for i in range(items)],
        title=f"Feed {k}",
    )


def poll_cycle(feeds: int, items: int, folder: Path) -> None:
    with serving() as server:
        for k in range(feeds):
            server.routes[f"/f{k}.xml"] = Route(_feed(server, k, items), "application/rss+xml")
        sources = "".join(f"  - {{name: f{k}, feed: '{server.url(f'/f{k}.xml')}', every: 1s}}\n" for k in range(feeds))
        config = parse_config(FETCH + "sources:\n" + sources)
        with Store.open(folder / "poll.db") as store, Watcher(config, store, log=lambda _l: None) as w:
            # Every item seen before (as after a first poll), without ingesting 4,000 documents.
            now = datetime.now(UTC).isoformat(timespec="seconds")
            with begin(store.engine) as tx:
                state.mark_seen(
                    tx,
                    [
                        state.SeenItem(f"f{k}", server.url(f"/f{k}/item/{i}"), None, None, "stored", now)
                        for k in range(feeds)
                        for i in range(items)
                    ],
                )
            whole = w.run_once(all_sources=True)
            assert all(s.seen_before == items and s.new == 0 for s in whole.sources), whole.sources[:2]
            timings = []
            for _ in range(3):
                r = w.run_once(all_sources=True)
                assert all(s.not_modified for s in r.sources)
                timings.append(r.seconds)
            # Servers without validators: the whole feed every time.
            for k in range(feeds):
                server.routes[f"/f{k}.xml"] = Route(_feed(server, k, items), "application/rss+xml", etag=False)
            plain = []
            for _ in range(3):
                r = w.run_once(all_sources=True)
                assert all(s.seen_before == items and s.new == 0 for s in r.sources)
                plain.append(r.seconds)
        print(f"poll cycle, {feeds} feeds x {items} items, nothing new:")
        for label, runs in (("304 Not Modified:     ", timings), ("whole feeds, all seen:", plain)):
            mid = statistics.median(runs)
            shown = ", ".join(f"{t:.2f}" for t in runs)
            print(f"  {label} {mid:.2f} s ({1000 * mid / feeds:.1f} ms per feed; runs {shown})")
        print(f"  requests served: {sum(server.hits.values())}, 304s: {sum(server.not_modified.values())}")


def latency(probes: int, folder: Path) -> None:
    t0 = time.perf_counter()
    warm_up()
    print(f"model load and warm-up (once per watcher process): {time.perf_counter() - t0:.1f} s")
    with serving() as server:
        items: list[tuple[str, str, str]] = []
        server.routes["/feed.xml"] = Route(rss(items), "application/rss+xml")
        config = parse_config(FETCH + f"sources:\n  - {{name: wire, feed: '{server.url('/feed.xml')}', every: 1s}}\n")
        with Store.open(folder / "latency.db") as store, Watcher(config, store, log=lambda _l: None) as w:
            loop = threading.Thread(target=w.run_forever, kwargs={"max_wait": 1.0}, daemon=True)
            loop.start()
            results = []
            for n in range(probes):
                text = STORIES[n % len(STORIES)] + f" (Probe {n}.)"
                items.insert(0, (server.url(f"/probe/{n}"), f"Probe {n}", text))
                appeared = time.perf_counter()
                server.routes["/feed.xml"] = Route(rss(items), "application/rss+xml")
                while True:
                    with store.engine.connect() as conn:
                        if conn.execute(select(func.count()).select_from(documents)).scalar_one() > n:
                            break
                    time.sleep(0.01)
                results.append(time.perf_counter() - appeared)
            w.stop()
            loop.join()
    print(f"item in feed -> document stored, {probes} probes, polled every 1 s:")
    print(
        f"  median {statistics.median(results):.2f} s, max {max(results):.2f} s "
        f"(runs {', '.join(f'{r:.2f}' for r in results)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=20, help="items per feed")
    ap.add_argument("--probes", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-watch-") as tmp:
        poll_cycle(args.feeds, args.items, Path(tmp))
        latency(args.probes, Path(tmp))


if __name__ == "__main__":
    main()
