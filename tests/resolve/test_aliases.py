"""The alias table: names the field's references give one actor join across documents (kinds
permitting); a short acronym only where its document corroborates it; the table is compiled from
named sources and rebuilds to the same file (``newsgraph.resolve.aliases``, ``scripts/build_aliases.py``)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from newsgraph.resolve import aliases
from newsgraph.resolve.explain import actor_details
from newsgraph.resolve.forms import form
from newsgraph.store import Store
from newsgraph.store.actors import actor_links
from tests.actor_records import Doc, save

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "aliases.db") as s:
        yield s


def actor_of(store: Store, doc_id: str, entity_id: str = "e1") -> int | None:
    with store.engine.connect() as conn:
        return conn.execute(
            select(actor_links.c.actor_id).where(actor_links.c.doc_id == doc_id, actor_links.c.entity_id == entity_id)
        ).scalar_one_or_none()


def alone(doc_id: str, name: str, kind: str = "group") -> Doc:
    d = Doc(doc_id, f"Officials said {name} was active on {doc_id}.")
    d.entity(name, kind)
    return d


@pytest.mark.parametrize(
    "names",
    [
        ["Islamic State", "Isis", "Isil", "Daesh", "Islamic State of Iraq and the Levant", "ISIS"],
        ["OPCW", "Organisation for the Prohibition of Chemical Weapons"],
        ["Kurdistan Workers' Party", "Kurdistan Workers Party", "Kongra-Gel"],
    ],
)
def test_names_of_one_row_are_one_actor_across_documents(store: Store, names: list[str]) -> None:
    save(store, *(alone(f"d{i}", n) for i, n in enumerate(names)))
    assert len({actor_of(store, f"d{i}") for i in range(len(names))}) == 1


def test_an_alias_link_says_which_row_and_sources_joined_it(store: Store) -> None:
    save(store, alone("d1", "Islamic State"), alone("d2", "Daesh"))
    details = actor_details(store.engine, actor_of(store, "d2") or 0)
    link = next(x for x in details.links if x["name"] == "Daesh")
    assert link["method"] == "alias"
    assert "alias table" in link["reason"] and "curated:armed_groups" in link["reason"]


@pytest.mark.parametrize(
    ("acronym", "full", "text"),
    [
        ("PKK", "Kurdistan Workers' Party", "the Kurdistan Workers’ party (PKK), which"),
        ("YPG", "People's Protection Units", "the People’s Protection Units (YPG), which"),
    ],
)  # (a mixed-case acronym whose small letters are particles, LeT, joins by its letters: see test_resolve)
def test_a_short_acronym_joins_its_row_only_where_its_document_corroborates_it(
    store: Store, acronym: str, full: str, text: str
) -> None:
    save(store, alone("d1", acronym), alone("d2", full))
    assert actor_of(store, "d1") != actor_of(store, "d2")  # letters alone stand for many things
    both = Doc("d3", f"Officials blamed {text} denied it.")
    both.entity(acronym, "group")  # the NER split the name: the text corroborates the acronym
    save(store, both)
    assert actor_of(store, "d3") == actor_of(store, "d2") == actor_of(store, "d1")


def test_a_fragment_of_a_listed_name_joins_the_name_its_text_holds(store: Store) -> None:
    save(store, alone("d1", "Kurdistan Workers' Party"))
    d = Doc("d2", "Turkey fights the Kurdistan Workers’ party (PKK), it says.")
    d.entity("Workers", "organization")
    d.entity("PKK", "group")
    save(store, d)
    assert actor_of(store, "d2", "e1") == actor_of(store, "d2", "e2") == actor_of(store, "d1")


def test_an_alias_joins_no_actor_of_another_kind(store: Store) -> None:
    save(store, alone("d1", "Islamic State"), alone("d2", "Isis", "person"))
    assert actor_of(store, "d1") != actor_of(store, "d2")


def test_two_actors_found_to_be_one_by_the_table_are_merged(store: Store) -> None:
    save(store, alone("d1", "Isis"), alone("d2", "Al-Nusra Front"))
    both = Doc("d3", "Isis, also called Daesh, fought on.")
    both.entity("Daesh", "group", "Isis")
    save(store, both)
    assert actor_of(store, "d3") == actor_of(store, "d1") != actor_of(store, "d2")


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("Daesh", "islamic-state"),
        ("Islamic State in Iraq and the Levant", "islamic-state"),
        ("Kurdistan Workers’ Party", "kurdistan-workers-party"),
        ("People's Protection Units", "peoples-protection-units"),
        ("Lashkar-e-Tayyiba", "lashkar-tayyiba"),
        ("Organisation for the Prohibition of Chemical Weapons", "organisation-prohibition-chemical-weapons"),
    ],
)
def test_the_table_gives_the_rows_analysts_follow(name: str, row: str) -> None:
    assert aliases.name_groups(form(name)) == (row,)


@pytest.mark.parametrize(("acronym", "row"), [("PKK", "kurdistan-workers-party"), ("YPG", "peoples-protection-units"),
                                              ("LeT", "lashkar-tayyiba"), ("UN", "united-nations")])  # fmt: skip
def test_short_acronyms_are_kept_apart_for_corroboration(acronym: str, row: str) -> None:
    assert aliases.name_groups(form(acronym)) == ()
    assert row in aliases.acronym_groups(form(acronym))


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("Ministry of Defence", None),  # the DPRK's on the UN list: every country has one
        ("Interior Ministry", None),
        ("Khaled Meshaal", "hamas"),  # Phoenix files a leader under his group's code
        ("Al-Aqsa Foundation", "hamas"),  # and a charity it funds
        ("Islamic Jihad", "hizballah"),  # a list gives Hizballah a name the Palestinian group goes by
    ],
)
def test_generic_names_people_and_coded_neighbours_are_no_names_of_a_row(name: str, row: str | None) -> None:
    groups = aliases.name_groups(form(name))
    assert (not groups) if row is None else row not in groups


def test_every_row_names_its_sources() -> None:
    rows = aliases.table().groups.values()
    assert len(rows) > 300
    for g in rows:
        assert g.names and g.sources
        assert all(s.split(":")[0] in {"curated", "un", "ofac", "phoenix-mnsa", "phoenix-intl", "phoenix-ctry"}
                   for s in g.sources)  # fmt: skip
    text = (ROOT / "newsgraph" / "data" / "aliases.tsv").read_text(encoding="utf-8")
    assert "MIT" in text.split("\n# id")[0] and (ROOT / "newsgraph" / "data" / "aliases.md").exists()


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data" / "events").exists(), reason="../shared/data is absent")
def test_the_committed_table_is_what_the_script_builds(tmp_path: Path) -> None:
    out = tmp_path / "aliases.tsv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_aliases.py"), "--shared", str(SHARED), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8") == (ROOT / "newsgraph" / "data" / "aliases.tsv").read_text(encoding="utf-8")
