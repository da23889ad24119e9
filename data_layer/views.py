"""What each page shows for the sidebar's filters: one pure function from the council's data.

`CouncilData` is what the database holds (read once, cached); `build_view` applies the
filters (financial year, KPI period, directorate) and computes every figure through
metrics, so every page honours the same filters the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import pandas as pd
from sqlmodel import Session

from data_layer import metrics, repository
from data_layer.monitoring_metrics import DEFAULT_THRESHOLDS, VarianceThresholds, council_thresholds
from data_layer.periods import YEAR, period_from_label
from data_layer.risk_scale import DEFAULT_SCALE, RiskScale, council_scale

ALL_DIRECTORATES = "All directorates"
LATEST = "Latest"


@dataclass(frozen=True)
class CouncilData:
    """A council's current facts, with every indicator value banded (the slow part, done once)."""

    council: str
    default_tolerance: Decimal
    overall_rule: str
    services: pd.DataFrame
    committees: pd.DataFrame
    budget: pd.DataFrame
    savings: pd.DataFrame
    printed_totals: pd.DataFrame
    banded: pd.DataFrame
    staff: pd.DataFrame
    objectives: pd.DataFrame
    risks: pd.DataFrame
    loads: pd.DataFrame
    # In-year monitoring: every current line of every month, the capital schemes, the council's variance thresholds.
    monitoring: pd.DataFrame = field(default_factory=pd.DataFrame)
    capital: pd.DataFrame = field(default_factory=pd.DataFrame)
    thresholds: VarianceThresholds = DEFAULT_THRESHOLDS
    # Risk registers and action plans, every month kept (repository.risk_register / actions), and the council's risk scale.
    risk_register: pd.DataFrame = field(default_factory=pd.DataFrame)
    actions: pd.DataFrame = field(default_factory=pd.DataFrame)
    risk_scale: RiskScale = DEFAULT_SCALE
    # Figures that depend only on the scope, worked out once per scope and shared (never changed in place).
    _by_scope: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def directorates(self) -> list[str]:
        return sorted(self.services["directorate"].unique()) if not self.services.empty else []

    @property
    def financial_years(self) -> list[str]:
        """Every single financial year with a budget or an indicator value, newest first."""
        years = set(self.budget["year"].unique()) if not self.budget.empty else set()  # unique first: a million rows
        years |= set(self.banded["financial_year"].unique()) if not self.banded.empty else set()
        years |= set(self.monitoring["financial_year"].unique()) if not self.monitoring.empty else set()
        return sorted((y for y in years if period_from_label(y).kind == YEAR), key=lambda y: period_from_label(y).end, reverse=True)

    @cached_property
    def budget_coverage(self) -> pd.DataFrame:
        """How complete each year's budget is for the whole council (metrics.budget_coverage)."""
        return metrics.budget_coverage(self.budget)

    @property
    def default_year(self) -> str | None:
        """The year pages open on: the latest whose budget is complete, so a partial draft never stands in for the whole
        council; the latest year with indicator values when no budget is loaded at all."""
        years = self.financial_years
        coverage = self.budget_coverage
        if coverage.empty:
            return years[0] if years else None
        complete = set(coverage.loc[~coverage["partial"].astype(bool), "year"])
        return next((year for year in years if year in complete), years[0] if years else None)

    def year_label(self, year: str) -> str:
        """A year as the sidebar lists it: '2013/14 (partial)' when its budget is partial (the pages say how partial)."""
        found = self.budget_coverage[self.budget_coverage["year"] == year] if not self.budget_coverage.empty else self.budget_coverage
        return f"{year} (partial)" if not found.empty and bool(found.iloc[0]["partial"]) else year

    @cached_property
    def kpi_years(self) -> dict[str, tuple[int, str]]:
        """Each financial year with indicator values: (how many indicators, the latest period), newest first."""
        if self.banded.empty:
            return {}
        periods = self._periods  # newest first
        counts = self.banded.groupby("financial_year", sort=False, observed=True)["indicator_id"].nunique()
        latest = dict(zip(periods["financial_year"][::-1], periods["period"][::-1], strict=True))  # the last seen is the newest
        return {year: (int(counts[year]), latest[year]) for year in dict.fromkeys(periods["financial_year"])}

    def kpi_periods(self, financial_year: str | None) -> list[str]:
        """The quarters and months with indicator values in a financial year, newest first."""
        if self.banded.empty:
            return []
        periods = self._periods
        if financial_year is not None:
            periods = periods[periods["financial_year"] == financial_year]
        return list(dict.fromkeys(periods["period"]))

    @cached_property
    def _periods(self) -> pd.DataFrame:
        """Every distinct period with its end and year, newest first: worked out once per council's data
        (a million values at national scale), then every filter change reads this."""
        return self.banded[["period", "period_end", "financial_year"]].drop_duplicates().sort_values("period_end", ascending=False, kind="stable")


@dataclass(frozen=True)
class Filters:
    financial_year: str | None = None  # None: the latest whose budget is complete (CouncilData.default_year)
    kpi_period: str | None = None  # None: each indicator's latest value in the year
    directorate: str | None = None  # None: the whole council
    committee: str | None = None  # only the services this select committee reviews

    @property
    def scope(self) -> str:
        if self.committee:
            return f"Services reviewed by the {self.committee}" + (f", {self.directorate}" if self.directorate else "")
        return self.directorate or "Whole council"


@dataclass(frozen=True)
class View:
    """Everything the pages draw, filtered; money in pounds (Decimal)."""

    council: str
    default_tolerance: Decimal
    filters: Filters
    year: str | None
    previous_year: str | None
    services: pd.DataFrame
    budget_by_service: pd.DataFrame  # trends, every year up to the chosen one
    budget_by_directorate: pd.DataFrame
    budget_total: pd.DataFrame  # the scope's total per year
    savings: pd.DataFrame
    savings_by_service: pd.DataFrame
    savings_by_directorate: pd.DataFrame
    savings_total: pd.DataFrame
    savings_by_status: pd.DataFrame
    printed_totals: pd.DataFrame
    indicators: pd.DataFrame  # every value in scope, banded, with direction (for histories)
    latest: pd.DataFrame  # each indicator as at the chosen period, with reason and direction
    scorecard: pd.DataFrame  # per service
    scorecard_by_directorate: pd.DataFrame
    scorecard_total: pd.DataFrame
    previous_scorecard_total: pd.DataFrame  # the same, one period earlier (for "change since")
    staff: pd.DataFrame
    objectives: pd.DataFrame
    risks: pd.DataFrame
    committees: pd.DataFrame
    loads: pd.DataFrame
    headline: dict[str, object] = field(default_factory=dict)
    coverage: dict[str, object] | None = None  # the chosen year's budget coverage in scope (metrics.budget_coverage), when partial
    kpi_elsewhere: dict[str, tuple[int, str]] = field(default_factory=dict)  # other years with indicator values in scope
    # The scope's in-year monitoring lines and capital schemes for the chosen year (every month), and the thresholds.
    monitoring: pd.DataFrame = field(default_factory=pd.DataFrame)
    capital: pd.DataFrame = field(default_factory=pd.DataFrame)
    thresholds: VarianceThresholds = DEFAULT_THRESHOLDS
    # The scope's registered risks and planned actions up to the end of the chosen year (every register and plan month).
    risk_register: pd.DataFrame = field(default_factory=pd.DataFrame)
    actions: pd.DataFrame = field(default_factory=pd.DataFrame)
    risk_scale: RiskScale = DEFAULT_SCALE
    # monitoring_view.monitoring_figures per month, worked out once per view (a national council has 14,000 services).
    _monitoring: dict = field(default_factory=dict, compare=False, repr=False)
    # The scope's budget lines up to the chosen year, each with the return it came from (file_name, loaded_at): which
    # returns a briefing's figures are from.
    budget_lines: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def partial_label(self) -> str | None:
        """'partial: 5 of the 22 services budgeted in 2012/13 (...)' when the chosen year's budget is partial, else None."""
        return f"partial: {metrics.coverage_words(self.coverage)}" if self.coverage else None


def read_council_data(*, session: Session) -> CouncilData | None:
    """Everything the pages need from the database, indicator values banded; None when no council is loaded."""
    council = repository.council(session=session)
    if council is None:
        return None
    assert council.id is not None
    frames = {name: getattr(repository, name)(session=session, council_id=council.id)
              for name in ("services", "committees", "budget", "savings", "printed_totals", "staff", "objectives", "loads")}
    values = repository.indicator_values(session=session, council_id=council.id)
    return CouncilData(council=council.name, default_tolerance=council.default_tolerance, overall_rule=council.overall_rule,
                       banded=metrics.band_values(values, default_tolerance=council.default_tolerance),
                       risks=repository.budget_risks(session=session, council_id=council.id),
                       monitoring=repository.monitoring(session=session, council_id=council.id),
                       capital=repository.capital(session=session, council_id=council.id),
                       thresholds=council_thresholds(council),
                       risk_register=repository.risk_register(session=session, council_id=council.id),
                       actions=repository.actions(session=session, council_id=council.id), risk_scale=council_scale(council),
                       **frames)


def _in_scope(frame: pd.DataFrame, directorate: str | None, services: set[str] | None = None) -> pd.DataFrame:
    if frame.empty:
        return frame
    if directorate is not None and "directorate" in frame:
        frame = frame[frame["directorate"] == directorate]
    if services is not None and "service" in frame:
        frame = frame[frame["service"].isin(services)]
    return frame


def _up_to(frame: pd.DataFrame, year: str | None, column: str = "year") -> pd.DataFrame:
    if year is None or frame.empty:
        return frame
    end = period_from_label(year).end
    return frame[frame[column].map(lambda label: period_from_label(label).end <= end)]


def build_view(data: CouncilData, filters: Filters) -> View:
    """Apply the filters and compute every figure the pages show."""
    years = data.financial_years
    year = filters.financial_year if filters.financial_year in years else data.default_year
    directorate = filters.directorate if filters.directorate in data.directorates else None
    committees = sorted(data.committees["committee"].unique()) if not data.committees.empty else []
    committee = filters.committee if filters.committee in committees else None
    filters = Filters(year, filters.kpi_period, directorate, committee)
    reviewed = set(data.committees.loc[data.committees["committee"] == committee, "service"]) if committee else None
    previous_year = None
    if year is not None:
        start = period_from_label(year).start.year
        previous_year = f"{start - 1}/{start % 100:02d}"

    services = _in_scope(data.services, directorate, reviewed)
    scope_budget = _in_scope(data.budget, directorate, reviewed)
    budget = _up_to(scope_budget, year)
    savings = _in_scope(data.savings, directorate, reviewed)
    coverage = _scope_figures(data, ("coverage", directorate, committee), lambda: metrics.budget_coverage(scope_budget))
    partial = metrics.partial_years(coverage)
    trends = {level: _budget_trends(data, (directorate, committee, level), scope_budget, budget, partial)
              for level in ("service", "directorate", "council")}
    chosen = coverage[(coverage["year"] == year) & coverage["partial"].astype(bool)] if not coverage.empty else coverage
    savings_figures = _scope_figures(data, ("savings", directorate, committee), lambda: {
        "service": metrics.savings_by(savings, "service"), "directorate": metrics.savings_by(savings, "directorate"),
        "council": metrics.savings_by(savings, "council"), "status": metrics.savings_by_status(savings, "directorate"),
        "totals": metrics.savings_totals(savings)})
    covered = set(services["service"])
    printed = data.printed_totals
    if (directorate is not None or reviewed is not None) and not printed.empty:
        printed = printed[printed["covered"].map(lambda names: bool(names) and set(names) <= covered)]

    banded = banded_in_scope(data, directorate, reviewed, year)
    periods = data.kpi_periods(None)  # newest first, every year
    in_year = data.kpi_periods(year) if year is not None else periods
    current = filters.kpi_period if filters.kpi_period in in_year else (in_year[0] if in_year else None)
    earlier = periods[periods.index(current) + 1:] if current in periods else []
    latest = _as_at(banded, current, year, data.default_tolerance)
    previous = _as_at(banded, earlier[0], None, data.default_tolerance, reasons=False) if earlier else latest.iloc[0:0]
    rule = data.overall_rule
    budget_total = trends["council"]
    scorecard_total = metrics.scorecard(latest, services, rule=rule, level="council")
    previous_total = metrics.scorecard(previous, services, rule=rule, level="council")
    headline = metrics.overview_figures(budget_total, savings_figures["totals"], scorecard_total)
    headline["kpi_period"] = current
    headline["partial"] = metrics.coverage_words(chosen.iloc[0]) if not chosen.empty else None
    headline["savings_plan_periods"] = savings["period"].nunique() if not savings.empty else 0
    headline["previous_kpi_period"] = earlier[0] if earlier else None
    for column in ("green", "amber", "red", "no_data"):
        headline[f"{column}_change"] = int(scorecard_total[column].sum() - previous_total[column].sum()) if earlier else None
    return View(
        council=data.council,
        default_tolerance=data.default_tolerance,
        filters=filters,
        year=year,
        previous_year=previous_year,
        services=services,
        budget_by_service=trends["service"],
        budget_by_directorate=trends["directorate"],
        budget_total=budget_total,
        savings=savings,
        savings_by_service=savings_figures["service"],
        savings_by_directorate=savings_figures["directorate"],
        savings_total=savings_figures["council"],
        savings_by_status=savings_figures["status"],
        printed_totals=metrics.reconcile_totals(printed, data.budget, data.savings, data.monitoring, data.capital),
        indicators=indicators_with_direction(banded),
        latest=latest,
        scorecard=metrics.scorecard(latest, services, rule=rule),
        scorecard_by_directorate=metrics.scorecard(latest, services, rule=rule, level="directorate"),
        scorecard_total=scorecard_total,
        previous_scorecard_total=previous_total,
        staff=_in_scope(data.staff, directorate, reviewed),
        objectives=_in_scope(data.objectives, directorate, reviewed),
        risks=_in_scope(data.risks, directorate) if reviewed is None else data.risks[data.risks["directorate"].isin(services["directorate"])],
        committees=data.committees[data.committees["service"].isin(covered)] if not data.committees.empty else data.committees,
        loads=data.loads,
        headline=headline,
        coverage=chosen.iloc[0].to_dict() if not chosen.empty else None,
        kpi_elsewhere=_kpi_elsewhere(data, directorate, reviewed, year),
        budget_lines=budget,
        monitoring=_of_year(_in_scope(data.monitoring, directorate, reviewed), year),
        capital=_of_year(_in_scope(data.capital, directorate, reviewed), year),
        thresholds=data.thresholds,
        risk_register=_plans_in_scope(data.risk_register, directorate, reviewed, services, year, "period_end"),
        actions=_plans_in_scope(data.actions, directorate, reviewed, services, year, "as_at"),
        risk_scale=data.risk_scale,
    )


def _plans_in_scope(frame: pd.DataFrame, directorate: str | None, reviewed: set[str] | None, services: pd.DataFrame,
                    year: str | None, date_column: str) -> pd.DataFrame:
    """A register's or plan's rows in scope: a directorate's own and its services'; for a committee, the services it
    reviews and their directorates' own; the whole council's (no directorate) only in the whole-council view. Up to the
    end of the chosen year."""
    if frame.empty:
        return frame
    if directorate is not None:
        frame = frame[frame["directorate"] == directorate]
    if reviewed is not None:
        own = frame["service"].isin(reviewed)
        theirs = frame["service"].isna() & frame["directorate"].isin(set(services["directorate"]))
        frame = frame[own | theirs]
    if year is not None:
        end = period_from_label(year).end
        frame = frame[frame[date_column].map(lambda day: day <= end)]
    return frame


def _of_year(frame: pd.DataFrame, year: str | None) -> pd.DataFrame:
    return frame[frame["financial_year"] == year] if year is not None and not frame.empty else frame


def _kpi_elsewhere(data: CouncilData, directorate: str | None, reviewed: set[str] | None, year: str | None) -> dict[str, tuple[int, str]]:
    """The other years with indicator values for this scope (how many indicators, latest period), so a page with none for
    its year can say where they are instead of "nothing is loaded"."""
    if directorate is None and reviewed is None:
        return {other: found for other, found in data.kpi_years.items() if other != year}
    scoped = _in_scope(data.banded, directorate, reviewed)
    if scoped.empty:
        return {}
    years = scoped[scoped["financial_year"] != year]
    counts = years.groupby("financial_year", sort=False, observed=True)["indicator_id"].nunique()
    latest = years.sort_values("period_end").groupby("financial_year", sort=False, observed=True)["period"].last()
    ordered = sorted(counts.index, key=lambda label: period_from_label(label).end, reverse=True)
    return {other: (int(counts[other]), str(latest[other])) for other in ordered}


def _scope_figures(data: CouncilData, key: tuple, compute):  # type: ignore[no-untyped-def]
    """What `compute` gives for this scope, worked out once per council's data (a national year change
    would otherwise add up 70,000 savings lines again to the same totals)."""
    found = data._by_scope.get(key)
    if found is None:
        found = data._by_scope[key] = compute()
    return found


def _budget_trends(data: CouncilData, key: tuple, scope_budget: pd.DataFrame, budget: pd.DataFrame, partial: frozenset[str]) -> pd.DataFrame:
    """metrics.budget_trends(budget, level), from the scope's trends over every year when that is the same.

    With single-year labels, the trends up to a year are the every-year trends up to the last
    year with a budget in that span: each row compares a year with the one before, and rows
    stop at the last year loaded. Anything else (multi-year labels) is worked out directly.
    """
    level = key[-1]
    if budget.empty or any(period_from_label(label).kind != YEAR for label in scope_budget["year"].unique()):
        return metrics.budget_trends(budget, level, partial)
    every_year = _scope_figures(data, ("budget", *key), lambda: metrics.budget_trends(scope_budget, level, partial))
    last = max(period_from_label(label).start.year for label in budget["year"].unique())
    kept = {label for label in every_year["year"].unique() if period_from_label(label).start.year <= last}
    return every_year[every_year["year"].isin(kept)].reset_index(drop=True)


def banded_in_scope(data: CouncilData, directorate: str | None, reviewed: set[str] | None, year: str | None) -> pd.DataFrame:
    """The banded values a view covers: its directorate or committee's services, up to the end of its year."""
    banded = _in_scope(data.banded, directorate, reviewed)
    if year is not None and not banded.empty:
        banded = banded[banded["period_end"] <= period_from_label(year).end]
    return banded


def indicators_with_direction(banded: pd.DataFrame) -> pd.DataFrame:
    """Every value in scope with its direction of travel (the view's `indicators`)."""
    return metrics.with_direction(banded) if not banded.empty else banded


def _as_at(banded: pd.DataFrame, period: str | None, year: str | None, tolerance: Decimal, reasons: bool = True) -> pd.DataFrame:
    """Each indicator's latest value as at the end of `period` (within `year` if given)."""
    if period is not None and not banded.empty:
        banded = banded[banded["period_end"] <= period_from_label(period).end]
    return metrics.latest_values(banded, financial_year=year, default_tolerance=tolerance, reasons=reasons)


def indicator_history(view: View, indicator_id: int) -> tuple[pd.DataFrame, pd.Series]:
    """One indicator's every value in scope (for its chart and table) and its row as shown now."""
    history = view.indicators[view.indicators["indicator_id"] == indicator_id]
    return history, view.latest[view.latest["indicator_id"] == indicator_id].iloc[0]


def briefing_filters(data: CouncilData, scope: str, financial_year: str | None) -> Filters:
    """Filters for a briefing scope written as 'council', a directorate's name, 'directorate:NAME' or 'committee:NAME'.

    Names are matched ignoring case; an unknown one raises ReportProblem listing the choices.
    """
    from data_layer.report import ReportProblem

    if financial_year is not None and financial_year not in data.financial_years:
        raise ReportProblem(f"no figures are loaded for {financial_year}: expected one of {', '.join(data.financial_years)}")
    kind, _, name = scope.partition(":") if ":" in scope else ("", "", scope)
    name = name.strip()
    if not kind and name.casefold() in ("council", "whole council", ""):
        return Filters(financial_year)
    committees = sorted(data.committees["committee"].unique()) if not data.committees.empty else []
    if kind.strip().casefold() == "committee":
        match = next((c for c in committees if c.casefold() == name.casefold()), None)
        if match is None:
            raise ReportProblem(f'"{name}" is not a committee here: expected one of {", ".join(committees)}')
        return Filters(financial_year, committee=match)
    match = next((d for d in data.directorates if d.casefold() == name.casefold()), None)
    if match is None or kind.strip().casefold() not in ("", "directorate"):
        raise ReportProblem(f'"{scope}" is not a scope: expected council, a head of service ({", ".join(data.directorates)}) '
                            "or committee:NAME")
    return Filters(financial_year, directorate=match)
