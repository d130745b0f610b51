"""What a pronoun can refer to: the agreement rules claims, events and relations share.

A person's grammatical gender is read from the text, never guessed from a name: an honorific
before the name ("Mr", "Mrs", "Sir", "Dame") or a gendered noun the name stands with
("spokeswoman", "his mother", "the chairman"). "she" never stands for a person the text shows
as a man, nor "he" for a woman; a person whose gender the text does not show agrees with both,
and the stage that resolves the pronoun decides whether one candidate is left (precision first:
none rather than a guess).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.annotate.parsed import Annotation
from newsgraph.extract.modality import token_range
from newsgraph.records import Mention

GENDERED: dict[str, str] = {
    **dict.fromkeys(["mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "father",
                     "husband", "son", "brother", "businessman", "sheikh", "uncle", "grandfather", "boy"], "m"),
    **dict.fromkeys(["mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman",
                     "congresswoman", "mother", "wife", "daughter", "sister", "businesswoman", "aunt",
                     "grandmother", "girl", "woman"], "f"),
}  # fmt: skip
"""Words that show a person's grammatical gender when written with the name."""

PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def gender_of(words: Iterable[str]) -> str | None:
    """The gender the first gendered word shows, or None."""
    for w in words:
        g = GENDERED.get(w.lower().rstrip("."))
        if g is not None:
            return g
    return None


def person_genders(annotation: Annotation, mentions: Iterable[Mention]) -> dict[str, str]:
    """Entity id -> "m" or "f" for the persons whose gender the text shows next to a mention."""
    tokens = annotation.tokens
    out: dict[str, str] = {}
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
    return out


def agrees(pronoun: str, gender: str | None) -> bool:
    """Whether a pronoun can stand for a person of this gender (unknown agrees with any)."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    return want is None or gender is None or gender == want
