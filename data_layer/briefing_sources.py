"""Which returns a briefing pack's figures come from, for its cover: pure, a View in, two lists of words out."""

from __future__ import annotations

import json

import pandas as pd

from data_layer.monitoring_view import MonitoringFigures, monitoring_figures
from data_layer.periods import period_from_label
from data_layer.views import View

# Other kinds of history entry carry no figures; restores and withdrawals carry the values they bring back.
_NO_FIGURES = ("settings",)


def returns_for_period(view: View, in_year: MonitoringFigures | None = None,
                       plans: pd.DataFrame | None = None) -> tuple[list[str], list[str]]:
    """The returns whose figures are for the view's year (and KPI period), and those the pack draws on for other years only.

    A load's years are those of its current figures in scope (budget lines, savings lines, indicator values up to the
    KPI period). A monitoring return counts when the pack shows its lines (up to the month it reports, `in_year`, the
    view's latest when not given) or its capital schemes at that month, whatever the KPI period. A risk register or
    action plan counts when the pack shows (or compares with) its rows, `plans` (briefing_plans.PlanFigures.drawn_on:
    file_name, loaded_at, day), for the year when one of them is dated in it, else for other years. A load none of whose
    figures is in the pack (a 2013/14 draft in a 2012/13 pack, one whose values a later load replaced) is left off. A
    load holding only services, objectives or risks cannot be dated (those are not stored with their return), so it
    is kept.
    """
    if view.loads.empty:
        return [], []
    kpi_period = view.headline.get("kpi_period")
    year = period_from_label(view.year) if view.year else None
    until = period_from_label(str(kpi_period)).end if kpi_period else (year.end if year else None)
    held: dict[tuple[str, object], set[str]] = {}
    indicators = view.indicators
    if until is not None and not indicators.empty:
        indicators = indicators[indicators["period_end"] <= until]
    for facts, column in ((view.budget_lines, "year"), (view.savings, "period"), (indicators, "period")):
        if facts.empty or "file_name" not in facts:
            continue
        for (file_name, loaded_at), labels in facts.groupby(["file_name", "loaded_at"], observed=True)[column]:
            held.setdefault((file_name, pd.Timestamp(loaded_at)), set()).update(labels.unique())
    shown = _monitoring_loads(view, monitoring_figures(view) if in_year is None else in_year)
    if plans is None:
        from data_layer.briefing_plans import plan_figures  # it builds on the briefing, which lists these sources

        plans = plan_figures(view).drawn_on
    planned = {(file_name, pd.Timestamp(loaded_at)): set(days)
               for (file_name, loaded_at), days in plans.groupby(["file_name", "loaded_at"])["day"]} if not plans.empty else {}

    def for_period(label: str) -> bool:
        if year is None:
            return True
        span = period_from_label(label)
        return span.start <= year.end and span.end >= year.start and (until is None or span.start <= until)

    sources, others = [], []
    for row in view.loads.itertuples():
        if row.kind in _NO_FIGURES:
            continue
        words = f"{row.file_name}, loaded {pd.Timestamp(row.loaded_at):%d %b %Y %H:%M} by {row.loaded_by}"
        key = (row.file_name, pd.Timestamp(row.loaded_at))
        labels = held.get(key, set())
        days = planned.get(key, set())
        if key in shown or any(for_period(label) for label in labels) or any(year is None or day >= year.start for day in days):
            sources.append(words)
        elif labels or days:
            others.append(words)
        elif _holds_undated(row.counts_json):
            sources.append(words)
    return sources, others


def _monitoring_loads(view: View, in_year: MonitoringFigures) -> set[tuple[str, pd.Timestamp]]:
    """The loads (file, when) of the monitoring lines up to the month the pack shows, and of its capital schemes."""
    chosen = []
    lines, schemes = view.monitoring, view.capital
    if in_year.period is not None and not lines.empty and "file_name" in lines:
        end = lines.loc[lines["period"] == in_year.period, "period_end"].max()
        chosen.append(lines[lines["period_end"] <= end])
    if in_year.capital_period is not None and not schemes.empty and "file_name" in schemes:
        chosen.append(schemes[schemes["period"] == in_year.capital_period])
    return {(file_name, pd.Timestamp(loaded_at)) for facts in chosen
            for file_name, loaded_at in facts[["file_name", "loaded_at"]].drop_duplicates().itertuples(index=False)}


def _holds_undated(counts_json: object) -> bool:
    """Whether a load stored services, objectives, risks or staff (facts the view does not tie to their return)."""
    try:
        counts = json.loads(counts_json) if isinstance(counts_json, str) else {}
    except ValueError:
        return True  # cannot tell: keep it
    return any(int(counts.get(kind, 0) or 0) > 0 for kind in ("services", "key objectives", "budget risks", "staff FTEs"))


__all__ = ["returns_for_period"]
