"""Benchmark: how long each page takes to load from a warm cache on the sample council.

Run: .venv/bin/python -m benchmarks.bench_pages [--repeat K]
Not a test. For each page it reports, as medians of K runs:
  - warm: a whole page run through AppTest with the caches filled (Streamlit's own overhead included);
  - compute: the page's own work on the cached view (tables and figures), without Streamlit;
beside the floor of an empty Streamlit script run the same way.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.timing import median_time
from data_layer import charts, presentation
from data_layer.views import Filters, build_view, read_council_data
from tests.apptest_support import APP, PAGES, use_real_navigation


def page_compute(view) -> dict[str, callable]:
    """What each page computes from the cached view (the part that is ours, not Streamlit's)."""
    return {
        "pages/overview.py": lambda: presentation.exceptions_table(view.latest),
        "pages/budget.py": lambda: (charts.budget_trend(view.budget_by_directorate, "directorate", ""),
                                    charts.budget_waterfall(view.budget_by_directorate, "directorate", view.year, view.previous_year, ""),
                                    presentation.budget_table(view.budget_by_directorate, ["directorate"], view.year)),
        "pages/savings.py": lambda: (charts.savings_by_period(view.savings_by_directorate, "directorate", view.savings_total, ""),
                                     [presentation.savings_table(rows, ["service"]) for _, rows in view.savings.groupby("directorate")],
                                     presentation.totals_check_table(view.printed_totals)),
        "pages/performance.py": lambda: (charts.scorecard_bars(view.scorecard, "service", ""),
                                         presentation.scorecard_table(view.scorecard), presentation.indicator_table(view.latest)),
        "pages/service_plan.py": lambda: presentation.service_plan(view),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    database = Path(tempfile.mkdtemp()) / "bench.db"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["SIGHTLINE_LOAD_SAMPLE"] = "1"
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_real_navigation(monkeypatch)
        st.cache_data.clear()
        st.cache_resource.clear()
        empty = AppTest.from_string("import streamlit as st\nst.title('floor')", default_timeout=60)
        floor = median_time(lambda: empty.run(), arguments.repeat)
        from sqlmodel import Session

        from data_layer.db import get_engine

        cold_start = time.perf_counter()
        with Session(get_engine(os.environ["DATABASE_URL"])) as session:
            from data_layer.sample import load_sample_data

            load_sample_data(session=session)
            session.commit()
        with Session(get_engine(os.environ["DATABASE_URL"])) as session:
            read = median_time(lambda: read_council_data(session=session), arguments.repeat)
            data = read_council_data(session=session)
        build = median_time(lambda: build_view(data, Filters()), arguments.repeat)
        view = build_view(data, Filters())
        print(f"Sample council, median of {arguments.repeat} runs (setup {time.perf_counter() - cold_start:.2f} s)")
        print(f"  floor: an empty Streamlit script under AppTest   {floor * 1000:7.1f} ms")
        print(f"  cold: read the council from the database        {read * 1000:7.1f} ms")
        print(f"  cold: compute the view for the filters          {build * 1000:7.1f} ms")
        computes = page_compute(view)
        for page in PAGES:
            at = AppTest.from_file(APP, default_timeout=60)
            at.run()
            at.switch_page(page)
            at.run()  # fills the caches for this page
            warm = median_time(lambda at=at: at.run(), arguments.repeat)
            compute = median_time(computes[page], arguments.repeat)
            print(f"  {page:<24} warm page run {warm * 1000:7.1f} ms ({warm / floor:4.1f}x floor); page compute {compute * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
