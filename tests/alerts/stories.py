"""The stories the alert tests ingest: invented wire copy in the style of the news newsgraph reads,
about Hamas, Lashkar-e-Taiba and Jaish-e-Mohammed in Pakistan, written for these tests.

``EARLIER`` is ingested first (what the store knew before), ``NEW`` after it: the documents a
watcher has just stored, which the rules are evaluated on. The test list ``WATCHLIST_UN_XML``
names an invented organisation of one new story.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

EARLIER = [
    {
        "id": "al-2026-0210-rawalakot",
        "title": "Hamas and Lashkar-e-Taiba leaders meet in Rawalakot",
        "published": "2026-02-10",
        "source": "NWS",
        "url": "https://news.example/al-2026-0210-rawalakot",
        "text": (
            "ISLAMABAD, Feb 10 (NWS) - Hamas commander Khaled Qaddumi met Lashkar-e-Taiba chief Hafiz Saeed "
            "in Rawalakot on Sunday, police said.\n\n"
            '"Hamas is recruiting in Kashmir," police spokesman Imran Khalid told reporters. '
            "Interior minister Khalid Mahmood said the meeting was illegal."
        ),
    },
]

NEW = [
    {
        "id": "al-2026-0302-bahawalpur",
        "title": "Jaish-e-Mohammed rally in Bahawalpur draws Hamas envoys",
        "published": "2026-03-02",
        "source": "Wire",
        "url": "https://news.example/al-2026-0302-bahawalpur",
        "text": (
            "LAHORE, March 2 (Wire) - Jaish-e-Mohammed held a rally in Bahawalpur on Sunday. "
            "Hamas representatives attended the rally, according to analyst Ayesha Siddiqa.\n\n"
            '"Hamas is building ties with Jaish-e-Mohammed," said Ayesha Siddiqa, a security analyst. '
            '"Hamas is recruiting in Kashmir," police spokesman Imran Khalid said again on Monday.'
        ),
    },
    {
        "id": "al-2026-0303-muzaffarabad",
        "title": "Jaish-e-Mohammed militants attack checkpoint",
        "published": "2026-03-03",
        "source": "NWS",
        "url": "https://news.example/al-2026-0303-muzaffarabad",
        "text": (
            "MUZAFFARABAD, March 3 (NWS) - Jaish-e-Mohammed militants attacked a police checkpoint near "
            "Muzaffarabad on Tuesday, officials said. Jaish-e-Mohammed also threatened the Pakistani army. "
            "Lashkar-e-Taiba did not attack the checkpoint, the army said. "
            "The Al-Noor Relief Trust funded the fighters, the army said."
        ),
    },
]

WATCHLIST_UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS/>
  <ENTITIES>
    <ENTITY>
      <DATAID>2</DATAID><FIRST_NAME>AL-NOOR RELIEF TRUST</FIRST_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.990</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-02</LISTED_ON><COMMENTS1>An invented entry for newsgraph's tests.</COMMENTS1>
      <ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Al Nur Relief Trust</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><COUNTRY>Pakistan</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""
LISTED_NAME = "Al-Noor Relief Trust"
LISTED_REFERENCE = "QDe.990"

NEW_IDS = [d["id"] for d in NEW]


@lru_cache(maxsize=1)
def built_store() -> Path:
    """The stories ingested by the real pipeline (``EARLIER``, then ``NEW``), with the test list
    loaded: built once per test process, in a folder removed at exit."""
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store
    from newsgraph.watchlist import read_lists
    from newsgraph.watchlist.storage import replace_list

    root = Path(tempfile.mkdtemp(prefix="newsgraph-alerts-"))
    atexit.register(shutil.rmtree, root, True)
    db = root / "alerts.db"
    with Store.open(db) as store:
        for n, batch in enumerate((EARLIER, NEW)):
            path = root / f"batch{n}.jsonl"
            path.write_text("".join(json.dumps(d) + "\n" for d in batch), encoding="utf-8")
            report = ingest(read_inputs([str(path)]), store)
            assert report.failed == 0 and report.new == len(batch), report
        un = root / "un-test.xml"
        un.write_text(WATCHLIST_UN_XML, encoding="utf-8")
        for loaded in read_lists([un]):
            replace_list(store.engine, loaded)
    return db


def store_copy(to: Path) -> Path:
    """A fresh copy of :func:`built_store` at ``to`` that a test may write to."""
    src, dst = sqlite3.connect(built_store()), sqlite3.connect(to)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return to
