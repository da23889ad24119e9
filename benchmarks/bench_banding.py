"""Benchmark: band, roll up and find the direction of travel of 1,000,000 indicator values.

Run: .venv/bin/python -m benchmarks.bench_banding [--values N] [--repeat K]
Not a test: it prints times (median of K runs) beside a floor measured in the same run,
factorising the two text columns (the least any banding of texts must do).
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from benchmarks.timing import median_time
from data_layer import metrics
from data_layer.banding import band_reasons
from data_layer.periods import month

TARGETS = ["90%", "90%+", "3.4+", "<12", "<= 20", "85", "98.5%", "<£3,500 per fte", "YES", "Achieve", "> 50", "100%", "0"]
PLACEHOLDERS = ["N/A", "TBC", "Not recorded", "-"]


def synthetic_values(count: int, seed: int = 2012) -> pd.DataFrame:
    """Deterministic indicator values as real returns write them: 12 months per indicator."""
    rng = np.random.default_rng(seed)
    indicators = -(-count // 12)  # enough indicators for at least `count` values
    count = indicators * 12
    months = [month(2012 + (m + 3) // 12, (m + 3) % 12 + 1) for m in range(12)]  # Apr 2012 .. Mar 2013
    indicator_id = np.repeat(np.arange(indicators), 12)
    month_index = np.tile(np.arange(12), indicators)
    target = np.array(TARGETS, dtype=object)[rng.integers(0, len(TARGETS), indicators)][indicator_id]
    numbers = rng.normal(90, 12, count).round(1)
    forms = rng.integers(0, 100, count)
    actual = np.where(forms < 60, numbers.astype(str), np.char.add(numbers.astype(str), "%")).astype(object)
    actual[(forms >= 90) & (forms < 94)] = "Yes"
    placeholder_rows = forms >= 97
    actual[placeholder_rows] = np.array(PLACEHOLDERS, dtype=object)[rng.integers(0, len(PLACEHOLDERS), placeholder_rows.sum())]
    services = indicator_id // 8
    return pd.DataFrame({
        "indicator_id": indicator_id,
        "indicator": [f"Indicator {i}" for i in indicator_id],
        "service": [f"Service {s}" for s in services],
        "directorate": [f"Directorate {s // 10}" for s in services],
        "period": [months[m].label for m in month_index],
        "period_kind": "month",
        "period_end": [months[m].end for m in month_index],
        "financial_year": "2012/13",
        "target_text": target,
        "actual_text": actual,
        "polarity": None,
        "tolerance": None,
        "override_band": None,
        "override_reason": None,
    })


def timed(work, repeat: int) -> tuple[float, object]:
    """The median time of `repeat` runs, and what the work returned."""
    return median_time(work, repeat), work()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    values = synthetic_values(arguments.values)
    services = values[["directorate", "service"]].drop_duplicates()
    tolerance = Decimal(10)

    floor, _ = timed(lambda: (pd.factorize(values["target_text"]), pd.factorize(values["actual_text"])), arguments.repeat)
    band_time, banded = timed(lambda: metrics.band_values(values, default_tolerance=tolerance), arguments.repeat)
    latest_time, latest = timed(lambda: metrics.latest_values(banded, reasons=False), arguments.repeat)
    rollup_time, _ = timed(lambda: [metrics.scorecard(latest, services, level=level) for level in ("service", "directorate", "council")],
                           arguments.repeat)
    sample = latest.head(1000)
    reasons_time, _ = timed(lambda: band_reasons(sample, default_tolerance=tolerance), arguments.repeat)

    total = band_time + latest_time + rollup_time
    counts = banded["band"].value_counts().to_dict()
    print(f"{len(values):,} indicator values, {values['indicator_id'].nunique():,} indicators, {len(services):,} services "
          f"(median of {arguments.repeat}) on {date.today():%d %b %Y}")
    print(f"  floor: factorise the two text columns      {floor:7.3f} s")
    print(f"  band every value (exact, vectorised)        {band_time:7.3f} s   {band_time / floor:5.1f}x floor")
    print(f"  latest value + direction of travel          {latest_time:7.3f} s")
    print(f"  roll-ups: service, directorate, council     {rollup_time:7.3f} s")
    print(f"  total: band and roll up                     {total:7.3f} s   {total / floor:5.1f}x floor")
    print(f"  reasons, per 1,000 rows shown               {reasons_time:7.3f} s")
    print(f"  bands: {counts}")


if __name__ == "__main__":
    main()
