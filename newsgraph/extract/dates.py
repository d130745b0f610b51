"""Stage: the dates of one document, normalised against its reference date.

Where the expressions come from:

- spaCy's ``DATE`` entities (the annotation's named spans and the tokens' own NER labels),
  cleaned: durations ("the nine months", "two-year"), frequencies ("annually"), ages and bare
  numbers are dropped; prepositions, "'s" and fiscal-period tails ("ended Sept. 30") are cut off;
- newsgraph's own patterns, which catch what the model misses or cuts badly: full and partial
  calendar dates (``Jan 27``, ``5 February 2025``, ``01/27/2026``), months and years with their
  modifiers (``early September``, ``earlier in 2025``), weekdays, ``yesterday``, ``last month``,
  ``two weeks ago`` and the present/recent references TimeML counts as dates (``now``,
  ``currently``, ``recently``).

How a value is chosen (never more precise than the text):

- a year the expression names wins; a month and day without a year take the year named nearest
  before them in the same sentence, then in the same paragraph ("earlier in 2025 ... the
  February 5 conference" -> 2025-02-05), else the reference date's year, moved one year back
  when the sentence is in the past tense and the date would lie after the reference date (and
  forward for the future tense);
- weekdays are the nearest such day on or before the reference date (news convention), or
  after it when the clause is in the future tense ("will meet Monday", "resumes Tuesday");
- relative expressions ("last year", "this month", "yesterday", "three days ago") are counted
  from the reference date;
- what YYYY, YYYY-MM or YYYY-MM-DD cannot state (weeks, quarters, seasons, decades, "now")
  has granularity ``other`` and no value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.annotate.parsed import Annotation
from newsgraph.records import DateMention, Extraction

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30,
}  # fmt: skip

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH_CAPS = r"(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_CAPS})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"several|a\s+few|few|a\s+couple\s+of)"
)
_UNIT = r"(?:day|week|month|year|decade|fortnight)s?"
_REL = r"(?:this|last|next|past|coming|current|previous)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_EDGE = (
    r"(?:(?:early|late|mid|earlier|later)(?:[- ]|\s+in\s+)|"
    r"(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+)?"
)

_UNITS_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_WORDS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_WORDS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_YEAR = (
    rf"(?:(?:eighteen|nineteen)[- ](?:hundred|{_TEENS_WORDS}|{_TENS_WORDS}(?:[- ]{_UNITS_WORDS})?|oh[- ]{_UNITS_WORDS})"
    rf"|(?:the\s+year\s+)two\s+thousand(?:\s+and)?(?:[- ](?:{_UNITS_WORDS}|{_TEENS_WORDS}))?)\b"
)
_PATTERNS: tuple[str, ...] = (
    # Full and partial calendar dates.
    rf"\b(?:{_WEEKDAY},?\s+)?{_EDGE}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\d|:\d)",
    rf"(?<![\d$£€.,])\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
    rf"\b{_EDGE}{_MONTH_FULL}(?:,?\s+|\s+of\s+){_YEAR}\b",
    rf"\b{_EDGE}{_MONTH_ABBR}\s+{_YEAR}\b",
    r"\b(?:1[5-9]|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b",
    r"(?<![\d/.])\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d\d|\d{4})\b(?![/\d])",
    # Months with a cue, or tied to a relative year.
    rf"(?i:\b(?:early|late|mid|earlier|later)[- ](?:this|last|next)\s+){_MONTH_FULL}\b",
    rf"(?i:\b{_REL}\s+){_MONTH_FULL}\b",
    rf"\b{_EDGE}{_MONTH_FULL}\s+(?i:(?:of\s+)?(?:this|last|next)\s+year)\b",
    rf"(?i:\b(?:in|since|until|till|by|during|from|through|before|after|of)\s+){_EDGE}({_MONTH_FULL})\b(?!\s+\d)",
    rf"\b(?:early|late|mid)[- ]{_MONTH_FULL}\b",
    # Years, decades and centuries.
    rf"(?i:\b(?:(?:the\s+)?(?:early|late|mid)[- ]?)?)(?<![\d$£€.,'-]){_YEAR}(?:'?s\b)?(?![\d%]|[.,]\d|-\d|\s*percent)",
    rf"(?i:\b(?:earlier|later|early|late)\s+in\s+{_YEAR}\b)",
    rf"(?i:\b(?:(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+){_YEAR}\b)",
    rf"(?i:\bfiscal\s+(?:year\s+)?{_YEAR}\b)",
    r"(?i:\bthe\s+(?:(?:early|late|mid)[- ])?(?:19|20)?\d0'?s\b)",
    r"(?i:\bthe\s+(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|twenty-first)\s+century\b)",
    rf"(?i:\b(?:(?:early|late|mid)[- ]?)?{_SPELLED_YEAR})",
    # Days relative to the reference date.
    r"(?i:\b(?:(?:early|late|earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow)\b)",
    rf"(?i:\b(?:(?:last|next|this|coming|past|previous|following|earlier|later)\s+)?){_WEEKDAY}\b",
    # Weeks, months, years ... relative to the reference date.
    rf"(?i:\b(?:(?:early|late|mid|earlier|later)[- ])?{_REL}\s+"
    rf"(?:week|weekend|month|year|quarter|decade|century|{_SEASON})\b)",
    rf"(?i:\b(?:(?:about|nearly|almost|some|more\s+than|over|just|only)\s+)?{_NUM}\s+{_UNIT}\s+"
    r"(?:ago|earlier|before|later|hence|from\s+now)\b)",
    r"(?i:\b(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter\b)",
    r"(?i:\b(?:the\s+)?(?:first|second)\s+half\s+of\s+(?:this|last|next|the)\s+year\b)",
    # Present and past references (TimeML's PRESENT_REF, PAST_REF).
    r"(?i:\b(?:now|currently|recently|nowadays|these\s+days|at\s+present|at\s+the\s+moment)\b)",
)

# spaCy DATE spans that are not dates: durations, frequencies, ages, bare numbers.
_NOT_A_DATE = re.compile(
    r"(?i)^(?:(?:the|a|an|about|nearly|almost|some|more\s+than|over|just|only|up\s+to|at\s+least|"
    r"no\s+more\s+than|another|an\s+additional|barely|roughly|around|each\s+of|all|"
    r"(?:the\s+)?(?:past|last|next|first|final|coming|previous|following|latest|recent|remaining|"
    r"same|several|few|many|consecutive|straight))\s+)*"
    r"(?:[\d.,/ -]+|\w+(?:-\w+)?|a\s+few|a\s+couple\s+of|hundreds\s+of|thousands\s+of)?\s*[- ]?"
    r"(?:trading\s+|business\s+|calendar\s+|fiscal\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?|centuries|century|quarters?|hours?|nights?|"
    r"weekends?|fortnights?|seasons?|periods?|sessions?)"
    r"(?:\s+(?:old|long|or\s+so|or\s+more|running|in\s+a\s+row))?$"
    r"|^(?:quarterly|annual|annually|daily|weekly|monthly|yearly|biweekly|nightly|hourly|"
    r"semiannual|semiannually)$"
    r"|^(?:each|every|per)\b"
    r"|^[\d.,]+$"
    r"|\bold$|-old\b"
)
_KEEP_DESPITE_UNITS = re.compile(
    rf"(?i)\b(?:ago|earlier|later|before|hence|from\s+now)$|{_YEAR}|\b(?:this|last|next|current|"
    r"previous|year-(?:earlier|ago))\s+(?:week|weekend|month|year|quarter)s?\b|^(?:the\s+)?"
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th|fiscal|latest|current)\s+(?:fiscal\s+)?"
    r"(?:quarter|half)\b|^(?:the\s+)?(?:week|weekend|month|year|quarter)(?:end)?$"
)
_DATE_WORD = re.compile(
    rf"\d|{_MONTH}|{_WEEKDAY}|(?i:\b(?:day|week|weekend|month|year|decade|century|quarter|half|"
    rf"{_SEASON}|today|tonight|yesterday|tomorrow|now|moment|present|past|future|era|period|"
    r"christmas|easter|new\s+year|eve|ramadan|eid|diwali|hanukkah|thanksgiving|halloween)s?\b)"
)
"""What a model's DATE span must contain to be kept (it also labels "up", "the last eight")."""
_PLURAL_UNITS = re.compile(r"(?i)\b(?:days|weeks|months|years|decades|centuries|quarters)$")
"""A model's span ending in a plural unit is a duration or an age ("12 and 14 years"); anchored
ones ("two years ago") end otherwise."""
_LEAD = re.compile(
    r"(?i)(?:(?:on|in|at|by|since|until|till|from|to|during|before|after|through|as\s+of|as\s+early\s+as|"
    r"as\s+late\s+as|sometime|some\s+time|just|both|only|even|between|up\s+to|of|for|beginning|"
    r"starting|ending|and|or)\s+)+"
)
_TAIL = re.compile(r"(?:['’]s|['’])$|[\s,.;:]+$")
_SPLIT = re.compile(r"\s+(?i:to|through|until|till|ended|ending|that\s+ended)\s+|\s+[-–]\s+(?=[A-Z])")
_YEAR_IN = re.compile(rf"(?<![\d$£€.,'-])({_YEAR})(?!'?s\b)(?![\d%]|[.,]\d|-\d)")
_TENSE_SLACK = 7
"""Days a past-tense date may lie after the reference date (and a future one before it):
news reports scheduled dates in past-tense clauses ("declared a dividend, payable Dec. 7")."""
_TARGET_PREPOSITIONS = frozenset({"by", "until", "till", "through", "to", "before"})
"""Prepositions that make a date a deadline or target, whatever the verb's tense ("extended to Nov. 20")."""
_AHEAD_MONTHS = 4
"""How far ahead of the reference date a bare month may lie when the tense says nothing."""
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_PLANNING = frozenset(
    {
        "schedule", "set", "due", "expect", "plan", "intend", "going", "go", "prepare", "aim", "propose",
        "hope", "want", "seek", "slate", "poise", "likely", "vow", "promise", "threaten", "agree", "be",
    }
)  # fmt: skip
"""Verbs whose infinitive looks ahead ("scheduled to close Monday", "is to resume Tuesday")."""


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    ruled: bool
    """Found by newsgraph's own patterns (else by spaCy)."""


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], ...]:
    """The date patterns, compiled once per process."""
    return tuple(re.compile(p) for p in _PATTERNS)


def find_dates(annotation: Annotation, x: Extraction) -> tuple[DateMention, ...]:
    """Every date expression of the document, normalised against ``x.document.published``."""
    text = annotation.text
    ref = _reference(x.document.published)
    candidates = _merge(_rule_spans(text), _spacy_spans(annotation))
    dateline = x.document.dateline
    anchors = sorted(
        (c.start, int(m.group(1)), _N_MONTH.search(text, c.start, c.end) is not None)
        for c in candidates
        for m in [_YEAR_IN.search(text, c.start, c.end)]
        if m is not None
    )
    out: list[DateMention] = []
    for c in candidates:
        span = text[c.start : c.end]
        if dateline is not None and dateline.start <= c.start < dateline.end and ref is not None:
            context_year: int | None = ref.year
        else:
            context_year = _context_year(annotation, anchors, c.start, c.end)
            if context_year is not None and ref is not None and context_year > ref.year + 1:
                context_year = None
        value, granularity = normalise(span, ref, context_year, _tense(annotation, c.start, c.end))
        out.append(DateMention(start=c.start, end=c.end, text=span, value=value, granularity=granularity))
    return tuple(out)


def _reference(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _rule_spans(text: str) -> list[tuple[int, int]]:
    """Matches of newsgraph's patterns, longest first where they overlap."""
    found = [m.span() for p in _compiled() for m in p.finditer(text)]
    found = [_trim(text, s, e) for s, e in found]
    return _non_overlapping([(s, e) for s, e in found if e > s])


def _spacy_spans(annotation: Annotation) -> list[tuple[int, int]]:
    """spaCy's DATE entities, from the named spans and from the tokens' own labels, cleaned."""
    raw = {(s.start, s.end) for s in annotation.spans if s.label == "DATE"}
    run: list[int] = []
    for t in annotation.tokens:
        inside = t.ent_type == "DATE" and t.ent_iob in ("B", "I")
        if run and (not inside or t.ent_iob == "B"):
            raw.add((annotation.tokens[run[0]].start, annotation.tokens[run[-1]].end))
            run = []
        if inside:
            run.append(t.i)
    if run:
        raw.add((annotation.tokens[run[0]].start, annotation.tokens[run[-1]].end))
    text = annotation.text
    out = []
    for start, end in raw:
        for s, e in _pieces(text, start, end):
            s, e = _trim(text, s, e)
            piece = text[s:e]
            if e <= s or not _DATE_WORD.search(piece) or _PLURAL_UNITS.search(piece):
                continue
            if not (_NOT_A_DATE.search(piece) and not _KEEP_DESPITE_UNITS.search(piece)):
                out.append((s, e))
    return out


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at range and fiscal-period words ("Sept. 14 to Thursday", "the quarter ended Sept. 30")."""
    out, pos = [], start
    for m in _SPLIT.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and trailing possessives and punctuation."""
    lead = _LEAD.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    while end > start:
        tail = _TAIL.search(text, start, end)
        if not tail or tail.start() == tail.end():
            break
        end = tail.start()
    return start, end


def _non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda p: (p[0] - p[1], p[0])):
        if all(e <= cs or s >= ce for cs, ce in chosen):
            chosen.append((s, e))
    return sorted(chosen)


def _merge(ruled: list[tuple[int, int]], model: list[tuple[int, int]]) -> list[_Candidate]:
    """The patterns' spans, plus the model's spans that none of them overlaps."""
    out = [_Candidate(s, e, True) for s, e in ruled]
    starts = [s for s, _ in ruled]
    for s, e in _non_overlapping(model):
        k = bisect.bisect_left(starts, e)
        if not any(rs < e and s < re_ for rs, re_ in ruled[max(0, k - 3) : k]):
            out.append(_Candidate(s, e, False))
    return sorted(out, key=lambda c: c.start)


def _context_year(annotation: Annotation, anchors: list[tuple[int, int, bool]], start: int, end: int) -> int | None:
    """The year a month or day without one belongs to, from the years the text names nearby:
    the nearest before it in its sentence ("earlier in 2025 ... the February 5 conference"),
    else a dated month named after it in the sentence, else the nearest dated month before it
    in its paragraph ("On January 15, 2026, ... On January 18, ...")."""
    if not anchors:
        return None
    text = annotation.text
    sentence = annotation.sentence_at(start)
    para_start = text.rfind("\n", 0, start) + 1
    s_start = max(sentence.start if sentence else para_start, para_start)
    s_end = sentence.end if sentence else len(text)
    k = bisect.bisect_left(anchors, (start, -1, False))
    before = [year for pos, year, _ in anchors[:k] if pos >= s_start]
    if before:
        return before[-1]
    after = [year for pos, year, dated in anchors[k:] if end <= pos < s_end and dated]
    if after:
        return after[0]
    in_paragraph = [year for pos, year, dated in anchors[:k] if pos >= para_start and dated]
    return in_paragraph[-1] if in_paragraph else None


def _tense(annotation: Annotation, start: int, end: int) -> str | None:
    """``past`` or ``future`` for the clause the expression belongs to, when the parse says so.

    Future: the verb has ``will``/``shall``/``'ll``, or is an infinitive under a verb of
    planning ("scheduled to close Monday"). Past: a past-tense or perfect verb. Present tense
    says nothing either way."""
    token = annotation.token_at(start)
    if token is None:
        return None
    verb = None
    for t in annotation.ancestors(token.i):
        if t.pos in ("VERB", "AUX") and not (t.start >= start and t.end <= end):
            verb = t
            break
    if verb is None:
        return None
    governed = _governs(annotation, verb.i, token.i, end)
    before = annotation.tokens[token.i - 1].text.lower() if token.i > 0 else ""
    target = before in _TARGET_PREPOSITIONS
    for _ in range(3):
        if verb is None:
            return None
        kids = annotation.children(verb.i)
        aux = {k.text.lower() for k in kids if k.dep in ("aux", "auxpass")}
        if aux & _FUTURE_AUX:
            return "future"
        if "to" in aux and verb.head != verb.i:
            head = annotation.tokens[verb.head]
            if head.lemma.lower() in _PLANNING:
                return "future"
            verb = head if head.pos in ("VERB", "AUX", "ADJ") else None
            continue
        if target or not governed:
            return None
        if verb.tag == "VBD" or aux & {"had", "has", "have", "did"} or (verb.tag == "VBN" and not aux):
            return "past"
        if verb.tag in ("VBZ", "VBP") and not aux:
            return "future"
        return None
    return None


def _governs(annotation: Annotation, verb: int, token: int, end: int) -> bool:
    """Whether the expression starting at ``token`` hangs on ``verb`` directly or through one
    preposition ("met on Monday"), rather than on a noun or adjective ("payable Dec. 7")."""
    first = annotation.tokens[token].start
    k = token
    while (up := annotation.tokens[annotation.tokens[k].head]).i != k and first <= up.start < end:
        k = up.i
    head = annotation.tokens[annotation.tokens[k].head]
    return head.i == verb or (head.dep == "prep" and head.head == verb)


# ---------------------------------------------------------------- normalisation

_N_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+({_DAY})(?:,?\s+({_YEAR}))?(?!\d|:\d)")
_N_DAY_MONTH_YEAR = re.compile(rf"(?<![\d$.,])\b({_DAY})\s+(?:of\s+)?({_MONTH})(?:,?\s+({_YEAR}))?\b")
_N_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_N_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_N_MONTH = re.compile(rf"\b({_MONTH_FULL}|{_MONTH_ABBR}|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|"
                      r"SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![a-z])")  # fmt: skip
_N_YEAR = re.compile(rf"(?<![\d$£€.,'])(?<!\d-)({_YEAR})(?!\d|'?s\b)")
_N_DECADE = re.compile(r"(?i)\b(?:\d0'?s|century|centuries|decade)\b")
_N_OTHER = re.compile(
    rf"(?i)\b(?:week|weekend|fortnight|quarter|half|{_SEASON}|now|currently|recently|nowadays|"
    r"these\s+days|present|moment|past|future|recent|current)\b"
)
_N_DAYWORD = re.compile(r"(?i)\b(today|tonight|yesterday|tomorrow)\b")
_N_WEEKDAY = re.compile(rf"(?i)\b(?:(last|next|this|coming|past|previous|following)\s+)?({_WEEKDAY})\b")
_N_AGO = re.compile(
    rf"(?i)\b({_NUM})\s+(day|week|month|year|decade|fortnight)s?\s+(ago|earlier|before|later|hence|from\s+now)\b"
)
_N_RELATIVE = re.compile(r"(?i)\b(this|last|next|current|coming|previous|past)\s+(month|year)\b")
_N_THIS_PERIOD = re.compile(
    r"(?i)\b(?:(?:end|beginning|start|middle|rest|remainder|balance)\s+of|(?:earlier|later)\s+in|so\s+far)\s+"
    r"th(?:e|is)\s+(month|year)\b|\b(year)[- ]end\b|\b(year)['’]s\s+end\b"
)
_N_REL_MONTH = re.compile(r"(?i)\b(this|last|next|coming|past)\s+\w+$")
_N_MONTH_REL_YEAR = re.compile(r"(?i)\b(this|last|next)\s+year\b")


def normalise(
    span: str, ref: dt.date | None, context_year: int | None = None, tense: str | None = None
) -> tuple[str | None, str]:
    """``(value, granularity)`` of one date expression.

    ``ref`` is the reference (publication) date, ``context_year`` a year named near the
    expression, ``tense`` ``past``/``future`` for the clause it belongs to.
    """
    span = _SPELLED.sub(lambda m: str(_spelled_year(m.group(0))), span)
    m = _N_ISO.search(span)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _N_NUMERIC.search(span)
    if m:
        year = int(m.group(3))
        if year < 100:
            pivot = (ref.year if ref else dt.date.today().year) + 10
            year += 2000 if 2000 + year <= pivot else 1900
        return _day(year, int(m.group(1)), int(m.group(2)))
    for pattern, month_group, day_group in ((_N_MONTH_DAY_YEAR, 1, 2), (_N_DAY_MONTH_YEAR, 2, 1)):
        m = pattern.search(span)
        if m:
            month = _month(m.group(month_group))
            day = int(re.sub(r"\D", "", m.group(day_group)))
            if m.group(3):
                return _day(int(m.group(3)), month, day)
            inferred = _infer_year(month, day, ref, context_year, tense)
            return (None, "day") if inferred is None else _day(inferred, month, day)
    month_match = _N_MONTH.search(span)
    year_match = _N_YEAR.search(span)
    if month_match:
        month = _month(month_match.group(1))
        if year_match:
            return f"{int(year_match.group(1)):04d}-{month:02d}", "month"
        rel = _N_MONTH_REL_YEAR.search(span) or _N_REL_MONTH.search(span)
        inferred = _month_year(month, ref, context_year, tense, rel.group(1).lower() if rel else None)
        return (None, "month") if inferred is None else (f"{inferred:04d}-{month:02d}", "month")
    if year_match and not _N_DECADE.search(span):
        return year_match.group(1), "year"
    if ref is None:
        return None, _granularity_without_reference(span)
    m = _N_DAYWORD.search(span)
    if m:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group(1).lower()]
        return (ref + dt.timedelta(days=shift)).isoformat(), "day"
    m = _N_WEEKDAY.search(span)
    if m:
        return _weekday(WEEKDAYS[m.group(2).lower()], ref, (m.group(1) or "").lower(), tense), "day"
    m = _N_AGO.search(span)
    if m:
        return _ago(m, ref)
    m = _N_RELATIVE.search(span)
    if m:
        step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
        shift = step[m.group(1).lower()]
        if m.group(2).lower() == "year":
            return f"{ref.year + shift:04d}", "year"
        y, mo = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        return f"{y:04d}-{mo + 1:02d}", "month"
    m = _N_THIS_PERIOD.search(span)
    if m:
        if (m.group(1) or "").lower() == "month":
            return f"{ref.year:04d}-{ref.month:02d}", "month"
        return f"{ref.year:04d}", "year"
    if re.search(r"(?i)\byear-(?:earlier|ago)\b|\ba\s+year\s+(?:earlier|ago|before)\b", span):
        return f"{ref.year - 1:04d}", "year"
    return None, "other"


_SPELLED = re.compile(rf"(?i)\b{_SPELLED_YEAR}")
_WORD_VALUES: dict[str, int] = {
    "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


def _spelled_year(words: str) -> int:
    """``nineteen ninety-six`` -> 1996, ``the year two thousand and one`` -> 2001."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("the", "year", "and")]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_VALUES.get(w, 0) for w in parts[2:])
    century = _WORD_VALUES[parts[0]] * 100
    rest = parts[1:]
    if rest == ["hundred"]:
        return century
    return century + sum(_WORD_VALUES.get(w, 0) for w in rest)


def _granularity_without_reference(span: str) -> str:
    if _N_DAYWORD.search(span) or _N_WEEKDAY.search(span):
        return "day"
    m = _N_AGO.search(span)
    if m:
        return {"day": "day", "month": "month", "year": "year"}.get(m.group(2).lower(), "other")
    m = _N_RELATIVE.search(span)
    return m.group(2).lower() if m else "other"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> tuple[str | None, str]:
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None, "day"


def _infer_year(month: int, day: int, ref: dt.date | None, context_year: int | None, tense: str | None) -> int | None:
    """The year of a month and day the text gives without one: a year named nearby, else the
    reference year or its neighbour, whichever puts the date nearest the reference date on the
    side the tense points to."""
    if context_year is not None:
        return context_year
    if ref is None:
        return None
    options = [(y, _date_or_last(y, month, day)) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "past":
        options = [o for o in options if o[1] <= ref + dt.timedelta(days=_TENSE_SLACK)]
    elif tense == "future":
        options = [o for o in options if o[1] >= ref - dt.timedelta(days=_TENSE_SLACK)]
    return min(options, key=lambda o: abs((o[1] - ref).days))[0]


def _date_or_last(year: int, month: int, day: int) -> dt.date:
    """The date, or the month's last day when the day does not exist that year (29 February)."""
    while day > 28:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1
    return dt.date(year, month, day)


def _month_year(
    month: int, ref: dt.date | None, context_year: int | None, tense: str | None, relative: str | None
) -> int | None:
    """The year of a month the text gives without one ("in March", "last April")."""
    if ref is None:
        return context_year
    if relative == "this":
        return ref.year
    if relative in ("last", "past"):
        return ref.year if month < ref.month else ref.year - 1
    if relative in ("next", "coming"):
        return ref.year if month > ref.month else ref.year + 1
    if context_year is not None:
        return context_year
    slack = _TENSE_SLACK // 31
    options = [ref.year - 1, ref.year, ref.year + 1]

    def offset(y: int) -> int:
        return (y - ref.year) * 12 + month - ref.month

    if tense == "past":
        options = [y for y in options if offset(y) <= slack]
    elif tense == "future":
        options = [y for y in options if offset(y) >= -slack]
    else:
        options = [y for y in options if offset(y) <= _AHEAD_MONTHS]
    return min(options, key=lambda y: (abs(offset(y)), offset(y) > 0))


def _weekday(weekday: int, ref: dt.date, relative: str, tense: str | None) -> str:
    back = (ref.weekday() - weekday) % 7
    forward = (weekday - ref.weekday()) % 7
    if relative in ("last", "past", "previous"):
        shift = -(back or 7)
    elif relative in ("next", "coming", "following"):
        shift = forward or 7
    elif relative == "this":
        shift = forward if tense == "future" else -back
    else:
        shift = forward if tense == "future" else -back
    return (ref + dt.timedelta(days=shift)).isoformat()


def _ago(m: re.Match[str], ref: dt.date) -> tuple[str | None, str]:
    word = m.group(1).lower()
    count = int(word) if word.isdigit() else NUMBERS.get(word.split()[0])
    unit = m.group(2).lower()
    sign = -1 if m.group(3).lower() in ("ago", "earlier", "before") else 1
    if count is None or unit in ("week", "decade", "fortnight"):
        return None, "other"
    if unit == "day":
        return (ref + dt.timedelta(days=sign * count)).isoformat(), "day"
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 + sign * count, 12)
        return f"{y:04d}-{mo + 1:02d}", "month"
    return f"{ref.year + sign * count:04d}", "year"
