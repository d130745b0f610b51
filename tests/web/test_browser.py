"""The web UI in a real browser: Debian's Chromium driven by Playwright for Python, against the real
server (uvicorn on 127.0.0.1, a free port) over the real store of ``web_db`` (the samples, a hostile
story and a screened watchlist entry; tests/web/conftest.py).

Every page is checked for Content-Security-Policy violations (a ``securitypolicyviolation``
listener installed before any page script runs, and the console) and for uncaught script errors.
Screenshots of each page go to ``artifacts/screenshots/`` (not committed).

Skips, saying why, only when Chromium (``scripts/test-setup.sh`` installs Debian's) or the npm
libraries (``bash run setup`` runs ``npm ci``) are absent.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.web import pages
from tests.web.conftest import WATCHLIST_PERSON, WATCHLIST_REFERENCE, XSS_ID, XSS_IMG, XSS_SCRIPT, XSS_TITLE

CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is absent: `bash scripts/test-setup.sh` installs Debian's chromium "
        "(or set $NEWSGRAPH_CHROMIUM)",
    ),
    pytest.mark.skipif(
        bool(pages.vendor_missing()),
        reason="the web UI's npm libraries are not installed (node_modules): run `bash run setup` (npm ci)",
    ),
]

# Installed before any page script: records every CSP violation the page meets.
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    """The real app under uvicorn in a thread; yields its base URL."""
    from newsgraph.web.app import create_app

    yield from _serve(create_app(str(web_db)))


REVIEW_TOKEN = "browser-review-token"


@pytest.fixture()
def writable_server(web_store_copy: Path) -> Iterator[str]:
    """The real app over a copy of the store, started with a token (writes allowed)."""
    from newsgraph.web.app import create_app

    yield from _serve(create_app(str(web_store_copy), token=REVIEW_TOKEN))


def _serve(app: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="newsgraph-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def api(server: str, path: str) -> Any:
    """GET a JSON answer of the server's API (what the page itself fetches)."""
    with urllib.request.urlopen(server + "/api" + path, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that it must not: dialogs, script errors, CSP violations in the console."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []

    def csp_console(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m or "Content-Security-Policy" in m]


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page (own context) that records dialogs, errors and console lines; after the test it
    must have met no CSP violation, no uncaught error and no dialog."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=server)
    context.add_init_script(CSP_PROBE)
    pg = context.new_page()
    watch = Watch()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda err: watch.errors.append(str(err)))
    pg.on("console", lambda msg: watch.console.append(f"{msg.type}: {msg.text}"))
    pg.watch = watch
    yield pg
    try:
        violations = pg.evaluate("() => window.__cspViolations || []")
    except Exception:  # page closed or navigating: the console lines still count
        violations = []
    context.close()
    assert not violations, f"CSP violations: {violations}"
    assert not watch.csp_console(), f"CSP messages in the console: {watch.csp_console()}"
    assert not watch.errors, f"uncaught script errors: {watch.errors}"
    assert not watch.dialogs, f"dialogs fired: {watch.dialogs}"


def wait_until(pg: Any, script: str, timeout: float = 20.0) -> Any:
    """Poll ``script`` (a JS function) until it returns something truthy. Playwright's own
    wait_for_function evaluates its predicate with eval, which the page's CSP forbids."""
    deadline = time.monotonic() + timeout
    while True:
        value = pg.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {script}")
        pg.wait_for_timeout(100)


def open_page(pg: Any, path: str) -> Any:
    """Navigate and wait until the page's module has rendered (body[data-ready])."""
    response = pg.goto(path)
    assert response is not None and response.ok, f"{path}: {response.status if response else 'no response'}"
    pg.wait_for_selector("body[data-ready=true]", timeout=20_000)
    assert not pg.query_selector(".notice-error"), pg.inner_text(".notice-error")
    return response


def shot(pg: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def expected_line_style(edge: dict[str, Any]) -> str:
    """What graph.js must draw: dotted for 'says', dashed when hedged or only claimed, else solid."""
    if edge["kind"] == "claim" or edge["type"] == "says":
        return "dotted"
    evidence = edge["evidence"]
    if edge["modality"] != "asserted" or (evidence and all(x["speaker_name"] for x in evidence)):
        return "dashed"
    return "solid"


def click_edge(pg: Any, edges: list[dict[str, Any]], panel: str) -> dict[str, Any]:
    """Click edges on the canvas (at their drawn midpoint) until one opens its evidence in
    ``panel``; returns that edge. Several are tried because a label may cover a midpoint."""
    wait_until(pg, "() => window.newsgraphGraph && window.newsgraphGraph.edges().length > 0")
    box = pg.locator("#graph").bounding_box()
    assert box is not None
    for edge in edges[:8]:
        point = pg.evaluate(
            "(id) => { const e = window.newsgraphGraph.getElementById(id); if (!e.length) return null;"
            " const p = e.renderedMidpoint(); return [p.x, p.y]; }",
            edge["id"],
        )
        if point is None:
            continue
        pg.mouse.click(box["x"] + point[0], box["y"] + point[1])
        try:
            pg.wait_for_selector(f'{panel} .evidence-panel[data-edge="{edge["id"]}"]', timeout=1500)
        except Exception:
            continue
        return edge
    raise AssertionError("no edge opened its evidence when clicked")


def test_search_actor_network_evidence(page: Any, server: str) -> None:
    """The analyst's path: the summary, a search, an actor with its watchlist match, its network,
    a click on an edge, the evidence sentence with its speaker and source."""
    summary = api(server, "/summary")
    open_page(page, "/")
    assert page.inner_text("#summary").startswith(str(summary["documents"]))
    shot(page, "home")

    page.fill("#q", "Bakare")
    page.wait_for_selector("#actor-results a")
    assert WATCHLIST_PERSON in page.inner_text("#actor-results")
    page.press("#q", "Enter")  # the form goes to /search?q=
    page.wait_for_url("**/search?q=Bakare")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#actor-results a")
    shot(page, "search")

    page.click(f"#actor-results a:text-is('{WATCHLIST_PERSON}')")
    page.wait_for_url("**/actors/*")
    page.wait_for_selector("body[data-ready=true]")
    assert page.inner_text("#actor-name").startswith(WATCHLIST_PERSON)
    watch = page.inner_text("#watchlist")
    assert WATCHLIST_REFERENCE in watch
    actor_id = page.url.rsplit("/", 1)[1]
    hits = api(server, f"/actors/{actor_id}")["watchlist"]
    assert hits and hits[0]["explanation"] in watch, "the match's reason is shown"
    timeline = api(server, f"/actors/{actor_id}/timeline")["items"]
    assert page.locator("#actor-timeline li").count() == len(timeline) > 0
    shot(page, "actor")

    # an actor with ties: its neighbourhood graph, click an edge, read the evidence
    ends = Counter(x for e in api(server, "/network")["edges"] for x in (e["source"], e["target"]))
    hub = ends.most_common(1)[0][0]
    open_page(page, f"/actors/{hub}")
    neighbourhood = api(server, f"/actors/{hub}/network?depth=1")["edges"]
    edge = click_edge(page, neighbourhood, "#evidence")
    panel = " ".join(page.inner_text("#evidence").split())
    for ev in edge["evidence"]:
        assert " ".join(ev["sentence_text"].split()) in panel
    shot(page, "actor-neighbourhood")

    # the network view from the top bar: click an edge, read the evidence
    page.click("header nav a:text-is('Network')")
    page.wait_for_url("**/network")
    page.wait_for_selector("body[data-ready=true]")
    edge = click_edge(page, api(server, "/network")["edges"], "#evidence")
    panel = " ".join(page.inner_text("#evidence").split())
    assert " ".join(edge["evidence"][0]["sentence_text"].split()) in panel


def test_network_edges_styled_and_evidence_on_click(page: Any, server: str) -> None:
    """Edges coloured by type, dotted/dashed/solid by modality and provenance; clicking one on the
    canvas lists its evidence sentences with speaker and source (outlet)."""
    data = api(server, "/network?min_confidence=0")  # every tie, the faded ones too
    open_page(page, "/network?min_confidence=0")
    wait_until(page, "() => window.newsgraphGraph && window.newsgraphGraph.edges().length > 0")
    drawn = page.evaluate(
        "() => window.newsgraphGraph.edges().map(e => [e.id(), e.style('line-style'), e.style('line-color')])"
    )
    by_id = {e["id"]: e for e in data["edges"]}
    assert len(drawn) == len(data["edges"])
    colours: dict[str, set[str]] = {}
    for edge_id, style, colour in drawn:
        assert style == expected_line_style(by_id[edge_id]), (edge_id, style)
        colours.setdefault(by_id[edge_id]["type"], set()).add(colour)
    assert all(len(c) == 1 for c in colours.values()), "one colour per type"
    if len(colours) > 1:
        assert len({next(iter(c)) for c in colours.values()}) > 1, "types are told apart by colour"
    assert {s for _, s, _ in drawn} >= {"dotted", "dashed"}, "the samples hold claimed and hedged ties"
    page.wait_for_selector("#ties[data-complete]")  # filled a slice at a time, once the graph is painted
    assert page.locator("#ties tbody tr").count() == len(data["edges"])

    # prefer an event or relation tie known through someone's claim: its panel names the speaker
    ordered = sorted(
        data["edges"], key=lambda e: (e["kind"] == "claim", not any(x["speaker_name"] for x in e["evidence"]))
    )
    edge = click_edge(page, ordered, "#evidence")
    panel = page.locator("#evidence .evidence-panel")
    sentences = [" ".join(t.split()) for t in panel.locator(".sentence").all_inner_texts()]
    assert sentences == [" ".join(x["sentence_text"].split()) for x in edge["evidence"]]
    meta = panel.locator(".evidence-meta").all_inner_texts()
    for ev, line in zip(edge["evidence"], meta, strict=True):
        if ev["speaker_name"]:
            assert f"{ev['speaker_name']} says" in line
        assert (ev["outlet"] or "unknown outlet") in line
    link = panel.locator(".evidence-meta a").first
    assert link.get_attribute("href") == "/documents/" + edge["evidence"][0]["document"]
    shot(page, "network")

    # a row of the ties table opens the same panel, and selects the edge in the graph
    other = data["edges"][-1]
    page.click(f'#ties tr[data-edge="{other["id"]}"]')
    page.wait_for_selector(f'#evidence .evidence-panel[data-edge="{other["id"]}"]')
    assert page.evaluate("(id) => window.newsgraphGraph.getElementById(id).selected()", other["id"])


def _lagos_document(server: str) -> dict[str, Any]:
    found = api(server, "/search?q=dock%20workers")["documents"]
    assert found, "the Lagos port story is among the samples"
    return api(server, "/documents/" + found[0]["id"])


def test_facts_under_the_threshold_are_faded_not_hidden(page: Any, server: str) -> None:
    """On a document page, every claim and event under the calibrated threshold is still drawn,
    with the faded class; those at or above it are not faded."""
    body = _lagos_document(server)
    threshold = body["confidence_threshold"]
    open_page(page, "/documents/" + body["document"]["id"])
    facts = [("hl-claim", c["start"], c["end"], c["confidence"]) for c in body["claims"]]
    facts += [("hl-event", v["trigger"]["start"], v["trigger"]["end"], v["confidence"]) for v in body["events"]]
    assert any(c is not None and c < threshold for *_x, c in facts), "the sample story has facts under the threshold"
    drawn = page.eval_on_selector_all(
        "#doc-text [data-start]", "els => els.map(e => [+e.dataset.start, e.className, e.textContent.length])"
    )
    plain = 0
    for cls, start, end, confidence in facts:
        marks = [c.split() for s, c, _n in drawn if cls in c.split() and start <= s < end]
        assert marks, f"{cls} at {start} is not drawn"
        if confidence is not None and confidence < threshold:
            assert any("hl-unsure" in c for c in marks), (cls, start, confidence, threshold)
        else:  # segments overlapping a faded fact carry its class too; some of this one are plain
            plain += any("hl-unsure" not in c for c in marks)
    assert plain, "no fact at or above the threshold is drawn plain"


def test_document_highlights_and_side_panel(page: Any, server: str) -> None:
    """The text is shown exactly, with mentions, claims (speaker, cue, content) and events
    highlighted at their offsets, and a side panel listing them."""
    body = _lagos_document(server)
    doc = body["document"]
    open_page(page, "/documents/" + doc["id"])
    assert page.inner_text("#doc-title") == doc["title"]
    assert page.eval_on_selector("#doc-text", "el => el.textContent") == doc["text"]

    def spans(cls: str) -> list[tuple[int, str]]:
        found = page.eval_on_selector_all(f"#doc-text .{cls}", "els => els.map(e => [+e.dataset.start, e.textContent])")
        return [(int(s), t) for s, t in found]

    def covered(cls: str) -> set[int]:
        """The character positions that carry the class (segments split spans at every boundary)."""
        return {i for start, text in spans(cls) for i in range(start, start + len(text))}

    def positions(records: list[dict[str, Any]]) -> set[int]:
        return {i for r in records for i in range(r["start"], r["end"])}

    speakers = [c["speaker"] for c in body["claims"] if c["speaker"]]
    triggers = [v["trigger"] for v in body["events"] if v["trigger"]]
    assert speakers and triggers and body["mentions"]
    assert covered("hl-speaker") == positions(speakers)
    assert covered("hl-event") == positions(triggers)
    assert covered("hl-claim") == positions(body["claims"])
    assert covered("hl-mention") == positions(body["mentions"])

    assert page.locator("#claim-list > li").count() == len(body["claims"])
    assert page.locator("#event-list > li").count() == len(body["events"])
    assert page.locator("#entity-list > li").count() == len(body["entities"])
    claim = next(c for c in body["claims"] if c["speaker"])
    item = page.locator(f'#claim-list > li[data-ref="{claim["id"]}"]')
    assert claim["speaker_name"] in item.inner_text() and " ".join(claim["text"].split()) in " ".join(
        item.inner_text().split()
    )
    item.hover()
    active = page.eval_on_selector_all("#doc-text .hl-active", "els => els.map(e => e.textContent).join('')")
    assert claim["text"] in active and claim["speaker"]["text"] in active
    shot(page, "document")


def test_hostile_story_renders_inert(page: Any, server: str) -> None:
    """A story whose title and text carry <script> and <img onerror>: shown as text on the document
    page, the home page and the search results; no dialog, no injected element."""
    for path in (f"/documents/{XSS_ID}", "/", "/search?q=defaced"):
        response = open_page(page, path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.locator("img").count() == 0, f"{path}: an <img> element was injected"
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
        main = r"/assets/[0-9a-f]{12}/js/main\.js"
        assert len(scripts) == 1 and re.fullmatch(main, scripts[0]), f"{path}: scripts {scripts}"
        assert XSS_SCRIPT in page.inner_text("#app"), f"{path}: the story's markup is not shown as text"
    open_page(page, f"/documents/{XSS_ID}")
    assert page.inner_text("#doc-title") == XSS_TITLE
    assert XSS_IMG in page.eval_on_selector("#doc-text", "el => el.textContent")
    page.wait_for_timeout(300)  # a dialog would have fired by now
    assert page.watch.dialogs == []
    shot(page, "document-hostile")


def test_map_outline_markers_and_timeline(page: Any, server: str) -> None:
    """The world outline from world-atlas, one circle per located place, a click lists the place's
    events; the timeline has one group of bars per period."""
    places = api(server, "/map")["items"]
    periods = api(server, "/timeline")["items"]
    assert places and periods
    open_page(page, "/map")
    page.wait_for_selector("#land")
    assert len(page.get_attribute("#land", "d") or "") > 10_000, "the land outline is drawn"
    assert page.locator("svg.map .borders").count() == 1
    # one circle per place, or per cluster of nearby places (data-places counts them)
    drawn = page.eval_on_selector_all("svg.map .marker", "els => els.map(e => Number(e.dataset.places || 1))")
    assert sum(drawn) == len(places) >= 1
    page.locator("svg.map .marker").first.click()
    page.wait_for_selector("#place-events li, #place-panel a")
    assert places[0]["place"] in page.inner_text("#place-panel")
    assert page.locator("#timeline-bars .bar").count() == len(periods)
    latest = api(server, "/events?limit=15")
    if latest["items"]:
        assert page.locator("#recent-events li").count() == len(latest["items"])
    else:  # every sample event is under the confidence threshold: the page says so and shows them
        assert latest["hidden_below_confidence"] > 0
        note = page.locator("#events-box .hidden-note")
        assert "hidden" in note.inner_text()
        note.locator("button.show-hidden").click()
        page.wait_for_selector("#recent-events li")
        assert page.locator("#recent-events li.unsure").count() > 0
    shot(page, "map")


def test_every_page_has_the_csp_header_and_blocks_inline_script(page: Any, server: str) -> None:
    """The CSP header on every page; an inline script is refused and the refusal is seen (so the
    violation checks of the other tests can fail)."""
    for path in ("/", "/search?q=port", "/network", "/map", f"/documents/{XSS_ID}"):
        response = open_page(page, path)
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert page.evaluate("window.__cspViolations") == []
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.head.append(s); }"
    )
    wait_until(page, "() => window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran") is None, "an inline script ran despite the CSP"
    page.evaluate("window.__cspViolations = []")  # seen on purpose; the fixture checks the rest
    page.watch.console.clear()


def _open_actor(pg: Any, base: str, name: str) -> str:
    found = api(base, "/search?q=" + urllib.parse.quote(name))["actors"]
    actor = next(a for a in found if a["name"] == name)
    open_page(pg, f"{base}/actors/{actor['id']}")
    return str(actor["id"])


def _counts(pg: Any) -> dict[str, int]:
    return {s: int(pg.inner_text(f"#watchlist-counts [data-count={s}]")) for s in ("open", "confirmed", "dismissed")}


def _home_counts(pg: Any, base: str) -> dict[str, int]:
    open_page(pg, base + "/")
    return {s: int(pg.inner_text(f"[data-stat=hits-{s}] .stat-value")) for s in ("open", "confirmed", "dismissed")}


def test_dismiss_a_hit_on_the_actor_page(page: Any, writable_server: str) -> None:
    """The analyst's review: the home page counts open, confirmed and dismissed hits apart; on the
    actor page, with a name, the server's token and a note, Dismiss turns the hit dismissed, the
    page's counts change, the decision says who and why, and it is kept (reload, home page)."""
    base = writable_server
    home = _home_counts(page, base)
    assert home["open"] >= 1 and home["dismissed"] == 0
    assert "watchlist matches" not in page.inner_text("#summary")  # no single headline of every hit
    shot(page, "home-review-counts")

    _open_actor(page, base, WATCHLIST_PERSON)
    item = page.locator(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"]')
    assert item.get_attribute("data-status") == "open"
    before = _counts(page)
    page.fill("#reviewer", "alice")
    page.fill("#review-token", REVIEW_TOKEN)
    item.locator(".hit-note").fill("a namesake, not the listed man")
    item.locator("button.hit-dismiss").click()
    page.wait_for_selector(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"][data-status="dismissed"]')
    after = _counts(page)
    assert after == {**before, "open": before["open"] - 1, "dismissed": before["dismissed"] + 1}
    decision = item.locator(".hit-decision").inner_text()
    assert "dismissed by alice" in decision and "a namesake, not the listed man" in decision
    assert item.locator("button.hit-reopen").count() == 1 and item.locator("button.hit-dismiss").count() == 0
    shot(page, "actor-hit-dismissed")

    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"]').get_attribute("data-status") == (
        "dismissed"
    )
    assert page.input_value("#reviewer") == "alice"  # kept for the next decision
    assert _home_counts(page, base) == {**home, "open": home["open"] - 1, "dismissed": 1}


def test_a_review_on_a_read_only_server_says_why_it_failed(page: Any, server: str) -> None:
    _open_actor(page, server, WATCHLIST_PERSON)
    item = page.locator(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"]')
    page.fill("#reviewer", "alice")
    item.locator(".hit-note").fill("a namesake")
    assert item.locator("button.hit-dismiss").is_disabled()  # no token typed: the note says why
    page.fill("#review-token", "a-token-this-server-does-not-have")
    item.locator("button.hit-dismiss").click()
    page.wait_for_selector(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"] .notice-error')
    assert "read-only" in item.locator(".notice-error").inner_text()
    assert item.get_attribute("data-status") == "open"


def _post(base: str, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        base + "/api" + path,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {REVIEW_TOKEN}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_a_name_that_fits_several_actors_lists_them_on_the_network_page(page: Any, writable_server: str) -> None:
    """Two actors named NWS (one entity split off): the network page lists both instead of
    drawing one, and each link draws that one's neighbourhood."""
    base = writable_server
    nws = next(a for a in api(base, "/search?q=NWS")["actors"] if a["name"] == "NWS")
    link = api(base, f"/actors/{nws['id']}")["links"][0]
    split = _post(
        base,
        f"/actors/{nws['id']}/split",
        {"document": link["document"], "entity_id": link["entity_id"], "decided_by": "alice"},
    )
    open_page(page, base + "/network?actor=NWS")
    page.wait_for_selector("#actor-candidates a")
    hrefs = page.eval_on_selector_all("#actor-candidates a", "els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) == 2 and all("actor=%23" in h for h in hrefs)
    assert {f"%23{nws['id']}", f"%23{split['actor']['id']}"} == {h.split("actor=")[1].split("&")[0] for h in hrefs}
    assert page.locator("#graph").count() == 0  # nothing drawn for a name that names no one actor
    page.click("#actor-candidates a >> nth=0")
    page.wait_for_url("**/network?actor=%23*")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#network-count, #network .notice")
    assert page.locator("#actor-candidates").count() == 0
