"""The extraction contract as JSON Schema, and the checks the schema cannot express."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.records import SCHEMA_ID

__all__ = ["SCHEMA_ID", "json_schema", "problems"]


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The contract's JSON Schema (draft 2020-12)."""
    data = resources.files("newsgraph").joinpath("data/extraction.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(data))


def problems(obj: dict[str, Any]) -> list[str]:
    """Every way ``obj`` breaks the contract: schema errors, offsets that do not index the text,
    duplicate ids and references that do not resolve. Empty when it is valid."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(json_schema())
    out = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(obj)]
    if out:
        return out
    text = obj["document"]["text"]

    def check_span(where: str, s: dict[str, Any] | None) -> None:
        if s is None:
            return
        if not 0 <= s["start"] <= s["end"] <= len(text):
            out.append(f"{where}: offsets [{s['start']}, {s['end']}) outside the text")
        elif "text" in s and text[s["start"] : s["end"]] != s["text"]:
            out.append(f"{where}: text {s['text']!r} != document.text[{s['start']}:{s['end']}]")

    ids: dict[str, set[str]] = {}
    for key in ("mentions", "entities", "claims", "events", "relations"):
        seen = ids.setdefault(key, set())
        for rec in obj[key]:
            if rec["id"] in seen:
                out.append(f"{key}: duplicate id {rec['id']}")
            seen.add(rec["id"])
    ents, ments, claims = ids["entities"], ids["mentions"], ids["claims"]

    def ref(where: str, value: str | None, known: set[str]) -> None:
        if value is not None and value not in known:
            out.append(f"{where}: reference {value!r} does not resolve")

    check_span("document.dateline", obj["document"]["dateline"] and {**obj["document"]["dateline"]})
    for m in obj["mentions"]:
        check_span(f"mentions/{m['id']}", m)
        ref(f"mentions/{m['id']}.entity", m["entity"], ents)
    for e in obj["entities"]:
        for mid in e["mentions"]:
            ref(f"entities/{e['id']}.mentions", mid, ments)
    for k, d in enumerate(obj["dates"]):
        check_span(f"dates/{k}", d)
    for c in obj["claims"]:
        check_span(f"claims/{c['id']}", c)
        check_span(f"claims/{c['id']}.speaker", c["speaker"])
        check_span(f"claims/{c['id']}.cue", c["cue"])
        ref(f"claims/{c['id']}.speaker.entity", (c["speaker"] or {}).get("entity"), ents)
        ref(f"claims/{c['id']}.reported_by", c["reported_by"], ents)
    for v in obj["events"]:
        where = f"events/{v['id']}"
        check_span(f"{where}.trigger", v["trigger"])
        check_span(f"{where}.sentence", v["sentence"])
        check_span(f"{where}.date", v["date"])
        for role in ("source", "target", "participants"):
            for a in v[role]:
                check_span(f"{where}.{role}", a)
                ref(f"{where}.{role}.entity", a["entity"], ents)
        check_span(f"{where}.location", v["location"])
        ref(f"{where}.location.entity", (v["location"] or {}).get("entity"), ents)
        ref(f"{where}.claim", v["claim"], claims)
    for r in obj["relations"]:
        where = f"relations/{r['id']}"
        for role in ("subject", "object"):
            check_span(f"{where}.{role}", r[role])
            ref(f"{where}.{role}.entity", r[role]["entity"], ents)
        check_span(f"{where}.evidence", r["evidence"])
        ref(f"{where}.claim", r["claim"], claims)
    return out
