"""Read inputs (plain text, HTML, JSON Lines, RSS/Atom feeds; files, folders, globs, stdin)
into :class:`~newsgraph.records.Document` records.

Every reader yields documents and :class:`~newsgraph.errors.InputError` values in input order:
a bad input is reported with its name and the reason, and reading goes on.

Limits that hold for any input (the defaults are those of :class:`ReadOptions`; the CLI's
``--max-chars`` sets ``max_bytes``, :data:`MAX_CHARS` by default):

- no read is unbounded: a text or HTML file or stream, a JSON line or a feed item is refused
  past ``max_bytes`` bytes, a feed file past ``max_feed_bytes``; a JSON line that is too long is
  skipped without being held in memory, and the lines after it are read;
- only regular files are read by name: a FIFO, socket or device (``/dev/zero``) is refused before
  it is opened for reading, so nothing waits on a writer that never comes; pipe a stream to ``-``;
- folder walks and ``**`` globs follow symbolic links to folders but read each folder once, so a
  link loop ends; an unreadable folder, a FIFO or socket, a broken link are reported, not skipped;
- a NUL character (anywhere in a document, not only its first 8 KiB) or a lone surrogate (a JSON
  ``"\\ud800"``) refuses the document: neither is text, and the store never receives them;
- a JSON line nested too deeply or holding a number of over 4,300 digits is an error for that line.
"""

from __future__ import annotations

import codecs
import glob
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import InputError, NoInputs
from newsgraph.ingest.document import id_from_file_name, make_document, title_from_text
from newsgraph.records import Document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
PDF_SUFFIXES = {".pdf"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | PDF_SUFFIXES

Item = Document | InputError

MAX_CHARS = 300_000
"""The largest document read by default (the CLI's ``--max-chars``, the watcher, the API).

A document's cost grows linearly with its length: news prose takes about 12 to 15 s of CPU per
100,000 characters on the machines newsgraph is tested on (spaCy's parse is three quarters of it;
``bench/long_text.py``, ``scripts/campaign.py``), so one of 300,000 characters (a report of about
90 pages) stays under a minute, where 490,000 characters of news sentences took 71 s. A longer
text is refused with its size and the limit, never cut: raise ``--max-chars`` for it, or split it
(a PDF's pages) into parts."""


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read."""

    encoding: str = "utf-8"
    """Text encoding of the inputs; bytes that do not decode are an error for that input."""
    max_bytes: int = MAX_CHARS
    """Largest single document (a text or HTML file or stream, a JSON line, a feed item) accepted,
    in bytes; more is never read into memory."""
    max_feed_bytes: int = 50_000_000
    """Largest feed file accepted (feeds are parsed whole)."""
    published: str | None = None
    """Reference date (YYYY-MM-DD) for documents that carry none."""


def discover(patterns: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named by paths, folders (recursively: files with known suffixes) and globs; ``-`` is stdin.

    Walks follow links to folders but read each folder once (a link loop ends); what cannot be
    read (a folder without permission, a FIFO or socket, a broken link) is an :class:`InputError`."""
    patterns = list(patterns)
    found = False
    for pattern in patterns:
        if pattern == "-":
            found = True
            yield Path("-")
            continue
        path = Path(pattern)
        try:
            mode: int | None = os.stat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            mode = None
        except OSError as exc:  # no permission on a folder above it, a link loop, a name too long
            found = True
            yield InputError(pattern, f"cannot read: {exc.strerror or exc}")
            continue
        if mode is not None and stat.S_ISDIR(mode):
            items = [
                item
                for item in _walk(path)
                if not (isinstance(item, Path) and item.suffix.lower() not in KNOWN_SUFFIXES)
            ]
            found = found or bool(items)
            yield from items
        elif mode is not None:
            found = True
            yield path
        elif glob.has_magic(pattern):
            items = _glob(pattern)
            found = found or bool(items)
            yield from items
        else:
            found = True
            yield InputError(pattern, "broken symbolic link" if os.path.islink(path) else "no such file or folder")
    if not found:
        raise NoInputs(patterns)


def _walk(root: Path) -> list[Path | InputError]:
    """Every regular file under ``root`` (sorted), and an error for each folder that cannot be
    read and each entry that is not a regular file (FIFO, socket, device, broken link).

    Links to folders are followed, but a folder already read (by its device and inode) is not
    read again: a link loop, or two links to one folder, ends there."""
    out: list[Path | InputError] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            out.append(InputError(str(folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        folders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    folders.append(path)
                elif entry.is_file():
                    out.append(path)
                elif entry.is_symlink() and not os.path.exists(path):
                    out.append(InputError(str(path), "broken symbolic link"))
                else:
                    out.append(InputError(str(path), f"{_not_regular(entry.stat().st_mode)}: skipped"))
            except OSError as exc:
                out.append(InputError(str(path), f"cannot read: {exc.strerror or exc}"))
        stack.extend(reversed(folders))
    return sorted(out, key=lambda item: Path(item.origin) if isinstance(item, InputError) else item)


def _glob(pattern: str) -> list[Path | InputError]:
    """The files a glob matches, sorted. A ``**`` pattern is matched over :func:`_walk` (each
    folder read once), as :func:`glob.glob` follows link loops for ever."""
    if "**" not in pattern:
        return list[Path | InputError](sorted(Path(p) for p in glob.glob(pattern) if os.path.isfile(p)))
    parts = pattern.split(os.sep)
    fixed = 0
    while fixed < len(parts) - 1 and not glob.has_magic(parts[fixed]):
        fixed += 1
    root = os.sep.join(parts[:fixed]) or ("." if not pattern.startswith(os.sep) else os.sep)
    wanted = tuple(p for p in parts[fixed:] if p)
    if not os.path.isdir(root):
        return []
    out: list[Path | InputError] = []
    for item in _walk(Path(root)):
        path = Path(item.origin) if isinstance(item, InputError) else item
        if _matches(wanted, path.relative_to(root).parts):
            out.append(item)
    return out


def _matches(pattern: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """Whether path components ``names`` match glob components ``pattern`` (``**``: any number
    of components); a wildcard does not match a name starting with a dot, as in :mod:`glob`."""

    @cache
    def match(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(names)
        if pattern[i] == "**":
            return match(i + 1, j) or (j < len(names) and not names[j].startswith(".") and match(i, j + 1))
        if j == len(names) or (names[j].startswith(".") and not pattern[i].startswith(".")):
            return False
        return fnmatchcase(names[j], pattern[i]) and match(i + 1, j + 1)

    return match(0, 0)


def _not_regular(mode: int) -> str:
    """What a path that is not a regular file or folder is, for a message."""
    kinds = [
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ]
    kind = next((name for test, name in kinds if test(mode)), "not a file")
    return f"not a regular file ({kind})"


def read_inputs(patterns: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every document of every input, and an :class:`InputError` for each one that fails.

    An ``http(s)`` URL is fetched (politely: :mod:`newsgraph.fetch`) and read by its content
    type: an article page, a feed's items, a PDF; URLs are read first, then files."""
    options = options or ReadOptions()
    patterns = list(patterns)
    urls = [p for p in patterns if is_url(p)]
    if urls:
        from newsgraph.fetch import Fetcher

        with Fetcher() as fetcher:
            for url in urls:
                yield from read_url(url, options, fetcher)
        patterns = [p for p in patterns if not is_url(p)]
        if not patterns:
            return
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
            yield from _read_stream(name, sys.stdin.buffer, options)
            return
        kind = _kind(path)
        limit = options.max_feed_bytes if kind in ("feed", "pdf") else options.max_bytes
        with _open_file(name, path) as fh:
            if kind == "jsonl":
                yield from _read_jsonl_lines(name, _lines(fh, options.max_bytes), options)
                return
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise InputError(name, f"too large ({_size(size)}, limit {_size(limit)})")
            data = _read_at_most(name, fh, limit)
        if kind == "unknown":
            kind = _sniff(data)
        yield from _read_data(name, kind, data, options)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")


def _read_stream(name: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Item]:
    """Standard input: its format sniffed from its start, JSON Lines streamed line by line,
    anything else read up to its limit."""
    head = stream.read(2048)
    kind = _sniff(head)
    if kind == "jsonl":
        lines = _lines(io.BufferedReader(_Prefixed(head, stream)), options.max_bytes)
        yield from _read_jsonl_lines(name, lines, options)
        return
    limit = options.max_feed_bytes if kind == "feed" else options.max_bytes
    data = head + stream.read(max(limit + 1 - len(head), 0))
    if len(data) > limit:
        raise InputError(name, f"too large (over the limit of {_size(limit)})")
    yield from _read_data(name, kind, data, options)


def _read_data(name: str, kind: str, data: bytes, options: ReadOptions) -> Iterator[Item]:
    if kind == "pdf":
        yield _from_pdf(name, data, options)
    elif kind == "jsonl":
        yield from _read_jsonl_lines(name, data.splitlines(keepends=True), options)
    elif kind == "feed":
        yield from _read_feed(name, data, options)
    else:
        text = _decode(name, data, options)
        if kind == "html":
            yield _from_html(name, text, options)
        else:
            meta = {"title": headline(text) or title_from_text(text), "id": id_from_file_name(name)}
            yield _document(name, text, options, key=name, meta=meta)


def _open_file(name: str, path: Path) -> IO[bytes]:
    """``path`` opened for reading if it is a regular file. It is opened without waiting (a FIFO
    would wait for a writer) and checked on the open descriptor, so it cannot change in between."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, "cannot read: it is a folder, not a file (name the folder to read the files in it)")
        if not stat.S_ISREG(mode):
            raise InputError(name, f"{_not_regular(mode)}: only regular files are read by name; pipe a stream to -")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_at_most(name: str, fh: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes of ``fh``; an :class:`InputError` when there are more (never
    more than ``limit + 1`` bytes are read)."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(name, f"too large (over the limit of {_size(limit)})")
    return data


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff its format): those, then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@dataclass(frozen=True)
class _LongLine:
    """A JSON line over the size limit, skipped without being kept in memory."""

    size: int


def _lines(fh: IO[bytes], limit: int) -> Iterator[bytes | _LongLine]:
    """The lines of ``fh``; a line longer than ``limit`` bytes comes as a :class:`_LongLine`
    (its bytes are read and dropped in bounded pieces)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                rest = fh.readline(1 << 16)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _LongLine(size)
        else:
            yield line


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
    if suffix in PDF_SUFFIXES:
        return "pdf"
    return "unknown"


def _sniff(data: bytes) -> str:
    head = data[:2048].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"{"):
        return "jsonl"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _decode(name: str, data: bytes, options: ReadOptions) -> str:
    if len(data) > options.max_bytes:
        raise InputError(name, f"too large ({_size(len(data))}, limit {_size(options.max_bytes)})")
    if not data.strip():
        raise InputError(name, "empty document")
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    nul = data.find(b"\x00")
    if nul >= 0 and not wide:
        raise InputError(name, f"binary file (contains NUL bytes, the first at byte {nul}), not text")
    encoding = options.encoding
    if encoding.lower().replace("-", "").replace("_", "") == "utf8":
        encoding = "utf-8-sig"  # tolerate a byte-order mark
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if wide:
            hint = " (it starts with a UTF-16 byte-order mark: try --encoding utf-16)"
        elif encoding.startswith("utf"):
            hint = " (it may be Latin-1/cp1252: try --encoding cp1252)"
        else:
            hint = ""
        raise InputError(name, f"not valid {options.encoding} at byte {exc.start}{hint}") from None
    except LookupError:
        raise InputError(name, f"unknown encoding {options.encoding!r}") from None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 4096):
        raise InputError(name, "binary file (control characters), not text")
    return text


MAX_SYMBOL_RUN = 1000
"""The longest run of symbols (neither letters, digits nor spaces) a document may hold: the
tokenizer splits such a run one character at a time, at a cost that grows with the square of its
length (20,000 parentheses took three minutes); no prose has a thousand in a row."""
_SYMBOL_RUN = re.compile(r"[^\w\s]{" + str(MAX_SYMBOL_RUN + 1) + ",}")


def _check_symbols(origin: str, text: str) -> None:
    """Refuse a run of over :data:`MAX_SYMBOL_RUN` symbols with no space."""
    run = _SYMBOL_RUN.search(text)
    if run is not None:
        raise InputError(
            origin,
            f"a run of {run.end() - run.start():,} symbols with no space (at character {run.start()}): "
            f"not prose; at most {MAX_SYMBOL_RUN:,} are read",
        )


def _check_text(origin: str, field: str, value: str) -> None:
    """Refuse a NUL character or a lone surrogate anywhere in ``value``: neither is text, and
    neither can be stored (PostgreSQL refuses NUL; UTF-8 cannot encode a surrogate)."""
    nul = value.find("\x00")
    if nul >= 0:
        raise InputError(origin, f"the {field} holds a NUL character (at character {nul}): binary data, not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        raise InputError(
            origin, f"the {field} holds a lone surrogate (\\u{code:04x} at character {exc.start}), not a character"
        ) from None


def _document(
    origin: str,
    text: str,
    options: ReadOptions,
    *,
    key: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    meta = meta or {}
    _check_text(origin, "text", text)
    _check_symbols(origin, text)
    for field, value in meta.items():
        if isinstance(value, str):
            _check_text(origin, field, value)
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
        size = len(doc.text) / 1e6
        raise InputError(origin, f"too large ({size:.1f} M characters; limit {options.max_bytes:,}: --max-chars)")
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


def _read_jsonl_lines(name: str, lines: Iterable[bytes | _LongLine], options: ReadOptions) -> Iterator[Item]:
    any_line = False
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if isinstance(raw, _LongLine):
            any_line = True
            yield InputError(origin, f"line too large ({_size(raw.size)}, limit {_size(options.max_bytes)})")
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)  # a byte-order mark is no part of the first line
        if not raw.strip():
            continue
        any_line = True
        try:
            if len(raw.rstrip(b"\r\n")) > options.max_bytes:
                raise InputError(origin, f"line too large ({_size(len(raw))}, limit {_size(options.max_bytes)})")
            yield read_record(origin, _parse_json(origin, raw, options), options)
        except InputError as exc:
            yield exc
    if not any_line:
        yield InputError(name, "empty document")


def _parse_json(origin: str, raw: bytes, options: ReadOptions) -> object:
    """One JSON line; an :class:`InputError` for anything that is not JSON newsgraph can hold."""
    try:
        return json.loads(raw.decode(options.encoding))
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not valid {options.encoding} at byte {exc.start}") from None
    except LookupError:
        raise InputError(origin, f"unknown encoding {options.encoding!r}") from None
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(origin, "invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # an integer of more digits than Python converts (sys.int_info)
        if "digits" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise InputError(origin, f"invalid JSON (a number of more than {limit:,} digits)") from None
        raise InputError(origin, f"invalid JSON ({exc})") from None


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
    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # feedparser's SGML fallback raises unrelated types on hostile markup
        raise InputError(name, f"malformed feed ({type(exc).__name__} in the feed parser)") from None
    entries = feed.get("entries", [])
    bozo = feed.get("bozo") and not isinstance(feed.get("bozo_exception"), feedparser.CharacterEncodingOverride)
    if not entries:
        reason = f"malformed feed ({feed.get('bozo_exception')})" if bozo else "feed has no items"
        raise InputError(name, reason)
    source = _str(feed.get("feed", {}).get("title")) or None
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
    if isinstance(entry.get("content"), list):
        html = "\n".join(_str(c.get("value")) for c in entry["content"] if isinstance(c, dict))
    html = html or _str(entry.get("summary")) or _str(entry.get("description"))
    if not html.strip():
        raise InputError(origin, "feed item has no content")
    text = _html_to_text(html)
    published = None
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        published = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    meta = {
        "id": _str(entry.get("id")) or None,
        "title": _str(entry.get("title")) or None,
        "url": _str(entry.get("link")) or None,
        "source": source,
        "published": published,
    }
    return _document(origin, text, options, meta=meta)


def _str(value: object) -> str:
    """A feed field as text: feedparser leaves a field it could not read as None."""
    return value if isinstance(value, str) else ""


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters that no XML or HTML text may hold (lxml refuses to set them)."""


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content), paragraphs on their own lines."""
    if "<" not in fragment:
        return fragment
    fragment = _NOT_XML.sub("", fragment)
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


def _from_pdf(name: str, data: bytes, options: ReadOptions) -> Document:
    """A PDF report as one document; its pages are marked in the text (:mod:`newsgraph.ingest.pdf`)."""
    from newsgraph.ingest.pdf import read_pdf

    pdf = read_pdf(name, data)
    if len(pdf.text) > options.max_bytes:  # refused whole, never cut: a cut report would lose pages
        raise InputError(
            name,
            f"too large: its text is {len(pdf.text):,} characters over {pdf.pages} pages, over the limit of "
            f"{options.max_bytes:,} (--max-chars); raise --max-chars, or split the PDF into parts and ingest them",
        )
    return _document(name, pdf.text, options, key=name, meta={"title": pdf.title, "published": pdf.published})


def is_url(value: str) -> bool:
    """Whether an input names an ``http(s)`` URL rather than a file."""
    return value.lower().startswith(("http://", "https://"))


_KIND_OF_TYPE = {"application/pdf": "pdf", "application/x-pdf": "pdf", "text/plain": "text"}


def read_url(url: str, options: ReadOptions, fetcher: Any) -> Iterator[Item]:
    """The documents at ``url``, fetched with ``fetcher`` (a :class:`newsgraph.fetch.Fetcher`):
    an article page (its text by trafilatura), a feed's items or a PDF, by the content type the
    server sends (or, for a generic one, by the body's first bytes). A page or PDF is keyed by
    its URL, so a changed page is stored as a new version; a failure is one :class:`InputError`."""
    from newsgraph.errors import FetchError
    from newsgraph.fetch import ANY_DOCUMENT

    try:
        fetched = fetcher.get(url, accept=ANY_DOCUMENT, what="a page, feed or PDF")
    except FetchError as exc:
        yield InputError(url, exc.reason)
        return
    yield from read_fetched(url, fetched.content_type, fetched.body, options, final_url=fetched.final_url)


def read_fetched(
    url: str, content_type: str, body: bytes, options: ReadOptions, *, final_url: str | None = None
) -> Iterator[Item]:
    """The documents of a body fetched from ``url``, read by its content type."""
    from newsgraph.fetch import FEED_TYPES, HTML_TYPES

    if content_type in HTML_TYPES:
        kind = "html"
    elif content_type in FEED_TYPES:
        kind = "feed"
    else:
        kind = _KIND_OF_TYPE.get(content_type) or _sniff(body)
    limit = options.max_feed_bytes if kind in ("feed", "pdf") else options.max_bytes
    if len(body) > limit:
        yield InputError(url, f"too large ({_size(len(body))}, limit {_size(limit)})")
        return
    try:
        for item in _read_data(url, kind, body, options):
            if isinstance(item, Document) and kind != "feed":
                item = replace(item, url=final_url or url, key=url)
            yield item
    except InputError as exc:
        yield exc
