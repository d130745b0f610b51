"""The HTTP server under ``newsgraph serve``: uvicorn, with the limits that hold for any client.

- **Slow and half-open connections are dropped.** A client has :data:`HEADER_SECONDS` from its
  first byte (or from connecting) to send a request's headers, however slowly it trickles them;
  an idle kept-alive connection is closed after :data:`KEEP_ALIVE_SECONDS` (uvicorn's
  ``timeout_keep_alive``). Headers over :data:`MAX_HEADER_BYTES` are refused (h11's
  ``max_incomplete_event_size``). A slow *body* is the app's to bound: it is read only by
  ``POST /api/documents``, behind the token.
- **uvicorn's own 400** (a request h11 cannot parse, headers too large) carries the security
  headers and the API's JSON error shape, like every answer of the app: :class:`Protocol`
  overrides uvicorn's ``send_400_response``. What cannot be changed: a connection refused before
  any HTTP is read (TLS, the OS backlog), and uvicorn's 503 under ``limit_concurrency`` (unused).
- **SIGTERM stops the server within** :data:`GRACE_SECONDS`: uvicorn stops accepting, waits that
  long for the requests in flight, then cancels them (``timeout_graceful_shutdown``; by default
  it waits forever). A query still running in a thread is stopped by its own time limit
  (``newsgraph.store.documents.SEARCH_SECONDS``).

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
KEEP_ALIVE_SECONDS = 5
"""How long an idle kept-alive connection is held."""
GRACE_SECONDS = 5
"""How long SIGTERM waits for the requests in flight."""
MAX_HEADER_BYTES = 16_384
"""The largest request line and headers read (h11's default, stated)."""


class Protocol(H11Protocol):
    """uvicorn's h11 protocol, with a deadline for the headers and our headers on its 400s."""

    header_seconds: float = HEADER_SECONDS
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm_header_timer()  # headers not complete: the deadline from the first byte holds
        else:
            self._disarm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm_header_timer()  # idle now: the keep-alive timeout takes over
        super().on_response_complete()

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_seconds, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.logger.info("dropped a connection that sent no complete request in %g s", self.header_seconds)
            self.transport.close()

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(error_body(400, "bad_request", f"{msg} (not HTTP/1.1 this server can read)")).encode()
        headers: list[tuple[bytes, bytes]] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
        ]
        try:
            self.transport.write(self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request")))
            self.transport.write(self.conn.send(h11.Data(data=body)))
            self.transport.write(self.conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError:  # h11 cannot answer in this state: close without a word
            pass
        self.transport.close()


def protocol(header_seconds: float = HEADER_SECONDS) -> type[Protocol]:
    """:class:`Protocol` with another header deadline (a test's short one)."""
    return type("Protocol", (Protocol,), {"header_seconds": header_seconds})


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
