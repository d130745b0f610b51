"""Ingest: read inputs into :class:`~newsgraph.records.Document` records (the only stage, with
the store, that touches files)."""

from newsgraph.ingest.document import content_hash, make_document, normalise_text
from newsgraph.ingest.readers import ReadOptions, discover, is_url, read_fetched, read_inputs, read_path, read_record

__all__ = [
    "ReadOptions",
    "content_hash",
    "discover",
    "is_url",
    "make_document",
    "normalise_text",
    "read_fetched",
    "read_inputs",
    "read_path",
    "read_record",
]
