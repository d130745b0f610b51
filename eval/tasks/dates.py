"""Dates on TimeBank: DATE timexes found (F1 on overlapping spans) and value accuracy.

The gold is TimeBank 1.2 in TimeML (``dates/timebank/*.tml``). Each document's text is the
content of its ``<TEXT>`` element with the tags stripped (offsets into that stripped text give
the gold spans); its reference date is the ``TIMEX3`` whose ``functionInDocument`` is
``CREATION_TIME``. The real pipeline (``annotate_many`` + :func:`find_dates`) runs on the text
with that date as ``published``.

- ``span_*``: every gold ``TIMEX3 type="DATE"`` against every date newsgraph reports, matched
  one to one when the spans overlap. A reported date that overlaps a gold ``TIME`` timex
  ("Friday night", "this morning": a time whose date part is a date) is left out of the count;
  one overlapping a gold ``DURATION`` or ``SET``, or no timex at all, is a false positive.
  ``span_f1_strict`` counts the ones on ``TIME`` timexes as false positives too.
- ``value_accuracy``: over matched pairs whose gold value is ``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD``, the share where newsgraph's value, cut to the gold's granularity, equals the
  gold value (a value less precise than the gold's counts as wrong).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DESCRIPTION = "TimeBank DATE timexes: span F1 (overlap) and value accuracy at the gold's granularity"
REQUIRES = ["eval/dates/timebank"]
BASELINE = {"span_f1": 0.529, "value_accuracy": 0.743}

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class Timex:
    """A gold TIMEX3 inside the document text."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    published: str | None
    timexes: tuple[Timex, ...]


def read_timeml(path: Path) -> GoldDocument:
    """The text inside ``<TEXT>`` with tags stripped, its TIMEX3s, and the creation date."""
    raw = path.read_text(encoding="utf-8")
    published = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            value = attrs.get("value", "")
            published = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None
            break
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attributes, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timexes.append((length, dict(_ATTR.findall(attributes))))
        elif open_timexes:
            start, a = open_timexes.pop()
            if a.get("functionInDocument") != "CREATION_TIME":
                timexes.append(Timex(start, length, a.get("type", ""), a.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    return GoldDocument(path.stem, text, published, tuple(sorted(timexes, key=lambda t: t.start)))


def read_corpus(folder: Path, limit: int | None = None) -> list[GoldDocument]:
    paths = sorted(folder.glob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    return [read_timeml(p) for p in paths]


def predict(docs: list[GoldDocument]) -> Iterator[tuple[GoldDocument, list[tuple[int, int, str | None]]]]:
    """Run the real pipeline on each document: annotation, then the dates stage."""
    from newsgraph.annotate import annotate_many
    from newsgraph.extract.dates import find_dates
    from newsgraph.records import Document, Extraction

    annotations = annotate_many(d.text for d in docs)
    for doc, annotation in zip(docs, annotations, strict=True):
        document = Document(id=doc.name, text=doc.text, published=doc.published)
        dates = find_dates(annotation, Extraction(document=document))
        yield doc, [(d.start, d.end, d.value) for d in dates]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def value_matches(predicted: str | None, gold: str) -> bool:
    """Whether ``predicted`` cut to the granularity of ``gold`` (``YYYY[-MM[-DD]]``) equals it."""
    return predicted is not None and len(predicted) >= len(gold) and predicted[: len(gold)] == gold


def score(pairs: list[tuple[GoldDocument, list[tuple[int, int, str | None]]]]) -> dict[str, float]:
    tp = fp = fn = on_time = 0
    valued = right = 0
    for doc, predicted in pairs:
        gold = [t for t in doc.timexes if t.type == "DATE"]
        times = [(t.start, t.end) for t in doc.timexes if t.type == "TIME"]
        used: set[int] = set()
        for start, end, value in predicted:
            match = next(
                (k for k, g in enumerate(gold) if k not in used and _overlaps((start, end), (g.start, g.end))),
                None,
            )
            if match is None:
                if any(_overlaps((start, end), t) for t in times):
                    on_time += 1
                else:
                    fp += 1
                continue
            used.add(match)
            tp += 1
            if _CALENDAR.match(gold[match].value):
                valued += 1
                right += value_matches(value, gold[match].value)
        fn += len(gold) - len(used)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    strict = tp / (tp + fp + on_time) if tp + fp + on_time else 0.0
    return {
        "span_precision": precision,
        "span_recall": recall,
        "span_f1": f1,
        "span_f1_strict": 2 * strict * recall / (strict + recall) if strict + recall else 0.0,
        "value_accuracy": right / valued if valued else 0.0,
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    docs = read_corpus(shared / "eval" / "dates" / "timebank", limit)
    return score(list(predict(docs)))
