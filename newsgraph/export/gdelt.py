"""A GDELT 2.0-style event table (its 61 tab-separated columns) and a companion mentions table.

One row per event *across articles*: the events of one story (``story_articles``; a document of
its own when it belongs to no story) with the same CAMEO code, actors and date are one event,
with NumArticles, NumSources and NumMentions counted as GDELT does. The mentions table (GDELT
2.0's 16 columns) keeps every source: document, sentence, and our character offsets of the two
actors and the action, so each row leads back to its sentence.

Differences from GDELT, by necessity: actor codes are ISO 3166 alpha-3 country codes plus the
CAMEO type codes we can tell from an actor's kind (no CAMEO actor dictionary); geographic
country codes are ISO alpha-2 (GDELT uses FIPS 10-4); AvgTone and MentionDocTone are 0 (no tone
model); SentenceID is the order of the event's sentence among the document's event sentences.

The rows come from :mod:`newsgraph.store.exports`.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from newsgraph import ontology
from newsgraph.store import Engine, connect
from newsgraph.store.exports import ActorRow, EventArgRow, actors_by_id, current_events, event_arguments

_ACTOR = [
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
]  # fmt: skip
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""GDELT 2.0 event table columns, in order (61)."""
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
"""GDELT 2.0 mentions table columns, in order (16)."""


@dataclass(frozen=True)
class Tables:
    goldstein: dict[str, float]
    quad_class: dict[str, int]
    actor_types: dict[str, str]
    confidence: dict[str, int]
    geo_country: frozenset[str]
    geo_state: frozenset[str]


@lru_cache(maxsize=1)
def tables() -> Tables:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("newsgraph").joinpath("data/gdelt.yaml").read_text(encoding="utf-8")
    )
    return Tables(
        goldstein={str(k): float(v) for k, v in data["goldstein"].items()},
        quad_class={str(code): int(q) for q, codes in data["quad_class"].items() for code in codes},
        actor_types={str(k): str(v) for k, v in data["actor_types"].items()},
        confidence={str(k): int(v) for k, v in data["confidence"].items()},
        geo_country=frozenset(str(x) for x in data["geo_types"]["country"]),
        geo_state=frozenset(str(x) for x in data["geo_types"]["state"]),
    )


@lru_cache(maxsize=512)
def iso3(alpha2: str | None) -> str:
    if not alpha2:
        return ""
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country else ""


@dataclass
class _Mention:
    doc_id: str
    event_id: str
    sentence_id: int
    actor1_offset: int
    actor2_offset: int
    action_offset: int
    modality: str
    source: str | None
    url: str | None
    doc_len: int
    when: str
    sentence: tuple[int, int]


@dataclass
class _Event:
    key: tuple[Any, ...]
    code: str
    actor1: int | None
    actor2: int | None
    day: str
    location: dict[str, Any] | None
    added: str
    url: str
    mentions: list[_Mention]


def _day(value: str | None, published: str | None) -> str:
    """The event's day: its own date when the text gives the day, else the article's."""
    if value and len(value) == 10:
        return value
    return published or (value + "-01-01"[len(value) - 4 :] if value and len(value) in (4, 7) else "")


def _fraction(day: str) -> str:
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return ""
    return f"{d.year + (d.timetuple().tm_yday / 365):.4f}"


def collect(engine: Engine, actor_ids: Iterable[int] | None = None) -> list[_Event]:
    """Events with a CAMEO code and at least one resolved actor, grouped across a story's articles."""
    wanted = set(actor_ids) if actor_ids is not None else None
    with connect(engine) as tx:
        rows = current_events(tx)
        args: dict[tuple[str, str], list[EventArgRow]] = defaultdict(list)
        for x in event_arguments(tx, sorted({r.doc_id for r in rows})):
            args[(x.doc_id, x.event_id)].append(x)
    grouped: dict[tuple[Any, ...], _Event] = {}
    sentence_order: dict[str, dict[int, int]] = defaultdict(dict)
    for r in rows:
        code = cameo_code(r.cameo, r.type, r.mode)
        if code is None:  # an extension type with no CAMEO counterpart (ESTABLISH, JOIN)
            continue
        event_args = args.get((r.doc_id, r.id), [])
        sources = [x for x in event_args if x.role == "source"]
        targets = [x for x in event_args if x.role == "target"]
        others = [x for x in event_args if x.role == "participant"]
        ordered = sources + targets + others
        first = next((x for x in ordered if x.actor_id is not None), None)
        if first is None:
            continue
        second = next((x for x in ordered if x.actor_id is not None and x.actor_id != first.actor_id), None)
        if wanted is not None and first.actor_id not in wanted and (second is None or second.actor_id not in wanted):
            continue
        location = next((x for x in event_args if x.role == "location"), None)
        day = _day(r.date_value, r.published)
        story = ("story", r.story_id) if r.story_id is not None else ("doc", r.doc_id)
        key = (*story, code, first.actor_id, second.actor_id if second else None, day)
        sent = (r.sentence or {}).get("start", 0)
        order = sentence_order[r.doc_id]
        order.setdefault(sent, len(order) + 1)
        mention = _Mention(
            doc_id=r.doc_id,
            event_id=r.id,
            sentence_id=order[sent],
            actor1_offset=_offset(r.text, first, (r.trigger or {}).get("start", 0)),
            actor2_offset=_offset(r.text, second, (r.trigger or {}).get("start", 0)),
            action_offset=(r.trigger or {}).get("start", -1),
            modality=r.modality,
            source=r.source,
            url=r.url,
            doc_len=len(r.text or ""),
            when=_timestamp(r.ingested_at),
            sentence=(sent, (r.sentence or {}).get("end", 0)),
        )
        event = grouped.get(key)
        if event is None:
            grouped[key] = _Event(
                key=key,
                code=code,
                actor1=first.actor_id,
                actor2=second.actor_id if second else None,
                day=day,
                location=location.to_dict() if location is not None else None,
                added=_timestamp(r.ingested_at),
                url=r.url or f"newsgraph:{r.doc_id}",
                mentions=[mention],
            )
        else:
            event.mentions.append(mention)
    return list(grouped.values())


def cameo_code(stored: str | None, event_type: str, mode: str | None) -> str | None:
    """The event's CAMEO code as GDELT writes it (three digits at least: root ``04`` -> ``040``),
    from the extraction, else from the ontology's mapping of its type and mode."""
    code = stored
    if not code:
        spec = ontology.events().types.get(event_type)
        code = spec.cameo_for(mode) if spec else None
    if not code:
        return None
    return code if len(code) >= 3 else code.ljust(3, "0")


def _offset(text: str | None, arg: EventArgRow | None, near: int) -> int:
    """Character offset of an argument in its document: its occurrence nearest the trigger."""
    if not text or arg is None or not arg.text:
        return -1
    best, at = -1, text.find(arg.text)
    while at != -1:
        if best == -1 or abs(at - near) < abs(best - near):
            best = at
        at = text.find(arg.text, at + 1)
    return best


def _timestamp(iso: str | None) -> str:
    if not iso:
        return ""
    digits = "".join(ch for ch in iso[:19] if ch.isdigit())
    return digits.ljust(14, "0")[:14]


def _actor_columns(actor: ActorRow | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR)
    country = iso3(actor.country)
    type1 = tables().actor_types.get(actor.kind, "")
    code = country + type1 if country or type1 else ""
    return [code, actor.name.upper(), country, "", "", "", "", type1, "", ""]


def _geo_columns(place: dict[str, Any] | None) -> list[str]:
    if not place or place.get("lat") is None:
        return ["0", "", "", "", "", "", "", ""]
    t = tables()
    feature = place.get("feature") or ""
    country = place.get("country") or ""
    if feature in t.geo_country:
        geo_type = 1
    elif feature in t.geo_state:
        geo_type = 2 if country == "US" else 5
    else:
        geo_type = 3 if country == "US" else 4
    return [
        str(geo_type), place.get("name") or place.get("text") or "", country, country, "",
        f"{place['lat']:.4f}", f"{place['lon']:.4f}", str(place.get("geonames_id") or ""),
    ]  # fmt: skip


def write_gdelt(engine: Engine, path: Path, actor_ids: Iterable[int] | None = None) -> tuple[Path, int, int]:
    """Write the events table at ``path`` and the mentions table beside it (``*.mentions.tsv``).

    Returns the mentions path and the numbers of events and mentions written.
    """
    t = tables()
    events = collect(engine, actor_ids)
    ids = {x for ev in events for x in (ev.actor1, ev.actor2) if x is not None}
    names = actors_by_id(engine, sorted(ids))
    mentions_path = mentions_path_for(path)
    n_mentions = 0
    events.sort(key=lambda ev: (ev.day, ev.added, ev.code))
    with (
        path.open("w", newline="", encoding="utf-8") as fh,
        mentions_path.open("w", newline="", encoding="utf-8") as mh,
    ):
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        m = csv.writer(mh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for number, ev in enumerate(events, start=1):
            root = ev.code[:2]
            day = ev.day.replace("-", "")
            docs = {x.doc_id for x in ev.mentions}
            sources = {x.source or x.doc_id for x in ev.mentions}
            row = [
                str(number), day, day[:6], day[:4], _fraction(ev.day),
                *_actor_columns(names.get(ev.actor1) if ev.actor1 is not None else None),
                *_actor_columns(names.get(ev.actor2) if ev.actor2 is not None else None),
                "1", ev.code, ev.code[:3], root, str(t.quad_class.get(root, "")), f"{t.goldstein.get(root, 0.0):.1f}",
                str(len(ev.mentions)), str(len(sources)), str(len(docs)), "0",
                *_geo_columns(None), *_geo_columns(None), *_geo_columns(ev.location),
                ev.added, ev.url,
            ]  # fmt: skip
            assert len(row) == len(EVENT_COLUMNS)
            w.writerow([_clean(c) for c in row])
            for x in ev.mentions:
                m.writerow(
                    [
                        str(number),
                        ev.added,
                        x.when,
                        "1",
                        _clean(x.source or ""),
                        _clean(x.url or f"newsgraph:{x.doc_id}"),
                        str(x.sentence_id),
                        str(x.actor1_offset),
                        str(x.actor2_offset),
                        str(x.action_offset),
                        "1",
                        str(t.confidence.get(x.modality, 50)),
                        str(x.doc_len),
                        "0",
                        "",
                        f"<DOC>{x.doc_id}</DOC><EVENT>{x.event_id}</EVENT><SENTENCE>{x.sentence[0]}-{x.sentence[1]}</SENTENCE>"
                        f"<MODALITY>{x.modality}</MODALITY>",
                    ]
                )
                n_mentions += 1
    return mentions_path, len(events), n_mentions


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def mentions_path_for(path: Path) -> Path:
    """``events.tsv`` -> ``events.mentions.tsv``."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.mentions{path.suffix or '.tsv'}")
