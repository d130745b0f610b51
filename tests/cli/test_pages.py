"""Evidence cites its page: the events, claims and relations listings of a PDF report carry the
page of each record's sentence (``page`` in ``--json`` and ``--csv``, ``(p. N)`` in the text),
counted from the form feeds of the stored text; a document without pages has ``page`` null
(issue 17)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.records import page_of
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from tests.ingest.paged import page_of_sentence, paged_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return paged_store(tmp_path_factory.mktemp("paged"))


def listing(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def texts(db: Path) -> dict[str, str]:
    with Store.open(db, create=False) as store:
        ids = doc_store.current_document_ids(store.engine)
        return {i: doc_store.document_row(store.engine, i)["text"] for i in ids}


@pytest.mark.parametrize(("command", "offset"), [("events", "sentence"), ("relations", "evidence")])
def test_events_and_relations_carry_the_page_of_their_sentence(db: Path, command: str, offset: str) -> None:
    rows = json.loads(listing(db, command, "--json", "--min-confidence", "0"))
    by_doc = texts(db)
    if command == "events":
        assert {r["page"] for r in rows} == {2, 4, None}, rows  # page 3 is blank, and it counts
    for r in rows:
        assert r["page"] == page_of_sentence(r["sentence_text"])
        assert r["page"] == page_of(by_doc[r["document"]], r[offset]["start"])


@pytest.mark.parametrize("command", ["claims"])
def test_claims_carry_the_page_of_what_is_said(db: Path, command: str) -> None:
    rows = json.loads(listing(db, command, "--json", "--min-confidence", "0"))
    assert {r["page"] for r in rows} >= {2, None}, rows
    for r in rows:
        assert r["page"] == page_of_sentence(r["text"])
    shown = listing(db, command, "--min-confidence", "0")
    for r in rows:
        line = next(line for line in shown.splitlines() if " ".join(r["text"].split())[:40] in line)
        assert line.endswith(f"(p. {r['page']})") if r["page"] else "(p. " not in line


@pytest.mark.parametrize("command", ["events", "claims", "relations"])
def test_the_csv_has_a_page_column(db: Path, command: str) -> None:
    table = list(csv.DictReader(io.StringIO(listing(db, command, "--csv", "--min-confidence", "0"))))
    rows = json.loads(listing(db, command, "--json", "--min-confidence", "0"))
    assert [row["page"] for row in table] == [str(r["page"]) if r["page"] else "" for r in rows]


@pytest.mark.parametrize("command", ["events"])
def test_the_text_listing_cites_the_page_after_the_sentence(db: Path, command: str) -> None:
    rows = json.loads(listing(db, command, "--json", "--min-confidence", "0"))
    shown = listing(db, command, "--min-confidence", "0")
    cited = [line for line in shown.splitlines() if line.strip().startswith("“")]
    assert len(cited) == len(rows)
    for line, r in zip(cited, rows, strict=True):
        assert line.rstrip().endswith(f"” (p. {r['page']})" if r["page"] else "”"), line


@pytest.mark.parametrize("command", ["network"])
def test_the_network_cites_the_page_of_each_ties_evidence(db: Path, command: str) -> None:
    table = list(csv.DictReader(io.StringIO(listing(db, command, "--csv", "--min-confidence", "0"))))
    assert {row["page"] for row in table} >= {"2"}, table
    for row in table:
        page = page_of_sentence(row["sentence_text"])
        assert row["page"] == (str(page) if page else "")
    shown = listing(db, command, "--min-confidence", "0")
    assert "(p. 2)" in shown


@pytest.mark.parametrize("actor", ["Hamas", "Turkey"])
def test_a_timeline_cites_the_page_of_each_fact(db: Path, actor: str) -> None:
    rows = json.loads(listing(db, "timeline", actor, "--json", "--min-confidence", "0"))["items"]
    assert rows and all(r["page"] for r in rows), rows  # both actors are only in the report
    for r in rows:
        assert r["page"] == page_of_sentence(r["text"])
    table = list(csv.DictReader(io.StringIO(listing(db, "timeline", actor, "--csv", "--min-confidence", "0"))))
    assert [row["page"] for row in table] == [str(r["page"]) for r in rows]
    assert f"(p. {rows[0]['page']})" in listing(db, "timeline", actor, "--min-confidence", "0")
