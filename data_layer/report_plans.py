"""The risk register and action plan in `report --json`: `risks`, every risk at every register month with its ratings,
bands and whether it has come down since the register before; `actions`, every action at every plan month with when
it is due and whether it is overdue at that plan's date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from data_layer import action_metrics, risk_metrics
from data_layer.periods import period_from_label
from data_layer.risk_scale import RiskScale


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def _day(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def _in_year(frame: pd.DataFrame, column: str, financial_year: str | None) -> pd.DataFrame:
    if financial_year is None or frame.empty:
        return frame
    year = period_from_label(financial_year)
    return frame[frame[column].map(lambda day: year.start <= day <= year.end)]


def plans_report(register: pd.DataFrame, actions: pd.DataFrame, scale: RiskScale, financial_year: str | None) -> dict[str, list[dict[str, Any]]]:
    """`risks` and `actions` for the report; with a financial year, the registers and plans dated within it."""
    risks: list[dict[str, Any]] = []
    if not register.empty:
        rows = _in_year(risk_metrics.with_trend(register, scale), "period_end", financial_year)
        rows = rows.assign(is_latest=rows.groupby(["directorate", "service", "reference_key"], dropna=False)["period_end"]
                           .transform("max") == rows["period_end"])
        for r in rows.sort_values(["period_end", "reference"]).itertuples():
            risks.append({
                "reference": r.reference, "title": r.title, "directorate": _text(r.directorate), "service": _text(r.service),
                "owner": _text(r.owner), "period": r.period,
                "current_likelihood": _int(r.current_likelihood), "current_impact": _int(r.current_impact),
                "current_rating": _int(r.current_rating), "current_band": _text(r.band),
                "target_likelihood": _int(r.target_likelihood), "target_impact": _int(r.target_impact),
                "target_rating": _int(r.target_rating), "target_band": _text(r.target_band), "gap": _int(r.gap),
                "assessment_note": _text(r.assessment_note), "previous_period": _text(r.previous_period),
                "previous_rating": _int(r.previous_rating), "trend": r.trend, "latest": bool(r.is_latest),
                "file": r.file_name, "cell": _text(r.source_cell)})
    planned: list[dict[str, Any]] = []
    if not actions.empty:
        rows = _in_year(actions, "as_at", financial_year)
        for _period, group in rows.groupby("as_at", sort=True):
            for r in action_metrics.action_table(group).itertuples():
                planned.append({
                    "reference": _text(r.reference), "action": r.action, "directorate": _text(r.directorate), "service": _text(r.service),
                    "owner": _text(r.owner), "link": _text(r.link), "period": r.period, "as_at": _day(r.as_at),
                    "as_at_assumed": bool(r.as_at_assumed), "due_text": _text(r.due_text) or "", "due_date": _day(r.due_date),
                    "due_kind": r.due_kind, "status": _text(r.status),
                    "percent_complete": None if r.percent_complete is None or pd.isna(r.percent_complete) else float(r.percent_complete),
                    "overdue": bool(r.overdue), "days_overdue": _int(r.days_overdue), "due_next_quarter": bool(r.due_next_quarter),
                    "computed_status": r.computed_status, "status_differs": bool(r.status_differs), "status_note": _text(r.status_note),
                    "commentary": _text(r.commentary), "file": r.file_name, "cell": _text(r.source_cell)})
    return {"risks": risks, "actions": planned}
