"""``newsgraph ingest`` reads PDF reports (page numbers kept in the text) and http(s) URLs (an
article page, a feed, a PDF), served here by a real HTTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.errors import InputError
from newsgraph.ingest import ReadOptions, read_inputs
from newsgraph.ingest.pdf import join_pages
from newsgraph.ingest.readers import MAX_CHARS
from newsgraph.records import Document, page_label, page_of
from tests.watch.pdfmaker import make_pdf
from tests.watch.server import LoopbackServer, Route, article, rss, serving
from tests.watch.stories import STORIES


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with serving() as srv:
        yield srv


def only_document(items: list[Document | InputError]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


@pytest.mark.parametrize(
    ("pages", "text"),
    [
        (["one", "two", "three"], "one\n\n\ftwo\n\n\fthree"),
        (["one", "", "three"], "one\n\n\f\fthree"),
        (["", "two"], "\ftwo"),
    ],
)
def test_pages_are_joined_with_form_feeds(pages: list[str], text: str) -> None:
    joined = join_pages(pages)
    assert joined == text
    for number, page in enumerate(pages, start=1):
        if page:
            assert page_of(joined, joined.index(page)) == number


@pytest.mark.parametrize("name", ["report.pdf"])
def test_a_pdf_file_keeps_its_pages(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(make_pdf(["Armed groups in 2026", STORIES[0], "", STORIES[2]], title="Armed groups"))
    doc = only_document(list(read_inputs([str(path)])))
    assert doc.title == "Armed groups" and doc.published == "2026-01-15"
    assert page_label(doc.text, doc.text.index("Rawalakot")) == "p. 2"
    assert page_label(doc.text, doc.text.index("Jaish-e-Mohammed")) == "p. 4"  # the blank page counts
    assert doc.key == str(path)


@pytest.mark.parametrize("limit", [600])
def test_a_pdf_over_the_limit_is_refused_whole_with_its_pages(tmp_path: Path, limit: int) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([STORIES[0], STORIES[1], STORIES[2], STORIES[3]]))
    [err] = list(read_inputs([str(path)], ReadOptions(max_bytes=limit)))
    assert isinstance(err, InputError) and err.origin == str(path)
    assert "over 4 pages, over the limit of 600 (--max-chars)" in err.reason and "split the PDF" in err.reason


@pytest.mark.parametrize("name", ["scan.pdf", "scan-no-suffix"])
def test_a_scanned_pdf_is_refused_by_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(make_pdf([None, None, None]))
    [err] = list(read_inputs([str(path)]))
    assert isinstance(err, InputError) and err.origin == str(path)
    assert "no text in the PDF (3 pages): a scanned image?" in str(err)


@pytest.mark.parametrize("cut", [200, 40])
def test_a_broken_pdf_is_an_error(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(make_pdf([STORIES[0]])[:cut])
    [err] = list(read_inputs([str(path)]))
    assert isinstance(err, InputError) and str(path) in str(err)


@pytest.mark.parametrize("path", ["/story"])
def test_an_article_url_is_read_with_its_url(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(article("Rally in Rawalakot", [STORIES[0], STORIES[1]]))
    doc = only_document(list(read_inputs([server.url(path)])))
    assert "Rawalakot" in doc.text and doc.url == server.url(path) and doc.key == server.url(path)


@pytest.mark.parametrize("path", ["/feed"])
def test_a_feed_url_gives_its_items(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(
        rss([(server.url(f"/n/{i}"), f"Story {i}", STORIES[i]) for i in range(3)]), "application/rss+xml"
    )
    docs = list(read_inputs([server.url(path)]))
    assert [d.url for d in docs if isinstance(d, Document)] == [server.url(f"/n/{i}") for i in range(3)]


@pytest.mark.parametrize("path", ["/report.pdf"])
def test_a_pdf_url_is_read(server: LoopbackServer, path: str) -> None:
    server.routes[path] = Route(make_pdf([STORIES[3], STORIES[4]]), "application/pdf")
    doc = only_document(list(read_inputs([server.url(path)])))
    assert page_of(doc.text, doc.text.index("GENEVA")) == 2


@pytest.mark.parametrize(
    ("route", "reason"),
    [(Route(b"gone", status=404), "HTTP 404"), (Route(b"\x89PNG", "image/png"), "wrong content type 'image/png'")],
)
def test_a_failing_url_is_one_error_and_the_files_are_still_read(
    server: LoopbackServer, tmp_path: Path, route: Route, reason: str
) -> None:
    server.routes["/x"] = route
    local = tmp_path / "a.txt"
    local.write_text(STORIES[5], encoding="utf-8")
    items = list(read_inputs([server.url("/x"), str(local)]))
    assert isinstance(items[0], InputError) and items[0].origin == server.url("/x") and reason in str(items[0])
    assert isinstance(items[1], Document)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["report.pdf"])
def test_ingest_and_show_cite_the_page(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(make_pdf(["Annual report", STORIES[1]], title="Report"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([None]))
    db = tmp_path / "s.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(path), str(scan), "--db", str(db)])
    assert result.exit_code == 1  # the scan failed
    assert f"{scan}: no text in the PDF (1 page)" in result.stderr
    assert "1 new" in result.stderr
    docs = runner.invoke(cli, ["documents", "--db", str(db), "--json"])
    [row] = __import__("json").loads(docs.stdout)
    shown = runner.invoke(cli, ["show", row["id"], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "2 pages" in shown.stdout
    assert "(p. 2)" in shown.stdout  # the ministry's statement, a claim on page 2


@pytest.mark.parametrize("size", [MAX_CHARS + 1])
def test_a_document_over_the_default_limit_is_refused_and_a_higher_limit_reads_it(tmp_path: Path, size: int) -> None:
    path = tmp_path / "long.txt"
    path.write_text(("Peru said no. " * (size // 14 + 1))[:size], encoding="utf-8")
    [err] = list(read_inputs([str(path)]))
    assert isinstance(err, InputError) and "too large" in err.reason and err.origin == str(path)
    [doc] = list(read_inputs([str(path)], ReadOptions(max_bytes=size)))
    assert isinstance(doc, Document) and doc.text == path.read_text(encoding="utf-8").strip()
