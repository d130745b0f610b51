"""The alias table: names that the field's references give to one actor, and what they join.

``newsgraph/data/aliases.tsv`` is compiled by ``scripts/build_aliases.py`` from the Phoenix actor
dictionaries (militant groups, international organisations), the organisations of the UN and
OFAC sanctions lists with their a.k.a. spellings, and the project's curated tables of armed
groups and international organisations; ``newsgraph/data/aliases.md`` names the sources and their
licences. One row is one actor: its names, its short acronyms, the entries it comes from.

Two entities named by names of one row are one actor (``Isis``, ``Daesh``, ``Islamic State of
Iraq and the Levant``), kinds permitting (``newsgraph.resolve.decide``). An acronym of three
letters or fewer (``PKK``, ``LeT``, ``YPG``) is in a column of its own: it joins its row only
where its document also names the actor another way (another entity, or the text itself:
``Kurdistan Workers' party (PKK)``), since such letters stand for many things.

A fragment of a name (``Workers`` where the text reads ``Kurdistan Workers' party``, ``Protection
Units`` in ``People's Protection Units``) joins the row whose longer name the text holds at that
place; see :func:`fragment_groups`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.errors import OntologyError
from newsgraph.resolve.forms import Form, form, plain_text

ALIAS_FILE = "data/aliases.tsv"
COLUMNS = 5


@dataclass(frozen=True)
class AliasGroup:
    """One row of the alias table: one actor and the names the references give it."""

    id: str
    kind: str
    """group, igo or organization."""
    names: tuple[str, ...]
    """Its names, the preferred first; any of them joins the others."""
    acronyms: tuple[str, ...]
    """Acronyms of three letters or fewer: they join only with corroboration in their document."""
    sources: tuple[str, ...]
    """The entries it was compiled from (``curated:islamic-state``, ``un:QDe.115``, ``ofac:4702``,
    ``phoenix-mnsa:229``)."""

    @property
    def label(self) -> str:
        """How a reason names the row: its first name and its sources."""
        return f"{self.names[0]!r} ({', '.join(self.sources[:4])}{', ...' if len(self.sources) > 4 else ''})"


@dataclass(frozen=True)
class AliasTable:
    groups: dict[str, AliasGroup]
    by_name: dict[str, tuple[str, ...]]
    """Exact key (``n:islamic state``) of a name -> the rows that give it."""
    by_acronym: dict[str, tuple[str, ...]]
    """Exact key of a short acronym -> the rows that give it."""
    plain_names: dict[str, tuple[tuple[str, str], ...]]
    """Row id -> (name, the name as plain text) of its names (not its short acronyms), to find in a
    document's text."""
    by_word: dict[str, tuple[tuple[str, tuple[str, ...], str], ...]]
    """Name word -> (row id, the words of a name of two or more words holding it, the name as
    plain text): where a fragment looks for the name it is part of."""


@lru_cache(maxsize=1)
def table() -> AliasTable:
    """The alias table, read once per process."""
    text = resources.files("newsgraph").joinpath(ALIAS_FILE).read_text(encoding="utf-8")
    groups: dict[str, AliasGroup] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    by_acronym: dict[str, list[str]] = defaultdict(list)
    plain_names: dict[str, tuple[tuple[str, str], ...]] = {}
    by_word: dict[str, list[tuple[str, tuple[str, ...], str]]] = defaultdict(list)
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != COLUMNS or not cells[0] or not cells[2]:
            raise OntologyError(f"newsgraph/{ALIAS_FILE}:{n}", f"expected {COLUMNS} tab-separated columns")
        gid, kind, names, acronyms, sources = cells
        g = AliasGroup(gid, kind, _split(names), _split(acronyms), tuple(sources.split()))
        groups[gid] = g
        plain: dict[str, str] = {}
        for name in g.names:
            f = form(name)
            if not f.core:
                continue
            by_name[f.exact_key].append(gid)
            p = plain_text(name)
            plain.setdefault(p, name)
            if f.words >= 2:
                for word in set(f.core):
                    by_word[word].append((gid, f.core, p))
        plain_names[gid] = tuple((name, p) for p, name in plain.items())
        for acronym in g.acronyms:
            f = form(acronym)
            if f.core:
                by_acronym[f.exact_key].append(gid)
    return AliasTable(
        groups=groups,
        by_name={k: tuple(dict.fromkeys(v)) for k, v in by_name.items()},
        by_acronym={k: tuple(dict.fromkeys(v)) for k, v in by_acronym.items()},
        plain_names=plain_names,
        by_word={k: tuple(v) for k, v in by_word.items()},
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def group(gid: str) -> AliasGroup:
    return table().groups[gid]


def known(f: Form) -> bool:
    """Whether the table gives ``f`` as a name or an acronym of some actor."""
    t = table()
    return f.exact_key in t.by_name or f.exact_key in t.by_acronym


def name_groups(f: Form) -> tuple[str, ...]:
    """The rows that give ``f`` as a name (never as a short acronym)."""
    return table().by_name.get(f.exact_key, ())


def acronym_groups(f: Form) -> tuple[str, ...]:
    """The rows that give ``f`` as a short acronym (each needs corroboration)."""
    return table().by_acronym.get(f.exact_key, ())


def named_in(gid: str, text: str, keys: Iterable[str] = ()) -> str | None:
    """A name of row ``gid`` that the document names: one of its entities' form ``keys``, or its
    plain ``text`` (:func:`newsgraph.resolve.forms.plain_text`); None when it names none."""
    g = table().groups[gid]
    wanted = set(keys)
    for name in g.names:
        if form(name).exact_key in wanted:
            return name
    padded = f" {text} "
    for name, p in table().plain_names[gid]:
        if p and f" {p} " in padded:
            return name
    return None


def fragment_groups(f: Form, text: str) -> dict[str, str]:
    """Rows one of whose names of two or more words holds the words of ``f`` in a row, at its end
    or inside it but not as its first word (``Workers`` in ``Kurdistan Workers' Party``), where
    the document's plain ``text`` holds that whole name: row id -> the name."""
    words = f.core
    if not words:
        return {}
    out: dict[str, str] = {}
    padded = f" {text} "
    for gid, core, p in table().by_word.get(words[0], ()):
        if len(core) <= len(words) or gid in out:
            continue
        at = [i for i in range(1, len(core) - len(words) + 1) if core[i : i + len(words)] == words]
        if at and f" {p} " in padded:
            out[gid] = p
    return out
