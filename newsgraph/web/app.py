"""The web application: the JSON API under ``/api``, the UI's pages, OpenAPI at ``/docs``.

``create_app(db)`` opens the store once (it must exist), resolves documents not resolved yet,
and joins the API router, the pages router, the security headers and the one error shape.
``/docs`` is Swagger UI served from this server (the files of the ``fastapi-offline`` PyPI
package, started by a script of ours rather than an inline one, which the CSP forbids), so
the documentation works with no network.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import Match

from newsgraph import __version__
from newsgraph.errors import AmbiguousActor, NewsgraphError
from newsgraph.store import Store
from newsgraph.web import api
from newsgraph.web.security import (
    LOOPBACK_HOSTS,
    RequestGuard,
    SecurityHeaders,
    error_body,
    error_response,
    status_code_name,
)

SWAGGER_ASSETS = Path(fastapi_offline.__file__).parent / "static"

DOCS_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>newsgraph API</title>
<link rel="icon" href="/docs/assets/favicon.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

DOCS_INIT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
"""

DESCRIPTION = """The store of a newsgraph server, read as JSON: documents with their extraction, actors
resolved across documents (with watchlist matches), events, claims, relations, the actor network
with the evidence of every tie, event locations and a timeline.

Lists take `limit` (at most 500) and `offset` and answer `{items, limit, offset, total}`. Every
error is `{"error": {"status", "code", "message"}}`; a name that fits several actors (where a
route takes a name: `network?actor=`, `network/path`, a merge) answers 409 `ambiguous_actor` with
`candidates` to pick from by `#ID`. The writes (`POST /api/documents`, and the review's: `POST
/api/reviews` to confirm or dismiss a watchlist hit, `POST /api/actors/ID/merge|split`) work only
on a server started with `--token`, and only with `Authorization: Bearer TOKEN`.
"""


TEST_HOST = "testserver"
"""The Host that Starlette's TestClient sends: answered by an app made without ``allowed_hosts``
(a library or a test), never by ``newsgraph serve``, which names its hosts."""


def create_app(
    db: str, *, token: str | None = None, warm: bool = True, allowed_hosts: Iterable[str] | None = None
) -> FastAPI:
    """The app over the store ``db`` (a SQLite file or a database URL), which must exist.

    With ``token``, ``POST /api/documents`` accepts documents from requests bearing it; without,
    the server is read-only. With ``warm``, the answers over the whole store that the first
    pages need are computed in the background when the server starts. Requests naming another
    Host than ``allowed_hosts`` are refused (default: localhost, 127.0.0.1, ::1 and TestClient's
    name; ``*`` allows any).
    """
    from newsgraph.resolve import pending_documents, resolve_pending

    store = Store.open(db, create=False)
    if pending_documents(store.engine):
        resolve_pending(store.engine)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            api.warm_in_background(store.engine)
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        redirect_slashes=False,  # Starlette's redirect copies the Host into Location: ours is relative
    )
    app.state.store = store
    app.state.engine = store.engine
    app.state.token = token or None
    app.state.db = db
    hosts = list(allowed_hosts) if allowed_hosts is not None else [*LOOPBACK_HOSTS, TEST_HOST]
    app.add_middleware(RequestGuard, allowed_hosts=hosts, max_body=api.MAX_POST_BYTES)
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, refusals included
    _error_handlers(app)
    _docs(app)
    app.include_router(api.router, prefix="/api")
    from newsgraph.web import pages

    app.include_router(pages.router)

    return app


def _error_handlers(app: FastAPI) -> None:
    async def newsgraph_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsgraphError)
        status = exc.http_status
        code = _snake(type(exc).__name__) if type(exc) is not NewsgraphError else status_code_name(status)
        return error_response(request, status, code, exc.message)

    async def ambiguous_actor(request: Request, exc: Exception) -> Response:
        """409, the one error shape with the actors the name fits (``candidates``) to pick from."""
        assert isinstance(exc, AmbiguousActor)
        body = error_body(exc.http_status, "ambiguous_actor", exc.message)
        body["error"]["candidates"] = exc.candidates
        body["error"]["total"] = exc.total
        return JSONResponse(body, status_code=exc.http_status)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else status_code_name(exc.status_code)
        if exc.status_code == 404 and message == "Not Found":
            moved = _slash_twin(request)
            if moved is not None:
                return RedirectResponse(moved, status_code=307)
            message = f"no page or API route {request.url.path}: /docs lists the API"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}: /docs lists the methods"
        return error_response(request, exc.status_code, status_code_name(exc.status_code), message, exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        parts = []
        for err in exc.errors()[:5]:
            loc = [str(p) for p in err.get("loc", ())]
            where = f"{loc[0]} parameter {'.'.join(loc[1:])}" if len(loc) > 1 else ".".join(loc) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid_request", "; ".join(parts) or "invalid request")

    app.add_exception_handler(NewsgraphError, newsgraph_error)
    app.add_exception_handler(AmbiguousActor, ambiguous_actor)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


def _slash_twin(request: Request) -> str | None:
    """The relative URL of the route this path names with its trailing slash added or removed
    (``/api/actors/`` -> ``/api/actors``), or None. Relative, so no Host is ever copied into a
    ``Location``; never ``//...``, which a browser would read as another host."""
    path = request.url.path
    twin = path.rstrip("/") if path.endswith("/") else path + "/"
    if not twin.startswith("/") or twin.startswith("//"):
        return None
    scope = {**request.scope, "path": twin}
    if not any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
        return None
    query = request.url.query
    return quote(twin) + (f"?{query}" if query else "")


def _snake(name: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _docs(app: FastAPI) -> None:
    app.mount("/docs/assets", StaticFiles(directory=SWAGGER_ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML)

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> Response:
        return Response(DOCS_INIT, media_type="text/javascript; charset=utf-8")
