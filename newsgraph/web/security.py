"""What every response carries and what guards the one write: security headers, the JSON error
shape, and the bearer token of ``POST /api/documents``.

Article text is untrusted input: the Content-Security-Policy forbids inline scripts and any
script, style, image or connection from elsewhere, so even a page that forgot to escape a
story could not run its ``<script>``. The pages escape it anyway (``textContent`` only).
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
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
