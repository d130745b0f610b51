"""Alert rules: what an analyst asked to know, read from the ``rules:`` section of ``watch.yaml``.

Each rule has a ``name`` (unique), a ``kind`` and filters; every value is checked here, and a
wrong one raises :class:`~newsgraph.errors.AlertConfigError` naming the rule and the key. Kinds:

- ``actor_event``: a watched actor (``actors``: names, aliases or ``#ID``) in a new event
  (``types``: event types, any when absent);
- ``actor_claim``: a watched actor speaking, or named, in a new claim;
- ``new_tie``: a tie between a watched actor and one of ``with`` (any actor when absent) stated
  for the first time in the store, by ``types`` (event types, relation types, ``says``, or the
  kinds ``event``/``relation``/``claim``);
- ``watchlist_match``: an actor of a new document matches an entry of the loaded watchlists
  (``lists``, all when absent) for the first time;
- ``new_speaker``: a claim naming a watched actor by a speaker never seen before saying something
  about that actor;
- ``surge``: events (of ``types``) involving a watched actor in the last 7 days number at least
  ``min_count`` and at least ``factor`` times the mean of the ``weeks`` weeks before.

Every rule has ``min_confidence`` (default: the calibrated threshold the views use) and
``modality`` (the modalities that count; by default all but ``negated`` and ``question``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import AlertConfigError
from newsgraph.extract.confidence import DEFAULT_THRESHOLD
from newsgraph.extract.modality import LABELS
from newsgraph.ontology import MODALITIES, RELATION_TYPES, events

KINDS = ("actor_event", "actor_claim", "new_tie", "watchlist_match", "new_speaker", "surge")
ALL_MODALITIES = tuple(dict.fromkeys((*MODALITIES, *LABELS)))
"""Every modality a fact can carry (the ontology's and the modality engine's labels)."""
DEFAULT_MODALITIES = tuple(m for m in ALL_MODALITIES if m not in ("negated", "question"))
"""What counts unless a rule says otherwise: a fact said not to have happened, or asked about,
raises no alert."""
TIE_KINDS = ("event", "relation", "claim")

_COMMON = {"name", "kind", "min_confidence", "modality"}
_KEYS: dict[str, set[str]] = {
    "actor_event": {"actors", "types"},
    "actor_claim": {"actors", "role"},
    "new_tie": {"actors", "with", "types"},
    "watchlist_match": {"lists", "threshold", "actors"},
    "new_speaker": {"actors"},
    "surge": {"actors", "types", "factor", "min_count", "weeks"},
}
_NEEDS_ACTORS = {"actor_event", "actor_claim", "new_tie", "new_speaker", "surge"}
CLAIM_ROLES = ("any", "speaker", "about")


@dataclass(frozen=True)
class Rule:
    """One alert rule, checked."""

    name: str
    kind: str
    """One of :data:`KINDS`."""
    actors: tuple[str, ...] = ()
    """The watched actors: names, aliases or ``#ID`` (resolved through the actor lookup)."""
    other: tuple[str, ...] = ()
    """``new_tie``: the other end (any actor when empty)."""
    types: tuple[str, ...] = ()
    """Event types (``actor_event``, ``surge``), tie types (``new_tie``); any when empty."""
    min_confidence: float = DEFAULT_THRESHOLD
    modality: tuple[str, ...] = DEFAULT_MODALITIES
    role: str = "any"
    """``actor_claim``: the actor as ``speaker``, named in what is said (``about``), or ``any``."""
    lists: tuple[str, ...] = ()
    """``watchlist_match``: the lists screened (every loaded list when empty)."""
    threshold: float = 0.0
    """``watchlist_match``: the least match score (0: the matcher's own threshold)."""
    factor: float = 2.0
    """``surge``: this week's count against the weekly mean before."""
    min_count: int = 3
    """``surge``: the least count this week."""
    weeks: int = 8
    """``surge``: the weeks the usual rate is the mean of."""


def _where(rule: str | int, key: str | None = None) -> str:
    name = f"rule {rule!r}" if isinstance(rule, str) else f"rule #{rule + 1}"
    return f"{name}, key {key!r}" if key else name


def _strings(value: Any, rule: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
        raise AlertConfigError(_where(rule, key), "must be a name or a list of names")
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise AlertConfigError(_where(rule, key), "holds an empty name")
    return out


def _number(value: Any, rule: str, key: str, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AlertConfigError(_where(rule, key), f"must be a number, not {value!r}")
    if value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise AlertConfigError(_where(rule, key), f"must be {span}, not {value}")
    return float(value)


def _event_types(values: tuple[str, ...], rule: str) -> tuple[str, ...]:
    known = set(events().types)
    out = tuple(v.upper() for v in values)
    wrong = [v for v in out if v not in known]
    if wrong:
        raise AlertConfigError(
            _where(rule, "types"), f"unknown event type {wrong[0]!r}; known: {', '.join(sorted(known))}"
        )
    return out


def _tie_types(values: tuple[str, ...], rule: str) -> tuple[str, ...]:
    known_events = set(events().types)
    out = []
    for v in values:
        if v.upper() in known_events:
            out.append(v.upper())
        elif v.lower() in RELATION_TYPES or v.lower() in TIE_KINDS or v.lower() == "says":
            out.append(v.lower())
        else:
            raise AlertConfigError(
                _where(rule, "types"),
                f"unknown tie type {v!r}: give event types (CONSULT), relation types "
                f"({', '.join(RELATION_TYPES)}), says, or event/relation/claim",
            )
    return tuple(out)


def parse_rule(raw: Any, position: int) -> Rule:
    """One rule from its YAML mapping (``position`` names it in errors when it has no name)."""
    if not isinstance(raw, Mapping):
        raise AlertConfigError(_where(position), "must be a mapping with at least 'name' and 'kind'")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AlertConfigError(_where(position, "name"), "every rule needs a name (a non-empty string)")
    name = name.strip()
    if len(name) > 200:
        raise AlertConfigError(_where(name[:40] + "...", "name"), "must be at most 200 characters")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise AlertConfigError(_where(name, "kind"), f"must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = sorted(set(map(str, raw)) - _COMMON - _KEYS[kind])
    if unknown:
        allowed = ", ".join(sorted(_COMMON | _KEYS[kind]))
        raise AlertConfigError(_where(name, unknown[0]), f"is not a key of a {kind} rule (keys: {allowed})")
    fields: dict[str, Any] = {"name": name, "kind": kind}
    actors = _strings(raw.get("actors"), name, "actors")
    if kind in _NEEDS_ACTORS and not actors:
        raise AlertConfigError(_where(name, "actors"), f"a {kind} rule needs the actors it watches")
    fields["actors"] = actors
    if "with" in raw:
        fields["other"] = _strings(raw.get("with"), name, "with")
    if "types" in raw:
        types = _strings(raw.get("types"), name, "types")
        fields["types"] = _tie_types(types, name) if kind == "new_tie" else _event_types(types, name)
    if "min_confidence" in raw:
        fields["min_confidence"] = _number(raw["min_confidence"], name, "min_confidence", 0.0, 1.0)
    if "modality" in raw:
        wanted = tuple(m.lower() for m in _strings(raw["modality"], name, "modality"))
        wrong = [m for m in wanted if m not in ALL_MODALITIES]
        if wrong or not wanted:
            raise AlertConfigError(
                _where(name, "modality"),
                f"unknown modality {wrong[0] if wrong else ''!r}; known: {', '.join(ALL_MODALITIES)}",
            )
        fields["modality"] = wanted
    if "role" in raw:
        if raw["role"] not in CLAIM_ROLES:
            raise AlertConfigError(_where(name, "role"), f"must be one of {', '.join(CLAIM_ROLES)}")
        fields["role"] = raw["role"]
    if "lists" in raw:
        fields["lists"] = _strings(raw["lists"], name, "lists")
    if "threshold" in raw:
        fields["threshold"] = _number(raw["threshold"], name, "threshold", 0.0, 1.0)
    if "factor" in raw:
        fields["factor"] = _number(raw["factor"], name, "factor", 1.0)
    for key, low in (("min_count", 1), ("weeks", 1)):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise AlertConfigError(_where(name, key), f"must be a whole number of at least {low}, not {value!r}")
            fields[key] = value
    return Rule(**fields)


def parse_rules(raw: Any) -> tuple[Rule, ...]:
    """The rules of the ``rules:`` section (a list of mappings; None or absent: no rule)."""
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise AlertConfigError("rules", "must be a list of rules (each a mapping with name and kind)")
    rules = tuple(parse_rule(r, k) for k, r in enumerate(raw))
    seen: set[str] = set()
    for r in rules:
        if r.name in seen:
            raise AlertConfigError(_where(r.name, "name"), "is used by two rules: give each rule its own name")
        seen.add(r.name)
    return rules
