"""The store under bad input, on SQLite and on a real PostgreSQL server: a document the database
refuses fails alone, with one line naming it and why, and the rest of its batch is stored; ids
and keys longer than their columns are shortened predictably."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from newsgraph.errors import InputError
from newsgraph.records import Document, Entity, Extraction, Mention, Place
from newsgraph.store import Saved, Store
from newsgraph.store import documents as doc_store
from newsgraph.store import extractions as record_store
from newsgraph.store.store import engine_url, fitted

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


def _fresh_postgresql(server_url: str) -> str:
    """A new, empty database on the session's test server."""
    name = f"bad_input_{uuid.uuid4().hex[:8]}"
    engine = create_engine(engine_url(server_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        target = _fresh_postgresql(request.getfixturevalue("postgresql_url"))
    else:
        target = str(tmp_path / "bad.db")
    with Store.open(target) as s:
        yield s


def doc(text: str, id: str, **meta: str | None) -> Extraction:
    return Extraction(document=Document(id=id, text=text, **meta))  # type: ignore[arg-type]


def stored_ids(store: Store) -> set[str]:
    return {d["id"] for d in doc_store.list_documents(store.engine, limit=100)}


def rows(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


LATER_NUL = doc("Port workers struck in Riga. " * 300 + "\x00 and more.", id="nul-late")  # past the first 8 KiB
TITLE_NUL = doc("Port workers struck in Riga.", id="nul-title", title="Strike\x00")
SURROGATE = doc("Port workers struck in \ud800 Riga.", id="surrogate")
CLASH = replace(  # two mentions with one id: the database's own unique key refuses it
    doc("Port workers struck in Riga.", id="clash"),
    mentions=(Mention("m1", 0, 4, "Port", "OTHER"), Mention("m1", 23, 27, "Riga", "GPE")),
)
OUT_OF_RANGE = replace(  # an integer no column takes (SQLite's driver and PostgreSQL refuse it)
    doc("Port workers struck in Riga.", id="huge"),
    entities=(Entity("e1", "Riga", "place", place=Place(lat=56.9, lon=24.1, country="LV", geonames_id=2**70)),),
)


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (LATER_NUL, r"its text holds a NUL character \(at offset 8700\)"),
        (TITLE_NUL, r"its title holds a NUL character"),
        (SURROGATE, r"its text holds a lone surrogate"),
        (CLASH, r"the store refused it: .*(unique|UNIQUE)"),
        (OUT_OF_RANGE, r"the store refused it: .*(out of range|too large)"),
    ],
    ids=["nul-after-8KiB", "nul-in-title", "lone-surrogate", "unique-key", "integer-out-of-range"],
)
def test_a_document_the_store_refuses_fails_alone_and_the_rest_of_the_batch_is_stored(
    store: Store, bad: Extraction, reason: str
) -> None:
    first = doc("Dock workers walked off the job in Lagos.", id="before")
    last = doc("Ferries were cancelled in Tallinn.", id="after")
    refused: list[InputError] = []
    saved = store.save_many([first, bad, last], on_refused=refused.append)
    assert [s.id for s in saved] == ["before", "after"]
    assert [e.origin for e in refused] == [bad.document.id]
    assert "\n" not in str(refused[0]) and re.search(reason, refused[0].reason)
    assert stored_ids(store) == {"before", "after"}
    for table in ("mentions", "entities"):
        assert rows(store, table) == 0  # nothing of the refused document is left


@pytest.mark.parametrize("bad", [CLASH], ids=["unique-key"])
def test_save_each_gives_each_outcome_in_place(store: Store, bad: Extraction) -> None:
    good = doc("Dock workers walked off the job in Lagos.", id="good")
    outcomes = store.save_each([bad, good])
    assert isinstance(outcomes[0], InputError) and outcomes[0].origin == "clash"
    assert outcomes[1] == Saved(id="good", status="new")


@pytest.mark.parametrize("bad", [LATER_NUL], ids=["nul-after-8KiB"])
def test_save_raises_the_refusal_of_its_one_document(store: Store, bad: Extraction) -> None:
    with pytest.raises(InputError, match=r"^nul-late: its text holds a NUL character"):
        store.save(bad)
    assert stored_ids(store) == set()


LONG_ID = "https://news.example.org/2026/02/20/" + "dock-workers-" * 20  # 296 characters


@pytest.mark.parametrize("long_id", [LONG_ID], ids=["296-characters"])
def test_an_id_longer_than_the_column_is_shortened_predictably(store: Store, long_id: str) -> None:
    assert len(long_id) > 200
    text = "Dock workers walked off the job in Lagos."
    first = store.save(doc(text, id=long_id))
    assert first == Saved(id=long_id[:183] + "~" + fitted(long_id, 200)[-16:], status="new")
    assert len(first.id) == 200 and first.id == fitted(long_id, 200)
    assert store.save(doc(text, id=long_id)).status == "unchanged"
    version = store.save(doc(text.replace("Lagos", "Accra"), id=long_id))
    assert version.status == "version" and len(version.id) == 200 and version.id != first.id
    other = store.save(doc("Ferries were cancelled in Tallinn.", id=long_id + "-2"))  # same 200 first characters
    assert other.status == "new" and len(other.id) == 200 and other.id not in (first.id, version.id)
    assert record_store.load_extraction(store.engine, version.id).document.text == text.replace("Lagos", "Accra")


@pytest.mark.parametrize("size", [1500], ids=["1500-characters"])
def test_a_key_longer_than_its_column_still_links_versions(store: Store, size: int) -> None:
    key = "https://news.example.org/story?" + "q" * size
    first = store.save(doc("Dock workers walked off the job in Lagos.", id="k1", key=key, source="S" * 300))
    second = store.save(doc("Dock workers walked off the job in Accra.", id="k1", key=key, source="S" * 300))
    assert (first.status, second.status) == ("new", "version")
    assert doc_store.summary(store.engine).documents == 1


# Properties (SQLite): whatever a document holds, it is stored or refused alone, and the store stays consistent

anything = st.text(st.characters(), min_size=1, max_size=60)  # NUL and lone surrogates included


@settings(max_examples=50, deadline=None)
@given(text=anything, id=anything, title=st.none() | anything, source=st.none() | anything)
def test_any_document_is_stored_or_refused_alone(tmp_path_factory: pytest.TempPathFactory, text: str, id: str,
                                                  title: str | None, source: str | None) -> None:  # fmt: skip
    db = tmp_path_factory.mktemp("any") / "any.db"
    odd = doc(text, id=id, title=title, source=source)
    good = doc(f"Dock workers walked off the job in Lagos, case {uuid.uuid4().hex}.", id="good")
    with Store.open(db) as store:
        outcomes = store.save_each([odd, good])
        assert isinstance(outcomes[1], Saved) and outcomes[1].status == "new"
        fields = text + id + (title or "") + (source or "")
        unstorable = "\x00" in fields or any(0xD800 <= ord(c) <= 0xDFFF for c in fields)
        assert isinstance(outcomes[0], InputError) == unstorable
        if isinstance(outcomes[0], InputError):
            assert outcomes[0].origin == id and "\n" not in outcomes[0].reason
            assert doc_store.summary(store.engine).documents == 1
        else:
            assert len(outcomes[0].id) <= 200
            assert doc_store.summary(store.engine).documents == 2
        assert rows(store, "documents") == rows(store, "documents_fts_docsize")


@settings(max_examples=200, deadline=None)
@given(value=st.text(st.characters(), max_size=400), other=st.text(st.characters(), max_size=400),
       limit=st.integers(20, 300))  # fmt: skip
def test_fitted_values_fit_are_stable_and_keep_long_values_apart(value: str, other: str, limit: int) -> None:
    short = fitted(value, limit)
    assert len(short) <= limit and short == fitted(value, limit)
    if len(value) <= limit:
        assert short == value
    else:
        assert short.startswith(value[: limit - 17]) and short[limit - 17] == "~"
    if value != other and len(value) > limit and len(other) > limit:
        assert short != fitted(other, limit)
