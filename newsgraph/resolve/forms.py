"""The forms of an entity's name, normalised, and the blocking keys that find its candidates.

A name goes through the watchlist's normaliser (transliteration, particles, consonant
skeletons: ``newsgraph.watchlist.normalise``) after the titles written before it are dropped
(``PM Sharif`` -> ``Sharif``). Each form yields a few keys, and an entity is compared only with
the actors that share one of them, so resolving a document costs the same whatever the store
holds:

- ``n:`` the name's identifying tokens (``n:lashkar taiba``),
- ``p:`` their consonant skeletons, the phonetic key (``p:lskr tb`` for Taiba, Tayyiba, Toiba),
- ``h:`` the skeletons of the name words without organisation words (``h:tb``),
- ``a:`` initials, with and without particles (``a:lt``, ``a:let``), and ``A:`` the letters of an
  acronym (LeT gives ``A:lt``, ``A:let``): an acronym looks names up by their initials and a
  name acronyms by its own, never names by names,
- ``c:`` the country of a country-level place (``c:US`` for US, United States, America),
- ``t:`` / ``s:`` the surname skeleton of people, and the skeleton of a one-word person name:
  how ``Sharif`` finds ``Shehbaz Sharif`` (and only finds it: see ``decide``). A name used
  alone is a surname in news copy far more often than a first name, and first names make
  blocks of hundreds (John, David), so a first name alone finds only other one-word names,
- ``g:`` an alias group of the alias table (``newsgraph.resolve.aliases``): how ``Daesh`` finds
  the actor named ``Isis`` elsewhere.

Titles are dropped from people's names only (``President Trump``): in an organisation's name
the same word is the name (``Justice Department``, ``Foreign Office``). A generic name
(:func:`is_generic`: ``Department``, ``Democratic Forces``) gets no key at all, so that nothing
finds it across documents; a modifier (:func:`is_modifier`: ``Kurdish``, ``Western``,
``pro-American``) is no name at all.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml
from anyascii import anyascii

from newsgraph.annotate.lexicon import word_list
from newsgraph.errors import OntologyError
from newsgraph.watchlist.normalise import NAME, ORGWORD, PARTICLE, NormalisedName, normalise

_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?|\S+")


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    kind_group: dict[str, str]
    country_features: frozenset[str]
    generic: frozenset[str]
    """Normalised words of generic names (see ``generic_words`` in ``data/resolve.yaml``)."""
    portfolio: frozenset[str]
    """Normalised portfolio words (``portfolio_words``): with generic words, a government body."""
    modifiers: frozenset[str]
    """Lower-case ASCII texts that are no name: demonyms and the adjectives of the data."""
    modifier_prefixes: tuple[str, ...]
    modifier_suffixes: tuple[str, ...]
    platforms: frozenset[str]
    medium_before: tuple[str, ...]
    medium_after: frozenset[str]


def _words(data: dict[str, Any], key: str) -> list[str]:
    return [str(w).lower() for w in data[key]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    origin = "newsgraph/data/resolve.yaml"
    text = resources.files("newsgraph").joinpath("data/resolve.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    try:
        groups = {str(kind): str(group) for group, kinds in data["kind_groups"].items() for kind in kinds}
        generic = {t.text for w in _words(data, "generic_words") for t in normalise(w).tokens}
        generic |= {t.text for w in word_list("org_heads") for t in normalise(w).tokens}
        return Lexicon(
            titles=frozenset(str(t).lower() for t in data["titles"]),
            kind_group=groups,
            country_features=frozenset(str(f) for f in data["country_features"]),
            generic=frozenset(generic),
            portfolio=frozenset(t.text for w in _words(data, "portfolio_words") for t in normalise(w).tokens),
            modifiers=frozenset(plain_text(w) for w in [*_words(data, "modifiers"), *_demonyms()]),
            modifier_prefixes=tuple(_words(data, "modifier_prefixes")),
            modifier_suffixes=tuple(_words(data, "modifier_suffixes")),
            platforms=frozenset(_words(data, "platforms")),
            medium_before=tuple(_words(data, "medium_before")),
            medium_after=frozenset(_words(data, "medium_after")),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise OntologyError(origin, f"missing or malformed key {exc}") from exc


def _demonyms() -> list[str]:
    """The demonyms of countries (``data/countries.json``) and regions (``data/regions.csv``)."""
    data = resources.files("newsgraph").joinpath("data")
    out = [str(d) for record in json.loads(data.joinpath("countries.json").read_text(encoding="utf-8"))
           for d in record["demonyms"]]  # fmt: skip
    for row in csv.DictReader(data.joinpath("regions.csv").read_text(encoding="utf-8").splitlines()):
        out += [d.strip() for d in row["demonyms"].split("|") if d.strip()]
    return out


_PLAIN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def plain_text(text: str) -> str:
    """Lower-case ASCII words separated by one space (``Middle-Eastern`` -> ``middle eastern``,
    ``Workers’ party`` -> ``workers party``): how a name is looked for in a document's text."""
    return " ".join(_PLAIN_WORD.findall(anyascii(text).lower().replace("’", "'")))


def _modifier_word(word: str) -> bool:
    """``pro-American``, ``anti-Assad``, ``Iran-backed``, ``Kurdish-led``: a word made an adjective."""
    parts = [p for p in re.split(r"[-‐‑–]", anyascii(word).lower()) if p]
    lex = lexicon()
    return len(parts) >= 2 and (parts[0] in lex.modifier_prefixes or parts[-1] in lex.modifier_suffixes)


def strip_modifiers(text: str) -> str:
    """The name without the modifier words before it (``pro-Iran Hizbullah Brigades`` ->
    ``Hizbullah Brigades``); empty when nothing else is left, or when it is a modifier itself."""
    words = text.split()
    i = 0
    while i < len(words):
        if _modifier_word(words[i]):
            i += 1
        elif words[i].lower() == "the" and i + 1 < len(words) and _modifier_word(words[i + 1]):
            i += 2
        else:
            break
    rest = " ".join(words[i:])
    return "" if not rest or is_modifier(rest) else rest


@lru_cache(maxsize=100_000)
def is_modifier(text: str) -> bool:
    """Whether ``text`` is no name but a demonym or an adjective (``Kurdish``, ``Americans``,
    ``Western``, ``pro-American``, ``Middle Eastern``)."""
    words = text.split()
    if words and all(_modifier_word(w) for w in words):
        return True
    plain = plain_text(text)
    if plain.startswith("the "):
        plain = plain[4:]
    return not plain or plain in lexicon().modifiers


def kind_group(kind: str) -> str:
    return lexicon().kind_group.get(kind, "other")


def compatible_kinds(a: str, b: str) -> bool:
    """Whether entities of kinds ``a`` and ``b`` may be one actor."""
    ga, gb = kind_group(a), kind_group(b)
    return ga == gb or "other" in (ga, gb)


def strip_titles(name: str) -> str:
    """``PM Sharif`` -> ``Sharif``; ``President`` alone stays (no name word follows). For people
    only: ``Justice Department`` is not a department called Justice."""
    words = name.split()
    titles = lexicon().titles
    i = 0
    while i < len(words) - 1 and words[i].lower().strip(".,") in titles:
        i += 1
    return " ".join(words[i:])


@dataclass(frozen=True)
class Form:
    """One way of writing an entity's name, normalised."""

    text: str
    """As written (titles dropped)."""
    name: NormalisedName

    @cached_property
    def core(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.name.core)

    @property
    def words(self) -> int:
        """Number of identifying words (names, organisation words, numbers)."""
        return len(self.name.core)

    @cached_property
    def exact_key(self) -> str:
        return "n:" + " ".join(self.core)

    @property
    def is_acronym(self) -> bool:
        """One short word written with two or more capitals (LeT, JeM, US, MEMRI)."""
        letters = [ch for ch in self.text if ch.isalpha()]
        return (
            self.words == 1
            and 2 <= len(letters) <= 6
            and sum(ch.isupper() for ch in letters) >= 2
            and " " not in self.text.strip()
        )


@lru_cache(maxsize=100_000)
def form(text: str, person: bool = False) -> Form:
    """The form of ``text``; for a ``person``, without the titles written before the name."""
    stripped = strip_titles(text.strip()) if person else text.strip()
    return Form(stripped, normalise(stripped))


def forms(name: str, aliases: tuple[str, ...], person: bool = False) -> tuple[Form, ...]:
    """The distinct usable forms of a name and its aliases (the name first)."""
    out: list[Form] = []
    seen: set[str] = set()
    for text in (name, *aliases):
        f = form(text, person)
        if not f.core or f.exact_key in seen:
            continue
        seen.add(f.exact_key)
        out.append(f)
    return tuple(out)


def is_government_body(f: Form) -> bool:
    """A generic name, or one of generic and portfolio words only (``Ministry of Defence``,
    ``Interior Ministry``): every country has one."""
    lex = lexicon()
    return bool(f.name.core) and all(t.text in lex.generic or t.text in lex.portfolio for t in f.name.core)


def is_generic(f: Form) -> bool:
    """A name made only of words that name a kind of body (``Department``, ``Democratic Forces``,
    ``the Army``): it says which body only where a fuller name is at hand."""
    generic = lexicon().generic
    return bool(f.name.core) and all(t.text in generic for t in f.name.core)


def acronym_keys(f: Form) -> set[str]:
    """``A:`` keys of an acronym (``LeT`` -> ``A:let``, ``A:lt``), ``a:`` keys of the initials of
    a name of several words (``Lashkar-e-Taiba`` -> ``a:lt``, ``a:let``)."""
    tokens = [t for t in f.name.tokens if t.role in (NAME, ORGWORD, PARTICLE)]
    if f.is_acronym:
        letters = [ch for ch in f.text if ch.isalpha()]
        capitals = "".join(ch.lower() for ch in letters if ch.isupper())
        return {"A:" + "".join(letters).lower(), "A:" + capitals}
    named = [t for t in tokens if t.role != PARTICLE]
    if len(named) < 2:
        return set()
    keys = {"a:" + "".join(t.text[0] for t in named)}
    if any(t.role == PARTICLE for t in tokens):
        keys.add("a:" + "".join(t.text[0] for t in tokens))
    return keys


def _swap_acronym(key: str) -> str:
    """An acronym looks for names with its initials and a name for acronyms of its initials
    (never names for names with the same initials: those are many, and not the same actor)."""
    if key.startswith("A:"):
        return "a:" + key[2:]
    if key.startswith("a:"):
        return "A:" + key[2:]
    return key


def form_keys(f: Form, kind: str) -> set[str]:
    """The keys an actor with this form is found by (stored in ``actor_keys``)."""
    keys = {f.exact_key}
    skeletons = [t.skeleton for t in f.name.core]
    if len(skeletons) >= 2 or (skeletons and len(skeletons[0]) >= 3):
        keys.add("p:" + " ".join(skeletons))
    group = kind_group(kind)
    if group != "person":
        keys |= acronym_keys(f)
        names = [t.skeleton for t in f.name.core if t.role == NAME]
        if names and len(names) < f.words:
            keys.add("h:" + " ".join(names))
    if group in ("person", "other"):
        names = _name_keys(f)
        if len(names) >= 2:
            keys.add("t:" + names[-1])
        elif len(names) == 1:
            keys.add("s:" + names[0])
    return keys


def _name_keys(f: Form) -> list[str]:
    """Per name word: its consonant skeleton, or the word itself when the skeleton is too short
    to tell names apart (``rs`` would be Ross, Rose, Rees and Rice)."""
    return [t.skeleton if len(t.skeleton) >= 3 else t.text for t in f.name.core if t.role == NAME]


def lookup_keys(f: Form, kind: str) -> set[str]:
    """The keys to look candidates up by: the form's own, plus a person's partial-name keys."""
    keys = {_swap_acronym(k) for k in form_keys(f, kind)}
    if kind_group(kind) in ("person", "other"):
        names = _name_keys(f)
        if len(names) >= 2:
            keys.add("s:" + names[-1])
        elif len(names) == 1:
            keys.add("t:" + names[0])
    return keys


def country_key(country: str | None, feature: str | None, kind: str) -> str | None:
    """``c:US`` for a country-level place or a state; None otherwise (a state geocoded to a town
    is no country: "Palestine" put in Texas is not the United States)."""
    if not country:
        return None
    country_level = feature is not None and feature in lexicon().country_features
    if country_level or (kind == "state" and feature is None):
        return "c:" + country.upper()
    return None
