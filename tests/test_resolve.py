"""Cross-document entity resolution: the same actor named differently is one actor, different
actors with similar names stay apart, one-word names need evidence, decisions are explained and
kept, and the work stays proportional to what is added."""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from newsgraph.network import find_actor
from newsgraph.resolve import rebuild, record_merge, record_split, resolve_documents, resolve_pending
from newsgraph.resolve.explain import actor_details
from newsgraph.store import Store
from newsgraph.store.actors import actor_decisions, actor_links, actors
from tests.actor_records import Doc, fresh_database, nexus_documents, save


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "resolve.db") as s:
        yield s


def one_entity_doc(doc_id: str, name: str, kind: str, *aliases: str, text: str | None = None, **kw: str) -> Doc:
    d = Doc(doc_id, text or f"Officials said {name} " + " ".join(f"({a})" for a in aliases) + " was active.")
    country = kw.pop("country", None)
    feature = kw.pop("feature", None)
    d.entity(name, kind, *aliases, country=country, feature=feature, **kw)
    return d


def actor_of(engine: Engine, doc_id: str, entity_id: str = "e1") -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(actor_links.c.actor_id).where(
                    actor_links.c.doc_id == doc_id, actor_links.c.entity_id == entity_id
                )
            ).scalar_one()
        )


def aliases_of(engine: Engine, actor_id: int) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(actors.c.aliases).where(actors.c.id == actor_id)).scalar_one())


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (["Lashkar-e-Taiba", "Lashkar-e-Tayyiba", "LeT", "Lashkar e Toiba"], "group"),
        (["Jaish-e-Mohammad", "Jaish-e-Muhammad", "JeM"], "group"),
        (["Mikhail Khodorkovsky", "Mihkail Khodorkovsky"], "person"),
    ],
)
def test_variants_of_one_name_become_one_actor_with_every_alias(store: Store, names: list[str], kind: str) -> None:
    save(store, *(one_entity_doc(f"d{i}", n, kind) for i, n in enumerate(names)))
    ids = {actor_of(store.engine, f"d{i}") for i in range(len(names))}
    assert len(ids) == 1
    assert aliases_of(store.engine, ids.pop()) >= set(names)


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("Lashkar-e-Jhangvi", "Lashkar-e-Taiba", "group"),
        ("Imran Khan", "Muhammad Ahmed Khan", "person"),
        ("Nawaz Sharif", "Shehbaz Sharif", "person"),
        ("BBC Radio 1", "BBC Radio 4", "organization"),
        ("Air Force", "Air Force One", "organization"),
        ("PLA", "Pakistan Labour Alliance", "organization"),
    ],
)
def test_different_actors_with_similar_names_stay_apart(store: Store, first: str, second: str, kind: str) -> None:
    save(store, one_entity_doc("d1", first, kind), one_entity_doc("d2", second, kind))
    assert actor_of(store.engine, "d1") != actor_of(store.engine, "d2")


@pytest.mark.parametrize("short", ["US", "USA", "America"])
def test_states_with_the_same_country_code_are_one_actor_but_the_capital_is_not(store: Store, short: str) -> None:
    save(
        store,
        one_entity_doc("d1", "United States", "state", country="US", feature="PCLI"),
        one_entity_doc("d2", short, "state", country="US", feature="PCLI"),
        one_entity_doc("d3", "Washington", "place", country="US", feature="PPLC"),
    )
    assert actor_of(store.engine, "d1") == actor_of(store.engine, "d2")
    assert actor_of(store.engine, "d3") != actor_of(store.engine, "d1")


@pytest.mark.parametrize(
    ("attributes", "joined"),
    [
        ({"role": "Prime Minister"}, True),
        ({"nationality": "PK"}, True),
        ({}, False),
        ({"nationality": "IN"}, False),
    ],
)
def test_a_one_word_name_joins_a_fuller_name_only_with_evidence(
    store: Store, attributes: dict[str, str], joined: bool
) -> None:
    full = one_entity_doc("d1", "Shehbaz Sharif", "person", role="Prime Minister", nationality="PK")
    short = one_entity_doc("d2", "Sharif", "person", **attributes)
    save(store, full, short)
    assert (actor_of(store.engine, "d1") == actor_of(store.engine, "d2")) is joined


@pytest.mark.parametrize("company", [True, False])
def test_two_mohammads_are_one_only_when_their_documents_share_company(store: Store, company: bool) -> None:
    first = Doc("d1", "Mohammad spoke for the Tehreek Welfare Trust at the rally.")
    first.entity("Mohammad", "person")
    first.entity("Tehreek Welfare Trust", "organization")
    second_text = (
        "Mohammad of the Tehreek Welfare Trust spoke again." if company else "Mohammad won the chess open in Riga."
    )
    second = Doc("d2", second_text)
    second.entity("Mohammad", "person")
    if company:
        second.entity("Tehreek Welfare Trust", "organization")
    else:
        second.entity("Riga", "place", country="LV", feature="PPLC")
    save(store, first, second)
    assert (actor_of(store.engine, "d1") == actor_of(store.engine, "d2")) is company


def test_a_one_word_name_matching_two_people_stays_apart_and_says_why(store: Store) -> None:
    save(
        store,
        one_entity_doc("d1", "Shehbaz Sharif", "person", nationality="PK"),
        one_entity_doc("d2", "Nawaz Sharif", "person", nationality="PK"),
        one_entity_doc("d3", "Sharif", "person", nationality="PK"),
    )
    alone = actor_of(store.engine, "d3")
    assert alone not in {actor_of(store.engine, "d1"), actor_of(store.engine, "d2")}
    details = actor_details(store.engine, alone)
    assert "ambiguous" in details.links[0]["reason"]


def test_in_document_aliases_link_an_acronym_to_its_full_name(store: Store) -> None:
    save(store, one_entity_doc("d1", "Board of Peace", "igo"))
    save(store, one_entity_doc("d2", "BOP", "igo"))  # a plain acronym alone is ambiguous
    assert actor_of(store.engine, "d2") != actor_of(store.engine, "d1")
    save(store, one_entity_doc("d3", "Board of Peace", "igo", "BOP"))  # ... until a text spells it out
    assert actor_of(store.engine, "d1") == actor_of(store.engine, "d2") == actor_of(store.engine, "d3")


def test_every_link_explains_itself(store: Store) -> None:
    save(store, *nexus_documents())
    let = find_actor(store.engine.connect(), "LeT")
    details = actor_details(store.engine, let.id)
    by_name = {x["name"]: x for x in details.links}
    assert by_name["Lashkar-e-Taiba"]["method"] == "new"
    assert by_name["Lashkar-e-Tayyiba"]["method"] == "similar"
    assert "tayyiba~taiba (phonetic" in by_name["Lashkar-e-Tayyiba"]["reason"]
    assert details.actor["aliases"].keys() >= {"Lashkar-e-Taiba", "LeT", "Lashkar-e-Tayyiba"}


def test_resolving_again_changes_nothing(store: Store) -> None:
    ids = save(store, *nexus_documents())
    with store.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(actor_links)).scalar_one()
    report = resolve_documents(store.engine, ids)
    assert report.documents == 0
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(actor_links)).scalar_one() == before


def test_blocking_keeps_the_candidates_of_a_new_document_few(store: Store) -> None:
    crowd = [one_entity_doc(f"p{i}", f"Person{i} Surname{i}", "person") for i in range(150)]
    save(store, *crowd)
    extra = one_entity_doc("late", "Lashkar-e-Taiba", "group")
    report = resolve_documents(store.engine, save_only(store, extra))
    assert report.candidates <= 2


def save_only(store: Store, *docs: Doc) -> list[str]:
    return [s.id for s in store.save_many([d.extraction() for d in docs])]


def test_a_user_merge_is_applied_and_kept_across_a_rebuild(store: Store) -> None:
    save(store, one_entity_doc("d1", "Naji Zaheer", "person"), one_entity_doc("d2", "Abu Naji", "person"))
    assert actor_of(store.engine, "d1") != actor_of(store.engine, "d2")
    record_merge(store.engine, "Naji Zaheer", "Abu Naji", note="same man, per the report")
    assert actor_of(store.engine, "d1") == actor_of(store.engine, "d2")
    rebuild(store.engine)
    assert actor_of(store.engine, "d1") == actor_of(store.engine, "d2")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(actor_decisions)).scalar_one() == 1


def test_a_user_split_is_applied_and_kept_across_a_rebuild(store: Store) -> None:
    save(
        store,
        *(one_entity_doc(f"d{i}", "Hafiz Rahman", "person", text=f"Hafiz Rahman spoke on day {i}.") for i in (1, 2, 3)),
    )
    assert actor_of(store.engine, "d1") == actor_of(store.engine, "d2") == actor_of(store.engine, "d3")
    new_id = record_split(store.engine, "d2", "e1", note="a different Hafiz Rahman")
    assert actor_of(store.engine, "d2") == new_id != actor_of(store.engine, "d1")
    rebuild(store.engine)
    assert actor_of(store.engine, "d2") != actor_of(store.engine, "d1") == actor_of(store.engine, "d3")


def test_a_new_version_of_a_document_replaces_its_links(store: Store) -> None:
    first = one_entity_doc("d1", "Lashkar-e-Taiba", "group")
    save(store, first)
    changed = Doc("d1", "Officials now said Lashkar-e-Jhangvi was active.")
    changed.entity("Lashkar-e-Jhangvi", "group")
    x = changed.extraction()
    saved = store.save_many([replace(x, document=replace(x.document, key="d1"))])
    resolve_documents(store.engine, [saved[0].id])
    with store.engine.connect() as conn:
        names = {r[0] for r in conn.execute(select(actor_links.c.name))}
        counts = dict(conn.execute(select(actors.c.name, actors.c.documents)).all())
    assert names == {"Lashkar-e-Jhangvi"}
    assert "Lashkar-e-Taiba" not in counts


def test_documents_stored_before_resolution_are_resolved_on_demand(store: Store) -> None:
    store.save_many([d.extraction() for d in nexus_documents()])
    report = resolve_pending(store.engine)
    assert report.documents == 3
    assert report.ties > 0
    assert resolve_pending(store.engine).documents == 0


@pytest.mark.slow
def test_resolution_on_postgresql_gives_the_same_actors(postgresql_url: str, tmp_path: Path) -> None:
    def actor_sets(s: Store) -> set[frozenset[str]]:
        with s.engine.connect() as conn:
            return {frozenset(r[0]) for r in conn.execute(select(actors.c.aliases))}

    with Store.open(fresh_database(postgresql_url, "resolve_test")) as pg, Store.open(tmp_path / "lite.db") as lite:
        for s in (pg, lite):
            save(s, *nexus_documents())
            save(s, one_entity_doc("d1", "Sharif", "person", role="Prime Minister"))
        assert actor_sets(pg) == actor_sets(lite)
        assert frozenset({"Lashkar-e-Taiba", "LeT", "Lashkar-e-Tayyiba"}) in actor_sets(pg)
        assert frozenset({"Shehbaz Sharif", "Sharif"}) in actor_sets(pg)


NETWORK_TEXTS = Path(__file__).parent / "data" / "network"


@pytest.mark.slow
def test_the_pipeline_resolves_our_multi_document_stories(tmp_path: Path) -> None:
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import ingest

    with Store.open(tmp_path / "stories.db") as s:
        report = ingest(read_inputs([str(NETWORK_TEXTS)]), s)
        assert report.stored == 6
        with s.engine.connect() as conn:
            let = find_actor(conn, "Lashkar-e-Taiba")
            assert {"LeT", "Lashkar-e-Tayyiba", "Lashkar e Toiba"} <= set(let.aliases)
            assert find_actor(conn, "Lashkar-e-Jhangvi").id != let.id
            jem = find_actor(conn, "JeM")
            assert "Jaish-e-Muhammad" in {jem.name, *jem.aliases}
            sharif = find_actor(conn, "Shehbaz Sharif")
            assert sharif.documents == 2
            assert find_actor(conn, "Imran Khan").id != find_actor(conn, "Muhammad Ahmed Khan").id


@pytest.mark.parametrize(("org_documents", "joined"), [(3, True), (1, False)])
def test_a_one_word_person_named_as_an_established_organisation_is_it(
    store: Store, org_documents: int, joined: bool
) -> None:
    orgs = [
        one_entity_doc(f"o{i}", "Labour", "organization", text=f"Labour said on day {i} it would win.")
        for i in range(org_documents)
    ]
    save(store, *orgs)
    save(store, one_entity_doc("p1", "Labour", "person", text="Labour told voters to turn out."))
    assert (actor_of(store.engine, "p1") == actor_of(store.engine, "o0")) is joined


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Kevin Campbell", "K Campbell"), ("Kieran Campbell",)),
        (("Jim Carrey",), ("Jim Courier",)),
        (("Ian Rush",), ("Ian Ross",)),
        (("Alan Johnson", "Johnson"), ("Boris Johnson", "Johnson")),
    ],
)
def test_people_with_one_surname_and_different_first_names_stay_apart(
    store: Store, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    save(
        store,
        one_entity_doc("d1", first[0], "person", *first[1:]),
        one_entity_doc("d2", second[0], "person", *second[1:]),
    )
    assert actor_of(store.engine, "d1") != actor_of(store.engine, "d2")


@pytest.mark.parametrize(("short", "full", "joined"), [("Allen", "Kate Allen", True), ("Alan", "Kate Allen", False)])
def test_a_one_word_name_must_be_spelled_like_the_fuller_names_word(
    store: Store, short: str, full: str, joined: bool
) -> None:
    first = Doc("d1", f"{full} spoke for the Tehreek Welfare Trust and the Sindh Relief Board.")
    first.entity(full, "person")
    first.entity("Tehreek Welfare Trust", "organization")
    first.entity("Sindh Relief Board", "organization")
    second = Doc("d2", f"{short} of the Tehreek Welfare Trust and the Sindh Relief Board spoke again.")
    second.entity(short, "person")
    second.entity("Tehreek Welfare Trust", "organization")
    second.entity("Sindh Relief Board", "organization")
    save(store, first, second)
    assert (actor_of(store.engine, "d1") == actor_of(store.engine, "d2")) is joined


@pytest.mark.parametrize(
    "module",
    ["newsgraph.resolve.resolver", "newsgraph.resolve.explain", "newsgraph.resolve.decide", "newsgraph.resolve.forms"],
)
def test_resolution_logic_leaves_every_query_to_the_store(module: str) -> None:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not [name for name in imported if name.split(".")[0] == "sqlalchemy"]


def _mohammad_chain() -> list[Doc]:
    """Three documents naming one 'Mohammad': the second shares company with the first and the
    third, the third none with the first. Their ids sort in another order than they were stored."""
    texts = [
        ("a-first", "Mohammad spoke for the Tehreek Welfare Trust at the rally.", ["Tehreek Welfare Trust"]),
        (
            "c-second",
            "Mohammad, the Tehreek Welfare Trust and the Gilgit Relief Fund met.",
            ["Tehreek Welfare Trust", "Gilgit Relief Fund"],
        ),
        ("b-third", "Mohammad thanked the Gilgit Relief Fund.", ["Gilgit Relief Fund"]),
    ]
    docs = []
    for doc_id, text, orgs in texts:
        d = Doc(doc_id, text)
        d.entity("Mohammad", "person")
        for org in orgs:
            d.entity(org, "organization")
        docs.append(d)
    return docs


def test_a_batch_resolves_its_documents_in_the_order_given_as_one_by_one_does(store: Store) -> None:
    # in id order ('a-first', 'b-third', 'c-second') the chain breaks: resolution depends on order
    save(store, *_mohammad_chain())
    batch = {actor_of(store.engine, d) for d in ("a-first", "c-second", "b-third")}
    assert len(batch) == 1
    rebuild(store.engine, batch_size=1)
    assert {actor_of(store.engine, d) for d in ("a-first", "c-second", "b-third")} == {
        actor_of(store.engine, "a-first")
    }
    rebuild(store.engine, batch_size=200)
    assert len({actor_of(store.engine, d) for d in ("a-first", "c-second", "b-third")}) == 1
