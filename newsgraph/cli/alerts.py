"""``newsgraph alerts``: the alerts the watch rules raised, and ``alerts run`` to evaluate rules
over documents already stored (what the watcher does after each ingest batch)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import click
from rich.text import Text

from newsgraph.cli.options import db_option, json_option, output_options
from newsgraph.cli.output import Output, console, emit, errors, note, print_json, warning
from newsgraph.errors import BadRequest, one_line
from newsgraph.store import Store
from newsgraph.store.alerts import Alert


def show_alert(alert: Alert) -> None:
    """The terminal channel: one alert in a few lines, through the CLI's console (data printed
    as written, never read as markup)."""
    from newsgraph.alerts.deliver import alert_lines

    head, *rest = alert_lines(alert)
    console.print(Text.assemble((head, "bold")), soft_wrap=True)
    for k, line in enumerate(rest):
        console.print(Text(line, style="dim" if k == len(rest) - 1 else ""), soft_wrap=True)


class _OneLine(logging.Handler):
    """A delivery's failure, as the one line it is, on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        warning(one_line(record.getMessage()), to=errors)


def _log_to_stderr() -> None:
    log = logging.getLogger("newsgraph.alerts")
    if not any(isinstance(h, _OneLine) for h in log.handlers):
        log.addHandler(_OneLine())
        log.propagate = False


@click.group(invoke_without_command=True)
@click.option("--rule", metavar="NAME", help="Only the alerts of this rule.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="Alerts to show.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Alerts to skip.")
@db_option
@output_options
@click.pass_context
def alerts(ctx: click.Context, rule: str | None, limit: int, offset: int, db: str, out: Output) -> None:
    """The alerts raised by the rules of watch.yaml, the newest first: the rule that fired, what
    happened, the sentence, who says so, the document and its outlet, and where each was delivered.

    `newsgraph alerts run` evaluates the rules over documents already stored.

    \b
    Example:
      newsgraph alerts --limit 20
      newsgraph alerts --rule "groups in events" --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from newsgraph.store.alerts import count_alerts, list_alerts

    with Store.open(db, create=False) as store:
        found = list_alerts(store.engine, limit=limit, offset=offset, rule=rule)
        total = count_alerts(store.engine, rule=rule)
    emit(
        out,
        [
            {
                "id": a.id,
                "when": a.created_at[:16].replace("T", " "),
                "rule": a.rule,
                "summary": a.summary,
                "sentence": " ".join((a.sentence or "").split()),
                "speaker": a.speaker or "",
                "document": f"{a.outlet + ': ' if a.outlet else ''}{a.title or a.doc_id or ''}",
                "delivered": ", ".join(f"{c} {s}" for c, s in a.deliveries),
            }
            for a in found
        ],
        [
            ("id", "#"),
            ("when", "when (UTC)"),
            ("rule", "rule"),
            ("summary", "what"),
            ("sentence", "sentence"),
            ("speaker", "who says so"),
            ("document", "document"),
            ("delivered", "delivered"),
        ],
        data={"items": [a.to_dict() for a in found], "limit": limit, "offset": offset, "total": total},
    )
    if out is Output.TABLE:
        console.print(f"{len(found)} of {total} alert(s) shown")


@alerts.command("run")
@click.option(
    "--rules",
    "rules_path",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="WATCH.YAML",
    help="The file with the rules: and deliver: sections.",
)
@click.option(
    "--documents",
    "documents",
    multiple=True,
    metavar="ID[,ID...]",
    help="Evaluate over these stored documents (repeat, or separate with commas).",
)
@click.option("--since", metavar="DATE", help="Evaluate over the documents ingested on or after this date (UTC).")
@click.option("--no-deliver", is_flag=True, help="Record the alerts but deliver nothing (they stay pending).")
@db_option
@json_option
def run(
    rules_path: str, documents: tuple[str, ...], since: str | None, no_deliver: bool, db: str, as_json: bool
) -> None:
    """Evaluate the rules of WATCH.YAML over documents already stored, record the alerts (a fact
    alerted before under the same rule is not raised again) and deliver them, with any an
    earlier run left pending, on the channels of its deliver: section.

    \b
    Example:
      newsgraph alerts run --rules watch.yaml --since 2026-03-01
      newsgraph alerts run --rules watch.yaml --documents nws-2026-0302-hamas --json
    """
    from newsgraph.alerts import load_config, run_alerts
    from newsgraph.store.alerts import document_ids_since, existing_document_ids

    if not documents and not since:
        raise BadRequest("give the documents to evaluate over: --documents ID[,ID...] or --since DATE")
    rules, deliveries = load_config(rules_path)
    _log_to_stderr()
    with Store.open(db) as store:
        ids: list[str] = []
        if documents:
            wanted = [d.strip() for given in documents for d in given.split(",") if d.strip()]
            ids = existing_document_ids(store.engine, wanted)
            missing = sorted(set(wanted) - set(ids))
            if missing:
                note(f"not in the store, skipped: {', '.join(missing[:10])}{' ...' if len(missing) > 10 else ''}")
        if since:
            ids += [d for d in document_ids_since(store.engine, since) if d not in ids]
        result = run_alerts(
            store.engine,
            rules,
            deliveries,
            ids,
            now=datetime.now(UTC),
            terminal=show_alert,
            deliver=not no_deliver,
        )
    if as_json:
        print_json(result.to_dict())
        return
    delivered = ", ".join(f"{n} to {c}" for c, n in result.delivered.items()) or "nothing delivered"
    console.print(
        f"{len(ids)} document(s) evaluated against {len(rules)} rule(s): {len(result.raised)} new alert(s), "
        f"{result.repeated} alerted before; {delivered}"
    )
    for channel, reason in result.failed.items():
        warning(f"{channel}: {reason} (its alerts stay pending: the next run tries again)", to=errors)


commands = [alerts]
