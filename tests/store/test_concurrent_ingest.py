"""Two real ``newsgraph ingest`` processes at once, into one fresh store, with overlapping inputs:
each document is stored exactly once, with its records once, resolved once and in one story,
and both runs succeed.

Both processes start on the overlap, in the same order, so they extract and try to store the
same documents at the same moment (and both create the schema of the empty database).
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from newsgraph.ingest.document import content_hash
from newsgraph.store import Store, schema
from newsgraph.store.actors import actor_documents, actors
from newsgraph.store.store import engine_url
from newsgraph.store.stories import stories, story_articles

PEOPLE = ["Amara Okafor", "Lukas Berzins", "Maria Santos", "Nguyen Van Minh", "Ingrid Sveinsdottir"]
ORGS = ["the Ministry of Transport", "the Port Authority", "the Dockworkers Union", "the Central Bank"]
CITIES = ["Lagos", "Riga", "Manila", "Hanoi", "Reykjavik", "Nairobi", "Santiago"]
NEWSGRAPH = "from newsgraph.cli import main; main()"  # the CLI, with this interpreter
MONTHS = ["January", "February", "March", "April", "May"]


def _story(k: int) -> str:
    """Story number ``k``: a dateline, a named speaker, a quote and an event; unique text per k."""
    person = PEOPLE[k % len(PEOPLE)]
    surname = person.split()[-1]
    city = CITIES[k % len(CITIES)]
    return (
        f"{city.upper()}, {MONTHS[k % len(MONTHS)]} {k % 27 + 1} - {person}, a spokesperson for "
        f"{ORGS[k % len(ORGS)]}, said on Monday that round {k} of talks with {CITIES[(k + 3) % len(CITIES)]} "
        f"would resume next week.\n\n"
        f'"We expect to sign an agreement on {k + 2} new shipping routes," {surname} told reporters in {city}.\n\n'
        f"Police arrested {k + 3} protesters outside the offices of {ORGS[(k + 1) % len(ORGS)]} on Tuesday.\n"
    )


def _write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    files = []
    for k in range(1, n + 1):
        path = folder / f"story-{k:02d}.txt"
        path.write_text(_story(k), encoding="utf-8")
        files.append(path)
    return files


def _fresh_postgresql(server_url: str) -> str:
    """A new, empty database on the test server, so both processes also race to create the schema."""
    name = f"concurrent_{uuid.uuid4().hex[:8]}"
    engine = create_engine(engine_url(server_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


def _ingest(files: list[Path], db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", NEWSGRAPH, "ingest", *map(str, files), "--db", db, "--batch-size", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
@pytest.mark.parametrize(("first", "second", "total"), [((1, 30), (15, 45), 45)])
def test_two_ingests_of_overlapping_inputs_at_once_store_each_document_once(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    backend: str,
    first: tuple[int, int],
    second: tuple[int, int],
    total: int,
) -> None:
    db = (
        _fresh_postgresql(request.getfixturevalue("postgresql_url"))
        if backend == "postgresql"
        else str(tmp_path / "shared.db")
    )
    files = _write_corpus(tmp_path / "corpus", total)
    overlap = files[second[0] - 1 : first[1]]
    # Both start on the overlap, in the same order, then go on to the documents only they have.
    runs = [
        _ingest(overlap + files[first[0] - 1 : second[0] - 1], db),
        _ingest(overlap + files[first[1] : second[1]], db),
    ]
    outputs = [p.communicate(timeout=240)[0] for p in runs]
    for p, out in zip(runs, outputs, strict=True):
        assert p.returncode == 0, out

    expected = {content_hash(f.read_text(encoding="utf-8")) for f in files}
    with Store.open(db) as store, store.engine.connect() as conn:
        docs = schema.documents
        hashes = [r[0] for r in conn.execute(select(docs.c.content_hash))]
        assert sorted(hashes) == sorted(expected), "a document is missing or stored twice"
        assert conn.execute(select(func.count()).where(docs.c.current.is_(False))).scalar_one() == 0
        doc_ids = [r[0] for r in conn.execute(select(docs.c.id))]
        assert not [i for i in doc_ids if "@" in i], "a document was stored again as another version or id"
        for table in (schema.entities, schema.claims, schema.mentions, schema.events):
            with_rows = {r[0] for r in conn.execute(select(table.c.doc_id).distinct())}
            rows = conn.execute(select(func.count()).select_from(table)).scalar_one()
            distinct = conn.execute(
                select(func.count()).select_from(select(table.c.doc_id, table.c.id).distinct().subquery())
            ).scalar_one()
            assert rows == distinct, f"duplicate rows in {table.name}"
            if table.name in {"entities", "claims"}:
                assert with_rows == set(doc_ids), f"a document has no {table.name}"
        # What runs after each stored batch, reading and updating state the two processes share:
        # every document resolved once and in exactly one story, and no actor created twice.
        assert sorted(r[0] for r in conn.execute(select(actor_documents.c.doc_id))) == sorted(doc_ids)
        assert sorted(r[0] for r in conn.execute(select(story_articles.c.doc_id))) == sorted(doc_ids)
        assert conn.execute(select(func.sum(stories.c.articles))).scalar_one() == total
        # A full personal name is one actor across documents however the two runs interleave
        # (a surname alone or a generic name such as "Central Bank" rightly joins nothing).
        names = [(r.name, r.kind) for r in conn.execute(select(actors.c.name, actors.c.kind))]
        full = [n for n in names if n[1] == "person" and len(n[0].split()) > 1]
        assert full and len(full) == len(set(full)), f"actors created twice: {sorted(names)}"
    # The per-document summaries of both runs account for every document exactly once.
    new = sum(int(out.rsplit(" new,", 1)[0].split()[-1]) for out in outputs)
    assert new == total, outputs
