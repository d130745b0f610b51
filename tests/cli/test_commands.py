"""The command line: every command's help, ingest and extract end to end, the read commands on
a store of the bundled samples, errors as one line and an exit code."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import cli, main
from newsgraph.store import Store
from tests.store.test_store import hand_built

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if command.hidden:  # a renamed command kept only to say its new name (tests/cli/test_group.py)
            continue
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


COMMANDS = list(all_commands())


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_the_group_has_the_foundation_commands() -> None:
    names = {c[0] for c in COMMANDS}
    assert {"ingest", "extract", "schema", "summary", "documents", "show", "search"} <= names
    assert {"claims", "events", "relations"} <= names


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "newsgraph")
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "Usage:" in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("newsgraph, version ")


def _store_with_hand_built(tmp_path: Path) -> Path:
    db = tmp_path / "hb.db"
    with Store.open(db) as s:
        s.save(hand_built())
    return db


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["show", "no-such-id"], 5, "no document 'no-such-id' in the store"),
        (["search", "   "], 2, "empty search query"),
    ],
)
def test_errors_are_one_line_and_an_exit_code(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    db = _store_with_hand_built(tmp_path)
    monkeypatch.setattr(sys, "argv", ["newsgraph", *argv, "--db", str(db)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("newsgraph: error: ")
    assert message in err


def test_reading_a_missing_store_is_one_line_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "absent.db"
    monkeypatch.setattr(sys, "argv", ["newsgraph", "documents", "--db", str(db)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newsgraph ingest" in err
    assert not db.exists()


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["ingest", "{tmp}/empty-folder", "--db", "{tmp}/x.db"], 2, "no input files matched"),
        (["ingest", "{tmp}/*.nothing", "--db", "{tmp}/x.db"], 2, "no input files matched"),
        (["ingest", "{tmp}/a.txt", "--db", "{tmp}/missing/folder/x.db"], 4, "cannot open the store"),
        (["extract", "{tmp}/a.txt", "-o", "{tmp}/missing/out.jsonl"], 1, "missing/out.jsonl"),
    ],
)
def test_unusable_inputs_and_outputs_are_one_line_and_an_exit_code(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "a.txt").write_text("A story about a harbour in Split.", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["newsgraph", *(a.format(tmp=tmp_path) for a in argv)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert message in err
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("published", ["yesterday", "2026-13-45"])
def test_a_bad_published_date_is_a_usage_error(tmp_path: Path, published: str) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    result = run("ingest", tmp_path / "a.txt", "--db", tmp_path / "x.db", "--published", published)
    assert result.exit_code == 2
    assert "--published" in result.output


def test_queries_on_hand_built_records(tmp_path: Path) -> None:
    db = _store_with_hand_built(tmp_path)
    claims = json.loads(run("claims", "--db", db, "--speaker", "Wekesa", "--json").output)
    assert [c["id"] for c in claims] == ["c1"]
    events = json.loads(run("events", "--db", db, "--type", "AGREE", "--json").output)
    assert [(e["id"], e["location"]["text"]) for e in events] == [("v1", "Addis Ababa")]
    relations = json.loads(run("relations", "--db", db, "--actor", "Ethiopia", "--json").output)
    assert [r["type"] for r in relations] == ["member_of"]
    for command in ("claims", "events", "relations"):
        result = run(command, "--db", db)
        assert result.exit_code == 0, result.output
    assert "Wekesa" in run("claims", "--db", db).output
    assert "AGREE" in run("events", "--db", db).output
    assert "member_of" in run("relations", "--db", db).output
    assert "(no claims)" in run("claims", "--db", db, "--speaker", "Nobody").output


def test_records_and_documents_json_are_the_apis(tmp_path: Path) -> None:
    """One shape: ``--json`` of claims, events, relations, documents and search prints the API's items."""
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    db = _store_with_hand_built(tmp_path)
    with TestClient(create_app(str(db))) as client:
        for command in ("claims", "events", "relations"):
            cli_rows = json.loads(run(command, "--db", db, "--min-confidence", "0", "--json").output)
            api = client.get(f"/api/{command}", params={"min_confidence": 0}).json()["items"]
            assert cli_rows == api and cli_rows, command
        assert json.loads(run("documents", "--db", db, "--json").output) == client.get("/api/documents").json()["items"]
        found = json.loads(run("search", "Ethiopia", "--db", db, "--json").output)
        assert found == client.get("/api/search", params={"q": "Ethiopia"}).json()["documents"] and found


# End to end with the model (slow)


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("samples") / "samples.db"
    result = run("ingest", SAMPLES, "--db", db)
    assert result.exit_code == 0, result.output
    assert "8 new, 0 new versions, 0 unchanged, 0 failed" in result.stderr
    return db


@pytest.mark.slow
def test_ingest_again_is_idempotent(samples_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(samples_db, db)
    result = run("ingest", SAMPLES, "--db", db)
    assert result.exit_code == 0
    assert "0 new, 0 new versions, 8 unchanged, 0 failed" in result.stderr


@pytest.mark.slow
def test_documents_json_lists_the_samples(samples_db: Path) -> None:
    result = run("documents", "--db", samples_db, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 8
    assert {"nws-2026-0311-santiago", "nws-2026-0314-hanoi", "nws-2026-0109-grindavik"} <= {r["id"] for r in rows}
    published = [r["published"] for r in rows if r["published"]]
    assert published == sorted(published, reverse=True)
    assert {r["source"] for r in rows} >= {"NWS"}
    table = run("documents", "--db", samples_db, "--source", "NWS World")
    assert "Grindavik" in table.output and "Mekong" not in table.output


@pytest.mark.slow
def test_show_a_sample_as_text_and_json(samples_db: Path) -> None:
    text = run("show", "nws-2026-0314", "--db", samples_db)  # a prefix is enough
    assert text.exit_code == 0, text.output
    assert "Vietnam opens new Mekong flood centre" in text.output
    assert "Can Tho" in text.output
    assert "Entities" in text.output
    data = json.loads(run("show", "nws-2026-0314-hanoi", "--db", samples_db, "--json").output)
    assert data["document"]["id"] == "nws-2026-0314-hanoi"
    assert data["document"]["dateline"]["place"] == "HANOI"
    from newsgraph.contract import problems

    assert problems(data) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mekong", "nws-2026-0314-hanoi"),
        ("lithium", "nws-2026-0311-santiago"),
        ("Grindavik", "nws-2026-0109-grindavik"),
    ],
)
def test_search_samples(samples_db: Path, query: str, expected: str) -> None:
    result = run("search", query, "--db", samples_db, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and rows[0]["id"] == expected
    assert f"[{query}]" in rows[0]["snippet"]
    assert "(nothing)" in run("search", "zeppelin", "--db", samples_db).output


@pytest.mark.slow
def test_summary_of_the_samples(samples_db: Path) -> None:
    data = json.loads(run("summary", "--db", samples_db, "--json").output)
    assert (data["documents"], data["versions"]) == (8, 8)
    assert data["words"] > 500
    assert data["sources"]["NWS"] >= 4
    assert data["first"] == "2026-01-09" and data["last"] == "2026-03-14"
    assert data["entities"] > 0
    text = run("summary", "--db", samples_db).output
    for part in ("documents", "words", "date range", "sources", "2026-01-09 .. 2026-03-14"):
        assert part in text


@pytest.mark.slow
def test_ingest_a_folder_with_one_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("nairobi-water-talks.txt", "riga-cyber-drill.txt", "briefs.jsonl"):
        shutil.copy(SAMPLES / name, folder / name)
    bad = folder / "corrupt.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "x.db"
    proc = subprocess.run(
        [str(NEWSGRAPH), "ingest", str(folder), "--db", str(db)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    failed = [line for line in lines if str(bad) in line]
    assert len(failed) == 1, lines
    assert "binary" in failed[0]
    assert not [line for line in lines if "Traceback" in line]
    assert "4 new, 0 new versions, 0 unchanged, 1 failed" in proc.stderr
    assert lines[-1] == "newsgraph: 1 input(s) failed (see the lines above)"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


@pytest.mark.slow
def test_extract_writes_json_lines_without_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "OSLO, May 4 (NWS) - Norway opened a new rail tunnel on Monday, the transport ministry said.",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    result = run("extract", tmp_path / "a.txt", tmp_path / "b.txt", "--published", "2026-05-04")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["schema"] == "newsgraph/extraction@1"
    assert obj["document"]["published"] == "2026-05-04"
    assert obj["document"]["dateline"]["place"] == "OSLO"
    assert "b.txt: empty document" in result.stderr
    assert list(tmp_path.glob("*.db")) == []


@pytest.mark.slow
def test_extract_from_stdin_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["extract", "-", "-o", str(out)], input="The port of Tema in Ghana reopened on Monday."
    )
    assert result.exit_code == 0, result.output
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["document"]["text"] == "The port of Tema in Ghana reopened on Monday."


def _stored(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        docs = conn.execute("SELECT id, content_hash, published, source, words FROM documents ORDER BY id").fetchall()
        mentions = conn.execute('SELECT doc_id, id, start, "end", type FROM mentions ORDER BY 1, 2').fetchall()
    return [*docs, *mentions]


@pytest.mark.slow
def test_two_workers_store_the_same_documents_as_one(samples_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    result = run("ingest", SAMPLES, "--db", db, "--workers", "2", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert _stored(db) == _stored(samples_db)


@pytest.mark.slow
def test_a_changed_file_is_a_new_version_and_a_duplicate_is_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    story = Path("in/port.txt")
    text = "ACCRA, May 4 (NWS) - Ghana reopened the port of Tema on Monday, officials said."
    story.write_text(text, encoding="utf-8")
    Path("in/same-words.txt").write_text(text.replace(" ", "  ") + "\n\n", encoding="utf-8")
    first = run("ingest", "in", "--db", "v.db")
    assert "1 new, 0 new versions, 1 unchanged, 0 failed" in first.stderr
    story.write_text(text.replace("Monday", "Tuesday"), encoding="utf-8")
    second = run("ingest", "./in/port.txt", "--db", "v.db")  # the same file, named differently
    assert "0 new, 1 new versions, 0 unchanged, 0 failed" in second.stderr
    rows = json.loads(run("documents", "--db", "v.db", "--json", "--all-versions").output)
    assert sorted(r["version"] for r in rows) == [1, 2]
    current = json.loads(run("documents", "--db", "v.db", "--json").output)
    assert [r["version"] for r in current] == [2]
    shown = run("show", current[0]["id"], "--db", "v.db")
    assert "version 2 (replaces" in shown.output
    assert "Tuesday" in shown.output
