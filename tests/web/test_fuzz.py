"""Property tests: every query and path parameter of every API route, given hostile strings and
integers, answers a 2xx or a 4xx in the one error shape with the security headers, never a 500.
Bounded to a fixed budget (``max_examples``) so the suite stays fast; ``scripts/fuzz.sh`` may
run more (``HYPOTHESIS_PROFILE``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.web import api
from newsgraph.web.app import create_app
from newsgraph.web.security import CSP
from tests.web.test_limits import hand_store

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "[/x]",
    "[bold]x",
    "'",
    '"',
    "' OR 1=1 --",
    "\\",
    "%",
    "_",
    "*",
    "NEAR(",
    "a OR",
    "(",
    ")",
    "#1",
    "#0",
    "#-1",
    "#" + "9" * 20,
    "#" + "9" * 5000,
    str(2**63),
    str(-(2**63) - 1),
    "9" * 5000,
    "1e400",
    "-1e400",
    "nan",
    "inf",
    "-0",
    "0x10",
    "1_000",
    "٣",
    "2026-02-30",
    "9999-99-99",
    "0000",
    "2026-13",
    "\u202e",
    "\ufeff",
    "é" * 300,
    "a" * 3000,
    "a," * 200,
    "../../etc/passwd",
    "/",
]
"""Values that broke, or might break, a parameter: NUL, markup, SQL and FTS5 syntax, LIKE wildcards,
ids and numbers past 64 bits or past Python's int-string limit, odd dates and Unicode."""

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)  # no lone surrogates: not UTF-8
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from([2**63 - 1, 2**63, -(2**63), 2**64])
).map(str)
values = st.one_of(st.sampled_from(HOSTILE), text, numbers)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = hand_store(tmp_path_factory.mktemp("fuzz") / "small.db")
    with TestClient(create_app(str(db), warm=False), raise_server_exceptions=False) as c:
        yield c


def get_routes() -> list[tuple[str, list[str], list[str]]]:
    """Every GET route of the API: its path, its path parameters, its query parameters."""
    found = []
    for route in api.router.routes:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            dep = route.dependant
            found.append(("/api" + route.path, [p.alias for p in dep.path_params], [p.alias for p in dep.query_params]))
    return found


ROUTES = get_routes()


def assert_no_500(r: Any) -> None:
    assert r.status_code < 500, (r.request.url, r.status_code, r.text[:300])
    assert r.headers["content-security-policy"] == CSP
    if r.status_code >= 400:
        assert set(r.json()) == {"error"}, r.text[:300]


@pytest.mark.parametrize(("path", "in_path", "in_query"), ROUTES, ids=[r[0] for r in ROUTES])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_parameter_of_every_route_never_gives_a_500(
    fuzzed: TestClient, path: str, in_path: list[str], in_query: list[str], data: st.DataObject
) -> None:
    url = path
    for name in in_path:
        value = data.draw(st.one_of(numbers, values).filter(lambda v: v not in ("", "/", ".", "..")), label=name)
        url = url.replace("{" + name + "}", quote(value, safe=""))
    chosen = data.draw(st.lists(st.sampled_from(in_query), unique=True), label="parameters") if in_query else []
    params = {name: data.draw(values, label=name) for name in chosen}
    assert_no_500(fuzzed.get(url, params=params))


@settings(max_examples=50, deadline=None)
@given(value=values)
def test_a_static_path_never_gives_a_500(fuzzed: TestClient, value: str) -> None:
    assert_no_500(fuzzed.get("/static/" + quote(value)))


def campaign() -> Any:
    """``scripts/campaign.py`` as a module."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "campaign.py"
    spec = importlib.util.spec_from_file_location("campaign", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("campaign", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("hostile", ["%00", "9" * 5000, "a" * 65_000, "%ff%fe"])
def test_the_campaign_sweeps_every_parameter_of_every_route(fuzzed: TestClient, hostile: str) -> None:
    """scripts/campaign.py reads the routes from the OpenAPI document: each query and path
    parameter of every GET route (a new one too) gets each hostile value."""
    script = campaign()
    targets = list(script.api_targets(fuzzed.get("/openapi.json").json(), {}))
    sent = script.percent(hostile)
    for path, in_path, in_query in ROUTES:
        for name in in_query:
            assert any(t.endswith(f"?{name}={sent}") and t.startswith(path.split("{")[0]) for _, t, _ in targets), name
        for name in in_path:
            assert any(name in what and hostile[:40] in what for _, _, what in targets), (path, name)
