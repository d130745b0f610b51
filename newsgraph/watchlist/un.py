"""The UN Security Council consolidated list (XML, ``CONSOLIDATED_LIST``) as watchlist entries.

Parsed with defusedxml: a document type declaration, entity expansion or an external entity
makes the file refused, as does a truncated or malformed file.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import Alias, LoadedList, Quality, WatchlistEntry

ROOT_TAG = "CONSOLIDATED_LIST"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def looks_like_un(head: bytes) -> bool:
    return ROOT_TAG.encode() in head


def _text(el: Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _values(el: Element, tag: str) -> list[str]:
    return [v for v in (_text(x) for x in el.findall(f"{tag}/VALUE")) if v]


def _quality(raw: str) -> tuple[Quality, str]:
    q = raw.strip().lower()
    if q == "low":
        return "low", "aka"
    if q.startswith("f.k.a"):
        return "good", "fka"
    return "good", "aka"


def _birth_date(el: Element) -> str | None:
    date = _text(el.find("DATE"))
    if date:
        return date[:10]
    year = _text(el.find("YEAR"))
    if year:
        return year
    start, end = _text(el.find("FROM_YEAR")), _text(el.find("TO_YEAR"))
    if start and end:
        return f"{start}-{end}"
    return start or end or None


def _entry(el: Element, list_name: str, origin: str) -> WatchlistEntry:
    is_person = el.tag == "INDIVIDUAL"
    ref = _text(el.find("REFERENCE_NUMBER"))
    name = " ".join(p for p in (_text(el.find(t)) for t in _NAME_PARTS) if p)
    if not ref or not name:
        dataid = _text(el.find("DATAID")) or "?"
        raise WatchlistError(origin, f"{el.tag} with DATAID {dataid} has no REFERENCE_NUMBER or no name")
    prefix = "INDIVIDUAL" if is_person else "ENTITY"
    aliases: list[Alias] = []
    seen = {name.lower()}
    for a in el.findall(f"{prefix}_ALIAS"):
        alias = _text(a.find("ALIAS_NAME"))
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            quality, kind = _quality(_text(a.find("QUALITY")))
            aliases.append(Alias(alias, quality, kind))
    original = _text(el.find("NAME_ORIGINAL_SCRIPT"))
    if original and original.lower() not in seen:
        aliases.append(Alias(original, "good", "original-script"))
    nationalities = tuple(_values(el, "NATIONALITY"))
    countries: list[str] = []
    for addr in el.findall(f"{prefix}_ADDRESS"):
        c = _text(addr.find("COUNTRY"))
        if c and c not in countries:
            countries.append(c)
    births = tuple(d for d in (_birth_date(b) for b in el.findall("INDIVIDUAL_DATE_OF_BIRTH")) if d)
    reason = _text(el.find("COMMENTS1")) or None
    designations = _values(el, "DESIGNATION")
    extra: dict[str, object] = {"dataid": _text(el.find("DATAID"))}
    if designations:
        extra["designation"] = designations
    return WatchlistEntry(
        list=list_name,
        entry_id=ref,
        name=name,
        type="person" if is_person else "organization",
        regime=_text(el.find("UN_LIST_TYPE")) or None,
        aliases=tuple(aliases),
        nationalities=nationalities,
        countries=tuple(countries),
        listed_on=_text(el.find("LISTED_ON"))[:10] or None,
        birth_dates=births,
        reason=reason,
        extra=extra,
    )


def parse_un(data: bytes, origin: str, list_name: str = "un") -> LoadedList:
    """Every INDIVIDUAL and ENTITY of a consolidated list; refuses the whole file on any defect."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise WatchlistError(origin, f"unsafe XML refused ({type(exc).__name__}: {exc})") from exc
    except ParseError as exc:
        raise WatchlistError(origin, f"malformed or truncated XML ({exc})") from exc
    if root.tag != ROOT_TAG:
        raise WatchlistError(origin, f"root element is <{root.tag}>, not <{ROOT_TAG}>: not a UN consolidated list")
    people = root.find("INDIVIDUALS")
    groups = root.find("ENTITIES")
    if people is None or groups is None:
        raise WatchlistError(origin, "no <INDIVIDUALS> or no <ENTITIES> section: the file is incomplete")
    entries = [_entry(el, list_name, origin) for el in [*people.findall("INDIVIDUAL"), *groups.findall("ENTITY")]]
    if not entries:
        raise WatchlistError(origin, "the list has no entries")
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for e in entries:
        if e.entry_id in seen:
            warnings.append(f"{origin}: reference {e.entry_id} given to both {seen[e.entry_id]!r} and {e.name!r}")
        seen.setdefault(e.entry_id, e.name)
    return LoadedList(list_name, tuple(entries), tuple(warnings), (origin,))


def load_un(path: Path, list_name: str = "un") -> LoadedList:
    return parse_un(path.read_bytes(), str(path), list_name)
