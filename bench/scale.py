"""Scale-out throughput on the BBC corpus: one process, a process pool, a Dask LocalCluster.

    .venv/bin/python bench/scale.py [--limit N] [--workers 2] [--grow 4] [--no-store] [--corpus DIR]

In one run, each mode in a fresh child process (so its peak memory is its own), through the code
path of the CLI (``newsgraph ingest`` with ``--workers``/``--cluster``, storing into a fresh
SQLite file per mode; ``--no-store`` measures extraction alone, as ``newsgraph extract`` does):

  1 process        newsgraph ingest PATHS                (the baseline every ratio is against)
  pool             newsgraph ingest PATHS --workers W
  dask local:W     newsgraph ingest PATHS --cluster local:W

Prints documents/s and words/s over the whole run (start-up included: starting the pool or the
cluster and loading the model in each worker) and after the first stored batch (steady state),
the speed-ups against one process, the peak RSS of the ingesting process and of each worker
process (sampled with psutil while running; VmHWM where Linux gives it), and the load average.

Memory must not grow with the corpus: the 1-process mode runs again on ``--grow`` times as many
documents (the corpus repeated, each copy made distinct, when it is too small), and its peak RSS
and its median RSS while running (what it holds between batches) are printed side by side. The
peak follows the longest articles of a batch (spaCy's working memory), so a larger corpus, with
longer articles in it, may raise it a little while the median stays flat.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


@dataclass
class Outcome:
    """One mode's figures, sent back from its child process."""

    mode: str
    docs: int = 0
    words: int = 0
    failed: int = 0
    seconds: float = 0.0
    steady_docs: int = 0
    steady_seconds: float = 0.0
    parent_mb: float = 0.0
    parent_median_mb: float = 0.0
    workers_mb: list[float] = field(default_factory=list)
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def steady_docs_per_s(self) -> float:
        return self.steady_docs / self.steady_seconds if self.steady_seconds else 0.0


def corpus_files(corpus: Path, n: int, spill: Path) -> list[str]:
    """``n`` article files; when the corpus has fewer, copies are written under ``spill``, each
    with a line that makes its text (and so its content hash) distinct."""
    files = sorted(corpus.rglob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt articles under {corpus}")
    out = [str(f) for f in files[:n]]
    copy = 1
    while len(out) < n:
        folder = spill / f"copy-{copy}"
        folder.mkdir(parents=True, exist_ok=True)
        for f in files[: n - len(out)]:
            target = folder / f.name
            text = f.read_text(encoding="utf-8", errors="replace")
            target.write_text(f"{text.rstrip()}\n\n(Repeated for the benchmark: copy {copy}.)\n", encoding="utf-8")
            out.append(str(target))
        copy += 1
    return out


class MemorySampler:
    """Peak RSS of every process below this one, sampled every ``interval`` seconds."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._psutil = psutil
        self.me = psutil.Process()
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self.own: list[float] = []
        self.helpers: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        psutil = self._psutil
        self.own.append(float(self.me.memory_info().rss) / 2**20)
        try:
            kids = self.me.children(recursive=True)
        except psutil.Error:
            return
        for p in kids:
            try:
                if p.pid not in self.peaks and _is_helper(p, self.me.pid):
                    self.helpers.add(p.pid)
                mb = _peak_rss_mb(p)
            except psutil.Error:  # it ended between listing and reading
                continue
            self.peaks[p.pid] = max(self.peaks.get(p.pid, 0.0), mb)

    def own_median_mb(self) -> float:
        """This process's median RSS while running: what it holds between batches."""
        ordered = sorted(self.own)
        return ordered[len(ordered) // 2] if ordered else 0.0

    def workers_mb(self) -> list[float]:
        return sorted((mb for pid, mb in self.peaks.items() if pid not in self.helpers), reverse=True)


def _is_helper(p: Any, parent_pid: int) -> bool:
    """multiprocessing's resource tracker and the forkserver (pool workers are forked from it
    and share its command line, so it is told apart by being this process's own child)."""
    cmdline = " ".join(p.cmdline())
    if "resource_tracker" in cmdline:
        return True
    return "forkserver" in cmdline and p.ppid() == parent_pid


def _peak_rss_mb(p: Any) -> float:
    """The process's peak RSS (Linux VmHWM) or, elsewhere, its RSS now."""
    try:
        with open(f"/proc/{p.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float(p.memory_info().rss) / 2**20


def _documents(files: list[str]) -> Iterator[Any]:
    from newsgraph.errors import InputError
    from newsgraph.ingest import read_inputs

    for item in read_inputs(files):
        if not isinstance(item, InputError):
            yield item


def run_mode(mode: str, files: list[str], workers: int, store: bool, queue: Any) -> None:
    """One mode, in its own process: the ingest (or extract) run, timed and sampled."""
    from newsgraph.annotate import load_pipeline

    out = Outcome(mode=mode)
    cluster = f"local:{workers}" if mode.startswith("dask") else None
    n_workers = workers if mode != "1 process" else 1
    if n_workers == 1:
        load_pipeline()  # the model is loaded before the clock starts; pool and cluster load theirs on it
    first: list[float] = []  # when the first batch was stored, and how many documents it held

    def progress(n: int) -> None:
        if not first:
            first.extend([time.perf_counter(), n])

    with tempfile.TemporaryDirectory() as tmp, MemorySampler() as sampler:
        t0 = time.perf_counter()
        if store:
            out.docs, out.words, out.failed = _ingest(files, Path(tmp) / "bench.db", n_workers, cluster, progress)
        else:
            out.docs, out.words, out.failed = _extract(files, n_workers, cluster, progress)
        end = time.perf_counter()
        sampler.sample()
    out.seconds = end - t0
    if first:
        out.steady_seconds = end - first[0]
        out.steady_docs = out.docs - int(first[1])
    out.parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.parent_median_mb = sampler.own_median_mb()
    out.workers_mb = sampler.workers_mb()
    out.load = os.getloadavg()
    queue.put(asdict(out))


def _ingest(files: list[str], db: Path, workers: int, cluster: str | None, progress: Any) -> tuple[int, int, int]:
    """``newsgraph ingest``'s library call, as the CLI makes it."""
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    def on_progress(n: int, note: str) -> None:
        if note == "stored":
            progress(n)

    with Store.open(db) as store:
        report = ingest(read_inputs(files), store, workers=workers, cluster=cluster, on_progress=on_progress)
    return report.stored, report.words, report.failed


def _extract(files: list[str], workers: int, cluster: str | None, progress: Any) -> tuple[int, int, int]:
    """``newsgraph extract``'s library calls, counting what comes back."""
    from newsgraph.batch import extract_documents
    from newsgraph.errors import InputError

    docs = words = failed = 0

    def consume(stream: Any) -> None:
        nonlocal docs, words, failed
        for results in stream:
            good = [r for r in results if not isinstance(r, InputError)]
            failed += len(results) - len(good)
            docs += len(good)
            words += sum(len(x.document.text.split()) for x in good)
            progress(len(good))

    if cluster:
        from newsgraph.distributed import connect, extract_on_cluster

        with connect(cluster) as client:
            consume(extract_on_cluster(_documents(files), client))
    else:
        consume(extract_documents(_documents(files), workers=workers))
    return docs, words, failed


def in_child(mode: str, files: list[str], workers: int, store: bool) -> Outcome:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    p = ctx.Process(target=run_mode, args=(mode, files, workers, store, queue))
    p.start()
    result = queue.get()
    p.join()
    return Outcome(**{**result, "load": tuple(result["load"])})


def _mb(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values) if values else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="articles per mode (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="pool processes and Dask workers (default 2)")
    parser.add_argument("--grow", type=int, default=4, help="the memory check's corpus, times --limit (0: skip)")
    parser.add_argument("--no-store", action="store_true", help="extraction only, as `newsgraph extract` does")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent", file=sys.stderr)
        return 0
    store = not args.no_store
    w = args.workers
    with tempfile.TemporaryDirectory() as spill:
        files = corpus_files(args.corpus, args.limit, Path(spill))
        print(
            f"{len(files)} articles from {args.corpus}; {'ingest into a fresh SQLite' if store else 'extract only'}; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}",
            file=sys.stderr,
        )
        results = []
        for mode in ("1 process", f"--workers {w}", f"dask local:{w}"):
            results.append(in_child(mode, files, w, store))
            print(f"  {mode}: {results[-1].seconds:.1f} s", file=sys.stderr)
        grown: Outcome | None = None
        if args.grow > 1:
            more = corpus_files(args.corpus, args.limit * args.grow, Path(spill))
            grown = in_child("1 process", more, w, store)
            print(f"  1 process x{args.grow}: {grown.seconds:.1f} s", file=sys.stderr)
    if args.json:
        print(json.dumps({"modes": [asdict(r) for r in results], "grown": asdict(grown) if grown else None}, indent=2))
        return 0
    base, steady_base = results[0].docs_per_s, results[0].steady_docs_per_s
    print(
        f"{'mode':<16}{'docs':>6}{'fail':>5}{'seconds':>9}{'docs/s':>8}{'words/s':>9}{'speed-up':>9}"
        f"{'steady/s':>10}{'speed-up':>9}{'parent MB':>10}  worker peak MB  load"
    )
    for r in results:
        print(
            f"{r.mode:<16}{r.docs:>6}{r.failed:>5}{r.seconds:>9.1f}{r.docs_per_s:>8.2f}{r.words_per_s:>9.0f}"
            f"{r.docs_per_s / base if base else 0:>8.2f}x{r.steady_docs_per_s:>10.2f}"
            f"{r.steady_docs_per_s / steady_base if steady_base else 0:>8.2f}x{r.parent_mb:>10.0f}  "
            f"{_mb(r.workers_mb):<15} {r.load[0]:.2f}"
        )
    if grown:
        a = results[0]
        print(f"\nmemory vs corpus size (1 process): {grown.docs / a.docs if a.docs else 0:.1f}x the documents")
        for label, attr in (("peak RSS", "parent_mb"), ("median RSS while running", "parent_median_mb")):
            small, large = getattr(a, attr), getattr(grown, attr)
            print(
                f"  {label:<26}{a.docs:>6} docs {small:>5.0f} MB {grown.docs:>6} docs {large:>5.0f} MB"
                f"  ({large / small if small else 0:.2f}x)"
            )
    print(
        "\nspeed-up: docs/s against 1 process; steady: after the first stored batch (pool and cluster "
        "start-up and model loading excluded); the load average is read at the end of each mode"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
