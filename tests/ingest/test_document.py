"""Documents from raw text: normalisation, stable ids, content hashes, metadata precedence."""

from __future__ import annotations

import pytest

from newsgraph.ingest.document import content_hash, document_id, make_document, normalise_date, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("line one\r\nline two\r\n", "line one\nline two"),
        ("old mac\rline", "old mac\nline"),
        ("trailing   \nspaces\t\n", "trailing\nspaces"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("\n\n\nleading and trailing blank lines\n\n\n", "leading and trailing blank lines"),
        ("Cafe\u0301 in Mu\u0308nchen", "Café in München"),  # NFD -> NFC
        ("  indented first line keeps its indent", "  indented first line keeps its indent"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["a\n\n\n\nb  \r\n", "Café  au lait\n\n", "  x\ty  "],
)
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kenya and Ethiopia agreed.", "Kenya  and\nEthiopia   agreed.\n"),
        ("Kenya and Ethiopia agreed.", "\tKenya and Ethiopia agreed.   "),
        ("One.\n\nTwo.", "One. Two."),
    ],
)
def test_content_hash_is_equal_for_whitespace_only_differences(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)
    assert make_document(a).id == make_document(b).id


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kenya and Ethiopia agreed.", "Kenya and Ethiopia disagreed."),
        ("Kenya and Ethiopia agreed.", "kenya and ethiopia agreed."),
        ("ab", "a b"),
    ],
)
def test_content_hash_differs_for_different_words(a: str, b: str) -> None:
    assert content_hash(a) != content_hash(b)


@pytest.mark.parametrize("text", ["Kenya and Ethiopia agreed on Monday.", "Ünïcödé text — with dashes"])
def test_document_id_is_stable_and_short(text: str) -> None:
    first, second = make_document(text), make_document(text)
    assert first.id == second.id == document_id(normalise_text(text))
    assert len(first.id) == 16
    assert all(ch in "0123456789abcdef" for ch in first.id)


@pytest.mark.parametrize("given", ["story-42", "nws-2026-0311-santiago"])
def test_an_id_from_the_input_is_kept(given: str) -> None:
    assert make_document("Some text.", id=given).id == given


def test_document_reads_dateline_footer_and_date() -> None:
    raw = (
        "Nairobi, March 3 (NWS) Kenya and Ethiopia agreed on Monday to set up a commission, "
        "weeks after the talks of 20 February 2026.\r\n\r\n\r\nThe commission meets in May.\n–NWS\nabc/de\n"
    )
    doc = make_document(raw, origin="in.txt", key="in.txt")
    assert doc.text.startswith("Nairobi, March 3 (NWS) Kenya")
    assert doc.text.endswith("The commission meets in May.")
    assert "\r" not in doc.text and "\n\n\n" not in doc.text
    assert doc.slug == "–NWS\nabc/de"
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.agency) == ("Nairobi", "NWS")
    assert doc.text[doc.dateline.start : doc.dateline.end] == "Nairobi, March 3 (NWS) "
    assert doc.published == "2026-03-03"
    assert doc.source == "NWS"
    assert (doc.origin, doc.key) == ("in.txt", "in.txt")


@pytest.mark.parametrize(
    ("published", "default", "expected"),
    [
        ("2025-11-02", "2020-01-01", "2025-11-02"),  # metadata wins over the dateline
        (None, "2020-01-01", "2026-03-03"),  # the dateline wins over the default
        ("not a date", None, "2026-03-03"),  # unreadable metadata is ignored
    ],
)
def test_published_precedence(published: str | None, default: str | None, expected: str) -> None:
    raw = "Nairobi, March 3 (NWS) The talks of 20 February 2026 ended."
    assert make_document(raw, published=published, default_published=default).published == expected


def test_default_published_applies_when_nothing_else_dates_the_document() -> None:
    assert make_document("No date at all.", default_published="2024-05-06").published == "2024-05-06"
    assert make_document("No date at all.").published is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [("Daily Planet", "Daily Planet"), (None, "NWS")],
)
def test_source_from_metadata_else_agency(source: str | None, expected: str) -> None:
    assert make_document("RIGA, Feb 12 (NWS) - Allies met.", source=source).source == expected


def test_source_from_sign_off_when_the_dateline_has_no_agency() -> None:
    assert make_document("BEIJING -- The bank cut rates.\n–NWS").source == "NWS"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-27", "2026-01-27"),
        ("2026-01-27T08:30:00Z", "2026-01-27"),
        ("2026-01-27T23:30:00+05:30", "2026-01-27"),
        ("Fri, 09 Jan 2026 08:30:00 GMT", "2026-01-09"),
        ("  2026-01-27 ", "2026-01-27"),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_title_is_stripped() -> None:
    assert make_document("Text.", title="  A title \n").title == "A title"
