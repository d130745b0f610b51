"""Geocoding (issue 19): a named part of a country (``Northern Syria``, ``North-East Iraq``) is
placed in that part of the country, at the centre of that ninth of its extent."""

from __future__ import annotations

import pytest

from newsgraph.annotate.gazetteer import compass_part
from newsgraph.extract.place_index import country_part, place_index
from tests.extract.test_places_context import _entities


@pytest.mark.parametrize(
    ("words", "part"),
    [
        ("northern", (0, 1)),
        ("North", (0, 1)),
        ("north-eastern", (0, 2)),
        ("North-East", (0, 2)),
        ("southwest", (2, 0)),
        ("south-western", (2, 0)),
        ("eastern", (1, 2)),
        ("Western", (1, 0)),
        ("central", (1, 1)),
        ("greater", None),
        ("rural", None),
        ("Northern Syria", None),
    ],
)
def test_a_compass_word_names_a_ninth_of_a_country(words: str, part: tuple[int, int] | None) -> None:
    assert compass_part(words) == part


def test_the_ninths_of_a_country_lie_within_its_extent_in_their_order() -> None:
    index = place_index()
    south, north, west, east = index.extents["IQ"]
    points = {p: country_part(index, "IQ", p) for p in [(0, 0), (0, 2), (1, 1), (2, 2)]}
    assert all(c is not None and south < c.lat < north and west < c.lon < east for c in points.values())
    north_west, north_east, middle, south_east = (points[p] for p in [(0, 0), (0, 2), (1, 1), (2, 2)])
    assert north_west is not None and north_east is not None and middle is not None and south_east is not None
    assert north_west.lat == north_east.lat > middle.lat > south_east.lat
    assert north_west.lon < middle.lon < north_east.lon == south_east.lon


@pytest.mark.parametrize(
    ("text", "name", "country", "north", "east"),
    [
        ("Fighting flared again in Northern Iraq, officials in Iraq said.", "Northern Iraq", "IQ", True, None),
        (
            "Aid convoys crossed into North-East Syria before Syria closed the road.",
            "North-East Syria",
            "SY",
            True,
            True,
        ),
        ("Shelling hit South-West Turkey overnight, Turkey's army said.", "South-West Turkey", "TR", False, False),
    ],
)
def test_a_named_part_of_a_country_is_placed_in_that_part(
    text: str, name: str, country: str, north: bool, east: bool | None
) -> None:
    found = _entities(text, [(name, "LOC"), (name.split()[-1], "GPE")])
    part, whole = found[name].place, found[name.split()[-1]].place
    assert part is not None and whole is not None and part.country == country and part.feature == "RGN"
    assert (part.lat > whole.lat + 0.5) == north and (part.lat < whole.lat - 0.5) == (not north)
    if east is not None:
        assert (part.lon > whole.lon) == east


def test_a_part_of_a_country_without_a_known_extent_is_the_country() -> None:
    found = _entities("Storms hit Northern France, and France's railways stopped.", [("Northern France", "LOC")])
    place = found["Northern France"].place
    assert place is not None and place.country == "FR" and place.feature != "RGN"


@pytest.mark.parametrize("name", ["East Pakistan", "South Yemen"])
def test_a_state_of_the_past_is_no_part_of_the_state_named_in_it(name: str) -> None:
    found = _entities(f"He was born in {name} before the war.", [(name, "GPE")])
    place = found[name].place
    assert place is None or place.feature != "RGN"
