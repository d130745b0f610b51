"""The relation extractor's syntactic cues, read from ``data/ontology/relation_patterns.yaml``.

These are the parts of relation extraction that are not per-type word lists (those are in
``relations.yaml`` and :mod:`newsgraph.ontology`): locative and origin prepositions, alias
phrases, the prepositions that carry a relational noun's second argument, control and
inclusion verbs. The file is read and checked once per process; a malformed file raises
:class:`~newsgraph.errors.OntologyError` naming the file and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.errors import OntologyError
from newsgraph.ontology import ONTOLOGY_DIR, RELATION_TYPES, read_data

SCHEMA = "newsgraph/relation-patterns@1"


@dataclass(frozen=True)
class RelationPatterns:
    locative_prepositions: frozenset[str]
    origin_prepositions: frozenset[str]
    alias_phrases: tuple[tuple[str, ...], ...]
    """Longest first, so "also known as" wins over "known as"."""
    object_prepositions: dict[str, frozenset[str]]
    """Relation type -> prepositions that introduce the second argument of its cue."""
    companion_prepositions: tuple[tuple[str, ...], ...]
    control_verbs: frozenset[str]
    controlled_nouns: frozenset[str]
    inclusion_verbs: frozenset[str]
    heading_roles: frozenset[str]
    subordinate_modifiers: frozenset[str]
    reporting_verbs: frozenset[str]
    place_nouns: frozenset[str]
    """Common nouns that name a place an actor can be in: "in the village", "at the hospital"."""
    posting_verbs: frozenset[str]
    """ "X was assigned to Y": the passive subject is a member of the group it is sent to."""
    unit_nouns: frozenset[str]
    """ "2nd Battalion, 5th Special Forces Group": a unit so named is part of the group after it."""
    reciprocal_verbs: frozenset[str]
    """ "Hamas and Fatah clashed": fighting verbs whose conjoined subjects fight each other."""
    destination_prepositions: frozenset[str]
    motion_verbs: frozenset[str]
    """ "X slipped into Baghdad", "X came to Karrada": the mover is then in the place."""
    freeing_verbs: frozenset[str]
    """ "liberate Mosul from ISIL": whoever it is freed from held the place and fights the subject."""
    hostile_prepositions: frozenset[str]
    """ "positions against ISIL": an actor after one of these fights the clause's subject."""
    not_hostile: frozenset[str]
    """Words a hostile preposition may hang from without meaning a fight ("vote against")."""
    attack_nouns: frozenset[str]
    """What delivers an attack and stands as its subject: "five strikes engaged ISIL units"."""
    attack_verbs: frozenset[str]
    """Verbs (besides the fights verbs) whose attack-noun subject fights their objects."""
    alliance_cues: frozenset[str]
    """ "the Coalition supports the SDF": between two groups, support also states allied_with."""
    sending_verbs: frozenset[str]
    """ "X sent fighters to Syria": X leads them and they are in Syria."""
    having_verbs: frozenset[str]
    member_nouns: frozenset[str]
    """ "it has 700 employees": the people a group has belong to it."""
    conduct_verbs: frozenset[str]
    """ "In Syria, forces conducted 23 strikes": the attacks are where their subject is."""
    labelling_verbs: frozenset[str]
    hostile_labels: frozenset[str]
    """ "Turkey views the YPG as a terrorist group": branding an actor one of these opposes it."""
    compass_words: frozenset[str]
    """ "Baghuz, eastern Syria": words of direction between a place and the place it is in."""
    office_nouns: frozenset[str]
    """Occupations and offices a person holds (has_role) that tie them to no group by themselves."""
    not_offices: frozenset[str]
    """Role-phrase heads that name no office ("a member of the committee", "his counterpart")."""
    honorifics: frozenset[str]
    """Titles that alone before a name are part of it ("Prince Mohammed"), with more words an office."""
    operating_nouns: frozenset[str]
    """ "US troops in Syria": organised actors named by a common noun, active where they are."""
    backing_types: frozenset[str]
    """ "US-backed forces", "the US-led coalition": relation types a hyphened participle states."""
    argument_kinds: dict[str, tuple[frozenset[str], frozenset[str]]]
    """Relation type -> (subject kinds, object kinds) of a tie read right (a confidence feature)."""
    part_nouns: frozenset[str]
    """ "Hezbollah, an offshoot of Amal", "X is part of CTF 50": what the noun describes belongs to
    the body after "of"."""
    resident_nouns: frozenset[str]
    """ "an Idlib resident", "a resident of Raqqa": the person the noun describes lives in the place."""
    ally_nouns: frozenset[str]
    """ "Turkey's ally Azerbaijan", "Hezbollah, an ally of Iran": nouns naming one side's allies."""
    listing_prepositions: frozenset[str]
    """ "allies such as Israel", "allies including Lebanon": prepositions that list what a noun names."""
    kind_misfits: frozenset[tuple[str, str, str]]
    """(type, subject kind, object kind) of ties that cannot hold ("*": any kind; "none": no entity)."""

    def misfit(self, rtype: str, subject: str, object_: str) -> bool:
        """Whether a tie of this type cannot join sides of these entity kinds."""
        return any((rtype, s, o) in self.kind_misfits for s in (subject, "*") for o in (object_, "*"))


def _words(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise OntologyError(str(path), f"{key} must be a non-empty list of lower-case words")
    for w in value:
        if not isinstance(w, str) or not w.strip() or w != w.lower():
            raise OntologyError(str(path), f"{key} holds {w!r}: use lower-case words")
    return tuple(value)


_WORD_SETS = (
    "locative_prepositions", "origin_prepositions", "control_verbs", "controlled_nouns", "inclusion_verbs",
    "heading_roles", "subordinate_modifiers", "reporting_verbs", "place_nouns", "posting_verbs", "unit_nouns",
    "reciprocal_verbs", "destination_prepositions", "motion_verbs", "freeing_verbs", "hostile_prepositions",
    "not_hostile", "attack_nouns",
    "attack_verbs", "conduct_verbs", "alliance_cues", "having_verbs", "sending_verbs",
    "member_nouns", "backing_types", "operating_nouns", "office_nouns", "compass_words",
    "labelling_verbs", "hostile_labels", "not_offices",
    "honorifics", "ally_nouns", "listing_prepositions", "part_nouns", "resident_nouns",
)  # fmt: skip
"""The fields that are plain word lists, read under their own names."""


def load_patterns(path: Path) -> RelationPatterns:
    """Read and check a relation pattern file."""
    data = read_data(path, SCHEMA)
    raw_alias = data.get("alias_phrases")
    if not isinstance(raw_alias, list) or not raw_alias:
        raise OntologyError(str(path), "alias_phrases must be a list of word lists")
    alias = tuple(_words(path, "alias_phrases", p) for p in raw_alias)
    raw_objects = data.get("object_prepositions")
    if not isinstance(raw_objects, dict):
        raise OntologyError(str(path), "object_prepositions must map relation types to prepositions")
    unknown = sorted(set(raw_objects) - set(RELATION_TYPES))
    if unknown:
        raise OntologyError(str(path), f"object_prepositions names unknown relation types: {', '.join(unknown)}")
    companions = _words(path, "companion_prepositions", data.get("companion_prepositions"))
    raw_kinds = data.get("argument_kinds")
    if not isinstance(raw_kinds, dict) or set(raw_kinds) - set(RELATION_TYPES):
        raise OntologyError(str(path), "argument_kinds must map relation types to [subject kinds, object kinds]")
    kinds: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for k, v in raw_kinds.items():
        if not isinstance(v, list) or len(v) != 2:
            raise OntologyError(str(path), f"argument_kinds.{k} must be [subject kinds, object kinds]")
        kinds[k] = (
            frozenset(_words(path, f"argument_kinds.{k}", v[0])),
            frozenset(_words(path, f"argument_kinds.{k}", v[1])),
        )
    misfits = []
    for line in _words(path, "kind_misfits", data.get("kind_misfits")):
        parts = line.split()
        if len(parts) != 3 or parts[0] not in RELATION_TYPES:
            raise OntologyError(str(path), f"kind_misfits holds {line!r}: write 'type subject-kind object-kind'")
        misfits.append((parts[0], parts[1], parts[2]))
    return RelationPatterns(
        kind_misfits=frozenset(misfits),
        alias_phrases=tuple(sorted(alias, key=len, reverse=True)),
        object_prepositions={k: frozenset(_words(path, f"object_prepositions.{k}", v)) for k, v in raw_objects.items()},
        companion_prepositions=tuple(tuple(c.split()) for c in companions),
        argument_kinds=kinds,
        **{key: frozenset(_words(path, key, data.get(key))) for key in _WORD_SETS},
    )


@lru_cache(maxsize=1)
def patterns() -> RelationPatterns:
    """The shipped relation patterns (read once per process)."""
    return load_patterns(ONTOLOGY_DIR / "relation_patterns.yaml")
