"""Fixtures every watcher test shares: a loopback web server and a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store
from tests.watch.server import LoopbackServer, serving


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with serving() as srv:
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "watch.db") as s:
        yield s
