"""The watchlist in the store: its tables and every query on them.

- ``watchlist_entries``: one row per listed entry (all lists), aliases and dates as JSON.
- ``watchlist_lists``: one row per loaded list: when, from which files, with which warnings.
- ``watchlist_hits``: the results of ``newsgraph screen --actors``: a stored actor, the entry it
  matched, the score and the explanation.
- ``watchlist_index``: a cache of the built screening index, keyed by a fingerprint of the
  listed names and of the matching code (:mod:`newsgraph.watchlist.index_cache`). It holds
  nothing that cannot be rebuilt, so it is created when first needed rather than by a migration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    func,
    select,
)

from newsgraph.store.schema import metadata

watchlist_entries = Table(
    "watchlist_entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("list", String(40), nullable=False, index=True, comment="un, ofac, opensanctions or a given name"),
    Column("entry_id", String(200), nullable=False, comment="reference as the list gives it (QDe.118, 7140)"),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("regime", Text),
    Column("aliases", JSON, nullable=False, comment="[{name, quality: good|low, kind}]"),
    Column("nationalities", JSON, nullable=False),
    Column("countries", JSON, nullable=False),
    Column("listed_on", String(10)),
    Column("birth_dates", JSON, nullable=False),
    Column("reason", Text),
    Column("extra", JSON, nullable=False),
    Index("ix_watchlist_entries_ref", "list", "entry_id"),
)

watchlist_lists = Table(
    "watchlist_lists",
    metadata,
    Column("list", String(40), primary_key=True),
    Column("entries", Integer, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("loaded_at", String(32), nullable=False),
)

watchlist_hits = Table(
    "watchlist_hits",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("actor", Text, nullable=False, comment="the stored entity's name as screened"),
    Column("kind", String(20), comment="the stored entity's kind"),
    Column("documents", Integer, nullable=False, comment="how many current documents name this actor"),
    Column("list", String(40), nullable=False),
    Column("entry_id", String(200), nullable=False),
    Column("entry_name", Text, nullable=False),
    Column("matched_name", Text, nullable=False, comment="the listed name or alias that matched"),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("screened_at", String(32), nullable=False),
    Index("ix_watchlist_hits_actor", "actor"),
)

watchlist_index = Table(
    "watchlist_index",
    metadata,
    Column("key", String(64), primary_key=True, comment="sha256 of the listed names and the matching code"),
    Column("built_at", String(32), nullable=False),
    Column("variants", Integer, nullable=False, comment="names and aliases indexed"),
    Column("data", LargeBinary, nullable=False, comment="zlib-compressed JSON of Screener.state()"),
)

TABLES = (watchlist_entries, watchlist_lists, watchlist_hits)
CACHE_TABLES = (watchlist_index,)


def ensure_tables(engine: Engine) -> None:
    """Create the watchlist tables, and the index cache, where they are missing (idempotent)."""
    metadata.create_all(engine, tables=[*TABLES, *CACHE_TABLES], checkfirst=True)


def create_tables(conn: Connection) -> None:
    """The store's migration step for the watchlist (``newsgraph.store.migrations``)."""
    metadata.create_all(conn, tables=list(TABLES), checkfirst=True)


# reads for the web and the CLI


@dataclass(frozen=True)
class WatchlistHit:
    """A screened name that matched a listed entry (``newsgraph screen --actors``)."""

    list: str
    entry_id: str
    """The entry's reference as its list gives it."""
    entry_name: str
    matched_name: str
    """The listed name or alias that matched."""
    actor: str
    """The name as screened."""
    score: float
    explanation: str
    screened_at: str

    def to_dict(self) -> dict[str, Any]:
        """The API's shape: ``entry_id`` as ``reference``, ``actor`` as ``screened_name``."""
        return {
            "list": self.list,
            "reference": self.entry_id,
            "entry_name": self.entry_name,
            "matched_name": self.matched_name,
            "screened_name": self.actor,
            "score": self.score,
            "explanation": self.explanation,
            "screened_at": self.screened_at,
        }


def hits_of_names(engine: Engine, names: Iterable[str]) -> list[WatchlistHit]:
    """The hits of the screened names among ``names`` (any case), best score first."""
    h = watchlist_hits
    wanted = sorted({n.lower() for n in names})
    query = select(h).where(func.lower(h.c.actor).in_(wanted)).order_by(h.c.score.desc())
    with engine.connect() as conn:
        return [
            WatchlistHit(
                list=r.list,
                entry_id=r.entry_id,
                entry_name=r.entry_name,
                matched_name=r.matched_name,
                actor=r.actor,
                score=r.score,
                explanation=r.explanation,
                screened_at=r.screened_at,
            )
            for r in conn.execute(query)
        ]


def count_hits(engine: Engine) -> int:
    """How many watchlist hits are stored."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(watchlist_hits)).scalar_one())
