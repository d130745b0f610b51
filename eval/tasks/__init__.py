"""Evaluation tasks, one module each (see eval/harness.py)."""
