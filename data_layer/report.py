"""The report behind `python -m data_layer report`: every figure from metrics, none computed here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session

from data_layer import metrics, repository
from data_layer.banding import INFORMATION, NO_DATA_BAND
from data_layer.monitoring_metrics import VarianceThresholds, capital_programme, council_thresholds, service_variances
from data_layer.periods import YEAR, find_year_period
from data_layer.report_plans import plans_report
from data_layer.risk_scale import council_scale


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
    """The report as one JSON-ready object: budget, savings, savings_totals, indicators, services,
    and the directorate and council roll-ups, the budget over the whole span, and the printed totals
    reconciled against their rows."""
    council = repository.council(session=session, council_id=council_id)
    financial_year = normalise_financial_year(period) if period else None
    if council is None:
        return {"council": None, "period": financial_year, "budget": [], "savings": [], "savings_totals": [],
                "indicators": [], "services": [], "directorates": [], "council_summary": None,
                "budget_span": [], "budget_coverage": [], "council_budget": [], "printed_totals": [], "monitoring": [], "capital": [],
                "risks": [], "actions": []}
    assert council.id is not None
    budget = repository.budget(session=session, council_id=council.id)
    coverage = metrics.budget_coverage(budget)
    partial = metrics.partial_years(coverage)
    trends = metrics.budget_trends(budget, "service", partial)
    savings = repository.savings(session=session, council_id=council.id).sort_values(["directorate", "service", "period_end"])
    banded = metrics.band_values(repository.indicator_values(session=session, council_id=council.id),
                                 default_tolerance=council.default_tolerance)
    latest = metrics.latest_values(banded, financial_year=financial_year, default_tolerance=council.default_tolerance)
    services = repository.services(session=session, council_id=council.id)
    rule = council.overall_rule
    cards = {level: metrics.scorecard(latest, services, rule=rule, level=level) for level in ("service", "directorate", "council")}
    lines = repository.monitoring(session=session, council_id=council.id)
    schemes = repository.capital(session=session, council_id=council.id)
    reconciled = metrics.reconcile_totals(repository.printed_totals(session=session, council_id=council.id), budget, savings, lines, schemes)
    return {
        "council": council.name,
        "period": financial_year,
        "default_tolerance": json_number(council.default_tolerance),
        "overall_rule": rule,
        "budget": [
            {"directorate": r.directorate, "service": r.service, "year": r.year, "net_budget": json_number(r.net_budget),
             "change": json_number(r.change), "change_pct": json_number(r.change_pct), "direction": _text(r.direction),
             "wording": _text(r.wording), "partial_year": r.year in partial}
            for r in trends.itertuples()
        ],
        "budget_span": [
            {"directorate": r.directorate, "service": r.service, "first_year": r.first_year, "last_year": r.last_year,
             "change": json_number(r.change), "change_pct": json_number(r.change_pct), "wording": r.wording}
            for r in metrics.budget_span(trends, "service", partial).itertuples()
        ],
        "budget_coverage": [
            {"year": r.year, "services": int(r.services), "compared_with": r.compared_with, "of": None if r.of is None else int(r.of),
             "partial": bool(r.partial), "missing": list(r.missing)}
            for r in coverage.itertuples()
        ],
        "council_budget": [
            {"year": r.year, "net_budget": json_number(r.net_budget), "change": json_number(r.change), "change_pct": json_number(r.change_pct),
             "direction": _text(r.direction), "like_for_like": bool(r.like_for_like), "wording": _text(r.wording)}
            for r in metrics.budget_trends(budget, "council", partial).itertuples()
        ],
        "savings": [
            {"directorate": r.directorate, "service": r.service, "period": r.period, "amount": json_number(r.amount),
             "status": _text(r.status)}
            for r in savings.itertuples()
        ],
        "savings_totals": [
            {"directorate": r.directorate, "period": r.period, "amount": json_number(r.amount)}
            for r in metrics.savings_totals(savings).itertuples()
        ],
        "printed_totals": [
            {"sheet": r.sheet, "file": r.file_name, "cell": r.cell, "label": r.label, "period": r.period, "printed": json_number(r.printed),
             "rows": json_number(r.rows), "matches": bool(r.matches)}
            for r in reconciled.itertuples()
        ],
        "indicators": [
            {"code": _text(r.code), "name": r.indicator, "service": r.service, "directorate": r.directorate, "period": r.period,
             "actual": json_number(_number(r.actual_value)), "target": json_number(_number(r.target_value)),
             "actual_text": r.actual_text, "target_text": r.target_text,
             "polarity": _text(r.polarity_used), "polarity_source": _text(r.polarity_source),
             "band": _spec_band(r.band), "computed_band": _spec_band(r.computed_band), "for_information": str(r.band) == INFORMATION,
             "reason": r.reason, "computed_reason": r.computed_reason, "override_reason": _text(r.override_reason),
             "direction": _text(r.direction), "direction_basis": _text(r.direction_basis), "previous_period": _text(r.previous_period),
             "cumulative": bool(r.cumulative_used), "frequency": _text(r.frequency), "unit": _text(r.unit),
             "commentary": _text(r.commentary)}
            for r in latest.sort_values(["directorate", "service", "indicator"]).itertuples()
        ],
        **in_year_report(lines, schemes, council_thresholds(council), financial_year),
        **plans_report(repository.risk_register(session=session, council_id=council.id),
                       repository.actions(session=session, council_id=council.id), council_scale(council), financial_year),
        "services": _records(cards["service"]),
        "directorates": _records(cards["directorate"]),
        "council_summary": _records(cards["council"])[0],
    }


def in_year_report(lines: pd.DataFrame, schemes: pd.DataFrame, thresholds: VarianceThresholds,
                   financial_year: str | None) -> dict[str, list[dict[str, Any]]]:
    """`monitoring`: every current line (every month: the forecast's path), each with its variance band, wording and
    movement since the report before; `capital`: every scheme at every period with its band. Amounts in pounds."""
    monitoring, capital = [], []
    if financial_year:
        lines = lines[lines["financial_year"] == financial_year] if not lines.empty else lines
        schemes = schemes[schemes["financial_year"] == financial_year] if not schemes.empty else schemes
    periods = lines.drop_duplicates("period").sort_values("period_end")["period"] if not lines.empty else []
    source = lines.set_index(["service", "period"]) if not lines.empty else lines
    for period in periods:
        for r in service_variances(lines, period, thresholds).itertuples():
            line = source.loc[(r.service, period)]
            monitoring.append({
                "directorate": r.directorate, "service": r.service, "period": period, "financial_year": line["financial_year"],
                "budget": json_number(r.budget), "budget_basis": _text(line["budget_basis"]), "forecast": json_number(r.forecast),
                "forecast_stated": bool(line["forecast_stated"]), "variance": json_number(r.variance),
                "variance_pct": json_number(r.variance_percent), "band": r.band, "wording": r.words,
                "previous_variance": json_number(r.previous_variance), "movement": json_number(r.movement),
                "actual_to_date": json_number(_number(line["actual_to_date"])), "profiled_budget": json_number(_number(line["profiled_budget"])),
                "gross_expenditure": json_number(_number(line["gross_expenditure"])), "income": json_number(_number(line["income"])),
                "management_action": _text(r.management_action), "commentary": _text(r.commentary)})
    scheme_periods = schemes.drop_duplicates("period").sort_values("period_end")["period"] if not schemes.empty else []
    for period in scheme_periods:
        for r in capital_programme(schemes, period, thresholds).itertuples():
            capital.append({
                "scheme": r.scheme, "service": _text(r.service), "directorate": r.directorate, "period": period,
                **{name: json_number(_number(getattr(r, name))) for name in (
                    "total_budget", "budget_year", "spend_to_date", "forecast_year", "forecast_total", "slippage",
                    "variance_year", "variance_total")},
                "band": r.band, "band_source": r.band_source, "computed_band": r.computed_band, "rag_reason": _text(r.rag_reason)})
    return {"monitoring": monitoring, "capital": capital}


def _spec_band(band: object) -> str:
    """The band as returns-spec section 4 names it: an indicator for information only has no band, so 'No data' (its
    for_information field says why)."""
    return NO_DATA_BAND if str(band) == INFORMATION else str(band)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: (int(value) if isinstance(value, (int, np.integer)) else value) for key, value in row.items()}
            for row in frame.to_dict(orient="records")]


def _number(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _text(value: object) -> str | None:
    """A text cell for JSON: pandas' missing markers (NaN, None, NA) become None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)
