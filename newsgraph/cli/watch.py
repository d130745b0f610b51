"""``newsgraph watch``: follow the sources of a ``watch.yaml`` and ingest what is new."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click
from rich.text import Text

from newsgraph.alerts.run import after_ingest_hook
from newsgraph.cli.alerts import show_alert
from newsgraph.cli.output import errors
from newsgraph.store import DEFAULT_DB, Store, shown
from newsgraph.watch import AfterIngest, WatchConfig, Watcher, load_config


def _log(line: str) -> None:
    errors.print(Text(f"watch: {line}"), soft_wrap=True)


def after_ingest_for(config: WatchConfig) -> AfterIngest | None:
    """The step run on each poll's new documents: the alert rules of ``config`` (its ``rules`` and
    ``deliver`` sections), checked now; None when it has no rules."""
    if not config.rules:
        return None
    return after_ingest_hook(config.rules, config.deliver, terminal=show_alert)


@click.command()
@click.argument("config", metavar="WATCH.YAML", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--db",
    default=None,
    envvar="NEWSGRAPH_DB",
    help=f"Store: a SQLite file or a database URL. Default: the file's 'store', else {DEFAULT_DB}. Env: NEWSGRAPH_DB.",
)
@click.option("--once", is_flag=True, help="Poll each source that is due once, then exit (for cron).")
@click.option("--all", "all_sources", is_flag=True, help="Poll every source now, due or not (implies --once).")
@click.option("--check", is_flag=True, help="Only check the file: print its sources and exit.")
@click.option("-v", "--verbose", is_flag=True, help="Also log the sources that did not change.")
def watch(config: Path, db: str | None, once: bool, all_sources: bool, check: bool, verbose: bool) -> None:
    """Follow feeds, pages of links, sitemaps, folders and PDF reports listed in WATCH.YAML, and
    ingest what is new: seen items (same URL, same text, or the same story syndicated by another
    outlet) are skipped. State (ETags, what was seen) lives in the store, so a restart neither
    loses nor repeats an item.

    Runs as a service until SIGTERM or Ctrl-C (it finishes the document it is on), or with --once
    polls each due source once and exits (exit status 1 when a source failed). Each failure is
    logged on one line on standard error; one bad source never stops the others.

    \b
    WATCH.YAML:
      store: news.db
      sources:
        - name: dawn
          feed: https://www.dawn.com/feeds/home
          every: 15m
        - name: reports
          folder: ./reports        # PDFs and texts dropped in
          every: 5m
        - name: think-tank
          page: https://example.org/publications
          match: /publications/
          every: 6h

    \b
    Example:
      newsgraph watch watch.yaml                 # as a service
      newsgraph watch watch.yaml --once          # from cron, every 15 minutes
      newsgraph watch watch.yaml --check
    """
    cfg = load_config(config)
    target = db or cfg.store or DEFAULT_DB
    after_ingest = after_ingest_for(cfg)  # a wrong rule stops here, before any poll
    if check:
        for s in cfg.sources:
            click.echo(f"{s.name}\t{s.kind}\tevery {s.every:g}s\t{s.target}")
        click.echo(f"{len(cfg.sources)} sources; store {shown(target)}", err=True)
        return
    with (
        Store.open(target) as store,
        Watcher(cfg, store, after_ingest=after_ingest, log=_log, verbose=verbose) as watcher,
    ):

        def stop(signum: int, _frame: FrameType | None) -> None:
            if watcher.stopping and signum == signal.SIGINT:
                raise KeyboardInterrupt
            _log(f"{signal.Signals(signum).name}: stopping after the current document")
            watcher.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if once or all_sources:
            report = watcher.run_once(all_sources=all_sources)
            failed = [s for s in report.sources if s.error]
            new = len(report.document_ids)
            _log(
                f"{len(report.sources)} sources polled, {new} new documents, {len(failed)} failed "
                f"in {report.seconds:.1f} s -> {shown(target)}"
            )
            if failed:
                sys.exit(1)
            return
        _log(f"watching {len(cfg.sources)} sources -> {shown(target)}")
        watcher.run_forever()
        _log("stopped")


commands = [watch]
