"""Pronoun arguments of relations: "he", "they", "we" ... stand for the actor they refer to.

:class:`PronounFrame` is the event stage's :class:`~newsgraph.extract.events.Frame` with wider
pronoun resolution, used by the relation stage only (events keep their own, narrower rules):

- "he" / "she" / "him" / "her" / "his": the last person named as a subject in the same sentence
  before the pronoun or in the two sentences before it, else the last person named there at all;
- "they" / "them" / "their": the last group (organisation, nationality, state) named there;
- "it" / "its": the last organisation named there (the event frame's rule);
- "we" / "us" / "our" and "I" / "me" / "my" inside a quotation: its speaker (for "we", the group
  the speaker's title names when there is one: "Gen. Votel, commander of U.S. Central Command,
  said: 'We ...'" is U.S. Central Command). Outside a quotation first-person pronouns stay
  unresolved: the writer is no actor of the story.

The argument keeps the pronoun's own span (that is what the sentence says) and carries the
antecedent's entity id. A pronoun with no antecedent gives no argument, so no relation.
"""

from __future__ import annotations

from newsgraph.annotate.parsed import Token
from newsgraph.extract.events import Frame
from newsgraph.records import Arg, Claim, Mention

THIRD_PERSON = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "they": "group", "them": "group", "their": "group", "it": "org", "its": "org",
}  # fmt: skip
FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
LOOKBACK_SENTENCES = 2
"""How many sentences before the pronoun's own an antecedent may be in."""
GROUP_MENTIONS = frozenset({"ORG", "NORP", "GPE"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _compatible(kind: str, m: Mention) -> bool:
    if kind == "person":
        return m.type == "PERSON"
    if kind == "group":
        return m.type in GROUP_MENTIONS
    return m.type == "ORG"


class PronounFrame(Frame):
    """A :class:`Frame` whose actor arguments include resolved personal pronouns."""

    def is_pronoun(self, t: Token) -> bool:
        w = t.text.lower()
        return t.pos in {"PRON", "DET"} and (w in THIRD_PERSON or w in FIRST_PLURAL or w in FIRST_SINGULAR)

    def _head_args(self, h: int, nominal: bool, depth: int) -> list[Arg]:
        t = self.tok(h)
        if self.is_pronoun(t):
            return self._pronoun_antecedent(h)
        return super()._head_args(h, nominal, depth)

    def _speaker_of_clause(self, v: int) -> int | None:
        """ "'We will fight', said X": a first-person subject keeps its own span (resolved to the
        speaker by :meth:`_pronoun_antecedent`) instead of becoming the speaker's name."""
        for c in self.kids(v):
            if c.dep in SUBJECT_DEPS and c.text.lower() in FIRST_PLURAL | FIRST_SINGULAR:
                return None
        return super()._speaker_of_clause(v)

    def _pronoun_antecedent(self, i: int) -> list[Arg]:
        t = self.tok(i)
        w = t.text.lower()
        if w in FIRST_PLURAL or w in FIRST_SINGULAR:
            entity = self._speaker_entity(t, plural=w in FIRST_PLURAL)
            return [self.span_arg(i, i, entity)] if entity is not None else []
        kind = THIRD_PERSON.get(w)
        if kind is None:
            return []
        m = self._antecedent(i, kind)
        return [self.span_arg(i, i, m.entity)] if m is not None and m.entity is not None else []

    def _antecedent(self, i: int, kind: str) -> Mention | None:
        """The last compatible mention before token ``i``: a subject first, then any."""
        sent = self.tok(i).sent
        fallback: Mention | None = None
        j = i - 1
        while j >= 0 and sent - self.tok(j).sent <= LOOKBACK_SENTENCES:
            k = self.mention_at[j]
            if k < 0 or self.mention_first[k] < 0:
                j -= 1
                continue
            m = self.mentions[k]
            if _compatible(kind, m):
                head = self.tok(self.mention_last[k])
                if head.dep in SUBJECT_DEPS:
                    return m
                fallback = fallback or m
            j = self.mention_first[k] - 1
        return fallback

    def _speaker_entity(self, t: Token, plural: bool) -> str | None:
        """The entity a first-person pronoun inside a quotation stands for."""
        claim = self._quoted_claim(t.start)
        if claim is None or claim.speaker is None:
            return None
        head = self._speaker_head(claim)
        if plural and head is not None:
            group = self._speaker_group(head, claim.speaker.entity)
            if group is not None:
                return group
        if claim.speaker.entity is None and head is not None:
            m = self.mention(head)
            return m.entity if m is not None and m.type == "PERSON" else None
        return claim.speaker.entity

    def _speaker_head(self, claim: Claim) -> int | None:
        """The head of the speaker's noun phrase ("Col. John Dorrian" from a speaker read as "Col")."""
        assert claim.speaker is not None
        a = self.annotation.token_at(claim.speaker.end - 1)
        if a is None:
            return None
        i = a.i
        for _ in range(8):
            t = self.tok(i)
            if t.dep not in {"compound", "flat", "punct", "nmod"} or t.head == i or t.head - i > 8:
                break
            i = t.head
        return i

    def _quoted_claim(self, offset: int) -> Claim | None:
        best: Claim | None = None
        for c in self.claims:
            if c.start > offset:
                break
            inside = c.kind in {"direct", "mixed"} and c.start <= offset < c.end
            if inside and (best is None or c.end - c.start < best.end - best.start):
                best = c
        return best

    def _speaker_group(self, head: int, speaker: str | None) -> str | None:
        """The group a speaker's title or apposition names: "Gen. Votel, commander of U.S.
        Central Command", "CJTF-OIR spokesperson Col. Dorrian", "Col. Dorrian, the CJTF-OIR
        spokesperson"."""
        lo = head
        while lo > 0 and head - lo < 8 and self.tok(lo - 1).dep in {"compound", "amod", "nmod", "poss", "punct"}:
            lo -= 1
        hi = head
        for c in self.kids(head):
            if c.dep == "appos" and c.i > head:
                hi = max(hi, self.annotation.subtree(c.i)[-1].i)
        for j in range(lo, hi + 1):
            m = self.mention(j)
            if m is not None and m.type in {"ORG", "NORP"} and m.entity not in {None, speaker}:
                return m.entity
        return None
