"""What the Monitoring page and the briefing pack show of in-year monitoring, for a view (its scope and year) and a month:
one pure function, so the page and the pack never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_layer import monitoring_metrics as mm
from data_layer.views import View


@dataclass(frozen=True)
class MonitoringFigures:
    """In-year monitoring for one scope, year and month; money in pounds (Decimal)."""

    periods: list[str]  # the months (or quarters) reported in the year, oldest first
    period: str | None  # the month shown: the latest unless another is chosen
    previous_period: str | None  # the report before it, for "movement since"
    by_service: pd.DataFrame = field(default_factory=pd.DataFrame)  # mm.service_variances
    by_directorate: pd.DataFrame = field(default_factory=pd.DataFrame)  # mm.rollup(..., "directorate")
    total: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row: the scope
    exceptions: pd.DataFrame = field(default_factory=pd.DataFrame)  # adverse, Amber or Red, worst first
    path: pd.DataFrame = field(default_factory=pd.DataFrame)  # the scope's forecast month by month (up to the month shown)
    path_by_directorate: pd.DataFrame = field(default_factory=pd.DataFrame)
    questions: list[str] = field(default_factory=list)  # e.g. "Forecast overspend ... has grown 3 months running"
    capital_period: str | None = None  # the latest capital report up to the month shown
    capital: pd.DataFrame = field(default_factory=pd.DataFrame)  # mm.capital_programme
    capital_total: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row: the scope's programme
    band_rule: str = ""

    @property
    def empty(self) -> bool:
        return self.period is None and self.capital_period is None


def monitoring_figures(view: View, period: str | None = None) -> MonitoringFigures:
    """The view's monitoring as at `period` (None or a month not reported: the latest), with the month before it,
    the scope's total named as the view's scope ("Whole council" or the directorate). Worked out once per view and
    month, then kept with the view (never changed in place)."""
    found = view._monitoring.get(period)
    if found is None:
        found = view._monitoring[period] = _figures(view, period)
    return found


def _figures(view: View, period: str | None) -> MonitoringFigures:
    lines, schemes, thresholds = view.monitoring, view.capital, view.thresholds
    rule = mm.band_rule(thresholds)
    periods = _periods(lines)
    if period not in periods:
        period = periods[-1] if periods else None
    capital_periods = _periods(schemes)
    if period is not None:
        end = lines.loc[lines["period"] == period, "period_end"].iloc[0]
        capital_periods = [p for p in capital_periods if schemes.loc[schemes["period"] == p, "period_end"].iloc[0] <= end]
    capital_period = capital_periods[-1] if capital_periods else None
    capital = mm.capital_programme(schemes, capital_period, thresholds) if capital_period else pd.DataFrame()
    capital_total = mm.capital_totals(capital, "council") if capital_period else pd.DataFrame()
    if period is None:
        return MonitoringFigures(periods, None, None, capital_period=capital_period, capital=capital,
                                 capital_total=_named(capital_total, view.filters.scope), band_rule=rule)
    previous = periods[periods.index(period) - 1] if periods.index(period) > 0 else None
    upto = lines[lines["period_end"] <= end]
    by_service = mm.service_variances(upto, period, thresholds)
    year = str(lines["financial_year"].iloc[0])
    path = _named(mm.forecast_path(upto, year, "council"), view.filters.scope)
    questions = [question for question in [mm.path_question(path, view.filters.scope)] if question]
    return MonitoringFigures(
        periods=periods, period=period, previous_period=previous, by_service=by_service,
        by_directorate=mm.rollup(by_service, "directorate", thresholds),
        total=_named(mm.rollup(by_service, "council", thresholds), view.filters.scope),
        exceptions=mm.exceptions(by_service), path=path,
        path_by_directorate=mm.forecast_path(upto, year, "directorate"), questions=questions,
        capital_period=capital_period, capital=capital, capital_total=_named(capital_total, view.filters.scope), band_rule=rule,
    )


def _periods(frame: pd.DataFrame) -> list[str]:
    if frame.empty:
        return []
    return list(frame[["period", "period_end"]].drop_duplicates().sort_values("period_end")["period"])


def _named(frame: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The whole-council row (or path) named for the view's scope: "Finance & HR", not "Whole council", for a directorate."""
    if frame.empty or "name" not in frame:
        return frame
    return frame.assign(name=frame["name"].replace({mm.WHOLE_COUNCIL: scope}))
