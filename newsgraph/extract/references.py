"""What a pronoun can refer to: the agreement rules claims, events and relations share.

A person's grammatical gender is read from the text: an honorific before the name ("Mr", "Mrs",
"Sir", "Dame") or a gendered noun the name stands with ("spokeswoman", "his mother", "the
chairman"); where the text shows none, from a given name that only men or only women bear
(``data/gazetteer/given_names_*.txt``: "Sajid Javid", "Shamima Begum"; a name borne by both,
"Noor", "Jordan", shows nothing). "she" never stands for a person shown as a man, nor "he" for a
woman; a person whose gender nothing shows agrees with both, and the stage that resolves the
pronoun decides whether one candidate is left (precision first: none rather than a guess).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.annotate.lexicon import word_list
from newsgraph.annotate.parsed import Annotation
from newsgraph.extract.modality import token_range
from newsgraph.records import Mention

GENDERED: dict[str, str] = {
    **dict.fromkeys(["mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "father",
                     "husband", "son", "brother", "businessman", "sheikh", "uncle", "grandfather", "boy",
                     "schoolboy"], "m"),
    **dict.fromkeys(["mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman",
                     "congresswoman", "mother", "wife", "daughter", "sister", "businesswoman", "aunt",
                     "grandmother", "girl", "woman", "schoolgirl"], "f"),
}  # fmt: skip
"""Words that show a person's grammatical gender when written with the name."""
HONORIFICS = frozenset({"mr", "sir", "lord", "mrs", "ms", "miss", "dame", "lady"})
"""The titles among them (no noun that describes a person by itself)."""

ROLE_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod"})
"""Dependencies by which a word qualifies a role noun ("US" president, "Turkey's" minister)."""

PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def gender_of(words: Iterable[str]) -> str | None:
    """The gender the first gendered word shows, or None."""
    for w in words:
        g = GENDERED.get(w.lower().rstrip("."))
        if g is not None:
            return g
    return None


def name_gender(name: str) -> str | None:
    """The gender a person's given name shows: "m" or "f" when the first word of a name of two
    words or more is a given name only men or only women bear, else None."""
    words = name.split()
    if len(words) < 2:
        return None  # "Javid" alone: a surname, or a name used as one
    first = words[0].lower()
    male, female = first in word_list("given_names_male"), first in word_list("given_names_female")
    return "m" if male and not female else "f" if female and not male else None


def person_genders(annotation: Annotation, mentions: Iterable[Mention]) -> dict[str, str]:
    """Entity id -> "m" or "f" for the persons whose gender the text shows next to a mention, else
    whose given name shows it."""
    tokens = annotation.tokens
    out: dict[str, str] = {}
    mentions = list(mentions)
    for m in mentions:
        if m.entity is None or m.type != "PERSON" or m.entity in out:
            continue
        first, last = token_range(annotation, m.start, m.end)
        if last <= first:
            continue
        head = tokens[last - 1]
        words = [tokens[k].text for k in range(max(0, first - 2), first)]
        words += [c.lemma for c in annotation.children(head.i) if c.dep in ("appos", "compound")]
        if head.dep == "appos" and head.head != head.i:
            words.append(tokens[head.head].lemma)
        gender = gender_of(words)
        if gender is not None:
            out[m.entity] = gender
    for m in mentions:
        if m.entity is not None and m.type == "PERSON" and m.entity not in out:
            gender = name_gender(m.text)
            if gender is not None:
                out[m.entity] = gender
    return out


def agrees(pronoun: str, gender: str | None) -> bool:
    """Whether a pronoun can stand for a person of this gender (unknown agrees with any)."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    return want is None or gender is None or gender == want


PAST_ROLE = frozenset({"former", "ex", "late", "erstwhile", "onetime", "one-time", "then"})
"""Words by which a role is no longer held ("former president Barack Obama"): "the president"
later in the text is someone else."""


def past_role(annotation: Annotation, k: int) -> bool:
    """Whether the role noun at token ``k`` is written as no longer held ("former president",
    "ex-minister", "the late king")."""
    tokens = annotation.tokens
    words = [c.text.lower() for c in annotation.children(k) if c.i < k]
    words += [tokens[j].text.lower() for j in range(max(0, k - 2), k)]
    return any(w.rstrip("-") in PAST_ROLE for w in words)


def role_context(annotation: Annotation, first: int, head: int) -> list[int]:
    """Tokens that can name the role of the person whose mention runs from token ``first`` to its
    head: a title before the name ("US President Donald Trump"), an apposition after it ("Trump,
    the US president") or the noun it is in apposition to ("Turkey's foreign minister, Mevlüt
    Çavuşoğlu"), each with the modifiers of an apposed noun."""
    tokens, children = annotation.tokens, annotation._children
    near = [k for k in range(max(0, first - 3), head) if first <= tokens[k].head <= head]
    appos = [c for c in children[head] if tokens[c].dep == "appos"]
    if tokens[head].dep == "appos":
        appos.append(tokens[head].head)
    near.extend(appos)
    near.extend(k for c in list(near) for k in children[c] if k < c and tokens[k].dep in ROLE_MODIFIERS)
    return list(dict.fromkeys(near))


def role_holders(
    annotation: Annotation,
    mentions: Iterable[Mention],
    role_nouns: frozenset[str],
    described: dict[int, str] | None = None,
) -> dict[str, dict[str, set[str]]]:
    """Role word -> the persons the text writes with it -> the entities that qualify the role
    there ("US" in "US President Donald Trump", "Turkish" in "the Turkish president, Erdoğan");
    ``described`` adds role nouns that stand for a person without a name beside them (token ->
    person: the lead's "Turkey's foreign minister", named in the next sentence)."""
    tokens = annotation.tokens
    entity_at: dict[int, str] = {}
    persons: list[tuple[Mention, int, int]] = []
    for m in mentions:
        first, last = token_range(annotation, m.start, m.end)
        if last <= first or m.entity is None:
            continue
        for k in range(first, last):
            entity_at[k] = m.entity
        if m.type == "PERSON":
            persons.append((m, first, last))
    out: dict[str, dict[str, set[str]]] = {}
    for m, first, last in persons:
        head = next((k for k in range(first, last) if not first <= tokens[k].head < last or tokens[k].head == k), first)
        near = role_context(annotation, first, head)
        quals = {entity_at[k] for k in near if k in entity_at and entity_at[k] != m.entity}
        for k in near:
            lemma = tokens[k].lemma.lower()
            if lemma in role_nouns and entity_at.get(k, m.entity) == m.entity and not past_role(annotation, k):
                out.setdefault(lemma, {}).setdefault(str(m.entity), set()).update(quals)
    for k, person in (described or {}).items():
        lemma = tokens[k].lemma.lower()
        if lemma in role_nouns and not past_role(annotation, k):
            quals = {entity_at[j] for j in role_context(annotation, k, k) if j in entity_at}
            out.setdefault(lemma, {}).setdefault(person, set()).update(quals)
    return out


def role_holder(holders: dict[str, dict[str, set[str]]], role: str, qualifiers: set[str]) -> str | None:
    """The one person the document writes with ``role`` (qualified by one of ``qualifiers`` when
    the role phrase names any: "the US president" is no "Turkish president"), else None."""
    found = holders.get(role, {})
    if qualifiers:
        found = {p: q for p, q in found.items() if q & qualifiers}
    return next(iter(found)) if len(found) == 1 else None
