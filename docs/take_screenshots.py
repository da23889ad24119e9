"""Screenshots of every page on the sample council, at 1366x768, for the README.

Run: .venv/bin/python docs/take_screenshots.py   (needs Debian's Chromium at /usr/bin/chromium:
apt-get install -y chromium; no browser is ever downloaded). Writes docs/screenshots/*.png.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PAGES = {"overview": "", "budget": "budget", "savings": "savings", "performance": "performance", "service-plan": "service_plan",
         "import": "import_returns", "history": "history", "settings": "settings"}
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    port = free_port()
    database = Path(tempfile.mkdtemp()) / "screenshots.db"
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SIGHTLINE_LOAD_SAMPLE": "1"}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true"], cwd=ROOT, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_FLAGS)
            # A laptop screen, then the whole page (Streamlit scrolls inside its own container,
            # so a tall window is the way to see everything at once).
            for suffix, height in (("", 768), ("-full", 4200)):
                page = browser.new_page(viewport={"width": 1366, "height": height})
                for name, path in PAGES.items():
                    page.goto(f"http://localhost:{port}/{path}")
                    page.wait_for_selector("h1", timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(3000)  # charts finish drawing
                    page.screenshot(path=str(OUT / f"{name}{suffix}.png"))
                    print(f"wrote docs/screenshots/{name}{suffix}.png")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
