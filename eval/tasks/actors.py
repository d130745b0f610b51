"""Actors across documents on real Guardian stories: B-cubed of cross-document resolution against
the ``actor`` keys of our blind newsfacts gold (``eval/gold/ACTORS.md`` says how they were given).

The gold stories go through the real pipeline (:func:`newsgraph.pipeline.ingest`: extraction,
store, cross-document resolution) into a temporary SQLite store, one store for the development
stories (``eval/gold/newsfacts``) and another for the held-out ones (``eval/gold/newsfacts-heldout``,
figures prefixed ``heldout_``). Then:

- **Items** are the gold entities, one per (story, gold entity). An item's gold cluster is its
  ``actor`` key.
- Each gold entity is paired one to one with a predicted entity of its story (one with a mention)
  by the newsfacts name rule (:func:`eval.newsfacts_scoring.name_match`: folded names equal, or a
  whole-word run of one inside the other), in three passes (:func:`pair_entities`): the gold
  entity's own name first, then any of its names, then the rule where the kinds may be one actor.
  The item's predicted cluster is the store actor its predicted entity is linked to.
- **An unmatched item** (no predicted entity of its story has its name, or the one it has is not
  linked to an actor) is a predicted cluster of its own, a singleton: it costs recall wherever
  its gold actor has other items and never costs precision. ``actors_matched_share`` says how many
  items were matched; ``actors_bcubed_f1_matched`` is the same score over the matched items alone
  (resolution apart from extraction).
- Most gold actors are named in one story only, and an actor of one story is right unless it is
  wrongly merged, so the headline is generous to splits. ``actors_bcubed_f1_recurring`` scores
  only the items whose gold actor is named in at least two stories (``recurring_share`` of them):
  the actors that cross-document resolution exists for.
- B-cubed precision and recall (:func:`eval.tasks.clusters.b_cubed`, Bagga and Baldwin 1998)
  average over items: precision, the share of an item's predicted cluster that has its gold actor;
  recall, the share of its gold actor that is in its predicted cluster.

The worst errors go to standard error, so a developer sees what to fix: wrong merges (one store
actor holding items of several gold actors) and splits (one gold actor over several store actors,
unmatched items included), each ranked by the items of B-cubed it loses.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.newsfacts_scoring import Entity, entity_names, fold, names_match, pairs
from eval.tasks.clusters import b_cubed
from eval.tasks.newsfacts import GOLD, read_gold, read_stories
from eval.tasks.newsfacts_heldout import HELDOUT

DESCRIPTION = "Actors across Guardian stories (our blind gold): B-cubed P/R/F1 of cross-document resolution"
REQUIRES = ["corpus/guardian-dev.jsonl"]
BASELINE: dict[str, float] = {}
WORST = 12
"""How many wrong merges and splits are listed on standard error, each."""


@dataclass(frozen=True)
class Predicted:
    """A predicted entity of one story and the store actor it is linked to."""

    entity_id: str
    entity: Entity
    """Its folded names and its kind."""
    actor: int | None
    """The store actor's id (None: the entity is not linked to an actor)."""
    actor_name: str | None


@dataclass(frozen=True)
class Item:
    """One gold entity of one story: its gold actor and the store actor it was resolved to."""

    story: str
    name: str
    gold: str
    """The gold ``actor`` key."""
    predicted: Hashable
    """The store actor's id, or a label of its own when the item is unmatched."""
    store_name: str | None
    """The store actor's name (None: unmatched)."""

    @property
    def matched(self) -> bool:
        return self.store_name is not None


def pair_entities(predicted: Sequence[Entity], gold: Sequence[Entity], names: Sequence[str]) -> list[int | None]:
    """For each gold entity, the index of its predicted entity or None. One to one, in three
    passes, each in gold order: a predicted entity that has the gold entity's own name (``names``:
    the folded gold names, so that "US" with the alias "Washington" takes a predicted "US" before a
    predicted "Washington"); then one that shares any of its names; then one that matches by the
    newsfacts name rule (:func:`names_match`) and whose kind may be the same actor
    (:func:`newsgraph.resolve.forms.compatible_kinds`: a place is not an academy)."""
    from newsgraph.resolve.forms import compatible_kinds

    rules = (
        lambda p, g, own: own in p.names,
        lambda p, g, own: bool(p.names & g.names),
        lambda p, g, own: compatible_kinds(p.kind, g.kind) and names_match(p.names, g.names),
    )
    found: list[int | None] = [None] * len(gold)
    for rule in rules:
        rest_gold = [i for i, k in enumerate(found) if k is None]
        taken = {k for k in found if k is not None}
        rest_pred = [k for k in range(len(predicted)) if k not in taken]
        paired = pairs(
            [predicted[k] for k in rest_pred],
            [(gold[i], names[i]) for i in rest_gold],
            lambda p, g, rule=rule: rule(p, *g),
        )
        for i, k in zip(rest_gold, paired, strict=True):
            if k is not None:
                found[i] = rest_pred[k]
    return found


def items_of(story: str, gold: dict[str, Any], predicted: Sequence[Predicted]) -> list[Item]:
    """The items of one story: each gold entity with the store actor of its paired entity."""
    entities = gold.get("entities", [])
    paired = pair_entities(
        [p.entity for p in predicted],
        [Entity(entity_names(e), e["kind"]) for e in entities],
        [fold(e["name"]) for e in entities],
    )
    out = []
    for n, (e, k) in enumerate(zip(entities, paired, strict=True)):
        p = predicted[k] if k is not None else None
        if p is None or p.actor is None:
            out.append(Item(story, e["name"], e["actor"], ("unmatched", story, n), None))
        else:
            out.append(Item(story, e["name"], e["actor"], p.actor, p.actor_name or ""))
    return out


def figures(items: Sequence[Item], prefix: str = "") -> dict[str, float]:
    """B-cubed P/R/F1 over ``items``; F1 over the matched ones alone and over the recurring
    ones (gold actor in two stories or more); the shares and the counts."""
    precision, recall, f1 = b_cubed([i.gold for i in items], [i.predicted for i in items])
    matched = [i for i in items if i.matched]
    stories: dict[str, set[str]] = defaultdict(set)
    for i in items:
        stories[i.gold].add(i.story)
    recurring = [i for i in items if len(stories[i.gold]) > 1]
    return {
        f"{prefix}actors_bcubed_precision": precision,
        f"{prefix}actors_bcubed_recall": recall,
        f"{prefix}actors_bcubed_f1": f1,
        f"{prefix}actors_bcubed_f1_matched": b_cubed([i.gold for i in matched], [i.predicted for i in matched])[2],
        f"{prefix}actors_bcubed_f1_recurring": b_cubed([i.gold for i in recurring], [i.predicted for i in recurring])[
            2
        ],
        f"{prefix}actors_matched_share": len(matched) / len(items) if items else 0.0,
        f"{prefix}recurring_share": len(recurring) / len(items) if items else 0.0,
        f"{prefix}gold_actors": float(len({i.gold for i in items})),
        f"{prefix}items": float(len(items)),
    }


def _label(item: Item) -> str:
    return f"{item.store_name!r} #{item.predicted}" if item.matched else "(unmatched)"


def worst_errors(items: Sequence[Item], title: str = "actors", limit: int = WORST) -> str:
    """The wrong merges and the splits that cost most, as lines for a developer."""
    by_predicted: dict[Hashable, list[Item]] = defaultdict(list)
    by_gold: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        by_predicted[i.predicted].append(i)
        by_gold[i.gold].append(i)
    merges = []
    for group in by_predicted.values():
        golds = Counter(i.gold for i in group)
        if len(golds) > 1:
            lost = sum(1 - golds[i.gold] / len(group) for i in group)
            parts = ", ".join(f"{g} ({n})" for g, n in golds.most_common())
            merges.append((lost, f"  {lost:5.2f}  store actor {_label(group[0])} holds {parts}"))
    splits = []
    for gold, group in by_gold.items():
        stored = Counter(i.predicted for i in group)
        if len(stored) > 1:
            lost = sum(1 - stored[i.predicted] / len(group) for i in group)
            names = Counter(_label(i) for i in group)
            parts = ", ".join(f"{s} ({n})" for s, n in names.most_common())
            splits.append((lost, f"  {lost:5.2f}  gold actor {gold} is split over {parts}"))
    lines = [f"{title}: worst wrong merges (precision items lost), {len(merges)} in all"]
    lines += [line for _, line in sorted(merges, key=lambda x: -x[0])[:limit]]
    lines.append(f"{title}: worst splits (recall items lost), {len(splits)} in all")
    lines += [line for _, line in sorted(splits, key=lambda x: -x[0])[:limit]]
    return "\n".join(lines)


def resolve_stories(stories: Sequence[dict[str, Any]]) -> dict[str, list[Predicted]]:
    """Ingest ``stories`` into a fresh temporary SQLite store (extraction, storing and
    cross-document resolution, as ``newsgraph ingest`` does) and read back, for each story, its
    entities with a mention and the actor each one is linked to."""
    from newsgraph.ingest import make_document
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store
    from newsgraph.store.actors import actors_of_entities
    from newsgraph.store.extractions import load_extraction

    documents = [
        make_document(s["text"], id=s["id"], title=s.get("title"), source=s.get("source"), published=s.get("published"))
        for s in stories
    ]
    out: dict[str, list[Predicted]] = {}
    with tempfile.TemporaryDirectory(prefix="newsgraph-actors-") as folder, Store.open(Path(folder) / "s.db") as store:
        report = ingest(documents, store)
        if report.failures:
            raise RuntimeError(f"actors: {report.failed} gold stories failed to ingest: {report.failures[0]}")
        for story, doc in zip(stories, documents, strict=True):
            doc_id = report.saved[doc.content_hash].id
            linked = actors_of_entities(store.engine, doc_id)
            extraction = load_extraction(store.engine, doc_id).to_dict()
            out[story["id"]] = [
                Predicted(e["id"], Entity(entity_names(e), e["kind"]), *linked.get(e["id"], (None, None)))
                for e in extraction["entities"]
                if e.get("mentions")
            ]
    return out


def score_folder(shared: Path, folder: Path, prefix: str = "", limit: int | None = None) -> dict[str, float]:
    """The figures of the stories with a gold file in ``folder``, resolved together in one store."""
    stories = read_stories(shared / REQUIRES[0])
    gold = {k: v for k, v in read_gold(folder).items() if k in stories}
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    predicted = resolve_stories([stories[k] for k in ids])
    items = [item for k in ids for item in items_of(k, gold[k], predicted[k])]
    print(worst_errors(items, f"actors on {folder.name}"), file=sys.stderr)
    return figures(items, prefix)


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    return {**score_folder(shared, GOLD, "", limit), **score_folder(shared, HELDOUT, "heldout_", limit)}
