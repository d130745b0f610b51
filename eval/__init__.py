"""Evaluation of newsgraph on the development gold sets in ../shared/eval.

``python -m eval TASK`` scores one task (``python -m eval --list`` shows them), prints a table
with the baseline beside each figure, and with ``--check`` fails when a figure is under its floor
(``eval/floors/TASK.json``).
"""
