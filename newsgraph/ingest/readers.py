"""Read inputs (plain text, HTML, JSON Lines, RSS/Atom feeds; files, folders, globs, stdin)
into :class:`~newsgraph.records.Document` records.

Every reader yields documents and :class:`~newsgraph.errors.InputError` values in input order:
a bad input is reported with its name and the reason, and reading goes on.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError, NoInputs
from newsgraph.ingest.document import make_document
from newsgraph.records import Document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

Item = Document | InputError


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read."""

    encoding: str = "utf-8"
    """Text encoding of the inputs; bytes that do not decode are an error for that input."""
    max_bytes: int = 5_000_000
    """Largest single document (a text or HTML file, a JSON line, a feed item) accepted."""
    max_feed_bytes: int = 50_000_000
    """Largest feed file accepted (feeds are parsed whole)."""
    published: str | None = None
    """Reference date (YYYY-MM-DD) for documents that carry none."""


def discover(patterns: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named by paths, folders (recursively: files with known suffixes) and globs; ``-`` is stdin."""
    patterns = list(patterns)
    found = False
    for pattern in patterns:
        if pattern == "-":
            found = True
            yield Path("-")
            continue
        path = Path(pattern)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES)
            found = found or bool(files)
            yield from files
        elif path.exists():
            found = True
            yield path
        elif glob.has_magic(pattern):
            files = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            found = found or bool(files)
            yield from files
        else:
            found = True
            yield InputError(pattern, "no such file or folder")
    if not found:
        raise NoInputs(patterns)


def read_inputs(patterns: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every document of every input, and an :class:`InputError` for each one that fails."""
    options = options or ReadOptions()
    for item in discover(patterns):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item, options)


def read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    """The documents of one file (or stdin for ``-``).

    A document without an id or URL of its own is keyed by the file's absolute path (with its
    line or item number), so ``samples/a.txt`` and ``./samples/a.txt`` are the same document
    across runs and a changed text becomes its new version."""
    if str(path) == "-":
        yield from _read_path(path, options)
        return
    name, absolute = str(path), os.path.abspath(path)
    for item in _read_path(path, options):
        if isinstance(item, Document) and item.key is not None and item.key.startswith(name):
            rest = item.key[len(name) :]
            if not rest or (rest[0] in ":#" and rest[1:].isdigit()):
                item = replace(item, key=absolute + rest)
        yield item


def _read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
            kind = _sniff(data)
        else:
            kind = _kind(path)
            limit = options.max_feed_bytes if kind == "feed" else options.max_bytes
            if kind != "jsonl":
                size = path.stat().st_size
                if size > limit:
                    raise InputError(name, f"too large ({size / 1e6:.1f} MB, limit {limit / 1e6:.1f} MB)")
            if kind == "jsonl":
                yield from _read_jsonl_file(path, options)
                return
            data = path.read_bytes()
            if kind == "unknown":
                kind = _sniff(data)
        if kind == "jsonl":
            yield from _read_jsonl_lines(name, data.splitlines(), options)
        elif kind == "feed":
            yield from _read_feed(name, data, options)
        else:
            text = _decode(name, data, options)
            if kind == "html":
                yield _from_html(name, text, options)
            else:
                yield _document(name, text, options, key=name, meta={"title": headline(text)})
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "unknown"


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return "jsonl"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _decode(name: str, data: bytes, options: ReadOptions) -> str:
    if len(data) > options.max_bytes:
        raise InputError(name, f"too large ({len(data) / 1e6:.1f} MB, limit {options.max_bytes / 1e6:.1f} MB)")
    if not data.strip():
        raise InputError(name, "empty document")
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file (contains NUL bytes), not text")
    encoding = options.encoding
    if encoding.lower().replace("-", "") == "utf8":
        encoding = "utf-8-sig"  # tolerate a byte-order mark
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = " (it may be Latin-1/cp1252: try --encoding cp1252)" if encoding.startswith("utf") else ""
        raise InputError(name, f"not valid {options.encoding} at byte {exc.start}{hint}") from None
    except LookupError:
        raise InputError(name, f"unknown encoding {options.encoding!r}") from None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 4096):
        raise InputError(name, "binary file (control characters), not text")
    return text


def _document(
    origin: str,
    text: str,
    options: ReadOptions,
    *,
    key: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    meta = meta or {}
    doc = make_document(
        text,
        id=meta.get("id"),
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("source"),
        published=meta.get("published") or None,
        default_published=options.published,
        origin=origin,
        key=key or meta.get("id") or meta.get("url") or origin,
    )
    if not doc.text.strip():
        raise InputError(origin, "empty document")
    if len(doc.text) > options.max_bytes:
        raise InputError(origin, f"too large ({len(doc.text) / 1e6:.1f} M characters)")
    return doc


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it reads as a headline (short, no final
    full stop, a blank line after it); the text itself keeps it."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if sep and rest.startswith("\n") and 0 < len(first) <= 150 and not first.endswith((".", ",", ";", ":")):
        return first
    return None


def _from_html(name: str, html: str, options: ReadOptions) -> Document:
    import trafilatura

    lowered = html.lower()
    if "<html" in lowered and "</html>" not in lowered[-4096:]:
        raise InputError(name, "truncated HTML (no closing </html> tag): the page is incomplete")
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(name, "no article text found in the HTML (not an article page?)")
    meta = trafilatura.extract_metadata(html)
    info = {
        "title": meta.title if meta else None,
        "url": meta.url if meta else None,
        "source": (meta.sitename or meta.hostname) if meta else None,
        "published": meta.date if meta else None,
    }
    return _document(name, text, options, meta=info)


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    with path.open("rb") as fh:
        yield from _read_jsonl_lines(str(path), fh, options)


def _read_jsonl_lines(name: str, lines: Iterable[bytes], options: ReadOptions) -> Iterator[Item]:
    any_line = False
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if not raw.strip():
            continue
        any_line = True
        try:
            if len(raw) > options.max_bytes:
                raise InputError(origin, f"line too large ({len(raw) / 1e6:.1f} MB)")
            try:
                record = json.loads(raw.decode(options.encoding))
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"not valid {options.encoding} at byte {exc.start}") from None
            except json.JSONDecodeError as exc:
                raise InputError(origin, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
            yield read_record(origin, record, options)
        except InputError as exc:
            yield exc
    if not any_line:
        yield InputError(name, "empty document")


def read_record(origin: str, record: object, options: ReadOptions | None = None, *, keyed: bool = True) -> Document:
    """One JSON Lines record (an object with ``text`` and optionally ``id``, ``title``,
    ``published``, ``url``, ``source``) as a document, as the JSON Lines reader reads each line
    (``POST /api/documents`` too); raises :class:`InputError` for a record that is no document.

    A record without an id or URL is keyed by ``origin`` (its file and line), or, when not
    ``keyed``, by its text: an ``origin`` that does not name the same input twice keys nothing."""
    options = options or ReadOptions()
    if not isinstance(record, dict):
        raise InputError(origin, "a JSON object with a 'text' field is expected on each line")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(origin, "no 'text' field (string) in the JSON object")
    meta = {k: _str_or_none(record.get(k)) for k in ("id", "title", "published", "url", "source")}
    key = meta["id"] or meta["url"]
    doc = _document(origin, text, options, key=key or origin, meta=meta)
    return doc if key or keyed else replace(doc, key=None)


def _str_or_none(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _read_feed(name: str, data: bytes, options: ReadOptions) -> Iterator[Item]:
    import feedparser

    if not data.strip():
        raise InputError(name, "empty document")
    feed = feedparser.parse(data)
    entries = feed.get("entries", [])
    bozo = feed.get("bozo") and not isinstance(feed.get("bozo_exception"), feedparser.CharacterEncodingOverride)
    if not entries:
        reason = f"malformed feed ({feed.get('bozo_exception')})" if bozo else "feed has no items"
        raise InputError(name, reason)
    source = feed.get("feed", {}).get("title")
    kept = 0
    for k, entry in enumerate(entries, start=1):
        origin = f"{name}#{k}"
        try:
            doc = _from_entry(origin, entry, source, options)
        except InputError as exc:
            if not bozo:
                yield exc
            # In a malformed feed, an item that fails is the one the damage cut short: the feed's
            # own error below says so, once.
            continue
        kept += 1
        yield doc
    if bozo:
        yield InputError(
            name,
            f"malformed feed ({feed.get('bozo_exception')}); the {kept} item(s) read before it were kept",
        )


def _from_entry(origin: str, entry: Any, source: str | None, options: ReadOptions) -> Document:
    html = ""
    if entry.get("content"):
        html = "\n".join(c.get("value", "") for c in entry["content"])
    html = html or entry.get("summary", "") or entry.get("description", "")
    if not html.strip():
        raise InputError(origin, "feed item has no content")
    text = _html_to_text(html)
    published = None
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        published = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    meta = {
        "id": entry.get("id") or None,
        "title": entry.get("title"),
        "url": entry.get("link"),
        "source": source,
        "published": published,
    }
    return _document(origin, text, options, meta=meta)


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content), paragraphs on their own lines."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several unrelated types on broken markup
        return fragment
    for node in root.iter():
        # Line breaks in the markup are spaces; only <br> and block ends break lines.
        if isinstance(node.text, str):
            node.text = " ".join(node.text.split("\n"))
        if isinstance(node.tail, str):
            node.tail = " ".join(node.tail.split("\n"))
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "h1", "h2", "h3", "li", "blockquote"):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    blocks = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(b for b in blocks if b)
