"""Evidence sentences cite their page in the browser (issue 17): over a store holding a PDF report,
the events list, an event's page and a claim's page show "p. N" after the sentence, and a plain
story's sentence shows none. Real server, Debian's Chromium, the
fixtures of tests/web/test_browser.py."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from tests.ingest.paged import paged_store
from tests.web import test_browser as shared
from tests.web.test_browser import _serve, api, open_page

pytestmark = shared.pytestmark
browser = shared.browser
page = shared.page


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app over a store of the report and a plain story."""
    from newsgraph.web.app import create_app

    yield from _serve(create_app(str(paged_store(tmp_path_factory.mktemp("paged-browser")))))


def test_event_and_claim_pages_cite_the_page(page: Any, server: str) -> None:
    events = api(server, "/events?min_confidence=0&limit=100")["items"]
    open_page(page, "/events?min_confidence=0")
    snippets = page.locator(".event-row .snippet").all_inner_texts()
    assert len(snippets) == len(events) and any(v["page"] for v in events)
    for text, v in zip(snippets, events, strict=True):
        cited = text.rstrip().endswith(f"p. {v['page']}")
        assert cited if v["page"] else text.strip() == v["sentence_text"].strip(), (text, v["page"])
    paged = next(v for v in events if v["page"])
    open_page(page, "/events/" + urllib.parse.quote(f"{paged['document']}:{paged['id']}"))
    assert page.inner_text("#event-sentence .page-cite").strip() == f"p. {paged['page']}"
    claim = next(c for c in api(server, "/claims?min_confidence=0&limit=100")["items"] if c["page"])
    open_page(page, "/claims/" + urllib.parse.quote(f"{claim['document']}:{claim['id']}"))
    assert page.inner_text("#claim-text .page-cite").strip() == f"p. {claim['page']}"
