"""The ontology as data: event types (PLOVER + extensions), relation types and actor nouns.

The YAML files under ``newsgraph/data/ontology`` are read and checked once per process
(:func:`events`, :func:`relations`, :func:`actors` are cached); a malformed file raises
:class:`~newsgraph.errors.OntologyError` naming the file and what is wrong with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import OntologyError

ONTOLOGY_DIR = Path(__file__).resolve().parent / "data" / "ontology"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
RELATION_TYPES = (
    "member_of", "leads", "represents", "allied_with", "fights", "communicates_with", "supports",
    "opposes", "located_in", "based_in", "operates_in", "alias_of", "has_role", "other",
)  # fmt: skip
MODALITIES = ("asserted", "hedged", "speculative", "negated", "planned")
VALENCES = ("cooperative", "conflictual", "neutral")
_CAMEO = re.compile(r"^[0-2][0-9]$")
_TYPE_NAME = re.compile(r"^[A-Z][A-Z_]+$")


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a lemma (and optionally a dependent's lemma) that signals an event."""

    type: str
    mode: str | None
    pos: str
    """``verb`` or ``noun``."""
    lemma: str
    """The head's lemma."""
    dependent: str | None = None
    """For a two-word entry, the lemma of a dependent the head must have."""


@dataclass(frozen=True)
class EventMode:
    name: str
    description: str
    cameo: str | None
    """CAMEO root overriding the type's, when the mode maps to another root."""


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    cameo: str | None
    """CAMEO root code (two digits); None for extension types with no CAMEO counterpart."""
    plover: bool
    """True for the 16 PLOVER types, False for newsgraph's extensions."""
    valence: str
    """cooperative, conflictual or neutral: decides AGREE vs THREATEN for commitments."""
    modes: tuple[EventMode, ...]
    object_nouns: frozenset[str] = frozenset()
    """When set, the event needs an object that is a named organisation or one of these nouns."""
    agentive_of: bool = False
    """Whether the "of" phrase of the type's nouns names who acts ("a demonstration of students",
    "the withdrawal of US troops"), not whom the act is done to ("the detention of a pastor")."""

    def cameo_for(self, mode: str | None) -> str | None:
        for m in self.modes:
            if m.name == mode and m.cameo:
                return m.cameo
        return self.cameo


@dataclass(frozen=True)
class EventOntology:
    types: dict[str, EventType]
    verbs: dict[str, tuple[Trigger, ...]]
    """Verb triggers by head lemma (two-word entries first)."""
    nouns: dict[str, tuple[Trigger, ...]]
    """Noun triggers by head lemma (two-word entries first)."""
    intent: dict[str, str]
    """cooperative / conflictual / refusal -> the event type a commitment is coded as."""
    future_auxiliaries: frozenset[str]
    willing_adjectives: frozenset[str]
    conditional_markers: frozenset[str]
    embedding: dict[str, frozenset[str]]
    """Modality -> lemmas that give an embedded event that modality."""
    light_verbs: frozenset[str]
    participation_verbs: frozenset[str]
    agent_objects: frozenset[str]
    target_prepositions: frozenset[str]
    location_prepositions: frozenset[str]
    target_participles: frozenset[str]
    naming_participles: frozenset[str]
    forecast_verbs: frozenset[str] = frozenset()
    """Verbs of warning: a threat only when aimed at someone or telling of the warner's own act."""
    judicial_verbs: frozenset[str] = frozenset()
    """Verbs of a court's acts: a person so treated in a state (passive, no agent) is by that state."""
    patient_nouns: frozenset[str] = frozenset()
    """Nouns of an act its possessor undergoes ("his arrest"): the possessor is the target."""
    placed_at_target: frozenset[str] = frozenset()
    """Event types (or ``TYPE.mode``) whose place target is where the act happens ("visited Ankara")."""
    counterpart_nouns: frozenset[str] = frozenset()
    """Relatives and counterparts: "their father", "its sponsor" are someone else, never the body "their" stands for."""
    published_objects: frozenset[str] = frozenset()
    """What is published or handed in, not released or handed over ("released a video", "handed in
    his resignation")."""
    figurative_objects: frozenset[str] = frozenset()
    """Abstractions no one strikes, seizes or destroys but in a figure of speech ("fought any attempt
    to", "could destroy its understanding with Ankara")."""
    moved_types: frozenset[str] = frozenset()
    """Event types whose object is what moves ("withdrew its troops", "deployed forces"): no one is
    acted on but whom the mover surrenders to or is sent against."""


@dataclass(frozen=True)
class RelationType:
    name: str
    description: str
    symmetric: bool
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    roles: tuple[str, ...]
    participles: tuple[str, ...] = ()
    prepositions: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationOntology:
    types: dict[str, RelationType]
    verb_type: dict[str, str]
    """Verb lemma (or "verb particle") -> relation type."""
    noun_type: dict[str, str]
    """Relational noun lemma -> relation type."""
    role_type: dict[str, str]
    """Role noun (lower case, may be two words) -> relation type."""
    participle_type: dict[str, str]


@dataclass(frozen=True)
class ActorLexicon:
    mention_types: frozenset[str]
    place_types: frozenset[str]
    nouns: frozenset[str]
    anaphoric_organisation_nouns: frozenset[str]
    territory_nouns: frozenset[str]


def read_data(path: Path, schema: str) -> dict[str, Any]:
    """A YAML data file as a mapping, checked to declare ``schema`` (an :class:`OntologyError` if not)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OntologyError(str(path), "the file is missing") from exc
    except yaml.YAMLError as exc:
        raise OntologyError(str(path), f"not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise OntologyError(str(path), "the top level must be a mapping")
    if data.get("schema") != schema:
        raise OntologyError(str(path), f"'schema' must be {schema!r}, found {data.get('schema')!r}")
    return data


def _words(path: Path, where: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty lower-case strings (numbers and booleans refused)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise OntologyError(str(path), f"{where} must be a list of words, found {type(value).__name__}")
    out = []
    for w in value:
        if not isinstance(w, str) or not w.strip():
            raise OntologyError(str(path), f"{where} holds {w!r}, which is not a word")
        if w != w.lower() or w != w.strip() or "  " in w or len(w.split()) > 2:
            raise OntologyError(str(path), f"{where} holds {w!r}: use one or two lower-case lemmas")
        out.append(w)
    if len(set(out)) != len(out):
        dup = sorted({w for w in out if out.count(w) > 1})
        raise OntologyError(str(path), f"{where} lists {', '.join(dup)} more than once")
    return tuple(out)


def _flag(path: Path, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise OntologyError(str(path), f"{where} must be true or false")
    return value


def _text(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise OntologyError(str(path), f"{where} needs a non-empty description")
    return value.strip()


def _cameo(path: Path, where: str, value: Any, required: bool) -> str | None:
    if value is None:
        if required:
            raise OntologyError(str(path), f"{where}: a PLOVER type needs a CAMEO root code")
        return None
    if not isinstance(value, str) or not _CAMEO.match(value):
        raise OntologyError(str(path), f"{where}: CAMEO root {value!r} must be a quoted code 01..20")
    return value


def load_events(path: Path) -> EventOntology:
    """Read and check an event ontology file."""
    data = read_data(path, "newsgraph/ontology/events@1")
    raw_types = data.get("types")
    if not isinstance(raw_types, dict) or not raw_types:
        raise OntologyError(str(path), "'types' must map event type names to their definitions")
    missing = [t for t in PLOVER_TYPES if t not in raw_types]
    if missing:
        raise OntologyError(str(path), f"PLOVER types missing: {', '.join(missing)}")
    types: dict[str, EventType] = {}
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    owner: dict[tuple[str, str], str] = {}

    def add(pos: str, entry: str, type_: str, mode: str | None, where: str) -> None:
        key = (pos, entry)
        if key in owner:
            raise OntologyError(str(path), f"{where}: {pos} {entry!r} is already a trigger of {owner[key]}")
        owner[key] = f"{type_}/{mode}" if mode else type_
        parts = entry.split()
        if len(parts) == 1:
            trig = Trigger(type_, mode, pos, parts[0])
        elif pos == "verb":
            trig = Trigger(type_, mode, pos, parts[0], parts[1])
        else:
            trig = Trigger(type_, mode, pos, parts[1], parts[0])
        table = verbs if pos == "verb" else nouns
        table.setdefault(trig.lemma, []).append(trig)

    for name, spec in raw_types.items():
        where = f"types.{name}"
        if not isinstance(name, str) or not _TYPE_NAME.match(name):
            raise OntologyError(str(path), f"{where}: type names are upper-case words")
        if not isinstance(spec, dict):
            raise OntologyError(str(path), f"{where} must be a mapping")
        plover = spec.get("plover")
        if not isinstance(plover, bool):
            raise OntologyError(str(path), f"{where}.plover must be true or false")
        if plover != (name in PLOVER_TYPES):
            raise OntologyError(
                str(path),
                f"{where}.plover is {plover} but {name} is "
                + ("" if name in PLOVER_TYPES else "not ")
                + "a PLOVER type",
            )
        valence = spec.get("valence")
        if valence not in VALENCES:
            raise OntologyError(str(path), f"{where}.valence must be one of {', '.join(VALENCES)}")
        cameo = _cameo(path, where, spec.get("cameo"), required=plover)
        description = _text(path, f"{where}.description", spec.get("description"))
        for w in _words(path, f"{where}.verbs", spec.get("verbs")):
            add("verb", w, name, None, where)
        for w in _words(path, f"{where}.nouns", spec.get("nouns")):
            add("noun", w, name, None, where)
        raw_modes = spec.get("modes") or {}
        if not isinstance(raw_modes, dict):
            raise OntologyError(str(path), f"{where}.modes must be a mapping of mode names")
        modes = []
        for mname, mspec in raw_modes.items():
            mwhere = f"{where}.modes.{mname}"
            if not isinstance(mname, str) or mname != mname.lower() or " " in mname:
                raise OntologyError(str(path), f"{mwhere}: mode names are lower-case, hyphenated")
            if not isinstance(mspec, dict):
                raise OntologyError(str(path), f"{mwhere} must be a mapping")
            modes.append(
                EventMode(
                    name=mname,
                    description=_text(path, f"{mwhere}.description", mspec.get("description")),
                    cameo=_cameo(path, mwhere, mspec.get("cameo"), required=False),
                )
            )
            for w in _words(path, f"{mwhere}.verbs", mspec.get("verbs")):
                add("verb", w, name, mname, mwhere)
            for w in _words(path, f"{mwhere}.nouns", mspec.get("nouns")):
                add("noun", w, name, mname, mwhere)
        types[name] = EventType(
            name=name,
            description=description,
            cameo=cameo,
            plover=plover,
            valence=valence,
            modes=tuple(modes),
            object_nouns=frozenset(_words(path, f"{where}.object_nouns", spec.get("object_nouns"))),
            agentive_of=_flag(path, f"{where}.agentive_of", spec.get("agentive_of", False)),
        )
    if "ESTABLISH" not in types:
        raise OntologyError(str(path), "the extension type ESTABLISH (an organisation is founded) is missing")

    intent = data.get("intent")
    if not isinstance(intent, dict):
        raise OntologyError(str(path), "'intent' must be a mapping")
    intent_types = {}
    for key in ("cooperative", "conflictual", "refusal"):
        if intent.get(key) not in types:
            raise OntologyError(str(path), f"intent.{key} must name a declared event type")
        intent_types[key] = intent[key]
    embedding = data.get("embedding")
    if not isinstance(embedding, dict) or set(embedding) - set(MODALITIES):
        raise OntologyError(str(path), f"'embedding' must map modalities ({', '.join(MODALITIES)}) to words")

    def words(key: str) -> frozenset[str]:
        return frozenset(_words(path, key, data.get(key)))

    placed = data.get("placed_at_target") or []
    if not isinstance(placed, list) or any(
        str(t).split(".")[0] not in types
        or ("." in str(t) and str(t).split(".", 1)[1] not in {m.name for m in types[str(t).split(".")[0]].modes})
        for t in placed
    ):
        raise OntologyError(str(path), "'placed_at_target' must list declared event types or TYPE.mode")

    moved = data.get("moved_types") or []
    if not isinstance(moved, list) or set(moved) - set(types):
        raise OntologyError(str(path), "'moved_types' must list declared event types")

    return EventOntology(
        types=types,
        verbs={k: tuple(sorted(v, key=lambda t: t.dependent is None)) for k, v in verbs.items()},
        nouns={k: tuple(sorted(v, key=lambda t: t.dependent is None)) for k, v in nouns.items()},
        intent=intent_types,
        future_auxiliaries=frozenset(_words(path, "intent.future_auxiliaries", intent.get("future_auxiliaries"))),
        willing_adjectives=frozenset(_words(path, "intent.willing_adjectives", intent.get("willing_adjectives"))),
        conditional_markers=frozenset(_words(path, "intent.conditional_markers", intent.get("conditional_markers"))),
        embedding={k: frozenset(_words(path, f"embedding.{k}", v)) for k, v in embedding.items()},
        light_verbs=words("light_verbs"),
        participation_verbs=words("participation_verbs"),
        agent_objects=words("agent_objects"),
        target_prepositions=words("target_prepositions"),
        location_prepositions=words("location_prepositions"),
        target_participles=words("target_participles"),
        naming_participles=words("naming_participles"),
        forecast_verbs=words("forecast_verbs"),
        judicial_verbs=words("judicial_verbs"),
        patient_nouns=words("patient_nouns"),
        placed_at_target=frozenset(placed),
        counterpart_nouns=words("counterpart_nouns"),
        published_objects=words("published_objects"),
        figurative_objects=words("figurative_objects"),
        moved_types=frozenset(moved),
    )


def load_relations(path: Path) -> RelationOntology:
    """Read and check a relation ontology file."""
    data = read_data(path, "newsgraph/ontology/relations@1")
    raw = data.get("types")
    if not isinstance(raw, dict):
        raise OntologyError(str(path), "'types' must map relation type names to their definitions")
    unknown = sorted(set(raw) - set(RELATION_TYPES))
    if unknown:
        raise OntologyError(str(path), f"relation types not in the contract: {', '.join(map(str, unknown))}")
    missing = [t for t in RELATION_TYPES if t not in raw]
    if missing:
        raise OntologyError(str(path), f"contract relation types missing: {', '.join(missing)}")
    types: dict[str, RelationType] = {}
    tables: dict[str, dict[str, str]] = {"verbs": {}, "nouns": {}, "roles": {}, "participles": {}}
    for name, spec in raw.items():
        where = f"types.{name}"
        if not isinstance(spec, dict):
            raise OntologyError(str(path), f"{where} must be a mapping")
        if not isinstance(spec.get("symmetric"), bool):
            raise OntologyError(str(path), f"{where}.symmetric must be true or false")
        lists = {k: _words(path, f"{where}.{k}", spec.get(k)) for k in (*tables, "prepositions")}
        for kind, table in tables.items():
            for w in lists[kind]:
                if w in table:
                    raise OntologyError(str(path), f"{where}.{kind}: {w!r} is already a cue of {table[w]}")
                table[w] = name
        types[name] = RelationType(
            name=name,
            description=_text(path, f"{where}.description", spec.get("description")),
            symmetric=spec["symmetric"],
            verbs=lists["verbs"],
            nouns=lists["nouns"],
            roles=lists["roles"],
            participles=lists["participles"],
            prepositions=lists["prepositions"],
        )
    return RelationOntology(
        types=types,
        verb_type=tables["verbs"],
        noun_type=tables["nouns"],
        role_type=tables["roles"],
        participle_type=tables["participles"],
    )


def load_actors(path: Path) -> ActorLexicon:
    """Read and check the actor lexicon."""
    data = read_data(path, "newsgraph/ontology/actors@1")
    known = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "OTHER"}

    def types(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not set(value) <= known:
            raise OntologyError(str(path), f"{key} must list contract mention types ({', '.join(sorted(known))})")
        return frozenset(value)

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise OntologyError(str(path), f"{key} must be a non-empty list of words")
        return frozenset(_words(path, key, value))

    return ActorLexicon(
        mention_types=types("mention_types"),
        place_types=types("place_types"),
        nouns=words("nouns"),
        anaphoric_organisation_nouns=words("anaphoric_organisation_nouns"),
        territory_nouns=words("territory_nouns"),
    )


@lru_cache(maxsize=1)
def events() -> EventOntology:
    """The shipped event ontology (read once per process)."""
    return load_events(ONTOLOGY_DIR / "events.yaml")


@dataclass(frozen=True)
class CameoPattern:
    """One CAMEO verb pattern: words on the subject side, words after the verb, and its code."""

    before: tuple[frozenset[str], ...]
    """Each word as its alternatives (a synonym set is all its members), singular, lower case."""
    after: tuple[frozenset[str], ...]
    code: str | None
    """The CAMEO code; None where the dictionary codes the sense as no event."""


@dataclass(frozen=True)
class CameoVerb:
    code: str | None
    """The bare verb's code; None where the dictionary codes only its patterns."""
    patterns: tuple[CameoPattern, ...]


@dataclass(frozen=True)
class CameoVerbs:
    """PETRARCH2's CAMEO verb dictionary, for the event stage's trigger verbs (generated by
    ``scripts/build_event_cameo.py``)."""

    verbs: dict[str, CameoVerb]
    plover: dict[str, str]
    """CAMEO code -> PLOVER type."""
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    """The dictionary's word classes ("&weapon", "&military" ...), in :func:`cameo_word` form."""

    def plover_type(self, code: str) -> str | None:
        for k in range(len(code), 1, -1):
            if code[:k] in self.plover:
                return self.plover[code[:k]]
        return None


def cameo_word(word: str) -> str:
    """The form verb-pattern words are compared in: lower case, a plural "s" dropped."""
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def load_cameo_verbs(path: Path) -> CameoVerbs:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sets = {k: frozenset(cameo_word(w) for w in v) for k, v in data["sets"].items()}

        def slot(w: str) -> frozenset[str]:
            return sets[w] if w.startswith("&") else frozenset({cameo_word(w)})

        verbs = {
            v: CameoVerb(
                e["code"],
                tuple(CameoPattern(tuple(map(slot, a)), tuple(map(slot, b)), code) for a, b, code in e["patterns"]),
            )
            for v, e in data["verbs"].items()
        }
        return CameoVerbs(verbs, dict(data["plover"]), sets)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = f"not a CAMEO verb table ({exc}); rebuild it with scripts/build_event_cameo.py"
        raise OntologyError(str(path), reason) from exc


@lru_cache(maxsize=1)
def cameo_verbs() -> CameoVerbs:
    """The shipped CAMEO verb table (read once per process)."""
    return load_cameo_verbs(ONTOLOGY_DIR / "cameo_verbs.json")


@lru_cache(maxsize=1)
def relations() -> RelationOntology:
    """The shipped relation ontology (read once per process)."""
    return load_relations(ONTOLOGY_DIR / "relations.yaml")


@lru_cache(maxsize=1)
def actors() -> ActorLexicon:
    """The shipped actor lexicon (read once per process)."""
    return load_actors(ONTOLOGY_DIR / "actors.yaml")
