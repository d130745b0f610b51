"""Every error of the API has one shape, ``{"error": {"status", "code", "message"}}``, with the
security headers: unknown routes, missing records, bad parameters, the token rule, a failing
store. Outside /api a browser asking for HTML gets a small page with the message escaped."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.web.app import create_app
from newsgraph.web.security import CSP

pytestmark = pytest.mark.slow  # the session's store is ingested with the spaCy model

TOKEN = "another-token"


def assert_error_shape(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message"}
    assert error["status"] == status and error["code"] == code
    assert re.fullmatch(r"[a-z][a-z0-9_]*", error["code"])
    assert isinstance(error["message"], str) and len(error["message"]) > 10
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    return dict(error)


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/api/no-such-route", 404, "not_found"),
        ("GET", "/api/documents/no-such-document", 404, "not_found"),
        ("GET", "/api/actors/999999", 404, "not_found"),
        ("GET", "/api/actors/999999/timeline", 404, "not_found"),
        ("GET", "/api/actors/999999/network", 404, "not_found"),
        ("GET", "/api/network?actor=Nobody%20Whatsoever", 404, "not_found"),
        ("GET", "/api/network/path?a=Chile&b=Nobody%20Whatsoever", 404, "not_found"),
        ("GET", "/api/documents/nws-2026", 400, "bad_request"),  # the start of several ids
        ("GET", "/api/events?since=not-a-date", 400, "bad_request"),
        ("GET", "/api/timeline?until=31/31/2026", 400, "bad_request"),
        ("GET", "/api/search?q=%20%20", 400, "bad_request"),
        ("GET", "/api/network/path?a=Chile&b=Chile", 400, "bad_request"),
        ("GET", "/api/documents?limit=0", 422, "invalid_request"),
        ("GET", "/api/documents?limit=501", 422, "invalid_request"),
        ("GET", "/api/events?offset=-1", 422, "invalid_request"),
        ("GET", "/api/actors/abc", 422, "invalid_request"),
        ("GET", "/api/search", 422, "invalid_request"),
        ("GET", "/api/network?depth=9", 422, "invalid_request"),
        ("GET", "/api/timeline?interval=year", 422, "invalid_request"),
        ("GET", "/api/network/path?a=Chile", 422, "invalid_request"),
        ("DELETE", "/api/summary", 405, "method_not_allowed"),
        ("POST", "/api/documents", 403, "forbidden"),
    ],
)
def test_errors_have_one_shape(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    error = assert_error_shape(client.request(method, url, json={"text": "x"}), status, code)
    if status == 422:
        assert "parameter" in error["message"]


def test_not_found_says_what_to_do(client: TestClient) -> None:
    error = assert_error_shape(client.get("/api/actors/999999"), 404, "not_found")
    assert "#999999" in error["message"] and "newsgraph actors" in error["message"]


@pytest.mark.parametrize("auth", [None, "Bearer nope", "Token another-token"])
def test_token_errors_have_the_shape(web_store_copy: Path, auth: str | None) -> None:
    app = TestClient(create_app(str(web_store_copy), token=TOKEN))
    headers = {"Authorization": auth} if auth else {}
    r = app.post("/api/documents", json={"text": "x"}, headers=headers)
    assert_error_shape(r, 401, "unauthorized")


def test_a_body_too_large_is_refused_before_it_is_read(web_store_copy: Path) -> None:
    app = TestClient(create_app(str(web_store_copy), token=TOKEN))
    body = b'{"text": "' + b"x" * 10_000_001 + b'"}'
    r = app.post("/api/documents", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    error = assert_error_shape(r, 413, "request_entity_too_large")
    assert "at most 10,000,000" in error["message"]


def test_a_failing_store_answers_500_in_the_shape(web_store_copy: Path) -> None:
    app = TestClient(create_app(str(web_store_copy)))
    with sqlite3.connect(web_store_copy) as conn:  # the store breaks under the running app
        conn.execute("DROP TABLE relations")
    error = assert_error_shape(app.get("/api/relations"), 500, "internal_error")
    assert "log" in error["message"]
    assert app.get("/api/summary").status_code == 500  # counts relations too
    assert app.get("/api/actors").status_code == 200  # the rest still answers


def test_pages_outside_the_api_answer_browsers_with_escaped_html(client: TestClient) -> None:
    r = client.get("/no-such-page/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text
    assert r.headers["content-security-policy"] == CSP
    as_json = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert_error_shape(as_json, 404, "not_found")


def test_api_errors_stay_json_for_browsers(client: TestClient) -> None:
    r = client.get("/api/no-such-route", headers={"Accept": "text/html,application/xhtml+xml"})
    assert_error_shape(r, 404, "not_found")
