"""Pure analytics for action plans: what is overdue and by how many days, what falls due by the end of next quarter,
and where the officer's status disagrees with the dates.

Frames in (repository.actions), frames out; no database, no Streamlit. Overdue means due before the report date: an
action due on the report date is not overdue. A complete or cancelled action is never overdue. An action is
(directorate, service, action_key), each part None-safe.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from data_layer.periods import quarter
from data_layer.risk_metrics import day_or_none as _day
from data_layer.risk_metrics import value_or_none as _value

NOT_STARTED, ON_TRACK, AT_RISK, LATE, COMPLETE, CANCELLED = "not started", "on track", "at risk", "late", "complete", "cancelled"
OFFICER_STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK, LATE, COMPLETE, CANCELLED)
NO_STATUS = "no status"
DONE = (COMPLETE, CANCELLED)
OVERDUE, DUE_SOON, NO_DATE, NOT_YET_DUE = "overdue", "due soon", "no date", "not yet due"
# The officer's words that say nothing is wrong, or say nothing: wrong for an action past its date.
_NOT_LATE = (NOT_STARTED, ON_TRACK, AT_RISK, None)
ADDED_COLUMNS = ["report_date", "done", "overdue", "days_overdue", "due_next_quarter", "no_date", "computed_status", "status_differs",
                 "status_note", "question"]


def _shown(day: date) -> str:
    return day.strftime("%d %b %Y")


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def next_quarter_end(as_at: date) -> date:
    """The last day of the financial quarter after the one as_at is in: 30 Sep 2012 -> 31 Dec 2012, 31 Mar 2013 -> 30 Jun 2013."""
    start_year = as_at.year if as_at.month >= 4 else as_at.year - 1
    number = (as_at.month - 4) % 12 // 3 + 1
    return quarter(1, start_year + 1).end if number == 4 else quarter(number + 1, start_year).end


def _latest(actions: pd.DataFrame) -> pd.DataFrame:
    """Each action at its latest plan month (the later row when a month repeats)."""
    keys = zip((_value(v) for v in actions["directorate"]), (_value(v) for v in actions["service"]),
               (_value(v) for v in actions["action_key"]), strict=True)
    ends = [_day(v) for v in actions["as_at"]]
    latest: dict[tuple[Any, Any, Any], int] = {}
    for position, key in enumerate(keys):
        if key not in latest or ends[position] >= ends[latest[key]]:
            latest[key] = position
    return actions.iloc[sorted(latest.values())].reset_index(drop=True)


def _status_check(status: str | None, percent: Decimal | None, due: date | None, report_date: date,
                  overdue: bool, days: int | None) -> tuple[bool, str | None]:
    """Whether the officer's status disagrees with the dates (or the percent complete), and how, in words."""
    if overdue and status in _NOT_LATE:
        return True, f"overdue by {_days(days or 0)}; " + (f"the officer reports {status}" if status else "no status reported")
    if status == LATE and not overdue:
        if due is None:
            return True, "the officer reports late; no due date"
        return True, f"the officer reports late; due {_shown(due)}, " + ("due today" if due == report_date else "not yet due")
    if status == COMPLETE and percent is not None and percent < 100:
        return True, f"reported complete at {percent.normalize():f}%"
    return False, None


def _due_as_written(row: Any, due: date) -> str:
    text = _value(row.get("due_text"))
    return str(text) if text and _value(row.get("due_kind")) != "date" else _shown(due)


def _question(row: Any, status: str | None, percent: Decimal | None, due: date | None, flags: dict[str, Any]) -> str | None:
    """What committee may ask of an action: overdue, reported late or complete against the figures, due soon at
    risk, or no due date."""
    if flags["overdue"]:
        said = f"the officer reports {status}" if status else "no status reported"
        return f"Overdue by {_days(flags['days_overdue'])} (due {_due_as_written(row, due)}): {said}"  # type: ignore[arg-type]
    if status == LATE:
        return "Reported late with no due date" if due is None else f"Reported late but not due until {_shown(due)}"
    if status == COMPLETE and percent is not None and percent < 100:
        return f"Reported complete at {percent.normalize():f}%"
    if flags["due_next_quarter"] and status == AT_RISK:
        return f"Due {_shown(due)} and reported at risk"  # type: ignore[arg-type]
    if flags["no_date"]:
        text = _value(row.get("due_text"))
        return f"No due date ({text})" if text else "No due date given"
    return None


def _flags(row: Any, as_at: date | None) -> dict[str, Any]:
    report_date = as_at or _day(row["as_at"])
    due = _day(row["due_date"])
    status = _value(row["status"])
    percent = _value(row.get("percent_complete"))
    percent = None if percent is None else Decimal(str(percent))
    done = status in DONE
    overdue = due is not None and due < report_date and not done
    days = (report_date - due).days if overdue else None
    soon = not done and not overdue and due is not None and report_date <= due <= next_quarter_end(report_date)
    no_date = due is None and not done
    if done:
        computed = status
    else:
        computed = OVERDUE if overdue else DUE_SOON if soon else NO_DATE if no_date else NOT_YET_DUE
    flags: dict[str, Any] = {"report_date": report_date, "done": done, "overdue": overdue, "days_overdue": days,
                             "due_next_quarter": soon, "no_date": no_date, "computed_status": computed}
    flags["status_differs"], flags["status_note"] = _status_check(status, percent, due, report_date, overdue, days)
    flags["question"] = _question(row, status, percent, due, flags)
    return flags


def action_table(actions: pd.DataFrame, as_at: date | None = None) -> pd.DataFrame:
    """Each action at its latest plan month, checked against the report date (as_at, else the plan's own as_at):
    overdue first (most days first), then due soon (earliest first), then the rest by due date (no date last)."""
    table = _latest(actions)
    flags = [_flags(row, as_at) for _, row in table.iterrows()]
    for column in ADDED_COLUMNS:
        values = [f[column] for f in flags]
        kind = bool if column in ("done", "overdue", "due_next_quarter", "no_date", "status_differs") else object
        table[column] = pd.Series(values, index=table.index, dtype=kind)
    if not len(table):
        return table

    def order(position: int) -> tuple[Any, ...]:
        due = _day(table.at[position, "due_date"])
        if table.at[position, "overdue"]:
            group: tuple[Any, ...] = (0, -table.at[position, "days_overdue"], date.min)
        elif table.at[position, "due_next_quarter"]:
            group = (1, 0, due)
        else:
            group = (2, due is None, due or date.min)
        return (*group, str(_value(table.at[position, "action"]) or "").casefold())

    return table.loc[sorted(range(len(table)), key=order)].reset_index(drop=True)


def actions_by_status(table: pd.DataFrame) -> dict[str, int]:
    """How many actions the officers put at each status, in the plans' order, plus 'no status': all keys, zero when none
    (a status outside these, from an older store, is counted under its own name after them)."""
    counts = dict.fromkeys((*OFFICER_STATUSES, NO_STATUS), 0)
    for status in table["status"] if "status" in table else []:
        key = _value(status) or NO_STATUS
        counts[key] = counts.get(key, 0) + 1
    return counts


def overdue_summary(table: pd.DataFrame) -> dict[str, Any]:
    """The headline counts of an action_table: overdue, the most days overdue, due next quarter (and that quarter's
    end, for the latest report date), no date, status differs; Nones when the table is empty."""
    if not len(table):
        return {"overdue": 0, "most_days_overdue": None, "due_next_quarter": 0, "next_quarter_end": None, "no_date": 0,
                "status_differs": 0, "report_date": None}
    report_date = max(_day(v) for v in table["report_date"])
    days = [int(v) for v in table["days_overdue"] if _value(v) is not None]
    return {"overdue": int(table["overdue"].sum()), "most_days_overdue": max(days) if days else None,
            "due_next_quarter": int(table["due_next_quarter"].sum()), "next_quarter_end": next_quarter_end(report_date),
            "no_date": int(table["no_date"].sum()), "status_differs": int(table["status_differs"].sum()),
            "report_date": report_date}
