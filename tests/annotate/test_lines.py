"""Sentence starts decided by the layout: paragraphs and headlines, not hard-wrapped lines."""

from __future__ import annotations

import pytest

from newsgraph.annotate.lines import line_starts

BODY = "Thousands of dock workers walked off the job at the port on Friday, the union said in Lagos."


@pytest.mark.parametrize(
    ("text", "starting"),
    [
        (f"Dock workers strike at Lagos port\n{BODY}", ["Thousands"]),
        (f"{BODY}\n“We will not return,” he said.", ["“We"]),
        (f"{BODY}\n\nthe rest of it", ["the"]),
        (f"{BODY}\n  Indented paragraph.", ["Indented"]),
        # a bullet between a letter's signature and the next letter, or before a footnote
        (f"Jane Doe Leeds • {BODY}", ["Thousands"]),
        (f"{BODY} • This article was amended on 15 February.", ["This"]),
        (f"{BODY}\n• A footnote.", ["•"]),
    ],
)
def test_paragraphs_and_headlines_start_sentences(text: str, starting: list[str]) -> None:
    assert [text[i:].split()[0] for i in sorted(line_starts(text))] == starting


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks would resume on\nMonday after the holiday, and that both sides\n"
        "had agreed to the terms of the deal that was\nsigned in the capital last year by the two.",
        f"{BODY} He met the U.S.\nAmbassador on Monday, and then Dr.\nJones, who had come from the north.",
        "",
        "One line only.",
    ],
)
def test_hard_wrapped_lines_and_abbreviations_are_left_to_the_parser(text: str) -> None:
    assert line_starts(text) == set()


@pytest.mark.slow
@pytest.mark.parametrize("text", [f"Dock workers strike at Lagos port\n{BODY}"])
def test_the_pipeline_keeps_a_headline_out_of_the_first_sentence(text: str) -> None:
    from newsgraph.annotate import annotate

    a = annotate(text)
    assert text[a.sentences[0].start : a.sentences[0].end].strip() == "Dock workers strike at Lagos port"
