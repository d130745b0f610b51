"""Queries that stop: after a time limit, or as soon as the one who asked has gone.

:func:`bounded` wraps the statements of one connection. The database itself stops them, so no
thread is left running a query nobody waits for:

- **SQLite**: a progress handler, called every 1,000 virtual-machine steps, interrupts the
  statement once the time is up or ``cancelled()`` says so;
- **PostgreSQL**: ``SET LOCAL statement_timeout`` bounds the time, and a watcher thread polls
  ``cancelled()`` every :data:`POLL_SECONDS` and, when it turns true, asks the server to cancel
  the running statement (libpq's cancel request, which ends it in the backend: it is gone from
  ``pg_stat_activity`` within milliseconds).

Either way the interrupted statement raises the driver's error; :meth:`Bound.stopped` tells the
caller it was this stop (and why), not a fault.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

log = logging.getLogger("newsgraph.store")

POLL_SECONDS = 0.1
"""How often PostgreSQL's watcher asks whether the client is still there."""


@dataclass
class Bound:
    """What :func:`bounded` knows of the statements it bounds."""

    deadline: float
    cancelled: Callable[[], bool] | None = None
    reason: str | None = field(default=None)
    """``"time"`` or ``"cancelled"`` once a stop was asked for; None while the query may run."""

    def check(self) -> bool:
        """True (and :attr:`reason` set) when the statements must stop now."""
        if self.reason is None:
            if time.monotonic() > self.deadline:
                self.reason = "time"
            elif self.cancelled is not None and self.cancelled():
                self.reason = "cancelled"
        return self.reason is not None

    def stopped(self) -> bool:
        """True when a statement that failed was stopped by this bound (time or cancellation)."""
        return self.check()


@contextmanager
def bounded(conn: Connection, seconds: float, cancelled: Callable[[], bool] | None = None) -> Iterator[Bound]:
    """Run the statements of ``conn`` inside this block for at most ``seconds``, and stop them as
    soon as ``cancelled()`` turns true. A stopped statement raises the driver's error (a
    ``DBAPIError``), and the yielded :class:`Bound` says it was stopped and why."""
    bound = Bound(time.monotonic() + seconds, cancelled)
    raw = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        raw.set_progress_handler(lambda: int(bound.check()), 1_000)  # type: ignore[union-attr]
        try:
            yield bound
        finally:
            raw.set_progress_handler(None, 0)  # type: ignore[union-attr]
        return
    conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}"))
    if cancelled is None:
        yield bound
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(POLL_SECONDS):
            if cancelled():
                bound.reason = bound.reason or "cancelled"
                cancel = getattr(raw, "cancel_safe", None) or raw.cancel  # type: ignore[union-attr]
                try:
                    cancel()
                except Exception as exc:  # the statement may just have ended: nothing to cancel
                    log.debug("cancelling a query failed: %s", exc)
                return

    watcher = threading.Thread(target=watch, name="newsgraph-query-watch", daemon=True)
    watcher.start()
    try:
        yield bound
    finally:
        done.set()
        watcher.join()  # no cancel request may reach the connection once it is handed back
