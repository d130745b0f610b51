"""Every miss of the two geocoding tasks with its cause (``python -m eval.tasks._geo_misses``).

Not a task (its name starts with ``_``): a diagnostic that lists each gold toponym of
GeoWebNews (``geo``) and each gold place or state of the news-facts gold (``geo_newsfacts``,
development stories only) that is not placed within the task's tolerance, with one cause:

- ``not tagged``: no mention of ours overlaps the gold span (GeoWebNews) / no entity of ours
  bears the gold name (news-facts);
- ``demonym``: the gold span is a bare demonym (``Kurdish``), unplaced by design;
- ``not a place``: our entity is a person, organisation ... that the geocoder left alone;
- ``not in gazetteer``: our entity is a place but no name of it is known to the index;
- ``wrong namesake``: the index knows a candidate within tolerance, another was chosen;
- ``region centre``: every candidate the index knows lies beyond the tolerance (a region,
  continent or part of a country whose representative point differs from the gold's).

Example: ``python -m eval.tasks._geo_misses --task geo --limit 50 > misses.txt``
Annotations are cached with ``--cache DIR`` so that reruns only re-extract.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CAUSES = ("not tagged", "demonym", "not a place", "not in gazetteer", "wrong namesake", "region centre")


def _annotations(texts: list[str], cache: Path | None) -> list[Any]:
    from newsgraph.annotate import annotate_many

    if cache is None:
        return list(annotate_many(texts))
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:16]
    path = cache / f"annotations-{key}.pickle"
    if path.exists():
        return list(pickle.loads(path.read_bytes()))
    out = list(annotate_many(texts))
    path.write_bytes(pickle.dumps(out))
    return out


def _cause(names: list[str], lat: float, lon: float, tolerance: float, entity_kind: str | None) -> str:
    from newsgraph.extract.place_index import distance_km, place_index

    index = place_index()
    if entity_kind in ("person", "organization", "igo", "media", "other", "group"):
        return "not a place"
    cands = [c for n in names for c in (*index.lookup(n), *index.demonym(n), *index.lookup_spelling(n))]
    if not cands:
        return "not in gazetteer"
    if any(distance_km(lat, lon, c.lat, c.lon) <= tolerance for c in cands):
        return "wrong namesake"
    return "region centre"


def geo_misses(shared: Path, limit: int | None, cache: Path | None) -> list[tuple[str, str, str]]:
    """(cause, name, detail) of every GeoWebNews miss."""
    from eval.tasks.geo import REQUIRES, TOLERANCE_KM, _hit, _pipeline_points, read_geowebnews
    from newsgraph.extract import extract
    from newsgraph.extract.place_index import place_index
    from newsgraph.ingest.dateline import parse_dateline
    from newsgraph.records import Document

    articles = list(read_geowebnews(shared / REQUIRES[0]))[:limit]
    index = place_index()
    out = []
    for k, (article, annotation) in enumerate(
        zip(articles, _annotations([a.text for a in articles], cache), strict=True)
    ):
        parsed = parse_dateline(article.text)
        document = Document(id=f"geowebnews-{k}", text=article.text, dateline=parsed.dateline if parsed else None)
        x = extract(document, annotation)
        points = _pipeline_points(x)
        entities = {e.id: e for e in x.entities}
        for gold in article.toponyms:
            if _hit(gold, points):
                continue
            over = [m for m in x.mentions if m.start < gold.end and gold.start < m.end]
            entity = entities.get(over[0].entity or "") if over else None
            name = article.text[gold.start : gold.end]
            if not over:
                cause = "demonym" if index.demonym(name) and not index.lookup(name) else "not tagged"
                detail = ""
            elif entity is None:
                cause, detail = "not tagged", f"mention {over[0].text!r} without entity"
            else:
                names = [name, entity.name, *entity.aliases]
                cause = _cause(names, gold.lat, gold.lon, TOLERANCE_KM, None if entity.place else entity.kind)
                if cause == "not in gazetteer" and index.demonym(name):
                    cause = "demonym"
                got = f"{entity.place.lat:.1f},{entity.place.lon:.1f} {entity.place.country}" if entity.place else "-"
                detail = f"entity {entity.name!r} [{entity.kind}] got {got}"
            out.append((cause, name, f"doc {k} {gold.type} gold {gold.lat:.1f},{gold.lon:.1f} {detail}"))
    return out


def newsfacts_misses(shared: Path, limit: int | None, cache: Path | None) -> list[tuple[str, str, str]]:
    """(cause, name, detail) of every news-facts (development) place or state miss."""
    from eval.tasks.geo_newsfacts import GOLD, PLACE_KINDS, REQUIRES, TOLERANCE_KM, _our_names, counterpart, placed
    from eval.tasks.newsfacts import read_gold, read_stories
    from newsgraph.extract import extract
    from newsgraph.records import Document

    gold = read_gold(GOLD)
    stories = read_stories(shared / REQUIRES[0])
    ids = [k for k in gold if k in stories][:limit]
    annotations = _annotations([stories[k]["text"] for k in ids], cache)
    out = []
    for k, annotation in zip(ids, annotations, strict=True):
        s = stories[k]
        doc = Document(id=s["id"], text=s["text"], published=s.get("published"), source=s.get("source"))
        x = extract(doc, annotation).to_dict()
        mention_text = {m["id"]: m["text"] for m in x.get("mentions", [])}
        ours = [(_our_names(e, mention_text), e) for e in x.get("entities", []) if e.get("mentions")]
        for g in gold[k].get("entities", []):
            if g.get("kind") not in PLACE_KINDS or g.get("lat") is None:
                continue
            e = counterpart(g, ours)
            if placed(g, e):
                continue
            names = [g["name"], *g.get("aliases", ())]
            if e is None:
                cause, detail = "not tagged", ""
            else:
                names += [e["name"], *e.get("aliases", ())]
                cause = _cause(names, g["lat"], g["lon"], TOLERANCE_KM, None if e.get("place") else e["kind"])
                p = e.get("place")
                got = f"{p['lat']:.1f},{p['lon']:.1f} {p.get('country')}" if p else "-"
                detail = (
                    f"entity {e['name']!r} [{e['kind']}] got {got} clue {e.get('attributes', {}).get('place_clue')}"
                )
            out.append((cause, g["name"], f"{k} {g['kind']} gold {g['lat']:.1f},{g['lon']:.1f} {detail}"))
    return out


def main(argv: list[str] | None = None) -> int:
    from eval.harness import shared_dir

    parser = argparse.ArgumentParser(prog="python -m eval.tasks._geo_misses", description=__doc__.split("\n")[0])
    parser.add_argument("--task", choices=("geo", "geo_newsfacts", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep annotations in between runs")
    args = parser.parse_args(argv)
    shared = shared_dir()
    runs = {"geo": geo_misses, "geo_newsfacts": newsfacts_misses}
    for name, fn in runs.items():
        if args.task not in (name, "both"):
            continue
        misses = sorted(fn(shared, args.limit, args.cache))
        counts = Counter(c for c, _, _ in misses)
        print(f"== {name}: {len(misses)} misses: " + ", ".join(f"{c} {counts[c]}" for c in CAUSES if counts[c]))
        for cause, gname, detail in misses:
            print(f"{cause:<17} {gname!r:<28} {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
