"""The store on a real PostgreSQL server: same schema, same writes, same reads as SQLite."""

from __future__ import annotations

import pytest

from newsgraph.records import Document, Entity, Extraction, Mention
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from newsgraph.store import extractions as record_store


def _extraction(doc_id: str, text: str, key: str | None = None) -> Extraction:
    start = text.index("Lagos")
    doc = Document(id=doc_id, text=text, source="NWS", published="2026-02-20", key=key or doc_id)
    return Extraction(
        document=doc,
        mentions=(Mention(id="m1", start=start, end=start + 5, text="Lagos", type="GPE", entity="e1"),),
        entities=(Entity(id="e1", name="Lagos", kind="place", mentions=("m1",)),),
    )


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Dock workers walked off the job in Lagos on Friday."])
def test_postgresql_store_round_trip_search_and_versions(postgresql_url: str, text: str) -> None:
    with Store.open(postgresql_url) as store:
        first = store.save(_extraction("pg-1", text))
        again = store.save(_extraction("pg-1", text))
        changed = store.save(_extraction("pg-1", text.replace("Friday", "Saturday")))
        assert (first.status, again.status, changed.status) == ("new", "unchanged", "version")
        assert record_store.load_extraction(store.engine, "pg-1") == _extraction("pg-1", text)
        assert [r["id"] for r in doc_store.search(store.engine, "dock workers")] == [changed.id]
        assert doc_store.summary(store.engine).documents == 1
    with Store.open(postgresql_url) as store:  # re-opening applies no migration twice
        assert doc_store.summary(store.engine).versions == 2
