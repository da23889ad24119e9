"""Screenshots of every page on the sample council, for the README, at each screen size a councillor reads on.

1366x768 (the common council laptop), 1280x720 and 820x1180 (a tablet upright): docs/screenshots/<page>-<size>.png,
what shows without scrolling; <page>.png and <page>-full.png are the 1366 ones (the whole page in a tall window).

Run: .venv/bin/python docs/take_screenshots.py   (needs Debian's Chromium at /usr/bin/chromium:
apt-get install -y chromium; no browser is ever downloaded). Writes docs/screenshots/*.png. --pages-only leaves out the
briefing's pictures; --only NAME (e.g. --only risks) takes just that page's.
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
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the project's own modules
OUT = ROOT / "docs" / "screenshots"
SIZES = ((1366, 768), (1280, 720), (820, 1180))
PAGES = {"overview": "", "budget": "budget", "savings": "savings", "monitoring": "monitoring", "risks": "risks",
         "performance": "performance", "service-plan": "service_plan", "import": "import_returns", "history": "history",
         "settings": "settings"}
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chosen_pages() -> dict[str, str]:
    """Every page, or the one named after --only."""
    if "--only" not in sys.argv:
        return PAGES
    name = sys.argv[sys.argv.index("--only") + 1]
    return {name: PAGES[name]}


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
            # Each screen size, then the whole page at 1366 (Streamlit scrolls inside its own container,
            # so a tall window is the way to see everything at once).
            shots = [(f"-{w}x{h}", w, h) for w, h in SIZES] + [("", 1366, 768), ("-full", 1366, 4200)]
            for suffix, width, height in shots:
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in chosen_pages().items():
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


def briefing_pictures() -> None:
    """One page of each briefing format: the HTML in the browser, a PDF page, a PowerPoint slide (via LibreOffice)."""
    import shutil

    from sqlmodel import Session

    from data_layer.briefing import build_briefing
    from data_layer.briefing_render import to_html, to_pdf, to_pptx
    from data_layer.db import get_engine
    from data_layer.sample import load_sample_data
    from data_layer.views import Filters, build_view, read_council_data

    work = Path(tempfile.mkdtemp())
    with Session(get_engine(f"sqlite:///{work / 'briefing.db'}")) as session:
        load_sample_data(session=session)
        session.commit()
        briefing = build_briefing(build_view(read_council_data(session=session), Filters()))
    (work / "briefing.html").write_text(to_html(briefing), encoding="utf-8")
    (work / "briefing.pdf").write_bytes(to_pdf(briefing))
    (work / "briefing.pptx").write_bytes(to_pptx(briefing))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto((work / "briefing.html").as_uri())
        page.wait_for_selector(".chart .main-svg")
        page.locator("h2").nth(1).scroll_into_view_if_needed()  # the budget, with its chart
        page.wait_for_timeout(1000)
        page.screenshot(path=str(OUT / "briefing-html.png"))
        browser.close()
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", "-singlefile", str(work / "briefing.pdf"),
                    str(OUT / "briefing-pdf-page")], check=True)  # page 1: the cover and at a glance
    print("wrote docs/screenshots/briefing-html.png and briefing-pdf-page.png")
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work / "slides"), str(work / "briefing.pptx")],
                       check=True, capture_output=True, timeout=180)
        from pptx import Presentation

        titles = [slide.shapes.title.text for slide in Presentation(str(work / "briefing.pptx")).slides]
        number = str(titles.index("Budget") + 1)  # the budget slide, with its native chart
        subprocess.run(["pdftoppm", "-f", number, "-l", number, "-r", "60", "-png", "-singlefile", str(work / "slides" / "briefing.pdf"),
                        str(OUT / "briefing-pptx-slide")], check=True)
        print("wrote docs/screenshots/briefing-pptx-slide.png")
    else:  # no LibreOffice here: the at-a-glance slide drawn from its own shapes (docs/draw_pptx_slides.py)
        from pptx import Presentation

        titles = [slide.shapes.title.text if slide.shapes.title else "" for slide in Presentation(str(work / "briefing.pptx")).slides]
        number = titles.index("At a glance") + 1
        subprocess.run([sys.executable, str(ROOT / "docs" / "draw_pptx_slides.py"), str(work / "briefing.pptx"), str(work / "slide"),
                        str(number)], check=True)
        shutil.copy(work / f"slide-{number:02d}.png", OUT / "briefing-pptx-slide.png")
        print("wrote docs/screenshots/briefing-pptx-slide.png (drawn from the slide's shapes: LibreOffice is not installed)")


if __name__ == "__main__":
    main()
    if "--pages-only" not in sys.argv and "--only" not in sys.argv:
        briefing_pictures()
