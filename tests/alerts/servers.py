"""Real servers on loopback for the delivery tests: an SMTP server (aiosmtpd) that keeps the
messages it receives, and a webhook receiver (the standard library's HTTP server) that checks
each request's HMAC signature and can refuse the first attempts."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class Mailbox:
    """What the SMTP server received: (envelope sender, recipients, message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    """An SMTP server on 127.0.0.1 (a free port); yields (port, mailbox)."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:  # the controller connects to its port to check it is up: not 0
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, box
    finally:
        controller.stop()


class Webhook:
    """The receiver's state: the alerts accepted, the attempts refused, the bad signatures."""

    def __init__(self, secret: str, refuse_first: int = 0) -> None:
        self.secret = secret
        self.refuse = refuse_first
        self.accepted: list[dict[str, Any]] = []
        self.arrivals: list[float] = []
        """The wall-clock time each accepted alert arrived (time.time())."""
        self.refused = 0
        self.bad_signatures = 0
        self.lock = threading.Lock()


@contextmanager
def webhook_server(secret: str, refuse_first: int = 0) -> Iterator[tuple[str, Webhook]]:
    """A webhook receiver on 127.0.0.1; yields (its URL, its state). It answers 401 to a request
    whose ``X-Newsgraph-Signature`` is not the HMAC-SHA256 of the body with ``secret``, 500 to
    the first ``refuse_first`` good ones, 204 to the rest."""
    state = Webhook(secret, refuse_first)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            with state.lock:
                if not hmac.compare_digest(self.headers.get("X-Newsgraph-Signature", ""), expected):
                    state.bad_signatures += 1
                    code = 401
                elif state.refuse > 0:
                    state.refuse -= 1
                    state.refused += 1
                    code = 500
                else:
                    state.accepted.append(json.loads(body)["alert"])
                    state.arrivals.append(time.time())
                    code = 204
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", state
    finally:
        server.shutdown()
        server.server_close()


def self_signed(folder: Path) -> tuple[Path, Path] | None:
    """A certificate for 127.0.0.1 and its key, made by the openssl command (None without it)."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@contextmanager
def tls_smtp_server(cert: Path, key: Path, user: str, password: str) -> Iterator[tuple[int, Mailbox]]:
    """An SMTP server on 127.0.0.1 that requires STARTTLS (with ``cert``) and a login as ``user``
    with ``password``; yields (port, mailbox)."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (user.encode(), password.encode())
        return AuthResult(success=ok)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    box = Mailbox()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticate,
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield port, box
    finally:
        controller.stop()
