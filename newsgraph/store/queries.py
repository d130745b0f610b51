"""The read queries under their former module: documents now live in
:mod:`newsgraph.store.documents`, extraction records in :mod:`newsgraph.store.extractions`.

Only re-exports, kept while callers move to the two modules.
"""

from newsgraph.store.documents import (
    Summary,
    document_row,
    list_documents,
    resolve_id,
    search,
    summary,
)
from newsgraph.store.extractions import (
    at_least,
    claim_speakers,
    claims,
    events,
    hidden_claims,
    hidden_events,
    hidden_relations,
    load_extraction,
    relations,
)

__all__ = [
    "Summary",
    "at_least",
    "claim_speakers",
    "claims",
    "document_row",
    "events",
    "hidden_claims",
    "hidden_events",
    "hidden_relations",
    "list_documents",
    "load_extraction",
    "relations",
    "resolve_id",
    "search",
    "summary",
]
