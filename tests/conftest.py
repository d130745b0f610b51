"""Shared fixtures: the spaCy pipeline is loaded once per test session.

Property-based tests (hypothesis) run a small fixed budget each (``@settings(max_examples=50,
deadline=None)``) with fixed examples (the ``suite`` profile), so the suite stays fast and
reproducible. ``HYPOTHESIS_PROFILE=long`` (what ``scripts/fuzz.sh``
sets) overrides every test's own budget with ``HYPOTHESIS_MAX_EXAMPLES`` (default 5,000) for a
longer campaign.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from newsgraph.annotate import Annotation, annotate, load_pipeline
from newsgraph.records import Document, Extraction

SHARED = Path(__file__).resolve().parents[2] / "shared"
WIRE = SHARED / "corpus" / "wire" / "ians-2026-01-27-pakistan-hamas-nexus.txt"

settings.register_profile(
    "long",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("suite", derandomize=True)
"""The suite's default: the same examples on every run, so CI is reproducible (a random run that
fails once and passes the next is noise); the long profile explores instead."""
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "suite")
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under the long profile, a test's own ``@settings`` budget gives way to the profile's."""
    if PROFILE != "long":
        return
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None:
            test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
                own, max_examples=settings.default.max_examples, deadline=None
            )


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@pytest.fixture(scope="session")
def annotated(nlp) -> Callable[[str], Annotation]:  # type: ignore[no-untyped-def]
    """Annotate a text with the session's pipeline."""

    def run(text: str) -> Annotation:
        return annotate(text, nlp)

    return run


@pytest.fixture(scope="session")
def extracted(nlp) -> Callable[..., Extraction]:  # type: ignore[no-untyped-def]
    """Run the whole extraction on a text: ``extracted(text, published="2026-01-27")``."""
    from newsgraph.extract import extract

    def run(text: str, published: str | None = None, source: str | None = None) -> Extraction:
        document = Document(id="t", text=text, published=published, source=source)
        return extract(document, annotate(text, nlp))

    return run


@pytest.fixture(scope="session")
def wire_text() -> str:
    if not WIRE.exists():
        pytest.skip(f"{WIRE} is absent")
    return WIRE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def postgresql_url():  # type: ignore[no-untyped-def]
    """A real PostgreSQL server on loopback for this test session (Debian's package, installed
    by scripts/test-setup.sh); skips with the reason when it cannot be started."""
    import glob
    import os
    import shutil
    import socket
    import subprocess

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.skip("PostgreSQL is not installed (scripts/test-setup.sh installs Debian's postgresql)")
    bindir = Path(found[-1]).parent
    import tempfile

    # Not under pytest's tmp folder: its parents are private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
        shutil.chown(root, "postgres")
        root.chmod(0o700)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = lambda *cmd: subprocess.run([*prefix, *cmd], capture_output=True, text=True, timeout=120)  # noqa: E731
    r = run(str(bindir / "initdb"), "-D", str(data), "-U", "newsgraph", "--auth=trust", "-E", "UTF8")
    if r.returncode:
        pytest.skip(f"initdb failed: {r.stderr.strip()[-300:]}")
    r = run(
        str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
        f"-h 127.0.0.1 -p {port} -k {root} -F", "start",
    )  # fmt: skip
    if r.returncode:
        pytest.skip(f"PostgreSQL did not start: {r.stderr.strip()[-300:]}")
    try:
        r = run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "newsgraph", "newsgraph")
        if r.returncode:
            pytest.skip(f"createdb failed: {r.stderr.strip()[-300:]}")
        yield f"postgresql://newsgraph@127.0.0.1:{port}/newsgraph"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
