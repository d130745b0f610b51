"""Fit the place confidence model (``newsgraph/data/gazetteer/place_confidence.yaml``) on the
news-facts gold, as ``scripts/calibrate_confidence.py`` fits the other facts' models.

For every development story of ``eval/gold/newsfacts`` the pipeline runs up to geocoding; each
of our placed entities that is the counterpart of a gold place or state with coordinates (the
matching of ``python -m eval geo_newsfacts``) is one sample, right when its place lies within
50 km of the gold point. A logistic model (L2-regularised, Newton's method: the same ``fit`` as
the other facts) is fitted on the features of :func:`newsgraph.extract.places._features` (the
clue, the level, the score margin over the runner-up, how many places bear the name ...).

Before writing it reports the expected calibration error (ten bins) of the fitted model, of a
two-fold cross-validation over stories (each half scored by a model fitted on the other half)
and of the confidences shipped before; the held-out stories (``newsfacts-heldout``) are scored,
never fitted on.

Usage: ``.venv/bin/python scripts/calibrate_places.py [--shared ../shared] [--dry-run]``
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from calibrate_confidence import fit  # noqa: E402

from eval.newsfacts_scoring import calibration_error  # noqa: E402
from eval.tasks.geo_newsfacts import GOLD, HELDOUT, PLACE_KINDS, REQUIRES, _our_names, counterpart, placed  # noqa: E402
from eval.tasks.newsfacts import read_gold, read_stories  # noqa: E402
from newsgraph.extract import places  # noqa: E402

Sample = tuple[str, dict[str, float], bool, float]
"""(story id, features, right, the confidence of the score-margin logistic used before)."""


def samples(shared: Path, folder: Path) -> list[Sample]:
    """One sample per gold place or state whose counterpart of ours has a place."""
    from dataclasses import replace

    from newsgraph.annotate import annotate_many
    from newsgraph.extract.core import STAGES
    from newsgraph.records import Document, Extraction

    gold = read_gold(folder)
    stories = read_stories(shared / REQUIRES[0])
    ids = [k for k in gold if k in stories]
    out: list[Sample] = []
    for k, annotation in zip(ids, annotate_many([stories[k]["text"] for k in ids]), strict=True):
        s = stories[k]
        x = Extraction(document=Document(id=k, text=s["text"], published=s.get("published"), source=s.get("source")))
        x = STAGES[0][1](annotation, x)
        entities, feats = places.geocode_explained(annotation, x)
        d = replace(x, entities=entities).to_dict()
        mention_text = {m["id"]: m["text"] for m in d.get("mentions", [])}
        ours = [(_our_names(e, mention_text), e) for e in d.get("entities", []) if e.get("mentions")]
        for g in gold[k].get("entities", []):
            if g.get("kind") not in PLACE_KINDS or g.get("lat") is None or g.get("lon") is None:
                continue
            e: dict[str, Any] | None = counterpart(g, ours)
            if e is None or not e.get("place") or e["id"] not in feats:
                continue
            out.append((k, feats[e["id"]], placed(g, e), _margin_logistic(feats[e["id"]])))
        print(f"\r{folder.name}: {len(out)} samples", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def _margin_logistic(f: dict[str, float]) -> float:
    """The confidence the geocoder gave before this model: 0.3 at the story's locality, 0.9 for
    a name one place bears, else a logistic of 0.6 times the score margin."""
    if "clue:locality" in f:
        return 0.3
    if "single" in f:
        return 0.9
    return 1.0 / (1.0 + math.exp(-0.6 * f.get("margin", 0.0) * places.MARGIN_CAP))


def cross_validated(rows: list[Sample]) -> list[tuple[float, bool]]:
    ids = sorted({r[0] for r in rows})
    random.Random(13).shuffle(ids)
    halves = (set(ids[::2]), set(ids[1::2]))
    out = []
    for held in halves:
        model = fit([(k, f, r) for k, f, r, _ in rows if k not in held])
        out.extend((model.probability(f), r) for k, f, r, _ in rows if k in held)
    return out


def write(bias: float, weights: dict[str, float], path: Path, note: str) -> None:
    lines = [
        "# The place confidence model: logistic weights over the features of newsgraph/extract/places.py",
        "# (_features). Written by scripts/calibrate_places.py from the news-facts gold (eval/gold/newsfacts:",
        "# a place is right within 50 km of the gold point); do not edit by hand.",
        f"# {note}",
        "schema: newsgraph/place-confidence@1",
        f"bias: {bias}",
        "weights:",
        *(f'  "{name}": {w}' for name, w in sorted(weights.items())),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--dry-run", action="store_true", help="report, do not write place_confidence.yaml")
    args = parser.parse_args(argv)
    rows = samples(args.shared, GOLD)
    model = fit([(k, f, r) for k, f, r, _ in rows])
    right = sum(r for _, _, r, _ in rows) / max(1, len(rows))
    fitted = calibration_error([(model.probability(f), r) for _, f, r, _ in rows])
    two_fold = calibration_error(cross_validated(rows))
    before = calibration_error([(c, r) for _, _, r, c in rows])
    print(f"places n={len(rows)} right={right:.3f} ECE margin-logistic={before:.3f}", end=" ")
    print(f"fitted={fitted:.3f} two-fold={two_fold:.3f}")
    note = f"ECE on the {len(rows)} dev places: fitted {fitted:.3f}, two-fold cross-validated {two_fold:.3f}"
    if HELDOUT.exists():
        held = samples(args.shared, HELDOUT)
        ece = calibration_error([(model.probability(f), r) for _, f, r, _ in held])
        print(f"held-out n={len(held)} ECE {ece:.3f}")
        note += f"; held-out ({len(held)}) {ece:.3f}"
    if not args.dry_run:
        write(model.bias, model.weights, places.PLACE_CONFIDENCE_FILE, note)
        print(f"wrote {places.PLACE_CONFIDENCE_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
