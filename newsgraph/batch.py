"""Run extraction over many documents: in this process, or in a pool of worker processes that
each load the spaCy pipeline once. Results come back in input order, one per document: an
:class:`~newsgraph.records.Extraction` or an :class:`~newsgraph.errors.InputError`."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from newsgraph.annotate import annotate_many, load_pipeline
from newsgraph.errors import InputError
from newsgraph.extract import extract
from newsgraph.ingest.document import make_document
from newsgraph.records import Document, Extraction

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from spacy.language import Language

Result = Extraction | InputError
T = TypeVar("T")


def extract_batch(documents: Sequence[Document], nlp: Language | None = None) -> list[Result]:
    """Annotate a batch with ``nlp.pipe`` and extract each document; a failure is that document's alone."""
    nlp = nlp or load_pipeline()
    out: list[Result] = []
    try:
        annotations = list(annotate_many((d.text for d in documents), nlp, batch_size=len(documents) or 1))
    except Exception:  # one bad text spoils nlp.pipe's batch: redo them one by one
        return [r for d in documents for r in extract_batch_one(d, nlp)]
    for doc, ann in zip(documents, annotations, strict=True):
        out.append(_extract_one(doc, ann))
    return out


def extract_batch_one(document: Document, nlp: Language) -> list[Result]:
    try:
        ann = next(annotate_many([document.text], nlp))
    except Exception as exc:
        return [InputError(document.origin or document.id, f"annotation failed: {type(exc).__name__}: {exc}")]
    return [_extract_one(document, ann)]


def _extract_one(document: Document, ann: object) -> Result:
    try:
        return extract(document, ann)  # type: ignore[arg-type]
    except Exception as exc:  # a bug on one text must not stop the run; it is reported with the input
        return InputError(document.origin or document.id, f"extraction failed: {type(exc).__name__}: {exc}")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


WARM_TEXT = (
    "GENEVA, March 3 (IANS) The United Nations envoy Staffan de Mistura said on Monday that Russia "
    "and Turkey had agreed to a ceasefire in Aleppo, after an air strike killed 12 people in Idlib."
)
"""A short wire story of our own that runs every extraction stage once (:func:`warm_up`)."""


def warm_up(nlp: Language | None = None) -> None:
    """Load the model and every data file extraction reads (gazetteers, the place index, the
    event dictionaries) by extracting :data:`WARM_TEXT`: a worker pays this once, at its start,
    rather than in the middle of its first batch."""
    extract_batch([make_document(WARM_TEXT, id="warm-up", published="2017-03-03")], nlp or load_pipeline())


def start_worker() -> None:
    """Ready a worker process (a pool's or a Dask worker) for batches: :func:`warm_up`, then
    move everything loaded so far (the model, the data files, the libraries) out of the cyclic
    garbage collector's sight (``gc.freeze``). It is held for the whole life of the process, so
    the collector has nothing to find there; scanning it made every full collection, and the
    process's exit, pay for some millions of objects (a Dask worker took seconds to exit, inside
    the run's wall time)."""
    warm_up()
    gc.collect()  # the warm-up's own garbage is collected, not frozen
    gc.freeze()


def _worker_init() -> None:
    start_worker()


def _worker_batch(documents: list[Document]) -> list[Result]:
    return extract_batch(documents)


def extract_documents(
    documents: Iterable[Document], *, workers: int = 1, batch_size: int = 32
) -> Iterator[list[Result]]:
    """Extraction results, one list per batch of input documents, in input order.

    ``workers > 1`` runs a pool of processes, each loading the pipeline once; batches are
    streamed to it, so memory does not grow with the number of documents.
    """
    if workers <= 1:
        nlp = load_pipeline()
        for chunk in batches(documents, batch_size):
            yield extract_batch(chunk, nlp)
        return
    ctx = multiprocessing.get_context("forkserver")
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        pending: deque[AsyncResult[list[Result]]] = deque()
        for chunk in batches(documents, batch_size):
            pending.append(pool.apply_async(_worker_batch, (chunk,)))
            if len(pending) >= 2 * workers:  # a bounded window: stream, don't collect
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
