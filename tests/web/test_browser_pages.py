"""The analyst's pages (issue 18) in a real browser: Debian's Chromium driven by Playwright, against
the real server over the real store of ``web_db`` (tests/web/conftest.py), with the fixtures of
tests/web/test_browser.py (every page checked for CSP violations, script errors and dialogs).

Lists page to their last page ("1–3 of 9"), filters change the results exactly as the API says
and live in the URL (the back button returns to them), the event, claim, story, hit, path and trend
pages link to each other, a review needs the server's token, the document's highlights are off
until chosen. Screenshots go to ``artifacts/pages/`` (printed; not committed).
"""

from __future__ import annotations

import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.web import test_browser as shared
from tests.web.conftest import WATCHLIST_PERSON, WATCHLIST_REFERENCE
from tests.web.test_browser import REVIEW_TOKEN, api, open_page, wait_until

# the fixtures and marks of tests/web/test_browser.py: a real server, Chromium, a watched page
pytestmark = shared.pytestmark
browser = shared.browser
server = shared.server
writable_server = shared.writable_server
page = shared.page

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "pages"


def shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def console_errors(pg: Any, allowed: tuple[str, ...] = ()) -> list[str]:
    return [m for m in pg.watch.console if m.startswith("error:") and not any(a in m for a in allowed)]


def pager_text(pg: Any, pager: str) -> str:
    return " ".join(pg.inner_text(f"{pager} .pager-count").split())


def q(value: str) -> str:
    return urllib.parse.quote(value)


def test_search_pages_to_the_last_page_and_filters_live_in_the_url(page: Any, server: str) -> None:
    every = api(server, "/search?q=the&limit=500")
    total = every["documents_total"]
    assert total >= 7
    open_page(page, "/search?q=the&limit=3")
    page.wait_for_selector("#document-pager")
    assert pager_text(page, "#document-pager") == f"1–3 of {total}"
    assert page.locator("#document-results li").count() == 3
    page.click("#document-pager .pager-last")
    last = (total - 1) // 3 * 3
    page.wait_for_url(f"**offset={last}**")
    page.wait_for_selector(f'#document-pager[data-offset="{last}"]')
    assert pager_text(page, "#document-pager") == f"{last + 1}–{total} of {total}"
    titles = page.locator("#document-results .result-title").all_inner_texts()
    assert titles == [d["title"] for d in every["documents"][last:]]
    assert all(t and not t.startswith("Untitled") for t in titles)
    assert page.locator("#document-pager .pager-next").is_disabled()
    shot(page, "search-last-page")

    page.go_back()  # the first page again, as the URL says
    page.wait_for_selector('#document-pager[data-offset="0"]')
    assert pager_text(page, "#document-pager") == f"1–3 of {total}"

    page.fill("#search-filters-since", "2026-03")
    page.click("#search-filters button[type=submit]")
    page.wait_for_url("**since=2026-03**")
    march = api(server, "/search?q=the&since=2026-03&limit=500")
    page.wait_for_selector(f'#document-pager[data-total="{march["documents_total"]}"]')
    shown = page.locator("#document-results .result-title").all_inner_texts()
    assert shown == [d["title"] for d in march["documents"][:3]]
    assert march["documents_total"] < total
    page.reload()  # shareable: the URL alone draws the same page
    page.wait_for_selector(f'#document-pager[data-total="{march["documents_total"]}"]')
    assert page.input_value("#search-filters-since") == "2026-03"
    assert console_errors(page) == []


def test_actor_page_pages_its_documents_and_filters_its_timeline(page: Any, server: str) -> None:
    actors = api(server, "/actors?limit=1")["items"]
    hub = actors[0]["id"]
    named = api(server, f"/actors/{hub}/documents?limit=500")
    assert named["total"] >= 3
    open_page(page, f"/actors/{hub}?limit=2")
    page.wait_for_selector("#named-pager")
    assert pager_text(page, "#named-pager") == f"1–2 of {named['total']}"
    assert f"Named in ({named['total']})" in page.inner_text("#mentions-box h2")
    # the header counts the same documents ("Named in (50)" stood under a header of 101)
    assert f"{named['total']:,} documents" in page.inner_text(".actor-head")
    page.click("#named-pager .pager-last")
    last = (named["total"] - 1) // 2 * 2
    page.wait_for_selector(f'#named-pager[data-offset="{last}"]')
    hrefs = page.eval_on_selector_all("#actor-documents a.result-title", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["/documents/" + q(x["document"]) for x in named["items"][last:]]

    for candidate in api(server, "/actors?limit=30")["items"]:  # an actor whose timeline holds two kinds of fact
        whole = api(server, f"/actors/{candidate['id']}/timeline?min_confidence=0&limit=500")
        if len(Counter(i["kind"] for i in whole["items"])) > 1:
            break
    if candidate["id"] != hub:
        open_page(page, f"/actors/{candidate['id']}?limit=2")
    kind, _ = Counter(i["kind"] for i in whole["items"]).most_common(1)[0]
    wanted = [i for i in whole["items"] if i["kind"] == kind]
    assert 0 < len(wanted) < whole["total"], "the filter must leave some items out"
    page.select_option("#actor-filters-kind", kind)
    page.fill("#actor-filters-min_confidence", "0")
    page.click("#actor-filters button[type=submit]")
    page.wait_for_url(f"**kind={kind}**")
    page.wait_for_selector(f'#timeline-pager[data-total="{len(wanted)}"]')
    shown = page.eval_on_selector_all(
        "#actor-timeline li",
        "els => els.map(e => e.classList.contains('tl-' + arguments[0]))".replace("arguments[0]", repr(kind)),
    )
    assert shown == [True] * min(2, len(wanted))
    assert pager_text(page, "#timeline-pager") == f"1–{min(2, len(wanted))} of {len(wanted)}"
    assert page.get_attribute("#actor-events-link", "href") == f"/events?actor_id={candidate['id']}&min_confidence=0"
    shot(page, "actor-paged")
    assert console_errors(page) == []


def test_events_claims_and_stories_link_each_other(page: Any, server: str) -> None:
    planned = api(server, "/events?min_confidence=0&modality=planned&limit=500")
    every = api(server, "/events?min_confidence=0&limit=500")
    open_page(page, "/events?min_confidence=0&limit=5")
    page.wait_for_selector("#events-pager")
    assert pager_text(page, "#events-pager") == f"1–5 of {every['total']}"
    page.select_option("#event-filters-modality", "planned")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**modality=planned**")
    assert 0 < planned["total"] < every["total"]
    page.wait_for_selector(f'#events-pager[data-total="{planned["total"]}"]')
    keys = page.eval_on_selector_all("#event-results li", "els => els.map(e => e.dataset.key)")
    assert keys == [f"{e['document']}:{e['id']}" for e in planned["items"][:5]]
    shot(page, "events-planned")

    event = next(e for e in every["items"] if e["claim"])
    detail = api(server, f"/events/{q(event['document'] + ':' + event['id'])}")
    open_page(page, f"/events/{q(event['document'] + ':' + event['id'])}")
    assert " ".join(page.inner_text("#event-sentence").split()) == " ".join(event["sentence_text"].split())
    linked = page.eval_on_selector_all("#event-actors a", "els => els.map(e => e.getAttribute('href'))")
    assert linked == [f"/actors/{a['actor']}" for a in detail["actors"] if a["actor"] is not None]
    assert page.get_attribute("#record-document", "href") == "/documents/" + q(event["document"])
    shot(page, "event")

    page.click("#event-claim")
    page.wait_for_url("**/claims/**")
    page.wait_for_selector("body[data-ready=true]")
    assert event["id"] in page.eval_on_selector_all(
        "#claim-events li", "els => els.map(e => e.dataset.key.split(':').pop())"
    )
    shot(page, "claim")

    page.click("#record-story")
    page.wait_for_url("**/stories/**")
    page.wait_for_selector("body[data-ready=true]")
    articles = page.eval_on_selector_all("#story-articles a", "els => els.map(e => e.getAttribute('href'))")
    assert "/documents/" + q(event["document"]) in articles
    shot(page, "story")

    stories = api(server, "/stories?limit=500")
    open_page(page, "/stories?limit=2")
    page.click("#stories-pager .pager-last")
    last = (stories["total"] - 1) // 2 * 2
    page.wait_for_selector(f'#stories-pager[data-offset="{last}"]')
    assert page.locator("#story-results li").count() == stories["total"] - last
    assert console_errors(page) == []


def test_the_path_page_shows_each_hop_with_its_evidence(page: Any, server: str) -> None:
    edge = api(server, "/network?min_confidence=0")["edges"][0]
    a, b = f"#{edge['source']}", f"#{edge['target']}"
    body = api(server, f"/network/path?a={q(a)}&b={q(b)}&min_confidence=0&limit=5")
    assert body["paths"]
    open_page(page, "/path")
    page.fill("#path-form-a", a)
    page.fill("#path-form-b", b)
    page.fill("#path-form-min_confidence", "0")
    page.click("#path-form button[type=submit]")
    page.wait_for_selector("#paths .path-hop")
    assert "a=%23" in page.url
    hops = page.locator("#paths > li").first.locator(".path-hop")
    steps = body["paths"][0]["steps"]
    assert hops.count() == len(steps)
    for i, step in enumerate(steps):
        hop = hops.nth(i)
        assert " ".join(hop.locator(".sentence").inner_text().split()) == " ".join(
            step["evidence"]["sentence_text"].split()
        )
        assert hop.locator("a.hop-document").get_attribute("href") == "/documents/" + q(step["evidence"]["document"])
    assert page.get_attribute("#path-from", "href") == f"/actors/{body['from']['id']}"
    shot(page, "path")
    assert console_errors(page) == []


def test_trend_charts_draw_the_apis_counts(page: Any, server: str) -> None:
    counted: Counter[int] = Counter()
    for e in api(server, "/events?min_confidence=0&limit=500")["items"]:
        detail = api(server, f"/events/{q(e['document'] + ':' + e['id'])}")
        counted.update({x["actor"] for x in detail["actors"] if x["actor"] is not None and x["role"] != "location"})
    hub = counted.most_common(1)[0][0]
    body = api(server, f"/trends?actor=%23{hub}&min_confidence=0")
    assert body["events"] > 0 and body["speakers"]
    open_page(page, f"/trends?actor=%23{hub}&min_confidence=0")
    wait_until(page, "() => window.newsgraphCharts && window.newsgraphCharts.events && window.newsgraphCharts.speakers")
    drawn = page.evaluate(
        "() => window.newsgraphCharts.events.data.datasets.map(d => [d.label, d.data.reduce((a, b) => a + b, 0)])"
    )
    assert dict(drawn) == {s["type"]: sum(s["counts"]) for s in body["series"]}
    assert page.evaluate("() => window.newsgraphCharts.speakers.data.labels") == [
        s["speaker"] for s in body["speakers"]
    ]
    size = page.evaluate("() => { const c = document.getElementById('events-chart'); return [c.width, c.height]; }")
    assert size[0] > 200 and size[1] > 100
    painted = page.evaluate(
        "() => { const c = document.getElementById('events-chart');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"
    )
    assert painted > 1000, "the chart canvas is blank"
    shot(page, "trends")
    assert console_errors(page) == []


def test_document_highlights_are_off_until_chosen_in_the_legend(page: Any, server: str) -> None:
    doc = api(server, "/search?q=dock%20workers")["documents"][0]
    open_page(page, "/documents/" + doc["id"])
    style = (
        "(sel) => { const s = getComputedStyle(document.querySelector(sel));"
        " return [s.backgroundColor, s.textDecorationLine, s.outlineStyle]; }"
    )
    assert page.evaluate(style, "#doc-text .hl-person") == ["rgba(0, 0, 0, 0)", "none", "none"]
    assert page.evaluate(style, "#doc-text .hl-claim")[1] == "none"
    assert page.evaluate(style, "#doc-text .hl-event")[2] == "none"
    page.click("#doc-legend [data-kind=claim]")
    assert page.get_attribute("#doc-legend [data-kind=claim]", "aria-pressed") == "true"
    assert page.evaluate(style, "#doc-text .hl-claim")[1] == "underline"
    assert page.evaluate(style, "#doc-text .hl-person")[0] == "rgba(0, 0, 0, 0)"  # the others stay off
    shot(page, "document-claims-only")
    page.reload()  # the choice is kept
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate(style, "#doc-text .hl-claim")[1] == "underline"
    page.click("#doc-legend [data-kind=claim]")
    assert page.evaluate(style, "#doc-text .hl-claim")[1] == "none"
    assert console_errors(page) == []


def test_review_a_hit_in_place_with_and_without_the_token(page: Any, writable_server: str) -> None:
    base = writable_server
    open_page(page, base + "/hits?status=open")
    page.wait_for_selector("#hit-results li")
    hits = api(base, "/watchlist/hits?status=open")
    assert page.locator("#hit-results li").count() == len(hits["items"]) == hits["total"]
    page.click(f"#hit-results a.result-title:text-is('{WATCHLIST_PERSON}')")
    page.wait_for_url("**/hits/view?**")
    page.wait_for_selector("body[data-ready=true]")
    person = next(a for a in api(base, "/search?q=" + q(WATCHLIST_PERSON))["actors"] if a["name"] == WATCHLIST_PERSON)
    assert page.get_attribute("#hit-actor", "href") == f"/actors/{person['id']}"
    assert "Babatunde Bakare" in page.inner_text("#hit-entry")
    item = page.locator(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"]')

    # no token: the buttons are disabled and say why
    page.fill("#review-token", "")
    page.dispatch_event("#review-token", "input")
    assert item.locator("button.hit-dismiss").is_disabled()
    assert "token" in item.locator("button.hit-dismiss").get_attribute("title")
    assert page.locator("#watchlist-section .token-needed").is_visible()
    assert page.locator("#merge-submit").is_disabled()
    shot(page, "hit-no-token")

    # a wrong token: the API says 401 and the page shows it; nothing changes
    page.fill("#reviewer", "alice")
    page.fill("#review-token", "not-the-token")
    assert not page.locator("#watchlist-section .token-needed").is_visible()
    item.locator(".hit-note").fill("a namesake")
    item.locator("button.hit-dismiss").click()
    page.wait_for_selector(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"] .notice-error')
    assert "valid token" in item.locator(".notice-error").inner_text()
    assert api(base, "/watchlist/hits?name=" + q(WATCHLIST_PERSON))["items"][0]["status"] == "open"

    # the token: dismissed, kept
    page.fill("#review-token", REVIEW_TOKEN)
    item.locator(".hit-note").fill("a namesake, not the listed man")
    item.locator("button.hit-dismiss").click()
    page.wait_for_selector(f'#watchlist li[data-reference="{WATCHLIST_REFERENCE}"][data-status="dismissed"]')
    stored = api(base, "/watchlist/hits?name=" + q(WATCHLIST_PERSON))["items"][0]
    assert stored["status"] == "dismissed" and stored["review"]["decided_by"] == "alice"
    shot(page, "hit-dismissed")
    open_page(page, base + "/hits?status=dismissed")
    page.wait_for_selector("#hit-results li")
    assert page.locator("#hit-results li").count() == 1
    assert console_errors(page, allowed=("status of 401",)) == []


@pytest.mark.parametrize("path", ["/events", "/claims", "/stories", "/hits", "/path", "/trends"])
def test_every_new_page_renders_without_errors(page: Any, server: str, path: str) -> None:
    open_page(page, path)
    assert page.locator("#app h1").count() >= 1
    assert page.locator(f'header nav a[href="{path}"]').get_attribute("aria-current") == "page"
    assert console_errors(page) == []


def test_the_pages_content_fits_a_phone(page: Any, server: str) -> None:
    """At 390 px wide, no page's content is wider than the screen (the top bar is another matter:
    tests/web/test_browser.py checks it)."""
    event = api(server, "/events?min_confidence=0&limit=1")["items"][0]
    story = api(server, "/stories?limit=1")["items"][0]
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/search?q=the&limit=3",
        "/events?min_confidence=0",
        f"/events/{q(event['document'] + ':' + event['id'])}",
        "/claims?min_confidence=0",
        f"/stories/{story['id']}",
        "/hits",
        "/path",
    ):
        open_page(page, path)
        width = page.evaluate("() => document.getElementById('app').scrollWidth")
        assert width <= 390, f"{path}: the content is {width} px wide"
    shot(page, "phone-path")


def test_the_communities_page_lists_the_apis_communities_and_central_actors(page: Any, server: str) -> None:
    """The CLI's `communities` in the browser (issue 18: "no pages at all for ... communities"):
    the API's communities, largest first, each member a link to its network; the most central
    actors, each a link to its page; "How many" lives in the URL; the network page links to it."""
    body = api(server, "/network/communities?min_confidence=0")
    assert len(body["communities"]) >= 3 and body["central"]
    open_page(page, "/network")
    page.click("#communities-link")
    page.wait_for_url("**/communities")
    page.wait_for_selector("body[data-ready=true]")
    assert page.get_attribute('header nav a[href="/network"]', "aria-current") == "page"
    open_page(page, "/communities?min_confidence=0")
    page.wait_for_selector("#community-results")
    items = page.locator("#community-results > li")
    assert items.count() == len(body["communities"])
    for i, c in enumerate(body["communities"]):
        assert items.nth(i).get_attribute("data-size") == str(c["size"])
        names = items.nth(i).locator(".members a").all_inner_texts()
        assert names == c["members"]
    first = body["communities"][0]["members"][0]
    assert page.get_attribute(f"#community-results .members a:text-is('{first}')", "href") == (
        "/network?" + urllib.parse.urlencode({"actor": first})
    )
    hrefs = page.eval_on_selector_all("#central tbody a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [f"/actors/{a['id']}" for a in body["central"]]
    heads = page.eval_on_selector_all("#central thead th", "els => els.map(e => e.textContent)")
    assert heads == ["actor", "tie strength", "degree", "betweenness"]  # not "documents" (the CLI's defect)
    counts = page.eval_on_selector_all("#central tbody tr", "els => els.map(e => e.children[1].textContent)")
    assert counts == [f"{a['strength']:,}" for a in body["central"]]
    shot(page, "communities")

    two = api(server, "/network/communities?min_confidence=0&top=2")
    page.fill("#community-filters-top", "2")
    page.click("#community-filters button[type=submit]")
    page.wait_for_url("**top=2**")
    wait_until(page, "() => document.querySelectorAll('#community-results > li').length === 2")
    assert page.locator("#central tbody tr").count() == len(two["central"]) == 2
    assert console_errors(page) == []


def test_split_then_merge_an_actor_from_its_page(page: Any, writable_server: str) -> None:
    """Review in place (issue 18, item 5): the actor page's split and merge forms write through the
    API with the reviewer's name and the server's token; the store and the page show the result."""
    base = writable_server
    nws = next(a for a in api(base, "/search?q=NWS")["actors"] if a["name"] == "NWS")
    links = api(base, f"/actors/{nws['id']}")["links"]
    assert len(links) > 1
    open_page(page, base + f"/actors/{nws['id']}")
    assert page.locator("#split-submit").is_disabled() and page.locator("#merge-submit").is_disabled()
    page.fill("#reviewer", "alice")
    page.fill("#review-token", REVIEW_TOKEN)
    page.dispatch_event("#review-token", "input")
    assert not page.locator("#split-submit").is_disabled()

    value = page.eval_on_selector("#split-entity", "s => s.options[0].value")
    page.select_option("#split-entity", value)
    page.fill("#split-note", "another agency")
    page.click("#split-submit")
    page.wait_for_selector("p.notice:has-text('Split off into') a", timeout=20_000)
    assert api(base, f"/actors/{nws['id']}")["actor"]["documents"] == nws["documents"] - 1
    others = [a for a in api(base, "/search?q=NWS")["actors"] if a["name"] == "NWS" and a["id"] != nws["id"]]
    assert len(others) == 1 and others[0]["documents"] == 1
    assert page.get_attribute("p.notice:has-text('Split off into') a", "href") == f"/actors/{others[0]['id']}"

    # the page is drawn again: its split form lists one entity fewer
    wait_until(page, f"() => document.querySelectorAll('#split-entity option').length === {len(links) - 1}")

    # merge another organisation into it (by #ID)
    other = next(
        a
        for a in api(base, "/actors?kind=organization&limit=500")["items"]
        if a["name"] != "NWS" and a["documents"] == 1
    )
    page.fill("#merge-other", f"#{other['id']}")
    page.fill("#merge-note", "its desk")
    page.click("#merge-submit")
    wait_until(
        page,
        "() => [...document.querySelectorAll('p.notice')].some(p => p.textContent.startsWith('Merged '))"
        f" || !location.pathname.endsWith('/actors/{nws['id']}')",
    )
    page.wait_for_selector("body[data-ready=true]")
    kept = int(page.url.rsplit("/", 1)[1])
    merged = api(base, f"/actors/{kept}")
    assert merged["actor"]["documents"] == nws["documents"] - 1 + other["documents"]
    assert other["name"] in merged["actor"]["aliases"] + [merged["actor"]["name"]]
    assert {d["decided_by"] for d in merged["decisions"]} >= {"alice"}
    shot(page, "actor-merged")
    assert console_errors(page) == []
