"""The watch loop, for real: a loopback HTTP server whose feeds, pages and PDFs change between
polls, a SQLite store, the real extraction pipeline."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from newsgraph.cli import cli
from newsgraph.records import page_of
from newsgraph.store import Store
from newsgraph.store import watch as state
from newsgraph.store.schema import documents
from newsgraph.watch import Watcher, parse_config
from tests.watch.pdfmaker import make_pdf
from tests.watch.server import LoopbackServer, Route, article, rss
from tests.watch.stories import STORIES

FETCH = "fetch: {timeout: 1, max_seconds: 5, retries: 1, backoff: 0.01, per_host_interval: 0}\n"


def doc_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(documents)).scalar_one()


def feed_of(server: LoopbackServer, numbers: list[int]) -> bytes:
    return rss([(server.url(f"/news/{n}"), f"Story {n}", STORIES[n]) for n in numbers])


def watcher(store: Store, yaml_sources: str, calls: list[list[str]] | None = None, base: Path | None = None) -> Watcher:
    config = parse_config(FETCH + "batch_size: 2\nsources:\n" + yaml_sources, "watch.yaml", base=base)
    hook = (lambda _engine, ids: calls.append(ids)) if calls is not None else None
    return Watcher(config, store, after_ingest=hook, log=lambda _line: None)


@pytest.mark.slow
@pytest.mark.parametrize("first", [[0, 1]])
def test_a_feed_is_ingested_then_only_what_is_new(server: LoopbackServer, store: Store, first: list[int]) -> None:
    server.routes["/feed.xml"] = Route(feed_of(server, first), "application/rss+xml")
    calls: list[list[str]] = []
    w = watcher(store, f"  - {{name: wire, feed: '{server.url('/feed.xml')}', every: 1s}}\n", calls)
    with w:
        r1 = w.run_once(all_sources=True)
        assert r1.sources[0].new == 2 and doc_count(store.engine) == 2
        assert calls == [r1.document_ids] and len(calls[0]) == 2
        # Nothing new: a conditional GET answered 304, nothing parsed or stored.
        r2 = w.run_once(all_sources=True)
        assert r2.sources[0].not_modified and server.not_modified["/feed.xml"] == 1
        assert doc_count(store.engine) == 2 and len(calls) == 1
        # The feed changes: one item added, the old ones still listed.
        server.routes["/feed.xml"] = Route(feed_of(server, [2, *first]), "application/rss+xml")
        r3 = w.run_once(all_sources=True)
    assert (r3.sources[0].new, r3.sources[0].seen_before) == (1, 2)
    assert doc_count(store.engine) == 3 and len(calls) == 2 and len(calls[1]) == 1
    seen = state.seen_items(store.engine)
    assert sorted(s["url"] for s in seen) == sorted(server.url(f"/news/{n}") for n in [0, 1, 2])
    assert all(s["status"] == "stored" and s["doc_id"] for s in seen)
    st = state.source_states(store.engine)["wire"]
    assert st.etag and st.last_error is None and st.next_due


@pytest.mark.slow
@pytest.mark.parametrize("n", [1])
def test_duplicates_and_syndicated_copies_are_not_ingested_again(server: LoopbackServer, store: Store, n: int) -> None:
    wire = " ".join(STORIES[n : n + 3])
    server.routes["/a.xml"] = Route(rss([(server.url("/a/1"), "Wire", wire)]), "application/rss+xml")
    # Outlet B: the same text under another URL; outlet C: the story with its own top and tail.
    server.routes["/b.xml"] = Route(rss([(server.url("/b/1"), "Copy", wire)]), "application/rss+xml")
    syndicated = f"By our staff reporter. {wire} Copyright 2026 The Loopback Herald, all rights reserved."
    server.routes["/c.xml"] = Route(rss([(server.url("/c/1"), "Syndicated", syndicated)]), "application/rss+xml")
    calls: list[list[str]] = []
    w = watcher(
        store,
        "".join(f"  - {{name: {k}, feed: '{server.url(f'/{k}.xml')}'}}\n" for k in "abc"),
        calls,
    )
    with w:
        report = w.run_once()
    assert [(s.new, s.duplicates, s.near_duplicates) for s in report.sources] == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    assert doc_count(store.engine) == 1 and len(calls) == 1
    rows = {r["source"]: r for r in state.seen_items(store.engine)}
    original = rows["a"]["doc_id"]
    assert rows["b"]["status"] == "duplicate" and rows["b"]["doc_id"] == original
    assert rows["c"]["status"] == "near-duplicate" and rows["c"]["doc_id"] == original


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["500", "wrong-type", "robots"])
def test_one_bad_source_never_stops_the_others(server: LoopbackServer, store: Store, bad: str) -> None:
    server.routes["/good.xml"] = Route(feed_of(server, [3]), "application/rss+xml")
    if bad == "500":
        server.routes["/bad.xml"] = Route(b"", fail_first=1000)
    elif bad == "wrong-type":
        server.routes["/bad.xml"] = Route(b"\x89PNG\r\n", "image/png")
    else:
        server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /bad.xml\n", "text/plain")
    lines: list[str] = []
    config = parse_config(
        FETCH
        + f"sources:\n  - {{name: bad, feed: '{server.url('/bad.xml')}'}}\n"
        + f"  - {{name: good, feed: '{server.url('/good.xml')}'}}\n"
    )
    with Watcher(config, store, log=lines.append) as w:
        report = w.run_once()
    assert report.sources[0].error and report.sources[1].new == 1
    expected = {"500": "HTTP 500", "wrong-type": "wrong content type 'image/png'", "robots": "robots.txt"}[bad]
    assert any(line.startswith("bad: ") and expected in line for line in lines), lines
    states = state.source_states(store.engine)
    assert expected in (states["bad"].last_error or "") and states["bad"].failures == 1
    assert states["good"].last_error is None


@pytest.mark.slow
@pytest.mark.parametrize("links", [3])
def test_a_page_of_links_reads_new_pages_on_its_host(server: LoopbackServer, store: Store, links: int) -> None:
    hrefs = "".join(f"<li><a href='/story/{i}'>Story {i}</a></li>" for i in range(links))
    listing = (
        f"<html><body><ul>{hrefs}<li><a href='http://127.0.0.2:9/elsewhere'>Off host</a></li>"
        "<li><a href='/about'>About</a></li></ul></body></html>"
    ).encode()
    server.routes["/latest"] = Route(listing)
    for i in range(links):
        server.routes[f"/story/{i}"] = Route(article(f"Story {i}", [STORIES[4 + i], STORIES[i]]))
    w = watcher(store, f"  - {{name: site, page: '{server.url('/latest')}', match: /story/, max_links: 2}}\n")
    with w:
        first = w.run_once(all_sources=True)
        assert first.sources[0].new == 2  # bounded by max_links
        server.routes["/latest"] = Route(listing + b"<!-- changed -->")
        second = w.run_once(all_sources=True)
    assert second.sources[0].new == 1 and doc_count(store.engine) == 3
    assert server.hits["/about"] == 0 and server.hits["/story/0"] == 1  # seen links are not fetched again
    with store.engine.connect() as conn:
        urls = {r[0] for r in conn.execute(select(documents.c.url))}
    assert urls == {server.url(f"/story/{i}") for i in range(links)}


@pytest.mark.slow
@pytest.mark.parametrize("pages", [3])
def test_a_sitemap_gives_its_newest_pages(server: LoopbackServer, store: Store, pages: int) -> None:
    urls = "".join(
        f"<url><loc>{server.url(f'/p/{i}')}</loc><lastmod>2026-01-{10 + i:02d}</lastmod></url>" for i in range(pages)
    )
    server.routes["/sitemap.xml"] = Route(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}'
        f"<url><loc>http://127.0.0.9:1/off-host</loc></url></urlset>".encode(),
        "application/xml",
    )
    for i in range(pages):
        server.routes[f"/p/{i}"] = Route(article(f"Page {i}", [STORIES[i], STORIES[7 - i]]))
    w = watcher(store, f"  - {{name: map, sitemap: '{server.url('/sitemap.xml')}', max_links: 2}}\n")
    with w:
        report = w.run_once()
    assert report.sources[0].new == 2
    with store.engine.connect() as conn:
        got = {r[0] for r in conn.execute(select(documents.c.url))}
    assert got == {server.url(f"/p/{i}") for i in (pages - 1, pages - 2)}  # the newest first


@pytest.mark.slow
@pytest.mark.parametrize("items", [2])
def test_full_text_reads_each_new_items_page(server: LoopbackServer, store: Store, items: int) -> None:
    server.routes["/feed.xml"] = Route(
        rss([(server.url(f"/full/{i}"), f"Item {i}", "A teaser only.") for i in range(items)]), "application/rss+xml"
    )
    for i in range(items):
        server.routes[f"/full/{i}"] = Route(article(f"Item {i}", [STORIES[i + 2], STORIES[i + 4]]))
    w = watcher(store, f"  - {{name: full, feed: '{server.url('/feed.xml')}', full_text: true}}\n")
    with w:
        assert w.run_once(all_sources=True).sources[0].new == items
        server.routes["/feed.xml"] = Route(server.routes["/feed.xml"].body + b"<!-- -->", "application/rss+xml")
        assert w.run_once(all_sources=True).sources[0].new == 0
    assert all(server.hits[f"/full/{i}"] == 1 for i in range(items))  # pages seen are not fetched again
    with store.engine.connect() as conn:
        texts = [r[0] for r in conn.execute(select(documents.c.text))]
    assert all("teaser" not in t for t in texts) and any("Jaish-e-Mohammed" in t for t in texts)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["report.txt"])
def test_a_folder_gives_new_and_changed_files(store: Store, tmp_path: Path, name: str) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / name).write_text(STORIES[5], encoding="utf-8")
    w = watcher(store, "  - {name: drop, folder: drop}\n", base=tmp_path)
    with w:
        assert w.run_once(all_sources=True).sources[0].new == 1
        assert w.run_once(all_sources=True).sources[0].new == 0
        (drop / "second.txt").write_text(STORIES[6], encoding="utf-8")
        (drop / name).write_text(STORIES[5] + " Officials later confirmed the account.", encoding="utf-8")
        os.utime(drop / name, ns=(1, 10**18))
        third = w.run_once(all_sources=True)
    assert third.sources[0].new == 2 and doc_count(store.engine) == 3


@pytest.mark.slow
@pytest.mark.parametrize("pages", [3])
def test_a_pdf_report_keeps_its_pages_and_a_scan_is_refused(
    server: LoopbackServer, store: Store, tmp_path: Path, pages: int
) -> None:
    server.routes["/report.pdf"] = Route(
        make_pdf(["Annual report on armed groups", STORIES[0], STORIES[5]], title="Armed groups 2026"),
        "application/pdf",
    )
    server.routes["/scan.pdf"] = Route(make_pdf([None, None]), "application/pdf")
    lines: list[str] = []
    config = parse_config(
        FETCH
        + f"sources:\n  - {{name: report, pdf: '{server.url('/report.pdf')}'}}\n"
        + f"  - {{name: scan, pdf: '{server.url('/scan.pdf')}'}}\n"
    )
    with Watcher(config, store, log=lines.append) as w:
        report = w.run_once()
    assert report.sources[0].new == 1 and report.sources[1].failed == 1
    assert any("scan" in line and "no text in the PDF (2 pages)" in line for line in lines), lines
    with store.engine.connect() as conn:
        text, title, url = conn.execute(select(documents.c.text, documents.c.title, documents.c.url)).one()
    assert title == "Armed groups 2026" and url == server.url("/report.pdf")
    assert page_of(text, text.index("Lashkar-e-Taiba")) == 2
    assert page_of(text, text.index("Lashkar-e-Taiba", text.index("Lashkar-e-Taiba") + 1)) == 3
    failed = [r for r in state.seen_items(store.engine) if r["source"] == "scan"]
    assert failed and failed[0]["status"] == "failed" and "scanned" in failed[0]["reason"]


@pytest.mark.slow
@pytest.mark.parametrize("items", [6])
def test_a_stop_finishes_the_current_document_and_the_rest_comes_next_time(
    server: LoopbackServer, store: Store, items: int
) -> None:
    server.routes["/feed.xml"] = Route(feed_of(server, list(range(items))), "application/rss+xml")
    calls: list[list[str]] = []
    w = watcher(store, f"  - {{name: wire, feed: '{server.url('/feed.xml')}'}}\n", calls)

    def stop_when_stored() -> None:
        while doc_count(store.engine) < 1:
            threading.Event().wait(0.01)
        w.stop()

    stopper = threading.Thread(target=stop_when_stored)
    stopper.start()
    with w:
        first = w.run_once()
    stopper.join()
    done = first.sources[0].new
    assert first.sources[0].interrupted and 1 <= done < items
    assert doc_count(store.engine) == done == len(state.seen_items(store.engine))
    st = state.source_states(store.engine)["wire"]
    assert st.etag is None  # the feed is read whole again next time
    w2 = watcher(store, f"  - {{name: wire, feed: '{server.url('/feed.xml')}'}}\n", calls)
    with w2:
        assert [s.name for s in w2.due()] == ["wire"]  # due at once
        second = w2.run_once()
    assert second.sources[0].new == items - done and second.sources[0].seen_before == done
    assert doc_count(store.engine) == items
    assert sorted(i for c in calls for i in c) == sorted({i for c in calls for i in c})  # nobody twice


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--once"], ["--check"]])
def test_the_command(server: LoopbackServer, tmp_path: Path, args: list[str]) -> None:
    server.routes["/feed.xml"] = Route(feed_of(server, [7]), "application/rss+xml")
    config = tmp_path / "watch.yaml"
    config.write_text(
        FETCH + f"store: {tmp_path / 'w.db'}\nsources:\n  - {{name: wire, feed: '{server.url('/feed.xml')}'}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["watch", str(config), *args])
    assert result.exit_code == 0, result.output
    if args == ["--check"]:
        assert "wire\tfeed\tevery 900s" in result.stdout and not (tmp_path / "w.db").exists()
        return
    assert "1 sources polled, 1 new documents, 0 failed" in result.stderr
    with Store.open(tmp_path / "w.db", create=False) as s:
        assert doc_count(s.engine) == 1
