"""Fetch: polite, bounded HTTP for ``newsgraph ingest URL`` and ``newsgraph watch`` (the only
package that speaks HTTP to other sites)."""

from newsgraph.fetch.client import (
    ANY_DOCUMENT,
    FEED_TYPES,
    GZIP_TYPES,
    HTML_TYPES,
    PDF_TYPES,
    SITEMAP_TYPES,
    TEXT_TYPES,
    USER_AGENT,
    Fetched,
    Fetcher,
    FetchSettings,
    gunzip,
    is_gzip,
)

__all__ = [
    "ANY_DOCUMENT",
    "FEED_TYPES",
    "GZIP_TYPES",
    "HTML_TYPES",
    "PDF_TYPES",
    "SITEMAP_TYPES",
    "TEXT_TYPES",
    "USER_AGENT",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "gunzip",
    "is_gzip",
]
