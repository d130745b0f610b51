"""The ingest run: skip what is stored already, extract, store batch by batch.

:func:`ingest` takes documents (and the reading failures to report among them), so every edge
feeds it the same way: the CLI and the watcher through :func:`newsgraph.ingest.read_inputs`, the
web API from the posted JSON.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.batch import Result, extract_documents
from newsgraph.errors import InputError
from newsgraph.records import Document, Extraction
from newsgraph.resolve import resolve_documents
from newsgraph.store import Saved, Store
from newsgraph.stories import group_documents


@dataclass
class IngestReport:
    """Counts and failures of one ingest run."""

    new: int = 0
    versions: int = 0
    unchanged: int = 0
    words: int = 0
    failures: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    saved: dict[str, Saved] = field(default_factory=dict)
    """What the store did with each document that reached it, by content hash (documents found
    stored before extraction are counted ``unchanged`` and are not here)."""

    @property
    def stored(self) -> int:
        return self.new + self.versions

    @property
    def failed(self) -> int:
        return len(self.failures)


Progress = Callable[[int, str], None]
"""Called with the number of documents just finished and a short note."""


def ingest(
    documents: Iterable[Document | InputError],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    on_progress: Progress | None = None,
    on_failure: Callable[[InputError], None] | None = None,
    cluster: str | None = None,
    overlap: bool = True,
) -> IngestReport:
    """Ingest ``documents`` into ``store``; failures (given or met) are reported and skipped.

    ``documents`` may hold :class:`InputError` items (an input that could not be read), as
    :func:`newsgraph.ingest.read_inputs` yields them: they are reported in order with the rest.

    Extraction runs in this process, in ``workers`` processes, or on the Dask cluster at
    ``cluster`` (``tcp://HOST:8786`` or ``local[:N]``); storing stays here, batch by batch, in a
    thread of its own while the next batch is extracted (``overlap``; each batch is still one
    transaction, stored in input order).
    """
    report = IngestReport()
    t0 = time.perf_counter()

    def fail(err: InputError) -> None:
        report.failures.append(err)
        if on_failure:
            on_failure(err)
        if on_progress:
            on_progress(1, "failed")

    def fresh_documents() -> Iterator[Document]:
        """Documents not stored yet, checked against the store a batch at a time."""
        pending: list[Document] = []

        def flush() -> Iterator[Document]:
            known = store.known_hashes([d.content_hash for d in pending])
            seen_here: set[str] = set()
            for d in pending:
                digest = d.content_hash
                if digest in known or digest in seen_here:
                    report.unchanged += 1
                    if on_progress:
                        on_progress(1, "unchanged")
                else:
                    seen_here.add(digest)
                    yield d
            pending.clear()

        for item in documents:
            if isinstance(item, InputError):
                fail(item)
                continue
            if not isinstance(item, Document):
                raise TypeError(
                    f"ingest() takes Document records, not {type(item).__name__}: "
                    "read files with newsgraph.ingest.read_inputs(paths)"
                )
            pending.append(item)
            if len(pending) >= batch_size:
                yield from flush()
        yield from flush()

    def store_results(stream: Iterable[list[Result]]) -> None:
        if overlap:
            store_while_extracting(stream, store_batch)
        else:
            for results in stream:
                store_batch(results)

    def store_batch(results: list[Result]) -> None:
        good = []
        for r in results:
            if isinstance(r, InputError):
                fail(r)
            else:
                good.append(r)
        stored: list[tuple[Saved, Extraction]] = []
        for outcome, x in zip(store.save_each(good), good, strict=True):
            if isinstance(outcome, InputError):  # refused by the store: this document alone fails
                fail(outcome)
            else:
                stored.append((outcome, x))
        stored_ids = [saved.id for saved, _ in stored if saved.status != "unchanged"]
        resolve_documents(store.engine, stored_ids)
        group_documents(store.engine, stored_ids)
        for saved, x in stored:
            report.saved[x.document.content_hash] = saved
            if saved.status == "new":
                report.new += 1
            elif saved.status == "version":
                report.versions += 1
            else:
                report.unchanged += 1
            report.words += len(x.document.text.split()) if saved.status != "unchanged" else 0
        if on_progress and stored:
            on_progress(len(stored), "stored")

    if cluster:
        from newsgraph.distributed import connect, extract_on_cluster

        with connect(cluster) as client:
            store_results(extract_on_cluster(fresh_documents(), client, batch_size=batch_size))
    else:
        store_results(extract_documents(fresh_documents(), workers=workers, batch_size=batch_size))
    report.seconds = time.perf_counter() - t0
    return report


_DONE = object()


def store_while_extracting(batches: Iterable[list[Result]], store_batch: Callable[[list[Result]], None]) -> None:
    """Hand each extracted batch to ``store_batch`` in a second thread, in order, while the next
    batch is extracted: the parser releases the interpreter lock for much of its work, so storing,
    resolving and grouping a batch costs little wall time. At most two batches wait. An error in
    storing stops the extraction and is raised here; the batch being stored when the extraction
    fails (or is interrupted) is finished first, so the store is never half-written."""
    waiting: queue.Queue[object] = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def consume() -> None:
        while (item := waiting.get()) is not _DONE:
            if failed:
                continue  # drain: the producer must never block on a dead consumer
            try:
                store_batch(item)  # type: ignore[arg-type]
            except BaseException as exc:  # raised again in the caller's thread
                failed.append(exc)

    worker = threading.Thread(target=consume, name="newsgraph-store", daemon=True)
    worker.start()
    try:
        for batch in batches:
            if failed:
                break
            waiting.put(batch)
    finally:
        waiting.put(_DONE)
        worker.join()
    if failed:
        raise failed[0]
