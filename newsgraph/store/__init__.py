"""The store: SQLite by default (one file, WAL), PostgreSQL with the same schema.

The only package that speaks SQL. One module per resource declares its tables and holds every
query on them: ``schema`` (documents and extraction records), ``actors``, ``ties``, ``stories``,
``watchlist``, ``reviews`` (analysts' decisions on watchlist hits), ``watch`` (the watcher's
sources and the items it has seen), ``alerts`` (what the watch rules raised, and their delivery
on each channel). Other packages hold an
:data:`Engine` or a :data:`Tx` only to pass it back here.
"""

from sqlalchemy import Engine

from newsgraph.store.store import DEFAULT_DB, Saved, Store, Tx, begin, connect, engine_url, shown

__all__ = ["DEFAULT_DB", "Engine", "Saved", "Store", "Tx", "begin", "connect", "engine_url", "shown"]
