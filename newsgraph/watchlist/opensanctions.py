"""OpenSanctions / FollowTheMoney entities (JSON lines) as watchlist entries.

Each line is one entity ``{"id", "schema", "properties": {name: [...], ...}}``. Entities of the
schemata that can be designated (Person, Organization, Company, LegalEntity, PublicBody, Vessel,
Airplane) become entries; ``Sanction`` entities are joined to the entity they designate for the
programme, date and reason; other schemata (Address, Identification...) are ignored. A line that
is not a JSON object with a string ``id``, a string ``schema`` and an object ``properties``
refuses the whole file (as does a number of over 4,300 digits or nesting too deep for the JSON
reader); a property that is neither a string nor a list of them is read as absent. The file is
read line by line, twice, so that memory holds the entries made, never the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import Alias, EntryStream, LoadedList, WatchlistEntry

_TYPES = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "LegalEntity": "organization",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
_SANCTION_KEYS = ("entity", "program", "programId", "listingDate", "startDate", "reason")


def _props(entity: dict[str, Any], key: str) -> list[str]:
    """The text values of property ``key``: a string or a list of them; other values are ignored."""
    values = entity["properties"].get(key, [])
    if isinstance(values, str):
        values = [values]
    elif not isinstance(values, list):
        return []
    return [str(v) for v in values if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()]


def _entity(line: str, number: int, origin: str) -> dict[str, Any] | None:
    """The entity on one line (None for a blank line); refuses the file when the line is not one."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise WatchlistError(origin, f"line {number} is not JSON ({exc.msg}): truncated or malformed") from exc
    except (ValueError, RecursionError) as exc:  # a number of over 4,300 digits, nesting too deep
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise WatchlistError(origin, f"line {number} is not a usable JSON object ({reason})") from exc
    if not isinstance(record, dict) or not {"id", "schema", "properties"} <= record.keys():
        raise WatchlistError(origin, f"line {number} is not a FollowTheMoney entity (id, schema, properties)")
    for key in ("id", "schema"):
        if not isinstance(record[key], str) or not record[key].strip():
            raise WatchlistError(
                origin, f"line {number}: {key} is {type(record[key]).__name__}, not a non-empty string"
            )
    if not isinstance(record["properties"], dict):
        raise WatchlistError(origin, f"line {number}: properties is not an object")
    return record


def _records(lines: Iterable[str], origin: str) -> Iterator[dict[str, Any]]:
    """Each entity, in file order; refuses the file at its first line that is not one."""
    for number, line in enumerate(lines, 1):
        record = _entity(line, number, origin)
        if record is not None:
            yield record


def parse_opensanctions(text: str, origin: str, list_name: str = "opensanctions") -> LoadedList:
    """The entries of a FollowTheMoney file given as text (:func:`read_entities` for a file)."""
    lines = text.removeprefix("\ufeff").splitlines()
    return read_entities(lambda: iter(lines), origin, list_name)


def read_entities(lines: Callable[[], Iterator[str]], origin: str, list_name: str = "opensanctions") -> LoadedList:
    """Read the lines once for the sanctions (they may come after their entity) and to check every
    line, then again on each pass over the entries (:class:`EntryStream`).

    Only the sanctions are held, never the whole file, its entities or its entries.
    """
    sanctions: dict[str, list[dict[str, Any]]] = {}
    seen_any = any_entry = False
    for r in _records(lines(), origin):  # the sanctions kept, every line and name checked
        seen_any = True
        if r["schema"] == "Sanction":
            keep = {"properties": {k: r["properties"].get(k, []) for k in _SANCTION_KEYS}}
            for target in _props(r, "entity"):
                sanctions.setdefault(target, []).append(keep)
        elif r["schema"] in _TYPES:
            any_entry = True
            if not _props(r, "name"):
                raise WatchlistError(origin, f"entity {r['id'][:80]} has no name")
    if not seen_any:
        raise WatchlistError(origin, "no entities")
    if not any_entry:
        raise WatchlistError(origin, "no Person, Organization, Company, LegalEntity, Vessel or Airplane entities")

    def entries() -> Iterator[WatchlistEntry]:
        for r in _records(lines(), origin):
            if r["schema"] in _TYPES:
                yield _entry(r, sanctions, list_name)

    return LoadedList(list_name, EntryStream(entries), (), (origin,))


def _entry(r: dict[str, Any], sanctions: dict[str, list[dict[str, Any]]], list_name: str) -> WatchlistEntry:
    """The entry of one designated entity, joined to its sanctions."""
    kind = _TYPES[r["schema"]]
    names = _props(r, "name")
    aliases = [Alias(n, "good", "aka") for n in names[1:]]
    aliases += [Alias(n, "good", "aka") for n in _props(r, "alias")]
    aliases += [Alias(n, "good", "fka") for n in _props(r, "previousName")]
    aliases += [Alias(n, "low", "aka") for n in _props(r, "weakAlias")]
    seen = {names[0].lower()}
    unique = []
    for a in aliases:
        if a.name.lower() not in seen:
            seen.add(a.name.lower())
            unique.append(a)
    linked = sanctions.get(r["id"], [])
    programmes = [p for s in linked for p in _props(s, "program") + _props(s, "programId")]
    programmes += _props(r, "program")
    listed = sorted(d for s in linked for d in _props(s, "listingDate") + _props(s, "startDate"))
    listed += sorted(_props(r, "createdAt"))[:1] if not listed else []
    reasons = [x for s in linked for x in _props(s, "reason")] + _props(r, "notes")
    countries = [*_props(r, "country"), *_props(r, "jurisdiction"), *_props(r, "flag")]
    return WatchlistEntry(
        list=list_name,
        entry_id=str(r["id"]),
        name=names[0],
        type=kind,
        regime="; ".join(dict.fromkeys(programmes)) or None,
        aliases=tuple(unique),
        nationalities=tuple(dict.fromkeys(_props(r, "nationality") + _props(r, "citizenship"))),
        countries=tuple(dict.fromkeys(countries)),
        listed_on=listed[0][:10] if listed else None,
        birth_dates=tuple(_props(r, "birthDate")),
        reason=" ".join(reasons) or None,
        extra={"topics": _props(r, "topics"), "datasets": _texts(r.get("datasets", []))},
    )


def _texts(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def load_opensanctions(path: Path, list_name: str = "opensanctions") -> LoadedList:
    """The entries of a FollowTheMoney JSON lines file, read line by line (twice)."""

    def lines() -> Iterator[str]:
        with path.open(encoding="utf-8-sig") as fh:  # a byte-order mark is no part of line 1
            number = 0
            try:
                for number, line in enumerate(fh, 1):  # noqa: B007 (the number names the bad line)
                    yield line
            except UnicodeDecodeError as exc:
                raise WatchlistError(str(path), f"not UTF-8 after line {number} ({exc.reason})") from exc

    return read_entities(lines, str(path), list_name)
