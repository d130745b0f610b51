"""The geocoding miss diagnostic's causes and the GeoWebNews demonym rule."""

from __future__ import annotations

from eval.tasks._geo_misses import _cause
from eval.tasks.geo import GoldToponym, _demonym
from newsgraph.extract.place_index import place_index


def test_each_miss_gets_the_cause_the_index_shows() -> None:
    assert _cause(["Raqqa"], 35.95, 39.01, 50.0, None) == "wrong namesake"  # the index knows it there
    assert _cause(["Europe"], 60.0, 30.0, 50.0, None) == "region centre"  # known, but nowhere near
    assert _cause(["Xqzzvillex"], 10.0, 10.0, 50.0, None) == "not in gazetteer"
    assert _cause(["Baghdad"], 33.3, 44.4, 50.0, "person") == "not a place"


def test_a_demonym_is_left_out_of_the_extra_figure_and_a_place_is_not() -> None:
    index = place_index()

    def gold(name: str, kind: str = "Literal") -> GoldToponym:
        return GoldToponym(0, len(name), name, kind, 0.0, 0.0)

    assert _demonym(index, gold("Kurdish")) and _demonym(index, gold("Americans"))
    assert _demonym(index, gold("Fooish", "Demonym"))
    assert not _demonym(index, gold("Paris")) and not _demonym(index, gold("Syria"))
