"""The watch loop: poll the sources that are due, drop what was seen, ingest the rest, tell the
alerting stage what is new, and remember it all in the store.

The due sources are polled (fetched) several at a time, in a pool of ``parallel_sources``
threads (a ``fetch`` setting; each host is still paced by ``per_host_interval``), and taken one at
a time, in the order of ``watch.yaml``, through the steps after the poll:

1. **poll** it (:func:`newsgraph.watch.sources.poll`): a conditional GET, so an unchanged source
   costs one ``304``; a source that fails is logged on one line, its error and failure count
   stored, and the loop goes on with the next source; a source that answers with a permanent
   redirect (``301``, ``308``) is logged, and polled at its new address from then on (kept in
   the store: ``watch.yaml`` is not rewritten);
2. **dedupe** its items: an item whose URL was seen before, whose text was seen before (same
   :func:`~newsgraph.records.content_hash`), or whose text is a near-duplicate of one seen before
   or earlier in the same poll (the same story syndicated by another outlet:
   :mod:`newsgraph.watch.dedupe`) is not ingested, only recorded with the document it repeats;
3. **ingest** the rest through :func:`newsgraph.pipeline.ingest` (extract, store, resolve, group;
   one transaction per batch of ``batch_size`` documents);
4. call ``after_ingest(engine, new_document_ids)`` (the alerting stage) with the documents this
   poll stored; it must be idempotent: a document is handed to it again if the watcher is killed
   after the call but before step 5;
5. **remember**, in one transaction: every item seen (with the document it became or repeats), and
   the source's new ``ETag``/``Last-Modified`` and next due time.

A watcher killed anywhere loses nothing and repeats nothing: before step 5 nothing of the poll is
remembered, so the next run polls the source again without validators and reads every item again;
the documents already stored are recognised by their content hash (not extracted or stored twice)
and are handed to ``after_ingest`` then. A stop asked for (SIGTERM, SIGINT) lets the document being
extracted finish, remembers what was done, and leaves the rest for the next run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from newsgraph.errors import FetchError, InputError, one_line
from newsgraph.fetch import Fetcher
from newsgraph.ingest import ReadOptions
from newsgraph.pipeline import ingest
from newsgraph.records import Document
from newsgraph.store import Engine, Store, begin
from newsgraph.store import watch as state_store
from newsgraph.store.watch import SeenItem, SourceState
from newsgraph.watch import dedupe
from newsgraph.watch.config import Source, WatchConfig
from newsgraph.watch.sources import Item, Poll, poll

AfterIngest = Callable[[Engine, list[str]], object]
"""Called with the store's engine and the ids of the documents a poll stored."""
Log = Callable[[str], None]

DUE_SLACK = 0.1
"""A source counts as due this fraction of its interval (at most a minute) early, so a cron job
run on the same period as ``every`` does not skip every other run."""


@dataclass
class SourceReport:
    """What one poll of one source did."""

    name: str
    new: int = 0
    """Documents stored (or found stored and not yet seen by the watcher)."""
    seen_before: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    retry: int = 0
    """Items that failed for a reason that may pass (read again at the next poll)."""
    not_modified: bool = False
    error: str | None = None
    interrupted: bool = False
    document_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.error:
            return f"{self.name}: failed: {self.error}"
        if self.not_modified:
            return f"{self.name}: not modified"
        parts = [
            f"{self.new} new",
            f"{self.seen_before} seen before",
            f"{self.duplicates} duplicate",
            f"{self.near_duplicates} near-duplicate",
            f"{self.failed} failed",
        ]
        if self.retry:
            parts.append(f"{self.retry} to retry")
        return f"{self.name}: " + ", ".join(parts) + (" (stopped early)" if self.interrupted else "")


@dataclass
class CycleReport:
    sources: list[SourceReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def document_ids(self) -> list[str]:
        return [i for s in self.sources for i in s.document_ids]


def now_utc() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


class Watcher:
    """Runs ``config``'s sources against ``store``."""

    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        *,
        after_ingest: AfterIngest | None = None,
        log: Log = print,
        verbose: bool = False,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.config = config
        self.store = store
        self.after_ingest = after_ingest
        self.log = log
        self.verbose = verbose
        self.clock = clock
        self.options = ReadOptions()
        self._stop = threading.Event()
        self._fetcher: Fetcher | None = None
        state_store.register_sources(store.engine, [(s.name, s.kind, s.target) for s in config.sources])

    # -- control ---------------------------------------------------------------------------

    @property
    def fetcher(self) -> Fetcher:
        """The HTTP client, kept across cycles (its connections, robots.txt, hosts' last requests)."""
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config.fetch)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stop(self) -> None:
        """Ask the loop to stop after the document it is on (safe from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def due(self, *, all_sources: bool = False) -> list[Source]:
        """The sources to poll now (every source with ``all_sources``)."""
        if all_sources:
            return list(self.config.sources)
        states = state_store.source_states(self.store.engine)
        now = self.clock()
        out = []
        for s in self.config.sources:
            st = states.get(s.name)
            if st is None or not st.next_due:
                out.append(s)
                continue
            slack = timedelta(seconds=min(s.every * DUE_SLACK, 60.0))
            if datetime.fromisoformat(st.next_due) - slack <= now:
                out.append(s)
        return out

    def seconds_to_next(self) -> float:
        """Seconds until the next source is due (0 when one is due now)."""
        states = state_store.source_states(self.store.engine)
        now = self.clock()
        waits = []
        for s in self.config.sources:
            st = states.get(s.name)
            if st is None or not st.next_due:
                return 0.0
            waits.append((datetime.fromisoformat(st.next_due) - now).total_seconds())
        return max(min(waits), 0.0) if waits else 60.0

    def run_once(self, *, all_sources: bool = False) -> CycleReport:
        """Poll each due source once (each source once with ``all_sources``): fetched
        ``parallel_sources`` at a time, then ingested and remembered one by one, in order."""
        t0 = time.perf_counter()
        report = CycleReport()
        due = self.due(all_sources=all_sources)
        fetcher = self.fetcher
        workers = max(1, min(self.config.fetch.parallel_sources, len(due)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="watch-poll") as pool:
            polls: list[tuple[Source, Future[_Polled]]] = [
                (source, pool.submit(self._poll, source, fetcher)) for source in due
            ]
            for source, polled in polls:
                if self.stopping:
                    for _source, rest in polls:
                        rest.cancel()
                    break
                try:
                    report.sources.append(self._take(source, polled.result()))
                except Exception as exc:  # a bug or a store error on one source must not stop the others
                    message = f"{type(exc).__name__}: {one_line(str(exc))}"
                    self.log(f"{source.name}: failed: {message}")
                    report.sources.append(SourceReport(source.name, error=message))
        report.seconds = time.perf_counter() - t0
        return report

    def run_forever(self, *, max_wait: float = 60.0) -> None:
        """Poll the due sources, sleep until the next is due, again, until :meth:`stop`."""
        while not self.stopping:
            self.run_once()
            if self.stopping:
                break
            self._stop.wait(min(max(self.seconds_to_next(), 0.5), max_wait))

    # -- one source ------------------------------------------------------------------------

    def poll_source(self, source: Source, fetcher: Fetcher) -> SourceReport:
        """Poll ``source``, ingest what is new, remember it."""
        return self._take(source, self._poll(source, fetcher))

    def _poll(self, source: Source, fetcher: Fetcher) -> _Polled:
        """The network part of a poll (safe to run in a thread of the pool): what the source
        holds now, or why it could not be read."""
        engine = self.store.engine
        started = self.clock()
        state = state_store.source_state(engine, source.name)
        try:
            found = poll(source, fetcher, state, lambda urls: state_store.seen_urls(engine, urls), self.options)
        except (FetchError, InputError) as exc:
            return _Polled(started, state, None, exc)
        return _Polled(started, state, found, None)

    def _take(self, source: Source, polled: _Polled) -> SourceReport:
        """Dedupe, ingest and remember what a poll found (in the loop's own thread)."""
        engine = self.store.engine
        report = SourceReport(source.name)
        started, state, found = polled.started, polled.state, polled.found
        if found is None:
            assert polled.error is not None
            report.error = one_line(str(polled.error))
            self.log(f"{source.name}: {report.error}")
            with begin(engine) as tx:
                state_store.record_poll(
                    tx,
                    source.name,
                    polled_at=_iso(started),
                    next_due=_iso(started + _every(source)),
                    error=report.error,
                )
            return report
        moved_to = None
        if found.moved_to and found.moved_to != (state.moved_to if state else None):
            moved_to = found.moved_to
            self.log(
                f"{source.name}: {found.url} has moved permanently to {moved_to}; polling it there from now on "
                f"(change its URL in {self.config.origin} to match)"
            )
        report.not_modified = found.not_modified
        keep_validators = True
        seen: list[SeenItem] = []
        fresh: list[tuple[Document, tuple[int, ...] | None, tuple[str, ...], str | None]] = []
        repeats: list[tuple[Item, str, str | None, str | None]] = []  # item, status, and the text hash
        # (seen in this poll) or document id (seen before) of what it repeats
        at = _iso(started)

        old_urls = state_store.seen_urls(engine, [i.url for i in found.items if i.url and i.by_url and i.document])
        hashes = [i.document.content_hash for i in found.items if i.document]
        old_texts = state_store.seen_hashes(engine, hashes)
        here: dict[str, tuple[tuple[int, ...] | None, str | None]] = {}
        # text hash -> signature and key, of this poll's fresh items
        for item in found.items:
            if item.error is not None:
                self.log(f"{source.name}: {one_line(str(item.error))}")
                if item.transient:
                    report.retry += 1
                    keep_validators = False
                else:
                    report.failed += 1
                    seen.append(SeenItem(source.name, item.url, None, None, "failed", at, reason=item.error.reason))
                continue
            doc = item.document
            assert doc is not None
            if item.by_url and item.url and item.url in old_urls:
                report.seen_before += 1
                continue
            digest = doc.content_hash
            if digest in old_texts or digest in here:
                report.duplicates += 1
                repeats.append((item, "duplicate", digest, None))
                continue
            sig = dedupe.signature(doc.text)
            bands = dedupe.bands(sig)
            near_hash, near_doc = self._near(doc, sig, bands, here)
            if near_hash or near_doc:
                report.near_duplicates += 1
                repeats.append((item, "near-duplicate", near_hash, near_doc))
                continue
            here[digest] = (sig, doc.key)
            fresh.append((doc, sig, bands, item.url))

        failures: dict[str, InputError] = {}
        stopped = False

        def documents() -> Iterator[Document]:
            nonlocal stopped
            for doc, *_rest in fresh:
                if self.stopping:
                    stopped = True
                    return
                yield doc

        if fresh:
            result = ingest(
                documents(),
                self.store,
                batch_size=self.config.batch_size,
                on_failure=lambda err: self.log(f"{source.name}: {one_line(str(err))}"),
            )
            failures = {f.origin: f for f in result.failures}
        stored = state_store.stored_documents(
            engine, [d.content_hash for d, *_ in fresh] + [h for _i, _s, h, _d in repeats if h]
        )
        for doc, sig, bands, url in fresh:
            doc_id = stored.get(doc.content_hash)
            if doc_id is not None:
                report.new += 1
                report.document_ids.append(doc_id)
                seen.append(
                    SeenItem(source.name, url, doc.content_hash, doc_id, "stored", at, signature=sig, bands=bands)
                )
                continue
            err = failures.get(doc.origin or doc.id)
            if err is not None:
                report.failed += 1
                seen.append(SeenItem(source.name, url, doc.content_hash, None, "failed", at, reason=err.reason))
            else:  # not reached: the watcher was asked to stop
                report.interrupted = True
                keep_validators = False
        for item, status, near_hash, near_doc in repeats:
            doc = item.document
            assert doc is not None
            original = near_doc or (stored.get(near_hash) if near_hash else None)
            seen.append(SeenItem(source.name, item.url, doc.content_hash, original, status, at))
        report.interrupted = report.interrupted or stopped

        if report.document_ids and self.after_ingest is not None:
            try:
                self.after_ingest(engine, list(report.document_ids))
            except Exception as exc:  # the alerting stage's failure must not stop the watching
                self.log(f"{source.name}: after-ingest step failed: {type(exc).__name__}: {one_line(str(exc))}")

        due = started if report.interrupted else started + _every(source)
        with begin(engine) as tx:
            state_store.mark_seen(tx, seen)
            state_store.record_poll(
                tx,
                source.name,
                polled_at=at,
                next_due=_iso(due),
                error=None,
                etag=found.etag,
                last_modified=found.last_modified,
                keep_validators=keep_validators,
                moved_to=moved_to,
            )
        if self.verbose or not report.not_modified:
            self.log(report.line())
        return report

    def _near(
        self,
        doc: Document,
        sig: tuple[int, ...] | None,
        bands: tuple[str, ...],
        here: dict[str, tuple[tuple[int, ...] | None, str | None]],
    ) -> tuple[str | None, str | None]:
        """The text hash (seen in this poll) or document id (seen before) of the text that ``sig``
        nearly repeats; ``(None, None)`` when it repeats none. A text of the same key (a changed
        file, an edited page: a new version of the same document) repeats nothing."""
        if sig is None:
            return None, None
        for digest, (other, key) in here.items():
            if other is not None and key != doc.key and dedupe.similarity(sig, other) >= dedupe.THRESHOLD:
                return digest, None
        for cand in state_store.near_candidates(self.store.engine, bands):
            if cand.key is not None and cand.key == doc.key:
                continue
            if dedupe.similarity(sig, cand.signature) >= dedupe.THRESHOLD:
                return None, cand.doc_id or ""
        return None, None


@dataclass(frozen=True)
class _Polled:
    """One source's poll, as the pool hands it back: when it started, the state it started from,
    and what it found or why it failed."""

    started: datetime
    state: SourceState | None
    found: Poll | None
    error: FetchError | InputError | None


def _every(source: Source) -> timedelta:
    return timedelta(seconds=source.every)
