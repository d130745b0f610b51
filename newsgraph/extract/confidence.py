"""Confidence: the estimated probability that a record is right in every element.

Every entity, claim, event and relation gets ``confidence`` from a handful of features that a
reader can check against the text (which kind of record, whether its arguments resolve to named
entities, whether one of them is a pronoun or a bare number, how ambiguous the trigger is ...).
A logistic model per record kind turns the features into a probability; its weights live in
``newsgraph/data/confidence.yaml`` and are fitted on the hand-annotated real news of
``eval/gold/newsfacts`` by ``scripts/calibrate_confidence.py``, which also chooses
:data:`DEFAULT_THRESHOLD`, the confidence under which the CLI, the API and the network hide a
fact by default (saying so).

:func:`explain` lists the features and their weights for one record, so an analyst can see why
a fact scores what it scores.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from newsgraph.annotate.parsed import Annotation, Token
from newsgraph.errors import OntologyError
from newsgraph.extract.claims import lexicon as cue_lexicon
from newsgraph.extract.modality import token_range
from newsgraph.extract.relation_patterns import patterns as relation_patterns
from newsgraph.ontology import events, read_data
from newsgraph.ontology import relations as relation_ontology
from newsgraph.records import Arg, Claim, Entity, Event, Extraction, Relation

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "confidence.yaml"
SCHEMA = "newsgraph/confidence@1"
KINDS = ("entity", "claim", "event", "relation")

PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "his",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "one",
    ]
)
QUANTIFIERS = frozenset({"many", "several", "some", "most", "others", "few", "two", "three", "both", "all"})
"""Words that stand for several speakers by themselves ("Many reported that ...")."""
SAY_CUES = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "according to"})
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")

Features = dict[str, float]


@dataclass(frozen=True)
class Model:
    """Logistic weights of one record kind."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: Features) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Calibration:
    """The models of ``confidence.yaml`` and the default threshold chosen with them."""

    models: dict[str, Model]
    default_threshold: float


def parse_calibration(data: dict[str, object], origin: str) -> Calibration:
    threshold = data.get("default_threshold")
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise OntologyError(origin, "'default_threshold' must be a number in [0, 1]")
    raw = data.get("models")
    if not isinstance(raw, dict) or sorted(raw) != sorted(KINDS):
        raise OntologyError(origin, f"'models' must map each of {', '.join(KINDS)} to bias and weights")
    models = {}
    for kind, m in raw.items():
        if not isinstance(m, dict) or not isinstance(m.get("bias"), (int, float)):
            raise OntologyError(origin, f"models.{kind} needs a numeric 'bias'")
        weights = m.get("weights") or {}
        if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
            raise OntologyError(origin, f"models.{kind}.weights must map feature names to numbers")
        models[kind] = Model(float(m["bias"]), {str(k): float(v) for k, v in weights.items()})
    return Calibration(models, float(threshold))


@lru_cache(maxsize=1)
def calibration() -> Calibration:
    """The shipped calibration, read and checked once per process."""
    return parse_calibration(read_data(DATA_FILE, SCHEMA), str(DATA_FILE))


DEFAULT_THRESHOLD = calibration().default_threshold
"""Facts under this confidence are hidden by default (the CLI, the API and the network say so)."""


# --- features -----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _pronoun(a: Arg | None) -> bool:
    return a is not None and a.text.lower().strip() in PRONOUNS


def _numeric(a: Arg) -> bool:
    return bool(_DIGIT.search(a.text)) or a.text.split()[-1:] in (["dozens"], ["hundreds"], ["thousands"])


class _Context:
    """What the feature functions look up, built once per document."""

    def __init__(self, annotation: Annotation, x: Extraction) -> None:
        self.annotation = annotation
        self.entities = {e.id: e for e in x.entities}
        self.mention_type = {m.id: m.type for m in x.mentions}
        self.mention_starts: dict[str, list[int]] = {}
        """Entity id -> the start offsets of its mentions, in order."""
        for m in sorted(x.mentions, key=lambda m: m.start):
            if m.entity is not None:
                self.mention_starts.setdefault(m.entity, []).append(m.start)
        self.quotations = [(c.start, c.end) for c in x.claims if c.kind == "direct"]
        self.demonym_spans = {(m.start, m.end) for m in x.mentions if m.type == "NORP"}
        self.mention_spans = sorted((m.start, m.end, m.entity or "") for m in x.mentions)
        self.stated: set[tuple[str, str, str]] = set()
        """Ties already read earlier in the document (type and both sides), see :func:`relation_features`."""

    def sentence_of(self, offset: int) -> int:
        t = self.annotation.token_at(offset)
        return t.sent if t is not None else 0

    def antecedent_gap(self, entity: str, offset: int) -> int | None:
        """Sentences between ``offset`` and the last mention of ``entity`` before it (None: none)."""
        starts = self.mention_starts.get(entity, [])
        k = bisect.bisect_left(starts, offset)
        if k == 0:
            return None
        return self.sentence_of(offset) - self.sentence_of(starts[k - 1])

    def kind(self, a: Arg | None) -> str:
        e = self.entities.get(a.entity or "") if a else None
        return e.kind if e else "none"

    def plural_head(self, start: int, end: int) -> bool:
        """Whether the phrase in ``[start, end)`` is headed by a plural noun or stands for several
        by a quantifier alone ("Many", "several")."""
        first, last = token_range(self.annotation, start, end)
        tokens = self.annotation.tokens
        heads = [k for k in range(first, last) if not first <= tokens[k].head < last or tokens[k].head == k]
        if not heads:
            return False
        t = tokens[heads[0]]
        return t.tag in ("NNS", "NNPS") or (t.pos in ("ADJ", "NUM", "DET") and t.text.lower() in QUANTIFIERS)

    def cue_lemma(self, start: int, end: int) -> str:
        """Lemma of the first token in ``[start, end)`` (a cue's verb)."""
        first, last = token_range(self.annotation, start, end)
        return self.annotation.tokens[first].lemma.lower() if last > first else ""

    def head_pos(self, start: int, end: int) -> str:
        """Part of speech of the last token in ``[start, end)`` (the head of an English phrase)."""
        first, last = token_range(self.annotation, start, end)
        return self.annotation.tokens[last - 1].pos if last > first else ""


def entity_features(e: Entity, c: _Context) -> Features:
    types = [c.mention_type.get(m, "") for m in e.mentions]
    words = e.name.split()
    f: Features = {f"kind:{e.kind}": 1.0, "mentions": math.log1p(len(e.mentions))}
    if len(words) == 1:
        f["one_word"] = 1.0
    if e.name.isupper() and len(e.name) <= 6:
        f["acronym"] = 1.0
    if types and all(t == "NORP" for t in types):
        f["demonym"] = 1.0
    if len(set(types)) > 1:
        f["mixed_types"] = 1.0
    if e.kind in ("place", "state"):
        f["geocoded" if e.place is not None else "not_geocoded"] = 1.0
    if words and words[0][:1].islower():
        f["lower_start"] = 1.0
    if e.aliases:
        f["aliases"] = 1.0
    return f


def claim_features(cl: Claim, c: _Context) -> Features:
    f: Features = {f"claim:{cl.kind}": 1.0, "words": math.log1p(len(_words(cl.text))) / 3}
    sp = cl.speaker
    if sp is None:
        f["no_speaker"] = 1.0
    else:
        pronoun = sp.text.lower() in PRONOUNS
        if pronoun:
            f["speaker_pronoun"] = 1.0
        if sp.entity is None:
            f["speaker_unresolved"] = 1.0
            if not pronoun and c.plural_head(sp.start, sp.end):
                f["speaker_unnamed_group"] = 1.0  # "US officials", "aid agencies", "many": as written
            elif not pronoun and c.head_pos(sp.start, sp.end) == "PROPN":
                f["speaker_unlinked_name"] = 1.0  # "Downing Street", "Abu Mukhtar": a name as written
        else:
            f[f"speaker:{c.kind(Arg(sp.start, sp.end, sp.text, sp.entity))}"] = 1.0
            named = any(sp.start <= m < sp.end for m in c.mention_starts.get(sp.entity, []))
            if not pronoun and not named:
                f["speaker_description"] = 1.0  # "the paper", "the prime minister": found elsewhere
            if pronoun:
                gap = c.antecedent_gap(sp.entity, sp.start)
                # how far back the name a pronoun stands for was last written
                f["antecedent_gap"] = math.log1p(gap if gap is not None else 10) / 2
    if any(s <= cl.start and cl.end <= e and (s, e) != (cl.start, cl.end) for s, e in c.quotations):
        f["inside_quotation"] = 1.0
    if cl.cue is None:
        f["no_cue"] = 1.0
    elif cl.cue.text.lower() in SAY_CUES:
        f["cue_say"] = 1.0
    else:
        cue_pos = c.head_pos(cl.cue.start, cl.cue.end)
        if cue_pos == "NOUN":
            f["cue_noun"] = 1.0  # "his insistence that", "remarks": a noun, not a verb of saying
        elif c.cue_lemma(cl.cue.start, cl.cue.end) in cue_lexicon().as_verbs:
            f["cue_view"] = 1.0  # "Turkey views the YPG as terrorists": a stated view, short as it is

    if cl.modality != "asserted":
        f["not_asserted"] = 1.0
    first, last = token_range(c.annotation, cl.start, cl.end)
    if not any(t.pos in ("VERB", "AUX") for t in c.annotation.tokens[first:last]):
        f["no_verb"] = 1.0  # "criticised Iran's missile programme": an object, hardly a statement
    return f


def event_features(v: Event, c: _Context) -> Features:
    args = (*v.source, *v.target, *v.participants)
    f: Features = {f"type:{v.type}": 1.0}
    if not v.source and not v.participants:
        f["no_source"] = 1.0
    moved = v.type in events().moved_types
    if not v.target and not v.participants and not moved:
        f["no_target"] = 1.0
    if any(_pronoun(a) for a in args):
        f["pronoun_arg"] = 1.0
    if any(a.entity is not None and _words(a.text)[:1] in (["his"], ["her"], ["its"], ["their"]) for a in args):
        f["possessive_arg"] = 1.0  # "their father", "his forces": an actor reached through a possessive
    if args:
        f["unresolved_args"] = sum(1 for a in args if a.entity is None) / len(args)
    if any(c.kind(a) not in ("none", "other") for a in (*v.source, *v.participants)):
        f["named_source"] = 1.0
    # a withdrawal or a deployment ("moved_types") acts on no one: the place it leaves or reaches
    # is its other end ("the US will leave Syria"), where other acts have their target
    ends = (*v.target, *v.participants, *((v.location,) if moved and v.location is not None else ()))
    if any(c.kind(a) not in ("none", "other") for a in ends):
        f["named_target"] = 1.0
    if "named_target" in f and "named_source" in f:
        f["named_both"] = 1.0
    first, last = token_range(c.annotation, v.trigger.start, v.trigger.end)
    if last > first:
        t = c.annotation.tokens[last - 1]
        if t.dep == "ROOT":
            f["main_verb"] = 1.0  # the sentence's own act, not one embedded in another clause
        if t.tag == "VBD":
            f["past_tense"] = 1.0
    if c.head_pos(v.trigger.start, v.trigger.end) == "NOUN":
        f["noun_trigger"] = 1.0
    if v.claim is not None:
        f["in_claim"] = 1.0
    if v.modality != "asserted":
        f["not_asserted"] = 1.0
    if v.cameo is None:
        f["no_cameo"] = 1.0
    if v.date is not None:
        f["dated"] = 1.0
    if v.location is not None:
        f["placed"] = 1.0
    if any(c.kind(a) == "person" for a in v.target):
        f["person_target"] = 1.0  # an act on a named person (arrested, released, met) is concrete
    f.update(_event_wording(v, c))
    return f


def _trigger_head(v: Event, c: _Context) -> Token | None:
    """The trigger's verb (its last verb: "killed or wounded"), else its last word."""
    first, last = token_range(c.annotation, v.trigger.start, v.trigger.end)
    toks = c.annotation.tokens[first:last]
    verbs = [t for t in toks if t.pos == "VERB"]
    return verbs[-1] if verbs else toks[-1] if toks else None


def _event_wording(v: Event, c: _Context) -> Features:
    """What the trigger's place in the sentence says: an infinitive ("to fight Isis": an aim, not
    an act), a gerund (a habit or a circumstance more often than one act), the object of a
    preposition ("in the fight against"), a negation, a direct quotation; whether the actor is the
    verb's own subject, a place, or reached through a description."""
    f: Features = {}
    t = _trigger_head(v, c)
    if t is None:
        return f
    ann = c.annotation
    if t.pos == "VERB":
        kids = ann.children(t.i)
        if any(k.dep == "aux" and k.text.lower() == "to" for k in kids):
            f["infinitive"] = 1.0
        elif t.tag == "VBG" and t.dep != "ROOT":
            f["gerund"] = 1.0
    if t.dep == "pobj":
        f["prepositional_trigger"] = 1.0  # "in the fight against", "since the war": a setting more than an act
    subjects = [k for k in ann.children(t.i) if k.dep in ("nsubj", "agent")]
    subjects += [g for k in subjects if k.dep == "agent" for g in ann.children(k.i) if g.dep == "pobj"]
    if any(a.start <= k.start < a.end for k in subjects for a in (*v.source, *v.participants)):
        f["subject_source"] = 1.0  # the actor is the verb's own subject, not one found further off
    if any(c.kind(a) == "place" for a in v.source):
        f["place_source"] = 1.0  # a town or region does nothing by itself: a misread actor
    if any(s <= v.trigger.start < e for s, e in c.quotations):
        f["in_quotation"] = 1.0  # a speaker's own words: plans, hopes and rhetoric more than acts
    if any(k.dep == "neg" for k in ann.children(t.i)):
        f["negated"] = 1.0
    args = (*v.source, *v.target, *v.participants)
    if any(a.entity is not None and not _pronoun(a) and not _named_in(a, c) for a in args):
        f["described_arg"] = 1.0  # "the group", "the two men": an actor found through a description
    return f


def _side_key(a: Arg) -> str:
    return a.entity or " ".join(_words(a.text))


def _named_in(a: Arg, c: _Context) -> bool:
    """Whether the argument's text holds a mention of its own entity (a name, not "the group")."""
    return a.entity is not None and any(a.start <= m < a.end for m in c.mention_starts.get(a.entity, []))


def _relation_wording(r: Relation, c: _Context) -> Features:
    """What the words of the two sides and the sentence say: a side written only as a
    description ("the UN special envoy") or a bare demonym ("Russian"), a has_role office in the
    plural ("aid workers": a list's title, not one person's office) or long enough to be a whole
    clause, and how crowded the sentence is with actors (more candidates, more wrong pairings)."""
    f: Features = {}
    ann = c.annotation
    for side, a in (("subject", r.subject), ("object", r.object)):
        if a.entity is not None and not _pronoun(a) and not _named_in(a, c):
            f[f"{side}_description"] = 1.0
        first, last = token_range(ann, a.start, a.end)
        word = ann.tokens[first] if last - first == 1 else None
        demonym = word is not None and (word.pos == "ADJ" or (a.start, a.end) in c.demonym_spans)
        if demonym and c.kind(a) not in ("state", "place"):
            f["demonym_arg"] = 1.0  # "Russian", "Western": no country of the story stands behind it
        elif demonym:
            f["demonym_state"] = 1.0  # "the Turkish president": a country by its adjective only
    if r.type == "has_role":
        first, last = token_range(ann, r.object.start, r.object.end)
        if last > first and ann.tokens[last - 1].tag in ("NNS", "NNPS"):
            f["role_plural"] = 1.0
        f["role_words"] = math.log1p(max(0, len(_words(r.object.text)) - 2))
    k = bisect.bisect_left(c.mention_spans, (r.evidence.start, -1, ""))
    inside = set()
    while k < len(c.mention_spans) and c.mention_spans[k][0] < r.evidence.end:
        inside.add(c.mention_spans[k][2] or k)
        k += 1
    f["sentence_actors"] = math.log1p(len(inside)) / 2
    return f


def relation_features(r: Relation, c: _Context) -> Features:
    f: Features = {f"rel:{r.type}": 1.0}
    key = (r.type, _side_key(r.subject), _side_key(r.object))
    if key in c.stated:
        f["repeat"] = 1.0  # stated again: one tie, however often the story says it
    c.stated.add(key)
    f.update(_relation_wording(r, c))
    for side, a in (("subject", r.subject), ("object", r.object)):
        if a.entity is None:
            f[f"{side}_unresolved"] = 1.0
        if _pronoun(a):
            f["pronoun_arg"] = 1.0
        if _numeric(a):
            f["numeric_arg"] = 1.0
    sk, ok = c.kind(r.subject), c.kind(r.object)
    if sk not in ("none", "other") and ok not in ("none", "other"):
        f["named_pair"] = 1.0
    if sk == ok and sk in ("state", "place"):
        f["same_place_kind"] = 1.0
    placed = sk in ("state", "place") or _place_phrase(r.subject, c)
    if r.type == "located_in" and placed and ok in ("state", "place"):
        f["place_in_place"] = 1.0  # a place lies where it lies; a person in a place is often a visit
    if _fused(r, c):
        f["fused"] = 1.0
    gap = abs(r.object.start - r.subject.start)
    f["distance"] = math.log1p(gap) / 5
    f["evidence_words"] = math.log1p(r.evidence.end - r.evidence.start) / 6
    if r.claim is not None:
        f["in_claim"] = 1.0
    if r.modality != "asserted":
        f["not_asserted"] = 1.0
    subjects, objects = relation_patterns().argument_kinds.get(r.type, (frozenset(), frozenset()))
    fit = (sk in subjects) + (ok in objects)
    # whether the sides are of the kinds the type joins (read per type in relation_patterns.yaml);
    # one weight for all types: per-type weights fitted the 35 gold stories, not the language
    f["kinds_fit" if fit == 2 else "kinds_half" if fit == 1 else "kinds_misfit"] = 1.0
    f.update(_link(r, c))
    return f


def _place_phrase(a: Arg, c: _Context) -> bool:
    """A side written as a place noun's phrase ("Idlib province", "the al-Hawl refugee camp"),
    though no place entity stands behind it."""
    first, last = token_range(c.annotation, a.start, a.end)
    if last <= first:
        return False
    head = c.annotation.tokens[last - 1]
    if head.tag != "NN" or head.lemma.lower() not in relation_patterns().place_nouns:
        return False  # not "Iraq's borders", "areas"
    words = c.annotation.tokens[first : last - 1]
    named = any(t.tag == "NNP" and t.head == head.i and t.dep in ("compound", "amod", "nmod") for t in words)
    return named and not any(t.dep == "poss" for t in words)


@lru_cache(maxsize=1)
def _cue_words() -> dict[str, frozenset[str]]:
    """Relation type -> the first words of its cue verbs, nouns, roles and participles."""
    return {
        name: frozenset(w.split()[0] for w in (*t.verbs, *t.nouns, *t.roles, *t.participles) if w)
        for name, t in relation_ontology().types.items()
    }


def _cue_of(rtype: str, t: Token) -> bool:
    words = _cue_words().get(rtype, frozenset())
    return t.lemma.lower() in words or t.text.lower() in words


FUSED = re.compile(r"-\w+ed\b")


def _fused(r: Relation, c: _Context) -> bool:
    """Whether the first side is fused by a hyphen to the participle that ties it to the second
    ("US-backed SDF", "Isis-held Mosul"): one word states the tie."""
    first, second = sorted((r.subject, r.object), key=lambda a: a.start)
    between = c.annotation.text[first.end : second.start]
    return bool(FUSED.match(between)) and len(between) < 24


PHRASE_VERB_DEPS = frozenset({"amod", "compound", "npadvmod", "nmod"})
"""A participle inside a noun phrase ("the US-backed SDF") links no clause."""


def _link(r: Relation, c: _Context) -> Features:
    """How the parse ties the two arguments' head words: inside one noun phrase ("Syria's
    president Assad", "the SDF commander X"), by an apposition ("X, the head of MI6"), or through
    a verb ("X attacked Y"); and how many arcs apart. Ties read inside a phrase are read surer."""
    ann = c.annotation
    heads = []
    for arg in (r.subject, r.object):
        first, last = token_range(ann, arg.start, arg.end)
        if last <= first:
            return {}
        heads.append(last - 1)

    def up(i: int) -> list[int]:
        chain = [i]
        while ann.tokens[chain[-1]].head != chain[-1] and len(chain) < 40:
            chain.append(ann.tokens[chain[-1]].head)
        return chain

    a, b = up(heads[0]), up(heads[1])
    common = next((i for i in a if i in set(b)), None)
    if common is None:
        return {"link:none": 1.0}
    path = a[: a.index(common) + 1] + b[: b.index(common)][::-1]
    arcs = {ann.tokens[i].dep for i in path if i != common}
    f: Features = {"path_arcs": math.log1p(len(path) - 1) / 2}
    inner = [i for i in path if i not in heads]
    if any(_cue_of(r.type, ann.tokens[i]) for i in (*inner, common) if i not in heads):
        f["link:own_word"] = 1.0  # a word of the type's own ("head", "backed", "joined") ties them
    pat = relation_patterns()
    if r.type == "opposes" and any(ann.tokens[i].lemma.lower() in pat.labelling_verbs for i in (*inner, common)):
        f["link:label"] = 1.0  # "Turkey views the YPG as terrorists": a stance, not one moment's words
    clause = [i for i in inner if ann.tokens[i].pos in ("VERB", "AUX") and ann.tokens[i].dep not in PHRASE_VERB_DEPS]
    if clause:
        f["link:verb"] = 1.0
    elif "appos" in arcs:
        f["link:appos"] = 1.0
    else:
        f["link:phrase"] = 1.0
    return f


def features(annotation: Annotation, x: Extraction) -> dict[str, list[Features]]:
    """The features of every entity, claim, event and relation of ``x``, in order, by kind."""
    c = _Context(annotation, x)
    return {
        "entity": [entity_features(e, c) for e in x.entities],
        "claim": [claim_features(cl, c) for cl in x.claims],
        "event": [event_features(v, c) for v in x.events],
        "relation": [relation_features(r, c) for r in x.relations],
    }


def explain(kind: str, feats: Features) -> list[tuple[str, float, float]]:
    """(feature, value, weight) of one record, strongest contribution first."""
    model = calibration().models[kind]
    rows = [(k, v, model.weights.get(k, 0.0)) for k, v in feats.items()]
    return sorted(rows, key=lambda r: -abs(r[1] * r[2]))


def with_confidence(annotation: Annotation, x: Extraction) -> Extraction:
    """``x`` with ``confidence`` set on every entity, claim, event and relation."""
    models = calibration().models
    feats = features(annotation, x)

    def rate(kind: str, k: int) -> float:
        return round(models[kind].probability(feats[kind][k]), 3)

    return replace(
        x,
        entities=tuple(replace(r, confidence=rate("entity", k)) for k, r in enumerate(x.entities)),
        claims=tuple(replace(r, confidence=rate("claim", k)) for k, r in enumerate(x.claims)),
        events=tuple(replace(r, confidence=rate("event", k)) for k, r in enumerate(x.events)),
        relations=tuple(replace(r, confidence=rate("relation", k)) for k, r in enumerate(x.relations)),
    )
