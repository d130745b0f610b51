"""What every response carries and what guards the server: security headers, the JSON error
shape, the limits on every request (:class:`RequestGuard`: the Host allow-list, the URL's length,
no NUL, the body's size while it streams in), and the bearer token of ``POST /api/documents``.

Article text is untrusted input: the Content-Security-Policy forbids inline scripts and any
script, style, image or connection from elsewhere, so even a page that forgot to escape a
story could not run its ``<script>``. The pages escape it anyway (``textContent`` only).
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("newsgraph.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one error shape of the API: ``{"error": {"status", "code", "message"}}``."""
    return {"error": {"status": status, "code": code, "message": message}}


def status_code_name(status: int) -> str:
    """``not_found`` for 404, ``unprocessable_content`` for 422 ...: the status phrase in snake case."""
    names = {401: "unauthorized", 403: "forbidden", 422: "invalid_request", 500: "internal_error"}
    if status in names:
        return names[status]
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return "error"
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")


def error_response(
    request: Request | None,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The JSON error shape; outside ``/api`` a browser asking for HTML gets a small escaped page."""
    path = request.url.path if request is not None else "/api"
    accept = request.headers.get("accept", "") if request is not None else ""
    if not path.startswith("/api") and "text/html" in accept:
        body = (
            "<!doctype html><meta charset=utf-8><title>newsgraph</title>"
            f"<h1>{status} {html.escape(status_code_name(status).replace('_', ' '))}</h1>"
            f'<p>{html.escape(message)}</p><p><a href="/">newsgraph</a></p>'
        )
        return HTMLResponse(body, status_code=status, headers=dict(headers or {}))
    return JSONResponse(error_body(status, code, message), status_code=status, headers=dict(headers or {}))


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response, and any exception that no
    handler took turned into the JSON error shape (status 500) with those headers too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if started:
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            response = JSONResponse(
                error_body(
                    500,
                    "internal_error",
                    f"the server failed on this request ({type(exc).__name__}); its log has the details",
                ),
                status_code=500,
            )
            await response(scope, receive, send_with_headers)


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
"""The Host names a server answers to by default, with the address it is bound to."""
MAX_URL_BYTES = 8192
"""The longest path and query string served (414 beyond): no parameter needs more."""
MAX_BODY_BYTES = 10_000_000
"""The largest request body read; counted while it streams in, chunked bodies included (413)."""


def host_name(value: str) -> str:
    """The name in a Host header or an ``--allow-host``, without the port or the brackets of an
    IPv6 address, lower case: ``[::1]:8000`` -> ``::1``, ``Example.org.:80`` -> ``example.org``."""
    value = value.strip().lower()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


class BodyTooLarge(HTTPException):
    """413, closing the connection: otherwise the server would go on reading (and dropping) the
    rest of the body to keep the connection alive."""

    def __init__(self, size: int | None, limit: int) -> None:
        said = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
        super().__init__(413, f"the body is {said}; send at most {limit:,} per request", {"Connection": "close"})


class RequestGuard:
    """ASGI middleware: refuses, before any route runs, a request

    - whose Host is not one of ``allowed_hosts`` (400), so that a web page on another name that
      resolves to this machine (DNS rebinding) cannot read the server; ``*`` allows any;
    - whose path and query string are over :data:`MAX_URL_BYTES` (414) or hold a NUL (400);
    - whose body is over ``max_body`` bytes (413): by its Content-Length, else counted as the
      chunks arrive, so a chunked body is stopped at the cap, never read whole.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS, max_body: int = MAX_BODY_BYTES):
        self.app = app
        self.hosts = {host_name(h) for h in allowed_hosts}
        self.max_body = max_body

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """The status and message that refuse this request, or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host")
        if host is not None and "*" not in self.hosts and host_name(host) not in self.hosts:
            return 400, (
                f"this server does not answer to the host {host[:100]!r} (it answers to "
                f"{', '.join(sorted(self.hosts))}): start it with `newsgraph serve --allow-host NAME` "
                "to serve another name"
            )
        path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
        query: bytes = scope.get("query_string", b"")
        if len(path) + len(query) > MAX_URL_BYTES:
            return 414, f"the URL is {len(path) + len(query):,} bytes long; this server reads at most {MAX_URL_BYTES:,}"
        if "\x00" in scope.get("path", "") or b"%00" in path or b"%00" in query:
            return 400, "the URL holds a NUL character (%00), which no path or parameter here takes"
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return 413, BodyTooLarge(int(declared), self.max_body).detail
        return None

    def refuse(self, scope: Scope, status: int, message: str) -> Response:
        """The refusal; one with a body still to come closes the connection rather than read it."""
        closing = {"Connection": "close"} if status == 413 else None
        return error_response(Request(scope), status, status_code_name(status), message, closing)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self.refusal(scope)
        if refused is not None:
            await self.refuse(scope, *refused)(scope, receive, send)
            return
        received = 0
        headers = dict(scope.get("headers", []))
        body_done = headers.get(b"content-length", b"0") == b"0" and b"transfer-encoding" not in headers

        async def counted() -> Message:
            nonlocal received, body_done
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(None, self.max_body)
                body_done = not message.get("more_body", False)
            return message

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start" and not body_done:
                # answered before the body was read (a refusal): close rather than read the rest
                MutableHeaders(scope=message)["connection"] = "close"
            await send(message)

        try:
            await self.app(scope, counted, closing)
        except ClientDisconnect:  # gone mid-body (or dropped by the server's body deadline): no one to answer
            log.info("%s %s: the client left before its body was read", scope.get("method"), scope.get("path"))


def check_token(request: Request) -> None:
    """Allow a write only when the app has a token and the request brings it as a bearer token.

    No token configured: 403 (a read-only server). Token configured, missing or wrong: 401.
    """
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(
            403,
            "this server is read-only: start it with `newsgraph serve --token TOKEN` (or $NEWSGRAPH_TOKEN) "
            "to accept documents over HTTP",
        )
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(value.strip().encode(), expected.encode()):
        raise HTTPException(
            401,
            "a valid token is needed: send the header `Authorization: Bearer TOKEN` with the server's token",
            headers={"WWW-Authenticate": "Bearer"},
        )
