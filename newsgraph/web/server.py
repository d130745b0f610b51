"""The HTTP server under ``newsgraph serve``: uvicorn, with the limits that hold for any client.

- **Slow and half-open connections are dropped.** Each deadline is the whole time allowed, not
  an idle time, so a client trickling a byte now and then gains nothing:

  - a client has :data:`HEADER_SECONDS` from its first byte (or from connecting) to send a
    request's headers;
  - it has :data:`BODY_SECONDS` from the end of the headers to send the whole body (408, then
    the connection is closed; the route reading the body sees the client gone);
  - a response the client does not read (the socket's buffers full) waits at most
    :data:`SEND_SECONDS` before the connection is dropped;
  - an idle kept-alive connection is closed after :data:`KEEP_ALIVE_SECONDS` (uvicorn's
    ``timeout_keep_alive``).

  Headers over :data:`MAX_HEADER_BYTES` are refused (h11's ``max_incomplete_event_size``); a
  body's size is the app's to bound (``newsgraph.web.security.RequestGuard``). ``newsgraph serve
  --header-timeout/--body-timeout/--send-timeout`` set the three deadlines.
- **uvicorn's own 400** (a request h11 cannot parse, headers too large) carries the security
  headers and the API's JSON error shape, like every answer of the app: :class:`Protocol`
  overrides uvicorn's ``send_400_response``; the body deadline's 408 is made the same way. What
  cannot be changed: a connection refused before any HTTP is read (TLS, the OS backlog), and
  uvicorn's 503 under ``limit_concurrency`` (unused).
- **SIGTERM stops the server within** :data:`GRACE_SECONDS`: uvicorn stops accepting, waits that
  long for the requests in flight, then cancels them (``timeout_graceful_shutdown``; by default
  it waits forever). A search still running in a thread is stopped in the database as soon as
  its client is gone, or by its own time limit (``newsgraph.store.documents.SEARCH_SECONDS``).

Only the pure-Python h11 protocol is used (httptools, when installed, would bypass these).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import h11
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsgraph.web.security import SECURITY_HEADERS, error_body

HEADER_SECONDS = 10.0
"""How long a client may take to send a request's headers."""
BODY_SECONDS = 30.0
"""How long a client may take to send a request's body, from the end of its headers (10 MB,
the largest body read, takes under a second on any network a store is served over)."""
SEND_SECONDS = 30.0
"""How long a response may wait on a client that reads none of it."""
KEEP_ALIVE_SECONDS = 5
"""How long an idle kept-alive connection is held."""
GRACE_SECONDS = 5
"""How long SIGTERM waits for the requests in flight."""
MAX_HEADER_BYTES = 16_384
"""The largest request line and headers read (h11's default, stated)."""


class Protocol(H11Protocol):
    """uvicorn's h11 protocol, with deadlines for the headers, the body and a stalled response,
    and our headers on its 400s."""

    header_seconds: float = HEADER_SECONDS
    body_seconds: float = BODY_SECONDS
    send_seconds: float = SEND_SECONDS
    _header_timer: asyncio.TimerHandle | None = None
    _body_timer: asyncio.TimerHandle | None = None
    _send_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = self._arm(self._header_timer, self.header_seconds, self._headers_too_slow)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE:  # headers not complete: the deadline from the first byte holds
            self._header_timer = self._arm(self._header_timer, self.header_seconds, self._headers_too_slow)
        else:
            self._header_timer = self._disarm(self._header_timer)
        if state is h11.SEND_BODY:  # a body on its way: its deadline runs from the end of the headers
            self._body_timer = self._arm(self._body_timer, self.body_seconds, self._body_too_slow)
        else:
            self._body_timer = self._disarm(self._body_timer)

    def connection_lost(self, exc: Exception | None) -> None:
        self._header_timer = self._disarm(self._header_timer)
        self._body_timer = self._disarm(self._body_timer)
        self._send_timer = self._disarm(self._send_timer)
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._header_timer = self._disarm(self._header_timer)  # idle now: the keep-alive timeout takes over
        super().on_response_complete()

    def pause_writing(self) -> None:
        super().pause_writing()  # the client reads nothing: the response waits, for a while
        self._send_timer = self._arm(self._send_timer, self.send_seconds, self._reads_too_slow)

    def resume_writing(self) -> None:
        self._send_timer = self._disarm(self._send_timer)
        super().resume_writing()

    def _arm(self, timer: asyncio.TimerHandle | None, seconds: float, then: Any) -> asyncio.TimerHandle:
        return timer if timer is not None else self.loop.call_later(seconds, then)

    @staticmethod
    def _disarm(timer: asyncio.TimerHandle | None) -> None:
        if timer is not None:
            timer.cancel()

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.logger.info("dropped a connection that sent no complete request in %g s", self.header_seconds)
            self.transport.close()

    def _body_too_slow(self) -> None:
        self._body_timer = None
        if self.conn.their_state is not h11.SEND_BODY or self.transport.is_closing():
            return
        self.logger.info("dropped a request whose body did not arrive in %g s", self.body_seconds)
        cycle = self.cycle
        if cycle is not None and not cycle.response_started:
            cycle.response_started = True  # the app's own answer, if it comes, is not sent
            message = f"the request's body did not arrive within {self.body_seconds:g} s of its headers"
            self._send_error(408, b"Request Timeout", "request_timeout", message)
        if cycle is not None:
            cycle.disconnected = True  # the route reading the body learns that the client is gone
            cycle.message_event.set()
        self.transport.close()

    def _reads_too_slow(self) -> None:
        self._send_timer = None
        if self.flow.write_paused:
            self.logger.info("dropped a client that read none of its answer in %g s", self.send_seconds)
            self.transport.abort()  # close() would wait for the unread answer to be sent

    def send_400_response(self, msg: str) -> None:
        self._send_error(400, b"Bad Request", "bad_request", f"{msg} (not HTTP/1.1 this server can read)")
        self.transport.close()

    def _send_error(self, status: int, reason: bytes, code: str, message: str) -> None:
        """Answer ``status`` in the API's error shape, with the security headers, and say the
        connection closes (the caller closes it)."""
        body = json.dumps(error_body(status, code, message)).encode()
        headers: list[tuple[bytes, bytes]] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
        ]
        try:
            self.transport.write(self.conn.send(h11.Response(status_code=status, headers=headers, reason=reason)))
            self.transport.write(self.conn.send(h11.Data(data=body)))
            self.transport.write(self.conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError:  # h11 cannot answer in this state: close without a word
            pass


def protocol(
    header_seconds: float = HEADER_SECONDS, body_seconds: float = BODY_SECONDS, send_seconds: float = SEND_SECONDS
) -> type[Protocol]:
    """:class:`Protocol` with other deadlines (``newsgraph serve``'s options, a test's short ones)."""
    deadlines = {"header_seconds": header_seconds, "body_seconds": body_seconds, "send_seconds": send_seconds}
    return type("Protocol", (Protocol,), deadlines)


def config(app: FastAPI, host: str, port: int, **options: Any) -> Any:
    """The uvicorn ``Config`` of ``newsgraph serve``: our protocol and the limits above."""
    import uvicorn

    settings: dict[str, Any] = {
        "http": Protocol,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "timeout_graceful_shutdown": GRACE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        **options,
    }
    return uvicorn.Config(app, host=host, port=port, **settings)


def quiet_cancel(record: logging.LogRecord) -> bool:
    """A log filter: drop uvicorn's traceback of a request cancelled at shutdown (it has already
    said, in one line, that it cancelled the requests still running)."""
    return not (record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError))


def run(app: FastAPI, host: str, port: int, **options: Any) -> None:
    """Serve ``app`` until SIGINT or SIGTERM."""
    import uvicorn

    server = uvicorn.Server(config(app, host, port, **options))  # configures uvicorn's loggers
    logging.getLogger("uvicorn.error").addFilter(quiet_cancel)
    server.run()
