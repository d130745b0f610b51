"""``newsgraph watchlist load|info`` and ``newsgraph screen`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from tests.watchlist.test_loaders import ADD, ALT, SDN, UN_XML


@pytest.fixture
def lists(tmp_path: Path) -> list[Path]:
    files = {"un.xml": UN_XML, "sdn.csv": SDN, "alt.csv": ALT, "add.csv": ADD}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / n for n in files]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [["watchlist", "load"], ["watchlist", "info"], ["screen"], ["screen", "pairs"]])
def test_help_ends_with_an_example(command: list[str]) -> None:
    code, out = run(*command, "--help")
    assert code == 0
    description = out.split("Options:")[0].rstrip().splitlines()
    assert "Example:" in out and description[-1].strip().startswith("newsgraph")


@pytest.mark.parametrize("name", ["Harakat-ul-Farzi"])
def test_load_info_and_screen_one_name(tmp_path: Path, lists: list[Path], name: str) -> None:
    db = str(tmp_path / "w.db")
    code, out = run("watchlist", "load", *map(str, lists), "--db", db)
    assert code == 0 and "un: 2 entries" in out and "ofac: 3 entries" in out
    code, out = run("watchlist", "info", "--db", db, "--json")
    assert {i["list"]: i["entries"] for i in json.loads(out)} == {"ofac": 3, "un": 2}
    code, out = run("screen", name, "--db", db, "--json")
    hits = json.loads(out)
    assert code == 0 and {(h["list"], h["reference"]) for h in hits[:2]} == {("un", "QDe.900"), ("ofac", "102")}
    assert all(h["explanation"] for h in hits)


@pytest.mark.parametrize("cut", [0.5])
def test_refused_file_exits_with_error_and_keeps_list(tmp_path: Path, lists: list[Path], cut: float) -> None:
    db = str(tmp_path / "w.db")
    run("watchlist", "load", str(lists[0]), "--db", db)
    bad = tmp_path / "bad.xml"
    bad.write_text(UN_XML[: int(len(UN_XML) * cut)], encoding="utf-8")
    result = CliRunner().invoke(cli, ["watchlist", "load", str(bad), "--db", db])
    assert result.exit_code != 0 and "truncated" in str(result.exception)
    code, out = run("screen", "Amir Khalidi", "--db", db, "--json")
    assert code == 0 and json.loads(out)[0]["reference"] == "QDi.900"


@pytest.mark.parametrize("rows", ["name1,name2\nLashkar-e-Taiba,Lashkar-i-Tayyiba\nImran Khan,Muhammad Ahmed Khan\n"])
def test_pairs_writes_jsonl_scores(tmp_path: Path, rows: str) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(rows, encoding="utf-8")
    code, out = run("screen", "pairs", str(path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["name1"] for line in lines] == ["Lashkar-e-Taiba", "Imran Khan"]
    assert lines[0]["score"] > 0.8 > lines[1]["score"]


@pytest.mark.parametrize(
    "actors", [[("Amir Khalidi", "person"), ("Harakat ul Farzi", "organization"), ("Oslo", "place")]]
)
def test_screen_actors_stores_hits(tmp_path: Path, lists: list[Path], actors: list[tuple[str, str]]) -> None:
    from sqlalchemy import insert, select

    from newsgraph.store import Store, schema
    from newsgraph.store.watchlist import watchlist_hits

    db = str(tmp_path / "w.db")
    run("watchlist", "load", *map(str, lists), "--db", db)
    with Store.open(db) as store, store.engine.begin() as conn:
        conn.execute(
            insert(schema.documents).values(
                id="d1",
                key="d1",
                content_hash="h",
                version=1,
                current=True,
                text="x",
                words=1,
                ingested_at="2026-01-01",
            )
        )
        for k, (name, kind) in enumerate(actors):
            conn.execute(
                insert(schema.entities).values(
                    doc_id="d1", id=f"E{k}", name=name, kind=kind, aliases=[], mentions=[], attributes={}
                )
            )
    code, out = run("screen", "--actors", "--db", db, "--json")
    assert code == 0
    hits = json.loads(out)
    assert {(h["actor"], h["reference"]) for h in hits} >= {
        ("Amir Khalidi", "QDi.900"),
        ("Harakat ul Farzi", "QDe.900"),
    }
    assert "Oslo" not in {h["actor"] for h in hits}
    with Store.open(db) as store, store.engine.connect() as conn:
        assert len(conn.execute(select(watchlist_hits)).all()) == len(hits)


# issue 16: one name is screened through the keys in the store


def screen_json(db: str, name: str) -> tuple[list[dict[str, object]], str]:
    """``screen NAME --json``: the hits and what went to standard error."""
    result = CliRunner().invoke(cli, ["screen", name, "--db", db, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("name", ["Harakat-ul-Farzi"])
def test_a_store_loaded_before_the_keys_is_keyed_by_its_first_screen(
    tmp_path: Path, lists: list[Path], name: str
) -> None:
    from sqlalchemy import create_engine

    from newsgraph.store.watchlist import KEY_TABLES, metadata

    db = str(tmp_path / "w.db")
    run("watchlist", "load", *map(str, lists), "--db", db)
    expected, quiet = screen_json(db, name)
    assert expected and quiet == ""
    metadata.drop_all(create_engine(f"sqlite:///{db}"), tables=list(KEY_TABLES))  # as an older newsgraph left it
    hits, err = screen_json(db, name)
    assert hits == expected and "making the screening keys of ofac, un (once" in err
    assert screen_json(db, name) == (expected, "")


@pytest.mark.parametrize("name", ["Amir Khalidi"])
def test_a_read_only_store_without_keys_is_screened_in_memory(tmp_path: Path, lists: list[Path], name: str) -> None:
    from sqlalchemy import create_engine, update

    from newsgraph.store.watchlist import watchlist_keyed

    db = tmp_path / "w.db"
    run("watchlist", "load", *map(str, lists), "--db", str(db))
    expected, _ = screen_json(str(db), name)
    with create_engine(f"sqlite:///{db}").begin() as conn:  # keys made by other code
        conn.execute(update(watchlist_keyed).values(code="0" * 64))
    hits, err = screen_json(f"sqlite:///file:{db}?mode=ro&uri=true", name)
    assert hits == expected
    making, warned = err.splitlines()
    assert making.startswith("making the screening keys of ofac, un")
    assert warned.startswith("warning: the screening keys could not be kept in the store") and "read-only" in warned
    assert warned.endswith("screening with an index of every entry instead (slow on a large list)")
