"""Run extraction on a Dask distributed cluster.

The same pure ``extract`` runs on every worker. Documents go out in batches (one task each);
each worker process loads the spaCy pipeline and the data files once (a worker plugin does it
when the worker joins, and the per-process cache keeps it); results stream back as tasks finish, with a
bounded number in flight, so memory stays flat however large the input. When a worker dies,
the scheduler runs its tasks again elsewhere; the store recognises documents by their content
hash, so nothing is stored twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsgraph.batch import Result, batches, extract_batch, start_worker
from newsgraph.errors import BadRequest, BatchLost, ClusterError
from newsgraph.records import Document

if TYPE_CHECKING:
    from distributed import Client

LOCAL = re.compile(r"^local(?::(?P<n>\d+))?$")


def local_worker_config() -> dict[str, Any]:
    """Dask settings for the workers of a ``local:N`` cluster (and its scheduler, in this process).

    Measured on a worker extracting BBC batches, against a pool worker doing the same: Dask's
    defaults cost about a third more CPU per document. The nanny starts workers with
    ``MALLOC_TRIM_THRESHOLD_=65536``, so glibc hands freed memory back at once and spaCy's next
    batch faults it in again (20 times the page faults, ten times the system time); the
    statistical profiler samples the running task every 10 ms from another thread, taking the
    interpreter lock from the extraction and allocating enough to run the garbage collector a
    third more often; the event loop's 20 ms tick and the memory and system monitors wake that
    thread too. Nobody reads a profile without a dashboard, and our workers' memory is flat, so
    the local cluster goes without them (the other ``pre-spawn-environ`` settings stay)."""
    return {
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.admin.system-monitor.interval": "5s",
    }


def _load_pipeline_plugin() -> Any:
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        """Load the spaCy pipeline and every data file extraction reads when a worker starts,
        once per worker process (:func:`newsgraph.batch.start_worker`), not in its first batch."""

        name = "newsgraph-load-pipeline"

        def setup(self, worker: Any) -> None:
            start_worker()

    return LoadPipeline()


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client for ``tcp://HOST:PORT`` (an existing scheduler) or ``local[:N]`` (a LocalCluster
    of N single-threaded worker processes, default 2)."""
    import dask
    from distributed import Client, LocalCluster

    m = LOCAL.match(address)
    cluster = None
    try:
        if m:
            n = int(m.group("n") or 2)
            if n < 1:
                raise BadRequest("--cluster local:N needs N >= 1")
            with dask.config.set(local_worker_config()):  # the nannies hand it to their workers
                cluster = LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
                )
            client = Client(cluster)
        else:
            if "://" not in address:
                address = f"tcp://{address}"
            client = Client(address, timeout=15)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(address, str(exc) or type(exc).__name__) from exc
    try:
        client.register_plugin(_load_pipeline_plugin())
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _remote_batch(documents: list[Document]) -> list[Result]:
    """The task: one batch, on a worker, with that worker's pipeline."""
    return extract_batch(documents)


def extract_on_cluster(
    documents: Iterable[Document], client: Client, *, batch_size: int = 32, in_flight: int | None = None
) -> Iterator[list[Result]]:
    """Extraction results, one list per batch, in the order batches finish.

    A batch whose worker dies is run again elsewhere (twice); one that kills its workers every
    time raises :class:`~newsgraph.errors.BatchLost`, naming its documents."""
    from distributed import as_completed

    limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    pending = as_completed()
    ids: dict[Any, list[str]] = {}
    for chunk in batches(documents, batch_size):
        # pure=False: a batch re-submitted after a failure must run again, not hit a cache.
        future = client.submit(_remote_batch, chunk, pure=False, retries=2)
        ids[future.key] = [d.id for d in chunk]
        pending.add(future)
        if pending.count() >= limit:
            yield _result(next(pending), ids)
    for future in pending:
        yield _result(future, ids)


def _result(future: Any, ids: dict[Any, list[str]]) -> list[Result]:
    from distributed import KilledWorker

    try:
        out: list[Result] = future.result()
    except KilledWorker as exc:
        raise BatchLost(ids.get(future.key, []), str(exc) or "KilledWorker") from exc
    ids.pop(future.key, None)
    future.release()
    return out
