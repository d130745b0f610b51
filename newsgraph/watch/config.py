"""``watch.yaml``: what to watch, how often, and how politely; parsed and checked whole, with
errors that name the file, the line and the key.

Top-level keys:

- ``sources`` (required): a list; each source has a ``name`` (unique), exactly one of
  ``feed: URL`` (RSS/Atom), ``page: URL`` (a page of links: the links on the same host are read),
  ``sitemap: URL`` (a sitemap.xml or sitemap index), ``folder: PATH`` (files dropped in: new or
  changed ones are read) or ``pdf: URL-or-PATH`` (a report, read again when it changes), and
  optionally ``every`` (how often: ``30s``, ``15m``, ``6h``, ``1d``; 15m by default),
  ``max_links`` (page and sitemap: most new links read per poll, 20 by default), ``match`` (page and
  sitemap: a regular expression the links must match), ``full_text`` (feed: read each new item's
  page instead of the feed's summary).
- ``store`` (optional): the store's file (relative to the ``watch.yaml``) or database URL
  (``--db`` overrides it).
- ``fetch`` (optional): :class:`newsgraph.fetch.FetchSettings` fields (``timeout``, ``retries``,
  ``backoff``, ``per_host_interval``, ``max_bytes``, ``max_redirects``, ``robots``, ...).
- ``batch_size`` (optional): documents per store transaction (8 by default).
- ``rules`` and ``deliver``: the alert rules and their deliveries, kept as they are written for
  the alerting stage to read (not checked here).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import WatchConfigError
from newsgraph.fetch import FetchSettings
from newsgraph.ingest import is_url

KINDS = ("feed", "page", "sitemap", "folder", "pdf")
SOURCE_KEYS = {"name", "every", "max_links", "match", "full_text", *KINDS}
TOP_KEYS = {"store", "sources", "rules", "deliver", "fetch", "batch_size"}
DEFAULT_EVERY = 15 * 60.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Source:
    """One watched source."""

    name: str
    kind: str
    """``feed``, ``page``, ``sitemap``, ``folder`` or ``pdf``."""
    target: str
    """The URL, or the folder's or file's absolute path."""
    every: float = DEFAULT_EVERY
    """Seconds between polls."""
    max_links: int = 20
    match: str | None = None
    full_text: bool = False
    line: int | None = None
    """Where it is written in the file."""

    @property
    def remote(self) -> bool:
        return is_url(self.target)


@dataclass(frozen=True)
class WatchConfig:
    """A parsed ``watch.yaml``."""

    sources: tuple[Source, ...]
    store: str | None = None
    fetch: FetchSettings = field(default_factory=FetchSettings)
    batch_size: int = 8
    rules: Any = None
    """The ``rules`` section as written (for the alerting stage)."""
    deliver: Any = None
    """The ``deliver`` section as written (for the alerting stage)."""
    raw: dict[str, Any] = field(default_factory=dict)
    """The whole file as parsed."""
    origin: str = "watch.yaml"


def parse_duration(value: object) -> float | None:
    """Seconds from ``30s``, ``15m``, ``6h``, ``1d`` or a number of seconds; None if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    m = _DURATION.match(str(value))
    if not m:
        return None
    seconds = float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]
    return seconds if seconds > 0 else None


def load_config(path: str | Path) -> WatchConfig:
    """Read and check ``path``; a :class:`WatchConfigError` names the line and key at fault."""
    origin = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WatchConfigError(origin, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchConfigError(origin, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return parse_config(text, origin, base=Path(path).resolve().parent)


def parse_config(text: str, origin: str = "watch.yaml", base: Path | None = None) -> WatchConfig:
    """Parse the YAML ``text``; relative folder and PDF paths are taken from ``base``."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise WatchConfigError(
            origin, f"not valid YAML: {exc.problem or exc.context}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise WatchConfigError(origin, f"not valid YAML: {exc}") from None
    return _Checker(origin, node, base or Path.cwd()).config(data)


class _Checker:
    def __init__(self, origin: str, root: yaml.Node | None, base: Path) -> None:
        self.origin = origin
        self.root = root
        self.base = base

    def fail(self, path: tuple[object, ...], reason: str) -> WatchConfigError:
        return WatchConfigError(self.origin, reason, _line(self.root, path))

    def config(self, data: object) -> WatchConfig:
        if not isinstance(data, dict):
            raise self.fail((), "a mapping with a 'sources' list is expected (see `newsgraph watch --help`)")
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(
                    (key,), f"unknown key {key!r}{_hint(key, TOP_KEYS)}; the keys are {', '.join(sorted(TOP_KEYS))}"
                )
        raw_sources = data.get("sources")
        if not isinstance(raw_sources, list) or not raw_sources:
            raise self.fail(("sources",) if "sources" in data else (), "'sources' must be a non-empty list of sources")
        sources = [self.source(i, s) for i, s in enumerate(raw_sources)]
        names: dict[str, int] = {}
        for i, s in enumerate(sources):
            if s.name in names:
                raise self.fail(("sources", i, "name"), f"source name {s.name!r} is used twice (names must be unique)")
            names[s.name] = i
        store = data.get("store")
        if store is not None and (not isinstance(store, str) or not store.strip()):
            raise self.fail(("store",), "'store' must be a file name or a database URL")
        if isinstance(store, str) and "://" not in store:
            store = str(self.base / Path(store.strip()).expanduser())  # a file beside watch.yaml
        batch = data.get("batch_size", 8)
        if not isinstance(batch, int) or isinstance(batch, bool) or not 1 <= batch <= 10_000:
            raise self.fail(("batch_size",), "'batch_size' must be a whole number from 1 to 10000")
        return WatchConfig(
            sources=tuple(sources),
            store=store,
            fetch=self.fetch(data.get("fetch")),
            batch_size=batch,
            rules=data.get("rules"),
            deliver=data.get("deliver"),
            raw=data,
            origin=self.origin,
        )

    def fetch(self, value: object) -> FetchSettings:
        if value is None:
            return FetchSettings()
        if not isinstance(value, dict):
            raise self.fail(("fetch",), "'fetch' must be a mapping of settings (timeout, retries, ...)")
        known = {f.name: f for f in fields(FetchSettings)}
        out: dict[str, Any] = {}
        defaults = FetchSettings()
        for key, v in value.items():
            if key not in known:
                raise self.fail(
                    ("fetch", key), f"unknown fetch setting {key!r}{_hint(key, known)}; they are {', '.join(known)}"
                )
            default = getattr(defaults, key)
            if isinstance(default, bool):
                if not isinstance(v, bool):
                    raise self.fail(("fetch", key), f"fetch setting {key!r} must be true or false")
            elif isinstance(default, int):
                if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                    raise self.fail(("fetch", key), f"fetch setting {key!r} must be a whole number >= 0")
            elif isinstance(default, float):
                seconds = float(v) if isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 else None
                if seconds is None and isinstance(v, str):
                    seconds = parse_duration(v)
                if seconds is None:
                    raise self.fail(
                        ("fetch", key), f"fetch setting {key!r} must be a number of seconds or a duration (like 30s)"
                    )
                v = seconds
            elif not isinstance(v, str) or not v.strip():
                raise self.fail(("fetch", key), f"fetch setting {key!r} must be text")
            out[key] = v
        return FetchSettings(**out)

    def source(self, i: int, value: object) -> Source:
        path: tuple[object, ...] = ("sources", i)
        if not isinstance(value, dict):
            raise self.fail(path, f"source {i + 1} must be a mapping with a name and one of {', '.join(KINDS)}")
        for key in value:
            if key not in SOURCE_KEYS:
                raise self.fail((*path, key), f"unknown key {key!r} in source {i + 1}{_hint(key, SOURCE_KEYS)}")
        name = value.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(path, f"source {i + 1} has no 'name' (a short unique name, like 'dawn')")
        name = name.strip()
        if len(name) > 200:
            raise self.fail((*path, "name"), "a source name is at most 200 characters")
        kinds = [k for k in KINDS if k in value]
        if len(kinds) != 1:
            found = f" (it has {', '.join(kinds)})" if kinds else ""
            raise self.fail(path, f"source {name!r} needs exactly one of {', '.join(KINDS)}{found}")
        kind = kinds[0]
        target = value[kind]
        if not isinstance(target, str) or not target.strip():
            raise self.fail((*path, kind), f"source {name!r}: {kind!r} must be a URL or path")
        target = target.strip()
        if kind in ("feed", "page", "sitemap") and not is_url(target):
            raise self.fail((*path, kind), f"source {name!r}: {kind!r} must be an http(s) URL, not {target!r}")
        if kind == "folder" and is_url(target):
            raise self.fail((*path, kind), f"source {name!r}: a folder is a local path, not a URL")
        if kind in ("folder", "pdf") and not is_url(target):
            target = str((self.base / Path(target).expanduser()).resolve())
        every = DEFAULT_EVERY
        if "every" in value:
            parsed = parse_duration(value["every"])
            if parsed is None:
                raise self.fail(
                    (*path, "every"),
                    f"source {name!r}: every {value['every']!r} is not a duration (like 30s, 15m, 6h, 1d)",
                )
            every = parsed
        max_links = value.get("max_links", 20)
        if not isinstance(max_links, int) or isinstance(max_links, bool) or not 1 <= max_links <= 10_000:
            raise self.fail((*path, "max_links"), f"source {name!r}: max_links must be a whole number from 1 to 10000")
        match = value.get("match")
        if match is not None:
            if not isinstance(match, str):
                raise self.fail((*path, "match"), f"source {name!r}: match must be a regular expression")
            try:
                re.compile(match)
            except re.error as exc:
                raise self.fail(
                    (*path, "match"), f"source {name!r}: match is not a regular expression ({exc})"
                ) from None
        full_text = value.get("full_text", False)
        if not isinstance(full_text, bool):
            raise self.fail((*path, "full_text"), f"source {name!r}: full_text must be true or false")
        for key, kinds_ok in (
            ("max_links", ("page", "sitemap")),
            ("match", ("page", "sitemap")),
            ("full_text", ("feed",)),
        ):
            if key in value and kind not in kinds_ok:
                raise self.fail(
                    (*path, key), f"source {name!r}: {key} applies to {' and '.join(kinds_ok)} sources only"
                )
        return Source(name, kind, target, every, max_links, match, full_text, _line(self.root, path))


def _hint(key: object, known: Any) -> str:
    close = difflib.get_close_matches(str(key), [str(k) for k in known], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _line(node: yaml.Node | None, path: tuple[object, ...]) -> int | None:
    """The line (1-based) of the value at ``path`` in the composed YAML, or of the nearest
    enclosing node that exists; a mapping key's own line for the last key of the path."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                    line = k.start_mark.line + 1
                    node = v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
