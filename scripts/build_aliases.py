"""Compile the actor alias table ``newsgraph/data/aliases.tsv`` (read by ``newsgraph.resolve.aliases``).

Sources (``newsgraph/data/aliases.md`` names them with their licences; the shared folder is
``../shared`` beside the project unless ``--shared`` says otherwise):

- the PETRARCH2 Phoenix actor dictionaries (``data/events/petrarch2-Phoenix.*.actors.txt``:
  openeventdata/petrarch2, commit 676801c, MIT): every group of the militant and non-state file;
  the intergovernmental (``IGO``) and non-governmental (``NGO``) organisations of the
  international file (not its companies); the rebel, insurgent and militant groups of the
  countries file (codes with ``REB``, ``INS``, ``IMG``, ``SEP``, ``UAF``);
- the organisations (not people, vessels or aircraft) of the UN Security Council consolidated list
  and of the US OFAC SDN list under its terrorism programmes (``FTO``, ``SDGT``, ``SDT``), with
  their a.k.a. and f.k.a. spellings (the lists' weak a.k.a.s left out), read with the project's
  own list readers (``newsgraph.watchlist.un``, ``newsgraph.watchlist.ofac``); firms (a company
  word in the name) left out;
- the project's curated tables of armed groups and international organisations
  (``newsgraph/data/gazetteer/curated/armed_groups.tsv`` and ``igos.tsv``), for the names current
  reporting uses that the others predate or spell otherwise (``Isis``, ``YPG``).

What is kept, and why:

- Phoenix files people beside groups (leaders under their group, office holders under
  organisations) and lists, under a group, the names of other actors coded like it (``KHALED
  MESHAAL`` and ``AL-AQSA FOUNDATION`` under Hamas). So a Phoenix entry whose head is a person
  (a ``__`` mark, an ``IGOrulers``/``CountryInfo`` comment, dated codes in the international
  file, a title before the name, or the name of a person on the UN or OFAC lists) is left out,
  and an alias joins its head only when it is the same name: a spelling of it (same words, same
  consonant skeleton, or a name comparison of 0.85 or more) or its acronym.
- The lists' a.k.a.s are names of the one listed entity and are kept, except generic ones and
  the names of government bodies every country has (every word a word of ``generic_words`` or
  ``portfolio_words`` in ``newsgraph/data/resolve.yaml``: the DPRK's "Ministry of Defence" is
  not the UK's) and names a list gives to two of its entries ("Ansar Allah").
- Entries of different sources that share a name (not a generic one, not a short acronym) are one
  row: the curated "Islamic State" row, the UN's QDe.115 and OFAC's ISIL entry meet through
  "Islamic State of Iraq and the Levant".
- An acronym of three letters or fewer (``PKK``, ``LeT``, ``UN``) goes in the row's acronym
  column: the resolver joins it only where its document also names the actor another way.
- A row with one name and no acronym tells nothing and is left out.

The output is sorted and carries no date, so that a rebuild from the same sources gives the same
file (``tests/resolve/test_aliases.py`` checks the committed file against a fresh build when the
shared folder is present).

Usage: ``.venv/bin/python scripts/build_aliases.py [--shared ../shared] [--out newsgraph/data/aliases.tsv]``
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.resolve.forms import Form, form, is_government_body, lexicon, strip_titles  # noqa: E402
from newsgraph.store.watchlist import WatchlistEntry  # noqa: E402
from newsgraph.watchlist.matcher import acronym_of, compare_normalised  # noqa: E402
from newsgraph.watchlist.normalise import LEGAL  # noqa: E402
from newsgraph.watchlist.ofac import OfacFiles, load_ofac  # noqa: E402
from newsgraph.watchlist.un import load_un  # noqa: E402

OUT = ROOT / "newsgraph" / "data" / "aliases.tsv"
CURATED = ROOT / "newsgraph" / "data" / "gazetteer" / "curated"
PHOENIX = {
    "phoenix-mnsa": "petrarch2-Phoenix.MilNonState.actors.txt",
    "phoenix-intl": "petrarch2-Phoenix.International.actors.txt",
    "phoenix-ctry": "petrarch2-Phoenix.Countries.actors.txt",
}
ARMED_CODES = ("REB", "INS", "IMG", "SEP", "UAF")
"""CAMEO actor types of the countries file that are groups: rebels, insurgents, international
militarised groups, separatists, unaligned armed forces."""
TERROR_PROGRAMS = frozenset({"FTO", "SDGT", "SDT"})
ARMED_UN_LISTS = frozenset({"Al-Qaida", "Taliban", "ISIL", "Somalia"})
COMPANY_WORDS = frozenset(
    re.findall(
        r"\S+",
        """bank company co corp corporation ltd limited llc inc holding holdings trading exchange
    exchangers establishment enterprise enterprises industries industrial investment investments shipping
    airlines airline airways products factory firm import export commercial gmbh jsc ojsc pjsc llp plc sa
    sarl sal offshore off-shore fze fzco""",
    )
)
SHORT = 3
"""Acronyms of this many letters or fewer need corroboration."""
SAME_NAME = 0.85
"""A Phoenix alias scoring this much against its head (the watchlist's name comparison) is a spelling of it."""
PRIORITY = {"curated": 0, "un": 1, "ofac": 2, "phoenix-mnsa": 3, "phoenix-intl": 3, "phoenix-ctry": 4}


@dataclass
class Source:
    """One entry of one source: its names (the preferred first) and its short acronyms."""

    ref: str
    """``un:QDe.115``, ``phoenix-mnsa:246`` (the line of its head) ..."""
    kind: str
    names: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.ref.split(":", 1)[0]


# --- names ------------------------------------------------------------------------------------


def is_short_acronym(name: str) -> bool:
    """``PKK``, ``LeT``, ``U.N.``: one word of at most three letters."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return " " not in name.strip() and 1 < len(letters) <= SHORT and not any(ch.isdigit() for ch in name)


def tidy(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" .;,'\"")


def usable(name: str) -> bool:
    """Not empty, no long number, not generic nor a government body every country has ("Ministry
    of Defence", "Armed Forces"; "The Base" is kept)."""
    f = form(name)
    if not f.core or re.search(r"\d{3,}", name) or len(re.sub(r"[^A-Za-z]", "", name)) < 2:
        return False
    return is_short_acronym(name) or not is_government_body(f)


def split_names(raw: str) -> list[str]:
    """``COMPAGNIE AERIENNE (CAGL); GREAT LAKES (GLBC)`` -> each name and each bracketed acronym.
    Lists nest names in brackets ("Hay'at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original
    script); Hay'et Tahrir al-Sham; ...)"): every piece between brackets and semicolons is one;
    names in another script, notes and the names of sub-units left out."""
    pieces = re.split(r"[();]", raw)
    return [
        n for n in (tidy(x) for x in pieces)
        if n and _latin(n) and n.lower() not in NOTES and not n.lower().endswith("sub-unit name")
    ]  # fmt: skip


NOTES = frozenset({"original script", "formerly", "previously", "also", "a.k.a.", "f.k.a."})


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


def key(name: str) -> str:
    return form(name).exact_key


def add_name(src: Source, name: str) -> None:
    name = tidy(name)
    if not usable(name):
        return
    if is_short_acronym(name):
        if name not in src.acronyms:
            src.acronyms.append(name)
    elif key(name) not in {key(n) for n in src.names}:
        src.names.append(name)


def is_company(name: str) -> bool:
    """A firm: a company word or a legal form (``LDA``, ``LLC``) in the name."""
    words = {w.strip(".,()") for w in name.lower().split()}
    return bool(words & COMPANY_WORDS) or any(t.role == LEGAL for t in form(name).name.tokens)


# --- the sanctions lists ----------------------------------------------------------------------


def listed(folder: Path) -> tuple[list[Source], set[str]]:
    """The lists' organisations as sources, and the keys of every listed person's names."""
    entries: list[WatchlistEntry] = []
    for path in sorted(folder.glob("un-consolidated-*.xml"))[-1:]:
        entries += load_un(path).entries
    sdn = folder / "ofac-sdn.csv"
    if sdn.exists():
        alt, add = folder / "ofac-alt.csv", folder / "ofac-add.csv"
        files = OfacFiles(sdn, alt if alt.exists() else None, add if add.exists() else None)
        entries += list(load_ofac(files).entries)
    people: set[str] = set()
    out: list[Source] = []
    for e in entries:
        names = [n for n, quality in e.names() if quality == "good"]
        if e.type == "person":
            people |= {key(n) for n in names if form(n).words >= 2}
            continue
        if e.type != "organization" or is_company(e.name):
            continue
        programs = {p.strip() for p in (e.regime or "").replace(";", " ").split()}
        if e.list == "ofac" and not programs & TERROR_PROGRAMS:
            continue
        armed = e.list == "ofac" or (e.regime or "") in ARMED_UN_LISTS
        src = Source(f"{e.list}:{e.entry_id}", "group" if armed else "organization")
        for n in names:
            for part in split_names(n):
                if not is_company(part):
                    add_name(src, part)
        out.append(src)
    return out, people


# --- the Phoenix dictionaries ----------------------------------------------------------------


@dataclass
class PhoenixEntry:
    line: int
    head: str
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    dated: bool = False
    comment: str = ""


_CODE = re.compile(r"\[([^\]]*)\]")


def phoenix_entries(path: Path) -> list[PhoenixEntry]:
    """Each actor of a PETRARCH2 actor file: ``NAME_ [CODE]`` head lines, ``+ALIAS_`` lines below
    (several on a line, ``+`` between them), tab-indented ``[CODE date-range]`` lines, ``#`` comments."""
    entries: list[PhoenixEntry] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = _CODE.findall(body)
        body = _CODE.sub(" ", body)
        if raw[0] in " \t" and not body.strip():
            if entries:
                _add_codes(entries[-1], codes)
            continue
        if body.lstrip().startswith("+"):
            if entries:
                entries[-1].aliases += [a.strip() for a in body.split("+") if a.strip()]
                _add_codes(entries[-1], codes)
            continue
        entry = PhoenixEntry(n, body.strip(), comment=comment.strip())
        _add_codes(entry, codes)
        entries.append(entry)
    return entries


def _add_codes(entry: PhoenixEntry, codes: list[str]) -> None:
    for c in codes:
        parts = c.split()
        if parts:
            entry.codes.append(parts[0])
            entry.dated = entry.dated or len(parts) > 1


def phoenix_name(raw: str) -> tuple[str, str]:
    """``LASHKAR-E-TAIBA_(LET)_`` -> ``("LASHKAR-E-TAIBA", "LET")``: the name and its bracketed acronym."""
    acronym = ""
    m = re.search(r"\(([^()]*)\)", raw)
    if m:
        inner = m.group(1).strip("_ ")
        if inner.replace(".", "").isalpha() and len(inner) <= 6:
            acronym = inner
        raw = raw[: m.start()] + raw[m.end() :]
    return tidy(raw.replace("_", " ")), acronym


def is_person(raw: str, entry: PhoenixEntry, origin: str, people: set[str]) -> bool:
    name, _ = phoenix_name(raw)
    if raw.rstrip().endswith("__") or re.search(r"IGOrulers|CountryInfo", entry.comment):
        return True
    if origin == "phoenix-intl" and entry.dated:
        return True  # office holders: "KOFI_ANNAN_ [IGOUNO 970101-061231]"
    if strip_titles(name.title()) != name.title():
        return True  # "SHEIKH AHMED YASSIN"
    for raw_alias in entry.aliases:  # "CATHERINE_ASHTON" with "+LADY_CATHERINE_ASHTON"
        alias = phoenix_name(raw_alias)[0].title()
        if strip_titles(alias) != alias and key(strip_titles(alias)) == key(name):
            return True
    return key(name) in people


def same_name(head: Form, alias: Form, head_acronym: str, alias_text: str) -> bool:
    """Whether a Phoenix alias is the head's name again: a spelling of it or its acronym."""
    if alias.exact_key == head.exact_key:
        return True
    if [t.skeleton for t in alias.name.core] == [t.skeleton for t in head.name.core]:
        return True
    if alias_text == head_acronym or (alias.words == 1 and acronym_of(alias.name, head.name)):
        return True
    return alias.words >= 2 and compare_normalised(head.name, alias.name).score >= SAME_NAME


def phoenix(folder: Path, people: set[str]) -> list[Source]:
    out: list[Source] = []
    for origin, filename in PHOENIX.items():
        path = folder / filename
        if not path.exists():
            print(f"no {path}: its entries are left out", file=sys.stderr)
            continue
        for entry in phoenix_entries(path):
            kind = _phoenix_kind(origin, entry.codes)
            if kind is None or is_person(entry.head, entry, origin, people):
                continue
            head, head_acronym = phoenix_name(entry.head)
            hf = form(head)
            if not hf.core:
                continue
            src = Source(f"{origin}:{entry.line}", kind)
            add_name(src, head)
            if head_acronym and acronym_of(form(head_acronym).name, hf.name):
                add_name(src, head_acronym)  # not "(GREECE)" after "DIRECT_ACTION_"
            for raw in entry.aliases:
                alias, acronym = phoenix_name(raw)
                af = form(alias)
                if af.core and same_name(hf, af, head_acronym, alias):
                    add_name(src, alias)
                    if acronym and acronym_of(form(acronym).name, af.name):
                        add_name(src, acronym)
            out.append(src)
    return out


def _phoenix_kind(origin: str, codes: list[str]) -> str | None:
    if origin == "phoenix-mnsa":
        return "group"
    if origin == "phoenix-intl":
        if any(c.startswith("IGO") for c in codes):
            return "igo"
        return "organization" if any(c.startswith("NGO") for c in codes) else None
    if any(c[:3] in ARMED_CODES or c[3:6] in ARMED_CODES for c in codes):
        return "group"
    return None


# --- the curated tables ----------------------------------------------------------------------


def curated() -> list[Source]:
    out: list[Source] = []
    for table, kind in (("armed_groups.tsv", "group"), ("igos.tsv", None)):
        path = CURATED / table
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = [*line.split("\t"), "", ""]
            if kind:  # name, aliases
                name, row_kind, aliases = cells[0], kind, cells[1]
            else:  # name, kind, aliases
                name, row_kind, aliases = cells[0], cells[1] or "igo", cells[2]
            src = Source(f"curated:{table.split('.')[0]}:{n}", row_kind)
            for a in [name, *aliases.split("|")]:
                a = tidy(a)
                if not a or not form(a).core:
                    continue
                if is_short_acronym(a):
                    if a not in src.acronyms:
                        src.acronyms.append(a)
                elif key(a) not in {key(x) for x in src.names}:
                    src.names.append(a)  # the project vouches for them: none is dropped as generic
            out.append(src)
    return out


# --- rows ------------------------------------------------------------------------------------


def rows(sources: list[Source]) -> list[tuple[str, str, list[str], list[str], list[str]]]:
    """One row per actor. Entries of different sources are one row when their first names are the
    same name (same words or same consonant skeleton): a shared a.k.a. is no proof (the lists give
    "Islamic Jihad" to Hizballah, the curated table to the Palestinian group). A name left in two
    rows is dropped from both, unless a curated table gives it (then it stays there alone); a
    name one list gives to two of its entries ("Ansar Allah") is dropped from the list's entries."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in sources:
        for n in s.names:
            owners[(s.origin.split("-")[0], key(n))].add(s.ref)
    ambiguous = {k for (_, k), refs in owners.items() if len(refs) > 1}
    for s in sources:
        if s.origin != "curated":
            s.names = [n for n in s.names if key(n) not in ambiguous]
    parent: dict[str, str] = {s.ref: s.ref for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first: dict[str, str] = {}
    for s in sources:
        if not s.names:
            continue
        for k in primary_keys(s.names[0]):
            if k not in first:
                first[k] = s.ref
            elif not (first[k].startswith("curated:") and s.origin == "curated"):
                join(first[k], s.ref)
    # two list entries (never a curated row) sharing two names or more of two words or more
    sharing: dict[tuple[str, str], int] = Counter()
    by_key: dict[str, list[str]] = defaultdict(list)
    for s in sources:
        if s.origin != "curated":
            for n in s.names:
                if form(n).words >= 2:
                    by_key[key(n)].append(s.ref)
    for refs in by_key.values():
        for i, a in enumerate(refs):
            for b in refs[i + 1 :]:
                sharing[(a, b)] += 1
    for (a, b), n in sharing.items():
        if n >= 2:
            join(a, b)
    members: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        members[find(s.ref)].append(s)
    groups = [sorted(g, key=lambda s: (PRIORITY[s.origin], _ref_order(s.ref))) for g in members.values()]
    # a name in two rows: the curated row keeps it, or neither does
    holders: dict[str, set[int]] = defaultdict(set)
    curated_holders: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(groups):
        for s in g:
            for n in s.names:
                holders[key(n)].add(i)
                if s.origin == "curated":
                    curated_holders[key(n)].add(i)
    out = []
    used: Counter[str] = Counter()
    for i, g in enumerate(groups):
        names: list[str] = []
        acronyms: list[str] = []
        seen: set[str] = set()
        for s in g:
            for n in s.names:
                k = key(n)
                shared = len(holders[k]) > 1 and curated_holders[k] != {i}
                if k not in seen and not shared:
                    seen.add(k)
                    names.append(n)
            acronyms += [a for a in s.acronyms if a not in acronyms]
        if not names or len(names) + len(acronyms) < 2:
            continue
        # first the name most of its sources give ("AL-QAIDA", not "EGYPTIAN ISLAMIC JIHAD")
        given = Counter(key(n) for s in g for n in dict.fromkeys(s.names))
        names.sort(key=lambda n: -given[key(n)])
        gid = re.sub(r"[^a-z0-9]+", "-", form(names[0]).exact_key[2:]).strip("-") or "actor"
        used[gid] += 1
        if used[gid] > 1:
            gid = f"{gid}-{used[gid]}"
        out.append((gid, g[0].kind, names, acronyms, sorted(s.ref for s in g)))
    return sorted(out, key=lambda r: r[0])


def primary_keys(name: str) -> list[str]:
    """The keys by which entries of two sources are found to be one: the name's words, and their
    consonant skeletons (``LASHKAR-E-TAIBA``, ``Lashkar-e-Tayyiba``)."""
    f = form(name)
    return [f.exact_key, "p:" + " ".join(t.skeleton for t in f.name.core)]


def _ref_order(ref: str) -> tuple[int, str]:
    tail = ref.rsplit(":", 1)[-1]
    return (int(tail), "") if tail.isdigit() else (0, tail)


HEADER = """\
# newsgraph alias table: one actor a row. Compiled by scripts/build_aliases.py: do not edit by hand.
# Sources and licences: newsgraph/data/aliases.md. PETRARCH2 Phoenix actor dictionaries
# (openeventdata/petrarch2 commit 676801c, MIT, (c) 2015 Open Event Data Alliance); UN Security
# Council consolidated list (2026-01-28) and US OFAC SDN list (2022-01-31), public records; the
# project's curated tables (newsgraph/data/gazetteer/curated).
# id\tkind\tnames (|)\tacronyms of 3 letters or fewer, joined only with corroboration (|)\tsources
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lexicon()
    organisations, people = listed(args.shared / "data" / "sanctions")
    sources = curated() + organisations + phoenix(args.shared / "data" / "events", people)
    table = rows(sources)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for gid, kind, names, acronyms, refs in table:
            f.write("\t".join((gid, kind, "|".join(names), "|".join(acronyms), " ".join(refs))) + "\n")
    kinds = Counter(r[1] for r in table)
    print(f"{len(table)} actors, {sum(len(r[2]) + len(r[3]) for r in table)} names -> {args.out}", file=sys.stderr)
    print(dict(kinds), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
