"""Hostile strings and faulty stores at the terminal: data is printed as written (brackets,
emoji codes and backslashes are never read as markup), and a damaged or read-only store gives
one line of error and an exit code, never a traceback or a document's text (issue 16, items 2
and 13)."""

from __future__ import annotations

import io
import sqlite3
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsgraph.cli import main, output
from newsgraph.errors import InputError, StoreError, one_line, printable
from newsgraph.store import Store
from tests.store.test_store import doc, hand_built
from tests.watchlist.test_loaders import SDN

HOSTILE = ["[/x]", "[bold]x[/bold] [red]", ":thumbs_up: a\\"]
"""Titles, names and paths that rich would read as markup or emoji codes."""

PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
"""Text as it may come in a title or a name (control characters aside: they are not shown as written)."""

MARKUPISH = st.lists(
    st.one_of(st.sampled_from(["[", "]", "/", "[/", ":", "\\", "x", "bold", "smile"]), PLAIN), max_size=8
).map("".join)
"""Text mixed from pieces of rich markup and emoji codes, and any other text."""


def run(*args: object) -> tuple[int, str, str]:
    """The real entry point, in process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["newsgraph", *map(str, args)]
    try:
        with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exit_:
            main()
    finally:
        sys.argv = argv
    code = exit_.value.code
    return code if isinstance(code, int) else 0, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def wide() -> Iterator[None]:
    """Consoles wide enough that nothing is wrapped: a printed value is found whole."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(output.console, "width", 10_000)
        mp.setattr(output.errors, "width", 10_000)
        yield


@pytest.fixture(scope="module", params=HOSTILE)
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A store with one document whose id, title, source and an entity's alias are the hostile string."""
    value = request.param
    db = tmp_path_factory.mktemp("hostile") / "h.db"
    x = hand_built(doc_id=value)
    entities = tuple(replace(e, aliases=(*e.aliases, value)) if e.id == "e2" else e for e in x.entities)
    with Store.open(db) as store:
        store.save(replace(x, document=replace(x.document, title=value, source=value), entities=entities))
    return value, db


# Item 2: data is shown as written


@pytest.mark.parametrize(
    "command",
    [["documents"], ["show", "{v}"], ["search", "Kenya"], ["relations", "--min-confidence", "0"], ["summary"]],
    ids=lambda c: c[0],
)
def test_read_commands_show_a_hostile_title_as_written(
    wide: None, hostile: tuple[str, Path], command: list[str]
) -> None:
    value, db = hostile
    code, out, err = run(*(c.format(v=value) for c in command), "--db", db)
    assert (code, err) == (0, "")
    assert value in out


@pytest.mark.parametrize("command", [["actors"], ["stories", "--min-articles", "1"]], ids=lambda c: c[0])
def test_actor_and_story_listings_show_a_hostile_source_as_written(
    wide: None, hostile: tuple[str, Path], command: list[str]
) -> None:
    value, db = hostile
    code, out, _ = run(*command, "--db", db)
    assert code == 0
    assert value in out


@pytest.mark.parametrize(("text", "word"), [("The water rose in the night.", "water")])
def test_search_shows_the_hit_word(wide: None, tmp_path: Path, text: str, word: str) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.save(doc(text, id="w1", title="Flood"))
    code, out, _ = run("search", word, "--db", db)
    assert code == 0
    assert f"[{word}]" in out


@pytest.mark.parametrize("folder", ["m[/x]"])
def test_ingest_reports_a_bad_file_in_a_hostile_folder_and_goes_on(wide: None, tmp_path: Path, folder: str) -> None:
    where = tmp_path / folder
    where.mkdir(parents=True)
    (where / "bad.txt").write_bytes(b"bad\x00binary")
    (where / "empty.txt").write_bytes(b"")
    code, _, err = run("ingest", where, "--db", tmp_path / "i.db")
    assert code == 1
    assert f"failed {where / 'bad.txt'}: binary file" in err
    assert f"failed {where / 'empty.txt'}: empty document" in err
    assert "0 new, 0 new versions, 0 unchanged, 2 failed" in err


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["m[/x]"])
def test_ingest_stores_the_good_file_beside_a_bad_one_in_a_hostile_folder(tmp_path: Path, folder: str) -> None:
    where = tmp_path / folder
    where.mkdir(parents=True)
    (where / "good.txt").write_text("Kenya and Ethiopia met in Nairobi on Monday.\n", encoding="utf-8")
    (where / "bad.txt").write_bytes(b"bad\x00binary")
    code, _, err = run("ingest", where, "--db", tmp_path / "i.db")
    assert code == 1
    assert "1 new, 0 new versions, 0 unchanged, 1 failed" in err


@pytest.mark.parametrize("alias", HOSTILE)
def test_watchlist_load_and_info_show_a_hostile_alias_as_written(wide: None, tmp_path: Path, alias: str) -> None:
    sdn, alt = tmp_path / "sdn.csv", tmp_path / "alt.csv"
    sdn.write_text(SDN, encoding="utf-8")
    alt.write_text(f'999,3,aka,"{alias}",-0- \n', encoding="utf-8")
    db = tmp_path / "w.db"
    code, out, _ = run("watchlist", "load", sdn, alt, "--db", db)
    assert code == 0
    assert f"warning: {alt}: alias {alias!r} names unknown entity 999; skipped" in out
    code, out, _ = run("watchlist", "info", "--db", db)
    assert code == 0
    assert f"warning: {alt}: alias {alias!r} names unknown entity 999; skipped" in out


@pytest.mark.parametrize("name", ["m[/x]\nnext line.jsonl"])
def test_group_reports_a_skipped_line_of_a_hostile_file_on_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"id": "a", "text": "One.", "published": "2026-01-01"}\nnot json\n', encoding="utf-8")
    code, out, err = run("group", path)
    assert code == 1
    assert '"id": "a"' in out
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and printable(str(path)) in skipped[0]


# Item 13: a damaged or read-only store gives one line


def _damage(db: Path, table: str) -> None:
    """Overwrite the first page of ``table``'s tree with a fixed pattern (the schema stays readable)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsgraph: error: ")
    return lines[0]




@pytest.mark.parametrize(
    ("table", "command"),
    [("documents", ["documents"]), ("documents", ["summary"]), ("documents_fts_data", ["search", "Kenya"])],
    ids=lambda v: v[0] if isinstance(v, list) else v,
)
def test_a_damaged_store_gives_one_line_naming_it(tmp_path: Path, table: str, command: list[str]) -> None:
    db = tmp_path / "d.db"
    with Store.open(db) as store:
        store.save(hand_built())
    _damage(db, table)
    code, _, err = run(*command, "--db", db)
    assert code == StoreError.exit_code
    line = _one_error_line(err)
    assert str(db) in line and "restore it from a copy" in line


@pytest.mark.parametrize("list_text", ['101,1,aka,"KHALEDI, Amir",-0- \n'])
def test_a_read_only_store_refusing_a_list_gives_one_line(tmp_path: Path, list_text: str) -> None:
    db = tmp_path / "r.db"
    Store.open(db).close()
    sdn, alt = tmp_path / "sdn.csv", tmp_path / "alt.csv"
    sdn.write_text(SDN, encoding="utf-8")
    alt.write_text(list_text, encoding="utf-8")
    code, _, err = run("watchlist", "load", sdn, alt, "--db", f"sqlite:///file:{db}?mode=ro&uri=true")
    assert code == StoreError.exit_code
    assert "read-only" in _one_error_line(err)


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Kenya and Ethiopia met in Nairobi on Monday, the ministry said.\n"])
def test_ingest_into_a_read_only_store_gives_one_line_without_the_text(tmp_path: Path, text: str) -> None:
    db = tmp_path / "r.db"
    Store.open(db).close()
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    code, _, err = run("ingest", story, "--db", f"sqlite:///file:{db}?mode=ro&uri=true")
    assert code == StoreError.exit_code
    line = _one_error_line(err)
    assert "readonly" in line and "Nairobi" not in line


# The one-line helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [("m[/x]", "m[/x]"), ("a\nb", "a\\nb"), ("\x1b[31mred", "\\x1b[31mred"), ("bad\udcffname", "bad\\udcffname")],
)
def test_printable_shows_control_characters_as_escapes(value: str, expected: str) -> None:
    assert printable(value) == expected


@pytest.mark.parametrize(
    "message",
    [
        "(sqlite3.OperationalError) attempt to write a readonly database\n"
        "[SQL: INSERT INTO documents (id, text) VALUES (?, ?)]\n[parameters: ('d1', 'The secret text.')]"
    ],
)
def test_a_driver_error_is_its_first_line(message: str) -> None:
    error = StoreError.from_driver(Exception(message), "news.db")
    assert "secret" not in str(error) and "\n" not in str(error)
    assert str(error).startswith("the store news.db could not be used: (sqlite3.OperationalError) attempt to write")
    assert "read-only" in str(error)


# Properties


@settings(max_examples=50, deadline=None)
@given(value=MARKUPISH)
@example(value="[/x]")
def test_any_cell_is_printed_as_written(wide: None, value: str) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        output.print_table([{"v": value}], [("v", "v")])
    assert value.strip() in out.getvalue()


@settings(max_examples=50, deadline=None)
@given(
    before=PLAIN,
    word=st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="[]<>"), min_size=1, max_size=12
    ),
    after=PLAIN,
)
def test_a_snippet_keeps_its_text_and_marks_the_hit(before: str, word: str, after: str) -> None:
    snippet = f"{before.replace('<b>', '')} [{word}] {after.replace('<b>', '')}"
    shown = output.highlighted(snippet)
    assert shown.plain == snippet
    start = snippet.index(f" [{word}] ", len(before.replace("<b>", ""))) + 1
    assert any(s.start <= start and s.end >= start + len(word) + 2 and s.style == output.HIT_STYLE for s in shown.spans)


@settings(max_examples=50, deadline=None)
@given(origin=st.text(max_size=40), reason=st.text(max_size=40))
def test_a_failure_is_one_line_naming_the_input(wide: None, origin: str, reason: str) -> None:
    err = io.StringIO()
    with redirect_stderr(err):
        output.report_failure(InputError(origin, reason))
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"failed {printable(origin)}".rstrip())


@settings(max_examples=100, deadline=None)
@given(value=st.text(max_size=60))
def test_one_line_is_one_line_without_control_characters(value: str) -> None:
    shown = one_line(value)
    assert len(shown.splitlines()) <= 1
    assert not [ch for ch in shown if unicodedata.category(ch) in ("Cc", "Cs")]
    if not [ch for ch in value if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")]:
        assert printable(value) == value


@settings(max_examples=25, deadline=None)
@given(title=MARKUPISH.filter(lambda t: t.strip()))
@example(title=":smile: [/x]")
def test_any_title_is_shown_by_show(wide: None, tmp_path_factory: pytest.TempPathFactory, title: str) -> None:
    db = tmp_path_factory.mktemp("title") / "t.db"
    with Store.open(db) as store:
        store.save(doc("Some text about water.", id="t1", title=title))
    code, out, err = run("show", "t1", "--db", db)
    assert (code, err) == (0, "")
    assert title.strip() in out


# The one escaping point

CLI = Path(__file__).resolve().parents[2] / "newsgraph" / "cli"


@pytest.mark.parametrize("name", ["console", "errors"])
@pytest.mark.parametrize("value", ["[bold]x[/bold] :smile: [/x]"])
def test_the_consoles_print_markup_and_emoji_codes_as_written(wide: None, name: str, value: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        getattr(output, name).print(value)
    assert value in out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    "module", sorted(p.name for p in CLI.glob("*.py") if p.name != "output.py"), ids=str
)
def test_no_command_reads_markup(module: str) -> None:
    source = (CLI / module).read_text(encoding="utf-8")
    assert "rich.markup" not in source and "markup=True" not in source
