"""The name matcher on hand-made pairs, and screening against the real UN and OFAC lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.store.watchlist import Alias, WatchlistEntry
from newsgraph.watchlist.matcher import MATCH_THRESHOLD, compare
from newsgraph.watchlist.screen import Screener

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "sanctions"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Lashkar-e-Taiba", "Lashkar-i-Tayyiba"),
        ("Jaish-e-Mohammad", "JAISH-I-MOHAMMED"),
        ("Muhammad bin Salman", "Mohammed bin Salman"),
        ("Putin, Vladimir", "Vladimir Putin"),
        ("SergeiLavrov", "Sergei Lavrov"),
        ("Usama bin Ladin", "Osama bin Laden"),
        ("Владимир Путин", "Vladimir Putin"),
        ("Vodafone Limited", "Vodafone Ltd"),
        ("vanderbilt corp", "van der bilt corp"),
    ],
)
def test_variants_of_one_name_match(left: str, right: str) -> None:
    assert compare(left, right).score >= MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Lashkar-e-Jhangvi", "Lashkar-e-Tayyiba"),
        ("Imran Khan", "Muhammad Ahmed Khan"),
        ("Barack Obama", "George Hussein Onyango Obama"),
        ("Friedrich Lindenberg", "Wolfgang Friedrich Ischinger"),
        ("Sergey Ivanov", "Sergey Viktorovich Lavrov"),
        ("ABDUL KABIR ABDUL JAN", "ABDUL KABIR MOHAMMAD JAN"),
    ],
)
def test_different_names_stay_under_the_match_threshold(left: str, right: str) -> None:
    assert compare(left, right).score < MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("acronym", "name"), [("LeT", "Lashkar-e-Taiba"), ("JeM", "Jaish-i-Mohammed"), ("PLA", "People's Liberation Army")]
)
def test_acronyms_match_the_initials(acronym: str, name: str) -> None:
    c = compare(acronym, name)
    assert c.method == "acronym" and c.score >= MATCH_THRESHOLD
    assert "initials" in c.explain()


@pytest.mark.parametrize(("left", "right"), [("Lashkar-e-Taiba", "LASHKAR E-TAYYIBA")])
def test_explanation_names_the_aligned_tokens(left: str, right: str) -> None:
    explanation = compare(left, right).explain()
    assert "lashkar=lashkar" in explanation and "taiba~tayyiba (phonetic" in explanation


FRONT = WatchlistEntry("t", "T-1", "HARAKAT-UL-FARZI", "organization", aliases=(Alias("HuF"),), countries=("Pakistan",))
FIRM = WatchlistEntry("t", "T-2", "FARZI TRADING COMPANY", "organization", countries=("Iran",))
PERSON = WatchlistEntry("t", "T-3", "AMIR FARZI", "person", aliases=(Alias("Abu Amir", "low"),))


@pytest.mark.parametrize("entries", [[FRONT, FIRM, PERSON]])
def test_screener_ranks_and_uses_evidence(entries: list[WatchlistEntry]) -> None:
    screener = Screener(entries)
    assert screener.screen("Harakat ul Farzi")[0].entry.entry_id == "T-1"
    assert screener.screen("HuF")[0].entry.entry_id == "T-1"
    person = screener.screen("Amir Farzi", kind="person")[0]
    assert person.entry.entry_id == "T-3" and person.score == pytest.approx(1.0)
    as_org = screener.screen("Amir Farzi", kind="organization")
    assert all("type differs" in h.explain() for h in as_org if h.entry.entry_id == "T-3")
    weak = screener.screen("Abu Amir")[0]
    assert weak.entry.entry_id == "T-3" and "weak alias" in weak.explain() and weak.score < 1.0


@pytest.fixture(scope="module")
def real_screener() -> Screener:
    if not SHARED.exists():
        pytest.skip("../shared/data/sanctions is absent")
    from newsgraph.watchlist.sources import read_lists

    return Screener([e for lst in read_lists(sorted(SHARED.iterdir())) for e in lst.entries])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lashkar-e-Taiba", {("un", "QDe.118"), ("ofac", "7140")}),
        ("LeT", {("un", "QDe.118"), ("ofac", "7140")}),
        ("Jaish-e-Mohammad", {("un", "QDe.019"), ("ofac", "6935")}),
        ("JeM", {("un", "QDe.019"), ("ofac", "6935")}),
        ("Hamas", {("ofac", "4695")}),
    ],
)
def test_real_lists_put_the_right_entries_on_top(
    real_screener: Screener, name: str, expected: set[tuple[str, str]]
) -> None:
    hits = real_screener.screen(name, limit=len(expected))
    assert {(h.entry.list, h.entry.entry_id) for h in hits} == expected
    assert all(h.score >= MATCH_THRESHOLD for h in hits)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "not_entries"), [("Lashkar-e-Jhangvi", {("un", "QDe.118"), ("ofac", "7140")})])
def test_real_lists_jhangvi_is_not_taiba(real_screener: Screener, name: str, not_entries: set[tuple[str, str]]) -> None:
    hits = real_screener.screen(name, threshold=0.0, limit=50)
    assert hits[0].entry.name.upper().replace("-", " ").startswith("LASHKAR")
    assert all(h.score < MATCH_THRESHOLD for h in hits if (h.entry.list, h.entry.entry_id) in not_entries)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "listed"), [("Imran Khan", "Muhammad Ahmed Khan")])
def test_real_lists_imran_khan_is_not_muhammad_ahmed_khan(real_screener: Screener, name: str, listed: str) -> None:
    assert compare(name, listed).score < MATCH_THRESHOLD
    assert not [
        h for h in real_screener.screen(name, threshold=MATCH_THRESHOLD) if "AHMED KHAN" in h.entry.name.upper()
    ]


BOUND_NAMES = [
    "Lashkar-e-Taiba",
    "LASHKAR E-TAYYIBA",
    "LeT",
    "Lashkar-e-Jhangvi",
    "Al Qaida",
    "Alqaida",
    "al-Qa'ida in the Islamic Maghreb",
    "Imran Khan",
    "Muhammad Ahmed Khan",
    "Mohammed bin Salman",
    "Sergei Lavrov",
    "SergeiLavrov",
    "Vodafone Ltd",
    "Vodafone Limited",
    "van der bilt corp",
    "44 Group",
    "J. Smith",
    "Tony Blair",
    "Blair",
    "People's Liberation Army",
    "PLA",
]


@pytest.mark.parametrize("names", [BOUND_NAMES])
def test_score_bound_is_never_below_the_score(names: list[str]) -> None:
    from newsgraph.watchlist.bound import Bounds
    from newsgraph.watchlist.matcher import compare_normalised
    from newsgraph.watchlist.normalise import normalise

    parsed = [normalise(n) for n in names]
    bounds = Bounds(parsed)
    rows = list(range(len(parsed)))
    for left in parsed:
        for acronyms in (True, False):
            for right, bound in zip(parsed, bounds.scores(left, rows, [acronyms] * len(rows)), strict=True):
                assert bound >= compare_normalised(left, right, acronyms=acronyms).score - 1e-12, (left, right)
    # and the bound does rule names out
    listed = Bounds([normalise("Sergei Lavrov"), normalise("Tony Khalil")])
    assert all(b < 0.5 for b in listed.scores(normalise("Tony Blair"), [0, 1], [True, True]))


@pytest.mark.parametrize("names", [BOUND_NAMES])
def test_similarity_matrix_is_token_similarity(names: list[str]) -> None:
    from newsgraph.watchlist.bound import similarity_matrix
    from newsgraph.watchlist.matcher import token_similarity
    from newsgraph.watchlist.normalise import normalise

    tokens = list({t for n in names for t in normalise(n).tokens})
    matrix = similarity_matrix(tokens, tokens)
    assert [[float(x) for x in row] for row in matrix] == [[token_similarity(a, b)[0] for b in tokens] for a in tokens]
