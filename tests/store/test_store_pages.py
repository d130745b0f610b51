"""The store's count of a page in SQL (``store.extractions.page_at``, for rows whose text is not
read) gives what ``records.page_of`` gives, on SQLite and on PostgreSQL (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Integer, Text, literal, select

from newsgraph.records import page_of
from newsgraph.store import Store
from newsgraph.store.extractions import page_at

PAGED = "Title page\n\n\fSecond page, a sentence.\n\n\f\fFourth page: the last."
TEXTS = [PAGED, "A plain story without pages.", "\fA text that opens on its second page."]


def counted(store: Store, text: str, offsets: list[int]) -> list[int | None]:
    with store.engine.connect() as conn:
        return [conn.execute(select(page_at(literal(text, Text), literal(at, Integer)))).scalar_one() for at in offsets]


@pytest.mark.parametrize("text", TEXTS)
def test_sqlite_counts_pages_as_page_of_does(tmp_path: Path, text: str) -> None:
    offsets = list(range(len(text) + 1))
    with Store.open(tmp_path / "p.db") as store:
        assert counted(store, text, offsets) == [page_of(text, at) for at in offsets]


@pytest.mark.parametrize("text", TEXTS)
def test_postgresql_counts_pages_as_page_of_does(postgresql_url: str, text: str) -> None:
    offsets = list(range(len(text) + 1))
    with Store.open(postgresql_url) as store:
        assert counted(store, text, offsets) == [page_of(text, at) for at in offsets]
