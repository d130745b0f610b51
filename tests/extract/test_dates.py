"""Dates: which expressions are found, and how each is normalised against the reference date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsgraph.annotate import Annotation
from newsgraph.extract.dates import find_dates, normalise
from newsgraph.records import DateMention, Document, Extraction

TUESDAY = dt.date(2026, 1, 27)


@pytest.mark.parametrize(
    ("span", "value", "granularity"),
    [
        ("Jan 27", "2026-01-27", "day"),
        ("January 15, 2026", "2026-01-15", "day"),
        ("5 February 2025", "2025-02-05", "day"),
        ("Tuesday, March 3, 2020", "2020-03-03", "day"),
        ("2024-11-05", "2024-11-05", "day"),
        ("11/05/2024", "2024-11-05", "day"),
        ("January 2026", "2026-01", "month"),
        ("early September 2019", "2019-09", "month"),
        ("2025", "2025", "year"),
        ("earlier in 2025", "2025", "year"),
        ("mid-1996", "1996", "year"),
        ("fiscal 1989", "1989", "year"),
        ("nineteen ninety-six", "1996", "year"),
        ("the year two thousand", "2000", "year"),
    ],
)
def test_explicit_dates_keep_the_granularity_the_text_gives(span: str, value: str, granularity: str) -> None:
    assert normalise(span, TUESDAY) == (value, granularity)


@pytest.mark.parametrize(
    ("span", "value", "granularity"),
    [
        ("March", "2026-03", "month"),
        ("early March", "2026-03", "month"),
        ("last April", "2025-04", "month"),
        ("this month", "2026-01", "month"),
        ("the end of the month", "2026-01", "month"),
        ("the end of 2024", "2024", "year"),
    ],
)
def test_a_month_never_gets_an_invented_day(span: str, value: str, granularity: str) -> None:
    assert normalise(span, TUESDAY) == (value, granularity)


@pytest.mark.parametrize(
    ("span", "value", "granularity"),
    [
        ("today", "2026-01-27", "day"),
        ("yesterday", "2026-01-26", "day"),
        ("late yesterday", "2026-01-26", "day"),
        ("tomorrow", "2026-01-28", "day"),
        ("last year", "2025", "year"),
        ("this year", "2026", "year"),
        ("next year", "2027", "year"),
        ("early next year", "2027", "year"),
        ("last month", "2025-12", "month"),
        ("next month", "2026-02", "month"),
        ("three days ago", "2026-01-24", "day"),
        ("two months ago", "2025-11", "month"),
        ("five years ago", "2021", "year"),
        ("a year earlier", "2025", "year"),
    ],
)
def test_relative_expressions_count_from_the_reference_date(span: str, value: str, granularity: str) -> None:
    assert normalise(span, TUESDAY) == (value, granularity)


@pytest.mark.parametrize(
    ("span", "tense", "value"),
    [
        ("Tuesday", None, "2026-01-27"),
        ("Friday", None, "2026-01-23"),
        ("Friday", "past", "2026-01-23"),
        ("Friday", "future", "2026-01-30"),
        ("Monday", "future", "2026-02-02"),
        ("last Tuesday", None, "2026-01-20"),
        ("next Tuesday", None, "2026-02-03"),
    ],
)
def test_weekdays_are_the_nearest_past_day_unless_the_clause_looks_ahead(
    span: str, tense: str | None, value: str
) -> None:
    assert normalise(span, TUESDAY, tense=tense) == (value, "day")


@pytest.mark.parametrize(
    ("span", "context_year", "tense", "value"),
    [
        ("February 5", 2025, None, "2025-02-05"),
        ("February 5", None, None, "2026-02-05"),
        ("December 20", None, None, "2025-12-20"),
        ("March 3", None, "past", "2025-03-03"),
        ("September 3", None, "future", "2026-09-03"),
        ("September 3", None, "past", "2025-09-03"),
    ],
)
def test_a_day_without_a_year_takes_the_year_named_nearby_else_the_nearest_one(
    span: str, context_year: int | None, tense: str | None, value: str
) -> None:
    assert normalise(span, TUESDAY, context_year=context_year, tense=tense) == (value, "day")


@pytest.mark.parametrize(
    "span",
    ["this week", "next week", "two weeks ago", "the 1990s", "this summer", "the third quarter", "now", "recently"],
)
def test_what_a_calendar_value_cannot_state_has_no_value(span: str) -> None:
    assert normalise(span, TUESDAY) == (None, "other")


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("yesterday", (None, "day")),
        ("February 5", (None, "day")),
        ("last month", (None, "month")),
        ("January 2026", ("2026-01", "month")),
        ("February 30, 2025", (None, "day")),
    ],
)
def test_without_a_reference_date_only_what_the_text_states_gets_a_value(
    span: str, expected: tuple[str | None, str]
) -> None:
    assert normalise(span, None) == expected


def _dates(annotated: Callable[[str], Annotation], text: str, published: str | None) -> list[DateMention]:
    document = Document(id="t", text=text, published=published)
    found = find_dates(annotated(text), Extraction(document=document))
    assert all(text[d.start : d.end] == d.text for d in found)
    return list(found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Similar rallies took place earlier in 2024, including the March 3 march in Quetta.",
            [("earlier in 2024", "2024"), ("March 3", "2024-03-03")],
        ),
        (
            "On May 2, 2024, the ministry issued a notice. On May 9, it withdrew the notice.",
            [("May 2, 2024", "2024-05-02"), ("May 9", "2024-05-09")],
        ),
        ("The minister travelled to Cairo on Friday.", [("Friday", "2026-01-23")]),
        ("The minister will travel to Cairo on Friday.", [("Friday", "2026-01-30")]),
        ("Elections are due in March, the commission said.", [("March", "2026-03")]),
        ("The envoy arrived in Doha yesterday and left last week.", [("yesterday", "2026-01-26"), ("last week", None)]),
        ("Exports fell in December from last year's levels.", [("December", "2025-12"), ("last year", "2025")]),
    ],
)
def test_sentences_give_their_dates_with_values(
    annotated: Callable[[str], Annotation], text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(d.text, d.value) for d in _dates(annotated, text, "2026-01-27")] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire lasted three months and the talks took two weeks.",
        "The company pays its dividends quarterly and reports annually.",
        "The 45-year-old commander has led the group for a decade.",
    ],
)
def test_durations_frequencies_and_ages_are_not_dates(annotated: Callable[[str], Annotation], text: str) -> None:
    assert _dates(annotated, text, "2026-01-27") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The agreement was signed on Tuesday in Geneva.", "Tuesday"),
        ("Protests have continued since January 2025 across the region.", "January 2025"),
        ("The group was banned in 2019.", "2019"),
    ],
)
def test_spans_leave_out_the_preposition(annotated: Callable[[str], Annotation], text: str, span: str) -> None:
    assert [d.text for d in _dates(annotated, text, "2026-01-27")] == [span]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("surface", "value", "granularity"),
    [
        ("Jan 27", "2026-01-27", "day"),
        ("January 15, 2026", "2026-01-15", "day"),
        ("January 18", "2026-01-18", "day"),
        ("January 2026", "2026-01", "month"),
        ("earlier in 2025", "2025", "year"),
        ("February 5", "2025-02-05", "day"),
    ],
)
def test_wire_story_dates(
    extracted: Callable[..., Extraction], wire_text: str, surface: str, value: str, granularity: str
) -> None:
    dates = extracted(wire_text, published="2026-01-27").dates
    assert (surface, value, granularity) in {(d.text, d.value, d.granularity) for d in dates}
    assert all(wire_text[d.start : d.end] == d.text for d in dates)
