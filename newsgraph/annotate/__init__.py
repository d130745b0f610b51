"""Annotation: run spaCy (plus newsgraph's own components) and convert the result to plain
records once. Nothing after this stage touches spaCy objects."""

from newsgraph.annotate.parsed import Annotation, NamedSpan, Sentence, Token
from newsgraph.annotate.pipeline import annotate, annotate_many, load_pipeline

__all__ = ["Annotation", "NamedSpan", "Sentence", "Token", "annotate", "annotate_many", "load_pipeline"]
