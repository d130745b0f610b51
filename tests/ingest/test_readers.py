"""Reading inputs: every format, folders, globs and stdin; a bad input gives one clear error and
reading goes on."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from newsgraph.errors import InputError, NoInputs
from newsgraph.ingest import ReadOptions, read_inputs, read_path
from newsgraph.ingest.readers import Item, discover, headline
from newsgraph.records import Document

STORY = (
    "Harbour talks resume in Valletta\n\n"
    "VALLETTA, April 8 (NWS) - Malta and Tunisia resumed talks on Tuesday about a shared fisheries zone, "
    "the Maltese foreign ministry said, a week after the first round ended on 1 April 2026.\n\n"
    "Fishing crews in Gozo said the deal could protect their catch.\n"
    "–NWS\nxy/zz\n"
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Glacier study warns of faster melt | Alpine Daily</title>
<meta property="og:site_name" content="Alpine Daily">
<meta name="date" content="2025-09-14">
</head>
<body>
<nav><a href="/">Home</a> | <a href="/science">Science</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Glacier study warns of faster melt</h1>
<p>BERN, Sept 14 (ADN) - Glaciers in the Swiss Alps lost a larger share of their ice this summer than in any
year since records began, researchers at the Federal Institute of Technology in Zurich said on Sunday.</p>
<p>"The losses are accelerating in every region we measure," said glaciologist Anna Keller, who led the survey
of more than 170 glaciers across the Valais and the Bernese Oberland.</p>
<p>The team called on the federal government to fund a permanent monitoring network before the next winter.</p>
</article>
<footer>Copyright Alpine Daily. Subscribe to our newsletter for more stories.</footer>
</body>
</html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Coast Wire</title><link>https://example.org/cw</link>
<description>test feed</description>
<item><title>Ferry service restored</title><link>https://example.org/cw/ferry</link><guid>cw-1</guid>
<pubDate>Mon, 02 Mar 2026 07:00:00 GMT</pubDate>
<description><![CDATA[<p>SPLIT, March 2 (CW) - Ferry service to the
islands resumed on Monday.</p>
<p>Port officials said crews had repaired the ramp.</p>]]></description></item>
<item><title>Harbour dredging begins</title><link>https://example.org/cw/dredge</link><guid>cw-2</guid>
<pubDate>Tue, 03 Mar 2026 07:00:00 GMT</pubDate>
<description>Dredging of the old harbour began on Tuesday, the city council said.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Lake Bulletin</title><id>urn:lake</id><updated>2026-05-04T10:00:00Z</updated>
<entry><title>Water level falls</title><id>urn:lake:1</id><link href="https://example.org/lake/1"/>
<updated>2026-05-04T10:00:00Z</updated><published>2026-05-03T09:00:00Z</published>
<content type="html">&lt;p&gt;The level of the lake fell by 20 centimetres in April,
the water board said.&lt;/p&gt;&lt;p&gt;Boat owners were told to check their moorings.&lt;/p&gt;</content>
</entry></feed>
"""


def documents(items: list[Item]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures(items: list[Item]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def read(*patterns: str | Path, options: ReadOptions | None = None) -> list[Item]:
    return list(read_inputs([str(p) for p in patterns], options))


@pytest.mark.parametrize("suffix", [".txt", ".text", ""])
def test_plain_text_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"story{suffix}"
    path.write_text(STORY, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.title == "Harbour talks resume in Valletta"
    assert doc.text.startswith("Harbour talks resume in Valletta\n\nVALLETTA, April 8 (NWS) - Malta")
    assert doc.text.endswith("protect their catch.")
    assert doc.slug == "–NWS\nxy/zz"
    assert doc.dateline is not None and doc.dateline.place == "VALLETTA"
    assert doc.published == "2026-04-08"
    assert (doc.origin, doc.key) == (str(path), str(path))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("A short headline\n\nThe body follows.", "A short headline"),
        ("A first sentence that ends.\n\nThe body follows.", None),
        ("No blank line after\nthe first line.", None),
        ("Just one line", None),
    ],
)
def test_headline_is_the_first_line_only_when_it_reads_as_one(text: str, title: str | None) -> None:
    assert headline(text) == title


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_main_text_and_metadata_via_trafilatura(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"glacier{suffix}"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert "Glaciers in the Swiss Alps lost a larger share" in doc.text
    assert "Anna Keller" in doc.text
    assert "Subscribe to our newsletter" not in doc.text  # boilerplate dropped
    assert "Sport" not in doc.text  # navigation dropped
    assert doc.title == "Glacier study warns of faster melt"
    assert doc.source == "Alpine Daily"
    assert doc.published == "2025-09-14"


def test_json_lines_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "briefs.jsonl"
    rows = [
        {
            "id": "cw-100",
            "title": "Bridge reopens",
            "published": "2026-02-01T06:00:00Z",
            "url": "https://example.org/cw/bridge",
            "source": "Coast Wire",
            "text": "The bridge to the mainland reopened on Sunday after repairs.",
        },
        {"text": "A brief without any metadata about a new library in Tartu."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.title, first.url, first.source) == (
        "cw-100",
        "Bridge reopens",
        "https://example.org/cw/bridge",
        "Coast Wire",
    )
    assert first.published == "2026-02-01"
    assert first.key == "cw-100"
    assert first.origin == f"{path}:1"
    assert second.id == second.id.lower() and len(second.id) == 16  # hashed id
    assert second.key == f"{path}:2"
    assert second.title is None and second.source is None


@pytest.mark.parametrize(("suffix", "content"), [(".rss", RSS), (".xml", RSS), (".feed", RSS)])
def test_rss_feed_items_with_their_content(tmp_path: Path, suffix: str, content: str) -> None:
    path = tmp_path / f"coast{suffix}"
    path.write_text(content, encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "cw-1"
    assert first.title == "Ferry service restored"
    assert first.url == "https://example.org/cw/ferry"
    assert first.published == "2026-03-02"
    assert first.source == "Coast Wire"
    assert first.text == (
        "SPLIT, March 2 (CW) - Ferry service to the islands resumed on Monday.\n\n"
        "Port officials said crews had repaired the ramp."
    )
    assert "<" not in first.text
    assert second.text == "Dredging of the old harbour began on Tuesday, the city council said."
    assert first.origin == f"{path}#1"


def test_atom_feed_entries(tmp_path: Path) -> None:
    path = tmp_path / "lake.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert doc.id == "urn:lake:1"
    assert doc.title == "Water level falls"
    assert doc.url == "https://example.org/lake/1"
    assert doc.published == "2026-05-03"
    assert doc.source == "Lake Bulletin"
    assert doc.text == (
        "The level of the lake fell by 20 centimetres in April, the water board said.\n\n"
        "Boat owners were told to check their moorings."
    )


def _tree(root: Path) -> None:
    (root / "a").mkdir()
    (root / "a" / "deep").mkdir()
    (root / "a" / "one.txt").write_text("The first story is about a dam on the river.", encoding="utf-8")
    (root / "a" / "deep" / "two.txt").write_text("The second story is about a new school.", encoding="utf-8")
    (root / "a" / "feed.rss").write_text(RSS, encoding="utf-8")
    (root / "a" / "notes.md").write_text("# not an input format", encoding="utf-8")
    (root / "a" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_folder_is_read_recursively_with_known_suffixes_only(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = read(tmp_path / "a")
    assert failures(items) == []
    origins = [d.origin for d in documents(items)]
    assert origins == [
        str(tmp_path / "a" / "deep" / "two.txt"),
        f"{tmp_path / 'a' / 'feed.rss'}#1",
        f"{tmp_path / 'a' / 'feed.rss'}#2",
        str(tmp_path / "a" / "one.txt"),
    ]


@pytest.mark.parametrize(
    ("pattern", "names"),
    [
        ("a/*.txt", ["one.txt"]),
        ("a/**/*.txt", ["one.txt", "two.txt"]),
        ("a/*.rss", ["feed.rss", "feed.rss"]),
    ],
)
def test_globs(tmp_path: Path, pattern: str, names: list[str]) -> None:
    _tree(tmp_path)
    items = read(f"{tmp_path}/{pattern}")
    assert failures(items) == []
    assert sorted(Path((d.origin or "").split("#")[0]).name for d in documents(items)) == names


def test_glob_matching_nothing_raises_no_inputs(tmp_path: Path) -> None:
    with pytest.raises(NoInputs, match=r"no input files matched"):
        read(f"{tmp_path}/*.txt")


def test_empty_folder_raises_no_inputs(tmp_path: Path) -> None:
    with pytest.raises(NoInputs):
        list(discover([str(tmp_path)]))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (STORY.encode(), "text"),
        (ARTICLE_HTML.encode(), "html"),
        (RSS.encode(), "feed"),
        (b'{"id": "s1", "text": "From standard input, a brief about rain in Oslo."}\n', "jsonl"),
    ],
)
def test_stdin_is_read_and_its_format_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = read("-")
    assert failures(items) == []
    docs = documents(items)
    assert docs
    expected = {"text": "VALLETTA", "html": "Swiss Alps", "feed": "Ferry service", "jsonl": "rain in Oslo"}[kind]
    assert expected in docs[0].text
    assert all((d.origin or "").startswith("<stdin>") for d in docs)


# Bad inputs: each yields exactly one InputError naming the input, and the good ones are still read.

BAD_INPUTS: dict[str, tuple[str, bytes, str]] = {
    # case: (file name, content, reason); a malformed feed keeps the items before the damage.
    "binary": ("blob.txt", bytes(range(256)) * 40, "binary"),
    "binary without NUL bytes": ("noise.txt", bytes(range(1, 32)) * 200, "binary"),
    "latin-1": ("latin.txt", "Café au lait, naïve résumé, São Tomé.\n".encode("latin-1"), "not valid utf-8"),
    "empty": ("empty.txt", b"", "empty document"),
    "blank": ("blank.txt", b"  \n\n\t \n", "empty document"),
    "truncated html": (
        "cut.html",
        ARTICLE_HTML.encode()[: len(ARTICLE_HTML) // 2],
        "truncated HTML",
    ),
    "html without article text": (
        "nav.html",
        b"<html><head><title>Cookies</title></head><body><div class='menu'><ul><li><a href='/'>Home</a></li>"
        b"<li><a href='/about'>About</a></li></ul></div></body></html>",
        "no article text",
    ),
    "malformed feed": ("broken.rss", RSS.encode()[: len(RSS) * 3 // 4], "malformed feed"),
    "not a feed at all": ("garbage.xml", b"this is plainly not XML < at & all", "malformed feed"),
    "feed without items": (
        "hollow.rss",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "feed has no items",
    ),
    "empty json lines": ("none.jsonl", b"\n\n", "empty document"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gives_one_error_naming_it_and_reading_goes_on(tmp_path: Path, case: str) -> None:
    name, data, reason = BAD_INPUTS[case]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "zz-good.txt"
    good.write_text("A good story about a library that opened in Tartu on Monday.", encoding="utf-8")
    items = read(bad, good)
    errs = failures(items)
    assert len(errs) == 1, [str(e) for e in errs]
    [err] = errs
    assert err.origin == str(bad)
    assert str(bad) in str(err)
    assert reason.lower() in err.reason.lower()
    assert "\n" not in str(err)
    kept = [d.origin for d in documents(items)]
    assert kept[-1] == str(good)
    assert all((origin or "").startswith(f"{bad}#") for origin in kept[:-1])


def test_malformed_feed_keeps_the_items_before_the_damage_in_one_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(RSS.encode()[: RSS.index("Dredging of the old") + 10])
    items = read(path)
    assert [d.id for d in documents(items)] == ["cw-1"]
    [err] = failures(items)
    assert err.origin == str(path)
    assert "malformed feed" in err.reason and "1 item(s)" in err.reason


def test_latin1_hint_and_reading_with_the_right_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café au lait in São Tomé.".encode("latin-1"))
    [err] = read(path)
    assert isinstance(err, InputError)
    assert "--encoding cp1252" in err.reason
    [doc] = read(path, options=ReadOptions(encoding="latin-1"))
    assert isinstance(doc, Document)
    assert doc.text == "Café au lait in São Tomé."


def test_unknown_encoding_is_an_error_for_the_input(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("text", encoding="utf-8")
    [err] = read(path, options=ReadOptions(encoding="no-such-codec"))
    assert isinstance(err, InputError)
    assert "unknown encoding" in err.reason


def test_utf8_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffA story with a byte-order mark.".encode())
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.text == "A story with a byte-order mark."


def test_malformed_json_lines_are_reported_one_by_one_and_the_other_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "The first line is fine."}\n'
        b'{"id": broken json\n'
        b'{"id": "c", "title": "a line without text"}\n'
        b'["a", "list"]\n'
        b'{"id": "e", "text": 42}\n'
        b'{"id": "f", "text": "Caf\xe9"}\n'
        b'{"id": "g", "text": "   "}\n'
        b'{"id": "h", "text": "The last line is fine too."}\n'
    )
    items = read(path)
    assert [d.id for d in documents(items)] == ["a", "h"]
    errs = failures(items)
    assert [e.origin for e in errs] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7)]
    reasons = [e.reason for e in errs]
    assert "invalid JSON" in reasons[0]
    assert "no 'text' field" in reasons[1]
    assert "JSON object" in reasons[2]
    assert "no 'text' field" in reasons[3]
    assert "not valid utf-8" in reasons[4]
    assert "empty document" in reasons[5]


def test_json_line_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"id": "big", "text": "word " * 500}) + "\n" + json.dumps({"id": "ok", "text": "Small."}) + "\n",
        encoding="utf-8",
    )
    items = read(path, options=ReadOptions(max_bytes=1000))
    assert [d.id for d in documents(items)] == ["ok"]
    [err] = failures(items)
    assert err.origin == f"{path}:1"
    assert "too large" in err.reason


def test_a_50_mb_text_file_is_refused_by_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    line = b"The same sentence about grain exports is repeated to fill a very large file.\n"
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size >= 50 * 1024 * 1024
    good = tmp_path / "small.txt"
    good.write_text("A small story read after the huge one.", encoding="utf-8")

    real_read_bytes = Path.read_bytes

    def guarded_read_bytes(self: Path) -> bytes:
        assert self != path, "the 50 MB file must be refused before it is read"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    t0 = time.perf_counter()
    items = read(path, good)
    elapsed = time.perf_counter() - t0
    [err] = failures(items)
    assert err.origin == str(path)
    assert "too large" in err.reason and "MB" in err.reason
    assert [d.origin for d in documents(items)] == [str(good)]
    assert elapsed < 5


def test_missing_path_is_one_error_and_reading_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "here.txt"
    good.write_text("This file exists and tells of a market in Bergen.", encoding="utf-8")
    missing = tmp_path / "not-here.txt"
    items = read(missing, good)
    [err] = failures(items)
    assert err.origin == str(missing)
    assert "no such file" in err.reason
    assert len(documents(items)) == 1


def test_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    folder_named_like_a_file = tmp_path / "dir.txt"
    folder_named_like_a_file.mkdir()
    (folder_named_like_a_file / "inner.txt").write_text("Inside a folder named like a file.", encoding="utf-8")
    [doc] = read(folder_named_like_a_file)
    assert isinstance(doc, Document)
    items = list(read_path(folder_named_like_a_file, ReadOptions()))
    [err] = items
    assert isinstance(err, InputError)
    assert "cannot read" in err.reason


def test_feed_item_without_content_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "partial.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>Empty</title><guid>e1</guid></item>"
        "<item><title>Full</title><guid>e2</guid><description>The second item has text about a port.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    items = read(path)
    [err] = failures(items)
    assert err.origin == f"{path}#1"
    assert "no content" in err.reason
    assert [d.id for d in documents(items)] == ["e2"]


def test_text_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 400, encoding="utf-8")
    [err] = read(path, options=ReadOptions(max_bytes=1000))
    assert isinstance(err, InputError)
    assert "too large" in err.reason


@pytest.mark.parametrize("spelling", ["{rel}", "./{rel}", "{abs}", "sub/../{rel}"])
def test_a_file_is_keyed_by_its_absolute_path_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "a.txt"
    path.write_text("A story about a lighthouse.", encoding="utf-8")
    lines = tmp_path / "in" / "b.jsonl"
    lines.write_text('{"text": "A brief without an id."}\n', encoding="utf-8")
    named = spelling.format(rel="in/a.txt", abs=path)
    [doc] = read(named)
    assert isinstance(doc, Document)
    assert doc.key == str(path)
    assert doc.origin == str(Path(named))  # messages name the input as given
    [brief] = read(spelling.format(rel="in/b.jsonl", abs=lines))
    assert isinstance(brief, Document)
    assert brief.key == f"{lines}:1"
