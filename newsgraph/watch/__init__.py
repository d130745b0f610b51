"""Monitoring: ``newsgraph watch`` follows feeds, pages of links, sitemaps, folders and PDF
reports listed in a ``watch.yaml``, and ingests what is new (see :mod:`newsgraph.watch.loop`)."""

from newsgraph.watch.config import Source, WatchConfig, load_config, parse_config, parse_duration
from newsgraph.watch.loop import AfterIngest, CycleReport, SourceReport, Watcher

__all__ = [
    "AfterIngest",
    "CycleReport",
    "Source",
    "SourceReport",
    "WatchConfig",
    "Watcher",
    "load_config",
    "parse_config",
    "parse_duration",
]
