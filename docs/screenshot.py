"""Make the README's screenshot: the bundled samples ingested into a fresh store, served on
127.0.0.1, one page taken by headless Chromium (Playwright), as tests/web/test_browser.py does.

    .venv/bin/python docs/screenshot.py [--page /actors/ID] [-o docs/newsgraph.png]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="/network", help="Path of the page to take (default /network).")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "newsgraph.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=760)
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsgraph.web.app import create_app

    db = Path(tempfile.mkdtemp(prefix="newsgraph-shot-")) / "samples.db"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsgraph.cli import main; main()",
            "ingest",
            str(ROOT / "samples"),
            "--db",
            str(db),
        ],
        check=True,
        cwd=ROOT,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"http://127.0.0.1:{port}{args.page}", wait_until="networkidle")
            page.wait_for_timeout(1500)  # the graph's layout settles
            page.screenshot(path=str(args.output))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"{args.output} ({args.output.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
