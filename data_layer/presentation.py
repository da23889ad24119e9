"""Words and tables as councillors read them: pure formatting, no Streamlit, no database."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from data_layer.banding import AMBER, RED, band_label
from data_layer.values import format_pounds

DIRECTION_ARROWS = {"improving": "↑ improving", "worsening": "↓ worsening", "no change": "→ no change"}


def money(amount: Decimal | None) -> str:
    """£3,662,000; '–' when there is no figure."""
    return "–" if amount is None else format_pounds(amount)


def freshness_line(loads: pd.DataFrame) -> str:
    """Which returns the figures come from and when each was loaded (newest first)."""
    if loads.empty:
        return "No returns loaded yet."
    parts = [f"{row.file_name} (loaded {pd.Timestamp(row.loaded_at):%d %b %Y %H:%M})" for row in loads.itertuples()]
    return "Figures from " + "; ".join(parts)


def exceptions_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Every Red, then every Amber indicator, with its reason, direction of travel and commentary."""
    columns = ["Band", "Service", "Indicator", "Period", "Reason", "Direction of travel", "Commentary"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    off_track = latest[latest["band"].isin([RED, AMBER])].copy()
    off_track["_order"] = off_track["band"].map({RED: 0, AMBER: 1})
    off_track = off_track.sort_values(["_order", "directorate", "service", "indicator"])
    return pd.DataFrame({
        "Band": off_track["band"].map(band_label),
        "Service": off_track["service"],
        "Indicator": off_track["indicator"],
        "Period": off_track["period"],
        "Reason": off_track["reason"],
        "Direction of travel": off_track["direction"].map(lambda d: DIRECTION_ARROWS.get(d, "– none") if isinstance(d, str) else "– none"),
        "Commentary": off_track["commentary"].map(lambda c: c if isinstance(c, str) else ""),
    }, columns=columns).reset_index(drop=True)
