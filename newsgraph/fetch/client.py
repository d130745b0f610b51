"""Polite, bounded HTTP GET: the one place newsgraph reads from the web.

:class:`Fetcher` wraps an ``httpx`` client and adds what a crawler owes the sites it reads and
itself:

- **conditional GET**: ``If-None-Match`` / ``If-Modified-Since`` from the validators of the last
  fetch; a ``304`` comes back as :attr:`Fetched.not_modified`;
- **timeouts**: connect and read (``timeout``) and a whole-request deadline (``max_seconds``), so
  a server that trickles bytes cannot hold the loop;
- **retries with back-off** on a ``5xx``, a ``429``, a timeout, a refused connection or a cut
  response: ``retries`` more tries, waiting ``backoff`` seconds, doubled each time (a
  ``Retry-After`` of at most ``max_backoff`` seconds is honoured);
- **a per-host rate limit**: at least ``per_host_interval`` seconds between two requests to the
  same host (robots.txt's ``Crawl-delay`` raises it for that host);
- **robots.txt** obeyed for the user agent (read once per host and kept ``robots_ttl`` seconds;
  a missing one allows all; one that cannot be read for a 5xx or a timeout refuses the host for
  now, as RFC 9309 asks);
- **a size cap**: the body is streamed and the request aborted past ``max_bytes`` (a
  ``Content-Length`` over it is refused before any byte is read);
- **redirects bounded** (``max_redirects``), each hop checked against robots.txt again, and only
  to ``http``/``https``;
- **content type checked** against what the caller expects (a feed, a page, a PDF);
- **a permanent move recorded**: a URL that answers with permanent redirects (``301``, ``308``)
  all the way comes back with :attr:`Fetched.moved_to`, its new address, for the caller to keep;
- **safe to share between threads** (the watcher polls several sources at once): the per-host
  pace is reserved under a lock, so two threads never hit one host closer than its interval,
  and each host's robots.txt is read once.

:func:`gunzip` opens a gzipped body (a ``.xml.gz`` sitemap) within a cap on its decompressed size.

Every failure raises :class:`~newsgraph.errors.FetchError` with a one-line reason; the caller
logs it and goes on with its next source.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph import __version__
from newsgraph.errors import FetchError

USER_AGENT = f"newsgraph/{__version__} (news monitoring; watch)"

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
    }
)
"""Content types a feed may be served as."""
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
TEXT_TYPES = frozenset({"text/plain"})
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip"})
SITEMAP_TYPES = frozenset({"application/xml", "text/xml"}) | GZIP_TYPES
"""A sitemap is XML, or XML gzipped (``sitemap.xml.gz``: see :func:`gunzip`)."""
ANY_DOCUMENT = FEED_TYPES | HTML_TYPES | PDF_TYPES | TEXT_TYPES

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far newsgraph fetches."""

    timeout: float = 20.0
    """Seconds to connect, and seconds to wait for each read."""
    max_seconds: float = 120.0
    """Whole-request deadline (all reads of one response), in seconds."""
    retries: int = 2
    """Further tries after a transient failure (5xx, 429, timeout, refused connection, cut body)."""
    backoff: float = 2.0
    """Seconds before the first retry; doubled before each next one."""
    max_backoff: float = 60.0
    """Longest wait before a retry (a longer ``Retry-After`` is cut to this)."""
    per_host_interval: float = 1.0
    """Least seconds between two requests to the same host."""
    max_bytes: int = 20_000_000
    """Largest body accepted, in bytes; the download is aborted past it."""
    max_redirects: int = 5
    """Redirects followed for one request."""
    robots: bool = True
    """Obey robots.txt (turn off only for your own servers)."""
    robots_ttl: float = 3600.0
    """Seconds a host's robots.txt is kept before it is read again."""
    user_agent: str = USER_AGENT
    parallel_sources: int = 4
    """Sources the watcher polls at the same time (each host still paced by ``per_host_interval``)."""


@dataclass(frozen=True)
class Fetched:
    """One response: its body (empty when not modified) and what the next conditional GET sends."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the body came from, after redirects."""
    status: int
    content_type: str
    """The media type, lower case, without parameters ("" when the server sent none)."""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    """Where the URL asked for has moved for good: the end of a chain of permanent redirects
    (``301``, ``308``) from it; None when it was not redirected, or a hop was temporary."""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None
    """None: everything allowed (no robots.txt)."""
    until: float
    refused: str | None = None
    """Why the whole host is refused for now (robots.txt unreadable)."""


@dataclass
class Fetcher:
    """A polite HTTP client; one per watch run (it keeps connections, robots.txt and the hosts'
    last request times). Use as a context manager, or call :meth:`close`."""

    settings: FetchSettings = field(default_factory=FetchSettings)
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client = field(init=False, repr=False)
    _last: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, init=False, repr=False)
    _delay: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _host_locks: dict[str, threading.Lock] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        s = self.settings
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(s.timeout),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- the public call -------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        accept: Collection[str] = ANY_DOCUMENT,
        etag: str | None = None,
        last_modified: str | None = None,
        what: str = "a document",
    ) -> Fetched:
        """GET ``url`` (following redirects, retrying transient failures); raises
        :class:`FetchError` with one line that says why it failed."""
        _check_scheme(url)
        s = self.settings
        wait = s.backoff
        for attempt in range(s.retries + 1):
            try:
                return self._get_following(url, accept, etag, last_modified, what)
            except FetchError as exc:
                if not exc.transient or attempt == s.retries:
                    if attempt and exc.transient:
                        raise FetchError(url, f"{exc.reason} (after {attempt + 1} tries)", transient=True) from None
                    raise
                pause = min(getattr(exc, "retry_after", None) or wait, s.max_backoff)
                self.sleep(pause)
                wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    # -- one try ---------------------------------------------------------------------------

    def _get_following(
        self, url: str, accept: Collection[str], etag: str | None, last_modified: str | None, what: str
    ) -> Fetched:
        current = url
        seen: list[str] = []
        moved: str | None = None  # the end of the permanent redirects so far, while all are
        for _hop in range(self.settings.max_redirects + 1):
            self._check_robots(current)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            status, response_headers, body = self._request(current, headers)
            if status in (301, 302, 303, 307, 308):
                location = response_headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} redirect without a Location")
                seen.append(current)
                current = urljoin(current, location)
                _check_scheme(current, origin=url)
                permanent = status in (301, 308) and (moved is not None or len(seen) == 1)
                moved = current if permanent else None
                continue
            fetched = self._response(url, current, status, response_headers, body, accept, what)
            return replace(fetched, moved_to=moved) if moved and moved != url else fetched
        raise FetchError(
            url, f"too many redirects (more than {self.settings.max_redirects}; a loop through {seen[-1]}?)"
        )

    def _response(
        self,
        url: str,
        final: str,
        status: int,
        headers: httpx.Headers,
        body: bytes,
        accept: Collection[str],
        what: str,
    ) -> Fetched:
        etag = headers.get("etag")
        modified = headers.get("last-modified")
        if status == 304:
            return Fetched(url, final, 304, "", b"", etag, modified)
        if status in _RETRY_STATUS:
            exc = FetchError(url, f"HTTP {status} from the server", transient=True)
            exc.retry_after = _retry_after(headers.get("retry-after"))  # type: ignore[attr-defined]
            raise exc
        if status >= 400:
            raise FetchError(url, f"HTTP {status}")
        if status != 200:
            raise FetchError(url, f"unexpected HTTP {status}")
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if kind not in accept and not _sniffed_ok(kind, body, accept):
            raise FetchError(url, f"wrong content type {kind or '(none)'!r} for {what}")
        if not body:
            raise FetchError(url, "empty response")
        return Fetched(url, final, status, kind, body, etag, modified)

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        """One request: status, headers and the body (read whole, within the size and time limits)."""
        s = self.settings
        self._pace(url)
        start = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                length = response.headers.get("content-length")
                if length and length.isdigit() and int(length) > s.max_bytes:
                    raise FetchError(url, f"too large ({int(length):,} bytes; the limit is {s.max_bytes:,})")
                if response.status_code != 200:
                    return response.status_code, response.headers, b""
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > s.max_bytes:
                        raise FetchError(url, f"too large (over the limit of {s.max_bytes:,} bytes; download aborted)")
                    if time.monotonic() - start > s.max_seconds:
                        raise FetchError(url, f"too slow (over {s.max_seconds:g} s for one response)", transient=True)
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({_timeout_kind(exc)}, limit {s.timeout:g} s)", transient=True) from None
        except httpx.RemoteProtocolError as exc:
            raise FetchError(url, f"truncated or malformed response ({_first(exc)})", transient=True) from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"undecodable response body ({_first(exc)})") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect ({_first(exc)})", transient=True) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"network error ({type(exc).__name__}: {_first(exc)})", transient=True) from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL ({exc})") from None

    def _pace(self, url: str) -> None:
        """Wait until the host's interval since its last request has passed. The request's time
        is reserved under the lock, so threads sharing the fetcher queue up per host."""
        host = _host(url)
        with self._lock:
            interval = max(self.settings.per_host_interval, self._delay.get(host, 0.0))
            last = self._last.get(host)
            now = time.monotonic()
            at = max(now, last + interval) if last is not None else now
            self._last[host] = at
        if at > now:
            self.sleep(at - now)

    # -- robots.txt ------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        if not self.settings.robots:
            return
        host = _host(url)
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:  # one read of a host's robots.txt, however many threads ask
            entry = self._robots.get(host)
            if entry is None or entry.until < time.monotonic():
                entry = self._read_robots(url)
                self._robots[host] = entry
        if entry.refused:
            raise FetchError(url, entry.refused, transient=True)
        if entry.parser is not None and not entry.parser.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, "disallowed by the site's robots.txt")

    def _read_robots(self, url: str) -> _Robots:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        until = time.monotonic() + self.settings.robots_ttl
        try:
            status, _headers, body = self._request(robots_url, {})
        except FetchError as exc:
            if exc.transient:
                return _Robots(None, until, f"robots.txt unreadable ({exc.reason}): host skipped for now")
            return _Robots(None, until)  # too large, malformed: read as no rules
        if status in (301, 302, 303, 307, 308, 404, 410) or 400 <= status < 500:
            return _Robots(None, until)  # no robots.txt (or not readable to us): everything allowed
        if status >= 500:
            return _Robots(None, until, f"robots.txt unreadable (HTTP {status}): host skipped for now")
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            self._delay[_host(url)] = min(float(delay), 60.0)
        return _Robots(parser, until)


def gunzip(url: str, body: bytes, limit: int) -> bytes:
    """``body`` gzip-decompressed, refused (a :class:`FetchError`) past ``limit`` bytes of output,
    so a small file that would expand to gigabytes (a gzip bomb) costs at most ``limit``."""
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unzip.decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchError(url, f"not a valid gzip file ({exc})") from None
    if len(out) > limit:
        raise FetchError(url, f"too large once decompressed (over the limit of {limit:,} bytes; a gzip bomb?)")
    if not unzip.eof:
        raise FetchError(url, "truncated gzip file")
    return out


def is_gzip(body: bytes) -> bool:
    return body[:2] == b"\x1f\x8b"


def _check_scheme(url: str, origin: str | None = None) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        where = f" (redirected to {url})" if origin else ""
        raise FetchError(origin or url, f"only http and https URLs are fetched{where}")


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _sniffed_ok(kind: str, body: bytes, accept: Collection[str]) -> bool:
    """A body served as a generic type (``application/octet-stream``, none) that is plainly what
    the caller wants: a PDF by its magic number, a feed or page by its first tag."""
    if kind not in ("", "application/octet-stream", "binary/octet-stream", "text/plain"):
        return False
    head = body[:1024].lstrip().lower()
    if any(a in PDF_TYPES for a in accept) and body.startswith(b"%PDF-"):
        return True
    if any(a in GZIP_TYPES for a in accept) and is_gzip(body):
        return True
    if any(a in FEED_TYPES for a in accept) and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head):
        return True
    return (
        kind != "text/plain" and any(a in HTML_TYPES for a in accept) and head.startswith((b"<!doctype html", b"<html"))
    )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError, IndexError):
        return None


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    return {
        "ConnectTimeout": "connecting",
        "ReadTimeout": "waiting for the server",
        "WriteTimeout": "sending",
        "PoolTimeout": "waiting for a connection",
    }.get(type(exc).__name__, "timeout")


def _first(exc: BaseException) -> str:
    text = str(exc).strip().split("\n", 1)[0]
    return text or type(exc).__name__
