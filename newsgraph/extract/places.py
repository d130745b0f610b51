"""Stage: geocoding. Every place-like entity of a document gets coordinates and a country.

Names are looked up in :func:`~newsgraph.extract.place_index.place_index` (countries, regions,
cities); demonyms (``Pakistani``) point at their country. Between the candidates of an
ambiguous name the document decides:

- the **dateline** place is a city (``Washington, Jan 27`` is Washington, D.C.), and its
  country is the story's home country;
- the **countries the document names**, and the countries of its unambiguous places
  (``Karachi`` puts ``Hyderabad`` in Pakistan), and their neighbours;
- **qualifiers** written after the name (``Paris, Texas``, ``Hyderabad, Sindh``, ``Twickenham, London``);
- a **prior**: countries and named regions before cities; among cities, capitals and the
  populous first.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from newsgraph.annotate.gazetteer import compass_part, entry_for_key, entry_named
from newsgraph.annotate.lexicon import word_list
from newsgraph.annotate.parsed import Annotation
from newsgraph.errors import OntologyError
from newsgraph.extract.confidence import Model
from newsgraph.extract.place_index import (
    LEVEL_ADMIN,
    LEVEL_CITY,
    LEVEL_COUNTRY,
    LEVEL_REGION,
    TOWN_COUNTRIES,
    Candidate,
    PlaceIndex,
    country_part,
    distance_km,
    normalise,
    place_index,
)
from newsgraph.ontology import read_data
from newsgraph.records import Entity, Extraction, Mention, Place

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
DEMONYM_TYPES = frozenset({"NORP"})
NOT_PLACES = frozenset({"person", "organization", "igo", "media"})
"""Entity kinds never geocoded, whatever the mention types say."""

PRIOR_COUNTRY = 12.0
PRIOR_REGION = 9.0
PRIOR_ADMIN = 6.0
CAPITAL_BONUS = 1.0
ALTERNATE_PENALTY = 0.5
CONTEXT_BONUS = 3.0
"""Bonus of a candidate in a country the rest of the document points at (scaled by evidence, up to 1)."""
NEIGHBOUR_BONUS = 1.0
ADMIN_BONUS = 1.5
"""Bonus of a city in a first-level division (US state) that the document names."""
QUALIFIER_BONUS = 8.0
CITY_QUALIFIER_KM = 40.0
"""A place written with a city after it (``Twickenham, London``) lies within this of that city."""
DATELINE_CITY_BONUS = 3.0
DATELINE_WEIGHT = 2.0
"""How much the dateline's country counts among the document's countries."""
ECHO_BONUS = 2.5
"""Bonus of a candidate that another entity of the document resolved to."""
CLASH_BONUS = 4.0
"""Bonus of a first-level division over a country of the same name (``Georgia``) when the
document points at the division's country (two units of evidence) and at nothing else of the
country's."""
NAMESAKE_RATIO = 5
"""A town this many times smaller than a namesake elsewhere takes the document's countries as
evidence only with its division named or a dateline of its country (:func:`_small_namesake`)."""

LOCAL_HOME_SHARE = 0.5
"""Share of the story's country evidence its home country needs for a locality without a dateline."""
LOCAL_HOME_LEAD = 1.5
"""... or how many times the next country's evidence it needs (``Ireland`` over the
scattered namesakes of a story's small towns)."""
LOCAL_HEADS = frozenset(
    [
        "street",
        "avenue",
        "road",
        "boulevard",
        "lane",
        "drive",
        "square",
        "park",
        "church",
        "cathedral",
        "chapel",
        "school",
        "academy",
        "library",
        "hospital",
        "hall",
        "center",
        "centre",
        "stadium",
        "arena",
        "club",
        "hotel",
        "inn",
        "bridge",
        "mall",
        "market",
        "station",
        "county",
        "township",
        "parish",
        "borough",
        "heights",
        "farm",
        "plantation",
        "canal",
        "lake",
        "creek",
        "harbor",
        "harbour",
        "quay",
        "pier",
        "prison",
        "jail",
        "courthouse",
        "theatre",
        "theater",
        "museum",
        "cemetery",
        "campus",
        "estate",
        "university",
        "college",
        "institute",
        "tower",
        "racecourse",
        "airport",
        "court",
        "cottage",
        "palace",
        "lagoon",
        "farms",
        "studio",
        "place",
        "terrace",
        "gardens",
        "st",
        "st.",
        "rd",
        "rd.",
        "ave",
        "ave.",
    ]
)
"""Last words of the names of streets, buildings and local divisions (:func:`_local_features`)."""
STREET_HEADS = frozenset(
    ["street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "drive", "lane"]
)
"""Last words that make a name a street even where the tagger took it for a person (``Victoria St.``)."""
LOCAL_AFTER = re.compile(
    r"\s+(?:roundabout|junction|interchange|graveyard|cemetery|church|mosque|hotel|stadium|hospital|"
    r"restaurant|bridge|street|road|square|market|park)\b"
)
"""A facility noun written in lower case right after a name (``the Air Balloon roundabout``,
``the Rotana hotel``): the name is a street or building of the story's locality."""
ROAD_NUMBER = re.compile(r"[AMB]\d{1,4}")
"""A British road number (``A40``, ``M5``): a road of the story's locality."""
BUILDING_HEADS = frozenset(
    [
        "hospital",
        "racecourse",
        "stadium",
        "arena",
        "airport",
        "theatre",
        "theater",
        "museum",
        "cathedral",
        "campus",
        "library",
        "university",
        "institute",
        "prison",
        "courthouse",
        "cemetery",
        "tower",
        "place",
        "avenue",
        "boulevard",
        "square",
    ]
)
"""Last words of buildings' and streets' names that end no person's name (``Ramor Theatre``,
``Fitzwilliam Place``): such a name is local even where the tagger took it for a person."""


def _is_street_or_building(word: str) -> bool:
    return word in STREET_HEADS or word in BUILDING_HEADS


LOCAL_FIRST = frozenset(["rue", "hotel", "faubourg", "avenida", "calle", "via", "piazza", "plaza"])
"""First words of the names of streets and buildings (``Rue Casa Calvo``, ``Hotel Kyjev``)."""
CLUES = {
    "locality": "a street or building of the story's locality (its dateline or most named city)",
    "prior": "the best-known place of that name",
    "context": "the countries the story names",
    "neighbour": "a neighbour of the countries the story names",
    "admin": "its state or province named in the story",
    "qualifier": "the name written after it",
    "town": "a town of it written before it",
    "dateline": "the dateline",
    "echo": "another name of the story resolved there",
    "only": "the only place of that name",
    "spelling": "another spelling of its name, in a country the story names",
    "initials": "the initials of a country or province the story names",
}
"""What each part of a candidate's score says, for the place's ``clue``."""
RETYPE_MIN_EVIDENCE = 1.0
"""A person or organisation written as a place becomes one only in a country the rest of the
story points at this much (or as a city of 100,000 people or more)."""
PLACE_CONFIDENCE_FILE = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "place_confidence.yaml"
PLACE_CONFIDENCE_SCHEMA = "newsgraph/place-confidence@1"
MARGIN_CAP = 8.0
"""Score margins over the runner-up are read up to this (the ``margin`` feature is margin / cap)."""
SPELLING_MIN_SHARE = 0.5
"""... and at least this share of the evidence of the country the story names most."""
SPELLING_MIN_EVIDENCE = 1.0
"""A name found only by its transliteration key, or a village below :data:`TOWN_POPULATION`,
resolves only in a country the story points at this much."""
TOWN_POPULATION = 5000
"""Places smaller than this come from ``towns.tsv`` (GeoNames cities500) and need the story's
country as evidence."""
ORG_PLACE_MIN_POPULATION = 100_000
"""An organisation-typed entity named exactly like a city this big is taken for the city
(``WASHINGTON`` or ``Toronto`` tagged ORG)."""

_AFFIXES = re.compile(
    r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|greater|upper|lower|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|downtown|"
    r"rural|coastal|occupied|mainland)\s+)+"
    r"|\s+(?:city|province|state|region|district|governorate|oblast|prefecture|territory|"
    r"area|metropolitan area)$",
    re.IGNORECASE,
)
RETYPED = frozenset({"person", "organization"})
_PLACE_WORDS = (
    r"in|near|at|outside|inside|around|towards?|into|across|besieged|"
    r"(?:the\s+)?(?:town|city|village|resort|port|suburb|district|province|region)\s+of|"
    r"(?:towns|cities|villages|places|areas|provinces)\s+(?:such as|including|like)|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|"
    r"(?:moved|moving|moves|returned|went|travell?ed|came|comes|coming|flew|fled|drove|back)\s+to|,\s+of"
)
_PLACE_BEFORE = re.compile(rf"(?:\b(?:{_PLACE_WORDS})|\b\d{{1,3}},\s+from)\s+(?:the\s+)?$", re.IGNORECASE)
"""A place before a person-typed name: "in", "near" ..., and "<name>, 50, from Qaim"."""
_PLACE_BEFORE_ORG = re.compile(rf"\b(?:{_PLACE_WORDS}|from|to)\s+(?:the\s+)?$", re.IGNORECASE)
_INSTITUTION_HEADS = frozenset({"house", "senate", "state", "parliament", "assembly", "court", "congress", "police"})
_TRANSLITERATED = re.compile(r"\b(?:al|an|ar|as|ash|ad|az|el|ul|ud|ez)-\w", re.IGNORECASE)
"""An Arabic article joined to the name (``Maarat al-Nu'man``): a transliteration, looked up by
its spelling key even when the tagger took it for a person."""
_LIST_SEPARATORS = (", ", " and ", ", and ", " or ")
_LIST_DIRECTION = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|central)(?:-\w+)?\s+$", re.I
)
_PLACE_AFTER = re.compile(
    r"[’']?s?\s+(?:(?:refugee|detention|displacement)\s+)?(?:camp|province|governorate|district|town|village|city|"
    r"region|countryside|suburbs?|neighbou?rhood|airbase|air base|airport|border|crossing|"
    r"provinces|governorates|districts|residents?)\b",
    re.IGNORECASE,
)
_PERSON_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|President|Gen|General|Col|Colonel|Minister|Judge|Sir|Lord|Lady)\.?\s+$"
)
_PERSON_AFTER = re.compile(r"[’']?\s*(?:,[^,]{0,60},\s*)?(?:said|says|told|added|wrote|argued|\(\d+\))\b")
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})")


@dataclass(frozen=True)
class _Target:
    """A place-like entity to geocode, with the names it goes by and where it stands in the text."""

    entity: Entity
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    starts: tuple[tuple[int, int], ...]
    """(start, end) of its place-type mentions."""
    retype: bool = False
    """A person or organisation the text writes as a place ("in Douma", "the al-Hawl camp"):
    it becomes a place when it resolves in a country the story points at."""
    bare: bool = False
    """A person or organisation read as a place by its one-word name alone (:func:`_bare_place_name`):
    it needs a place of that name alone in the country the story points at."""
    seat: bool = False
    """An organisation named for a place (``Bank of Mexico``, ``Toronto Transit Commission``):
    it stays an organisation and gets the place it is named for as its seat."""
    written: bool = False
    """A person or organisation the text names as a place by a place noun ("the al-Roj camp",
    "Nineveh province", "the town of Baghuz"): a place even where no coordinates are known."""
    small: bool = False
    """A seat read from a town smaller than :data:`SEAT_MIN_POPULATION` (``Cavan County
    Council``): kept only as the one town of that name in a country the rest of the story
    points at (:data:`RETYPE_MIN_EVIDENCE`)."""


def geocode(annotation: Annotation, x: Extraction) -> tuple[Entity, ...]:
    """The document's entities, with ``place`` set on every place, state and demonym entity
    that resolves; the others unchanged."""
    return geocode_explained(annotation, x)[0]


def geocode_explained(annotation: Annotation, x: Extraction) -> tuple[tuple[Entity, ...], dict[str, dict[str, float]]]:
    """:func:`geocode`, and the confidence model's features of each placed entity (by id), for
    ``scripts/calibrate_places.py``."""
    index = place_index()
    text = x.document.text
    targets = _targets(index, x)
    if not targets:
        return x.entities, {}
    candidates = {t.entity.id: _candidates(index, t) for t in targets}
    by_target = {t.entity.id: t for t in targets}
    qualifiers = {t.entity.id: _qualifiers(index, text, t) for t in targets}
    towns = {t.entity.id: _towns_before(index, text, t) for t in targets}
    dateline = _dateline(index, x)
    weights, admins = _evidence(targets, candidates, dateline)
    context = _Context(index, weights, admins, qualifiers, dateline, towns)
    first = {t.entity.id: context.best(t, candidates[t.entity.id], {}) for t in targets if candidates[t.entity.id]}
    chosen = {k: v for k, v in first.items() if v is not None}
    # Second pass: a place another name of the document was resolved to is likely the one
    # meant ("Wash." makes "Washington" the state).
    echo: dict[tuple[str, float, float], int] = defaultdict(int)
    for c in chosen.values():
        echo[c.key] += 1
    if dateline is not None:
        echo[dateline[2].key] += 1
    second = {
        eid: context.best(t, candidates[eid], _without(echo, chosen[eid].key))
        for t in targets
        if (eid := t.entity.id) in chosen
    }
    final = {k: v for k, v in second.items() if v is not None}
    retyped = {t.entity.id for t in targets if t.retype}
    for eid in retyped & set(final):
        won = final[eid].candidate
        own = _own(by_target[eid], candidates[eid])
        support = weights.get(won.country or "", 0.0) - own.get(won.country or "", 0.0)
        if won.level == LEVEL_COUNTRY or (support < RETYPE_MIN_EVIDENCE and won.population < ORG_PLACE_MIN_POPULATION):
            del final[eid]
        elif by_target[eid].bare and (
            support < RETYPE_MIN_EVIDENCE
            or _needs_evidence(won)  # a village or a spelling: too weak for a name alone
            # a firm or a team named for a town ("Paramount", "Fulham") outside the conflict regions
            or (
                by_target[eid].entity.kind == "organization"
                and won.level == LEVEL_CITY
                and won.country not in TOWN_COUNTRIES
            )
            or (
                final[eid].clue not in ("admin", "qualifier")
                and sum(c.country == won.country and not c.alternate for c in candidates[eid]) > 1
            )
        ):
            # "Kent" with no first name: a place only as the one place of that name in the
            # story's country ("Franklin" has many in the United States)
            del final[eid]
    for eid in [t.entity.id for t in targets if t.small and t.entity.id in final]:
        won = final[eid].candidate
        if (
            won.level != LEVEL_CITY
            # a country named once counts a hair under 1 where a tiny namesake shares its name
            or weights.get(won.country or "", 0.0) < RETYPE_MIN_EVIDENCE - 0.01
            or sum(c.country == won.country and not c.alternate for c in candidates[eid]) > 1
        ):
            del final[eid]  # "Cavan Institute" is Cavan's only in a story about Ireland
    written = {t.entity.id for t in targets if t.written and t.entity.id not in final}
    local = _local_features(x, targets, candidates, final, dateline, weights)
    initials = _initials(x, final, set(local))
    out = []
    explained: dict[str, dict[str, float]] = {}
    for e in x.entities:
        if e.id in final:
            kind = "place" if e.id in retyped else e.kind
            e = replace(e, place=final[e.id].place, kind=kind, attributes={**e.attributes, **final[e.id].why})
            explained[e.id] = final[e.id].features
        elif e.id in local:
            kind = "place" if e.kind == "person" else e.kind
            explained[e.id] = {"clue:locality": 1.0}
            attributes = {**e.attributes, **why(CLUES["locality"], None, place_confidence(explained[e.id]))}
            e = replace(e, place=local[e.id], kind=kind, attributes=attributes)
        elif e.id in written:
            e = replace(e, kind="place")  # "the al-Roj camp": a place, though not one the index knows
        elif e.id in initials:
            explained[e.id] = {"clue:initials": 1.0, "level:" + initials[e.id].candidate.level: 1.0}
            attributes = {**e.attributes, **why(CLUES["initials"], None, place_confidence(explained[e.id]))}
            kind = "state" if initials[e.id].candidate.level == LEVEL_COUNTRY else "place"
            e = replace(e, place=initials[e.id].place, kind=kind, attributes=attributes)
        out.append(e)
    return tuple(out), explained


_ACRONYM = re.compile(r"[A-Z]{2,4}")
_MINOR_WORDS = frozenset({"of", "the", "and", "de", "du"})


def _initials(x: Extraction, final: dict[str, _Choice], local: set[str]) -> dict[str, _Choice]:
    """Acronyms the tagger left unplaced (``SA`` in "post-apartheid SA") that spell the initials
    of a country or first-level division the story names and placed (``South Africa``): that
    place, when exactly one such place fits."""
    spelled: dict[str, dict[tuple[str, float, float], _Choice]] = defaultdict(dict)
    for e in x.entities:
        choice = final.get(e.id)
        if choice is None or choice.candidate.level not in (LEVEL_COUNTRY, LEVEL_ADMIN):
            continue
        for name in (e.name, *e.aliases):
            words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                spelled["".join(w[0] for w in words)][choice.key] = choice
    out: dict[str, _Choice] = {}
    for e in x.entities:
        if e.id in final or e.id in local or e.place is not None or not _ACRONYM.fullmatch(e.name):
            continue
        if e.kind not in ("place", "organization", "other") or len(spelled.get(e.name, {})) != 1:
            continue
        out[e.id] = next(iter(spelled[e.name].values()))
    return out


def why(clue: str, runner_up: Candidate | None, confidence: float) -> dict[str, str]:
    """Entity attributes saying why its place was chosen (strings, as the contract's
    ``attributes`` are): the clue in words, the runner-up and the confidence."""
    out = {"place_clue": clue, "place_confidence": f"{confidence:.2f}"}
    if runner_up is not None:
        out["place_runner_up"] = f"{runner_up.name}, {runner_up.country}" if runner_up.country else runner_up.name
    return out


def _local_features(
    x: Extraction,
    targets: list[_Target],
    candidates: dict[str, list[Candidate]],
    final: dict[str, _Choice],
    dateline: tuple[int, int, Candidate] | None,
    weights: dict[str, float],
) -> dict[str, Place]:
    """Streets, buildings, parks, counties and places no gazetteer knows (``Desire Street``,
    ``Carnegie Library``, ``Morris County``), placed at the story's locality: the dateline's
    city, else, in a story about one country (half its evidence or more), that country's city the
    story names most often; otherwise not placed. Their clue says so and their confidence is low."""
    focus = _locality(targets, final, dateline, weights)
    if focus is None:
        return {}
    place = focus.place
    unknown = {t.entity.id for t in targets if not candidates[t.entity.id] and t.entity.kind == "place"}
    by_id = {m.id: m for m in x.mentions}
    out: dict[str, Place] = {}
    for e in x.entities:
        if e.id in final or e.place is not None:
            continue
        words = e.name.split()
        local = (
            len(words) > 1
            and (words[-1].lower() in LOCAL_HEADS or words[0].lower() in LOCAL_FIRST)
            and e.kind in ("place", "organization", "person", "other")
        )
        if not local and e.kind in ("organization", "person", "other"):
            mentions = [by_id[m] for m in e.mentions if m in by_id]
            text = x.document.text
            after = [LOCAL_AFTER.match(text, m.end) is not None for m in mentions]
            # a person only when every mention is so written ("Trump hotel" once is not a hotel's name)
            local = bool(after) and (
                (all(after) if e.kind == "person" else any(after)) or ROAD_NUMBER.fullmatch(e.name) is not None
            )
        elif local and e.kind == "person" and not _is_street_or_building(words[-1].lower()):
            # "Stuart Hall" said ...; "in Washington Square"
            mentions = [by_id[m] for m in e.mentions if m in by_id]
            local = _reads_as_place(x.document.text, mentions, [], "person")
        if local or (e.id in unknown and place.country not in TOWN_COUNTRIES):
            # a name no source knows in a country whose villages the gazetteer lists ("Baghuz" in
            # a story from Aleppo) is no part of the story's city: left unplaced, not guessed
            out[e.id] = place
    return out


def _locality(
    targets: list[_Target],
    final: dict[str, _Choice],
    dateline: tuple[int, int, Candidate] | None,
    weights: dict[str, float],
) -> Candidate | None:
    """The story's locality: its dateline's city, else, in a story about one country (half its
    evidence or more, or half again the next country's), that country's city the story names
    most often (the most populous of those named equally often), counting the towns
    organisations are named for (``Cavan County Council``); a story whose only places are
    such towns, all of one country, is about that country."""
    if dateline is not None and dateline[2].level == LEVEL_CITY:
        return dateline[2]
    if not weights:
        seats = {c.candidate.country for c in final.values() if c.candidate.level == LEVEL_CITY}
        weights = {seats.pop() or "": 1.0} if len(seats) == 1 else {}
    home = max(weights, key=lambda k: weights[k], default=None)
    runner_up = max((v for k, v in weights.items() if k != home), default=0.0)
    if home is None or (
        weights[home] < LOCAL_HOME_SHARE * sum(weights.values()) and weights[home] < LOCAL_HOME_LEAD * runner_up
    ):
        return None  # a story about several countries has no one locality
    counts: dict[tuple[str, float, float], tuple[int, int, Candidate]] = {}
    for t in targets:
        choice = final.get(t.entity.id)
        if choice is None or choice.candidate.level != LEVEL_CITY or t.bare or choice.candidate.country != home:
            continue
        first = min((s for s, _ in t.starts), default=0)
        n, at, _ = counts.get(choice.key, (0, first, choice.candidate))
        counts[choice.key] = (n + len(t.starts), min(at, first), choice.candidate)
    if not counts:
        return None
    towns = [v for v in counts.values() if v[2].population >= TOWN_POPULATION] or list(counts.values())
    return max(towns, key=lambda v: (v[0], v[2].population))[2]


def _without(
    echo: dict[tuple[str, float, float], int], key: tuple[str, float, float]
) -> dict[tuple[str, float, float], int]:
    """The echo counts less the entity's own first choice."""
    out = dict(echo)
    out[key] = out.get(key, 0) - 1
    return out


@dataclass(frozen=True)
class _Context:
    """What the document says about where it is: evidence per country, named divisions,
    qualifiers per entity, the dateline."""

    index: PlaceIndex
    weights: dict[str, float]
    admins: dict[tuple[str, str], bool]
    """(country, admin1) of the divisions the story names (True) or that a town only one place
    bears lies in (False: a clue for counties only)."""
    qualifiers: dict[str, list[Candidate]]
    dateline: tuple[int, int, Candidate] | None
    towns: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """(country, admin1) of the towns written right before an entity (``Tacoma, Washington``)."""

    def best(self, t: _Target, cands: list[Candidate], echo: dict[tuple[str, float, float], int]) -> _Choice | None:
        own = _own(t, cands)
        dl = self.dateline
        in_dateline = dl is not None and any(s < dl[1] and e > dl[0] for s, e in t.starts)
        quals = self.qualifiers[t.entity.id]
        home = dl[2].country if dl is not None else None
        if any(_needs_evidence(c) for c in cands):
            # a spelling variant, or a village the city list lacks, only in a country the story names,
            # and not one it names far less than its main country (half its evidence at least)
            most = max((v - own.get(k, 0.0) for k, v in self.weights.items()), default=0.0)
            cands = [
                c
                for c in cands
                if not _needs_evidence(c)
                or any(_qualifies(q, c) for q in quals)  # "Twickenham, London": the city vouches for it
                or (
                    c.country
                    and (support := self.weights.get(c.country, 0.0) - own.get(c.country, 0.0)) >= SPELLING_MIN_EVIDENCE
                    and support >= SPELLING_MIN_SHARE * most
                )
            ]
            if not cands:
                return None
        elsewhere = max((v - own.get(k, 0.0) for k, v in self.weights.items()), default=0.0)
        if elsewhere >= 1.0 and all(c.level == LEVEL_CITY and c.alternate for c in cands):
            # a city found only by an old or foreign name ("Twickenham" for Huntsville), in a
            # story that points at other countries: only in a country the story names
            cands = [c for c in cands if self.weights.get(c.country or "", 0.0) - own.get(c.country or "", 0.0) >= 0.5]
            if not cands:
                return None

        def parts(c: Candidate) -> dict[str, float]:
            out = _score(self.index, c, self.weights, own, self.admins, quals, in_dateline, cands, home)
            if echo.get(c.key, 0) > 0:
                out["echo"] = ECHO_BONUS
            if c.level == LEVEL_ADMIN and (c.country or "", c.admin1 or "") in self.towns.get(t.entity.id, ()):
                out["town"] = QUALIFIER_BONUS
            return out

        each = [(parts(c), k, c) for k, c in enumerate(cands)]
        scored = sorted(((sum(p.values()), k, c, p) for p, k, c in each), key=lambda r: (-r[0], r[1]))
        top, _, winner, winner_parts = scored[0]
        evidence = self.weights.get(winner.country or "", 0.0) - own.get(winner.country or "", 0.0)
        if len(scored) == 1:
            clue = "spelling" if winner.spelling else "only"
            feats = _features(t, winner, clue, None, len(cands), evidence)
            return _Choice(winner, clue, None, place_confidence(feats), feats)
        second, _, runner, runner_parts = scored[1]
        # the clue: the part that sets the winner furthest above the runner-up
        lead = {k: v - runner_parts.get(k, 0.0) for k, v in winner_parts.items()}
        clue = max(lead, key=lambda k: (lead[k], k == "prior"))
        if winner.spelling and clue == "prior":
            clue = "spelling"
        feats = _features(t, winner, clue, top - second, len(cands), evidence)
        return _Choice(winner, clue, runner, place_confidence(feats), feats)


def _features(
    t: _Target, winner: Candidate, clue: str, margin: float | None, n: int, evidence: float
) -> dict[str, float]:
    """What the place confidence model reads of one choice: its clue, its level, the score
    margin over the runner-up (none for a name only one place bears), how many places bear
    the name, the story's evidence for its country, and whether it was found by a spelling, an
    alternate name or a person or organisation written as a place."""
    feats = {f"clue:{clue}": 1.0, f"level:{winner.level}": 1.0, "evidence": max(0.0, min(1.0, evidence))}
    if margin is None:
        feats["single"] = 1.0
    else:
        feats["margin"] = min(margin, MARGIN_CAP) / MARGIN_CAP
        feats["namesakes"] = math.log2(n)
    for flag, on in (("spelling", winner.spelling), ("alternate", winner.alternate), ("retyped", t.retype)):
        if on:
            feats[flag] = 1.0
    if winner.level == LEVEL_CITY and winner.population < TOWN_POPULATION:
        feats["village"] = 1.0
    return feats


@lru_cache(maxsize=1)
def _place_model() -> Model:
    data = read_data(PLACE_CONFIDENCE_FILE, PLACE_CONFIDENCE_SCHEMA)
    weights = data.get("weights") or {}
    if not isinstance(data.get("bias"), (int, float)) or not isinstance(weights, dict):
        raise OntologyError(str(PLACE_CONFIDENCE_FILE), "needs a numeric 'bias' and a mapping 'weights'")
    return Model(float(data["bias"]), {str(k): float(v) for k, v in weights.items()})


def place_confidence(features: dict[str, float]) -> float:
    """The probability that a place is right (within 50 km of where the story means), from a
    logistic model over :func:`_features` fitted on the news-facts gold by
    ``scripts/calibrate_places.py`` (``data/gazetteer/place_confidence.yaml``)."""
    return round(_place_model().probability(features), 2)


@dataclass(frozen=True)
class _Choice:
    """The place chosen for an entity, the clue that chose it, the runner-up and a confidence."""

    candidate: Candidate
    clue: str
    runner_up: Candidate | None
    confidence: float
    features: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, float, float]:
        return self.candidate.key

    @property
    def place(self) -> Place:
        return self.candidate.place

    @property
    def why(self) -> dict[str, str]:
        """The entity attributes that say why: ``place_clue``, ``place_runner_up`` (``NAME, CC``),
        ``place_confidence``."""
        return why(CLUES.get(self.clue, self.clue), self.runner_up, self.confidence)


def _targets(index: PlaceIndex, x: Extraction) -> list[_Target]:
    by_id: dict[str, Mention] = {m.id: m for m in x.mentions}
    text = x.document.text
    kinds = {e.id: e.kind for e in x.entities}
    place_spans = sorted(
        (m.start, m.end)
        for m in x.mentions
        if m.type in PLACE_TYPES and kinds.get(m.entity or "") in ("place", "state")
    )
    place_names = {normalise(e.name) for e in x.entities if e.kind in ("place", "state")}
    # a person or organisation written as a place makes its neighbours in a list places too
    # ("Aleppo, Ghouta and Darayya": Ghouta, then Darayya)
    as_place: set[str] = set()
    mentions_of = {e.id: [by_id[m] for m in e.mentions if m in by_id] for e in x.entities}
    candidates = [e for e in x.entities if e.kind in RETYPED and not _org_like(e)]
    bare = {
        e.id
        for e in candidates
        if _bare_place_name(index, text, e, mentions_of[e.id])
        and not (e.kind == "organization" and _named_like_place(index, e, mentions_of[e.id]))
    }
    while True:
        read = {
            e.id
            for e in candidates
            if e.id not in as_place
            and _reads_as_place(text, mentions_of[e.id], place_spans, e.kind, normalise(e.name) in place_names)
        }
        found = read | (bare - as_place)
        bare -= read
        if not found:
            break
        as_place |= found
        place_spans = sorted({*place_spans, *((m.start, m.end) for m in x.mentions if m.entity in found)})
    targets = []
    for entity in x.entities:
        mentions = [by_id[m] for m in entity.mentions if m in by_id]
        spans_all = tuple((m.start, m.end) for m in mentions)
        if entity.id in as_place:
            forms = tuple(_unique([entity.name, *entity.aliases, *(m.text for m in mentions)]))
            written = _written_as_place(text, mentions)
            target = _Target(entity, forms, (), spans_all, retype=True, bare=entity.id in bare, written=written)
            if _candidates(index, target) or (seat := _seat(index, entity)) is None:
                targets.append(target)
            else:  # "at the Illinois Department of Public Health": not a place, but named for one
                targets.append(_Target(entity, seat[0], seat[1], spans_all, seat=True, small=seat[2]))
            continue
        if entity.kind == "organization" and _named_like_place(index, entity, mentions):
            targets.append(_Target(entity, tuple(_unique(m.text for m in mentions)), (), spans_all))
            continue
        if (entity.kind in SEAT_KINDS or _person_like_org(entity)) and (seat := _seat(index, entity)) is not None:
            targets.append(_Target(entity, seat[0], seat[1], spans_all, seat=True, small=seat[2]))
            continue
        if entity.kind in NOT_PLACES:
            continue
        place_mentions = [m for m in mentions if m.type in PLACE_TYPES]
        demonym_mentions = [m for m in mentions if m.type in DEMONYM_TYPES]
        if not place_mentions and not demonym_mentions and entity.kind not in ("place", "state"):
            continue
        names = _unique([entity.name, *entity.aliases, *(m.text for m in place_mentions)])
        if not place_mentions and demonym_mentions:
            names = []
        demonyms = _unique([m.text for m in demonym_mentions])
        if entity.kind == "state" and not place_mentions:
            names = _unique([entity.name, *entity.aliases])
        spans = tuple((m.start, m.end) for m in (place_mentions or demonym_mentions)) or spans_all
        targets.append(_Target(entity, tuple(names), tuple(demonyms), spans))
    return targets


_JOINED = re.compile(r"(?<=[a-z])(?:/|-)(?=[A-Z])")
_ONE_PLACE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")
_OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})$")
SEAT_MIN_POPULATION = 15_000
"""A city an organisation's name begins with counts as its seat from this size (``Toronto
Transit Commission``); smaller towns are too often words or surnames."""


SEAT_KINDS = frozenset({"organization", "media", "igo"})
"""Entity kinds that get the place they are named for as their seat (:func:`_seat`)."""
LANDMARKS = frozenset({"BLDG", "ST", "PPLX"})
"""``regions.csv`` features of buildings and streets that name an institution (``White House``,
``Kremlin``, ``Downing Street``): an organisation so named is seated there."""
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _seat(index: PlaceIndex, entity: Entity) -> tuple[tuple[str, ...], tuple[str, ...], bool] | None:
    """The names and demonyms of the place an organisation, a medium or an international
    organisation is named for (:func:`_seat_name`): ``The Washington Post`` is Washington's,
    ``Nigerian Army`` Nigeria's, ``European Commission`` Europe's; an acronym the gazetteer
    knows is read by its full name (``EU``: ``European Union``)."""
    names = [_LEADING_THE.sub("", entity.name)]
    entry = entry_named(entity.name)
    if entry is not None and entry.kind in SEAT_KINDS and (full := entry_for_key(entry.key)) is not None:
        names.append(_LEADING_THE.sub("", full.name))
    for name in _unique(names):
        if any(c.feature in LANDMARKS and not c.alternate for c in index.lookup(name)):
            return (name,), (), False  # "the Kremlin said": the presidency, seated in the Kremlin
        if (form := _seat_name(index, name)) is not None:
            return (form,), (), False
        if (word := _seat_demonym(index, name)) is not None:
            return (), (word,), False
    for name in _unique(names):
        if (form := _small_seat_name(index, name)) is not None:
            return (form,), (), True
    return None


def _small_seat_name(index: PlaceIndex, name: str) -> str | None:
    """The town an organisation's name begins with when it is too small for :func:`_seat_name`
    (``Cavan County Council``, ``Nenagh MDC``): one to three capitalised words (not an acronym)
    that the gazetteer knows as a town by its own name, followed by more words. The seat is kept
    only where the story points at the town's country (:attr:`_Target.small`)."""
    words = name.replace("’s ", " ").replace("'s ", " ").split()
    for n in range(min(3, len(words) - 1), 0, -1):
        part = words[:n]
        if not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in part):
            continue
        form = " ".join(part)
        entry = entry_named(form)
        if entry is not None and entry.kind not in ("place", "state"):
            return None
        towns = [c for c in index.lookup(form) if c.level == LEVEL_CITY and not c.alternate]
        if any(c.population >= TOWN_POPULATION for c in towns) or (towns and words[-1].lower() not in LOCAL_HEADS):
            return form  # a village names a council, not a university: "Loyola University" is local
    return None


def _seat_demonym(index: PlaceIndex, name: str) -> str | None:
    """The demonym an organisation's name begins with (``Nigerian Army``, ``European Commission``,
    ``North American Free Trade Agreement``) when it points at one country or region."""
    words = name.split()
    for n in range(min(2, len(words) - 1), 0, -1):
        form = " ".join(words[:n])
        if not all(w[:1].isupper() for w in words[:n]):
            continue
        found = index.demonym(form)
        if found and len({c.key for c in found}) == 1:
            return form
    return None


def _seat_name(index: PlaceIndex, name: str) -> str | None:
    """The place an organisation is named for: the tail of ``... of <Place>`` (``Central Bank
    of Malta``) or the first words (``New York Police Department``, ``Oregon's Guard``) when
    they name a country, a division, a region or a city of 15,000 people or more (a city of
    100,000 or more when the gazetteer does not list the words as a place: ``Venice
    Commission``, ``Karnataka Assembly``), else the last words when they name a country, a
    division or a city of 100,000 or more (``Air Canada``, ``Small Business BC``); names of
    places joined by ``/`` or ``-`` (``Nelson-Creston``, ``Surfside/Garden City``: a riding, a
    pair of towns) are seated at the first when the gazetteer knows every one."""
    parts = [p.strip() for p in _JOINED.split(name)]
    if len(parts) > 1 and all(_ONE_PLACE.fullmatch(p) and index.lookup(p) for p in parts):
        return parts[0]
    words = name.replace("’s ", " ").replace("'s ", " ").split()
    tail = _OF_PLACE.search(name)
    forms = [tail.group(1)] if tail else []
    for n in range(min(3, len(words) - 1), 0, -1):
        entry = entry_named(" ".join(words[:n]))  # the gazetteer leaves out towns named like words
        if entry is not None and entry.kind in ("place", "state"):
            forms.append(" ".join(words[:n]))
    for form in forms:
        found = [c for c in index.lookup(form) if not c.alternate]
        if any(c.level != LEVEL_CITY or c.population >= SEAT_MIN_POPULATION for c in found):
            return form
    for n in range(min(3, len(words) - 1), 0, -1):
        form = " ".join(words[:n])
        if not all(w[:1].isupper() for w in words[:n]):
            continue
        found = [c for c in index.lookup(form) if not c.alternate]
        if any(c.level in (LEVEL_COUNTRY, LEVEL_ADMIN) for c in found) or (
            not any(w.isupper() for w in words[:n])  # "NSW National Parks", never "ABC News"'s towns
            and any(c.level == LEVEL_REGION or c.population >= ORG_PLACE_MIN_POPULATION for c in found)
        ):
            return form
    for n in (2, 1):
        # words inside: "Smart Dubai Office", "Air France KLM", "SME Mauritius Limited"
        for k in range(1, len(words) - n):
            part = words[k : k + n]
            if not all(w[:1].isupper() and not w.isupper() for w in part) or words[k - 1].lower() in ("of", "for"):
                continue
            form = " ".join(part)
            found = [c for c in index.lookup(form) if not c.alternate]
            if any(
                c.level == LEVEL_COUNTRY or (c.level == LEVEL_CITY and c.population >= ORG_PLACE_MIN_POPULATION)
                for c in found
            ):
                return form
    for n in range(min(2, len(words) - 1), 0, -1):
        # the last words: "Air Canada", "Small Business BC", "Baseball Toronto"
        form = " ".join(words[-n:])
        if not all(w[:1].isupper() for w in words[-n:]) or words[-1].lower() in LOCAL_HEADS | word_list("org_heads"):
            continue
        found = [c for c in index.lookup(form) if not c.alternate]
        if any(c.level in (LEVEL_COUNTRY, LEVEL_ADMIN) for c in found) or (
            not form.isupper() and any(c.population >= ORG_PLACE_MIN_POPULATION for c in found)
        ):
            return form
    return None


def _person_like_org(entity: Entity) -> bool:
    """A person-typed entity of two words or more whose last word is an organisation's head
    noun or an acronym (``Abuja Chamber of Commerce and Industry``, ``New Brunswick RCMP``,
    ``Sokoto State``): an organisation the tagger took for a person, seated where it is named for."""
    words = entity.name.split()
    if entity.kind != "person" or len(words) < 2:
        return False
    last = words[-1]
    return last.lower() in word_list("org_heads") | _INSTITUTION_HEADS or (
        len(last) > 1 and last.isupper() and last.isalpha()
    )


def _org_like(entity: Entity) -> bool:
    """A name ending in an organisation's head noun (``Senate``, ``Colorado State``, ``White
    House``): never retyped as a place."""
    heads = word_list("org_heads") | _INSTITUTION_HEADS
    return any(name.split()[-1].lower() in heads for name in (entity.name, *entity.aliases) if name.split())


def _reads_as_place(
    text: str, mentions: list[Mention], place_spans: list[tuple[int, int]], kind: str, named_place: bool = False
) -> bool:
    """True when the text writes some mention of a person or organisation entity as a place
    (after ``in``/``near``/``north of`` ..., before ``camp``/``province``/``village`` ..., in a
    list of places: ``Aleppo, Ghouta and Darayya``; or typed as a place by the tagger) and
    never as a person (``Mr``, a title, ``X said``). An organisation also reads as a place after
    ``from`` and ``to`` (``from Rawa``), a person not (``a call from Smith``)."""
    placed = named_place  # the story names a place so elsewhere ("in Baghuz" ... "Baghuz would be")
    before_re = _PLACE_BEFORE if kind == "person" else _PLACE_BEFORE_ORG
    ends = {e for _, e in place_spans}
    starts = {s for s, _ in place_spans}
    for m in mentions:
        before = text[max(0, m.start - 30) : m.start]
        after = text[m.end : m.end + 30]
        if _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
            return False
        lead = _LIST_DIRECTION.search(text[max(0, m.start - 30) : m.start])
        start = m.start - (len(lead.group(0)) if lead else 0)
        listed = any(start - len(sep) in ends and text[start - len(sep) : start] == sep for sep in _LIST_SEPARATORS)
        listed = listed or any(
            m.end + len(sep) in starts and text[m.end : m.end + len(sep)] == sep for sep in _LIST_SEPARATORS
        )
        placed = (
            placed or listed or m.type in PLACE_TYPES or bool(before_re.search(before) or _PLACE_AFTER.match(after))
        )
    return placed


@lru_cache(maxsize=1)
def _place_noun_of() -> re.Pattern[str]:
    """A place noun (``place_nouns.txt``, as the annotation stage reads it) and "of" right before a name."""
    nouns = "|".join(sorted(map(re.escape, word_list("place_nouns"))))
    return re.compile(rf"\b(?:{nouns})\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _written_as_place(text: str, mentions: list[Mention]) -> bool:
    """True when some mention is written with a place noun ("the al-Roj camp", "Nineveh
    province", "the town of Baghuz") and none as a person (``Mr``, a title, ``X said``)."""
    written = False
    for m in mentions:
        before, after = text[max(0, m.start - 30) : m.start], text[m.end : m.end + 30]
        if _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
            return False
        written = written or bool(_PLACE_AFTER.match(after) or _place_noun_of().search(before))
    return written


_ONE_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def _bare_place_name(index: PlaceIndex, text: str, entity: Entity, mentions: list[Mention]) -> bool:
    """True when a person or organisation entity goes only by one word that names a place
    (``Kent``, ``Misrata``, ``Oahu``, ``Nagorno-Karabakh``): no first name, no title, never
    ``Kent said``, and not a name the gazetteer lists as an organisation. It becomes a place
    only where it resolves in a country the story points at (:data:`RETYPE_MIN_EVIDENCE`)."""
    forms = _unique([entity.name, *entity.aliases, *(m.text for m in mentions)])
    if not forms or not mentions or not all(_ONE_NAME.fullmatch(f) for f in forms):
        return False
    for form in forms:
        entry = entry_named(form)
        if entry is not None and entry.kind not in ("place", "state"):
            return False
        found = index.lookup(form)
        if not any(not c.alternate or c.population >= ORG_PLACE_MIN_POPULATION for c in found) or any(
            c.feature in LANDMARKS for c in found
        ):
            return False  # unknown, or an institution's building ("the Pentagon"): a seat, not a place
    for m in mentions:
        if _PERSON_BEFORE.search(text[max(0, m.start - 30) : m.start]) or _PERSON_AFTER.match(text[m.end : m.end + 30]):
            return False
        if _NAME_AFTER.match(text[m.end : m.end + 30]):
            return False  # part of a longer name: "Imperial Japan", "Kent Brockman"
    return True


def _named_like_place(index: PlaceIndex, entity: Entity, mentions: list[Mention]) -> bool:
    """True when every form of an organisation entity is the very name of a country, a
    first-level division or a big city: a place the tagger took for an organisation."""
    forms = _unique([entity.name, *entity.aliases, *(m.text for m in mentions)])
    if not forms:
        return False
    for form in forms:
        found = [c for c in index.lookup(form) if not c.alternate]
        if not any(
            c.level in (LEVEL_COUNTRY, LEVEL_ADMIN)
            or (c.level == LEVEL_CITY and c.population >= ORG_PLACE_MIN_POPULATION)
            for c in found
        ):
            return False
    return True


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _candidates(index: PlaceIndex, target: _Target) -> list[Candidate]:
    """Candidates of every name the entity goes by: exact names first, then demonyms, then the
    name without its direction or type word (``northern Syria``, ``Sindh province``)."""
    found: dict[tuple[str, float, float], Candidate] = {}
    for name in target.names:
        head = name.split(",")[0].strip() if "," in name else name
        for c in index.lookup(name) or index.lookup(head):
            found.setdefault(c.key, c)
    for word in target.demonyms:
        for c in index.demonym(word) or index.lookup(word):
            found.setdefault(c.key, c)
    if not found:
        for name in target.names:
            for c in index.demonym(name):
                found.setdefault(c.key, c)
    if not found:
        for name in target.names:
            stripped = _AFFIXES.sub("", name).strip()
            if stripped and stripped != name:
                if (part := _part_of_country(index, name, stripped)) is not None:
                    found.setdefault(part.key, part)
                    continue
                for c in index.lookup(stripped) or index.demonym(stripped):
                    found.setdefault(c.key, replace(c, alternate=True))
    if not found and not target.seat:  # another transliteration: "Deir Ezzor", "Dayr az Zawr"
        for name in target.names:
            if target.retype and not _TRANSLITERATED.search(name):
                continue  # a person or organisation read as a place: by its spelling only with an article
            for c in index.lookup_spelling(_AFFIXES.sub("", name).strip() or name):
                found.setdefault(c.key, replace(c, spelling=True))
    return _division_or_city(target.names, list(found.values()))


def _part_of_country(index: PlaceIndex, name: str, stripped: str) -> Candidate | None:
    """``north-eastern Syria``, ``southern Iraq``: a compass word before a country's name names
    that part of the country, placed at the centre of that ninth of its extent
    (:func:`~newsgraph.extract.place_index.country_part`); None for any other name, a state of
    the past (``former_states.txt``: ``East Pakistan``) or a country whose extent the index does
    not know (it is then placed at the country's point)."""
    words = " ".join(name.split())
    if not words.endswith(stripped) or (part := compass_part(words[: len(words) - len(stripped)])) is None:
        return None
    if words.lower() in word_list("former_states"):  # "East Pakistan" was no part of Pakistan
        return None
    countries = [c for c in index.lookup(stripped) if c.level == LEVEL_COUNTRY]
    if len(countries) != 1 or countries[0].country is None:
        return None
    found = country_part(index, countries[0].country, part)
    return None if found is None else replace(found, name=words)


def _qualifiers(index: PlaceIndex, text: str, target: _Target) -> list[Candidate]:
    """Places written right after a mention (``Paris, Texas``) or inside its name (``Paris, TX``)."""
    out: list[Candidate] = []
    follow = [text[end : end + 40] for _, end in target.starts]
    follow += [name[name.index(",") :] for name in target.names if "," in name]
    for snippet in follow:
        match = _QUALIFIER.match(snippet)
        if not match:
            continue
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            # "D.C." as written; "London." ends a sentence
            found = list(index.lookup(name) or index.lookup(name.rstrip(".")))
            if found:
                # a city vouches only as the best-known of its name ("Twickenham, London"), so a
                # list ("Washington, Paris and London") does not send Washington to Pennsylvania
                cities = [c for c in found if c.level == LEVEL_CITY and not c.alternate]
                biggest = max(cities, key=lambda c: c.population, default=None)
                out.extend(c for c in found if c.level != LEVEL_CITY or c is biggest)
                break
    return out


_TOWN_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*),\s*$")


def _towns_before(index: PlaceIndex, text: str, target: _Target) -> set[tuple[str, str]]:
    """(country, admin1) of the towns written right before a mention (``Tacoma, Washington``,
    ``Springfield, Illinois``): the name after the town is its state or province."""
    out: set[tuple[str, str]] = set()
    for start, _ in target.starts:
        match = _TOWN_BEFORE.search(text[max(0, start - 40) : start])
        if not match:
            continue
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            found = [c for c in index.lookup(" ".join(words[-n:])) if c.level == LEVEL_CITY and c.admin1 and c.country]
            if found:
                out.update((c.country or "", c.admin1 or "") for c in found)
                break
    return out


def _dateline(index: PlaceIndex, x: Extraction) -> tuple[int, int, Candidate] | None:
    """The dateline's span and its place, read as a city (or a country) when known."""
    dateline = x.document.dateline
    if dateline is None or not dateline.place:
        return None
    name, _, qualifier = dateline.place.partition(",")
    cands = list(index.lookup(name.strip()))
    if not cands:
        return None
    quals = [c for c in index.lookup(qualifier.strip()) if c.level != LEVEL_CITY] if qualifier.strip() else []

    def score(c: Candidate) -> float:
        s = _prior(c) + (DATELINE_CITY_BONUS if c.level == LEVEL_CITY else 0.0)
        return s + (QUALIFIER_BONUS if any(_qualifies(q, c) for q in quals) else 0.0)

    return dateline.start, dateline.start + len(dateline.place), max(cands, key=score)


def _evidence(
    targets: list[_Target],
    candidates: dict[str, list[Candidate]],
    dateline: tuple[int, int, Candidate] | None,
) -> tuple[dict[str, float], dict[tuple[str, str], bool]]:
    """How strongly the document points at each country, and the (country, admin1) divisions it names.

    Each entity spreads one unit of weight over its candidates' countries in proportion to
    their prior (a country name gives its whole unit to itself); an entity named twice or
    more counts half again."""
    weights: dict[str, float] = defaultdict(float)
    admins: dict[tuple[str, str], bool] = {}
    for t in targets:
        cands = candidates[t.entity.id]
        if not cands or t.seat or t.bare:
            continue
        for country, share in _contribution(t, cands).items():
            weights[country] += share
        admin = [c for c in cands if c.level == LEVEL_ADMIN and c.admin1 and c.feature != "ADM2"]
        if (
            len(admin) == 1
            and admin[0].country
            and not any(c.level == LEVEL_CITY and _prior(c) > _prior(admin[0]) for c in cands)
        ):  # "Washington" names the state only where no bigger city bears the name (the capital)
            admins[(admin[0].country, admin[0].admin1 or "")] = True
        elif len(cands) == 1 and cands[0].level == LEVEL_CITY and cands[0].admin1 and cands[0].country:
            # a town only one place bears points at its state (for its counties, not its towns)
            admins.setdefault((cands[0].country, cands[0].admin1), False)
    if dateline is not None and dateline[2].country:
        weights[dateline[2].country] += DATELINE_WEIGHT
        if dateline[2].admin1:
            admins[(dateline[2].country, dateline[2].admin1)] = True
    return weights, admins


def _country_shares(cands: list[Candidate]) -> dict[str, float]:
    top = max(_prior(c) for c in cands)
    raw: dict[str, float] = defaultdict(float)
    for c in cands:
        if c.country:
            raw[c.country] += math.exp(2.0 * (_prior(c) - top))
    total = sum(raw.values()) or 1.0
    return {k: v / total for k, v in raw.items()}


def _own(target: _Target, cands: list[Candidate]) -> dict[str, float]:
    """What an entity gave the story's evidence (:func:`_contribution`), removed again when
    scoring the entity itself so that a name does not vote for itself: nothing for a seat or a
    name read as a place alone, which :func:`_evidence` leaves out."""
    return {} if target.seat or target.bare else _contribution(target, cands)


def _contribution(target: _Target, cands: list[Candidate]) -> dict[str, float]:
    """The weight one entity gives each country."""
    unit = 1.5 if len(target.starts) > 1 else 1.0
    return {k: unit * v for k, v in _country_shares(cands).items()}


def _prior(c: Candidate) -> float:
    if c.level == LEVEL_COUNTRY:
        score = PRIOR_COUNTRY
    elif c.level == LEVEL_ADMIN:
        score = math.log10(max(c.population, 1000)) if c.feature == "ADM2" else PRIOR_ADMIN
    elif c.level == LEVEL_CITY:
        score = math.log10(max(c.population, 1000)) + (CAPITAL_BONUS if c.feature == "PPLC" else 0.0)
    else:
        score = PRIOR_REGION
    return score - (ALTERNATE_PENALTY if c.alternate else 0.0)


def _qualifies(qualifier: Candidate, c: Candidate) -> bool:
    if qualifier.country is None or qualifier.country != c.country:
        return False
    if qualifier.level == LEVEL_CITY:
        # "Twickenham, London": a district or suburb written with its city lies next to it
        return (
            c.level == LEVEL_CITY
            and c.key != qualifier.key
            and distance_km(c.lat, c.lon, qualifier.lat, qualifier.lon) <= CITY_QUALIFIER_KM
        )
    if qualifier.level == LEVEL_ADMIN and qualifier.admin1:
        return qualifier.admin1 == c.admin1
    return qualifier.level == LEVEL_COUNTRY or c.level == LEVEL_CITY


def _score(
    index: PlaceIndex,
    c: Candidate,
    weights: dict[str, float],
    own: dict[str, float],
    admins: dict[tuple[str, str], bool],
    qualifiers: list[Candidate],
    in_dateline: bool,
    rivals: list[Candidate],
    dateline_country: str | None = None,
) -> dict[str, float]:
    """The score of one candidate as its parts, by clue (see :data:`CLUES`)."""
    parts: dict[str, float] = {"prior": _prior(c)}
    if c.country:
        evidence = weights.get(c.country, 0.0) - own.get(c.country, 0.0)
        state = admins.get((c.country, c.admin1 or ""))
        named_admin = bool(c.admin1) and (
            (c.level == LEVEL_CITY and state is True) or (c.feature == "ADM2" and state is not None)
        )
        if _small_namesake(c, rivals) and not named_admin:
            # "Paris" is Paris, Texas only where Texas is named or a US dateline leads other US places
            home = evidence - (DATELINE_WEIGHT if dateline_country == c.country else 0.0)
            evidence = evidence if dateline_country == c.country and home >= 1.0 else 0.0
        parts["context"] = CONTEXT_BONUS * min(1.0, max(0.0, evidence))
        if (
            c.level == LEVEL_ADMIN
            and evidence >= 2.0
            and any(
                o.level == LEVEL_COUNTRY and o.country and weights.get(o.country, 0.0) - own.get(o.country, 0.0) < 0.5
                for o in rivals
            )
        ):
            # "Georgia" in a story about the US, that names nothing else of the country Georgia.
            parts["context"] += CLASH_BONUS
        near = index.neighbours.get(c.country, ())
        if evidence < 0.5 and any(weights.get(n, 0.0) - own.get(n, 0.0) >= 1.0 for n in near):
            parts["neighbour"] = NEIGHBOUR_BONUS
        if named_admin:
            parts["admin"] = ADMIN_BONUS
    if any(_qualifies(q, c) for q in qualifiers):
        parts["qualifier"] = QUALIFIER_BONUS
    if in_dateline and c.level == LEVEL_CITY:
        parts["dateline"] = DATELINE_CITY_BONUS
    return parts


def _needs_evidence(c: Candidate) -> bool:
    """A spelling variant, or a village the city list lacks: resolves only in a country the story names."""
    return c.spelling or (c.level == LEVEL_CITY and c.population < TOWN_POPULATION)


_DIVISION_WORD = re.compile(r"\b(?:province|governorate|state|region|district|oblast|prefecture)\b", re.IGNORECASE)


def _division_or_city(names: Iterable[str], cands: list[Candidate]) -> list[Candidate]:
    """A province and a town of one name in one country (Idlib, Kirkuk, Benue): the name
    written with a division word (``Idlib province``, ``Benue State``) is the province, the bare
    name the town. Only the provinces of the conflict regions (:data:`TOWN_COUNTRIES`, ``ADM1``
    with a code) are weighed so ("Wales" stays the country, not a village of Yorkshire); a name
    that only a province bears stays the province."""
    provinces = {
        c.country
        for c in cands
        if c.level == LEVEL_ADMIN and c.feature == "ADM1" and c.admin1 and c.country in TOWN_COUNTRIES
    }
    towns = {c.country for c in cands if c.level == LEVEL_CITY}
    both = provinces & towns
    if not both:
        return cands
    if any(_DIVISION_WORD.search(n) for n in names):
        return [c for c in cands if not (c.level == LEVEL_CITY and c.country in both)]
    return [c for c in cands if not (c.level == LEVEL_ADMIN and c.feature == "ADM1" and c.country in both)]


def _small_namesake(c: Candidate, rivals: list[Candidate]) -> bool:
    """A town that shares its name with a place far bigger (a country, a region, a city ten
    times its size): Paris, Texas beside Paris; Geneva, New York beside Geneva."""
    if c.level != LEVEL_CITY:
        return False
    for o in rivals:
        if o.country == c.country or o.alternate:
            continue
        if o.level in (LEVEL_COUNTRY, LEVEL_ADMIN, LEVEL_REGION) or o.population >= NAMESAKE_RATIO * max(
            c.population, 1
        ):
            return True
    return False
