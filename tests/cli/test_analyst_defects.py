"""The CLI defects an analyst met in a week of real work (issue 18, "Why"), each on the smallest
input that shows it: a search hit swallowed, a speaker found inside another word, a column named
for what it does not hold, silent progress when not on a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import cli
from newsgraph.cli.ingest import ProgressLines, count_documents, duration
from newsgraph.records import Arg as A
from newsgraph.records import (
    Claim,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Relation,
    SentenceSpan,
    Span,
    Speaker,
)
from newsgraph.store import Store
from tests.actor_records import fresh_database

ROOT = Path(__file__).resolve().parents[2]


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _store(tmp_path: Path, *extractions: Extraction) -> Path:
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        for x in extractions:
            s.save(x)
    return db


# `search drones` printed "... Swashbuckling  operated by rebels ...": the hit word swallowed


@pytest.mark.parametrize("word", ["drones", "Drones"])
def test_search_shows_the_hit_word_in_its_snippet(tmp_path: Path, word: str) -> None:
    text = "Swashbuckling drones operated by rebels crossed the border on Monday."
    db = _store(tmp_path, Extraction(document=Document(id="d1", text=text, title="Border", published="2026-01-02")))
    result = run("search", word, "--db", db)
    assert result.exit_code == 0, result.output
    assert "Swashbuckling [drones] operated by rebels" in result.stdout
    [row] = json.loads(run("search", word, "--db", db, "--json").stdout)
    assert "[drones]" in row["snippet"]


# `claims --speaker Assad` matched "ambassador"

SPEECH = (
    "The US ambassador said the talks would go on. "
    "Bashar al-Assad said the army would stay. "
    "Assad's office said nothing had changed."
)


def _speeches() -> Extraction:
    t = SPEECH
    mentions = (
        Mention("m1", *_at(t, "The US ambassador"), "The US ambassador", "PERSON", "e1"),
        Mention("m2", *_at(t, "Bashar al-Assad"), "Bashar al-Assad", "PERSON", "e2"),
    )
    entities = (
        Entity("e1", "US ambassador", "person", mentions=("m1",), confidence=0.9),
        Entity("e2", "Bashar al-Assad", "person", mentions=("m2",), confidence=0.9),
    )

    def claim(cid: str, speaker: str, entity: str | None, content: str) -> Claim:
        said = t.index("said", t.index(speaker))
        return Claim(
            cid,
            *_at(t, content),
            content,
            "indirect",
            Speaker(*_at(t, speaker), speaker, entity),
            Span(said, said + 4, "said"),
            "asserted",
            confidence=0.9,
        )

    claims = (
        claim("c1", "The US ambassador", "e1", "the talks would go on"),
        claim("c2", "Bashar al-Assad", "e2", "the army would stay"),
        claim("c3", "Assad's office", None, "nothing had changed"),
    )
    doc = Document(id="s1", text=t, title="Speeches", published="2026-01-03", source="NWS")
    return Extraction(document=doc, mentions=mentions, entities=entities, claims=claims)


@pytest.mark.parametrize(
    ("speaker", "ids"),
    [
        ("Assad", {"c2", "c3"}),
        ("assad", {"c2", "c3"}),
        ("al-Assad", {"c2"}),
        ("Bashar al-Assad", {"c2"}),
        ("ambassador", {"c1"}),
        ("bassa", set()),
        ("Ass", set()),
    ],
)
def test_claims_by_speaker_match_the_name_as_whole_words(tmp_path: Path, speaker: str, ids: set[str]) -> None:
    db = _store(tmp_path, _speeches())
    rows = json.loads(run("claims", "--speaker", speaker, "--db", db, "--json").stdout)
    assert {r["id"] for r in rows} == ids
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(str(db))) as client:  # the API reads the same store function
        api = client.get("/api/claims", params={"speaker": speaker}).json()["items"]
    assert {r["id"] for r in api} == ids


def _acts() -> Extraction:
    """The speeches, and an event and a relation with the ambassador, another with al-Assad."""
    x, t = _speeches(), SPEECH
    s1, s2 = SentenceSpan(0, t.index("Bashar") - 1), SentenceSpan(t.index("Bashar"), t.index("Assad's") - 1)
    said1, said2 = t.index("said"), t.index("said", t.index("Bashar"))
    events = (
        Event(
            "v1",
            "CONSULT",
            None,
            None,
            Span(said1, said1 + 4, "said"),
            s1,
            source=(A(*_at(t, "The US ambassador"), "The US ambassador", "e1"),),
            confidence=0.9,
        ),
        Event(
            "v2",
            "CONSULT",
            None,
            None,
            Span(said2, said2 + 4, "said"),
            s2,
            source=(A(*_at(t, "Bashar al-Assad"), "Bashar al-Assad", "e2"),),
            confidence=0.9,
        ),
    )
    army = t.index("the army")
    relations = (
        Relation(
            "r1",
            "member_of",
            A(*_at(t, "The US ambassador"), "The US ambassador", "e1"),
            A(*_at(t, "the talks"), "the talks"),
            s1,
            confidence=0.9,
        ),
        Relation(
            "r2",
            "leads",
            A(*_at(t, "Bashar al-Assad"), "Bashar al-Assad", "e2"),
            A(army, army + 8, "the army"),
            s2,
            confidence=0.9,
        ),
    )
    return replace(x, events=events, relations=relations)


@pytest.mark.parametrize(
    ("command", "actor", "ids"),
    [
        ("events", "Assad", {"v2"}),
        ("events", "ambassador", {"v1"}),
        ("events", "bassa", set()),
        ("relations", "Assad", {"r2"}),
        ("relations", "al-Assad", {"r2"}),
        ("relations", "ambassador", {"r1"}),
    ],
)
def test_events_and_relations_by_actor_match_the_name_as_whole_words(
    tmp_path: Path, command: str, actor: str, ids: set[str]
) -> None:
    db = _store(tmp_path, _acts())
    rows = json.loads(run(command, "--actor", actor, "--db", db, "--json").stdout)
    assert {r["id"] for r in rows} == ids


def test_claims_by_speaker_find_the_speakers_actor_by_its_name(tmp_path: Path) -> None:
    """A speaker named otherwise in its document ("Hafez") is found by its actor's name once the
    analyst merged the two actors."""
    t = "Hafez said the army would stay."
    other = Extraction(
        document=Document(id="s2", text=t, title="Other", published="2026-01-05", source="NWS"),
        mentions=(Mention("m1", 0, 5, "Hafez", "PERSON", "e1"),),
        entities=(Entity("e1", "Hafez", "person", mentions=("m1",), confidence=0.9),),
        claims=(
            Claim(
                "c1", 11, 30, t[11:30], "indirect", Speaker(0, 5, "Hafez", "e1"), Span(6, 10, "said"), "asserted",
                confidence=0.9,
            ),
        ),
    )  # fmt: skip
    db = _store(tmp_path, _speeches(), other)

    def found() -> set[tuple[str, str]]:
        rows = json.loads(run("claims", "--speaker", "Bashar al-Assad", "--db", db, "--json").stdout)
        return {(r["document"], r["id"]) for r in rows}

    assert found() == {("s1", "c2")}
    actors = {a["name"]: a["id"] for a in json.loads(run("actors", "--db", db, "--json").stdout)}
    merged = run("actor", "merge", f"#{actors['Bashar al-Assad']}", f"#{actors['Hafez']}", "--db", db, "--by", "t")
    assert merged.exit_code == 0 and "merged" in merged.stdout
    assert found() == {("s1", "c2"), ("s2", "c1")}


# `communities`: the column headed "documents" held tie strength

HUB = "Kenya met Ethiopia. Kenya met Somalia. Kenya met Uganda."


def _hub() -> Extraction:
    t = HUB
    names = ["Kenya", "Ethiopia", "Somalia", "Uganda"]
    mentions = []
    for i, name in enumerate(names, start=1):
        start = 0
        while (at := t.find(name, start)) >= 0:
            mentions.append(Mention(f"m{len(mentions) + 1}", at, at + len(name), name, "GPE", f"e{i}"))
            start = at + 1
    entities = tuple(
        Entity(f"e{i}", n, "state", mentions=tuple(m.id for m in mentions if m.entity == f"e{i}"), confidence=0.9)
        for i, n in enumerate(names, start=1)
    )
    events = []
    for i, other in enumerate(names[1:], start=2):
        sentence = f"Kenya met {other}."
        s = t.index(sentence)
        met = s + len("Kenya ")
        events.append(
            Event(
                f"v{i}",
                "CONSULT",
                "meet",
                "040",
                Span(met, met + 3, "met"),
                SentenceSpan(s, s + len(sentence)),
                source=(A(s, s + 5, "Kenya", "e1"),),
                target=(A(met + 4, met + 4 + len(other), other, f"e{i}"),),
                confidence=0.9,
            )
        )
    doc = Document(id="h1", text=t, title="Talks", published="2026-01-04", source="NWS")
    return Extraction(document=doc, mentions=tuple(mentions), entities=entities, events=tuple(events))


def test_communities_lists_documents_and_tie_strength_apart(tmp_path: Path) -> None:
    db = _store(tmp_path, _hub())
    result = run("communities", "--db", db)
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "actor" in line and "degree" in line)
    assert re.search(r"actor\s+┃\s+documents\s+┃\s+tie strength\s+┃\s+degree", header), header
    [kenya] = [line for line in result.stdout.splitlines() if "Kenya" in line and "│" in line]
    assert [c.strip() for c in kenya.strip("│ ").split("│")][:3] == ["Kenya", "1", "3"]
    listed = {r["name"]: r for r in csv.DictReader(io.StringIO(run("communities", "--db", db, "--csv").stdout))}
    assert (listed["Kenya"]["documents"], listed["Kenya"]["strength"]) == ("1", "3")
    api = json.loads(run("communities", "--db", db, "--json").stdout)
    assert {c["name"]: c["strength"] for c in api["central"]}["Kenya"] == 3  # the API's shape, unchanged


# ingest: silent when not on a terminal; "0/?" and no time left on JSON Lines


@pytest.mark.parametrize(
    ("total", "every", "ticks", "expected"),
    [
        (4, 2, [(1, 1.0), (1, 2.0), (1, 3.0), (1, 4.0)], ["2/4 documents (50%)", "4/4 documents (100%)"]),
        (None, 2, [(2, 1.0), (2, 2.0)], ["2 documents", "4 documents"]),
        (100, 1000, [(1, 5.0), (1, 11.0), (1, 12.0), (1, 22.0)], ["2/100 documents (2%)", "4/100 documents (4%)"]),
    ],
)
def test_progress_lines_every_n_documents_and_every_few_seconds(
    total: int | None, every: int, ticks: list[tuple[int, float]], expected: list[str]
) -> None:
    now = [0.0]
    written: list[str] = []
    lines = ProgressLines(total, every, write=written.append, clock=lambda: now[0])
    for n, at in ticks:
        now[0] = at
        lines.advance(n)
    assert len(written) == len(expected), written
    for line, part in zip(written, expected, strict=True):
        assert line.startswith(f"ingest: {part}, ")
        assert "documents/s" in line
        assert ("left" in line) == (total is not None)
    if total == 4:
        assert written[0] == "ingest: 2/4 documents (50%), 1.0 documents/s, 2s left"


@pytest.mark.parametrize(("seconds", "text"), [(0, "0s"), (45.4, "45s"), (187, "3m07s"), (3725, "1h02m")])
def test_duration(seconds: float, text: str) -> None:
    assert duration(seconds) == text


@pytest.mark.parametrize(
    ("files", "total"),
    [
        ({"a.jsonl": '{"text": "a"}\n\n{"text": "b"}\n  \n{"text": "c"}', "b.txt": "x"}, 4),
        ({"a.txt": "x", "b.html": "<p>x</p>"}, 2),
        ({"a.txt": "x", "f.rss": "<rss/>"}, None),
    ],
)
def test_documents_are_counted_before_ingest(tmp_path: Path, files: dict[str, str], total: int | None) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert count_documents((str(tmp_path),)) == total


LINE = re.compile(r"^ingest: (\d+)(/3)? documents( \(\d+%\))?, \d+\.\d documents/s(, (\d+h)?(\d+m)?\d+s left)?$")


@pytest.mark.slow
@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
def test_ingest_prints_progress_lines_when_not_on_a_terminal(tmp_path: Path, from_stdin: bool) -> None:
    """A real process with stderr to a pipe: a line per document here (--progress-every 1), with
    the rate, and with the total and the time left when the JSON Lines were counted first."""
    lines = [
        {
            "id": f"n{i}",
            "text": f"ACCRA, May {i} (NWS) - Ghana reopened the port of Tema, officials said.",
            "title": "T",
        }
        for i in range(1, 4)
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    argv = ["ingest", "-" if from_stdin else str(source), "--db", str(tmp_path / "p.db"), "--batch-size", "1"]
    proc = subprocess.run(
        [sys.executable, "-c", "from newsgraph.cli import main; main()", *argv, "--progress-every", "1"],
        input=source.read_text(encoding="utf-8") if from_stdin else None,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    progress = [line for line in proc.stderr.splitlines() if line.startswith("ingest: ")]
    assert [int(LINE.match(line)[1]) for line in progress] == [1, 2, 3], proc.stderr  # type: ignore[index]
    if from_stdin:
        assert all("/3" not in line and "left" not in line for line in progress)
    else:
        assert all("/3 documents" in line and line.endswith(" left") for line in progress)
    assert "3 new, 0 new versions, 0 unchanged, 0 failed" in proc.stderr


@pytest.mark.slow
def test_names_match_as_whole_words_on_postgresql(postgresql_url: str) -> None:
    """The same filters on PostgreSQL (its replace, lower and LIKE; row values in IN)."""
    postgresql_url = fresh_database(postgresql_url, "cli_whole_words")  # rows of its own
    with Store.open(postgresql_url) as s:
        s.save(_acts())
    claims = json.loads(run("claims", "--speaker", "Assad", "--db", postgresql_url, "--json").stdout)
    assert {r["id"] for r in claims} == {"c2", "c3"}
    assert run("actors", "--db", postgresql_url).exit_code == 0  # resolves the actors: the actor branch runs
    claims = json.loads(run("claims", "--speaker", "Bashar al-Assad", "--db", postgresql_url, "--json").stdout)
    assert {r["id"] for r in claims} == {"c2"}
    events = json.loads(run("events", "--actor", "Assad", "--db", postgresql_url, "--json").stdout)
    assert {r["id"] for r in events} == {"v2"}
    relations = json.loads(run("relations", "--actor", "ambassador", "--db", postgresql_url, "--json").stdout)
    assert {r["id"] for r in relations} == {"r1"}
