"""A store holding a PDF report (four pages, the third blank) and a plain-text story, ingested by
the real pipeline: the tests of page numbers in evidence (CLI listings, API, alerts) share it."""

from __future__ import annotations

from pathlib import Path

from tests.watch.pdfmaker import make_pdf
from tests.watch.stories import STORIES

REPORT_PAGES: list[str] = ["Armed groups in Pakistan: an annual report", STORIES[0], "", STORIES[7]]
"""The report's pages: a title page, a story on page 2, a blank page 3, a story on page 4."""
PLAIN = STORIES[1]
"""A plain-text story (no pages) stored beside the report."""


def page_of_sentence(sentence: str) -> int | None:
    """The page a report's sentence is on (by the story it comes from); None for the plain story."""
    words = " ".join(sentence.split())
    for number, page in enumerate(REPORT_PAGES, start=1):
        if page and words and words in " ".join(page.split()):
            return number
    assert words in PLAIN, sentence
    return None


def paged_store(folder: Path) -> Path:
    """``folder/paged.db`` with the report and the plain story ingested; the store's path."""
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    report = folder / "report.pdf"
    report.write_bytes(make_pdf(REPORT_PAGES, title="Armed groups"))
    plain = folder / "plain.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    db = folder / "paged.db"
    with Store.open(db) as store:
        done = ingest(read_inputs([str(report), str(plain)]), store)
        assert done.failed == 0 and done.new == 2, done
    return db
