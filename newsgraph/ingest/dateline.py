"""Wire-story datelines and desk slugs.

``Washington, Jan 27 (IANS) As the ...``, ``NEW DELHI, March 3 (Reuters) - ...``,
``LONDON (AP) — ...``, ``BEIJING -- ...``: the place, the agency and the date at the head of the
story. ``–IANS`` / ``scor/as`` at its foot: the agency's sign-off and the editors' desk slug,
removed from the body and kept as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsgraph.records import Dateline

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PLACE = r"(?P<place>[A-Z][A-Za-z.'’\-]*(?:[ ][A-Z][A-Za-z.'’\-]*){0,3}(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?)"
_DATE = rf"(?P<month>{_MONTH})[ ](?P<day>\d{{1,2}})(?:,?[ ](?P<year>\d{{4}}))?"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z0-9&.\- ]{0,30}?)\)"
_SEP = r"(?:[ ]*(?:--|[-–—:])[ ]*|[ ]+)"

DATELINES = (
    # Place[, Date] (Agency) [-|—|--|:]   "Washington, Jan 27 (IANS) As ..."
    re.compile(rf"{_PLACE}(?:,[ ]*{_DATE})?[ ]*{_AGENCY}{_SEP}"),
    # PLACE[, Date] -- / — / –            "BEIJING -- China ..."
    re.compile(rf"{_PLACE}(?:,[ ]*{_DATE})?[ ]*(?:--|[–—])[ ]*"),
    # PLACE[, Date] -                     "LONDON - ..." (capitals only: a hyphen is too common)
    re.compile(rf"(?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){{0,3}})(?:,[ ]*{_DATE})?[ ]+-[ ]+"),
)
"""Datelines at the very start of the body (after leading blank space), most specific first."""

SIGN_OFF = re.compile(r"\n[ \t]*[-–—]+[ \t]*(?P<agency>[A-Z][A-Za-z]{1,15})[ \t]*(?:\n|$)")
"""``–IANS`` on a line of its own near the end."""

DESK_SLUG = re.compile(r"^[a-z]{1,6}(?:/[a-z]{1,6}){1,3}$")
"""``scor/as``, ``ksk/sd``: editors' initials."""

FULL_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})[ ](?P<day>\d{{1,2}}),?[ ](?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})[ ](?P<month2>{_MONTH})[ ](?P<year2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))\b"
)


def month_number(name: str) -> int:
    """``Jan``, ``January``, ``Sept.`` -> 1, 1, 9."""
    return MONTHS[name.rstrip(".").lower()[:3]]


@dataclass(frozen=True)
class ParsedDateline:
    dateline: Dateline
    month: int | None
    day: int | None
    year: int | None


def parse_dateline(text: str) -> ParsedDateline | None:
    """The dateline at the start of ``text`` (or of its first paragraph after a headline line),
    with offsets into ``text``; None when there is none."""
    lead = len(text) - len(text.lstrip())
    found = _dateline_at(text, lead)
    if found is None:
        first, blank, _ = text[lead:].partition("\n\n")
        if blank and "\n" not in first and len(first) <= HEADLINE_MAX and not first.rstrip().endswith(_STOPS):
            rest = lead + len(first) + len(blank)
            found = _dateline_at(text, rest + len(text[rest:]) - len(text[rest:].lstrip()))
    return found


HEADLINE_MAX = 150
"""Longest first line read as a headline standing above the dateline."""
_STOPS = (".", ",", ";", ":", "?", "!", '"', "”")


def _dateline_at(text: str, lead: int) -> ParsedDateline | None:
    head = text[lead : lead + 200]
    for pattern in DATELINES:
        m = pattern.match(head)
        if m:
            break
    else:
        return None
    groups = m.groupdict()
    place = groups["place"].strip().rstrip(",")
    agency = groups.get("agency")
    month = groups.get("month")
    if not (agency or month or place.isupper()):
        # "Something -- " with neither agency, date nor capitals is ordinary prose.
        return None
    if agency and not month and not place.isupper() and not m.group(0)[m.end("agency") + 1 - m.start() :].strip():
        # "The United Nations (UN) said ...": a name and its acronym opening a sentence, not
        # "Washington (Reuters) - ...": without a date or capitals, a dateline needs its dash.
        return None
    return ParsedDateline(
        dateline=Dateline(place=place, agency=agency.strip() if agency else None, start=lead, end=lead + m.end()),
        month=month_number(month) if month else None,
        day=int(groups["day"]) if groups.get("day") else None,
        year=int(groups["year"]) if groups.get("year") else None,
    )


@dataclass(frozen=True)
class Footer:
    body: str
    """The text with the sign-off and desk slug removed (trailing blank lines too)."""
    agency: str | None
    slug: str | None
    """What was removed, as written."""


def strip_footer(text: str) -> Footer:
    """Remove a trailing agency sign-off (``–IANS``) and desk slug (``scor/as``)."""
    body = text.rstrip()
    removed: list[str] = []
    agency = None
    lines = body.split("\n")
    # Desk slug on the last line.
    if len(lines) > 1 and DESK_SLUG.match(lines[-1].strip()):
        removed.insert(0, lines.pop().strip())
    body = "\n".join(lines).rstrip()
    tail = body[-200:]
    matches = list(SIGN_OFF.finditer(tail))
    m = matches[-1] if matches else None
    if m and m.end() >= len(tail.rstrip()) and not _is_list_item(tail[: m.start()], m.group(0)):
        agency = m.group("agency")
        cut = len(body) - len(tail) + m.start()
        removed.insert(0, body[cut:].strip())
        body = body[:cut].rstrip()
    return Footer(body=body if removed else text, agency=agency, slug="\n".join(removed) or None)


def _is_list_item(before: str, line: str) -> bool:
    """Whether a ``- Name`` last line ends a dashed list (``- France\\n- Germany``) rather than
    signing off: the line before it starts with the same dash."""
    dash = line.strip()[0]
    previous = before.rstrip("\n").rpartition("\n")[2].strip()
    return previous.startswith(dash)


def infer_published(parsed: ParsedDateline | None, text: str) -> str | None:
    """The dateline's date as ``YYYY-MM-DD``. When the dateline gives no year, it is the year that
    puts the dateline closest to the newest full date in the text (a January story about
    December gets the next year; one announcing a March event keeps the same year)."""
    if parsed is None or parsed.month is None or parsed.day is None:
        return None
    year = parsed.year
    if year is None:
        full = _full_dates(text) or _month_years(text)
        if not full:
            return None
        newest = max(full)
        candidates = []
        for y in (newest.year - 1, newest.year, newest.year + 1):
            try:
                candidates.append(date(y, parsed.month, parsed.day))
            except ValueError:  # 29 February
                continue
        if not candidates:
            return None
        year = min(candidates, key=lambda d: abs((d - newest).days)).year
    try:
        return date(year, parsed.month, parsed.day).isoformat()
    except ValueError:
        return None


MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})[ ,]+(?P<year>(?:19|20)\d\d)\b")


def _month_years(text: str) -> list[date]:
    """``May 2026`` as the first of the month: the fallback when the text has no full date."""
    return [date(int(m.group("year")), month_number(m.group("month")), 1) for m in MONTH_YEAR.finditer(text)]


def _full_dates(text: str) -> list[date]:
    out = []
    for m in FULL_DATE.finditer(text):
        try:
            if m.group("iso"):
                out.append(date.fromisoformat(m.group("iso")))
            else:
                month = m.group("month") or m.group("month2")
                day = m.group("day") or m.group("day2")
                year = m.group("year") or m.group("year2")
                out.append(date(int(year), month_number(month), int(day)))
        except (ValueError, KeyError):
            continue
    return out
