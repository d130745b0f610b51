"""Modality: how a stretch of text presents what it states (asserted, hedged, speculative,
negated, question).

Rules over the dependency parse, with the lexicons in ``newsgraph/data/modality.yaml``. Claims use
it for their content; events and relations can use it for their sentence or clause. One pass over
the tokens of the stretch; the lexicons are read once per process.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsgraph.annotate.parsed import Annotation, Token
from newsgraph.errors import OntologyError

LABELS = ("question", "speculative", "hedged", "negated", "asserted")
DATA_FILE = "data/modality.yaml"
SCHEMA = "newsgraph/modality@1"

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
_MAIN_DEPS = frozenset({"conj", "aux", "auxpass", "neg", "advmod", "mark", "xcomp"})


@dataclass(frozen=True)
class ModalityLexicon:
    """The modality lexicons, as read from ``modality.yaml``."""

    order: tuple[str, ...]
    """Labels, strongest first."""
    modals: dict[str, str]
    """Modal auxiliary -> label (``could`` -> hedged, ``would`` -> speculative)."""
    conditional_markers: frozenset[str]
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    hedge_words: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_pairs: frozenset[tuple[str, str]]
    """(verb lemma, word lemma in its subtree): ``raise question``."""


def _strings(data: dict[str, Any], key: str, origin: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OntologyError(origin, f"{key!r} must be a list of words")
    return [v.lower() for v in value]


def parse_lexicon(data: Any, origin: str = DATA_FILE) -> ModalityLexicon:
    """Check and convert the YAML mapping of ``modality.yaml``."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise OntologyError(origin, f"the top level must be a mapping with schema: {SCHEMA}")
    order = tuple(_strings(data, "order", origin))
    if sorted(order) != sorted(LABELS):
        raise OntologyError(origin, f"'order' must list exactly {', '.join(LABELS)}")
    modals_raw = data.get("modals")
    if not isinstance(modals_raw, dict):
        raise OntologyError(origin, "'modals' must map a label to a list of modal verbs")
    modals: dict[str, str] = {}
    for label in modals_raw:
        if label not in LABELS:
            raise OntologyError(origin, f"unknown modality {label!r} under 'modals'")
        for word in _strings(modals_raw, label, origin):
            modals[word] = label
    hedges = data.get("hedges")
    if not isinstance(hedges, dict):
        raise OntologyError(origin, "'hedges' must be a mapping with words, verbs and pairs")
    pairs: set[tuple[str, str]] = set()
    for pair in _strings(hedges, "pairs", origin):
        parts = pair.split()
        if len(parts) != 2:
            raise OntologyError(origin, f"hedge pair {pair!r} must be two words")
        pairs.add((parts[0], parts[1]))
    return ModalityLexicon(
        order=order,
        modals=modals,
        conditional_markers=frozenset(_strings(data, "conditional_markers", origin)),
        negators=frozenset(_strings(data, "negators", origin)),
        negating_verbs=frozenset(_strings(data, "negating_verbs", origin)),
        hedge_words=frozenset(_strings(hedges, "words", origin)),
        hedge_verbs=frozenset(_strings(hedges, "verbs", origin)),
        hedge_pairs=frozenset(pairs),
    )


@lru_cache(maxsize=1)
def lexicon() -> ModalityLexicon:
    """The shipped lexicon, read and checked once per process."""
    text = resources.files("newsgraph").joinpath(DATA_FILE).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise OntologyError(DATA_FILE, f"not valid YAML ({exc})") from exc
    return parse_lexicon(data)


def token_range(annotation: Annotation, start: int, end: int) -> tuple[int, int]:
    """Indices ``[first, last)`` of the tokens that lie in the characters ``[start, end)``."""
    starts = annotation._token_starts
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end)
    return first, last


def modality_of(annotation: Annotation, start: int, end: int) -> str:
    """The modality of the text in characters ``[start, end)``."""
    first, last = token_range(annotation, start, end)
    return modality_of_tokens(annotation, first, last, text_end=end)


def modality_of_tokens(
    annotation: Annotation, first: int, last: int, text_end: int | None = None, said: bool = False
) -> str:
    """The modality of tokens ``[first, last)``.

    ``text_end`` (a character offset) lets a "?" just past the last token count, as in a
    quotation that closes after its question mark. ``said``: the tokens are what someone says, so
    a negation inside them is part of what is asserted ("“We will not leave,” he said" asserts
    that they will not leave); only a cue negates a claim ("denied that ...").
    """
    if first >= last:
        return "asserted"
    lex = lexicon()
    tokens = annotation.tokens
    found: set[str] = set()
    if _asks(annotation, first, last, text_end):
        found.add("question")
    main = _main_clause(annotation, first, last)
    for i in range(first, last):
        t = tokens[i]
        lower = t.text.lower()
        lemma = t.lemma.lower()
        in_main = i in main
        if in_main and t.dep in ("aux", "auxpass") and lower in lex.modals:
            found.add(lex.modals[lower])
        elif in_main and not said and _negates(t, lower, lemma, lex):
            found.add("negated")
        if lower in lex.conditional_markers and t.dep == "mark" and lower != "whether":
            found.add("speculative")
        if _hedges(annotation, t, lower, lemma, lex):
            found.add("hedged")
    for label in lex.order:
        if label in found:
            return label
    return "asserted"


def _negates(t: Token, lower: str, lemma: str, lex: ModalityLexicon) -> bool:
    if t.dep == "neg" or (lower in lex.negators and t.dep == "advmod"):
        return True
    return t.pos == "VERB" and lemma in lex.negating_verbs


def _hedges(annotation: Annotation, t: Token, lower: str, lemma: str, lex: ModalityLexicon) -> bool:
    if lower in lex.hedge_words or lemma in lex.hedge_words:
        return True
    if t.pos == "VERB" and lemma in lex.hedge_verbs:
        return _hedging_use(annotation, t)
    if t.pos in ("NOUN", "ADJ") and t.head != t.i:
        return (annotation.tokens[t.head].lemma.lower(), lemma) in lex.hedge_pairs
    return False


def _asks(annotation: Annotation, first: int, last: int, text_end: int | None) -> bool:
    """The stretch ends with a question mark (closing quotes and brackets aside)."""
    tokens = annotation.tokens
    k = last - 1
    while k >= first and tokens[k].pos == "PUNCT" and tokens[k].text != "?":
        k -= 1
    if k >= first and tokens[k].text == "?":
        return True
    if text_end is not None:
        tail = annotation.text[tokens[last - 1].end : text_end + 2].strip("”\"’' )")
        return tail.startswith("?")
    return False


def _main_clause(annotation: Annotation, first: int, last: int) -> set[int]:
    """Root tokens of the stretch (heads outside it), their conjuncts and auxiliaries."""
    tokens = annotation.tokens
    roots = [i for i in range(first, last) if not (first <= tokens[i].head < last) or tokens[i].head == i]
    main: set[int] = set(roots)
    frontier = list(roots)
    while frontier:
        k = frontier.pop()
        for child in annotation._children[k]:
            if first <= child < last and child not in main and tokens[child].dep in _MAIN_DEPS:
                main.add(child)
                if tokens[child].dep in ("conj", "xcomp"):
                    frontier.append(child)
    return main


def _hedging_use(annotation: Annotation, verb: Token) -> bool:
    """``appears to``/``is believed``/``it seems that``: a hedge verb taking a clause or passive."""
    if verb.tag == "VBN" and any(c.dep == "auxpass" for c in annotation.children(verb.i)):
        return True
    return any(c.dep in _CLAUSE_DEPS for c in annotation.children(verb.i))
