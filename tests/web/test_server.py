"""The HTTP server under ``newsgraph serve`` (:mod:`newsgraph.web.server`), over real sockets:
uvicorn's own 400 carries the security headers, slow and idle connections are dropped, a
request naming another Host is refused, SIGTERM stops the server with a request in flight."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsgraph.web import server
from newsgraph.web.api import _until_disconnected
from newsgraph.web.app import create_app
from newsgraph.web.security import CSP
from tests.web.test_limits import hand_store

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"
ROOT = Path(__file__).resolve().parents[2]
HEADER_SECONDS = 0.5
BODY_SECONDS = 0.5
SEND_SECONDS = 0.5
TOKEN = "server-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(app: Any, **options: Any) -> Iterator[int]:
    """``app`` served by uvicorn (``server.config``, with ``options``) in a thread of this
    process on a free loopback port: its port, until the block ends."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(server.config(app, "127.0.0.1", port, log_level="warning", **options))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A server on a small store in this process (a thread), with a short header deadline: its port."""
    db = hand_store(tmp_path_factory.mktemp("server") / "small.db")
    app = create_app(str(db), warm=False, allowed_hosts=["127.0.0.1", "localhost"])
    with served(app, http=server.protocol(HEADER_SECONDS)) as port:
        yield port


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A server taking documents (with :data:`TOKEN`), with short deadlines for bodies and answers."""
    db = hand_store(tmp_path_factory.mktemp("server") / "writable.db")
    app = create_app(str(db), token=TOKEN, warm=False, allowed_hosts=["127.0.0.1", "localhost"])
    with served(app, http=server.protocol(HEADER_SECONDS, BODY_SECONDS, SEND_SECONDS)) as port:
        yield port


def exchange(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """Send ``data`` and read until the server closes the connection (or ``wait`` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def parse(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize(
    "request_bytes", [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"]
)
def test_uvicorns_own_400_carries_the_security_headers(running: int, request_bytes: bytes) -> None:
    status, headers, body = parse(exchange(running, request_bytes))
    assert status == 400
    assert headers["content-security-policy"] == CSP and headers["x-content-type-options"] == "nosniff"
    assert json.loads(body)["error"]["code"] == "bad_request"


@pytest.mark.parametrize("trickle", [b"", b"GET / HTTP/1.1\r\nHost: local"])
def test_a_connection_that_sends_no_complete_request_is_dropped(running: int, trickle: bytes) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", running), timeout=10) as s:
        try:
            for byte in trickle:  # one byte at a time, each in time: the deadline runs from the first
                s.sendall(bytes([byte]))
                time.sleep(HEADER_SECONDS / 10)
            got = s.recv(1024)
        except (BrokenPipeError, ConnectionResetError):
            got = b""
        assert got == b""  # closed by the server, with nothing said
    assert time.monotonic() - started < HEADER_SECONDS * 8


@pytest.mark.parametrize("host", ["localhost", "attacker.example"])
def test_the_real_server_answers_only_its_hosts(running: int, host: str) -> None:
    raw = exchange(running, f"GET /api/summary HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    status, headers, _ = parse(raw)
    assert status == (200 if host == "localhost" else 400)
    assert headers["content-security-policy"] == CSP


@pytest.mark.parametrize("megabytes", [200])
def test_a_refused_chunked_body_is_not_read_on(running: int, megabytes: int) -> None:
    """No token here: the 403 comes before the body, and the server closes rather than read 200 MB."""
    chunk = b" " * (1 << 20)
    sent = 0
    with socket.create_connection(("127.0.0.1", running), timeout=10) as s:
        s.sendall(b"POST /api/documents HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(megabytes):
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += 1
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert sent < 50, f"the server read {sent} MB of a refused body"


def post_head(length: int) -> bytes:
    return (
        "POST /api/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    ).encode()


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not bad, [r.getMessage() for r in bad]


@pytest.mark.parametrize(("sent", "trickle"), [(b'{"text": ', False), (b'{"text": "Talks in Lima."', True)])
def test_a_body_that_does_not_arrive_in_time_is_answered_408_and_dropped(
    writable: int, sent: bytes, trickle: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """The headers promise 100 bytes; the client sends part of them (all at once, or a byte at a
    time, each in time: the deadline is for the whole body) and then nothing."""
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    out = b""
    with socket.create_connection(("127.0.0.1", writable), timeout=10) as s:
        s.sendall(post_head(100))
        try:
            for part in [bytes([b]) for b in sent] if trickle else [sent]:
                s.sendall(part)
                time.sleep(BODY_SECONDS / 10 if trickle else 0)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while chunk := s.recv(65536):
            out += chunk
    took = time.monotonic() - started
    status, headers, body = parse(out)
    assert status == 408 and json.loads(body)["error"]["code"] == "request_timeout"
    assert headers["content-security-policy"] == CSP and headers["connection"] == "close"
    assert took < BODY_SECONDS * 8
    time.sleep(0.2)  # the route that was reading the body has learned that the client left
    no_tracebacks(caplog)


@pytest.mark.parametrize("length", [30])
def test_a_body_that_arrives_in_time_is_read(writable: int, length: int) -> None:
    body = b"[" + b" " * (length - 2) + b"]"  # an empty list: the route reads it and answers 400 at once
    with socket.create_connection(("127.0.0.1", writable), timeout=10) as s:
        s.sendall(post_head(length) + body[:10])
        time.sleep(BODY_SECONDS / 3)
        s.sendall(body[10:])
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    status, _, answer = parse(out)
    assert status == 400 and b"an empty list" in answer, answer  # read and judged by the route


@pytest.mark.parametrize("requests", [3000])
def test_a_client_that_reads_none_of_its_answers_is_dropped(
    writable: int, requests: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Pipelined requests for the OpenAPI document (tens of KB each), and not a byte read: the
    answers fill the socket's buffers, and the server drops the client rather than wait on it."""
    caplog.set_level(logging.INFO, logger="uvicorn.error")
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(10)
    s.connect(("127.0.0.1", writable))
    request = b"GET /openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
    try:
        s.settimeout(0.2)
        deadline = time.monotonic() + 30
        sent = 0
        while time.monotonic() < deadline:
            if any("read none of its answer" in r.getMessage() for r in caplog.records):
                break
            if sent < requests:
                try:
                    s.send(request)
                    sent += 1
                except TimeoutError:  # the server stopped reading: its answers are waiting on us
                    pass
                except (BrokenPipeError, ConnectionResetError):
                    break
            else:
                time.sleep(0.05)
        else:
            raise AssertionError(f"the server still waits on a client that reads nothing ({sent} requests sent)")
    finally:
        s.close()
    no_tracebacks(caplog)


@pytest.mark.parametrize("polls", [3])
def test_a_search_learns_that_its_client_left(polls: int) -> None:
    class Leaving:
        calls = 0

        async def is_disconnected(self) -> bool:
            self.calls += 1
            return self.calls >= polls

    left = threading.Event()
    asyncio.run(_until_disconnected(Leaving(), left, every=0.01))  # type: ignore[arg-type]
    assert left.is_set()


@pytest.mark.slow
@pytest.mark.parametrize("sent", [b'{"text": '])
def test_sigterm_stops_the_server_with_a_request_in_flight(tmp_path: Path, sent: bytes) -> None:
    db = hand_store(tmp_path / "small.db", n=1)
    port = free_port()
    env = {**os.environ, "NEWSGRAPH_TOKEN": "t", "PYTHONPATH": str(ROOT)}  # this checkout's newsgraph
    proc = subprocess.Popen(
        [str(NEWSGRAPH), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    s = socket.socket()
    try:
        assert proc.stderr is not None
        said = []
        for line in proc.stderr:
            said.append(line)
            if b"Uvicorn running" in line:  # bound (after the app started)
                break
        assert proc.poll() is None, b"".join(said).decode()
        s.settimeout(10)
        s.connect(("127.0.0.1", port))
        head = (
            "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\nContent-Length: 100\r\n\r\n"
        )
        s.sendall(head.encode() + sent)  # and never the rest: the route waits for its body
        time.sleep(0.5)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=server.GRACE_SECONDS + 15)
        assert time.monotonic() - started < server.GRACE_SECONDS + 10
        said.append(proc.stderr.read())
        assert b"Traceback" not in b"".join(said), b"".join(said).decode()
    finally:
        s.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


@pytest.mark.parametrize(
    ("option", "constant"),
    [("header_timeout", "HEADER_SECONDS"), ("body_timeout", "BODY_SECONDS"), ("send_timeout", "SEND_SECONDS")],
)
def test_serves_deadline_options_default_to_the_servers_constants(option: str, constant: str) -> None:
    """`newsgraph serve` states the defaults itself (the CLI does not import the server to start)."""
    from newsgraph.cli.serve import serve

    [param] = [p for p in serve.params if p.name == option]
    assert param.default == getattr(server, constant)
