"""Screening speed: one name against the UN and OFAC lists, and every actor of a news store.

    .venv/bin/python bench/screen.py                      # lists from ../shared/data/sanctions
    .venv/bin/python bench/screen.py --actors 20000       # + distinct capitalised n-grams of the BBC corpus
    .venv/bin/python bench/screen.py --db /tmp/bench-2000.db  # + every actor of a real store
    .venv/bin/python bench/screen.py --big                # only: one name at a time against a made-up list
    .venv/bin/python bench/screen.py --big --rows 200000 --baseline-rows 50000

The store for the issue's figure holds 2,000 BBC articles with the lists loaded (``screen --actors``
rewrites its ``watchlist_hits``)::

    newsgraph ingest DIR_OF_2000_ARTICLES --db /tmp/bench-2000.db --workers 2
    newsgraph watchlist load ../shared/data/sanctions/* --db /tmp/bench-2000.db

Prints, each with wall and CPU seconds (the machine may be shared: CPU time is the steadier
figure) and the load average:

- parsing the lists and building the index; the index written to and read back from a store's cache;
- median and 95th-percentile milliseconds per screened name (named actors, then corpus n-grams);
- for ``--big``: a made-up OFAC sdn.csv of ``--rows`` rows (default 1,000,000; syllable names,
  some words shared by thousands of names) loaded into a new SQLite store (entries and their
  screening keys), then 20 names screened one at a time as ``newsgraph screen NAME`` does it,
  through the keys in the store (:func:`~newsgraph.watchlist.screen.screen_stored`): the first
  name (store opened, nothing warm), then the median, 95th percentile and slowest name, with the
  peak RSS above the process's own baseline (the process with its imports done and the store
  open) and the largest traced (tracemalloc) peak of one name. The baseline, in the same run, is
  the in-memory index every entry of which is read (``screen NAME`` before, and ``screen
  --actors`` still), on a list of ``--baseline-rows`` rows (default: the smaller of 100,000 and
  ``--rows``: at a million rows it takes minutes and gigabytes, issue 16: 255 s and 7 GB for one
  name, 107 s and 2.24 GB with the index cached) against the keys on the same list; both must
  give the same hits. Each step runs in a child process of its own, so that its memory is its own.
- for ``--db``: the whole store as ``newsgraph screen --actors`` does it (index from the store's
  cache, each distinct name compared once, candidates that cannot reach the threshold skipped,
  hits written in one transaction) against the baseline in the same run: the index built afresh
  and every actor screened on its own, every blocked candidate compared (the way it was done
  before the cache and the score bound). Both must give the same hits.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

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


def _child(target: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """``target(*args)`` in a new Python process (so that its peak memory is its own)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(target, *args).result()


def _peak_mb() -> float:
    """The process's peak RSS so far, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_child(csv: str, db: str) -> dict[str, Any]:
    """Load the list at ``csv`` into a new store at ``db`` (entries and keys), as ``watchlist load`` does."""
    from newsgraph.store import Store
    from newsgraph.watchlist.storage import replace_list

    start = time.perf_counter()
    with Store.open(db) as store:
        for loaded in read_lists([Path(csv)]):
            replace_list(store.engine, loaded)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def _screen_child(db: str, names: list[str], how: str) -> dict[str, Any]:
    """Screen ``names`` one at a time against the store at ``db``: through its keys (``how`` is
    ``stored``), as ``newsgraph screen NAME`` does it now, or with the in-memory index of every
    entry (``memory``), as it did before: the first name reads every entry and builds the index
    (or reads it from the store's cache), the others use the same index."""
    import tracemalloc

    from newsgraph.store import Store
    from newsgraph.watchlist.index_cache import screener_for
    from newsgraph.watchlist.screen import screen_stored
    from newsgraph.watchlist.storage import load_entries

    with Store.open(db, create=False) as store:
        engine = store.engine
        base = _peak_mb()

        screener: list[Screener] = []

        def one(name: str) -> list[Hit]:
            if how == "stored":
                return screen_stored(engine, name, threshold=MATCH_THRESHOLD)
            if not screener:  # the first name reads every entry and builds or reads the index
                screener.append(screener_for(engine, load_entries(engine)).screener)
            return screener[0].screen(name, threshold=MATCH_THRESHOLD)

        times, found = [], []
        for name in names:
            start = time.perf_counter()
            hits = one(name)
            times.append(time.perf_counter() - start)
            found.append([(h.entry.list, h.entry.entry_id, h.matched_name, round(h.score, 6)) for h in hits])
        peak = _peak_mb()
        traced = []
        if how == "stored":  # each name's own allocations (the in-memory index is measured by its RSS)
            tracemalloc.start()
            for name in names:
                tracemalloc.reset_peak()
                one(name)
                traced.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
    return {"times": times, "hits": found, "base_mb": base, "above_mb": peak - base, "traced_mb": traced}


def big_names(csv: Path, count: int = 20, seed: int = 16) -> list[str]:
    """``count`` names to screen against the made-up list: listed names, some written with a letter
    dropped, and the issue's four organisations (not on the made-up list)."""
    import csv as csv_module
    import random

    rng = random.Random(seed)
    absent = ["Lashkar-e-Taiba", "Jaish-e-Mohammed", "Hamas", "Lashkar-e-Jhangvi"]
    wanted = count - len(absent)
    picked: list[str] = []
    with csv.open(encoding="utf-8") as fh:
        for k, row in enumerate(csv_module.reader(fh)):  # a reservoir sample of the rows' names
            name = row[1]
            if len(picked) < wanted:
                picked.append(name)
            elif (j := rng.randrange(k + 1)) < wanted:
                picked[j] = name
    for k in range(0, wanted, 3):  # every third one as a story might misspell it
        words = picked[k].split()
        w = max(words, key=len)
        words[words.index(w)] = w[:2] + w[3:]
        picked[k] = " ".join(words)
    return picked + absent


def _figures(label: str, result: dict[str, Any]) -> None:
    times = [t * 1000 for t in result["times"]]
    rest = times[1:] or times
    p95 = statistics.quantiles(rest, n=20)[-1] if len(rest) > 1 else rest[0]
    traced = f", largest traced peak of one name {max(result['traced_mb']):.1f} MB" if result["traced_mb"] else ""
    hits = sum(len(h) for h in result["hits"])
    print(
        f"  {label}: first name {times[0]:,.0f} ms, then median {statistics.median(rest):,.1f} ms, "
        f"p95 {p95:,.1f} ms, slowest {max(rest):,.1f} ms; {hits} hits >= {MATCH_THRESHOLD}; peak RSS "
        f"{result['above_mb']:,.0f} MB above the process's baseline ({result['base_mb']:,.0f} MB){traced}"
    )


def big(rows: int, baseline_rows: int) -> None:
    """One name at a time against a made-up list of ``rows`` rows, and the baseline on ``baseline_rows``."""
    with tempfile.TemporaryDirectory() as folder:
        for n in sorted({rows, baseline_rows}, reverse=True):
            csv, db = Path(folder) / f"sdn-{n}.csv", Path(folder) / f"list-{n}.db"
            generate_list(csv, n)
            names = big_names(csv)
            print(f"made-up list: {n:,} rows, {csv.stat().st_size / 1e6:.0f} MB ({load()})")
            loaded = _child(_load_child, str(csv), str(db))
            size = sum(p.stat().st_size for p in Path(folder).glob(f"list-{n}.db*")) / 1e6
            print(f"  load (entries and keys): {loaded['seconds']:,.1f} s wall, peak RSS {loaded['peak_mb']:,.0f} MB")
            print(f"  store: {size:,.0f} MB")
            stored = _child(_screen_child, str(db), names, "stored")
            _figures(f"{len(names)} names through the keys in the store", stored)
            if n != baseline_rows:
                continue
            if n != rows:
                print(f"  (the in-memory baseline on {n:,} rows, not {rows:,}: --baseline-rows to change)")
            for label in ("index built and cached", "index read from the cache"):
                memory = _child(_screen_child, str(db), names, "memory")
                _figures(f"baseline, the in-memory index of every entry ({label} by the first name)", memory)
            print(f"  same hits: {'yes' if memory['hits'] == stored['hits'] else 'NO'} ({load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=0, help="Also screen this many BBC-corpus names.")
    parser.add_argument("--db", help="Also screen every actor stored in this newsgraph store (rewrites its hits).")
    parser.add_argument("--big", action="store_true", help="Only: one name at a time against a made-up list.")
    parser.add_argument("--rows", type=int, default=1_000_000, help="Rows of the made-up list (--big).")
    parser.add_argument("--baseline-rows", type=int, help="Rows for the in-memory baseline (--big; default 100,000).")
    args = parser.parse_args()
    print(load())
    if args.big:
        big(args.rows, args.baseline_rows or min(args.rows, 100_000))
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
