"""In-year monitoring at national scale, each figure beside its floor, written into benchmarks/RESULTS.md.

    python -m benchmarks.bench_monitoring [--repeat 3] [--data benchmarks/data]      (part of make bench)

The dataset: one Monitoring return of 350 councils x 40 services x 12 months (168,000 lines), the councils as
directorates of one body as in benchmarks/generate.py, written once into benchmarks/data/. Measured, each in a
process of its own (its peak memory its own):

- import: loading the return through the importer into a fresh database, against reading the same file with
  openpyxl in read-only mode and doing nothing else;
- read: the monitoring lines read from the database as the pages read them, against pandas.read_sql of the table;
- the Monitoring page's compute (the month's variances per service, roll-ups, exceptions, the forecast path for the
  council and per directorate, the page's tables and charts), for the whole council and for one directorate,
  against grouping the month's lines by directorate with pandas.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

from benchmarks.run import DEFAULT_DATA, RESULTS, ROOT, _machine, _seconds
from benchmarks.timing import run_times
from tests.peak_memory import peak_mb

COUNCILS, SERVICES = 350, 40
MONTHS = ["Apr 2021", "May 2021", "Jun 2021", "Jul 2021", "Aug 2021", "Sep 2021", "Oct 2021", "Nov 2021", "Dec 2021",
          "Jan 2022", "Feb 2022", "Mar 2022"]
FILE = "monitoring-national.xlsx"
START, END = "<!-- monitoring benchmarks: written by benchmarks/bench_monitoring.py -->", "<!-- end of monitoring benchmarks -->"


def write_return(path: Path) -> int:
    """The national monitoring return, deterministic: budgets in £000, forecasts drifting month by month."""
    import numpy as np
    import xlsxwriter

    from benchmarks.generate import SERVICE_NAMES, council_names

    rng = np.random.default_rng(20_210_401)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})  # shared strings, as Excel saves
    sheet = book.add_worksheet("Monitoring")
    written = [["Council: National benchmarking club"], ["Revenue monitoring 2021/22, £000"],
               ["Directorate", "Service", "Period", "Budget", "Actual to date", "Forecast outturn", "Variance", "Management action"]]
    for number, values in enumerate(written):
        sheet.write_row(number, 0, values)
    rows = 0
    for council in council_names(COUNCILS):
        budgets = (rng.lognormal(7.0, 1.0, SERVICES)).round().astype(int)
        budgets[rng.random(SERVICES) < 0.1] *= -1
        drift = rng.normal(0.0, 0.01, (SERVICES, len(MONTHS))).cumsum(axis=1)
        for s in range(SERVICES):
            for m, month in enumerate(MONTHS):
                variance = int(round(abs(int(budgets[s])) * float(drift[s, m])))
                forecast = int(budgets[s]) + variance
                actual = int(round(int(budgets[s]) * (m + 1) / 12))
                action = "Recovery plan agreed" if variance > 50 else None
                sheet.write_row(len(written) + rows, 0, [council, f"{council} {SERVICE_NAMES[s]}", month, int(budgets[s]), actual,
                                                         forecast, variance, action])
                rows += 1
    book.close()
    return rows


def _database(data: Path) -> str:
    return f"sqlite:///{data / 'monitoring-national.db'}"


def _view(data: Path, directorate: str | None):  # type: ignore[no-untyped-def]
    from data_layer.db import session_scope
    from data_layer.views import Filters, build_view, read_council_data

    with session_scope(_database(data)) as session:
        council_data = read_council_data(session=session)
    assert council_data is not None
    chosen = council_data.directorates[len(council_data.directorates) // 2] if directorate else None
    return council_data, lambda: build_view(council_data, Filters(directorate=chosen))


def _page(view) -> None:  # type: ignore[no-untyped-def]
    """What the Monitoring page computes: its figures, and (where they exist) its tables and charts."""
    from data_layer.monitoring_view import monitoring_figures

    figures = monitoring_figures(view)
    try:
        from data_layer import monitoring_charts
    except ImportError:
        return
    monitoring_charts.forecast_path_chart(figures.path, "")
    monitoring_charts.variance_chart(figures.by_directorate if view.filters.directorate is None else figures.by_service,
                                     "name" if view.filters.directorate is None else "service", "")


def measure(name: str, data: Path, repeat: int) -> dict[str, object]:
    """Run one measurement in this process; returns its times and peak memory."""
    workbook = data / FILE
    if name == "import-floor":
        import openpyxl

        content = workbook.read_bytes()

        def read_only() -> None:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            for sheet in book.worksheets:
                for _row in sheet.iter_rows():
                    pass
            book.close()
        return {"times": run_times(read_only, repeat), "peak_mb": peak_mb()}
    if name == "import":
        from data_layer.db import session_scope
        from data_layer.loader import import_workbook

        content = workbook.read_bytes()
        runs = iter(range(repeat))

        def load() -> None:
            run = next(runs)  # the first run's database is the one the other measurements read
            target = Path(_database(data).removeprefix("sqlite:///")) if run == 0 else data / f"monitoring-import-{run}.db"
            for leftover in data.glob(f"{target.name}*"):
                leftover.unlink()
            with session_scope(f"sqlite:///{target}", writing=True) as session:
                outcome = import_workbook(session, content, FILE, loaded_by="benchmark")
            assert outcome.stored, outcome.errors[:3]
        return {"times": run_times(load, repeat), "peak_mb": peak_mb()}
    if name == "read-floor":
        import pandas as pd
        import sqlalchemy as sa

        from data_layer.db import get_engine

        engine = get_engine(_database(data))

        def read_table() -> None:
            with engine.connect() as connection:
                pd.read_sql(sa.text("SELECT * FROM monitoringline"), connection)
        return {"times": run_times(read_table, repeat), "peak_mb": peak_mb()}
    if name == "read":
        from data_layer import repository
        from data_layer.db import session_scope

        def read_lines() -> None:
            with session_scope(_database(data)) as session:
                council = repository.council(session=session)
                repository.monitoring(session=session, council_id=council.id)  # type: ignore[union-attr]
        return {"times": run_times(read_lines, repeat), "peak_mb": peak_mb()}
    if name == "page-floor":
        council_data, _build = _view(data, None)
        lines = council_data.monitoring
        latest = lines[lines["period"] == MONTHS[-1]]
        return {"times": run_times(lambda: latest.groupby("directorate", observed=True)["variance"].sum(), repeat), "peak_mb": peak_mb()}
    if name in ("page-council", "page-directorate"):
        _council_data, build = _view(data, name == "page-directorate")
        return {"times": run_times(lambda: _page(build()), repeat), "peak_mb": peak_mb()}
    raise SystemExit(f"unknown measurement {name}")


def _in_own_process(name: str, data: Path, repeat: int) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-m", "benchmarks.bench_monitoring", "--measure", name, "--data", str(data),
                             "--repeat", str(repeat)], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


ROWS = (
    ("import", "Import the 168,000-line monitoring return (read, check, store)", "import-floor", "openpyxl read-only read of the same file"),
    ("read", "Read the monitoring lines as the pages do", "read-floor", "pandas.read_sql of the table"),
    ("page-council", "Monitoring page's compute, the whole council, a month's first showing (figures cached; the view then keeps it)", "page-floor",
     "group the month's lines by directorate with pandas"),
    ("page-directorate", "Monitoring page's compute, one directorate, a month's first showing", "page-floor",
     "group the month's lines by directorate with pandas"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    if arguments.measure:
        print(json.dumps(measure(arguments.measure, arguments.data, arguments.repeat)))
        return
    arguments.data.mkdir(parents=True, exist_ok=True)
    if not (arguments.data / FILE).exists():
        print(f"writing {FILE} (once)...", flush=True)
        print(f"  {write_return(arguments.data / FILE):,} lines", flush=True)
    results, floors = [], {}
    for key, label, floor_key, floor_label in ROWS:
        print(f"measuring {key}...", flush=True)
        ours = _in_own_process(key, arguments.data, arguments.repeat)
        floor = floors.get(floor_key) or _in_own_process(floor_key, arguments.data, arguments.repeat)
        floors[floor_key] = floor
        results.append((label, floor_label, floor, ours, key))
        print(f"  {statistics.median(ours['times']):.3f} s vs floor {statistics.median(floor['times']):.3f} s", flush=True)
    section = _report(results, arguments.repeat)
    text = arguments.out.read_text() if arguments.out.exists() else ""
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: section, text, flags=re.S)
    else:
        marker = "\n## What was changed to get here"
        text = text.replace(marker, "\n" + section + "\n" + marker, 1) if marker in text else text + "\n" + section + "\n"
    arguments.out.write_text(text)
    print(section)


def _report(results, repeat: int) -> str:  # type: ignore[no-untyped-def]
    lines = [START, "## In-year monitoring at national scale", "",
             f"Measured {date.today():%d %B %Y} by `python -m benchmarks.bench_monitoring` (run by `make bench`) on {_machine()}.",
             f"One Monitoring return: {COUNCILS} councils x {SERVICES} services x {len(MONTHS)} months = "
             f"{COUNCILS * SERVICES * len(MONTHS):,} lines, the councils as directorates. Each figure is the median of {repeat} runs "
             "in a process of its own, with that process's peak memory. No targets were set for these; the ratio is the measure.", "",
             "| What | Ours | Floor | Ratio | Peak memory |", "|---|---:|---:|---:|---:|"]
    for label, floor_label, floor, ours, _key in results:
        ours_s, floor_s = statistics.median(ours["times"]), statistics.median(floor["times"])
        lines.append(f"| {label} | {_seconds(ours_s)} | {_seconds(floor_s)} ({floor_label}) | "
                     f"{ours_s / floor_s if floor_s else float('inf'):,.2f}x | {ours['peak_mb']:,.0f} MB |")
    lines += ["", "Every run's times, in seconds:", ""]
    for _label, _floor_label, floor, ours, key in results:
        lines.append(f"- {key}: ours {', '.join(f'{t:.3f}' for t in ours['times'])}; floor {', '.join(f'{t:.3f}' for t in floor['times'])}")
    return "\n".join([*lines, END])


if __name__ == "__main__":
    main()
