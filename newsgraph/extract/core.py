"""The pure core: ``extract(document, annotation) -> Extraction``.

Each stage reads the annotation and what earlier stages produced (a partial
:class:`~newsgraph.records.Extraction`) and returns it with its own records added. No I/O here;
this is the function that runs on one core, in a process pool or on a Dask worker. The stages
are listed in order in :data:`STAGES`, so a benchmark can time each one on the same input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsgraph.annotate.parsed import Annotation
from newsgraph.extract.claims import agency_entity, find_claims
from newsgraph.extract.confidence import with_confidence
from newsgraph.extract.dates import find_dates
from newsgraph.extract.entities import find_entities
from newsgraph.extract.events import find_events
from newsgraph.extract.places import geocode
from newsgraph.extract.relations import find_relations
from newsgraph.records import Document, Extraction

Stage = Callable[[Annotation, Extraction], Extraction]


def _entities(annotation: Annotation, x: Extraction) -> Extraction:
    mentions, entities = find_entities(annotation, x.document)
    x = replace(x, mentions=mentions, entities=entities)
    agency = agency_entity(x)  # the outlet carrying the story, so claims can name it in reported_by
    if agency is not None and agency not in x.entities:
        x = replace(x, entities=(*x.entities, agency))
    return x


def _places(annotation: Annotation, x: Extraction) -> Extraction:
    return replace(x, entities=geocode(annotation, x))


def _dates(annotation: Annotation, x: Extraction) -> Extraction:
    return replace(x, dates=find_dates(annotation, x))


def _claims(annotation: Annotation, x: Extraction) -> Extraction:
    return replace(x, claims=find_claims(annotation, x))


def _events(annotation: Annotation, x: Extraction) -> Extraction:
    return replace(x, events=find_events(annotation, x))


def _relations(annotation: Annotation, x: Extraction) -> Extraction:
    return replace(x, relations=find_relations(annotation, x))


def _confidence(annotation: Annotation, x: Extraction) -> Extraction:
    return with_confidence(annotation, x)


STAGES: tuple[tuple[str, Stage], ...] = (
    ("entities", _entities),
    ("places", _places),
    ("dates", _dates),
    ("claims", _claims),
    ("events", _events),
    ("relations", _relations),
    ("confidence", _confidence),
)
"""The extraction stages in the order they run; each may read what the earlier ones produced."""


def extract(document: Document, annotation: Annotation) -> Extraction:
    """Mentions, entities, places, dates, claims, events and relations of one document."""
    if annotation.text != document.text:
        raise ValueError("the annotation was made from a different text than the document's")
    x = Extraction(document=document)
    for _name, stage in STAGES:
        x = stage(annotation, x)
    return x
