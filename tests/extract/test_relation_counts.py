"""Counts as attributes (has_role): "34 strikes", "more than 20 militants", "dozens of villages";
measures are no counts, and a measure with its bracketed conversions is one value (alias_of)."""

from __future__ import annotations

import pytest

from tests.extract.relation_triples import Extract, triples


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coalition aircraft conducted 34 strikes overnight.", ("has_role", "strikes", "34")),
        ("Police said more than 20 militants were arrested.", ("has_role", "militants", "more than 20")),
        ("Rebels shelled dozens of villages in the valley.", ("has_role", "villages", "dozens")),
        ("The raid destroyed four ISIL tactical units.", ("has_role", "ISIL tactical units", "four")),
    ],
)
def test_a_count_is_an_attribute_of_what_it_counts(
    extracted: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extracted(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The siege lasted 20 years.",
        "The convoy drove 30 km to the border.",
        "Prices rose 10 percent in March.",
        "The attacks of 2014 were remembered.",
        "The striker scored three goals in the second half.",  # counts nothing an analyst follows
        "The carmaker will cut 5,000 jobs.",
    ],
)
def test_measures_and_years_are_no_counts(extracted: Extract, text: str) -> None:
    assert not [r for r in extracted(text).relations if r.type == "has_role"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The reservoir lies 12 km (7.5 mi) upstream.",
            {("alias_of", "12 km", "7.5 mi")},
        ),
        (
            "A sack of flour costs three Lebanese pounds (£1.60; $2.10) in the camp.",
            {
                ("alias_of", "three Lebanese pounds", "£1.60"),
                ("alias_of", "three Lebanese pounds", "$2.10"),
                ("alias_of", "£1.60", "$2.10"),
            },
        ),
    ],
)
def test_a_measure_and_its_conversions_are_one_value(
    extracted: Extract, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= triples(extracted(text))


@pytest.mark.slow
def test_a_bracketed_remark_is_no_conversion(extracted: Extract) -> None:
    x = extracted("The militia has 300 fighters (most of them local) in the hills.")
    assert not [r for r in x.relations if r.type == "alias_of"]
