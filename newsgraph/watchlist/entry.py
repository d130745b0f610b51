"""The one record every watchlist loader produces: :class:`WatchlistEntry` with its aliases."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Any, Literal

Quality = Literal["good", "low"]
ENTRY_TYPES = ("person", "organization", "vessel", "aircraft", "unknown")


@dataclass(frozen=True)
class Alias:
    """Another name the list gives for an entry."""

    name: str
    quality: Quality = "good"
    """``good`` (a strong a.k.a.) or ``low`` (the list's weak / low-quality a.k.a.)."""
    kind: str = "aka"
    """``aka``, ``fka`` (formerly known as), ``nka`` (now known as) or ``original-script``."""


@dataclass(frozen=True)
class WatchlistEntry:
    """One designated person, organisation, vessel or aircraft, as one list gives it."""

    list: str
    """Short name of the list it came from (``un``, ``ofac``, or the name given at load time)."""
    entry_id: str
    """The entry's reference as the list gives it (UN ``QDe.118``, OFAC entity number ``7140``)."""
    name: str
    """Primary name, as written by the list."""
    type: str = "unknown"
    """One of :data:`ENTRY_TYPES`."""
    regime: str | None = None
    """Sanctions regime or programme (UN ``Al-Qaida``, OFAC ``FTO; SDGT``)."""
    aliases: tuple[Alias, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    """Countries of address (and of nationality where the list gives no separate address)."""
    listed_on: str | None = None
    """Designation date ``YYYY-MM-DD`` when the list gives one."""
    birth_dates: tuple[str, ...] = ()
    """Dates of birth as given (``1950-03-05``, ``1950``, ``1949-1951``)."""
    reason: str | None = None
    """Listing reason, narrative summary or remarks."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """List-specific fields kept for display (UN data id, OFAC title, vessel flag...)."""

    def names(self) -> builtins.list[tuple[str, Quality]]:
        """The primary name then every alias, each with its quality."""
        return [(self.name, "good"), *((a.name, a.quality) for a in self.aliases)]


@dataclass(frozen=True)
class LoadedList:
    """What a loader read from one source: the entries and the row-level problems it tolerated."""

    list: str
    entries: tuple[WatchlistEntry, ...]
    warnings: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
