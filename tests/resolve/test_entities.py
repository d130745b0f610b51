"""Names kept apart unless the evidence joins them: a partial name joins the fuller name its own
document gives, never a fuller name elsewhere by itself; generic heads and modifiers never join;
what the text does not name as an actor (the outlet, a demonym, a platform used as a medium) is no
actor at all (``newsgraph.resolve.entities``, ``newsgraph.resolve.decide``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from newsgraph.resolve import resolve_documents
from newsgraph.store import Store
from newsgraph.store.actors import actor_links, actors
from tests.actor_records import Doc, save


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "resolve.db") as s:
        yield s


def actor_of(store: Store, doc_id: str, entity_id: str) -> int | None:
    with store.engine.connect() as conn:
        return conn.execute(
            select(actor_links.c.actor_id).where(actor_links.c.doc_id == doc_id, actor_links.c.entity_id == entity_id)
        ).scalar_one_or_none()


def actor_names(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(select(actors.c.name)))


def aliases_of(store: Store, actor_id: int | None) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(actors.c.aliases).where(actors.c.id == actor_id)).scalar_one())


def save_typed(store: Store, doc: Doc, types: dict[str, str]) -> None:
    """Store ``doc`` with the mentions written as in ``types`` given that mention type (NORP ...)."""
    x = doc.extraction()
    mentions = tuple(replace(m, type=types.get(m.text, m.type)) for m in x.mentions)
    saved = store.save_many([replace(x, mentions=mentions)])
    resolve_documents(store.engine, [s.id for s in saved])


@pytest.mark.parametrize("short", ["Assad", "Bashar"])
def test_a_single_name_joins_the_full_name_of_its_own_document(store: Store, short: str) -> None:
    docs = []
    for i in range(4):
        d = Doc(f"d{i}", f"Bashar al-Assad spoke on day {i}. Later {short} met his generals.")
        d.entity("Bashar al-Assad", "person")
        d.entity(short, "person")
        docs.append(d)
    save(store, *docs)
    ids = {actor_of(store, f"d{i}", e) for i in range(4) for e in ("e1", "e2")}
    assert len(ids) == 1
    assert actor_names(store) == ["Bashar al-Assad"]


def test_a_single_name_with_two_full_names_in_its_document_joins_neither(store: Store) -> None:
    d = Doc("d1", "Hafez al-Assad ruled before Bashar al-Assad. Assad was feared.")
    d.entity("Hafez al-Assad", "person")
    d.entity("Bashar al-Assad", "person")
    d.entity("Assad", "person")
    save(store, d)
    assert actor_of(store, "d1", "e3") not in {actor_of(store, "d1", "e1"), actor_of(store, "d1", "e2")}


@pytest.mark.parametrize(
    ("full", "short", "short_kind", "joined"),
    [
        ("Donald Trump", "Trump", "organization", True),  # the NER's 'organisation' is the surname
        ("Donald Trump", "Trump Foundation", "organization", False),
        ("Recep Tayyip Erdoğan", "Erdoğan", "person", True),
        ("Recep Tayyip Erdoğan", "Tayyip Erdoğan", "person", True),
        ("Syrian Democratic Forces", "Democratic Forces", "group", True),
        ("People's Protection Units", "Protection Units", "organization", True),
        ("Hamas political bureau", "Hamas", "group", False),
        ("Library of Congress", "Congress", "organization", False),
    ],
)
def test_a_partial_name_in_a_document_stands_for_its_fuller_name(
    store: Store, full: str, short: str, short_kind: str, joined: bool
) -> None:
    full_kind = "person" if full.startswith(("Donald", "Recep")) else "group"
    d = Doc("d1", f"{full} said on Monday that {short} would act.")
    d.entity(full, full_kind)
    d.entity(short, short_kind)
    save(store, d)
    assert (actor_of(store, "d1", "e1") == actor_of(store, "d1", "e2")) is joined


def test_a_single_name_never_joins_a_full_name_of_another_document_by_itself(store: Store) -> None:
    full = Doc("d1", "Bashar al-Assad spoke.")
    full.entity("Bashar al-Assad", "person")
    alone = [Doc(f"a{i}", f"Assad was mentioned on day {i}.") for i in range(3)]
    for d in alone:
        d.entity("Assad", "person")
    save(store, full, *alone)
    assert actor_of(store, "a0", "e1") != actor_of(store, "d1", "e1")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Brett McGurk", "Brett"), ("Barrett",)),
        (("Omar al-Bashir", "Bashir"), ("Bashar",)),
        (("Hassan Hassan",), ("Tarik Hassane", "Hassane")),
        (("Tarik Hassane", "Hassane"), ("Hassan",)),
    ],
)
def test_single_names_that_sound_alike_or_are_given_names_join_no_one(
    store: Store, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    a = Doc("d1", f"{' and '.join(first)} spoke for the Tehreek Welfare Trust.")
    a.entity(first[0], "person", *first[1:], nationality="US")
    a.entity("Tehreek Welfare Trust", "organization")
    b = Doc("d2", f"{' and '.join(second)} also spoke for the Tehreek Welfare Trust.")
    b.entity(second[0], "person", *second[1:], nationality="US")
    b.entity("Tehreek Welfare Trust", "organization")
    save(store, a, b)
    assert actor_of(store, "d1", "e1") != actor_of(store, "d2", "e1")


def test_a_one_word_name_of_no_person_kind_merges_no_two_people(store: Store) -> None:
    a = Doc("d1", "Woody Johnson met the envoy.")
    a.entity("Woody Johnson", "person", "Johnson")
    b = Doc("d2", "Boris Johnson met the envoy.")
    b.entity("Boris Johnson", "person", "Johnson")
    c = Doc("d3", "Johnson was there too.")
    c.entity("Johnson", "other")
    save(store, a, b, c)
    assert actor_of(store, "d1", "e1") != actor_of(store, "d2", "e1")


@pytest.mark.parametrize(
    ("first", "second"),
    [("Defense Department", "Justice Department"), ("Department", "Justice Department"), ("Army", "Army")],
)
def test_a_generic_head_never_joins_by_itself(store: Store, first: str, second: str) -> None:
    a = Doc("d1", f"The {first} said so on Monday.")
    a.entity(first, "organization")
    b = Doc("d2", f"The {second} said so on Tuesday.")
    b.entity(second, "organization")
    save(store, a, b)
    assert actor_of(store, "d1", "e1") != actor_of(store, "d2", "e1")


def test_titles_are_dropped_from_people_only(store: Store) -> None:
    a = Doc("d1", "President Trump spoke. Donald Trump left.")
    a.entity("Donald Trump", "person", "President Trump")
    b = Doc("d2", "The Foreign Office said so.")
    b.entity("Foreign Office", "organization")
    c = Doc("d3", "The Home Office said so.")
    c.entity("Home Office", "organization")
    save(store, a, b, c)
    assert actor_of(store, "d2", "e1") != actor_of(store, "d3", "e1")
    assert aliases_of(store, actor_of(store, "d1", "e1")) == {"Donald Trump", "Trump"}


def test_the_outlet_is_an_actor_only_where_its_text_names_it(store: Store) -> None:
    from newsgraph.records import Entity

    plain = Doc("d1", "Officials met in Ankara.", source="The Guardian")
    plain.entity("Ankara", "place", country="TR", feature="PPLC")
    x = plain.extraction()
    x = replace(x, entities=(*x.entities, Entity("e2", "The Guardian", "media")))  # as the extraction adds it
    saved = store.save_many([x])
    resolve_documents(store.engine, [s.id for s in saved])
    assert actor_of(store, "d1", "e2") is None
    named = Doc("d2", "An official told the Guardian so.")
    named.entity("The Guardian", "media", "Guardian")
    save(store, named)
    assert actor_of(store, "d2", "e1") is not None


def test_demonyms_make_no_name_and_join_nothing(store: Store) -> None:
    us = Doc("d1", "The US and American officials met.")
    us.entity("US", "state", "American", country="US", feature="PCLI")
    save_typed(store, us, {"American": "NORP"})
    assert aliases_of(store, actor_of(store, "d1", "e1")) == {"US"}
    british = Doc("d2", "British officials met.")
    british.entity("United Kingdom", "state", "British", country="GB", feature="PCLI")
    save_typed(store, british, {"British": "NORP", "United Kingdom": "NORP"})
    assert actor_of(store, "d2", "e1") is None
    pro = Doc("d3", "The pro-American forces met anti-American crowds in Palestine, where Palestinians live.")
    pro.entity("pro-American", "state", country="US", feature="PCLI")
    pro.entity("anti-American", "organization")
    pro.entity("Palestine", "state", "Palestinians", "pro-American", country="PS", feature="PCLI")
    save(store, pro)
    us_actor = actor_of(store, "d1", "e1")
    assert actor_of(store, "d3", "e1") is None and actor_of(store, "d3", "e2") is None
    assert actor_of(store, "d3", "e3") != us_actor
    assert "pro-American" not in aliases_of(store, actor_of(store, "d3", "e3"))


def test_a_name_with_a_modifier_in_front_is_the_name_without_it(store: Store) -> None:
    a = Doc("d1", "The pro-Iran Hizbullah Brigades fired.")
    a.entity("pro-Iran Hizbullah Brigades", "group")
    b = Doc("d2", "The Hizbullah Brigades fired.")
    b.entity("Hizbullah Brigades", "group")
    save(store, a, b)
    assert actor_of(store, "d1", "e1") == actor_of(store, "d2", "e1")


def test_a_state_put_in_a_town_is_not_the_country(store: Store) -> None:
    a = Doc("d1", "The United States said so.")
    a.entity("United States", "state", country="US", feature="PCLI")
    b = Doc("d2", "Palestine said so.")
    b.entity("Palestine", "state", country="US", feature="PPL")  # the geocoder's Palestine, Texas
    save(store, a, b)
    assert actor_of(store, "d1", "e1") != actor_of(store, "d2", "e1")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The minister said on Twitter that he would resign.", False),
        ("Trump took to Twitter to denounce the deal.", False),
        ("She said in a WhatsApp message that she was safe.", False),
        ("The attorney general filed a lawsuit against Facebook. Facebook failed to act.", True),
    ],
)
def test_a_platform_named_only_as_the_medium_is_no_actor(store: Store, text: str, actor: bool) -> None:
    name = next(p for p in ("Twitter", "WhatsApp", "Facebook") if p in text)
    d = Doc("d1", text)
    d.entity(name, "organization")
    save(store, d)
    assert (actor_of(store, "d1", "e1") is not None) is actor


def test_a_full_name_stands_for_no_one_by_its_own_alias(store: Store) -> None:
    d = Doc("d1", "Donald Trump said the Trump White House would act. Trump left.")
    d.entity("Donald Trump", "person", "Trump")
    d.entity("Trump White House", "person")  # the NER's label
    d.entity("Trump", "organization")
    save(store, d)
    assert actor_of(store, "d1", "e1") == actor_of(store, "d1", "e3") != actor_of(store, "d1", "e2")


def test_a_hyphenated_word_is_no_full_name_to_stand_for(store: Store) -> None:
    d = Doc("d1", "Rebels cut the Aleppo-Hama road near Hama.")
    d.entity("Aleppo-Hama", "person")  # both the NER's
    d.entity("Hama", "person")
    save(store, d)
    assert actor_of(store, "d1", "e1") != actor_of(store, "d1", "e2")
