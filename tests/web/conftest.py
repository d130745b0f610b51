"""A real store for the web tests: the bundled samples plus a hostile story, ingested by the real
pipeline once per session, with a small sanctions list of our own loaded and screened.

Fixtures: ``web_db`` (the store's path), ``client`` (a read-only app over it), ``web_store_copy``
(a fresh copy for tests that write). The hostile story (``XSS_ID``) carries a ``<script>`` and an
``<img onerror>`` in its title and text: the API returns them verbatim, the pages must render
them inert.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

XSS_ID = "nws-2026-0302-xss"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_TITLE = f"Ministry site defaced {XSS_SCRIPT}"
XSS_TEXT = (
    "MANILA, March 2 (NWS) - Hackers defaced the website of the Philippine Department of Health on "
    f"Monday, posting the line {XSS_SCRIPT} beside an image tag {XSS_IMG}, the department said. "
    '"No patient data was taken," spokeswoman Liza Ramos told reporters in Manila. '
    "The Department of Health said the page was restored within two hours."
)

WATCHLIST_UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID><FIRST_NAME>TUNDE</FIRST_NAME><SECOND_NAME>BAKARE</SECOND_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.990</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-02</LISTED_ON><COMMENTS1>An invented entry for newsgraph's tests.</COMMENTS1>
      <NATIONALITY><VALUE>Nigeria</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Babatunde Bakare</ALIAS_NAME></INDIVIDUAL_ALIAS>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""
"""A one-entry list in the UN's format naming a person of the samples (all invented), so actor
pages have a watchlist match with a reason."""
WATCHLIST_PERSON = "Tunde Bakare"
WATCHLIST_REFERENCE = "QDi.990"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and the hostile story, ingested through ``newsgraph.pipeline``, screened
    against the test list."""
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store
    from newsgraph.watchlist import MATCH_THRESHOLD, Screener, read_lists
    from newsgraph.watchlist.actors import screen_actors
    from newsgraph.watchlist.storage import load_entries, replace_list

    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile.jsonl"
    record = {"id": XSS_ID, "title": XSS_TITLE, "published": "2026-03-02", "source": "NWS", "text": XSS_TEXT}
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    un = root / "un-test.xml"
    un.write_text(WATCHLIST_UN_XML, encoding="utf-8")
    db = root / "web.db"
    with Store.open(db) as store:
        report = ingest(read_inputs([str(SAMPLES), str(hostile)]), store)
        assert report.failed == 0 and report.new == 9, report
        for loaded in read_lists([un]):
            replace_list(store.engine, loaded)
        screener = Screener(load_entries(store.engine))
        hits = screen_actors(store.engine, screener, threshold=MATCH_THRESHOLD)
        assert any(h.actor.name == WATCHLIST_PERSON for h in hits), [h.actor.name for h in hits]
    return db


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[object]:
    """A read-only app (no token) over the session's store."""
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(str(web_db))) as c:
        yield c


@pytest.fixture()
def web_store_copy(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's store that a test may write to."""
    copy = tmp_path / "copy.db"
    src, dst = sqlite3.connect(web_db), sqlite3.connect(copy)
    try:
        src.backup(dst)  # consistent even while the session's app holds the store open (WAL)
    finally:
        src.close()
        dst.close()
    return copy
