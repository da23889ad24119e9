"""The briefing pack's risk register and action plans: their at-a-glance figures, their questions, the "Risks and
actions" section (the heat map as a grid of words, the High risks, the overdue actions and those due next) and the
appendix (every risk, every action).

Pure, like briefing.py: a view's register and plans through risk_metrics and action_metrics (once, in PlanFigures),
parts of the content model out. Every band is written with its word and shape ("16 High ▲"), so the pack reads in
greyscale. A scope with no register and no plan gets none of this (build_briefing asks PlanFigures.empty first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from data_layer import presentation
from data_layer.action_metrics import action_table, next_quarter_end, overdue_summary
from data_layer.briefing import APPENDIX, KeyFigure, Section, Table
from data_layer.periods import period_from_label
from data_layer.risk_metrics import (
    FALLING,
    NEW,
    NO_RATING,
    NOT_RATED,
    NUMBER_WORDS,
    RISING,
    UNCHANGED,
    HeatMap,
    closed_risks,
    heat_map,
    risk_table,
    risks_by_band,
)
from data_layer.risk_scale import BAND_SHAPES, HIGH, LOW, MEDIUM, RiskScale

RISKS_AND_ACTIONS = "Risks and actions"
PLANS_APPENDIX = f"{APPENDIX}: Risk register and action plans"
# Added to the sample council's note when its pack shows its register or plan (the sample's workbook says the same).
SAMPLE_PLANS_NOTE = " Its risk register and action statuses are illustrative too; the housing actions, leads and deadlines are as printed."
TREND = "Trend since the register before"
HEAT_MAP_REFERENCES = 8  # a heat map cell names at most this many of its risks (its count says how many there are)
_KEY = ["directorate", "service", "reference_key"]


@dataclass(frozen=True)
class PlanFigures:
    """The scope's register and plans worked out once: risks (risk_metrics.risk_table), closed (those a later register
    dropped), heat (the current heat map, None without a register), actions (action_metrics.action_table) and their
    summary, and drawn_on: the file, load time and day of every register and plan row the pack shows or compares with."""

    risks: pd.DataFrame
    closed: pd.DataFrame
    heat: HeatMap | None
    actions: pd.DataFrame
    summary: dict[str, Any]
    scale: RiskScale
    drawn_on: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.risks.empty and self.actions.empty


def plan_figures(view: Any) -> PlanFigures:
    """The view's risk register and action plans for the pack: each risk at its latest register, each action at its
    latest plan, overdue as at that plan's own date (never the day the pack is made)."""
    register, planned, scale = view.risk_register, view.actions, view.risk_scale
    risks = risk_table(register, scale) if not register.empty else pd.DataFrame()
    closed = closed_risks(register, scale) if not register.empty else pd.DataFrame()
    actions = action_table(planned) if not planned.empty else pd.DataFrame()
    rows = [frame[["file_name", "loaded_at", day]].rename(columns={day: "day"})
            for frame, day in ((risks, "period_end"), (closed, "period_end"), (_compared(register, risks), "period_end"),
                               (actions, "as_at")) if not frame.empty and "file_name" in frame]
    drawn_on = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["file_name", "loaded_at", "day"])
    return PlanFigures(risks, closed, heat_map(risks, scale) if not risks.empty else None, actions, overdue_summary(actions), scale,
                       drawn_on)


def _compared(register: pd.DataFrame, risks: pd.DataFrame) -> pd.DataFrame:
    """The register rows the risks' trends compare with (each risk at its previous register)."""
    if risks.empty or "previous_period" not in risks:
        return pd.DataFrame()
    earlier = risks.loc[risks["previous_period"].notna(), [*_KEY, "previous_period"]].rename(columns={"previous_period": "period"})
    blank = {column: "" for column in _KEY}  # a risk of the whole council has no directorate: match blank with blank
    return register.fillna(blank).merge(earlier.fillna(blank), on=[*_KEY, "period"])


# ---------------------------------------------------------------------------------- words

def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def _number(value: object) -> int | None:
    return None if value is None or (not isinstance(value, int) and pd.isna(value)) else int(value)  # type: ignore[arg-type]


def _band_words(band: object) -> str:
    """'High ▲'; '' for no band."""
    return f"{band} {BAND_SHAPES[band]}" if isinstance(band, str) and band in BAND_SHAPES else ""


def _rating_words(rating: object, band: object) -> str:
    """'16 High ▲'; 'no rating'."""
    rating = _number(rating)
    return "no rating" if rating is None else f"{rating} {_band_words(band)}".strip()


def _risk_name(row: Any) -> str:
    return " ".join(part for part in (_text(row["reference"]), _text(row["title"])) if part)


def _where(row: Any) -> str:
    """The service the risk or action is registered against, else its head of service, else the whole council."""
    return _text(row["service"]) or _text(row["directorate"]) or "Whole council"


def _trend_words(row: Any) -> str:
    """'unchanged for two registers', 'rising from 9 (May 2012)', 'new on the register', 'not rated: Risk assessment in progress'."""
    trend, before, when = row["trend"], _number(row["previous_rating"]), _text(row["previous_period"])
    if trend == UNCHANGED:
        count = int(row["unchanged_registers"])
        return f"unchanged for {NUMBER_WORDS.get(count, str(count))} registers"
    if trend in (RISING, FALLING):
        return f"{trend} from {before} ({when})"
    if trend == NEW:
        return f"first rated (no rating in {when})" if when else "new on the register"
    note = _text(row.get("assessment_note"))
    return f"{NOT_RATED}: {note}" if note else NOT_RATED


def _shown(day: object) -> str:
    return day.strftime("%d %b %Y") if isinstance(day, date) else ""


def _due_words(row: Any) -> str:
    """The due date as the plan writes it, with the day it means when that is not a date: '11/12: Q4 (31 Mar 2012)',
    '31 Mar 2013', 'TBC'; 'none given'."""
    text, day = _text(row["due_text"]), row["due_date"]
    if not isinstance(day, date):
        return text or "none given"
    if not text or _text(row["due_kind"]) == "date":
        return _shown(day)
    return f"{text} ({_shown(day)})"


def _days(count: object) -> str:
    number = _number(count) or 0
    return f"{number} day{'' if number == 1 else 's'}"


def _status_words(row: Any, *, percent: bool = False) -> str:
    """The officer's status (with the percent complete), and where it disagrees with the dates: 'late, 40% complete',
    'on track, 75% complete: disagrees with the dates'."""
    status = _text(row["status"]) or "none given"
    done = _percent(row.get("percent_complete")) if percent else ""
    status += f", {done} complete" if done and status not in ("complete", "cancelled") else ""
    return f"{status}: disagrees with the dates" if bool(row["status_differs"]) else status


def _percent(value: object) -> str:
    return f"{Decimal(str(value)).normalize():f}%" if isinstance(value, Decimal | int | float) and not pd.isna(value) else ""


def _against_dates(row: Any) -> str:
    """What the dates make an action: 'overdue 153 days', 'due by 31 Dec 2012', 'not yet due', 'no due date', 'complete'."""
    if bool(row["overdue"]):
        return f"overdue {_days(row['days_overdue'])}"
    if bool(row["due_next_quarter"]):
        return f"due by {_shown(next_quarter_end(row['report_date']))}"
    return {"no date": "no due date"}.get(str(row["computed_status"]), str(row["computed_status"]))


def _months(frame: pd.DataFrame, label: str, day: str) -> str:
    """'Aug 2012', or 'May 2012 to Aug 2012' when owners' latest registers (or plans) differ."""
    months = list(dict.fromkeys(frame.sort_values(day, kind="stable")[label]))
    return months[0] if len(months) == 1 else f"{months[0]} to {months[-1]}"


# ---------------------------------------------------------------------------------- at a glance

def glance_figures(figures: PlanFigures) -> list[KeyFigure]:
    """'High risks ▲': 3 of 9, the other bands, the register's month; 'Actions overdue': 3 of 14, the longest, how many
    fall due next, the plan's month. Only those the scope has."""
    found = []
    if not figures.risks.empty:
        counts = risks_by_band(figures.risks)
        others = [f"{counts[band]} {band}" for band in (MEDIUM, LOW) if counts[band]]
        others += [f"{counts[NO_RATING]} not rated"] if counts[NO_RATING] else []
        found.append(KeyFigure(f"High risks {BAND_SHAPES[HIGH]}", f"{counts[HIGH]} of {len(figures.risks)}",
                               "; ".join(part for part in (", ".join(others), f"as at {_months(figures.risks, 'period', 'period_end')}")
                                         if part)))
    if not figures.actions.empty:
        summary = figures.summary
        parts = [f"up to {_days(summary['most_days_overdue'])}"] if summary["overdue"] else []
        parts.append(f"{summary['due_next_quarter']} due by {_shown(summary['next_quarter_end'])}")
        found.append(KeyFigure("Actions overdue", f"{summary['overdue']} of {len(figures.actions)}",
                               "; ".join([*parts, f"as at {_months(figures.actions, 'period', 'as_at')}"])))
    return found


# ---------------------------------------------------------------------------------- questions

_RISK_ASKS = {UNCHANGED: "Are its controls working, and what would bring it down?",
              RISING: "What has changed, and what will bring it down?",
              NEW: "What is being done to manage it?"}


def questions(figures: PlanFigures) -> list[str]:
    """The register's exceptions (High and not falling, highest first), the risks not yet rated, each overdue action (most
    days first) with its owner, and each action whose officer's status disagrees with the dates."""
    asked = []
    risks = figures.risks
    for _, row in risks[risks["exception"]].iterrows() if not risks.empty else []:
        target = _number(row["target_rating"])
        against = f"target {target}" if target is not None else "no target given"
        against = against if row["trend"] in (RISING, NEW) else f"at {row['current_rating']}; {against}"  # else the question says the rating
        owner = f"; risk owner {_text(row['owner'])}" if _text(row["owner"]) else ""
        asked.append(f"{_risk_name(row)} ({_where(row)}{owner}): {row['question']} ({against}). "
                     f"{_RISK_ASKS.get(row['trend'], 'What is being done to bring it down?')}")
    for _, row in risks[risks["current_rating"].isna()].iterrows() if not risks.empty else []:
        asked.append(f"{_risk_name(row)} ({_where(row)}): {row['question']}. When will it be assessed?")
    actions = figures.actions
    for _, row in actions[actions["overdue"] | actions["status_differs"]].iterrows() if not actions.empty else []:
        name = f'Action {_text(row["reference"])} "{_text(row["action"])}"' if _text(row["reference"]) else f'The action "{_text(row["action"])}"'
        owner = f"; owner {_text(row['owner'])}" if _text(row["owner"]) else ""
        if bool(row["overdue"]):
            status = _text(row["status"])
            said = f"the officer reports it {status}" if status else "no status is reported"
            ask = "When will it be done, and is its status right?" if bool(row["status_differs"]) else "When will it be done?"
            due = _text(row["due_text"]) or _due_words(row)  # as the plan writes it
            asked.append(f"{name} ({_where(row)}{owner}) is overdue by {_days(row['days_overdue'])} (due {due}), and {said}. {ask}")
        else:
            question = str(row["question"])
            asked.append(f"{name} ({_where(row)}{owner}): {question[:1].lower()}{question[1:]}. Which is right: the status or the dates?")
    return asked


# ---------------------------------------------------------------------------------- the detail

def plans_section(figures: PlanFigures) -> Section | None:
    """'Risks and actions': the register in a sentence, its heat map as a grid of words, its High risks with their trend
    and controls; the plans in a sentence, the overdue actions and those due by the end of next quarter, with owners and
    due dates as written. None when the scope has neither."""
    if figures.empty:
        return None
    section = Section(RISKS_AND_ACTIONS)
    if figures.risks.empty:
        section.lead.append("No risk register is loaded for this scope.")
    else:
        _register_part(section, figures)
    if figures.actions.empty:
        section.lead.append("No action plan is loaded for this scope.")
    else:
        _actions_part(section, figures)
    section.elsewhere.append("Every risk and every action is in {where}.")
    return section


def _register_part(section: Section, figures: PlanFigures) -> None:
    risks, heat = figures.risks, figures.heat
    counts = risks_by_band(risks)
    month = _months(risks, "period", "period_end")
    earlier = sorted({p for p in risks["previous_period"] if isinstance(p, str)}, key=lambda label: period_from_label(label).end)
    compared = f" (compared with {', '.join(earlier)})" if earlier else ""
    bands = ", ".join(f"{counts[band]} {_band_words(band)}" for band in (HIGH, MEDIUM, LOW))
    section.lead.append(f"Risk register as at {month}{compared}: {presentation.plural(len(risks), 'risk')}, {bands}"
                        + (f", {counts[NO_RATING]} not yet rated." if counts[NO_RATING] else "."))
    section.lead.append(f"Ratings are likelihood × impact: {figures.scale.band_words()}.")
    if not figures.closed.empty:
        section.lead.append("No longer on the register: " + "; ".join(
            f"{_risk_name(row)} (last on the {row['period']} register, not on {row['dropped_in']}'s)" for _, row in figures.closed.iterrows()) + ".")
    if heat is not None:
        section.tables.append(Table(f"Heat map of the current ratings, {month}: likelihood down, impact across", heat_map_frame(heat)))
        unrated = risks[risks["current_rating"].isna()]
        if heat.unplaced:
            names = "; ".join(_risk_name(row) for _, row in unrated.iterrows())
            section.lead.append(f"Not on the heat map: {presentation.plural(heat.unplaced, 'risk')} with no rating"
                                + (f" ({names})." if names and len(unrated) == heat.unplaced else "."))
    high = risks[risks["band"].astype(object) == HIGH]
    if high.empty:
        section.lead.append(f"No risk is {HIGH}.")
        return
    section.tables.append(Table(f"{HIGH} risks {BAND_SHAPES[HIGH]}, {month}, with the trend since the register before and the controls",
                                _risks_frame(high, controls=True)))


def heat_map_frame(heat: HeatMap) -> pd.DataFrame:
    """The heat map as a table: a row per likelihood (highest first), a column per impact; each cell its count, band word
    and shape ('2 risks / High ▲'), and the risks' references, so it needs no colour."""
    rows = []
    for (number, word), cells in zip(heat.rows, heat.cells, strict=True):
        row = {"Likelihood / impact": f"{number} {word}"}
        for (impact, impact_word), cell in zip(heat.columns, cells, strict=True):
            references = list(cell.references[:HEAT_MAP_REFERENCES]) + (["…"] if len(cell.references) > HEAT_MAP_REFERENCES else [])
            row[f"{impact} {impact_word}"] = heat.cell_text(cell) + (f"\n{', '.join(references)}" if references else "")
        rows.append(row)
    return pd.DataFrame(rows)


def _owner(row: Any) -> str:
    """'Head of Finance & HR (Housing Benefits)': the risk's owner and where it is registered; either alone when one is missing."""
    owner, where = _text(row["owner"]), _where(row)
    return f"{owner} ({where})" if owner else where


def _risks_frame(risks: pd.DataFrame, *, controls: bool) -> pd.DataFrame:
    frame = pd.DataFrame({
        "Ref": [_text(r) for r in risks["reference"]], "Risk": [_text(t) for t in risks["title"]],
        "Owner": [_owner(row) for _, row in risks.iterrows()],
        "Current": [_rating_words(r, b) for r, b in zip(risks["current_rating"], risks["band"], strict=True)],
        "Target": [_rating_words(r, b) for r, b in zip(risks["target_rating"], risks["target_band"], strict=True)],
        TREND: [_trend_words(row) for _, row in risks.iterrows()],
    })
    if controls:
        frame["Controls"] = [_text(c) for c in risks["controls"]]
    return frame.reset_index(drop=True)


def _actions_part(section: Section, figures: PlanFigures) -> None:
    actions, summary = figures.actions, figures.summary
    month = _months(actions, "period", "as_at")
    one_date = len(set(actions["report_date"])) == 1
    by = f"by {_shown(summary['next_quarter_end'])}" if one_date else "by the end of the quarter after their plan's date"
    services = list(dict.fromkeys(_where(row) for _, row in actions.iterrows()))
    done = int(actions["done"].sum())
    parts = [f"{summary['overdue']} overdue" + (f" (the longest {_days(summary['most_days_overdue'])})" if summary["overdue"] else ""),
             f"{summary['due_next_quarter']} due {by}"]
    parts += [f"{summary['no_date']} with no due date"] if summary["no_date"] else []
    parts += [f"{done} complete or cancelled"] if done else []
    section.lead.append(f"Action plan{'s' if len(services) > 1 else ''} as at {month} ({', '.join(services)}): "
                        f"{presentation.plural(len(actions), 'action')}; " + ", ".join(parts) + "."
                        + (f" The officer's status disagrees with the dates for {summary['status_differs']}." if summary["status_differs"] else ""))
    by_service = len(services) > 1
    overdue = actions[actions["overdue"]]
    if overdue.empty:
        section.lead.append(f"No action is overdue as at {month}.")
    else:
        section.tables.append(Table(f"Actions overdue as at {month}, the longest first", _actions_frame(overdue, by_service, overdue=True)))
    soon = actions[actions["due_next_quarter"]]
    if soon.empty:
        section.lead.append(f"No action falls due {by}.")
    else:
        section.tables.append(Table(f"Actions due {by}, the earliest first", _actions_frame(soon, by_service, overdue=False)))


def _actions_frame(actions: pd.DataFrame, by_service: bool, *, overdue: bool) -> pd.DataFrame:
    columns: dict[str, list[str]] = {"Ref": [_text(r) for r in actions["reference"]], "Action": [_text(a) for a in actions["action"]]}
    if by_service:
        columns["Service"] = [_where(row) for _, row in actions.iterrows()]
    columns["Owner"] = [_text(o) for o in actions["owner"]]
    columns["Due"] = [_due_words(row) for _, row in actions.iterrows()]
    if overdue:
        columns["Overdue by"] = [_days(d) for d in actions["days_overdue"]]
    columns["Officer's status"] = [_status_words(row, percent=True) for _, row in actions.iterrows()]
    columns["Commentary"] = [_text(c) for c in actions["commentary"]]
    return pd.DataFrame(columns).reset_index(drop=True)


# ---------------------------------------------------------------------------------- appendix

def plans_appendix(figures: PlanFigures) -> Section | None:
    """Every risk on the register (ref, title, current, target, trend), those a later register dropped, and every action
    (due as written, the officer's status, what the dates make it); None when the scope has neither."""
    if figures.empty:
        return None
    tables, said = [], []
    if not figures.risks.empty:
        month = _months(figures.risks, "period", "period_end")
        tables.append(Table(f"Every risk on the register, {month}", _risks_frame(figures.risks, controls=False)))
        said.append(f"every risk on the register ({presentation.plural(len(figures.risks), 'risk')}): its rating, target and trend")
    if not figures.closed.empty:
        closed = _risks_frame(figures.closed, controls=False).drop(columns=[TREND])
        closed["Not on"] = [f"the {p} register" for p in figures.closed["dropped_in"]]
        tables.append(Table("Risks no longer on the register, as last rated", closed))
    if not figures.actions.empty:
        actions = figures.actions
        services = list(dict.fromkeys(_where(row) for _, row in actions.iterrows()))
        every = pd.DataFrame({
            "Ref": [_text(r) for r in actions["reference"]], "Action": [_text(a) for a in actions["action"]],
            "Service": [_where(row) for _, row in actions.iterrows()], "Owner": [_text(o) for o in actions["owner"]],
            "Due": [_due_words(row) for _, row in actions.iterrows()], "Officer's status": [_status_words(row) for _, row in actions.iterrows()],
            "By the dates": [_against_dates(row) for _, row in actions.iterrows()]})
        one = f", {services[0]}" if len(services) == 1 else ""  # one service: said in the title, the width goes to the actions
        tables.append(Table(f"Every action{one}, as at {_months(actions, 'period', 'as_at')}", every.drop(columns=["Service"]) if one else every))
        said.append(f"every action ({presentation.plural(len(actions), 'action')}): due as written, the officer's status and whether overdue")
    summary = "; ".join(said)
    return Section(PLANS_APPENDIX, tables=tables, summary=summary[:1].upper() + summary[1:] + ".")


__all__ = ["PLANS_APPENDIX", "RISKS_AND_ACTIONS", "SAMPLE_PLANS_NOTE", "PlanFigures", "glance_figures", "heat_map_frame", "plan_figures",
           "plans_appendix", "plans_section", "questions"]
