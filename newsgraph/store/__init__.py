"""The store: SQLite by default (one file, WAL), PostgreSQL with the same schema."""

from newsgraph.store.store import DEFAULT_DB, Saved, Store, engine_url, shown

__all__ = ["DEFAULT_DB", "Saved", "Store", "engine_url", "shown"]
