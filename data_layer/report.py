"""The report behind `python -m data_layer report`: every figure from metrics, none computed here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
from sqlmodel import Session

from data_layer import metrics, repository
from data_layer.periods import YEAR, find_year_period


class ReportProblem(ValueError):
    """A report request that cannot be answered; the message is for the user."""


def normalise_financial_year(text: str) -> str:
    """'2012/13', '12/13', '2012-13' -> '2012/13'; anything else raises ReportProblem."""
    period = find_year_period(text)
    if period is None or period.kind != YEAR:
        raise ReportProblem(f'"{text}" is not a financial year: expected e.g. 2012/13')
    return period.label


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal for JSON: an int when whole (3662000), else a float (-0.2); None stays None."""
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def build_report(*, session: Session, period: str | None = None, council_id: int | None = None) -> dict[str, Any]:
    """The report as one JSON-ready object: budget, savings, savings_totals, indicators, services."""
    council = repository.council(session=session, council_id=council_id)
    financial_year = normalise_financial_year(period) if period else None
    if council is None:
        return {"council": None, "period": financial_year, "budget": [], "savings": [], "savings_totals": [],
                "indicators": [], "services": []}
    assert council.id is not None
    trends = metrics.budget_trends(repository.budget(session=session, council_id=council.id))
    savings = repository.savings(session=session, council_id=council.id).sort_values(["directorate", "service", "period_end"])
    totals = metrics.savings_totals(savings)
    banded = metrics.band_values(repository.indicator_values(session=session, council_id=council.id),
                                 default_tolerance=council.default_tolerance)
    latest = metrics.latest_values(banded, financial_year=financial_year)
    services = repository.services(session=session, council_id=council.id)
    cards = metrics.scorecard(latest, services, rule=council.overall_rule)
    return {
        "council": council.name,
        "period": financial_year,
        "default_tolerance": json_number(council.default_tolerance),
        "overall_rule": council.overall_rule,
        "budget": [
            {"directorate": r.directorate, "service": r.service, "year": r.year, "net_budget": json_number(r.net_budget),
             "change": json_number(r.change), "change_pct": json_number(r.change_pct), "direction": _text(r.direction)}
            for r in trends.itertuples()
        ],
        "savings": [
            {"directorate": r.directorate, "service": r.service, "period": r.period, "amount": json_number(r.amount),
             "status": _text(r.status)}
            for r in savings.itertuples()
        ],
        "savings_totals": [
            {"directorate": r.directorate, "period": r.period, "amount": json_number(r.amount)} for r in totals.itertuples()
        ],
        "indicators": [
            {"code": _text(r.code), "name": r.indicator, "service": r.service, "directorate": r.directorate, "period": r.period,
             "actual": json_number(_number(r.actual_value)), "target": json_number(_number(r.target_value)),
             "actual_text": r.actual_text, "target_text": r.target_text,
             "polarity": _text(r.polarity_used), "band": r.band, "computed_band": r.computed_band, "reason": r.reason,
             "computed_reason": r.computed_reason, "override_reason": _text(r.override_reason),
             "direction": _text(r.direction), "commentary": _text(r.commentary)}
            for r in latest.sort_values(["directorate", "service", "indicator"]).itertuples()
        ],
        "services": cards.to_dict(orient="records"),
    }


def _number(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _text(value: object) -> str | None:
    """A text cell for JSON: pandas' missing markers (NaN, None, NA) become None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)
