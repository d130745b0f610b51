"""Names as weighted tokens: transliterated, lower-cased, particles, titles and legal forms marked.

``normalise("Lashkar-e-Taiba")`` gives the tokens ``lashkar`` (an organisation word), ``e`` (a
particle) and ``taiba`` (a name), each with its weight and its consonant skeleton (``tb``), the
phonetic key that makes Taiba, Tayyiba and Toiba one sound. Any script goes through ``anyascii``
first (Arabic, Urdu, Cyrillic, Greek...). The word lists are data:
``newsgraph/data/watchlist/name-words.yaml``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml
from anyascii import anyascii

NAME, PARTICLE, LEGAL, ORGWORD, NUMBER = "name", "particle", "legal", "orgword", "number"
ROLE_WEIGHTS = {NAME: 1.0, PARTICLE: 0.1, LEGAL: 0.2, NUMBER: 0.3}


@dataclass(frozen=True)
class NameToken:
    text: str
    """Lower-case ASCII form (legal forms in their canonical spelling, numbers as digits)."""
    role: str
    """``name``, ``particle``, ``legal``, ``orgword`` or ``number``."""
    weight: float
    skeleton: str
    """Consonant skeleton (:func:`skeleton`), the token's phonetic key."""


@dataclass(frozen=True)
class NormalisedName:
    original: str
    tokens: tuple[NameToken, ...]

    @cached_property
    def core(self) -> tuple[NameToken, ...]:
        """Tokens that identify: names, organisation words and numbers (not particles or legal forms)."""
        return tuple(t for t in self.tokens if t.role in (NAME, ORGWORD, NUMBER))

    @cached_property
    def compact(self) -> str:
        return "".join(t.text for t in self.core)

    @cached_property
    def keys(self) -> tuple[tuple[str, str], ...]:
        """(text, role) of each token: what a token's similarity to another depends on."""
        return tuple((t.text, t.role) for t in self.tokens)

    @cached_property
    def joins(self) -> tuple[str, ...]:
        """:func:`joins` of the tokens."""
        return joins(self.tokens)

    @cached_property
    def long_words(self) -> tuple[str, ...]:
        """:func:`long_words` of the tokens."""
        return long_words(self.tokens)

    @cached_property
    def join_lengths(self) -> frozenset[int]:
        """Lengths of :attr:`joins`."""
        return frozenset(len(j) for j in self.joins)

    @cached_property
    def spellable(self) -> frozenset[int]:
        """Lengths a join of the other name's tokens needs to be 85% like one of :attr:`long_words`.

        Levenshtein similarity is at most ``1 - |a - b| / max(a, b)`` for lengths ``a`` and ``b``:
        a word of ``b`` letters can only be spelled by ``0.85 b`` to ``b / 0.85`` letters.
        """
        out: set[int] = set()
        for w in self.long_words:
            out.update(range(math.ceil(0.85 * len(w) - 1e-9), math.floor(len(w) / 0.85 + 1e-9) + 1))
        return frozenset(out)

    @cached_property
    def acronym_like(self) -> bool:
        """One word of two to six letters (not a number): it may be read as initials."""
        core = [t for t in self.tokens if t.role != LEGAL]
        return len(core) == 1 and 2 <= len(core[0].text) <= 6 and core[0].role != NUMBER

    @cached_property
    def weight(self) -> float:
        return sum(t.weight for t in self.tokens)

    @cached_property
    def named(self) -> int:
        """How many tokens are names or organisation words."""
        return sum(1 for t in self.tokens if t.role in (NAME, ORGWORD))


def joins(tokens: tuple[NameToken, ...]) -> tuple[str, ...]:
    """The words that two or three adjacent tokens (no legal form) would make, joined.

    The matcher joins such tokens when they spell a word of the other name (``Al Qaida`` /
    ``Alqaida``); with these at hand it tells quickly when no join can.
    """
    out: dict[str, None] = {}
    for n in (2, 3):
        for i in range(len(tokens) - n + 1):
            pieces = tokens[i : i + n]
            if not any(t.role == LEGAL for t in pieces):
                out["".join(t.text for t in pieces)] = None
    return tuple(out)


def long_words(tokens: tuple[NameToken, ...]) -> tuple[str, ...]:
    """The tokens that joined pieces of the other name may spell (five letters or more)."""
    return tuple(dict.fromkeys(t.text for t in tokens if len(t.text) >= 5))


@dataclass(frozen=True)
class Lexicon:
    particles: frozenset[str]
    particle_group: dict[str, int]
    titles: frozenset[str]
    legal: dict[tuple[str, ...], str]
    legal_longest: int
    orgwords: dict[str, float]
    numbers: dict[str, int]
    common: dict[str, float]
    kunya: frozenset[str]
    """Words that make a kunya (``Abu`` Mazen, ``Umm`` Sayyaf): a name by a child's, no name of one's own."""


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("newsgraph").joinpath("data/watchlist/name-words.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    legal: dict[tuple[str, ...], str] = {}
    for canonical, spellings in data["legal_forms"].items():
        for s in spellings:
            legal[tuple(_split(anyascii(s).lower()))] = str(canonical)
    groups = {str(p): i for i, group in enumerate(data["particle_groups"]) for p in group}
    return Lexicon(
        particles=frozenset(str(p) for p in data["particles"]),
        particle_group=groups,
        titles=frozenset(str(t) for t in data["titles"]),
        legal=legal,
        legal_longest=max(len(k) for k in legal),
        orgwords={str(w): float(weight) for weight, words in data["organisation_words"].items() for w in words},
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        common={str(w): float(weight) for weight, words in data["common_names"].items() for w in words},
        kunya=frozenset(str(w) for w in data["kunya"]),
    )


_SKELETON_RULES = [
    ("sch", "s"),
    ("tch", "c"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("sh", "s"),
    ("ch", "c"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("z", "s"),
    ("x", "ks"),
]
_VOWELS = set("aeiouy")


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton: digraphs folded (kh->k, sh->s, ph->f), vowels, h and doubles dropped.

    A leading vowel is kept as ``a`` so that Osama/Usama agree while Ahmad and Mohammad do not.
    """
    if not token or token.isdigit():
        return token
    t = token
    for a, b in _SKELETON_RULES:
        t = t.replace(a, b)
    out = ["a" if t[0] in _VOWELS else t[0]]
    for ch in t[1:]:
        if ch in _VOWELS or ch == "h":
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=200_000)
def vowel_pattern(token: str) -> str:
    """The token's sounds in order, each run of vowels as ``V`` (h dropped): ``bashar`` -> ``bVsVr``.

    Two tokens with one consonant skeleton can still be two names: the vowels of Bashar and
    Bushra, Saraqeb and Sercuba, Amira and Amru fall between other consonants. Transliterations
    of one name keep them in place (Osama/Usama ``VsVmV``, Taiba/Tayyiba ``tVbV``).
    """
    t = token
    for a, b in _SKELETON_RULES:
        t = t.replace(a, b)
    out: list[str] = []
    for ch in t:
        if ch == "h":
            continue
        c = "V" if ch in _VOWELS else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def vowel_frame(pattern: str) -> str:
    """A :func:`vowel_pattern` with the inner vowels left out, its ends kept: ``VlVksVndVr`` -> ``Vlksndr``.

    Long names may lose an inner vowel in transliteration (Alexander/Aleksandr), never their ends.
    """
    if len(pattern) <= 2:
        return pattern
    return pattern[0] + pattern[1:-1].replace("V", "") + pattern[-1]


_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}(?:[A-Za-z]\b\.?)?")
_APOSTROPHES = re.compile(r"['’ʼ`´‘ʻʿʾ]")
_SPLIT = re.compile(r"[^a-z0-9]+")
_DIGIT_LETTERS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"})
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _split(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text) if t]


def _reorder_comma(name: str) -> str:
    """``SURNAME, Given`` -> ``Given SURNAME`` unless what follows the comma is a legal form."""
    if name.count(",") != 1:
        return name.replace(",", " ")
    head, tail = (p.strip() for p in name.split(","))
    words = tuple(_split(anyascii(tail).lower().replace(".", "")))
    if not words or words in lexicon().legal or all(w in lexicon().titles for w in words):
        return f"{head} {tail}"
    return f"{tail} {head}"


def _transliterate(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _APOSTROPHES.sub("", text)
    text = text.replace("&", " and ").replace("/", "")
    if text.isascii():  # anyascii changes nothing, slowly
        return text.lower()
    return _APOSTROPHES.sub("", anyascii(text)).lower()


@lru_cache(maxsize=100_000)
def _fix_token(token: str) -> str:
    m = _ORDINAL.match(token)
    if m:
        return m.group(1)
    if not token.isdigit() and any(ch.isdigit() for ch in token) and sum(ch.isalpha() for ch in token) >= 2:
        return token.translate(_DIGIT_LETTERS)
    return token


def _numbers(words: list[str]) -> list[str]:
    """Spelled numbers as digits: ``forty four`` -> ``44``, ``first`` -> ``1``."""
    lex = lexicon()
    out: list[str] = []
    total: int | None = None
    for w in words:
        value = lex.numbers.get(w)
        if value is None:
            if total is not None:
                out.append(str(total))
                total = None
            out.append(w)
        elif total is None:
            total = value
        elif value == 100:
            total *= 100
        elif total >= 20 and total % 10 == 0 and value < 10:
            total += value
        else:
            out.append(str(total))
            total = value
    if total is not None:
        out.append(str(total))
    return out


@lru_cache(maxsize=100_000)
def _token(text: str, role: str) -> NameToken:
    lex = lexicon()
    if role == NAME and text in lex.orgwords:
        role, weight = ORGWORD, lex.orgwords[text]
    elif role == NAME:
        weight = lex.common.get(text, 1.0)
        if len(text) == 1:
            weight = 0.5
    else:
        weight = ROLE_WEIGHTS[role]
    return NameToken(text, role, weight, skeleton(text))


@lru_cache(maxsize=100_000)
def normalise(name: str) -> NormalisedName:
    """The weighted tokens of a name (any script); see the module docstring."""
    lex = lexicon()
    raw = re.sub(r"[()\[\]{}]", " ", name)
    words = [_fix_token(w) for w in _split(_transliterate(_reorder_comma(raw)))]
    words = _numbers(words)
    tokens: list[NameToken] = []
    i = 0
    while i < len(words):
        for n in range(min(lex.legal_longest, len(words) - i), 0, -1):
            canonical = lex.legal.get(tuple(words[i : i + n]))
            # a one-letter "legal form" only counts at the end of a name (S.A., not "A Company")
            if canonical and (n > 1 or len(words[i]) > 1) and (i > 0 or n < len(words)):
                tokens.append(_token(canonical, LEGAL))
                i += n
                break
        else:
            w = words[i]
            if w.isdigit():
                tokens.append(_token(w, NUMBER))
            elif w in lex.particles and len(words) > 1:
                tokens.append(_token(w, PARTICLE))
            elif w in lex.titles and len(words) > 2:
                pass
            else:
                tokens.append(_token(w, NAME))
            i += 1
    unique: list[NameToken] = []
    for t in tokens:
        # a word written twice in a row ("Sergey Sergey Shoigu") counts once
        if unique and t.role in (NAME, ORGWORD) and unique[-1].text == t.text:
            continue
        unique.append(t)
    return NormalisedName(name, tuple(unique))


_WORD = re.compile(r"[^\W\d_]+")


def text_words(text: str) -> list[str]:
    """Running text as name tokens (transliterated, lower case, split like a name, in order).

    A listed name's tokens found one after another in them (:func:`normalise`) is the name named
    in the text.
    """
    return [_fix_token(w) for w in _split(_transliterate(text))]


def lower_case_words(text: str) -> set[str]:
    """The words ``text`` writes in lower case (``defence`` in "air defence"), as name tokens.

    A word that running text writes in lower case is a common word, not a name: one a name shares
    with many other things (``Ministry of Defence``).
    """
    out: set[str] = set()
    for w in {m.group(0) for m in _WORD.finditer(text)}:
        if w.islower():
            out.update(_split(w if w.isascii() else _transliterate(w)))
    return out


def same_particle(a: str, b: str) -> bool:
    groups = lexicon().particle_group
    return a == b or (a in groups and groups.get(a) == groups.get(b))
