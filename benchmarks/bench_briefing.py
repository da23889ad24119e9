"""Benchmark: a briefing pack for the whole sample council, in each format.

Run: .venv/bin/python -m benchmarks.bench_briefing [--repeat K]
Not a test. Prints the median time of each format beside the floor of building the content
model alone, and beside starting and closing Chromium (the floor of printing any PDF).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sqlmodel import Session

from benchmarks.timing import median_time
from data_layer.briefing import build_briefing
from data_layer.briefing_render import CHROMIUM, CHROMIUM_FLAGS, to_html, to_pdf, to_pptx
from data_layer.db import get_engine
from data_layer.sample import load_sample_data
from data_layer.views import Filters, build_view, read_council_data


def chromium_floor() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    with Session(get_engine(url)) as session:
        load_sample_data(session=session)
        session.commit()
        data = read_council_data(session=session)
    model = median_time(lambda: build_briefing(build_view(data, Filters())), arguments.repeat)
    briefing = build_briefing(build_view(data, Filters()))
    floor = median_time(chromium_floor, arguments.repeat)
    html = median_time(lambda: to_html(briefing), arguments.repeat)
    pdf = median_time(lambda: to_pdf(briefing), arguments.repeat)
    pptx = median_time(lambda: to_pptx(briefing), arguments.repeat)
    print(f"Briefing for the whole sample council, median of {arguments.repeat} runs")
    print(f"  content model (view + briefing)         {model:6.2f} s")
    print(f"  HTML                                    {html:6.2f} s   (+ model: {model + html:5.2f} s)")
    print(f"  PDF                                     {pdf:6.2f} s   (+ model: {model + pdf:5.2f} s); "
          f"floor, start and close Chromium {floor:5.2f} s ({pdf / floor:3.1f}x)")
    print(f"  PowerPoint                              {pptx:6.2f} s   (+ model: {model + pptx:5.2f} s)")
    print(f"  all three formats                       {model + html + pdf + pptx:6.2f} s (target: under 10 s)")


if __name__ == "__main__":
    main()
