"""Network queries and incremental resolution on a real store: the 2,225 BBC articles plus our own
texts (samples/, tests/data/network/, the wire story).

    .venv/bin/python bench/network.py                      # ingest once (cached per git revision)
    .venv/bin/python bench/network.py --db newsgraph.db    # an existing store (resolved if needed)
    .venv/bin/python bench/network.py --workers 4

The ingested store is cached under ``$TMPDIR/newsgraph-bench/<revision>/`` (ingest takes about
ten minutes on two cores). Prints:

- p50 / p95 milliseconds of ``network --actor`` (depth 1 and 2), ``path`` and ``timeline``, the
  library calls behind the commands, on the most named actors and on a seeded sample of others;
- the incremental cost of resolution (and of story clustering): the same 100 articles resolved
  into an empty store and into stores already holding a quarter, half and all of the other
  2,000+, batch by batch as ``newsgraph ingest`` does.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: eval.harness

from eval.harness import shared_dir
from newsgraph import network as nw
from newsgraph.records import Extraction
from newsgraph.resolve import resolve_documents, resolve_pending
from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from newsgraph.store import extractions as records_store
from newsgraph.store.actors import actors_by_documents, count_actors
from newsgraph.stories import group_documents, group_pending

ROOT = Path(__file__).resolve().parents[1]
BATCH = 32


def revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def inputs() -> list[str]:
    shared = shared_dir()
    paths = [
        shared / "corpus" / "bbc",
        ROOT / "samples",
        ROOT / "tests" / "data" / "network",
        shared / "corpus" / "wire",
    ]
    return [str(p) for p in paths if p.exists()]


def build_store(path: Path, workers: int) -> None:
    from newsgraph.ingest import ReadOptions, read_inputs
    from newsgraph.pipeline import ingest

    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with Store.open(path) as store:
        report = ingest(read_inputs(inputs(), ReadOptions(encoding="utf-8")), store, workers=workers)
    print(
        f"ingested {report.stored} documents ({report.failed} failed) in {time.perf_counter() - t0:.0f} s -> {path}",
        flush=True,
    )


def ms(samples: list[float]) -> str:
    if not samples:
        return "n/a"
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    p50, top = statistics.median(ordered) * 1000, ordered[-1] * 1000
    return f"p50 {p50:6.1f} ms   p95 {p95 * 1000:6.1f} ms   max {top:6.1f} ms   n={len(ordered)}"


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def query_actors(store: Store, top: int, sample: int, seed: int) -> list[str]:
    rows = actors_by_documents(store.engine)
    ids = [f"#{actor_id}" for actor_id, _ in rows[:top]]
    others = [f"#{actor_id}" for actor_id, documents in rows[top:] if documents >= 2]
    rng = random.Random(seed)
    return ids + rng.sample(others, min(sample, len(others)))


def latencies(store: Store, names: list[str], seed: int) -> None:
    engine = store.engine
    for name in names[:3]:  # warm the caches (SQLite pages, compiled statements)
        nw.neighbourhood(engine, name)
        nw.timeline(engine, name)
    results: dict[str, list[float]] = {"network depth 1": [], "network depth 2": [], "timeline": [], "path": []}
    for name in names:
        results["network depth 1"].append(timed(lambda n=name: nw.neighbourhood(engine, n, depth=1)))  # type: ignore[misc]
        results["network depth 2"].append(timed(lambda n=name: nw.neighbourhood(engine, n, depth=2)))  # type: ignore[misc]
        results["timeline"].append(timed(lambda n=name: nw.timeline(engine, n)))  # type: ignore[misc]
    rng = random.Random(seed)
    found = 0
    for _ in range(len(names)):
        a, b = rng.sample(names, 2)
        t0 = time.perf_counter()
        _, _, paths = nw.paths(engine, a, b)
        results["path"].append(time.perf_counter() - t0)
        found += bool(paths)
    for key, samples in results.items():
        print(f"  {key:<16} {ms(samples)}")
    print(f"  (paths found for {found} of {len(names)} pairs)")
    overview = timed(lambda: nw.overview(engine, limit=50))
    new = timed(lambda: nw.new_ties(engine, "2005-01-01", limit=50))
    stats = timed(lambda: nw.stats(nw.actor_graph(engine)))
    print(f"  overview {overview * 1000:.0f} ms, new ties {new * 1000:.0f} ms, whole-store stats {stats * 1000:.0f} ms")


def copy_into(target: Store, extractions: list[Extraction], clusters: bool) -> tuple[float, float, int]:
    """Store ``extractions`` batch by batch; return resolution seconds, story seconds, candidates."""
    resolve_s = story_s = 0.0
    candidates = 0
    for start in range(0, len(extractions), BATCH):
        saved = target.save_many(extractions[start : start + BATCH])
        ids = [s.id for s in saved if s.status != "unchanged"]
        t0 = time.perf_counter()
        report = resolve_documents(target.engine, ids)
        resolve_s += time.perf_counter() - t0
        candidates += report.candidates
        if clusters:
            t0 = time.perf_counter()
            group_documents(target.engine, ids, refit_below=0)
            story_s += time.perf_counter() - t0
    return resolve_s, story_s, candidates


def incremental(store: Store, work: Path, added: int) -> None:
    ids = doc_store.current_document_ids(store.engine)
    t0 = time.perf_counter()
    extractions = [records_store.load_extraction(store.engine, i) for i in ids]
    print(f"  read {len(extractions)} stored extractions in {time.perf_counter() - t0:.1f} s")
    rng = random.Random(7)
    late = set(rng.sample(range(len(extractions)), added))
    base = [x for i, x in enumerate(extractions) if i not in late]
    extra = [x for i, x in enumerate(extractions) if i in late]
    print(f"  {'store before':>14} {'resolve 100':>12} {'candidates':>11} {'stories 100':>12}")
    first: float | None = None
    for size in (0, len(base) // 4, len(base) // 2, len(base)):
        with Store.open(work / f"store-{size}.db") as target:
            r_base, s_base, _ = copy_into(target, base[:size], clusters=True)
            r_extra, s_extra, c_extra = copy_into(target, extra, clusters=True)
        first = first if first is not None else r_extra
        print(
            f"  {size:>14,} {r_extra:>10.2f} s {c_extra:>11,} {s_extra:>10.2f} s"
            f"   (x{r_extra / first:.2f} of into empty)"
        )
    per = r_base / max(1, len(base)) * 1000
    print(f"  resolving all {len(base)} articles batch by batch took {r_base:.1f} s ({per:.1f} ms/article)")
    print(f"  grouping them into stories took {s_base:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="An existing store to measure (resolved and clustered first when needed).")
    parser.add_argument("--workers", type=int, default=1, help="Extraction processes when ingesting.")
    parser.add_argument("--top", type=int, default=20, help="Most named actors queried.")
    parser.add_argument("--sample", type=int, default=40, help="Other actors (2+ documents) queried, seeded.")
    parser.add_argument("--added", type=int, default=100, help="Articles added for the incremental measure.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-incremental", action="store_true")
    args = parser.parse_args()

    if not (shared_dir() / "corpus" / "bbc").exists():
        raise SystemExit(f"{shared_dir()}/corpus/bbc is absent: nothing to measure")
    cache = Path(tempfile.gettempdir()) / "newsgraph-bench" / revision()
    path = Path(args.db) if args.db else cache / "network.db"
    if not path.exists():
        print(f"no store at {path}: ingesting {', '.join(inputs())}", flush=True)
        build_store(path, args.workers)
    with Store.open(path) as store:
        t0 = time.perf_counter()
        resolved = resolve_pending(store.engine)
        clustered = group_pending(store.engine)
        if resolved.documents or clustered.documents:
            print(
                f"resolved {resolved.documents} and clustered {clustered.documents} pending documents "
                f"in {time.perf_counter() - t0:.1f} s",
                flush=True,
            )
        s = doc_store.summary(store.engine)
        n_actors = count_actors(store.engine)
        print(f"store {path}: {s.documents} documents, {s.entities} entities -> {n_actors} actors, "
              f"{s.events} events, {s.relations} relations, {s.claims} claims")  # fmt: skip
        names = query_actors(store, args.top, args.sample, args.seed)
        print(f"\nlatency, {len(names)} actors ({args.top} most named + {len(names) - args.top} sampled):")
        latencies(store, names, args.seed)
        if not args.skip_incremental:
            print(f"\nincremental resolution, {args.added} articles, batches of {BATCH}:")
            with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as work:
                incremental(store, Path(work), args.added)


if __name__ == "__main__":
    main()
