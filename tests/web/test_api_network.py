"""``/api/network?actor=X&depth=2`` ranks the neighbourhood by relevance to the actor asked about.

The store (our own wording, hand-built extractions resolved by the real resolver) is the issue's
case: Hamas, a small actor, has five ties (Naji Zaheer, LeT, Syria, Russia, the US); Syria, Russia
and the US are hubs, tied to each other in fifteen documents and to fifteen other states. Ranked
by documents alone, the hubs' ties fill the limit and Hamas's own ties are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph import network as nw
from newsgraph.store import Store
from tests.actor_records import Doc, save

OTHERS = [
    "Iran",
    "Turkey",
    "Israel",
    "Egypt",
    "Jordan",
    "Iraq",
    "Lebanon",
    "China",
    "France",
    "Germany",
    "Qatar",
    "Saudi Arabia",
    "Ukraine",
    "Poland",
    "Japan",
]
MORE_OTHERS = [
    *OTHERS,
    "Brazil",
    "Chile",
    "Peru",
    "Kenya",
    "Ghana",
    "Nigeria",
    "Mexico",
    "Canada",
    "Spain",
    "Italy",
    "Greece",
    "Norway",
    "Sweden",
    "Finland",
    "Denmark",
    "Austria",
    "Hungary",
    "Romania",
    "Serbia",
    "Croatia",
    "Albania",
    "Armenia",
    "Kazakhstan",
    "Mongolia",
    "Vietnam",
    "Thailand",
    "Malaysia",
    "Indonesia",
    "Australia",
    "Portugal",
]
HUBS = ["Syria", "Russia", "US"]


def hamas_document() -> Doc:
    d = Doc(
        "hamas-1",
        "Naji Zaheer represents Hamas. Hamas and LeT are allies. Hamas praised Syria. "
        "Hamas thanked Russia. Hamas welcomed the US move.",
        published="2026-01-27",
        source="IANS",
    )
    d.entity("Hamas", "group")
    d.entity("Naji Zaheer", "person")
    d.entity("Lashkar-e-Taiba", "group", "LeT")
    for hub in HUBS:
        d.entity(hub, "state")
    d.relation("represents", "Naji Zaheer", "Hamas")
    d.relation("allied_with", "Hamas", "LeT")
    d.event("SUPPORT", "praised", source=("Hamas",), target=("Syria",), date="2026-01-27")
    d.event("SUPPORT", "thanked", source=("Hamas",), target=("Russia",), date="2026-01-27")
    d.event("SUPPORT", "welcomed", source=("Hamas",), target=("US",), date="2026-01-27")
    return d


def hub_document(i: int, others: list[str] = OTHERS) -> Doc:
    """One of the hubs' documents: Syria and Russia talk, the US accuses Russia, and each hub meets
    one of ``others`` (a third of the way round the list apart)."""
    n = len(others)
    x, y, z = others[i % n], others[(i + n // 3) % n], others[(i + 2 * n // 3) % n]
    day = f"2026-{2 + i // 28:02d}-{i % 28 + 1:02d}"
    d = Doc(
        f"hub-{i}",
        f"Syria held talks with Russia. The US accused Russia. Syria hosted {x}. Russia visited {y}. "
        f"The US phoned {z}.",
        published=day,
        source="Wire",
    )
    for name in (*HUBS, x, y, z):
        if name not in d.surface:
            d.entity(name, "state")
    d.event("CONSULT", "held talks", source=("Syria",), target=("Russia",), date=day)
    d.event("ACCUSE", "accused", source=("US",), target=("Russia",), date=day)
    d.event("CONSULT", "hosted", source=("Syria",), target=(x,), date=day)
    d.event("CONSULT", "visited", source=("Russia",), target=(y,), date=day)
    d.event("CONSULT", "phoned", source=("US",), target=(z,), date=day)
    return d


def build_hub_store(path: Path, others: list[str] = OTHERS) -> Path:
    """The store of the module's docstring, with one hub document per name of ``others``."""
    with Store.open(path) as store:
        save(store, hamas_document(), *(hub_document(i, others) for i in range(len(others))))
    return path


@pytest.fixture(scope="module")
def hub_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_hub_store(tmp_path_factory.mktemp("hubs") / "hubs.db")


@pytest.fixture(scope="module")
def client(hub_store: Path) -> Iterator[TestClient]:
    from newsgraph.web.app import create_app

    with TestClient(create_app(str(hub_store))) as c:
        yield c


def names(body: dict[str, Any], edge: dict[str, Any]) -> frozenset[str]:
    return frozenset((edge["source_name"], edge["target_name"]))


HAMAS_TIES = {
    frozenset(("Naji Zaheer", "Hamas")),
    frozenset(("Hamas", "Lashkar-e-Taiba")),
    frozenset(("Hamas", "Syria")),
    frozenset(("Hamas", "Russia")),
    frozenset(("Hamas", "US")),
}


def test_the_store_is_the_issues_case(hub_store: Path) -> None:
    """Ranked by documents alone, the hubs' ties would fill a limit of eight."""
    with Store.open(hub_store) as store:
        net = nw.neighbourhood(store.engine, "Hamas", depth=2)
    by_weight = sorted(net.edges, key=lambda e: -e.weight)
    strongest = {frozenset((net.actors[e.source].name, net.actors[e.target].name)) for e in by_weight[:2]}
    assert strongest == {frozenset(("Syria", "Russia")), frozenset(("US", "Russia"))}
    assert len(net.edges) > 30  # the second ring: the hubs' fifteen other states
    assert {net.actors[a].name for a in net.actors} >= set(OTHERS)


@pytest.mark.parametrize("limit", [5, 8, 12])
def test_the_actors_own_ties_come_first_whatever_the_limit(client: TestClient, limit: int) -> None:
    body = client.get("/api/network", params={"actor": "Hamas", "depth": 2, "limit": limit}).json()
    got = [names(body, e) for e in body["edges"]]
    assert len(got) == limit and body["truncated"] is True
    assert set(got[:5]) == HAMAS_TIES, got
    # then the ties among its neighbours (the hubs), before any tie of the second ring
    if limit >= 7:
        assert set(got[5:7]) == {frozenset(("Syria", "Russia")), frozenset(("US", "Russia"))}, got
    for e in got[7:]:
        assert len(e & set(HUBS)) == 1 and len(e & set(OTHERS)) == 1, e
    shown = {a["name"] for a in body["actors"]}
    assert {"Hamas", "Naji Zaheer", "Lashkar-e-Taiba"} <= shown


def test_within_a_tier_the_strongest_come_first(client: TestClient) -> None:
    body = client.get("/api/network", params={"actor": "Syria", "depth": 2, "limit": 100}).json()
    syria = next(a["id"] for a in body["actors"] if a["name"] == "Syria")
    own = [e for e in body["edges"] if syria in (e["source"], e["target"])]
    assert body["edges"][: len(own)] == own  # the centre's ties first
    weights = [e["weight"] for e in own]
    assert weights == sorted(weights, reverse=True) and weights[0] == 15


def test_the_actor_route_ranks_the_same_way(client: TestClient) -> None:
    hamas = client.get("/api/actors", params={"q": "Hamas"}).json()["items"][0]
    body = client.get(f"/api/actors/{hamas['id']}/network", params={"depth": 2, "limit": 5}).json()
    assert {names(body, e) for e in body["edges"]} == HAMAS_TIES


def test_the_tie_limit_is_the_apis_maximum(client: TestClient) -> None:
    assert client.get("/api/network", params={"limit": 500}).status_code == 200
    assert client.get("/api/network", params={"limit": 501}).status_code == 422
