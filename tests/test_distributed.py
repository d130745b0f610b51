"""Extraction on a real Dask LocalCluster: same results as in-process, the pipeline loaded once per
worker, and a worker killed mid-run loses nothing and stores nothing twice."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from newsgraph.annotate import load_pipeline
from newsgraph.distributed import ClusterError, connect, extract_on_cluster
from newsgraph.errors import InputError
from newsgraph.ingest import read_inputs
from newsgraph.pipeline import ingest
from newsgraph.records import Document
from newsgraph.store import Store
from newsgraph.store import documents as doc_store

PLACES = ["Lagos", "Nairobi", "Manila", "Riga", "Hanoi", "Santiago", "Reykjavik", "Accra"]


def _documents(n: int) -> list[Document]:
    return [
        Document(
            id=f"doc-{k}",
            text=f"Officials in {PLACES[k % len(PLACES)]} said on Monday that talks number {k} with the "
            f"{PLACES[(k + 3) % len(PLACES)]} delegation would resume in March.",
            key=f"doc-{k}",
        )
        for k in range(n)
    ]


def _pipeline_loads() -> int:
    return load_pipeline.cache_info().misses


def _worker_settings() -> tuple[str | None, bool, int]:
    import gc

    import dask

    return (
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        bool(dask.config.get("distributed.worker.profile.enabled")),
        gc.get_freeze_count(),
    )


@pytest.mark.slow
@pytest.mark.parametrize("n_docs", [24])
def test_cluster_extraction_matches_in_process_and_loads_the_model_once_per_worker(n_docs: int) -> None:
    from newsgraph.batch import extract_batch

    docs = _documents(n_docs)
    local = {x.document.id: x for x in extract_batch(docs) if not isinstance(x, InputError)}
    with connect("local:2") as client:
        remote = [r for batch in extract_on_cluster(docs, client, batch_size=3) for r in batch]
        loads = client.run(_pipeline_loads)
        settings = client.run(_worker_settings)
    assert {r.document.id: r for r in remote if not isinstance(r, InputError)} == local
    assert len(loads) == 2 and set(loads.values()) == {1}, loads
    # The local workers run as a pool's do (distributed.local_worker_config): glibc keeps freed
    # memory, no profiler samples the extraction, and what the warm-up loaded is frozen.
    for trim, profiling, frozen in settings.values():
        assert trim is None and not profiling, settings
        assert frozen > 100_000, settings  # the model and the data files, not a handful of objects


@pytest.mark.slow
@pytest.mark.parametrize("n_docs", [60])
def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(tmp_path: Path, n_docs: int) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for d in _documents(n_docs):
        (corpus / f"{d.id}.txt").write_text(d.text)
    killed: list[str] = []

    def kill_one_worker(client) -> None:  # type: ignore[no-untyped-def]
        victim = sorted(client.scheduler_info()["workers"])[0]
        killed.append(victim)
        with contextlib.suppress(Exception):  # the worker dies while answering: that is the point
            client.run(os._exit, 1, workers=[victim], wait=False)

    import newsgraph.distributed as distributed

    real_connect = distributed.connect

    from contextlib import contextmanager

    @contextmanager
    def connect_and_sabotage(address: str):  # type: ignore[no-untyped-def]
        with real_connect(address) as client:
            # Kill a worker as soon as the first results are in: the run is under way on both workers.
            original = distributed._result

            def first_result(future, ids):  # type: ignore[no-untyped-def]
                if not killed:
                    kill_one_worker(client)
                return original(future, ids)

            distributed._result = first_result
            try:
                yield client
            finally:
                distributed._result = original

    distributed.connect = connect_and_sabotage
    try:
        with Store.open(tmp_path / "x.db") as store:
            report = ingest(read_inputs([str(corpus)]), store, cluster="local:2", batch_size=2)
            stored = doc_store.summary(store.engine)
    finally:
        distributed.connect = real_connect
    assert killed, "no worker was killed: the test did not test anything"
    assert report.failed == 0, report.failures
    assert stored.documents == stored.versions == n_docs


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9"])
def test_an_unreachable_scheduler_is_a_clear_error(address: str) -> None:
    with pytest.raises(ClusterError, match="dask scheduler"), connect(address):
        pass


def _crash(_documents: list[Document]) -> list[object]:
    os._exit(3)


@pytest.mark.slow
@pytest.mark.parametrize("n_docs", [2])
def test_a_batch_that_kills_every_worker_is_a_clear_error(n_docs: int) -> None:
    # distributed first, so its defaults are in dask's config before dask.config.set looks: it
    # would otherwise undo the whole "distributed" section it saw appear, for every later test.
    import dask
    import distributed  # noqa: F401

    from newsgraph import distributed as dist
    from newsgraph.errors import BatchLost

    docs = _documents(n_docs)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), connect("local:1") as client:
        future = client.submit(_crash, docs, pure=False)
        with pytest.raises(BatchLost, match=r"batch of 2 documents \(from doc-0\)"):
            dist._result(future, {future.key: [d.id for d in docs]})


@pytest.mark.slow
@pytest.mark.parametrize("n_docs", [8])
def test_a_scheduler_reached_by_address_ingests_and_keeps_its_owners_settings(tmp_path: Path, n_docs: int) -> None:
    """``--cluster tcp://HOST:PORT``: a cluster someone else started (here one worker with Dask's
    own defaults) gets the pipeline loaded by the plugin and does the extraction; its workers keep
    the settings their owner gave them (only ``local:N`` workers are tuned)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=40) as cluster:
        with Store.open(tmp_path / "remote.db") as store:
            report = ingest(_documents(n_docs), store, cluster=cluster.scheduler_address, batch_size=3)
            stored = doc_store.summary(store.engine)
        with connect(cluster.scheduler_address) as client:
            loads = client.run(_pipeline_loads)
            settings = client.run(_worker_settings)
    assert report.failed == 0 and report.new == n_docs, report.failures
    assert stored.documents == n_docs
    assert list(loads.values()) == [1], loads  # loaded once, when the plugin was registered
    [(trim, profiling, frozen)] = settings.values()
    assert trim == "65536" and profiling, settings  # Dask's defaults, untouched
    assert frozen > 100_000, settings
