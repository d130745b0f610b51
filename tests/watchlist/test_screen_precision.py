"""Screening precision: which name matches of stored actors become hits (``watchlist/corroborate.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.store.extractions import NamingDocument
from newsgraph.store.watchlist import Alias, WatchlistEntry
from newsgraph.watchlist.corroborate import Judgement, ListWords, common_words, judge, names_around
from newsgraph.watchlist.matcher import MATCH_THRESHOLD
from newsgraph.watchlist.screen import Screener

ENTRIES = [
    WatchlistEntry("t", "T-1", "JAYSH AL-ADL", "organization", aliases=(Alias("ARMY OF GOD"),), countries=("Iran",)),
    WatchlistEntry(
        "t",
        "T-2",
        "MINISTRY OF NATIONAL DEFENCE",
        "organization",
        regime="DPRK",
        aliases=(Alias("MINISTRY OF DEFENCE"),),
        countries=("Democratic People's Republic of Korea",),
    ),
    WatchlistEntry("t", "T-3", "AL-ASSAD, Bashar", "person", nationalities=("Syria",)),
    WatchlistEntry("t", "T-4", "AL-ASSAD, Bushra", "person", nationalities=("Syria",)),
    WatchlistEntry("t", "T-5", "ARGO I", "vessel", aliases=(Alias("CHRISTINA"),)),
    WatchlistEntry("t", "T-6", "SERCUBA", "organization", countries=("Cuba",)),
    WatchlistEntry("t", "T-7", "SYRIAN AIR FORCE", "organization", countries=("Syria",)),
    WatchlistEntry(
        "t", "T-8", "AL-NUSRAH FRONT", "organization", aliases=(Alias("HAY'AT TAHRIR AL-SHAM"), Alias("HTS", "low"))
    ),
    WatchlistEntry("t", "T-9", "LAHBOUS, Mohamed", "person", aliases=(Alias("Hassan"),)),
    WatchlistEntry("t", "T-10", "AL-TIKRITI, Saddam Hussein", "person", aliases=(Alias("HUSSEIN, Saddam"),)),
    WatchlistEntry("t", "T-11", "AL-TIKRITI, Uday Saddam Hussein", "person", aliases=(Alias("HUSSEIN, Udai Saddam"),)),
    WatchlistEntry("t", "T-12", "KURDISTAN WORKERS' PARTY", "organization", aliases=(Alias("PKK"),)),
    WatchlistEntry(
        "t", "T-13", "ISLAMIC STATE OF IRAQ AND THE LEVANT", "organization", aliases=(Alias("AL-TAWHID"), Alias("ISIS"))
    ),
    WatchlistEntry("t", "T-14", "SAFFRON DAWN", "vessel", aliases=(Alias("PATRIOT"),)),
    WatchlistEntry("t", "T-15", "AL-JUBOURI, Ahmad Abdullah", "person", aliases=(Alias("Abu Mazen", "low"),)),
    WatchlistEntry("t", "T-16", "MOHAMMAD AFZAL, Rahmatullah", "person", nationalities=("Afghanistan",)),
    WatchlistEntry(
        "t",
        "T-17",
        "INFRASTRUCTURE PROJECTS MANAGEMENT",
        "organization",
        aliases=(Alias("UKIP", "low"),),
        countries=("Ukraine",),
    ),
    WatchlistEntry("t", "T-18", "EMMA LLC", "organization", countries=("Syria",)),
]
NEWS = [
    "Air defence systems were moved north, the defence ministry said.",
    "Spending on defence rose again; the ministry's defence budget is public.",
]
"""Texts that write ``defence`` and ``ministry`` in lower case: common words, as in real news."""


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ENTRIES)


def doc(text: str, *countries: str) -> NamingDocument:
    return NamingDocument("d1", text, tuple(countries))


def judged(screener: Screener, name: str, kind: str, *documents: NamingDocument) -> list[Judgement]:
    """The matches of ``name``, screened without its kind (the kind is for :func:`judge` to weigh)."""
    hits = screener.screen(name, threshold=MATCH_THRESHOLD)
    return judge(name, kind, hits, ListWords.of(screener), common_words(NEWS), list(documents))


def kept(judgements: list[Judgement]) -> set[str]:
    return {j.hit.entry.entry_id for j in judgements if j.kept}


def reasons(judgements: list[Judgement]) -> dict[str, str]:
    return {j.hit.entry.entry_id: j.reason for j in judgements}


@pytest.mark.parametrize(("name", "kind", "entry"), [("Christians", "group", "T-5"), ("Patriot", "person", "T-14")])
def test_kinds_must_agree(screener: Screener, name: str, kind: str, entry: str) -> None:
    found = judged(screener, name, kind, doc(f"{name} were there."))
    assert entry in reasons(found) and not kept(found)
    assert reasons(found)[entry].startswith("kinds differ")


@pytest.mark.parametrize("text", ["AG said on Monday it had fired the shots."])
def test_an_acronym_read_from_initials_needs_the_full_name(screener: Screener, text: str) -> None:
    alone = judged(screener, "AG", "organization", doc(text, "IR"))
    assert "T-1" in reasons(alone) and "T-1" not in kept(alone)  # the country is not enough for a guess
    named = judged(screener, "AG", "organization", doc("The Army of God (AG) said it had fired the shots."))
    assert "T-1" in kept(named)
    hit = next(j.hit for j in named if j.kept)
    assert "ARMY OF GOD" in hit.explain() and "named in d1" in hit.explain()


@pytest.mark.parametrize(("name", "elsewhere", "home"), [("Ministry of Defence", "GB", "KP")])
def test_a_generic_name_needs_the_entry_country(screener: Screener, name: str, elsewhere: str, home: str) -> None:
    uk = judged(screener, name, "organization", doc(f"The {name} said the jets were British.", elsewhere))
    assert not kept(uk) and "generic" in reasons(uk)["T-2"]
    dprk = judged(screener, name, "organization", doc(f"The {name} in Pyongyang said so.", home))
    assert kept(dprk) == {"T-2"}
    hit = next(j.hit for j in dprk if j.kept)
    assert "via alias 'MINISTRY OF DEFENCE'" in hit.explain() and f"country {home}" in hit.explain()


@pytest.mark.parametrize(
    ("name", "entry", "qualifier"), [("Air Force", "T-7", "syrian"), ("Workers' Party", "T-12", "kurdistan")]
)
def test_a_listed_qualifier_must_be_named(screener: Screener, name: str, entry: str, qualifier: str) -> None:
    found = judged(screener, name, "organization", doc(f"The {name} said so.", "SY", "TR"))
    assert not kept(found)
    assert qualifier in reasons(found)[entry]


@pytest.mark.parametrize(
    ("name", "kind", "other"), [("Bashar al-Assad", "person", "T-4"), ("Saraqeb", "organization", "T-6")]
)
def test_same_consonants_other_vowels_are_other_names(screener: Screener, name: str, kind: str, other: str) -> None:
    assert other not in {h.entry.entry_id for h in screener.screen(name, threshold=MATCH_THRESHOLD)}


@pytest.mark.parametrize("name", ["HTS"])
def test_a_short_listed_acronym_needs_another_name_of_the_entry(screener: Screener, name: str) -> None:
    alone = judged(screener, name, "group", doc(f"{name} fighters moved in."))
    assert "T-8" in reasons(alone) and not kept(alone)
    named = judged(screener, name, "group", doc(f"Hayat Tahrir al-Sham ({name}) fighters moved in."))
    assert kept(named) == {"T-8"}


@pytest.mark.parametrize("name", ["Hassan Hassan"])
def test_a_person_named_by_one_word_needs_another_name(screener: Screener, name: str) -> None:
    found = judged(screener, name, "person", doc(f"{name}, an analyst, said so.", "SY"))
    assert "T-9" in reasons(found) and not kept(found)
    named = judged(screener, name, "person", doc(f"{name} spoke of Mohamed Lahbous."))
    assert kept(named) == {"T-9"}


@pytest.mark.parametrize("name", ["Saddam Hussein"])
def test_an_exact_match_explains_a_weaker_one(screener: Screener, name: str) -> None:
    found = judged(screener, name, "person")
    assert kept(found) == {"T-10"}
    assert reasons(found)["T-11"].startswith("explained by a better match: t T-10")


@pytest.mark.parametrize("holders", [40])
def test_names_common_on_the_lists_need_corroboration(holders: int) -> None:
    def surname(k: int) -> str:
        return "Q" + "".join(chr(97 + (k // 26**i) % 26) for i in range(3)) + "var"

    fillers = [WatchlistEntry("f", f"F-{k}", f"{surname(k)}, Ahmad Ali", "person") for k in range(holders)]
    rare = [WatchlistEntry("f", "X", "ALI, Ahmad", "person"), WatchlistEntry("f", "Y", "KOTEY, Alexanda", "person")]
    for listed, expected in ((rare, {"X"}), ([*fillers, *rare], set())):
        found = judged(Screener(listed), "Ahmad Ali", "person", doc("Ahmad Ali said so."))
        assert kept(found) == expected
    assert "common on the lists" in reasons(found)["X"]
    assert kept(judged(Screener([*fillers, *rare]), "Alexanda Kotey", "person")) == {"Y"}


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("The attack by Ansar al-Tawhid fighters killed 21.", "Ansar al-Tawhid"),
        ("It is led by al-Tawhid (AT), officials said.", "AT"),
    ],
)
def test_a_name_cut_from_a_longer_one_is_no_hit(screener: Screener, text: str, inside: str) -> None:
    assert names_around("al-Tawhid", [doc(text)]) == ([inside], False)
    found = judged(screener, "al-Tawhid", "group", doc(text))
    assert not kept(found) and "inside another name" in reasons(found)["T-13"]
    assert kept(judged(screener, "al-Tawhid", "group", doc("Yesterday al-Tawhid claimed the attack."))) == {"T-13"}


@pytest.mark.parametrize("text", ["Lebanese al-Tawhid fighters and the Syria's al-Tawhid units; al-Tawhid said."])
def test_a_demonym_or_country_before_a_name_is_no_longer_name(text: str) -> None:
    assert names_around("al-Tawhid", [doc(text)]) == ([], True)


@pytest.mark.parametrize(
    "actors", [[("AG", "organization"), ("Hassan Hassan", "person"), ("Army of God", "organization")]]
)
def test_screen_actors_stores_only_judged_hits_with_their_reasons(
    tmp_path: Path, actors: list[tuple[str, str]]
) -> None:
    from sqlalchemy import insert, select

    from newsgraph.store import Store, schema
    from newsgraph.store.watchlist import ensure_tables, watchlist_hits
    from newsgraph.watchlist.actors import screen_actors

    text = "AG said the Army of God would fight. Hassan Hassan, an analyst, disagreed."
    with Store.open(str(tmp_path / "s.db")) as store:
        ensure_tables(store.engine)
        with store.engine.begin() as conn:
            conn.execute(
                insert(schema.documents).values(
                    id="d1", key="d1", content_hash="h", version=1, current=True, text=text, words=14, ingested_at="x"
                )
            )
            for k, (name, kind) in enumerate(actors):
                conn.execute(
                    insert(schema.entities).values(
                        doc_id="d1", id=f"E{k}", name=name, kind=kind, aliases=[], mentions=[], attributes={}
                    )
                )
        found = screen_actors(store.engine, Screener(ENTRIES), threshold=MATCH_THRESHOLD)
        with store.engine.connect() as conn:
            rows = conn.execute(select(watchlist_hits.c.actor, watchlist_hits.c.explanation)).all()
    assert {(f.actor.name, f.hit.entry.entry_id) for f in found} == {("AG", "T-1"), ("Army of God", "T-1")}
    explanation = dict(rows)["AG"]
    assert "via alias 'ARMY OF GOD'" in explanation and "corroborated: 'ARMY OF GOD' is named in d1" in explanation


@pytest.mark.parametrize(
    ("name", "entry", "reason"),
    [
        ("Abu Mazen", "T-15", "one name of the person"),  # a kunya: Abu is no name
        ("Mohammad Afzal", "T-16", "only the family name matches"),  # MOHAMMAD AFZAL, Rahmatullah
    ],
)
def test_a_kunya_or_a_family_name_alone_needs_another_name(
    screener: Screener, name: str, entry: str, reason: str
) -> None:
    found = judged(screener, name, "person", doc(f"{name} said so.", "PS", "AF"))
    assert entry in reasons(found) and not kept(found)
    assert reason in reasons(found)[entry]


@pytest.mark.parametrize("name", ["UKIP"])
def test_one_word_the_list_calls_weak_needs_another_name(screener: Screener, name: str) -> None:
    found = judged(screener, name, "organization", doc(f"{name} asked about Ukraine.", "GB", "UA"))
    assert not kept(found) and "weak alias" in reasons(found)["T-17"]


@pytest.mark.parametrize(("countries", "expected"), [(("GB",), set()), ((), {"T-18"}), (("GB", "SY"), {"T-18"})])
def test_one_distinctive_word_must_agree_with_the_entry_country(
    screener: Screener, countries: tuple[str, ...], expected: set[str]
) -> None:
    assert kept(judged(screener, "Emma", "organization", doc("Emma said so.", *countries))) == expected
