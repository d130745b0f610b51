"""Cross-document entity resolution: the entities of every document linked to actors.

See ``newsgraph.resolve.resolver`` (the incremental algorithm over the store),
``newsgraph.resolve.decide`` (the rules), ``newsgraph.resolve.forms`` (names and blocking keys)
and ``newsgraph.resolve.ties`` (the network's evidence, per document).
"""

from newsgraph.resolve.resolver import (
    ResolveReport,
    pending_documents,
    rebuild,
    record_merge,
    record_split,
    resolve_documents,
    resolve_in,
    resolve_pending,
)

__all__ = [
    "ResolveReport",
    "pending_documents",
    "rebuild",
    "record_merge",
    "record_split",
    "resolve_documents",
    "resolve_in",
    "resolve_pending",
]
