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
  blocks of hundreds (John, David), so a first name alone finds only other one-word names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsgraph.errors import OntologyError
from newsgraph.watchlist.normalise import NAME, ORGWORD, PARTICLE, NormalisedName, normalise

_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?|\S+")


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    kind_group: dict[str, str]
    country_features: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    origin = "newsgraph/data/resolve.yaml"
    text = resources.files("newsgraph").joinpath("data/resolve.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    try:
        groups = {str(kind): str(group) for group, kinds in data["kind_groups"].items() for kind in kinds}
        return Lexicon(
            titles=frozenset(str(t).lower() for t in data["titles"]),
            kind_group=groups,
            country_features=frozenset(str(f) for f in data["country_features"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise OntologyError(origin, f"missing or malformed key {exc}") from exc


def kind_group(kind: str) -> str:
    return lexicon().kind_group.get(kind, "other")


def compatible_kinds(a: str, b: str) -> bool:
    """Whether entities of kinds ``a`` and ``b`` may be one actor."""
    ga, gb = kind_group(a), kind_group(b)
    return ga == gb or "other" in (ga, gb)


def strip_titles(name: str) -> str:
    """``PM Sharif`` -> ``Sharif``; ``President`` alone stays (no name word follows)."""
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

    @property
    def core(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.name.core)

    @property
    def words(self) -> int:
        """Number of identifying words (names, organisation words, numbers)."""
        return len(self.name.core)

    @property
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
def form(text: str) -> Form:
    stripped = strip_titles(text.strip())
    return Form(stripped, normalise(stripped))


def forms(name: str, aliases: tuple[str, ...]) -> tuple[Form, ...]:
    """The distinct usable forms of a name and its aliases (the name first)."""
    out: list[Form] = []
    seen: set[str] = set()
    for text in (name, *aliases):
        f = form(text)
        if not f.core or f.exact_key in seen:
            continue
        seen.add(f.exact_key)
        out.append(f)
    return tuple(out)


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
    """``c:US`` for a country-level place or a state; None otherwise."""
    if not country:
        return None
    if kind == "state" or (feature is not None and feature in lexicon().country_features):
        return "c:" + country.upper()
    return None
