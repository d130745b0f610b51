"""The pure core: ``extract(document, annotation) -> Extraction``.

Each stage reads the annotation and what earlier stages produced (a partial
:class:`~newsgraph.records.Extraction`) and returns its own records. No I/O here; this is the
function that runs on one core, in a process pool or on a Dask worker.
"""

from __future__ import annotations

from dataclasses import replace

from newsgraph.annotate.parsed import Annotation
from newsgraph.extract.claims import agency_entity, find_claims
from newsgraph.extract.dates import find_dates
from newsgraph.extract.entities import resolve_entities
from newsgraph.extract.events import find_events
from newsgraph.extract.places import geocode
from newsgraph.extract.relations import find_relations
from newsgraph.records import Document, Extraction


def extract(document: Document, annotation: Annotation) -> Extraction:
    """Mentions, entities, places, dates, claims, events and relations of one document."""
    if annotation.text != document.text:
        raise ValueError("the annotation was made from a different text than the document's")
    mentions, entities = resolve_entities(annotation, document)
    x = Extraction(document=document, mentions=mentions, entities=entities)
    agency = agency_entity(x)  # the outlet carrying the story, so claims can name it in reported_by
    if agency is not None and agency not in x.entities:
        x = replace(x, entities=(*x.entities, agency))
    x = replace(x, entities=geocode(annotation, x))
    x = replace(x, dates=find_dates(annotation, x))
    x = replace(x, claims=find_claims(annotation, x))
    x = replace(x, events=find_events(annotation, x))
    x = replace(x, relations=find_relations(annotation, x))
    return x
