"""The store: migrations, WAL, round trips, idempotence, versions, full-text search, summary and
the queries across documents (on records built by hand)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from newsgraph.errors import BadRequest, InputError, NotFound, StoreError, StoreVersionError
from newsgraph.records import (
    Arg,
    Claim,
    Dateline,
    DateMention,
    Document,
    Entity,
    Event,
    EventDate,
    Extraction,
    Mention,
    Place,
    Relation,
    SentenceSpan,
    Span,
    Speaker,
)
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from newsgraph.store import extractions as record_store
from newsgraph.store.migrations import MIGRATIONS, migrate, schema_version


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "t.db") as s:
        yield s


def raw(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db)


def doc(text: str, id: str = "d1", **meta: str | None) -> Extraction:
    return Extraction(document=Document(id=id, text=text, **meta))  # type: ignore[arg-type]


# Migrations and pragmas


def test_migrations_apply_once_and_reopening_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    Store.open(db).close()
    Store.open(db).close()
    with Store.open(db) as s, s.engine.begin() as conn:
        assert migrate(conn) == []
    with raw(db) as conn:
        rows = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    assert {"documents", "mentions", "entities", "dates", "claims", "events", "event_args", "relations"} <= tables
    assert "documents_fts" in tables


def test_data_survives_reopening(tmp_path: Path) -> None:
    db = tmp_path / "keep.db"
    with Store.open(db) as s:
        s.save(doc("Rain fell on Oslo for a week."))
    with Store.open(db) as s:
        assert doc_store.summary(s.engine).documents == 1


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with Store.open(db) as s, s.engine.begin() as conn:
        conn.execute(insert(schema_version).values(version=MIGRATIONS[-1].version + 1, description="x", applied_at="t"))
    with pytest.raises(StoreVersionError, match="upgrade newsgraph"):
        Store.open(db)


def test_wal_mode_is_on(tmp_path: Path) -> None:
    db = tmp_path / "wal.db"
    with Store.open(db) as s:
        s.save(doc("Wind turbines were installed off the coast of Jutland."))
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with raw(db) as conn:  # WAL is a property of the file: another connection sees it too
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_opening_a_missing_store_without_create_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newsgraph ingest"):
        Store.open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not a sqlite database at all" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(db)


def _locked_at_first(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """Make the first ``times`` connections to a SQLite store fail as SQLite does when two
    processes deadlock creating one file: "database is locked" at once, without waiting."""
    from newsgraph.store import store as store_module

    real = store_module._sqlite_pragmas
    calls: list[int] = []

    def pragmas(dbapi_conn: object, record: object) -> None:
        calls.append(1)
        if len(calls) <= times:
            raise sqlite3.OperationalError("database is locked")
        real(dbapi_conn, record)

    monkeypatch.setattr(store_module, "_sqlite_pragmas", pragmas)
    return calls


def test_opening_retries_while_another_process_holds_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _locked_at_first(monkeypatch, times=3)
    with Store.open(tmp_path / "shared.db") as store:
        assert doc_store.summary(store.engine).documents == 0
    assert len(calls) >= 4


def test_opening_a_store_locked_for_good_gives_up_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.store import store as store_module

    monkeypatch.setattr(store_module, "OPEN_PATIENCE_S", 0.3)
    calls = _locked_at_first(monkeypatch, times=10_000)
    with pytest.raises(StoreError, match=r"cannot open the store .*shared\.db: database is locked"):
        Store.open(tmp_path / "shared.db")
    assert 2 <= len(calls) < 100


# Round trip: a property over generated extractions with consistent offsets

MENTION_TYPES = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "OTHER"]
KINDS = ["person", "organization", "state", "place", "group", "igo", "media", "other"]
MODALITIES = ["asserted", "hedged", "speculative", "negated", "question"]
storable = st.characters(codec="utf-8", exclude_characters="\x00")
"""Any character a store keeps: every one but NUL (refused on every store, tested below)."""
words = st.text(storable, min_size=0, max_size=12)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    text = draw(st.text(storable, min_size=1, max_size=120))
    n = len(text)

    def span_bounds() -> tuple[int, int]:
        start = draw(st.integers(0, n))
        return start, draw(st.integers(start, n))

    def span() -> Span:
        s, e = span_bounds()
        return Span(s, e, text[s:e])

    n_ent = draw(st.integers(0, 4))
    entity_ids = [f"e{k}" for k in range(1, n_ent + 1)]
    maybe_entity = st.sampled_from([None, *entity_ids])

    def arg() -> Arg:
        s, e = span_bounds()
        return Arg(s, e, text[s:e], draw(maybe_entity))

    mentions = []
    for k in range(1, draw(st.integers(0, 6)) + 1):
        s, e = span_bounds()
        mentions.append(Mention(f"m{k}", s, e, text[s:e], draw(st.sampled_from(MENTION_TYPES)), draw(maybe_entity)))
    mention_ids = [m.id for m in mentions]
    finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-180, max_value=180)
    places = st.none() | st.builds(
        Place,
        lat=finite,
        lon=finite,
        country=st.none() | st.sampled_from(["KE", "LV", "PH"]),
        geonames_id=st.none() | st.integers(1, 10**8),
        feature=st.none() | st.sampled_from(["PPLC", "PCLI", "RGN"]),
    )
    entities = [
        Entity(
            id=eid,
            name=draw(words),
            kind=draw(st.sampled_from(KINDS)),
            aliases=tuple(draw(st.lists(words, max_size=3))),
            mentions=tuple(draw(st.lists(st.sampled_from(mention_ids), max_size=3, unique=True)))
            if mention_ids
            else (),
            place=draw(places),
            attributes=draw(st.dictionaries(st.sampled_from(["role", "nationality", "title"]), words, max_size=2)),
        )
        for eid in entity_ids
    ]
    dates = []
    for _ in range(draw(st.integers(0, 3))):
        s, e = span_bounds()
        dates.append(
            DateMention(
                s,
                e,
                text[s:e],
                draw(st.sampled_from([None, "2026", "2026-01", "2026-01-27"])),
                draw(st.sampled_from(["year", "month", "day", "other"])),
            )
        )
    claims = []
    for k in range(1, draw(st.integers(0, 3)) + 1):
        s, e = span_bounds()
        speaker = None
        if draw(st.booleans()):
            ss, se = span_bounds()
            speaker = Speaker(ss, se, text[ss:se], draw(maybe_entity))
        claims.append(
            Claim(
                id=f"c{k}",
                start=s,
                end=e,
                text=text[s:e],
                kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
                speaker=speaker,
                cue=span() if draw(st.booleans()) else None,
                modality=draw(st.sampled_from(MODALITIES)),
                reported_by=draw(maybe_entity),
            )
        )
    maybe_claim = st.sampled_from([None, *[c.id for c in claims]])
    events = []
    for k in range(1, draw(st.integers(0, 3)) + 1):
        ss, se = span_bounds()
        ds, de = span_bounds()
        events.append(
            Event(
                id=f"v{k}",
                type=draw(st.sampled_from(["CONSULT", "AGREE", "ASSAULT", "ESTABLISH"])),
                mode=draw(st.none() | st.sampled_from(["visit", "meet"])),
                cameo=draw(st.none() | st.sampled_from(["040", "057"])),
                trigger=span(),
                sentence=SentenceSpan(ss, se),
                source=tuple(arg() for _ in range(draw(st.integers(0, 2)))),
                target=tuple(arg() for _ in range(draw(st.integers(0, 2)))),
                participants=tuple(arg() for _ in range(draw(st.integers(0, 2)))),
                date=EventDate(ds, de, draw(st.sampled_from([None, "2025-02-05"]))) if draw(st.booleans()) else None,
                location=arg() if draw(st.booleans()) else None,
                modality=draw(st.sampled_from([*MODALITIES, "planned"])),
                claim=draw(maybe_claim),
            )
        )
    relations = []
    for k in range(1, draw(st.integers(0, 3)) + 1):
        es, ee = span_bounds()
        relations.append(
            Relation(
                id=f"r{k}",
                type=draw(st.sampled_from(["member_of", "leads", "allied_with"])),
                subject=arg(),
                object=arg(),
                evidence=SentenceSpan(es, ee),
                modality=draw(st.sampled_from(MODALITIES)),
                claim=draw(maybe_claim),
            )
        )
    dateline = None
    if draw(st.booleans()):
        s, e = span_bounds()
        dateline = Dateline(place=draw(st.none() | words), agency=draw(st.none() | words), start=s, end=e)
    document = Document(
        id=draw(st.text("abcdef0123456789-", min_size=1, max_size=20)),
        text=text,
        title=draw(st.none() | words),
        url=draw(st.none() | st.just("https://example.org/x")),
        source=draw(st.none() | words),
        published=draw(st.none() | st.just("2026-01-27")),
        dateline=dateline,
    )
    return Extraction(
        document=document,
        mentions=tuple(mentions),
        entities=tuple(entities),
        dates=tuple(dates),
        claims=tuple(claims),
        events=tuple(events),
        relations=tuple(relations),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=extractions())
def test_save_then_load_gives_back_equal_records(x: Extraction) -> None:
    with Store.open("sqlite://") as s:  # in memory: the same schema, quicker than a file per example
        saved = s.save(x)
        assert saved.status == "new"
        assert saved.id == x.document.id
        loaded = record_store.load_extraction(s.engine, x.document.id)
    assert loaded == replace(x, document=replace(x.document, key=x.document.id))  # the key defaults to the id
    assert loaded.to_dict() == x.to_dict()


def test_store_only_fields_are_kept_in_the_row_but_not_in_the_contract(store: Store) -> None:
    x = doc("Rain in Oslo.", origin="in/oslo.txt", slug="–NWS\nab/cd", key="in/oslo.txt")
    store.save(x)
    row = doc_store.document_row(store.engine, "d1")
    assert (row["origin"], row["slug"], row["key"], row["words"], row["version"]) == (
        "in/oslo.txt",
        "–NWS\nab/cd",
        "in/oslo.txt",
        3,
        1,
    )
    loaded = record_store.load_extraction(store.engine, "d1")
    assert loaded.document == x.document
    assert loaded.to_dict()["document"] == {
        "id": "d1",
        "title": None,
        "url": None,
        "source": None,
        "published": None,
        "dateline": None,
        "text": "Rain in Oslo.",
    }


# Idempotence and versions


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_the_same_document_twice_is_stored_once(store: Store) -> None:
    x = replace(
        doc("Kenya and Ethiopia agreed on a commission."),
        mentions=(Mention("m1", 0, 5, "Kenya", "GPE", "e1"),),
        entities=(Entity("e1", "Kenya", "state", mentions=("m1",)),),
    )
    first = store.save(x)
    second = store.save(x)
    again = store.save(replace(x, document=replace(x.document, id="other-id", key="elsewhere")))
    assert first.status == "new"
    assert (second.status, second.id) == ("unchanged", first.id)
    assert (again.status, again.id) == ("unchanged", first.id)
    assert (count(store, "documents"), count(store, "mentions"), count(store, "entities")) == (1, 1, 1)


def test_whitespace_only_changes_are_the_same_document(store: Store) -> None:
    store.save(doc("Kenya and Ethiopia agreed.", key="k"))
    assert store.save(doc("Kenya  and\nEthiopia agreed.", key="k")).status == "unchanged"
    assert count(store, "documents") == 1


def test_a_changed_document_under_the_same_key_is_a_new_version_linked_to_the_old(store: Store) -> None:
    v1 = store.save(doc("The bridge will reopen in May.", id="story-7", key="feed:story-7"))
    v2 = store.save(doc("The bridge will reopen in June.", id="story-7", key="feed:story-7"))
    v3 = store.save(doc("The bridge reopened on 2 June.", id="story-7", key="feed:story-7"))
    assert [v.status for v in (v1, v2, v3)] == ["new", "version", "version"]
    assert [v.id for v in (v1, v2, v3)] == ["story-7", "story-7@v2", "story-7@v3"]
    rows = {r["id"]: r for r in (doc_store.document_row(store.engine, v.id) for v in (v1, v2, v3))}
    assert [(rows[v.id]["version"], rows[v.id]["previous_id"], rows[v.id]["current"]) for v in (v1, v2, v3)] == [
        (1, None, False),
        (2, "story-7", False),
        (3, "story-7@v2", True),
    ]
    s = doc_store.summary(store.engine)
    assert (s.documents, s.versions) == (1, 3)
    assert [r["id"] for r in doc_store.list_documents(store.engine)] == ["story-7@v3"]
    assert len(doc_store.list_documents(store.engine, all_versions=True)) == 3
    assert record_store.load_extraction(store.engine, "story-7@v3").document.id == "story-7@v3"


def test_a_new_version_with_a_hashed_id_keeps_its_own_id(store: Store) -> None:
    first = store.save(doc("Text one about a dam.", id="aaaa", key="path/a.txt"))
    second = store.save(doc("Text two about a dam.", id="bbbb", key="path/a.txt"))
    assert (second.status, second.id) == ("version", "bbbb")
    assert doc_store.document_row(store.engine, "bbbb")["previous_id"] == first.id


def test_two_texts_with_the_same_id_under_different_keys_are_kept_apart(store: Store) -> None:
    a = store.save(doc("The first text about a harbour.", id="same", key="file-a.jsonl:1"))
    b = store.save(doc("The second text about a lighthouse.", id="same", key="file-b.jsonl:1"))
    assert (a.status, b.status) == ("new", "new")
    assert a.id == "same" and b.id.startswith("same@") and b.id != a.id
    assert count(store, "documents") == 2


def test_records_of_a_renamed_version_follow_its_new_id(store: Store) -> None:
    base = doc("Oslo was wet.", id="n1", key="k")
    store.save(base)
    x = replace(
        doc("Oslo was dry.", id="n1", key="k"),
        mentions=(Mention("m1", 0, 4, "Oslo", "GPE", None),),
    )
    saved = store.save(x)
    assert saved.id == "n1@v2"
    loaded = record_store.load_extraction(store.engine, "n1@v2")
    assert [m.text for m in loaded.mentions] == ["Oslo"]
    assert record_store.load_extraction(store.engine, "n1").mentions == ()


def test_known_hashes(store: Store) -> None:
    from newsgraph.ingest import content_hash

    store.save(doc("Stored text."))
    assert store.known_hashes([content_hash("Stored text."), content_hash("Other text.")]) == {
        content_hash("Stored text.")
    }
    assert store.known_hashes([]) == set()


@pytest.mark.parametrize("clash", [(Mention("m1", 0, 1, "A", "OTHER"), Mention("m1", 2, 5, "bad", "OTHER"))])
def test_a_refused_document_leaves_nothing_and_the_rest_of_its_batch_is_stored(
    store: Store, clash: tuple[Mention, ...]
) -> None:
    good = doc("A good document about Riga.", id="g1")
    bad = replace(doc("A bad document with two mentions of one id.", id="b1"), mentions=clash)
    with pytest.raises(InputError, match=r"^b1: the store refused it: UNIQUE constraint failed"):
        store.save_many([good, bad])
    assert count(store, "documents") == 1
    assert count(store, "documents_fts_docsize") == 1
    assert count(store, "mentions") == 0


@pytest.mark.parametrize("fault", ["disk I/O error"])
def test_a_failing_store_rolls_the_whole_batch_back(store: Store, monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    from sqlalchemy.exc import OperationalError

    from newsgraph.store import store as store_module

    real = store_module._save

    def second_fails(conn: Any, x: Extraction) -> Any:
        if x.document.id == "b1":
            raise OperationalError("INSERT", {}, sqlite3.OperationalError(fault))
        return real(conn, x)

    monkeypatch.setattr(store_module, "_save", second_fails)
    with pytest.raises(StoreError, match=f"^could not write to the store: {fault}$"):
        store.save_many([doc("A good document about Riga.", id="g1"), doc("Another one.", id="b1")])
    assert count(store, "documents") == 0
    assert count(store, "documents_fts_docsize") == 0


# Full-text search


@pytest.fixture
def searchable(store: Store) -> Store:
    store.save(doc("Kenya and Ethiopia agreed on the Omo river commission.", id="omo", title="Water deal"))
    store.save(doc("The ferry to São Tomé was delayed by storms.", id="ferry", title="Ferry delayed"))
    store.save(doc("Locked Shields drill gathers 2,000 specialists.", id="drill", title="Cyber drill"))
    return store


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("Ethiopia", ["omo"]),
        ("ethiopia", ["omo"]),
        ("commission", ["omo"]),
        ("Sao Tome", ["ferry"]),  # diacritics ignored
        ("delayed", ["ferry"]),
        ("Water", ["omo"]),  # title
        ("Ethiopia OR storms", ["ferry", "omo"]),
        ('"Locked Shields"', ["drill"]),
        ("Mongolia", []),
    ],
)
def test_search_finds_words(searchable: Store, query: str, ids: list[str]) -> None:
    rows = doc_store.search(searchable.engine, query)
    assert sorted(r["id"] for r in rows) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ('"unbalanced quote', []),
        ("AND OR", []),
        ("ferry(", ["ferry"]),
        ("Locked Shields -", ["drill"]),
        ("2,000", ["drill"]),
        ("São Tomé:", ["ferry"]),
        ("NEAR(", []),
        ("*", []),
    ],
)
def test_search_survives_fts_syntax_errors(searchable: Store, query: str, ids: list[str]) -> None:
    rows = doc_store.search(searchable.engine, query)
    assert sorted(r["id"] for r in rows) == ids


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_search_is_a_bad_request(searchable: Store, query: str) -> None:
    with pytest.raises(BadRequest):
        doc_store.search(searchable.engine, query)


def test_search_gives_a_snippet_and_only_current_versions(store: Store) -> None:
    store.save(doc("The bridge will reopen in May.", id="b", key="k"))
    store.save(doc("The bridge will reopen in June.", id="b", key="k"))
    rows = doc_store.search(store.engine, "bridge")
    assert [r["id"] for r in rows] == ["b@v2"]
    assert "[bridge]" in rows[0]["snippet"]
    assert doc_store.search(store.engine, "May") == []


# Summary, listing, ids


def test_summary_counts(store: Store) -> None:
    store.save(doc("One two three.", id="a", source="NWS", published="2026-01-09"))
    store.save(doc("Four five.", id="b", source="NWS", published="2026-03-14"))
    store.save(doc("Six.", id="c", published=None))
    store.save(doc("Six seven eight nine.", id="c", key="c", source="AP", published="2025-12-31"))
    store.save(hand_built())
    s = doc_store.summary(store.engine)
    assert (s.documents, s.versions) == (4, 5)
    assert s.words == 3 + 2 + 4 + len(hand_built().document.text.split())
    assert s.sources == {"NWS": 3, "AP": 1}
    assert (s.first, s.last) == ("2025-12-31", "2026-03-14")
    assert (s.entities, s.claims, s.events, s.relations) == (4, 2, 2, 2)


def test_summary_of_an_empty_store(store: Store) -> None:
    s = doc_store.summary(store.engine)
    assert (s.documents, s.versions, s.words, s.sources, s.first, s.last) == (0, 0, 0, {}, None, None)


def test_list_documents_newest_first_with_paging_and_source(store: Store) -> None:
    for k, day in enumerate(["2026-01-01", "2026-01-03", "2026-01-02"]):
        store.save(doc(f"Document number {k}.", id=f"d{k}", published=day, source="AP" if k else "NWS"))
    assert [r["id"] for r in doc_store.list_documents(store.engine)] == ["d1", "d2", "d0"]
    assert [r["id"] for r in doc_store.list_documents(store.engine, limit=1, offset=1)] == ["d2"]
    assert [r["id"] for r in doc_store.list_documents(store.engine, source="nws")] == ["d0"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [("abc123", "abc123"), ("abc1", "abc123"), ("xyz", "xyz_9"), ("xyz_", "xyz_9")],
)
def test_resolve_id_from_an_id_or_a_unique_prefix(store: Store, key: str, expected: str) -> None:
    for i in ("abc123", "abd456", "xyz_9"):
        store.save(doc(f"Text of {i}.", id=i))
    assert doc_store.document_id_for(store.engine, key) == expected


@pytest.mark.parametrize(("key", "error"), [("ab", BadRequest), ("zzz", NotFound), ("%", NotFound), ("_", NotFound)])
def test_resolve_id_refuses_ambiguous_and_unknown_keys(store: Store, key: str, error: type[Exception]) -> None:
    for i in ("abc123", "abd456"):
        store.save(doc(f"Text of {i}.", id=i))
    with pytest.raises(error):
        doc_store.document_id_for(store.engine, key)


def test_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="newsgraph documents"):
        record_store.load_extraction(store.engine, "nope")


# Queries across documents on hand-built records

TEXT = (
    "Amina Wekesa, Kenya's water minister, said the commission would meet in Nairobi. "
    "Kenya and Ethiopia signed the accord in Addis Ababa on 3 March 2026. "
    "Ethiopia is a member of the African Union, the agency reported."
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _arg(text: str, part: str, entity: str | None, after: int = 0) -> Arg:
    s, e = _span(text, part, after)
    return Arg(s, e, part, entity)


def hand_built(doc_id: str = "hb1", published: str = "2026-03-04") -> Extraction:
    t = TEXT
    s1 = SentenceSpan(0, t.index("Kenya and") - 1)
    s2 = SentenceSpan(t.index("Kenya and"), t.index("Ethiopia is") - 1)
    s3 = SentenceSpan(t.index("Ethiopia is"), len(t))
    k2 = t.index("Kenya and")
    mentions = (
        Mention("m1", *_span(t, "Amina Wekesa"), "Amina Wekesa", "PERSON", "e1"),
        Mention("m2", *_span(t, "Kenya"), "Kenya", "GPE", "e2"),
        Mention("m3", *_span(t, "Nairobi"), "Nairobi", "GPE", "e4"),
        Mention("m4", *_span(t, "Kenya", k2), "Kenya", "GPE", "e2"),
        Mention("m5", *_span(t, "Ethiopia"), "Ethiopia", "GPE", "e3"),
    )
    entities = (
        Entity("e1", "Amina Wekesa", "person", mentions=("m1",), attributes={"role": "water minister"}),
        Entity("e2", "Kenya", "state", aliases=("Kenyan",), mentions=("m2", "m4"), place=Place(0.0, 38.0, "KE")),
        Entity("e3", "Ethiopia", "state", mentions=("m5",)),
        Entity("e4", "Nairobi", "place", mentions=("m3",), place=Place(-1.28, 36.82, "KE", 184745, "PPLC")),
    )
    said = _span(t, "said")
    content = _span(t, "the commission would meet in Nairobi")
    claims = (
        Claim(
            "c1",
            *content,
            t[content[0] : content[1]],
            "indirect",
            Speaker(*_span(t, "Amina Wekesa"), "Amina Wekesa", "e1"),
            Span(*said, "said"),
            "speculative",
        ),
        Claim(
            "c2",
            s3.start,
            t.index(", the agency"),
            t[s3.start : t.index(", the agency")],
            "indirect",
            Speaker(*_span(t, "the agency"), "the agency", None),
            Span(*_span(t, "reported"), "reported"),
            "asserted",
        ),
    )
    events = (
        Event(
            "v1",
            "AGREE",
            "sign",
            "057",
            Span(*_span(t, "signed"), "signed"),
            s2,
            source=(_arg(t, "Kenya", "e2", k2), _arg(t, "Ethiopia", "e3")),
            date=EventDate(*_span(t, "3 March 2026"), "2026-03-03"),
            location=_arg(t, "Addis Ababa", None),
        ),
        Event(
            "v2",
            "CONSULT",
            "meet",
            "040",
            Span(*_span(t, "meet"), "meet"),
            s1,
            participants=(_arg(t, "Amina Wekesa", "e1"),),
            location=_arg(t, "Nairobi", "e4"),
            modality="planned",
            claim="c1",
        ),
    )
    relations = (
        Relation(
            "r1", "member_of", _arg(t, "Ethiopia", "e3", s3.start), _arg(t, "African Union", None), s3, claim="c2"
        ),
        Relation("r2", "has_role", _arg(t, "Amina Wekesa", "e1"), _arg(t, "water minister", None), s1),
    )
    def rated(records: tuple[Any, ...]) -> tuple[Any, ...]:  # every record of the contract has a confidence
        return tuple(replace(r, confidence=0.9) for r in records)

    return Extraction(
        document=Document(id=doc_id, text=t, title="Omo accord", source="NWS", published=published),
        mentions=mentions,
        entities=rated(entities),
        claims=rated(claims),
        events=rated(events),
        relations=rated(relations),
    )


def test_hand_built_extraction_is_valid() -> None:
    from newsgraph.contract import problems

    assert problems(hand_built().to_dict()) == []


@pytest.fixture
def graph(store: Store) -> Store:
    store.save(hand_built())
    return store


@pytest.mark.parametrize(
    ("speaker", "about", "ids"),
    [
        (None, None, ["c1", "c2"]),
        ("Wekesa", None, ["c1"]),
        ("amina", None, ["c1"]),
        ("Kenyan", None, []),
        ("agency", None, ["c2"]),
        (None, "African Union", ["c2"]),
        ("Wekesa", "commission", ["c1"]),
        ("Wekesa", "African", []),
        ("%", None, []),
        ("_", None, []),
        (None, "\\c", []),
        ("Wekesa\\", None, []),
    ],
)
def test_claims_by_speaker_and_subject(graph: Store, speaker: str | None, about: str | None, ids: list[str]) -> None:
    rows = record_store.claims(graph.engine, speaker=speaker, about=about)
    assert [r["id"] for r in rows] == ids
    for r in rows:
        assert r["published"] == "2026-03-04"
        if r["id"] == "c1":
            assert r["speaker_name"] == "Amina Wekesa"


def test_claims_by_speaker_alias(store: Store) -> None:
    x = hand_built()
    entities = tuple(replace(e, aliases=("Minister Wekesa", "AW")) if e.id == "e1" else e for e in x.entities)
    store.save(replace(x, entities=entities))
    assert [r["id"] for r in record_store.claims(store.engine, speaker="Minister Wekesa")] == ["c1"]


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({}, ["v1", "v2"]),
        ({"type": "agree"}, ["v1"]),
        ({"type": "CONSULT"}, ["v2"]),
        ({"type": "ASSAULT"}, []),
        ({"actor": "Ethiopia"}, ["v1"]),
        ({"actor": "wekesa"}, ["v2"]),
        ({"where": "Addis"}, ["v1"]),
        ({"where": "Nairobi"}, ["v2"]),
        ({"where": "Ethiopia"}, []),
        ({"since": "2026"}, ["v1"]),
        ({"since": "2026-03-04"}, []),
        ({"type": "AGREE", "actor": "Kenya", "where": "Addis Ababa", "since": "2026-03"}, ["v1"]),
    ],
)
def test_events_filters(graph: Store, filters: dict[str, str], ids: list[str]) -> None:
    rows = record_store.events(graph.engine, **filters)  # type: ignore[arg-type]
    assert [r["id"] for r in rows] == ids
    for r in rows:
        s = r["sentence"]
        assert r["sentence_text"] == TEXT[s["start"] : s["end"]]
        assert r["outlet"] == "NWS"


@pytest.mark.parametrize(
    ("actor", "type", "ids"),
    [
        (None, None, ["r1", "r2"]),
        ("Ethiopia", None, ["r1"]),
        ("african union", None, ["r1"]),
        ("Wekesa", None, ["r2"]),
        (None, "has_role", ["r2"]),
        ("Ethiopia", "has_role", []),
    ],
)
def test_relations_filters(graph: Store, actor: str | None, type: str | None, ids: list[str]) -> None:
    rows = record_store.relations(graph.engine, actor=actor, type=type)
    assert [r["id"] for r in rows] == ids
    for r in rows:
        e = r["evidence"]
        assert r["sentence_text"] == TEXT[e["start"] : e["end"]]


def test_queries_see_only_current_versions(store: Store) -> None:
    old = hand_built("hb1")
    store.save(replace(old, document=replace(old.document, key="omo")))
    new_text = TEXT.replace("the agency reported", "the agency wrote.")
    newer = Extraction(document=Document(id="hb1", text=new_text, key="omo"))
    assert store.save(newer).status == "version"
    assert record_store.claims(store.engine) == []
    assert record_store.events(store.engine) == []
    assert record_store.relations(store.engine) == []
    assert doc_store.summary(store.engine).claims == 0


def test_claim_speakers(graph: Store) -> None:
    assert record_store.claim_speakers(graph.engine, "hb1") == {"c1": "Amina Wekesa", "c2": "the agency"}


def test_paging_of_queries(store: Store) -> None:
    store.save(hand_built("a", "2026-03-05"))
    store.save(replace(hand_built("b", "2026-03-01"), document=replace(hand_built("b").document, text=TEXT + " ")))
    # the second text differs only in white space: stored once
    assert count(store, "documents") == 1
    rows = record_store.claims(store.engine, limit=1, offset=1)
    assert [(r["document"], r["id"]) for r in rows] == [("a", "c2")]


@pytest.mark.parametrize(
    ("target", "printed"),
    [
        ("postgresql://analyst:s3cret@db.example:5432/news", "postgresql://analyst:***@db.example:5432/news"),
        ("postgresql://analyst@db.example/news", "postgresql://analyst@db.example/news"),
        ("newsgraph.db", "newsgraph.db"),
    ],
)
def test_a_store_url_is_printed_without_its_password(target: str, printed: str) -> None:
    from newsgraph.store import shown

    assert shown(target) == printed


@pytest.mark.parametrize(
    ("value", "escaped"),
    [("plain", "plain"), ("50%", "50\\%"), ("a_b", "a\\_b"), ("back\\slash", "back\\\\slash"), ("\\%_", "\\\\\\%\\_")],
)
def test_like_patterns_take_every_wildcard_and_the_escape_literally(value: str, escaped: str) -> None:
    assert doc_store.like_escaped(value) == escaped
