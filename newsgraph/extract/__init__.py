"""Extraction: pure functions from an annotated document to the contract's records."""

from newsgraph.extract.core import extract

__all__ = ["extract"]
