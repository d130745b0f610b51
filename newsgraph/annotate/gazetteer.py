"""The gazetteer: known names (states, demonyms, regions, cities, international organisations,
media, organisations on the UN and OFAC sanctions lists) and the component that marks them.

The data is compiled by ``scripts/build_gazetteer.py`` into ``data/gazetteer/gazetteer.tsv``
and read once per process. Each entry has a match mode:

- ``exact``: case-sensitive (acronyms: ``UN``, ``LeT``, ``NATO``);
- ``cased``: case-insensitive, but every word the entry capitalises must be capitalised in the
  text (``Hamas`` and ``HAMAS`` match ``HAMAS``; ``hamas`` does not);
- ``title``: as ``cased``, and not in an all-capitals stretch (small towns, whose names are
  too often words or surnames to trust in headlines);
- ``confirm``: as ``exact``, but only where the document also names the same thing in full
  (sanctions-list acronyms: ``ISI``, ``SSL`` collide with everyday ones).

Transliteration variants of listed names (Lashkar-e-Taiba / Lashkar-e-Tayyiba) are found by
a consonant skeleton of the name (:func:`skeleton`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from anyascii import anyascii

from newsgraph.annotate import entity_spans
from newsgraph.annotate.entity_spans import NAME_LABELS, make, relabel
from newsgraph.annotate.lexicon import word_list

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

ACRONYM_MODES = frozenset({"exact", "confirm"})
"""Match modes read case-sensitively, as written."""
GAZETTEER_FILE = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "gazetteer.tsv"
STRONG_KINDS = frozenset({"state", "igo", "media", "group", "organization", "nationality"})
"""Kinds whose gazetteer label overrides the statistical model's on the same words."""


@dataclass(frozen=True)
class Entry:
    """One name of the gazetteer."""

    tokens: tuple[str, ...]
    """The name as the tokenizer splits it."""
    label: str
    """Mention type: GPE, LOC, ORG, NORP."""
    kind: str
    """Entity kind: state, place, igo, media, group, organization, nationality."""
    key: str
    """Identifier shared by every name of one thing (``iso:PK``, ``gn:1176734``, ``un:QDe.118``)."""
    match: str
    """exact, confirm, cased or title (see the module docstring)."""
    country: str = ""
    """ISO 3166 alpha-2 code of the state the name belongs to, when there is one."""
    name: str = ""
    """The name as written in the source."""

    @property
    def source(self) -> str:
        return self.key.split(":", 1)[0]


def slug(name: str) -> str:
    """``Lashkar-e-Taiba`` -> ``lashkar-e-taiba``: a readable key part."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")


_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_ARTICLE = re.compile(r"^(?:the|al|el)[\s-]+")


def skeleton(name: str) -> str:
    """A spelling-tolerant key: ASCII, lower case, no leading article, first letter plus the
    consonants, repeats collapsed (``Jaish-e-Mohammad`` and ``JAISH-I-MOHAMMED`` -> ``jshmhmd``)."""
    s = _ARTICLE.sub("", anyascii(name).lower())
    s = _NOT_ALNUM.sub("", s)
    if not s:
        return ""
    return _REPEATS.sub(r"\1", s[0] + _VOWELS.sub("", s[1:]))


@dataclass(frozen=True)
class Gazetteer:
    """The compiled entries, indexed for lookup by normalised token text."""

    exact: dict[str, Entry]
    """``"L e T"``-style space-joined tokens, as written -> entry (case-sensitive names)."""
    folded: dict[str, Entry]
    """Space-joined lower-cased tokens -> entry."""
    skeletons: dict[str, Entry]
    """:func:`skeleton` of multi-word listed and curated organisation names -> entry."""
    by_key: dict[str, Entry]
    """First (preferred) entry of each key."""


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = GAZETTEER_FILE) -> Gazetteer:
    """Read the compiled gazetteer (once per process)."""
    exact: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    skeletons: dict[str, Entry] = {}
    by_key: dict[str, Entry] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        tokens, label, kind, key, match, country, name = line.split("\t")
        entry = Entry(tuple(tokens.split(" ")), label, kind, key, match, country, name)
        by_key.setdefault(key, entry)
        if match in ACRONYM_MODES:
            exact.setdefault(tokens, entry)
        else:
            known = folded.setdefault(tokens.lower(), entry)
            if known.match == "title" and match == "cased" and known.kind == kind:
                # a big city after its small namesake: "SAN DIEGO" in capitals is the city's
                folded[tokens.lower()] = entry
            if kind in ("group", "organization", "igo", "media") and len(entry.tokens) > 1:
                sk = skeleton(name)
                if len(sk) >= 6:
                    skeletons.setdefault(sk, entry)
    for entry in _divisions(folded):
        by_key.setdefault(entry.key, entry)
        folded.setdefault(" ".join(entry.tokens).lower(), entry)
    return Gazetteer(exact, folded, skeletons, by_key)


REGIONS_FILE = GAZETTEER_FILE.parents[1] / "regions.csv"


def _divisions(known: dict[str, Entry]) -> list[Entry]:
    """The first-level divisions of the place index's ``regions.csv`` (Indian and Australian
    states, Canadian provinces: ``Tamil Nadu``, ``Western Cape``) that the compiled file lacks,
    by their own names of two words or more, so that the tagger's ``Tamil`` (a demonym) before
    ``Nadu`` becomes the state. One-word names and abbreviations stay out: the model tags those
    (``Kerala``) and they collide with words and names (``Victoria``, ``BC``)."""
    import csv

    if not REGIONS_FILE.exists():
        return []
    out = []
    for row in csv.DictReader(REGIONS_FILE.read_text(encoding="utf-8").splitlines()):
        if row["feature"] != "ADM1":
            continue
        words = tuple(row["name"].split())
        if (
            len(words) < 2
            or not all(w.isalpha() for w in words)
            or not all(w[:1].isupper() for w in words if w != "and")
            or " ".join(words).lower() in known
        ):
            continue
        key = f"adm1:{row['country'].lower()}:{slug(row['name'])}"
        out.append(Entry(words, "GPE", "place", key, "cased", row["country"], row["name"]))
    return out


def entry_for_key(key: str) -> Entry | None:
    """The preferred entry of a gazetteer key (``iso:PK`` -> Pakistan), for later stages."""
    return load_gazetteer().by_key.get(key) if key else None


def entry_named(text: str) -> Entry | None:
    """The gazetteer entry a name as written reads as (``Turkey`` -> the state), if any: for
    mentions whose span carries no key (the model's span, a name met again later)."""
    gazetteer = load_gazetteer()
    tokens = " ".join(re.findall(r"\w+|[^\w\s]", text))
    entry = gazetteer.exact.get(tokens)
    if entry is None:
        entry = gazetteer.folded.get(tokens.lower())
        capitalised = (
            all(
                w[:1].isupper()
                for w, e in zip(tokens.split(" "), entry.tokens, strict=False)
                if e[:1].isupper() and e.lower() not in word_list("function_words")
            )
            if entry
            else False
        )
        entry = entry if capitalised else None
    return entry


def _case_fits(entry: Entry, span: Span) -> bool:
    """Every word the entry capitalises is capitalised in the text; ``title`` entries also
    refuse all-capitals text."""
    letters = [t.text for t in span if t.is_alpha]
    if entry.match == "title" and letters and all(w.isupper() for w in letters) and len("".join(letters)) > 1:
        return False
    if entry.kind == "igo" and len(entry.tokens) >= 2 and entry.tokens[0][:1].isupper():
        # "the UN security council", "the European parliament": house styles write an
        # intergovernmental body's organ in lower case after its capitalised first word
        return span[0].text[:1].isupper() and (not entry.tokens[0].isupper() or span[0].text == entry.tokens[0])
    for written, token in zip(entry.tokens, span, strict=False):
        if not written[:1].isupper() or written.lower() in word_list("function_words"):
            continue
        if not token.text[:1].isupper():
            return False
    return True


@dataclass
class GazetteerMatcher:
    """Phrase matchers over one vocabulary: case-sensitive for exact names, lower-case for the rest."""

    gazetteer: Gazetteer
    exact_matcher: PhraseMatcher
    folded_matcher: PhraseMatcher

    @classmethod
    def build(cls, vocab: Vocab, gazetteer: Gazetteer) -> GazetteerMatcher:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        exact = PhraseMatcher(vocab, attr="ORTH")
        exact.add("GAZ", [Doc(vocab, words=list(e.tokens)) for e in gazetteer.exact.values()])
        folded = PhraseMatcher(vocab, attr="LOWER")
        folded.add("GAZ", [Doc(vocab, words=k.split(" ")) for k in gazetteer.folded])
        return cls(gazetteer, exact, folded)

    def __call__(self, doc: Doc) -> list[tuple[Span, Entry]]:
        """Gazetteer names in ``doc``, overlapping matches included."""
        found: list[tuple[Span, Entry]] = []
        for _, start, end in self.exact_matcher(doc):
            span = doc[start:end]
            entry = self.gazetteer.exact.get(" ".join(t.text for t in span))
            if entry:
                found.append((span, entry))
        for _, start, end in self.folded_matcher(doc):
            span = doc[start:end]
            entry = self.gazetteer.folded.get(" ".join(t.lower_ for t in span))
            if entry and _case_fits(entry, span):
                found.append((span, entry))
        return found

    def by_skeleton(self, span: Span) -> Entry | None:
        """A listed organisation spelled differently (transliteration), if ``span`` is one."""
        if len(span) < 2 and "-" not in span.text:
            return None
        sk = skeleton(span.text)
        return self.gazetteer.skeletons.get(sk) if len(sk) >= 6 else None


@lru_cache(maxsize=4)
def matcher_for(nlp: Language) -> GazetteerMatcher:
    """The phrase matchers for a pipeline's vocabulary, built once."""
    return GazetteerMatcher.build(nlp.vocab, load_gazetteer())


KIND_ORDER = ("igo", "state", "media", "place", "nationality", "group", "organization")
LOCATIVE = frozenset({"in", "at", "near", "from", "outside", "across", "around", "via", "to"})


def _rank(item: tuple[Span, Entry]) -> tuple[int, int, int]:
    span, entry = item
    kind = KIND_ORDER.index(entry.kind) if entry.kind in KIND_ORDER else len(KIND_ORDER)
    return (-(span.end - span.start), kind, span.start)


def _is_strong(entry: Entry) -> bool:
    return entry.kind in STRONG_KINDS or entry.source in ("region", "adm1")


def _locative(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE


def apply_gazetteer(doc: Doc, matcher: GazetteerMatcher) -> None:
    """Lay the gazetteer's names over the spans so far (see :func:`merge`)."""
    spans = entity_spans.current(doc)
    found = _confirmed(matcher(doc))
    covered = {(s.start, s.end) for s, _ in found}
    # names the model found, or hyphenated names, spelled as a listed organisation's variant
    for span in [*spans, *(doc[a:b] for a, b in entity_spans.name_chains(doc))]:
        if (span.start, span.end) in covered or (span.label_ and span.label_ not in entity_spans.NAME_LABELS):
            continue
        entry = matcher.by_skeleton(span)
        if entry:
            found.append((doc[span.start : span.end], entry))
    chosen: list[tuple[Span, Entry]] = []
    taken: set[int] = set()
    for span, entry in sorted(found, key=_rank):
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append((span, entry))
            taken.update(range(span.start, span.end))
    entity_spans.store(doc, merge(doc, spans, chosen))


def _confirmed(found: list[tuple[Span, Entry]]) -> list[tuple[Span, Entry]]:
    """Sanctions-list acronyms (``ISI``, ``SSL``, ``UKIP`` as some firm's initials) collide with
    everyday ones: they count only where the document also names the organisation in full."""
    named = {e.key for _, e in found if e.match != "confirm"}
    return [(s, e) for s, e in found if e.match != "confirm" or e.key in named]


def merge(doc: Doc, spans: list[Span], names: list[tuple[Span, Entry]]) -> list[Span]:
    """The model's spans corrected by non-overlapping gazetteer names.

    - a name alone: added;
    - the same words as a model span: a strong name (state, organisation, region, demonym)
      relabels it (but "English" stays a LANGUAGE); a city relabels it only where the model
      said GPE/LOC/FAC, or said PERSON/ORG right after a locative preposition ("in Rawalakot");
    - a name covering model spans: replaces them;
    - a name inside a longer model span ("Bank of England"): the model's span stays, unless the
      name is a strong one at its edge and the rest is a capitalised name of its own;
    - crossing spans: the name wins, the model span keeps its words outside the name.
    """
    out = list(spans)
    for g, entry in names:
        overlapping = [s for s in out if s.start < g.end and g.start < s.end]
        if entry.source == "gn" and _score_follows(g) and not _locative(g):  # "near Idlib 21 soldiers"
            named = make(doc, g.start, g.end, "ORG", "gazetteer")
        else:
            named = make(doc, g.start, g.end, entry.label, "gazetteer", entry.key)
        if not overlapping:
            out.append(named)
            continue
        if len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end) == (g.start, g.end):
            s = overlapping[0]
            out.remove(s)
            if _misread_number(s, entry):
                out.append(named)  # "arrested him at Manchester airport": a city, not a date
            elif s.label_ not in NAME_LABELS or (s.label_ == "LANGUAGE" and entry.kind == "nationality"):
                out.append(s)  # "English" the language
            elif _is_strong(entry) or s.label_ in ("GPE", "LOC", "FAC") or _locative(s):
                out.append(named)
            else:
                out.append(s)
            continue
        if all(g.start <= s.start and s.end <= g.end for s in overlapping):
            if any(s.label_ not in NAME_LABELS for s in overlapping):
                continue
            for s in overlapping:
                out.remove(s)
            out.append(named)
            continue
        for s in overlapping:
            if s.start <= g.start and g.end <= s.end:
                rest = _rest(doc, s, g) if _is_strong(entry) and s.label_ in NAME_LABELS else None
                if rest is not None:
                    out.remove(s)
                    out.extend([named, rest])
                break
        else:
            for s in overlapping:
                out.remove(s)
                if s.label_ not in NAME_LABELS:
                    out.append(s)
                    continue
                if s.start < g.start and _capitalised(doc, s.start, g.start):
                    out.append(relabel(_trimmed(doc, s.start, g.start), s.label_))
                elif s.end > g.end and _capitalised(doc, g.end, s.end):
                    out.append(relabel(_trimmed(doc, g.end, s.end), s.label_))
            if not any(s.start < g.end and g.start < s.end for s in out):
                out.append(named)
    return out


NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _misread_number(span: Span, entry: Entry) -> bool:
    """A model span labelled as a date or number whose words are, digit-free, the very name of
    a state or of a city the gazetteer trusts in any case (``Manchester`` tagged DATE)."""
    return (
        span.label_ in NUMERIC_LABELS
        and not any(t.like_num or t.is_digit for t in span)
        and (entry.kind == "state" or (entry.kind == "place" and entry.match == "cased"))
    )


def _score_follows(span: Span) -> bool:
    """``Chicago 4 Houston 3``, ``Swansea 49 Cardiff 23``: a town's name before a score in a
    results line names its team."""
    doc = span.doc
    k = span.end
    if k >= len(doc) or not doc[k].like_num or not doc[k].text.isdigit():
        return False
    after = doc[k + 1] if k + 1 < len(doc) else None
    return (
        after is None
        or "\n" in doc[k].whitespace_
        or after.is_space
        or after.text.isdigit()
        or (after.text[:1].isupper() and after.is_alpha)
    )


def _trimmed(doc: Doc, start: int, end: int) -> Span:
    """``(Isis`` left of ``Islamic State (Isis``'s crossing name: the words without the
    punctuation at their edges."""
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if not t.is_punct and not t.is_space]
    return bool(words) and words[0].text[:1].isupper() and words[-1].text[:1].isupper()


def _rest(doc: Doc, s: Span, g: Span) -> Span | None:
    """The part of model span ``s`` left beside name ``g`` at its edge, when it is a name itself:
    not one organisation's head word that completes a place's name into the organisation's
    ("Middle East Institute", "Scotland Yard"; ``org_heads.txt``)."""
    if g.start == s.start and s.end - g.end == 1 and doc[g.end].lower_ in word_list("org_heads"):
        return None
    if g.start == s.start and g.end < s.end and _capitalised(doc, g.end, s.end):
        return relabel(_trimmed(doc, g.end, s.end), s.label_)  # "Islamic State (Isis": "Isis"
    if g.end == s.end and s.start < g.start and _capitalised(doc, s.start, g.start):
        return relabel(_trimmed(doc, s.start, g.start), s.label_)
    return None


_COMPASS = re.compile(
    r"^(?:(?P<ns>north|south)(?:ern)?[\s-]?(?P<ew>east|west)(?:ern)?|(?P<one>north|south|east|west)(?:ern)?|central)$",
    re.IGNORECASE,
)


def compass_part(words: str) -> tuple[int, int] | None:
    """The ninth of a country that a compass word names, as (row, column): row 0 north, 1 middle,
    2 south; column 0 west, 1 middle, 2 east. ``north-eastern`` -> (0, 2), ``southern`` -> (2, 1),
    ``central`` -> (1, 1); None for any other words."""
    m = _COMPASS.match(" ".join(words.split()))
    if m is None:
        return None
    one = (m.group("one") or "").lower()
    ns = (m.group("ns") or one).lower()
    ew = (m.group("ew") or one).lower()
    return ({"north": 0, "south": 2}.get(ns, 1), {"west": 0, "east": 2}.get(ew, 1))
