"""News facts on held-out Guardian stories: blind hand gold (``eval/gold/newsfacts-heldout/``)
that no rule, feature or calibration of newsgraph was fitted on.

The same scoring and figures as :mod:`eval.tasks.newsfacts`; ``scripts/calibrate_confidence.py``
never reads this folder. Use it to see how far the development figures overstate: do not tune on
it (read its scores, not its files), or it stops being held out.
"""

from __future__ import annotations

from pathlib import Path

from eval.tasks.newsfacts import GOLD, score_folder

DESCRIPTION = "News facts, held-out Guardian stories (blind gold never tuned on): P/R/F1 per kind"
REQUIRES = ["corpus/guardian-dev.jsonl"]
BASELINE: dict[str, float] = {}
HELDOUT = GOLD.parent / "newsfacts-heldout"


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    return score_folder(shared, HELDOUT, limit)
