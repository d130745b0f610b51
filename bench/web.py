"""Latency of every API route and page of ``newsgraph serve`` on a store holding the BBC corpus,
and how long each page takes to be interactive in a real browser.

    .venv/bin/python bench/web.py                         # ingest the BBC corpus once (cached), then time
    .venv/bin/python bench/web.py --db newsgraph.db       # an existing store
    .venv/bin/python bench/web.py --requests 50 --workers 2
    .venv/bin/python bench/web.py --db bbc.db --no-api --loads 10   # the pages only
    .venv/bin/python bench/web.py --db bbc.db --no-api --pages network,actor   # some pages only

Pages: Playwright drives Chromium (``$NEWSGRAPH_CHROMIUM``, default /usr/bin/chromium) through
each page (home, search, a document, a hub's and a small actor's page, the network, a hub's
network at depth 2, the map, and the analyst's pages: events, claims, stories, hits, path, trends,
communities and their records), ``--loads`` times each after one cold load in a fresh browser
context; a load is timed in the page, from its navigation start to the first frame painted once
its main content is there (the summary, the results, the document's text, the graph's nodes with
their handlers, the map's outline and markers); what is built after it (the network's table of
ties, below the graph) is not counted. ``cpu p50`` is the page renderer's main-thread busy time
per load (Chrome's TaskDuration, which grows when other processes take the cores); ``cpu/load``
is the CPU time the browser's renderer and GPU processes used, per timed load (Chrome's process
info, 10 ms steps; it too grows on a machine loaded far past its cores, and counts the work done
after the main content, such as the network's table of ties).
Flags any page whose p95 is over one second, and any API route whose p95 is over 300 ms.

The store is cached at ``$TMPDIR/newsgraph-bench-bbc.db`` (the 2,225 BBC articles; the ingest
time is printed when it is built). The real server runs in a subprocess (``newsgraph serve`` on
127.0.0.1, a free port); each route is asked ``--requests`` times in turn over one keep-alive
connection, cycling through several actors, documents and queries, at most ``--seconds`` per
route. Prints p50 / p95 / max milliseconds per route beside the baseline of the same run (a
static file and the cached OpenAPI document: the server's floor), the server's CPU time per
request (read from /proc: what the route costs whatever else loads the machine), and flags any
p95 over 300 ms. ``first`` is the warm-up request, not counted: answers over the whole store
are computed once per store state and then served from the cache.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: eval.harness

from eval.harness import shared_dir

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MS = 300.0


def default_db() -> Path:
    return Path(tempfile.gettempdir()) / "newsgraph-bench-bbc.db"


def build_store(path: Path, workers: int) -> None:
    """Ingest the BBC corpus through the real pipeline into ``path`` (via ``path.part``, so an
    interrupted build is not taken for a finished one)."""
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    corpus = shared_dir() / "corpus" / "bbc"
    if not corpus.is_dir():
        sys.exit(f"bench/web.py: {corpus} is absent: give --db with a store to time")
    part = path.with_name(path.name + ".part")
    t0 = time.perf_counter()
    with Store.open(part) as store:
        report = ingest([str(corpus)], store, workers=workers)
    part.rename(path)
    print(
        f"ingested {report.stored} BBC documents ({report.failed} failed, {report.words:,} words) "
        f"in {time.perf_counter() - t0:.0f} s with {workers} worker(s) -> {path}",
        flush=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-c",
        "from newsgraph.cli import main; main()",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            sys.exit(f"bench/web.py: the server exited ({proc.returncode}): {err}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    sys.exit("bench/web.py: the server did not answer within 120 s")


def plan(client: httpx.Client) -> list[tuple[str, str, list[str]]]:
    """(group, route, URLs to cycle through) from what the store holds."""
    top = client.get("/api/actors", params={"limit": 10}).json()["items"]
    people = client.get("/api/actors", params={"limit": 5, "kind": "person"}).json()["items"]
    orgs = client.get("/api/actors", params={"limit": 5, "kind": "organization"}).json()["items"]
    some = client.get("/api/actors", params={"limit": 5, "offset": 200}).json()["items"]
    actors = top[:4] + people[:3] + orgs[:2] + some[:3]
    ids = [a["id"] for a in actors]
    last = [quote(a["name"].split()[-1]) for a in actors]
    docs = [d["id"] for d in client.get("/api/documents", params={"limit": 10, "offset": 0}).json()["items"]]
    docs += [d["id"] for d in client.get("/api/documents", params={"limit": 10, "offset": 1000}).json()["items"]]
    words = ["government", "election", "Blair", "mobile phones", "football", "shares fell", "film", "Microsoft"]
    # by #ID: a name may fit several actors, and the path route then answers 409 with candidates
    refs = [quote(f"#{i}") for i in ids]
    pairs = [(refs[i], refs[j]) for i in range(len(refs)) for j in range(i + 1, len(refs))][:12]
    events = client.get("/api/events", params={"limit": 10, "offset": 50}).json()["items"]
    event_keys = [f"{e['document']}:{e['id']}" for e in events]
    claims = client.get("/api/claims", params={"limit": 10, "offset": 50}).json()["items"]
    claim_keys = [f"{c['document']}:{c['id']}" for c in claims]
    story_ids = [s["id"] for s in client.get("/api/stories", params={"limit": 10}).json()["items"]]
    place_ids = [p["actor"] for p in client.get("/api/map", params={"limit": 10}).json()["items"] if p["actor"]]
    return [
        ("baseline", "GET /docs/assets/favicon.png", ["/docs/assets/favicon.png"]),
        ("baseline", "GET /openapi.json", ["/openapi.json"]),
        ("page", "GET /", ["/"]),
        ("page", "GET /documents/ID", [f"/documents/{d}" for d in docs]),
        ("page", "GET /actors/ID", [f"/actors/{i}" for i in ids]),
        ("page", "GET /network", ["/network"]),
        ("page", "GET /map", ["/map"]),
        ("page", "GET /search?q=", [f"/search?q={quote(w)}" for w in words]),
        ("api", "GET /api/summary", ["/api/summary"]),
        ("api", "GET /api/documents", [f"/api/documents?offset={o}" for o in (0, 500, 1000, 2000)]),
        ("api", "GET /api/documents?source=", ["/api/documents?source=BBC", "/api/documents?source=nobody"]),
        ("api", "GET /api/documents/ID", [f"/api/documents/{d}" for d in docs]),
        ("api", "GET /api/search?q=", [f"/api/search?q={quote(w)}" for w in words]),
        ("api", "GET /api/actors", ["/api/actors", "/api/actors?offset=1000", "/api/actors?kind=person"]),
        ("api", "GET /api/actors?q=", [f"/api/actors?q={n}" for n in last]),
        ("api", "GET /api/actors/ID", [f"/api/actors/{i}" for i in ids]),
        ("api", "GET /api/actors/ID/timeline", [f"/api/actors/{i}/timeline" for i in ids]),
        ("api", "GET /api/actors/ID/network", [f"/api/actors/{i}/network" for i in ids]),
        ("api", "GET /api/actors/ID/network?depth=2", [f"/api/actors/{i}/network?depth=2" for i in ids]),
        ("api", "GET /api/events", ["/api/events", "/api/events?offset=1000", "/api/events?type=CONSULT"]),
        ("api", "GET /api/events?actor=", [f"/api/events?actor={n}" for n in last[:6]]),
        ("api", "GET /api/events?since=&where=", ["/api/events?since=2005-01", "/api/events?where=London"]),
        ("api", "GET /api/claims", ["/api/claims", "/api/claims?offset=1000"]),
        ("api", "GET /api/claims?speaker=&about=", [f"/api/claims?speaker={n}" for n in last[:6]]),
        ("api", "GET /api/relations", ["/api/relations", "/api/relations?type=member_of"]),
        ("api", "GET /api/relations?actor=", [f"/api/relations?actor={n}" for n in last[:6]]),
        ("api", "GET /api/network", ["/api/network", "/api/network?limit=500", "/api/network?type=says"]),
        ("api", "GET /api/network?actor=", [f"/api/network?actor=%23{i}" for i in ids]),
        ("api", "GET /api/network?actor=&depth=2", [f"/api/network?actor=%23{i}&depth=2" for i in ids]),
        ("api", "GET /api/network/path", [f"/api/network/path?a={a}&b={b}" for a, b in pairs]),
        ("api", "GET /api/network/communities", ["/api/network/communities"]),
        ("api", "GET /api/map", ["/api/map", "/api/map?type=CONSULT"]),
        ("api", "GET /api/timeline", ["/api/timeline", "/api/timeline?interval=day"]),
        # the routes of the analyst's pages (issue 18)
        ("api", "GET /api/sources", ["/api/sources"]),
        ("api", "GET /api/actors/ID/documents", [f"/api/actors/{i}/documents" for i in ids]),
        ("api", "GET /api/events/DOC:ID", [f"/api/events/{quote(k)}" for k in event_keys]),
        ("api", "GET /api/claims/DOC:ID", [f"/api/claims/{quote(k)}" for k in claim_keys]),
        ("api", "GET /api/stories", ["/api/stories", "/api/stories?offset=100", "/api/stories?since=2005-01"]),
        ("api", "GET /api/stories/ID", [f"/api/stories/{i}" for i in story_ids]),
        ("api", "GET /api/trends?actor=", [f"/api/trends?actor=%23{i}" for i in ids]),
        ("api", "GET /api/trends?q=", [f"/api/trends?q={quote(w)}" for w in words]),
        ("api", "GET /api/watchlist/hits", ["/api/watchlist/hits", "/api/watchlist/hits?status=open"]),
        ("api", "GET /api/events?place_id=", [f"/api/events?place_id={i}" for i in place_ids]),
    ]


PAGE_BUDGET_MS = 1000.0

#: What shows that a page's main content is rendered, beyond ``body[data-ready]`` (a JS predicate).
MAIN_CONTENT = {
    "home": "() => document.querySelector('#summary')",
    "search": "() => document.querySelector('#results ul, #results .notice')",
    "document": "() => document.querySelector('#doc-text')",
    "actor": "() => document.querySelector('#actor-name') && ((window.newsgraphGraph"
    " && window.newsgraphGraph.nodes().length > 0) || document.querySelector('#neighbourhood .notice'))",
    "network": "() => window.newsgraphGraph && window.newsgraphGraph.nodes().length > 0",
    "map": "() => document.querySelector('#land') && document.querySelector('svg.map .marker')",
    # the analyst's pages (issue 18): their list or record is drawn (or says there is none)
    "events": "() => document.querySelector('#event-results, #events-box .card .notice')",
    "event": "() => document.querySelector('#event-sentence')",
    "claims": "() => document.querySelector('#claim-results, #claims-box .card .notice')",
    "claim": "() => document.querySelector('#claim-text')",
    "stories": "() => document.querySelector('#story-results, #stories-box .card .notice')",
    "story": "() => document.querySelector('#story-articles')",
    "hits": "() => document.querySelector('#hit-results, #hits-box .card .notice')",
    "hit": "() => document.querySelector('#hit-entry')",
    "path": "() => document.querySelector('#paths .path-hop, #path-box .card .notice')",
    "trends": "() => (window.newsgraphCharts && window.newsgraphCharts.events)"
    " || document.querySelector('#trends-box .card .notice')",
    "communities": "() => document.querySelector('#community-results, #communities-box .card .notice')",
}


def page_plan(client: httpx.Client) -> list[tuple[str, str, list[str]]]:
    """(kind, label, URLs to cycle through) of the pages: realistic picks from what the store holds."""
    top = client.get("/api/actors", params={"limit": 3}).json()["items"]
    some = client.get("/api/actors", params={"limit": 3, "offset": 200}).json()["items"]
    docs = [d["id"] for d in client.get("/api/documents", params={"limit": 3, "offset": 500}).json()["items"]]
    return [
        ("home", "/", ["/"]),
        ("search", "/search?q=", [f"/search?q={quote(w)}" for w in ("election", "mobile phones", "Blair")]),
        ("document", "/documents/ID", [f"/documents/{quote(d)}" for d in docs]),
        ("actor", "/actors/ID (hubs)", [f"/actors/{a['id']}" for a in top]),
        ("actor", "/actors/ID (others)", [f"/actors/{a['id']}" for a in some]),
        ("network", "/network", ["/network"]),
        ("network", "/network?actor=HUB&depth=2", [f"/network?actor=%23{a['id']}&depth=2" for a in top]),
        ("map", "/map", ["/map"]),
        *analyst_pages(client, top),
    ]


def analyst_pages(client: httpx.Client, top: list[dict[str, Any]]) -> list[tuple[str, str, list[str]]]:
    """The analyst's pages (issue 18), on records the store holds; a hit's page only when there are hits."""
    events = client.get("/api/events", params={"limit": 3, "offset": 100}).json()["items"]
    claims = client.get("/api/claims", params={"limit": 3, "offset": 100}).json()["items"]
    stories = client.get("/api/stories", params={"limit": 3}).json()["items"]
    hits = client.get("/api/watchlist/hits", params={"limit": 3}).json()["items"]
    ids = [a["id"] for a in top]
    pages = [
        ("events", "/events", ["/events", "/events?type=CONSULT", f"/events?actor_id={ids[0]}"]),
        ("event", "/events/DOC:ID", [f"/events/{quote(e['document'] + ':' + e['id'])}" for e in events]),
        ("claims", "/claims", ["/claims", f"/claims?speaker={quote(top[0]['name'])}", "/claims?modality=hedged"]),
        ("claim", "/claims/DOC:ID", [f"/claims/{quote(c['document'] + ':' + c['id'])}" for c in claims]),
        ("stories", "/stories", ["/stories", "/stories?offset=20"]),
        ("story", "/stories/ID", [f"/stories/{s['id']}" for s in stories]),
        ("hits", "/hits", ["/hits", "/hits?status=open"]),
        ("path", "/path?a=&b=", [f"/path?a=%23{a}&b=%23{b}" for a, b in zip(ids, ids[1:] + ids[:1], strict=True)]),
        ("trends", "/trends?actor=", [f"/trends?actor=%23{i}" for i in ids]),
        ("communities", "/communities", ["/communities"]),
    ]
    if hits:
        views = [
            f"/hits/view?name={quote(h['screened_name'])}&list={quote(h['list'])}&reference={quote(h['reference'])}"
            for h in hits
        ]
        pages.insert(7, ("hit", "/hits/view", views))
    return pages


def time_pages(base: str, client: httpx.Client, loads: int, only: list[str] | None = None) -> list[str]:
    """Time every page of :func:`page_plan` (those whose label holds one of ``only``, when given)
    in Chromium; print a table; return the slow ones."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("pages: playwright is not installed (pip install -r requirements.lock): skipped")
        return []
    chromium = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        print(f"pages: {chromium} is absent (scripts/test-setup.sh installs it): skipped")
        return []
    slow = []
    head = f"{'n':>4} {'first':>8} {'p50':>8} {'p95':>8} {'max':>8} {'cpu p50':>8} {'cpu/load':>8}"
    print(f"\n{'page (to main content rendered)':<42} {head}  (ms)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--headless", "--no-sandbox", "--disable-gpu"])
        browser_cdp = browser.new_browser_cdp_session()
        try:
            for kind, label, urls in page_plan(client):
                if only and not any(word in label for word in only):
                    continue
                context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base)
                # in the page, from its navigation start: the first frame painted once the page's
                # module is done and its main content is there
                context.add_init_script(
                    f"window.__ngCheck = {MAIN_CONTENT[kind]};"
                    "(function poll() { try { if (document.body && window.__ngCheck()) {"
                    " requestAnimationFrame(() => requestAnimationFrame(() =>"
                    " { window.__ngMain = performance.now(); })); return; } } catch (e) {}"
                    " requestAnimationFrame(poll); })();"
                )
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))

                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                busy: list[float] = []

                def task_seconds(cdp: Any = cdp) -> float:
                    metrics = cdp.send("Performance.getMetrics")["metrics"]
                    return float(next((m["value"] for m in metrics if m["name"] == "TaskDuration"), 0.0))

                def load(url: str, page: Any = page, busy: list[float] = busy) -> float:
                    before = task_seconds()
                    page.goto(url, wait_until="commit")
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline:
                        try:
                            done = page.evaluate("() => window.__ngMain || 0")
                        except Exception:  # the page is still being replaced
                            done = 0
                        if done:
                            after = task_seconds()  # the counter restarts with a new document
                            busy.append((after - before if after >= before else after) * 1000)
                            return float(done)
                        time.sleep(0.01)
                    raise SystemExit(f"bench/web.py: {url} did not render its main content within 60 s")

                first = load(urls[0])
                busy.clear()
                cpu0 = process_seconds(browser_cdp)
                times = sorted(load(urls[k % len(urls)]) for k in range(loads))
                cpu_per_load = (process_seconds(browser_cdp) - cpu0) * 1000 / loads
                context.close()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                flag = ""
                if p95 > PAGE_BUDGET_MS:
                    flag = "  SLOW (p95 > 1 s)"
                    slow.append(label)
                if errors:
                    flag += f"  script errors: {errors[:2]}"
                cells = f"{len(times):>4} {first:>8.0f} {statistics.median(times):>8.0f} {p95:>8.0f} {times[-1]:>8.0f}"
                cells += f" {statistics.median(busy) if busy else float('nan'):>8.0f} {cpu_per_load:>8.0f}"
                print(f"{label:<42} {cells}{flag}", flush=True)
        finally:
            browser.close()
    return slow


def process_seconds(cdp: Any) -> float:
    """CPU seconds used so far by the browser's renderer and GPU processes (those that draw pages)."""
    info = cdp.send("SystemInfo.getProcessInfo")["processInfo"]
    return float(sum(p["cpuTime"] for p in info if p["type"] in ("renderer", "GPU")))


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of the process ``pid`` (Linux /proc), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_route(client: httpx.Client, urls: list[str], n: int, seconds: float, pid: int) -> dict[str, Any]:
    """One warm-up request (reported as ``first``: imports, a cold cache), then ``n`` timed ones
    cycling through ``urls`` (each URL is cold the first time it comes round)."""
    statuses: dict[int, int] = {}

    def one(url: str) -> float:
        t0 = time.perf_counter()
        r = client.get(url)
        _ = r.content
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        return (time.perf_counter() - t0) * 1000

    first = one(urls[0])
    cpu0 = cpu_seconds(pid)
    times: list[float] = []
    deadline = time.monotonic() + seconds
    for k in range(n):
        times.append(one(urls[k % len(urls)]))
        if time.monotonic() > deadline:
            break
    cpu1 = cpu_seconds(pid)
    cpu = (cpu1 - cpu0) * 1000 / len(times) if cpu0 is not None and cpu1 is not None else float("nan")
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": p95,
        "max": times[-1],
        "first": first,
        "cpu": cpu,
        "statuses": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="A store to time (default: the cached BBC store, built if missing).")
    parser.add_argument("--requests", type=int, default=50, help="Requests per route.")
    parser.add_argument("--seconds", type=float, default=30.0, help="At most this long per route.")
    parser.add_argument("--workers", type=int, default=2, help="Worker processes when building the BBC store.")
    parser.add_argument("--loads", type=int, default=5, help="Timed loads per page in the browser (0: no pages).")
    parser.add_argument("--no-api", action="store_true", help="Time the pages only.")
    parser.add_argument(
        "--pages", help="Time only the pages whose label holds one of these comma-separated words (network,actor)."
    )
    args = parser.parse_args()

    db = args.db or default_db()
    if not db.exists():
        if args.db:
            sys.exit(f"bench/web.py: no store at {db}")
        build_store(db, args.workers)
    else:
        print(f"store: {db} (cached; delete it to time the ingest again)")
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server(db, port)
    print(f"server up on 127.0.0.1:{port} in {time.perf_counter() - t0:.1f} s")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            s = client.get("/api/summary").json()
            print(
                f"store: {s['documents']:,} documents, {s['words']:,} words, {s['actors']:,} actors, "
                f"{s['events']:,} events, {s['claims']:,} claims, {s['relations']:,} relations"
            )
            t0 = time.perf_counter()
            client.get("/api/network/communities")  # waits for the server's background warm-up
            print(f"waited {time.perf_counter() - t0:.1f} s for the server's warm-up (whole-store answers cached)")
            print(f"load before: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
            only = [w for w in (args.pages or "").split(",") if w]
            slow_pages = time_pages(f"http://127.0.0.1:{port}", client, args.loads, only) if args.loads > 0 else []
            print(f"\n{'route':<42} {'n':>4} {'first':>8} {'p50':>8} {'p95':>8} {'max':>8} {'cpu/req':>8}  (ms)")
            slow = []
            base = None
            for group, route, urls in [] if args.no_api else plan(client):
                m = time_route(client, urls, args.requests, args.seconds, proc.pid)
                bad = {k: v for k, v in m["statuses"].items() if k >= 400}
                flag = ""
                if group != "baseline" and m["p95"] > BUDGET_MS:
                    flag = "  SLOW (p95 > 300 ms)"
                    slow.append(route)
                if bad:
                    flag += f"  errors {bad}"
                if group == "baseline":
                    base = m["p50"] if base is None else max(base, m["p50"])
                cells = f"{m['n']:>4} {m['first']:>8.1f} {m['p50']:>8.1f} {m['p95']:>8.1f} {m['max']:>8.1f}"
                cells += f" {m['cpu']:>8.1f}"
                print(f"{route:<42} {cells}{flag}", flush=True)
            if base is not None:
                print(f"\nbaseline p50 (static file, cached OpenAPI): {base:.1f} ms")
            print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")
            if args.loads > 0:
                print("every page under 1 s p95" if not slow_pages else f"pages over 1 s p95: {', '.join(slow_pages)}")
            if not args.no_api:
                print("all routes under 300 ms p95" if not slow else f"over 300 ms p95: {', '.join(slow)}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
