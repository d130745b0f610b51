"""The relations task's scoring, on hand-made spans: overlap matching, symmetric types, one-to-one
matches, and which predictions the actor-scope figures judge."""

from __future__ import annotations

from eval.tasks.relations import GoldDoc, Predicted, about_actors, match, matches

DOC = GoldDoc(
    id="d",
    text="",
    gold=[("fights", (0, 5), (10, 15)), ("has_role", (20, 27), (17, 19))],
    in_scope=frozenset({("fights", (0, 5), (10, 15))}),
    actor_spans=((0, 5), (10, 15)),
    other_spans=((17, 19), (20, 27)),
)


def test_a_prediction_matches_by_type_and_overlapping_spans() -> None:
    assert matches(Predicted("fights", ((1, 4),), ((12, 14),)), DOC.gold[0])
    assert not matches(Predicted("supports", ((1, 4),), ((12, 14),)), DOC.gold[0])
    assert matches(Predicted("supports", ((1, 4),), ((12, 14),)), DOC.gold[0], typed=False)


def test_symmetric_types_match_in_either_direction_and_others_do_not() -> None:
    assert matches(Predicted("fights", ((10, 15),), ((0, 5),)), DOC.gold[0])
    assert not matches(Predicted("has_role", ((17, 19),), ((20, 27),)), DOC.gold[1])


def test_matches_are_one_to_one() -> None:
    twice = [Predicted("fights", ((0, 5),), ((10, 15),)), Predicted("fights", ((1, 5),), ((10, 14),))]
    assert match(twice, DOC.gold) == [(0, 0)]


def test_the_actor_scope_leaves_out_predictions_about_quantities_and_weapons() -> None:
    assert about_actors(Predicted("fights", ((0, 5),), ((10, 15),)), DOC)
    assert not about_actors(Predicted("has_role", ((20, 27),), ((17, 19),)), DOC)
    # an argument that overlaps no re3d entity at all still counts (it may be a wrong actor)
    assert about_actors(Predicted("fights", ((0, 5),), ((30, 35),)), DOC)
