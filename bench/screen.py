"""Screening speed: one name against the UN and OFAC lists, and every actor of a news store.

    .venv/bin/python bench/screen.py                # lists from ../shared/data/sanctions
    .venv/bin/python bench/screen.py --actors 20000 # + distinct capitalised n-grams of the BBC corpus
    .venv/bin/python bench/screen.py --db newsgraph.db  # + every actor stored in a real store

Prints the load and index times, the median and 95th-percentile milliseconds per screened
name, and the wall time for the actor set.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from eval.harness import shared_dir
from newsgraph.watchlist.matcher import MATCH_THRESHOLD
from newsgraph.watchlist.screen import Screener
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=0, help="Also screen this many BBC-corpus names.")
    parser.add_argument("--db", help="Also screen every actor stored in this newsgraph store.")
    args = parser.parse_args()
    folder = shared_dir() / "data" / "sanctions"
    start = time.perf_counter()
    lists = read_lists(sorted(Path(folder).iterdir()))
    loaded = time.perf_counter()
    screener = Screener([e for lst in lists for e in lst.entries])
    indexed = time.perf_counter()
    print(
        f"lists: {', '.join(f'{lst.list} {len(lst.entries):,}' for lst in lists)}; parse {loaded - start:.2f} s, "
        f"index {indexed - loaded:.2f} s ({len(screener.variants):,} names and aliases)"
    )
    timed(screener, NAMES)  # warm the caches the way a long run would
    report("named actors (warm)", *timed(screener, NAMES * 4))
    if args.actors:
        names = corpus_names(args.actors)
        report("BBC capitalised n-grams", *timed(screener, names))
    if args.db:
        from newsgraph.store import Store
        from newsgraph.watchlist.actors import screen_actors

        with Store.open(args.db, create=False) as store:
            begin = time.perf_counter()
            found = screen_actors(store.engine, screener, threshold=MATCH_THRESHOLD)
            print(f"store actors: {len(found):,} hits in {time.perf_counter() - begin:.1f} s")


if __name__ == "__main__":
    main()
