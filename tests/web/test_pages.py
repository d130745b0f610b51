"""newsgraph/web/pages.py over the real app: the HTML shell of each page, the UI's static files,
and the npm files under /vendor/ (only those listed, a clear error when `npm ci` has not run)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsgraph.web import pages
from newsgraph.web.security import CSP
from tests.web.conftest import XSS_ID


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", "home"),
        ("/search?q=port", "search"),
        (f"/documents/{XSS_ID}", "document"),
        ("/actors/1", "actor"),
        ("/network?actor=Kenya", "network"),
        ("/map", "map"),
        ("/communities?min_confidence=0", "communities"),
    ],
)
def test_each_page_is_the_shell_naming_its_page(client: Any, path: str, page: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    html = response.text
    assert f'<body data-page="{page}">' in html
    assert "{{" not in html
    # no inline script: every <script> has a src on this server, and there is no on* handler
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts == [""]
    assert re.findall(r'<script\b[^>]*src="([^"]+)"', html) == [f"/assets/{pages.static_version()}/js/main.js"]
    assert not re.search(r"\son[a-z]+=", html)


def test_the_shell_carries_no_data(client: Any) -> None:
    """Article text never reaches the HTML: the page fetches JSON and builds the DOM itself."""
    html = client.get(f"/documents/{XSS_ID}").text
    assert "alert(1)" not in html and "onerror" not in html


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/static/js/main.js", "text/javascript"),
        ("/static/js/pages/document.js", "text/javascript"),
        ("/static/css/app.css", "text/css"),
        ("/static/favicon.svg", "image/svg+xml"),
    ],
)
def test_static_files(client: Any, path: str, media: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


def test_the_shell_names_versioned_assets_the_browser_keeps(client: Any) -> None:
    """The shell's CSS, script and every module it preloads are under /assets/<version>/, served as
    immutable (a browser asks for them once, not on every page); every JS module of the UI is
    preloaded, so no import waits for another; /static/ still answers, asked again each time."""
    html = client.get("/network").text
    version = pages.static_version()
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    linked = re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)
    preloaded = set(re.findall(r'<link rel="modulepreload" href="([^"]+)"', html))
    js = (pages.STATIC / "js").rglob("*.js")
    modules = {f"/assets/{version}/{p.relative_to(pages.STATIC).as_posix()}" for p in js}
    assert preloaded == modules - {f"/assets/{version}/js/main.js"}
    assert f"/assets/{version}/css/app.css" in linked
    for url in linked:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        rel = url.split("/", 3)[3]
        assert response.content == (pages.STATIC / rel).read_bytes()
    assert client.get("/static/js/main.js").headers["cache-control"] == "no-cache"


def test_an_old_asset_version_is_served_but_not_kept(client: Any) -> None:
    """A page opened before an upgrade asks for its modules under the old version: it gets today's
    file, which the browser must ask for again (it may not match the version it was named by)."""
    response = client.get("/assets/000000000000/js/main.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"
    assert response.content == (pages.STATIC / "js" / "main.js").read_bytes()


def test_the_asset_version_changes_with_any_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    copy = tmp_path / "static"
    shutil.copytree(pages.STATIC, copy)
    monkeypatch.setattr(pages, "STATIC", copy)
    before = pages.static_version()
    assert pages.static_version() == before  # stable while nothing changes
    (copy / "js" / "graph.js").write_text((copy / "js" / "graph.js").read_text() + "\n// edited\n")
    edited = pages.static_version()
    assert edited != before
    (copy / "js" / "pages" / "extra.js").write_text("export const x = 1;\n")
    assert pages.static_version() not in (before, edited)
    assert '/js/pages/extra.js"' in pages.render_shell("home")


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pages.py",
        "/static/%2e%2e/pages.py",
        "/static/shell.html",
        "/static/js/nothing.js",
        "/assets/abc/%2e%2e/pages.py",
        "/assets/abc/shell.html",
        "/assets/abc/js/nothing.js",
    ],
)
def test_static_serves_nothing_else(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_static_js_builds_no_html_from_strings() -> None:
    """The pages' modules never parse strings as HTML (innerHTML, outerHTML, insertAdjacentHTML,
    document.write): untrusted text goes through textContent and text nodes only."""
    offenders = []
    for js in sorted((pages.STATIC / "js").rglob("*.js")):
        text = js.read_text(encoding="utf-8")
        for pattern in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            if pattern in text:
                offenders.append(f"{js.name}: {pattern}")
    assert offenders == []


@pytest.mark.skipif(bool(pages.vendor_missing()), reason="npm libraries not installed: run `bash run setup` (npm ci)")
@pytest.mark.parametrize("name", sorted(pages.VENDOR_FILES))
def test_vendor_files_come_from_node_modules(client: Any, name: str) -> None:
    response = client.get(f"/vendor/{name}")
    assert response.status_code == 200
    assert response.content == (pages.node_modules() / pages.VENDOR_FILES[name]).read_bytes()
    expected = "application/json" if name.endswith(".json") else "text/javascript"
    assert response.headers["content-type"].startswith(expected)


@pytest.mark.parametrize("name", ["package.json", "..%2Fpackage.json", "cytoscape.js", "commander.js"])
def test_vendor_serves_only_the_listed_files(client: Any, name: str) -> None:
    response = client.get(f"/vendor/{name}")
    assert response.status_code == 404


def test_vendor_not_installed_says_what_to_run(client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_NODE_MODULES", str(tmp_path / "empty"))
    assert sorted(pages.vendor_missing()) == sorted(pages.VENDOR_FILES)
    response = client.get("/vendor/cytoscape.esm.min.mjs")
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "vendor_not_installed" and "bash run setup" in error["message"]
    page = client.get("/vendor/land-110m.json", headers={"Accept": "text/html"})
    assert page.status_code == 503 and "bash run setup" in page.text


def test_vendor_files_are_pinned_in_the_lock() -> None:
    """Each served file's package is a direct dependency pinned to an exact version, and locked."""
    import json

    root = Path(pages.__file__).resolve().parents[2]
    manifest = json.loads((root / "package.json").read_text())
    lock = json.loads((root / "package-lock.json").read_text())
    assert lock["lockfileVersion"] == 3
    for rel in pages.VENDOR_FILES.values():
        package = rel.split("/", 1)[0]
        version = manifest["dependencies"][package]
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{package} is not pinned: {version}"
        assert lock["packages"][f"node_modules/{package}"]["version"] == version
        assert lock["packages"][f"node_modules/{package}"]["integrity"].startswith("sha512-")


@pytest.mark.parametrize("path", ["/", "/network", "/static/js/main.js", "/assets/abc/js/main.js"])
def test_head_answers_like_get(client: Any, path: str) -> None:
    head, get = client.head(path), client.get(path)
    assert head.status_code == get.status_code == 200
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""
