"""The Alerts page in a real browser (Debian's Chromium through Playwright, as
tests/web/test_browser.py): the recorded alerts newest first with their evidence one click away,
and an alert recorded while the page is open shown at the top without a reload."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsgraph.alerts import parse_rules, run_alerts
from newsgraph.store import Store
from newsgraph.web import pages
from tests.alerts.stories import NEW_IDS, store_copy
from tests.web.test_alerts_api import EVENTS, TIES, serve
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, CSP_PROBE, shot, wait_until

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: `bash scripts/test-setup.sh` installs it"),
    pytest.mark.skipif(bool(pages.vendor_missing()), reason="the web UI's npm libraries are not installed (npm ci)"),
]


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = store_copy(tmp_path / "browser-alerts.db")
    with Store.open(db) as store:
        run_alerts(store.engine, parse_rules([EVENTS]), (), NEW_IDS, now=NOW)
    server = serve(db)
    host, port, _ = next(server)
    yield f"http://{host}:{port}", db
    next(server, None)


@pytest.mark.parametrize("unused", [None])
def test_a_new_alert_appears_live_with_its_evidence(site: tuple[str, Path], unused: None) -> None:
    from playwright.sync_api import sync_playwright

    base, db = site
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base)
        context.add_init_script(CSP_PROBE)
        page: Any = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto("/alerts")
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        assert page.get_attribute("[data-nav=alerts]", "aria-current") == "page"
        assert page.locator("#alert-list li").count() == 3
        assert "3 alerts" in page.inner_text("#alert-count")
        first = page.locator("#alert-list li").first
        assert "Jaish-e-Mohammed in a new THREATEN event" in first.inner_text(), "the newest first"
        wait_until(page, "() => document.body.dataset.live === 'true'")

        # an alert recorded while the page is open: at the top, without a reload
        page.evaluate("() => { window.__notReloaded = true; }")
        recorded: list[int] = []

        def record() -> None:
            with Store.open(db) as store:
                recorded.extend(run_alerts(store.engine, parse_rules([TIES]), (), NEW_IDS, now=NOW).raised)

        worker = threading.Thread(target=record)
        worker.start()
        worker.join(30)
        assert recorded, "the tie rule raised alerts"
        wait_until(page, f"() => document.querySelectorAll('#alert-list li').length === {3 + len(recorded)}")
        assert page.evaluate("() => window.__notReloaded === true"), "the page was not reloaded"
        top = page.locator("#alert-list li").first
        assert top.get_attribute("data-id") == str(max(recorded))
        assert "hamas ties" in top.inner_text() and "new tie" in top.inner_text()
        assert f"{3 + len(recorded)} alerts" in page.inner_text("#alert-count")
        shot(page, "alerts")

        # the evidence is one click away: the document page at the record
        link = top.locator("a.alert-evidence")
        href = link.get_attribute("href") or ""
        assert href.startswith("/documents/al-2026-") and "#" in href
        link.click()
        page.wait_for_url("**/documents/**")
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        assert "Hamas" in page.inner_text("#doc-text")
        # ... lit: the record the link names, in the text and in the side panel
        record = href.split("#", 1)[1]
        assert page.locator(f'.panel-item.active[data-ref="{record}"]').count() == 1
        assert page.locator("#doc-text .hl-active").count() >= 1
        violations = page.evaluate("() => window.__cspViolations || []")
        context.close()
        browser.close()
    assert violations == [] and errors == []
