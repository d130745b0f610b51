"""``ingest()`` takes documents: any edge (files, feeds, the web API) feeds it the same way."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import make_document
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from tests.actor_records import fresh_database

TEXT = "Kabul, March 3 (IANS) The Taliban attacked a police post in Kandahar on Monday, officials said."


def test_ingest_takes_documents_and_reports_the_failures_among_them(tmp_path: Path) -> None:
    failed: list[InputError] = []
    items = [
        make_document(TEXT, id="made-1"),
        InputError("feed.xml#3", "not well-formed XML"),
        make_document(TEXT.replace("Monday", "Tuesday"), id="made-2"),
        make_document(TEXT, id="made-1-again"),  # the same words: recognised, not stored twice
    ]
    with Store.open(tmp_path / "s.db") as store:
        report = ingest(items, store, on_failure=failed.append)
        assert (report.new, report.unchanged, report.failed) == (2, 1, 1)
        assert [f.origin for f in failed] == ["feed.xml#3"]
        assert {d["id"] for d in doc_store.list_documents(store.engine, limit=10)} == {"made-1", "made-2"}


def test_ingest_refuses_paths_with_a_pointer_to_the_reader(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store, pytest.raises(TypeError, match="read_inputs"):
        ingest(["samples/"], store)  # type: ignore[list-item]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
@pytest.mark.parametrize("bad_text", [TEXT + " " + "x" * 8192 + "\x00"], ids=["nul-after-8KiB"])
def test_a_document_the_store_refuses_fails_alone_and_the_run_goes_on(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str, bad_text: str
) -> None:
    if backend == "postgresql":
        db: str | Path = fresh_database(request.getfixturevalue("postgresql_url"), f"pipeline_{uuid.uuid4().hex[:8]}")
    else:
        db = tmp_path / "s.db"
    failed: list[InputError] = []
    items = [
        make_document(TEXT, id="first"),
        make_document(bad_text, id="with-nul", origin="feed.jsonl#2"),
        make_document(TEXT.replace("Monday", "Tuesday"), id="x" * 250),  # an id longer than the column
    ]
    with Store.open(db) as store:
        report = ingest(items, store, on_failure=failed.append, batch_size=8)
        assert (report.new, report.failed) == (2, 1)
        assert [str(f) for f in failed] == [
            "feed.jsonl#2: its text holds a NUL character (at offset 8288), which a store cannot keep"
        ]
        ids = {d["id"] for d in doc_store.list_documents(store.engine, limit=10)}
        assert "first" in ids and len(ids) == 2 and all(len(i) <= 200 for i in ids)
