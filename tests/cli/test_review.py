"""``newsgraph review`` and the review's side of ``newsgraph actor merge|split``, through click's
CliRunner on stores we write; names that fit several actors listed by ``timeline``, ``path``,
``network --actor`` and ``actor merge`` instead of picked.

The end-to-end test (slow: the spaCy model) ingests a small corpus of our own with the real
pipeline, screens it against a small list of our own, decides on the hits, then re-ingests every
document as a new version, rebuilds the actors and screens again: every decision still holds."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.store import Store
from tests.actor_records import Doc, nexus_documents, save

# Invented people and entries (no such persons or listings exist).
UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>901</DATAID><FIRST_NAME>OREN</FIRST_NAME><SECOND_NAME>VALDACQ</SECOND_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-02</LISTED_ON><COMMENTS1>An invented entry for newsgraph's tests.</COMMENTS1>
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>902</DATAID><FIRST_NAME>MIRELA</FIRST_NAME><SECOND_NAME>THORSBY</SECOND_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.902</REFERENCE_NUMBER>
      <LISTED_ON>2021-05-06</LISTED_ON><COMMENTS1>An invented entry for newsgraph's tests.</COMMENTS1>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""
VALDACQ = ("Oren Valdacq", "un:QDi.901")
THORSBY = ("Mirela Thorsby", "un:QDi.902")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point (errors as one line, or the candidates, and an exit code)."""
    return subprocess.run(
        [sys.executable, "-c", "from newsgraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def shipping_documents() -> list[Doc]:
    a = Doc(
        "ship-1",
        "Rotterdam, March 3 (NWS) Shipping executive Oren Valdacq met port officials in Rotterdam on Tuesday, "
        "the port authority said.",
        published="2026-03-03",
        source="NWS",
    )
    a.entity("Oren Valdacq", "person")
    a.entity("Rotterdam", "place", country="NL", feature="PPL")
    b = Doc(
        "ship-2",
        "Antwerp, March 9 (NWS) Oren Valdacq and Mirela Thorsby signed a charter in Antwerp on Monday, officials said.",
        published="2026-03-09",
        source="NWS",
    )
    b.entity("Oren Valdacq", "person")
    b.entity("Mirela Thorsby", "person")
    b.entity("Antwerp", "place", country="BE", feature="PPL")
    return [a, b]


@pytest.fixture
def screened(tmp_path: Path) -> str:
    """A store of our two shipping stories, the invented list loaded and every actor screened."""
    db = tmp_path / "review.db"
    with Store.open(db) as s:
        save(s, *shipping_documents())
    un = tmp_path / "un-test.xml"
    un.write_text(UN_XML, encoding="utf-8")
    assert run("watchlist", "load", str(un), "--list", "un", "--db", str(db))[0] == 0
    code, out = run("screen", "--actors", "--threshold", "0.8", "--db", str(db))
    assert code == 0, out
    return str(db)


def hits(db: str, *flags: str) -> dict[tuple[str, str], dict[str, Any]]:
    code, out = run("review", "hits", "--json", "--db", db, *flags)
    assert code == 0, out
    return {(h["screened_name"], f"{h['list']}:{h['reference']}"): h for h in json.loads(out)}


def test_hits_are_open_until_reviewed_then_keep_who_when_why(screened: str) -> None:
    found = hits(screened)
    assert set(found) == {VALDACQ, THORSBY}
    assert {h["status"] for h in found.values()} == {"open"} and all(h["review"] is None for h in found.values())

    code, out = run(
        "review", "dismiss", *VALDACQ, "--note", "a namesake: a ship broker", "--by", "alice", "--db", screened
    )
    assert code == 0 and out.startswith("dismissed"), out
    code, out = run("review", "confirm", *THORSBY, "--note", "same person", "--by", "bob", "--json", "--db", screened)
    assert code == 0 and json.loads(out)["status"] == "confirmed"

    found = hits(screened)
    assert found[VALDACQ]["status"] == "dismissed" and found[THORSBY]["status"] == "confirmed"
    review = found[VALDACQ]["review"]
    assert (review["decided_by"], review["note"]) == ("alice", "a namesake: a ship broker")
    assert review["decided_at"][:4].isdigit() and review["score"] == found[VALDACQ]["score"]
    assert set(hits(screened, "--status", "open")) == set()
    assert set(hits(screened, "--status", "dismissed")) == {VALDACQ}
    code, out = run("review", "hits", "--db", screened)
    assert "0 open, 1 confirmed, 1 dismissed" in out

    # taken back: open again; the history keeps every decision, newest first
    assert run("review", "reopen", *VALDACQ, "--note", "ask again", "--by", "carol", "--db", screened)[0] == 0
    assert hits(screened)[VALDACQ]["status"] == "open"
    code, out = run("review", "log", "--json", "--db", screened)
    assert [(r["decided_by"], r["status"]) for r in json.loads(out)] == [
        ("carol", "open"),
        ("bob", "confirmed"),
        ("alice", "dismissed"),
    ]


def test_decisions_hold_across_a_new_screening_and_a_rebuild(screened: str) -> None:
    run("review", "dismiss", *VALDACQ, "--note", "namesake", "--by", "alice", "--db", screened)
    run("review", "confirm", *THORSBY, "--note", "same person", "--by", "bob", "--db", screened)
    before = {k: (h["status"], h["review"]["decided_by"]) for k, h in hits(screened).items()}
    assert run("actor", "rebuild", "--db", screened)[0] == 0  # every actor id renumbered
    assert run("screen", "--actors", "--threshold", "0.8", "--db", screened)[0] == 0  # every hit row new
    assert {k: (h["status"], h["review"]["decided_by"]) for k, h in hits(screened).items()} == before


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_carries_the_decisions(screened: str, tmp_path: Path, fmt: str) -> None:
    run("review", "dismiss", *VALDACQ, "--note", "namesake, not listed", "--by", "alice", "--db", screened)
    out = tmp_path / f"hits.{fmt}"
    code, text = run("review", "export", "-o", str(out), "--db", screened)
    assert code == 0 and "2 hit(s)" in text
    if fmt == "csv":
        with out.open(encoding="utf-8") as fh:
            rows = {r["screened_name"]: r for r in csv.DictReader(fh)}
        assert rows["Oren Valdacq"]["status"] == "dismissed" and rows["Oren Valdacq"]["decided_by"] == "alice"
        assert rows["Oren Valdacq"]["note"] == "namesake, not listed" and rows["Oren Valdacq"]["reference"] == "QDi.901"
        assert rows["Mirela Thorsby"]["status"] == "open" and rows["Mirela Thorsby"]["decided_by"] == ""
    else:
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert {x["screened_name"]: x["status"] for x in lines} == {
            "Oren Valdacq": "dismissed",
            "Mirela Thorsby": "open",
        }
        assert lines == list(hits(screened).values())  # the API's (and review hits --json's) shape
    code, _ = run("review", "export", "-o", str(tmp_path / "only.csv"), "--status", "dismissed", "--db", screened)
    assert code == 0 and len((tmp_path / "only.csv").read_text(encoding="utf-8").splitlines()) == 2  # header + 1


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["dismiss", "Nobody Known", "un:QDi.901", "--note", "x"], 5, "no hit 'Nobody Known -> un:QDi.901'"),
        (["dismiss", "Oren Valdacq", "ofac:QDi.901", "--note", "x"], 5, "`newsgraph review hits` lists"),
        (["dismiss", "Oren Valdacq", "QDi.901", "--note", "x"], 2, "is not LIST:REFERENCE"),
        (["dismiss", "Oren Valdacq", "un:QDi.901", "--note", "  "], 2, "say why"),
        (["dismiss", "Oren Valdacq", "un:QDi.901", "--note", "x", "--by", " "], 2, "say who decides"),
    ],
)
def test_a_decision_needs_a_stored_hit_who_and_why(screened: str, args: list[str], code: int, says: str) -> None:
    r = run_main("review", *args, "--db", screened)
    assert r.returncode == code, r.stderr
    assert says in r.stderr and r.stderr.count("\n") == 1
    assert hits(screened)[VALDACQ]["status"] == "open"


def test_the_reviewer_defaults_to_the_environment(screened: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_REVIEWER", "desk-7")
    assert run("review", "confirm", *THORSBY, "--note", "same person", "--db", screened)[0] == 0
    assert hits(screened)[THORSBY]["review"]["decided_by"] == "desk-7"


# -- merges and splits say who asked -------------------------------------------------------------


@pytest.fixture
def nexus(tmp_path: Path) -> str:
    db = tmp_path / "nexus.db"
    with Store.open(db) as s:
        save(s, *nexus_documents())
    return str(db)


def test_merge_and_split_keep_who_and_why(nexus: str) -> None:
    code, out = run(
        "actor", "merge", "Naji Zaheer", "Rashid Ali Sandhu", "--note", "one man", "--by", "alice", "--db", nexus
    )
    assert code == 0 and "merged" in out
    data = json.loads(run("actor", "Naji Zaheer", "--json", "--db", nexus)[1])
    [merge] = [d for d in data["decisions"] if d["action"] == "merge"]
    assert (merge["decided_by"], merge["note"]) == ("alice", "one man")
    entity = next(link for link in data["links"] if link["name"] == "Rashid Ali Sandhu")
    ref = f"{entity['document']}:{entity['entity_id']}"
    code, out = run("actor", "split", "Naji Zaheer", "--entity", ref, "--by", "bob", "--db", nexus)
    assert code == 0 and "split" in out
    new_id = out.rsplit("#", 1)[1].strip()  # "... into actor #N": the entity's own actor now
    data = json.loads(run("actor", f"#{new_id}", "--json", "--db", nexus)[1])
    [split] = [d for d in data["decisions"] if d["action"] == "split"]
    assert split["decided_by"] == "bob" and split["note"] is None


# -- a name that fits several actors -------------------------------------------------------------


@pytest.fixture
def two_jems(nexus: str) -> str:
    """The nexus store with the JeM of nexus-3 split off: two actors answer to "JeM"."""
    code, out = run("actor", "split", "Jaish-e-Muhammad", "--entity", "nexus-3:e3", "--by", "t", "--db", nexus)
    assert code == 0, out
    return nexus


def actor_ids(db: str, name: str) -> set[int]:
    return {a["id"] for a in json.loads(run("actors", "--json", "--db", db)[1]) if a["name"] == name}


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "JeM"],
        ["path", "JeM", "India"],
        ["path", "India", "JeM"],
        ["network", "--actor", "JeM"],
        ["network", "--actor", "JeM", "--stats"],
        ["export", "--format", "csv", "-o", "{tmp}/x.csv", "--actor", "JeM"],
        ["actor", "merge", "JeM", "India"],
    ],
)
def test_an_ambiguous_name_lists_the_actors_it_fits(two_jems: str, tmp_path: Path, command: list[str]) -> None:
    r = run_main(*[c.format(tmp=tmp_path) for c in command], "--db", two_jems)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert lines[0] == "newsgraph: error: 'JeM' fits 2 actors: name one by its #ID (or a fuller name):"
    ids = actor_ids(two_jems, "Jaish-e-Muhammad") | actor_ids(two_jems, "Jaish-e-Mohammad")
    assert len(ids) == 2
    listed = {int(line.split()[0].lstrip("#")) for line in lines[1:]}
    assert listed == ids
    assert all("group, 1 document" in line for line in lines[1:])
    assert not r.stdout.strip()  # nothing was picked and shown


def test_an_id_or_a_name_only_one_actor_answers_to_works_directly(two_jems: str) -> None:
    [kept] = actor_ids(two_jems, "Jaish-e-Muhammad")
    code, out = run("timeline", f"#{kept}", "--json", "--min-confidence", "0", "--db", two_jems)
    assert code == 0 and json.loads(out)["actor"]["id"] == kept
    code, out = run("timeline", "Jaish-e-Muhammad", "--json", "--min-confidence", "0", "--db", two_jems)
    assert code == 0 and json.loads(out)["actor"]["id"] == kept  # exactly one actor has this name
    code, out = run("path", "Hamas", "LeT", "--json", "--db", two_jems)
    assert code == 0 and json.loads(out)["from"]["name"] == "Hamas"


def test_search_ranks_the_most_documented_actor_first(tmp_path: Path) -> None:
    """A name one actor bears with one document, and another goes by in two: both are found,
    the one with more documents first; and the name alone picks neither."""
    docs = []
    for n, day in enumerate(("03", "04"), start=1):
        d = Doc(f"sy-{n}", f"Damascus, May {day} (NWS) Bashar al-Assad spoke. Assad said talks would go on.")
        d.entity("Bashar al-Assad", "person", "Assad")
        docs.append(d)
    lone = Doc("sy-3", "Homs, May 5 (NWS) A shopkeeper named Assad said prices rose.")
    lone.entity("Assad", "person")
    db = tmp_path / "assad.db"
    with Store.open(db) as s:
        save(s, *docs, lone)
    found = json.loads(run("actors", "--json", "--db", str(db))[1])
    if not any(a["name"] == "Assad" for a in found):  # the resolver joined the lone Assad: take him out
        bashar = next(a for a in found if a["name"] == "Bashar al-Assad")
        assert run("actor", "split", f"#{bashar['id']}", "--entity", "sy-3:e1", "--db", str(db))[0] == 0
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(str(db))) as client:
        actors = client.get("/api/search", params={"q": "Assad"}).json()["actors"]
        assert [a["name"] for a in actors] == ["Bashar al-Assad", "Assad"]
        assert actors[0]["documents"] == 2 and actors[1]["documents"] == 1
        r = client.get("/api/network", params={"actor": "Assad"})
        assert r.status_code == 409
        error = r.json()["error"]
        assert error["code"] == "ambiguous_actor" and [c["name"] for c in error["candidates"]] == [
            "Bashar al-Assad",
            "Assad",
        ]
        assert client.get("/api/network", params={"actor": "Bashar al-Assad"}).status_code == 200


# -- end to end: re-ingest, rebuild, re-screen (the spaCy model) ---------------------------------

CORPUS = {
    "valdacq-rotterdam.txt": "ROTTERDAM, March 3 (NWS) - Oren Valdacq, a shipping executive, met port officials in "
    "Rotterdam on Tuesday, the port authority said. Valdacq declined to comment on the talks.\n",
    "thorsby-antwerp.txt": "ANTWERP, March 9 (NWS) - Mirela Thorsby, a ship owner, signed a charter with the port of "
    "Antwerp on Monday, officials said. Thorsby said the deal would create jobs.\n",
    "valdacq-thorsby-hamburg.txt": "HAMBURG, March 12 (NWS) - Oren Valdacq and Mirela Thorsby attended a maritime "
    "conference in Hamburg on Thursday, organisers said.\n",
}


@pytest.mark.slow
def test_decisions_survive_reingest_rebuild_and_rescreen(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    un = tmp_path / "un-test.xml"
    un.write_text(UN_XML, encoding="utf-8")
    db = str(tmp_path / "e2e.db")
    assert run("ingest", str(corpus), "--published", "2026-03-15", "--db", db)[0] == 0
    assert run("watchlist", "load", str(un), "--list", "un", "--db", db)[0] == 0
    assert run("screen", "--actors", "--threshold", "0.8", "--db", db)[0] == 0
    first = hits(db)
    assert {VALDACQ, THORSBY} <= set(first), sorted(first)
    run("review", "dismiss", *VALDACQ, "--note", "a namesake", "--by", "alice", "--db", db)
    run("review", "confirm", *THORSBY, "--note", "same ship owner", "--by", "bob", "--db", db)
    decided = {k: (h["status"], (h["review"] or {}).get("decided_by")) for k, h in hits(db).items()}
    assert decided[VALDACQ] == ("dismissed", "alice") and decided[THORSBY] == ("confirmed", "bob")
    code, out = run("actors", "--json", "--limit", "100", "--db", db)
    actors_before = {(a["name"], a["kind"], a["documents"]) for a in json.loads(out)}

    # the same documents again (nothing changes), then each one as a new version: every entity and
    # link is new; then a rebuild renumbers every actor, and a new screening every hit
    code, out = run("ingest", str(corpus), "--published", "2026-03-15", "--db", db)
    assert code == 0 and "0 new, 0 new versions, 3 unchanged" in out, out
    for name in CORPUS:
        path = corpus / name
        path.write_text(path.read_text(encoding="utf-8") + "The story was updated.\n", encoding="utf-8")
    code, out = run("ingest", str(corpus), "--published", "2026-03-15", "--db", db)
    assert code == 0 and "3 new versions" in out, out
    assert run("actor", "rebuild", "--db", db)[0] == 0
    assert run("screen", "--actors", "--threshold", "0.8", "--db", db)[0] == 0

    code, out = run("actors", "--json", "--limit", "100", "--db", db)
    assert {(a["name"], a["kind"], a["documents"]) for a in json.loads(out)} == actors_before
    again = {k: (h["status"], (h["review"] or {}).get("decided_by")) for k, h in hits(db).items()}
    assert again == decided
    code, out = run("review", "hits", "--db", db)
    assert f"{len(again) - 2} open, 1 confirmed, 1 dismissed" in out
