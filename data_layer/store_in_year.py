"""The in-year facts of a load: what a Monitoring or Capital sheet will add or replace (for the preview), and writing
them in the load's transaction. A later return supersedes the same service (or scheme) and month only; earlier months
stay, as the forecast's path.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from data_layer.load_checks import field_changes
from data_layer.models import CapitalScheme, Council, Load, MonitoringLine, Service
from data_layer.returns.parsed import CapitalRow, MonitoringRow
from data_layer.values import format_pounds, name_key

if TYPE_CHECKING:
    from data_layer.loader import _Plan

MONITORING_FIELDS = ("budget", "forecast", "variance", "forecast_stated", "budget_basis", "profiled_budget", "actual_to_date",
                     "previous_variance", "gross_expenditure", "income", "management_action", "commentary")
CAPITAL_FIELDS = ("scheme", "total_budget", "budget_year", "spend_to_date", "forecast_year", "forecast_total", "slippage",
                  "officer_rag", "rag_reason")


def monitoring_words(line: MonitoringLine | MonitoringRow) -> str:
    """A monitoring line in a sentence: 'forecast £2,900,000 against a budget of £2,834,000 (variance £66,000)'."""
    return (f"forecast {format_pounds(line.forecast)} against a budget of {format_pounds(line.budget)} "
            f"(variance {format_pounds(line.variance)})")


def capital_words(scheme: CapitalScheme | CapitalRow) -> str:
    parts = [f"{what} {format_pounds(amount)}" for what, amount in (
        ("budget this year", scheme.budget_year), ("forecast this year", scheme.forecast_year), ("total budget", scheme.total_budget),
        ("forecast total", scheme.forecast_total), ("slippage", scheme.slippage)) if amount is not None]
    return ", ".join(parts) + (f", RAG {scheme.officer_rag}" if scheme.officer_rag else "")


def monitoring_changes(old: Any, new: Any) -> str:
    """The fields that differ between two monitoring lines, as the import preview and the history say them."""
    return field_changes([
        ("Budget", _pounds(old.budget), _pounds(new.budget)), ("Forecast outturn", _pounds(old.forecast), _pounds(new.forecast)),
        ("Variance", _pounds(old.variance), _pounds(new.variance)), ("Actual to date", _pounds(old.actual_to_date), _pounds(new.actual_to_date)),
        ("Management action", old.management_action, new.management_action), ("Commentary", old.commentary, new.commentary),
    ], long_text=("Management action", "Commentary"))


def capital_changes(old: Any, new: Any) -> str:
    return field_changes([
        ("Budget this year", _pounds(old.budget_year), _pounds(new.budget_year)),
        ("Forecast this year", _pounds(old.forecast_year), _pounds(new.forecast_year)),
        ("Total budget", _pounds(old.total_budget), _pounds(new.total_budget)),
        ("Forecast total", _pounds(old.forecast_total), _pounds(new.forecast_total)),
        ("Slippage", _pounds(old.slippage), _pounds(new.slippage)), ("RAG", old.officer_rag, new.officer_rag),
        ("Reason", old.rag_reason, new.rag_reason),
    ], long_text=("Reason",))


def _pounds(amount: Decimal | None) -> str | None:
    return format_pounds(amount) if amount is not None else None


def _same(old: Any, row: Any, fields: tuple[str, ...]) -> bool:
    return all(getattr(old, name) == getattr(row, name) for name in fields)


def diff_in_year(plan: _Plan, current: Callable[[type], list[Any]],
                 record: Callable[[str, str, str, str, str | None, str, str], None]) -> None:
    """Record each monitoring line and capital scheme the return adds or replaces; count those unchanged."""
    from data_layer.loader import Change

    parsed, outcome = plan.parsed, plan.outcome
    key_of = {s.id: s.name_key for s in plan.services.values()}
    lines = {(key_of[m.service_id], m.period): m for m in current(MonitoringLine)} if plan.council is not None else {}
    for row in parsed.monitoring:
        key = plan.canonical_key(row.service)
        old = lines.get((key, row.period.label))
        if old is not None and _same(old, row, MONITORING_FIELDS):
            outcome.unchanged += 1
            continue
        record("monitoring", key, row.period.label, monitoring_words(row), monitoring_words(old) if old else None, row.cell,
               monitoring_changes(old, row) if old else "")
    schemes = {(s.scheme_key, s.period): s for s in current(CapitalScheme)} if plan.council is not None else {}
    for row in parsed.capital:
        old = schemes.get((name_key(row.scheme), row.period.label))
        if old is not None and _same(old, row, CAPITAL_FIELDS):
            outcome.unchanged += 1
            continue
        if row.service:
            record(f"capital: {row.scheme}", plan.canonical_key(row.service), row.period.label, capital_words(row),
                   capital_words(old) if old else None, row.cell, capital_changes(old, row) if old else "")
        else:  # a scheme of a directorate, no one service's
            change = Change(f"capital: {row.scheme}", row.directorate or "", row.period.label, capital_words(row),
                            capital_words(old) if old else None, row.cell, capital_changes(old, row) if old else "")
            (outcome.superseded if old is not None else outcome.added).append(change)


def store_in_year(plan: _Plan, council: Council, load: Load, services: dict[str, Service], current: Callable[[type], list[Any]],
                  supersede: Callable[[list[Any]], None], directorate_id: Callable[[str | None], int]) -> None:
    """Write the return's monitoring lines and capital schemes, superseding the same service (or scheme) and month only."""
    from data_layer.store import bulk_insert

    session = plan.session
    common = {"council_id": council.id, "load_id": load.id}
    lines = {(m.service_id, m.period): m for m in current(MonitoringLine)}
    new_lines = []
    for row in plan.parsed.monitoring:
        service = services[plan.canonical_key(row.service)]
        old = lines.get((service.id, row.period.label))
        if old is not None and _same(old, row, MONITORING_FIELDS):
            continue
        supersede([old] if old else [])
        new_lines.append({
            **common, "superseded_by_load_id": None, "service_id": service.id, "period": row.period.label,
            "period_end": row.period.end, "financial_year": row.period.financial_year,
            **{name: getattr(row, name) for name in MONITORING_FIELDS}, "source_cell": f"Monitoring!{row.cell}",
        })
    if new_lines:  # a national return has 168,000 lines: one executemany, not an ORM object each
        bulk_insert(session, MonitoringLine, new_lines)
    schemes = {(s.scheme_key, s.period): s for s in current(CapitalScheme)}
    for row in plan.parsed.capital:
        old = schemes.get((name_key(row.scheme), row.period.label))
        if old is not None and _same(old, row, CAPITAL_FIELDS):
            continue
        supersede([old] if old else [])
        service = services[plan.canonical_key(row.service)] if row.service else None
        session.add(CapitalScheme.model_validate({
            **common, "service_id": service.id if service else None,
            "directorate_id": service.directorate_id if service else directorate_id(row.directorate),
            "scheme_key": name_key(row.scheme), "period": row.period.label, "period_end": row.period.end,
            "financial_year": row.period.financial_year, **{name: getattr(row, name) for name in CAPITAL_FIELDS},
            "source_cell": f"Capital!{row.cell}",
        }))
