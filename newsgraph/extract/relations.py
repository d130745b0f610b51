"""Stage: relations of one document: lasting ties between actors, each with its sentence.

Cue words come from ``newsgraph/data/ontology/relations.yaml``; arguments are read off the
dependency parse with the same :class:`~newsgraph.extract.events.Frame` as events use:

- titles before a name: "senior Hamas representative Naji Zaheer" (represents, has_role),
  "LeT operative Rashid Ali Sandhu" (member_of), "US President Donald Trump" (leads, has_role);
- appositions and participles: "Trump, acting as chair of the organisation" (has_role, leads);
- "Pakistan-based groups", "groups based in Pakistan" (based_in);
- verbs: "groups operating openly on Pakistani soil" (operates_in), "X attacked Y" (fights);
- relational nouns: "the nexus between Hamas and ..." (allied_with), "talks with" ...;
- places: "Gujranwala in Pakistan", "Pakistan's Gujranwala", "Mosul, Iraq" (located_in);
- aliases: "Lashkar-e-Taiba (LeT)", "X, also known as Y" (alias_of);
- passives: "CTF 50 is led by Burns" (leads), "X was killed by Y" (fights);
- places attached to actors and verbs: "forces conducted strikes in Syria", "Near Mosul, strikes
  hit ISIL units", "X, of Cibolo, Texas" (located_in / operates_in);
- role and member nouns: "X was a commander in the navy", "Marines from 3rd Battalion",
  "the President of Syria"; inclusion: "the SDF, which includes the Syrian Arab Coalition";
- control: "ISIL seized Mosul", "ISIL-held territory", "control of Mosul" (leads);
- companions: "X fought alongside Y" (allied_with); military help between two parties
  ("Iran supports Hezbollah") is an alliance too;
- no counts: "21 women" is not women has_role 21, and "8 km (5.0 mi)" no alias (re3d's
  conventions, noise in an analyst's graph); ``alias_of`` joins two names, never a name and a
  description ("Votel, commander of ..." is has_role and leads);
- a demonym is no actor by itself: "the Kurdish fighters" is the side, not "Kurdish";
- attacks named by what delivers them: "Near Mosul, five strikes engaged ISIL units; destroyed
  ..." (fights, located_in; :mod:`~newsgraph.extract.relation_attacks`);
- names: "Katibat al-Fajr (Dawn Battalion)", "Daesh, also known as ISIL" (alias_of); "as part of X",
  "X has 700 employees" (member_of).

Syntactic cues that are not per-type word lists (prepositions, alias phrases, control and
inclusion verbs) come from ``relation_patterns.yaml`` (:mod:`newsgraph.extract.relation_patterns`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.annotate.parsed import Annotation, Sentence, Token
from newsgraph.extract.events import ACTOR_POS, OBJECTS, PASSIVE_SUBJECTS, Frame, _modality
from newsgraph.extract.modality import token_range
from newsgraph.extract.place_index import PlaceIndex, country_index, normalise
from newsgraph.extract.pronouns import STANCE_PREFIXES, is_pronoun
from newsgraph.extract.references import ROLE_MODIFIERS
from newsgraph.extract.relation_attacks import attack_of, conducted
from newsgraph.extract.relation_patterns import RelationPatterns, patterns
from newsgraph.ontology import RelationOntology, events, relations
from newsgraph.records import Arg, Extraction, Mention, Relation, SentenceSpan

PAIR_PREPOSITIONS = frozenset({"with", "between", "against", "to", "among", "and"})
RELATION_MODALITY = {"planned": "speculative"}
GROUP_TYPES = frozenset({"ORG", "NORP"})
"""Mention types that name a group an actor can belong to or operate as."""
CLIMB_DEPS = frozenset({"pobj", "prep", "dobj", "attr", "pcomp", "npadvmod", "oprd", "appos", "conj"})
"""Arcs walked up from a noun to the verb whose subject is its first argument."""
VERB_CLIMB = frozenset({"pcomp", "acomp", "xcomp", "advcl"})
"""Arcs walked further up from a verb with no subject of its own ("committed to carrying out")."""


QUANTITY_WORDS = frozenset({"thousand", "hundred", "dozen", "million", "score"})
NAME_PARTICLES = frozenset({"of", "the", "and", "for", "de", "la", "el", "bin", "ibn", "abu", "&", "-"})
COUNT_FILLERS = frozenset(
    {
        "more",
        "than",
        "at",
        "least",
        "most",
        "up",
        "to",
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "some",
        "of",
        "an",
        "estimated",
        "roughly",
        "as",
        "many",
        "approximately",
    }
)
COUNT_WORDS = frozenset(
    {
        "thousands",
        "hundreds",
        "dozens",
        "millions",
        "scores",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "many",
        "some",
        "few",
        "one",
        "both",
    }
)
"""Heads of "thousands of fighters": the people are in the "of" phrase."""
PARTY_KINDS = frozenset({"organization", "group", "state", "igo", "media"})
"""Entity kinds that can take a side or have members."""
PLACE_TYPES = frozenset({"located_in", "based_in", "operates_in"})
"""Relation types whose object is a place."""


@dataclass(frozen=True)
class _Found:
    type: str
    subject: Arg
    object: Arg
    cue: int
    """Token whose wording decides modality and claim."""


def find_relations(annotation: Annotation, x: Extraction) -> tuple[Relation, ...]:
    """The document's relations, in text order, one per (type, subject, object) and sentence."""
    if not annotation.tokens:
        return ()
    ont = relations()
    frame = Frame.of(annotation, x)
    pat = patterns()
    out: list[Relation] = []
    seen: set[tuple[str, int, int, str | None, str | None]] = set()
    for sentence in annotation.sentences:
        for f in _shared_title(frame, _allied_too(frame, pat, _sentence_relations(frame, ont, sentence))):
            s = f.subject if _ally_modifier(frame, pat, f, f.subject) else _phrase_of_demonym(frame, f.subject)
            o = f.object
            stance = _stance_cue(frame, f)
            if f.type not in PLACE_TYPES and not _ally_modifier(frame, pat, f, f.object) and not stance:
                o = _phrase_of_demonym(frame, f.object)
            if f.type not in PLACE_TYPES and f.type != "alias_of":
                s = _state_of_capital(frame, s)  # "Ankara views the YPG as terrorists": Turkey does
                o = o if f.type == "fights" else _state_of_capital(frame, o)  # "strikes on Damascus": the city
            s, o = _against_prefix(frame, s), (o if stance else _against_prefix(frame, o))
            if any(a.text.lower().startswith(STANCE_PREFIXES) and " " not in a.text.strip() for a in (s, o)):
                continue  # "an anti-Assad fighter" is no member of "anti-Assad": a stance is no actor
            if _bare_demonym(frame, s) or _bare_demonym(frame, o):
                continue  # "Kurdish YPG commander X" is no member of "Kurdish": a demonym is no actor
            same = s.entity is not None and s.entity == o.entity and f.type != "alias_of"
            if (s.start < o.end and o.start < s.end and not stance) or same:
                continue
            kept = _between_actors(frame, f.type, s, o) and (stance or _lasting(frame, f.type, s, o, f.cue))
            if not (kept or _allies_named(frame, pat, f, s, o)):
                continue
            if f.type == "has_role" and not _an_office(frame, pat, o):
                continue
            if pat.misfit(f.type, _kind(frame, s), _kind(frame, o)) and not _staff_member(frame, pat, f.type, s):
                continue
            if f.type == "member_of" and _kind(frame, s) == "person" and _class_of_people(frame, pat, s, o):
                continue
            if f.type == "member_of" and _kind(frame, o) == "group" and _country_name(frame, s):
                continue  # "custody in Syria, accused of being members of Isis": Syria is no member
            if f.type in COUNTRY_TIES:
                o = _country_of_demonym(frame, o)
            if ont.types[f.type].symmetric and (o.start, o.end) < (s.start, s.end):
                s, o = o, s
            # one tie per pair of phrases: "four ISIL units" and "ISIL units" end on one head; not
            # "Russian and Iranian forces" and "Iranian forces" (one head, two countries' forces)
            key = (f.type, s.end, o.end, s.entity, o.entity)
            if key in seen:
                continue
            seen.add(key)
            modality = _modality(frame, events(), f.cue)
            out.append(
                Relation(
                    id=f"r{len(out) + 1}",
                    type=f.type,
                    subject=s,
                    object=o,
                    evidence=SentenceSpan(sentence.start, sentence.end),
                    modality=RELATION_MODALITY.get(modality, modality),
                    claim=frame.claim_of(frame.tok(f.cue).start),
                )
            )
    return _renumbered(_named_inside(out))


def _named_inside(found: list[Relation]) -> list[Relation]:
    """ "two British Isis fighters, X and Y": X is a member of Isis, the actor the phrase names,
    not of the phrase "British Isis fighters" as well; a tie to an unresolved phrase gives way to
    the same tie, in the same sentence and from the same side, to a named actor inside it."""

    def inside(a: Arg, b: Arg) -> bool:
        return b.entity is not None and a.entity is None and a.start <= b.start and b.end <= a.end and a != b

    def wider(r: Relation) -> bool:
        return any(
            q.type == r.type
            and q.evidence == r.evidence
            and (
                (q.subject == r.subject and inside(r.object, q.object))
                or (q.object == r.object and inside(r.subject, q.subject))
            )
            for q in found
        )

    return [r for r in found if r.type == "has_role" or not wider(r)]


def _renumbered(found: list[Relation]) -> tuple[Relation, ...]:
    return tuple(replace(r, id=f"r{k + 1}") for k, r in enumerate(found))


STANCE_TYPES = {"anti": "opposes", "pro": "supports"}
STANCE_HEADS = frozenset({"state", "country", "nation", "separatist", "protester", "demonstrator", "camp", "bloc"})
"""Heads (besides organised, operating and member nouns) of a phrase a stance prefix makes a side:
"anti-Iran Gulf states", "pro-Russian separatists"."""


def _stance(frame: Frame, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "the anti-Isis coalition", "anti-Assad fighters", "leading anti-Iran Gulf states",
    "pro-Russian separatists": the organised side a stance prefix describes opposes (supports) the
    actor the prefix is attached to."""
    toks = frame.annotation.tokens
    if t.text.lower() not in STANCE_TYPES or t.i + 2 >= len(toks) or toks[t.i + 1].text != "-":
        return []
    if toks[t.i + 1].start != t.end:
        return []
    target = toks[t.i + 2]
    m = frame.mention(target.i)
    head = frame.tok(t.head)
    if m is None or not frame.is_actor_mention(m) or head.pos != "NOUN" or head.i <= target.i:
        return []
    lemma = head.lemma.lower()
    if lemma not in ORGANISED_NOUNS | pat.operating_nouns | pat.member_nouns | STANCE_HEADS:
        return []
    other = _country_of_demonym(frame, frame.arg(m)) if m.type == "NORP" else frame.arg(m)
    if other.entity is None:
        return []
    first, last = frame.noun_phrase(head.i)
    return [_Found(STANCE_TYPES[t.text.lower()], frame.span_arg(first, last), other, t.i)]


def _stance_cue(frame: Frame, f: _Found) -> bool:
    """Whether a tie was read off a stance prefix ("anti-Isis coalition"), whose side is a
    described body and whose object the prefix names."""
    return f.type in STANCE_TYPES.values() and frame.tok(f.cue).text.lower() in STANCE_TYPES


def _against_prefix(frame: Frame, a: Arg) -> Arg:
    """ "Turkey has supported anti-Assad forces": a side the parser read without its "anti-" is
    read with it, and stands for no actor of that name."""
    start = frame.stance_start(a.start)
    if start is None:
        return a
    return Arg(start=start, end=a.end, text=frame.annotation.text[start : a.end], entity=None)


def _bare_demonym(frame: Frame, a: Arg) -> bool:
    """A demonym adjective alone that stands for no actor of the story ("Kurdish", "Western"; not
    "the Kurds", a people)."""
    m = _mention_of(frame, a)
    tok = frame.annotation.token_at(a.start)
    single = len(a.text.split()) == 1 and tok is not None and tok.tag not in {"NNS", "NNPS"}
    return a.entity is None and m is not None and m.type == "NORP" and single


def _ally_modifier(frame: Frame, pat: RelationPatterns, f: _Found, a: Arg) -> bool:
    """A demonym before an ally noun is a side itself: "Iranian allies" are Iran's, "their Russian
    allies" are Russia (not a phrase "Russian allies" that names nobody)."""
    tok = frame.annotation.token_at(a.start)
    cue = frame.tok(f.cue)
    return (
        f.type == "allied_with"
        and cue.lemma.lower() in pat.ally_nouns
        and tok is not None
        and tok.head == cue.i
        and tok.dep in {"amod", "compound", "nmod"}
    )


def _allies_named(frame: Frame, pat: RelationPatterns, f: _Found, s: Arg, o: Arg) -> bool:
    """ "his Russian allies", "its allies": a possessive pronoun names the side whose allies they
    are when the reference resolver tied it to an actor (``_lasting`` keeps no pronoun in a tie
    between two parties, where "their families" would be one)."""
    if f.type != "allied_with" or frame.tok(f.cue).lemma.lower() not in pat.ally_nouns:
        return False
    return all(_named_actor(frame, a) for a in (s, o))


SCOPE_TYPES = frozenset({"LOC", "FAC"})
"""Mention types that only set a role's scope ("Middle East advocacy director"): no tie to them."""
COUNTRY_TIES = frozenset({"leads", "represents", "member_of"})
"""Ties whose object a demonym can stand for by its country: "the Russian president" leads Russia."""


def _kind(frame: Frame, a: Arg) -> str:
    """The entity kind of a side, "none" when it names no entity."""
    return frame.entity_kind.get(a.entity or "", "none")


def _staff_member(frame: Frame, pat: RelationPatterns, rtype: str, a: Arg) -> bool:
    """An unnamed member by trade ("400 employees", "officers from 1st Battalion"), unlike wives,
    children or refugees, who are nobody's members by being named so."""
    last = frame.annotation.token_at(a.end - 1)
    return rtype == "member_of" and last is not None and last.lemma.lower() in pat.member_nouns


def _class_of_people(frame: Frame, pat: RelationPatterns, person: Arg, a: Arg) -> bool:
    """An unnamed plural of people written as a title before a name ("the British aid workers X
    and Y"): a class the person is one of, not a body one can be a member of (that is named by an
    organised noun: "a committee", "local militias")."""
    last = frame.annotation.token_at(a.end - 1)
    if a.entity is not None or last is None or last.tag not in {"NNS", "NNPS"} or a.end > person.start:
        return False
    lemma = last.lemma.lower()
    return lemma not in ORGANISED_NOUNS and lemma not in pat.unit_nouns and lemma not in pat.operating_nouns


def _an_office(frame: Frame, pat: RelationPatterns, role: Arg) -> bool:
    """Whether a has_role object names an office: not "a member of the committee" or "his US
    counterpart" (no office), nor an honorific alone before a name ("Prince Mohammed")."""
    first, last = token_range(frame.annotation, role.start, role.end)
    if last <= first:
        return False
    inside = range(first, last)
    head = next((i for i in inside if frame.tok(i).head not in inside or frame.tok(i).head == i), last - 1)
    lemma = frame.tok(head).lemma.lower()
    if lemma in pat.not_offices or frame.tok(head).text.lower() in pat.not_offices:
        return False
    return not (last - first == 1 and lemma in pat.honorifics)


@lru_cache(maxsize=1)
def _countries() -> PlaceIndex:
    return country_index()


def _country_of_demonym(frame: Frame, a: Arg) -> Arg:
    """ "the Russian president, Vladimir Putin": a bare demonym stands for its country when the
    story names that country (the state entity it resolves to), so the tie is to Russia."""
    if len(a.text.split()) != 1 or frame.entity_kind.get(a.entity or "") == "state":
        return a
    found = _countries().demonym(a.text)
    isos = {c.country for c in found if c.level == "country" and c.country}
    if len(isos) != 1:
        return a
    iso = isos.pop()
    states = [e.id for e in frame.x.entities if e.kind == "state" and e.place is not None and e.place.country == iso]
    return replace(a, entity=states[0]) if len(states) == 1 else a


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Folded capital name -> the ISO code of its country."""
    return {normalise(name): iso for iso, name in _countries().capitals.items()}


def _state_of_capital(frame: Frame, a: Arg) -> Arg:
    """ "Ankara views the YPG as terrorists", "Washington and its partners": a country's capital
    that takes a side in a tie stands for its state, when the story names that state (the
    state entity it resolves to); the text stays as written."""
    if frame.entity_kind.get(a.entity or "") != "place":
        return a
    iso = _capitals().get(normalise(a.text))
    if iso is None:
        return a
    states = [e.id for e in frame.x.entities if e.kind == "state" and e.place is not None and e.place.country == iso]
    return replace(a, entity=states[0]) if len(states) == 1 else a


def _shared_title(frame: Frame, found: list[_Found]) -> list[_Found]:
    """A plural title before a list of names holds for every name: "the Alabama senators Richard
    Shelby and Doug Jones" (both senators, both for Alabama), "SDF commanders X and Y"."""
    out = list(found)
    for f in found:
        cue = frame.tok(f.cue)
        head = frame.annotation.token_at(f.subject.end - 1)
        if head is None or cue.tag not in {"NNS", "NNPS"} or cue.start >= f.subject.start:
            continue
        m = frame.mention(head.i)
        if m is None or m.type != "PERSON" or head.dep == "conj":
            continue
        for k in frame.conjuncts(head.i)[1:]:
            other = frame.mention(k)
            if other is not None and other.type == "PERSON" and other.entity != m.entity:
                out.append(_Found(f.type, frame.arg(other), f.object, f.cue))
    return out


def _between_actors(frame: Frame, rtype: str, s: Arg, o: Arg) -> bool:
    """Whether a tie can join these two sides at all: a count is no role and no party ("21
    women" is not women has_role 21), and ``alias_of`` joins two names of one actor, never a name
    and a description ("Alex Younger, the head of MI6" is has_role and leads). Which ties last
    between nameable sides is :func:`_lasting`'s to say."""
    if _counted(s) or _counted(o):
        return False
    if rtype != "alias_of":
        return True
    person = any(frame.entity_kind.get(a.entity or "") == "person" for a in (s, o))
    return _name_like(s.text) and _name_like(o.text) and not (person and (_titled(frame, s) or _titled(frame, o)))


def _titled(frame: Frame, a: Arg) -> bool:
    """A capitalised description headed by a role noun ("the US Secretary of State"), not a name."""
    first, last = frame.annotation.token_at(a.start), frame.annotation.token_at(a.end - 1)
    if first is None or last is None:
        return False
    toks = frame.annotation.tokens[first.i : last.i + 1]
    roles = relations().role_type
    return any(frame.mention_at[t.i] < 0 and (t.lemma.lower() in roles or _office(t)) for t in toks)


# Verbs under which a person's place is a lasting tie ("lives in Grozny", "settled in Tabqa",
# "held in al-Hawl camp"), not one moment ("Baghdadi's appearance in Mosul", "he flew to Iraq").
RESIDENCE_VERBS = frozenset(
    {
        "live",
        "settle",
        "reside",
        "base",
        "stay",
        "remain",
        "hold",
        "detain",
        "imprison",
        "jail",
        "house",
        "bear",
        "grow",
        "work",
        "serve",
        "station",
        "headquarter",
        "study",
        "operate",
    }
)
# "The United States is asking Britain ... to take back", "Trump urged European countries": a
# demand made in public, not a channel between the two. (Telling a newspaper is an interview: the
# media side is dropped by kind.)
REQUEST_CUES = frozenset({"ask", "urge"})


def _lasting(frame: Frame, rtype: str, s: Arg, o: Arg, cue: int) -> bool:
    """Whether the tie holds between parties an analyst can name, beyond one moment: a place tie
    joins a named actor or place to a named place ("Raqqa in Syria", "the Middle East Institute
    in Washington"), a person's only under a verb of residence; a fight joins parties, not victims
    ("killing four people"); membership, leadership and talks join named sides, not pronouns,
    counts or generic phrases ("145 women member_of 850 Britons", "areas controlled by
    Damascus")."""
    if rtype in {"has_role", "alias_of", "represents"}:
        return True
    # a pronoun side: only where the clause is about the one it stands for ("He is a commander of
    # the Taliban"), never a place or a membership read across sentences ("women member_of They")
    resolved = rtype in {"fights", "leads"} and s.entity is not None
    # "she fled the US to join Isis": a person the resolver named joins
    resolved = resolved or (
        rtype == "member_of"
        and frame.entity_kind.get(s.entity or "") == "person"
        and frame.tok(cue).pos == "VERB"  # not "if he is a member of Isis" (a role noun read on a pronoun)
        and frame.entity_kind.get(o.entity or "") in ORGANISED_KINDS  # not "joined forces with"
    )
    if _pronoun(frame, o) or _numbered(frame, o) or (_pronoun(frame, s) and not resolved):
        return False
    if rtype == "member_of":
        # "three tactical units of ISIL" belong to it; not "145 women" of "850 Britons", nor "Heiko
        # Maas" of "German foreign minister" (a description), nor "London" of Islamic State ("the
        # east London teenager who joined Islamic State": the teenager joined)
        named = _has_name(frame, o) or (o.text[:1].isupper() and o.text.split()[0].lower() not in {"the", "a", "an"})
        named = named or _organised(frame, o)  # "The alliance includes Chad"
        return named and not _role_phrase(frame, o) and not _place_modifier(frame, s)
    if rtype in PAIR_TYPES and not all(_specific(frame, a) or _organised(frame, a) for a in (s, o)):
        return False  # "women leads their children", "Isis allied_with their families"
    if rtype in PLACE_TYPES:
        if not _named_place(frame, o):
            return False
        at = frame.tok(frame.tok(cue).head)
        pat = patterns()
        if _attack_clause(frame, pat, cue):
            return True  # "Near Mosul, five strikes destroyed two vehicles": the attack and its targets there
    if _numbered(frame, s):
        return False
    if rtype in PLACE_TYPES:
        if not (_named(frame, s) or s.entity is not None or _named_place(frame, s)):
            return False
        if _one_moment(frame, s, at, frame.entity_kind.get(s.entity or "") == "person"):
            return False
        if not _named(frame, s) and not _named_place(frame, s) and frame.annotation.token_at(s.end - 1) is not None:
            head = frame.annotation.token_at(s.end - 1)
            assert head is not None
            return head.lemma.lower() not in GENERIC_PLACES
        return True
    if rtype == "fights":
        bare = any(
            a.entity is None
            and " " not in a.text.strip()
            and (w := frame.annotation.token_at(a.start)) is not None
            and w.lemma.lower() in patterns().ally_nouns
            for a in (s, o)
        )  # "persuaded by allies ... to finish the fight against Isis": "allies" alone names nobody
        return not (_victim(frame, s) or _victim(frame, o) or _adjective(frame, s) or _adjective(frame, o) or bare)
    if rtype == "leads":  # not "Kurdish" leads Syria ("Kurdish-held Syria"), nor "women" leads "their children"
        specific = _specific(frame, s) or _specific(frame, o)
        return not _adjective(frame, s) and (_named(frame, o) or _party(frame, o)) and specific
    if rtype == "communicates_with":
        media = any(frame.entity_kind.get(a.entity or "") == "media" for a in (s, o))
        return _named(frame, s) and _named(frame, o) and not media and frame.tok(cue).lemma.lower() not in REQUEST_CUES
    return True


# Common place nouns too vague to hold anything an analyst can use: "areas across Iraq",
# "the river in Iraq", "a forsaken town near the Syrian border".
GENERIC_PLACES = frozenset(
    {
        "area",
        "region",
        "territory",
        "terrain",
        "place",
        "front",
        "frontline",
        "border",
        "river",
        "town",
        "village",
        "city",
        "camp",
        "street",
        "home",
        "house",
        "field",
        "site",
        "province",
        "district",
        "neighbourhood",
        "neighborhood",
        "community",
        "country",
    }
)


def _one_moment(frame: Frame, s: Arg, at: Token, person: bool) -> bool:
    """A person's place under a verb of one moment ("he flew to Iraq", "met ... in Baghdad") or
    an event noun of theirs ("Baghdadi's appearance in Mosul"), not residence ("lives in Grozny")
    or a description ("a Syria expert at the Middle East Institute")."""
    if at.pos in {"VERB", "AUX"}:
        return person and at.lemma.lower() not in RESIDENCE_VERBS
    if relations().noun_type.get(at.lemma.lower()) == "operates_in":
        return False  # "Iran's presence in Iraq" lasts
    return any(k.dep == "poss" and s.start <= k.start < s.end for k in frame.kids(at.i))


COUNTRY_NOUNS = frozenset({"soil", "territory", "land"})


def _named_place(frame: Frame, a: Arg) -> bool:
    """A named place, or a place noun a name makes specific ("the Al Qa'im region")."""
    if _named(frame, a):
        return True
    last = frame.annotation.token_at(a.end - 1)
    if last is None:
        return False
    if last.lemma.lower() in COUNTRY_NOUNS and any(
        k.dep == "amod" and frame.mention_at[k.i] >= 0 for k in frame.kids(last.i)
    ):
        return True  # "operating openly on Pakistani soil": the country itself
    return any(
        k.dep == "compound" and (frame.mention_at[k.i] >= 0 or k.pos == "PROPN") and a.start <= k.start
        for k in frame.kids(last.i)
    )


def _attack_clause(frame: Frame, pat: RelationPatterns, cue: int) -> bool:
    """The sentence reports attacks by what delivers them ("Near Mosul, five strikes destroyed
    two vehicles"): its attackers and targets are in the place of the clause."""
    sentence = frame.annotation.sentence_of(cue)
    for t in frame.annotation.sentence_tokens(sentence):
        if t.lemma.lower() not in pat.attack_nouns:
            continue
        verb = frame.tok(t.head).lemma.lower()
        if t.dep in {"nsubj", "nsubjpass"} and (
            verb in pat.attack_verbs or relations().verb_type.get(verb) == "fights"
        ):
            return True
        if t.dep in {"nsubj", "nsubjpass", "dobj"} and verb in pat.conduct_verbs:  # "forces conducted nine strikes"
            return True
    return False


# Ties between two actors, which an analyst can only use when both are named or resolved to a
# named actor.
PAIR_TYPES = frozenset({"allied_with", "opposes", "communicates_with"})


def _specific(frame: Frame, a: Arg) -> bool:
    """A named actor, or a phrase resolved to one; not "the terror group", "its neighbours"."""
    if _named(frame, a):
        return True
    first = frame.annotation.token_at(a.start)
    return a.entity is not None and first is not None and first.tag != "PRP$"


def _side(frame: Frame, a: Arg) -> bool:
    """A side of a tie between actors: a named one, or a group ("local militias"), not people
    ("their families", "foreign ministers")."""
    first = frame.annotation.token_at(a.start)
    if _specific(frame, a):
        return True
    return first is not None and first.tag != "PRP$" and _party(frame, a) and not _victim(frame, a)


# Collective nouns of organised actors: an unnamed one is still a side ("local militias",
# "Pakistan-based terrorist groups", "the alliance"), unlike people ("their families").
ORGANISED_NOUNS = frozenset(
    {
        "group",
        "militia",
        "force",
        "alliance",
        "coalition",
        "organisation",
        "organization",
        "faction",
        "party",
        "movement",
        "network",
        "army",
        "government",
        "regime",
        "rebel",
        "insurgent",
    }
)


def _organised(frame: Frame, a: Arg) -> bool:
    last = frame.annotation.token_at(a.end - 1)
    first = frame.annotation.token_at(a.start)
    if last is None or first is None or first.tag == "PRP$":
        return False
    return last.lemma.lower() in ORGANISED_NOUNS


def _role_phrase(frame: Frame, a: Arg) -> bool:
    """A description by office or trade ("German foreign minister", "Australian jihadist")."""
    last = frame.annotation.token_at(a.end - 1)
    return (
        last is not None
        and last.tag == "NN"
        and not _organised(frame, a)
        and (last.lemma.lower() in relations().role_type or last.lemma.lower() in frame.lexicon.nouns)
    )


def _place_modifier(frame: Frame, a: Arg) -> bool:
    """A place named only as a modifier of a common noun ("east London teenager", "Russia's
    arrangements"): the noun's referent, not the place, takes part."""
    last = frame.annotation.token_at(a.end - 1)
    if last is None or last.dep not in {"compound", "poss", "amod", "nmod"}:
        return False
    m = frame.mention(last.i)
    head = frame.tok(last.head)
    return frame.is_place_mention(m) and frame.mention_at[head.i] < 0 and head.pos == "NOUN"


def _pronoun(frame: Frame, a: Arg) -> bool:
    tok = frame.annotation.token_at(a.start)
    return tok is not None and len(a.text.split()) == 1 and tok.pos == "PRON"


def _numbered(frame: Frame, a: Arg) -> bool:
    """A counted group: "145 women", "As many as three million people", "2,000 special forces"."""
    first, last = frame.annotation.token_at(a.start), frame.annotation.token_at(a.end - 1)
    if first is None or last is None or _has_name(frame, a):
        return False
    toks = frame.annotation.tokens[first.i : last.i + 1]
    return any(t.pos == "NUM" or t.lemma.lower() in QUANTITY_WORDS | COUNT_WORDS for t in toks)


def _named(frame: Frame, a: Arg) -> bool:
    """The argument's head word is (part of) a name: "Raqqa", "Iraq's Anbar province"; not "the
    area", "Isis-controlled territory", "children"."""
    last = frame.annotation.token_at(a.end - 1)
    return last is not None and (frame.mention_at[last.i] >= 0 or last.pos == "PROPN")


def _has_name(frame: Frame, a: Arg) -> bool:
    """Some word of the argument is (part of) a name: "ISIL fighters", "U.S. service members"."""
    first, last = frame.annotation.token_at(a.start), frame.annotation.token_at(a.end - 1)
    if first is None or last is None:
        return False
    return any(frame.mention_at[i] >= 0 or frame.tok(i).pos == "PROPN" for i in range(first.i, last.i + 1))


# Head nouns of people harmed or taken, not a party to a fight: "killing four people",
# "abducted by their father".
VICTIM_NOUNS = frozenset(
    {
        "people",
        "person",
        "civilian",
        "child",
        "children",
        "woman",
        "women",
        "man",
        "men",
        "boy",
        "girl",
        "father",
        "mother",
        "son",
        "daughter",
        "sister",
        "brother",
        "husband",
        "wife",
        "family",
        "baby",
        "resident",
        "villager",
        "victim",
        "hostage",
        "student",
        "worker",
    }
)


def _victim(frame: Frame, a: Arg) -> bool:
    """People harmed rather than a party: unnamed people nouns and single persons."""
    last = frame.annotation.token_at(a.end - 1)
    if last is not None and frame.mention_at[last.i] < 0 and last.lemma.lower() in VICTIM_NOUNS:
        return True
    return frame.entity_kind.get(a.entity or "") == "person" and not _party(frame, a)


def _adjective(frame: Frame, a: Arg) -> bool:
    """A bare demonym or adjective ("Kurdish" in "Kurdish-held Syria") stands for no party."""
    tok = frame.annotation.token_at(a.start)
    if tok is None or len(a.text.split()) != 1:
        return False
    m = frame.mention(tok.i)
    return tok.pos == "ADJ" or (m is not None and m.type == "NORP" and tok.tag != "NNPS")


def _name_like(text: str) -> bool:
    """Written as a name: every word capitalised (or an acronym), bar particles ("of", "al-")."""
    words = text.replace("\u2019s", "").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_PARTICLES or w.startswith("al-") for w in words
    )


def _counted(a: Arg) -> bool:
    """The argument is a count and nothing else ("21", "more than 40", "hundreds of thousands")."""
    words = [w.strip(",.").lower() for w in a.text.split()]
    content = [w for w in words if w and w not in COUNT_FILLERS]
    counts = QUANTITY_WORDS | COUNT_WORDS
    return bool(content) and all(w.replace(",", "").replace(".", "").isdigit() or w in counts for w in content)


def _phrase_of_demonym(frame: Frame, a: Arg) -> Arg:
    """A demonym or adjective is no actor by itself: "Kurdish" in "the Kurdish fighters" stands
    for the phrase it modifies, which names nobody ("Kurdish fighters", no entity)."""
    m = _mention_of(frame, a)
    tok = frame.annotation.token_at(a.start)
    if m is None or m.type != "NORP" or tok is None or len(a.text.split()) != 1:
        return a
    head = frame.tok(tok.head)
    if (
        tok.dep in ROLE_MODIFIERS
        and head.i > tok.i
        and head.pos in ACTOR_POS
        and frame.mention_at[head.i] < 0
        and head.dep != "compound"  # "French President Emmanuel Macron": a title before a name, France's
        and not (head.tag == "NN" and relations().role_type.get(head.lemma.lower()) in {"leads", "represents"})
        and relations().noun_type.get(head.lemma.lower()) != "operates_in"  # "the Iranian presence": Iran's
    ):  # "the Turkish president" holds an office of Turkey; "Kurdish fighters" are a side
        return frame.span_arg(tok.i, head.i)
    return a


def _named_actor(frame: Frame, a: Arg) -> bool:
    kind = frame.entity_kind.get(a.entity) if a.entity else None
    return kind is not None and kind != "other"


def _allied_too(frame: Frame, pat: RelationPatterns, found: list[_Found]) -> list[_Found]:
    """Each found tie, and for military help between two groups ("the Coalition supports the
    SDF") the alliance it implies."""
    out: list[_Found] = []
    for f in found:
        out.append(f)
        if (
            f.type == "supports"
            and frame.tok(f.cue).lemma.lower() in pat.alliance_cues
            and _party(frame, f.subject)
            and _party(frame, f.object)
            and not _modifier(frame, f.object)  # "supports France's proposal" backs a proposal
            and frame.tok(f.cue - 1).text != "-"  # "US-backed forces": a patron, not a partner
        ):
            out.append(_Found("allied_with", f.subject, f.object, f.cue))
    return out


def _modifier(frame: Frame, a: Arg) -> bool:
    """Whether the argument only modifies a thing the cue is about ("France" in "France's
    proposal"); a modifier of people stands for them ("Iraqi" in "Iraqi forces")."""
    last = frame.annotation.token_at(a.end - 1)
    if last is None or last.dep not in {"poss", "compound", "amod", "nmod"}:
        return False
    return frame.tok(last.head).lemma.lower() not in frame.lexicon.nouns


def _party(frame: Frame, a: Arg) -> bool:
    """An armed group, organisation, people or state: a party that can take a side in a fight."""
    tok = frame.annotation.token_at(a.start)
    m = frame.mention(tok.i) if tok is not None else None
    if m is not None:
        return m.type in GROUP_TYPES | {"GPE"}
    if a.entity is not None:  # a pronoun or description resolved to a named entity
        return frame.entity_kind.get(a.entity) in PARTY_KINDS
    last = frame.annotation.token_at(a.end - 1)
    return last is not None and last.lemma.lower() in frame.lexicon.nouns and last.lemma.lower() != "people"


def _sentence_relations(frame: Frame, ont: RelationOntology, sentence: Sentence) -> list[_Found]:
    found: list[_Found] = []
    pat = patterns()
    toks = frame.annotation.sentence_tokens(sentence)
    signed = _signature(frame, ont, pat, toks)
    if signed:
        return signed  # a signature line says only who wrote and where from
    for t in toks:
        lemma = t.lemma.lower()
        k = frame.mention_at[t.i]
        if k >= 0 and frame.mention_last[k] == t.i:
            found.extend(_titles(frame, ont, t, k))
            found.extend(_places(frame, t, k))
            found.extend(_in_named_place(frame, pat, t, k))
            found.extend(_aliases(frame, pat, t, k))
            found.extend(_origin(frame, pat, t, k))
            found.extend(_swallowed_locative(frame, pat, t, k))
            found.extend(_parent_unit(frame, pat, k))
        if t.pos == "VERB" and t.dep in {"amod", "acl", "compound"}:
            if lemma in ont.participle_type:
                found.extend(_participle(frame, ont, t))
            elif lemma in pat.control_verbs:
                found.extend(_held(frame, t))
            elif t.tag == "VBN" and ont.verb_type.get(lemma) in pat.backing_types:
                found.extend(_backed(frame, ont, t))
                found.extend(_backed_by(frame, ont, t))
        if lemma in pat.labelling_verbs and (t.pos == "VERB" or (t.pos == "NOUN" and t.dep == "relcl")):
            found.extend(_labelled_enemy(frame, pat, t))
        if t.pos in {"VERB", "AUX"} and lemma in pat.having_verbs:
            found.extend(_staff(frame, pat, t))
        if t.pos == "VERB" and lemma in pat.sending_verbs:
            found.extend(_sent(frame, t))
        if t.pos == "VERB":
            found.extend(_respectively(frame, t, _verb(frame, ont, pat, t)))
            attack = attack_of(frame, ont, pat, t)
            if attack is not None:
                found.extend(_Found("fights", a, b, t.i) for a in attack.attackers for b in attack.targets)
        if t.pos == "NOUN" and lemma in ont.noun_type and lemma not in pat.ally_nouns:
            found.extend(_noun(frame, ont, pat, t))
        if t.pos == "NOUN" and k < 0 and lemma in pat.ally_nouns:
            found.extend(_allies(frame, pat, t))
        if t.pos == "NOUN" and k < 0 and lemma in pat.place_nouns:
            found.extend(_possessed_place(frame, t))
            found.extend(_place_noun_of(frame, t))
        if lemma in {"include", "like", "as"} and (t.dep == "prep" or t.pos == "ADP"):
            found.extend(_listed_places(frame, pat, t))
        if t.pos == "NOUN" and k < 0 and lemma in pat.resident_nouns:
            found.extend(_residents(frame, t))
        if t.text.lower() in STANCE_TYPES:
            found.extend(_stance(frame, pat, t))
        if t.pos == "NOUN" and k < 0 and lemma in pat.part_nouns:
            found.extend(_part_of(frame, t))
        if t.pos == "NOUN" and k < 0 and ont.role_type.get(lemma) == "supports":
            found.extend(_backers(frame, t))
        if (
            t.pos in {"NOUN", "PROPN"}
            and k < 0
            and (lemma in ont.role_type or lemma in frame.lexicon.nouns or _office(t))
        ):
            found.extend(_role_noun(frame, ont, t))
            found.extend(_role_after_copula(frame, ont, t))
        if (t.pos == "ADP" or t.dep == "prep") and _places_by(frame, pat, t):  # "Near" may be tagged PROPN
            found.extend(_locative(frame, t))
        if t.pos == "ADP" and lemma in pat.hostile_prepositions:
            found.extend(_against(frame, ont, pat, t))
    return found


def _respectively(frame: Frame, verb: Token, found: list[_Found]) -> list[_Found]:
    """ "Putin and Erdoğan, who have backed the government and rebels respectively": each side
    before the verb goes with the one in the same place after it; where the two lists do not
    line up, no pairing is sure and the verb ties no one."""
    if not any(c.text.lower() == "respectively" for c in frame.kids(verb.i) if c.dep == "advmod"):
        return found
    out: list[_Found] = []
    for rtype in dict.fromkeys(f.type for f in found):
        ties = [f for f in found if f.type == rtype]
        objects = list(dict.fromkeys((f.object.start, f.object.end) for f in ties))
        subjects = [f.subject for f in ties]
        first = frame.annotation.token_at(subjects[0].end - 1)
        if len({(a.start, a.end) for a in subjects}) == 1 and first is not None:
            i = first.i  # a relative clause hangs from the list's last name: read the whole list
            while frame.tok(i).dep == "conj" and frame.tok(i).head != i:
                i = frame.tok(i).head
            subjects = frame.actor_args(i)
        subjects = list({(a.start, a.end): a for a in subjects}.values())
        if len(subjects) != len(objects):
            continue
        by_object = {(f.object.start, f.object.end): f for f in reversed(ties)}
        out.extend(
            _Found(rtype, a, by_object[o].object, by_object[o].cue) for a, o in zip(subjects, objects, strict=True)
        )
    return out


SIGNATURE_END = frozenset({"•"})
"""What ends a letter's signature line on a letters page: "Mary Holmes Twickenham, London •"."""


def _signature(frame: Frame, ont: RelationOntology, pat: RelationPatterns, toks: Sequence[Token]) -> list[_Found]:
    """A letter's signature, a line with no verb between a name and the bullet that ends it:
    "Mary Holmes Twickenham, London" (the writer is in the first place, a place in the next),
    "Margaret Owen Patron, Peace in Kurdistan" (the writer holds the office before the comma and
    is one of the body after it)."""
    if len(toks) < 3 or toks[-1].text not in SIGNATURE_END or any(t.pos == "AUX" for t in toks):
        return []
    k = frame.mention_at[toks[0].i]
    if k < 0 or frame.mentions[k].type != "PERSON":
        return []
    m = frame.mentions[k]
    person = frame.arg(m)
    rest = [t for t in toks[:-1] if t.i > frame.mention_last[k]]
    # an office the tagger swallowed into the name: "Margaret Owen Patron", "Rosa Gilbert Co-secretary"
    names = m.text.split()
    offices = pat.office_nouns | set(ont.role_type)
    cut = next((j for j in range(2, len(names)) if names[j].lower() in offices), None)
    title: Arg | None = None
    if cut is not None:
        first = frame.annotation.token_at(m.start + len(" ".join(names[:cut])) + 1)
        if first is None:
            return []
        person = frame.span_arg(toks[0].i, first.i - 1, m.entity)
        title = frame.span_arg(first.i, frame.mention_last[k])
    comma = next((t.i for t in rest if t.text == ","), None)
    before = [t for t in rest if comma is None or t.i < comma]
    after = [t for t in rest if comma is not None and t.i > comma]
    capitalised = bool(before) and all(t.text[:1].isupper() for t in before)
    # "Jane Doe Director, ..."; not "Yugo Kovach Winterborne Houghton, Dorset" (a place)
    if title is None and capitalised and any(w.lower() in offices for t in before for w in t.text.split("-")):
        title = frame.span_arg(before[0].i, before[-1].i)
    out: list[_Found] = []
    if title is not None and after and after[0].text[:1].isupper():
        last = frame.mention(after[-1].i)
        owner = last.entity if last is not None and not frame.is_place_mention(last) else None
        body = frame.span_arg(after[0].i, after[-1].i, owner)  # "Peace in Kurdistan" is no place
        out += [_Found("has_role", person, title, toks[0].i), _Found("member_of", person, body, toks[0].i)]
        return out
    if title is None:
        places = [frame.arg(pm) for t in rest if (pm := frame.mention(t.i)) is not None and frame.is_place_mention(pm)]
        places = list({(a.start, a.end): a for a in places}.values())
        if places and all(t.pos == "PROPN" or t.text == "," for t in rest):
            out.append(_Found("located_in", person, places[0], toks[0].i))
            out.extend(_Found("located_in", a, b, toks[0].i) for a, b in itertools.pairwise(places))
    return out


def _allies(frame: Frame, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "Turkey's ally Azerbaijan", "Hezbollah, an ally of Iran", "the Kurds have been allies of the
    US", "Turkey views the YPG as an ally of the PKK", "his Russian and Iranian allies", "Iranian
    allies, including Lebanon and Syria" (not "the US's allies in Syria": a place the allies are in
    is no ally): the side whose allies the noun names (a
    possessor, an "of" phrase, else a demonym or name before the noun) is allied with the ones the
    phrase names (see ``ally_nouns`` in ``relation_patterns.yaml``)."""
    kids = frame.kids(t.i)
    head = frame.tok(t.head)
    holders = [a for c in kids if c.dep == "poss" for a in frame.actor_args(c.i, nominal=False)]
    if t.dep == "compound" and head.pos == "PROPN":
        holders += [a for c in frame.kids(head.i) if c.dep == "poss" for a in frame.actor_args(c.i, nominal=False)]
    holders += [
        a
        for c in kids
        if c.dep == "prep" and c.lemma.lower() == "of"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i)
    ]
    before = [
        a
        for c in kids
        if c.i < t.i and c.dep in {"amod", "compound", "nmod"}
        for a in frame.actor_args(c.i, nominal=False)
    ]
    members: list[Arg] = []
    alliance: list[Arg] = []
    if holders:
        members += before
    else:
        # "Iranian allies" are Iran's; "the two Nato allies" are members of Nato, not its allies
        holders = [a for a in before if _kind(frame, a) == "state"]
        alliance = [a for a in before if _kind(frame, a) in ORGANISED_KINDS]
    listed = [
        a
        for c in kids
        if c.dep == "prep" and c.lemma.lower() in pat.listing_prepositions
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i)
    ]
    members += listed
    members += [a for c in kids if c.dep == "appos" for a in frame.actor_args(c.i)]
    nxt = t.i + 1
    if nxt < len(frame.annotation.tokens) and frame.mention_at[nxt] >= 0 and t.dep != "compound":
        m = frame.mentions[frame.mention_at[nxt]]
        if frame.mention_first[frame.mention_at[nxt]] == nxt and frame.is_actor_mention(m):
            members.append(frame.arg(m))  # "Armenia's ally Russia", however the parser hangs the name
    if t.dep == "appos" or (t.dep == "compound" and head.pos == "PROPN"):
        members += frame.actor_args(head.i)  # "Hezbollah, an ally of Iran", "Turkey's ally Azerbaijan"
    elif t.dep == "attr" and head.lemma.lower() == "be":
        members += frame.subjects(head.i)[0]  # "the Kurds have been allies of the US"
    elif t.dep == "pobj" and head.lemma.lower() == "as":
        verb = frame.tok(head.head)  # "Turkey views the YPG as an ally of the PKK"
        if verb.pos == "VERB":
            members += [a for c in frame.kids(verb.i) if c.dep == "dobj" for a in frame.actor_args(c.i)]
    if alliance:
        return [_Found("member_of", m, a, t.i) for a in alliance for m in members if m.entity != a.entity]
    return [
        _Found("allied_with", h, m, t.i)
        for h in holders
        for m in members
        if (h.start, h.end) != (m.start, m.end) and (h.entity is None or h.entity != m.entity)
    ]


def _places_by(frame: Frame, pat: RelationPatterns, prep: Token) -> bool:
    """Whether a preposition puts what it hangs from in its object: "in", "near" ..., or "into" /
    "to" after a verb of motion ("slipped into Baghdad", "was transferred to Saudi Arabia")."""
    lemma = prep.lemma.lower()
    if lemma in pat.locative_prepositions:
        return True
    if lemma == "on":
        # "a dam on the Tigris River", "fighters on the front line" -- not "an attack on Mosul"
        objects = [p for p in frame.kids(prep.i) if p.dep == "pobj"]
        return (
            any(
                ((m := frame.mention(p.i)) is not None and m.type in {"LOC", "FAC"})
                or (m is None and p.lemma.lower() in pat.place_nouns)
                for p in objects
            )
            and frame.tok(prep.head).lemma.lower() not in relations().noun_type
        )
    head = frame.tok(prep.head)
    if not (lemma in pat.destination_prepositions and head.pos == "VERB" and head.lemma.lower() in pat.motion_verbs):
        return False
    # a plan to move places nobody yet: "proposals to deploy troops to Gaza", "hopes to travel to Oslo"
    return not any(c.dep == "aux" and c.text.lower() == "to" for c in frame.kids(head.i))


def _role_of(frame: Frame, ont: RelationOntology, tokens: list[Token]) -> tuple[str, int, int] | None:
    """The role named by title words before a name: (relation type, first token, last token)."""
    for a, b in itertools.pairwise(tokens):
        two = f"{a.lemma.lower()} {b.lemma.lower()}"
        if two in ont.role_type:
            return ont.role_type[two], a.i, b.i
    for a in reversed(tokens):
        whole = _hyphened(frame, a)
        if whole != a.text.lower() and whole in ont.role_type:
            return ont.role_type[whole], a.i, a.i  # "co-founder" is one of the founders, not "founder"
        if a.lemma.lower() in ont.role_type or a.text.lower() in ont.role_type:
            return ont.role_type.get(a.lemma.lower()) or ont.role_type[a.text.lower()], a.i, a.i
    last = tokens[-1] if tokens else None
    if last is not None and last.pos in {"NOUN", "PROPN"} and _office(last):
        return "has_role", last.i, last.i  # "the Saudi journalist Jamal Khashoggi": a role, no tie
    return None


def _office(t: Token) -> bool:
    """A noun naming an occupation or office ("journalist", "barrister", "co-founder")."""
    offices = patterns().office_nouns
    return t.lemma.lower() in offices or t.text.lower() in offices


def _titles(frame: Frame, ont: RelationOntology, head: Token, k: int) -> list[_Found]:
    """ "senior Hamas representative Naji Zaheer", "Trump, acting as chair of the organisation",
    "Votel, commander of U.S. Central Command"."""
    m = frame.mentions[k]
    if m.type != "PERSON":
        return []
    person = frame.arg(m)
    out: list[_Found] = []
    first = frame.mention_first[k]
    # title words before the name, inside the same noun phrase
    title: list[Token] = []
    j = first - 1
    while j >= 0 and frame.tok(j).sent == head.sent and frame.tok(j).dep in ROLE_MODIFIERS | {"compound"}:
        title.insert(0, frame.tok(j))
        j -= 1
    if title:
        plain = [t for t in title if frame.mention_at[t.i] < 0]
        role = _role_of(frame, ont, plain)
        groups = [frame.mention(t.i) for t in title if frame.is_actor_mention(frame.mention(t.i))]
        if role is not None:
            rtype, a, b = role
            rtype = _subordinate(frame, rtype, title)
            split = _office(frame.tok(first)) or frame.tok(first).lemma.lower() in ont.role_type
            # "Lt Gen Talib" read as the name "Gen Talib": the rank goes on into the name
            end = _rank_in_name(frame, k) if split else b
            if end is not None and (not split or b == first - 1):
                office = frame.span_arg(_prefixed(frame, _office_start(plain, a)), end)
                named = person if not split else frame.span_arg(end + 1, frame.mention_last[k], person.entity)
                out.append(_Found("has_role", named, office, a))
            for g in dict.fromkeys(groups):
                if g is not None and g.type not in SCOPE_TYPES | {"PERSON"} and rtype != "has_role":
                    out.append(_Found(rtype, person, frame.arg(g), a))
    rank = _rank_in_name(frame, k)
    if rank is not None and not (title and _role_of(frame, ont, [t for t in title if frame.mention_at[t.i] < 0])):
        # "said Cmdr Sean Robertson": a rank the tagger read into the name is the person's office
        named = frame.span_arg(rank + 1, frame.mention_last[k], person.entity)
        start = first
        while start - 1 >= 0 and frame.tok(start - 1) in title and frame.mention_at[start - 1] < 0:
            start -= 1  # "Marine Gen Joseph Dunford": the office as written
        out.append(_Found("has_role", named, frame.span_arg(start, rank), first))
    # the role the name stands in apposition to: "the home secretary, Sajid Javid", "Germany's
    # chancellor, Angela Merkel", "the SDF commander Adnan Afrin"
    if head.dep == "appos" and head.head != head.i:
        out.extend(_role_before(frame, ont, person, frame.tok(head.head)))
    else:
        comma_role = _role_before_comma(frame, k) or _role_after_comma(frame, k)
        if comma_role is not None:
            out.extend(_role_before(frame, ont, person, comma_role))
    # appositions and "acting as" clauses after the name
    for c in frame.kids(head.i):
        role_head = None
        if c.dep == "appos":
            role_head = c.i
        elif c.dep in {"acl", "relcl"} and c.lemma.lower() in {"act", "serve", "work", "double"}:
            for p in frame.kids(c.i):
                if p.dep == "prep" and p.lemma == "as":
                    role_head = next((q.i for q in frame.kids(p.i) if q.dep == "pobj"), None)
        if role_head is None:
            continue
        role_tok = frame.tok(role_head)
        if frame.mention_at[role_head] >= 0 or role_tok.pos not in {"NOUN", "PROPN"}:
            continue
        before = [g for g in frame.kids(role_head) if g.i < role_head and g.dep in ROLE_MODIFIERS]
        found_role = _role_of(frame, ont, [*(g for g in before if frame.mention_at[g.i] < 0), role_tok])
        group_noun = role_tok.lemma.lower() in ORGANISED_NOUNS | patterns().operating_nouns
        if found_role is None or (found_role[2] != role_head and group_noun):
            continue  # "al-Mansurah, a militant Sunni group": the modifier of a group is no role
        role_rel = _one_of_many(frame, role_tok, found_role[0])
        sub = list(frame.annotation.subtree(role_head))
        while len(sub) > 1 and sub[-1].pos in {"CCONJ", "PUNCT"}:
            sub.pop()  # "a lecturer at Oxford University and [at the LSE]": no dangling "and"
        first_i = next((t.i for t in sub if t.dep != "det"), role_head)
        out.append(_Found("has_role", person, frame.span_arg(_prefixed(frame, first_i), sub[-1].i), role_head))
        if c.dep == "appos":
            # "Votel, commander of U.S. Central Command": the description names the same person
            out.append(_Found("alias_of", person, frame.span_arg(sub[0].i, sub[-1].i), role_head))
        role_rel = _subordinate(frame, role_rel, [t for t in sub if t.i < role_head])
        if role_rel == "leads" and _part_head(frame, role_tok):
            role_rel = "member_of"  # "Federica Mogherini, the EU external affairs chief"
        # "head of research at Amnesty", "director of policy at Quilliam": the role heads a part
        # (a common noun after "of"), so its holder is one of the body's people, not its head
        part = [
            q.i
            for p in frame.kids(role_head)
            if p.dep == "prep" and p.lemma == "of"
            for q in frame.kids(p.i)
            if q.dep == "pobj" and q.pos == "NOUN" and frame.mention_at[q.i] < 0 and not frame.actor_args(q.i)
        ]
        for p in _with_coordinated(frame, frame.kids(role_head)):
            if p.dep == "prep" and p.lemma in {"of", "for", "at", "with"}:
                of_rel = _one_of_many(frame, role_tok, _heading(frame, role_tok, role_rel))
                if of_rel == "has_role" or (part and of_rel == "leads"):
                    # "a researcher at Human Rights Watch", "head of research at Amnesty": one of its people
                    of_rel = "member_of"
                if of_rel == "leads" and p.lemma in {"at", "with"}:
                    of_rel = "member_of"  # "director at the institute": a post there, not its head ("director of")
                if of_rel == "represents" and p.lemma in {"at", "for"} and _principal_named(frame, role_tok):
                    continue  # "the UK permanent representative at the UN", "US envoy for Syria": where, not whom
                for q in frame.kids(p.i):
                    if q.dep == "pobj":
                        for body in frame.actor_args(q.i):
                            rel = of_rel
                            if rel == "leads" and _unit_of(frame, q) and not body.start <= q.start < body.end:
                                # "chair of the House armed services committee", "chair of the
                                # political wing of the SDF": one of the House's, the SDF's people
                                rel = "member_of"
                            if rel != "member_of" or not _is_place_arg(frame, body):
                                out.append(_Found(rel, person, body, role_head))
            if p.dep in ROLE_MODIFIERS and p.i < role_head and frame.is_actor_mention(frame.mention(p.i)):
                g2 = frame.mention(p.i)
                if _demonym_word(frame, p) and _of_body(frame, role_head):
                    continue  # "the Australian director of Human Rights Watch": a scope, not a country led
                if g2 is not None and role_rel != "has_role" and g2.type not in SCOPE_TYPES:
                    out.append(_Found(role_rel, person, frame.arg(g2), role_head))
    return out


def _principal_named(frame: Frame, role: Token) -> bool:
    """Whether an actor named before a role noun says whom its holder acts for ("the UK
    permanent representative", "Iran's envoy")."""
    return any(
        c.i < role.i and c.dep in ROLE_MODIFIERS and frame.is_actor_mention(frame.mention(c.i))
        for w in frame.kids(role.i)
        for c in frame.annotation.subtree(w.i)
        if w.i < role.i
    )


def _rank_in_name(frame: Frame, k: int) -> int | None:
    """The last of the rank or office words a person's name begins with ("Cmdr Sean Robertson",
    "Gen Christopher Ghika"), leaving at least two words of name; None when it begins with none."""
    first, last = frame.mention_first[k], frame.mention_last[k]
    end = None
    i = first
    while i + 1 < last and _office(frame.tok(i)) and frame.tok(i).pos == "PROPN":
        end = i
        i += 1
    return end


def _with_coordinated(frame: Frame, kids: Sequence[Token]) -> list[Token]:
    """``kids`` and, after each preposition, the prepositions coordinated with it ("a minister at
    the Foreign Office and at the Home Office"), read as its own kind of arc."""
    out: list[Token] = []
    for p in kids:
        out.append(p)
        if p.dep == "prep":
            out.extend(replace(c, dep="prep") for c in frame.kids(p.i) if c.dep == "conj" and c.pos == "ADP")
    return out


def _role_before_comma(frame: Frame, k: int) -> Token | None:
    """ "the resignation of the defence secretary, Jim Mattis, ...": a name set off by commas right
    after a role noun stands in apposition to it, where the parser read it otherwise (as the
    subject of the next verb)."""
    first, last = frame.mention_first[k], frame.mention_last[k]
    toks = frame.annotation.tokens
    if first < 2 or toks[first - 1].text != "," or last + 1 >= len(toks):
        return None
    after = toks[last + 1]
    if after.text != "," and not (after.pos == "PUNCT" and after.text in {".", ";"}):
        return None
    role = toks[first - 2]
    of = frame.tok(role.head)
    if role.pos != "NOUN" and role.dep == "pobj" and of.lemma.lower() == "of" and of.head < of.i and role.i - of.i <= 3:
        role = frame.tok(of.head)  # "the US secretary of state, Mike Pompeo, whose ...": the office's head noun
    if role.sent != toks[first].sent or role.pos != "NOUN" or role.tag != "NN" or frame.mention_at[role.i] >= 0:
        return None
    return role


def _role_after_comma(frame: Frame, k: int) -> Token | None:
    """ "to try Omar al-Bashir, Sudan's president, for genocide": a country's office set off by
    commas right after a name is the name's, where the parser hung the name on the country."""
    last = frame.mention_last[k]
    toks = frame.annotation.tokens
    if last + 5 > len(toks) or toks[last + 1].text != "," or frame.tok(last).dep == "appos":
        return None
    owner = frame.mention(last + 2)
    j = frame.mention_last[frame.mention_at[last + 2]] + 1 if owner is not None else -1
    if owner is None or owner.type != "GPE" or j + 2 >= len(toks) or toks[j].tag != "POS":
        return None
    role = toks[j + 1]
    if role.pos != "NOUN" or role.tag != "NN" or role.head == last or toks[j + 2].text not in {",", ".", ";"}:
        return None
    return role if role.sent == toks[last].sent else None


def _role_before(frame: Frame, ont: RelationOntology, person: Arg, role: Token) -> list[_Found]:
    """has_role for a role noun a person's name is in apposition to, and the tie to the party that
    qualifies the role ("Germany's chancellor": leads Germany; "the SDF spokesman": represents)."""
    if role.pos not in {"NOUN", "PROPN"} or frame.mention_at[role.i] >= 0:
        return []
    named = frame.annotation.token_at(person.start)
    if named is None or any(
        (m := frame.mention(i)) is not None and m.type == "PERSON" for i in range(role.i + 1, named.i)
    ):
        return []  # "his defence secretary, Jim Mattis, and envoy ..., Brett McGurk": Mattis's role
    mods = [c for c in frame.kids(role.i) if c.i < role.i and c.dep in ROLE_MODIFIERS]
    words = sorted([*(c for c in mods if frame.mention_at[c.i] < 0), role], key=lambda t: t.i)
    found = _role_of(frame, ont, words)
    # the office as written takes in its modifiers' own words: "human rights lawyer", "national
    # security adviser" (not "rights lawyer")
    written = sorted(
        {
            w
            for c in mods
            if frame.mention_at[c.i] < 0
            for w in frame.annotation.subtree(c.i)
            if frame.mention_at[w.i] < 0 and w.dep in ROLE_MODIFIERS | {"compound"} and w.i < role.i
        }
        | {role},
        key=lambda t: t.i,
    )
    if found is None:
        return []
    rtype, a, b = found
    # the modifiers' own words too: "the UN under-secretary general" is no head of the UN
    rtype = _subordinate(frame, rtype, [w for c in words for w in frame.annotation.subtree(c.i) if w.i <= role.i])
    rtype = "member_of" if rtype == "leads" and _part_head(frame, role) else rtype
    out = [_Found("has_role", person, frame.span_arg(_prefixed(frame, _office_start(written, a)), b), role.i)]
    for c in mods:
        g = frame.mention(c.i)
        if g is not None and frame.is_actor_mention(g) and g.type not in SCOPE_TYPES | {"PERSON"}:
            to_body = role.lemma.lower() == "ambassador" and frame.entity_kind.get(g.entity or "") == "igo"
            if rtype == "represents" and to_body:
                continue  # "the UN ambassador, Nikki Haley": a state's ambassador to the UN, not the UN's
            out.append(_Found(rtype, person, frame.arg(g), role.i))
    return out


def _hyphened(frame: Frame, t: Token) -> str:
    """A role word with its hyphened prefix, lower case ("co-founder"); the word alone without one."""
    first = _prefixed(frame, t.i)
    return frame.annotation.text[frame.tok(first).start : t.end].lower()


def _prefixed(frame: Frame, i: int) -> int:
    """The first token of a role word with its hyphened prefix: "co-founder", "vice-president"."""
    toks = frame.annotation.tokens
    while (
        i >= 2 and toks[i - 1].text == "-" and toks[i - 1].start == toks[i - 2].end and toks[i].start == toks[i - 1].end
    ):
        i -= 2
    return i


def _office_start(words: list[Token], first: int) -> int:
    """The office as written, not just its role word: "home secretary", "permanent
    representative", "Senate majority leader" (the words of the title right before it that name
    nobody)."""
    inside = {t.i for t in words}
    while first - 1 in inside:
        first -= 1
    return first


def _one_of_many(frame: Frame, role: Token, rtype: str) -> str:
    """ "Ciyager Amed, an SDF leader": an indefinite heading role makes its holder one of the
    group's leaders, a member, not its head ("the SDF leader" heads it)."""
    indefinite = any(c.dep == "det" and c.text.lower() in {"a", "an", "one"} for c in frame.kids(role.i))
    return "member_of" if rtype == "leads" and indefinite else rtype


def _subordinate(frame: Frame, rtype: str, title: list[Token]) -> str:
    """A heading title with "deputy", "vice" ... makes its holder a member, not the head."""
    subordinate = patterns().subordinate_modifiers
    if rtype == "leads" and any(t.lemma.lower() in subordinate for t in title):
        return "member_of"
    return rtype


def _heading(frame: Frame, role: Token, rtype: str) -> str:
    """ "commander of U.S. Central Command" heads it, whatever the title means before a name."""
    pat = patterns()
    whole = _hyphened(frame, role)
    if role.lemma.lower() not in pat.heading_roles or (
        whole != role.text.lower() and relations().role_type.get(whole, "leads") != "leads"
    ):
        return rtype  # "co-founder of the band": one of its founders
    if any(c.lemma.lower() in pat.subordinate_modifiers for c in frame.kids(role.i) if c.i < role.i):
        return "member_of"
    if any(_demonym_word(frame, c) for c in frame.kids(role.i) if c.i < role.i and c.dep in {"amod", "compound"}):
        return "member_of"  # "the Australian director of Human Rights Watch" heads a country's branch
    if _part_head(frame, role):
        return "member_of"
    return "leads"


def _part_head(frame: Frame, role: Token) -> bool:
    """A heading role with a common noun before it heads a part of the body, not the body: "the
    EU external affairs chief", "the Isis intelligence chief", "an SDF field commander"; so does
    one scoped to a place after it ("Unicef's regional director for the Middle East", "the CIA
    station chief in Baghdad")."""
    if role.lemma.lower() not in patterns().heading_roles:
        return False
    kids = frame.kids(role.i)
    if any(c.i < role.i and c.dep == "compound" and c.pos == "NOUN" and frame.mention_at[c.i] < 0 for c in kids):
        return True
    return any(
        c.dep == "prep" and c.lemma.lower() in {"for", "in"} and frame.is_place_mention(frame.mention(p.i))
        for c in kids
        if c.i > role.i
        for p in frame.kids(c.i)
        if p.dep == "pobj"
    )


def _of_body(frame: Frame, role: int) -> bool:
    """Whether a role noun names an organised body after "of", "at" or "with" ("director of HRW")."""
    return any(
        frame.entity_kind.get(a.entity or "") in ORGANISED_KINDS
        for p in frame.kids(role)
        if p.dep == "prep" and p.lemma.lower() in {"of", "at", "with"}
        for q in frame.kids(p.i)
        if q.dep == "pobj"
        for a in frame.actor_args(q.i)
    )


def _country_name(frame: Frame, a: Arg) -> bool:
    """A side written as a country's name ("Syria"), not its people ("Britons")."""
    m = _mention_of(frame, a)
    return m is not None and m.type == "GPE" and _kind(frame, a) in {"state", "place"}


def _unit_of(frame: Frame, noun: Token) -> bool:
    """A sub-unit named by a common noun after the body that owns it ("the House armed services
    committee"): its head is one of the body's people, not the body's head."""
    return noun.pos == "NOUN" and frame.mention_at[noun.i] < 0 and noun.lemma.lower() in patterns().unit_nouns


def _demonym_word(frame: Frame, t: Token) -> bool:
    m = frame.mention(t.i)
    return m is not None and m.type == "NORP" and len(m.text.split()) == 1


def _places(frame: Frame, t: Token, k: int) -> list[_Found]:
    """ "Gujranwala in Pakistan", "Pakistan's Gujranwala", "Mosul, Iraq"."""
    m = frame.mentions[k]
    if not frame.is_place_mention(m):
        return []
    inner = frame.arg(m)
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep == "appos" and frame.mention(c.i) is None and c.lemma.lower() in patterns().place_nouns:
            # "Daquq, a Kurdish-controlled town south of Kirkuk": the description names the place
            sub = frame.annotation.subtree(c.i)
            out.append(_Found("alias_of", inner, frame.span_arg(sub[0].i, sub[-1].i), c.i))
            out.extend(_Found("located_in", inner, p, c.i) for p in _described_place_in(frame, c, inner))
        if c.dep == "poss" and frame.is_place_mention(frame.mention(c.i)):
            outer = frame.mention(c.i)
            if outer is not None and outer.type == "GPE":
                out.append(_Found("located_in", inner, frame.arg(outer), c.i))
        if c.dep == "prep" and c.lemma.lower() in {"in", "near", "inside", "within"}:
            for p in frame.kids(c.i):
                outer = frame.mention(p.i)
                if p.dep == "pobj" and frame.is_place_mention(outer) and outer is not None:
                    out.append(_Found("located_in", inner, frame.arg(outer), c.i))
    out.extend(_place_of_place(frame, t, inner))
    out.extend(_comma_region(frame, k, inner))
    # "Quetta in Pakistan", "from Rawa, in Iraq", "Tikrit, in northern Iraq" wherever the parser
    # attached the preposition
    toks = frame.annotation.tokens
    nxt = frame.mention_last[k] + 1
    comma = nxt + 2 < len(toks) and toks[nxt].text == "," and toks[nxt + 1].lemma.lower() == "in"
    nxt += 1 if comma else 0
    name = nxt + 1
    while comma and name < len(toks) and toks[name].tag == "JJ" and toks[name].text.islower():
        name += 1  # "in northern Iraq"
    if name < len(toks) and toks[nxt].lemma.lower() in {"in", "near"}:
        outer = frame.mention(name)
        after = frame.mention_last[frame.mention_at[name]] + 1 if outer is not None else len(toks)
        parallel = comma and after + 1 < len(toks) and toks[after].text in {",", "and", "or"}
        parallel = parallel and toks[after + 1].lemma.lower() in {"in", "and", "or"}  # "in Paris, in Rome and in Oslo"
        named = outer is not None and outer.type == "GPE" and frame.mention_first[frame.mention_at[name]] == name
        if named and outer is not None and not parallel:
            out.append(_Found("located_in", inner, frame.arg(outer), nxt))
    # "Mosul, Iraq": a comma and a place right after
    nxt = frame.mention_last[k] + 1
    if nxt + 1 < len(frame.annotation.tokens) and frame.tok(nxt).text == ",":
        outer = frame.mention(nxt + 1)
        if outer is not None and outer.type == "GPE" and m.type in {"GPE", "LOC", "FAC"}:
            after = frame.mention_last[frame.mention_at[nxt + 1]] + 1
            ends = after >= len(frame.annotation.tokens) or frame.tok(after).pos in {"PUNCT", "ADP", "CCONJ"}
            dep = frame.tok(nxt + 1).dep
            last = after >= len(frame.annotation.tokens)
            listed = not last and (
                frame.tok(after).text in {"and", "or"}
                or (frame.tok(after).text == "," and _list_goes_on(frame, after + 1))
            )  # "Iraq, Syria and Lebanon" is a list; "Raqqah, Syria, Nov. 6" is a place in a state
            state = m.entity is not None and frame.entity_kind.get(m.entity) == "state"
            if ends and not listed and dep in {"appos", "npadvmod", "conj"} and not state:
                out.append(_Found("located_in", inner, frame.arg(outer), nxt))
    return out


def _in_named_place(frame: Frame, pat: RelationPatterns, t: Token, k: int) -> list[_Found]:
    """ "Turkish troops entered Afrin in northern Syria", "jets bombed Latakia, Homs and Hama in
    Syria": named places right before "in" (a compass word may come between) and a named state or
    region lie in it, however the parser hangs the "in" phrase (often on the verb). Not when the
    gazetteer puts the two in different countries."""
    m = frame.mentions[k]
    if frame.entity_kind.get(m.entity or "") != "place":
        return []
    toks = frame.annotation.tokens
    j = t.i + 1
    if j >= len(toks) or toks[j].text.lower() != "in" or toks[j].sent != t.sent:
        return []
    j += 1

    def between(w: Token) -> bool:
        return w.dep == "det" or w.text == "-" or w.text.lower() in pat.compass_words

    while j < len(toks) and frame.mention_at[j] < 0 and between(toks[j]):
        j += 1
    if j >= len(toks) or frame.mention_at[j] < 0 or frame.mention_first[frame.mention_at[j]] != j:
        return []
    outer = frame.mentions[frame.mention_at[j]]
    if frame.entity_kind.get(outer.entity or "") not in {"state", "place"}:
        return []
    country = {e.id: e.place.country for e in frame.x.entities if e.place is not None}
    root = t.i
    while frame.tok(root).dep == "conj" and frame.tok(root).head != root:
        root = frame.tok(root).head
    out = []
    for c in frame.conjuncts(root):
        inner = frame.mention(c)
        if inner is None or frame.entity_kind.get(inner.entity or "") != "place" or inner.entity == outer.entity:
            continue
        a, b = country.get(inner.entity or ""), country.get(outer.entity or "")
        if a is not None and b is not None and a != b:
            continue  # "fighters from Mosul in Syria": not where the gazetteer puts Mosul
        out.append(_Found("located_in", frame.arg(inner), frame.arg(outer), t.i + 1))
    return out


def _described_place_in(frame: Frame, noun: Token, inner: Arg) -> list[Arg]:
    """ "Dabiq, the last village held by the group in northern Syria", "Hajin, the last town
    held by the militants in the far east of Syria": the first named place after "in" anywhere in
    a place noun's description (not in a clause with a subject of its own, "where Isis fighters
    from Syria ...") is where the described place lies."""
    compass = patterns().compass_words
    for t in frame.annotation.subtree(noun.i):
        if t.i <= noun.i or t.dep != "prep" or t.lemma.lower() not in {"in", "inside", "within"}:
            continue
        k = t.head
        own_clause = False
        while k != noun.i and frame.tok(k).head != k:
            own_clause = own_clause or any(c.dep in {"nsubj", "csubj", "expl"} for c in frame.kids(k))
            k = frame.tok(k).head
        if own_clause:
            return []
        for p in frame.kids(t.i):
            if p.dep != "pobj":
                continue
            target = p
            if p.lemma.lower() in compass or p.lemma.lower() in {"north", "south", "east", "west"}:
                # "in the far east of Syria": the place after "of"
                target = next(
                    (
                        q
                        for c in frame.kids(p.i)
                        if c.dep == "prep" and c.lemma.lower() == "of"
                        for q in frame.kids(c.i)
                        if q.dep == "pobj"
                    ),
                    p,
                )
            m = frame.mention(target.i)
            if m is None and target.lemma.lower() in patterns().place_nouns:
                # "deep in Syria's eastern desert": the place that owns the place noun
                m = next((frame.mention(c.i) for c in frame.kids(target.i) if c.dep == "poss"), None)
            if m is not None and frame.is_place_mention(m) and m.entity != inner.entity:
                return [frame.arg(m)]
        return []
    return []


def _place_of_place(frame: Frame, t: Token, inner: Arg) -> list[_Found]:
    """ "the eastern Syrian town of Baghuz", "the Kurdish Aleppo district of Sheikh Maqsood" (the
    place the place noun's modifier names holds the named one), "the Anbar and Nineveh provinces
    of Iraq" (names before a plural place noun are in the place after "of")."""
    pat = patterns()
    k = t.i
    while frame.tok(k).dep == "conj" and frame.tok(k).head != k:
        k = frame.tok(k).head
    first = frame.tok(k)
    noun = None
    outer: list[Mention] = []
    if first.dep == "pobj" and frame.tok(first.head).lemma.lower() == "of":
        noun = frame.tok(frame.tok(first.head).head)
        if noun.pos != "NOUN" or noun.lemma.lower() not in pat.place_nouns:
            return []
        outer = [m for c in frame.kids(noun.i) if c.dep in ROLE_MODIFIERS and (m := frame.mention(c.i)) is not None]
    elif first.dep == "compound" and frame.tok(first.head).pos == "NOUN":
        noun = frame.tok(first.head)
        if noun.lemma.lower() not in pat.place_nouns:
            return []
        outer = [
            m
            for c in frame.kids(noun.i)
            if c.dep == "prep" and c.lemma.lower() == "of"
            for p in frame.kids(c.i)
            if p.dep == "pobj" and (m := frame.mention(p.i)) is not None
        ]
    # a place after "of" holds the names before the noun only when it is a state ("the Anbar and
    # Nineveh provinces of Iraq"); "the Black Sea resort of Sochi" is the other way round
    holders = {"state", "place"} if first.dep == "pobj" else {"state"}
    places = [m for m in outer if m.entity != inner.entity and frame.entity_kind.get(m.entity or "") in holders]
    return [_Found("located_in", inner, frame.arg(m), noun.i) for m in places if noun is not None]


def _comma_region(frame: Frame, k: int, inner: Arg) -> list[_Found]:
    """ "in Baghuz, eastern Syria", "Sweida, in southern Syria": a place, a comma, then (after "in")
    a compass word and a state or place: the first is in the second."""
    toks = frame.annotation.tokens
    i = frame.mention_last[k] + 1
    if i >= len(toks) or toks[i].text != ",":
        return []
    i += 1
    if i < len(toks) and toks[i].text.lower() == "in":
        i += 1
    compass = patterns().compass_words
    seen = False
    while i < len(toks) and (toks[i].text.lower() in compass or (seen and toks[i].text == "-")):
        seen = seen or toks[i].text.lower() in compass
        i += 1
    if not seen or i >= len(toks) or frame.mention_at[i] < 0 or frame.mention_first[frame.mention_at[i]] != i:
        return []
    outer = frame.mentions[frame.mention_at[i]]
    if not frame.is_place_mention(outer) or outer.entity == inner.entity:
        return []
    after = frame.mention_last[frame.mention_at[i]] + 1
    if after < len(toks) and (toks[after].pos not in {"PUNCT", "ADP", "CCONJ"} or toks[after].text in {"and", "or"}):
        return []  # "from Iraq, eastern Syria and Lebanon" is a list
    if after + 1 < len(toks) and toks[after].text == "," and _list_goes_on(frame, after + 1):
        return []
    if frame.entity_kind.get(inner.entity or "") == "state":
        return []  # a country lies in no region named after a comma
    return [_Found("located_in", inner, frame.arg(outer), i)]


def _list_goes_on(frame: Frame, i: int) -> bool:
    """Whether token ``i`` (after a comma) carries on a list of places: another place or "and"."""
    if i >= len(frame.annotation.tokens):
        return False
    while i + 1 < len(frame.annotation.tokens) and frame.tok(i).dep == "det":
        i += 1  # "..., France, Jordan, the Netherlands"
    t = frame.tok(i)
    return t.text in {"and", "or"} or frame.is_place_mention(frame.mention(i))


def _parent_unit(frame: Frame, pat: RelationPatterns, k: int) -> list[_Found]:
    """ "2nd Battalion, 5th Special Forces Group", "Abel Battery, 3rd Battalion": a unit named by a
    unit noun, then after a comma the organisation it is part of (not a list: "A, B and C")."""
    m = frame.mentions[k]
    toks = frame.annotation.tokens
    last = frame.mention_last[k]
    if m.type != "ORG" or toks[last].lemma.lower() not in pat.unit_nouns:
        return []
    nxt = last + 2
    if nxt >= len(toks) or toks[last + 1].text != "," or frame.mention_at[nxt] < 0:
        return []
    k2 = frame.mention_at[nxt]
    parent = frame.mentions[k2]
    if parent.type != "ORG" or frame.mention_first[k2] != nxt or parent.entity == m.entity:
        return []
    after = frame.mention_last[k2] + 1
    if after < len(toks) and toks[after].text in {"and", "or"}:
        return []
    if after + 1 < len(toks) and toks[after].text == "," and toks[after + 1].text in {"and", "or"}:
        return []
    return [_Found("member_of", frame.arg(m), frame.arg(parent), last + 1)]


BRACKETS = {"(": ")", "[": "]"}


def _aliases(frame: Frame, pat: RelationPatterns, t: Token, k: int) -> list[_Found]:
    """ "Lashkar-e-Taiba (LeT)", "Naval Forces Central Command's (NAVCENT)", "Daesh, also known as
    ISIL"."""
    m = frame.mentions[k]
    if not frame.is_actor_mention(m):
        return []
    toks = frame.annotation.tokens
    i = frame.mention_last[k] + 1
    if i < len(toks) and toks[i].text in {"'s", "’s"}:
        i += 1
    out: list[_Found] = []
    if i + 2 < len(toks) and toks[i].text in BRACKETS:
        other = frame.mention(i + 1)
        if other is not None and frame.mention_last[frame.mention_at[i + 1]] + 1 < len(toks):
            close = frame.mention_last[frame.mention_at[i + 1]] + 1
            closed = toks[close].text == BRACKETS[toks[i].text]  # "Daesh [Islamic State]": an editor's gloss
            if closed and other.text != m.text and frame.is_actor_mention(other):
                out.append(_Found("alias_of", frame.arg(m), frame.arg(other), i))
        elif other is None and toks[i].text == "(":
            out.extend(_Found("alias_of", frame.arg(m), a, i) for a in _bracketed_name(frame, i))
    i = frame.mention_last[k] + 1
    j = i + 1 if i < len(toks) and toks[i].text in {",", "("} else i  # "Daesh (also known as ISIL)"
    if m.type == "PERSON" and j + 1 < len(toks) and toks[j].pos == "NUM" and toks[j + 1].text == ",":
        j += 2  # "Letts, 23, who was dubbed ...": past the age
    if j > i and j + 2 < len(toks) and toks[j].text.lower() == "who" and toks[j + 1].pos == "AUX":
        j += 1  # "who was dubbed", "who has been nicknamed", "who is known as"; not "who called X a liar"
        while j < len(toks) and toks[j].pos == "AUX" and j - i <= 5:
            j += 1
    for phrase in pat.alias_phrases:
        words = [w.text.lower() for w in toks[j : j + len(phrase)]]
        if tuple(words) == phrase:
            n = j + len(phrase)
            while n < len(toks) and toks[n].text in {"the", "\u201c", '"', "'"}:
                n += 1
            other = frame.mention(n) if n < len(toks) else None
            end = frame.mention_last[frame.mention_at[n]] + 1 if other is not None else len(toks)
            if end < len(toks) and toks[end].text in {"'s", "’s"}:
                break  # "who was called Sam Hill's friend": a description through another name
            if frame.is_actor_mention(other) and other is not None and (phrase != ("or",) or other.type == m.type):
                out.append(_Found("alias_of", frame.arg(m), frame.arg(other), j))
            break
    return out


def _possessed_place(frame: Frame, t: Token) -> list[_Found]:
    """ "Baghdad's popular Karrada neighbourhood", "Syria's Tabqa dam": a place noun owned by a
    named place is in it."""
    for c in frame.kids(t.i):
        m = frame.mention(c.i)
        if c.dep == "poss" and m is not None and frame.is_place_mention(m):
            first = frame.mention_last[frame.mention_at[c.i]] + 1
            while first < t.i and (frame.tok(first).text in {"'s", "’s", "'"} or frame.tok(first).pos == "ADJ"):
                first += 1
            return [_Found("located_in", frame.span_arg(first, t.i), frame.arg(m), c.i)]
    return []


def _place_noun_of(frame: Frame, t: Token) -> list[_Found]:
    """ "the eastern Syrian town of Baghuz", "the Black Sea resort of Sochi", "the Kurdish Aleppo
    district of Sheikh Maqsood": the place a place noun names after "of" lies in the place (or the
    country of the demonym) written before the noun."""
    named: list[Arg] = []
    for c in frame.kids(t.i):
        if c.dep != "prep" or c.lemma.lower() != "of":
            continue
        for p in frame.kids(c.i):
            m = frame.mention(p.i)
            if p.dep != "pobj" or p.pos != "PROPN" or m is None:
                continue
            # the noun says what the name is: "the town of Baghuz" is a place, whatever the tagger read
            named.append(frame.arg(m) if frame.is_place_mention(m) else replace(frame.arg(m), entity=None))
    if not named:
        return []
    states = [n for n in named if frame.entity_kind.get(n.entity or "") == "state"]
    inner = [
        frame.arg(m) if frame.is_place_mention(m) else replace(frame.arg(m), entity=None)
        for c in frame.kids(t.i)
        if c.i < t.i and c.dep in {"compound", "nmod"} and c.pos == "PROPN"
        for j in frame.conjuncts(c.i)
        if (m := frame.mention(j)) is not None
        and m.type not in {"PERSON", "NORP"}
        and frame.entity_kind.get(m.entity or "") != "state"
    ]
    if states and inner:
        # "the Anbar and Nineveh provinces of Iraq": the names before the noun are its places
        # (the noun says so, whatever the tagger read), the state after "of" holds them
        return [_Found("located_in", i, s, t.i) for i in dict.fromkeys(inner) for s in states]
    outer: list[Arg] = []
    for c in frame.kids(t.i):
        m = frame.mention(c.i)
        if c.i > t.i or c.dep not in {"amod", "compound", "nmod"} or m is None:
            continue
        if frame.is_place_mention(m):
            outer.append(frame.arg(m))
        elif c.pos == "ADJ" or m.type == "NORP":
            state = _country_of_demonym(frame, frame.arg(m))
            if frame.entity_kind.get(state.entity or "") == "state":
                outer.append(state)
    return [_Found("located_in", n, o, t.i) for n in named for o in outer[-1:] if n.entity != o.entity]


def _backers(frame: Frame, t: Token) -> list[_Found]:
    """ "Assad and his main foreign backer, Russian president Vladimir Putin", "the YPG and its
    backers, the militant PKK": the actors named in apposition to a possessed backer noun
    support its possessor."""
    owners = [a for c in frame.kids(t.i) if c.dep == "poss" for a in frame.actor_args(c.i)]
    named = [
        a
        for c in frame.kids(t.i)
        if c.dep == "appos" and c.i > t.i
        for a in frame.actor_args(c.i)
        if (m := _mention_of(frame, a)) is not None and frame.is_actor_mention(m)
    ]
    found = [_Found("supports", n, o, t.i) for n in named for o in owners if o.entity is None or o.entity != n.entity]
    return found or _backer_listed(frame, t)


def _backer_listed(frame: Frame, t: Token) -> list[_Found]:
    """ "Assad and his main foreign backer, Russian president Vladimir Putin, ...", "Assad, and
    another key backer, Russia, ...", "the YPG and its backers, the militant PKK": a backer noun
    coordinated after a named actor, by a possessive that agrees with it or by "another", is that
    actor's, and the actor named after the comma is the backer, however the parser hung them."""
    toks = frame.annotation.tokens
    j = t.i - 1
    while j >= 0 and toks[j].pos == "ADJ":
        j -= 1  # "main foreign", "key"
    if j < 2 or toks[j].text.lower() not in {"his", "her", "its", "their", "another"}:
        return []
    if toks[j - 1].text != "and":
        return []
    owner_end = j - 3 if toks[j - 2].text == "," else j - 2
    owner = frame.mention(owner_end) if owner_end >= 0 else None
    if (
        owner is None
        or not frame.is_actor_mention(owner)
        or frame.mention_last[frame.mention_at[owner_end]] != owner_end
    ):
        return []
    word = toks[j].text.lower()
    person = owner.type == "PERSON"
    if (word in {"his", "her"} and not person) or (word == "its" and person):
        return []  # "Assad and its backers": the possessive is someone else's
    k = t.i + 1
    if k >= len(toks) or toks[k].text != ",":
        return []
    k += 1
    while (
        k < len(toks)
        and k - t.i <= 5
        and (
            toks[k].pos in {"DET", "ADJ", "NOUN"}
            and (frame.mention_at[k] < 0 or (toks[k].pos == "ADJ" and frame.mention_last[frame.mention_at[k]] == k))
        )
    ):
        k += 1  # "the militant", "Russian president"
    backer = frame.mention(k) if k < len(toks) else None
    if backer is None or not frame.is_actor_mention(backer) or backer.entity == owner.entity:
        return []
    end = frame.mention_last[frame.mention_at[k]]
    if end + 1 < len(toks) and toks[end + 1].text not in {",", ")", "–"} and toks[end + 1].pos not in {"AUX", "VERB"}:
        return []
    return [_Found("supports", frame.arg(backer), frame.arg(owner), t.i)]


def _listed_places(frame: Frame, pat: RelationPatterns, prep: Token) -> list[_Found]:
    """ "several Syrian locations, including the coastal city of Latakia, Homs and Hama",
    "Syrian cities such as Homs and Hama": named places listed after a plural place noun lie in
    the state its demonym names (or the place after its "in")."""
    if prep.lemma.lower() == "as" and (prep.i == 0 or frame.tok(prep.i - 1).text.lower() != "such"):
        return []
    head = frame.tok(prep.head)
    if head.pos in {"VERB", "AUX"}:  # "struck several Syrian locations on Monday, including ...": the object
        objects = [c for c in frame.kids(head.i) if c.dep in OBJECTS and c.i < prep.i]
        objects += [
            q
            for c in frame.kids(head.i)
            if c.dep == "prep" and c.i < prep.i
            for q in frame.kids(c.i)
            if q.dep == "pobj"
        ]
        head = next((c for c in objects if c.tag == "NNS"), head)
    if head.pos != "NOUN" or head.tag != "NNS" or head.lemma.lower() not in pat.place_nouns:
        return []
    outer: list[Arg] = []
    for c in frame.kids(head.i):
        m = frame.mention(c.i)
        if c.i < head.i and c.dep in {"amod", "compound", "nmod"} and m is not None:
            a = _country_of_demonym(frame, frame.arg(m)) if m.type == "NORP" else frame.arg(m)
            if frame.entity_kind.get(a.entity or "") in {"state", "place"}:
                outer.append(a)
        if c.dep == "prep" and c.lemma.lower() in {"in", "across", "throughout"}:
            outer.extend(
                frame.arg(m)
                for p in frame.kids(c.i)
                if p.dep == "pobj" and (m := frame.mention(p.i)) is not None and frame.is_place_mention(m)
            )
    listed: list[Arg] = []
    for p in frame.kids(prep.i):
        if p.dep != "pobj":
            continue
        first = p
        if frame.mention(p.i) is None and p.lemma.lower() in pat.place_nouns:
            # "the coastal city of Latakia, Homs and Hama": the names after "of"
            first = next(
                (
                    q
                    for c in frame.kids(p.i)
                    if c.dep == "prep" and c.lemma.lower() == "of"
                    for q in frame.kids(c.i)
                    if q.dep == "pobj"
                ),
                p,
            )
        for j in dict.fromkeys([*frame.conjuncts(first.i), *frame.conjuncts(p.i)[1:]]):
            m = frame.mention(j)
            if m is not None and (frame.is_place_mention(m) or frame.entity_kind.get(m.entity or "") == "place"):
                listed.append(frame.arg(m))
    return [_Found("located_in", x, o, prep.i) for x in listed for o in outer[:1] if x.entity != o.entity]


def _residents(frame: Frame, t: Token) -> list[_Found]:
    """ "Abu Mukhtar, an unemployed Idlib resident", "Ali Hassan, a resident of Raqqa", "Ali is a
    Mosul resident": the named person the noun describes lives in the named place."""

    def place(i: int) -> Arg | None:
        m = frame.mention(i)
        if m is None or m.type == "PERSON" or frame.entity_kind.get(m.entity or "") not in {"place", "state"}:
            return None
        return frame.arg(m)  # the noun says it is a place, whatever the tagger read ("an Idlib resident")

    found = [place(c.i) for c in frame.kids(t.i) if c.i < t.i and c.dep in {"compound", "nmod", "amod"}]
    found.extend(
        place(p.i)
        for c in frame.kids(t.i)
        if c.dep == "prep" and c.lemma.lower() == "of"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
    )
    head = frame.tok(t.head)
    named: list[int] = []
    if t.dep == "appos":
        named = [head.i]
    elif t.dep == "attr" and head.lemma.lower() == "be":
        named = [c.i for c in frame.kids(head.i) if c.dep == "nsubj"]
    people = [frame.arg(m) for i in named if (m := frame.mention(i)) is not None and m.type == "PERSON"]
    return [_Found("located_in", h, p, t.i) for h in people for p in found if p is not None]


def _part_of(frame: Frame, t: Token) -> list[_Found]:
    """ "X will fly missions as part of the 407th Air Expeditionary Group", "Forbin is part of CTF
    50", "Hezbollah, an offshoot of Amal", "the Nusra Front, seen as the Syrian franchise of
    al-Qaida": the holder of the part noun belongs to the group after "of"."""
    groups = [
        a
        for c in frame.kids(t.i)
        if c.dep == "prep" and c.lemma.lower() == "of"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i)
        if _party(frame, a)
    ]
    if not groups:
        return []
    head = frame.tok(t.head)
    holders: list[Arg] = []
    if t.dep == "attr" and head.lemma.lower() == "be":
        holders = frame.subjects(head.i)[0]
    elif t.dep == "pobj" and head.lemma.lower() == "as" and head.head != head.i:
        up = frame.tok(head.head)
        holders = frame.subjects(up.i)[0] if up.pos in {"VERB", "AUX"} else frame.actor_args(up.i)
        if not holders and up.dep == "acl" and up.tag == "VBN":
            holders = frame.actor_args(up.head)  # "the Nusra Front, seen as the franchise of al-Qaida"
    elif t.dep == "appos" and t.lemma.lower() != "part":
        holders = [a for a in frame.actor_args(head.i) if _named_actor(frame, a)]  # "Hezbollah, an offshoot of Amal"
    return [_Found("member_of", h, g, t.i) for h in holders for g in groups if h.entity is None or h.entity != g.entity]


def _sent(frame: Frame, t: Token) -> list[_Found]:
    """ "Hezbollah has sent thousands of fighters to Syria": the sender commands the people it
    sends (leads) and they are in the place (located_in). A plan to send places nobody."""
    kids = frame.kids(t.i)
    if any(c.dep == "aux" and c.text.lower() == "to" for c in kids) or any(c.dep in PASSIVE_SUBJECTS for c in kids):
        return []
    sent = [
        a
        for c in kids
        if c.dep in OBJECTS and (c.lemma.lower() in frame.lexicon.nouns or c.lemma.lower() in QUANTITY_WORDS)
        for a in frame.actor_args(c.i)
        if not _is_place_arg(frame, a)
    ]
    if not sent:
        return []
    senders = [a for a in frame.subjects(t.i)[0] if _party(frame, a)]
    objects = [c for c in kids if c.dep in OBJECTS]
    places = [  # "sent fighters to Syria", wherever the parser hung "to Syria"
        a
        for h in [t, *objects]
        for c in frame.kids(h.i)
        if c.dep in {"prep", "dative"} and c.lemma.lower() in {"to", "into", "in"}
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in _place_args(frame, p.i)
    ]
    return [_Found("leads", s, a, t.i) for s in senders for a in sent if s.entity is None or s.entity != a.entity] + [
        _Found("located_in", a, p, t.i) for a in sent for p in places
    ]


def _staff(frame: Frame, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "it has 700 employees", "the group has some 3,000 fighters": the people belong to the
    group that has them."""
    groups = [a for a in frame.subjects(t.i)[0] if _party(frame, a)]
    if not groups:
        return []
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep in OBJECTS and c.lemma.lower() in pat.member_nouns:
            first, last = frame.noun_phrase(c.i)
            while first < c.i and frame.tok(first).dep in {"nummod", "quantmod", "det"}:
                first += 1
            out.extend(_Found("member_of", frame.span_arg(first, last), g, t.i) for g in groups)
        if c.dep in OBJECTS and c.lemma.lower() in pat.operating_nouns:
            # "Britain has military units in Syria", "Russia has troops stationed in Syria": the
            # group that has the force operates where the force is
            out.extend(_Found("operates_in", g, p, t.i) for g in groups for p in _where_held(frame, pat, c))
    return out


def _where_held(frame: Frame, pat: RelationPatterns, noun: Token) -> list[Arg]:
    """Named places after a locative preposition on a force noun or on a participle describing it
    ("units in Syria", "troops stationed in Syria and Iraq", "units engaged in Syria")."""
    heads = [noun, *(c for c in frame.kids(noun.i) if c.dep == "acl" and c.tag == "VBN")]
    return [
        a
        for h in heads
        for c in frame.kids(h.i)
        if c.dep == "prep" and c.lemma.lower() in {"in", "inside", "across", "throughout"}
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for j in frame.conjuncts(p.i)
        for a in _territory(frame, j)
        if frame.entity_kind.get(a.entity or "") in {"state", "place"}
    ]


def _bracketed_name(frame: Frame, paren: int) -> list[Arg]:
    """ "Abboud Qanbar (Abu Haidar)", "USS Hopper (DDG 70)", "Jaish al-Ta'ifa al-Mansurah (Army of
    the Victorious Sect)": a name in brackets right after a name, that the tagger left untagged,
    is another name of it (capitalised words, no place, date or bare number)."""
    toks = frame.annotation.tokens
    j = paren + 1
    while j < len(toks) and toks[j].text != ")" and j - paren <= 8 and toks[j].sent == toks[paren].sent:
        j += 1
    if j >= len(toks) or toks[j].text != ")" or j == paren + 1:
        return []
    inner = toks[paren + 1 : j]
    small = {"of", "the", "and", "al", "-", "'s"}
    if len(inner) > 1 and len(inner[0].text) == 1 and inner[1].text == "-":
        return []  # "Lindsey Graham (R-S.C.)": a party and a state, no name ("HMS Daring (D 32)" is one)
    if not inner[0].text[:1].isupper() or any(t.ent_type in {"DATE", "TIME", "MONEY", "PERCENT"} for t in inner):
        return []
    if not all(t.text[:1].isupper() or t.text[:1].isdigit() or t.text.lower() in small for t in inner):
        return []
    if any(frame.mention_at[t.i] >= 0 for t in inner):
        return []
    return [frame.span_arg(inner[0].i, inner[-1].i)]


def _participle(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "Pakistan-based terrorist groups", "MEMRI, based in Washington"."""
    rtype = ont.participle_type[t.lemma.lower()]
    places: list[Arg] = []
    for c in frame.kids(t.i):
        if c.dep in {"npadvmod", "compound", "nmod"} and c.i < t.i:
            places.extend(a for a in frame.actor_args(c.i, nominal=False) if _is_place_arg(frame, a))
        if c.dep == "prep" and c.lemma.lower() in {"in", "at", "out"}:
            for p in frame.kids(c.i):
                if p.dep == "pobj":
                    places.extend(a for a in frame.actor_args(p.i, nominal=False) if _is_place_arg(frame, a))
    if not places:
        return []
    subjects = frame.actor_args(t.head)
    return [_Found(rtype, s, p, t.i) for s in subjects for p in places]


def _is_place_arg(frame: Frame, a: Arg) -> bool:
    """Whether the argument's head (its last word) is a named place: "Mosul" and "the village of
    Safina" are places, "U.S. service members" is not."""
    tok = frame.annotation.token_at(a.end - 1)
    return tok is not None and frame.is_place_mention(frame.mention(tok.i))


def _territory(frame: Frame, i: int) -> list[Arg]:
    """A place named by a prepositional object: "in Pakistan", "on Pakistani soil", "on its soil"."""
    t = frame.tok(i)
    m = frame.mention(i)
    if frame.is_place_mention(m) and m is not None:
        return [frame.arg(m)]
    if t.lemma.lower() not in frame.lexicon.territory_nouns:
        return []
    for c in frame.kids(i):
        mc = frame.mention(c.i)
        if c.dep in {"amod", "poss", "compound"} and mc is not None and mc.type in {"GPE", "NORP"}:
            return [frame.arg(mc)]
        if c.dep == "poss" and c.pos == "PRON":
            j = c.i - 1
            while j >= 0 and frame.tok(j).sent == t.sent:
                mj = frame.mention(j)
                if mj is not None and mj.type == "GPE":
                    return [frame.span_arg(c.i, c.i, mj.entity)]
                j -= 1
    return []


def _verb(frame: Frame, ont: RelationOntology, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "X attacked Y", "X met with Y", "CTF 50 is led by Burns", "X and Y met", "ISIL seized
    Mosul", "the SDF includes the Syrian Arab Coalition", "X fought alongside Y"."""
    lemma = t.lemma.lower()
    kids = frame.kids(t.i)
    out = _companions(frame, pat, t)
    rtype = None
    for c in kids:
        if c.dep in {"prt", "prep"} and f"{lemma} {c.lemma.lower()}" in ont.verb_type:
            if (
                c.dep == "prep"
                and lemma in ont.verb_type
                and not any(p.dep == "pobj" and frame.actor_args(p.i) for p in frame.kids(c.i))
            ):
                continue  # "fought the state for 40 years" is no "fight for" a group
            rtype = ont.verb_type[f"{lemma} {c.lemma.lower()}"]
    rtype = rtype or ont.verb_type.get(lemma)
    particles = {f"{lemma} {c.lemma.lower()}" for c in kids if c.dep == "prt"}
    control = lemma in pat.control_verbs or bool(particles & pat.control_verbs)  # "took over the barracks"
    inclusion = lemma in pat.inclusion_verbs
    posting = lemma in pat.posting_verbs or lemma in pat.freeing_verbs
    if (rtype is None or rtype in {"based_in", "has_role", "alias_of"}) and not (control or inclusion or posting):
        return out
    if rtype == "leads" and _causes(frame, t):
        return out  # "it led Mattis to quit", "the strikes led to protests": a cause, no leader
    subjects, passive = frame.subjects(t.i)
    objects: list[Arg] = []
    if passive:
        # "CTF 50 is led by Burns", "the Syrian Arab Coalition, supported by Coalition advisers"
        for c in kids:
            if c.dep in PASSIVE_SUBJECTS:
                objects.extend(frame.actor_args(c.i))
        if not objects and t.dep in {"acl", "relcl"}:
            objects.extend(frame.actor_args(t.head))
        if not any(c.dep == "agent" for c in kids):
            subjects = []
            if lemma in pat.posting_verbs:
                return out + _posted(frame, t, objects)
    if not subjects:
        return out + (_taken_from(frame, t, [], []) if control or lemma in pat.freeing_verbs else [])
    if inclusion:
        members = [a for c in kids if c.dep in OBJECTS for a in frame.actor_args(c.i)]
        return out + [_Found("member_of", m, s, t.i) for s in subjects for m in members]
    place_like = rtype in {"operates_in", "located_in"}
    held: list[Arg] = []
    for c in kids:
        if c.dep in OBJECTS and not place_like:
            found = [a for a in _owned_group(frame, c.i, frame.actor_args(c.i)) if not _owner_only(frame, a, c)]
            places = [a for a in found if _is_place_arg(frame, a)]
            if control and (places or (not found and frame.tok(c.i).lemma.lower() in pat.controlled_nouns)):
                held.extend(places or [frame.span_arg(*_phrase(frame, c.i))])
            elif rtype is not None:
                objects.extend(found)
        if c.dep == "prep":
            prep = c.lemma.lower()
            for p in frame.kids(c.i):
                if p.dep != "pobj":
                    continue
                if place_like and prep in {"in", "on", "from", "inside", "across", "throughout", "within"}:
                    objects.extend(_territory(frame, p.i))
                elif not place_like and prep in {"with", "against", "to", "for"} and rtype is not None:
                    objects.extend(_owned_group(frame, p.i, frame.actor_args(p.i)))
    if passive and control and not held:
        held = [o for o in objects if _is_place_arg(frame, o)]
        objects = [o for o in objects if not _is_place_arg(frame, o)]
    if control and any(c.dep == "neg" for c in kids):
        return out  # "the last area not controlled by the regime": no one's hold
    if control and not held and t.dep in {"acl", "relcl"} and t.tag == "VBN":
        # "the largest city controlled by Daesh": the place the participle describes
        held = _held_place(frame, t.head)
    out.extend(_Found("leads", s, h, t.i) for s in subjects for h in held)
    if control or lemma in pat.freeing_verbs:
        out.extend(_taken_from(frame, t, subjects, held))
    if rtype is None:
        return out
    if not objects and ont.types[rtype].symmetric and len(subjects) > 1 and _reciprocal(pat, rtype, lemma, kids):
        # "Karim and Sadiq met again": a symmetric tie among conjoined subjects
        sides = _sides(frame, subjects)
        out.extend(_Found(rtype, a, b, t.i) for a, b in itertools.combinations(sides, 2))
    out.extend(_Found(rtype, s, o, t.i) for s in subjects for o in objects)
    if rtype == "fights" and objects:
        out.extend(_co_belligerents(frame, subjects, t.i))
    return out


def _labelled_enemy(frame: Frame, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "Turkey views the YPG as a terrorist group", "militias that Turkey regards as a threat",
    "Turkey considers them foes": whoever brands an actor an enemy or a threat opposes it."""
    kids = frame.kids(t.i)
    objects = [c for c in kids if c.dep in OBJECTS]
    labels = [
        p
        for h in [t, *objects]
        for c in frame.kids(h.i)
        if c.dep == "prep" and c.lemma.lower() == "as"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
    ] + [c for c in kids if c.dep in {"oprd", "xcomp"} and c.pos == "NOUN"]
    if len(objects) > 1 and objects[-1].pos == "NOUN" and frame.mention_at[objects[-1].i] < 0:
        # "which Turkey considers a terrorist organisation": the parser makes the label a second object
        labels.append(objects[-1])
        objects = objects[:-1]
    hostile = pat.hostile_labels

    def is_hostile(n: Token) -> bool:
        words = [n, *(c for c in frame.kids(n.i) if c.dep in {"amod", "compound"})]
        return any(w.lemma.lower() in hostile for w in words)

    if not any(is_hostile(n) for n in labels):
        return []
    branded = [a for c in objects for a in frame.actor_args(c.i) if not _is_place_arg(frame, a) or _party(frame, a)]
    if not branded and t.dep == "relcl":
        branded = frame.actor_args(t.head)  # "Kurdish militias that Turkey views as terrorists"
    if t.pos == "NOUN":
        # "militias that Turkey views as terrorists" read as a noun "views" with "Turkey" before it
        said = [a for c in kids if c.dep == "compound" for a in frame.actor_args(c.i)]
    else:
        said = frame.subjects(t.i)[0]
    subjects = [a for a in said if _party(frame, _state_of_capital(frame, a)) or _specific(frame, a)]
    return [_Found("opposes", s, b, t.i) for s in subjects for b in branded if s.entity is None or s.entity != b.entity]


def _owned_group(frame: Frame, i: int, found: list[Arg]) -> list[Arg]:
    """ "Turkey backs Syria's opposition groups": the groups, not the country that owns them. A
    noun of organised actors whose only actor is its possessor or modifier place stands for its
    whole phrase."""
    t = frame.tok(i)
    if frame.mention_at[i] >= 0 or t.lemma.lower() not in patterns().operating_nouns or t.lemma.lower() in PLACE_OWNED:
        return found
    first, last = frame.noun_phrase(i)
    inside = [a for a in found if frame.tok(first).start <= a.start and a.end <= frame.tok(last).end]
    if not inside or len(inside) != len(found) or not all(_is_place_arg(frame, a) for a in inside):
        return found
    while first < i and frame.tok(first).dep in {"det", "nummod", "quantmod"}:
        first += 1
    return [frame.span_arg(first, last)]


# Organised actors a place's name stands for: "Syria's government", "Iraq's army".
PLACE_OWNED = frozenset({"government", "army", "military", "police", "presence", "regime"})


def _owner_only(frame: Frame, a: Arg, noun: Token) -> bool:
    """Whether ``a`` is only the possessor of the object noun, a person of theirs ("the lawyers
    representing Elsheikh's mother" represent the mother), not a body they own ("Turkey's army")."""
    last = frame.annotation.token_at(a.end - 1)
    if last is None or last.dep != "poss" or last.head != noun.i or frame.mention_at[noun.i] >= 0:
        return False
    lemma = noun.lemma.lower()
    return noun.pos == "NOUN" and not (
        lemma in patterns().operating_nouns or lemma in ORGANISED_NOUNS or lemma in PLACE_OWNED
    )


def _causes(frame: Frame, t: Token) -> bool:
    """Whether verb ``t`` ("lead", "drive") is used as a cause: "led X to quit", "led to protests"."""
    for c in frame.kids(t.i):
        if c.dep == "prep" and c.lemma.lower() == "to":
            return True
        if c.dep in {"xcomp", "ccomp"} and any(g.dep == "aux" and g.text.lower() == "to" for g in frame.kids(c.i)):
            return True
    return False


def _sides(frame: Frame, args: list[Arg]) -> list[Arg]:
    """Distinct parties among conjoined arguments, in text order: "Sunni Arab tribesmen" (two
    names side by side in one phrase) is one party, named by its first name."""
    text = frame.annotation.text
    out: list[Arg] = []
    for a in sorted({(a.start, a.end): a for a in args}.values(), key=lambda a: a.start):
        if out and not text[out[-1].end : a.start].strip():
            continue
        out.append(a)
    return out


def _reciprocal(pat: RelationPatterns, rtype: str, lemma: str, kids: tuple[Token, ...]) -> bool:
    """Whether "A and B <verb>" ties A and B to each other: meeting and allying do ("Karim and Sadiq
    met"); fighting only with a reciprocal verb or "each other" ("Hamas and Fatah clashed"),
    not "Kurdish fighters and Shia militiamen attacked" (one side, its target unnamed)."""
    if rtype != "fights":
        return True
    return lemma in pat.reciprocal_verbs or any(c.lemma.lower() in {"each", "one"} for c in kids)


def _co_belligerents(frame: Frame, sides: list[Arg], cue: int) -> list[_Found]:
    """ "Iraqi forces, Kurdish fighters and Shia militiamen launched the offensive": those who
    fight on one side together are allies."""
    named = [a for a in _sides(frame, sides) if not _is_place_arg(frame, a)]
    return [
        _Found("allied_with", a, b, cue)
        for a, b in itertools.combinations(named, 2)
        if a.entity != b.entity or a.entity is None
    ]


def _taken_from(frame: Frame, t: Token, subjects: list[Arg], held: list[Arg]) -> list[_Found]:
    """ "Iraqi forces seized the hospital from ISIL fighters", "the campaign to liberate Mosul
    from ISIL": the one a place is taken from held it, and fights the one who takes it."""
    kids = frame.kids(t.i)
    losers = [
        a
        for c in kids
        if c.dep == "prep" and c.lemma.lower() == "from"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i)
        if not _is_place_arg(frame, a)
    ]
    if not losers:
        return []
    taken = held or [a for c in kids if c.dep in OBJECTS for a in _held_place(frame, c.i)]
    return [_Found("fights", s, x, t.i) for s in subjects for x in losers] + [
        _Found("leads", x, h, t.i) for x in losers for h in taken
    ]


def _posted(frame: Frame, t: Token, members: list[Arg]) -> list[_Found]:
    """ "Booker was assigned to 2nd Battalion", "X, who was attached to the 82nd Airborne": the
    one posted is a member of the group (a named organisation) the verb sends them to."""
    groups = [
        a
        for c in frame.kids(t.i)
        if c.dep == "prep" and c.lemma.lower() in {"to", "with"}
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i, nominal=False)
        if _group(frame, a)
    ]
    return [_Found("member_of", m, g, t.i) for m in members for g in groups if not _is_place_arg(frame, m)]


def _companions(frame: Frame, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "X fought IS alongside Y", "X, together with Y, ...": the subject and Y are allies."""
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep != "prep":
            continue
        one: tuple[str, ...] = (c.lemma.lower(),)
        two: tuple[str, ...] = (frame.tok(c.i - 1).lemma.lower(), c.lemma.lower()) if c.i > 0 else one
        if one not in pat.companion_prepositions and two not in pat.companion_prepositions:
            continue
        partners = [a for p in frame.kids(c.i) if p.dep == "pobj" for a in frame.actor_args(p.i)]
        if partners:
            out.extend(_Found("allied_with", s, p, c.i) for s in frame.subjects(t.i)[0] for p in partners)
    return out


def _phrase(frame: Frame, i: int) -> tuple[int, int]:
    """First and last token of the noun phrase headed by ``i``, determiner included."""
    first, last = frame.noun_phrase(i)
    det = [c.i for c in frame.kids(i) if c.dep == "det" and c.i < i]
    return min([first, *det]), last


def _held(frame: Frame, t: Token) -> list[_Found]:
    """ "ISIL-held territory", "the Kurdish-controlled town": the modifier holds the head noun."""
    holders: list[Arg] = []
    for c in frame.kids(t.i):
        if c.dep in {"npadvmod", "compound", "nmod", "amod"} and c.i < t.i:
            holders.extend(a for a in frame.actor_args(c.i, nominal=False) if not _is_place_arg(frame, a))
    if not holders or frame.tok(t.head).pos not in {"NOUN", "PROPN"}:
        return []
    head = frame.tok(t.head)
    m = frame.mention(head.i)
    held = frame.arg(m) if m is not None else frame.span_arg(t.i + 1, head.i) if t.i < head.i else None
    if held is None:
        return []
    return [_Found("leads", h, held, t.i) for h in holders]


def _backed(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "the US-backed Syrian Democratic Forces", "Iranian-backed forces", "the US-led coalition",
    "US-allied Kurdish militias": the actor before the hyphen backs (leads, is allied with) what
    the participle describes: the name it modifies, the name a described noun is in apposition
    to ("the SDF, a US-backed Kurdish militia"), else the noun phrase after the participle."""
    backers: list[Arg] = []
    for c in frame.kids(t.i):
        if c.dep in {"npadvmod", "compound", "nmod", "amod"} and c.i < t.i and frame.tok(c.i + 1).text == "-":
            backers.extend(
                a for a in frame.actor_args(c.i, nominal=False) if not _is_place_arg(frame, a) or _party(frame, a)
            )
    head = frame.tok(t.head)
    if not backers or head.pos not in {"NOUN", "PROPN"} or head.i < t.i:
        return []
    m = frame.mention(head.i)
    backed: list[Arg]
    if m is not None and frame.is_actor_mention(m):
        backed = [frame.arg(m)]
    else:
        up = frame.tok(head.head)
        named = _named_before_comma(frame, head) or (frame.mention(up.i) if head.dep == "appos" else None)
        if named is not None and frame.is_actor_mention(named) and not frame.is_place_mention(named):
            backed = [frame.arg(named)]
        else:
            backed = [frame.span_arg(t.i + 1, frame.noun_phrase(head.i)[1])]
    rtype = ont.verb_type[t.lemma.lower()]
    return [_Found(rtype, b, x, t.i) for b in backers for x in backed if b.entity is None or b.entity != x.entity]


def _named_before_comma(frame: Frame, noun: Token) -> Mention | None:
    """The name a described noun follows after a comma, as written: "the Syrian Democratic Forces
    (SDF), a US-backed Kurdish militia" describes the SDF however the parser hangs the apposition
    (a bracketed acronym after the name is skipped)."""
    if noun.dep != "appos":
        return None
    k = frame.annotation.subtree(noun.i)[0].i - 1
    if k < 1 or frame.tok(k).text != "," or frame.tok(k).sent != noun.sent:
        return None
    k -= 1
    if frame.tok(k).text == ")":
        k = next((j for j in range(k - 1, max(-1, k - 6), -1) if frame.tok(j).text == "("), 0) - 1
    return frame.mention(k) if k >= 0 else None


def _backed_by(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "Assad, supported by Moscow", "Kurdish and local Arab tribes, backed by a US-led
    coalition": the agent of a backing participle that describes an actor backs it."""
    if t.dep != "acl" or t.tag != "VBN":
        return []
    backers = [
        a
        for c in frame.kids(t.i)
        if c.dep == "agent"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i)
        if not _is_place_arg(frame, a) or _party(frame, a)
    ]
    backed = [a for a in frame.actor_args(t.head) if not _is_place_arg(frame, a) or _party(frame, a)]
    rtype = ont.verb_type[t.lemma.lower()]
    return [_Found(rtype, b, x, t.i) for b in backers for x in backed if b.entity is None or b.entity != x.entity]


def _clause_subjects(frame: Frame, i: int) -> list[Arg]:
    """The subjects of the verb that a noun hangs from: "X conducted strikes against Y",
    "X has had control of Mosul", "X was a commander in the navy", "after a meeting with Y, X ..."."""
    k = i
    for _ in range(6):
        cur = frame.tok(k)
        if cur.head == k or cur.dep not in CLIMB_DEPS | VERB_CLIMB:
            return []
        head = frame.tok(cur.head)
        if head.pos in {"VERB", "AUX"}:
            if head.lemma.lower() in patterns().reporting_verbs:
                return []
            subjects, passive = frame.subjects(head.i)
            if not subjects and passive:
                # "X was killed in a raid by Y": the one the clause is about
                subjects = [a for c in frame.kids(head.i) if c.dep in PASSIVE_SUBJECTS for a in frame.actor_args(c.i)]
            if subjects:
                return subjects
        elif cur.dep == "appos" or (cur.dep == "conj" and head.pos not in {"NOUN", "PROPN"}):
            return []
        k = head.i
    return []


def _noun(frame: Frame, ont: RelationOntology, pat: RelationPatterns, t: Token) -> list[_Found]:
    """ "the nexus between Hamas and X", "Hamas's alliance with Y", "talks with Z", "ISIL has had
    control of Mosul", "strikes against ISIL", "with the support of X"."""
    rtype = ont.noun_type[t.lemma.lower()]
    if rtype in {"based_in", "operates_in", "located_in", "alias_of", "has_role"}:
        return []
    preps = pat.object_prepositions.get(rtype, PAIR_PREPOSITIONS)
    left: list[Arg] = []
    for c in frame.kids(t.i):
        if c.i < t.i and c.dep in {"poss", "compound", "amod"} and frame.is_actor_mention(frame.mention(c.i)):
            left.extend(frame.actor_args(c.i, nominal=False))
            # "the India-Pakistan talks": the first name hangs from the second
            for d in frame.kids(c.i):
                md = frame.mention(d.i)
                if d.dep == "compound" and frame.is_actor_mention(md) and md is not None and md != frame.mention(c.i):
                    left.append(frame.arg(md))
    if left and rtype == "leads" and frame.tok(t.head).lemma.lower() == "under":
        # "areas under IS control", "Mosul, which is still under IS control"
        return [_Found("leads", h, p, t.i) for h in left for p in _under(frame, frame.tok(t.head))]
    owner = next((c for c in frame.kids(t.i) if c.i < t.i and c.dep == "poss" and is_pronoun(c)), None)
    swap = False
    own = bool(left)
    if not left:
        left = _clause_subjects(frame, t.i)
        if owner is not None:
            # "Erdoğan has clashed with the US over its support for the Kurds": a possessive that
            # cannot stand for the clause's subject ("its" for a person, "his" for a state) says
            # the act is someone else's
            left = [a for a in left if _agrees(frame, owner, a)]
        # "with the support of X, the SDF ...": X supports the clause's subject
        head = frame.tok(t.head)
        swap = t.dep == "pobj" and head.lemma.lower() == "with" and rtype in {"supports", "leads"}
    out: list[_Found] = []
    agents = [
        a
        for c in frame.kids(t.i)
        if c.dep == "prep" and c.lemma.lower() == "by"
        for p in frame.kids(c.i)
        if p.dep == "pobj"
        for a in frame.actor_args(p.i)
    ]
    if agents and rtype in {"fights", "supports", "opposes", "leads"}:
        # "killed in a raid by US Special Operations", "an attack by X on Y"
        targets = [
            a
            for c in frame.kids(t.i)
            if c.dep == "prep" and c.lemma.lower() in preps
            for p in frame.kids(c.i)
            if p.dep == "pobj"
            for a in frame.actor_args(p.i)
        ]
        return [_Found(rtype, a, o, t.i) for a in agents for o in (targets or left)]
    for c in frame.kids(t.i):
        if c.dep != "prep" or c.lemma.lower() not in preps:
            continue
        for p in frame.kids(c.i):
            if p.dep != "pobj":
                continue
            right = frame.actor_args(p.i)
            if rtype == "leads" and not right:
                right = _territory(frame, p.i) or [frame.span_arg(*_phrase(frame, p.i))]
            if c.lemma.lower() in {"between", "among"} and not own and len(right) >= 2:
                out.extend(_Found(rtype, right[0], o, t.i) for o in right[1:])
            elif swap:
                out.extend(_Found(rtype, o, s, t.i) for s in left for o in right)
            else:
                out.extend(_Found(rtype, s, o, t.i) for s in left for o in right)
    head = frame.tok(t.head)
    if rtype == "fights" and t.dep in OBJECTS and head.pos == "VERB":
        # "we will deliver ISIL a lasting defeat": the dative is the enemy
        enemies = [a for c in frame.kids(head.i) if c.dep == "dative" for a in frame.actor_args(c.i)]
        out.extend(_Found(rtype, s, e, t.i) for s in left for e in enemies)
    if rtype == "fights" and not own and len(left) > 1:
        out.extend(_co_belligerents(frame, left, t.i))
    if not out and own and ont.types[rtype].symmetric:
        # "the Iran-Iraq war", "the Hamas-Fatah talks": two names before the noun
        named = list({(a.start, a.end): a for a in left}.values())
        out.extend(_Found(rtype, a, b, t.i) for a, b in itertools.combinations(named, 2))
    return out


def _agrees(frame: Frame, pronoun: Token, a: Arg) -> bool:
    """Whether a possessive pronoun can stand for the side ``a``: "his"/"her" for a person,
    "its" for anyone but a person ("their" for anyone)."""
    m = _mention_of(frame, a)
    person = m is not None and m.type == "PERSON"
    w = pronoun.text.lower()
    if w in {"his", "her"}:
        return person
    return not person if w == "its" else True


def _against(frame: Frame, ont: RelationOntology, pat: RelationPatterns, prep: Token) -> list[_Found]:
    """ "Iraqi forces maintained their positions against ISIL fighters", "the use of chemical
    weapons against the SDF", "strike missions against ISIL": an actor after "against" fights the
    subject of the clause the phrase is in, when the word it hangs from is no cue of its own (those
    are read by their own rules) and not one of opposing, warning or protecting ("voted against",
    "protection against")."""
    head = frame.tok(prep.head)
    lemma = head.lemma.lower()
    if prep.head == prep.i or lemma in ont.verb_type or lemma in ont.noun_type or lemma in pat.not_hostile:
        return []
    enemies = [a for p in frame.kids(prep.i) if p.dep == "pobj" for a in frame.actor_args(p.i, nominal=False)]
    enemies = [a for a in enemies if not _is_place_arg(frame, a) or _group(frame, a)]
    if not enemies:
        return []
    verb = head.pos in {"VERB", "AUX"}
    subjects = frame.subjects(head.i)[0] if verb else _clause_subjects(frame, head.i)
    return [_Found("fights", s, e, prep.i) for s in subjects for e in enemies if not _is_place_arg(frame, s)]


def _held_place(frame: Frame, i: int) -> list[Arg]:
    """The place a noun names: a place mention, "Pakistani soil", "the city of Mosul", "the town"."""
    m = frame.mention(i)
    if frame.is_place_mention(m) and m is not None:
        return [frame.arg(m)]
    t = frame.tok(i)
    if t.dep == "attr" and frame.tok(t.head).lemma.lower() == "be":
        # "The city of Mosul is the largest city controlled by ...": the subject names it
        subject = next((c for c in frame.kids(t.head) if c.dep == "nsubj"), None)
        if subject is not None and subject.i != i:
            found = _held_place(frame, subject.i)
            if found:
                return found
    named = _named_before_place_noun(frame, i)
    if named is not None:
        return [frame.arg(named)]
    found = _territory(frame, i) or _common_place(frame, i)
    if found or frame.tok(i).lemma.lower() not in patterns().controlled_nouns:
        return found
    return [frame.span_arg(*_phrase(frame, i))]


def _named_before_place_noun(frame: Frame, i: int) -> Mention | None:
    """ "Raqqa, a town held by Isis", "Baghuz, the last village controlled by the group": the
    named place a place noun describes after a comma, in apposition or where the parser hung the
    noun elsewhere."""
    t = frame.tok(i)
    if t.pos != "NOUN" or t.lemma.lower() not in patterns().place_nouns or frame.mention_at[i] >= 0:
        return None
    if t.dep == "appos" and frame.is_place_mention(frame.mention(t.head)):
        return frame.mention(t.head)
    first = frame.annotation.subtree(i)[0].i
    if first < 2 or frame.tok(first - 1).text != ",":
        return None
    m = frame.mention(first - 2)
    if m is None or not frame.is_place_mention(m) or frame.mention_last[frame.mention_at[first - 2]] != first - 2:
        return None
    named = frame.tok(first - 2)
    if named.dep == "pobj" and frame.tok(named.head).head != named.head:
        inside = frame.tok(frame.tok(named.head).head)  # "Idlib province in north-west Syria, the last area ...":
        if frame.is_place_mention(frame.mention(inside.i)) or inside.lemma.lower() in patterns().place_nouns:
            return None  # the noun may describe either place
    return m


def _under(frame: Frame, under: Token) -> list[Arg]:
    """What an "under X control" phrase holds: the noun it hangs from, or the copula's subject."""
    head = frame.tok(under.head)
    if head.pos in {"NOUN", "PROPN"}:
        return _held_place(frame, head.i)
    if head.lemma.lower() == "be":
        subject = next((c for c in frame.kids(head.i) if c.dep == "nsubj"), None)
        if subject is not None and subject.text.lower() in {"which", "that"} and frame.tok(head.i).dep == "relcl":
            return _held_place(frame, frame.tok(head.i).head)
        if subject is not None:
            return _held_place(frame, subject.i)
    return []


def _role_noun(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "X was a commander in the navy", "Marines from 3rd Battalion", "the President of Syria",
    "a spokesman for the UN High Commissioner": a role or member noun tied to a group by a
    preposition; its holder is the noun phrase itself, the person it is in apposition to, or the
    subject of the copula."""
    lemma = t.lemma.lower()
    whole = _hyphened(frame, t)
    rtype = (whole != t.text.lower() and ont.role_type.get(whole)) or ont.role_type.get(lemma, "member_of")
    misread = _named_after_place(frame, ont, t, rtype)
    if misread:
        return misread
    named, out = _described_person(frame, t)
    groups: list[Arg] = []
    of_rtype = _heading(frame, t, rtype)
    for c in frame.kids(t.i):
        if c.dep != "prep" or c.i < t.i or c.lemma.lower() not in {"of", "from", "in", "within", "for", "at"}:
            continue
        for p in frame.kids(c.i):
            if p.dep != "pobj" or frame.mention_at[p.i] < 0:
                continue
            for a in frame.actor_args(p.i, nominal=False):
                m = _mention_of(frame, a)
                if m is None or _in_apposition(frame, a, p):
                    continue  # "the UN envoy for Syria, Staffan de Mistura": the name is the envoy's
                if m.type in GROUP_TYPES or (m.type == "GPE" and c.lemma.lower() == "of" and rtype == "leads"):
                    groups.append(a)
                    if c.lemma.lower() in {"of", "for"}:
                        rtype = of_rtype
                    elif rtype == "leads" and c.lemma.lower() == "at":
                        rtype = "member_of"  # "the director at the institute": a post there, not its head
    if not groups:
        return out
    head = frame.tok(t.head)
    holders: list[Arg]
    if t.dep == "appos" and frame.mention(head.i) is not None and frame.mention(head.i).type == "PERSON":  # type: ignore[union-attr]
        return out  # _titles reads appositions to names
    if named:
        holders = named
    elif t.dep == "attr" and head.pos in {"AUX", "VERB"}:
        holders = frame.subjects(head.i)[0]
    elif lemma == "member" and not any(c.i < t.i and c.dep not in {"det", "nummod"} for c in frame.kids(t.i)):
        return out  # "members of the SDF questioned him": the phrase is the group's people, no tie
    else:
        holders = [frame.span_arg(*_phrase(frame, t.i))]
    return out + [_Found(rtype, h, g, t.i) for h in holders for g in groups]


def _named_after_place(frame: Frame, ont: RelationOntology, t: Token, rtype: str) -> list[_Found]:
    """ "The UN special envoy for Syria, Staffan de Mistura": the parser hangs the name on the
    place after "for" (a place has no second name), the tagger may even call it an organisation;
    the name is the holder of the role, the office is written up to the place ("UN special envoy
    for Syria"), and the party before the role (the UN) is the one it ties to."""
    if t.lemma.lower() not in ont.role_type or t.dep == "appos":
        return []
    for c in frame.kids(t.i):
        if c.dep != "prep" or c.i < t.i or c.lemma.lower() not in {"for", "of", "to"}:
            continue
        for p in frame.kids(c.i):
            place = frame.mention(p.i)
            if p.dep == "pobj" and place is not None and place.type in GROUP_TYPES and frame.is_actor_mention(place):
                found = _named_after_group(frame, t, p, _heading(frame, t, rtype))
                if found:
                    return found
            if p.dep != "pobj" or place is None or not frame.is_place_mention(place):
                continue
            for q in frame.kids(p.i):
                m = frame.mention(q.i)
                if q.dep != "appos" or q.i < p.i or m is None or m.type not in {"PERSON", "ORG"}:
                    continue
                name_start = frame.annotation.token_at(m.start)
                if frame.is_place_mention(m) or name_start is None or frame.tok(name_start.i - 1).text != ",":
                    continue
                person = frame.arg(m)
                first = next((k.i for k in frame.annotation.subtree(t.i) if k.dep != "det"), t.i)
                out = [_Found("has_role", person, frame.span_arg(first, p.i), t.i)]
                for mod in frame.kids(t.i):
                    g = frame.mention(mod.i)
                    if mod.i < t.i and g is not None and frame.is_actor_mention(g) and g.type in GROUP_TYPES:
                        out.append(_Found(rtype, person, frame.arg(g), t.i))
                if rtype == "leads" and c.lemma.lower() == "of":  # "the president of Syria, X"
                    out.append(_Found("leads", person, frame.arg(place), t.i))
                return out
    return []


def _named_after_group(frame: Frame, t: Token, group: Token, rtype: str) -> list[_Found]:
    """ "A spokesman for the Syrian Democratic Forces, Mustafa Bali, said": the parser hangs the
    person's name on the group (a group has no person for a second name); the person holds the
    role written up to the group and the role's tie to it."""
    for q in frame.kids(group.i):
        m = frame.mention(q.i)
        if q.dep != "appos" or q.i < group.i or m is None or m.type != "PERSON":
            continue
        start = frame.annotation.token_at(m.start)
        if start is None or frame.tok(start.i - 1).text != ",":
            continue
        person = frame.arg(m)
        first = next((k.i for k in frame.annotation.subtree(t.i) if k.dep != "det"), t.i)
        last = frame.mention_last[frame.mention_at[group.i]]
        return [
            _Found("has_role", person, frame.span_arg(first, last), t.i),
            _Found(rtype, person, frame.arg(frame.mentions[frame.mention_at[group.i]]), t.i),
        ]
    return []


def _in_apposition(frame: Frame, a: Arg, to: Token) -> bool:
    """Whether the argument's head hangs from ``to`` as an apposition (a second name of it)."""
    last = frame.annotation.token_at(a.end - 1)
    return last is not None and last.dep == "appos" and last.head == to.i and last.i != to.i


def _role_after_copula(frame: Frame, ont: RelationOntology, t: Token) -> list[_Found]:
    """ "Alia Brahimi is co-founder of Legatus Global", "Letta Tayler is the senior researcher at
    Human Rights Watch": a named person the copula ties to a role noun holds that role."""
    head = frame.tok(t.head)
    if t.dep != "attr" or head.lemma.lower() != "be" or frame.mention_at[t.i] >= 0:
        return []
    words = [c for c in frame.kids(t.i) if c.i < t.i and c.dep in ROLE_MODIFIERS and frame.mention_at[c.i] < 0]
    found = _role_of(frame, ont, sorted([*words, t], key=lambda w: w.i))
    if found is None:
        return []
    persons = [a for a in frame.subjects(head.i)[0] if (m := _mention_of(frame, a)) is not None and m.type == "PERSON"]
    role = frame.span_arg(_prefixed(frame, _office_start(sorted([*words, t], key=lambda w: w.i), found[1])), t.i)
    return [_Found("has_role", p, role, t.i) for p in persons]


def _described_person(frame: Frame, t: Token) -> tuple[list[Arg], list[_Found]]:
    """A definite role phrase that names a person: "His Chief of Staff, Major General Hassan"
    (the name in apposition after it), "Bashar al-Assad is the President of Syria" (the subject
    of the copula). The phrase and the name are two names of one person (alias_of); returns the
    persons and those ties."""
    persons: list[Arg] = []
    phrase_end = None
    for c in frame.kids(t.i):
        m = frame.mention(c.i)
        if c.dep == "appos" and c.i > t.i and m is not None and m.type == "PERSON":
            persons.append(frame.arg(m))
            phrase_end = frame.annotation.subtree(c.i)[0].i - 1
    head = frame.tok(t.head)
    definite = any(c.dep in {"det", "poss"} and c.text.lower() not in {"a", "an"} for c in frame.kids(t.i))
    if not persons and t.dep == "attr" and head.lemma.lower() == "be" and definite:
        subjects = frame.subjects(head.i)[0]
        persons = [a for a in subjects if (m := _mention_of(frame, a)) is not None and m.type == "PERSON"]
    if not persons:
        return [], []
    sub = [x for x in frame.annotation.subtree(t.i) if phrase_end is None or x.i <= phrase_end]
    while len(sub) > 1 and sub[-1].pos == "PUNCT":
        sub.pop()
    phrase = frame.span_arg(sub[0].i, sub[-1].i)
    return persons, [_Found("alias_of", p, phrase, t.i) for p in persons]


def _place_args(frame: Frame, i: int) -> list[Arg]:
    """Places named by a preposition's object and its conjuncts ("in Syria and Iraq"), including
    a place name the tagger swallowed with its preposition ("Near Mosul" read as one name)."""
    out: list[Arg] = []
    for j in frame.conjuncts(i):
        found = _territory(frame, j)
        if not found:
            m = frame.mention(j)
            k = frame.mention_at[j]
            if m is not None and frame.tok(j).pos == "PROPN" and frame.mention_first[k] < j:
                first = frame.tok(frame.mention_first[k])
                if first.pos == "ADP" or first.lemma.lower() in patterns().locative_prepositions:
                    found = [frame.span_arg(first.i + 1, frame.mention_last[k], m.entity)]
            elif m is None:
                found = _common_place(frame, j)
        out.extend(found)
    return out


def _common_place(frame: Frame, i: int) -> list[Arg]:
    """ "the village", "a besieged town", "the front line": a place named by a common noun, read
    only with a determiner or a modifier (its noun phrase, determiner included)."""
    t = frame.tok(i)
    if t.pos != "NOUN" or t.lemma.lower() not in patterns().place_nouns:
        return []
    if not any(c.dep in {"det", "poss", "amod", "compound"} and c.i < i for c in frame.kids(i)):
        return []
    first, last = _phrase(frame, i)
    for c in frame.kids(i):
        if c.dep == "prep" and c.lemma.lower() == "of" and c.i == last + 1:
            # "the village of Safina": the named place, with its common noun
            m = next((frame.mention(p.i) for p in frame.kids(c.i) if p.dep == "pobj"), None)
            if m is not None and frame.is_place_mention(m):
                return (
                    [frame.span_arg(first, frame.mention_last[frame.mention_at[c.i + 1]], m.entity)]
                    if frame.mention_at[c.i + 1] >= 0
                    else [frame.arg(m)]
                )
    return [frame.span_arg(first, last)]


def _locative(frame: Frame, prep: Token) -> list[_Found]:
    """A place attached by a locative preposition ties what the preposition hangs from:
    "ISIL fighters in Mosul" (the actor), "forces conducted strikes in Syria" and "Near Mosul,
    strikes hit ISIL units" (the verb's subject and object), "the defeat of Daesh in Iraq" (the
    actors of an event noun)."""
    places = [a for p in frame.kids(prep.i) if p.dep == "pobj" for a in _place_args(frame, p.i)]
    if not places or prep.head == prep.i:
        return []
    return _attach(frame, frame.tok(prep.head), places, prep.i)


def _swallowed_locative(frame: Frame, pat: RelationPatterns, t: Token, k: int) -> list[_Found]:
    """ "Near Mosul, five strikes engaged ISIL units" where the parser read the capitalised "Near"
    as a modifier of the name and made the name the verb's subject or modifier: the named place,
    attached to the verb. (The annotator already cuts "Near" out of a name the model read with it.)"""
    first = frame.tok(frame.mention_first[k])
    if first.i == 0 or not frame.is_place_mention(frame.mentions[k]):
        return []
    before = frame.tok(first.i - 1)
    if before.dep != "compound" or before.head != t.i or not before.text[:1].isupper():
        return []
    if before.text.lower() not in pat.locative_prepositions:
        return []
    if t.dep not in {"nsubj", "npadvmod", "compound", "dep", "advcl"} or frame.tok(t.head).pos not in {"VERB", "AUX"}:
        return []
    place = frame.span_arg(first.i, t.i, frame.mentions[k].entity)
    found = _attach(frame, frame.tok(t.head), [place], before.i)
    return [f for f in found if not (f.subject.start <= t.start < f.subject.end)]


def _attach(frame: Frame, head: Token, places: list[Arg], cue: int) -> list[_Found]:
    """Tie ``places`` to the actors of the word a locative phrase hangs from."""
    prep = frame.tok(cue)
    actors: list[Arg] = []
    rtype = "located_in"
    if head.pos in {"VERB", "AUX"}:
        subjects, passive = frame.subjects(head.i)
        if not subjects and head.dep == "acl" and head.tag in {"VBG", "VBN"}:
            # "Syrians now living in Jordan", "volunteers working at the hospital"
            subjects = frame.actor_args(head.head)
        actors.extend(subjects)
        for c in frame.kids(head.i):
            if c.dep in OBJECTS or (passive and c.dep in PASSIVE_SUBJECTS):
                found = frame.actor_args(c.i, nominal=True)
                if found and all(_is_place_arg(frame, a) for a in found) and frame.mention(c.i) is None:
                    found = [frame.span_arg(*_phrase(frame, c.i))]  # "visited U.S. service members at X"
                actors.extend(found)
        if subjects and all(_group(frame, a) for a in subjects):
            rtype = "operates_in"
        attack = attack_of(frame, relations(), patterns(), head)
        if attack is not None:  # "Near Mosul, five strikes engaged ISIL units": all of them there
            actors.extend([*attack.attackers, *attack.targets])
        actors.extend(conducted(frame, patterns(), head))  # "In Syria, forces conducted 23 strikes"
    elif head.pos == "NOUN" and relations().noun_type.get(head.lemma.lower()) == "operates_in":
        # "Iran's presence in Iraq", "the Iranian military presence in Syria", "the presence of
        # Hezbollah in Syria": whose presence it is operates there
        return [
            _Found("operates_in", a, p, prep.i) for a in _present(frame, head) for p in places if a.entity != p.entity
        ]
    elif head.pos in {"NOUN", "PROPN"}:
        m = frame.mention(head.i)
        described = _described(frame, head) if m is None else []
        if described:
            return [_Found("located_in", d, p, prep.i) for d in described for p in places if d.entity != p.entity]
        if m is not None:
            if frame.is_place_mention(m) or not frame.is_actor_mention(m):
                return []  # a named place in a place: _places reads these
            there = [frame.arg(m), *_met_by(frame, head)]
            return [_Found(_place_type(frame, "located_in", a), a, p, prep.i) for a in there for p in places]
        pat = patterns()
        if head.lemma.lower() in pat.place_nouns | pat.controlled_nouns and head.pos == "NOUN":
            # "a mosque in northern Iraq", "the port of Tema in Ghana": a place in a place
            inner = _common_place(frame, head.i) or [frame.span_arg(*_phrase(frame, head.i))]
            same = inner[0].entity
            return [_Found("located_in", inner[0], p, prep.i) for p in places if not p.entity or p.entity != same]
        found = frame.actor_args(head.i)
        if found and all(_is_place_arg(frame, a) for a in found):
            # "U.S. service members in Syria": the people, not their country
            found = [frame.span_arg(*_phrase(frame, head.i))]
        actors.extend(found)
        if not actors:
            for c in frame.kids(head.i):
                if c.dep in {"poss", "compound"} or (c.dep == "prep" and c.lemma.lower() == "of"):
                    kids = [c] if c.dep != "prep" else [p for p in frame.kids(c.i) if p.dep == "pobj"]
                    actors.extend(a for k in kids for a in frame.actor_args(k.i))
    out: list[_Found] = []
    for a in actors:
        if _is_place_arg(frame, a):
            continue
        out.extend(_Found(_place_type(frame, rtype, a), a, p, prep.i) for p in places)
    return out


def _present(frame: Frame, noun: Token) -> list[Arg]:
    """The actors a presence noun belongs to: its possessor or the actor (a demonym: its country)
    before it ("Iran's presence", "the Iranian military presence"), or the actor after "of"."""
    out: list[Arg] = []
    for c in frame.kids(noun.i):
        m = frame.mention(c.i)
        if (
            c.i < noun.i
            and c.dep in {"poss", "amod", "compound", "nmod"}
            and frame.is_actor_mention(m)
            and m is not None
        ):
            a = _country_of_demonym(frame, frame.arg(m)) if m.type == "NORP" else frame.arg(m)
            if (a.entity is not None and not _is_place_arg(frame, a)) or frame.entity_kind.get(
                a.entity or ""
            ) == "state":
                out.append(a)
        if c.dep == "prep" and c.lemma.lower() == "of":
            out.extend(a for p in frame.kids(c.i) if p.dep == "pobj" for a in frame.actor_args(p.i))
    return out


def _place_type(frame: Frame, rtype: str, a: Arg) -> str:
    """An organised actor in a place is active there ("the YPG in Syria", "US troops in Syria",
    "Hezbollah in Beirut": operates_in); a person or a thing is located there."""
    if rtype != "located_in":
        return rtype
    m = _mention_of(frame, a)
    last = frame.annotation.token_at(a.end - 1)
    if last is None:
        return rtype
    if m is not None and frame.mention_at[last.i] >= 0:  # a name: "the YPG in Syria"
        organised = m.type in {"ORG", "NORP"} or frame.entity_kind.get(a.entity or "") in ORGANISED_KINDS
        return "operates_in" if organised else rtype
    return "operates_in" if last.lemma.lower() in patterns().operating_nouns else rtype


ORGANISED_KINDS = frozenset({"group", "organization", "igo"})


def _described(frame: Frame, noun: Token) -> list[Arg]:
    """The named thing a common noun describes: "Hibhib is a village (in Iraq)", "Amarah, a city
    (in Southern Iraq)", "The Syrian Computer Society is an organization (in Syria)"."""
    head = frame.tok(noun.head)
    named: list[int] = []
    if noun.dep == "attr" and head.lemma.lower() == "be":
        named = [c.i for c in frame.kids(head.i) if c.dep == "nsubj"]
    elif noun.dep == "appos":
        named = [head.i]
    out: list[Arg] = []
    lemma = noun.lemma.lower()
    pat = patterns()
    people = lemma in relations().role_type or lemma in frame.lexicon.nouns or _office(noun)
    # "Gujranwala is a city": the copula says the name (read as a person's) is a place
    people = people or (noun.dep == "attr" and lemma in pat.place_nouns | pat.controlled_nouns)
    for i in named:
        m = frame.mention(i)
        if m is not None and m.type == "PERSON" and not people:
            continue  # "expert X, the effectiveness of weapons in Syria": a misread apposition, no person's place
        if m is not None and frame.is_place_mention(m) and lemma not in pat.place_nouns | pat.controlled_nouns:
            continue  # "Tel Aviv, where Iran's creep in Syria ...": a place is described by a place noun only
        if m is not None and (frame.is_actor_mention(m) or frame.is_place_mention(m)):
            out.append(frame.arg(m))
    return out


def _met_by(frame: Frame, t: Token) -> list[Arg]:
    """ "Carter met with al-Abadi in Baghdad": whoever meets the one the place hangs from is there
    too (the parser hangs the place on the nearer name)."""
    prep = frame.tok(t.head)
    if t.dep != "pobj" or prep.lemma.lower() != "with" or prep.head == prep.i:
        return []
    verb = frame.tok(prep.head)
    ont = relations()
    rtype = ont.verb_type.get(f"{verb.lemma.lower()} with") or ont.verb_type.get(verb.lemma.lower())
    if verb.pos != "VERB" or rtype != "communicates_with":
        return []
    return [a for a in frame.subjects(verb.i)[0] if not _is_place_arg(frame, a)]


def _group(frame: Frame, a: Arg) -> bool:
    tok = frame.annotation.token_at(a.start)
    m = frame.mention(tok.i) if tok is not None else None
    return m is not None and m.type in GROUP_TYPES


def _origin(frame: Frame, pat: RelationPatterns, t: Token, k: int) -> list[_Found]:
    """ "Spc. X, of Cibolo, Texas", "a physician from Husaybah, X": where a person is from."""
    m = frame.mentions[k]
    if m.type != "PERSON":
        return []
    out: list[_Found] = []
    for c in frame.kids(t.i):
        if c.dep == "prep" and c.lemma.lower() in pat.origin_prepositions:
            for p in frame.kids(c.i):
                if p.dep != "pobj":
                    continue
                out.extend(_Found("located_in", frame.arg(m), a, c.i) for a in _place_args(frame, p.i))
                if not (c.i == t.i + 1 or (c.i == t.i + 2 and frame.tok(t.i + 1).text == ",")):
                    continue
                # "Stafford Smith, of the legal nonprofit Reprieve", "Roger Waters from the rock
                # band Pink Floyd": a person of an organisation is one of its people
                out.extend(
                    _Found("member_of", frame.arg(m), a, c.i)
                    for a in frame.actor_args(p.i)
                    if frame.entity_kind.get(a.entity or "") in {*ORGANISED_KINDS, "media"}
                )
    return out


def _mention_of(frame: Frame, a: Arg) -> Mention | None:
    tok = frame.annotation.token_at(a.start)
    return frame.mention(tok.i) if tok is not None else None
