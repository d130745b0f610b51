"""newsgraph's spaCy components, registered explicitly by :func:`register` (no import side effects).

``newsgraph_lines`` runs before the model's ``parser``: it marks the sentence starts that the
layout decides (paragraphs, headlines; :mod:`newsgraph.annotate.lines`), which the parser keeps.

The others run after the model's ``ner``, in this order, each reading and rewriting the corrected
spans in ``doc.spans["newsgraph_ents"]`` (:mod:`newsgraph.annotate.entity_spans`):

1. ``newsgraph_gazetteer``: known names (states, demonyms, regions, cities, international
   organisations, media, sanctioned organisations) over the model's entities;
2. ``newsgraph_acronyms``: acronyms the text defines, with their long forms;
3. ``newsgraph_context``: type corrections from surrounding words, one type per name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.annotate.acronyms import apply_acronyms
from newsgraph.annotate.context import apply_context
from newsgraph.annotate.gazetteer import apply_gazetteer, matcher_for
from newsgraph.annotate.lines import apply_lines

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


COMPONENTS = ("newsgraph_gazetteer", "newsgraph_acronyms", "newsgraph_context")
_registered = False


class GazetteerComponent:
    """Marks gazetteer names (matchers built once per pipeline)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        apply_gazetteer(doc, matcher_for(self.nlp))
        return doc


def _acronyms(doc: Doc) -> Doc:
    apply_acronyms(doc)
    return doc


def _context(doc: Doc) -> Doc:
    apply_context(doc)
    return doc


def _lines(doc: Doc) -> Doc:
    apply_lines(doc)
    return doc


def register() -> None:
    """Register newsgraph's component factories with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.factory(
        "newsgraph_gazetteer",
        requires=["doc.ents"],
        assigns=["doc.spans"],
        func=GazetteerComponent,
    )
    Language.component("newsgraph_acronyms", assigns=["doc.spans"], func=_acronyms)
    Language.component("newsgraph_context", assigns=["doc.spans"], func=_context)
    Language.component("newsgraph_lines", assigns=["token.is_sent_start"], func=_lines)
    _registered = True


def add_to(nlp: Language) -> None:
    """Add newsgraph's components to a loaded pipeline, after its NER (idempotent)."""
    register()
    if "newsgraph_lines" not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsgraph_lines", before="parser")
        else:
            nlp.add_pipe("newsgraph_lines", first=True)
    last = "ner" if "ner" in nlp.pipe_names else None
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            last = name
            continue
        if last is None:
            nlp.add_pipe(name)
        else:
            nlp.add_pipe(name, after=last)
        last = name
    matcher_for(nlp)
