"""What councillors read of risk registers and action plans: the figures for a view (risk_metrics, action_metrics), the
headline counts, the questions members may ask, and the register and action tables in their words. Pure: no Streamlit,
no database.

Every band is a word and a shape ('▲ High'), never a colour alone; every computed action status ('overdue by 153 days')
sits beside the officer's own ('on track, 75%').
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from data_layer import action_metrics, risk_metrics
from data_layer.monitoring_tables import Headline
from data_layer.presentation import markdown_text, plural
from data_layer.risk_scale import BAND_SHAPES, BANDS, DEFAULT_SCALE, RiskScale

if TYPE_CHECKING:
    from data_layer.views import View

MOST_QUESTIONS = 8  # of each kind; the rest are in the tables below, and the list says how many
WHOLE_COUNCIL = "Whole council"
NO_TEXT = "–"


def _value(value: Any) -> Any:
    """None for a blank cell (None, NaN, NaT), else the value."""
    if value is None or (not isinstance(value, (str, tuple, list)) and pd.isna(value)):
        return None
    return value


def _text(value: Any) -> str:
    value = _value(value)
    return "" if value is None else str(value)


def _shown(day: date) -> str:
    return day.strftime("%d %b %Y")


@dataclass(frozen=True)
class PlansFigures:
    """A view's risks (risk_table: each at its latest register, exceptions first), closed risks, actions (action_table:
    overdue first) and their headline counts, on the council's scale."""

    scope: str
    scale: RiskScale = DEFAULT_SCALE
    risks: pd.DataFrame = field(default_factory=pd.DataFrame)
    closed: pd.DataFrame = field(default_factory=pd.DataFrame)
    register_periods: tuple[str, ...] = ()  # every register month in scope, latest first
    actions: pd.DataFrame = field(default_factory=pd.DataFrame)
    summary: dict[str, Any] = field(default_factory=lambda: action_metrics.overdue_summary(pd.DataFrame()))

    @property
    def has_register(self) -> bool:  # a register lists a risk at its latest month: risks is never empty when closed is not
        return not self.risks.empty

    @property
    def has_plan(self) -> bool:
        return not self.actions.empty


def plans_figures(view: View) -> PlansFigures:
    """The view's register and plan worked out once for a page: empty frames when none is loaded for the scope."""
    register, actions = view.risk_register, view.actions
    risks = closed = pd.DataFrame()
    periods: tuple[str, ...] = ()
    if not register.empty:
        risks = risk_metrics.risk_table(register, view.risk_scale)
        closed = risk_metrics.closed_risks(register, view.risk_scale)
        ordered = register.sort_values("period_end", ascending=False, kind="stable")
        periods = tuple(dict.fromkeys(str(period) for period in ordered["period"]))
    table = action_metrics.action_table(actions) if not actions.empty else pd.DataFrame()
    return PlansFigures(view.filters.scope, view.risk_scale, risks, closed, periods, table, action_metrics.overdue_summary(table))


# ------------------------------------------------------------------------------- words about the register and plan

def _latest_months(figures: PlansFigures) -> str:
    """'Aug 2012'; 'Aug 2012 (8 risks), May 2012 (1 risk)' when owners' latest registers are of different months."""
    latest = Counter(str(period) for period in figures.risks["period"])
    if len(latest) == 1:
        return next(iter(latest))
    return ", ".join(f"{period} ({plural(latest[period], 'risk')})" for period in figures.register_periods if period in latest)


def register_words(figures: PlansFigures) -> str:
    """'Risk register as at Aug 2012 (the one before: May 2012)'; several owners' latest months each with their count."""
    if figures.risks.empty:
        return "No risk register loaded"
    latest = set(figures.risks["period"].map(str))
    earlier = [period for period in figures.register_periods if period not in latest]
    words = f"Risk register{'s' if len(latest) > 1 else ''} as at {_latest_months(figures)}"
    return words + (f" (the one before: {earlier[0]})" if earlier else "")


def plan_words(figures: PlansFigures) -> str:
    """'Action plan as at 31 Aug 2012', saying 'assumed' when a plan gave no date and the day it was loaded was taken."""
    if figures.actions.empty:
        return "No action plan loaded"
    dates: dict[date, bool] = {}
    for as_at, assumed in zip(figures.actions["as_at"], figures.actions["as_at_assumed"], strict=True):
        day = pd.Timestamp(as_at).date()
        dates[day] = dates.get(day, False) or bool(assumed)
    shown = [f"{_shown(day)}{' (assumed: the plan gives no date, so the day it was loaded is taken)' if assumed else ''}"
             for day, assumed in sorted(dates.items(), reverse=True)]
    return f"Action plan{'s' if len(shown) > 1 else ''} as at {', '.join(shown)}"


def as_at_line(figures: PlansFigures) -> str:
    return f"{register_words(figures)} · {plan_words(figures)}"


def _band_spans(scale: RiskScale) -> dict[str, str]:
    """{'Low': '1-6', 'Medium': '8-15', 'High': '16-25'} from the scale's own words."""
    return dict(part.split(" ", 1) for part in scale.band_words().split(", "))  # type: ignore[misc]


def scale_words(scale: RiskScale) -> str:
    """How a rating is banded on this council's scale, in words and shapes."""
    spans = _band_spans(scale)
    bands = ", ".join(f"{BAND_SHAPES[band]} {band} {spans[band]}" for band in BANDS)
    return (f"A rating is likelihood (1-{len(scale.likelihood)}) x impact (1-{len(scale.impact)}) on the council's scale: {bands}. "
            "Finance staff set the scale on the Settings page.")


# ------------------------------------------------------------------------------- headline figures

def risk_headline(figures: PlansFigures) -> list[Headline]:
    """How many risks in each band and with no rating, each band with its word and shape; [] with no register."""
    if figures.risks.empty:
        return []
    counts = risk_metrics.risks_by_band(figures.risks)
    spans = _band_spans(figures.scale)
    months = _latest_months(figures)
    headlines = [Headline(f"{BAND_SHAPES[band]} {band}", str(counts[band]),
                          help=f"Risks rated {spans[band]} (likelihood x impact) at their latest register: {months}.")
                 for band in BANDS]
    headlines.append(Headline(risk_metrics.NO_RATING, str(counts[risk_metrics.NO_RATING]),
                              help="Risks with no likelihood and impact yet (such as 'Risk assessment in progress'): never "
                                   "counted as Low, and not on the heat map."))
    return headlines


def action_headline(figures: PlansFigures) -> list[Headline]:
    """Actions overdue (the most days), due by the end of next quarter (which date), and where the officer's status
    disagrees with the dates; [] with no plan."""
    summary = figures.summary
    if figures.actions.empty:
        return []
    report, quarter_end = summary["report_date"], summary["next_quarter_end"]
    most = summary["most_days_overdue"]
    return [
        Headline("Actions overdue", str(summary["overdue"]), None if most is None else f"most {plural(most, 'day')}",
                 help=f"Due before the plan's date ({_shown(report)}) and not complete or cancelled; due on the day itself is "
                      "not overdue."),
        Headline("Due by the end of next quarter", str(summary["due_next_quarter"]), f"by {_shown(quarter_end)}",
                 help=f"Not complete, and due between {_shown(report)} and the end of next quarter, {_shown(quarter_end)}."),
        Headline("Officer's status disagrees with the dates", str(summary["status_differs"]),
                 help="Reported on track (or at risk, or not started) but overdue; reported late but not yet due; or reported "
                      "complete below 100%."),
    ]


# ------------------------------------------------------------------------------- questions members may ask

def whose(row: Any) -> str:
    """A risk's or action's owner as the store scopes it: its service, else its directorate, else the whole council."""
    return _text(row["service"]) or _text(row["directorate"]) or WHOLE_COUNCIL


def _capped(lines: list[str], what: str) -> list[str]:
    if len(lines) <= MOST_QUESTIONS:
        return lines
    return [*lines[:MOST_QUESTIONS], f"and {plural(len(lines) - MOST_QUESTIONS, 'more ' + what)}, in the tables below"]


def _risk_line(row: Any) -> str:
    return f"{markdown_text(_text(row['reference']))} {markdown_text(_text(row['title']))} ({markdown_text(whose(row))}): {row['question']}"


def _action_line(row: Any, words: str) -> str:
    owner = _text(row["owner"])
    return (f"Action {markdown_text(_text(row['reference']))} “{markdown_text(_text(row['action']))}”"
            f"{f' ({markdown_text(owner)})' if owner else ''}: {words}")


def questions(figures: PlansFigures) -> list[str]:
    """The exceptions first (High risks not falling), then overdue actions with their owners, then other actions whose
    officer's status disagrees with the dates, then risks with no rating; Markdown-safe, at most MOST_QUESTIONS of each."""
    found: list[str] = []
    risks, actions = figures.risks, figures.actions
    if not risks.empty:
        found += _capped([_risk_line(row) for _, row in risks[risks["exception"]].iterrows()], "High risk")
    if not actions.empty:
        found += _capped([_action_line(row, row["question"]) for _, row in actions[actions["overdue"]].iterrows()], "overdue action")
        differs = actions[actions["status_differs"] & ~actions["overdue"]]
        found += _capped([_action_line(row, f"the officer's status disagrees with the dates: {row['status_note']}")
                          for _, row in differs.iterrows()], "action")
    if not risks.empty:
        unrated = risks[risks["current_rating"].map(lambda rating: _value(rating) is None)]
        found += _capped([_risk_line(row) for _, row in unrated.iterrows()], "risk with no rating")
    return found


# ------------------------------------------------------------------------------- the register

def rating_words(likelihood: Any, impact: Any, scale: RiskScale, none: str = "no rating") -> str:
    """'3 x 4 = 12 ◆ Medium'; `none` when either score is missing."""
    likelihood, impact = _value(likelihood), _value(impact)
    if likelihood is None or impact is None:
        return none
    rating = int(likelihood) * int(impact)
    band = scale.band(rating) or ""
    return f"{int(likelihood)} x {int(impact)} = {rating} {BAND_SHAPES.get(band, '')} {band}".rstrip()


def trend_words(row: Any) -> str:
    """'▼ falling from 12', '= unchanged for 2 registers', '▲ rising from 9', 'new', 'no rating'."""
    trend, before = row["trend"], _value(row["previous_rating"])
    if trend == risk_metrics.FALLING:
        return f"▼ falling from {before}"
    if trend == risk_metrics.RISING:
        return f"▲ rising from {before}"
    if trend == risk_metrics.UNCHANGED:
        return f"= unchanged for {row['unchanged_registers']} registers"
    if trend == risk_metrics.NEW:
        return "new" if _value(row["previous_period"]) is None else f"new rating (none in {row['previous_period']})"
    return "no rating" if before is None else f"no rating (was {before})"


def with_ref(reference: Any, text: Any) -> str:
    """'SR7 Government funding falls ...', '11.1 Review Preferred Partner Agreement': the reference leads the words, as
    committee papers print them (and a column fewer, so the tables read whole at 820 px)."""
    return " ".join(part for part in (_text(reference), _text(text)) if part)


def _gap_words(gap: Any) -> str:
    """' (gap 10)' beside a target; ' (at target)' at or below it; nothing with no gap."""
    gap = _value(gap)
    return "" if gap is None else f" ({'at target' if gap <= 0 else f'gap {gap}'})"


# On screen, whose and owner ('Private & Social Housing (Head of Housing & Communications)') and target and gap are one
# column each, so six columns read whole at 820 px; the download keeps them apart and adds REGISTER_DOWNLOAD.
REGISTER_SCREEN = ["Risk", "Whose (owner)", "Current", "Target (gap)", "Since last register", "Question"]
REGISTER_DOWNLOAD = ["Whose", "Owner", "Target", "Gap", "Ref", "Risk title", "Period", "Directorate", "Service", "Consequence",
                     "Controls", "Current rating", "Target rating"]


def register_table(figures: PlansFigures) -> pd.DataFrame:
    """Every risk at its latest register, exceptions first (risk_table's order): the risk (its ref first), whose and its
    owner, current and target ratings in words with the gap, the direction since the last register and the question."""
    columns = [*REGISTER_SCREEN, *REGISTER_DOWNLOAD]
    if figures.risks.empty:
        return pd.DataFrame(columns=columns)
    scale, rows = figures.scale, [row for _, row in figures.risks.iterrows()]
    owned = [(whose(row), _text(row["owner"])) for row in rows]
    targets = [rating_words(row["target_likelihood"], row["target_impact"], scale, "none given") for row in rows]
    return pd.DataFrame({
        "Risk": [with_ref(row["reference"], row["title"]) for row in rows],
        "Whose (owner)": [f"{who} ({owner})" if owner else who for who, owner in owned],
        "Current": [rating_words(row["current_likelihood"], row["current_impact"], scale, _text(row["assessment_note"]) or "no rating")
                    for row in rows],
        "Target (gap)": [target + _gap_words(row["gap"]) for target, row in zip(targets, rows, strict=True)],
        "Since last register": [trend_words(row) for row in rows],
        "Question": [_text(row["question"]) for row in rows],
        "Whose": [who for who, _ in owned], "Owner": [owner for _, owner in owned], "Target": targets,
        "Gap": [NO_TEXT if _value(row["gap"]) is None else str(row["gap"]) for row in rows],
        **{name: [_text(row[column]) for row in rows] for name, column in (
            ("Ref", "reference"), ("Risk title", "title"), ("Period", "period"), ("Directorate", "directorate"),
            ("Service", "service"), ("Consequence", "consequence"), ("Controls", "controls"))},
        "Current rating": [row["current_rating"] for row in rows], "Target rating": [row["target_rating"] for row in rows],
    })[columns]


def closed_table(figures: PlansFigures) -> pd.DataFrame:
    """The risks a later register of their owner no longer lists: their last rating, when they were last listed, and
    the register that dropped them."""
    columns = ["Risk", "Whose", "Owner", "Last rating", "Last listed", "Not listed from"]
    if figures.closed.empty:
        return pd.DataFrame(columns=columns)
    rows = [row for _, row in figures.closed.iterrows()]
    return pd.DataFrame({
        "Risk": [with_ref(row["reference"], row["title"]) for row in rows], "Whose": [whose(row) for row in rows],
        "Owner": [_text(row["owner"]) for row in rows],
        "Last rating": [rating_words(row["current_likelihood"], row["current_impact"], figures.scale) for row in rows],
        "Last listed": [_text(row["period"]) for row in rows], "Not listed from": [_text(row["dropped_in"]) for row in rows],
    })[columns]


def risk_titles(figures: PlansFigures) -> dict[str, str]:
    """Each risk's reference and title, for the heat map's hover."""
    return {_text(ref): _text(title) for ref, title in zip(figures.risks["reference"], figures.risks["title"], strict=True)}


def unplaced_words(figures: PlansFigures, heat: risk_metrics.HeatMap) -> str | None:
    """'1 risk is not on the map: SR9 has no current rating.'; None when every risk is placed."""
    if not heat.unplaced:
        return None
    placed = Counter(reference for row in heat.cells for cell in row for reference in cell.references)
    left = []
    for reference in figures.risks["reference"].map(_text):
        if placed[reference]:
            placed[reference] -= 1
        else:
            left.append(reference)
    names = ", ".join(left)
    return (f"{plural(heat.unplaced, 'risk')} {'is' if heat.unplaced == 1 else 'are'} not on the map: {names} "
            f"{'has' if heat.unplaced == 1 else 'have'} no {heat.which} rating on the council's scale.")


# ------------------------------------------------------------------------------- actions

def due_words(row: Any) -> str:
    """'11/12: Q4 (31 Mar 2012)': as the plan wrote it and the day it means; '31 Mar 2013' for a date; 'TBC (no date)'."""
    written, due = _text(row["due_text"]), _value(row["due_date"])
    if due is None:
        return f"{written} (no date)" if written else "no date"
    day = pd.Timestamp(due).date()
    return f"{written} ({_shown(day)})" if written and _text(row["due_kind"]) != "date" else _shown(day)


def officer_words(row: Any) -> str:
    """'on track, 75%'; 'no status' when the plan gives none."""
    status, percent = _text(row["status"]), _value(row["percent_complete"])
    shown = status or action_metrics.NO_STATUS
    return shown if percent is None else f"{shown}, {float(percent):g}%"


def worked_out_words(row: Any) -> str:
    """The status the dates give: 'overdue by 153 days', 'due soon', 'not yet due', 'no date', 'complete'."""
    if row["overdue"]:
        return f"overdue by {plural(int(row['days_overdue']), 'day')}"
    return str(row["computed_status"])


def status_words(row: Any) -> str:
    """The dates' status and the officer's side by side: 'overdue by 153 days; officer: on track, 75%'; the officer's
    alone for a complete or cancelled action ('complete, 100%')."""
    if row["done"]:
        return officer_words(row)
    return f"{worked_out_words(row)}; officer: {officer_words(row)}"


def _note(row: Any) -> str:
    """The disagreement between the officer's status and the dates first, then the officer's commentary."""
    parts = [f"Status and dates disagree: {row['status_note']}." if row["status_differs"] else "", _text(row["commentary"])]
    return " ".join(part for part in parts if part)


# Each table on screen in at most six columns, so it reads whole at 820 px (the action's ref leads its words); the
# download adds ACTION_DOWNLOAD.
OVERDUE_SCREEN = ["Action", "Owner", "Due", "Days overdue", "Officer's status", "Note"]
DUE_SOON_SCREEN = ["Action", "Owner", "Due", "Officer's status", "Note"]
ACTIONS_SCREEN = ["Action", "Owner", "Due", "Status", "Note"]
ACTION_DOWNLOAD = ["Whose", "Worked out", "Officer's status", "Question", "Ref", "Action title", "Linked objective", "Due as written",
                   "Due date", "% complete", "Plan as at", "Directorate", "Service"]


def _action_frame(actions: pd.DataFrame, screen: list[str], *extra: str) -> pd.DataFrame:
    """The actions (action_table rows, in its order) as the screen's columns, then `extra` and ACTION_DOWNLOAD."""
    columns = list(dict.fromkeys([*screen, *extra, *ACTION_DOWNLOAD]))
    if actions.empty:
        return pd.DataFrame(columns=columns)
    rows = [row for _, row in actions.iterrows()]
    return pd.DataFrame({
        "Action": [with_ref(row["reference"], row["action"]) for row in rows], "Due": [due_words(row) for row in rows],
        "Days overdue": [NO_TEXT if _value(row["days_overdue"]) is None else int(row["days_overdue"]) for row in rows],
        "Status": [status_words(row) for row in rows], "Officer's status": [officer_words(row) for row in rows],
        "Note": [_note(row) for row in rows], "Whose": [whose(row) for row in rows],
        "Worked out": [worked_out_words(row) for row in rows],
        **{name: [_text(row[column]) for row in rows] for name, column in (
            ("Owner", "owner"), ("Question", "question"), ("Ref", "reference"), ("Action title", "action"),
            ("Linked objective", "link"), ("Due as written", "due_text"), ("Directorate", "directorate"), ("Service", "service"))},
        **{name: [_value(row[column]) for row in rows] for name, column in (
            ("Due date", "due_date"), ("% complete", "percent_complete"), ("Plan as at", "as_at"))},
    })[columns]


def _where(figures: PlansFigures, column: str) -> pd.DataFrame:
    return figures.actions[figures.actions[column]] if figures.has_plan else figures.actions


def overdue_table(figures: PlansFigures) -> pd.DataFrame:
    """The overdue actions, most days first."""
    return _action_frame(_where(figures, "overdue"), OVERDUE_SCREEN)


def due_soon_table(figures: PlansFigures) -> pd.DataFrame:
    """The actions due by the end of next quarter, earliest first."""
    return _action_frame(_where(figures, "due_next_quarter"), DUE_SOON_SCREEN)


def actions_table(figures: PlansFigures) -> pd.DataFrame:
    """Every action at its latest plan: overdue, due soon, then the rest by due date (no date last)."""
    return _action_frame(figures.actions, ACTIONS_SCREEN, "Days overdue")


# ------------------------------------------------------------------------------- nothing loaded

def no_register_words(view: View) -> str:
    return (f"No risk register is loaded for {view.filters.scope}, {view.year or 'this year'}. Load a workbook with a Risk "
            "register sheet (Risk ref, Risk title, Directorate or Service, Risk owner, Current likelihood and impact, Target "
            "likelihood and impact, and the register's month in a title row); the blank Risk register template, with "
            "instructions, is on the Import returns page.")


def no_plan_words(view: View) -> str:
    return (f"No action plan is loaded for {view.filters.scope}, {view.year or 'this year'}. Load a workbook with an Actions "
            "sheet (Ref, Action, Directorate or Service, Owner, Due, Status, and the plan's date as 'as at September 2012' in a "
            "title row); the blank Actions template, with instructions, is on the Import returns page.")


# ------------------------------------------------------------------------------- the service plan summary

SERVICE_PLAN_RISKS = ["Risk", "Whose", "Current", "Since last register", "Question"]
SERVICE_PLAN_ACTIONS = ["Action", "Owner", "Due", "Worked out", "Officer's status"]


def service_plan_risks(figures: PlansFigures) -> pd.DataFrame:
    """A head of service's risks, exceptions first, compact (SERVICE_PLAN_RISKS)."""
    return register_table(figures)[SERVICE_PLAN_RISKS]


def service_plan_actions(figures: PlansFigures) -> pd.DataFrame:
    """A head of service's actions overdue and due by the end of next quarter, with owners, overdue first (compact)."""
    actions = figures.actions[figures.actions["overdue"] | figures.actions["due_next_quarter"]] if figures.has_plan else figures.actions
    return _action_frame(actions, SERVICE_PLAN_ACTIONS)[SERVICE_PLAN_ACTIONS]
