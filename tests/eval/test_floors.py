"""The floors in eval/floors hold: every pinned figure is reached on the development gold."""

from __future__ import annotations

import pytest

from eval.harness import floors, load_task, missing_inputs, rows, shared_dir, task_names

PINNED = [name for name in task_names() if floors(name)]


@pytest.mark.slow
@pytest.mark.parametrize("name", PINNED)
def test_task_reaches_its_floors(name: str) -> None:
    task = load_task(name)
    shared = shared_dir()
    missing = missing_inputs(task, shared)
    if missing:
        pytest.skip(f"{shared / missing[0]} is absent")
    table = rows(name, task.run(shared), getattr(task, "BASELINE", {}))
    low = [f"{r.metric}={r.value:.3f} < floor {r.floor:.3f}" for r in table if not r.ok]
    assert not low, f"{name} under its floors: " + "; ".join(low)
    pinned = set(floors(name))
    assert pinned <= {r.metric for r in table}, f"{name} no longer reports {pinned - {r.metric for r in table}}"
