"""Compile the CAMEO verb dictionary into ``newsgraph/data/ontology/cameo_verbs.json``.

Source: PETRARCH2's CAMEO verb pattern dictionary (``data/events/petrarch2-CAMEO.2.0.txt`` in the
shared folder: openeventdata/petrarch2, commit 676801c, MIT licence, copyright 2015 Open Event
Data Alliance) and the CAMEO-to-PLOVER table (``data/events/plover-CAMEO2PLOVER-2021.txt``:
openeventdata/PLOVER, commit 5e0c24f, CC BY-SA 4.0). The package reads only the compiled file at
run time (``newsgraph/data/ontology/README.md`` names the sources and their licences).

What the event stage takes from the dictionary: for each verb (lemma, lower case) that is an
event trigger or a light verb in ``newsgraph/data/ontology/events.yaml``,

- ``code``: the CAMEO code the verb has on its own (its own code, else its block's), or null where
  the dictionary codes the bare verb as no event (``HOLD [---]``: "hold" is an event only in its
  patterns, "hold hostages", "hold talks");
- ``patterns``: the verb's object/particle/preposition patterns (``- * &HOSTAGE [181]``), each as
  the words before the verb (its subject side), the words after it (each word a set of
  alternatives: a ``&SET`` is expanded to its members' head words) and the pattern's code (null
  for ``[---]``: the dictionary names the sense as no event);
- ``plover``: CAMEO code -> PLOVER type, so that the stage can tell a pattern of another type.

A multi-word verb (``+PULL_OUT``) becomes a pattern of its first word whose first slot is the
particle, with the multi-word verb's code.

Usage: ``.venv/bin/python scripts/build_event_cameo.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newsgraph" / "data" / "ontology" / "cameo_verbs.json"
ONTOLOGY = ROOT / "newsgraph" / "data" / "ontology" / "events.yaml"

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_SKIP = {"$", "+", "^", "%", "*", "-"}


def _code(raw: str) -> str | None:
    """ "173" -> "173"; "042:043" -> "042" (the first coded reading); "---" -> None (no event)."""
    codes = [c.strip() for c in raw.split(":") if c.strip() and not c.strip().startswith("-")]
    return codes[0] if codes else None


def _head_word(member: str) -> str:
    words = [w for w in member.strip("+").lower().split("_") if w]
    return words[-1] if words else ""


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("####### VERB PATTERNS"):
            break
        if s.startswith("&"):
            name = s.rstrip("_").upper()
            sets[name] = []
        elif s.startswith("+") and name is not None:
            w = _head_word(s)
            if w:
                sets[name].append(w)
        elif not s:
            continue
    return sets


def _slots(words: list[str], sets: dict[str, list[str]]) -> list[str]:
    """Pattern words, lower case; a synonym set stays a reference ("&hostage") into ``sets``."""
    out: list[str] = []
    for w in words:
        w = w.strip("(){}").strip()
        if not w or w in _SKIP or w.startswith("#"):
            continue
        if w.startswith("&"):
            name = w.rstrip("_").upper()
            if sets.get(name):
                out.append(name.lower())
            continue
        w = w.strip("+$^%").lower()
        if w and not any(ch.isdigit() for ch in w):
            out.append(_head_word(w))
    return out


def read_verbs(lines: list[str], sets: dict[str, list[str]]) -> dict[str, dict[str, object]]:
    verbs: dict[str, dict[str, object]] = {}
    in_verbs = False
    block_code: str | None = None
    members: list[str] = []
    for line in lines:
        raw = line.rstrip("\n")
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            continue
        s = raw.split("#", 1)[0].strip()
        if not s:
            continue
        m = _HEADER.match(s)
        if m:
            block_code = _code(m.group(2))
            members = []
            continue
        if s.startswith("- "):
            cm = _CODE.search(s)
            if cm is None:
                continue
            code = _code(cm.group(1))
            body = s[: cm.start()].strip()[1:].split()
            if "*" not in body:
                continue
            k = body.index("*")
            pre, post = _slots(body[:k], sets), _slots(body[k + 1 :], sets)
            if not pre and not post:
                continue
            for v in members:
                verbs[v]["patterns"].append([pre, post, code])  # type: ignore[attr-defined]
            continue
        # a verb of the block: "HOLD {HOLDS HOLDING HELD } [---]", "+PULL_OUT", "HELP [070]"
        head = re.sub(r"\{[^}]*\}", " ", s)
        cm = _CODE.search(head)
        own = _code(cm.group(1)) if cm else block_code
        if cm:
            head = head[: cm.start()]
        word = head.split()[0] if head.split() else ""
        if not word:
            continue
        parts = [p for p in word.lstrip("+").lower().split("_") if p]
        if not parts or not parts[0].isalpha():
            continue
        entry = verbs.setdefault(parts[0], {"code": None, "patterns": [], "_set": False})
        if len(parts) == 1:
            if not entry["_set"]:
                entry["code"], entry["_set"] = own, True
            members.append(parts[0])
        else:
            entry["patterns"].append([[], parts[1:], own])  # type: ignore[attr-defined]
    for e in verbs.values():
        e.pop("_set", None)
    return verbs


def read_plover(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def trigger_verbs() -> set[str]:
    import yaml

    data = yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))
    out = {str(v).split()[0] for v in data.get("light_verbs", [])}

    def walk(node: dict[str, object]) -> None:
        for v in node.get("verbs", []) or []:  # type: ignore[union-attr]
            out.add(str(v).split()[0])
        for mode in (node.get("modes") or {}).values():  # type: ignore[union-attr]
            walk(mode)

    for t in data["types"].values():
        walk(t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    folder = args.shared / "data" / "events"
    lines = (folder / "petrarch2-CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    sets = read_synsets(lines)
    verbs = read_verbs(lines, sets)
    wanted = trigger_verbs()
    table = {v: verbs[v] for v in sorted(wanted) if v in verbs}
    plover = read_plover(folder / "plover-CAMEO2PLOVER-2021.txt")
    used = {w for e in table.values() for pre, post, _ in e["patterns"] for w in (*pre, *post)}  # type: ignore[attr-defined]
    out = {
        "sets": {k.lower(): sorted(set(v)) for k, v in sets.items() if k.lower() in used},
        "source": "openeventdata/petrarch2 petrarch2-CAMEO.2.0.txt (commit 676801c, MIT); "
        "openeventdata/PLOVER CAMEO2PLOVER-2021 (commit 5e0c24f, CC BY-SA 4.0); "
        "generated by scripts/build_event_cameo.py",
        "verbs": table,
        "plover": plover,
    }
    OUT.write_text(json.dumps(out, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(table)} verbs of {len(wanted)} triggers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
