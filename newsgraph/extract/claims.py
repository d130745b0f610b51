"""Stage: claims of one document, who says what.

Three passes, each linear in the length of the document:

1. **Direct quotations** are found on the characters (straight and curly double quotes, a quote
   that runs over paragraphs, quotes inside quotes left inside). A quotation that stands on its
   own (nothing but a cue clause before it in its sentence) is attributed by the cue clause right
   after it (``“...,” the report detailed``; ``“...,” said X, the group's spokesman``) or right
   before it (``X said: “...”``). A quotation interrupted by its cue (``“...,” he said, “...”``)
   and the cue-less quotations that go on in the same paragraph are one claim.
2. **Reported speech** comes off the dependency parse: a cue verb from ``data/cues.yaml`` and its
   clausal complement (``X said that ...``, ``..., a report has highlighted``), a cue clause set
   into its content (``Similar trends, it said, emerged ...``), ``according to X, ...``, and cue
   nouns with a ``that`` clause. Content that holds a quotation is ``mixed``.
3. **Speakers** are resolved to the document's entities by rules over the parse, in text order:
   a named speaker is its mention's entity; ``he``/``she`` the latest person speaker or subject;
   ``it``/``they`` the latest speaker that is not a person; a document (``the report``) keeps the
   document as speaker and takes its author (``a report in MEMRI``, ``MEMRI's report``) as the
   speaker's entity; a description (``the ministry``) the latest organisation named with that
   word or described so.

``reported_by`` is the entity of the agency or outlet carrying the story (dateline or source).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsgraph.annotate.parsed import Annotation, Token
from newsgraph.errors import OntologyError
from newsgraph.extract.modality import LABELS, modality_of_tokens
from newsgraph.extract.pronouns import MentionIndex
from newsgraph.extract.references import (
    ROLE_MODIFIERS,
    agrees,
    gender_of,
    past_role,
    role_context,
    role_holder,
    role_holders,
)
from newsgraph.records import Claim, Entity, Extraction, Span, Speaker

DATA_FILE = "data/cues.yaml"
SCHEMA = "newsgraph/cues@1"

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
QUOTE_MARKS = OPENING | CLOSING | {STRAIGHT}

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NP_RIGHT = frozenset({"compound", "flat", "nummod"})
_NP_PREPS = frozenset({"of", "in", "by", "from", "at"})
_WINDOW = 12
_CUE_CLAUSE = 8
"""Most tokens a cue clause set into or after its content may take (``, his mother, X, told``)."""
"""Most tokens a cue clause next to a quotation may take (``, said X, the group's spokesman,``)."""
_AFTER_WINDOW = 30
"""Most tokens between a quotation and its cue (``, Scott Pruitt, the attorney general of X, said``)."""
_RELATIVES = frozenset({"that", "which", "who", "whom"})
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_MIN_QUOTE_TOKENS = 4
"""A quotation without a cue this short is a scare quote or a title, not a claim."""
GERUND_PREPOSITIONS = frozenset({"despite", "with", "without", "amid", "after", "before"})
"""Prepositions whose object a following gerund of saying has for subject ("despite X saying")."""
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON"})
_NP_POS = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "SPACE"})
_AUTHOR_TYPES = frozenset({"ORG", "PERSON", "NORP", "OTHER"})
_AUTHOR_KINDS = frozenset({"organization", "media", "group", "igo", "person", "state"})
_HEAD_PARTS = frozenset({"compound", "flat", "amod", "nmod"})
"""How a name can be part of a speaker's head ("the US Senate"), unlike an owner (poss) or a
complement (prep)."""
_ENTITY_KINDS = frozenset({"person", "organization", "state", "place", "group", "igo", "media", "other"})
_KIND_WINDOW = 2
_ANOTHER = frozenset({"another", "other", "second", "third", "fourth", "different"})
"""Words by which a role is someone else than the one written with it before ("another lawyer")."""
_NOUN_GAP = 6
"""Most words between a cue noun and the "that" of its content the parse hung elsewhere."""
_GAP_POS = frozenset({"ADP", "PROPN", "NOUN", "DET", "ADJ", "NUM", "PART"})
"""What may stand between them: its agent and a time phrase ("by News Corp on Friday")."""
"""How many sentences back a description ("the paper", "the group") finds its entity."""


@dataclass(frozen=True)
class CueLexicon:
    """The cue and speaker lexicons, as read from ``cues.yaml``."""

    verbs: dict[str, str | None]
    """Cue verb lemma -> modality the cue gives its content (None: the content's own)."""
    phrasal: dict[tuple[str, str], str | None]
    """(verb lemma, particle) -> modality."""
    nouns: dict[str, str | None]
    object_verbs: frozenset[str]
    """Verbs whose direct object is the content when they have no clause."""
    infinitive_verbs: frozenset[str]
    """Verbs whose infinitive is the content (``urged X to act``)."""
    as_verbs: frozenset[str]
    """Verbs whose object and its "as" phrase are the content (``regards X as a threat``)."""
    according: frozenset[tuple[str, str]]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    document_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    role_nouns: frozenset[str] = frozenset()
    spokes_nouns: frozenset[str] = frozenset()
    """Roles that speak for an organisation: unnamed, the organisation is the speaker."""
    kind_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    """Description noun -> the entity kinds it can stand for ("the paper": a media outlet)."""
    prep_verbs: frozenset[tuple[str, str]] = frozenset()
    """(verb lemma, preposition) whose object is what is said ("warned of a renewed exodus")."""
    noun_verbs: frozenset[str] = frozenset()
    """Verbs whose subject holds the cue noun they take ("expressed fears that", "repeated his
    claim that"), unlike "rejected the claim that"."""
    that_verbs: frozenset[str] = frozenset()
    """Cue verbs whose clause is content only when "that" opens it ("accepted that Assad has
    survived", not "accept whatever fate had in store")."""
    adjectives: dict[str, str | None] = field(default_factory=dict)
    """Adjectives of a held view whose "that" clause is the content ("remain sceptical that ...",
    "Convinced that ..., Trump ...") -> modality."""


def _cue_map(data: dict[str, Any], key: str, origin: str) -> dict[str, str | None]:
    raw = data.get(key)
    if not isinstance(raw, dict):
        raise OntologyError(origin, f"{key!r} must map a lemma to a modality (or nothing)")
    out: dict[str, str | None] = {}
    for word, label in raw.items():
        if label is not None and label not in LABELS:
            raise OntologyError(origin, f"{key}.{word}: unknown modality {label!r}")
        out[str(word).lower()] = label
    return out


def _words(data: dict[str, Any], key: str, origin: str) -> frozenset[str]:
    raw = data.get(key)
    if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
        raise OntologyError(origin, f"{key!r} must be a list of words")
    return frozenset(w.lower() for w in raw)


def parse_lexicon(data: Any, origin: str = DATA_FILE) -> CueLexicon:
    """Check and convert the YAML mapping of ``cues.yaml``."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise OntologyError(origin, f"the top level must be a mapping with schema: {SCHEMA}")
    verbs: dict[str, str | None] = {}
    phrasal: dict[tuple[str, str], str | None] = {}
    for word, label in _cue_map(data, "verbs", origin).items():
        parts = word.split()
        if len(parts) == 1:
            verbs[word] = label
        elif len(parts) == 2:
            phrasal[(parts[0], parts[1])] = label
        else:
            raise OntologyError(origin, f"cue verb {word!r} must be one word or a verb and its particle")
    according = set()
    for entry in _words(data, "according", origin):
        parts = entry.split()
        if len(parts) != 2:
            raise OntologyError(origin, f"'according' entry {entry!r} must be two words")
        according.add((parts[0], parts[1]))
    speakers = data.get("speakers")
    if not isinstance(speakers, dict):
        raise OntologyError(origin, "'speakers' must be a mapping of word lists")
    kind_nouns: dict[str, frozenset[str]] = {}
    raw_kinds = speakers.get("kind_nouns", {})
    if not isinstance(raw_kinds, dict):
        raise OntologyError(origin, "'speakers.kind_nouns' must map a noun to a list of entity kinds")
    for noun, kinds in raw_kinds.items():
        if not isinstance(kinds, list) or not kinds or not all(k in _ENTITY_KINDS for k in kinds):
            raise OntologyError(
                origin, f"speakers.kind_nouns.{noun}: a list of entity kinds ({', '.join(sorted(_ENTITY_KINDS))})"
            )
        kind_nouns[str(noun).lower()] = frozenset(kinds)
    return CueLexicon(
        verbs=verbs,
        phrasal=phrasal,
        nouns=_cue_map(data, "nouns", origin),
        object_verbs=_words(data, "object_verbs", origin),
        infinitive_verbs=_words(data, "infinitive_verbs", origin),
        as_verbs=_words(data, "as_verbs", origin),
        according=frozenset(according),
        person_pronouns=_words(speakers, "person_pronouns", origin),
        thing_pronouns=_words(speakers, "thing_pronouns", origin),
        document_nouns=_words(speakers, "document_nouns", origin),
        organisation_nouns=_words(speakers, "organisation_nouns", origin),
        role_nouns=_words(speakers, "role_nouns", origin),
        spokes_nouns=_words(speakers, "spokes_nouns", origin) if "spokes_nouns" in speakers else frozenset(),
        kind_nouns=kind_nouns,
        noun_verbs=_words(data, "noun_verbs", origin) if "noun_verbs" in data else frozenset(),
        prep_verbs=_pairs(data, "prep_verbs", origin) if "prep_verbs" in data else frozenset(),
        adjectives=_cue_map(data, "adjectives", origin) if "adjectives" in data else {},
        that_verbs=_words(data, "that_verbs", origin) if "that_verbs" in data else frozenset(),
    )


def _pairs(data: dict[str, Any], key: str, origin: str) -> frozenset[tuple[str, str]]:
    out = set()
    for entry in _words(data, key, origin):
        parts = entry.split()
        if len(parts) != 2:
            raise OntologyError(origin, f"{key!r} entry {entry!r} must be a verb and a preposition")
        out.add((parts[0], parts[1]))
    return frozenset(out)


@lru_cache(maxsize=1)
def lexicon() -> CueLexicon:
    """The shipped lexicon, read and checked once per process."""
    text = resources.files("newsgraph").joinpath(DATA_FILE).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise OntologyError(DATA_FILE, f"not valid YAML ({exc})") from exc
    return parse_lexicon(data)


# --------------------------------------------------------------------------- quotations


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start`` at its opening mark, ``end`` just past its closing mark."""

    start: int
    end: int


def find_quotes(text: str) -> list[Quote]:
    """Top-level double-quoted stretches of ``text``, in order.

    Curly marks pair by direction, straight ones by alternation; single quotes are left alone
    (they are apostrophes or quotes inside quotes). A quotation still open at the end of a
    paragraph goes on when the next paragraph opens with a quote mark (the wire convention for
    quotes over several paragraphs); otherwise it is dropped as unbalanced.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    pending_paragraph = False
    line_start = True
    for k, ch in enumerate(text):
        if ch == "\n":
            if open_at is not None:
                pending_paragraph = True
            line_start = True
            continue
        if line_start and not ch.isspace():
            line_start = False
            if pending_paragraph:
                pending_paragraph = False
                same_style = open_at is not None and (text[open_at] == STRAIGHT) == (ch == STRAIGHT)
                if (ch in OPENING or ch == STRAIGHT) and same_style:
                    continue  # the quotation goes on in this paragraph
                open_at = None
        if ch not in QUOTE_MARKS:
            continue
        if ch in OPENING or (ch == STRAIGHT and open_at is None and _opens(text, k)):
            if open_at is None:
                open_at = k
        elif open_at is not None:
            quotes.append(Quote(open_at, k + 1))
            open_at = None
    return quotes


def _paragraph_break(text: str, start: int, end: int) -> int:
    """Where the next paragraph of a quotation begins in ``text[start:end]``: a line break, or an
    opening double quote mark after the end of a sentence (the paragraphs of a story whose line
    breaks were lost: "... in the region. “Any attempt ..."); -1 when none."""
    for k in range(start, end):
        ch = text[k]
        if ch == "\n":
            return k
        if ch in OPENING and k >= 2 and text[k - 1] == " " and text[k - 2] in ".!?":
            return k
    return -1


def _paragraphs(text: str, q: Quote) -> list[tuple[int, int]]:
    """The words of a quotation, one (start, end) per paragraph it runs over (each paragraph of a
    long quotation opens with its own quote mark and the last one closes it)."""
    out: list[tuple[int, int]] = []
    start = q.start + 1
    inner_end = q.end - 1
    while start < inner_end:
        stop = _paragraph_break(text, start, inner_end)
        end = inner_end if stop < 0 else stop
        s, e = start, end
        while s < e and (text[s].isspace() or (s > q.start + 1 and (text[s] in OPENING or text[s] == STRAIGHT))):
            s += 1  # the space and the mark that open a paragraph
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        if stop < 0:
            break
        start = stop + 1  # past the line break or the new paragraph's mark
    return out or [(q.start + 1, q.end - 1)]


def _opens(text: str, k: int) -> bool:
    """A straight double quote opens when nothing but space or an opening bracket precedes it."""
    return k == 0 or text[k - 1].isspace() or text[k - 1] in "([{—–-/"


# --------------------------------------------------------------------------- drafts


@dataclass
class Draft:
    """A claim before its speaker is resolved (token indices, inclusive)."""

    first: int
    last: int
    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_head: int | None
    cue_modality: str | None = None
    entity: str | None = None
    author_pending: bool = False
    order: int = field(default=0)


def _np_span(a: Annotation, h: int) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``h``, without appositions or relative clauses."""
    tokens = a.tokens
    first = last = h
    head = tokens[h]
    for c in a._children[h]:
        dep = tokens[c].dep
        if c < h and dep not in ("punct", "cc", "appos", "relcl", "acl"):
            first = min(first, _left_edge(a, c))
        elif c > h and (
            dep in _NP_RIGHT
            or dep == "case"
            or (dep == "prep" and head.pos == "NOUN" and tokens[c].text.lower() in _NP_PREPS)
        ):
            last = max(last, _right_edge(a, c))
    return first, last


def _left_edge(a: Annotation, i: int) -> int:
    best = i
    stack = [i]
    while stack:
        k = stack.pop()
        best = min(best, k)
        stack.extend(a._children[k])
    return best


def _right_edge(a: Annotation, i: int) -> int:
    best = i
    stack = [i]
    while stack:
        k = stack.pop()
        best = max(best, k)
        stack.extend(a._children[k])
    return best


class _Finder:
    """Finds the drafts of one annotated document."""

    def __init__(self, a: Annotation, lex: CueLexicon) -> None:
        self.a = a
        self.lex = lex
        self.tokens = a.tokens
        self.starts = a._token_starts
        self.used_cues: set[int] = set()
        self.drafts: list[Draft] = []
        text = a.text
        self.paragraph_starts = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]
        self.prep_lemmas = frozenset(v for v, _p in lex.prep_verbs)
        self.name_tokens = {
            k for s in a.spans if s.label in ("PERSON", "ORG") for k in range(s.token_start, s.token_end)
        }
        """Tokens inside a person's or organisation's name."""

    # ---- helpers
    def tok(self, offset: int) -> int:
        """Index of the token holding ``offset`` (or the next one)."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return max(k, 0)

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def cue_of(self, t: Token) -> tuple[bool, str | None, int]:
        """Whether ``t`` is a cue verb, the modality it gives, and the index of its last token."""
        if t.pos not in ("VERB", "AUX") and not t.tag.startswith("VB"):
            return False, None, t.i
        lemma = t.lemma.lower()
        for c in self.a._children[t.i]:
            ct = self.tokens[c]
            if ct.dep == "prt" and (lemma, ct.text.lower()) in self.lex.phrasal:
                return True, self.lex.phrasal[(lemma, ct.text.lower())], max(c, t.i)
        if lemma in self.lex.verbs:
            return True, self.lex.verbs[lemma], t.i
        return False, None, t.i

    def subject_of(self, v: int, lo: int, hi: int) -> int | None:
        """The subject of cue verb ``v`` inside tokens ``[lo, hi]``, or the inverted one after it."""
        tokens = self.tokens
        parsed = self._subject(tokens[v])
        if parsed is not None and lo <= parsed <= hi:
            return parsed
        # "he also hinted at relaxing the ban on ... foreign fighters, saying: “...”": the parse's
        # subject, however far back in the sentence, when no quotation lies between
        if (
            parsed is not None
            and parsed < lo
            and tokens[parsed].sent == tokens[v].sent
            and not any(tokens[k].text in QUOTE_MARKS for k in range(parsed, v))
        ):
            return parsed
        for c in self.a._children[v]:
            if tokens[c].dep in _SUBJECTS and lo <= c <= hi and tokens[c].pos in _SPEAKER_POS:
                return c
            if tokens[c].dep == "agent":
                for g in self.a._children[c]:
                    if tokens[g].dep == "pobj" and lo <= g <= hi:
                        return g
        # parse-free fallback: the noun just before the verb ("X said"), else just after ("said X")
        for k in range(v - 1, lo - 1, -1):
            if tokens[k].pos in _SPEAKER_POS:
                return k
            if tokens[k].pos not in ("ADV", "AUX", "PART", "SPACE"):
                break
        if any(tokens[k].pos in _SPEAKER_POS for k in range(lo, v)):
            return None
        for k in range(v + 1, hi + 1):
            if tokens[k].pos in _SPEAKER_POS:
                return self._np_head(k, hi)
            if tokens[k].pos not in ("ADV", "PART", "PUNCT", "DET", "ADJ", "SPACE") and tokens[k].tag != "VBN":
                break  # "tweeted retired US army general Jack Keane": a participle can modify
        return None

    def _np_head(self, k: int, hi: int) -> int:
        """The last token of the compound that starts at ``k`` (``Naji Zaheer``, ``US army general
        Jack Keane``)."""
        tokens = self.tokens
        while k + 1 <= hi and tokens[k + 1].pos == "PROPN" and tokens[k].pos in ("PROPN", "NOUN"):
            k += 1
        while k + 1 <= hi and tokens[k].pos in ("PROPN", "NOUN") and tokens[k].dep == "compound" and tokens[k].head > k:
            k += 1
        return k

    # ---- pass 1: quotations
    def quotations(self) -> None:
        quotes = find_quotes(self.a.text)
        if not quotes or not self.tokens:
            return
        n = len(quotes)
        after: list[tuple[int, int, int | None, str | None, int] | None] = []
        before: list[tuple[int, int, int | None, str | None] | None] = []
        standalone: list[bool] = []
        for q in quotes:
            standalone.append(self._standalone(q))
            after.append(self._cue_after(q))
            before.append(self._cue_before(q))
        k = 0
        while k < n:
            q = quotes[k]
            if not (standalone[k] or self._cued_inside(q, after[k])):
                k += 1
                continue
            group = [k]
            cue: tuple[int, int] | None = None
            subj: int | None = None
            mod: str | None = None
            bylined = False
            if after[k] is not None and not self._prefer_before(q, after[k], before[k]):
                v, v_last, subj, mod, _window_end = after[k]  # type: ignore[misc]
                cue = (v, v_last) if v >= 0 else None
                bylined = v < 0
            elif before[k] is not None:
                v, v_last, subj, mod = before[k]  # type: ignore[misc]
                cue = (v, v_last)
            # the quotation goes on: after its own cue (“...,” he said, “...”), or without a cue
            # of its own in the same paragraph (“...,” she said. “...”)
            j = k + 1
            para = self.paragraph(q.start)
            speaker_span = _np_span(self.a, subj) if subj is not None else None
            while (
                j < n
                and self.paragraph(quotes[j].start) == para
                and standalone[j]
                and self.sentences_between(quotes[group[-1]].end, quotes[j].start) <= 1
                and not self.new_speaker_between(quotes[group[-1]].end, quotes[j].start, speaker_span)
            ):
                lead = before[j]
                if lead is not None and not (cue is not None and lead[0] == cue[0]):
                    break
                if after[j] is not None or self.name_after(quotes[j].end - 1) is not None:
                    break  # its own cue, or a name after it: someone else's words
                group.append(j)
                j += 1
            last_q = quotes[group[-1]]
            first_tok = self.tok(q.start + 1)
            last_tok = self.tok(last_q.end - 2)
            if cue is None and not bylined and last_tok - first_tok + 1 < _MIN_QUOTE_TOKENS:
                k = j
                continue
            if cue is not None:
                self.used_cues.update(range(cue[0], cue[1] + 1))
            speaker = _np_span(self.a, subj) if subj is not None else None
            # a quotation broken by its cue (“...,” he said, “...”) is two claims of one speaker:
            # the claimed words only, never the attribution between them
            # and a quotation over several paragraphs is a claim per paragraph, as it is written
            for start, end in (piece for g in group for piece in _paragraphs(self.a.text, quotes[g])):
                self.drafts.append(
                    Draft(
                        first=self.tok(start),
                        last=self.tok(end - 1),
                        start=start,
                        end=end,
                        kind="direct",
                        cue=cue,
                        speaker=speaker,
                        speaker_head=subj,
                        cue_modality=mod,
                    )
                )
            k = j

    def _prefer_before(
        self,
        q: Quote,
        after: tuple[int, int, int | None, str | None, int] | None,
        before: tuple[int, int, int | None, str | None] | None,
    ) -> bool:
        """Whether the cue before a quotation is its own rather than the one after it: ``X said:
        “...”`` (a colon hands the quotation to its cue), or a cue after it that has content of its
        own (``“...” Ben Keith, a barrister, said Robinson faced ...``)."""
        if before is None or after is None or after[0] < 0:
            return False
        tokens = self.tokens
        open_tok = self.tok(q.start)
        k = open_tok - 1
        while k >= 0 and tokens[k].text.strip() == "":
            k -= 1
        if k >= 0 and tokens[k].text == ":":
            return True
        v = after[0]
        return any(tokens[c].dep == "ccomp" and c > v for c in self.a._children[v])

    def _cued_inside(self, q: Quote, after: tuple[int, int, int | None, str | None, int] | None) -> bool:
        """A quotation inside a sentence, whose cue right after it reports only the quotation
        (not ``proposals are “fraught with danger”, a report has highlighted``, where the cue
        reports the whole clause)."""
        if after is None or after[0] < 0:
            return False
        tokens = self.tokens
        for c in self.a._children[after[0]]:
            if tokens[c].dep == "ccomp" and tokens[_left_edge(self.a, c)].start < q.start:
                return False
        return tokens[after[0]].head == after[0] or tokens[tokens[after[0]].head].start > q.start

    def _standalone(self, q: Quote) -> bool:
        """Only a cue clause (or nothing) stands before the quotation in its sentence."""
        open_tok = self.tok(q.start)
        tokens = self.tokens
        if tokens[open_tok].start != q.start:
            return False
        sent = self.a.sentences[tokens[open_tok].sent]
        k = open_tok - 1
        if k < sent.token_start or "\n" in self.a.text[tokens[k].end : q.start] or tokens[k].text.strip() == "":
            return True
        prev = tokens[k]
        if prev.text in (":", ",", "—", "–", "-") or prev.text in QUOTE_MARKS:
            return True
        if prev.text in (".", "!", "?") and self._ends_sentence(prev):
            return True
        return self.cue_of(prev)[0]

    def name_after(self, end: int) -> tuple[int, int] | None:
        """The tokens of a name right after a quotation whose words end at ``end`` in a comma
        (“...,” Name, ...): the speaker of a quotation written without its verb."""
        text = self.a.text
        tokens = self.tokens
        if text[end - 1 : end] != "," or end >= len(text) or text[end] not in CLOSING | {STRAIGHT}:
            return None
        lo = bisect.bisect_left(self.starts, end + 1)
        if lo >= len(tokens) or "\n" in text[end : tokens[lo].start] or tokens[lo].pos != "PROPN":
            return None
        return lo, self._np_head(lo, min(lo + 5, len(tokens) - 1))

    def sentences_between(self, start: int, end: int) -> int:
        """How many sentences end between two offsets (a cue clause ends one: “...,” she said.)."""
        tokens = self.tokens
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return sum(
            1
            for k in range(lo, min(hi, len(tokens)))
            if tokens[k].text in (".", "!", "?") and self._ends_sentence(tokens[k])
        )

    def new_speaker_between(self, start: int, end: int, speaker: tuple[int, int] | None) -> bool:
        """Whether a sentence between two offsets has someone else as its main subject (“...,”
        said X. Y, an opposition leader, agreed. “...”: the second quotation is not X's)."""
        tokens = self.tokens
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        for k in range(lo, min(hi, len(tokens))):
            t = tokens[k]
            if t.dep not in _SUBJECTS or t.pos not in ("PROPN", "NOUN") or tokens[t.head].dep != "ROOT":
                continue
            if speaker is not None and speaker[0] <= k <= speaker[1]:
                continue
            return True
        return False

    def _interrupted(self, q1: Quote, q2: Quote) -> bool:
        """Only a short cue clause stands between two quotations."""
        between = self.a.text[q1.end : q2.start]
        return "\n" not in between and len(between) <= 80

    def _cue_after(self, q: Quote) -> tuple[int, int, int | None, str | None, int] | None:
        """``“...,” the report detailed`` / ``“...,” said X, the spokesman`` / ``“...” ― X``:
        the cue verb, its last token, its subject and the modality it gives."""
        tokens = self.tokens
        text = self.a.text
        lo = bisect.bisect_left(self.starts, q.end)
        if lo >= len(tokens) or "\n" in text[q.end : tokens[lo].start]:
            return None
        if text[q.end : q.end + 2].strip()[:1] in _DASHES:
            # "“...” ― Name": a byline under a quotation
            for j in range(lo, min(lo + 3, len(tokens))):
                if tokens[j].pos == "PROPN":
                    return -1, -1, self._np_head(j, min(j + 4, len(tokens) - 1)), None, j
            return None
        hi = min(len(tokens) - 1, lo + _AFTER_WINDOW)
        for j in range(lo, hi + 1):
            t = tokens[j]
            if "\n" in t.text or (j > lo and "\n" in text[tokens[j - 1].end : t.start]):
                hi = j - 1
                break
            if (
                (t.text in (".", "!", "?") and self._ends_sentence(t))
                or t.text == ";"
                or (t.text in QUOTE_MARKS and j > lo)
            ):
                hi = j - 1
                break
        if hi < lo:
            return None
        inner = text[q.start + 1 : q.end - 1].rstrip()
        first = tokens[lo]
        ends_sentence = inner[-1:] == "." and first.text != "," and not first.text[:1].islower()
        if ends_sentence:
            return None
        for j in range(lo, hi + 1):
            is_cue, mod, v_last = self.cue_of(tokens[j])
            if is_cue and not (tokens[j].dep == "acl" and tokens[j].tag == "VBN"):
                # (not "“...”, a phrase repeated to applause": a participle of what is said)
                return j, v_last, self.subject_of(j, lo, hi), mod, hi
            if tokens[j].text == ":" or tokens[j].lemma.lower() in ("but", "because", "while", "whereas", "and", "or"):
                return None
        return None

    def _ends_sentence(self, t: Token) -> bool:
        """A full stop that ends a sentence (not the one in ``(D-Wis.)`` or ``Sen.``)."""
        rest = self.a.text[t.end : t.end + 3].lstrip(" ")
        return not rest or not (rest[0].islower() or rest[0] in "),;")

    def _cue_before(self, q: Quote) -> tuple[int, int, int | None, str | None] | None:
        """``X said: “...”`` / ``X said, “...”``, also from the paragraph before, ending in a colon."""
        tokens = self.tokens
        open_tok = self.tok(q.start)
        hi = open_tok - 1
        if hi < 0:
            return None
        while hi >= 0 and tokens[hi].text.strip() == "":
            hi -= 1
        if hi < 0:
            return None
        gap = self.a.text[tokens[hi].end : q.start]
        if "\n" in gap and tokens[hi].text != ":":
            return None
        if tokens[hi].text in (":", ","):
            hi -= 1
        elif not self.cue_of(tokens[hi])[0] and tokens[hi].pos != "ADV":
            return None
        sent = self.a.sentences[tokens[hi].sent] if hi >= 0 else None
        if sent is None:
            return None
        lo = max(sent.token_start, hi - _WINDOW)
        for j in range(hi, lo - 1, -1):
            if tokens[j].text in QUOTE_MARKS:
                lo = j + 1
                break
        for j in range(hi, lo - 1, -1):
            is_cue, mod, v_last = self.cue_of(tokens[j])
            if is_cue:
                return j, v_last, self.subject_of(j, lo, hi), mod
        if tokens[hi + 1].text == ":":
            # "X is rolling out a new message: “...”": a cue noun, its clause's subject speaks
            for j in range(hi, lo - 1, -1):
                t = tokens[j]
                if t.pos == "NOUN" and t.lemma.lower() in self.lex.nouns and t.head != t.i:
                    return j, j, self._subject(tokens[t.head]), self.lex.nouns[t.lemma.lower()]
        return None

    # ---- pass 2: reported speech over the parse
    def reported(self) -> None:
        a = self.a
        tokens = self.tokens
        for t in tokens:
            if t.i in self.used_cues:
                continue
            low = t.text.lower()
            if low in self.lex.adjectives and t.tag in ("JJ", "VBN", "VBD"):
                self._adjective_cue(t)
            elif t.pos == "VERB" or t.tag.startswith("VB"):
                self._verb_cue(t)
            elif t.pos == "NOUN" and t.lemma.lower() in self.lex.nouns:
                self._noun_cue(t)
            if t.i + 1 < len(tokens) and (low, tokens[t.i + 1].text.lower()) in self.lex.according:
                self._according(t, tokens[t.i + 1])
        del a

    def _adjective_cue(self, t: Token) -> None:
        """ "European diplomats remain sceptical that X will ...", "Convinced that Isis has been
        defeated, Trump ...": the clause after "that" is the view of the subject the adjective is
        said of (the copula's, or the main clause's when the adjective opens the sentence)."""
        tokens = self.tokens
        a = self.a
        if t.i + 2 >= len(tokens) or tokens[t.i + 1].text.lower() != "that":
            return
        if t.dep not in ("acomp", "advcl", "oprd", "amod", "ROOT", "conj", "xcomp"):
            return
        # the clause the words after "that" head, whatever the parse made of "that"
        k = t.i + 2
        for _ in range(12):
            kt = tokens[k]
            if kt.pos in ("VERB", "AUX") and kt.dep not in ("aux", "auxpass") and _left_edge(a, k) <= t.i + 2:
                break
            if kt.head == k:
                return
            k = kt.head
        else:
            return
        if k <= t.i or tokens[k].sent != t.sent:
            return
        if not any(tokens[g].dep in _SUBJECTS or tokens[g].dep == "expl" for g in a._children[k]):
            return
        keep = [j for j in range(t.i + 2, _right_edge(a, k) + 1)]
        subj = self._subject(tokens[t.head]) if t.dep in ("acomp", "oprd") else self._subject(t)
        self._add_tokens(keep, (t.i, t.i), subj, self.lex.adjectives[t.text.lower()])

    def _verb_cue(self, t: Token) -> None:
        if self._what_view(t) or self._denied_before(t):
            return
        is_cue, mod, v_last = self.cue_of(t)
        lemma = t.lemma.lower()
        if (
            not is_cue
            and lemma not in self.lex.object_verbs
            and lemma not in self.lex.infinitive_verbs
            and lemma not in self.lex.as_verbs
            and lemma not in self.prep_lemmas
        ):
            return
        if not is_cue:
            mod, v_last = self.lex.verbs.get(lemma), t.i
        a = self.a
        tokens = self.tokens
        kids = a._children[t.i]
        # the clause after the cue when the parse gives two ("In an interview with CBS aired on
        # Sunday Trump said Iraq was ...": not the clause before it)
        comps = [c for c in kids if tokens[c].dep == "ccomp" and c != t.i]
        comp = next((c for c in comps if c > t.i), comps[0] if comps else None)
        if comp is None and is_cue:
            comp = self._misread_that_clause(t)
        if comp is None and is_cue:
            comp = self._passive_clause_content(t)
        if comp is not None and lemma in self.lex.that_verbs:
            marks = [g for g in a._children[comp] if tokens[g].dep == "mark" and tokens[g].text.lower() == "that"]
            if not marks:
                return
        exclude: int | None = None
        if comp is not None and is_cue:
            head = comp
        elif (
            is_cue and t.dep in ("parataxis", "ccomp", "advcl", "conj") and t.head != t.i and self._small_cue_clause(t)
        ):
            head = t.head
            exclude = t.i
        else:
            self._object_cue(t, v_last, mod)
            return
        subj = self._subject(t)
        self._add_reported(head, exclude, (t.i, v_last), subj, mod)
        if exclude is not None:
            for c in self._continued_after_cue(head, exclude):
                self._add_reported(c, None, (t.i, v_last), subj, mod)

    def _denied_before(self, t: Token) -> bool:
        """ "..., a claim Moscow denied on Thursday", "..., which the rebels denied": a denial in a
        relative clause set off after a claim denies that claim; the denier's claim has the same
        content, negated."""
        tokens = self.tokens
        if t.dep != "relcl" or t.head == t.i or self.lex.verbs.get(t.lemma.lower()) != "negated":
            return False
        head = tokens[t.head]
        kids = self.a._children[t.i]
        which = [c for c in kids if tokens[c].text.lower() == "which" and tokens[c].dep in ("dobj", "nsubjpass")]
        if not which and head.lemma.lower() not in self.lex.nouns:
            return False
        subjects = [c for c in kids if c < t.i and tokens[c].dep == "nsubj" and tokens[c].pos in _SPEAKER_POS]
        opening = which[0] if which else _left_edge(self.a, t.head)
        if len(subjects) != 1 or opening == 0 or tokens[opening - 1].text != ",":
            return False
        comma = opening - 1
        before = [d for d in self.drafts if d.cue is not None and d.first < comma <= d.last + 1 and d.cue[1] < comma]
        if not before or tokens[before[-1].first].sent != t.sent:
            return False
        said = before[-1]
        if said.last >= comma:  # the parse hung the denial inside the claim: the claim ends at the comma
            said.last, said.end = comma - 1, tokens[comma - 1].end
        self.used_cues.add(t.i)
        self.drafts.append(
            replace(
                said,
                cue=(t.i, t.i),
                speaker=_np_span(self.a, subjects[0]),
                speaker_head=subjects[0],
                cue_modality="negated",
                entity=None,
            )
        )
        return True

    def _what_view(self, t: Token) -> bool:
        """ "from what she says is the threat of crimes", "what Ankara regards as terrorist
        havens", "what Moscow calls long-term normalisation": a free relative ("what") of a verb
        of saying or viewing names its speaker's words for a thing, which are the content (the
        phrase after "is", after "as", or the naming verb's complement)."""
        tokens = self.tokens
        kids = self.a._children[t.i]
        what = [c for c in kids if c < t.i and tokens[c].text.lower() == "what" and tokens[c].dep in ("dobj", "nsubj")]
        subjects = [c for c in kids if c < t.i and tokens[c].dep == "nsubj" and c not in what]
        if not what or len(subjects) != 1 or subjects[0] <= what[0] or tokens[subjects[0]].pos not in _SPEAKER_POS:
            return False
        lemma = t.lemma.lower()
        content: int | None = None
        if lemma in self.lex.as_verbs:
            preps = [c for c in kids if c > t.i and tokens[c].text.lower() == "as" and tokens[c].dep == "prep"]
            objects = [g for p in preps for g in self.a._children[p] if tokens[g].dep == "pobj"]
            content = objects[0] if objects else None
        elif lemma in self.lex.object_verbs and lemma not in self.lex.verbs:  # call, dub, brand, label
            named = [c for c in kids if c > t.i and tokens[c].dep in ("oprd", "dobj", "attr")]
            content = named[0] if named else None
        elif lemma in self.lex.verbs and t.i + 1 < len(tokens) and tokens[t.i + 1].lemma.lower() == "be":
            be = t.i + 1
            attrs = [c for c in self.a._children[be] if tokens[c].dep in ("attr", "acomp")]
            content = attrs[0] if attrs else None
        if content is None:
            return False
        keep = list(range(_left_edge(self.a, content), _right_edge(self.a, content) + 1))
        after = keep[-1] + 1
        if after < len(tokens) and tokens[after].text in ("”", '"') and any(tokens[k].text in ("“", '"') for k in keep):
            keep.append(after)  # the quotation the words open ("British “arm twisting”") closes with them
        self._add_tokens(keep, (t.i, t.i), subjects[0], self.lex.verbs.get(lemma), minimum=1)
        return True

    def _continued_after_cue(self, head: int, cue: int) -> list[int]:
        """The clauses coordinated after a cue set into the content that go on with the speaker's
        words: "... at more risk, she said, but they could use video links" (a pronoun subject)
        or "..., she said, but “we would like ...”" (a quotation). A clause with a subject of its
        own name is the writer's ("..., legal experts said, but Wallace made clear ...")."""
        tokens = self.tokens
        out = []
        for c in self.a._children[head]:
            if c < cue or tokens[c].dep != "conj" or tokens[c].pos not in ("VERB", "AUX"):
                continue
            subjects = [g for g in self.a._children[c] if tokens[g].dep in _SUBJECTS]
            quoted = any(
                tokens[k].text in OPENING or tokens[k].text == STRAIGHT
                for k in range(cue + 1, _left_edge(self.a, c) + 1)
            )
            pronoun = bool(subjects) and all(
                tokens[g].pos == "PRON" and tokens[g].text.lower() not in _RELATIVES for g in subjects
            )
            if quoted or pronoun:
                out.append(c)
        return out

    def _misread_that_clause(self, t: Token) -> int | None:
        """The "that" clause of a cue that the parse hung on a time or a hearer as a relative
        clause ("has admitted for the first time that Russian support means ...", "told reporters
        on Monday that ..."): a clause opened by "that" that is neither its subject nor its object,
        with a subject of its own."""
        tokens = self.tokens
        for c in self.a._children[t.i]:
            if c < t.i or tokens[c].dep not in ("prep", "npadvmod", "dobj"):
                continue
            nouns = [c, *(g for g in self.a._children[c] if tokens[g].dep == "pobj")]
            for n in nouns:
                for r in self.a._children[n]:
                    if tokens[r].dep != "relcl" or r < n:
                        continue
                    first = _left_edge(self.a, r)
                    opener = tokens[first]
                    if opener.text.lower() != "that" or opener.dep in ("nsubj", "nsubjpass", "dobj", "pobj"):
                        continue
                    if any(tokens[g].dep in _SUBJECTS and g != first for g in self.a._children[r]):
                        return r
        return None

    def _passive_clause_content(self, t: Token) -> int | None:
        """The "that" clause the parse gave to a passive verb in an adverbial clause of cue ``t``
        ("X said after the deal was announced that there would be no operation"): a thing
        announced is no speaker, so the clause is what ``t``'s subject said (the passive verb is
        not read as a cue again)."""
        tokens = self.tokens
        for c in self.a._children[t.i]:
            if c < t.i or tokens[c].dep != "advcl" or tokens[c].tag != "VBN":
                continue
            kids = self.a._children[c]
            subj = [g for g in kids if tokens[g].dep == "nsubjpass"]
            if not subj or not any(tokens[g].dep == "auxpass" for g in kids):
                continue
            if tokens[subj[0]].pos == "PRON":
                continue  # "after it was announced that ...": the impersonal passive's own clause
            for g in kids:
                marks = [m for m in self.a._children[g] if tokens[m].dep == "mark" and tokens[m].text.lower() == "that"]
                if g > c and tokens[g].dep == "ccomp" and marks:
                    self.used_cues.add(c)
                    return g
        return None

    def _object_cue(self, t: Token, v_last: int, mod: str | None) -> None:
        """``urged Pakistan to act`` (the infinitive) / ``denied the charges`` (the object)."""
        tokens = self.tokens
        lemma = t.lemma.lower()
        kids = self.a._children[t.i]
        obj = next((c for c in kids if tokens[c].dep == "dobj" and c > t.i), None)
        inf = next((c for c in kids if tokens[c].dep == "xcomp" and c > t.i), None)
        keep: list[int] = []
        if lemma in self.lex.infinitive_verbs and inf is not None:
            # "urged Pakistan to act", "threatened to send troops": a request or a threat is an
            # act (an event), not a statement whose content can be true or false
            return
        as_phrase = None
        if obj is not None:
            as_phrase = next((c for c in kids if c > obj and tokens[c].dep == "prep" and tokens[c].lemma == "as"), None)
        finite = t.tag in {"VBZ", "VBP", "VBD", "VBN"}
        relative = any(c < t.i and tokens[c].dep == "dobj" and tokens[c].text.lower() in _RELATIVES for c in kids)
        held = self._held_of(t, kids, relative) if finite else None
        if held is not None:
            keep.extend(range(held[0], held[1] + 1))
        elif (
            lemma in self.lex.as_verbs
            and obj is not None
            and as_phrase is not None
            and t.tag in {"VBZ", "VBP", "VBD", "VBN"}
        ):
            # a finite view: not "whether the US should continue to regard Pakistan as an ally"
            # "regards the YPG as a terrorist group", "sees them as a threat": what is held of whom
            keep.extend(range(_left_edge(self.a, obj), _right_edge(self.a, as_phrase) + 1))
        elif lemma in self.lex.object_verbs and obj is not None and tokens[obj].pos != "PRON":
            last = _right_edge(self.a, obj)
            for c in kids:
                if tokens[c].dep in ("oprd", "xcomp") and c > obj:
                    last = max(last, _right_edge(self.a, c))
                # "accused Prince Mohammed of ordering the killing": what the accusation holds
                accused = tokens[c].dep == "prep" and tokens[c].text.lower() in ("of", "for") and c == last + 1
                if accused and any(tokens[g].dep in ("pobj", "pcomp") for g in self.a._children[c]):
                    last = max(last, _right_edge(self.a, c))
            keep.extend(range(_left_edge(self.a, obj), last + 1))
        elif lemma in self.lex.as_verbs and obj is None and (passive := self._passive_view(t)) is not None:
            # "HTS is considered a terrorist organisation by most of the international community"
            span, agent = passive
            self._add_tokens(list(range(span[0], span[1] + 1)), (t.i, v_last), agent, mod, minimum=2)
            return
        elif obj is None and (prep := self._said_prep(t)) is not None:
            # "warned of a renewed exodus", "hinted at relaxing the ban": the preposition's object
            keep.extend(range(prep + 1, _right_edge(self.a, prep) + 1))
        else:
            return
        self._add_tokens(sorted(set(keep)), (t.i, v_last), self._subject(t), mod, minimum=2)

    def _passive_view(self, t: Token) -> tuple[tuple[int, int], int] | None:
        """What a passive verb of view holds and who holds it: "X is considered a terrorist group
        by Y", "X is regarded by Y as a threat" (the complement, and the agent, wherever the parse
        hung "by"). None without an agent: a view no one is said to hold."""
        tokens = self.tokens
        a = self.a
        kids = a._children[t.i]
        if not any(tokens[c].dep == "auxpass" for c in kids) or not any(tokens[c].dep == "nsubjpass" for c in kids):
            return None
        comp = next(
            (c for c in kids if c > t.i and (tokens[c].dep in ("oprd", "attr", "xcomp") or tokens[c].lemma == "as")),
            None,
        )
        if comp is None:
            return None
        first, last = _left_edge(a, comp), _right_edge(a, comp)
        agent = None
        for k in [*kids, *range(first, last + 1)]:
            if tokens[k].text.lower() == "by" and tokens[k].dep in ("agent", "prep"):
                objs = [g for g in a._children[k] if tokens[g].dep == "pobj"]
                if objs:
                    agent = objs[0]
                    if first < k <= last:
                        last = k - 1  # "a terrorist organisation by most of ...": the view ends at "by"
                    break
        if agent is None:
            return None
        if tokens[first].lemma == "as":
            first += 1
        return (first, last), agent

    def _held_of(self, t: Token, kids: tuple[int, ...], relative: bool) -> tuple[int, int] | None:
        """What a finite verb of view holds of someone when the parse gives no object and "as"
        phrase after it: in a relative clause whose pronoun is the object ("the YPG, which Turkey
        considers a terrorist organisation", "militias that Turkey views as terrorists", "the
        prince, whom Turkey accuses of ordering the killing"), the phrase after the verb; else a
        clause with its own subject ("Turkey considers the YPG to be affiliated with the PKK",
        "considers the group a terrorist organisation"). Token range, or None."""
        tokens = self.tokens
        lemma = t.lemma.lower()
        after = [c for c in kids if c > t.i]
        if relative and lemma in self.lex.as_verbs:
            for c in after:
                ct = tokens[c]
                if ct.dep in ("dobj", "oprd", "xcomp", "ccomp") or (ct.dep == "prep" and ct.lemma == "as"):
                    return _left_edge(self.a, c), _right_edge(self.a, c)
        if relative and lemma in self.lex.object_verbs:
            for c in after:
                if (
                    tokens[c].dep == "prep"
                    and tokens[c].text.lower() in ("of", "for")
                    and c <= t.i + 2
                    and self.a._children[c]
                ):
                    return c, _right_edge(self.a, c)
        if lemma in self.lex.as_verbs and not any(tokens[c].dep == "dobj" for c in after):
            for c in after:
                grand = self.a._children[c]
                own_subject = any(tokens[g].dep in _SUBJECTS for g in grand)
                # "the YPG to be affiliated", "them sacred": not a scene seen ("saw us sitting")
                small = tokens[c].pos in ("NOUN", "PROPN", "ADJ") or any(
                    tokens[g].dep in ("aux", "auxpass") and tokens[g].text.lower() == "to" for g in grand
                )
                if tokens[c].dep == "ccomp" and own_subject and small and _left_edge(self.a, c) == t.i + 1:
                    return _left_edge(self.a, c), _right_edge(self.a, c)
        return None

    def _said_prep(self, t: Token) -> int | None:
        """The preposition right after verb ``t`` whose object is what it says (``prep_verbs``)."""
        tokens = self.tokens
        if t.tag == "VBG":
            return None  # "Speaking of global leaders, ...": a turn of phrase, not a statement
        for c in self.a._children[t.i]:
            if c <= t.i or c > t.i + 2 or tokens[c].dep != "prep":
                continue
            said = (t.lemma.lower(), tokens[c].text.lower()) in self.lex.prep_verbs
            if said and any(tokens[g].dep in ("pobj", "pcomp") for g in self.a._children[c]):
                return c
        return None

    def _small_cue_clause(self, t: Token) -> bool:
        """``, it said,`` / ``as he said``: the cue clause holds only its subject and particles."""
        if t.dep == "advcl" and not any(
            self.tokens[c].dep == "mark" and self.tokens[c].text.lower() == "as" for c in self.a._children[t.i]
        ):
            return False
        if t.dep == "ccomp" and t.i < t.head:
            return False
        if t.dep == "conj" and not self._closing_cue_clause(t):
            return False
        if not any(self.tokens[c].dep in _SUBJECTS for c in self.a._children[t.i]):
            return False
        first = _left_edge(self.a, t.i)
        if t.i > t.head and t.dep in ("parataxis", "conj"):
            # "..., Kurdish commanders said, with perhaps several hundred members dug in": after
            # its content the cue clause is its subject and verb; what trails it is not a speaker
            return t.i - first + 1 <= _CUE_CLAUSE
        return _right_edge(self.a, t.i) - first + 1 <= _CUE_CLAUSE

    def _closing_cue_clause(self, t: Token) -> bool:
        """ "He remains on bail, his mother told BBC News.": a cue clause the parse coordinated
        with its content, set off by a comma (no "and"/"but"), that closes the sentence."""
        tokens = self.tokens
        first = _left_edge(self.a, t.i)
        if t.i < t.head or first == 0 or tokens[first - 1].text != ",":
            return False
        if any(tokens[c].dep == "cc" for c in self.a._children[t.i]):
            return False
        sent = self.a.sentences[t.sent]
        last = _right_edge(self.a, t.i)
        return all(tokens[k].pos in ("PUNCT", "SPACE") for k in range(last + 1, sent.token_end))

    def _subject(self, t: Token) -> int | None:
        tokens = self.tokens
        if (before := self._gerund_subject(t)) is not None:
            return before
        inverted = [
            c
            for c in self.a._children[t.i]
            if c > t.i
            and tokens[c].dep == "nsubj"
            and _left_edge(self.a, c) == t.i + 1
            and tokens[c].pos in _SPEAKER_POS
        ]
        if inverted:
            return inverted[0]  # "..., said Ghassan Mediah, who heads ...": the name after the verb, whatever precedes
        k = t.i
        for _ in range(4):
            if tokens[k].dep == "acl" and tokens[k].head != k and tokens[tokens[k].head].pos in _SPEAKER_POS:
                if tokens[k].tag == "VBN":
                    return None  # "a phrase repeated to applause": what is said, not who says it
                return tokens[k].head  # "a letter calling X ...": the noun the participle modifies
            for c in self.a._children[k]:
                # "the boundaries were not spelled out by the two leaders, saying ...": the agent
                if tokens[c].dep == "agent":
                    for g in self.a._children[c]:
                        if tokens[g].dep == "pobj":
                            return g
            for c in self.a._children[k]:
                ct = tokens[c]
                if ct.dep == "nsubj" and ct.pos in ("ADJ", "NUM"):
                    return c  # "Many reported that ...", "Two said ..."
                if ct.dep in _SUBJECTS and ct.pos in _SPEAKER_POS | {"DET"}:
                    if ct.dep == "nsubjpass" and ct.text.lower() == "it":
                        return None
                    if ct.text.lower() in _RELATIVES and tokens[k].dep == "relcl":
                        return tokens[k].head  # "a letter that says ...": the noun it stands for
                    if ct.pos == "DET":
                        continue
                    return self._name_before_verb(c, k)
                if ct.dep == "agent":
                    for g in self.a._children[c]:
                        if tokens[g].dep == "pobj":
                            return g
            if tokens[k].dep in ("conj", "advcl", "xcomp", "pcomp", "prep") and tokens[k].head != k:
                k = tokens[k].head
            else:
                break
        return self._misparsed_subject(t.i)

    def _gerund_subject(self, t: Token) -> int | None:
        """ "despite Syria's Kurds saying they ...", "with officials saying ...": a gerund right
        after the object of a preposition has that noun as its subject, however the parser hung
        the gerund (often on the main verb, whose subject says nothing here)."""
        tokens = self.tokens
        if t.tag != "VBG" or t.i == 0:
            return None
        n = tokens[t.i - 1]
        if n.dep != "pobj" or n.pos not in _SPEAKER_POS or n.head == n.i:
            return None
        return n.i if tokens[n.head].text.lower() in GERUND_PREPOSITIONS else None

    def _misparsed_subject(self, v: int) -> int | None:
        """The subject of a verb the parse left without one, when a name before it was read as
        something else: a name tagged as an adverb ("Shibly, however, suggests ..."), or the
        name set after an opening participle clause and read as an apposition inside it
        ("Responding to the video on Twitter, Shiraz Maher, a researcher, said: ...")."""
        tokens = self.tokens
        sent = tokens[v].sent
        for c in self.a._children[v]:
            ct = tokens[c]
            if c > v:
                break
            if ct.dep in ("advmod", "npadvmod", "dep") and c in self.name_tokens:
                return c
            opener = ct.dep in ("advcl", "csubj") and ct.tag in ("VBG", "VBN")
            if not opener or _left_edge(self.a, c) != self.a.sentences[sent].token_start:
                continue
            for k in range(c + 1, v):
                kt = tokens[k]
                named = kt.pos == "PROPN" and k in self.name_tokens
                if kt.dep in ("appos", "conj") and named and tokens[_left_edge(self.a, k) - 1].text == ",":
                    return k
        return None

    def _name_before_verb(self, c: int, v: int) -> int:
        """The subject of verb ``v`` when the parse made it an apposition of the name before it:
        in "after the resignation of the defence secretary, Jim Mattis, Trump has said ..." the
        speaker is Trump, not Mattis (a name is no apposition to another name set right before
        its verb)."""
        tokens = self.tokens
        if tokens[c].pos != "PROPN":
            return c
        for a in self.a._children[c]:
            if tokens[a].dep != "appos" or not c < a < v or tokens[a].pos != "PROPN":
                continue
            if tokens[_left_edge(self.a, a) - 1].text != ",":
                continue
            between = range(_right_edge(self.a, a) + 1, v)
            if all(tokens[k].pos in ("AUX", "ADV", "PART") for k in between):
                return a
        return c

    def _noun_cue(self, t: Token) -> None:
        tokens = self.tokens
        comp = None
        for c in self.a._children[t.i]:
            # "the claim that ...", also where the tagger read "that" as an adverb
            if tokens[c].dep not in ("acl", "ccomp") or c <= t.i:
                continue
            opener = _left_edge(self.a, c)
            if any(
                tokens[g].text.lower() == "that" and (tokens[g].dep == "mark" or g == opener)
                for g in self.a._children[c]
            ):
                comp = c
                break
        if comp is None:
            comp = self._hung_that_clause(t)
        if comp is None:
            return
        subj = None
        for c in self.a._children[t.i]:
            if tokens[c].dep == "poss" and tokens[c].pos in _SPEAKER_POS:
                subj = c
            elif tokens[c].dep == "prep" and tokens[c].text.lower() in ("by", "from"):
                subj = next((g for g in self.a._children[c] if tokens[g].dep == "pobj"), subj)
        if subj is None:
            subj = self._agent_after(t.i, _left_edge(self.a, comp))
        verb = tokens[t.head]
        voiced = verb.dep != "ROOT" or verb.lemma.lower() in self.lex.noun_verbs
        if subj is None and t.dep == "dobj" and verb.pos == "VERB" and voiced:
            subj = self._subject(verb)
        elif (
            subj is not None
            and tokens[subj].tag == "PRP$"
            and t.dep == "dobj"
            and verb.lemma.lower() in self.lex.noun_verbs
        ):
            # "Erdoğan repeated his insistence that ...": the subject who holds the insistence,
            # which the possessive only points back to
            subj = self._subject(verb) or subj
        self._add_reported(comp, None, (t.i, t.i), subj, self.lex.nouns.get(t.lemma.lower()))

    def _hung_that_clause(self, t: Token) -> int | None:
        """The "that" clause of cue noun ``t`` that the parse hung on the verb the noun is an
        argument of ("It followed reports by News Corp on Friday that the government could help
        ...", "in the wake of the announcement by Donald Trump that troops will leave"): the clause
        opens within a few words after the noun, with only its agent and a time phrase between,
        has a subject of its own, and is no other cue verb's content."""
        tokens = self.tokens
        sent_end = self.a.sentences[t.sent].token_end
        for k in range(t.i + 1, min(t.i + _NOUN_GAP + 2, sent_end)):
            kt = tokens[k]
            if kt.text.lower() == "that" and kt.pos == "SCONJ":
                h = kt.head
                if h <= k or tokens[h].pos not in ("VERB", "AUX") or tokens[h].dep == "ROOT":
                    return None
                if not any(tokens[g].dep in _SUBJECTS for g in self.a._children[h]):
                    return None
                gov = tokens[tokens[h].head]
                if self.cue_of(gov)[0] or gov.lemma.lower() in self.lex.nouns:
                    return None
                return h
            if kt.pos not in _GAP_POS:
                return None
        return None

    def _agent_after(self, noun: int, end: int) -> int | None:
        """The "by X" / "from X" after a cue noun, before its content, wherever the parse hung it."""
        tokens = self.tokens
        for k in range(noun + 1, end):
            if tokens[k].pos not in _GAP_POS:
                return None  # "a belief, coloured by a worldview, that ...": no agent of the noun
            if tokens[k].text.lower() in ("by", "from") and tokens[k].pos == "ADP":
                objs = [g for g in self.a._children[k] if tokens[g].dep == "pobj" and g < end]
                if objs:
                    return objs[0]
        return None

    def _according(self, t: Token, to: Token) -> None:
        tokens = self.tokens
        obj = next((g for g in self.a._children[to.i] if tokens[g].dep == "pobj"), None)
        if obj is None:
            obj = next((g for g in self.a._children[t.i] if tokens[g].dep == "pobj"), None)
        if obj is None:
            return
        sent = self.a.sentences[t.sent]
        phrase_end = max(_right_edge(self.a, obj), to.i)
        if t.i == sent.token_start or tokens[t.i - 1].text in QUOTE_MARKS:
            # "According to X, ...": the rest of the sentence, whatever the parse made of it
            self.used_cues.update((t.i, to.i))
            self._add_span(phrase_end + 1, sent.token_end - 1, (t.i, to.i), obj, None)
            return
        if phrase_end >= sent.token_end - 2:
            # "..., according to X.": the sentence before the phrase
            self.used_cues.update((t.i, to.i))
            self._add_span(sent.token_start, t.i - 1, (t.i, to.i), obj, None)
            return
        if t.head == t.i:
            return
        self.used_cues.update((t.i, to.i))
        self._add_reported(t.head, t.i, (t.i, to.i), obj, None)

    def _add_span(self, first: int, last: int, cue: tuple[int, int], subj: int | None, mod: str | None) -> None:
        self._add_tokens(list(range(first, last + 1)), cue, subj, mod)

    def _add_reported(
        self, head: int, exclude: int | None, cue: tuple[int, int], subj: int | None, mod: str | None
    ) -> None:
        a = self.a
        tokens = self.tokens
        skip = {exclude} if exclude is not None else set()
        if exclude is not None:
            # "there is nothing to stop her, legal experts said, but Wallace made clear ...": the
            # clause coordinated after a cue set into the content is the writer's, not the claim
            skip.update(c for c in a._children[head] if c > exclude and tokens[c].dep in ("conj", "cc"))
        keep: list[int] = []
        stack = [head]
        while stack:
            k = stack.pop()
            if k in skip:
                continue
            keep.append(k)
            stack.extend(a._children[k])
        keep.sort()
        if exclude is not None:
            # and the content ends where the cue clause begins when nothing of it follows the cue
            cue_first = _left_edge(a, exclude)
            after = [k for k in keep if k > _right_edge(a, exclude) and tokens[k].pos not in ("PUNCT", "SPACE")]
            if not after:
                keep = [k for k in keep if k < cue_first]
        self._add_tokens(keep, cue, subj, mod)

    def _add_tokens(
        self, keep: list[int], cue: tuple[int, int], subj: int | None, mod: str | None, minimum: int = 3
    ) -> None:
        a = self.a
        tokens = self.tokens
        while keep and (
            tokens[keep[0]].pos in ("PUNCT", "SPACE")
            or (tokens[keep[0]].dep == "mark" and tokens[keep[0]].text.lower() in ("that", "as"))
            or (tokens[keep[0]].dep == "advmod" and tokens[keep[0]].text.lower() == "that" and len(keep) > 1)
        ):
            if tokens[keep[0]].text in OPENING or tokens[keep[0]].text == STRAIGHT:
                break
            keep.pop(0)
        while keep and tokens[keep[-1]].pos in ("PUNCT", "SPACE") and tokens[keep[-1]].text not in QUOTE_MARKS | {"?"}:
            keep.pop()
        if len(keep) < minimum:
            return
        first, last = keep[0], keep[-1]
        if cue[0] <= first <= cue[1] or cue[0] <= last <= cue[1]:
            return
        start, end = tokens[first].start, tokens[last].end
        inner = a.text[start:end]
        has_quote = any(_is_quotation(q, inner) for q in find_quotes(inner))
        self.used_cues.update(range(cue[0], cue[1] + 1))
        self.drafts.append(
            Draft(
                first=first,
                last=last,
                start=start,
                end=end,
                kind="mixed" if has_quote else "indirect",
                cue=cue,
                speaker=_np_span(a, subj) if subj is not None else None,
                speaker_head=subj,
                cue_modality=mod,
            )
        )


def _is_quotation(q: Quote, text: str) -> bool:
    """Quoted words rather than a quoted name or title (``“Al Aqsa Flood Conference”``)."""
    words = [w for w in text[q.start + 1 : q.end - 1].split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and not all(w[0].isupper() for w in words)


# --------------------------------------------------------------------------- speakers


FIRST_PERSON = frozenset({"i", "me", "we", "us"})


class _Resolver:
    """Resolves the drafts' speakers to entities, in one pass in text order."""

    def __init__(self, a: Annotation, x: Extraction, lex: CueLexicon) -> None:
        self.a = a
        self.lex = lex
        self.kind = {e.id: e.kind for e in x.entities}
        self.mention_at: dict[int, tuple[str, str]] = {}
        """token index -> (entity id, mention type) for tokens inside a linked mention."""
        self.references = MentionIndex.build(a, x)
        """What the pronouns stand for: the one resolver of claims, events and relations."""
        starts = a._token_starts
        self.subject_mentions: list[tuple[int, str, str]] = []
        self.roles: dict[int, set[str]] = {}
        """mention head -> role words written with a person's name (title or apposition)."""
        for m in x.mentions:
            if m.entity is None:
                continue
            first = bisect.bisect_left(starts, m.start)
            last = bisect.bisect_left(starts, m.end)
            for k in range(first, last):
                self.mention_at[k] = (m.entity, m.type)
            if last > first:
                head = self._mention_head(first, last)
                self.subject_mentions.append((head, m.entity, m.type))
                if self.is_person(m.entity, m.type):
                    self.roles[head] = self._role_words(first, head)
        self.by_head: dict[str, str] = {}
        self.last_thing: str | None = None
        self.last_thing_sent = -1
        """The sentence where ``last_thing`` was last seen as a subject or a speaker."""
        self._quotes: list[tuple[int, int]] | None = None
        """The quotations of the text, found when first needed."""
        self.holders = role_holders(a, x.mentions, lex.role_nouns, self.references.lede_referent)
        """Role word -> the persons written with it -> what qualifies the role there."""
        self.resolved: list[Draft] = []
        self.by_speaker: dict[int, str | None] = {}
        """Speaker head token -> the entity it was resolved to (None: left unresolved)."""
        """The claims resolved so far (text order): who spoke just before."""
        self.seen: list[tuple[int, str]] = []
        """(sentence, entity) of every mention read so far, in text order."""

    def _role_words(self, first: int, head: int) -> set[str]:
        """Role words of a person's mention, read where :func:`~newsgraph.extract.references.role_context`
        looks ("Mayor Bill de Blasio", "Tim Cook, the chief executive", "Apple's chief executive, Tim Cook")."""
        tokens = self.a.tokens
        words = {tokens[k].lemma.lower() for k in role_context(self.a, first, head) if not past_role(self.a, k)}
        return words & self.lex.role_nouns

    def _mention_head(self, first: int, last: int) -> int:
        tokens = self.a.tokens
        for k in range(first, last):
            if not (first <= tokens[k].head < last) or tokens[k].head == k:
                return k
        return last - 1

    def is_person(self, entity: str, mtype: str | None = None) -> bool:
        return self.kind.get(entity) == "person" or mtype == "PERSON"

    def run(self, drafts: list[Draft]) -> None:
        tokens = self.a.tokens
        events: list[tuple[int, int, int]] = []  # (token, 0 mention / 1 draft, index)
        for n, (head, _e, _t) in enumerate(self.subject_mentions):
            events.append((head, 0, n))
        for n, d in enumerate(drafts):
            pos = d.speaker_head if d.speaker_head is not None else (d.cue[0] if d.cue else d.first)
            events.append((pos, 1, n))
        events.sort()
        for _pos, what, n in events:
            if what == 0:
                head, entity, mtype = self.subject_mentions[n]
                self._see_mention(tokens[head], entity, mtype)
                for role in self.roles.get(head, ()):
                    self.by_head[role] = entity
            else:
                self._resolve(drafts[n])
        # a document named before its author ("a report has highlighted ... according to a
        # report in MEMRI"): the author of the next document of the same kind
        later: dict[str, str] = {}
        for d in sorted(drafts, key=lambda d: -(d.speaker_head or 0)):
            if d.speaker_head is None:
                continue
            lemma = tokens[d.speaker_head].lemma.lower()
            if d.author_pending and d.entity is None and lemma in later:
                d.entity = later[lemma]
            elif d.entity is not None and lemma in self.lex.document_nouns:
                later[lemma] = d.entity

    def _see_mention(self, head: Token, entity: str, mtype: str) -> None:
        self.seen.append((head.sent, entity))
        if mtype in ("ORG", "NORP", "OTHER") or self.kind.get(entity) in _AUTHOR_KINDS - {"person", "state"}:
            for word in self._name_words(entity, head):
                self.by_head.setdefault(word, entity)
                self.by_head[word] = entity
        if head.dep in _SUBJECTS and mtype == "ORG" and not self.is_person(entity, mtype):
            self.last_thing = entity
            self.last_thing_sent = head.sent

    def _name_words(self, entity: str, head: Token) -> list[str]:
        words = [head.text.lower(), head.lemma.lower()]
        return [w for w in words if w in self.lex.organisation_nouns]

    def _resolve(self, d: Draft) -> None:
        h = d.speaker_head
        if h is None:
            return
        if h in self.by_speaker:
            # one speaker phrase, one referent: the parts of a quotation broken by "he said" and
            # the quotations that go on after it are the same person's, resolved or not
            d.entity = self.by_speaker[h]
            self.resolved.append(d)
            return
        self._resolve_new(d)
        self.by_speaker[h] = d.entity

    def _resolve_new(self, d: Draft) -> None:
        h = d.speaker_head
        assert h is not None
        a = self.a
        tokens = a.tokens
        t = tokens[h]
        low = t.text.lower()
        lemma = t.lemma.lower()
        entity: str | None = None
        person = False
        if (lede := self.references.lede_referent.get(h)) is not None:
            entity, person = lede, True  # "The lawyer for X has called ... Hassan Shibly, an attorney"
        elif h in self.mention_at and self._demonym(h):
            entity, person = None, True  # "A second Briton ... said": someone, not Britain
        elif h in self.mention_at:
            entity, mtype = self.mention_at[h]
            person = self.is_person(entity, mtype)
        elif t.pos == "PRON" and low in self.lex.person_pronouns:
            # "he said", "she added": the speaker of the claim just before when the pronoun agrees
            # with it, else the one resolver's referent (gender agreement, none for an ambiguous
            # "they")
            entity, person = self._continued_speaker(d, low), True
        elif t.pos == "NOUN" and lemma in self.lex.role_nouns and t.tag == "NNS":
            entity = None  # "commanders of the operation": several, not the one commander named
        elif t.pos == "NOUN" and lemma in self.lex.role_nouns:
            entity = self._role_holder(d, h, lemma)
            person = entity is not None and self.kind.get(entity) == "person"
        elif t.pos == "NOUN" and (apposed := self._apposed(h)) is not None:
            # "His parents, John Letts and Sally Lane, deny ...", "Another ally, Benjamin
            # Netanyahu, said ...": the name the description stands with
            entity = apposed
            person = self.is_person(entity)
        elif t.pos == "PRON" and low in self.lex.thing_pronouns:
            entity = self.last_thing
        elif lemma in self.lex.document_nouns:
            entity = self._author(h)
            if entity is None:
                entity = self.by_head.get(lemma)
                d.author_pending = entity is None
            else:
                self.by_head[lemma] = entity
        elif t.pos == "NOUN":
            entity = self.by_head.get(lemma)
            if entity is not None:
                person = self.is_person(entity)
        if entity is None and d.speaker is not None and t.pos != "PRON" and lemma not in self.lex.role_nouns:
            entity, person = self._named_inside(d.speaker, h)
        if entity is None and t.pos == "NOUN" and lemma in self.lex.kind_nouns and t.tag in ("NN", "NNP"):
            # "In a scathing editorial, the New York Times ... “...” the paper said": the latest
            # entity of the kind the description names, in this sentence or the two before
            # (counted from the quotation's start when it comes before its cue)
            entity = self._latest_of(self.lex.kind_nouns[lemma], tokens[min(d.first, h)].sent)
        d.entity = entity
        self.resolved.append(d)
        if entity is None:
            return
        if not person:
            self.last_thing = entity
            self.last_thing_sent = t.sent
        for c in a._children[h]:
            if tokens[c].dep == "appos" and tokens[c].pos == "NOUN":
                self.by_head[tokens[c].lemma.lower()] = entity
        if t.pos == "NOUN":
            self.by_head[lemma] = entity

    def _continued_speaker(self, d: Draft, pronoun: str) -> str | None:
        """The person "he" or "she" at a cue stands for. The speaker of the claim just before
        (in the same sentence or the one before) when it is a person the pronoun agrees with
        ("Ben Keith, a barrister, said ... He added: “...”"), not one named in a relative clause
        ("criticised Macron, who has said ... “...,” he said"); else the one resolver's
        referent."""
        h = d.speaker_head
        assert h is not None
        tokens = self.a.tokens
        # the claim before, not one reported inside this quotation ("“What does it say ...?” she said")
        prev = next((p for p in reversed(self.resolved) if not (d.start <= p.start and p.end <= d.end)), None)
        main_clause = prev is not None and (prev.cue is None or tokens[prev.cue[0]].dep != "relcl")
        if prev is not None and prev is not d and prev.speaker_head is not None and main_clause:
            # (counted from the quotation's start when it comes before its cue)
            gap = tokens[min(d.first, h)].sent - tokens[prev.last].sent
            if 0 <= gap <= 1 and prev.entity is not None and self.kind.get(prev.entity) == "person":
                if agrees(pronoun, self.references.genders.get(prev.entity)) and not self._new_subject_between(
                    prev, d, pronoun
                ):
                    return prev.entity
            elif 0 <= gap <= 1 and prev.entity is None and tokens[prev.speaker_head].pos == "PROPN":
                return None  # "Abu Mukhtar, a resident, said ... “...,” he said": a name we could not link
        found = self.references.pronoun_entities.get(h, ())
        return found[0] if len(found) == 1 else None

    def _new_subject_between(self, prev: Draft, d: Draft, pronoun: str) -> bool:
        """Whether another person the pronoun agrees with is the subject of a clause between the
        claim before and the pronoun ("Putin said ... De Mistura will have to set out how he
        thinks ...": De Mistura, not Putin). A name inside the quotation the pronoun attributes
        is someone the speaker talks about, not the speaker."""
        tokens = self.a.tokens
        h = d.speaker_head
        assert h is not None
        after = max(prev.last, *(prev.cue or ()), *(prev.speaker or ()))
        for head, entity, mtype in self.subject_mentions:
            # a name the parse made the root of its sentence is its misread subject ("Joe Biden a
            # potential candidate urged Europe ...")
            if not after < head < h or entity == prev.entity or tokens[head].dep not in _SUBJECTS | {"ROOT"}:
                continue
            if d.kind == "direct" and d.first <= head <= d.last:
                continue
            person = self.kind.get(entity) == "person" and mtype == "PERSON"
            if person and agrees(pronoun, self.references.genders.get(entity)):
                return True
        return False

    def _apposed(self, h: int) -> str | None:
        """The entity named in apposition to a description (not a place: "the town, Manbij")."""
        tokens = self.a.tokens
        for c in self.a._children[h]:
            if tokens[c].dep != "appos" or c < h:
                continue
            hit = self._mention_in(_left_edge(self.a, c), _right_edge(self.a, c))
            if hit is not None and self.kind.get(hit) not in ("place", None):
                return hit
        return None

    def _demonym(self, h: int) -> bool:
        """ "a Briton", "an Iraqi": a person of a nation, not the nation (a demonym with an article)."""
        tokens = self.a.tokens
        return (
            h in self.mention_at
            and self.mention_at[h][1] == "NORP"
            and any(tokens[c].dep == "det" for c in self.a._children[h])
        )

    def _latest_of(self, kinds: frozenset[str], sent: int) -> str | None:
        for s, entity in reversed(self.seen):
            if sent - s > _KIND_WINDOW:
                break
            if self.kind.get(entity) in kinds:
                return entity
        return None

    def _mention_in(self, first: int, last: int) -> str | None:
        """The entity of the first linked mention in tokens ``[first, last]``."""
        for k in range(first, last + 1):
            if k in self.mention_at:
                return self.mention_at[k][0]
        return None

    def _qualifiers(self, h: int) -> set[str]:
        """The entities that qualify a role noun ("Iraq's" president, the "Turkish" leader, a
        "Pentagon" spokesman)."""
        tokens = self.a.tokens
        out: set[str] = set()
        for c in self.a._children[h]:
            if tokens[c].dep in ROLE_MODIFIERS and c < h:
                for k in range(_left_edge(self.a, c), _right_edge(self.a, c) + 1):
                    if k in self.mention_at:
                        out.add(self.mention_at[k][0])
            elif tokens[c].dep == "prep" and tokens[c].text.lower() in ("for", "of", "at") and c > h:
                for g in self.a._children[c]:
                    if tokens[g].dep == "pobj" and g in self.mention_at:
                        out.add(self.mention_at[g][0])
        return out

    def _last_mention_before(self, entity: str, h: int) -> int:
        """The last token of ``entity``'s mentions before token ``h`` (-1: none)."""
        return max((k for k in range(max(0, h - _WINDOW), h) if self.mention_at.get(k, ("",))[0] == entity), default=-1)

    def _role_holder(self, d: Draft, h: int, role: str) -> str | None:
        """The person a role speaker names: the name in apposition or right after it ("The Turkish
        president, Recep Tayyip Erdoğan,", "the SDF commander Adnan Afrin"), else the person seen
        with that role ("Erdoğan ... the Turkish president said"), else the one person of the
        document written with it; never the place or group that only qualifies the role
        ("Turkish" in "the Turkish president")."""
        tokens = self.a.tokens
        near = [c for c in self.a._children[h] if tokens[c].dep == "appos"]
        end = d.speaker[1] + 1 if d.speaker is not None else h + 1
        near += [k for k in range(end, min(end + 2, len(tokens))) if tokens[k].text != ","][:1]
        # "The UN special envoy for Syria, Staffan de Mistura, has said": past the role's own phrase
        comma = next((k for k in range(end, min(end + 6, len(tokens))) if tokens[k].text == ","), None)
        if comma is not None:
            near.append(comma + 1)
        for k in near:  # a name in apposition to a role is a person's, whatever NER typed it
            if k in self.mention_at and self.kind.get(self.mention_at[k][0]) in ("person", "organization"):
                return self.mention_at[k][0]
        if any(tokens[c].text.lower() in _ANOTHER and tokens[c].dep in ("det", "amod") for c in self.a._children[h]):
            return None  # "another lawyer said": not the lawyer named before
        # "Iraq's president" is no one written "US president": the role's qualifiers must agree
        quals = self._qualifiers(h)
        seen = self.by_head.get(role)
        agreeing = not quals or bool(quals & self.holders.get(role, {}).get(seen or "", set()))
        if seen is not None and self.kind.get(seen) in ("person", "organization") and agreeing:
            return seen
        holder = role_holder(self.holders, role, quals)
        if holder is not None:
            return holder
        if role not in self.lex.spokes_nouns and (varied := self._subject_just_before(h)) is not None:
            return varied
        if role in self.lex.spokes_nouns:
            # "a Pentagon spokesman", "a spokesman for the ministry", or a spokesman of the
            # organisation just named as subject ("The Foreign Office ... A spokesman said")
            # the organisation nearest the role before a state ("a UK Foreign Office spokesperson")
            orgs = sorted(
                (q for q in quals if self.kind.get(q) not in ("person", "place")),
                key=lambda q: (self.kind.get(q) == "state", -self._last_mention_before(q, h)),
            )
            if orgs:
                return orgs[0]
            if not quals and self.last_thing is not None and 0 <= self.a.tokens[h].sent - self.last_thing_sent <= 1:
                return self.last_thing
        return None

    def _subject_just_before(self, h: int) -> str | None:
        """The person a definite role stands for when the text never writes anyone with that role:
        the one person named as a subject in the sentence before or earlier in its own ("Erdoğan
        ... refused to meet Bolton ... The Turkish leader said ..."); None when there are several,
        or the role is not "the" role ("a senior official", "the officials")."""
        tokens = self.a.tokens
        t = tokens[h]
        if t.tag != "NN" or not any(
            tokens[c].dep == "det" and tokens[c].lemma.lower() == "the" for c in self.a._children[h]
        ):
            return None
        if past_role(self.a, h) or self._quoted(t.start):
            return None  # "... but the president also expects ...,” Bolton said": not the speaker himself
        found = {
            entity
            for head, entity, mtype in self.subject_mentions
            if tokens[head].dep in _SUBJECTS
            and self.kind.get(entity) == "person"
            and (tokens[head].sent == t.sent - 1 or (tokens[head].sent == t.sent and head < h))
            and not any(tokens[c].dep == "conj" for c in self.a._children[head])  # "Bolton and the chairman"
        }
        if len(found) != 1:
            return None
        person = next(iter(found))
        role = t.lemma.lower()
        # the congressman is no woman; "the president" is not the man the text calls adviser
        gender = gender_of([role])
        if gender is not None and self.references.genders.get(person) not in (None, gender):
            return None
        if any(person in held for r, held in self.holders.items() if r != role):
            return None
        return person

    def _quoted(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation of the text."""
        if self._quotes is None:
            self._quotes = [(q.start, q.end) for q in find_quotes(self.a.text)]
        return any(s <= offset < e for s, e in self._quotes)

    def _author(self, h: int) -> str | None:
        """The organisation or person behind a document noun: ``a report in/by/from X``,
        ``X's report``, ``an X report``."""
        tokens = self.a.tokens
        stack = list(self.a._children[h])
        while stack:
            k = stack.pop()
            if k in self.mention_at:
                entity, mtype = self.mention_at[k]
                kind = self.kind.get(entity)
                author = mtype in _AUTHOR_TYPES or kind in _AUTHOR_KINDS
                if author and mtype not in ("GPE", "LOC", "FAC") and kind != "place":
                    return entity
            if tokens[k].dep in ("relcl", "acl", "appos", "conj"):
                continue
            stack.extend(self.a._children[k])
        return None

    def _named_inside(self, span: tuple[int, int], h: int) -> tuple[str | None, bool]:
        """A person or organisation named in the speaker's phrase as part of its head ("the US
        Senate"), never one that only owns or complements it ("Hunt's predecessor", "the
        decision of James Mattis", "Erdoğan's claim")."""
        tokens = self.a.tokens
        for k in range(span[1], span[0] - 1, -1):
            if k not in self.mention_at:
                continue
            entity, mtype = self.mention_at[k]
            if mtype not in ("PERSON", "ORG"):  # "a Syrian woman" is not Syria
                continue
            j = k
            for _ in range(8):
                if j == h or tokens[j].dep not in _HEAD_PARTS or tokens[j].head == j:
                    break
                j = tokens[j].head
            if j == h:
                return entity, self.is_person(entity, mtype)
        return None, False


# --------------------------------------------------------------------------- the stage


def agency_entity(x: Extraction) -> Entity | None:
    """The entity of the agency or outlet carrying the story (dateline agency, else source).

    An entity of the document whose name or an alias equals the agency (ignoring case) when there
    is one; otherwise a new ``media`` entity with the next free id and no mentions, for the
    extraction to add. None when the document names no agency.
    """
    doc = x.document
    agency = (doc.dateline.agency if doc.dateline else None) or doc.source
    if not agency or not agency.strip():
        return None
    key = agency.strip().casefold()
    for e in x.entities:
        if e.name.casefold() == key or any(al.casefold() == key for al in e.aliases):
            return e
    numbers = [int(e.id[1:]) for e in x.entities if e.id[1:].isdigit()]
    return Entity(id=f"e{max(numbers, default=0) + 1}", name=agency.strip(), kind="media")


def find_claims(annotation: Annotation, x: Extraction) -> tuple[Claim, ...]:
    """The document's claims: direct, indirect and mixed speech with speaker, cue and modality."""
    if not annotation.tokens:
        return ()
    lex = lexicon()
    finder = _Finder(annotation, lex)
    finder.quotations()
    finder.reported()
    drafts = _deduplicate(finder.drafts)
    _inherit_speakers(drafts, finder)
    _Resolver(annotation, x, lex).run(drafts)
    _first_person_in_quotes(drafts, annotation)
    drafts = _outside_quotes(drafts, annotation)
    agency = agency_entity(x)
    known = {e.id for e in x.entities}
    reported_by = agency.id if agency is not None and agency.id in known else None
    text = annotation.text
    tokens = annotation.tokens
    claims: list[Claim] = []
    for n, d in enumerate(sorted(drafts, key=lambda d: (d.start, -d.end)), start=1):
        speaker = None
        if d.speaker is not None:
            s, e = tokens[d.speaker[0]].start, tokens[d.speaker[1]].end
            speaker = Speaker(start=s, end=e, text=text[s:e], entity=d.entity)
        cue = None
        if d.cue is not None:
            s, e = tokens[d.cue[0]].start, tokens[d.cue[1]].end
            cue = Span(start=s, end=e, text=text[s:e])
        modality = d.cue_modality or modality_of_tokens(annotation, d.first, d.last + 1, text_end=d.end, said=True)
        claims.append(
            Claim(
                id=f"c{n}",
                start=d.start,
                end=d.end,
                text=text[d.start : d.end],
                kind=d.kind,
                speaker=speaker,
                cue=cue,
                modality=modality,
                reported_by=reported_by,
            )
        )
    return tuple(claims)


def _first_person_in_quotes(drafts: list[Draft], a: Annotation) -> None:
    """ "I" or "we" speaking inside someone's quotation is that someone ("“I told them we would
    stay,” she said": the claim "we would stay" is hers)."""
    quoted = [d for d in drafts if d.kind in ("direct", "mixed") and d.entity is not None]
    for d in drafts:
        if d.entity is not None or d.speaker_head is None:
            continue
        if a.tokens[d.speaker_head].text.lower() not in FIRST_PERSON:
            continue
        outer = [q for q in quoted if q is not d and q.start <= d.start and d.end <= q.end]
        if outer:
            d.entity = min(outer, key=lambda q: q.end - q.start).entity


_CONTINUATION_GAP = 80
"""Most characters between a claim and a cue-less quotation that continues its speaker (the end of
the sentence and a cue clause: ``..., before he fled on Saturday. “...”``)."""


def _outside_quotes(drafts: list[Draft], a: Annotation) -> list[Draft]:
    """Without the reported speech of a first-person speaker inside a quotation ("“... I think
    there are legitimate concerns ...”"): the quoted speaker hedging their own words, which the
    quotation already holds as one claim. Another speaker's words reported there ("Russia may
    think that ...") stay a claim of their own."""
    quoted = [d for d in drafts if d.kind == "direct"]
    out: list[Draft] = []
    for d in drafts:
        first_person = d.speaker_head is not None and a.tokens[d.speaker_head].text.lower() in FIRST_PERSON
        if d.kind != "direct" and first_person and any(q.start <= d.start and d.end <= q.end for q in quoted):
            continue
        out.append(d)
    return out


def _inherit_speakers(drafts: list[Draft], finder: _Finder) -> None:
    """A quotation with no cue of its own continues the speaker of the claim right before it, in
    its paragraph or the one before (a quote paragraph after ``X said:`` or ``“...,” X said.``),
    with at most the rest of that claim's sentence between them. A claim without a speaker, or a
    stretch of narrative, between them breaks the chain: the quotation stays without a speaker
    rather than going to whoever spoke last (a story whose paragraph breaks were lost is one
    paragraph)."""
    drafts.sort(key=lambda d: (d.start, -d.end))
    text = finder.a.text
    tokens = finder.a.tokens
    previous: Draft | None = None
    for d in drafts:
        named = finder.name_after(d.end) if d.kind == "direct" and d.cue is None and d.speaker is None else None
        if named is not None:
            # "“...,” Sinan Ülgen, a former Turkish diplomat.": the name after the quotation, with
            # no verb, is its speaker, not whoever spoke before
            d.speaker, d.speaker_head = named, named[1]
        if d.kind == "direct" and d.cue is None and d.speaker is None and previous is not None:
            gap = text[previous.end : d.start]
            lines_between = sum(1 for line in gap.split("\n")[1:-1] if line.strip())
            ends = [previous.last, *(previous.cue or ()), *(previous.speaker or ())]
            sentences_between = tokens[d.first].sent - max(tokens[k].sent for k in ends)
            near = len(gap.strip()) <= _CONTINUATION_GAP or sentences_between <= 1
            near = near and not finder.new_speaker_between(previous.end, d.start, previous.speaker)
            if lines_between == 0 and near and previous.speaker is not None:
                d.speaker, d.speaker_head = previous.speaker, previous.speaker_head
        if previous is None or d.end > previous.end:
            previous = d


def _deduplicate(drafts: list[Draft]) -> list[Draft]:
    """One draft per content span (the direct reading wins over a parse reading of the same),
    besides the denial of it by someone else ("..., a claim Moscow denied")."""
    seen: set[tuple[int, int, tuple[int, int] | None]] = set()
    out: list[Draft] = []
    for d in drafts:
        key = (d.start, d.end, d.speaker if d.cue_modality == "negated" else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out
