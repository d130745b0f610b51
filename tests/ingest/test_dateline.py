"""Wire-story datelines, sign-offs and desk slugs, and the publication date they imply."""

from __future__ import annotations

import pytest

from newsgraph.ingest.dateline import infer_published, parse_dateline, strip_footer


@pytest.mark.parametrize(
    ("text", "place", "agency", "month", "day", "year", "rest"),
    [
        ("Washington, Jan 27 (IANS) As the talks opened, ...", "Washington", "IANS", 1, 27, None, "As the talks"),
        ("NEW DELHI, March 3 (Reuters) - India said on ...", "NEW DELHI", "Reuters", 3, 3, None, "India said"),
        ("LONDON (AP) — Britain's prime minister said ...", "LONDON", "AP", None, None, None, "Britain's"),
        ("BEIJING -- China's central bank cut ...", "BEIJING", None, None, None, None, "China's"),
        ("Paris, Jan. 5, 2024 (AFP) - France's ...", "Paris", "AFP", 1, 5, 2024, "France's"),
        ("NEW YORK, Sept 4 (NWS): The fund said ...", "NEW YORK", "NWS", 9, 4, None, "The fund"),
        ("Washington (Reuters) - The senate voted ...", "Washington", "Reuters", None, None, None, "The senate"),
        ("  \nRIGA, Feb 12 (NWS) - NATO allies will ...", "RIGA", "NWS", 2, 12, None, "NATO allies"),
    ],
)
def test_dateline_variants_give_place_agency_and_date(
    text: str, place: str, agency: str | None, month: int | None, day: int | None, year: int | None, rest: str
) -> None:
    parsed = parse_dateline(text)
    assert parsed is not None
    assert parsed.dateline.place == place
    assert parsed.dateline.agency == agency
    assert (parsed.month, parsed.day, parsed.year) == (month, day, year)
    assert text[parsed.dateline.end :].startswith(rest)
    assert text[parsed.dateline.start :].startswith(place)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that talks -- long stalled -- would resume.",
        "Officials in Kabul (Afghanistan) said the road was open.",
        "The United Nations (UN) said on Tuesday that aid had arrived.",
        "The World Health Organization (WHO) warned of a new outbreak.",
        "He said: nothing would change.",
        "Tokyo — Japan's exports rose.",
        "In Brief -- markets were calm.",
        "Reuters - said nothing.",
        "",
    ],
)
def test_prose_is_not_a_dateline(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Typhoon aid reaches the north\n\nMANILA -- The United Nations began ...", "MANILA"),
        ("Port strike\n\nLAGOS, Feb 20 (NWS) - Dock workers ...", "LAGOS"),
    ],
)
def test_dateline_under_a_headline_line_is_found_with_its_offsets(text: str, place: str) -> None:
    parsed = parse_dateline(text)
    assert parsed is not None
    assert parsed.dateline.place == place
    assert text[parsed.dateline.start : parsed.dateline.start + len(place)] == place


@pytest.mark.parametrize(
    "text",
    [
        "A full sentence ends here.\n\nLONDON (AP) - Britain said ...",
        "First line\nsecond line\n\nLONDON (AP) - Britain said ...",
    ],
)
def test_dateline_after_a_paragraph_that_is_not_a_headline_is_not_read(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "body", "agency", "slug"),
    [
        ("The talks will resume in May.\n–IANS\nscor/as", "The talks will resume in May.", "IANS", "–IANS\nscor/as"),
        ("The talks will resume.\n\n-- IANS\n\nscor/as\n\n", "The talks will resume.", "IANS", "-- IANS\nscor/as"),
        ("The port reopened.\n–NWS", "The port reopened.", "NWS", "–NWS"),
        ("The port reopened.\n\n—AP\n", "The port reopened.", "AP", "—AP"),
        ("The port reopened.\nabc/de", "The port reopened.", None, "abc/de"),
    ],
)
def test_footer_sign_off_and_desk_slug_are_removed_and_kept(
    text: str, body: str, agency: str | None, slug: str
) -> None:
    footer = strip_footer(text)
    assert footer.body == body
    assert footer.agency == agency
    assert footer.slug == slug


@pytest.mark.parametrize(
    "text",
    [
        "The minister said prices would rise and/or fall.",
        "Delegations came from:\n- France\n- Germany",
        "The agency is based in Delhi.\nIANS is its name.",
        "One line only",
    ],
)
def test_text_without_a_footer_is_unchanged(text: str) -> None:
    footer = strip_footer(text)
    assert footer.body == text
    assert footer.agency is None
    assert footer.slug is None


@pytest.mark.parametrize(
    ("head", "text", "published"),
    [
        # year from the newest full date in the text
        ("Washington, Jan 27 (IANS) x", "a meeting on 5 February 2025 and a report of January 20, 2026", "2026-01-27"),
        ("Washington, Jan 27 (IANS) x", "a report dated 2026-01-25 said", "2026-01-27"),
        # year boundary: a January story about the previous December
        (
            "Washington, Jan 3 (IANS) x",
            "the attack of December 28, 2025 and the talks on 30 December 2025",
            "2026-01-03",
        ),
        # a December story announcing a January event keeps its own year
        ("Washington, Dec 30 (IANS) x", "the summit set for January 5, 2026", "2025-12-30"),
        # a year in the dateline wins over the text
        ("Washington, Jan 27, 2019 (IANS) x", "a meeting on 5 February 2025", "2019-01-27"),
        # month-year only: the fallback
        ("Washington, Jan 27 (IANS) x", "a report published in May 2025", "2025-01-27"),
        # 29 February exists only in leap years
        ("Washington, Feb 29 (IANS) x", "a meeting on 5 February 2024", "2024-02-29"),
    ],
)
def test_published_is_inferred_from_the_dateline_and_the_newest_full_date(head: str, text: str, published: str) -> None:
    full = f"{head} {text}"
    assert infer_published(parse_dateline(full), full) == published


@pytest.mark.parametrize(
    "text",
    [
        "Washington, Jan 27 (IANS) No year is written anywhere in this text.",
        "LONDON (AP) — a meeting on 5 February 2025",  # a dateline without a date
        "Washington, Feb 30 (IANS) on 5 February 2024",  # no such day
        "No dateline here, though 5 February 2025 is a date.",
    ],
)
def test_published_is_none_without_a_usable_date(text: str) -> None:
    assert infer_published(parse_dateline(text), text) is None


def test_wire_story_dateline_and_footer(wire_text: str) -> None:
    footer = strip_footer(wire_text)
    assert footer.agency == "IANS"
    assert footer.slug is not None and footer.slug.endswith("scor/as")
    assert not footer.body.rstrip().endswith("scor/as")
    parsed = parse_dateline(footer.body)
    assert parsed is not None
    assert (parsed.dateline.place, parsed.dateline.agency) == ("Washington", "IANS")
    assert infer_published(parsed, footer.body) == "2026-01-27"
