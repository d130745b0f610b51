"""Alerts: rules on what is new in the store, evaluated after each ingest, delivered once.

``watch.yaml``'s ``rules:`` (:mod:`newsgraph.alerts.rules`) and ``deliver:``
(:mod:`newsgraph.alerts.deliver`) sections, the evaluation on the facts of new documents
(:mod:`newsgraph.alerts.evaluate`), and :func:`run_alerts`, which records each alert once (keyed
by rule and fact, in the store: :mod:`newsgraph.store.alerts`) and delivers what is pending
(:mod:`newsgraph.alerts.run`).
"""

from newsgraph.alerts.deliver import Delivery, parse_deliveries
from newsgraph.alerts.evaluate import evaluate
from newsgraph.alerts.rules import Rule, parse_rules
from newsgraph.alerts.run import (
    AlertRun,
    after_ingest_hook,
    deliver_pending,
    load_config,
    parse_config,
    run_alerts,
)
from newsgraph.store.alerts import Alert

__all__ = [
    "Alert",
    "AlertRun",
    "Delivery",
    "Rule",
    "after_ingest_hook",
    "deliver_pending",
    "evaluate",
    "load_config",
    "parse_config",
    "parse_deliveries",
    "parse_rules",
    "run_alerts",
]
