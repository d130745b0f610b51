"""The web UI's pages: one HTML shell per page, the static JS/CSS, and the vendored npm files.

Every page is the same small HTML shell (``static/shell.html``) naming its page in ``data-page``;
the JS modules in ``static/js`` fetch the JSON API and build the DOM with ``textContent`` and
``createElement`` only, so article text is never parsed as HTML. No inline scripts: the
Content-Security-Policy forbids them.

Third-party browser code (cytoscape, world-atlas, topojson-client, chart.js) is installed by ``npm ci``
from the repository's ``package-lock.json`` into ``node_modules/`` (or ``$NEWSGRAPH_NODE_MODULES``)
and served from there under ``/vendor/``: only the few files listed in ``VENDOR_FILES``.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from newsgraph.web.security import error_body, error_response

STATIC = Path(__file__).parent / "static"
REPO_ROOT = Path(__file__).resolve().parents[2]

#: URL path under /vendor/ -> file inside node_modules. Nothing else in node_modules is served.
VENDOR_FILES: dict[str, str] = {
    "cytoscape.esm.min.mjs": "cytoscape/dist/cytoscape.esm.min.mjs",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "land-110m.json": "world-atlas/land-110m.json",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
}

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}

#: Page name -> its title; the shell carries the name, the JS module renders the page.
PAGES = {
    "home": "Search",
    "search": "Search",
    "document": "Document",
    "actor": "Actor",
    "network": "Network",
    "map": "Map and timeline",
    "alerts": "Alerts",
    # the analyst's pages (issue 18)
    "events": "Events",
    "event": "Event",
    "claims": "Claims",
    "claim": "Claim",
    "stories": "Stories",
    "story": "Story",
    "hits": "Watchlist hits",
    "hit": "Watchlist hit",
    "path": "Path",
    "trends": "Trends",
    "communities": "Communities",
}

NOT_INSTALLED = (
    "The web UI's browser libraries (cytoscape, world-atlas, topojson-client, chart.js) are not installed: "
    "run `bash run setup` in the newsgraph checkout (it runs `npm ci` from package-lock.json), "
    "or point $NEWSGRAPH_NODE_MODULES at a node_modules folder that holds them."
)

router = APIRouter(include_in_schema=False)


def node_modules() -> Path:
    """The node_modules folder the vendor files are served from: $NEWSGRAPH_NODE_MODULES or the repo's."""
    configured = os.environ.get("NEWSGRAPH_NODE_MODULES")
    return Path(configured) if configured else REPO_ROOT / "node_modules"


def vendor_missing() -> list[str]:
    """The vendor files that are not installed (empty when ``npm ci`` has run)."""
    root = node_modules()
    return [name for name, rel in VENDOR_FILES.items() if not (root / rel).is_file()]


@lru_cache(maxsize=1)
def _shell_template() -> str:
    return (STATIC / "shell.html").read_text(encoding="utf-8")


def _static_files() -> list[Path]:
    """The UI's own files that are served (JS, CSS, icon), in a stable order."""
    return sorted(p for p in STATIC.rglob("*") if p.suffix in MEDIA_TYPES and p.is_file())


def static_version() -> str:
    """A digest of the UI's static files (names, sizes, modification times). The shell names them
    under ``/assets/<digest>/``, served as immutable: a browser loads each once and then keeps it,
    rather than asking the server again for every module on every page (a round trip each, which
    cost more than drawing the page on a busy machine); any edit to a file gives new URLs."""
    digest = hashlib.sha1()
    for path in _static_files():
        st = path.stat()
        digest.update(f"{path.relative_to(STATIC).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def render_shell(page: str) -> str:
    """The HTML shell for ``page`` (a fixed name from PAGES, never user input): its CSS and scripts
    under the current ``/assets/<version>/``, every JS module preloaded (no waterfall of imports)."""
    if page not in PAGES:
        raise KeyError(page)
    assets = f"/assets/{static_version()}"
    js = STATIC / "js"
    preloads = "\n".join(
        f'<link rel="modulepreload" href="{assets}/{p.relative_to(STATIC).as_posix()}">'
        for p in _static_files()
        if p.suffix == ".js" and p.parent.is_relative_to(js) and p.name != "main.js"
    )
    return (
        _shell_template()
        .replace("{{preloads}}", preloads)
        .replace("{{assets}}", assets)
        .replace("{{page}}", page)
        .replace("{{title}}", PAGES[page])
    )


def _page(page: str) -> HTMLResponse:
    return HTMLResponse(render_shell(page), headers={"Cache-Control": "no-cache"})


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def home() -> HTMLResponse:
    """Search across documents and actors, and the store's summary."""
    return _page("home")


@router.api_route("/search", methods=["GET", "HEAD"], response_class=HTMLResponse)
def search_page() -> HTMLResponse:
    """Search results for ?q= (documents and actors)."""
    return _page("search")


@router.api_route("/documents/{document_id:path}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def document_page(document_id: str) -> HTMLResponse:
    """One document: its text with mentions, claims and events highlighted, and a side panel."""
    return _page("document")


@router.api_route("/actors/{actor_id:path}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def actor_page(actor_id: str) -> HTMLResponse:
    """One actor: names, kind, places, attributes, watchlist matches and their review, timeline,
    neighbourhood, merge and split."""
    return _page("actor")


@router.api_route("/network", methods=["GET", "HEAD"], response_class=HTMLResponse)
def network_page() -> HTMLResponse:
    """The interactive actor network; clicking an edge lists its evidence."""
    return _page("network")


@router.api_route("/map", methods=["GET", "HEAD"], response_class=HTMLResponse)
def map_page() -> HTMLResponse:
    """Event locations on a world outline, and a timeline."""
    return _page("map")


@router.api_route("/alerts", methods=["GET", "HEAD"], response_class=HTMLResponse)
def alerts_page() -> HTMLResponse:
    """The alerts of the watch rules, newest first, updated live as new ones are raised."""
    return _page("alerts")


@router.api_route("/events", methods=["GET", "HEAD"], response_class=HTMLResponse)
def events_page() -> HTMLResponse:
    """Events across documents, filtered and paged (the filters in the URL)."""
    return _page("events")


@router.api_route("/events/{key:path}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def event_page(key: str) -> HTMLResponse:
    """One event (DOCUMENT:ID): its sentence, actors, document, story and claim."""
    return _page("event")


@router.api_route("/claims", methods=["GET", "HEAD"], response_class=HTMLResponse)
def claims_page() -> HTMLResponse:
    """Claims across documents: who says what, filtered and paged."""
    return _page("claims")


@router.api_route("/claims/{key:path}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def claim_page(key: str) -> HTMLResponse:
    """One claim (DOCUMENT:ID): its speaker, document, story and the events known through it."""
    return _page("claim")


@router.api_route("/stories", methods=["GET", "HEAD"], response_class=HTMLResponse)
def stories_page() -> HTMLResponse:
    """Stories, largest first."""
    return _page("stories")


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def story_page(story_id: str) -> HTMLResponse:
    """One story: its articles and its events counted once."""
    return _page("story")


@router.api_route("/hits", methods=["GET", "HEAD"], response_class=HTMLResponse)
def hits_page() -> HTMLResponse:
    """Watchlist hits by status and list."""
    return _page("hits")


@router.api_route("/hits/view", methods=["GET", "HEAD"], response_class=HTMLResponse)
def hit_page() -> HTMLResponse:
    """One hit (?name=&list=&reference=): the actor, the list's entry, and its review in place."""
    return _page("hit")


@router.api_route("/path", methods=["GET", "HEAD"], response_class=HTMLResponse)
def path_page() -> HTMLResponse:
    """The shortest evidenced chains between two actors (?a=&b=)."""
    return _page("path")


@router.api_route("/trends", methods=["GET", "HEAD"], response_class=HTMLResponse)
def trends_page() -> HTMLResponse:
    """Events per week or month by type, and claims by speaker, as charts (?actor= or ?q=)."""
    return _page("trends")


@router.api_route("/communities", methods=["GET", "HEAD"], response_class=HTMLResponse)
def communities_page() -> HTMLResponse:
    """Who clusters with whom and the most central actors (the CLI's ``communities``)."""
    return _page("communities")


@router.api_route("/favicon.ico", methods=["GET", "HEAD"])
def favicon() -> Response:
    """The tab icon (an SVG), so browsers do not log a 404."""
    return RedirectResponse("/static/favicon.svg", status_code=308)


def _static(name: str, cache: str) -> Response:
    """One of the UI's own files, or 404 (nothing outside static/, nothing but MEDIA_TYPES)."""
    try:
        path = (STATIC / name).resolve()
        found = path.is_file() and STATIC.resolve() in path.parents and path.suffix in MEDIA_TYPES
    except (OSError, ValueError):  # a name too long for the file system, a NUL: no such file
        found = False
    if not found:
        shown = name if len(name) <= 100 else name[:100] + "..."
        return _not_found(f"no static file {shown!r}")
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": cache})


@router.api_route("/static/{name:path}", methods=["GET", "HEAD"])
def static_file(name: str) -> Response:
    """The UI's own JS, CSS and icon files (asked again each time: the pages use /assets/)."""
    return _static(name, "no-cache")


@router.api_route("/assets/{version}/{name:path}", methods=["GET", "HEAD"])
def asset_file(version: str, name: str) -> Response:
    """The UI's own files under the version the shell names (:func:`static_version`): kept by the
    browser for a year. An older version (a page open across an upgrade) gets today's file, asked
    again each time."""
    current = version == static_version()
    return _static(name, "public, max-age=31536000, immutable" if current else "no-cache")


@router.api_route("/vendor/{name}", methods=["GET", "HEAD"])
def vendor_file(name: str, request: Request) -> Response:
    """One of the npm-installed files in VENDOR_FILES, from node_modules; a clear error when absent."""
    rel = VENDOR_FILES.get(name)
    if rel is None:
        return _not_found(f"no vendor file {name!r}; served are: {', '.join(sorted(VENDOR_FILES))}")
    path = node_modules() / rel
    if not path.is_file():
        return error_response(request, 503, "vendor_not_installed", f"{rel} is missing. {NOT_INSTALLED}")
    suffix = ".js" if name.endswith((".js", ".mjs")) else path.suffix
    return FileResponse(
        path, media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"), headers={"Cache-Control": "max-age=3600"}
    )


def _not_found(message: str) -> Response:
    return JSONResponse(error_body(404, "not_found", message), status_code=404)
