"""The pre-meeting briefing pack: one content model, rendered as HTML, PDF and PowerPoint.

Everything here is pure: a View in, a Briefing out. The renderers (briefing_render, briefing_pptx) only lay out what
is here, so the three formats can never disagree. Members read it in this order: at a glance (the Red indicators and
the money), the questions the figures raise, then the detail, then an appendix of the long tables (in full in HTML and
PDF; the PowerPoint says what is there, so nothing is dropped without saying where it is).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd

from data_layer import presentation
from data_layer.banding import AMBER, NO_DATA_BAND, RED, band_label
from data_layer.briefing_sources import returns_for_period
from data_layer.money_style import short_money
from data_layer.monitoring_view import monitoring_figures
from data_layer.views import View

AT_A_GLANCE = "At a glance"
QUESTIONS = "Questions members may ask"
EXCEPTIONS = "Exceptions"
BUDGET = "Budget"
SAVINGS = "Savings plan and delivery"
SCORECARD = "Performance scorecard"
SERVICE_PLAN = "Service plan summary"  # one section per head of service: "Service plan summary: <name>"
APPENDIX = "Appendix"  # sections "Appendix: <what>", after the detail
SECTIONS = (AT_A_GLANCE, QUESTIONS, EXCEPTIONS, BUDGET, SAVINGS, SCORECARD, SERVICE_PLAN, APPENDIX)

# Said on the cover and at a glance of every format when the figures include the sample council's (presentation.is_sample).
SAMPLE_NOTE = ("Sample council: its budgets and savings are as printed in Sevenoaks District Council's papers (Summary of "
               "2012/13 Service Plans); its performance indicator values are illustrative, made up so that each service's "
               "bands reproduce the paper's counts of Green, Amber and Red.")
AT_RISK = ("at risk", "undeliverable")
AT_A_GLANCE_ROWS = 12  # at most this many Red indicators at a glance (worst first); every one is in the Exceptions


@dataclass(frozen=True)
class Table:
    title: str
    frame: pd.DataFrame  # money in "... (£)" columns, exact; shown short (£1,083k) unless exact_money
    exact_money: bool = False  # a check comparing two figures (printed totals against their rows): exact pounds
    stands_for: int | None = None  # the rows it would have in full, when it shows only the first (at a glance)


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    """A chart as data, drawn by each format its own way (plotly in HTML and PDF, native in PowerPoint)."""

    title: str
    kind: str  # 'column' (grouped), 'stacked', 'scorecard', 'forecast path' (lines), 'variance' (bars across)
    categories: list[str]
    series: list[Series]
    axis: str  # what the values are, without a unit, e.g. 'Net budget' (money: the unit comes from money_style.MoneyAxis)
    money: bool = True
    # 'forecast path' and 'variance' (in-year monitoring): the frame monitoring_charts draws in HTML and PDF, and the
    # column naming its bars; the PowerPoint draws categories and series, taken from the same frame.
    frame: pd.DataFrame | None = None
    by: str = ""


@dataclass(frozen=True)
class KeyFigure:
    """One figure read first: 'Net budget 2012/13', '£10.4m', '-£791k (-7.1%) on 2011/12: favourable'."""

    label: str
    value: str
    detail: str = ""


@dataclass
class Section:
    title: str
    lead: list[str] = field(default_factory=list)  # sentences read first
    figures: list[KeyFigure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    # Where the rest of this section's detail is, with {where} for the format's words ("the Appendix at the end", ...).
    elsewhere: list[str] = field(default_factory=list)
    summary: str = ""  # an appendix section in one line: what the PowerPoint says of it

    @property
    def appendix(self) -> bool:
        return self.title.startswith(APPENDIX)


@dataclass
class Briefing:
    council: str
    scope: str
    period: str
    generated_on: date
    sources: list[str]  # the returns holding figures for the period shown, and when they were loaded
    sections: list[Section]
    year: str | None = None
    scope_name: str = "Whole council"  # the head of service or committee (for the file name)
    sample_note: str | None = None  # said on the cover and at a glance when the council is the sample
    other_sources: list[str] = field(default_factory=list)  # returns the pack also draws on, for other years only

    @property
    def scope_line(self) -> str:
        """Printed on every page: council, scope and period."""
        return f"{self.council} · {self.scope} · {self.period}"

    def file_name(self, file_format: str) -> str:
        """'sightline-briefing-whole-council-2012-13.pptx': the scope and the period, never the day it was made."""
        return f"sightline-briefing-{slug(self.scope_name)}-{slug(self.year or 'all years')}.{file_format}"


def slug(text: str) -> str:
    """'Finance & HR' -> 'finance-hr', '2012/13' -> '2012-13': lower case letters and digits joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "briefing"


def build_briefing(view: View, *, generated_on: date | None = None) -> Briefing:
    """The briefing for a view (its filters are the scope and period), sections in the order members read them.

    In-year monitoring (at a glance, questions, its detail after the budget, its appendix) only when the view has
    monitoring or a capital programme for its year; risks and actions (the same four parts, the detail after the
    scorecard) only when it has a risk register or an action plan; otherwise the pack is as it was before either existed.
    """
    from data_layer import briefing_monitoring as monitoring  # they build on this module's content model
    from data_layer import briefing_plans as plans

    today = generated_on or date.today()
    kpi_period = view.headline.get("kpi_period")
    period = f"{view.year}" + (f", performance as at {kpi_period}" if kpi_period else "")
    in_year, planned = monitoring_figures(view), plans.plan_figures(view)
    sources, other_sources = returns_for_period(view, in_year, planned.drawn_on)
    glance, by = _at_a_glance(view), _by(view)
    detail = [_exceptions(view), _budget(view)]
    in_year_questions: list[str] = []
    appendix = _appendix(view)
    if not in_year.empty:
        glance.figures.extend(monitoring.glance_figures(in_year))
        in_year_questions = monitoring.questions(in_year)
        detail.extend(part for part in (monitoring.monitoring_section(in_year, by), monitoring.capital_section(in_year)) if part)
        money_parts = sum(s.title.startswith((f"{APPENDIX}: Savings plan", f"{APPENDIX}: Net budget")) for s in appendix)
        appendix.insert(money_parts, monitoring.monitoring_appendix(in_year, by))
    glance.figures.extend(plans.glance_figures(planned))
    register = [part] if (part := plans.plans_section(planned)) else []
    if (part := plans.plans_appendix(planned)) is not None:  # before the key objectives, the service plans' part
        appendix.insert(sum(not s.title.startswith(f"{APPENDIX}: Key objectives") for s in appendix), part)
    sections = [glance, _questions(view, [*in_year_questions, *plans.questions(planned)]), *detail, _savings(view), _scorecard(view),
                *register, *_service_plans(view), *appendix]
    scope_name = ", ".join(name for name in (view.filters.committee, view.filters.directorate) if name) or "Whole council"
    sample = (SAMPLE_NOTE + (monitoring.SAMPLE_MONITORING_NOTE if not in_year.empty else "")
              + (plans.SAMPLE_PLANS_NOTE if not planned.empty else "")) if presentation.is_sample(view.loads) else None
    return Briefing(view.council, view.filters.scope, period, today, sources, sections, view.year, scope_name, sample, other_sources)


# ---------------------------------------------------------------------------------- money in words

_EXACT_POUNDS = re.compile(r"-?£\d[\d,]*(?:\.\d\d)?(?![\d.,]*[km])")


def short_words(text: str) -> str:
    """Words with every exact pound figure written short ('net cost down £790,900 (7.1%)' -> 'net cost down £791k (7.1%)')."""
    return _EXACT_POUNDS.sub(lambda found: short_money(Decimal(found.group().replace("£", "").replace(",", ""))), text)


def _change_words(row: pd.Series, previous_year: str | None) -> str:
    """'-£791k (-7.1%) on 2011/12: favourable'; the wording metrics gives when there is no plain change."""
    if row.get("change") is None or pd.isna(row.get("change")):
        return short_words(str(row.get("wording") or "")) or "no earlier year to compare with"
    percent = f" ({row['change_pct']}%)" if row.get("change_pct") is not None and not pd.isna(row.get("change_pct")) else ""
    like = " like for like" if bool(row.get("like_for_like")) else ""
    verdict = f": {row['direction']}" if isinstance(row.get("direction"), str) and row["direction"] else ""
    return f"{short_money(row['change'])}{percent}{like} on {previous_year or 'last year'}{verdict}"


# ---------------------------------------------------------------------------------- sections

def _at_a_glance(view: View) -> Section:
    """The first page: the Red indicators with their direction of travel, and the money (net budget, savings, at risk)."""
    section = Section(AT_A_GLANCE)
    counts = view.headline
    if view.latest.empty:
        section.lead.append(presentation.kpi_elsewhere_words(view) or f"No performance indicators are loaded for {view.year or 'this year'}.")
    else:
        total = int(counts["green"] + counts["amber"] + counts["red"] + counts["no_data"])
        section.figures.append(KeyFigure("Red indicators", f"{int(counts['red'])} of {total}",
                                         f"{int(counts['amber'])} Amber, {int(counts['green'])} Green, {int(counts['no_data'])} no data"
                                         + (f", as at {counts['kpi_period']}" if counts.get("kpi_period") else "")))
    section.figures.extend(_money_figures(view))
    red = view.latest[view.latest["band"].astype(object) == RED] if not view.latest.empty else view.latest
    if not view.latest.empty and red.empty:
        section.lead.append("No indicator is Red.")
    elif not red.empty:
        # Worst first: Red two periods running, then worsening, then the rest; a long list is cut here, never in Exceptions.
        red = red.assign(_again=red["prior_band"].astype(object) != RED, _worse=red["direction"].astype(object) != "worsening")
        red = red.sort_values(["_again", "_worse", "directorate", "service", "indicator"])
        shown = red.head(AT_A_GLANCE_ROWS)
        section.tables.append(Table("Red indicators and their direction of travel", pd.DataFrame({
            "Service": shown["service"], "Indicator": shown["indicator"], "Actual": shown["actual_text"], "Target": shown["target_text"],
            "Direction of travel": [presentation.direction_label(r.direction, getattr(r, "direction_basis", None), getattr(r, "profile", None))
                                    for r in shown.itertuples()]}).reset_index(drop=True), stands_for=len(red)))
    return section


def rows_left_out(table: Table, shown: int | None = None) -> str | None:
    """'… and 28 more Red indicators: every one is in the Exceptions.' when a table shows fewer rows than it stands for."""
    left_out = (table.stands_for or len(table.frame)) - (len(table.frame) if shown is None else shown)
    return f"… and {left_out} more {RED} indicators: every one is in the Exceptions." if left_out > 0 else None


def _money_figures(view: View) -> list[KeyFigure]:
    """Net budget and its change on last year; the year's savings; how much of them is at risk or undeliverable."""
    figures = []
    total = view.budget_total[view.budget_total["year"] == view.year] if not view.budget_total.empty else view.budget_total
    if total.empty:
        figures.append(KeyFigure(f"Net budget {view.year or ''}".strip(), "not loaded", "no budget return for this scope"))
    else:
        row = total.iloc[0]
        figures.append(KeyFigure(f"Net budget {view.year}{' (partial)' if view.coverage else ''}", short_money(row["net_budget"]),
                                 _change_words(row, view.previous_year)))
    if view.savings.empty:
        figures.append(KeyFigure(f"Savings {view.year or ''}".strip(), "not loaded", "no savings plan for this scope"))
        return figures
    this_year = view.savings[view.savings["period"] == view.year]
    plan = view.savings_total
    figures.append(KeyFigure(f"Savings planned for {view.year}", short_money(view.headline.get("savings_this_year") or Decimal(0)),
                             f"{short_money(plan['amount'].sum())} over the whole plan ({presentation.plural(len(plan), 'period')})"))
    if this_year.empty:
        figures.append(KeyFigure("At risk or undeliverable", "–", f"no savings planned for {view.year}"))
    elif this_year["status"].isna().all():
        figures.append(KeyFigure("At risk or undeliverable", "not stated", "the savings return gives no delivery status"))
    else:
        found = this_year[this_year["status"].isin(AT_RISK)]
        amounts = {status: sum(found.loc[found["status"] == status, "amount"], Decimal(0)) for status in AT_RISK}
        figures.append(KeyFigure(f"At risk or undeliverable, {view.year}", short_money(sum(amounts.values(), Decimal(0))),
                                 f"{short_money(amounts['at risk'])} at risk, {short_money(amounts['undeliverable'])} undeliverable "
                                 f"({presentation.plural(len(found), 'saving')} of {len(this_year)})"))
    return figures


def _exceptions(view: View) -> Section:
    table = presentation.exceptions_table(view.latest)
    section = Section(EXCEPTIONS)
    counts = view.headline
    if view.latest.empty:
        section.lead.append(presentation.kpi_elsewhere_words(view) or f"No performance indicators are loaded for {view.year or 'this year'}.")
        return section
    section.lead.append(f"{presentation.plural(int(counts['red']), 'indicator')} Red and {int(counts['amber'])} Amber "
                        f"out of {int(counts['green'] + counts['amber'] + counts['red'] + counts['no_data'])}"
                        + (f", as at {counts['kpi_period']}." if counts.get("kpi_period") else "."))
    if table.empty:
        section.lead.append("No indicator is Red or Amber.")
        return section
    title = "Red and Amber indicators (and any that were and now have no data), with the reason, direction of travel and commentary"
    if table["Period"].nunique() == 1:  # one period for all: said once, in the title, and the width goes to the reasons
        title, table = f"{title}, {table['Period'].iloc[0]}", table.drop(columns=["Period"])
    section.tables.append(Table(title, table))
    return section


def _by(view: View) -> str:
    """Whole council: by directorate (head of service); a head of service or committee: by service."""
    return "directorate" if view.filters.directorate is None and view.filters.committee is None else "service"


def _budget(view: View) -> Section:
    section = Section(BUDGET)
    total = view.budget_total[view.budget_total["year"] == view.year] if not view.budget_total.empty else view.budget_total
    if total.empty:
        section.lead.append("No budget return is loaded for this scope.")
        return section
    row = total.iloc[0]
    if view.coverage:
        section.lead.append(presentation.partial_year_words(view))
    section.lead.append(f"Net budget {view.year}{' (partial)' if view.coverage else ''}: {short_money(row['net_budget'])}"
                        + (f"; {short_words(row['wording'])}." if row["wording"] else "."))
    by = _by(view)
    trends = view.budget_by_directorate if by == "directorate" else view.budget_by_service
    years = sorted(set(trends["year"]), key=lambda y: y)
    series = []
    for name, rows in trends.groupby(by, sort=True):
        by_year = dict(zip(rows["year"], rows["net_budget"], strict=True))
        series.append(Series(str(name), [float(by_year[y]) if by_year.get(y) is not None else None for y in years]))
    section.charts.append(Chart(f"Net budget per {'head of service' if by == 'directorate' else 'service'}", "column", years, series,
                                "Net budget; below zero is net income"))
    keys = ["directorate"] if by == "directorate" else ["directorate", "service"]
    section.tables.append(Table(f"Year-on-year change, {view.year}", _short_wording(presentation.budget_table(trends, keys, view.year))))
    if by == "directorate":
        section.elsewhere.append("The net budget per service, for every year loaded, is in {where}.")
    mismatched = presentation.printed_totals_of(view.printed_totals, "Budget")
    mismatched = mismatched[~mismatched["matches"].astype(bool)] if not mismatched.empty else mismatched
    if not mismatched.empty:
        section.tables.append(Table("Printed budget totals that do not agree with their rows", presentation.totals_check_table(mismatched),
                                    exact_money=True))
    return section


def _short_wording(table: pd.DataFrame) -> pd.DataFrame:
    """A budget table with its 'What the change means' written with short money, as the rest of the pack."""
    if "What the change means" in table:
        table = table.assign(**{"What the change means": table["What the change means"].map(lambda text: short_words(str(text or "")))})
    return table


def _savings(view: View) -> Section:
    section = Section(SAVINGS)
    if view.savings.empty:
        section.lead.append("No savings plan is loaded for this scope.")
        return section
    plan = view.savings_total
    section.lead.append(f"Savings over the plan: {short_money(plan['cumulative'].iloc[-1])} across "
                        f"{presentation.plural(len(plan), 'period')}; {view.year}: "
                        f"{short_money(view.headline['savings_this_year'])}.")
    by = _by(view)
    stacked = view.savings_by_directorate if by == "directorate" else view.savings_by_service
    periods = list(plan["period"])
    series = []
    for name, rows in stacked.groupby(by, sort=True):
        amounts = dict(zip(rows["period"], rows["amount"], strict=True))
        series.append(Series(str(name), [float(amounts[p]) if p in amounts else 0.0 for p in periods]))
    section.charts.append(Chart(f"Savings per period by {'head of service' if by == 'directorate' else 'service'}", "stacked", periods,
                                series, "Savings"))
    if by == "directorate":
        section.tables.append(Table("Savings per head of service and period", presentation.savings_table(view.savings, ["directorate"])))
        section.elsewhere.append("The savings plan per service, as the paper prints it, is in {where}.")
    else:
        section.tables.append(Table("Savings plan per service", presentation.savings_table(view.savings, ["service"])))
    given = view.savings_by_status[view.savings_by_status["status"] != "not given"]
    if given.empty:
        section.lead.append("The savings returns give no delivery status.")
    else:
        section.tables.append(Table("Savings by delivery status", presentation.status_table(view.savings_by_status)))
    mismatched = presentation.printed_totals_of(view.printed_totals, "Savings")
    mismatched = mismatched[~mismatched["matches"].astype(bool)] if not mismatched.empty else mismatched
    if not mismatched.empty:
        section.tables.append(Table("Printed savings totals that do not agree with their rows", presentation.totals_check_table(mismatched),
                                    exact_money=True))
    return section


def _scorecard(view: View) -> Section:
    section = Section(SCORECARD)
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
    section.tables.append(Table("Green, Amber and Red indicators per service", presentation.scorecard_table(with_indicators)))
    without = [name for name in cards["service"] if name not in set(names)]
    if without:
        section.lead.append(f"No indicators are loaded for {presentation.plural(len(without), 'service')}: {', '.join(without)}.")
    return section


def _service_plans(view: View) -> list[Section]:
    """One section per head of service in scope with figures: one table of its services (net budget and change, indicators
    by band), its budget risks; its key objectives and budget per year are in the appendix."""
    sections = []
    for directorate in sorted(view.services["directorate"].unique()):
        services = list(view.services.loc[view.services["directorate"] == directorate, "service"])
        budget = view.budget_by_service[view.budget_by_service["directorate"] == directorate]
        objectives = view.objectives[view.objectives["directorate"] == directorate]
        if budget.empty and objectives.empty:
            continue
        section = Section(f"{SERVICE_PLAN}: {directorate}", lead=[f"Services: {', '.join(services)}."])
        section.tables.append(Table(f"{directorate}: net budget {view.year} and indicators per service",
                                    _plan_table(view, directorate, services)))
        risks = view.risks[view.risks["directorate"] == directorate]
        section.bullets = [f"Budget risk{f' ({r.heading})' if isinstance(r.heading, str) and r.heading else ''}: {r.commentary}"
                           for r in risks.itertuples()]
        if not objectives.empty:
            section.elsewhere.append(f"Its {presentation.plural(len(objectives), 'key objective')} "
                                     f"{'is' if len(objectives) == 1 else 'are'} in {{where}}.")
        sections.append(section)
    return sections or [Section(SERVICE_PLAN, lead=["No service plans are loaded for this scope."])]


def _plan_table(view: View, directorate: str, services: list[str]) -> pd.DataFrame:
    """Per service of a head of service: net budget this year, its change, and its indicators by band (services with neither left out)."""
    budget = view.budget_by_service
    this_year = budget[(budget["directorate"] == directorate) & (budget["year"] == view.year)] if not budget.empty else budget
    money = {row.service: row for row in this_year.itertuples()}
    cards = {row.service: row for row in view.scorecard[view.scorecard["directorate"] == directorate].itertuples()}
    rows = []
    for service in services:
        found, card = money.get(service), cards.get(service)
        counted = card is not None and (card.green + card.amber + card.red + card.no_data) > 0
        if found is None and not counted:
            continue
        rows.append({
            "Service": service,
            f"{view.year}{presentation.MONEY_SUFFIX}": found.net_budget if found is not None else None,
            f"Change on last year{presentation.MONEY_SUFFIX}": found.change if found is not None else None,
            "Change %": f"{found.change_pct}%" if found is not None and found.change_pct is not None and not pd.isna(found.change_pct) else "",
            "✓ Green": int(card.green) if counted else "", "▲ Amber": int(card.amber) if counted else "",
            "● Red": int(card.red) if counted else "", "○ No data": int(card.no_data) if counted else "",
            "Overall": band_label(card.overall) if counted and isinstance(card.overall, str) else "",
        })
    return pd.DataFrame(rows, columns=["Service", f"{view.year}{presentation.MONEY_SUFFIX}", f"Change on last year{presentation.MONEY_SUFFIX}",
                                       "Change %", "✓ Green", "▲ Amber", "● Red", "○ No data", "Overall"])


def _appendix(view: View) -> list[Section]:
    """The long tables, last: the savings plan per service, the net budget per service for every year, the key objectives.
    HTML and PDF carry them in full; the PowerPoint lists them (each section's summary) and says where they are."""
    sections = []
    by = _by(view)
    if by == "directorate" and not view.savings.empty:
        tables = [Table(f"Savings plan: {directorate}", table) for directorate, table in presentation.savings_tables(view.savings).items()]
        sections.append(Section(f"{APPENDIX}: Savings plan per service", tables=tables,
                                summary=f"The savings plan per service, one table per head of service as the paper prints it "
                                        f"({presentation.plural(len(view.savings), 'savings line')}, {len(tables)} tables)."))
    if by == "directorate" and not view.budget_by_service.empty:
        table = _short_wording(presentation.budget_table(view.budget_by_service, ["directorate", "service"], view.year))
        years = [str(c).removesuffix(presentation.MONEY_SUFFIX) for c in table.columns if str(c)[:1].isdigit()]
        sections.append(Section(f"{APPENDIX}: Net budget per service", tables=[Table("Net budget per service and year", table)],
                                summary=f"The net budget per service, {years[0]} to {years[-1]}, with the change on last year "
                                        f"({presentation.plural(len(table), 'service')})." if years else
                                        f"The net budget per service ({presentation.plural(len(table), 'service')})."))
    if not view.objectives.empty:
        tables = [Table(f"Key objectives: {directorate}", pd.DataFrame({"Service": rows["service"], "Objective": rows["objective"]}))
                  for directorate, rows in view.objectives.groupby("directorate", sort=True)]
        sections.append(Section(f"{APPENDIX}: Key objectives", tables=tables,
                                summary=f"The key objectives of each head of service's service plan "
                                        f"({presentation.plural(len(view.objectives), 'objective')})."))
    return sections


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
    at_risk = view.savings[view.savings["status"].isin(AT_RISK)] if not view.savings.empty else view.savings
    for row in at_risk.itertuples():
        questions.append(f"The {row.period} saving of {short_money(row.amount)} in {row.service}"
                         + (f" ({row.description})" if isinstance(row.description, str) and row.description else "")
                         + f" is {row.status}. What will replace it?")
    trends = view.budget_by_service
    rising = trends[(trends["year"] == view.year) & (trends["direction"] == "adverse")] if not trends.empty else trends
    for row in rising.itertuples():
        if row.change_pct is not None and abs(row.change_pct) > 10:
            questions.append(f"{row.service}'s net budget for {row.year}: {short_words(row.wording)}. What is behind the change of more than 10%?")
    mismatched = view.printed_totals[~view.printed_totals["matches"].astype(bool)] if not view.printed_totals.empty else view.printed_totals
    for row in mismatched.itertuples():  # two figures compared: exact pounds
        lines = "budget lines" if row.sheet == "Budget" else "savings lines"
        questions.append(f'The {row.sheet.lower()} return\'s printed total "{row.label}" at {row.cell} ({row.period}) is '
                         f"{presentation.money(row.printed)} but the {lines} it covers add up to {presentation.money(row.rows)}. Which is right?")
    return questions


def _questions(view: View, later: list[str]) -> Section:
    """The questions the figures raise: the indicators, savings, budget and printed totals first, then in-year monitoring,
    then the risk register and action plans."""
    section = Section(QUESTIONS)
    section.bullets = [*members_questions(view), *later] or ["The figures raise no exception-based questions for this scope."]
    return section


__all__ = ["AMBER", "APPENDIX", "AT_A_GLANCE", "QUESTIONS", "RED", "SAMPLE_NOTE", "SECTIONS", "SERVICE_PLAN", "Briefing", "Chart",
           "KeyFigure", "Section", "Series", "Table", "build_briefing", "members_questions", "returns_for_period", "rows_left_out", "short_words", "slug"]
