"""OFAC's SDN list in its legacy CSV layout: ``sdn.csv``, ``alt.csv`` and ``add.csv``, no header.

Columns (OFAC "SDN data specification"):

- sdn: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks
- alt: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
- add: ent_num, add_num, address, city/state/postal code, country, add_remarks

``-0-`` marks an empty field; the files may end with a ``\\x1a`` (end of file) line. Aliases in
alt.csv are OFAC's strong a.k.a.s; the ``a.k.a. 'NAME'`` quoted in the remarks are its weak
a.k.a.s (quality ``low``). A row of the wrong shape, an unterminated quote or a non-numeric
entity number refuses the whole set; an alias or address of an unknown entity and a repeated
entity number are kept as warnings (no listed name is dropped).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import Alias, EntryStream, LoadedList, WatchlistEntry

SDN_COLUMNS = 12
ALT_COLUMNS = 5
ADD_COLUMNS = 6
_EMPTY = "-0-"
_EOF = "\x1a"
_TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "organization"}
_WEAK_AKA = re.compile(r"^\s*a\.k\.a\.\s+'(.+)'\.?\s*$")
_DOB = re.compile(r"\bDOB\s+([^;]+)")
_NATIONALITY = re.compile(r"\b(?:alt\.\s+)?(?:nationality|citizen)\s+([^;.]+)")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_DATE = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})$")


@dataclass(frozen=True)
class OfacFiles:
    """The trio, each path optional except the entries file."""

    sdn: Path
    alt: Path | None = None
    add: Path | None = None


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value == _EMPTY else value


MAX_FIELD = 131_072
"""The longest field read (the csv module's default limit, which any library may raise for the
whole process, so it is checked here too): no OFAC field comes near it."""
_TOO_LONG = f"a field of over {MAX_FIELD:,} characters (no OFAC field is this long)"


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return _TOO_LONG
    return f"{exc}: truncated?"


def read_rows(data: str, origin: str, columns: int) -> Iterator[list[str]]:
    """Rows of one headerless OFAC CSV, each with ``columns`` fields; refuses the file otherwise.

    Rows come one at a time (the file is never held as a list of rows); the refusal may come
    after some rows, so a caller stores nothing before the last one.
    """
    reader = csv.reader((m.group() for m in _LINE.finditer(data)), strict=True)  # no copy of the text
    any_row = False
    try:
        for row in reader:
            if not row or row == [_EOF] or (len(row) == 1 and not row[0].strip()):
                continue
            if any(len(field) > MAX_FIELD for field in row):
                raise WatchlistError(origin, f"malformed CSV at line {reader.line_num} ({_TOO_LONG})")
            if len(row) != columns:
                raise WatchlistError(
                    origin,
                    f"line {reader.line_num} has {len(row)} fields, OFAC's layout has {columns}: "
                    "the file is truncated or not this kind of OFAC file",
                )
            if not row[0].strip().isdigit():
                raise WatchlistError(origin, f"line {reader.line_num}: entity number {row[0][:40]!r} is not a number")
            any_row = True
            yield row
    except csv.Error as exc:
        raise WatchlistError(origin, f"malformed CSV at line {reader.line_num} ({_csv_problem(exc)})") from exc
    if not any_row:
        raise WatchlistError(origin, "no rows")


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark (a spreadsheet's export) is not the first id
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _date(raw: str) -> str | None:
    raw = raw.strip().removeprefix("circa ").strip()
    if " to " in raw:
        parts = raw.split(" to ")
        if len(parts) != 2:  # a range has two ends
            return None
        a, b = (_one_date(x) for x in parts)
        return f"{a[:4]}-{b[:4]}" if a and b else a or b
    return _one_date(raw)


def _one_date(raw: str) -> str | None:
    m = _DATE.match(raw.strip().removeprefix("circa ").strip())
    if not m:
        return None
    day, month, year = m.groups()
    if month and month in _MONTHS:
        return f"{year}-{_MONTHS[month]:02d}-{int(day):02d}" if day else f"{year}-{_MONTHS[month]:02d}"
    return year


def column_count(path: Path) -> int:
    """How many fields the first row of a headerless OFAC CSV has (tells sdn, alt and add apart)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        try:
            for row in csv.reader(fh):
                if any(len(field) > MAX_FIELD for field in row):
                    raise WatchlistError(str(path), f"malformed CSV in its first row ({_TOO_LONG})")
                if row:
                    return len(row)
        except csv.Error as exc:
            raise WatchlistError(str(path), f"malformed CSV in its first row ({_csv_problem(exc)})") from exc
    return 0


def parse_ofac(sdn: str, alt: str | None, add: str | None, origins: OfacFiles, list_name: str = "ofac") -> LoadedList:
    """One list from the trio's texts: the entity numbers and names checked first, then the aliases
    and addresses read; the entries are made from the sdn text on each pass over them
    (:class:`EntryStream`), so that no file is held as rows or entries."""
    warnings: list[str] = []
    aliases: dict[str, list[Alias]] = {}
    countries: dict[str, list[str]] = {}
    known: set[str] = set()
    repeated: set[str] = set()
    for row in read_rows(sdn, str(origins.sdn), SDN_COLUMNS):
        ent = row[0].strip()
        if not _clean(row[1]):
            raise WatchlistError(str(origins.sdn), f"entity {ent} has no name")
        (repeated if ent in known else known).add(ent)
    if repeated:  # the names of a repeated number, read again (kept only for these)
        first_line: dict[str, str] = {}
        for row in read_rows(sdn, str(origins.sdn), SDN_COLUMNS):
            ent, name = row[0].strip(), _clean(row[1])
            if ent in first_line:
                warnings.append(
                    f"{origins.sdn}: entity number {ent} is given to both {first_line[ent][:80]!r} "
                    f"and {name[:80]!r}; both kept"
                )
            elif ent in repeated:
                first_line[ent] = name
    if alt is not None:
        for row in read_rows(alt, str(origins.alt), ALT_COLUMNS):
            ent, name, kind = row[0].strip(), _clean(row[3]), _clean(row[2]).lower() or "aka"
            if ent not in known:
                warnings.append(f"{origins.alt}: alias {name[:80]!r} names unknown entity {ent}; skipped")
            elif name:
                aliases.setdefault(ent, []).append(Alias(name, "good", kind))
    if add is not None:
        for row in read_rows(add, str(origins.add), ADD_COLUMNS):
            ent, country = row[0].strip(), _clean(row[4])
            if ent not in known:
                warnings.append(f"{origins.add}: address row {row[1].strip()} names unknown entity {ent}; skipped")
            elif country and country not in countries.setdefault(ent, []):
                countries[ent].append(country)
    sources = tuple(str(p) for p in (origins.sdn, origins.alt, origins.add) if p is not None)

    def entries() -> Iterator[WatchlistEntry]:
        for row in read_rows(sdn, str(origins.sdn), SDN_COLUMNS):
            yield _entry(row, aliases, countries, list_name)

    return LoadedList(list_name, EntryStream(entries), tuple(warnings), sources)


def _entry(
    row: list[str], aliases: dict[str, list[Alias]], countries: dict[str, list[str]], list_name: str
) -> WatchlistEntry:
    """The entry of one sdn row, with its aliases and countries from alt and add."""
    ent = row[0].strip()
    name = _clean(row[1])
    remarks = _clean(row[11])
    entry_aliases = list(aliases.get(ent, []))
    seen = {name.lower(), *(a.name.lower() for a in entry_aliases)}
    for part in remarks.split(";"):
        m = _WEAK_AKA.match(part)
        weak = m.group(1).strip() if m else ""
        if weak and weak.lower() not in seen:
            seen.add(weak.lower())
            entry_aliases.append(Alias(weak, "low", "aka"))
    nationalities: list[str] = []
    for n in _NATIONALITY.findall(remarks):
        n = n.strip()
        if n and n not in nationalities:
            nationalities.append(n)
    births = tuple(d for d in (_date(x) for x in _DOB.findall(remarks)) if d)
    programme = "; ".join(p.strip() for p in _clean(row[3]).strip("[]").split("] [") if p.strip())
    extra = {
        k: v
        for k, v in (
            ("title", _clean(row[4])),
            ("call_sign", _clean(row[5])),
            ("vessel_type", _clean(row[6])),
            ("vessel_flag", _clean(row[9])),
            ("vessel_owner", _clean(row[10])),
        )
        if v
    }
    flag = extra.get("vessel_flag")
    entry_countries = list(countries.get(ent, []))
    if flag and flag not in entry_countries:
        entry_countries.append(flag)
    return WatchlistEntry(
        list=list_name,
        entry_id=ent,
        name=name,
        type=_TYPES.get(_clean(row[2]).lower(), "organization"),
        regime=programme or None,
        aliases=tuple(entry_aliases),
        nationalities=tuple(nationalities),
        countries=tuple(entry_countries),
        listed_on=None,
        birth_dates=births,
        reason=remarks or None,
        extra=extra,
    )


def load_ofac(files: OfacFiles, list_name: str = "ofac") -> LoadedList:
    return parse_ofac(
        _decode(files.sdn),
        _decode(files.alt) if files.alt else None,
        _decode(files.add) if files.add else None,
        files,
        list_name,
    )
