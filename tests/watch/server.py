"""A real HTTP server on loopback for the watcher's tests: it serves what a test puts in its
``routes`` (changed between polls as the test likes) and misbehaves on request: slow, failing a
number of times first, truncated, huge, redirecting in a loop, lying about its content type.
It honours ``If-None-Match`` with a ``304`` and counts every request."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    """Seconds to wait before answering."""
    fail_first: int = 0
    """Answer 500 to this many requests first."""
    truncate: bool = False
    """Announce the whole length, send half, and close."""
    endless: int = 0
    """Send this many bytes without a Content-Length (then close)."""
    claim_length: int | None = None
    """A Content-Length to announce instead of the real one (sends nothing)."""
    location: str | None = None
    etag: bool = True
    headers: dict[str, str] = field(default_factory=dict)


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        """Requests that carried If-None-Match, by path."""
        self.not_modified: Counter[str] = Counter()
        self.in_flight = 0
        self.most_in_flight = 0
        """The most requests the server was answering at one time."""
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers

            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    self.answer()
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def answer(self) -> None:
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.hits[path] += 1
                    count = server.hits[path]
                    route = server.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.delay:
                    time.sleep(route.delay)
                if count <= route.fail_first:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.location:
                    self.send_response(route.status if route.status in (301, 302, 303, 307, 308) else 302)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match"):
                    with server.lock:
                        server.conditional[path] += 1
                if route.etag and self.headers.get("If-None-Match") == tag:
                    with server.lock:
                        server.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", tag)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if route.endless:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                    self.end_headers()
                    chunk = b"x" * 65536
                    sent = 0
                    try:
                        while sent < route.endless:
                            self.wfile.write(chunk)
                            sent += len(chunk)
                    except OSError:
                        pass
                    return
                if route.claim_length is not None:
                    self.close_connection = True
                    self.send_header("Content-Length", str(route.claim_length))
                    self.end_headers()
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.truncate:
                    self.wfile.write(route.body[: len(route.body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(route.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> LoopbackServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serving() -> Iterator[LoopbackServer]:
    server = LoopbackServer().start()
    try:
        yield server
    finally:
        server.stop()


def rss(items: list[tuple[str, str, str]], title: str = "Loopback News") -> bytes:
    """An RSS 2.0 feed of ``(link, title, text)`` items."""
    from xml.sax.saxutils import escape

    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<rss version="2.0"><channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>',
        "<description>test</description>",
    ]
    for link, head, text in items:
        parts.append(
            f"<item><title>{escape(head)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
            f"<pubDate>Tue, 27 Jan 2026 10:00:00 GMT</pubDate><description>{escape(text)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def article(title: str, paragraphs: list[str]) -> bytes:
    """A news article page that trafilatura reads."""
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Loopback Times</footer></body></html>"
    ).encode()
