"""Fixtures of the alert tests: a copy of the stories' store (tests/alerts/stories.py) per test,
and the rules and deliveries as a watch.yaml would give them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store
from tests.alerts.stories import store_copy


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """A store of the stories (the earlier ones, then the new ones) that the test may write to."""
    with Store.open(store_copy(tmp_path / "alerts.db")) as s:
        yield s
