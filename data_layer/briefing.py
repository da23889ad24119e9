"""The pre-meeting briefing pack: one content model, rendered as HTML, PDF and PowerPoint.

Everything here is pure: a View in, a Briefing out. The renderers (briefing_render) only lay
out what is here, so the three formats can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from data_layer import presentation
from data_layer.banding import AMBER, NO_DATA_BAND, RED, band_label
from data_layer.views import View

SERVICE_PLAN = "Service plan summary"  # one section per head of service: "Service plan summary: <name>"
SECTIONS = ("Exceptions", "Budget", "Savings plan and delivery", "Performance scorecard", SERVICE_PLAN, "Questions members may ask")


@dataclass(frozen=True)
class Table:
    title: str
    frame: pd.DataFrame  # money in "... (£)" columns, exact; shown as £k


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    """A chart as data, drawn by each format its own way (plotly in HTML and PDF, native in PowerPoint)."""

    title: str
    kind: str  # 'column' (grouped), 'stacked', 'scorecard'
    categories: list[str]
    series: list[Series]
    axis: str  # what the values are, e.g. 'Net budget (£)'
    money: bool = True


@dataclass
class Section:
    title: str
    lead: list[str] = field(default_factory=list)  # sentences read first
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    council: str
    scope: str
    period: str
    generated_on: date
    sources: list[str]  # which returns, and when loaded
    sections: list[Section]

    @property
    def scope_line(self) -> str:
        """Printed on every page: council, scope and period."""
        return f"{self.council} · {self.scope} · {self.period}"


def build_briefing(view: View, *, generated_on: date | None = None) -> Briefing:
    """The briefing for a view (its filters are the scope and period), sections in the order members read them."""
    today = generated_on or date.today()
    period = f"{view.year}" + (f", performance as at {view.headline['kpi_period']}" if view.headline.get("kpi_period") else "")
    sources = [f"{row.file_name}, loaded {pd.Timestamp(row.loaded_at):%d %b %Y %H:%M} by {row.loaded_by}"
               for row in view.loads[view.loads["kind"] == "import"].itertuples()] if not view.loads.empty else []
    sections = [_exceptions(view), _budget(view), _savings(view), _scorecard(view), *_service_plans(view), _questions(view)]
    return Briefing(view.council, view.filters.scope, period, today, sources, sections)


def _exceptions(view: View) -> Section:
    table = presentation.exceptions_table(view.latest)
    section = Section("Exceptions")
    counts = view.headline
    if view.latest.empty:
        section.lead.append(presentation.kpi_elsewhere_words(view) or f"No performance indicators are loaded for {view.year or 'this year'}.")
        return section
    section.lead.append(f"{presentation.plural(int(counts['red']), 'indicator')} Red and {int(counts['amber'])} Amber "
                        f"out of {int(counts['green'] + counts['amber'] + counts['red'] + counts['no_data'])}"
                        + (f", as at {counts['kpi_period']}." if counts.get("kpi_period") else "."))
    if table.empty:
        section.lead.append("No indicator is Red or Amber.")
    else:
        section.tables.append(Table("Red and Amber indicators (and any that were and now have no data), with the reason, direction of "
                                    "travel and commentary", table))
    return section


def _budget(view: View) -> Section:
    section = Section("Budget")
    total = view.budget_total[view.budget_total["year"] == view.year] if not view.budget_total.empty else view.budget_total
    if total.empty:
        section.lead.append("No budget return is loaded for this scope.")
        return section
    row = total.iloc[0]
    if view.coverage:
        section.lead.append(presentation.partial_year_words(view))
    section.lead.append(f"Net budget {view.year}{' (partial)' if view.coverage else ''}: {presentation.money(row['net_budget'])}"
                        + (f"; {row['wording']}." if row["wording"] else "."))
    by = "directorate" if view.filters.directorate is None and view.filters.committee is None else "service"
    trends = view.budget_by_directorate if by == "directorate" else view.budget_by_service
    years = sorted(set(trends["year"]), key=lambda y: y)
    series = []
    for name, rows in trends.groupby(by, sort=True):
        by_year = dict(zip(rows["year"], rows["net_budget"], strict=True))
        series.append(Series(str(name), [float(by_year[y]) if by_year.get(y) is not None else None for y in years]))
    section.charts.append(Chart(f"Net budget per {by}", "column", years, series, "Net budget (£)"))
    keys = ["directorate"] if by == "directorate" else ["directorate", "service"]
    section.tables.append(Table(f"Year-on-year change, {view.year}", presentation.budget_table(trends, keys, view.year)))
    mismatched = presentation.printed_totals_of(view.printed_totals, "Budget")
    mismatched = mismatched[~mismatched["matches"].astype(bool)] if not mismatched.empty else mismatched
    if not mismatched.empty:
        section.tables.append(Table("Printed budget totals that do not agree with their rows", presentation.totals_check_table(mismatched)))
    return section


def _savings(view: View) -> Section:
    section = Section("Savings plan and delivery")
    if view.savings.empty:
        section.lead.append("No savings plan is loaded for this scope.")
        return section
    plan = view.savings_total
    section.lead.append(f"Savings over the plan: {presentation.money(plan['cumulative'].iloc[-1])} across "
                        f"{presentation.plural(len(plan), 'period')}; {view.year}: "
                        f"{presentation.money(view.headline['savings_this_year'])}.")
    by = "directorate" if view.filters.directorate is None and view.filters.committee is None else "service"
    stacked = view.savings_by_directorate if by == "directorate" else view.savings_by_service
    periods = list(plan["period"])
    series = []
    for name, rows in stacked.groupby(by, sort=True):
        amounts = dict(zip(rows["period"], rows["amount"], strict=True))
        series.append(Series(str(name), [float(amounts[p]) if p in amounts else 0.0 for p in periods]))
    section.charts.append(Chart(f"Savings per period by {by}", "stacked", periods, series, "Savings (£)"))
    for directorate, table in presentation.savings_tables(view.savings).items():
        section.tables.append(Table(f"Savings plan: {directorate}", table))
    given = view.savings_by_status[view.savings_by_status["status"] != "not given"]
    if given.empty:
        section.bullets.append("The savings returns give no delivery status.")
    else:
        section.tables.append(Table("Savings by delivery status", presentation.status_table(view.savings_by_status)))
    mismatched = presentation.printed_totals_of(view.printed_totals, "Savings")
    mismatched = mismatched[~mismatched["matches"].astype(bool)] if not mismatched.empty else mismatched
    if not mismatched.empty:
        section.tables.append(Table("Printed savings totals that do not agree with their rows", presentation.totals_check_table(mismatched)))
    return section


def _scorecard(view: View) -> Section:
    section = Section("Performance scorecard")
    cards = view.scorecard
    with_indicators = cards[cards[["green", "amber", "red", "no_data"]].sum(axis=1) > 0]
    if with_indicators.empty:
        section.lead.append("No performance indicators are loaded for this scope.")
        return section
    section.lead.append(f"Overall: {band_label(view.scorecard_total['overall'].iloc[0])} "
                        f"({int(view.scorecard_total['improved'].iloc[0])} improved, "
                        f"{int(view.scorecard_total['worsened'].iloc[0])} worsened since the previous period).")
    names = list(with_indicators["service"])
    section.charts.append(Chart("Indicators by band", "scorecard", names,
                                [Series(band, [float(v) for v in with_indicators[column]])
                                 for band, column in (("Green", "green"), ("Amber", "amber"), ("Red", "red"), ("No data", "no_data"))],
                                "Number of indicators", money=False))
    section.tables.append(Table("Green, Amber and Red indicators per service", presentation.scorecard_table(cards)))
    return section


def _service_plans(view: View) -> list[Section]:
    """One section per head of service in scope with figures: services, budget, objectives, performance, risks."""
    sections = []
    for directorate in sorted(view.services["directorate"].unique()):
        services = list(view.services.loc[view.services["directorate"] == directorate, "service"])
        budget = view.budget_by_service[view.budget_by_service["directorate"] == directorate]
        objectives = view.objectives[view.objectives["directorate"] == directorate]
        if budget.empty and objectives.empty:
            continue
        section = Section(f"{SERVICE_PLAN}: {directorate}", lead=[f"Services: {', '.join(services)}."])
        if not budget.empty:
            section.tables.append(Table(f"{directorate}: net budget", presentation.budget_table(budget, ["service"], view.year)))
        if not objectives.empty:
            section.tables.append(Table(f"{directorate}: key objectives",
                                        pd.DataFrame({"Service": objectives["service"], "Objective": objectives["objective"]})))
        cards = view.scorecard[view.scorecard["directorate"] == directorate]
        section.tables.append(Table(f"{directorate}: performance", presentation.scorecard_table(cards)))
        risks = view.risks[view.risks["directorate"] == directorate]
        section.bullets = [f"Budget risk{f' ({r.heading})' if isinstance(r.heading, str) and r.heading else ''}: {r.commentary}"
                           for r in risks.itertuples()]
        sections.append(section)
    return sections or [Section(SERVICE_PLAN, lead=["No service plans are loaded for this scope."])]


def members_questions(view: View) -> list[str]:
    """Questions the figures raise, for members to ask: each says which figure and why."""
    questions = []
    for row in view.latest.itertuples():
        if str(row.band) == NO_DATA_BAND and row.prior_band in (RED, AMBER):
            questions.append(f"{row.indicator} ({row.service}) was {row.prior_band} in {row.prior_period} and has no figure for "
                             f"{row.period} ({row.reason}). When will it be reported, and is it still off target?")
        if str(row.band) != RED:
            continue
        if row.prior_band == RED:
            questions.append(f"{row.indicator} ({row.service}) has been Red for two periods running ({row.prior_period}: "
                             f"{row.prior_actual}; {row.period}: {row.actual_text} against {row.target_text}). "
                             "What is being done, and when will it recover?")
        elif isinstance(row.direction, str) and row.direction == "worsening":
            questions.append(f"{row.indicator} ({row.service}) is Red and worsening ({row.actual_text} against {row.target_text}). Why?")
    for row in view.latest.itertuples():
        if bool(row.overridden):
            questions.append(f"{row.indicator} ({row.service}) is shown as {row.band} by officer judgement, though the figures make it "
                             f"{row.computed_band}: is the reason ({row.override_reason}) still sound?")
    at_risk = view.savings[view.savings["status"].isin(["at risk", "undeliverable"])] if not view.savings.empty else view.savings
    for row in at_risk.itertuples():
        questions.append(f"The {row.period} saving of {presentation.money(row.amount)} in {row.service}"
                         + (f" ({row.description})" if isinstance(row.description, str) and row.description else "")
                         + f" is {row.status}. What will replace it?")
    trends = view.budget_by_service
    rising = trends[(trends["year"] == view.year) & (trends["direction"] == "adverse")] if not trends.empty else trends
    for row in rising.itertuples():
        if row.change_pct is not None and abs(row.change_pct) > 10:
            questions.append(f"{row.service}'s net budget for {row.year}: {row.wording}. What is behind the change of more than 10%?")
    mismatched = view.printed_totals[~view.printed_totals["matches"].astype(bool)] if not view.printed_totals.empty else view.printed_totals
    for row in mismatched.itertuples():
        lines = "budget lines" if row.sheet == "Budget" else "savings lines"
        questions.append(f'The {row.sheet.lower()} return\'s printed total "{row.label}" at {row.cell} ({row.period}) is '
                         f"{presentation.money(row.printed)} but the {lines} it covers add up to {presentation.money(row.rows)}. Which is right?")
    return questions


def _questions(view: View) -> Section:
    section = Section("Questions members may ask")
    section.bullets = members_questions(view) or ["The figures raise no exception-based questions for this scope."]
    return section


__all__ = ["AMBER", "RED", "SECTIONS", "SERVICE_PLAN", "Briefing", "Chart", "Section", "Series", "Table", "build_briefing", "members_questions"]
