"""newsgraph: turn news articles into a sourced, queryable knowledge graph."""

from newsgraph.records import SCHEMA_ID, Document, Extraction

__version__ = "0.1.0"

__all__ = ["SCHEMA_ID", "Document", "Extraction", "__version__"]
