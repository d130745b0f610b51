"""Ingest throughput on the BBC corpus, beside bare spaCy on the same texts in the same run.

    .venv/bin/python bench/ingest.py [--limit N] [--workers N] [--corpus DIR]

Each phase runs in a fresh child process (so peak memory is its own):
  spacy    bare ``spacy.load(model).pipe`` over the texts (the floor every ratio is against)
  ingest   ``newsgraph ingest``'s library path: read, annotate, extract, store into a new SQLite file
Prints documents/s, words/s, peak RSS per phase, and newsgraph's share of spaCy's words/s.
Loading (``spacy.load``; for newsgraph the model and its data files, by ``batch.warm_up``) is
timed apart, once per process, and left out of the throughput of both phases alike.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(corpus.rglob("*.txt"))
    return files[:limit] if limit else files


def phase_spacy(files: list[str], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import spacy

    from newsgraph.annotate.pipeline import MODEL

    texts = [Path(f).read_text(encoding="utf-8", errors="replace") for f in files]
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)  # the same count newsgraph reports
    queue.put(
        {
            "phase": "spacy",
            "docs": len(texts),
            "words": words,
            "seconds": seconds,
            "load_seconds": load_seconds,
            "rss_mb": _rss_mb(),
        }
    )


def phase_ingest(files: list[str], workers: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from newsgraph.batch import warm_up
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    t0 = time.perf_counter()
    warm_up()  # loading the model and the data files is not throughput (as spacy.load is not, above)
    load_seconds = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        report = ingest(read_inputs(files), store, workers=workers)
        seconds = time.perf_counter() - t0
    queue.put(
        {
            "phase": f"ingest (workers={workers})",
            "docs": report.stored,
            "words": report.words,
            "failed": report.failed,
            "seconds": seconds,
            "load_seconds": load_seconds,
            "rss_mb": _rss_mb(),
        }
    )


def _rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run_phase(target, *args):  # type: ignore[no-untyped-def]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    p = ctx.Process(target=target, args=(*args, queue))
    p.start()
    result = queue.get()
    p.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=1, help="newsgraph worker processes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent", file=sys.stderr)
        return 0
    files = [str(f) for f in corpus_files(args.corpus, args.limit)]
    print(f"{len(files)} articles from {args.corpus}", file=sys.stderr)
    results = [run_phase(phase_spacy, files), run_phase(phase_ingest, files, args.workers)]
    base = results[0]["words"] / results[0]["seconds"]
    for r in results:
        r["docs_per_s"] = r["docs"] / r["seconds"]
        r["words_per_s"] = r["words"] / r["seconds"]
        r["share_of_spacy"] = r["words_per_s"] / base
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{'phase':<22}{'docs':>7}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'peak MB':>9}{'vs spaCy':>10}"
        f"{'load s':>8}"
    )
    for r in results:
        print(
            f"{r['phase']:<22}{r['docs']:>7}{r['seconds']:>9.1f}{r['docs_per_s']:>9.2f}"
            f"{r['words_per_s']:>10.0f}{r['rss_mb']:>9.0f}{r['share_of_spacy']:>9.0%}{r['load_seconds']:>8.1f}"
        )
    print("(load s: loading the model, and for newsgraph its data files, once per process; not in seconds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
