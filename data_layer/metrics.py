"""Pure analytics: frames in, frames out. No database, no Streamlit.

Money and KPI values are Decimal objects in object columns, so totals and bands are exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from data_layer.banding import (
    BANDS,
    MOST_INDICATORS,
    NO_DATA_BAND,
    band_for,
    direction_of_travel,
    overall_band,
)
from data_layer.periods import period_from_label
from data_layer.values import parse_measure

ONE_DP = Decimal("0.1")


def percent_change(change: Decimal | None, base: Decimal | None) -> Decimal | None:
    """Change as a percentage of the absolute base (so income budgets read right), to 1 dp.

    None when there is no base or the base is zero (no percentage exists).
    """
    if change is None or base is None or base == 0:
        return None
    return (change / abs(base) * 100).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def budget_trends(budget: pd.DataFrame) -> pd.DataFrame:
    """Net budget per service per year with the change from the service's previous year.

    Expects columns directorate, service, year (e.g. '2012/13'), net_budget (Decimal).
    A service with no budget for the year before shows no change (it is new that year),
    never a 100% change. Adds change, change_pct and direction ('favourable': less net cost
    or more net income; 'adverse'; 'no change'; 'new').
    """
    columns = [*budget.columns, "change", "change_pct", "direction"]
    if budget.empty:
        return pd.DataFrame(columns=columns)
    frame = budget.copy()
    frame["start_year"] = frame["year"].map(lambda label: period_from_label(label).start.year)
    frame = frame.sort_values(["directorate", "service", "start_year"])
    previous = {(row.service, row.start_year): row.net_budget for row in frame.itertuples()}
    first_year = frame["start_year"].min()
    changes, percents, directions = [], [], []
    for row in frame.itertuples():
        before = previous.get((row.service, row.start_year - 1))
        if before is None:
            changes.append(None)
            percents.append(None)
            # Before the first year loaded there is nothing to compare; later, the service is new.
            directions.append(None if row.start_year == first_year else "new")
            continue
        change = row.net_budget - before
        changes.append(change)
        percents.append(percent_change(change, before))
        directions.append("no change" if change == 0 else ("favourable" if change < 0 else "adverse"))
    frame["change"] = changes
    frame["change_pct"] = percents
    frame["direction"] = directions
    return frame.drop(columns="start_year").reset_index(drop=True)


def savings_totals(savings: pd.DataFrame) -> pd.DataFrame:
    """Savings per directorate per period (multi-year periods kept whole), exact."""
    if savings.empty:
        return pd.DataFrame(columns=["directorate", "period", "period_end", "amount"])
    grouped = (
        savings.groupby(["directorate", "period", "period_end"], sort=False)["amount"]
        .agg(lambda amounts: sum(amounts, Decimal(0)))
        .reset_index()
    )
    return grouped.sort_values(["directorate", "period_end"]).reset_index(drop=True)


def band_values(values: pd.DataFrame, *, default_tolerance: Decimal) -> pd.DataFrame:
    """Band every indicator value: adds computed_band, band (an officer override wins), reason, polarity_used.

    Expects target_text, actual_text, polarity (or None), tolerance (or None), override_band.
    """
    frame = values.copy()
    computed, reasons, polarities = [], [], []
    for row in frame.itertuples():
        tolerance = row.tolerance if row.tolerance is not None and not pd.isna(row.tolerance) else default_tolerance
        result = band_for(parse_measure(row.target_text), parse_measure(row.actual_text),
                          polarity=row.polarity if isinstance(row.polarity, str) else None, tolerance=tolerance)
        computed.append(result.band)
        reasons.append(result.reason)
        polarities.append(result.polarity)
    frame["computed_band"] = computed
    frame["computed_reason"] = reasons
    frame["polarity_used"] = polarities
    overrides = list(frame["override_band"]) if "override_band" in frame else [None] * len(frame)
    override_reasons = list(frame["override_reason"]) if "override_reason" in frame else [None] * len(frame)
    bands, shown_reasons = [], []
    for override, why, band, reason in zip(overrides, override_reasons, computed, reasons, strict=True):
        if isinstance(override, str) and override:
            # The officer's judgement wins for display and roll-ups; the computed band stays in the reason.
            bands.append(override)
            shown_reasons.append(f"{reason}. Officer override to {override}: {why}")
        else:
            bands.append(band)
            shown_reasons.append(reason)
    frame["band"] = bands
    frame["reason"] = shown_reasons
    return frame


def latest_values(banded: pd.DataFrame, *, financial_year: str | None = None) -> pd.DataFrame:
    """Each indicator at its latest period (within `financial_year` if given), with direction of travel.

    Direction compares with the indicator's previous value of the same frequency.
    """
    if banded.empty:
        return banded.assign(direction=pd.Series(dtype=object), previous_actual=pd.Series(dtype=object))
    frame = banded.sort_values(["indicator_id", "period_end"])
    if financial_year:
        frame_in_year = frame[frame["financial_year"] == financial_year]
    else:
        frame_in_year = frame
    latest = frame_in_year.groupby("indicator_id", sort=False).tail(1).copy()
    directions, previous_actuals = [], []
    for row in latest.itertuples():
        earlier = frame[(frame["indicator_id"] == row.indicator_id) & (frame["period_end"] < row.period_end)
                        & (frame["period_kind"] == row.period_kind)]
        if earlier.empty:
            directions.append(None)
            previous_actuals.append(None)
            continue
        before = earlier.iloc[-1]
        directions.append(direction_of_travel(parse_measure(before["actual_text"]), parse_measure(row.actual_text), row.polarity_used))
        previous_actuals.append(before["actual_text"])
    latest["direction"] = directions
    latest["previous_actual"] = previous_actuals
    return latest.reset_index(drop=True)


def scorecard(latest: pd.DataFrame, services: pd.DataFrame, *, rule: str = MOST_INDICATORS) -> pd.DataFrame:
    """Per service: counts of Green, Amber, Red and No data and the overall band.

    Every service in `services` (directorate, service) appears, with zeros when it has no
    indicators; overall is No data then.
    """
    rows = []
    for service in services.itertuples():
        bands = list(latest.loc[latest["service"] == service.service, "band"]) if not latest.empty else []
        rows.append({
            "directorate": service.directorate,
            "service": service.service,
            "green": bands.count("Green"),
            "amber": bands.count("Amber"),
            "red": bands.count("Red"),
            "no_data": bands.count(NO_DATA_BAND),
            "overall": overall_band(bands, rule),
        })
    return pd.DataFrame(rows, columns=["directorate", "service", "green", "amber", "red", "no_data", "overall"])


def overview_figures(trends: pd.DataFrame, totals: pd.DataFrame, cards: pd.DataFrame) -> dict[str, object]:
    """Headline figures for the council: latest net budget and change, savings, band counts.

    The latest year is the latest budget year loaded; savings are for that year and over the
    whole plan (every period loaded, multi-year periods included).
    """
    figures: dict[str, object] = {"year": None, "net_budget": None, "change": None, "change_pct": None,
                                  "savings_this_year": None, "savings_plan": None}
    if not trends.empty:
        years = sorted(trends["year"].unique(), key=lambda label: period_from_label(label).end)
        year = years[-1]
        this_year = trends[trends["year"] == year]
        net_budget = sum(this_year["net_budget"], Decimal(0))
        figures.update(year=year, net_budget=net_budget)
        if len(years) > 1:
            last_year = sum(trends.loc[trends["year"] == years[-2], "net_budget"], Decimal(0))
            figures.update(change=net_budget - last_year, change_pct=percent_change(net_budget - last_year, last_year))
    if not totals.empty:
        figures["savings_plan"] = sum(totals["amount"], Decimal(0))
        if figures["year"] is not None:
            figures["savings_this_year"] = sum(totals.loc[totals["period"] == figures["year"], "amount"], Decimal(0))
    for column in ("green", "amber", "red", "no_data"):
        figures[column] = int(cards[column].sum()) if not cards.empty else 0
    return figures


__all__ = ["overview_figures", "BANDS", "band_values", "budget_trends", "latest_values", "percent_change", "savings_totals", "scorecard"]
