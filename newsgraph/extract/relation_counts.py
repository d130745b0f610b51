"""Counts as attributes: "34 strikes", "four ISIL tactical units", "more than 20 militants",
"dozens of villages", "hundreds of thousands of Syrians".

The size of a group, of a strike package or of what was destroyed is what conflict reporting
states most often about the things it names. re3d annotates it as HasAttrOf, which newsgraph
calls ``has_role``: the counted noun phrase is the subject, the number phrase the object, and
neither is an entity (the arguments' ``entity`` is null unless the counted phrase is exactly a
named mention).

Only counts of what an analyst of conflicts follows are kept: actors, attacks, places and sites,
weapons and vehicles ("three penalties" or "2.4bn euros" are no ties). Nouns that only measure
(years, kilometres, dollars, percent) are left out. The lists are ``counted_nouns``,
``uncounted_nouns`` and ``counting_nouns`` in ``relation_patterns.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.annotate.parsed import Token
from newsgraph.extract.events import Frame
from newsgraph.extract.relation_patterns import RelationPatterns
from newsgraph.records import Arg

MEASURE_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
"""spaCy entity labels of numbers that are dates, sums or shares rather than counts."""


@dataclass(frozen=True)
class Count:
    """One counted phrase: what is counted, the number phrase, and the token that states it."""

    counted: Arg
    number: Arg
    cue: int


def count_of(frame: Frame, pat: RelationPatterns, t: Token) -> Count | None:
    """The count stated by number token ``t`` ("34" in "34 strikes"), if it counts something."""
    if t.dep == "nummod" and t.head != t.i:
        head = frame.tok(t.head)
        if t.ent_type in MEASURE_ENTITIES or _year_like(t):
            return None
        return _count(frame, pat, t, head)
    if t.lemma.lower() in pat.counting_nouns and t.pos in {"NOUN", "NUM"}:
        # "dozens of villages": the counted noun is the object of "of"
        of = [p for p in frame.kids(t.i) if p.dep == "prep" and p.text.lower() == "of"]
        for p in of:
            objs = [o for o in frame.kids(p.i) if o.dep == "pobj"]
            if objs and not (frame.tok(t.head).text.lower() == "of" and frame.tok(t.head).dep == "prep"):
                return _count(frame, pat, t, objs[0])
    return None


def _count(frame: Frame, pat: RelationPatterns, number: Token, head: Token) -> Count | None:
    if head.lemma.lower() in pat.uncounted_nouns or head.text.lower() in pat.uncounted_nouns:
        return None
    if not _counted_word(head) or not _followed(frame, pat, head):
        return None
    span = frame.annotation.subtree(number.i)
    first, last = span[0].i, span[-1].i
    if last >= head.i:  # the number's own subtree runs over the noun: a misparse
        last = number.i
    counted_first = last + 1
    while counted_first < head.i and frame.tok(counted_first).text in {"of", "-", ","}:
        counted_first += 1
    if counted_first > head.i:
        return None
    k = frame.mention_at[head.i]
    entity = None
    if k >= 0 and frame.mention_first[k] == counted_first and frame.mention_last[k] == head.i:
        entity = frame.mentions[k].entity
    return Count(
        counted=frame.span_arg(counted_first, head.i, entity),
        number=frame.span_arg(first, last),
        cue=number.i,
    )


def _year_like(t: Token) -> bool:
    """ "in 2014 attacks": a four-digit number from 1900 to 2099 is read as a year, not a count."""
    digits = t.text.replace(",", "")
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099 and "," not in t.text


def _followed(frame: Frame, pat: RelationPatterns, head: Token) -> bool:
    """Whether the counted noun is something an analyst of conflicts follows: an actor ("20
    militants"), an attack ("34 strikes"), a place or a site, a weapon or a vehicle."""
    lemma = head.lemma.lower()
    if frame.mention_at[head.i] >= 0:
        return frame.is_actor_mention(frame.mentions[frame.mention_at[head.i]])
    return (
        lemma in frame.lexicon.nouns
        or lemma in pat.attack_nouns
        or lemma in pat.place_nouns
        or lemma in pat.controlled_nouns
        or lemma in pat.counted_nouns
    )


def _counted_word(head: Token) -> bool:
    """A common noun, or a plural name ("ISIL tanks" misread as NNPS), spelled as a word: not a
    unit symbol ("m3/s", "°", "mi"), not a month ("Dec. 11-13")."""
    if head.pos != "NOUN" and head.tag != "NNPS":
        return False
    word = head.text.rstrip(".")
    return len(word) > 2 and word.replace("-", "").isalpha()


CURRENCY = frozenset("$£€¥₹")


def conversions(frame: Frame, paren: Token) -> list[tuple[Arg, Arg]]:
    """ "8 km (5.0 mi)", "two Jordanian dinars (£2.10; $2.80)": a measure and its conversions in
    the brackets after it are one value under several names (re3d's IsSynonymOf, alias_of here).
    Pairs of (measure, conversion) and of conversions among themselves."""
    if paren.text != "(" or paren.i == 0:
        return []
    before = frame.tok(paren.i - 1)
    if before.sent != paren.sent or before.pos not in {"NOUN", "PROPN", "NUM", "X"}:
        return []
    first, _ = frame.noun_phrase(before.i)
    if not any(frame.tok(j).pos == "NUM" for j in range(first, before.i + 1)):
        return []
    runs: list[tuple[int, int]] = []
    start = paren.i + 1
    j = start
    tokens = frame.annotation.tokens
    while j < len(tokens) and j - paren.i <= 12 and tokens[j].sent == paren.sent:
        if tokens[j].text in {";", ",", ")"}:
            if j > start:
                runs.append((start, j - 1))
            if tokens[j].text == ")":
                break
            start = j + 1
        j += 1
    else:
        return []
    measures = [(a, b) for a, b in runs if _measure(frame, a, b)]
    if not measures or len(measures) != len(runs):
        return []
    args = [frame.span_arg(first, before.i), *(frame.span_arg(a, b) for a, b in measures)]
    return [(args[x], args[y]) for x in range(len(args)) for y in range(x + 1, len(args))]


def _measure(frame: Frame, a: int, b: int) -> bool:
    """Tokens ``a..b`` read as an amount: a number (after a currency sign) and a few unit words."""
    head = frame.tok(a)
    number = frame.tok(a + 1) if head.text in CURRENCY and a < b else head
    return number.pos == "NUM" and number.text[:1].isdigit() and b - a <= 4
