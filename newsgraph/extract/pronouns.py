"""The one reference resolver of claims, events and relations: what "he", "they", "we" ...
stand for.

:class:`MentionIndex` holds a document's mentions by token and resolves its third-person
pronouns once, in text order (:func:`resolve_pronouns`); a resolved pronoun is itself the
antecedent of the next ("Robinson ... He told the BBC ... he was arrested"). Claims read it for
their speakers ("he said"); events and relations walk the parse with
:class:`~newsgraph.extract.events.Frame`, which extends it, and take pronoun arguments from
:func:`antecedent_args`:

- "he" / "she" / "him" / "her" / "his": the last person that agrees with the pronoun (never a
  man the text calls "Mr" for "she", :mod:`~newsgraph.extract.references`) named as a subject;
  else the last agreeing person named at all; a subject named in a coordination ("Trump and
  Erdoğan met. He said") leaves it unresolved (precision first);
- "they" / "them" / "their": the last group (organisation, nationality) named as a subject in
  the same sentence or the two before, else the one group named there; after a coordination
  ("Hamas and Hezbollah met. They ...") every member;
- "it": the same for one organisation ("it" after a state is as often the decision or the
  situation); "its": for an organisation or a state;
- "we" / "us" / "our" and "I" / "me" / "my" inside a quotation: its speaker (for "we", the group
  the speaker's title names when there is one: "Gen. Votel, commander of U.S. Central Command,
  said: 'We ...'" is U.S. Central Command). Outside a quotation first-person pronouns stay
  unresolved: the writer is no actor of the story.

The argument keeps the pronoun's own span (that is what the sentence says) and carries the
antecedent's entity id. A pronoun with no antecedent gives no argument, so no event or relation
rests on a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from newsgraph.annotate.lexicon import word_list
from newsgraph.annotate.parsed import Annotation, Token
from newsgraph.extract.references import (
    GENDERED,
    HONORIFICS,
    PRONOUN_GENDER,
    ROLE_MODIFIERS,
    agrees,
    gender_of,
    past_role,
    person_genders,
    role_holder,
    role_holders,
)
from newsgraph.records import Arg, Claim, Document, Extraction, Mention

if TYPE_CHECKING:
    from newsgraph.extract.events import Frame

THIRD_PERSON = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "they": "group", "them": "group", "their": "group", "it": "org", "its": "org",
}  # fmt: skip
FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
STANCE_PREFIXES = ("anti-", "pro-")
"""Prefixes that turn a name into a stance toward it: "anti-Assad forces" are no Assad forces."""
LOOKBACK_SENTENCES = 2
"""How many sentences before the pronoun's own a group's or an organisation's antecedent may be in
(a person, the story's protagonist, is followed through the text)."""
GROUP_MENTIONS = frozenset({"ORG", "NORP"})
"""What "they" stands for: a group or a people ("they" after a place is its people, no actor)."""
THING_MENTIONS = frozenset({"ORG", "GPE"})
"""What "its" stands for ("Turkey ... its troops")."""
ORG_MENTIONS = frozenset({"ORG"})
"""What "it" stands for: an organisation ("it" for a country is as often the situation or a
decision, so a state is left unresolved)."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NEAR_SENTENCES = 1
"""A person named (as no subject) in the pronoun's sentence or this many before it is nearer than
a subject further back ("... the director, Hussein al-Qaidi, speaks in a voice ... “...,” he says")."""


_DATELINE = re.compile(r"^\s*[A-Z][\w .'-]{1,40},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([A-Za-z-]{2,20}\)")


def dateline_end(document: Document) -> int:
    """Where the wire dateline ("Washington, Jan 27 (IANS)") ends, 0 when there is none: the filing
    place is no actor and its date is the publication date, not an event's."""
    if document.dateline:
        return document.dateline.end
    m = _DATELINE.match(document.text)
    return m.end() if m else 0


def lead_sentence(annotation: Annotation, dateline: int) -> int:
    """The index of the story's first sentence after a dateline ending at offset ``dateline``."""
    start = annotation.token_at(dateline) if annotation.tokens else None
    return start.sent if start is not None else 0


GROUP_COUNTS = {"two": 2, "three": 3, "four": 4}
"""Counts that refer back to a list of persons ("the two men")."""


@dataclass(kw_only=True)
class MentionIndex:
    """A document's mentions by token, and what its pronouns stand for: what claims, events and
    relations all read (:class:`~newsgraph.extract.events.Frame` extends it)."""

    annotation: Annotation
    mentions: tuple[Mention, ...]
    mention_at: list[int]
    """Token index -> index in ``mentions`` of the mention covering it, or -1."""
    mention_first: list[int]
    """Mention index -> its first token (-1 for a mention in the dateline)."""
    mention_last: list[int]
    """Mention index -> its last token."""
    genders: dict[str, str] = field(default_factory=dict)
    """Person entity id -> "m" or "f" where the text shows it (:mod:`~newsgraph.extract.references`)."""
    entity_kind: dict[str, str] = field(default_factory=dict)
    """Entity id -> its kind (person, organization, state ...)."""
    lead: int = 0
    """The story's first sentence after any dateline (its index)."""

    @staticmethod
    def positions(annotation: Annotation, x: Extraction) -> tuple[list[int], list[int], list[int]]:
        """``mention_at``, ``mention_first`` and ``mention_last`` of the extraction's mentions."""
        mention_at = [-1] * len(annotation.tokens)
        first: list[int] = []
        last: list[int] = []
        skip = dateline_end(x.document)
        for k, m in enumerate(x.mentions):
            a = annotation.token_at(m.start)
            b = annotation.token_at(m.end - 1)
            if a is None or b is None or m.start < skip:  # the filing place is no actor
                first.append(-1)
                last.append(-1)
                continue
            first.append(a.i)
            last.append(b.i)
            for i in range(a.i, b.i + 1):
                mention_at[i] = k
        return mention_at, first, last

    @classmethod
    def build(cls, annotation: Annotation, x: Extraction) -> MentionIndex:
        at, first, last = cls.positions(annotation, x)
        return cls(
            annotation=annotation,
            mentions=x.mentions,
            mention_at=at,
            mention_first=first,
            mention_last=last,
            genders=person_genders(annotation, x.mentions),
            entity_kind={e.id: e.kind for e in x.entities},
            lead=lead_sentence(annotation, dateline_end(x.document)),
        )

    def tok(self, i: int) -> Token:
        return self.annotation.tokens[i]

    def kids(self, i: int) -> tuple[Token, ...]:
        return self.annotation.children(i)

    def mention(self, i: int) -> Mention | None:
        k = self.mention_at[i]
        return self.mentions[k] if k >= 0 else None

    def is_bare_modifier(self, m: Mention) -> bool:
        """A demonym or adjective ("Kurdish", "pro-American", "anti-Assad") used as a modifier:
        never an actor by itself."""
        end = self.annotation.token_at(m.end - 1)
        k = self.mention_at[end.i] if end is not None else -1
        if k < 0:
            return False
        last = self.tok(self.mention_last[k])
        after = last.i + 1
        if last.tag in {"NNS", "NNPS"} and after < len(self.annotation.tokens) and self.tok(after).text in {"'", "’"}:
            return False  # "the Russians’ attack": a people as possessor, not an adjective
        return last.pos == "ADJ" or (m.type == "NORP" and last.dep in {"amod", "compound", "nmod"})

    def stance_start(self, start: int) -> int | None:
        """Where an "anti-" or "pro-" written right before offset ``start`` begins ("anti-Assad",
        "anti- Assad"), else None: a name so prefixed is a stance toward that actor, not the actor."""
        text = self.annotation.text
        for prefix in STANCE_PREFIXES:
            first = start - len(prefix)
            if first >= 0 and text[first:start].lower() == prefix:
                return first
            if first >= 1 and text[first - 1 : start].lower() == prefix.replace("-", "- "):
                return first - 1
        return None

    @cached_property
    def lede_referent(self) -> dict[int, str]:
        """The person a news lead describes before naming: token of the first sentence's subject ->
        the first person named as a subject in the two sentences after it, and first named there
        ("Turkey's foreign minister has reiterated ... Mevlüt Çavuşoğlu told reporters", "A former
        British soldier jailed in Turkey has fled ... Joe Robinson, 25, ..."), a main clause's
        subject before another's. The described subject must be one person (an office or
        ``person_descriptions``, singular, no name of its own), the person must be the first one
        named after the lead, and the two must agree in gender; anything else maps nothing."""
        a = self.annotation
        if len(a.sentences) < self.lead + 2:
            return {}
        lead = a.sentences[self.lead]
        root = next((t for t in a.tokens[lead.token_start : lead.token_end] if t.dep == "ROOT"), None)
        subjects = [c for c in self.kids(root.i) if c.dep in SUBJECT_DEPS] if root is not None else []
        if len(subjects) != 1 or subjects[0].tag not in {"NN", "NNP"}:
            return {}
        s = subjects[0]
        m = self.mention(s.i)
        if m is not None and m.type != "NORP":
            return {}  # a subject with a name of its own
        lemma = s.lemma.lower()
        if m is None and lemma not in self.role_nouns and lemma not in self.person_descriptions:
            return {}
        if any(c.text.lower() in {"another", "every", "each", "no", "any"} or c.dep == "appos" for c in self.kids(s.i)):
            return {}  # someone else, no one in particular, or named beside ("The UN envoy, Staffan de Mistura,")
        in_lead = {mm.entity for mm in self.mentions if mm.start < a.sentences[self.lead + 1].start}
        for k, named in enumerate(self.mentions):
            first = self.mention_first[k]
            between = [self.tok(j) for j in range(s.i + 1, first)]
            if (
                named.type == "PERSON"
                and s.i < first <= s.i + 8
                and between
                and between[-1].text == ","
                and not any(t.pos in ("VERB", "AUX") for t in between)
            ):
                return {}  # "The UN special envoy for Syria, Staffan de Mistura, has said": named beside it
        found: list[tuple[bool, int, str]] = []
        for k, named in enumerate(self.mentions):
            first, last = self.mention_first[k], self.mention_last[k]
            if named.type != "PERSON" or named.entity is None or named.entity in in_lead or first < 0:
                continue
            if not 0 < self.tok(first).sent - lead.index <= 2:
                continue
            head = next((j for j in range(first, last + 1) if not first <= self.tok(j).head <= last), last)
            if self.tok(head).dep in SUBJECT_DEPS:
                found.append((self.tok(self.tok(head).head).dep != "ROOT", first, named.entity))
        if not found:
            return {}
        person = min(found)[2]
        after = [
            mm
            for k, mm in enumerate(self.mentions)
            if mm.type == "PERSON" and mm.entity not in in_lead and self.mention_first[k] >= 0
        ]
        if after and after[0].entity != person:
            return {}  # another person is named first ("Describing Shamima Begum as ..., Richard Barrett said")
        words = [s.lemma.lower(), *(c.lemma.lower() for c in self.kids(s.i) if c.dep in {"compound", "amod"})]
        described, known = gender_of(words) or DESCRIBED_GENDER.get(lemma), self.genders.get(person)
        if described is not None and known is not None and described != known:
            return {}
        return {s.i: person}

    def counted_group(self, i: int) -> list[Mention]:
        """ "Alexanda Kotey and El Shafee Elsheikh ... The two men": persons referred to by a count
        ("the two men", "the three leaders", "both leaders") are the persons last named together
        as one list of that many, in this sentence or the two before; when the last person named
        is not in such a list, the phrase stands for no one (precision first)."""
        t = self.tok(i)
        lemma = t.lemma.lower()
        if t.tag != "NNS" or self.mention_at[i] >= 0:
            return []
        if lemma not in self.role_nouns and lemma not in self.person_descriptions:
            return []
        kids = self.kids(i)
        words = {c.text.lower(): c.dep for c in kids}
        if words.get("both") in {"det", "predet", "preconj"}:
            count = 2
        elif words.get("the") == "det":
            count = next((GROUP_COUNTS[w] for w, dep in words.items() if dep == "nummod" and w in GROUP_COUNTS), 0)
        else:
            count = 0
        if count == 0:
            return []
        k = max((j for j, m in enumerate(self.mentions) if m.end <= t.start), default=-1)
        while k >= 0 and not (self.mentions[k].type == "PERSON" and self.mentions[k].entity):
            k -= 1
        if k < 0 or self.mention_last[k] < 0 or t.sent - self.tok(self.mention_last[k]).sent > 2:
            return []
        head = self.mention_last[k]
        while self.tok(head).dep == "conj" and self.tok(head).head != head:
            head = self.tok(head).head
        listed: dict[str, Mention] = {}
        stack = [head]
        while stack:
            j = stack.pop()
            m = self.mention(j)
            if m is None or m.type != "PERSON" or not m.entity:
                return []  # "Trump and the Kurds": not a list of persons
            listed.setdefault(m.entity, m)
            stack.extend(c.i for c in self.kids(j) if c.dep == "conj")
        return list(listed.values()) if len(listed) == count else []

    @cached_property
    def person_descriptions(self) -> frozenset[str]:
        """Nouns that describe one person by what they are ("soldier", "journalist", "pastor")."""
        return word_list("person_descriptions")

    @cached_property
    def role_nouns(self) -> frozenset[str]:
        """Nouns of one person's role ("president", "minister": ``person_nouns``)."""
        return word_list("person_nouns")

    @cached_property
    def role_holders(self) -> dict[str, dict[str, set[str]]]:
        """Role word -> the persons the text writes with it -> what qualifies it there."""
        return role_holders(self.annotation, self.mentions, self.role_nouns, self.lede_referent)

    @cached_property
    def pronoun_entities(self) -> dict[int, tuple[str, ...]]:
        """Token index -> entity ids of each third-person pronoun resolved (:func:`resolve_pronouns`)."""
        return resolve_pronouns(self)


NOT_PEOPLE = frozenset({"state", "place", "media", "igo"})
"""Entity kinds "he" or "she" never stands for (a name typed organisation may still be a person's)."""


def may_stand_for(pronoun: str, kinds: set[str | None]) -> bool:
    """Whether a third-person pronoun, in any of its forms, can stand for actors of these entity
    ``kinds`` (None: not resolved): "he"/"his"/"she"/"her" for a person, "it"/"its" for anything
    else ("she ..., the Washington Post reported" is not the Post)."""
    reads = THIRD_PERSON.get(pronoun)
    if reads == "person":
        return not kinds or not kinds <= NOT_PEOPLE
    if reads == "org":
        return "person" not in kinds
    return True


def is_pronoun(t: Token) -> bool:
    """A personal pronoun the resolver reads ("he", "their", "we" ...)."""
    w = t.text.lower()
    return t.pos in {"PRON", "DET"} and (w in THIRD_PERSON or w in FIRST_PLURAL or w in FIRST_SINGULAR)


def first_person_subject(frame: Frame, v: int) -> bool:
    """ "'We will fight', said X": whether verb ``v``'s subject is a first-person pronoun, which
    keeps its own span (resolved to the speaker) instead of becoming the speaker's name."""
    return any(c.dep in SUBJECT_DEPS and c.text.lower() in FIRST_PLURAL | FIRST_SINGULAR for c in frame.kids(v))


def antecedent_args(frame: Frame, i: int) -> list[Arg]:
    """The pronoun at token ``i`` as an argument carrying its antecedent's entity, or nothing."""
    t = frame.tok(i)
    w = t.text.lower()
    if w in FIRST_PLURAL or w in FIRST_SINGULAR:
        entity = _speaker_entity(frame, t, plural=w in FIRST_PLURAL)
        return [frame.span_arg(i, i, entity)] if entity is not None else []
    return [frame.span_arg(i, i, entity) for entity in frame.pronoun_entities.get(i, ())]


@dataclass(frozen=True)
class _Seen:
    """An actor the text has named (or referred to by a resolved pronoun) at some token."""

    sent: int
    entity: str
    type: str
    subject: bool
    modifier: bool
    group: tuple[str, ...] = ()
    """Every actor of the coordination it is named in ("Chile and Peru met"): "they" after it
    stands for all of them, "he" or "it" for none (ambiguous)."""
    gender: str | None = None
    """The gender of an unnamed person described as a subject ("Her father ... said"), whose
    ``entity`` is empty: "he" after it stands for no one named."""


def _compatible(kind: str, pronoun: str, c: _Seen, genders: dict[str, str]) -> bool:
    if kind == "person":
        return c.type == "PERSON" and agrees(pronoun, c.gender or genders.get(c.entity))
    if c.modifier:
        return False  # "Kurdish" in "Kurdish forces" is no antecedent
    if kind == "group":
        # "Chile and Peru ... they", "Mahmud and Ayyub were taken to Syria, where they ..."
        return c.type in GROUP_MENTIONS or (bool(c.group) and c.type in {"GPE", "PERSON"})
    return c.type in (THING_MENTIONS if pronoun == "its" else ORG_MENTIONS)


def _pick(seen: list[_Seen], sent: int, kind: str, pronoun: str, genders: dict[str, str]) -> _Seen | None:
    """The last compatible actor named as a subject (in the window, for groups and organisations);
    else the last person that agrees, or the one compatible group or organisation; else none."""
    others: dict[str, _Seen] = {}
    for c in reversed(seen):
        if sent - c.sent > LOOKBACK_SENTENCES and kind != "person":
            break
        if kind == "person" and others and sent - c.sent > NEAR_SENTENCES:
            break  # a person named in this sentence or the one before, before a subject further back
        if not c.entity and sent - c.sent > NEAR_SENTENCES:
            continue  # an unnamed person described is followed no further than a named one is preferred
        if _compatible(kind, pronoun, c, genders):
            if c.subject:
                return None if c.group and kind != "group" else c
            others.setdefault(c.entity, c)
    if kind == "person" and others:
        return next(iter(others.values()))
    return next(iter(others.values())) if len(others) == 1 else None


def resolve_pronouns(frame: MentionIndex) -> dict[int, tuple[str, ...]]:
    """Token index -> the entity ids of each third-person pronoun the text lets one resolve, in
    one pass in text order: a resolved pronoun is itself an antecedent for the next ("Robinson
    ... He told the BBC ... he was arrested"); "they" after "Hamas and Hezbollah met" is both."""
    seen: list[_Seen] = []
    genders = frame.genders
    out: dict[int, tuple[str, ...]] = {}
    for t in frame.annotation.tokens:
        if (lede := frame.lede_referent.get(t.i)) is not None:
            seen.append(_Seen(t.sent, lede, "PERSON", True, False))  # "Turkey's foreign minister ..."
            continue
        k = frame.mention_at[t.i]
        if k >= 0:
            m = frame.mentions[k]
            if frame.mention_last[k] == t.i and frame.mention_first[k] >= 0 and m.entity is not None:
                # a subject, a name coordinated with one, or the name in apposition to one ("the
                # shadow home secretary, Diane Abbott, criticised ...")
                # (a name the parse made the root of its sentence is its misread subject: "Joe
                # Biden a potential candidate urged Europe ...")
                subject = (
                    t.dep in SUBJECT_DEPS
                    or (t.dep in {"conj", "appos"} and frame.tok(t.head).dep in SUBJECT_DEPS)
                    or (t.dep == "ROOT" and t.pos == "PROPN")
                    or _misread_subject(frame, t.i)
                )
                group = _coordination(frame, t.i)
                seen.append(_Seen(t.sent, m.entity, m.type, subject, frame.is_bare_modifier(m), group))
            continue
        w = t.text.lower()
        if t.dep in SUBJECT_DEPS and t.pos == "NOUN" and (described := _described(frame, t, seen)) is not None:
            # "Her father, speaking from Sunamganj, accused ... “...,” he said": not a man named
            # before; "The foreign minister also criticised Macron ... “...,” he said": the minister
            seen.append(_Seen(t.sent, described[0], "PERSON", True, False, gender=described[1]))
            continue
        kind = THIRD_PERSON.get(w)
        if kind is None or not is_pronoun(t):
            continue
        c = _governing_subject(frame, t) if w == "it" else None
        c = c or _pick(seen, t.sent, kind, w, genders)
        if c is not None and not c.entity:
            gender = c.gender or PRONOUN_GENDER.get(w)
            seen.append(_Seen(t.sent, "", "PERSON", t.dep in SUBJECT_DEPS, False, gender=gender))
        elif c is not None:
            out[t.i] = c.group or (c.entity,)
            if kind == "person" and w in PRONOUN_GENDER and not c.group:
                # "He travelled to Syria": the person "he" stands for is a man for the pronouns after
                genders.setdefault(c.entity, PRONOUN_GENDER[w])
            seen.append(_Seen(t.sent, c.entity, c.type, t.dep in SUBJECT_DEPS, False, c.group))
    return out


def _governing_subject(frame: MentionIndex, t: Token) -> _Seen | None:
    """ "The US has signalled it will extend sanctions", "Turkey warned it would act": "it" as the
    subject of a clause said, meant or decided by one state or organisation named as the subject
    of the verb above stands for that actor (here a state too, which "it" elsewhere is not)."""
    if t.dep not in SUBJECT_DEPS or t.head == t.i:
        return None
    clause = frame.tok(t.head)
    if clause.dep != "ccomp" or clause.head == clause.i:
        return None
    subjects = [c for c in frame.kids(clause.head) if c.dep in SUBJECT_DEPS]
    if len(subjects) != 1 or subjects[0].tag in {"NNS", "NNPS"}:
        return None
    m = frame.mention(subjects[0].i)
    if m is None or m.entity is None or m.type not in THING_MENTIONS or frame.is_bare_modifier(m):
        return None
    if _coordination(frame, subjects[0].i):
        return None  # "Turkey and Russia said it ...": no one of them
    return _Seen(t.sent, m.entity, m.type, True, False)


FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
DESCRIBED_GENDER = {**{w: g for w, g in GENDERED.items() if w not in HONORIFICS}, "man": "m"}
"""Nouns that describe one unnamed person of a gender ("her father", "a woman", "the man")."""


def _misread_subject(frame: MentionIndex, i: int) -> bool:
    """Whether the name ending at token ``i`` is the subject of the verb right after it that the
    parse left without one ("... throughout the war and Erdoğan is determined that ...", where the
    parse coordinated the name with "war")."""
    tokens = frame.annotation.tokens
    t = frame.tok(i)
    if i + 1 >= len(tokens) or t.pos != "PROPN" or t.dep in SUBJECT_DEPS:
        return False
    if t.dep == "conj" and frame.tok(t.head).pos == "PROPN":
        return False  # "Ayyub and Mahmud slept": several names, no one person's act
    nxt = frame.tok(i + 1)
    if nxt.pos not in {"VERB", "AUX"} or nxt.tag not in FINITE or nxt.sent != frame.tok(i).sent:
        return False
    verb = frame.tok(nxt.head) if nxt.dep in {"aux", "auxpass"} else nxt
    if verb.i <= i or verb.dep not in {"ROOT", "conj", "ccomp"}:
        return False
    return not any(c.dep in SUBJECT_DEPS or c.dep == "expl" for c in frame.kids(verb.i))


def _described(frame: MentionIndex, t: Token, seen: list[_Seen]) -> tuple[str, str | None] | None:
    """What a subject that describes one person stands for: ("", gender) for an unnamed person of
    a gender ("her father", "a woman"); (the person, None) for a role the text writes with a
    person, qualified alike ("the foreign minister", "Turkey's president": the one such person, or
    the one of them named last); None for anything else (a role written with no one, a name,
    several people, a thing)."""
    if t.tag != "NN":
        return None
    lemma = t.lemma.lower()
    if lemma in DESCRIBED_GENDER:
        return "", DESCRIBED_GENDER[lemma]
    if lemma not in frame.role_nouns or past_role(frame.annotation, t.i):
        return None
    quals = {
        m.entity
        for c in frame.kids(t.i)
        if c.i < t.i and c.dep in ROLE_MODIFIERS
        for k in range(c.i - 3, c.i + 1)
        if k >= 0 and (m := frame.mention(k)) is not None and m.entity is not None
    }
    holder = role_holder(frame.role_holders, lemma, quals)
    if holder is None:
        found = frame.role_holders.get(lemma, {})
        found = {p: q for p, q in found.items() if not quals or q & quals}
        holder = next((c.entity for c in reversed(seen) if c.entity in found), None)
    # a role no one is written with says nothing of who it is (it may be the person named before)
    return (holder, None) if holder is not None else None


def _coordination(frame: MentionIndex, i: int) -> tuple[str, ...]:
    """The entities of the coordination whose member heads token ``i`` ("Hamas and Hezbollah"),
    or () when the name is not coordinated."""
    root = i
    while frame.tok(root).dep == "conj" and frame.tok(root).head != root:
        root = frame.tok(root).head
    members = [root]
    stack = [root]
    while stack:
        for c in frame.kids(stack.pop()):
            if c.dep == "conj":
                members.append(c.i)
                stack.append(c.i)
    if len(members) < 2:
        return ()
    found = [m.entity for j in members if (m := frame.mention(j)) is not None and m.entity is not None]
    return tuple(dict.fromkeys(found)) if len(found) == len(members) else ()


def _speaker_entity(frame: Frame, t: Token, plural: bool) -> str | None:
    """The entity a first-person pronoun inside a quotation stands for."""
    claim = _quoted_claim(frame, t.start)
    if claim is None or claim.speaker is None:
        return None
    head = _speaker_head(frame, claim)
    if plural and head is not None:
        group = _speaker_group(frame, head, claim.speaker.entity)
        if group is not None:
            return group
    if plural and claim.speaker.entity is not None and (state := _office_state(frame, claim.speaker.entity)):
        return state  # "Trump tweeted that Europe should take back the fighters “we captured”": the US
    if claim.speaker.entity is None and head is not None:
        m = frame.mention(head)
        return m.entity if m is not None and m.type == "PERSON" else None
    return claim.speaker.entity


def _office_state(frame: MentionIndex, person: str) -> str | None:
    """The one state whose office the text writes ``person`` with ("the US president, Donald
    Trump", "Turkey's foreign minister, Mevlüt Çavuşoğlu"), else None: "we" in that person's
    words is that state."""
    found = {
        q
        for holders in frame.role_holders.values()
        for q in holders.get(person, ())
        if frame.entity_kind.get(q) == "state"
    }
    return next(iter(found)) if len(found) == 1 else None


def _speaker_head(frame: Frame, claim: Claim) -> int | None:
    """The head of the speaker's noun phrase ("Col. John Dorrian" from a speaker read as "Col")."""
    assert claim.speaker is not None
    a = frame.annotation.token_at(claim.speaker.end - 1)
    if a is None:
        return None
    i = a.i
    for _ in range(8):
        t = frame.tok(i)
        if t.dep not in {"compound", "flat", "punct", "nmod"} or t.head == i or t.head - i > 8:
            break
        i = t.head
    return i


def _quoted_claim(frame: Frame, offset: int) -> Claim | None:
    best: Claim | None = None
    for c in frame.claims:
        if c.start > offset:
            break
        inside = c.kind in {"direct", "mixed"} and c.start <= offset < c.end
        if inside and (best is None or c.end - c.start < best.end - best.start):
            best = c
    return best


def _speaker_group(frame: Frame, head: int, speaker: str | None) -> str | None:
    """The group a speaker's title or apposition names: "Gen. Votel, commander of U.S.
    Central Command", "CJTF-OIR spokesperson Col. Dorrian", "Col. Dorrian, the CJTF-OIR
    spokesperson"."""
    lo = head
    while lo > 0 and head - lo < 8 and frame.tok(lo - 1).dep in {"compound", "amod", "nmod", "poss", "punct"}:
        lo -= 1
    hi = head
    for c in frame.kids(head):
        if c.dep == "appos" and c.i > head:
            hi = max(hi, frame.annotation.subtree(c.i)[-1].i)
    for j in range(lo, hi + 1):
        m = frame.mention(j)
        if m is not None and m.type in {"ORG", "NORP"} and m.entity not in {None, speaker}:
            return m.entity
    return None
