"""Opening a store to read never creates, migrates or changes anything: a missing store, a file
that is not a newsgraph store and a store of an older schema are refused with one line, and
another program's SQLite file is left byte for byte as it was, through every command that reads."""

from __future__ import annotations

import sqlite3
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete, inspect, text

from newsgraph.cli import main
from newsgraph.errors import StoreError
from newsgraph.records import Document, Extraction
from newsgraph.store import Store
from newsgraph.store.migrations import MIGRATIONS, schema_version
from newsgraph.store.store import engine_url


def other_program(path: Path, journal: str = "delete") -> Path:
    """Another program's SQLite database: a table of its own, some rows, its own journal mode."""
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
        conn.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
        conn.executemany("INSERT INTO bookmarks (url) VALUES (?)", [("https://example.org",), ("https://x.test",)])
    conn.close()
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("create", [False, True], ids=["read", "create"])
def test_another_programs_database_is_refused_and_left_byte_for_byte(
    tmp_path: Path, journal: str, create: bool
) -> None:
    db = other_program(tmp_path / "bookmarks.db", journal)
    before = files(tmp_path)
    refused = r"bookmarks\.db is not a newsgraph store \(it holds other tables: bookmarks\)"
    with pytest.raises(StoreError, match=refused):
        Store.open(db, create=create)
    assert files(tmp_path) == before  # no table, no journal switch, no -wal or -shm left beside it


@pytest.mark.parametrize("columns", ["version INTEGER, note TEXT"])
def test_another_programs_schema_version_table_does_not_make_a_file_ours(tmp_path: Path, columns: str) -> None:
    db = tmp_path / "theirs.db"
    with sqlite3.connect(db) as conn:
        conn.execute(f"CREATE TABLE schema_version ({columns})")
        conn.execute("INSERT INTO schema_version VALUES (1, 'their first migration')")
    conn.close()
    before = files(tmp_path)
    for create in (False, True):
        with pytest.raises(StoreError, match=r"is not a newsgraph store \(it holds other tables: schema_version\)"):
            Store.open(db, create=create)
    assert files(tmp_path) == before


@pytest.mark.parametrize("content", [b"", None], ids=["empty-file", "database-without-tables"])
def test_a_file_without_a_store_is_not_made_one_by_a_read(tmp_path: Path, content: bytes | None) -> None:
    db = tmp_path / "blank.db"
    if content is None:
        sqlite3.connect(db).close()  # a SQLite file with nothing in it
    else:
        db.write_bytes(content)
    before = files(tmp_path)
    with pytest.raises(StoreError, match=r"^no newsgraph store in .*blank\.db: run `newsgraph ingest PATH --db"):
        Store.open(db, create=False)
    assert files(tmp_path) == before


@pytest.mark.parametrize("kind", ["folder"])
def test_a_folder_is_not_a_store(tmp_path: Path, kind: str) -> None:
    with pytest.raises(StoreError, match=r"it is a folder"):
        Store.open(tmp_path, create=False)


def _older(db: Path) -> list[int]:
    """Make ``db`` a store of the previous schema version (as far as its version table says)."""
    with Store.open(db) as s, s.engine.begin() as conn:
        conn.execute(delete(schema_version).where(schema_version.c.version == MIGRATIONS[-1].version))
        return [r[0] for r in conn.execute(text("SELECT version FROM schema_version ORDER BY version"))]


@pytest.mark.parametrize("offset", [1])
def test_a_store_of_an_older_schema_is_not_migrated_by_a_read(tmp_path: Path, offset: int) -> None:
    db = tmp_path / "old.db"
    versions = _older(db)
    asked = r"older than this newsgraph's .* run `newsgraph ingest PATH --db .*old\.db` once"
    with pytest.raises(StoreError, match=asked):
        Store.open(db, create=False)
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == versions
    conn.close()
    Store.open(db).close()  # what the message says to do: a store command upgrades it
    Store.open(db, create=False).close()


@pytest.mark.parametrize("create", [False, True], ids=["read", "create"])
def test_a_current_store_opens_for_reading_and_writing(tmp_path: Path, create: bool) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as s:
        s.save(Extraction(document=Document(id="d1", text="Dock workers walked off the job in Lagos.")))
    with Store.open(db, create=create) as s, s.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 1


@pytest.mark.parametrize("create", [False, True], ids=["read", "create"])
def test_a_store_whose_tables_are_still_only_in_its_wal_opens(tmp_path: Path, create: bool) -> None:
    db = tmp_path / "young.db"
    holder = sqlite3.connect(db)  # another process's connection: no checkpoint while it is open
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("SELECT count(*) FROM sqlite_master").fetchall()  # it has the WAL open now
    try:
        Store.open(db).close()
        assert Path(f"{db}-wal").stat().st_size > 0
        with Store.open(db, create=create) as s, s.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 0
    finally:
        holder.close()


READ_COMMANDS = [
    ["summary"],
    ["documents"],
    ["show", "d1"],
    ["search", "lagos"],
    ["claims"],
    ["events"],
    ["relations"],
    ["actors"],
    ["actor", "Lagos"],
    ["network"],
    ["communities"],
    ["path", "Lagos", "Accra"],
    ["timeline", "Lagos"],
    ["stories"],
    ["story", "1"],
    ["export", "--format", "gexf", "-o", "{out}"],
    ["screen", "Lagos"],
    ["watchlist", "info"],
]


def newsgraph(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the real CLI entry point: its exit code and what it wrote to standard error."""
    monkeypatch.setattr(sys, "argv", ["newsgraph", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


@pytest.mark.parametrize("args", READ_COMMANDS, ids=[" ".join(a[:2]) for a in READ_COMMANDS])
def test_every_read_command_refuses_another_programs_database_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    db = other_program(folder / "app.db")
    before = files(folder)
    argv = [a.replace("{out}", str(tmp_path / "net.gexf")) for a in args]
    code, err = newsgraph([*argv, "--db", str(db)], monkeypatch, capsys)
    assert code == 4, err
    assert err.count("\n") == 1 and err.startswith("newsgraph: error: ") and "app.db is not a newsgraph store" in err
    assert files(folder) == before
    assert not (tmp_path / "net.gexf").exists()


@pytest.mark.parametrize("args", [["summary"], ["documents"]], ids=["summary", "documents"])
def test_a_read_command_on_a_missing_store_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, err = newsgraph([*args, "--db", str(tmp_path / "absent.db")], monkeypatch, capsys)
    assert code == 4 and "no store at" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("journal", ["delete"])
def test_the_web_app_refuses_another_programs_database_untouched(tmp_path: Path, journal: str) -> None:
    from newsgraph.web.app import create_app

    db = other_program(tmp_path / "app.db", journal)
    before = files(tmp_path)
    with pytest.raises(StoreError, match="is not a newsgraph store"):
        create_app(str(db), warm=False)
    assert files(tmp_path) == before


@pytest.mark.slow
@pytest.mark.parametrize("foreign", [False, True], ids=["empty-database", "database-with-our-table-names"])
def test_postgresql_read_open_creates_nothing(postgresql_url: str, foreign: bool) -> None:
    name = f"read_{uuid.uuid4().hex[:8]}"
    admin = create_engine(engine_url(postgresql_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = postgresql_url.rsplit("/", 1)[0] + "/" + name
    engine = create_engine(engine_url(url))
    if foreign:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE documents (id text)"))
    with pytest.raises(StoreError, match="is not a newsgraph store" if foreign else "no newsgraph store in"):
        Store.open(url, create=False)
    if foreign:
        with pytest.raises(StoreError, match="is not a newsgraph store"):
            Store.open(url)  # nor is one made beside a table of the same name
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == (["documents"] if foreign else [])
    engine.dispose()


# Property: whatever another program keeps in its SQLite file, opening it changes no byte

names = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True).filter(lambda n: not n.startswith("sqlite"))


@settings(max_examples=25, deadline=None)
@given(
    tables=st.lists(names, min_size=1, max_size=4, unique=True),
    values=st.lists(st.text(max_size=30) | st.integers(-(2**63), 2**63 - 1) | st.binary(max_size=30), max_size=5),
    journal=st.sampled_from(["delete", "truncate", "persist", "wal"]),
    create=st.booleans(),
)
def test_opening_any_foreign_sqlite_file_changes_no_byte(
    tmp_path_factory: pytest.TempPathFactory, tables: list[str], values: list[object], journal: str, create: bool
) -> None:
    folder = tmp_path_factory.mktemp("foreign")
    db = folder / "their.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA journal_mode={journal}")
    for t in tables:
        conn.execute(f'CREATE TABLE "{t}" (v)')
        conn.executemany(f'INSERT INTO "{t}" VALUES (?)', [(v,) for v in values])
    conn.commit()
    conn.close()
    before = files(folder)
    with pytest.raises(StoreError, match="is not a newsgraph store"):
        Store.open(db, create=create)
    assert files(folder) == before
