"""The watcher's limits, lifted (issue 17): sources are polled several at a time with each host
still paced; a gzipped sitemap is read, within a cap on what it expands to; a source that moved
for good (a permanent redirect) is polled at its new address from then on."""

from __future__ import annotations

import gzip
import threading
import time

import pytest
from sqlalchemy import select

from newsgraph.errors import FetchError
from newsgraph.fetch import Fetcher, FetchSettings, gunzip
from newsgraph.store import Store
from newsgraph.store import watch as state
from newsgraph.store.schema import documents
from newsgraph.watch import Watcher, parse_config
from tests.watch.server import LoopbackServer, Route, article, rss
from tests.watch.stories import STORIES

FETCH = "fetch: {timeout: 5, max_seconds: 10, retries: 0, backoff: 0.01, per_host_interval: 0, robots: false}\n"


def watcher(store: Store, sources: str, lines: list[str], fetch: str = FETCH) -> Watcher:
    return Watcher(parse_config(fetch + "sources:\n" + sources, "watch.yaml"), store, log=lines.append)


# -- sources at once -------------------------------------------------------------------------------


@pytest.mark.parametrize(("sources", "delay"), [(4, 1.0)])
def test_sources_are_polled_at_the_same_time(server: LoopbackServer, store: Store, sources: int, delay: float) -> None:
    for i in range(sources):
        server.routes[f"/feed/{i}"] = Route(rss([]), "application/rss+xml", delay=delay)
    yaml = "".join(f"  - {{name: s{i}, feed: '{server.url(f'/feed/{i}')}'}}\n" for i in range(sources))
    lines: list[str] = []
    with watcher(store, yaml, lines) as w:
        t0 = time.monotonic()
        report = w.run_once(all_sources=True)
        elapsed = time.monotonic() - t0
    assert [s.name for s in report.sources] == [f"s{i}" for i in range(sources)]  # reported in order
    assert all(s.error is None for s in report.sources), lines
    assert server.most_in_flight == sources
    assert elapsed < sources * delay * 0.75, elapsed  # one after another would take sources * delay


@pytest.mark.parametrize(("sources", "parallel"), [(4, 1)])
def test_one_source_at_a_time_when_asked(server: LoopbackServer, store: Store, sources: int, parallel: int) -> None:
    for i in range(sources):
        server.routes[f"/feed/{i}"] = Route(rss([]), "application/rss+xml", delay=0.2)
    yaml = "".join(f"  - {{name: s{i}, feed: '{server.url(f'/feed/{i}')}'}}\n" for i in range(sources))
    fetch = FETCH.replace("robots: false", f"robots: false, parallel_sources: {parallel}")
    with watcher(store, yaml, [], fetch) as w:
        w.run_once(all_sources=True)
    assert server.most_in_flight == 1


@pytest.mark.parametrize(("threads", "interval"), [(4, 0.3)])
def test_threads_sharing_a_fetcher_keep_the_pace_of_a_host(
    server: LoopbackServer, threads: int, interval: float
) -> None:
    server.routes["/p"] = Route(b"<html><body>x</body></html>")
    starts: list[float] = []
    with Fetcher(FetchSettings(timeout=5, per_host_interval=interval, robots=False)) as f:

        def one() -> None:
            f.get(server.url("/p"))
            starts.append(time.monotonic())

        pool = [threading.Thread(target=one) for _ in range(threads)]
        t0 = time.monotonic()
        for t in pool:
            t.start()
        for t in pool:
            t.join()
    assert server.hits["/p"] == threads
    assert max(starts) - t0 >= (threads - 1) * interval * 0.95  # the host's requests queued up


# -- gzipped sitemaps -------------------------------------------------------------------------------


def sitemap(server: LoopbackServer, pages: int) -> bytes:
    urls = "".join(
        f"<url><loc>{server.url(f'/p/{i}')}</loc><lastmod>2026-01-{10 + i:02d}</lastmod></url>" for i in range(pages)
    )
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


@pytest.mark.slow
@pytest.mark.parametrize("content_type", ["application/gzip", "application/x-gzip", "application/octet-stream"])
def test_a_gzipped_sitemap_is_read(server: LoopbackServer, store: Store, content_type: str) -> None:
    server.routes["/sitemap.xml.gz"] = Route(gzip.compress(sitemap(server, 2)), content_type)
    for i in range(2):
        server.routes[f"/p/{i}"] = Route(article(f"Page {i}", [STORIES[i], STORIES[7 - i]]))
    lines: list[str] = []
    with watcher(store, f"  - {{name: map, sitemap: '{server.url('/sitemap.xml.gz')}'}}\n", lines) as w:
        report = w.run_once()
    assert report.sources[0].new == 2, lines
    with store.engine.connect() as conn:
        assert {r[0] for r in conn.execute(select(documents.c.url))} == {server.url("/p/0"), server.url("/p/1")}


@pytest.mark.parametrize(("expanded", "cap"), [(5_000_000, 1_000_000)])
def test_a_gzip_bomb_sitemap_is_refused(server: LoopbackServer, store: Store, expanded: int, cap: int) -> None:
    bomb = gzip.compress(sitemap(server, 1)[:-10] + b" " * expanded + b"</urlset>")
    assert len(bomb) < cap // 20  # small on the wire
    server.routes["/sitemap.xml.gz"] = Route(bomb, "application/gzip")
    lines: list[str] = []
    fetch = FETCH.replace("robots: false", f"robots: false, max_bytes: {cap}")
    with watcher(store, f"  - {{name: map, sitemap: '{server.url('/sitemap.xml.gz')}'}}\n", lines, fetch) as w:
        report = w.run_once()
    assert report.sources[0].error is not None and "too large once decompressed" in report.sources[0].error
    assert any("gzip bomb" in line for line in lines)
    assert server.hits["/p/0"] == 0


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (gzip.compress(b"x" * 2000), "too large once decompressed"),
        (gzip.compress(b"<urlset/>")[:-12], "truncated gzip file"),
        (b"\x1f\x8bnot gzip at all", "not a valid gzip file"),
    ],
)
def test_gunzip_is_bounded_and_says_why_it_fails(body: bytes, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        gunzip("http://x/s.xml.gz", body, 1000)


@pytest.mark.parametrize("size", [1000])
def test_gunzip_gives_a_body_within_the_cap(size: int) -> None:
    assert gunzip("http://x/s.xml.gz", gzip.compress(b"y" * size), size) == b"y" * size


# -- permanent redirects ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 308])
def test_a_source_that_moved_for_good_is_polled_at_its_new_url(
    server: LoopbackServer, store: Store, status: int
) -> None:
    server.routes["/old.xml"] = Route(status=status, location=server.url("/new.xml"))
    server.routes["/new.xml"] = Route(rss([]), "application/rss+xml")
    lines: list[str] = []
    with watcher(store, f"  - {{name: wire, feed: '{server.url('/old.xml')}'}}\n", lines) as w:
        w.run_once(all_sources=True)
        assert state.source_states(store.engine)["wire"].moved_to == server.url("/new.xml")
        assert any("moved permanently to " + server.url("/new.xml") in line for line in lines), lines
        w.run_once(all_sources=True)
    assert (server.hits["/old.xml"], server.hits["/new.xml"]) == (1, 2)
    assert server.conditional["/new.xml"] == 1  # the validators of the new URL were used
    assert sum("moved permanently" in line for line in lines) == 1  # said once


@pytest.mark.parametrize("status", [302, 307])
def test_a_temporary_redirect_is_not_remembered(server: LoopbackServer, store: Store, status: int) -> None:
    server.routes["/old.xml"] = Route(status=status, location=server.url("/new.xml"))
    server.routes["/new.xml"] = Route(rss([]), "application/rss+xml")
    with watcher(store, f"  - {{name: wire, feed: '{server.url('/old.xml')}'}}\n", []) as w:
        w.run_once(all_sources=True)
        w.run_once(all_sources=True)
    assert state.source_states(store.engine)["wire"].moved_to is None
    assert server.hits["/old.xml"] == 2


@pytest.mark.parametrize("unused", [None])
def test_a_moved_source_given_a_new_url_starts_afresh(server: LoopbackServer, store: Store, unused: None) -> None:
    server.routes["/old.xml"] = Route(status=301, location=server.url("/new.xml"))
    server.routes["/new.xml"] = Route(rss([]), "application/rss+xml")
    server.routes["/other.xml"] = Route(rss([]), "application/rss+xml")
    with watcher(store, f"  - {{name: wire, feed: '{server.url('/old.xml')}'}}\n", []) as w:
        w.run_once(all_sources=True)
    with watcher(store, f"  - {{name: wire, feed: '{server.url('/other.xml')}'}}\n", []) as w:
        assert state.source_states(store.engine)["wire"].moved_to is None
        w.run_once(all_sources=True)
    assert server.hits["/other.xml"] == 1 and server.hits["/new.xml"] == 1
