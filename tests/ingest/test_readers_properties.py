"""Property-based tests (issue 16): whatever bytes or strings a reader or the dateline parser is
given, it gives documents or one-line :class:`InputError` values, never another exception, and
no document carries a NUL or a lone surrogate.

Each test has a small fixed budget; ``scripts/fuzz.sh`` runs them with many more examples."""

from __future__ import annotations

import io
import json
import sys
from html import escape
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest import ReadOptions, make_document, read_inputs, read_record
from newsgraph.ingest.dateline import infer_published, parse_dateline, strip_footer
from newsgraph.records import Document

BUDGET = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SMALL = ReadOptions(max_bytes=20_000, max_feed_bytes=50_000)

# Bytes that look like the formats, so the readers get past their first checks.
FRAGMENTS = [
    b"{",
    b"}",
    b'"text": "',
    b'"id": ',
    b"\\ud800",
    b"\\u0000",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\n",
    b"<html><body><p>",
    b"</p></body></html>",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
    b"</description></item></channel></rss>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content>",
    b"&#0;",
    b"&#xD800;",
    b"LONDON, Jan 5 (AP) - ",
    b"The minister said on Monday. ",
    b"[" * 50,
    b"9" * 50,
]
SHAPED = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=40)), max_size=30).map(b"".join)
ANY_BYTES = st.one_of(st.binary(max_size=2000), SHAPED)


def _check(items: list[Any]) -> None:
    for item in items:
        assert isinstance(item, Document | InputError), type(item)
        if isinstance(item, InputError):
            assert "\n" not in str(item)
        else:
            for value in (item.text, item.title or "", item.id, item.source or "", item.url or ""):
                assert "\x00" not in value
                value.encode("utf-8")  # no lone surrogate


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".rss", ".atom", ""])
@BUDGET
@given(data=ANY_BYTES)
def test_any_file_gives_documents_or_input_errors(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    _check(list(read_inputs([str(path)], SMALL)))


@BUDGET
@given(data=ANY_BYTES)
def test_any_stdin_gives_documents_or_input_errors(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    _check(list(read_inputs(["-"], SMALL)))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
FIELDS = st.sampled_from(["id", "title", "published", "url", "source", "text"])


@BUDGET
@given(record=st.one_of(JSON, st.dictionaries(FIELDS, JSON | st.text(), max_size=6)))
def test_any_json_record_gives_a_document_or_an_input_error(record: object) -> None:
    try:
        doc = read_record("api:1", record, SMALL)
    except InputError as err:
        _check([err])
    else:
        _check([doc])


@BUDGET
@given(records=st.lists(st.dictionaries(FIELDS, st.text() | JSON, max_size=6), min_size=1, max_size=6))
def test_any_json_lines_file_gives_one_result_per_line(
    tmp_path_factory: pytest.TempPathFactory, records: list[Any]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "lines.jsonl"
    # ensure_ascii: surrogates are written as \\ud800 escapes, as another program would.
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = list(read_inputs([str(path)], SMALL))
    _check(items)
    assert len(items) == len(records)


@BUDGET
@given(
    title=st.text(max_size=40),
    bodies=st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=4),
    atom=st.booleans(),
)
def test_any_feed_items_give_documents_or_input_errors(
    tmp_path_factory: pytest.TempPathFactory, title: str, bodies: list[str], atom: bool
) -> None:
    def clean(s: str) -> str:  # what XML can carry; character references carry the rest
        return "".join(c if c.isprintable() or c in "\n\t" else f"&#{ord(c)};" for c in escape(s))

    if atom:
        entries = "".join(
            f"<entry><id>e{k}</id><title>{clean(title)}</title><content>{clean(b)}</content></entry>"
            for k, b in enumerate(bodies)
        )
        xml = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>{clean(title)}</title>{entries}</feed>"
    else:
        items = "".join(
            f"<item><guid>i{k}</guid><title>{clean(title)}</title><description>{clean(b)}</description></item>"
            for k, b in enumerate(bodies)
        )
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{clean(title)}</title>{items}</channel></rss>'
    path = tmp_path_factory.mktemp("fuzz") / "feed.xml"
    path.write_bytes(xml.encode("utf-8", "surrogatepass"))
    _check(list(read_inputs([str(path)], SMALL)))


@BUDGET
@given(body=st.text(max_size=500), title=st.text(max_size=60))
def test_any_html_page_gives_a_document_or_an_input_error(
    tmp_path_factory: pytest.TempPathFactory, body: str, title: str
) -> None:
    html = (
        f"<html><head><title>{escape(title)}</title></head><body><article><p>{escape(body)}</p></article></body></html>"
    )
    path = tmp_path_factory.mktemp("fuzz") / "page.html"
    path.write_bytes(html.encode("utf-8", "surrogatepass"))
    _check(list(read_inputs([str(path)], SMALL)))


DATELINE_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "LONDON",
                ", ",
                "Jan",
                ".",
                " 5",
                ", 2024",
                " (AP)",
                " -",
                " —",
                " --",
                ":",
                " The",
                " said",
                "\n",
                "–NWS",
                "xy/zz",
                " ",
                "31",
                "Feb 30",
            ]
        ),
        max_size=20,
    ).map("".join),
)


@settings(max_examples=50, deadline=None)
@given(text=DATELINE_TEXT, default=st.none() | st.text(max_size=12))
def test_the_dateline_parser_takes_any_text(text: str, default: str | None) -> None:
    parsed = parse_dateline(text)
    published = infer_published(parsed, text)
    assert published is None or len(published) == 10
    footer = strip_footer(text)
    assert isinstance(footer.body, str)
    doc = make_document(text, default_published=default)
    assert doc.published is None or len(doc.published) == 10
