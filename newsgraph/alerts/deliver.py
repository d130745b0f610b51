"""Deliveries: where alerts go, read from the ``deliver:`` section of ``watch.yaml``.

- ``terminal``: each alert in a few lines on standard output (the CLI prints through
  :mod:`newsgraph.cli.output`);
- ``jsonl``: each alert appended as one JSON line to ``path``;
- ``webhook``: each alert POSTed as JSON to ``url``, signed with HMAC-SHA256 over the body
  (``X-Newsgraph-Signature: sha256=HEX``) with the secret in the environment variable
  ``secret_env``, retried with back-off (``retries``, ``timeout``);
- ``email``: one digest per run over SMTP (plain text and an HTML alternative) from ``from`` to
  ``to``, STARTTLS when ``starttls`` (``ca_file``: certificates to trust besides the system's); the
  user name and password come from the environment
  variables named by ``username_env`` and ``password_env``, never from the file.

Each delivery has a ``name`` (by default its type; two of one type need names): the store keeps
the status of every alert on every channel by that name. One failing channel never stops the
others; its failure is logged in one line and its alerts stay pending for the next run.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import logging
import os
import smtplib
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from newsgraph.errors import AlertConfigError, DeliveryError, one_line, printable
from newsgraph.records import page_name
from newsgraph.store.alerts import Alert

log = logging.getLogger("newsgraph.alerts")

TYPES = ("terminal", "jsonl", "webhook", "email")
SIGNATURE_HEADER = "X-Newsgraph-Signature"
"""The webhook's signature header: ``sha256=`` and the hex HMAC-SHA256 of the body."""

Printer = Callable[[Alert], None]
"""Shows one alert on the terminal."""


@dataclass(frozen=True)
class Delivery:
    """One configured channel."""

    name: str
    type: str
    """One of :data:`TYPES`."""
    path: Path | None = None
    """``jsonl``: the file appended to."""
    url: str | None = None
    """``webhook``: where alerts are POSTed."""
    secret_env: str | None = None
    """``webhook``: the environment variable holding the signing secret."""
    timeout: float = 10.0
    retries: int = 3
    """``webhook``: attempts per alert in one run (then the next run tries again)."""
    backoff: float = 0.5
    """``webhook``: seconds before the second attempt, doubled for each next one."""
    host: str | None = None
    port: int = 25
    starttls: bool = False
    sender: str | None = None
    to: tuple[str, ...] = ()
    username_env: str | None = None
    password_env: str | None = None
    subject: str = "newsgraph: {count} new alert(s)"
    ca_file: Path | None = None
    """``email``: the certificates to trust for STARTTLS besides the system's (a relay with its own CA)."""


_KEYS: dict[str, set[str]] = {
    "terminal": set(),
    "jsonl": {"path"},
    "webhook": {"url", "secret_env", "timeout", "retries", "backoff"},
    "email": {
        "host",
        "port",
        "starttls",
        "ca_file",
        "from",
        "to",
        "username_env",
        "password_env",
        "subject",
        "timeout",
    },
}


def _need(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise AlertConfigError(f"delivery {where!r}, key {key!r}", "is required (a non-empty string)")
    return value.strip()


def _env_name(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.replace("_", "").isalnum():
        raise AlertConfigError(
            f"delivery {where!r}, key {key!r}", "must name an environment variable (letters, digits, _)"
        )
    return value


def _positive(raw: Mapping[str, Any], key: str, where: str, default: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise AlertConfigError(f"delivery {where!r}, key {key!r}", f"must be a positive number, not {value!r}")
    return float(value)


def parse_delivery(raw: Any, position: int) -> Delivery:
    if not isinstance(raw, Mapping):
        raise AlertConfigError(f"delivery #{position + 1}", "must be a mapping with at least 'type'")
    kind = raw.get("type")
    if kind not in TYPES:
        raise AlertConfigError(f"delivery #{position + 1}, key 'type'", f"must be one of {', '.join(TYPES)}")
    name = raw.get("name", kind)
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise AlertConfigError(f"delivery #{position + 1}, key 'name'", "must be a non-empty string (100 at most)")
    if "password" in raw or "secret" in raw or "username" in raw:
        key = next(k for k in ("password", "secret", "username") if k in raw)
        raise AlertConfigError(
            f"delivery {name!r}, key {key!r}",
            f"credentials are never read from the file: put it in an environment variable and name it with {key}_env",
        )
    unknown = sorted(set(map(str, raw)) - {"type", "name"} - _KEYS[kind])
    if unknown:
        raise AlertConfigError(
            f"delivery {name!r}, key {unknown[0]!r}",
            f"is not a key of a {kind} delivery (keys: {', '.join(sorted(_KEYS[kind] | {'type', 'name'}))})",
        )
    if kind == "terminal":
        return Delivery(name=name, type=kind)
    if kind == "jsonl":
        return Delivery(name=name, type=kind, path=Path(_need(raw, "path", name)).expanduser())
    if kind == "webhook":
        url = _need(raw, "url", name)
        if not url.startswith(("http://", "https://")):
            raise AlertConfigError(f"delivery {name!r}, key 'url'", "must be an http:// or https:// URL")
        retries = raw.get("retries", 3)
        if isinstance(retries, bool) or not isinstance(retries, int) or not 1 <= retries <= 10:
            raise AlertConfigError(f"delivery {name!r}, key 'retries'", "must be a whole number from 1 to 10")
        return Delivery(
            name=name,
            type=kind,
            url=url,
            secret_env=_env_name(raw, "secret_env", name),
            timeout=_positive(raw, "timeout", name, 10.0),
            retries=retries,
            backoff=_positive(raw, "backoff", name, 0.5),
        )
    to = raw.get("to")
    if isinstance(to, str):
        to = [to]
    if not isinstance(to, list) or not to or not all(isinstance(t, str) and "@" in t for t in to):
        raise AlertConfigError(f"delivery {name!r}, key 'to'", "must be one address or a list of addresses")
    port = raw.get("port", 25)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise AlertConfigError(f"delivery {name!r}, key 'port'", "must be a port number")
    starttls = raw.get("starttls", False)
    if not isinstance(starttls, bool):
        raise AlertConfigError(f"delivery {name!r}, key 'starttls'", "must be true or false")
    subject = raw.get("subject", Delivery.subject)
    if not isinstance(subject, str):
        raise AlertConfigError(f"delivery {name!r}, key 'subject'", "must be a string")
    return Delivery(
        name=name,
        type=kind,
        host=_need(raw, "host", name),
        port=port,
        starttls=starttls,
        sender=_need(raw, "from", name),
        to=tuple(to),
        username_env=_env_name(raw, "username_env", name),
        password_env=_env_name(raw, "password_env", name),
        subject=subject,
        timeout=_positive(raw, "timeout", name, 10.0),
        ca_file=Path(_need(raw, "ca_file", name)).expanduser() if "ca_file" in raw else None,
    )


def parse_deliveries(raw: Any) -> tuple[Delivery, ...]:
    """The deliveries of the ``deliver:`` section (a list of mappings; None or absent: none)."""
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise AlertConfigError("deliver", "must be a list of deliveries (each a mapping with a type)")
    out = tuple(parse_delivery(d, k) for k, d in enumerate(raw))
    names = [d.name for d in out]
    for n in names:
        if names.count(n) > 1:
            raise AlertConfigError(f"delivery {n!r}", "two deliveries share this name: give each its own 'name'")
    return out


# -- how an alert reads ----------------------------------------------------------------------------


def alert_lines(alert: Alert) -> list[str]:
    """An alert as a few plain lines: what fired, the sentence, who says so and where."""
    lines = [f"[{alert.rule}] {alert.summary}"]
    if alert.sentence:
        lines.append(f'  "{" ".join(alert.sentence.split())}"' + (f" ({page_name(alert.page)})" if alert.page else ""))
    where = [
        f"speaker: {alert.speaker}" if alert.speaker else None,
        alert.outlet,
        alert.published,
        alert.title,
        alert.url,
        f"document {alert.doc_id}" if alert.doc_id else None,
        f"confidence {alert.confidence:.2f}" if alert.confidence is not None else None,
        alert.modality,
    ]
    lines.append("  " + " · ".join(w for w in where if w))
    return [printable(line) for line in lines]


def alert_html(alert: Alert) -> str:
    """An alert as an HTML fragment (every value escaped)."""
    e = html.escape
    parts = [f"<h3>[{e(alert.rule)}] {e(alert.summary)}</h3>"]
    if alert.sentence:
        on_page = f" <small>({page_name(alert.page)})</small>" if alert.page else ""
        parts.append(f"<blockquote>{e(' '.join(alert.sentence.split()))}{on_page}</blockquote>")
    doc = e(alert.title or alert.doc_id or "")
    if alert.url and alert.url.startswith(("http://", "https://")):
        doc = f'<a href="{e(alert.url, quote=True)}">{doc}</a>'
    facts = [
        f"speaker: {e(alert.speaker)}" if alert.speaker else None,
        e(alert.outlet) if alert.outlet else None,
        e(alert.published) if alert.published else None,
        doc or None,
        f"confidence {alert.confidence:.2f}" if alert.confidence is not None else None,
        e(alert.modality) if alert.modality else None,
    ]
    parts.append(f"<p>{' · '.join(f for f in facts if f)}</p>")
    return "\n".join(parts)


def plain_printer(alert: Alert) -> None:
    """The terminal channel without the CLI's console: plain lines on standard output."""
    sys.stdout.write("\n".join(alert_lines(alert)) + "\n")
    sys.stdout.flush()


# -- the channels ----------------------------------------------------------------------------------


def append_jsonl(path: Path, alerts: Sequence[Alert]) -> None:
    """Append each alert as one JSON line, flushed and synced before returning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(json.dumps(a.to_dict(), ensure_ascii=False, default=str) + "\n" for a in alerts)
    with path.open("a", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def sign(body: bytes, secret: str) -> str:
    """The signature header's value for ``body``: ``sha256=`` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(d: Delivery, alert: Alert, *, sleep: Callable[[float], None] = time.sleep) -> int:
    """POST one alert; retried with back-off. Returns the attempts it took; raises
    :class:`DeliveryError` when every attempt failed."""
    assert d.url is not None
    body = json.dumps({"alert": alert.to_dict()}, ensure_ascii=False, default=str).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "newsgraph-alerts"}
    if d.secret_env:
        secret = os.environ.get(d.secret_env)
        if not secret:
            raise DeliveryError(d.name, f"the environment variable {d.secret_env} (the signing secret) is not set")
        headers[SIGNATURE_HEADER] = sign(body, secret)
    reason = ""
    for attempt in range(1, d.retries + 1):
        request = urllib.request.Request(d.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=d.timeout) as response:
                if 200 <= response.status < 300:
                    return attempt
                reason = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            reason = one_line(str(getattr(exc, "reason", None) or exc)) or type(exc).__name__
        if attempt < d.retries:
            sleep(d.backoff * 2 ** (attempt - 1))
    raise DeliveryError(d.name, f"{d.url} answered {reason} after {d.retries} attempts")


def digest_message(d: Delivery, alerts: Sequence[Alert]) -> EmailMessage:
    """One message for the run's alerts: plain text, with an HTML alternative."""
    msg = EmailMessage()
    msg["Subject"] = d.subject.replace("{count}", str(len(alerts)))
    msg["From"] = d.sender or ""
    msg["To"] = ", ".join(d.to)
    plain = [f"{len(alerts)} new alert(s) from newsgraph", ""]
    for a in alerts:
        plain += [*alert_lines(a), ""]
    msg.set_content("\n".join(plain))
    body = "\n<hr>\n".join(alert_html(a) for a in alerts)
    msg.add_alternative(
        f"<!doctype html><html><body><p>{len(alerts)} new alert(s) from newsgraph</p>\n{body}\n</body></html>",
        subtype="html",
    )
    return msg


def send_email(d: Delivery, alerts: Sequence[Alert]) -> None:
    """Send the digest of ``alerts``; raises :class:`DeliveryError` when the server refuses."""
    assert d.host is not None
    user = os.environ.get(d.username_env) if d.username_env else None
    password = os.environ.get(d.password_env) if d.password_env else None
    if d.username_env and not user:
        raise DeliveryError(d.name, f"the environment variable {d.username_env} (the SMTP user) is not set")
    if d.password_env and not password:
        raise DeliveryError(d.name, f"the environment variable {d.password_env} (the SMTP password) is not set")
    try:
        with smtplib.SMTP(d.host, d.port, timeout=d.timeout) as smtp:
            if d.starttls:
                smtp.starttls(context=ssl.create_default_context(cafile=str(d.ca_file) if d.ca_file else None))
            if user and password:
                smtp.login(user, password)
            smtp.send_message(digest_message(d, alerts))
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(d.name, f"{d.host}:{d.port}: {one_line(str(exc)) or type(exc).__name__}") from exc
