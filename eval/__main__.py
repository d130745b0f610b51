"""``python -m eval TASK... [--limit N] [--check] [--json]``: score newsgraph on the gold sets.

Example: ``python -m eval ner --check``
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from eval.harness import format_table, load_task, missing_inputs, rows, shared_dir, task_names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval",
        description="Score newsgraph on the development gold in ../shared/eval.",
        epilog="example: python -m eval ner dates --check",
    )
    parser.add_argument("tasks", nargs="*", help="task names (default: all); --list shows them")
    parser.add_argument("--list", action="store_true", help="list the tasks and exit")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is under its floor")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if args.list:
        for name in task_names():
            print(f"{name:<12} {load_task(name).DESCRIPTION}")
        return 0
    shared = shared_dir()
    failed = False
    results = {}
    for name in args.tasks or task_names():
        task = load_task(name)
        missing = missing_inputs(task, shared)
        if missing:
            print(f"{name}: skipped, {shared / missing[0]} is absent", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        scores = task.run(shared, limit=args.limit)
        table = rows(name, scores, getattr(task, "BASELINE", {}))
        results[name] = scores
        failed |= not all(r.ok for r in table)
        if not args.json:
            print(format_table(name, table))
            print(f"({time.perf_counter() - t0:.1f} s)\n")
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if (args.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
