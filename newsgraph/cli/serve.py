"""``newsgraph serve``: the REST API and the web UI over a store."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from newsgraph.cli.options import db_option
from newsgraph.cli.output import errors, warning
from newsgraph.errors import StoreError
from newsgraph.store import engine_url, shown


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_store(db: str) -> None:
    """Refuse a SQLite store that does not exist, saying how to make one."""
    url = engine_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if not path.is_file():
            raise StoreError(
                f"no store at {path}: run `bash run demo` (it ingests the sample documents into newsgraph.db), "
                f"or `newsgraph ingest PATH --db {shown(db)}`, then serve it"
            )


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default is reachable from this machine only.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token",
    envvar="NEWSGRAPH_TOKEN",
    help="Accept documents over HTTP (POST /api/documents) from requests bearing this token "
    "(Authorization: Bearer TOKEN). Without it the server is read-only. Env: NEWSGRAPH_TOKEN.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    envvar="NEWSGRAPH_ALLOW_HOSTS",
    metavar="NAME",
    help="Also answer requests whose Host is NAME (repeatable; * answers any). By default only the "
    "--host address, localhost, 127.0.0.1 and ::1 are answered (400 otherwise), so that a web page "
    "cannot reach the server through a name of its own (DNS rebinding). "
    "Env: NEWSGRAPH_ALLOW_HOSTS (names separated by spaces).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
    help="Server log level (debug also logs every request).",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a client has to send a request's headers; then the connection is dropped.",
)
@click.option(
    "--body-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a client has to send a request's body after its headers; then 408 and the connection is dropped.",
)
@click.option(
    "--send-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds an answer may wait on a client that reads none of it; then the connection is dropped.",
)
def serve(
    db: str,
    host: str,
    port: int,
    token: str | None,
    allow_hosts: tuple[str, ...],
    log_level: str,
    header_timeout: float,
    body_timeout: float,
    send_timeout: float,
) -> None:
    """Serve the web UI and the REST API over the store (OpenAPI at /docs).

    Binds to 127.0.0.1 unless told otherwise: the store may hold what others should not read.
    Answers only requests naming this server's host (see --allow-host); drops connections that
    send no complete request in 10 s, no complete body in 30 s, or read no answer in 30 s;
    stops within 5 s of SIGTERM.

    \b
    Example:
      newsgraph serve --db newsgraph.db --port 8000
      open http://127.0.0.1:8000/  (the API is listed at http://127.0.0.1:8000/docs)
    """
    from newsgraph.web import server
    from newsgraph.web.app import create_app
    from newsgraph.web.security import LOOPBACK_HOSTS

    check_store(db)
    if not is_loopback(host):
        warning(
            f"listening on {host}: anyone who can reach this machine can read the store"
            + (" and, with the token, write to it over plain HTTP" if token else "")
            + (
                ""
                if allow_hosts
                else "; only requests naming localhost or this address are answered: "
                "add --allow-host NAME for each name clients use"
            ),
            to=errors,
        )
    from newsgraph.web.pages import vendor_missing

    missing = vendor_missing()
    if missing:
        warning(
            f"the browser libraries ({', '.join(missing)}) are not installed: the API works, but the "
            "network view and the map need `bash run setup` (npm ci)",
            to=errors,
        )
    hosts = [host, *LOOPBACK_HOSTS, *allow_hosts]
    app = create_app(db, token=token, allowed_hosts=hosts)
    address = f"[{host}]" if ":" in host else host
    errors.print(
        f"newsgraph: serving {shown(db)} on http://{address}:{port}/ (API docs at /docs; "
        + ("POST /api/documents needs the token)" if token else "read-only)"),
        soft_wrap=True,
    )
    http = server.protocol(header_timeout, body_timeout, send_timeout)
    server.run(app, host, port, http=http, log_level=log_level, access_log=log_level == "debug")


commands = [serve]
