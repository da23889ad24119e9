"""Time and peak memory of each hostile workbook through `python -m data_layer import`, beside the floor.

    python -m benchmarks.bench_hostile

The floor is the same command importing a small clean return: most of it is starting Python
and importing pandas and SQLAlchemy. The budget each file must keep to (issue 8): under 10 s
and under 1 GB. Each file runs in a process of its own (tests/peak_memory.py), which reports
its own peak memory.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import ROOT, workbook_bytes
from tests.hostile_workbooks import BUDGET, CORPUS

REPEAT = 3


def run(path: Path, database: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one import in a fresh process."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    peak = database.with_suffix(".peak")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "peak_memory.py"), str(peak), "import", str(path),
                             "--db", f"sqlite:///{database}"], cwd=ROOT, env=environment, capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, float(peak.read_text()), result.returncode


def measure(data: bytes, folder: Path, name: str) -> tuple[float, float, int]:
    path = folder / f"{name}.xlsx"
    path.write_bytes(data)
    runs = []
    for attempt in range(REPEAT):
        database = folder / f"{name}-{attempt}.db"
        runs.append(run(path, database))
        database.unlink(missing_ok=True)
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        floor_seconds, floor_mb, _ = measure(workbook_bytes(BUDGET), folder, "clean")
        print(f"{'file':<36} {'seconds':>8} {'x floor':>8} {'peak MB':>8}  result")
        print(f"{'(floor: a clean 2-row return)':<36} {floor_seconds:8.2f} {1:8.2f} {floor_mb:8.0f}  stored")
        worst = (0.0, 0.0)
        for case in CORPUS:
            seconds, peak, code = measure(case.build(), folder, case.name.replace(" ", "-").replace("/", "-"))
            worst = (max(worst[0], seconds), max(worst[1], peak))
            result = {0: "stored", 1: "refused"}.get(code, f"exit {code}")
            print(f"{case.name:<36} {seconds:8.2f} {seconds / floor_seconds:8.2f} {peak:8.0f}  {result}")
        print(f"\nworst: {worst[0]:.2f} s (budget 10 s), {worst[1]:.0f} MB (budget 1,024 MB); median of {REPEAT} runs each")


if __name__ == "__main__":
    main()
