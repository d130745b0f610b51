"""OpenSanctions / FollowTheMoney entities (JSON lines) as watchlist entries.

Each line is one entity ``{"id", "schema", "properties": {name: [...], ...}}``. Entities of the
schemata that can be designated (Person, Organization, Company, LegalEntity, PublicBody, Vessel,
Airplane) become entries; ``Sanction`` entities are joined to the entity they designate for the
programme, date and reason; other schemata (Address, Identification...) are ignored. A line that
is not a JSON object with ``id``, ``schema`` and ``properties`` refuses the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import Alias, LoadedList, WatchlistEntry

_TYPES = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "LegalEntity": "organization",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}


def _props(entity: dict[str, Any], key: str) -> list[str]:
    values = entity["properties"].get(key, [])
    if isinstance(values, str):
        values = [values]
    return [str(v) for v in values if isinstance(v, str | int | float) and str(v).strip()]


def _records(lines: Iterable[str], origin: str) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise WatchlistError(origin, f"line {number} is not JSON ({exc.msg}): truncated or malformed") from exc
        if not isinstance(record, dict) or not {"id", "schema", "properties"} <= record.keys():
            raise WatchlistError(origin, f"line {number} is not a FollowTheMoney entity (id, schema, properties)")
        if not isinstance(record["properties"], dict):
            raise WatchlistError(origin, f"line {number}: properties is not an object")
        records.append(record)
    if not records:
        raise WatchlistError(origin, "no entities")
    return records


def parse_opensanctions(text: str, origin: str, list_name: str = "opensanctions") -> LoadedList:
    records = _records(text.splitlines(), origin)
    sanctions: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        if r["schema"] == "Sanction":
            for target in _props(r, "entity"):
                sanctions.setdefault(target, []).append(r)
    entries = []
    for r in records:
        kind = _TYPES.get(r["schema"])
        if kind is None:
            continue
        names = _props(r, "name")
        if not names:
            raise WatchlistError(origin, f"entity {r['id']} has no name")
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
        entries.append(
            WatchlistEntry(
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
                extra={"topics": _props(r, "topics"), "datasets": r.get("datasets", [])},
            )
        )
    if not entries:
        raise WatchlistError(origin, "no Person, Organization, Company, LegalEntity, Vessel or Airplane entities")
    return LoadedList(list_name, tuple(entries), (), (origin,))


def load_opensanctions(path: Path, list_name: str = "opensanctions") -> LoadedList:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise WatchlistError(str(path), f"not UTF-8 ({exc})") from exc
    return parse_opensanctions(text, str(path), list_name)
