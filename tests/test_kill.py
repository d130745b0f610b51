"""A real SIGKILL of a real `newsgraph ingest` process, at several moments: the database stays
consistent, and a re-run completes the work with every document stored exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"
N_DOCS = 300
BATCH = 8

CITIES = ["OSLO", "LIMA", "HANOI", "RIGA", "ACCRA", "QUITO", "SOFIA", "DAKAR", "TUNIS", "BERN", "SUVA", "MINSK"]
COUNTRIES = ["Norway", "Peru", "Vietnam", "Latvia", "Ghana", "Ecuador", "Bulgaria", "Senegal", "Tunisia"]
PEOPLE = ["Maria Olsen", "Jorge Quispe", "Tran Van Minh", "Ilze Berzina", "Kofi Mensah", "Ana Torres", "Ivan Petrov"]
BODIES = ["the World Bank", "the United Nations", "the European Union", "the African Union", "UNICEF", "NATO"]
THINGS = ["bridges", "schools", "clinics", "wind farms", "ferries", "rail lines", "water plants", "ports"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def story(k: int) -> str:
    """A short wire story of our own, different for every k."""
    city, country = CITIES[k % len(CITIES)], COUNTRIES[(k * 7) % len(COUNTRIES)]
    person, body = PEOPLE[(k * 3) % len(PEOPLE)], BODIES[(k * 5) % len(BODIES)]
    thing, month, day = THINGS[(k * 11) % len(THINGS)], MONTHS[k % 12], 1 + k % 28
    return (
        f"{city}, {month} {day} (NWS) - {person}, a minister of {country}, said on Tuesday that "
        f"{10 + k} {thing} would be repaired with help from {body} before the end of 2026.\n\n"
        f"The plan, number {k}, was announced after talks with {body} in {city.title()}, "
        f"officials said. Critics in {country} said the money could run out by March 2027.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill-corpus")
    for k in range(N_DOCS):
        (folder / f"story-{k:03d}.txt").write_text(story(k), encoding="utf-8")
    return folder


def ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(NEWSGRAPH), "ingest", str(folder), "--db", str(db), "--batch-size", str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored_count(db: Path) -> int:
    """Documents committed so far, read by another connection while the ingest writes."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int]]:
    """Content hash -> (mentions, entities) from an ingest that was not interrupted."""
    db = tmp_path_factory.mktemp("kill-ref") / "ref.db"
    proc = ingest(corpus, db)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return per_document(db)


def per_document(db: Path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT d.content_hash, "
            "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.id), "
            "(SELECT count(*) FROM entities e WHERE e.doc_id = d.id) FROM documents d"
        ).fetchall()
    return {h: (m, e) for h, m, e in rows}


CHILD_TABLES = ["mentions", "entities", "dates", "claims", "events", "event_args", "relations"]


def check_consistent(db: Path, reference: dict[str, tuple[int, int]]) -> int:
    """Every check a killed ingest must pass; returns the number of documents stored."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # the full-text index matches the documents table exactly
        conn.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES('integrity-check', 1)")
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM documents_fts_docsize").fetchone()[0] == n
        assert (
            conn.execute("SELECT count(*) FROM documents d LEFT JOIN documents_fts_docsize f ON f.id = d.seq "
                         "WHERE f.id IS NULL").fetchone()[0]
            == 0
        )  # fmt: skip
        for table in CHILD_TABLES:
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} orphan rows in {table}"
        # every mention's entity exists in its document, and every entity's mentions exist
        dangling = conn.execute(
            "SELECT count(*) FROM mentions m WHERE m.entity IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM entities e WHERE e.doc_id = m.doc_id AND e.id = m.entity)"
        ).fetchone()[0]
        assert dangling == 0
        dangling = conn.execute(
            "SELECT count(*) FROM entities e, json_each(e.mentions) j WHERE NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.doc_id = e.doc_id AND m.id = j.value)"
        ).fetchone()[0]
        assert dangling == 0
        # no document twice
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0] == n
    # each stored document has all its records: as many as the uninterrupted run stored for it
    found = per_document(db)
    for digest, counts in found.items():
        assert digest in reference
        assert counts == reference[digest], f"document {digest[:12]} stored partly: {counts} != {reference[digest]}"
        assert counts[0] > 0 and counts[1] > 0  # every story names people and places
    return int(n)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kill_at", "delay"),
    [(1, 0.0), (N_DOCS // 3, 0.05), (2 * N_DOCS // 3, 0.13)],
    ids=["first-batch", "a-third", "two-thirds"],
)
def test_sigkill_during_ingest_leaves_a_consistent_store_and_a_rerun_completes(
    corpus: Path, reference: dict[str, tuple[int, int]], tmp_path: Path, kill_at: int, delay: float
) -> None:
    """Killed as soon as ``kill_at`` documents are seen, plus ``delay`` seconds (to land at
    different points of the next batch: extracting, writing, committing)."""
    assert len(reference) == N_DOCS
    db = tmp_path / "killed.db"
    proc = ingest(corpus, db)
    deadline = time.monotonic() + 300
    seen = 0
    while seen < kill_at:
        assert proc.poll() is None, f"the ingest ended before the kill, at {seen} documents"
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.01)
        seen = stored_count(db)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stderr.close()

    at_kill = check_consistent(db, reference)
    assert kill_at <= at_kill < N_DOCS
    assert at_kill % BATCH == 0, f"{at_kill} documents: a batch of {BATCH} was stored in part"

    rerun = subprocess.run(
        [str(NEWSGRAPH), "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr
    report = next(line for line in rerun.stderr.splitlines() if " new versions, " in line)
    after = check_consistent(db, reference)
    print(
        f"\nkill when >= {kill_at} stored (+{delay:.2f} s): {seen} seen by the poller, "
        f"{at_kill} stored after the kill; "
        f"re-run: {report.split(';')[0]}; {after} stored in the end"
    )
    assert after == N_DOCS
    assert f"{N_DOCS - at_kill} new, 0 new versions, {at_kill} unchanged, 0 failed" in report
    assert per_document(db) == reference
