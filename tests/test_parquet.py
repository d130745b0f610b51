"""Parquet tables: a stable schema, readable by Arrow, and a lossless round trip."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.parquet import SCHEMAS, read_parquet, write_parquet
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

TEXT = "LAGOS, Feb 20 (NWS) - Union leader Tunde Bakare met port officials in Lagos on Friday, the union said."


def _full() -> Extraction:
    def span(word: str) -> tuple[int, int]:
        start = TEXT.index(word)
        return start, start + len(word)

    s, e = span("Tunde Bakare")
    ls, le = span("Lagos on")
    le = ls + 5
    ms, me = span("met")
    fs, fe = span("Friday")
    cs, ce = span("said")
    return Extraction(
        document=Document(
            id="d1",
            text=TEXT,
            source="NWS",
            published="2026-02-20",
            dateline=Dateline(place="LAGOS", agency="NWS", start=0, end=22),
            origin="x.txt",
            key="x.txt",
        ),
        mentions=(
            Mention("m1", s, e, "Tunde Bakare", "PERSON", "e1"),
            Mention("m2", ls, le, "Lagos", "GPE", "e2"),
        ),
        entities=(
            Entity("e1", "Tunde Bakare", "person", (), ("m1",), None, {"role": "Union leader"}),
            Entity("e2", "Lagos", "place", ("LAGOS",), ("m2",), Place(6.45, 3.39, "NG", 2332459, "PPLA")),
        ),
        dates=(DateMention(fs, fe, "Friday", "2026-02-20", "day"),),
        claims=(
            Claim(
                "c1",
                22,
                cs - 12,
                TEXT[22 : cs - 12],
                "indirect",
                Speaker(cs - 10, cs - 1, TEXT[cs - 10 : cs - 1]),
                Span(cs, ce, "said"),
                "asserted",
                None,
            ),
        ),
        events=(
            Event(
                "v1",
                "CONSULT",
                "meet",
                "04",
                Span(ms, me, "met"),
                SentenceSpan(0, len(TEXT)),
                source=(Arg(s, e, "Tunde Bakare", "e1"),),
                date=EventDate(fs, fe, "2026-02-20"),
                location=Arg(ls, le, "Lagos", "e2"),
                claim="c1",
            ),
        ),
        relations=(
            Relation(
                "r1",
                "located_in",
                Arg(s, e, "Tunde Bakare", "e1"),
                Arg(ls, le, "Lagos", "e2"),
                SentenceSpan(0, len(TEXT)),
            ),
        ),
    )


@pytest.mark.parametrize("part_size", [1, 1000])
def test_parquet_round_trip_gives_back_the_same_extractions(tmp_path: Path, part_size: int) -> None:
    bare = Extraction(document=Document(id="d2", text="Nothing named here."))
    written = [_full(), bare]
    assert write_parquet(written, tmp_path / "out", part_size=part_size) == 2
    assert list(read_parquet(tmp_path / "out")) == written


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_table_is_written_with_its_declared_schema(tmp_path: Path, table: str) -> None:
    write_parquet([_full()], tmp_path / "out")
    parts = sorted((tmp_path / "out" / table).glob("part-*.parquet"))
    assert parts, f"no part file for {table}"
    assert pq.read_schema(parts[0]).remove_metadata() == SCHEMAS[table]


@pytest.mark.parametrize("setup", ["empty", "not-ours"])
def test_reading_a_folder_that_is_not_newsgraph_parquet_is_refused(tmp_path: Path, setup: str) -> None:
    if setup == "not-ours":
        (tmp_path / "_newsgraph.json").write_text('{"format": "other@9"}')
    with pytest.raises(NewsgraphError, match=r"newsgraph|format"):
        list(read_parquet(tmp_path))


@pytest.mark.parametrize("n", [1])
def test_writing_into_a_folder_with_parts_is_refused(tmp_path: Path, n: int) -> None:
    write_parquet([_full()] * n, tmp_path / "out")
    with pytest.raises(NewsgraphError, match="empty folder"):
        write_parquet([_full()], tmp_path / "out")


def test_confidence_survives_the_round_trip(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.store.test_store import hand_built

    x = hand_built()
    x = replace(x, claims=tuple(replace(c, confidence=0.25 * (k + 1)) for k, c in enumerate(x.claims)))
    write_parquet([x], tmp_path / "out")
    (back,) = list(read_parquet(tmp_path / "out"))
    assert [c.confidence for c in back.claims] == [0.25, 0.5]
    assert all(r.confidence == 0.9 for r in (*back.entities, *back.events, *back.relations))


def test_load_reports_a_document_the_store_refuses_and_stores_the_rest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli
    from newsgraph.store import Store
    from newsgraph.store.documents import count_documents

    good = Extraction(document=Document(id="good", text="Nothing named here."))
    bad = Extraction(document=Document(id="bad", text="A NUL \x00 in the text."))
    write_parquet([good, bad], tmp_path / "out")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "out"), "--db", db])
    assert result.exit_code == 1
    assert "1 new, 0 new versions, 0 unchanged, 1 refused" in result.stderr
    assert "failed bad" in result.stderr and "NUL" in result.stderr
    with Store.open(db, create=False) as store:
        assert count_documents(store.engine) == 1
