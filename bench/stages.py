"""What each extraction stage costs, on the same annotated texts in the same run.

    .venv/bin/python bench/stages.py [--limit N] [--corpus DIR] [--repeat R]

Reads the articles (BBC corpus by default), annotates them once with newsgraph's spaCy pipeline
(timed: the floor every stage is added to), then runs the extraction stages of
``newsgraph.extract.core.STAGES`` in order over the same annotations, timing each. Prints each
stage's seconds, the pipeline's words/s up to and including that stage, and the throughput each
named addition costs against the pipeline before it:

  claims                  vs annotate + entities + places + dates   (issue budget: at most 15%)
  events + relations      vs the pipeline before them               (issue budget: at most 20%)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="only the first N articles (0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="time the stages R times, keep the fastest")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent", file=sys.stderr)
        return 0

    from newsgraph.annotate import annotate_many, load_pipeline
    from newsgraph.errors import InputError
    from newsgraph.extract.core import STAGES
    from newsgraph.ingest import read_inputs
    from newsgraph.records import Extraction

    files = sorted(str(f) for f in args.corpus.rglob("*.txt"))
    files = files[: args.limit] if args.limit else files
    documents = [d for d in read_inputs(files) if not isinstance(d, InputError)]
    words = sum(len(d.text.split()) for d in documents)
    print(f"{len(documents)} articles, {words:,} words from {args.corpus}", file=sys.stderr)

    nlp = load_pipeline()
    t0 = time.perf_counter()
    annotations = list(annotate_many((d.text for d in documents), nlp))
    annotate_s = time.perf_counter() - t0

    best = {name: float("inf") for name, _ in STAGES}
    for _ in range(args.repeat):
        xs = [Extraction(document=d) for d in documents]
        for name, stage in STAGES:
            t0 = time.perf_counter()
            xs = [stage(a, x) for a, x in zip(annotations, xs, strict=True)]
            best[name] = min(best[name], time.perf_counter() - t0)

    print(f"{'stage':<12}{'seconds':>9}{'cumulative':>12}{'words/s':>10}")
    total = annotate_s
    print(f"{'annotate':<12}{annotate_s:>9.2f}{total:>12.2f}{words / total:>10.0f}")
    cumulative = {"annotate": total}
    for name, _ in STAGES:
        total += best[name]
        cumulative[name] = total
        print(f"{name:<12}{best[name]:>9.3f}{total:>12.2f}{words / total:>10.0f}")

    def cost(before: str, upto: str) -> float:
        """Share of throughput lost by adding the stages after ``before`` up to ``upto``."""
        return 1 - cumulative[before] / cumulative[upto]

    claims_cost = cost("dates", "claims")
    events_cost = cost("claims", "relations")
    print(f"claims cost {claims_cost:.1%} of throughput (budget 15%)")
    print(f"events + relations cost {events_cost:.1%} of throughput (budget 20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
