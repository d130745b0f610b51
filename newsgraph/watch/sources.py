"""Poll one source: what it holds now, as items (a document, or why one could not be read).

A feed gives its items; a page of links and a sitemap give the pages they link to on their own
host (at most ``max_links`` not seen before per poll, newest first for a sitemap); a folder gives
its new or changed files; a PDF report gives itself when it has changed. Remote sources are read
with a conditional GET, so a source that has not changed costs one ``304`` and nothing else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from newsgraph.errors import FetchError, InputError
from newsgraph.fetch import ANY_DOCUMENT, FEED_TYPES, HTML_TYPES, PDF_TYPES, SITEMAP_TYPES, Fetcher, gunzip, is_gzip
from newsgraph.ingest import ReadOptions, discover, read_fetched, read_path
from newsgraph.records import Document
from newsgraph.store.watch import SourceState
from newsgraph.watch.config import Source


@dataclass(frozen=True)
class Item:
    """One item a poll found: its document, or the error that kept it from being read."""

    url: str | None
    """What identifies the item for "seen before" (a link, a feed item's link or id, a file's
    ``file://`` URL with its size and time of change)."""
    document: Document | None = None
    error: InputError | None = None
    transient: bool = False
    """The error may go away (a timeout, a 5xx): the item is tried again at the next poll."""
    by_url: bool = True
    """An item whose URL was seen before is skipped (False for a report read again when it
    changes: its text decides)."""


@dataclass
class Poll:
    """What one poll of a source found."""

    items: list[Item] = field(default_factory=list)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    url: str | None = None
    """The URL polled (the source's, or the one it moved to)."""
    moved_to: str | None = None
    """Where the source answered it has moved for good (permanent redirects): poll it there next."""


SeenUrls = Callable[[list[str]], set[str]]
"""Which of these URLs were seen before (asked of the store)."""


def poll(source: Source, fetcher: Fetcher, state: SourceState | None, seen: SeenUrls, options: ReadOptions) -> Poll:
    """Poll ``source``; a failure of the source itself (its feed, page or sitemap cannot be
    fetched) raises :class:`FetchError`; failures of single items come back as items."""
    etag = state.etag if state else None
    modified = state.last_modified if state else None
    if source.kind == "folder":
        return _folder(source, seen, options)
    if source.kind == "pdf" and not source.remote:
        return _local_pdf(source, seen, options)
    accept = {"feed": FEED_TYPES, "page": HTML_TYPES, "sitemap": SITEMAP_TYPES, "pdf": PDF_TYPES}[source.kind]
    what = {"feed": "a feed", "page": "a page of links", "sitemap": "a sitemap", "pdf": "a PDF report"}[source.kind]
    url = state.moved_to if state is not None and state.moved_to else source.target
    fetched = fetcher.get(url, accept=accept, etag=etag, last_modified=modified, what=what)
    result = Poll(
        not_modified=fetched.not_modified,
        etag=fetched.etag or etag,
        last_modified=fetched.last_modified or modified,
        url=url,
        moved_to=fetched.moved_to,
    )
    if fetched.not_modified:
        return result
    if source.kind == "feed":
        result.items = _feed_items(source, fetcher, fetched.content_type, fetched.body, seen, options)
    elif source.kind == "pdf":
        item = _item(source.target, read_fetched(source.target, fetched.content_type, fetched.body, options))
        result.items = [Item(item.url, item.document, item.error, by_url=False)]
    else:
        links = (
            _page_links(fetched.final_url, fetched.body, source)
            if source.kind == "page"
            else _sitemap_links(fetcher, fetched.final_url, fetched.body, source)
        )
        fresh = [u for u in links if u not in seen(links)][: source.max_links]
        result.items = [_fetch_page(fetcher, u, options) for u in fresh]
    return result


def _item(url: str | None, read: Iterable[Document | InputError]) -> Item:
    for thing in read:
        if isinstance(thing, InputError):
            return Item(url, error=thing)
        return Item(url, document=thing)
    return Item(url, error=InputError(url or "?", "nothing to read"))


def _fetch_page(fetcher: Fetcher, url: str, options: ReadOptions) -> Item:
    try:
        fetched = fetcher.get(url, accept=ANY_DOCUMENT, what="an article page")
    except FetchError as exc:
        return Item(url, error=InputError(url, exc.reason), transient=exc.transient)
    return _item(url, read_fetched(url, fetched.content_type, fetched.body, options, final_url=fetched.final_url))


def _feed_items(
    source: Source, fetcher: Fetcher, content_type: str, body: bytes, seen: SeenUrls, options: ReadOptions
) -> list[Item]:
    kind = content_type if content_type in FEED_TYPES else "application/rss+xml"
    out: list[Item] = []
    read = list(read_fetched(source.target, kind, body, options))
    if source.full_text:
        links = [d.url for d in read if isinstance(d, Document) and d.url]
        old = seen([u for u in links if u])
        for thing in read:
            if isinstance(thing, Document) and thing.url and thing.url not in old:
                out.append(_fetch_page(fetcher, thing.url, options))
            elif isinstance(thing, InputError):
                out.append(Item(None, error=thing))
        return out
    for thing in read:
        if isinstance(thing, Document):
            out.append(Item(thing.url or thing.key, document=thing))
        else:
            out.append(Item(None, error=thing))
    return out


_HREF = re.compile(rb"""<a\s[^>]*?href\s*=\s*["']([^"'#][^"']*)["']""", re.IGNORECASE)


def _page_links(base: str, body: bytes, source: Source) -> list[str]:
    """The links of a page to other pages of its own host, in page order, each once."""
    import lxml.html

    host = urlsplit(base).netloc.lower()
    try:
        root = lxml.html.fromstring(body, base_url=base)
        hrefs = [h for _el, _attr, h, _pos in root.iterlinks() if _attr == "href" and _el.tag == "a"]
    except Exception:  # lxml raises several types on broken markup: fall back to a plain scan
        hrefs = [m.group(1).decode("utf-8", "replace") for m in _HREF.finditer(body)]
    return _keep(base, hrefs, host, source)


def _sitemap_links(fetcher: Fetcher, base: str, body: bytes, source: Source, depth: int = 0) -> list[str]:
    """The page URLs of a sitemap (newest ``lastmod`` first); a sitemap index's sitemaps are read
    too (one level, at most 5). A gzipped sitemap (``sitemap.xml.gz``) is opened within the fetch
    size cap (``max_bytes``) on its decompressed size: a gzip bomb is refused, not expanded."""
    import defusedxml.ElementTree as SafeET

    if is_gzip(body):
        body = gunzip(base, body, fetcher.settings.max_bytes)
    try:
        root = SafeET.fromstring(body)
    except Exception as exc:  # defusedxml raises its own types and ParseError
        raise FetchError(base, f"not a sitemap ({type(exc).__name__}: {exc})") from None
    ns = root.tag.split("}", 1)[0] + "}" if root.tag.startswith("{") else ""
    if root.tag.endswith("sitemapindex"):
        if depth:
            return []
        out: list[str] = []
        for loc in [e.text.strip() for e in root.iter(f"{ns}loc") if e.text][:5]:
            try:
                child = fetcher.get(loc, accept=SITEMAP_TYPES, what="a sitemap")
            except FetchError:
                continue
            out.extend(_sitemap_links(fetcher, child.final_url, child.body, source, depth + 1))
        return out
    entries = []
    for url in root.iter(f"{ns}url"):
        loc = url.find(f"{ns}loc")
        mod = url.find(f"{ns}lastmod")
        if loc is not None and loc.text:
            entries.append((mod.text.strip() if mod is not None and mod.text else "", loc.text.strip()))
    entries.sort(key=lambda e: e[0], reverse=True)
    return _keep(base, [u for _m, u in entries], urlsplit(base).netloc.lower(), source)


def _keep(base: str, hrefs: list[str], host: str, source: Source) -> list[str]:
    pattern = re.compile(source.match) if source.match else None
    out: dict[str, None] = {}
    for href in hrefs:
        url = urldefrag(urljoin(base, href.strip()))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host or url == base:
            continue
        if pattern and not pattern.search(url):
            continue
        out[url] = None
    return list(out)


def file_url(path: Path) -> str:
    """A file's identity for "seen before": its absolute path with its size and time of change,
    so a changed file is new again."""
    st = os.stat(path)
    return f"{path.resolve().as_uri()}?size={st.st_size}&mtime={st.st_mtime_ns}"


def _folder(source: Source, seen: SeenUrls, options: ReadOptions) -> Poll:
    folder = Path(source.target)
    if not folder.is_dir():
        raise FetchError(source.target, "no such folder")
    paths: dict[str, Path] = {}
    errors: list[Item] = []
    for entry in discover([str(folder)]) if any(folder.iterdir()) else []:
        if isinstance(entry, InputError):
            errors.append(Item(None, error=entry))
            continue
        try:
            paths[file_url(entry)] = entry
        except OSError as exc:  # removed since it was listed
            errors.append(Item(None, error=InputError(str(entry), f"cannot read: {exc.strerror or exc}")))
    old = seen(list(paths))
    items = list(errors)
    for url, path in paths.items():
        if url in old:
            continue
        for thing in read_path(path, options):
            if isinstance(thing, InputError):
                items.append(Item(url, error=thing))
            else:
                items.append(Item(url, document=thing))
    return Poll(items=items)


def _local_pdf(source: Source, seen: SeenUrls, options: ReadOptions) -> Poll:
    path = Path(source.target)
    if not path.is_file():
        raise FetchError(source.target, "no such file")
    url = file_url(path)
    if seen([url]):
        return Poll()
    return Poll(items=[_item(url, read_path(path, options))])
