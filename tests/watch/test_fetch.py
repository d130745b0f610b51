"""The fetcher against a real HTTP server on loopback that misbehaves."""

from __future__ import annotations

import time

import pytest

from newsgraph.errors import FetchError
from newsgraph.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchSettings
from tests.watch.server import LoopbackServer, Route, rss

FAST = FetchSettings(timeout=0.5, max_seconds=3, retries=2, backoff=0.01, per_host_interval=0, max_bytes=200_000)


def fetcher(**changes: object) -> Fetcher:
    from dataclasses import replace

    return Fetcher(replace(FAST, **changes))  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ["/feed.xml"])
def test_conditional_get_answers_304_and_keeps_validators(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(rss([("http://x/1", "A", "one")]), "application/rss+xml")
    with fetcher() as f:
        first = f.get(server.url(path), accept=FEED_TYPES)
        assert first.status == 200 and first.etag and b"<rss" in first.body
        second = f.get(server.url(path), accept=FEED_TYPES, etag=first.etag)
    assert second.not_modified and second.body == b""
    assert server.not_modified[path] == 1


@pytest.mark.parametrize("failures", [2])
def test_5xx_is_retried_with_backoff_then_succeeds(server: LoopbackServer, failures: int) -> None:
    server.routes["/flaky"] = Route(b"<html><body>ok</body></html>", fail_first=failures)
    waits: list[float] = []
    with Fetcher(FAST, sleep=waits.append) as f:
        got = f.get(server.url("/flaky"), accept=HTML_TYPES)
    assert got.status == 200
    assert server.hits["/flaky"] == failures + 1
    assert waits == [0.01, 0.02]  # doubled each time


@pytest.mark.parametrize("path", ["/down"])
def test_5xx_for_ever_fails_after_the_retries(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(b"x", fail_first=100)
    with fetcher() as f, pytest.raises(FetchError, match=r"HTTP 500 .*after 3 tries") as err:
        f.get(server.url(path))
    assert err.value.transient
    assert server.hits[path] == 3


@pytest.mark.parametrize("delay", [1.5])
def test_a_slow_server_times_out(server: LoopbackServer, delay: float) -> None:
    server.routes["/slow"] = Route(b"<html></html>", delay=delay)
    t0 = time.monotonic()
    with fetcher(retries=0) as f, pytest.raises(FetchError, match="timed out") as err:
        f.get(server.url("/slow"))
    assert err.value.transient
    assert time.monotonic() - t0 < delay


@pytest.mark.parametrize("path", ["/cut"])
def test_a_truncated_response_is_an_error(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(b"<html><body>" + b"a" * 5000 + b"</body></html>", truncate=True)
    with fetcher(retries=1) as f, pytest.raises(FetchError, match="truncated"):
        f.get(server.url(path))
    assert server.hits[path] == 2  # tried again once


@pytest.mark.parametrize("claimed", [10_000_000])
def test_a_huge_content_length_is_refused_before_reading(server: LoopbackServer, claimed: int) -> None:
    server.routes["/huge"] = Route(claim_length=claimed)
    with fetcher() as f, pytest.raises(FetchError, match="too large") as err:
        f.get(server.url("/huge"))
    assert not err.value.transient


@pytest.mark.parametrize("size", [5_000_000])
def test_a_body_without_length_is_aborted_past_the_cap(server: LoopbackServer, size: int) -> None:
    server.routes["/endless"] = Route(endless=size)
    with fetcher() as f, pytest.raises(FetchError, match="download aborted"):
        f.get(server.url("/endless"))


@pytest.mark.parametrize("limit", [3])
def test_a_redirect_loop_is_bounded(server: LoopbackServer, limit: int) -> None:
    server.routes["/a"] = Route(location="/b")
    server.routes["/b"] = Route(location="/a")
    with fetcher(max_redirects=limit) as f, pytest.raises(FetchError, match="too many redirects"):
        f.get(server.url("/a"))
    assert server.hits["/a"] + server.hits["/b"] == limit + 1


@pytest.mark.parametrize("target", ["/final"])
def test_redirects_are_followed(server: LoopbackServer, target: str) -> None:
    server.routes["/moved"] = Route(location=target, status=301)
    server.routes[target] = Route(b"<html><body>here</body></html>")
    with fetcher() as f:
        got = f.get(server.url("/moved"), accept=HTML_TYPES)
    assert got.final_url == server.url(target) and got.url == server.url("/moved")


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_a_redirect_off_http_is_refused(server: LoopbackServer, location: str) -> None:
    server.routes["/evil"] = Route(location=location)
    with fetcher() as f, pytest.raises(FetchError, match="only http and https"):
        f.get(server.url("/evil"))


@pytest.mark.parametrize("content_type", ["image/png", "application/json"])
def test_a_wrong_content_type_is_refused(server: LoopbackServer, content_type: str) -> None:
    server.routes["/feed"] = Route(b"\x89PNG....", content_type)
    with fetcher() as f, pytest.raises(FetchError, match=f"wrong content type '{content_type}' for a feed"):
        f.get(server.url("/feed"), accept=FEED_TYPES, what="a feed")


@pytest.mark.parametrize("path", ["/feed"])
def test_a_feed_served_as_octet_stream_is_recognised(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(rss([("http://x/1", "A", "one")]), "application/octet-stream")
    with fetcher() as f:
        assert f.get(server.url(path), accept=FEED_TYPES).status == 200


@pytest.mark.parametrize("path", ["/private/page"])
def test_robots_txt_is_obeyed(server: LoopbackServer, path: str) -> None:
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    server.routes[path] = Route(b"<html></html>")
    server.routes["/public"] = Route(b"<html><body>fine</body></html>")
    with fetcher() as f:
        with pytest.raises(FetchError, match=r"disallowed by the site's robots\.txt"):
            f.get(server.url(path))
        assert f.get(server.url("/public")).status == 200
        f.get(server.url("/public"))
    assert server.hits[path] == 0
    assert server.hits["/robots.txt"] == 1  # read once per host


@pytest.mark.parametrize("path", ["/page"])
def test_robots_txt_can_be_turned_off(server: LoopbackServer, path: str) -> None:
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /\n", "text/plain")
    server.routes[path] = Route(b"<html><body>mine</body></html>")
    with fetcher(robots=False) as f:
        assert f.get(server.url(path)).status == 200


@pytest.mark.parametrize("interval", [0.3])
def test_requests_to_one_host_are_spaced(server: LoopbackServer, interval: float) -> None:
    server.routes["/p"] = Route(b"<html><body>x</body></html>")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    with Fetcher(FetchSettings(timeout=1, per_host_interval=interval, robots=False), sleep=sleep) as f:
        t0 = time.monotonic()
        for _ in range(3):
            f.get(server.url("/p"))
        elapsed = time.monotonic() - t0
    assert elapsed >= 2 * interval * 0.95
    assert len(waits) == 2


@pytest.mark.parametrize("status", [404, 403])
def test_client_errors_are_not_retried(server: LoopbackServer, status: int) -> None:
    server.routes["/gone"] = Route(b"no", status=status)
    with fetcher() as f, pytest.raises(FetchError, match=f"HTTP {status}") as err:
        f.get(server.url("/gone"))
    assert not err.value.transient
    assert server.hits["/gone"] == 1
