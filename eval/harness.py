"""Task discovery, floors and the result table shared by every evaluation task.

A task is a module ``eval/tasks/NAME.py`` with:

- ``DESCRIPTION: str``: one line;
- ``REQUIRES: list[str]``: paths under the shared folder it reads (skips cleanly when absent);
- ``BASELINE: dict[str, float]``: the figures of the baseline the issue names, by metric;
- ``run(shared: Path, limit: int | None = None) -> dict[str, float]``: the scores.

Floors live in ``eval/floors/NAME.json`` as ``{"metric": floor}``; lowering one is an explicit
edit of that file, reviewed like code.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent
FLOORS = ROOT / "floors"


def shared_dir() -> Path:
    """``$NEWSGRAPH_SHARED`` or ``../shared`` beside the repository."""
    env = os.environ.get("NEWSGRAPH_SHARED")
    return Path(env) if env else ROOT.parent.parent / "shared"


def task_names() -> list[str]:
    from eval import tasks

    return sorted(m.name for m in pkgutil.iter_modules(tasks.__path__) if not m.name.startswith("_"))


def load_task(name: str) -> ModuleType:
    if name not in task_names():
        raise SystemExit(f"unknown task {name!r}; known: {', '.join(task_names())}")
    return importlib.import_module(f"eval.tasks.{name}")


def missing_inputs(task: ModuleType, shared: Path) -> list[str]:
    return [p for p in getattr(task, "REQUIRES", []) if not (shared / p).exists()]


def floors(name: str) -> dict[str, float]:
    path = FLOORS / f"{name}.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


@dataclass(frozen=True)
class Row:
    metric: str
    value: float
    baseline: float | None
    floor: float | None

    @property
    def ok(self) -> bool:
        return self.floor is None or self.value + 1e-9 >= self.floor


def rows(name: str, scores: dict[str, float], baseline: dict[str, float]) -> list[Row]:
    fl = floors(name)
    return [Row(k, v, baseline.get(k), fl.get(k)) for k, v in scores.items()]


def format_table(name: str, table: list[Row]) -> str:
    def f(x: float | None) -> str:
        return "" if x is None else f"{x:.3f}"

    lines = [f"{name}", f"{'metric':<34}{'newsgraph':>10}{'baseline':>10}{'floor':>8}  ok"]
    for r in table:
        lines.append(f"{r.metric:<34}{f(r.value):>10}{f(r.baseline):>10}{f(r.floor):>8}  {'yes' if r.ok else 'NO'}")
    return "\n".join(lines)
