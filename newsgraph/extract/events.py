"""Stage: events of one document (PLOVER types and modes, plus newsgraph's extension types).

A trigger is a verb or an event noun from the ontology's lexicon (``newsgraph/data/ontology/
events.yaml``). Its arguments are read off the dependency parse and mapped onto the document's
entity mentions: compound actors are split ("Hungarian and Romanian officials" are two
sources), a gathering is one event with all its participants, the date comes from the sentence
(else the paragraph, never the publication date by default), the location from a place
introduced by in/at, and the modality from the words that govern the trigger ("proposals to
deploy" is planned, "did not meet" negated).

:class:`Frame` (the per-document index of mentions, dates and claims) and :func:`actor_args` are
shared with the relation stage.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from newsgraph.annotate.lexicon import word_list
from newsgraph.annotate.parsed import Annotation, Sentence, Token
from newsgraph.extract.claims import lexicon as cue_lexicon
from newsgraph.extract.modality import lexicon as modality_lexicon
from newsgraph.extract.pronouns import (
    MentionIndex,
    antecedent_args,
    dateline_end,
    first_person_subject,
    is_pronoun,
    lead_sentence,
    may_stand_for,
)
from newsgraph.extract.references import person_genders, role_holder, role_holders
from newsgraph.ontology import (
    ActorLexicon,
    CameoPattern,
    CameoVerbs,
    EventOntology,
    Trigger,
    actors,
    cameo_verbs,
    cameo_word,
    events,
)
from newsgraph.records import (
    Arg,
    Claim,
    DateMention,
    Event,
    EventDate,
    Extraction,
    Mention,
    SentenceSpan,
    Span,
)

SUBJECTS = frozenset({"nsubj", "csubj"})
FRONTED_PREPOSITIONS = frozenset({"near", "in", "outside", "inside", "around", "across", "throughout", "at"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative", "obj"})
OBJECT_CONTROL_PREPOSITIONS = frozenset({"of", "for", "from"})
"""A gerund after these is done by the verb's object: "accused X of attacking", "stopped X from
joining" (after "after", "by", "before" ... by its subject)."""
NEGATIONS = frozenset({"not", "never", "n't", "no", "without"})
SPEECH = frozenset(
    {"say", "announce", "tell", "state", "declare", "insist", "conclude", "add", "report", "claim",
     "note", "stress", "warn", "argue", "maintain", "assert", "believe", "think", "write", "reiterate"}
)  # fmt: skip
DEMAND_MODALS = frozenset({"must", "should"})
SPECULATIVE_ADJECTIVES = frozenset({"potential", "possible", "proposed", "planned", "prospective", "likely"})
HEDGED_ADJECTIVES = frozenset({"alleged", "suspected", "reported", "purported"})
PARTICIPANT_PREPOSITIONS = frozenset({"with", "between", "among", "of", "from", "including", "featuring"})
SOURCE_PARTICIPLES = frozenset({"link", "lead", "back", "organise", "organize", "sponsor", "host", "run"})
MEANS_PREPOSITIONS = frozenset({"in", "by", "during", "with"})
"""The prepositions by which a verb names the act that did it ("killed in an airstrike")."""
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "acl", "relcl", "advcl", "conj", "pcomp", "pobj", "dobj", "prep"})
ACTOR_POS = frozenset({"NOUN", "PROPN"})
QUANTITY_HEADS = frozenset(
    {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions", "score",
     "scores", "group", "number", "band", "crowd", "handful", "some", "many", "most", "all", "few", "total",
     "wave", "series", "spate", "string", "round", "barrage", "volley",
     # parts of a body that stand for it: "the highest levels of the royal court", "remnants of Isis"
     "level", "rank", "element", "remnant", "incarnation", "faction", "wing", "echelon"}
)  # fmt: skip
MODIFIER_DEPS = frozenset({"npadvmod", "compound", "amod", "poss", "nmod"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her"})
BODY_KINDS = frozenset({"organization", "group", "igo", "media"})
"""Entity kinds that are bodies one can join or found."""
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
RANGE_PREPOSITIONS = frozenset({"since", "until", "till", "before", "after", "by"})
TIME_PREPOSITIONS = frozenset({"during", "on", "after", "following", "before"})
"""Prepositions that time a clause by a visit ("during a trip", "on a visit", "after a visit")."""
HUMAN_NOUNS = frozenset(
    {"woman", "man", "child", "people", "person", "family", "prisoner", "detainee", "captive", "hostage",
     "civilian", "journalist", "national", "citizen", "worker", "refugee", "suspect", "wife", "girl", "boy"}
)  # fmt: skip
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
GIVE_OBJECTS = frozenset(
    {"aid", "assistance", "help", "support", "weapon", "arm", "money", "fund", "funding", "loan", "grant",
     "equipment", "training", "supply", "refuge", "shelter", "asylum", "protection", "cover", "backing",
     "ammunition", "food", "medicine", "intelligence", "sanctuary", "dollar", "euro", "pound", "yen",
     "million", "billion", "$", "£", "€"}
)  # fmt: skip
""""give" is an aid only with one of these objects ("gave birth", "gave interviews", "given credit": no)."""
ATTEMPT_VERBS = frozenset({"help", "seek", "try", "attempt"})
PERMIT_VERBS = frozenset({"allow", "permit", "let"})
"""With a verb complement these name the attempt, not an act of their own ("helped organise", "sought to
convince"): the complement, if it is an event, is the event."""
COMMENT_VERBS = SPEECH | {
    "comment", "elaborate", "confirm", "deny", "answer", "respond", "speak", "discuss", "give", "rule"
}  # fmt: skip
"""What one declines to do when declining is no rejection of anyone ("declined to comment", "refused
to deny", "refused to rule out")."""
HYPOTHETICAL_GOVERNORS = frozenset({"ensure", "guarantee", "prevent", "ward"})
"""An act in their complement is a goal, not an event ("to ensure that Turkey does not attack")."""
MILITARY_NOUNS = frozenset(
    {"coalition", "force", "troop", "militia", "army", "military", "airstrike", "jet", "aircraft", "air",
     "fighter", "rebel", "soldier", "airpower", "power"}
)  # fmt: skip
"""Backing by or for these is military aid, not verbal support ("backed by a US-led coalition")."""
ORDER_VERBS = frozenset({"order", "instruct", "direct", "command"})
CONFLICT_NOUNS = frozenset({"war", "conflict"})
"""Nouns that name a whole conflict: without a target ("the seven-year civil war") they are a
background, not an act."""
VERB_FORM_NOUNS = frozenset(
    {"arrest", "capture", "murder", "release", "rescue", "seizure", "ban", "expulsion", "removal"}
)
"""Event nouns that are also their verb's form: "the arrest of X" is done to X (see ``_deverbal``)."""


@dataclass(kw_only=True)
class Frame(MentionIndex):
    """What the event and relation stages look up while they walk one document's parse (the
    mentions by token and the pronouns' referents of :class:`MentionIndex`, and more)."""

    x: Extraction
    actor_types: frozenset[str]
    place_types: frozenset[str]
    lexicon: ActorLexicon
    dateline_end: int = 0
    """Offset where the wire dateline ends (0 when there is none)."""
    dates: list[DateMention] = field(default_factory=list)
    """Dates after the dateline, by start."""
    date_starts: list[int] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    """Claims by start."""
    claim_starts: list[int] = field(default_factory=list)
    speaker_roles: frozenset[str] = frozenset()
    """Words for a person's role ("president", "foreign minister"), from the claims' cue data."""
    roles: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    """Role word -> the persons the text writes with it -> the entities qualifying the role there."""
    bodies: bool = False
    """Whether a force named by its owner is an argument as written ("Assad's forces", tied to
    Assad): events cite who acted as the text names them; relations tie the owner itself."""

    def infinitive(self, i: int) -> bool:
        """Whether the verb at token ``i`` is a to-infinitive ("to discuss")."""
        return any(k.dep == "aux" and k.text.lower() == "to" for k in self.kids(i))

    @classmethod
    def of(cls, annotation: Annotation, x: Extraction) -> Frame:
        lex = actors()
        mention_at, first, last = MentionIndex.positions(annotation, x)
        skip = dateline_end(x.document)
        dates = sorted((d for d in x.dates if d.start >= skip), key=lambda d: d.start)
        frame = cls(
            annotation=annotation,
            x=x,
            mention_at=mention_at,
            mentions=x.mentions,
            mention_first=first,
            mention_last=last,
            actor_types=lex.mention_types,
            place_types=lex.place_types,
            lexicon=lex,
        )
        frame.dateline_end = skip
        frame.lead = lead_sentence(annotation, skip)
        frame.dates = dates
        frame.date_starts = [d.start for d in dates]
        frame.claims = sorted(x.claims, key=lambda c: c.start)
        frame.claim_starts = [c.start for c in frame.claims]
        frame.entity_kind = {e.id: e.kind for e in x.entities}
        frame.genders = person_genders(annotation, x.mentions)
        frame.speaker_roles = cue_lexicon().role_nouns
        frame.roles = role_holders(annotation, x.mentions, frame.speaker_roles, frame.lede_referent)
        return frame

    # -- lookups ----------------------------------------------------------------------------
    def arg(self, m: Mention) -> Arg:
        return Arg(start=m.start, end=m.end, text=m.text, entity=m.entity)

    def span_arg(self, first: int, last: int, entity: str | None = None) -> Arg:
        a, b = self.tok(first), self.tok(last)
        return Arg(start=a.start, end=b.end, text=self.annotation.text[a.start : b.end], entity=entity)

    def is_actor_mention(self, m: Mention | None) -> bool:
        return m is not None and m.type in self.actor_types

    def is_place_mention(self, m: Mention | None) -> bool:
        return m is not None and m.type in self.place_types

    def claim_of(self, offset: int) -> str | None:
        """The innermost claim whose span holds ``offset``."""
        k = bisect.bisect_right(self.claim_starts, offset)
        best = None
        for c in self.claims[:k]:
            if c.start <= offset < c.end and (best is None or c.end - c.start < best.end - best.start):
                best = c
        return best.id if best else None

    def dates_between(self, start: int, end: int) -> list[DateMention]:
        a = bisect.bisect_left(self.date_starts, start)
        b = bisect.bisect_left(self.date_starts, end)
        return self.dates[a:b]

    # -- arguments --------------------------------------------------------------------------
    def conjuncts(self, i: int) -> list[int]:
        """Token ``i`` and its coordinated heads ("Hamas, LeT and JeM")."""
        out = [i]
        stack = [i]
        while stack:
            k = stack.pop()
            for c in self.kids(k):
                if c.dep == "conj" and c.pos in ACTOR_POS | {"ADJ"}:
                    out.append(c.i)
                    stack.append(c.i)
        return out

    def listed_after(self, k: int) -> list[int]:
        """Mentions coordinated to the right of mention ``k`` on the surface: "X (Y), Z and W"."""
        toks = self.annotation.tokens
        out: list[int] = []
        i = self.mention_last[k] + 1
        sent = toks[self.mention_first[k]].sent
        while i < len(toks) and toks[i].sent == sent:
            t = toks[i]
            if t.text == "(":  # a parenthesised alias "(LeT)": same actor, skip it
                j = i + 1
                while j < len(toks) and toks[j].text != ")" and j - i < 8:
                    j += 1
                i = j + 1
                continue
            if t.text in {",", "and", "or", "&"} or t.dep == "preconj":
                j = i + 1
                while j < len(toks) and toks[j].text in {"and", "or", ",", "the"}:
                    j += 1
                if (
                    j < len(toks)
                    and self.mention_at[j] >= 0
                    and self.is_actor_mention(self.mention(j))
                    and toks[self.mention_last[self.mention_at[j]]].dep not in MODIFIER_DEPS
                ):
                    nxt = self.mention_at[j]
                    out.append(nxt)
                    i = self.mention_last[nxt] + 1
                    continue
            break
        return out

    def accompanying(self, i: int) -> list[Arg]:
        """The actors joined to noun ``i`` by "along with" or "together with" ("Putin, along with
        his Turkish counterpart, Erdoğan, ... are due to meet"): they act with it."""
        out: list[Arg] = []
        for c in self.kids(i):
            if c.dep == "prep" and c.lemma.lower() in {"along", "together"}:
                for w in self.kids(c.i):
                    if w.dep == "prep" and w.lemma.lower() == "with":
                        for p in self.kids(w.i):
                            if p.dep == "pobj":
                                out.extend(self.actor_args(p.i))
        return out

    def anaphor(self, i: int) -> Mention | None:
        """ "the organisation" -> the nearest preceding named organisation (within 3 sentences)."""
        t = self.tok(i)
        if t.lemma.lower() not in self.lexicon.anaphoric_organisation_nouns:
            return None
        if not any(c.dep == "det" and c.text.lower() == "the" for c in self.kids(i)):
            return None
        if any(c.dep in {"compound", "amod", "poss"} and self.mention_at[c.i] >= 0 for c in self.kids(i)):
            return None
        k = bisect.bisect_left([m.start for m in self.mentions], t.start) - 1
        while k >= 0:
            m = self.mentions[k]
            first = self.mention_first[k]
            if first >= 0 and t.sent - self.tok(first).sent > 3:
                return None
            if m.type == "ORG":
                return m
            k -= 1
        return None

    def noun_phrase(self, i: int) -> tuple[int, int]:
        """First and last token of the modifiers + head of noun ``i`` (no determiner, no clauses)."""
        first = i
        for c in self.kids(i):
            if c.i < i and c.dep in {"compound", "amod", "nmod", "nummod", "poss", "npadvmod"}:
                first = min(first, self.annotation.subtree(c.i)[0].i)
        return first, i

    def actor_args(self, i: int, nominal: bool = True, depth: int = 0) -> list[Arg]:
        """The actors a noun phrase headed by token ``i`` names (conjuncts split)."""
        out: dict[tuple[int, int, str | None], Arg] = {}
        for h in self.conjuncts(i):
            for a in self._head_args(h, nominal, depth):
                out.setdefault((a.start, a.end, a.entity), a)  # "they" for two named: both
        return list(out.values())

    def _head_args(self, h: int, nominal: bool, depth: int) -> list[Arg]:
        t = self.tok(h)
        if t.start < self.dateline_end:
            # the parser often hangs the lead's subject on the dateline ("Dakar, Feb 2 (AFP) Senegal ...")
            return [a for c in self.kids(h) if c.dep == "appos" for a in self.actor_args(c.i, nominal, depth + 1)]
        if (lede := self.lede_referent.get(h)) is not None:
            # "A former British soldier jailed in Turkey ... Joe Robinson, 25, ...": the person named next
            first, last = self.noun_phrase(h)
            return [self.span_arg(first, last, lede)]
        k = self.mention_at[h]
        if k >= 0 and self.is_actor_mention(self.mentions[k]):
            found = [self.mentions[k], *(self.mentions[j] for j in self.listed_after(k))]
            return [self.arg(m) for m in found]
        if k < 0 and t.pos in ACTOR_POS and (given := self.named_as(h)) is not None:
            return [self.arg(given)]
        if t.text.lower() in RELATIVE_PRONOUNS and depth < 2:
            # "Shamima Begum, who left to join Isis", "the prince, whom Turkey accuses": the antecedent
            clause = self.tok(t.head)
            if clause.dep == "prep" and t.dep == "pobj":
                clause = self.tok(clause.head)  # "the PKK, with whom Ankara has fought"
            if clause.dep in {"relcl", "acl"} and clause.head != clause.i:
                return self.actor_args(clause.head, nominal, depth + 1)
            return []
        if t.pos in ACTOR_POS and k < 0 and depth < 2:
            # "the international development secretary, Penny Mordaunt, has banned": the person named
            named = [
                a
                for c in self.kids(h)
                if c.dep == "appos" and c.i > h and (m := self.mention(c.i)) is not None and m.type == "PERSON"
                for a in self.actor_args(c.i, nominal, depth + 1)
            ]
            if named:
                return named
        if is_pronoun(t):
            return self._pronoun_antecedent(h)
        if t.pos == "PRON" or t.pos not in ACTOR_POS | {"ADJ", "NUM"}:
            return []
        group = self.counted_group(h)
        if group:
            first, last = self.noun_phrase(h)
            det = [c.i for c in self.kids(h) if c.dep in {"det", "predet"}]
            return [self.span_arg(min([first, *det]), last, m.entity) for m in group]
        ante = self.anaphor(h)
        if ante is not None:
            first, last = self.noun_phrase(h)
            det = [c.i for c in self.kids(h) if c.dep == "det"]
            return [self.span_arg(min([first, *det]), last, ante.entity)]
        # modifiers naming the actor: "Hungarian and Romanian officials", "Taiwan's minister"
        mods: list[Arg] = []
        for c in self.kids(h):
            if c.i < h and c.dep in {"amod", "compound", "nmod", "poss"}:
                m = self.mention(c.i)
                if t.lemma.lower() in events().nouns and self.names_where(c, m):
                    continue  # "the Paris attacks killed 130": the city says where, not who
                if m is not None and self.stance_start(m.start) is not None:
                    continue  # "its anti-Isis force" is no Isis force: a stance is no actor
                if self.is_actor_mention(m) and m is not None:
                    found = [m, *(mc for cj in self.conjuncts(c.i)[1:] if (mc := self.mention(cj)) is not None)]
                    new = [a for mc in found if self.is_actor_mention(mc) and (a := self._modifier_arg(mc, h))]
                    if self.bodies and new and mods and c.dep == "amod" and len(found) == 1 and len(mods) == 1:
                        # "Syrian Kurdish forces": stacked adjectives name one body, the nearest
                        # qualifying it, not two actors (unlike "Russian and Iranian forces")
                        mods = [
                            replace(
                                new[0],
                                start=min(mods[0].start, new[0].start),
                                text=self.annotation.text[min(mods[0].start, new[0].start) : new[0].end],
                            )
                        ]
                        continue
                    mods.extend(new)
                elif (
                    self.bodies
                    and c.dep == "poss"
                    and is_pronoun(c)
                    and t.lemma.lower() in self.lexicon.nouns
                    and t.lemma.lower() not in events().counterpart_nouns
                ):
                    # "its fighters", "their troops": the body, tied to whom the pronoun stands for
                    # (never "their father": a relative is someone else)
                    mods.extend(self.span_arg(c.i, h, a.entity) for a in self._pronoun_antecedent(c.i) if a.entity)
        lemma = t.lemma.lower()
        if t.tag == "NNS" and lemma in self.speaker_roles and len(mods) > 1 and self.mention_at[h] < 0:
            # "the Russian and Turkish presidents": each state's holder of the role, where the text
            # writes one with it ("the Russian president, Vladimir Putin"); else the states' phrase
            holders = [role_holder(self.roles, lemma, {a.entity}) if a.entity else None for a in mods]
            if all(holders) and len(set(holders)) == len(holders):
                return [replace(a, entity=p) for a, p in zip(mods, holders, strict=True)]
        if t.tag == "NN" and lemma in self.speaker_roles and not self.mention_at[h] >= 0:
            # "the US president", "Turkey's foreign minister": the person in that role, not the
            # country that qualifies it; the role phrase as written unless one person holds it
            holder = role_holder(self.roles, lemma, {a.entity for a in mods if a.entity})
            if mods or holder is not None:
                first, last = self.noun_phrase(h)
                return [self.span_arg(first, last, holder)]
        if mods:
            return mods
        if lemma in QUANTITY_HEADS and depth < 2:
            # "thousands of students", "a group of Moroccan diplomats"
            for c in self.kids(h):
                if c.dep == "prep" and c.lemma == "of":
                    for p in self.kids(c.i):
                        if p.dep == "pobj":
                            return self.actor_args(p.i, nominal, depth + 1)
        is_actor_noun = lemma in self.lexicon.nouns
        if is_actor_noun and depth < 2:
            # "representatives of LeT", "leaders of Romania's new government"
            for c in self.kids(h):
                if c.dep == "prep" and c.lemma == "of" and c.i > h:
                    for p in self.kids(c.i):
                        if p.dep == "pobj":
                            inner = self.actor_args(p.i, nominal, depth + 1)
                            if inner:
                                return inner
        nxt = h + 1
        if is_actor_noun and nxt < len(self.annotation.tokens) and self.mention_at[nxt] >= 0:
            # "terror groups Lashkar-e-Taiba (LeT) and Jaish-e-Mohammad (JeM)": the names that follow
            k2 = self.mention_at[nxt]
            if self.is_actor_mention(self.mentions[k2]) and self.mention_first[k2] == nxt:
                return [self.arg(m) for m in (self.mentions[k2], *(self.mentions[j] for j in self.listed_after(k2)))]
        if nominal and is_actor_noun and t.pos == "NOUN":
            first, last = self.noun_phrase(h)
            return [self.span_arg(first, last)]
        return []

    def names_where(self, c: Token, m: Mention | None) -> bool:
        """Whether modifier ``c`` of an act's noun (mention ``m``) is a place naming where the act
        was, not who did it: "the Warsaw summit", "the Paris attacks"."""
        return c.dep == "compound" and m is not None and self.entity_kind.get(m.entity or "") == "place"

    def named_as(self, h: int) -> Mention | None:
        """The name a description gives its actor: "a militia known as the Syrian Democratic
        Forces", "a group calling itself Jaish al-Islam"."""
        for c in self.kids(h):
            if c.dep != "acl" or c.i < h or c.lemma.lower() not in events().naming_participles:
                continue
            for g in self.kids(c.i):
                names = [p for p in self.kids(g.i) if p.dep == "pobj"] if g.dep == "prep" and g.lemma == "as" else []
                if g.dep in {"oprd", "attr", "dobj", "xcomp"}:
                    names.append(g)
                for n in names:
                    m = self.mention(n.i)
                    if m is not None and self.is_actor_mention(m) and not self.is_bare_modifier(m):
                        return m
        return None

    def _modifier_arg(self, m: Mention, h: int) -> Arg | None:
        """ "Kurdish forces": the phrase a demonym modifies is the actor (with the demonym's entity);
        a name modifying a noun ("Taiwan's minister", "US troops") stands for the actor itself."""
        head = self.tok(h)
        lemma = head.lemma.lower()
        a = self.annotation.token_at(m.start)
        dets = {c.text.lower() for c in self.kids(h) if c.dep == "det"}
        if (
            self.bodies
            and head.tag == "NN"
            and (m.type == "NORP" or self.entity_kind.get(m.entity or "") == "state")
            and (
                (dets & {"a", "an"} and (lemma in self.lexicon.nouns or lemma in self.person_descriptions))
                or ("the" in dets and lemma in self.person_descriptions)
            )
        ):
            # "a former British soldier", "a US pastor", "the British journalist": one person of
            # that country, not the country (the person named beside: "John Cantlie, the British
            # journalist captured by Isis")
            return self.span_arg(a.i if a is not None else h, h, self._apposed_person(h))
        if (
            self.entity_kind.get(m.entity or "") == "place"
            and head.pos == "NOUN"
            and m.end <= head.start
            and (lemma in self.person_descriptions or lemma in self.lexicon.nouns)
        ):
            # "the east London teenager", "Idlib rebels": people of the place, not the place
            return self.span_arg(a.i if a is not None else h, h, self._apposed_person(h))
        if not self.is_bare_modifier(m):
            if self.bodies and head.pos == "NOUN" and lemma in self.lexicon.nouns:
                # "Assad's forces", "US troops": the body as written, tied to the actor it belongs to
                return self.span_arg(a.i if a is not None else h, h, m.entity)
            return self.arg(m)
        if lemma in events().nouns or not (
            lemma in self.lexicon.nouns or lemma in events().agent_objects or head.tag in {"NNS", "NNPS"}
        ):
            return None  # "the Kurdish demand", "a Bolivian proposal": a thing, not an actor
        return self.span_arg(a.i if a is not None else h, h, m.entity)

    def _apposed_person(self, h: int) -> str | None:
        """The person a description headed by ``h`` is in apposition to ("John Cantlie, the British
        journalist"), also where the parse did not link the two; else None."""
        named = self.mention(self.tok(h).head) if self.tok(h).dep == "appos" else None
        if named is None:
            first = min([self.noun_phrase(h)[0], *(c.i for c in self.kids(h) if c.dep == "det")])
            if first >= 2 and self.tok(first - 1).text == ",":
                named = self.mention(first - 2)
        return named.entity if named is not None and named.type == "PERSON" else None

    def is_bare_arg(self, a: Arg) -> bool:
        """An argument that names no actor: a bare demonym or adjective, or a pronoun that
        reference resolution did not tie to an entity."""
        t = self.annotation.token_at(a.start)
        if t is None:
            return False
        single = self.annotation.token_at(a.end - 1) is t
        if single and t.pos == "PRON" and a.entity is None:
            return True
        m = self.mention(t.i)
        same = m is not None and m.start == a.start and m.end == a.end
        return single and (t.pos == "ADJ" or (same and m is not None and self.is_bare_modifier(m)))

    def _fronted_place(self, a: Arg) -> bool:
        """ "Near Ar Raqqah, 15 strikes engaged ...": a place after a capitalised preposition that
        the parser made the clause's subject is where it happened, not who did it."""
        t = self.annotation.token_at(a.start)
        if t is None or t.i == 0:
            return False
        before = self.tok(t.i - 1)
        return before.text[:1].isupper() and before.text.lower() in FRONTED_PREPOSITIONS

    def subjects(self, v: int, depth: int = 0) -> tuple[list[Arg], bool]:
        """Actor arguments of the subject of verb ``v`` and whether the clause is passive."""
        passive = False
        for c in self.kids(v):
            if c.dep in PASSIVE_SUBJECTS or c.dep == "auxpass":
                passive = True  # "to be asked": no subject of its own, still not the agent
        t = self.tok(v)
        if t.dep == "acl" and t.tag == "VBN" and not any(c.dep in {"aux", "nsubj"} for c in self.kids(v)):
            passive = True  # "four fighters killed on the battlefront": the noun described is acted on
        if (
            not passive
            and t.dep == "conj"
            and t.tag == "VBN"
            and not any(c.dep in {"aux", "nsubj"} for c in self.kids(v))
            and any(c.dep == "auxpass" for c in self.kids(t.head))
        ):
            passive = True  # "were identified and arrested": the second participle is passive too
        purpose = any(c.dep == "mark" and c.text.lower() == "for" for c in self.kids(v))
        for c in self.kids(v):
            if c.dep in SUBJECTS and purpose and self.is_place_mention(self.mention(c.i)):
                continue  # "left for Syria to join Isis": a destination misread as the subject
            if c.dep in SUBJECTS:
                if c.pos == "PRON" and c.text.lower() in PRONOUNS and depth < 3:
                    up = self._speaker_of_clause(v)
                    if up is not None:
                        speaker = self.subjects(up, depth + 1)[0]
                        if may_stand_for(c.text.lower(), {self.entity_kind.get(a.entity or "") for a in speaker}):
                            return speaker, passive
                    return self._pronoun_antecedent(c.i), passive
                if c.text.lower() in {"which", "who", "that"}:
                    t = self.tok(v)
                    if t.dep == "relcl":
                        found = self.actor_args(t.head)
                        if not found and c.i > 0 and self.tok(c.i - 1).text in {"–", "—", ","}:
                            # "a buffer between militias and Turkey – which has threatened": the
                            # parser hangs the clause on the phrase; the name just before it is meant
                            found = [a for a in self._preceding_actors(c.i) if a.entity]
                        return found, passive
                found = [a for a in self.actor_args(c.i) if not self._fronted_place(a)]
                if found:
                    found.extend(a for a in self.accompanying(c.i) if a not in found)
                if not found and self.tok(v).tag in {"VBG", "VBN"}:
                    # "the nexus between ... groups X and Y operating openly ...": a misparsed participle
                    found = self._preceding_actors(v)
                return found, passive
            if c.dep == "agent":
                for p in self.kids(c.i):
                    if p.dep == "pobj":
                        return self.actor_args(p.i), passive
        if passive:
            return [], passive
        t = self.tok(v)
        if depth < 4 and t.head != v:
            head = self.tok(t.head)
            if t.dep == "xcomp":
                # object control: "invited Sharif to join", "urged X to ..."; a place left behind
                # controls nothing ("fled the US to join Isis": she joins)
                asks = head.lemma.lower() in ORDER_VERBS or any(
                    e.type == "REQUEST" for e in events().verbs.get(head.lemma.lower(), ())
                )
                for c in self.kids(head.i):
                    # "asked Turkey, Russia and Iran to meet": a state asked acts, a place left does not
                    if c.dep in OBJECTS and (asks or not self.is_place_mention(self.mention(c.i))):
                        return self.actor_args(c.i), passive
                return self.subjects(head.i, depth + 1)[0], passive
            if (t.dep == "conj" or (t.dep == "dep" and t.tag == head.tag == "VB")) and head.pos in {"VERB", "AUX"}:
                # "to operate freely, participate in events, and forge alliances": one subject
                shared = self.subjects(head.i, depth + 1)[0]
                said = self.tok(head.head)
                if not shared and t.dep == "conj" and head.dep == "ccomp" and said.lemma.lower() in SPEECH:
                    # "the WHO said the situation was critical and called on all parties": the
                    # parser joins the speaker's second act to what was said
                    shared = self.subjects(said.i, depth + 1)[0]
                return shared, passive
            if t.dep in {"acl", "relcl"} and head.pos in ACTOR_POS:
                found = self.actor_args(head.i)
                if not found and t.dep == "acl" and self.infinitive(v):
                    # "his pledge to pull troops out", "Trump's promise to leave": who pledges acts
                    found = _owner(self, head.i)
                    if not found and head.dep in OBJECTS and head.lemma.lower() in events().embedding["planned"]:
                        # "the administration reversed plans to withdraw": whose plans they are
                        found = self.subjects(head.head, depth + 1)[0]
                return found, passive
            if t.dep == "advcl" and t.tag == "VBG":
                return self.subjects(head.i, depth + 1)[0], passive
            if t.dep == "acomp" and t.pos == "ADJ" and head.pos in {"VERB", "AUX"}:
                # "Damascus will remain determined to retake Idlib", "whether European powers will
                # be willing to lift sanctions": the adjective's bearer does the act
                return self.subjects(head.i, depth + 1)[0], passive
            if t.dep == "pcomp" and t.tag == "VBG" and head.head != head.i:
                # "suspected of joining Isis", "jailed after joining a Kurdish group", "accused
                # the YPG of attacking": who does what the gerund names
                return self._gerund_agent(head.head, head.lemma.lower(), depth), passive
            if t.dep == "advcl" and t.tag == "VB" and self.infinitive(v):
                # a purpose clause: "forces moved north to defeat ISIL" (the main clause's subject)
                return self.subjects(head.i, depth + 1)[0], passive
        if t.dep in {"csubj", "acl", "amod", "advcl", "dep"}:
            return self._preceding_actors(v), passive
        return [], passive

    def _gerund_agent(self, g: int, prep: str, depth: int) -> list[Arg]:
        """The agent of a gerund in a prepositional phrase on token ``g``: the object of a verb
        that has one ("accused the YPG of attacking"), the subject of a passive verb ("he was
        convicted of fighting"), the noun a participle describes ("a soldier jailed after
        joining"), else the verb's own subject ("Isis retook the town after killing ...")."""
        gov = self.tok(g)
        if gov.pos == "ADJ" and gov.dep in {"acomp", "amod"} and gov.head != g:
            return self._gerund_agent(gov.head, prep, depth + 1) if depth < 4 else []
        if gov.pos not in {"VERB", "AUX"}:
            return []
        if prep in OBJECT_CONTROL_PREPOSITIONS:
            for c in self.kids(g):
                if c.dep in OBJECTS:
                    return self.actor_args(c.i)
        for c in self.kids(g):
            if c.dep in PASSIVE_SUBJECTS:
                return self.actor_args(c.i)
        if gov.dep == "acl" and gov.tag == "VBN" and gov.head < g:
            return self.actor_args(gov.head)
        return self.subjects(g, depth + 1)[0]

    def _speaker_of_clause(self, v: int) -> int | None:
        """For "X said it would ...": the speech verb whose complement holds ``v``."""
        t = self.tok(v)
        if first_person_subject(self, v):
            return None
        if t.dep in {"ccomp", "parataxis"} and self.tok(t.head).lemma in SPEECH:
            return t.head
        return None

    def _pronoun_antecedent(self, i: int) -> list[Arg]:
        """The pronoun at ``i`` with its antecedent's entity (:mod:`~newsgraph.extract.pronouns`,
        the one resolver of events and relations), or nothing when none is certain enough."""
        return antecedent_args(self, i)

    def _preceding_actors(self, v: int) -> list[Arg]:
        """The mentions listed just before a subject-less participle ("groups X and Y operating")."""
        toks = self.annotation.tokens
        j = v - 1
        while j >= 0 and toks[j].sent == toks[v].sent and toks[j].text in {")", ",", "(", "–", "-"}:
            j -= 1
        if j < 0 or toks[j].sent != toks[v].sent:
            return []
        k = self.mention_at[j]
        if k < 0:
            return []
        # walk left over "X (x), Y and Z" to the start of the list
        first = k
        i = self.mention_first[k] - 1
        while i >= 0 and toks[i].sent == toks[v].sent:
            if toks[i].text in {"(", ")", ",", "and", "or"}:
                i -= 1
                continue
            kk = self.mention_at[i]
            if kk >= 0 and self.is_actor_mention(self.mentions[kk]):
                first = kk
                i = self.mention_first[kk] - 1
                continue
            break
        if not self.is_actor_mention(self.mentions[first]):
            return []
        found = [self.mentions[first], *(self.mentions[j2] for j2 in self.listed_after(first))]
        return [self.arg(m) for m in found if self.mention_first[self.mentions.index(m)] < v]


@dataclass
class _Draft:
    """An event being built (mutable until it becomes an :class:`Event`)."""

    type: str
    mode: str | None
    trigger: int
    trigger_end: int
    sentence: Sentence
    source: list[Arg] = field(default_factory=list)
    target: list[Arg] = field(default_factory=list)
    participants: list[Arg] = field(default_factory=list)
    location: Arg | None = None
    modality: str = "asserted"
    nominal: bool = False


def find_events(annotation: Annotation, x: Extraction) -> tuple[Event, ...]:
    """The document's events, in text order."""
    if not annotation.tokens:
        return ()
    ont = events()
    frame = Frame.of(annotation, x)
    frame.bodies = True
    drafts: list[_Draft] = []
    for sentence in annotation.sentences:
        drafts.extend(_sentence_events(frame, ont, sentence))
    drafts.sort(key=lambda d: (d.trigger, d.type))
    out: list[Event] = []
    for d in drafts:
        t = frame.tok(d.trigger)
        end_tok = frame.tok(d.trigger_end)
        etype = ont.types[d.type]
        out.append(
            Event(
                id=f"v{len(out) + 1}",
                type=d.type,
                mode=d.mode,
                cameo=etype.cameo_for(d.mode),
                trigger=Span(t.start, end_tok.end, annotation.text[t.start : end_tok.end]),
                sentence=SentenceSpan(d.sentence.start, d.sentence.end),
                source=tuple(d.source),
                target=tuple(a for a in d.target if a not in d.source),
                participants=tuple(d.participants),
                date=_event_date(frame, d),
                location=d.location,
                modality=d.modality,
                claim=frame.claim_of(t.start),
            )
        )
    return tuple(out)


def match_trigger(frame: Frame, table: dict[str, tuple[Trigger, ...]], t: Token) -> Trigger | None:
    """The lexicon entry token ``t`` realises, two-word entries first ("open fire")."""
    entries = table.get(t.lemma.lower())
    if not entries:
        return None
    kid_lemmas: set[str] | None = None
    for e in entries:
        if e.dependent is None:
            return e
        if kid_lemmas is None:
            # a preposition counts only right after the verb ("called on all parties", not "called
            # him on the day"; "fired on the wives", not "fired him on Monday")
            kid_lemmas = {c.lemma.lower() for c in frame.kids(t.i) if c.dep != "prep" or _adjacent(frame, t.i, c.i)}
            for c in frame.kids(t.i):  # "open the border": the object's own modifiers too
                if c.dep in OBJECTS or c.dep == "prt":
                    kid_lemmas.update(k.lemma.lower() for k in frame.kids(c.i))
                elif c.dep in {"advcl", "ccomp"}:
                    # "called for a force to be stationed": the preposition parsed as the clause's mark
                    kid_lemmas.update(
                        k.lemma.lower() for k in frame.kids(c.i) if k.dep == "mark" and _adjacent(frame, t.i, k.i)
                    )
        if e.dependent in kid_lemmas:
            return e
    return None


def _adjacent(frame: Frame, v: int, k: int) -> bool:
    """Whether token ``k`` follows verb ``v`` directly or after one adverb ("called publicly for")."""
    return k == v + 1 or (k == v + 2 and frame.tok(v + 1).pos == "ADV")


def _sentence_events(frame: Frame, ont: EventOntology, sentence: Sentence) -> list[_Draft]:
    toks = frame.annotation.sentence_tokens(sentence)
    found: dict[int, Trigger] = {}
    for t in toks:
        if t.pos == "VERB":
            trig = match_trigger(frame, ont.verbs, t)
        elif t.pos == "NOUN":
            trig = match_trigger(frame, ont.nouns, t)
        else:
            trig = None
        if trig is not None:
            found[t.i] = trig
    drafts: list[_Draft] = []
    cameo = cameo_verbs()
    for i, trig in found.items():
        t = frame.tok(i)
        if trig.pos == "verb":
            sense = cameo_sense(frame, ont, cameo, trig, t)
            if sense is None:
                continue
            if sense != trig.type:
                trig = Trigger(sense, None, "verb", trig.lemma)
            if t.dep == "amod":  # "Pakistan-occupied Kashmir", "US-led body": attributes, not events
                continue
            if t.lemma in ont.light_verbs and _governs_event_noun(frame, found, i):
                continue
            head = frame.tok(t.head)
            if t.dep in {"xcomp", "ccomp"} and head.lemma.lower() in ORDER_VERBS and _is_passive(frame, i):
                continue  # "ordered her citizenship to be revoked": the order carries the act
            d = _verb_event(frame, ont, trig, t, sentence)
        else:
            head = frame.tok(t.head)
            if t.dep == "compound" or (
                head.i != i
                and head.i in found
                and found[head.i].pos == "verb"
                and head.lemma not in ont.light_verbs
                and t.dep not in SUBJECTS | PASSIVE_SUBJECTS
            ):
                continue
            d = _noun_event(frame, ont, trig, t, sentence)
        if d is not None:
            _drop_bare_args(frame, d)
            _place_of_target(frame, ont, d)
            _moved_not_target(frame, ont, d)
        if d is None or not (d.source or d.target or d.participants or (d.nominal and d.location)):
            continue
        if _hypothetical(frame, i):
            continue
        d.modality = _modality(frame, ont, i)
        drafts.append(d)
        drafts.extend(_commitments(frame, ont, d, found))
    for d in _demands(frame, sentence, toks):
        _drop_bare_args(frame, d)
        if d.source and d.target:
            drafts.append(d)
    drafts = _threatened_acts(frame, ont, _merge_same_act(frame, _merge_generic(drafts)))
    for d in drafts:
        _widen_to_same_act(frame, found, d)
    return drafts


def _widen_to_same_act(frame: Frame, found: dict[int, Trigger], d: _Draft) -> None:
    """A verb's trigger runs over the noun that names the same act as its subject, means or
    antecedent ("airstrikes killed", "killed in an airstrike", "shelling that has killed"), so the
    act is one event whichever word a reader takes for it."""
    if d.nominal:
        return
    for i, trig in found.items():
        if trig.pos == "noun" and trig.type == d.type and _noun_of_act(frame, d.trigger, i):
            d.trigger, d.trigger_end = min(d.trigger, i), max(d.trigger_end, i)


def _noun_of_act(frame: Frame, verb: int, noun: int) -> str | None:
    """How ``noun`` names the act of ``verb`` again, if it does: as its subject ("RAF airstrikes
    killed ..."), as the means it names ("was killed in an airstrike", "killed by shelling"), or as
    the noun its relative clause hangs on ("shelling that has killed")."""
    t, n = frame.tok(verb), frame.tok(noun)
    if t.dep == "relcl" and t.head == noun:
        return "relcl" if 0 < verb - noun <= 4 else None
    if n.head == verb:
        return "subject" if n.dep in SUBJECTS and 0 < verb - noun <= 3 else None
    prep = frame.tok(n.head)
    means = n.dep == "pobj" and prep.head == verb and prep.dep in {"prep", "agent"}
    return "means" if means and prep.lemma.lower() in MEANS_PREPOSITIONS and 0 < noun - verb <= 5 else None


def _same_act(frame: Frame, a: _Draft, head: int, b: _Draft) -> bool:
    """Whether draft ``b`` describes the act of draft ``a`` (whose trigger word is ``head``) again,
    the guide's "one event per act": a verb coordinated with it ("shot and wounded", "killed or
    wounded"), or a noun that names it (:func:`_noun_of_act`)."""
    if a.sentence != b.sentence:
        return False
    if a.type == events().intent["refusal"] and not a.nominal and not b.nominal:
        # "refused to withdraw its troops", "declined to attend": the refusal is the act
        tb = frame.tok(b.trigger)
        return tb.head == head and tb.dep == "xcomp" and 0 < b.trigger - head <= 3
    if a.type != b.type:
        return False
    if a.nominal:
        return not b.nominal and _noun_of_act(frame, b.trigger, head) == "relcl"
    if b.nominal:
        return _noun_of_act(frame, head, b.trigger) in {"subject", "means"}
    tb = frame.tok(b.trigger)
    if tb.head != head or b.trigger <= head:
        return False
    if tb.dep == "conj":
        return b.trigger - head <= 3
    # the same act told again in a clause on the verb: its purpose ("met in Tehran to discuss
    # Idlib") or what it did ("warned ..., warning that", "fired a missile, wounding two")
    return tb.dep in {"advcl", "xcomp"} and (tb.tag == "VBG" or frame.infinitive(b.trigger))


THREAT_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp"})
THREAT_CHAIN = THREAT_COMPLEMENTS | {"nsubj", "nsubjpass", "advcl", "prep", "pobj"}
"""Arcs from a threat's complement down to the act it threatens ("to send troops to attack",
"an operation against"); not "and" (a second verb of the complement is another act)."""


def _threatened_acts(frame: Frame, ont: EventOntology, drafts: list[_Draft]) -> list[_Draft]:
    """A threat is aimed at whom the threatened act would strike: "warned America that an
    operation against the YPG is near" threatens the YPG as well as America, "threatened an
    offensive on the Kurds" the Kurds. The act inside a threat verb's object or complement gives
    its targets to the threat; told as the threatener's own act (no other actor named as doing
    it), it is the threat's content, not an event of its own (one event per act). An act another
    actor would do ("warned it will not stand by and watch a Russian attack") stays an event."""
    threat = ont.intent["conflictual"]
    out = list(drafts)
    for d in drafts:
        if d.type != threat or d.nominal or frame.tok(d.trigger).pos != "VERB":
            continue  # not a commitment read off "will" or "determined": that draft is the act's copy
        inside: set[int] = set()
        stack = [c.i for c in frame.kids(d.trigger) if c.dep in THREAT_COMPLEMENTS]
        while stack:  # the complement's own verb, subject and object, and the acts they aim at
            k = stack.pop()
            inside.add(k)
            stack.extend(g.i for g in frame.kids(k) if g.dep in THREAT_CHAIN and g.i not in inside)
        own = {_actor_key(a) for a in d.source}
        for b in drafts:
            word = frame.tok(b.trigger)
            # "warned that it would strike": the commitment read off "would" is this warning
            restated = b.type == threat and word.dep == "aux" and word.head in inside
            if b is d or b not in out or not (restated or (b.type != threat and b.trigger in inside)):
                continue
            keys = {_actor_key(a) for a in (*d.target, *d.source)}
            d.target.extend(a for a in b.target if _actor_key(a) not in keys)
            if {_actor_key(a) for a in b.source} <= own:
                out.remove(b)
    return out


def _actor_key(a: Arg) -> str | tuple[int, int]:
    return a.entity or (a.start, a.end)


def _merge_same_act(frame: Frame, drafts: list[_Draft]) -> list[_Draft]:
    """One event per act: a draft that restates another's act joins it, its trigger running over
    both words and its actors added to the other's."""
    if len(drafts) < 2:
        return drafts
    heads = [d.trigger for d in drafts]
    gone: set[int] = set()
    for j, a in enumerate(drafts):
        if j in gone:
            continue
        for k, b in enumerate(drafts):
            if k == j or k in gone or not _same_act(frame, a, heads[j], b):
                continue
            gone.add(k)
            a.trigger, a.trigger_end = min(a.trigger, b.trigger), max(a.trigger_end, b.trigger_end)
            # a refused act's own target is not whom the refusal is aimed at
            for side in ("source", "target", "participants") if a.type == b.type else ("source",):
                have: list[Arg] = getattr(a, side)
                keys = {x.entity or (x.start, x.end) for x in have}
                have.extend(x for x in getattr(b, side) if (x.entity or (x.start, x.end)) not in keys)
            a.location = a.location or b.location
    return [d for k, d in enumerate(drafts) if k not in gone]


def _hypothetical(frame: Frame, i: int) -> bool:
    """Whether the act at token ``i`` is a goal someone works for, not an event ("to ensure that
    Turkey does not attack")."""
    k = i
    for _ in range(4):
        t = frame.tok(k)
        if t.head == k or t.dep not in CLAUSE_LINKS:
            return False
        k = t.head
        if frame.tok(k).lemma.lower() in HYPOTHETICAL_GOVERNORS:
            return True
    return False


def _drop_bare_args(frame: Frame, d: _Draft) -> None:
    """Bare demonyms and unresolved pronouns are no actors: precision first. Nor is an actor its
    own target through a pronoun ("They killed them like cannon fodder": two groups, read as one)."""
    d.source = [a for a in d.source if not frame.is_bare_arg(a)]
    acting = {a.entity for a in d.source if a.entity is not None}
    d.target = [a for a in d.target if not frame.is_bare_arg(a) and not (a.entity in acting and _pronoun_arg(frame, a))]
    d.participants = [a for a in d.participants if not frame.is_bare_arg(a)]


def _place_of_target(frame: Frame, ont: EventOntology, d: _Draft) -> None:
    """ "US troops will leave Syria", "Bolton visited Ankara", "an assault on Idlib": an act done
    to or toward a place happens there, for the types that move or strike (``placed_at_target``)."""
    if d.location is not None or not {d.type, f"{d.type}.{d.mode}"} & ont.placed_at_target:
        return
    for a in d.target:
        t = frame.annotation.token_at(a.start)
        m = frame.mention(t.i) if t is not None else None
        # the place's name as written, not a body of it ("US troops") nor its people ("Syrians")
        if m is not None and (m.start, m.end) == (a.start, a.end) and m.type != "NORP" and frame.is_place_mention(m):
            d.location = a
            return


AIMED_PREPOSITIONS = frozenset({"to", "against"})
MOVED_DEPS = OBJECTS | PASSIVE_SUBJECTS | SUBJECTS


def _moved_not_target(frame: Frame, ont: EventOntology, d: _Draft) -> None:
    """ "Withdraw US troops from Syria", "retreated with other women", "deployed its forces": for the
    types whose object is what moves (``moved_types``), the force moved, its companions and the
    place left or reached are no targets; only whom it surrenders to or is sent against is
    ("surrendered to Kurdish forces"). With no one named as acting, the force moved is the mover
    ("staff will be withdrawn")."""
    if d.type not in ont.moved_types:
        return
    kept: list[Arg] = []
    moved: list[Arg] = []
    for a in d.target:
        t = frame.annotation.token_at(a.start)
        m = frame.mention(t.i) if t is not None else None
        if t is None or (
            m is not None and (m.start, m.end) == (a.start, a.end) and m.type != "NORP" and frame.is_place_mention(m)
        ):
            continue  # the place's name as written; "US troops" is a force
        h = frame.tok(t.i)
        while a.start <= frame.tok(h.head).start and frame.tok(h.head).end <= a.end and h.head != h.i:
            h = frame.tok(h.head)
        modifier = False
        for _ in range(4):
            if h.dep in {"conj", "compound", "amod", "poss", "nmod"}:  # "to the Kurds and the Arabs", "to UN forces"
                modifier = modifier or h.dep != "conj"
                h = frame.tok(h.head)
            elif h.dep == "pobj" and frame.tok(h.head).lemma.lower() == "of" and frame.tok(h.head).head != h.head:
                h = frame.tok(frame.tok(h.head).head)  # "to a group of Syrian fighters"
            elif (
                h.dep == "pobj"
                and frame.tok(h.head).lemma.lower() == "as"
                and frame.tok(frame.tok(h.head).head).lemma.lower() in ont.naming_participles
                and frame.tok(frame.tok(h.head).head).dep == "acl"
            ):
                h = frame.tok(frame.tok(frame.tok(h.head).head).head)  # "to a militia known as the SDF"
            else:
                break
        governor = frame.tok(h.head).lemma.lower()
        if h.dep == "pobj" and governor in AIMED_PREPOSITIONS:
            kept.append(a)
        elif not modifier and (h.dep in MOVED_DEPS or (h.dep == "pobj" and governor == "of")):
            moved.append(a)  # what the act moves ("withdraw US troops", "the withdrawal of its forces")
    d.target = kept
    if not d.source:
        d.source = moved


def _pronoun_arg(frame: Frame, a: Arg) -> bool:
    t = frame.annotation.token_at(a.start)
    return t is not None and a.end == t.end and is_pronoun(t)  # "them", not "themselves"


CAMEO_OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "nsubjpass", "attr", "oprd", "prt", "acomp"})
CAMEO_PREPOSITIONS = frozenset(
    {"to", "from", "with", "for", "on", "in", "into", "against", "at", "of", "by", "over", "alongside",
     "through", "toward", "towards", "across", "under", "after", "as", "out", "up", "off", "down", "back"}
)  # fmt: skip


def _cameo_words(frame: Frame, h: Token) -> set[str]:
    """A dependent of the verb as pattern words: its head, its modifiers and, for a preposition,
    its object and the object's modifiers."""
    out = {cameo_word(h.text), cameo_word(h.lemma)}
    for c in frame.kids(h.i):
        if c.dep in {"compound", "amod", "pobj", "prt", "nmod"}:
            out.update((cameo_word(c.text), cameo_word(c.lemma)))
            if c.dep == "pobj":
                out.update(cameo_word(k.lemma) for k in frame.kids(c.i) if k.dep in {"compound", "amod"})
    return out


_TYPE_CODES: dict[tuple[int, str], frozenset[str]] = {}


def _type_codes(ont: EventOntology, cameo: CameoVerbs, type_: str) -> frozenset[str]:
    """The CAMEO codes the ontology files under ``type_``: its roots and the codes the dictionary
    gives the bare verbs the ontology lists for it (a listed verb brings its dictionary code along)."""
    key = (id(ont), type_)
    if key not in _TYPE_CODES:
        etype = ont.types[type_]
        codes = {r for r in (etype.cameo, *(m.cameo for m in etype.modes)) if r}
        for lemma, trigs in ont.verbs.items():
            entry = cameo.verbs.get(lemma)
            if entry is not None and entry.code and any(t.type == type_ and t.dependent is None for t in trigs):
                codes.add(entry.code)
        _TYPE_CODES[key] = frozenset(codes)
    return _TYPE_CODES[key]


def _agrees(ont: EventOntology, cameo: CameoVerbs, type_: str, code: str | None) -> bool:
    if code is None:
        return False
    codes = _type_codes(ont, cameo, type_)
    return code[:2] in codes or code[:3] in codes or code in codes or cameo.plover_type(code) == type_


def _human(frame: Frame, t: Token) -> bool:
    """A person or people: a person's name, a pronoun for one, or a noun for people ("women",
    "fighters", "prisoners"); "territory", "a session" are not."""
    m = frame.mention(t.i)
    if m is not None:
        return m.type == "PERSON"
    low = t.lemma.lower()
    if low in QUANTITY_HEADS or t.pos == "NUM":  # "thousands of foreign women"
        preps = [c for c in frame.kids(t.i) if c.dep == "prep"]
        return any(p.dep == "pobj" and _human(frame, p) for c in preps for p in frame.kids(c.i))
    pronoun = t.pos == "PRON" and low in {"he", "she", "they", "him", "her", "them"}
    return low in frame.lexicon.nouns or low in HUMAN_NOUNS or pronoun


def cameo_sense(frame: Frame, ont: EventOntology, cameo: CameoVerbs, trig: Trigger, t: Token) -> str | None:
    """The event type the CAMEO verb dictionary gives verb ``t`` with its object, particle and
    prepositions, or None where it reads no event there.

    The most specific matching pattern decides: "hold hostages" is a detention, "hold a session"
    no event, "gave birth" no event, "return from" is a visit (not a release), "withdraw
    peacekeepers" a sanction. A pattern's first word must be the verb's object or particle, or
    the preposition of one of its phrases. With no pattern, the bare verb's code decides: where
    the dictionary codes the bare verb as no event ("hold", "return", "send", "receive"), the
    verb is an event only when its object or complement is itself an event word of the ontology
    or a word of the verb's coded patterns ("rejected an ultimatum", "refused to deploy").
    Extension types and two-word lexicon entries (patterns chosen by hand) are not checked."""
    entry = cameo.verbs.get(t.lemma.lower())
    etype = ont.types[trig.type]
    if entry is None or trig.dependent is not None or not etype.plover:
        return trig.type
    for c in frame.kids(t.i):
        if c.dep == "prt" and not any(p.after and cameo_word(c.text) in p.after[0] for p in entry.patterns):
            return None  # "freed up", "held up": a particle the dictionary never codes is another verb
    objects: set[str] = set()
    object_heads: set[str] = set()
    phrases: list[set[str]] = []
    for c in frame.kids(t.i):
        if c.dep in CAMEO_OBJECT_DEPS:
            objects |= _cameo_words(frame, c)
            object_heads |= {cameo_word(c.text), cameo_word(c.lemma)}
            if any(k.dep == "neg" and k.i > t.i for k in frame.kids(c.i)):
                objects.add("not")  # "pleaded not guilty": the patterns read the word after the verb
        elif c.dep in {"prep", "agent"}:
            phrases.append(_cameo_words(frame, c))
    after = objects.union(*phrases)
    before: set[str] = set()
    for c in frame.kids(t.i):
        if c.dep in SUBJECTS:
            before |= _cameo_words(frame, c)
    matched: list[CameoPattern] = []
    for p in entry.patterns:
        if not p.after:
            continue
        first = p.after[0]
        if first & CAMEO_PREPOSITIONS and not first & objects:
            if not any(first & ph and all(s & ph for s in p.after) for ph in phrases):
                continue
        elif not first & objects and (objects or not any(first & ph for ph in phrases)):
            # with no object ("is being held in a Kurdish prison"), the words of its phrases
            # follow the verb, as the dictionary's patterns read them
            continue
        if len(p.after) == 1 and not first & CAMEO_PREPOSITIONS and not first & object_heads and object_heads:
            # a one-word pattern names the object itself: "fight government" (111) is no reading
            # of "fought government troops", whose object is the troops
            continue
        if all(s & after for s in p.after) and all(s & before for s in p.before):
            matched.append(p)
    if matched:
        # the most specific patterns decide; among equals, one that agrees with the trigger wins
        size = max(len(p.after) + len(p.before) for p in matched)
        best = [p for p in matched if len(p.after) + len(p.before) == size]
        if any(_agrees(ont, cameo, trig.type, p.code) for p in best):
            return trig.type
        if any(p.code is None for p in best):
            return None
        if not best[0].after[0] & CAMEO_PREPOSITIONS and not any(w in ont.nouns for w in best[0].after[0] & objects):
            # "withdraw peacekeepers": the dictionary's reading of the verb with that object; not
            # when the object is itself an act ("welcomed the withdrawal": nobody welcoming withdraws)
            other = cameo.plover_type(best[0].code or "")
            return other if other in ont.types else None
        # a bare preposition ("fight for", "blockade ... from") is weak evidence: the verb decides
    if entry.code is not None:
        return trig.type  # the bare verb is an event; the ontology chose its type
    if trig.type == "COERCE" and any(
        c.dep in CAMEO_OBJECT_DEPS | PASSIVE_SUBJECTS and _human(frame, c) for c in frame.kids(t.i)
    ):
        return trig.type  # "women are being held in camps", "holding 800 foreign fighters": detention
    vocab = {w for p in entry.patterns if p.code is not None for s in p.after for w in s} - CAMEO_PREPOSITIONS
    if objects & vocab:
        return trig.type
    heads = [c for c in frame.kids(t.i) if c.dep in CAMEO_OBJECT_DEPS | {"xcomp"}]
    heads += [p for c in frame.kids(t.i) if c.dep == "prep" for p in frame.kids(c.i) if p.dep in {"pobj", "pcomp"}]
    if any(h.lemma.lower() in ont.nouns or h.lemma.lower() in ont.verbs for h in heads):
        return trig.type
    return None


def _forecast(frame: Frame, t: Token, source: list[Arg]) -> bool:
    """Whether a warning foretells what others or events will do rather than threaten the
    warner's own act: "warned that millions face freezing", "warned of an exodus", "warned in a
    statement". CAMEO codes such warnings as comment (012), not threats. A warning is a threat
    when it is aimed at someone ("warned America that", "warned Assad not to attack", "warned
    against an assault") or tells of the warner's own act ("Turkey warned it will not stand by")."""
    kids = frame.kids(t.i)
    own = {a.entity for a in source if a.entity}
    for o in kids:
        # "warned the governments, ..., were trying to force": a finite clause with no subject of
        # its own after the object makes the object its subject (a misparse), told about them
        if o.dep == "dobj" and not own & {a.entity for a in frame.actor_args(o.i)}:
            for c in kids:
                finite = any(k.dep == "aux" and k.tag in {"VBD", "VBZ", "VBP", "MD"} for k in frame.kids(c.i))
                bare = not any(k.dep in SUBJECTS | PASSIVE_SUBJECTS | {"mark"} for k in frame.kids(c.i))
                if c.dep in {"ccomp", "advcl"} and c.i > o.i and finite and bare:
                    return True
    if any(c.dep in {"dobj", "dative"} or (c.dep == "prep" and c.lemma.lower() == "against") for c in kids):
        return False
    for c in kids:
        if c.dep not in {"ccomp", "xcomp"}:
            continue
        subjects = [k for k in frame.kids(c.i) if k.dep in SUBJECTS | PASSIVE_SUBJECTS]
        if not subjects and c.dep == "xcomp":
            return False  # "warned to retaliate": the warner acts
        for k in subjects:
            if k.tag == "PRP" or own & {a.entity for a in frame.actor_args(k.i)}:
                return False
    return True


def _governs_event_noun(frame: Frame, found: dict[int, Trigger], i: int) -> bool:
    """ "held talks", "launched an attack": the noun carries the event, the verb only its actors."""
    t = frame.tok(i)
    if t.dep == "acl" and t.head in found and found[t.head].pos == "noun":
        return True
    return any(c.dep in OBJECTS and c.i in found and found[c.i].pos == "noun" for c in frame.kids(i))


def _verb_event(frame: Frame, ont: EventOntology, trig: Trigger, t: Token, sentence: Sentence) -> _Draft | None:
    subj, passive = frame.subjects(t.i)
    described = _described_noun(frame, t)
    if described is not None:
        subj = described
    objects: list[Arg] = []
    object_heads: list[int] = []
    for c in frame.kids(t.i):
        if c.dep in OBJECTS and c.lemma.lower() == trig.dependent:
            continue  # "joined forces with Israel", "withdrew support": the object is part of the trigger
        if c.dep in OBJECTS:
            object_heads.append(c.i)
            objects.extend(frame.actor_args(c.i))
    if not object_heads and not passive:
        # "shot and wounded fleeing family members", "arrested and charged him": coordinated
        # verbs share the object the parser hangs on the last of them
        for c in frame.kids(t.i):
            if c.dep == "conj" and c.pos == "VERB" and _adjacent_predicate(frame, t.i, c.i):
                for g in frame.kids(c.i):
                    # only an object that names actors ("lost its final battle" is no one's)
                    if g.dep in OBJECTS and (
                        frame.mention_at[g.i] >= 0 or g.pos == "PRON" or g.lemma.lower() in frame.lexicon.nouns
                    ):
                        object_heads.append(g.i)
                        objects.extend(frame.actor_args(g.i))
    if passive and not any(c.dep in PASSIVE_SUBJECTS for c in frame.kids(t.i)) and t.dep in {"conj", "xcomp"}:
        # "had fought in Dagestan and was killed", "asked to be allowed home": the subject the
        # passive verb shares with the verb it hangs on is acted on
        object_heads.append(t.head)
        patient = [c.i for c in frame.kids(t.head) if c.dep in PASSIVE_SUBJECTS]
        # "was reported by agencies to have been killed": who was reported, not who reported
        objects.extend(frame.actor_args(patient[0]) if patient else frame.subjects(t.head)[0])
        up = frame.tok(t.head)
        for _ in range(3):
            # "fighters had sneaked into a convoy and were identified and arrested": a chain of
            # coordinated verbs shares the first one's subject
            if objects or up.dep != "conj" or not _is_passive(frame, up.i):
                break
            up = frame.tok(up.head)
            subject = [c.i for c in frame.kids(up.i) if c.dep in SUBJECTS | PASSIVE_SUBJECTS]
            objects.extend(frame.actor_args(subject[0]) if subject else [])
    if passive:
        source: list[Arg] = []
        for c in frame.kids(t.i):
            if c.dep == "agent":
                for p in frame.kids(c.i):
                    if p.dep == "pobj":
                        source.extend(frame.actor_args(p.i))
            if c.dep in PASSIVE_SUBJECTS:
                if trig.type == "ASSAULT" and cameo_word(c.text) in cameo_verbs().sets.get("&weapon", ()):
                    # "Israeli missiles were fired at ...": the weapon's owner attacks, the weapon is no target
                    source.extend(frame.actor_args(c.i))
                    continue
                object_heads.append(c.i)
                objects.extend(frame.actor_args(c.i))
    else:
        source = subj
    if t.dep == "acl" and t.tag == "VBN" and not object_heads and t.head < t.i:
        # "Arab tribes, backed by a US-led coalition": the noun the participle describes is acted on
        object_heads.append(t.head)
        objects.extend(a for a in frame.actor_args(t.head) if a not in source)
    lemma = t.lemma.lower()
    complements = [c for c in frame.kids(t.i) if c.dep in {"ccomp", "xcomp"} and c.i > t.i]
    if lemma == "give" and not any(_gives_aid(frame, h) for h in object_heads):
        return None  # "gave birth", "gave interviews", "given credit"
    if lemma in ATTEMPT_VERBS and not objects and any(c.pos == "VERB" for c in complements):
        return None  # "helped organise flights", "sought to convince": the complement is the act
    if lemma in ont.forecast_verbs and _forecast(frame, t, source):
        return None  # "the WHO warned that services are overstretched": a statement, not a threat
    if (
        lemma == "ask"
        and not object_heads
        and not any(c.dep == "xcomp" or (c.dep == "prep" and c.lemma.lower() == "for") for c in frame.kids(t.i))
    ):
        return None  # '"Why are we fighting?" Trump asked': a question, not a request of anyone
    if trig.mode == "release" and any(frame.tok(h).lemma.lower() in ont.published_objects for h in object_heads):
        return None  # "released a video", "handed in his resignation": published or submitted
    if trig.type == "CONCEDE" and not object_heads and any(_finite_clause(frame, c) for c in complements):
        return None  # "the west concedes Assad will remain": an admission, a statement
    if trig.type in FIGURATIVE_TYPES and any(
        frame.tok(h).lemma.lower() in ont.figurative_objects and frame.mention_at[h] < 0 for h in object_heads
    ):
        return None  # "fought any UN attempt to", "could destroy its understanding": a figure of speech
    if trig.type == "REQUEST" and _asks_question(frame, t):
        return None  # "asked Russia whether it could operate", "demanded to know": a question
    if lemma in PERMIT_VERBS and any(match_trigger(frame, ont.verbs, c) for c in complements if c.pos == "VERB"):
        # "UK law allows Britain to revoke ...", "will not allow US troops to leave": permission for
        # an act the ontology codes is that act's frame, not a concession of its own
        return None
    if trig.type == ont.intent["refusal"] and not object_heads:
        if any(c.lemma.lower() in COMMENT_VERBS for c in complements):
            return None  # "declined to comment"
        # "refused to meet Bolton": whom the refused act is aimed at
        for c in complements:
            for g in frame.kids(c.i):
                if g.dep in OBJECTS:
                    objects.extend(frame.actor_args(g.i))
    if not objects and not passive:
        # "Pakistan allows Hamas representatives to operate": the complement's subject
        for c in complements:
            for g in frame.kids(c.i):
                if g.dep in SUBJECTS and g.pos != "PRON":
                    objects.extend(frame.actor_args(g.i))
    if not objects:
        # "revoked Begum's citizenship", "seized their weapons": the owner of what the act is done to
        for h in object_heads:
            objects.extend(_owner(frame, h))
    ordered = t.i
    if lemma in ORDER_VERBS:
        # "ordered her citizenship to be revoked": the order is the coercive act itself, and its
        # trigger runs to the verb that names the act
        for c in complements:
            sub = match_trigger(frame, ont.verbs, c) if _is_passive(frame, c.i) else None
            if sub is not None and ont.types[sub.type].valence == "conflictual":
                trig = Trigger(sub.type, sub.mode, "verb", sub.lemma)
                ordered = max(ordered, c.i)
                for g in frame.kids(c.i):
                    if g.dep in PASSIVE_SUBJECTS:
                        objects.extend(frame.actor_args(g.i) or _owner(frame, g.i))
    if trig.type == "SUPPORT" and lemma in {"back", "support"} and _military(frame, t.i, object_heads):
        mode = "military" if any(m.name == "military" for m in ont.types["AID"].modes) else None
        trig = Trigger("AID", mode, "verb", trig.lemma)
    etype = ont.types[trig.type]
    if etype.object_nouns and not any(_names_body(frame, etype.object_nouns, h) for h in object_heads):
        return None
    d = _Draft(trig.type, trig.mode, t.i, ordered, sentence, source=list(source), target=list(objects))
    _prepositions(frame, ont, d, t.i)
    _aimed_at(frame, ont, d, t.i)
    for h in object_heads:
        if frame.tok(h).pos in {"VERB", "AUX"}:
            continue  # the verb whose subject a passive shares: its phrases are its own
        if frame.tok(h).lemma.lower() in ont.nouns and frame.mention_at[h] < 0:
            # "threatened a new incursion into Syria": the target the event noun names
            _prepositions(frame, ont, d, h)
            _aimed_at(frame, ont, d, h)
        elif frame.mention_at[h] < 0 and not frame.actor_args(h) and etype.valence == "conflictual":
            # "used chemical weapons against civilians": the target named on the instrument
            probe = _Draft(d.type, d.mode, t.i, t.i, sentence)
            _prepositions(frame, ont, probe, h)
            d.target.extend(a for a in probe.target if a not in d.target and a not in d.source)
    if not d.source and passive and lemma in ont.judicial_verbs and d.location is not None:
        # "jailed in Turkey", "sentenced in Iran": a state's courts jail and sentence
        where = d.location.entity
        if where is not None and frame.entity_kind.get(where) == "state":
            d.source = [d.location]
    if not d.source and trig.type in {"MOBILIZE", "AID"}:
        for h in object_heads:
            if frame.tok(h).lemma.lower() in ont.agent_objects:
                d.source = [a for a in d.target if a in frame.actor_args(h)]
                d.target = [a for a in d.target if a not in d.source]
    return d


def _finite_clause(frame: Frame, c: Token) -> bool:
    """Whether complement ``c`` is a clause of its own ("concedes Assad will remain"), not an
    infinitive ("allowed them to return")."""
    if c.dep != "ccomp":
        return False
    kids = frame.kids(c.i)
    first = min([c.i, *(k.i for k in kids if k.dep in SUBJECTS | PASSIVE_SUBJECTS | {"mark"})])
    if first > c.head + 3:
        return False  # the clause does not follow the verb as its content
    if any(k.tag == "MD" for k in kids):
        return True  # "Assad will remain"
    return c.tag != "VB" and not any(k.tag == "TO" for k in kids)


FIGURATIVE_TYPES = frozenset({"ASSAULT", "COERCE"})
QUESTION_MARKS = frozenset({"if", "whether"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _asks_question(frame: Frame, t: Token) -> bool:
    """Whether request verb ``t`` asks a question rather than for an act: "asked Russia whether it
    could operate", "was asked if troops were leaving", "asked them what they knew", "was asked
    about her thoughts", "asked the same question", "demanded to know" (CAMEO codes a question
    as no request)."""
    for c in frame.kids(t.i):
        low = c.lemma.lower()
        if (c.dep in OBJECTS and low == "question") or (c.dep == "prep" and low == "about"):
            return True
        if c.dep == "xcomp" and low == "know":
            return True
        if c.dep in {"ccomp", "advcl"} and c.i > t.i:
            for k in frame.kids(c.i):
                if (k.dep == "mark" and k.lemma.lower() in QUESTION_MARKS) or (k.tag in WH_TAGS and k.i < c.i):
                    return True
    return False


def _call_for_act(frame: Frame, t: Token) -> bool:
    """Whether the noun "call" at ``t`` is an appeal: a call for something, on someone, or to do
    something ("a call for the withdrawal", "his call on Europe to", "a call to arms"), or
    someone's call named again ("responding to his calls", "Trump's call"), not one with someone."""
    kids = frame.kids(t.i)
    if any(c.dep == "poss" for c in kids) and not any(c.dep == "prep" and c.lemma.lower() == "with" for c in kids):
        return True
    for c in kids:
        if c.dep == "prep" and c.lemma.lower() in {"for", "on", "to"} and c.i > t.i:
            return True
        if c.dep in {"acl", "relcl"} and any(k.tag == "TO" for k in frame.kids(c.i)) and c.i > t.i:
            return True
    return False


def _described_noun(frame: Frame, t: Token) -> list[Arg] | None:
    """ "Contact with the group holding him": a participle right after a noun, with no comma, that
    the parser hangs on the main verb describes that noun, whose actors act; None where the
    participle is no such misparse or the noun names no actor ("at the same time continuing")."""
    if t.dep != "advcl" or t.tag != "VBG" or t.i == 0:
        return None
    before = frame.tok(t.i - 1)
    if before.pos not in ACTOR_POS or before.dep not in {"pobj", "dobj"} or before.i < t.head:
        return None
    found = frame.actor_args(before.i)
    low = before.lemma.lower()
    return found if found or low in frame.lexicon.nouns or low in HUMAN_NOUNS else None


def _deverbal(t: Token) -> bool:
    """Whether event noun ``t`` names an act done to someone by its form: "detention", "killing",
    "arrest" (a noun that is also the verb's form), not "offensive" or "war"."""
    low = t.text.lower()
    return low.endswith(("tion", "sion", "ing", "ment")) or t.lemma.lower() in VERB_FORM_NOUNS


def _adjacent_predicate(frame: Frame, v: int, c: int) -> bool:
    """Whether verb ``c`` is coordinated right after verb ``v`` with nothing but a conjunction, a
    comma or an adverb between ("shot and wounded", "killed or wounded"), and no subject of its own."""
    if c <= v or any(k.dep in SUBJECTS | PASSIVE_SUBJECTS for k in frame.kids(c)):
        return False
    between = [frame.tok(k) for k in range(v + 1, c)]
    return 0 < len(between) <= 3 and all(b.dep in {"cc", "punct", "advmod"} for b in between)


def _gives_aid(frame: Frame, h: int) -> bool:
    """Whether the object of "give" headed by ``h`` is aid: "gave $5m in aid", "5 million dollars of aid"."""
    heads = [h, *(c.i for c in frame.kids(h))]
    heads += [p.i for c in frame.kids(h) if c.dep == "prep" for p in frame.kids(c.i) if p.dep == "pobj"]
    return any(frame.tok(k).lemma.lower() in GIVE_OBJECTS for k in heads)


def _owner(frame: Frame, i: int) -> list[Arg]:
    """The actor that owns the thing noun ``i`` names: "Begum's citizenship", "their weapons"."""
    for c in frame.kids(i):
        if c.dep != "poss" or c.i > i:
            continue
        if c.pos == "PRON":
            return frame._pronoun_antecedent(c.i) if c.text.lower() in POSSESSIVE_PRONOUNS else []
        return frame.actor_args(c.i)
    return []


def _is_passive(frame: Frame, i: int) -> bool:
    return any(c.dep in PASSIVE_SUBJECTS or c.dep == "auxpass" for c in frame.kids(i))


def _military(frame: Frame, v: int, object_heads: list[int]) -> bool:
    """Whether backing at verb ``v`` is military: given by or to an armed body or from the air."""
    heads = list(object_heads)
    for c in frame.kids(v):
        if c.dep in SUBJECTS | PASSIVE_SUBJECTS:
            heads.append(c.i)
        if c.dep in {"agent", "prep"}:
            heads.extend(p.i for p in frame.kids(c.i) if p.dep == "pobj")
    t = frame.tok(v)
    if t.dep in {"acl", "relcl", "advcl"}:
        heads.append(t.head)
    return any(frame.tok(h).lemma.lower() in MILITARY_NOUNS for h in heads)


def _names_body(frame: Frame, nouns: frozenset[str], i: int) -> bool:
    m = frame.mention(i)
    if m is not None and m.type == "ORG":
        return True
    t = frame.tok(i)
    if t.lemma.lower() in nouns:
        return True
    if is_pronoun(t):  # "invited Sharif to join it": a pronoun for an organisation
        return any(frame.entity_kind.get(a.entity or "") in BODY_KINDS for a in frame._pronoun_antecedent(i))
    return any(c.dep == "compound" and c.lemma.lower() in nouns for c in frame.kids(i))


def _state_named(frame: Frame, m: Mention, i: int) -> Arg | None:
    """The state a demonym stands for ("Turkish" -> Turkey), as the text names it: its nearest name
    before token ``i``, else its first; None when the demonym is no state's or the text never
    names the state."""
    if m.entity is None or frame.entity_kind.get(m.entity) != "state":
        return None
    named = [
        n
        for k, n in enumerate(frame.mentions)
        if n.entity == m.entity and n.type == "GPE" and frame.mention_first[k] >= 0 and not frame.is_bare_modifier(n)
    ]
    if not named:
        return None
    before = [n for n in named if n.start < frame.tok(i).start]
    return frame.arg(before[-1] if before else named[0])


def _prepositions(frame: Frame, ont: EventOntology, d: _Draft, head: int) -> None:
    """Targets and location from the trigger's prepositional phrases."""
    for c in frame.kids(head):
        if c.dep != "prep":
            continue
        prep = c.lemma.lower()
        for p in frame.kids(c.i):
            if p.dep != "pobj":
                continue
            m = frame.mention(p.i)
            if m is None and prep in ont.location_prepositions:
                # "in the Kenyan city of Mombasa", "near the town of Hajin": the place after "of";
                # "at Lagos port", "outside the Mombasa airport": the place in the compound
                m = _place_after_of(frame, p) or next(
                    (frame.mention(q.i) for q in frame.kids(p.i)
                     if q.dep == "compound" and frame.is_place_mention(frame.mention(q.i))),
                    None,
                )  # fmt: skip
            if prep in ont.location_prepositions and frame.is_place_mention(m) and m is not None:
                if d.location is None:
                    d.location = frame.arg(m)
                continue
            if prep == "with" and ont.types[d.type].valence == "conflictual" and _has_prep(frame, head, "against"):
                # "fought with the US against Isis": who acts with the source, against the target
                d.source.extend(a for a in frame.actor_args(p.i) if a not in d.source)
                continue
            if prep in ont.target_prepositions and not (d.nominal and d.mode == "multilateral"):
                for a in frame.actor_args(p.i, nominal=prep != "at"):
                    if a not in d.target:
                        d.target.append(a)


def _has_prep(frame: Frame, head: int, prep: str) -> bool:
    return any(c.dep == "prep" and c.lemma.lower() == prep for c in frame.kids(head))


def _place_after_of(frame: Frame, p: Token) -> Mention | None:
    """The place a place noun names after "of" ("the city of Sochi", "the Aleppo district of
    Sheikh Maqsood"), else None."""
    if p.lemma.lower() not in word_list("place_nouns"):
        return None
    for c in frame.kids(p.i):
        if c.dep == "prep" and c.lemma.lower() == "of":
            for q in frame.kids(c.i):
                m = frame.mention(q.i)
                if q.dep == "pobj" and frame.is_place_mention(m):
                    return m
    return None


def _aimed_at(frame: Frame, ont: EventOntology, d: _Draft, head: int) -> None:
    """Targets named by a participle after the act: "an operation targeting Kurdish groups",
    "strikes aimed at Iranian bases", "a campaign directed against the PKK"."""
    for c in frame.kids(head):
        if c.dep not in {"acl", "advcl", "xcomp"} or c.i < head or c.lemma.lower() not in ont.target_participles:
            continue
        for g in frame.kids(c.i):
            found = [g] if g.dep in OBJECTS else []
            if g.dep == "prep" and g.lemma.lower() in ont.target_prepositions:
                found = [p for p in frame.kids(g.i) if p.dep == "pobj"]
            for p in found:
                d.target.extend(a for a in frame.actor_args(p.i) if a not in d.target and a not in d.source)


def _noun_event(frame: Frame, ont: EventOntology, trig: Trigger, t: Token, sentence: Sentence) -> _Draft | None:
    if trig.type == "REQUEST" and t.lemma.lower() == "call" and not _call_for_act(frame, t):
        return None  # "made an urgent call home", "in a call with Erdoğan": a call, no appeal
    d = _Draft(trig.type, trig.mode, t.i, t.i, sentence, nominal=True)
    # sources inside the noun phrase: "Israeli attack", "Hamas's conference", "LeT-linked gathering"
    states: list[Arg] = []
    # "his arrest", "Brunson's release": the possessor undergoes the act (not "Turkey's release of X")
    undergoes = t.lemma.lower() in events().patient_nouns and not any(
        c.dep == "prep" and c.lemma.lower() == "of" for c in frame.kids(t.i)
    )
    for c in frame.kids(t.i):
        if c.i > t.i:
            continue
        m = frame.mention(c.i)
        low = c.text.lower()
        if c.dep == "poss" and undergoes:
            found = frame._pronoun_antecedent(c.i) if is_pronoun(c) else frame.actor_args(c.i)
            d.target.extend(a for a in found if a not in d.target)
            continue
        if c.dep == "poss" and (c.pos == "PRON" or low == "whose"):
            if low == "whose":
                # "al-Qaida, whose attacks on New York": the relative clause's antecedent
                clause = frame.tok(t.head)
                while clause.dep not in {"relcl", "acl"} and clause.head != clause.i:
                    clause = frame.tok(clause.head)
                if clause.dep in {"relcl", "acl"}:
                    d.source.extend(frame.actor_args(clause.head, nominal=False))
            elif low in POSSESSIVE_PRONOUNS:
                found = frame._pronoun_antecedent(c.i)  # "Erdoğan ... his threat"
                head = frame.tok(t.head)
                if not found and t.dep in OBJECTS and head.pos == "VERB":
                    # "Russian jets renewed their bombardment": the clause's own subject, where it can be
                    subj = frame.subjects(head.i)[0]
                    if may_stand_for(low, {frame.entity_kind.get(a.entity or "") for a in subj}):
                        found = subj
                d.source.extend(found)
            continue
        if c.dep in {"poss", "amod", "compound", "nmod"} and frame.is_actor_mention(m) and m is not None:
            if frame.is_bare_modifier(m):
                # "a Turkish military operation": the state the demonym stands for acts, where the
                # text names that state; otherwise the demonym names no actor ("Kurdish attack")
                state = _state_named(frame, m, t.i) if c.dep == "amod" else None
                if state is not None:
                    states.append(state)
                continue
            if frame.names_where(c, m):
                # "the Warsaw summit", "the 1991 Madrid peace conference": a city names where, not who
                if d.location is None:
                    d.location = frame.arg(m)
                continue
            if not frame.is_place_mention(m) or c.dep == "poss" or m.type == "GPE":
                d.source.extend(frame.actor_args(c.i))
        elif c.dep in {"compound", "nmod"} and m is None and c.pos == "NOUN" and c.lemma.lower() in frame.lexicon.nouns:
            # "coalition airstrikes", "police raids", "regime attacks": the body named acts
            d.source.extend(frame.actor_args(c.i))
        elif c.dep == "amod" and c.lemma.lower() in SOURCE_PARTICIPLES:
            for g in frame.kids(c.i):
                if g.dep in {"npadvmod", "compound", "nmod"} and frame.is_actor_mention(frame.mention(g.i)):
                    d.source.extend(frame.actor_args(g.i))
    if not d.source and ont.types[trig.type].valence == "conflictual":
        # "an assault by the regime and Russia", "the attack by the Kurdish forces": the agent
        d.source.extend(
            a
            for c in frame.kids(t.i)
            if c.dep in {"prep", "agent"} and c.lemma.lower() == "by" and c.i > t.i
            for p in frame.kids(c.i)
            if p.dep == "pobj"
            for a in frame.actor_args(p.i)
        )
    # the light verb's subject: "Moroccan diplomats held their first meeting with ..."
    head = frame.tok(t.head)
    etype = ont.types[trig.type]
    if etype.agentive_of and not d.source and trig.mode != "multilateral":
        # "the withdrawal of US forces", "a demonstration of students": the "of" phrase acts (also
        # in "Trump's call for the withdrawal of US troops": the troops withdraw, Trump calls)
        for c in frame.kids(t.i):
            if c.dep == "prep" and c.lemma.lower() == "of" and c.i > t.i:
                d.source.extend(a for p in frame.kids(c.i) if p.dep == "pobj" for a in frame.actor_args(p.i))
    if not d.source and t.dep == "pobj" and head.lemma.lower() == "for" and head.head != head.i:
        # "Trump's call for the withdrawal", "their demand for a ceasefire": who calls for it
        d.source.extend(_owner(frame, head.head))
    obj, verb = t, head
    if t.dep == "pobj" and head.lemma == "of" and frame.tok(head.head).lemma.lower() in QUANTITY_HEADS:
        # "carried out hundreds of strikes", "launched a series of raids": the verb over the count
        obj = frame.tok(head.head)
        verb = frame.tok(obj.head)
    if not d.source and obj.dep in OBJECTS and verb.pos == "VERB" and verb.lemma in ont.light_verbs:
        d.source.extend(frame.subjects(verb.i)[0])
        _prepositions(frame, ont, d, verb.i)
    if etype.object_nouns:
        body = [p.i for c in frame.kids(t.i) if c.lemma == "of" for p in frame.kids(c.i) if p.dep == "pobj"]
        if not any(_names_body(frame, etype.object_nouns, b) for b in body):
            return None
        d.target.extend(a for b in body for a in frame.actor_args(b))
    elif (
        trig.mode != "multilateral"
        and not etype.agentive_of
        and (d.source or (etype.valence == "conflictual" and _deverbal(t)))
    ):
        # "Turkey's detention of a US pastor", "the killing of Khashoggi": after an agent, or on a
        # hostile act's nominalisation, the "of" phrase is who the act is done to
        for c in frame.kids(t.i):
            if c.dep == "prep" and c.lemma.lower() == "of" and c.i > t.i:
                d.target.extend(
                    a
                    for p in frame.kids(c.i)
                    if p.dep == "pobj" and p.lemma.lower() not in ont.agent_objects
                    for a in frame.actor_args(p.i)
                    if a not in d.source
                )
    if (
        not d.source
        and trig.type == "CONSULT"
        and trig.mode != "multilateral"
        and t.dep == "pobj"
        and head.lemma.lower() in TIME_PREPOSITIONS
        and frame.tok(head.head).pos in {"VERB", "AUX"}
    ):
        # "During a trip to Asia, Hunt told ...", "On a visit to Ankara, Pompeo said", "angered
        # politicians after a visit to troops": the clause's subject is the visitor (not where the
        # clause is passive: "was criticised after a visit by X")
        subjects, passive = frame.subjects(head.head)
        if not passive:
            d.source.extend(subjects)
    _prepositions(frame, ont, d, t.i)
    _aimed_at(frame, ont, d, t.i)
    if trig.mode == "multilateral" or trig.type == "CONSULT":
        d.participants = _participants(frame, ont, t.i, sentence)
        if trig.mode == "multilateral":
            d.participants = [a for a in d.participants if a not in d.source]
    _location_via_clause(frame, ont, d, t.i)
    if states and d.target and not d.source:
        # only an act on someone: the state behind it is its source ("against the YPG")
        d.source = [a for a in states if a not in d.target]
    if t.lemma.lower() in CONFLICT_NOUNS and not d.target:
        return None  # "the seven-year civil war", "Syria's war": the background, not an act
    return d


def _participants(frame: Frame, ont: EventOntology, i: int, sentence: Sentence) -> list[Arg]:
    """Everyone a gathering brings together: "with representatives of LeT, JeM and Hamas",
    "featuring X with Y", "which saw participation from ..."."""
    out: dict[tuple[int, int], Arg] = {}
    starts: list[int] = [c.i for c in frame.kids(i) if c.i > i]
    t0 = frame.tok(i)
    if t0.dep == "nsubj" and frame.tok(t0.head).lemma in ont.participation_verbs:
        # "the summit saw participation from ...", "the conference drew delegates from ..."
        starts.extend(c.i for c in frame.kids(t0.head) if c.i > i and c.dep in OBJECTS | {"prep"})
    # a participation clause the parser attached elsewhere ("videos ..., featuring X") that
    # follows the gathering with no other event word in between
    for t in frame.annotation.sentence_tokens(sentence):
        if (
            t.i > i
            and t.dep in {"acl", "relcl", "advcl"}
            and t.lemma in ont.participation_verbs
            and not any(frame.tok(k).lemma in ont.verbs for k in range(i + 1, t.i) if frame.tok(k).pos == "VERB")
        ):
            starts.append(t.i)
    seen: set[int] = set()
    stack = list(starts)
    while stack:
        k = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        t = frame.tok(k)
        if t.dep == "prep" and t.lemma.lower() in ont.location_prepositions:
            # the place itself is the location; clauses hanging on it may still name participants
            for p in frame.kids(k):
                for q in frame.kids(p.i):
                    if q.dep in {"relcl", "acl"}:
                        stack.append(q.i)
            continue
        if t.dep in {"pobj", "dobj", "appos", "conj"} and t.pos in ACTOR_POS:
            parent = frame.tok(t.head)
            if t.dep != "pobj" or parent.lemma.lower() in PARTICIPANT_PREPOSITIONS:
                args = frame.actor_args(k)
                for a in args:
                    out.setdefault((a.start, a.end), a)
                if args and frame.mention_at[k] >= 0:
                    # "X with Y": keep following the preposition chain from a named person
                    stack.extend(c.i for c in frame.kids(k) if c.dep == "prep")
                    continue
        if frame.mention_at[k] >= 0 and t.dep in {"compound", "amod", "nmod", "poss"}:
            continue
        stack.extend(c.i for c in frame.kids(k))
    return list(out.values())


def _location_via_clause(frame: Frame, ont: EventOntology, d: _Draft, i: int) -> None:
    """ "conferences held in PoK": the location hangs on a participle of the event noun."""
    if d.location is not None:
        return
    for c in frame.kids(i):
        if c.dep in {"acl", "relcl"}:
            probe = _Draft(d.type, d.mode, i, i, d.sentence, nominal=True)
            _prepositions(frame, ont, probe, c.i)
            if probe.location is not None:
                d.location = probe.location
                return


def _modality(frame: Frame, ont: EventOntology, i: int) -> str:
    """How the text presents the event at token ``i``: asserted, negated, planned, speculative, hedged.

    The modal verbs, negators, conditional markers and hedge words are the modality engine's
    (``data/modality.yaml``, :mod:`~newsgraph.extract.modality`), the same that code claims; events
    read them in the guide's event vocabulary: a modal ("could", "would") makes an act
    speculative, "will" planned, a hedge word ("reportedly") hedged."""
    lex = modality_lexicon()
    for c in frame.kids(i):
        low = c.text.lower()
        if c.dep == "neg" or (c.dep == "det" and low == "no"):
            return "negated"
        if c.dep == "aux" and low in ont.future_auxiliaries and low not in lex.modals:
            return "planned"
        if c.dep == "aux" and low in lex.modals:
            return "speculative"
        if c.dep == "advmod" and low in lex.hedge_words:
            return "hedged"
        if c.dep == "mark" and low in lex.conditional_markers:
            return "speculative"
        if c.dep == "amod" and low in HEDGED_ADJECTIVES:
            return "hedged"
        if c.dep == "amod" and low in SPECULATIVE_ADJECTIVES:
            return "speculative" if low not in {"proposed", "planned"} else "planned"
    # words governing the event ("proposals to deploy", "refused to meet", "urged X to attack")
    k = i
    for _ in range(4):
        cur = frame.tok(k)
        if cur.head == k or cur.dep not in CLAUSE_LINKS:
            break
        if cur.dep in {"conj"}:
            k = cur.head
            continue
        gov = frame.tok(cur.head)
        lemma = gov.lemma.lower()
        if any(c.dep == "mark" and c.text.lower() in lex.conditional_markers for c in frame.kids(gov.i)):
            return "speculative"  # "if France is staying in Syria to protect the YPG"
        for modality in ("negated", "planned", "speculative", "hedged"):
            if lemma in ont.embedding.get(modality, ()):
                if any(c.dep == "neg" for c in frame.kids(gov.i)):
                    return "negated"
                return modality
        if gov.pos == "VERB" and cur.dep in {"ccomp"}:
            break
        k = gov.i
    return "asserted"


def _commitments(frame: Frame, ont: EventOntology, d: _Draft, found: dict[int, Trigger]) -> list[_Draft]:
    """PLOVER codes a stated commitment as its own event: "X will provide aid" is AGREE,
    "X would boycott ... unless" THREATEN, "X will not accept" REJECT; an intent verb whose
    complement is a conflictual act ("vowed to fight") becomes THREATEN."""
    t = frame.tok(d.trigger)
    etype = ont.types[d.type]
    if d.type in {ont.intent["cooperative"], ont.intent["conflictual"], ont.intent["refusal"]}:
        # "promised to ...", "vowed to fight": the intent verb's complement decides its reading
        if d.type == ont.intent["cooperative"] and not d.nominal:
            kids = frame.kids(t.i)
            if any(c.dep == "neg" for c in kids) and any(
                (c.dep == "aux" and c.text.lower() in ont.future_auxiliaries) or c.text.lower() == "never" for c in kids
            ):
                # "Turkey would never agree to a compromise": a refusal stated
                d.type, d.mode, d.modality = ont.intent["refusal"], None, "asserted"
                d.trigger = min([d.trigger, *(c.i for c in kids if c.dep in {"aux", "neg"} and c.i < t.i)])
                return []
            for c in kids:
                if c.dep == "xcomp" and c.i in found and ont.types[found[c.i].type].valence == "conflictual":
                    d.type, d.mode = ont.intent["conflictual"], None
        return []
    if d.nominal or etype.valence == "neutral":
        return []
    marker: Token | None = None
    for c in frame.kids(t.i):
        if c.dep == "aux" and c.text.lower() in ont.future_auxiliaries:
            if c.text.lower() == "would" and (etype.valence != "conflictual" or frame._speaker_of_clause(t.i) is None):
                # "said it would not discuss", "said they would meet": reported intent, not a
                # commitment; "said they would boycott" stays a threat
                continue
            if any(k.dep == "mark" and k.lemma.lower() in QUESTION_MARKS for k in frame.kids(t.i)):
                # "has not yet decided whether it will allow refugees": an open question, no
                # commitment (the act itself stays planned)
                continue
            marker = c
    if marker is None and t.dep == "xcomp":
        gov = frame.tok(t.head)
        if gov.lemma.lower() in ont.willing_adjectives or gov.text.lower() in ont.willing_adjectives:
            marker = gov
    if marker is None:
        return []
    negated = any(c.dep == "neg" for c in frame.kids(t.i))
    if not d.source or _is_passive(frame, t.i):
        # "staff will be withdrawn", "fighters will be released": a forecast about someone, not
        # a commitment anyone made; the act itself is still to come
        d.modality = "negated" if negated else "planned"
        return []
    conditional = any(
        g.dep == "mark" and g.text.lower() in ont.conditional_markers
        for c in frame.kids(t.i)
        if c.dep == "advcl"
        for g in frame.kids(c.i)
    )
    if negated:
        # "the EU will not provide Syria with aid": the act itself, negated (one event per act;
        # an intent verb negated is a refusal, above)
        d.modality = "negated"
        return []
    kind = ont.intent["conflictual" if conditional or etype.valence == "conflictual" else "cooperative"]
    d.modality = "planned"
    return [
        _Draft(
            kind,
            None,
            marker.i,
            marker.i,
            d.sentence,
            source=list(d.source),
            target=list(d.target),
            location=d.location,
            modality="asserted",
        )
    ]


def _demands(frame: Frame, sentence: Sentence, toks: tuple[Token, ...]) -> list[_Draft]:
    """ "Russia said Sudan must return the helicopter": a demand by the speaker on the subject."""
    out: list[_Draft] = []
    for t in toks:
        if t.dep != "aux" or t.text.lower() not in DEMAND_MODALS:
            continue
        verb = frame.tok(t.head)
        if t.text.lower() == "should" and verb.lemma.lower() not in events().verbs:
            continue  # "children should not suffer": an opinion, not a demand on an actor
        speech = frame._speaker_of_clause(verb.i)
        if speech is None:
            continue
        source, _ = frame.subjects(speech)
        target, _ = frame.subjects(verb.i)
        if not source or not target or {a.entity for a in source} & {a.entity for a in target} - {None}:
            continue
        out.append(_Draft("REQUEST", "demand", t.i, t.i, sentence, source=source, target=target))
    return out


def _merge_generic(drafts: list[_Draft]) -> list[_Draft]:
    """A nominal event with no actors ("conferences held in PoK") gives way to an event of the same
    type in the sentence that names its actors ("such as the ... Conference ... with X, Y")."""
    keep = []
    for d in drafts:
        bare = d.nominal and not (d.source or d.target or d.participants)
        if bare and any(o is not d and o.type == d.type and (o.source or o.target or o.participants) for o in drafts):
            continue
        keep.append(d)
    return keep


def _clause_head(frame: Frame, i: int) -> int:
    """The verb heading the clause token ``i`` is in (the token itself for a verb)."""
    k = i
    for _ in range(12):
        t = frame.tok(k)
        if t.pos in {"VERB", "AUX"} or t.head == k:
            return k
        k = t.head
    return k


def _event_date(frame: Frame, d: _Draft) -> EventDate | None:
    """The date the event's own clause ties to it: a date in the trigger's phrase ("the attack on
    Monday") or on the verb of the trigger's clause ("held talks on Friday"); never a date of
    another clause or sentence."""
    s = d.sentence
    clause = _clause_head(frame, d.trigger)
    best = None
    best_score = None
    for dm in frame.dates_between(s.start, s.end):
        tok = frame.annotation.token_at(dm.start)
        if tok is None or dm.value is None:
            continue  # "currently", "now": no date an analyst can place the act at
        if tok.i > 0 and frame.tok(tok.i - 1).text.lower() in RANGE_PREPOSITIONS:
            continue  # "killed 4,315 fighters since 2014": the start of a period, not the act's date
        chain = [tok.i, *(a.i for a in frame.annotation.ancestors(tok.i))]
        if d.trigger in chain:
            between = chain[1 : chain.index(d.trigger)]
            if any(frame.tok(k).pos in {"VERB", "AUX"} for k in between):
                continue  # "breach of commitments made in 2013": the date of another clause
            score = (0, chain.index(d.trigger))
        elif _clause_head(frame, tok.i) == clause:
            score = (1, abs(tok.i - d.trigger))
        else:
            continue
        if best_score is None or score < best_score:
            best, best_score = dm, score
    return EventDate(best.start, best.end, best.value) if best is not None else None
