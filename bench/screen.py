"""Screening speed: one name against the UN and OFAC lists, and every actor of a news store.

    .venv/bin/python bench/screen.py                      # lists from ../shared/data/sanctions
    .venv/bin/python bench/screen.py --actors 20000       # + distinct capitalised n-grams of the BBC corpus
    .venv/bin/python bench/screen.py --db /tmp/bench-2000.db  # + every actor of a real store
    .venv/bin/python bench/screen.py --generate 200000    # only: a made-up list of 200,000 rows

The store for the issue's figure holds 2,000 BBC articles with the lists loaded (``screen --actors``
rewrites its ``watchlist_hits``)::

    newsgraph ingest DIR_OF_2000_ARTICLES --db /tmp/bench-2000.db --workers 2
    newsgraph watchlist load ../shared/data/sanctions/* --db /tmp/bench-2000.db

Prints, each with wall and CPU seconds (the machine may be shared: CPU time is the steadier
figure) and the load average:

- parsing the lists and building the index; the index written to and read back from a store's cache;
- median and 95th-percentile milliseconds per screened name (named actors, then corpus n-grams);
- for ``--generate N``: a made-up OFAC sdn.csv of N rows (syllable names, a fifth of the words
  shared by thousands of names) loaded into a new store and one name screened against it, each
  step in a child process so that its peak memory is its own (issue 16: 1,000,000 rows took 65 s
  and 2.3 GB to load, the screen 255 s and 7 GB);
- for ``--db``: the whole store as ``newsgraph screen --actors`` does it (index from the store's
  cache, each distinct name compared once, candidates that cannot reach the threshold skipped,
  hits written in one transaction) against the baseline in the same run: the index built afresh
  and every actor screened on its own, every blocked candidate compared (the way it was done
  before the cache and the score bound). Both must give the same hits.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: eval.harness

from eval.harness import shared_dir
from newsgraph.store.watchlist import WatchlistEntry
from newsgraph.watchlist.matcher import MATCH_THRESHOLD
from newsgraph.watchlist.normalise import normalise
from newsgraph.watchlist.screen import Hit, Screener
from newsgraph.watchlist.sources import read_lists

NAMES = [
    "Lashkar-e-Taiba",
    "LeT",
    "Jaish-e-Mohammad",
    "JeM",
    "Hamas",
    "Lashkar-e-Jhangvi",
    "Imran Khan",
    "Hafiz Saeed",
    "Osama bin Laden",
    "Vladimir Putin",
    "Shehbaz Sharif",
    "Al-Qaeda",
    "Islamic State",
    "Hizbullah",
    "Taliban",
    "Tehrik-e-Taliban Pakistan",
    "Asim Munir",
    "Masood Azhar",
    "Dawood Ibrahim",
    "Rosneft",
    "Bank Melli",
    "Kim Jong Un",
    "Ayman al-Zawahiri",
    "Haqqani Network",
    "Jamaat-ud-Dawa",
]
_CAPITALISED = re.compile(r"\b(?:[A-Z][a-z]+(?:[ -](?:al|el|bin|de|e|i|of|the|ul)?[ -]?[A-Z][a-z]+){0,3})\b")
T = TypeVar("T")


def clock(f: Callable[[], T]) -> tuple[T, float, float]:
    """``f()``, its wall seconds and its CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = f()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def corpus_names(limit: int) -> list[str]:
    """Distinct capitalised n-grams (1-4 words) from the BBC corpus, in a stable order."""
    seen: dict[str, None] = {}
    for path in sorted((shared_dir() / "corpus" / "bbc").rglob("*.txt")):
        for m in _CAPITALISED.finditer(path.read_text(encoding="utf-8", errors="replace")):
            seen.setdefault(m.group(0), None)
            if len(seen) >= limit:
                return list(seen)
    return list(seen)


def timed(screener: Screener, names: list[str]) -> tuple[list[float], int]:
    times, hits = [], 0
    for name in names:
        start = time.perf_counter()
        hits += len(screener.screen(name, threshold=MATCH_THRESHOLD))
        times.append((time.perf_counter() - start) * 1000)
    return times, hits


def report(label: str, times: list[float], hits: int) -> None:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    print(
        f"{label}: {len(times):,} names, median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, "
        f"total {sum(times) / 1000:.1f} s, {hits:,} hits >= {MATCH_THRESHOLD}"
    )


def naive_screen(screener: Screener, name: str, kind: str | None, limit: int) -> list[Hit]:
    """The baseline: one actor at a time, every blocked candidate compared (no score bound)."""
    query = normalise(name)
    if not query.tokens:
        return []
    return screener.hits(screener.comparisons(query), kind=kind, limit=limit, threshold=MATCH_THRESHOLD)


def cache_round_trip(entries: list[WatchlistEntry]) -> None:
    """Build the index into a new store's cache, then read it back as a second run would."""
    from newsgraph.store import Store
    from newsgraph.watchlist.index_cache import screener_for

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "cache.db") as store:
        engine = store.engine
        first, wall, cpu = clock(lambda: screener_for(engine, entries))
        print(f"index into a store's cache: {wall:.2f} s wall, {cpu:.2f} s CPU (cached: {first.cached})")
        second, wall, cpu = clock(lambda: screener_for(engine, entries))
        print(f"index read from the cache: {wall:.2f} s wall, {cpu:.2f} s CPU (cached: {second.cached})")


def whole_store(db: str) -> None:
    """``newsgraph screen --actors`` on ``db``, then the baseline on the same actors."""
    from newsgraph.store import Store
    from newsgraph.store.documents import count_documents
    from newsgraph.watchlist.actors import SCREENED_KINDS, screen_actors, stored_actors
    from newsgraph.watchlist.index_cache import screener_for
    from newsgraph.watchlist.storage import load_entries

    with Store.open(db, create=False) as store:
        engine = store.engine
        actors = stored_actors(engine)
        documents = count_documents(engine)
        print(f"store {db}: {documents:,} current documents, {len(actors):,} actors screened ({load()})")

        def fast() -> tuple[list[tuple[str, str, str, str, float]], bool]:
            cached = screener_for(engine, load_entries(engine))
            found = screen_actors(engine, cached.screener, threshold=MATCH_THRESHOLD)
            rows = [(f.actor.name, f.actor.kind, f.hit.entry.list, f.hit.entry.entry_id, f.hit.score) for f in found]
            return rows, cached.cached

        for _ in range(2):  # the first run may build the index and cache it, the second reads it
            (new, cached), wall, cpu = clock(fast)
            print(
                f"screen --actors (index {'from the cache' if cached else 'built and cached'}): {len(new):,} hits, "
                f"{wall:.1f} s wall, {cpu:.1f} s CPU ({load()})"
            )

        def baseline() -> list[tuple[str, str, str, str, float]]:
            screener = Screener(load_entries(engine))
            out = []
            for a in actors:
                for h in naive_screen(screener, a.name, SCREENED_KINDS.get(a.kind), 3):
                    out.append((a.name, a.kind, h.entry.list, h.entry.entry_id, h.score))
            return out

        old, old_wall, old_cpu = clock(baseline)
        print(
            f"baseline (index built, one actor at a time, every candidate compared): {len(old):,} hits, "
            f"{old_wall:.1f} s wall, {old_cpu:.1f} s CPU ({load()})"
        )
        print(f"same hits: {'yes' if old == new else 'NO'}; CPU {old_cpu / max(cpu, 1e-9):.1f}x less")


_SYLLABLES = ("ka", "ra", "mi", "to", "lu", "sa", "fe", "no", "da", "ri", "ha", "zu")
_SYLLABLES += ("be", "qi", "jo", "la", "ne", "vo", "ch", "sh", "al", "om", "ir", "ud")
_ORGWORDS = ("TRADING", "GROUP", "COMPANY", "LIMITED", "BANK")


def generate_list(path: Path, rows: int, seed: int = 16) -> None:
    """A made-up OFAC sdn.csv: three-word people (60%) and companies named with a common word."""
    import random

    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).upper()

    with path.open("w", encoding="utf-8") as fh:
        for k in range(1, rows + 1):
            if rng.random() < 0.6:
                name, kind = f'"{word()}, {word()} {word()}"', "individual"
            else:
                name, kind = (
                    f"{word()} {rng.choice(_ORGWORDS)} {word()}",
                    "-0- ",
                )
            fh.write(f'{k},{name},{kind},SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970; nationality Iran."\n')


def _step(code: str) -> tuple[float, float]:
    """Run ``code`` in a child Python: its wall seconds and peak memory in MB."""
    import resource
    import subprocess

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    return wall, peak_kb / 1024


def generated(rows: int, name: str = "Riqino Kaqiom") -> None:
    """Load a made-up list of ``rows`` rows into a new store, then screen one name against it twice."""
    with tempfile.TemporaryDirectory() as folder:
        csv, db = Path(folder) / "sdn.csv", Path(folder) / "list.db"
        generate_list(csv, rows)
        print(f"made-up list: {rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB ({load()})")
        load_code = (
            "from newsgraph.store import Store; from newsgraph.watchlist.sources import read_lists;"
            "from newsgraph.watchlist.storage import replace_list; from pathlib import Path\n"
            f"with Store.open({str(db)!r}) as s:\n"
            f"    [replace_list(s.engine, x) for x in read_lists([Path({str(csv)!r})])]"
        )
        wall, peak = _step(load_code)
        print(f"load: {wall:.1f} s wall, peak {peak:,.0f} MB")
        screen_code = (
            "from newsgraph.store import Store; from newsgraph.watchlist.index_cache import screener_for;"
            "from newsgraph.watchlist.storage import load_entries\n"
            f"with Store.open({str(db)!r}, create=False) as s:\n"
            f"    c = screener_for(s.engine, load_entries(s.engine)); print(len(c.screener.screen({name!r})), 'hits')"
        )
        for label in ("index built and cached", "index from the cache"):
            wall, peak = _step(screen_code)
            print(f"screen one name ({label}): {wall:.1f} s wall, peak so far {peak:,.0f} MB ({load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=0, help="Also screen this many BBC-corpus names.")
    parser.add_argument("--db", help="Also screen every actor stored in this newsgraph store (rewrites its hits).")
    parser.add_argument("--generate", type=int, default=0, help="Only: load a made-up list of this many rows.")
    args = parser.parse_args()
    print(load())
    if args.generate:
        generated(args.generate)
        return
    folder = shared_dir() / "data" / "sanctions"
    lists, wall, cpu = clock(lambda: read_lists(sorted(Path(folder).iterdir())))
    print(f"lists: {', '.join(f'{lst.list} {len(lst.entries):,}' for lst in lists)}; parse {wall:.2f} s wall")
    entries = [e for lst in lists for e in lst.entries]
    screener, wall, cpu = clock(lambda: Screener(entries))
    print(f"index build: {wall:.2f} s wall, {cpu:.2f} s CPU ({len(screener.variants):,} names and aliases)")
    cache_round_trip(entries)
    timed(screener, NAMES)  # warm the caches the way a long run would
    report("named actors (warm)", *timed(screener, NAMES * 4))
    if args.actors:
        report("BBC capitalised n-grams", *timed(screener, corpus_names(args.actors)))
    if args.db:
        whole_store(args.db)
    print(load())


if __name__ == "__main__":
    main()
