"""One alert run: evaluate the rules on new documents, record what fired, deliver what is pending.

:func:`run_alerts` is what the watcher calls after each ingest batch, with the ids of the
documents it just stored. It records each new alert with a pending delivery on every configured
channel in one transaction (a fact already recorded under a rule is skipped: the same fact never
alerts twice, across runs and restarts), then delivers every pending alert of each channel,
those left over from an earlier run that died included. A channel marks each alert delivered as
soon as it took it; one that fails is logged in one line and tried again on the next run, and
never stops the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from newsgraph.alerts.deliver import (
    Delivery,
    Printer,
    append_jsonl,
    parse_deliveries,
    plain_printer,
    post_webhook,
    send_email,
)
from newsgraph.alerts.evaluate import evaluate
from newsgraph.alerts.rules import Rule, parse_rules
from newsgraph.errors import AlertConfigError, DeliveryError, NewsgraphError, one_line, printable
from newsgraph.store import Engine, begin, connect
from newsgraph.store import alerts as store
from newsgraph.store.alerts import Alert
from newsgraph.store.store import serialize

log = logging.getLogger("newsgraph.alerts")


@dataclass(frozen=True)
class AlertRun:
    """What one run did."""

    documents: int
    """New documents the rules were evaluated on."""
    raised: tuple[int, ...]
    """Ids of the alerts recorded by this run."""
    repeated: int
    """Facts the rules found that were alerted before (not recorded again)."""
    delivered: dict[str, int] = field(default_factory=dict)
    """Channel -> alerts delivered by this run (those pending from earlier runs included)."""
    failed: dict[str, str] = field(default_factory=dict)
    """Channel -> why it failed this time (its alerts stay pending)."""
    evaluate_s: float = 0.0
    deliver_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "raised": list(self.raised),
            "repeated": self.repeated,
            "delivered": dict(self.delivered),
            "failed": dict(self.failed),
            "evaluate_s": round(self.evaluate_s, 4),
            "deliver_s": round(self.deliver_s, 4),
        }


def parse_config(raw: Any) -> tuple[tuple[Rule, ...], tuple[Delivery, ...]]:
    """The rules and deliveries of a loaded ``watch.yaml`` (its ``rules:`` and ``deliver:``)."""
    if raw is None:
        return (), ()
    if not isinstance(raw, Mapping):
        raise AlertConfigError("the file", "must be a mapping with 'rules:' and 'deliver:' sections")
    return parse_rules(raw.get("rules")), parse_deliveries(raw.get("deliver"))


def load_config(path: str | Path) -> tuple[tuple[Rule, ...], tuple[Delivery, ...]]:
    """The rules and deliveries of the YAML file at ``path``."""
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AlertConfigError(str(p), f"cannot be read: {one_line(str(exc))}") from exc
    except yaml.YAMLError as exc:
        raise AlertConfigError(str(p), f"is not valid YAML: {one_line(str(exc))}") from exc
    return parse_config(raw)


def _now_text(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds")


def record_alerts(
    engine: Engine,
    rules: Sequence[Rule],
    deliveries: Sequence[Delivery],
    document_ids: Sequence[str],
    *,
    now: datetime | None = None,
) -> tuple[list[int], int]:
    """Evaluate and record (no delivery): the ids recorded, and the facts alerted before."""
    when = now or datetime.now(UTC)
    found = evaluate(engine, rules, document_ids, now=when)
    with begin(engine) as conn:
        serialize(conn, "newsgraph-alerts")
        ids = store.record(conn, found, [d.name for d in deliveries], _now_text(when))
    return ids, len({a.key for a in found}) - len(ids)


def _deliver_channel(engine: Engine, d: Delivery, printer: Printer) -> int:
    """Deliver the pending alerts of ``d``; the number delivered. Raises what the channel raised,
    once what it took is marked delivered."""
    with connect(engine) as conn:
        waiting = store.pending(conn, d.name)
    if not waiting:
        return 0

    taken: set[int] = set()

    def done(alerts: Sequence[Alert]) -> None:
        taken.update(a.id for a in alerts)
        with begin(engine) as conn:
            store.mark_delivered(conn, [a.id for a in alerts], d.name, _now_text(datetime.now(UTC)))

    try:
        if d.type == "terminal":
            for a in waiting:
                printer(a)
            done(waiting)
        elif d.type == "jsonl":
            assert d.path is not None
            append_jsonl(d.path, waiting)
            done(waiting)
        elif d.type == "email":
            send_email(d, waiting)
            done(waiting)
        elif d.type == "webhook":
            sent = 0
            for a in waiting:
                post_webhook(d, a)
                done([a])
                sent += 1
            return sent
        return len(waiting)
    except (NewsgraphError, OSError) as exc:
        left = [a.id for a in waiting if a.id not in taken]
        with begin(engine) as conn:
            store.mark_failed(conn, left, d.name, one_line(str(exc)), _now_text(datetime.now(UTC)))
        raise


def deliver_pending(
    engine: Engine, deliveries: Sequence[Delivery], *, terminal: Printer | None = None
) -> tuple[dict[str, int], dict[str, str]]:
    """Deliver every pending alert on each channel: (channel -> delivered, channel -> why it failed)."""
    delivered: dict[str, int] = {}
    failed: dict[str, str] = {}
    for d in deliveries:
        try:
            delivered[d.name] = _deliver_channel(engine, d, terminal or plain_printer)
        except (NewsgraphError, OSError) as exc:
            reason = exc.reason if isinstance(exc, DeliveryError) else one_line(str(exc))
            failed[d.name] = reason
            log.warning("alert delivery %s failed: %s; its alerts stay pending", printable(d.name), reason)
    return delivered, failed


def run_alerts(
    engine: Engine,
    rules: Sequence[Rule],
    deliveries: Sequence[Delivery],
    new_document_ids: Sequence[str],
    *,
    now: datetime | None = None,
    terminal: Printer | None = None,
    after_record: Callable[[list[int]], None] | None = None,
    deliver: bool = True,
) -> AlertRun:
    """Evaluate ``rules`` on the documents ``new_document_ids``, record each new alert (a fact
    already alerted under the same rule is not recorded again) with a pending delivery on each
    of ``deliveries``, then deliver every pending alert: this run's and any an earlier run left.

    ``terminal`` shows an alert on the terminal channel (the CLI passes one that prints through
    its console; plain lines on standard output otherwise). ``after_record`` is called with the
    ids recorded, between recording and delivering (tests use it to kill the process there).
    Without ``deliver`` the alerts are recorded and left pending (the next run delivers them).
    """
    t0 = time.perf_counter()
    ids, repeated = record_alerts(engine, rules, deliveries, new_document_ids, now=now)
    t1 = time.perf_counter()
    if after_record is not None:
        after_record(ids)
    delivered, failed = deliver_pending(engine, deliveries, terminal=terminal) if deliver else ({}, {})
    return AlertRun(
        documents=len(set(new_document_ids)),
        raised=tuple(ids),
        repeated=repeated,
        delivered=delivered,
        failed=failed,
        evaluate_s=t1 - t0,
        deliver_s=time.perf_counter() - t1,
    )


def after_ingest_hook(
    rules: Any, deliver: Any, *, terminal: Printer | None = None
) -> Callable[[Engine, Sequence[str]], AlertRun]:
    """The watcher's ``after_ingest(engine, new_document_ids)`` for the raw ``rules:`` and
    ``deliver:`` sections of ``watch.yaml``, checked now (a wrong rule stops the watcher before
    its first poll, naming the rule and the key). Called with no new document, it still delivers
    what an earlier run left pending."""
    checked_rules, checked_deliveries = parse_rules(rules), parse_deliveries(deliver)

    def after_ingest(engine: Engine, new_document_ids: Sequence[str]) -> AlertRun:
        return run_alerts(engine, checked_rules, checked_deliveries, new_document_ids, terminal=terminal)

    return after_ingest
